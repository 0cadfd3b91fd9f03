// Offline reading: on the published site, each edition has a service worker
// (sw.js in its folder, written by `cargo xtask build`) that keeps the
// edition's pages, styles, scripts, figures and search index after a first
// visit. The page's data says whether there is one (`cargo xtask serve` has
// none).
(function () {
  "use strict";
  const book = window.bookInterface;
  if (!book || !book.offline || !("serviceWorker" in navigator)) return;
  const root = new URL((typeof path_to_root === "string" && path_to_root) || "./", location.href);
  navigator.serviceWorker
    .register(new URL("sw.js", root).href, { scope: root.pathname })
    .catch(() => {
      // The site still works online; it only will not open offline.
    });
})();
