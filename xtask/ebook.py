"""The book to download: an EPUB 3 and a PDF of one edition, for `cargo xtask build`.

usage: python ebook.py epub <edition folder> <language> <title> <name> <modified> <out.epub>
       python ebook.py pdf <site folder> <language> <out.pdf>

Both start from the edition's print page, which mdBook writes with every
chapter in the sidebar's order, its includes expanded, its links between
chapters turned into links inside the page, and which `cargo xtask build` has
finished (figures' words translated). Nothing is written twice: the EPUB is
that page cut into one file per chapter, and the PDF is Chromium printing it.

The EPUB: one XHTML file per chapter, named and ordered as the sidebar
(toc.html) names them; code highlighted by Pygments with a static style
sheet, without the hidden lines; figures kept as inline SVG; the recorded
outputs, the folded answers and asides open; every link to a heading of the
book rewritten to its chapter's file; a cover page with the title in the
edition's script. The zip is the same bytes for the same input (fixed times,
`mimetype` first and stored).

The PDF: A4, an outline of chapters and sections (Chromium's `outline`),
page numbers in the footer, text that can be selected, long code lines
wrapped (mdBook's print style sheet and theme/book.css), figures as vectors.
"""

import copy
import functools
import http.server
import sys
import threading
import uuid
import zipfile
from pathlib import Path

EPOCH = (2026, 1, 1, 0, 0, 0)
XHTML = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"


# ---------------------------------------------------------------- EPUB

def sidebar(folder):
    """The chapters as the sidebar lists them: (file, name, level)."""
    import lxml.html

    toc = lxml.html.fromstring((folder / "toc.html").read_bytes())
    chapters = []
    for link in toc.iter("a"):
        href = link.get("href") or ""
        if not href.endswith(".html") or "://" in href or href == "print.html":
            continue
        level = sum(1 for a in link.iterancestors("ol"))
        name = " ".join(link.text_content().split())
        chapters.append((href, name, level))
    return chapters


def highlight(code_element):
    """The code's text, without hidden lines, highlighted by Pygments, as a
    new <code> element."""
    import lxml.html
    from pygments import highlight as pyg
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    for boring in code_element.xpath('.//span[contains(concat(" ", @class, " "), " boring ")]'):
        boring.drop_tree()
    text = code_element.text_content()
    language = "text"
    for cls in (code_element.get("class") or "").split():
        if cls.startswith("language-"):
            language = cls[len("language-"):]
    try:
        lexer = get_lexer_by_name(language)
    except ClassNotFound:
        lexer = get_lexer_by_name("text")
    html = pyg(text, lexer, HtmlFormatter(nowrap=True))
    new = lxml.html.fragment_fromstring("<code>" + html + "</code>")
    new.set("class", f"highlight language-{language}")
    return new


def clean_chapter(chunk):
    """A chapter's elements made fit for an e-reader."""
    for element in chunk.xpath('.//*[contains(concat(" ", @class, " "), " buttons ")] | .//script | .//button'):
        element.drop_tree()
    for details in chunk.iter("details"):
        details.set("open", "open")
    # A <summary> holds phrasing only; markdown may have wrapped it in <p>.
    for paragraph in chunk.xpath(".//summary/p"):
        paragraph.drop_tag()
    for code in chunk.xpath(".//pre/code"):
        code.getparent().replace(code, highlight(code))
    for element in chunk.iter():
        if not isinstance(element.tag, str):
            continue
        for name in list(element.attrib):
            # Attributes of the live page that XHTML does not allow.
            if name in ("tabindex",) or name.startswith("on"):
                del element.attrib[name]
    return chunk


