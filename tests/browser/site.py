"""Drives the built site (cargo xtask build) in headless Chromium.

usage: python site.py <book folder> <screenshot folder> <editions.json> [<served URL>]

Serves the book folder on 127.0.0.1 under /book/, as GitHub Pages would, and
checks that every edition renders without console errors, that the language
menu lands on the same chapter in each other edition, that search finds each
edition's words in that edition, that runnable code has its play button, that every
page passes an accessibility audit (axe-core, from AXE_JS) and that the
sidebar toggle and wide code blocks work from the keyboard. Given the
address where `cargo xtask serve` serves the last edition, checks that
search and chapter names work there too. Saves a screenshot of every page it
checks. Run by `cargo xtask browser-test`, which writes editions.json from the
registry (Cargo.toml) and the catalogs: each edition's language, name, title
and translations, so that the test looks for each edition's own words.
"""

import functools
import http.server
import json
import os
import re
import sys
import tempfile
import threading
import urllib.parse
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
PREFIX = "/book/"

failures = []

# Filled from editions.json by main().
EDITIONS = []
LANGS = []


def t(lang, english):
    """The edition's words for an English message of the book."""
    edition = next(e for e in EDITIONS if e["lang"] == lang)
    return edition["messages"].get(english, english)


def translated_word(lang, shown):
    """Whether a figure's word `shown` is in the edition's language: in a
    translated edition, no English word of a figure is left untranslated
    (one the catalog keeps as it is, such as code, may stay)."""
    if lang == "en":
        return not any("\u3040" <= c <= "\u9fff" for c in shown)
    edition = next(e for e in EDITIONS if e["lang"] == lang)
    english = {k for k, v in edition["messages"].items() if v != k}
    return shown.strip() not in english


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message, flush=True)
    if not condition:
        failures.append(message)


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the book folder under PREFIX, quietly."""

    def translate_path(self, path):
        if path.startswith(PREFIX):
            path = "/" + path[len(PREFIX):]
        return super().translate_path(path)

    def log_message(self, *args):
        pass


def serve(folder):
    handler = functools.partial(Handler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"


def fake_playground(route):
    """mdBook asks the Rust playground which crates it has. The playground is
    outside this machine's network, so the test answers for it."""
    route.fulfill(json={"crates": [{"id": "parking_lot", "name": "parking_lot", "version": "0.13.0"}]})


# Every origin any page asked for; only the site's and the playground's may appear.
ORIGINS = set()


def watch_origins(page):
    def note(request):
        parts = urllib.parse.urlsplit(request.url)
        if parts.scheme in ("http", "https"):
            ORIGINS.add(f"{parts.scheme}://{parts.netloc}")
    page.on("request", note)


