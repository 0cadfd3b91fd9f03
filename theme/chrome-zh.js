// The Chinese edition's controls speak Chinese. mdBook writes its menu,
// buttons, tooltips and keyboard help in English; on a zh-CN page this
// replaces each of those strings, at once and whenever mdBook's script adds a
// control or changes one (the copy, run and hidden-lines buttons, the
// "Copied!" tooltip, a run's result).
(function () {
  "use strict";
  if (document.documentElement.lang !== "zh-CN") {
    return;
  }
  const words = {
    "Toggle Table of Contents": "显示或隐藏目录",
    "Table of contents": "目录",
    "Change theme": "更换主题",
    "Themes": "主题",
    "Auto": "自动",
    "Light": "浅色",
    "Coal": "煤黑",
    "Navy": "深蓝",
    "Print this book": "打印本书",
    "Git repository": "Git 仓库",
    "Suggest an edit": "提出修改建议",
    "Page navigation": "页面导航",
    "Previous chapter": "上一章",
    "Next chapter": "下一章",
    "Keyboard shortcuts": "键盘快捷键",
    "Copy to clipboard": "复制到剪贴板",
    "Run this code": "运行这段代码",
    "Undo changes": "撤销修改",
    "Show hidden lines": "显示隐藏的行",
    "Hide lines": "隐藏这些行",
    "Copied!": "已复制！",
    "Clipboard error!": "复制失败！",
    "Running...": "运行中……",
    "No output": "没有输出",
  };
  // The help's sentences hold keys in <kbd>, so they are matched as text.
  const sentences = {
    "Press ← or → to navigate between chapters": "按 <kbd>←</kbd> 或 <kbd>→</kbd> 在章节之间跳转",
    "Press ? to show this help": "按 <kbd>?</kbd> 显示本帮助",
    "Press Esc to hide this help": "按 <kbd>Esc</kbd> 隐藏本帮助",
  };
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
