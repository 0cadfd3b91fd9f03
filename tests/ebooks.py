"""Checks the downloads of every edition that `cargo xtask build` wrote.

usage: python ebooks.py <book folder> <editions.json>

For each edition, in book/<language>/downloads/:
- the EPUB passes EPUBCheck (Debian's `epubcheck`) with 0 errors and 0
  warnings, declares the edition's language, and its table of contents names
  every chapter of the sidebar (toc.html), in the sidebar's order;
- the PDF's outline (pypdf) names every chapter, its text (pdftotext) holds
  every chapter's name in the edition's script and the page numbers of its
  footer, and it holds no raster image (the figures are vectors: pdfimages).
Run by `cargo xtask check-downloads`; prints each size.
"""

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import lxml.html
import pypdf

failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message, flush=True)
    if not condition:
        failures.append(message)


def words(text):
    """Text with its spaces collapsed, and mdBook's curly quotes (its smart
    punctuation, which the sidebar does not get) made straight."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split())


def unnumbered(name):
    """A sidebar name without the number mdBook puts before it: `8.1. `."""
    return re.sub(r"^\d+(\.\d+)*\.\s+", "", name)


def sidebar(folder):
    toc = lxml.html.fromstring((folder / "toc.html").read_bytes())
    return [words(a.text_content()) for a in toc.iter("a")
            if (a.get("href") or "").endswith(".html") and "://" not in a.get("href")]


def outline_titles(outline):
    for entry in outline:
        if isinstance(entry, list):
            yield from outline_titles(entry)
        else:
            yield words(entry.title)


def main():
    book = Path(sys.argv[1])
    editions = json.loads(Path(sys.argv[2]).read_text())
    for edition in editions:
        lang = edition["lang"]
        folder = book / lang
        chapters = sidebar(folder)
        downloads = folder / "downloads"
        epubs = sorted(downloads.glob("*.epub"))
        pdfs = sorted(downloads.glob("*.pdf"))
        check(len(epubs) == 1 and len(pdfs) == 1, f"{lang}: one EPUB and one PDF in {downloads}")
        if not epubs or not pdfs:
            continue
        epub, pdf = epubs[0], pdfs[0]
        print(f"size {epub.relative_to(book)}: {epub.stat().st_size / 1024:.0f} KiB; "
              f"{pdf.relative_to(book)}: {pdf.stat().st_size / 1024 / 1024:.1f} MiB", flush=True)

        result = subprocess.run(["java", "-jar", "/usr/bin/epubcheck", str(epub)],
                                capture_output=True, text=True)
        summary = re.search(r"Messages: (\d+) fatals / (\d+) errors / (\d+) warnings", result.stdout)
        clean = "No errors or warnings detected." in result.stdout and result.returncode == 0
        check(clean, f"{lang}: EPUBCheck finds 0 errors and 0 warnings in {epub.name}"
              + ("" if clean else "\n" + (result.stdout + result.stderr)[-3000:]))
        if summary:
            print(f"note {lang}: EPUBCheck {summary.group(0)}", flush=True)

        with zipfile.ZipFile(epub) as archive:
            names = archive.namelist()
            check(names[0] == "mimetype" and archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED,
                  f"{lang}: the EPUB's mimetype comes first, stored")
            opf = archive.read("OEBPS/content.opf").decode()
            check(f"<dc:language>{lang}</dc:language>" in opf, f"{lang}: the EPUB's metadata says {lang}")
            nav = lxml.html.fromstring(archive.read("OEBPS/nav.xhtml"))
            listed = [words(a.text_content()) for a in nav.xpath('//*[@id="toc"]//a')]
            check(listed == chapters, f"{lang}: the EPUB's contents are the sidebar's {len(chapters)} chapters, "
                  f"in order" + ("" if listed == chapters else f": {listed} against {chapters}"))
            cover = archive.read("OEBPS/cover.xhtml").decode()
            check(edition["title"] in cover, f"{lang}: the EPUB's cover says {edition['title']!r}")
            svg = sum(archive.read(n).decode().count("<svg") for n in names if n.endswith(".xhtml"))
            check(svg >= 6, f"{lang}: the EPUB keeps the figures as SVG ({svg})")
            # The longest line of code in the book, to look for in the PDF.
            longest = ""
            for name in names:
                if name.endswith(".xhtml"):
                    page = lxml.html.fromstring(archive.read(name))
                    for pre in page.iter("{http://www.w3.org/1999/xhtml}pre", "pre"):
                        for line in pre.text_content().splitlines():
                            if len(line) > len(longest):
                                longest = line

        reader = pypdf.PdfReader(str(pdf))
        titles = list(outline_titles(reader.outline))
        names = [unnumbered(c) for c in chapters]
        # Chromium drops the space where a heading's line wraps, and
        # pdftotext breaks lines where the page does: compare without spaces.
        bare = lambda text: "".join(text.split())
        bare_titles = {bare(t) for t in titles}
        missing = [c for c in names if bare(c) not in bare_titles]
        check(not missing, f"{lang}: the PDF's outline ({len(titles)} entries) names every chapter"
              + (f"; not {missing}" if missing else ""))
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                              capture_output=True, text=True).stdout
        flat = words(text)
        not_found = [c for c in names if bare(c) not in bare(flat)]
        check(not not_found, f"{lang}: the PDF's text holds every chapter's name" +
              (f"; not {not_found}" if not_found else ""))
        squeezed = "".join(text.split())
        tail = "".join(longest.split())[-24:]
        check(len(longest) > 90 and tail in squeezed,
              f"{lang}: the book's longest line of code ({len(longest)} characters) is wrapped, "
              f"not cut: its end is in the PDF ({tail!r})")
        pages = len(reader.pages)
        check(f"2 / {pages}" in flat and f"{pages} / {pages}" in flat,
              f"{lang}: every one of the PDF's {pages} pages is numbered in its footer")
        images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True).stdout
        rasters = max(0, len(images.strip().splitlines()) - 2)
        check(rasters == 0, f"{lang}: the PDF holds no raster image; its figures are vectors ({rasters})")
    print(f"{len(failures)} failed", flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
