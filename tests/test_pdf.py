"""The PDF of each edition (``make pdf`` -> ``_build/pdf/``, or ``$BOOK_PDF_DIR``), read
with pypdf: the whole book is there (a bookmark for every page of the book, from the
preface to the references), with a title page, a table of contents and page numbers;
the text is extractable in the edition's language; no raw TeX is left; every font is
embedded, among them those of the Chinese characters.

Skipped without the PDFs, with the reason, unless ``BOOK_BROWSER_REQUIRED=1`` (CI), where
a missing PDF is a failure.  The first tests need no PDF: book/tools/make_pdf.py's pieces.
"""
from __future__ import annotations

import io
import os
import re
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "book" / "tools"), str(ROOT / "book" / "extensions")]

import make_pdf  # noqa: E402
import pdf_edition  # noqa: E402
from cjk import HAN_RE as CJK  # noqa: E402
from myst_source import toctree_entries  # noqa: E402

PDF_DIR = Path(os.environ.get("BOOK_PDF_DIR") or ROOT / "_build" / "pdf").resolve()
REQUIRED = os.environ.get("BOOK_BROWSER_REQUIRED", "") not in ("", "0")
EDITIONS = ("en", "zh")
#: words the book must contain, as extracted from the PDF's text
TERMS = {"en": ["backpropagation", "gradient descent", "cross-entropy", "perceptron"],
         "zh": ["反向传播", "梯度下降", "交叉熵", "感知机"]}
CONTENTS = {"en": "Contents", "zh": "目录"}


# ------------------------------------------------------------- make_pdf's pieces
def _blank_pdf_with_bookmarks(titles: list[str]) -> bytes:
    writer = PdfWriter()
    for _ in titles:
        writer.add_blank_page(width=200, height=200)
    parent = None
    for i, title in enumerate(titles):
        item = writer.add_outline_item(title=title, page_number=i, parent=parent)
        parent = parent or item  # the first is a chapter, the others its sections
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_bookmarks_are_renamed_after_the_headings_in_document_order():
    pdf = _blank_pdf_with_bookmarks(["1. 1. PerceptronsPerceptrons", "1.1. Bias", "1.2. NAND"])
    fixed = make_pdf._finish(pdf, ["1. Perceptrons", "1.1. Bias", "1.2. NAND"])
    assert make_pdf._outline_pages(fixed) == [("1. Perceptrons", 1), ("1.1. Bias", 2),
                                              ("1.2. NAND", 3)]
    with pytest.raises(SystemExit):
        make_pdf._finish(pdf, ["1. Perceptrons"])


def test_radicals_in_the_text_map_become_the_ideographs_they_stand_for():
    cmap = ("/CIDInit /ProcSet findresource begin\nbegincmap\n1 begincodespacerange\n"
            "<00> <FF>\nendcodespacerange\n2 beginbfchar\n<1D> <2F79>\n<1E> <7EDC>\n"
            "endbfchar\n1 beginbfrange\n<20> <22> <2F00>\nendbfrange\nendcmap\nend\n")
    fixed = make_pdf._fix_to_unicode(cmap)
    pairs = dict(re.findall(r"<(\w+)> <(\w+)>", fixed.split("endcodespacerange")[1]))
    # 网 络, and 一 丨 丶 for the Kangxi radicals U+2F00-2F02
    assert pairs == {"1D": "7F51", "1E": "7EDC", "20": "4E00", "21": "4E28", "22": "4E36"}
    assert fixed.startswith(cmap[:cmap.index("2 beginbfchar")])
    assert fixed.endswith("endcmap\nend\n")
    unified = cmap.replace("2F79", "7F51").replace("2F00", "4E00")
    assert make_pdf._fix_to_unicode(unified) is None


@pytest.mark.parametrize("bookmark, heading, same", [
    ("1.3. 1.3. A perceptron that computes NANDA perceptron", "1.3. A perceptron that", True),
    ("1.6. Can a perceptron learn? The perceptron learningrule",
     "1.6. Can a perceptron learn? The perceptron learning rule", True),
    ("5.4. 梯度中的  消失了", "5.4. 梯度中的 σ′ 消失了", True),  # the formula is left out
    ("1.4. Networks of NAND perceptrons", "1.5. Gates from smooth neurons", False),
])
def test_a_bookmark_is_matched_to_its_heading(bookmark, heading, same):
    assert make_pdf._same_heading(bookmark, heading) is same


