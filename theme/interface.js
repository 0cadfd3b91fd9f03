// The interface's words in the page's edition, for the other scripts of
// theme/. `cargo xtask build` and `serve` write into each page's head a data
// block (id "book-interface") with the page's language, every edition of the
// book (language, name, title) and the edition's translations of the strings
// the scripts mark: tr("…") translates a string where it is used; N_("…")
// marks one that is translated later (mdBook's own controls, which
// chrome.js finds on the page). The marked strings go through the catalogs
// in po/, as the book's text does (book_pipeline::interface).
(function () {
  "use strict";
  const block = document.getElementById("book-interface");
  let data = { lang: document.documentElement.lang || "en", editions: [], words: {} };
  try {
    if (block) data = JSON.parse(block.textContent);
  } catch (e) {
    // Without its data the page keeps its English interface.
  }
  const has = Object.prototype.hasOwnProperty;
  data.tr = function (english) {
    return has.call(data.words, english) ? data.words[english] : english;
  };
  window.bookInterface = data;
})();
