// The language menu, in the menu bar of every page: a button that names the
// page's edition and opens a list of every edition, each link going to the
// same page in that edition. The built site keeps each edition in a folder
// of its own (en/, zh-CN/, zh-TW/), so the same page is one folder over,
// under the same file name. The editions come from the registry in
// Cargo.toml, through the page's data (interface.js).
(function () {
  "use strict";
  const book = window.bookInterface;
  if (!book || book.editions.length < 2) return;
  const tr = book.tr;
  // path_to_root is set by mdBook on every page: from this page to its edition's root.
  const root = new URL((typeof path_to_root === "string" && path_to_root) || "./", location.href);
  const here = new URL(location.pathname, location.href);
  const page = here.href.startsWith(root.href) ? here.href.slice(root.href.length) : "";
  const current = book.editions.find((e) => e.lang === book.lang) || book.editions[0];

  const menu = document.createElement("div");
  menu.className = "lang-switch";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "lang-switch-button";
  button.id = "lang-switch-button";
  button.title = tr("Read this page in another language");
  button.setAttribute("aria-haspopup", "true");
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", "lang-switch-list");
  button.textContent = current.name;
  const list = document.createElement("ul");
  list.id = "lang-switch-list";
  list.hidden = true;
  list.setAttribute("aria-labelledby", "lang-switch-button");
  for (const edition of book.editions) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    // Heading ids differ between the editions, so the link goes to the page, not the heading.
    link.href = new URL("../" + edition.lang + "/" + page, root).href;
    link.hreflang = edition.lang;
    link.lang = edition.lang;
    link.textContent = edition.name;
    if (edition.lang === book.lang) link.setAttribute("aria-current", "page");
    item.appendChild(link);
    list.appendChild(item);
  }
  menu.append(button, list);

  function show(open) {
    list.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
  }
  button.addEventListener("click", () => {
    show(list.hidden);
    if (!list.hidden) list.querySelector("a").focus();
  });
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !list.hidden) {
      show(false);
      button.focus();
      event.stopPropagation();
    }
  });
  document.addEventListener("click", (event) => {
    if (!menu.contains(event.target)) show(false);
  });
  const buttons = document.querySelector(".right-buttons");
  if (buttons) buttons.insertBefore(menu, buttons.firstChild);
})();
