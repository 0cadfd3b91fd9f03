// Editable playground blocks, without an editor library: a runnable block
// gets an edit button that lets the reader change the code in place (the
// run button then sends the changed program, hidden lines included) and an
// undo button that brings the book's code back. mdBook's own editor (Ace)
// would add several hundred KiB to every page.
(function () {
  "use strict";
  const tr = window.bookInterface ? window.bookInterface.tr : (english) => english;
  const label = tr("Edit this code");
  const undo = "Undo changes"; // chrome.js translates it, as it does mdBook's
  const icon = (id) => {
    const svg = document.getElementById(id);
    return svg ? svg.innerHTML : "";
  };

  function editable(pre) {
    const code = pre.querySelector("code");
    const buttons = pre.querySelector(".buttons");
    if (!code || !buttons) return;
    const original = code.innerHTML;

    const edit = document.createElement("button");
    edit.className = "edit-button";
    edit.title = label;
    edit.setAttribute("aria-label", label);
    edit.innerHTML = icon("git-edit-button");

    const reset = document.createElement("button");
    reset.className = "reset-button";
    reset.hidden = true;
    reset.title = undo;
    reset.setAttribute("aria-label", undo);
    reset.innerHTML = icon("fa-clock-rotate-left");

    buttons.insertBefore(reset, buttons.firstChild);
    buttons.insertBefore(edit, buttons.firstChild);

    edit.addEventListener("click", () => {
      code.contentEditable = "plaintext-only";
      code.spellcheck = false;
      code.setAttribute("role", "textbox");
      code.setAttribute("aria-multiline", "true");
      code.setAttribute("aria-label", label);
      reset.hidden = false;
      code.focus();
    });
    reset.addEventListener("click", () => {
      code.innerHTML = original;
      code.removeAttribute("contenteditable");
      code.removeAttribute("role");
      code.removeAttribute("aria-multiline");
      code.removeAttribute("aria-label");
      reset.hidden = true;
      edit.focus();
    });
    // While editing, keys belong to the code: mdBook's shortcuts (arrows turn
    // the page, ? opens its help) and the search's (s, /) stay out.
    code.addEventListener("keydown", (event) => {
      if (code.isContentEditable) event.stopPropagation();
    });
  }

  // mdBook adds the buttons of runnable blocks once its script has run.
  window.addEventListener("load", () =>
    document.querySelectorAll("pre.playground").forEach((pre) => {
      if (pre.querySelector(".play-button")) editable(pre);
    }));
})();
