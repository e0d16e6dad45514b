"""Print one edition of the book to PDF, without TeX: Sphinx's one-page HTML of the
edition (the ``singlehtml`` builder), opened from the disk in headless Chromium (Debian's
``/usr/bin/chromium``, or ``$CHROMIUM``, driven by Playwright), and printed.

``make pdf`` runs it for both editions::

    python book/tools/make_pdf.py en _build/singlehtml/en/index.html \\
        _build/pdf/how-neural-networks-learn-en.pdf

1. The page is opened with every request outside ``file://`` aborted; the script waits
   until MathJax has typeset every formula (``MathJax.startup.promise``), the fonts and
   the images are loaded.  A MathJax error, raw TeX left in the text, an image that did
   not load, a request outside, an error in the console or something wider than the
   paper's text column (measured at that width) stops it (exit status 1).
2. The page is prepared for paper (``prepare`` in make_pdf.js, beside this file): a
   title page (the book's title, the edition, the date and commit of the build) and a
   table of contents (chapters and their sections); folded cells are opened (book/_static/print.css leaves the folded
   source code of figures out and hides the "show" lines, the theme's navigation and
   buttons); links between chapters, which the one-page builder writes as
   ``#document-<page>#<target>``, are pointed at ``#<target>``.
3. It is printed, A4 with the page number in the footer and a PDF outline (bookmarks)
   made by Chromium from the headings.  The first print's outline gives the page of
   every heading, which fills the placeholders of the table of contents (of a fixed
   width, so nothing moves); it is printed again until a print puts every heading on
   the page the contents give (usually the second; at most PRINTS in all).
4. The bookmarks are named after the headings (Chromium's names sometimes repeat a part
   of the heading), and the text of the Chinese characters that the CJK font draws with
   the glyph of a radical is mapped to the characters themselves (pypdf).
"""
from __future__ import annotations

import argparse
import datetime
import html
import io
import logging
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