def epub(folder, language, title, name, modified, out):
    import lxml.etree as etree
    import lxml.html
    from pygments.formatters import HtmlFormatter

    folder = Path(folder)
    page = lxml.html.fromstring((folder / "print.html").read_bytes())
    main = page.find(".//main")
    chapters = sidebar(folder)
    # mdBook separates the chapters of its print page with an empty div
    # that breaks the page before the next one.
    chunks = [[]]
    for child in main:
        style = child.get("style") or ""
        if child.tag == "div" and "break-before: page" in style and len(child) == 0:
            chunks.append([])
        else:
            chunks[-1].append(child)
    chunks = [c for c in chunks if c]
    if len(chunks) != len(chapters):
        sys.exit(f"{folder}/print.html has {len(chunks)} chapters, its sidebar {len(chapters)}")

    files = [f"chapter-{i + 1:02}.xhtml" for i in range(len(chunks))]
    where = {}
    for file, chunk in zip(files, chunks):
        for element in chunk:
            for node in element.iter():
                if isinstance(node.tag, str) and node.get("id"):
                    where[node.get("id")] = file

    def document(body_children, doc_title):
        html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML, "epub": EPUB_NS})
        html.set("lang", language)
        html.set("{http://www.w3.org/XML/1998/namespace}lang", language)
        head = etree.SubElement(html, f"{{{XHTML}}}head")
        etree.SubElement(head, f"{{{XHTML}}}title").text = doc_title
        link = etree.SubElement(head, f"{{{XHTML}}}link")
        link.set("rel", "stylesheet")
        link.set("href", "book.css")
        body = etree.SubElement(html, f"{{{XHTML}}}body")
        for child in body_children:
            body.append(child)
        return html

    def convert(node):
        """A copy of an lxml.html node as namespaced XHTML elements."""
        tag = node.tag
        if tag == "svg" or (isinstance(tag, str) and tag.startswith("{http://www.w3.org/2000/svg}")):
            return svg_copy(node)
        new = etree.Element(f"{{{XHTML}}}{tag}")
        for key, value in node.attrib.items():
            if key.startswith("xmlns"):
                continue
            new.set(key, value)
        new.text = node.text
        for child in node:
            if isinstance(child.tag, str):
                new.append(convert(child))
                new[-1].tail = child.tail
            elif child.tag is etree.Comment:
                continue
        return new

    def svg_copy(node):
        svg_ns = "http://www.w3.org/2000/svg"
        local = node.tag.split("}")[-1]
        new = etree.Element(f"{{{svg_ns}}}{SVG_CASE.get(local, local)}", nsmap={None: svg_ns})
        for key, value in node.attrib.items():
            if key.startswith("xmlns"):
                continue
            # The HTML parser lowered the case of SVG's names.
            new.set(SVG_CASE.get(key, key), value)
        new.text = node.text
        for child in node:
            if isinstance(child.tag, str):
                copy_child = svg_copy(child)
                copy_child.tail = child.tail
                new.append(copy_child)
        return new

    contents = {}
    has_svg = set()
    for file, chunk, (_, chapter_name, _) in zip(files, chunks, chapters):
        holder = lxml.html.fragment_fromstring("<div></div>")
        for element in chunk:
            holder.append(copy.deepcopy(element))
        clean_chapter(holder)
        for link in holder.iter("a"):
            href = link.get("href") or ""
            if href.startswith("#") and href[1:] in where:
                link.set("href", f"{where[href[1:]]}{href}")
            elif href.startswith("#"):
                link.set("href", f"{file}{href}")
        body = []
        for child in holder:
            if isinstance(child.tag, str):
                body.append(convert(child))
                body[-1].tail = child.tail
        doc = document(body, chapter_name)
        if doc.find(f".//{{http://www.w3.org/2000/svg}}svg") is not None:
            has_svg.add(file)
        contents[file] = etree.tostring(doc, xml_declaration=True, encoding="utf-8",
                                        doctype="<!DOCTYPE html>")

    # The cover: the title in the edition's script, as text and as the image
    # an e-reader shows in its library.
    cover_svg = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 900" width="600" height="900">'
        '<rect width="600" height="900" fill="#1f2a44"/>'
        '<rect x="40" y="40" width="520" height="820" fill="none" stroke="#f0b429" stroke-width="4"/>'
        + "".join(
            f'<text x="300" y="{330 + i * 70}" text-anchor="middle" font-size="44" '
            f'font-family="sans-serif" fill="#ffffff">{escape(line)}</text>'
            for i, line in enumerate(split_title(title)))
        + f'<text x="300" y="780" text-anchor="middle" font-size="26" font-family="sans-serif" '
        f'fill="#f0b429">{escape(name)}</text></svg>\n'
    )
    cover_body = etree.Element(f"{{{XHTML}}}section")
    cover_body.set(f"{{{EPUB_NS}}}type", "cover")
    image = etree.SubElement(cover_body, f"{{{XHTML}}}img")
    image.set("src", "cover.svg")
    image.set("alt", title)
    image.set("class", "cover")
    heading = etree.SubElement(cover_body, f"{{{XHTML}}}h1")
    heading.text = title
    heading.set("class", "cover-title")
    contents["cover.xhtml"] = etree.tostring(document([cover_body], title), xml_declaration=True,
                                             encoding="utf-8", doctype="<!DOCTYPE html>")

    # The table of contents, nested as the sidebar nests it.
    nav = etree.Element(f"{{{XHTML}}}nav")
    nav.set(f"{{{EPUB_NS}}}type", "toc")
    nav.set("id", "toc")
    etree.SubElement(nav, f"{{{XHTML}}}h1").text = title
    stack = [(0, etree.SubElement(nav, f"{{{XHTML}}}ol"))]
    last_item = None
    for file, (_, chapter_name, level) in zip(files, chapters):
        while level > stack[-1][0] and last_item is not None:
            stack.append((level, etree.SubElement(last_item, f"{{{XHTML}}}ol")))
        while level < stack[-1][0]:
            stack.pop()
        last_item = etree.SubElement(stack[-1][1], f"{{{XHTML}}}li")
        link = etree.SubElement(last_item, f"{{{XHTML}}}a")
        link.set("href", file)
        link.text = chapter_name
    landmarks = etree.Element(f"{{{XHTML}}}nav")
    landmarks.set(f"{{{EPUB_NS}}}type", "landmarks")
    landmarks.set("hidden", "hidden")
    marks = etree.SubElement(landmarks, f"{{{XHTML}}}ol")
    for href, kind, label in [("cover.xhtml", "cover", title), (files[0], "bodymatter", chapters[0][1])]:
        item = etree.SubElement(marks, f"{{{XHTML}}}li")
        link = etree.SubElement(item, f"{{{XHTML}}}a")
        link.set(f"{{{EPUB_NS}}}type", kind)
        link.set("href", href)
        link.text = label
    contents["nav.xhtml"] = etree.tostring(document([nav, landmarks], title), xml_declaration=True,
                                           encoding="utf-8", doctype="<!DOCTYPE html>")

    css = EPUB_CSS + HtmlFormatter(style="friendly").get_style_defs(".highlight")
    identifier = uuid.uuid5(uuid.NAMESPACE_URL, f"https://github.com/python-threading-rust/book/{language}")
    items = [
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
        '<item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>',
        '<item id="cover-image" href="cover.svg" media-type="image/svg+xml" properties="cover-image"/>',
        '<item id="css" href="book.css" media-type="text/css"/>',
    ]
    spine = ['<itemref idref="cover"/>']
    for i, file in enumerate(files):
        props = ' properties="svg"' if file in has_svg else ""
        items.append(f'<item id="c{i + 1:02}" href="{file}" media-type="application/xhtml+xml"{props}/>')
        spine.append(f'<itemref idref="c{i + 1:02}"/>')
    opf = f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id" xml:lang="{language}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:{identifier}</dc:identifier>
    <dc:title>{escape(title)}</dc:title>
    <dc:language>{language}</dc:language>
    <dc:creator>The threading book authors</dc:creator>
    <meta property="dcterms:modified">{modified}</meta>
  </metadata>
  <manifest>
    {chr(10).join("    " + i for i in items).strip()}
  </manifest>
  <spine>
    {chr(10).join("    " + s for s in spine).strip()}
  </spine>