def test_the_html_links_to_the_file_make_pdf_writes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for edition in EDITIONS:
        name = pdf_edition.PDF_NAME.format(edition=edition)
        assert pdf_edition.pdf_url(edition) == f"../pdf/{name}"
    assert "$(BUILD)/pdf/how-neural-networks-learn-$*.pdf" in makefile
    assert pdf_edition.PDF_NAME == "how-neural-networks-learn-{edition}.pdf"


@pytest.mark.parametrize("builder, pdf_there, linked", [
    ("html", True, True), ("html", False, False), ("singlehtml", True, False)])
def test_pages_link_to_the_pdf_only_when_it_is_there(builder, pdf_there, linked, tmp_path):
    """No dead link: an HTML build links to its PDF once make pdf has put it beside it."""
    from types import SimpleNamespace
    if pdf_there:
        (tmp_path / "pdf").mkdir()
        (tmp_path / "pdf" / pdf_edition.PDF_NAME.format(edition="zh")).write_bytes(b"%PDF")
    app = SimpleNamespace(builder=SimpleNamespace(name=builder), outdir=tmp_path / "zh")
    context = {"edition": "zh"}
    pdf_edition._pdf_link(app, "index", "page.html", context, None)
    assert context.get("edition_pdf_url") == (pdf_edition.pdf_url("zh") if linked else None)


# ------------------------------------------------------------------- the PDFs
def _pdf_path(edition: str) -> Path:
    path = PDF_DIR / pdf_edition.PDF_NAME.format(edition=edition)
    if not path.is_file():
        reason = f"no {path}: run `make html` and `make pdf` first"
        if REQUIRED:
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return path


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_of_the_html_book_links_to_its_pdf(edition):
    """make pdf puts the PDF beside the HTML editions and writes their pages again, each
    with the sidebar link to it."""
    name = pdf_edition.PDF_NAME.format(edition=edition)
    made = _pdf_path(edition)
    html = ROOT / "_build" / "html"
    if made.parent != (ROOT / "_build" / "pdf").resolve():
        pytest.skip("BOOK_PDF_DIR is not the PDF of this build's HTML")
    assert (html / "pdf" / name).read_bytes() == made.read_bytes()
    pages = sorted((html / edition).glob("*.html"))
    unlinked = [p.name for p in pages
                if f'href="{pdf_edition.pdf_url(edition)}"' not in p.read_text("utf-8")]
    assert pages and not unlinked, f"{edition}: pages without the PDF link: {unlinked}"


@lru_cache(maxsize=None)
def _read(path: Path):
    reader = PdfReader(path)
    return reader, [page.extract_text() or "" for page in reader.pages]


def _chapter_titles(edition: str) -> list[str]:
    """The title of every page of the book, in the order of the index's toctrees."""
    folder = ROOT / "book" / edition
    index = (folder / "index.md").read_text(encoding="utf-8")
    titles = []
    for doc in toctree_entries(index):
        text = (folder / f"{doc}.md").read_text(encoding="utf-8")
        titles.append(re.search(r"^# (.+)$", text, re.M).group(1).strip())
    return titles


def _flat(outline, depth=0):
    for item in outline:
        if isinstance(item, list):
            yield from _flat(item, depth + 1)
        else:
            yield depth, item.title


@pytest.mark.browser
@pytest.mark.parametrize("edition", EDITIONS)
def test_the_whole_book_is_there_with_bookmarks(edition):
    reader, _ = _read(_pdf_path(edition))
    marks = [_plain(title) for _, title in _flat(reader.outline)]
    missing = [t for t in _chapter_titles(edition)
               if not any(m.endswith(_plain(t)) for m in marks)]
    assert not missing, f"no bookmark for: {missing}"
    assert 100 <= len(reader.pages) <= 1500, f"{len(reader.pages)} pages"


