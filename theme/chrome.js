// A translated edition's controls speak its language. mdBook writes its menu,
// buttons, tooltips and keyboard help in English; on a page of another
// edition this replaces each of those strings with the edition's
// translation (from po/, through interface.js), at once and whenever
// mdBook's script adds a control or changes one (the copy, run and
// hidden-lines buttons, the "Copied!" tooltip, a run's result).
(function () {
  "use strict";
  const tr = window.bookInterface ? window.bookInterface.tr : (english) => english;
  const N_ = (english) => english;
  // mdBook's strings, marked for the catalogs.
  const controls = [
    N_("Toggle Table of Contents"),
    N_("Table of contents"),
    N_("Change theme"),
    N_("Themes"),
    N_("Auto"),
    N_("Light"),
    N_("Coal"),
    N_("Navy"),
    N_("Print this book"),
    N_("Git repository"),
    N_("Suggest an edit"),
    N_("Page navigation"),
    N_("Previous chapter"),
    N_("Next chapter"),
    N_("Keyboard shortcuts"),
    N_("Copy to clipboard"),
    N_("Run this code"),
    N_("Undo changes"),
    N_("Show hidden lines"),
    N_("Hide lines"),
    N_("Copied!"),
    N_("Clipboard error!"),
    N_("Running..."),
    N_("No output"),
  ];
  // The help's sentences hold keys in <kbd>, so they are matched as text;
  // their translations name the same keys, which are put back in <kbd>.
  const helpSentences = [
    N_("Press ← or → to navigate between chapters"),
    N_("Press ? to show this help"),
    N_("Press Esc to hide this help"),
  ];
  const words = {};
  for (const english of controls) {
    if (tr(english) !== english) words[english] = tr(english);
  }
  const sentences = {};
  for (const english of helpSentences) {
    if (tr(english) !== english) {
      const escaped = tr(english).replace(/&/g, "&amp;").replace(/</g, "&lt;");
      sentences[english] = escaped.replace(/(←|→|\?|Esc)/g, "<kbd>$1</kbd>");
    }
  }
  if (Object.keys(words).length === 0) {
    return; // The English edition, or one with nothing translated yet.
  }
  window.bookChromeWords = words;

  function translateAttributes(element) {
    for (const name of ["title", "aria-label"]) {
      const value = element.getAttribute(name);
      if (value && Object.prototype.hasOwnProperty.call(words, value)) {
        if (name === "title") {
          // mdBook's hidden-lines button compares its English title; the
          // click handler below gives it back for that moment.
          element.dataset.englishTitle = value;
        }
        element.setAttribute(name, words[value]);
      }
    }
  }

  // The chapter's own text is left alone: only controls are translated.
  function isControlText(element) {
    const inMain = element.closest("main");
    return !inMain || element.closest("button, .buttons, .result, .tooltipped");
  }

  function translateText(element) {
    if (!isControlText(element)) {
      return;
    }
    const text = element.textContent.replace(/\s+/g, " ").trim();
    if (element.children.length === 0 && Object.prototype.hasOwnProperty.call(words, text)) {
      element.textContent = words[text];
    } else if (element.tagName === "P" && Object.prototype.hasOwnProperty.call(sentences, text)) {
      element.innerHTML = sentences[text];
    }
  }

  function translateTree(root) {
    if (root.nodeType !== Node.ELEMENT_NODE) {
      return;
    }
    for (const element of [root, ...root.querySelectorAll("*")]) {
      translateAttributes(element);
      translateText(element);
    }
  }

  document.addEventListener(
    "click",
    function (event) {
      const button = event.target.closest && event.target.closest("[data-english-title]");
      if (button) {
        button.title = button.dataset.englishTitle;
      }
    },
    true
  );

  translateTree(document.body);
  new MutationObserver(function (changes) {
    for (const change of changes) {
      if (change.type === "attributes") {
        translateAttributes(change.target);
      } else if (change.type === "characterData") {
        translateText(change.target.parentElement);
      } else {
        translateText(change.target);
        change.addedNodes.forEach(translateTree);
      }
    }
  }).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ["title", "aria-label"],
  });
})();