</package>
"""
    container = """<?xml version="1.0" encoding="utf-8"?>
<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w") as book:
        def put(name, data, compress=zipfile.ZIP_DEFLATED):
            info = zipfile.ZipInfo(name, date_time=EPOCH)
            info.compress_type = compress
            book.writestr(info, data)
        put("mimetype", "application/epub+zip", zipfile.ZIP_STORED)
        put("META-INF/container.xml", container)
        put("OEBPS/content.opf", opf)
        put("OEBPS/book.css", css)
        put("OEBPS/cover.svg", cover_svg)
        for file in ["cover.xhtml", "nav.xhtml"] + files:
            put(f"OEBPS/{file}", contents[file])


# SVG's mixed-case names, which an HTML parser reads in lower case.
SVG_CASE = {name.lower(): name for name in [
    "viewBox", "preserveAspectRatio", "textLength", "lengthAdjust", "gradientUnits",
    "gradientTransform", "markerWidth", "markerHeight", "markerUnits", "refX", "refY",
    "patternUnits", "clipPathUnits", "stdDeviation", "linearGradient", "radialGradient",
    "clipPath", "textPath", "foreignObject", "feGaussianBlur", "startOffset",
    "dominant-baseline"]}


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def split_title(title):
    """The title in lines of at most about 16 wide characters."""
    words, lines, line = title.split(" "), [], ""
    for word in words:
        width = sum(2 if ord(c) > 0x2e80 else 1 for c in (line + " " + word).strip())
        if line and width > 22:
            lines.append(line)
            line = word
        else:
            line = (line + " " + word).strip()
    lines.append(line)
    return lines


