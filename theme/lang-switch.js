// A link to the same page in the other edition, in the menu bar of every page.
// The built site keeps each edition in a folder of its own (en/, zh-CN/), so
// the other edition's page is one folder over, under the same file name.
(function () {
  "use strict";
  const editions = { "en": "English", "zh-CN": "中文" };
  const lang = document.documentElement.lang === "zh-CN" ? "zh-CN" : "en";
  const other = lang === "en" ? "zh-CN" : "en";
  // path_to_root is set by mdBook on every page: from this page to its edition's root.
  const root = new URL((typeof path_to_root === "string" && path_to_root) || "./", location.href);
  const here = new URL(location.pathname, location.href);
  let page = here.href.startsWith(root.href) ? here.href.slice(root.href.length) : "";
  // Heading ids differ between the editions, so the link goes to the page, not the heading.
  const target = new URL("../" + other + "/" + page, root);

  const link = document.createElement("a");
  link.className = "lang-switch";
  link.href = target.href;
  link.hreflang = other;
  link.lang = other;
  link.textContent = editions[other];
  link.title = other === "en" ? "Read this page in English" : "阅读本页的中文版";
  const buttons = document.querySelector(".right-buttons");
  if (buttons) {
    buttons.insertBefore(link, buttons.firstChild);
  }
})();