def open_page(context, url, errors):
    page = context.new_page()
    watch_origins(page)
    page.route("https://play.rust-lang.org/**", fake_playground)
    page.on("console", lambda m: errors.append(f"{url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"{url}: {e}"))
    page.goto(url, wait_until="networkidle")
    return page


def search(page, words):
    """Opens search with the `s` key, types, and returns the result links."""
    page.keyboard.press("s")
    box = page.locator("#book-search input")
    box.wait_for(state="visible", timeout=10_000)
    box.fill(words)
    page.locator("#book-search .pagefind-ui__result-link").first.wait_for(timeout=10_000)
    links = page.locator("#book-search .pagefind-ui__result-link")
    return [links.nth(i).get_attribute("href") for i in range(links.count())]


AUDIT = """async () => {
    const result = await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}});
    return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


def audit(context, base, book, errors):
    """axe-core's WCAG 2 A and AA rules (2.0 to 2.2) and its best practices,
    on every page of every edition, the language chooser and the 404 page: a
    serious or critical violation fails, others are reported."""
    axe = Path(os.environ["AXE_JS"]).read_text()
    pages = ["index.html", "404.html"] + sorted(
        str(p.relative_to(book)) for edition in LANGS
        for p in (book / edition).glob("*.html") if p.name != "toc.html")
    lesser = {}
    for name in pages:
        page = open_page(context, base + name, errors)
        # Audit the page as a reader gets it: after theme/a11y.js has patched
        # it (on the long print page that can come after the network is idle).
        if name != "index.html" and name != "404.html":
            page.wait_for_function("() => document.documentElement.dataset.a11yReady === 'true'",
                                   timeout=60_000)
        page.evaluate(axe)
        found = page.evaluate(AUDIT)
        bad = [v for v in found if v["impact"] in ("serious", "critical")]
        for v in found:
            if v not in bad:
                lesser[v["id"]] = lesser.get(v["id"], 0) + 1
        check(not bad, f"{name}: no serious or critical accessibility violation"
              + "".join(f"\n    {v['impact']} {v['id']}: {v['help']} {v['nodes']}" for v in bad))
        page.close()
    print(f"note {len(pages)} pages audited; moderate and minor findings (pages): {lesser}", flush=True)


def keyboard(context, base, errors):
    """The sidebar toggle and a wide code block work from the keyboard, and
    show their focus."""
    for edition in LANGS:
        page = open_page(context, base + edition + "/ch08-thread-pool.html", errors)
        # The sidebar's links come first.
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "mdbook-sidebar-toggle":
                break
        toggle = page.locator("#mdbook-sidebar-toggle")
        focused = page.evaluate("document.activeElement.id") == "mdbook-sidebar-toggle"
        outline = toggle.evaluate("e => getComputedStyle(e).outlineStyle")
        check(focused and outline != "none",
              f"{edition}: Tab reaches the sidebar toggle, which shows its focus ({outline})")
        before = toggle.get_attribute("aria-expanded")
        page.keyboard.press("Enter")
        page.wait_for_timeout(100)
        after = toggle.get_attribute("aria-expanded")
        check(before in ("true", "false") and after != before,
              f"{edition}: Enter on the sidebar toggle turns aria-expanded from {before} to {after}")
        wide = page.locator('pre > code[tabindex="0"]').first
        check(wide.count() == 1, f"{edition}/ch08-thread-pool.html has a code block that scrolls")
        wide.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(100)
        scrolled = wide.evaluate("e => e.scrollLeft")
        check(scrolled > 0, f"{edition}: the arrow keys scroll a focused wide code block ({scrolled}px)")
        page.close()


def offline(p, base, book, errors):
    """After one visit, an edition works with no network: the service worker
    has kept its pages, styles, scripts, figures and search index, and only
    its own; a new deploy's worker replaces the cache."""
    browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
    context = browser.new_context(service_workers="allow")
    first = LANGS[0]
    page = context.new_page()
    watch_origins(page)
    page.route("https://play.rust-lang.org/**", fake_playground)
    page.on("console", lambda m: errors.append(f"offline: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"offline: {e}"))
    page.goto(base + first + "/index.html", wait_until="networkidle")
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    keys = page.evaluate("() => caches.keys()")
    mine = [k for k in keys if k.startswith(f"book-{first}-")]
    check(len(mine) == 1 and len(keys) == 1,
          f"one visit to {first}/ keeps that edition in one cache, and no other edition: {keys}")
    context.set_offline(True)
    for chapter in ["ch04-lock.html", "ch08-thread-pool.html", "glossary.html"]:
        page.goto(base + first + "/" + chapter, wait_until="load")
        title = page.locator("main h1").first.inner_text()
        csp = page.locator('meta[http-equiv="Content-Security-Policy"]').count()
        check(title != "" and csp == 1,
              f"offline, {first}/{chapter} opens ({title!r}) with its Content-Security-Policy")
    words = t(first, "Thread pools")
    links = search(page, words)
    check(any("ch08-thread-pool.html" in link for link in links),
          f"offline, search for {words!r} finds chapter 8 among {len(links)} results")
    page.screenshot(path=str(Path(sys.argv[2]) / f"offline-{first}-search.png"))
    other = LANGS[1] if len(LANGS) > 1 else None
    if other:
        try:
            page.goto(base + other + "/ch04-lock.html", wait_until="load")
            served = page.locator("main h1").count() > 0
        except Exception:
            served = False
        check(not served, f"offline, the {other} edition, never visited, is not served from {first}'s cache")
    context.set_offline(False)
    # A new deploy: a worker with a new version replaces the cache.
    worker = book / first / "sw.js"
    original = worker.read_text()
    try:
        version = re.search(r'const CACHE = PREFIX \+ "([0-9a-f]+)"', original).group(1)
        worker.write_text(original.replace(f'PREFIX + "{version}"', 'PREFIX + "newdeploy"'))
        page.goto(base + first + "/index.html", wait_until="networkidle")
        page.evaluate("() => navigator.serviceWorker.getRegistration().then(r => r.update())")
        for _ in range(60):
            keys = page.evaluate("() => caches.keys()")
            if keys == [f"book-{first}-newdeploy"]:
                break
            page.wait_for_timeout(500)
        check(keys == [f"book-{first}-newdeploy"], f"a new deploy's worker replaces the cache: {keys}")
    finally:
        worker.write_text(original)
    context.close()
    browser.close()


def main():
    book, shots = Path(sys.argv[1]), Path(sys.argv[2])
    EDITIONS.extend(json.loads(Path(sys.argv[3]).read_text()))
    LANGS.extend(e["lang"] for e in EDITIONS)
    translated = LANGS[1:]
    served = sys.argv[4] if len(sys.argv) > 4 else None
    served_lang = LANGS[-1]
    shots.mkdir(parents=True, exist_ok=True)
    server, base = serve(book)
    errors = []
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        for edition in LANGS:
            for chapter in ["index.html", "ch01-thread.html", "ch04-lock.html"]:
                url = base + edition + "/" + chapter
                page = open_page(context, url, errors)
                title = page.locator("main h1").first.inner_text()
                check(title != "", f"{edition}/{chapter} renders, first heading {title!r}")
                csp = page.locator('meta[http-equiv="Content-Security-Policy"]').count()
                check(csp == 1, f"{edition}/{chapter} has a Content-Security-Policy")
                page.screenshot(path=str(shots / f"{edition}-{chapter}.png"), full_page=False)
                page.close()

        # Chapter names in the sidebar and the window title read as written,
        # with no markdown escape left in them.
        for edition in translated:
            name = t(edition, "The low-level \\_thread module")
            page = open_page(context, base + edition + "/ch01-thread.html", errors)
            sidebar = page.locator("#mdbook-sidebar, .sidebar").first.inner_text()
            check(name in sidebar and "\\" not in sidebar,
                  f"the {edition} sidebar names chapter 1 {name}")
            check(page.title().startswith(name),
                  f"the {edition} chapter 1 title is {page.title()!r}")
            page.close()

        # A translated edition's controls speak its language: no English string
        # of mdBook's controls is left in a title, an aria-label, the theme menu
        # or the keyboard help; and the hidden-lines button still works.
        # (An edition still being translated, not strict, may keep some.)
        for edition in [e["lang"] for e in EDITIONS[1:] if e["strict"]]:
            page = open_page(context, base + edition + "/ch01-thread.html", errors)
            words = page.evaluate("window.bookChromeWords || {}")
            english = list(words)
            check(len(english) > 10, f"{edition} pages load their controls' words ({len(english)} strings)")
            left = page.evaluate("""words => {
                const found = [];
                for (const el of document.querySelectorAll('*')) {
                    for (const name of ['title', 'aria-label']) {
                        const v = el.getAttribute(name);
                        if (v && words.includes(v)) found.push(name + '=' + v);
                    }
                }
                for (const el of document.querySelectorAll('#mdbook-theme-list button, #mdbook-help-popup *')) {
                    const t = el.textContent.replace(/\\s+/g, ' ').trim();
                    if (words.includes(t) || /^Press /.test(t)) found.push('text=' + t);
                }
                return found;
            }""", english)
            check(not left, f"no English control string on {edition}/ch01-thread.html"
                  + "".join("\n    " + l for l in left))
            kbd = page.locator("#mdbook-help-popup kbd").count()
            check(kbd >= 4, f"{edition}: the keyboard help shows its keys in <kbd> ({kbd})")
            page.close()
        # The hidden-lines button behaves in every edition exactly as in
        # English: a translated page's title after a click is the translation
        # of the English page's (mdBook compares the English title to decide).
        after = {}
        for edition in LANGS:
            title = t(edition, "Show hidden lines") if edition != "en" else "Show hidden lines"
            page = open_page(context, base + edition + "/ch01-thread.html", errors)
            eye = page.locator(f'pre .buttons button[title="{title}"]').first
            eye.evaluate("button => button.click()")
            page.wait_for_timeout(200)
            after[edition] = (eye.get_attribute("title"),
                              eye.evaluate("b => b.closest('pre').querySelector('code').className"))
            page.close()
        en_title, en_code = after["en"]
        for edition in translated:
            title, code = after[edition]
            check(title == t(edition, en_title) and code == en_code,
                  f"the hidden-lines button acts in {edition} as in en: {after[edition]} {after['en']}")

        # An address outside the editions gets the site's own 404 page, which
        # leads to every one (GitHub Pages serves 404.html from the root only).
        page = context.new_page()
        watch_origins(page)
        page.goto(base + "404.html", wait_until="networkidle")
        links = [a.get_attribute("href") for a in page.locator("a").all()]
        check(all(any(l.endswith(f"/{e}/") for l in links) for e in LANGS),
              f"the site's 404.html links to every edition: {links}")
        page.close()

        # The front door sends a browser to its language's edition.
        doors = [(code, e["lang"]) for e in EDITIONS for code in [e["lang"]] + e["also"]]
        # A language with no edition of its own gets the first one.
        primaries = {code.split("-")[0].lower() for code, _ in doors}
        stranger = next(c for c in ["fr-FR", "de-DE", "ja-JP", "ru-RU"] if c.split("-")[0] not in primaries)
        doors.append((stranger, LANGS[0]))
        for wanted, expected in doors:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
            door = browser.new_context(locale=wanted)
            page = door.new_page()
            page.goto(base + "index.html")
            page.wait_for_url(f"**/{expected}/", timeout=10_000)
            check(page.url.endswith(f"/{expected}/"), f"a browser in {wanted} is sent to {page.url}")
            door.close()
            browser.close()

        # The language menu goes to the same chapter in every other edition.
        for edition in LANGS:
            for other in LANGS:
                if other == edition:
                    continue
                page = open_page(context, base + edition + "/ch02-thread-object.html", errors)
                button = page.locator("button.lang-switch-button")
                button.click()
                expanded = button.get_attribute("aria-expanded")
                page.locator(f'#lang-switch-list a[hreflang="{other}"]').click()
                page.wait_for_load_state("networkidle")
                check(expanded == "true" and page.url.endswith(f"/{other}/ch02-thread-object.html"),
                      f"the menu on {edition}/ch02-thread-object.html lands on {page.url}")
                check(page.evaluate("document.documentElement.lang") == other,
                      f"the page it lands on is in {other}")
                page.close()

        # Search: each edition's words, found in that edition only.
        for edition in LANGS:
            for english, expected in [("Thread pools", "ch08-thread-pool.html"),
                                      ("Thread-local data", "ch06-thread-local.html")]:
                words = t(edition, english)
                page = open_page(context, base + edition + "/index.html", errors)
                links = search(page, words)
                check(any(expected in link for link in links),
                      f"search for {words!r} in {edition} finds {expected} among {len(links)} results"
                      + ("" if any(expected in link for link in links) else f": {links}"))
                check(all(f"/{edition}/" in link for link in links),
                      f"search for {words!r} in {edition} stays in the {edition} edition")
                if edition != "en":
                    # Pagefind's own strings are the edition's too: the box's
                    # placeholder and label, the count of results, the clear button.
                    box = page.locator("#book-search")
                    field = box.locator("input").first
                    shown = [field.get_attribute("placeholder") or "", field.get_attribute("aria-label") or ""]
                    for part in [".pagefind-ui__message", ".pagefind-ui__search-clear", ".pagefind-ui__button"]:
                        if box.locator(part).count():
                            shown.append(box.locator(part).first.inner_text())
                    english_left = [x for x in shown if re.search(r"[A-Za-z]{3,}", x)]
                    check(not english_left, f"{edition} search shows Pagefind's strings in its language"
                          + (f"; still English: {english_left}" if english_left else ""))
                page.screenshot(path=str(shots / f"{edition}-search-{expected}.png"))
                page.close()

        # Under `cargo xtask serve`, search has its index and the sidebar its
        # chapter names, as on the published site.
        if served:
            name = t(served_lang, "The low-level \\_thread module")
            page = open_page(context, served + "ch01-thread.html", errors)
            sidebar = page.locator("#mdbook-sidebar, .sidebar").first.inner_text()
            check(name in sidebar and "\\" not in sidebar,
                  f"under cargo xtask serve, the {served_lang} sidebar names chapter 1 {name}")
            words = t(served_lang, "Thread pools")
            links = search(page, words)
            check(any("ch08-thread-pool.html" in link for link in links),
                  f"under cargo xtask serve, search for {words} finds chapter 8 among {len(links)} results")
            page.screenshot(path=str(shots / f"served-{served_lang}-search.png"))
            page.close()

        # What a reader downloads for one chapter, and for a search (reported, not asserted).
        for edition in LANGS:
            sizes = {}
            page = context.new_page()
            page.route("https://play.rust-lang.org/**", fake_playground)
            page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if r.ok else None)
            page.goto(base + edition + "/ch04-lock.html", wait_until="networkidle")
            chapter, requests = sum(sizes.values()), len(sizes)
            sizes.clear()
            search(page, t(edition, "Thread pools"))
            page.wait_for_load_state("networkidle")
            print(f"size  {edition}/ch04-lock.html: {chapter / 1024:.0f} KiB in {requests} requests;"
                  f" a first search adds {sum(sizes.values()) / 1024:.0f} KiB"
                  f" in {len(sizes)} requests", flush=True)
            page.close()

        # The trimmed highlight.js still colours the book's languages.
        page = open_page(context, base + "en/ch04-lock.html", errors)
        for language in ["rust", "python"]:
            words = page.locator(f"code.language-{language} .hljs-keyword").count()
            check(words > 0, f"en/ch04-lock.html highlights {language} ({words} keywords)")
        page.close()

        # The figures are on their pages in every edition, each an image with a
        # text alternative, in the edition's language.
        for edition in LANGS:
            for chapter, count in [("ch01-thread.html", 1), ("ch04-lock.html", 1),
                                   ("ch08-thread-pool.html", 4)]:
                page = open_page(context, base + edition + "/" + chapter, errors)
                figures = page.evaluate("""() => Array.from(document.querySelectorAll('svg.book-figure')).map(svg => {
                    const ids = (svg.getAttribute('aria-labelledby') || '').split(' ');
                    const named = ids.map(id => (document.getElementById(id) || {}).textContent || '');
                    return {role: svg.getAttribute('role'), named,
                            texts: Array.from(svg.querySelectorAll('text')).map(t => t.textContent)};
                })""")
                check(len(figures) == count, f"{edition}/{chapter} shows {len(figures)} of its {count} figures")
                for figure in figures:
                    alternative = figure["role"] == "img" and len(figure["named"]) == 2 and all(figure["named"])
                    # Every word in the edition's language: the translation of
                    # the English figure's title, description and labels.
                    in_language = all(translated_word(edition, x)
                                      for x in figure["named"] + figure["texts"])
                    check(alternative and in_language,
                          f"{edition}/{chapter}: figure {figure['named'][0][:40]!r} has a text alternative "
                          f"and speaks the edition's language")
                page.close()

        # A chapter at a phone's width, in every edition (the screenshots are
        # for people; the audit above covers what a machine can check).
        for edition in LANGS:
            phone = context.new_page()
            phone.set_viewport_size({"width": 390, "height": 844})
            phone.route("https://play.rust-lang.org/**", fake_playground)
            phone.goto(base + edition + "/ch08-thread-pool.html", wait_until="networkidle")
            phone.screenshot(path=str(shots / f"phone-{edition}-ch08-thread-pool.png"))
            # A figure's words keep their size on a phone (its box scrolls).
            smallest = phone.evaluate("""() => Math.min(...Array.from(
                document.querySelectorAll('svg.book-figure text'),
                t => t.getBoundingClientRect().height).filter(h => h > 0))""")
            check(smallest >= 12,
                  f"{edition}: at a phone's width, a figure's smallest words are {smallest:.0f}px high")
            phone.locator("svg.book-figure").nth(1).scroll_into_view_if_needed()
            phone.screenshot(path=str(shots / f"phone-{edition}-ch08-figure.png"))
            phone.close()

        # An exercise's solution is folded until the reader opens it.
        for edition in LANGS:
            label = t(edition, "A solution")
            page = open_page(context, base + edition + "/ch04-lock.html", errors)
            fold = page.locator("details", has_text=label).first
            closed = fold.count() == 1 and not fold.evaluate("d => d.open")
            fold.locator("summary").click()
            opened = fold.evaluate("d => d.open") and fold.locator("pre code").first.is_visible()
            check(closed and opened,
                  f"{edition}/ch04-lock.html folds the exercise's solution under {label!r}")
            page.close()

        # A "Predict" question: its choices are radio buttons, used by
        # keyboard; the page says right or wrong at once, opens the answer,
        # and remembers the choice on the next visit.
        for edition in LANGS:
            wrong = t(edition, "Not quite: the answer below says why.")
            right = t(edition, "Right: that is what it prints.")
            page = open_page(context, base + edition + "/ch04-lock.html", errors)
            question = page.locator("div.predict").first
            radios = question.locator('[role="radiogroup"] input[type="radio"]')
            count = radios.count()
            labelled = question.locator('[role="radiogroup"]').get_attribute("aria-labelledby")
            check(count >= 2 and labelled,
                  f"{edition}/ch04-lock.html: a question offers {count} radio buttons in a labelled group")
            right_index = question.locator("div.predict-choice").evaluate_all(
                "cs => cs.findIndex(c => c.hasAttribute('data-right'))")
            wrong_index = 0 if right_index != 0 else 1
            status = question.locator('[role="status"]')
            answer = question.locator("details.predict-answer")
            check(not answer.evaluate("d => d.open"), f"{edition}: the answer is folded before a choice")
            radios.nth(wrong_index).focus()
            page.keyboard.press("Space")
            said = status.inner_text()
            check(said == wrong and answer.evaluate("d => d.open"),
                  f"{edition}: Space on a wrong choice says {said!r} and opens the answer")
            for _ in range(count):
                if radios.nth(right_index).is_checked():
                    break
                page.keyboard.press("ArrowDown")
            said = status.inner_text()
            check(radios.nth(right_index).is_checked() and said == right,
                  f"{edition}: the arrow keys reach the right choice, which says {said!r}")
            page.reload(wait_until="networkidle")
            question = page.locator("div.predict").first
            kept = question.locator('input[type="radio"]').nth(right_index).is_checked()
            said = question.locator('[role="status"]').inner_text()
            check(kept and said == right, f"{edition}: the choice is remembered on the next visit")
            page.close()
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        plain = browser.new_context(java_script_enabled=False)
        page = open_page(plain, base + "en/ch04-lock.html", errors)
        question = page.locator("div.predict").first
        folded = not question.locator("details.predict-answer").evaluate("d => d.open")
        shown = question.locator("div.predict-choice").count()
        check(folded and shown >= 2,
              f"without JavaScript, a question shows its {shown} choices and folds its answer")
        page.close()
        plain.close()
        browser.close()

        # The cheat sheet prints on at most two A4 pages, in every edition.
        for edition in LANGS:
            page = open_page(context, base + edition + "/appendix-cheat-sheet.html", errors)
            pdf = page.pdf(format="A4")
            counts = [int(n) for n in re.findall(rb"/Count (\d+)", pdf)]
            pages = max(counts) if counts else 0
            check(1 <= pages <= 2, f"{edition}/appendix-cheat-sheet.html prints on {pages} A4 pages")
            page.close()

        # Every page links its edition's EPUB and PDF, which download.
        for edition in LANGS:
            page = open_page(context, base + edition + "/ch04-lock.html", errors)
            links = page.locator(".book-downloads a")
            hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
            kinds = sorted(h.rsplit(".", 1)[-1] for h in hrefs)
            check(kinds == ["epub", "pdf"] and all(f"/{edition}/downloads/" in h for h in hrefs),
                  f"{edition}/ch04-lock.html links its downloads: {hrefs}")
            for href in hrefs:
                response = page.request.get(href)
                check(response.ok and len(response.body()) > 100_000,
                      f"{href.split('/book/')[-1]} downloads ({len(response.body()) // 1024} KiB)")
            page.close()

        offline(p, base, book, errors)
        audit(context, base, book, errors)
        keyboard(context, base, errors)

        # Runnable code has the playground's run button; rejected code keeps it too.
        page = open_page(context, base + "en/ch01-thread.html", errors)
        plays = page.locator("pre.playground .play-button").count()
        check(plays > 0, f"en/ch01-thread.html has {plays} play buttons")
        page.close()

        # Runnable code is editable: the pencil makes the block a text box whose
        # text the run button sends; the arrow brings the book's code back.
        for edition in LANGS:
            label = t(edition, "Edit this code")
            page = open_page(context, base + edition + "/ch01-thread.html", errors)
            pre = page.locator("pre.playground").first
            edit = pre.locator(".edit-button")
            check(edit.get_attribute("aria-label") == label,
                  f"{edition}: runnable blocks have an edit button labelled {label!r}")
            original = pre.evaluate("p => playground_text(p)")
            edit.focus()
            page.wait_for_timeout(300)  # mdBook fades the buttons in over 0.1 s
            shown = pre.locator(".buttons").evaluate("b => getComputedStyle(b).opacity")
            check(shown == "1", f"{edition}: a code block's buttons show when one has the keyboard focus")
            edit.click()
            page.keyboard.press("Control+End")
            page.keyboard.type("\n// edited by the test\n")
            edited = pre.evaluate("p => playground_text(p)")
            check(edited != original and "// edited by the test" in edited
                  and page.url.endswith("/ch01-thread.html"),
                  f"{edition}: typing in an edited block changes what the run button sends")
            pre.locator(".reset-button").click()
            check(pre.evaluate("p => playground_text(p)") == original,
                  f"{edition}: the undo button brings the book's code back")
            page.close()

        # A listing the playground cannot run (2,000 threads) has no run button.
        page = open_page(context, base + "en/ch08-thread-pool.html", errors)
        block = page.locator("pre", has_text="What 2,000 idle threads cost").first
        check(block.count() == 1 and block.locator(".play-button").count() == 0,
              "en/ch08-thread-pool.html shows the 2,000-thread listing with no run button")
        page.close()

        context.close()
    server.shutdown()
    site = base.split(PREFIX)[0]
    allowed = {site, "https://play.rust-lang.org"}
    if served:
        parts = urllib.parse.urlsplit(served)
        allowed.add(f"{parts.scheme}://{parts.netloc}")
    strangers = sorted(ORIGINS - allowed)
    check(not strangers, f"the pages asked only {site} and the playground"
          + "".join("\n    also " + o for o in strangers))
    check(not errors, "no console errors" + ("".join("\n    " + e for e in errors)))
    print(f"{len(failures)} failed", flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