EPUB_CSS = """
body { font-family: sans-serif; line-height: 1.6; margin: 0 4%; }
h1, h2, h3 { line-height: 1.3; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.85em;
      background: #f6f7f9; border: 1px solid #e1e4e8; padding: 0.6em; }
code { font-family: monospace; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.4em; vertical-align: top; }
svg { max-width: 100%; height: auto; }
details { border-left: 3px solid #ccc; padding-left: 0.8em; margin: 1em 0; }
.predict-choice { margin: 0.5em 0; }
img.cover { display: block; width: 100%; height: auto; }
h1.cover-title { text-align: center; }
"""


# ---------------------------------------------------------------- PDF

class Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the site folder under /book/, as GitHub Pages does."""

    def translate_path(self, path):
        if path.startswith("/book/"):
            path = "/" + path[len("/book/"):]
        return super().translate_path(path)

    def log_message(self, *args):
        pass


FOOTER = ('<div style="font-size:9px;width:100%;text-align:center;color:#555;">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')


def pdf(site, language, out):
    from playwright.sync_api import sync_playwright

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/book/{language}/print.html"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        # mdBook's print page opens the print dialog once loaded.
        page.add_init_script("window.print = () => {};")
        page.route("https://play.rust-lang.org/**", lambda route: route.abort())
        page.goto(url, wait_until="networkidle")
        page.wait_for_function("() => document.documentElement.dataset.a11yReady === 'true'", timeout=60_000)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        page.emulate_media(media="print")
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(out), format="A4", outline=True, tagged=True, print_background=True,
                 display_header_footer=True, header_template="<span></span>", footer_template=FOOTER,
                 margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"})
        browser.close()
    server.shutdown()


def main():
    if sys.argv[1] == "epub":
        epub(*sys.argv[2:8])
    elif sys.argv[1] == "pdf":
        pdf(*sys.argv[2:5])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
