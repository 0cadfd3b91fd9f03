// The book to take away: at the end of every page of the published site, a
// line that links the edition's EPUB and PDF, with their sizes. The list
// comes from the page's data (interface.js), which `cargo xtask build` writes
// once it has made them; `cargo xtask serve` makes none, and shows no line.
(function () {
  "use strict";
  const book = window.bookInterface;
  if (!book || !book.downloads || !book.downloads.length) return;
  const main = document.querySelector("main");
  if (!main) return;
  const tr = book.tr;
  const root = new URL((typeof path_to_root === "string" && path_to_root) || "./", location.href);
  const size = (bytes) =>
    bytes >= 1024 * 1024 ? (bytes / 1024 / 1024).toFixed(1) + " MiB" : Math.round(bytes / 1024) + " KiB";
  const line = document.createElement("p");
  line.className = "book-downloads";
  line.append(tr("Download this book:"));
  book.downloads.forEach((file, index) => {
    line.append(index === 0 ? " " : " · ");
    const link = document.createElement("a");
    link.href = new URL(file.href, root).href;
    link.setAttribute("download", "");
    link.textContent = file.kind + " (" + size(file.bytes) + ")";
    line.append(link);
  });
  main.append(line);
})();