# Chromium's PDFs declare one or two objects fewer in their trailer than they hold, which
# pypdf reports on every read; the files are read and rewritten correctly all the same.
logging.getLogger("pypdf").setLevel(logging.ERROR)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [  # as in tests/test_browser.py
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

# The theme's search box asks for the search index, which the one-page builder does not
# write: that one missing file is not an error of the book.
NO_SEARCH_INDEX = "/searchindex.js"

#: Words of the title page and the table of contents, per edition.
WORDS = {
    "en": {"edition": "English edition", "contents": "Contents",
           "built": "Built on {date} from commit {commit}"},
    "zh": {"edition": "中文版", "contents": "目录",
           "built": "{date} 构建，提交 {commit}"},
}

A4_WIDTH_MM, SIDE_MM = 210, 16
PAPER = {
    "format": "A4",
    "margin": {"top": "14mm", "bottom": "16mm",
               "left": f"{SIDE_MM}mm", "right": f"{SIDE_MM}mm"},
    "scale": 0.8,
    "print_background": True,
    "display_header_footer": True,
    "header_template": "<span></span>",
    "outline": True,  # bookmarks from the headings (needs the tagged PDF)
    "tagged": True,
}
# The text column on paper, in CSS pixels (96 per inch): A4 less the margins, over the
# scale.  The page is laid out at this width before printing, to find what is too wide.
VIEWPORT = {"width": round((A4_WIDTH_MM - 2 * SIDE_MM) / 25.4 * 96 / PAPER["scale"]),
            "height": 1200}
FOOTER = ('<div style="width:100%; margin:0 {side}mm; display:flex;'
          ' justify-content:space-between;'
          ' font:9px \'Noto Sans CJK SC\', sans-serif; color:#555">'
          '<span>{title}</span><span class="pageNumber"></span></div>')

#: The JavaScript run in the page (window.bookPdf: prepare, fillPages).
SCRIPT = Path(__file__).with_suffix(".js")

# Prints at most.  The first gives the headings' pages, which go into the contents; a
# later one, with the same pages, is the PDF.  Chromium does not always lay a page out
# the same way: a heading at the foot of a page may alternate between two pages from
# one print to the next.
PRINTS = 5


def _outline_pages(pdf: bytes) -> list[tuple[str, int]]:
    """The PDF's bookmarks in the order of the document: (title, page number from 1)."""
    reader = PdfReader(io.BytesIO(pdf))
    flat: list[tuple[str, int]] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                flat.append((item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return flat


def _heading_pages(pdf: bytes, headings: list[dict]) -> list[int]:
    """The page of every heading, from the PDF's bookmarks (one per heading, in order)."""
    marks = _outline_pages(pdf)
    if len(marks) != len(headings):
        raise SystemExit(f"the PDF has {len(marks)} bookmarks for {len(headings)} "
                         "headings: cannot number the table of contents")
    wrong = [(m, h["text"]) for (m, _), h in zip(marks, headings)
             if not _same_heading(m, h["text"])]
    if wrong:
        raise SystemExit(f"bookmarks and headings differ: {wrong[:5]}")
    return [n for _, n in marks]


def _commit() -> str:
    try:
        out = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT,
                             check=True, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip()


def _same_heading(bookmark: str, heading: str) -> bool:
    """Chromium names a bookmark after the heading's text, but sometimes repeats parts of
    it, drops spaces or a formula: the heading's first characters are looked for in it."""
    return "".join(heading.split())[:6] in "".join(bookmark.split())


def _bookmarks(writer: PdfWriter) -> list:
    """The outline items of a PDF, in the order of the document."""
    items = []

    def walk(item):
        while item is not None:
            item = item.get_object()
            items.append(item)
            if "/First" in item:
                walk(item["/First"])
            item = item.get("/Next")

    walk(writer.root_object["/Outlines"].get_object().get("/First"))
    return items


# Noto Sans CJK draws a Kangxi radical (U+2F00-U+2FDF) or a CJK radical (U+2E80-U+2EFF)
# and the ideograph it stands for with one glyph, and Chromium tells the PDF's reader
# that the glyph is the radical: the text of 网络 would be copied and searched as ⽹络.
RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")


def _unified(text: str) -> str:
    """Radicals replaced by the unified ideographs they stand for (their NFKC form)."""
    return RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def _utf16(hexdigits: str) -> str:
    return bytes.fromhex(hexdigits).decode("utf-16-be", errors="surrogatepass")


def _fix_to_unicode(cmap: str) -> str | None:
    """A ToUnicode CMap with radicals replaced by ideographs, or None if it has none."""
    mappings: dict[str, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for src, dst in re.findall(r"<(\w+)>\s*<(\w+)>", block):
            mappings[src] = _utf16(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, dst in re.findall(r"<(\w+)>\s*<(\w+)>\s*(<\w+>|\[[^\]]*\])", block):
            codes = [f"{c:0{len(lo)}X}" for c in range(int(lo, 16), int(hi, 16) + 1)]
            if dst.startswith("["):
                texts = [_utf16(d) for d in re.findall(r"<(\w+)>", dst)]
            else:  # consecutive: the last character counts up
                first = _utf16(dst[1:-1])
                texts = [first[:-1] + chr(ord(first[-1]) + i) for i in range(len(codes))]
            mappings.update(zip(codes, texts))
    if not any(RADICALS.search(t) for t in mappings.values()):
        return None
    head = cmap[:re.search(r"\d+\s+beginbf(?:char|range)", cmap).start()]
    tail = cmap[cmap.index("endcmap"):]
    pairs = [f"<{src}> <{_unified(text).encode('utf-16-be').hex().upper()}>"
             for src, text in sorted(mappings.items())]
    blocks = [f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n"
              for chunk in (pairs[i:i + 100] for i in range(0, len(pairs), 100))]
    return head + "".join(blocks) + tail


def _fonts(writer: PdfWriter) -> list:
    """Every font dictionary of the pages and of their forms, once."""
    fonts, seen = [], set()

    def visit(resources):
        resources = resources.get_object() if resources is not None else {}
        for ref in (resources.get("/Font") or {}).values():
            if ref.get_object().indirect_reference not in seen:
                seen.add(ref.get_object().indirect_reference)
                fonts.append(ref.get_object())
        for ref in (resources.get("/XObject") or {}).values():
            if ref.get_object().get("/Subtype") == "/Form":
                visit(ref.get_object().get("/Resources"))

    for page in writer.pages:
        visit(page.get("/Resources"))
    return fonts


def _finish(pdf: bytes, titles: list[str]) -> bytes:
    """The PDF with its bookmarks named after the headings (given in the order of the
    document, as the bookmarks are) and the ideographs' text mapped to ideographs."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    items = _bookmarks(writer)
    if len(items) != len(titles):
        raise SystemExit(f"{len(items)} bookmarks for {len(titles)} headings")
    for item, title in zip(items, titles):
        item[NameObject("/Title")] = TextStringObject(title)
    for font in _fonts(writer):
        if "/ToUnicode" in font:
            stream = font["/ToUnicode"].get_object()
            fixed = _fix_to_unicode(stream.get_data().decode("latin-1"))
            if fixed is not None:
                stream.set_data(fixed.encode("latin-1"))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_pdf(edition: str, page: Path, out: Path) -> dict:
    """Print ``page`` (the singlehtml index of ``edition``) to ``out``; returns facts."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        raise SystemExit(f"no Chromium at {CHROMIUM}: apt-get install chromium")
    words = {k: v.format(date=datetime.date.today().isoformat(), commit=_commit())
             for k, v in WORDS[edition].items()}
    outside, errors = [], []

    def route(r):
        if r.request.url.startswith(("file://", "data:", "blob:")):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    started = time.perf_counter()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context(color_scheme="light", service_workers="block",
                                          viewport=VIEWPORT)
            context.route("**/*", route)
            tab = context.new_page()
            tab.on("console", lambda m: m.type == "error" and not m.location.get(
                "url", "").endswith(NO_SEARCH_INDEX) and errors.append(m.text))
            tab.on("pageerror", lambda e: errors.append(str(e)))
            tab.goto(page.resolve().as_uri(), wait_until="load", timeout=300_000)
            tab.emulate_media(media="print")
            tab.add_script_tag(path=SCRIPT)
            state = tab.evaluate("(words) => bookPdf.prepare(words)", words)
            problems = state["problems"] + [f"request outside the book (aborted): {u}"
                                             for u in outside[:5]]
            problems += [f"console: {e}" for e in errors[:5]]
            if problems:
                raise SystemExit(f"{page}:\n  " + "\n  ".join(problems))

            footer = FOOTER.format(title=html.escape(state["title"]), side=SIDE_MM)
            headings = state["headings"]
            pdf = tab.pdf(footer_template=footer, **PAPER)
            pages = _heading_pages(pdf, headings)
            tab.evaluate("(pages) => bookPdf.fillPages(pages)", [n for _, n in sorted(
                (h["toc"], n) for n, h in zip(pages, headings) if h["toc"] is not None)])
            for _ in range(PRINTS - 1):
                pdf = tab.pdf(footer_template=footer, **PAPER)
                found = _heading_pages(pdf, headings)
                if found == pages:
                    break
            else:
                moved = [h["text"] for h, a, b in zip(headings, pages, found) if a != b]
                raise SystemExit(f"in {PRINTS - 1} prints, the headings were never on the "
                                 f"pages of the first print: {moved[:5]}")
        finally:
            browser.close()
    final = _finish(pdf, [h["text"] for h in headings])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(final)
    return {"pages": len(PdfReader(io.BytesIO(final)).pages), "bookmarks": len(pages),
            "bytes": len(final), "seconds": time.perf_counter() - started}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("edition", choices=sorted(WORDS))
    parser.add_argument("page", type=Path, help="the singlehtml build's index.html")
    parser.add_argument("out", type=Path, help="the PDF to write")
    args = parser.parse_args(argv)
    if not args.page.is_file():
        parser.error(f"{args.page} does not exist: build the edition with "
                     "`sphinx-build -b singlehtml` first (make pdf)")
    facts = make_pdf(args.edition, args.page, args.out)
    print(f"{args.out}: {facts['pages']} pages, {facts['bookmarks']} bookmarks, "
          f"{facts['bytes'] / 2**20:.1f} MiB, printed in {facts['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