def _plain(title):
    """A title with its spaces collapsed and Sphinx's typographic apostrophe (’) as the
    source's (')."""
    return " ".join(title.replace("\u2019", "'").split())


def test_plain_titles_match_whatever_the_apostrophe():
    assert _plain("the book\u2019s  results") == _plain("the book's results")


@pytest.mark.browser
def test_both_editions_have_about_as_many_pages():
    en, zh = (len(_read(_pdf_path(e))[0].pages) for e in EDITIONS)
    assert 0.6 < zh / en < 1.5, f"{en} pages in English, {zh} in Chinese"


@pytest.mark.browser
@pytest.mark.parametrize("edition", EDITIONS)
def test_title_page_contents_and_page_numbers(edition):
    reader, texts = _read(_pdf_path(edition))
    title = (ROOT / "book" / edition / "index.md").read_text(encoding="utf-8").split("\n")[0]
    assert title.lstrip("# ") in texts[0], "the title page has no title"
    assert CONTENTS[edition] in texts[1], "the second page is not the table of contents"
    # the footer: the page's number is the last word of every page's text
    unnumbered = [i + 1 for i, t in enumerate(texts) if t.split()[-1:] != [str(i + 1)]]
    assert not unnumbered, f"pages without their number at the bottom: {unnumbered[:10]}"


@pytest.mark.browser
@pytest.mark.parametrize("edition", EDITIONS)
def test_text_is_extractable_in_the_editions_language(edition):
    _, texts = _read(_pdf_path(edition))
    text = " ".join(" ".join(texts).split())
    missing = [t for t in TERMS[edition] if t not in text.lower()]
    assert not missing, f"not found in the PDF's text: {missing}"
    cjk = len(CJK.findall(text))
    if edition == "zh":
        assert cjk > 0.15 * len(text.replace(" ", "")), "the Chinese edition is not in Chinese"


@pytest.mark.browser
@pytest.mark.parametrize("edition", EDITIONS)
def test_no_raw_tex(edition):
    _, texts = _read(_pdf_path(edition))
    raw = [(i + 1, d) for i, t in enumerate(texts) for d in ("$$", "\\(", "\\[") if d in t]
    assert not raw, f"raw TeX delimiters (page, delimiter): {raw[:10]}"


def _fonts(reader):
    """Every font dictionary used by the pages (and their forms), once."""
    seen, fonts = set(), []

    def visit(resources):
        if not resources:
            return
        resources = resources.get_object()
        for ref in (resources.get("/Font") or {}).values():
            if id(ref.get_object()) not in seen:
                seen.add(id(ref.get_object()))
                fonts.append(ref.get_object())
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return fonts


def _embedded(font) -> bool:
    if font.get("/Subtype") == "/Type3":  # glyphs drawn by the PDF's own procedures
        return len(font.get("/CharProcs", {})) > 0
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(
        k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _unicode_of(font) -> set[int]:
    """The characters a font's ToUnicode map gives its glyphs."""
    if "/ToUnicode" not in font:
        return set()
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    chars = set()
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        chars |= {int(dst[:4], 16) for _, dst in re.findall(r"<(\w+)>\s*<(\w+)>", block)}
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, dst in re.findall(r"<(\w+)>\s*<(\w+)>\s*<(\w+)>", block):
            start = int(dst[:4], 16)
            chars |= set(range(start, start + int(hi, 16) - int(lo, 16) + 1))
    return chars


@pytest.mark.browser
@pytest.mark.parametrize("edition", EDITIONS)
def test_every_font_is_embedded(edition):
    reader, _ = _read(_pdf_path(edition))
    fonts = _fonts(reader)
    assert fonts, "no fonts found"
    missing = [str(f.get("/BaseFont", f.get("/Subtype"))) for f in fonts if not _embedded(f)]
    assert not missing, f"fonts not embedded: {missing}"
    if edition == "zh":
        chinese = [f for f in fonts if any(CJK.match(chr(c)) for c in _unicode_of(f))]
        assert chinese, "no font of the Chinese edition has Chinese characters"
        covered = set().union(*(_unicode_of(f) for f in chinese))
        for term in TERMS["zh"]:
            assert {ord(c) for c in term} <= covered, f"the glyphs of {term} are not embedded"
