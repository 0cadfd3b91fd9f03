// Search with Pagefind, which segments Chinese text; mdBook's own search splits
// on spaces only and never finds a Chinese word. The index covers both editions
// and lives in pagefind/ beside the editions' folders; Pagefind picks the
// index of the page's <html lang>, so results stay in the reader's edition.
(function () {
  "use strict";
  const root = new URL((typeof path_to_root === "string" && path_to_root) || "./", location.href);
  const site = new URL("../", root);
  const bundle = new URL("pagefind/", site);
  const tr = window.bookInterface ? window.bookInterface.tr : (english) => english;
  let ui = null;
  // Every string Pagefind's interface shows, in the edition's language; the
  // words in brackets are Pagefind's, which it fills in.
  const strings = {
    placeholder: tr("Search this book"),
    clear_search: tr("Clear"),
    load_more: tr("Load more results"),
    search_label: tr("Search this book"),
    filters_label: tr("Filters"),
    zero_results: tr("No results for [SEARCH_TERM]"),
    many_results: tr("[COUNT] results for [SEARCH_TERM]"),
    one_result: tr("[COUNT] result for [SEARCH_TERM]"),
    alt_search: tr("No results for [SEARCH_TERM]. Showing results for [DIFFERENT_TERM] instead"),
    search_suggestion: tr("No results for [SEARCH_TERM]. Try one of the following searches:"),
    searching: tr("Searching for [SEARCH_TERM]..."),
  };

  const dialog = document.createElement("div");
  dialog.id = "book-search";
  dialog.hidden = true;
  dialog.setAttribute("role", "dialog");
  dialog.setAttribute("aria-label", tr("Search this book"));
  dialog.innerHTML = '<div class="book-search-box"><div id="book-search-ui"></div></div>';
  document.body.appendChild(dialog);
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) close();
  });

  function load(done) {
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = new URL("pagefind-ui.css", bundle).href;
    document.head.appendChild(css);
    const script = document.createElement("script");
    script.src = new URL("pagefind-ui.js", bundle).href;
    script.onload = () => {
      ui = new PagefindUI({
        element: "#book-search-ui",
        bundlePath: bundle.pathname,
        baseUrl: site.pathname,
        showSubResults: true,
        resetStyles: false,
        // Search on the page's own thread: a web worker under pagefind/ is
        // outside the edition's service worker, which could not answer it
        // offline (theme/offline.js).
        noWorker: true,
        // Pagefind's own strings, in the edition's language.
        translations: strings,
      });
      done();
    };
    document.head.appendChild(script);
  }

  function focusInput() {
    const input = dialog.querySelector("input");
    if (input) input.focus();
  }

  function open() {
    dialog.hidden = false;
    if (ui) focusInput();
    else load(focusInput);
  }

  function close() {
    dialog.hidden = true;
  }

  // The book's own search button, where mdBook would put it.
  const button = document.createElement("button");
  button.id = "book-search-toggle";
  button.className = "icon-button";
  button.type = "button";
  button.title = tr("Search (S)");
  button.setAttribute("aria-label", button.title);
  button.setAttribute("aria-keyshortcuts", "s /");
  button.innerHTML =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="16" height="16" aria-hidden="true">' +
    '<path fill="currentColor" d="M416 208c0 45.9-14.9 88.3-40 122.7L502.6 457.4c12.5 12.5 12.5 32.8 0 45.3s-32.8 12.5-45.3 0L330.7 376c-34.4 25.2-76.8 40-122.7 40C93.1 416 0 322.9 0 208S93.1 0 208 0S416 93.1 416 208zM208 352a144 144 0 1 0 0-288 144 144 0 1 0 0 288z"/></svg>';
  button.addEventListener("click", open);
  const left = document.querySelector(".left-buttons");
  if (left) left.appendChild(button);

  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) ||
      document.activeElement.isContentEditable;
    if (event.key === "Escape" && !dialog.hidden) {
      close();
    } else if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey &&
               (event.key === "s" || event.key === "S" || event.key === "/")) {
      event.preventDefault();
      open();
    }
  });
})();
