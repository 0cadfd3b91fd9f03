// Keyboard and screen-reader fixes to mdBook 0.5.4's pages, on every page of
// both editions. The browser test audits each page with axe-core.
(function () {
  "use strict";

  // The sidebar toggle is a <label> for a hidden checkbox: no control for a
  // screen reader (aria-expanded and aria-label are not allowed on a label)
  // and out of reach of the keyboard. Make it a button that Enter and Space
  // press, and keep aria-expanded true to the checkbox from the start
  // (mdBook sets it only once the sidebar is toggled).
  const toggle = document.getElementById("mdbook-sidebar-toggle");
  const checkbox = document.getElementById("mdbook-sidebar-toggle-anchor");
  if (toggle && checkbox) {
    toggle.setAttribute("role", "button");
    toggle.tabIndex = 0;
    toggle.setAttribute("aria-expanded", String(checkbox.checked));
    checkbox.addEventListener("change", () =>
      toggle.setAttribute("aria-expanded", String(checkbox.checked)));
    toggle.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        toggle.click();
      }
    });
  }

  // The menu bar (the toggle, the book's title and the buttons) is the page's
  // banner, so that no content lies outside a landmark.
  const bar = document.getElementById("mdbook-menu-bar");
  if (bar) bar.setAttribute("role", "banner");

  // On a narrow screen a figure keeps a width at which its words are legible
  // (theme/book.css) and scrolls sideways in a box of its own.
  document.querySelectorAll("svg.book-figure").forEach((svg) => {
    const box = document.createElement("div");
    box.className = "figure-scroll";
    svg.replaceWith(box);
    box.appendChild(svg);
  });

  // A code or output block, a table or a figure, wider (or taller) than its
  // box scrolls; the keyboard reaches it when it does, and scrolls it with the
  // arrow keys. Blocks that fit stay out of the tab order. Showing hidden
  // lines, or a narrower window, can change which blocks scroll.
  const blocks = document.querySelectorAll("pre > code, .table-wrapper, .figure-scroll");
  const reach = (block) => {
    const scrolls =
      block.scrollWidth > block.clientWidth || block.scrollHeight > block.clientHeight;
    if (scrolls) block.tabIndex = 0;
    else block.removeAttribute("tabindex");
  };
  // In a focused block, the left and right arrows scroll it: they must not
  // reach mdBook's handler on the document, which turns the page.
  blocks.forEach((block) =>
    block.addEventListener("keydown", (event) => {
      if (event.key === "ArrowLeft" || event.key === "ArrowRight") event.stopPropagation();
    }));
  if ("ResizeObserver" in window) {
    const observer = new ResizeObserver((entries) => entries.forEach((e) => reach(e.target)));
    blocks.forEach((block) => observer.observe(block));
  }
  window.addEventListener("load", () => {
    blocks.forEach(reach);
    // Done: the browser test audits a page only once this is set.
    document.documentElement.dataset.a11yReady = "true";
  });
})();
