"""Each edition in its own language, on the built HTML: what the notebooks print and
display (cell outputs, tables) holds no Chinese in the English edition and no common
English words in the Chinese one, and no raw Python or numpy reprs (a reader sees
tables and formatted numbers) (figures are checked while the book builds, by
booktools.glue_figure). Skipped when the book is not built; CI runs it after `make html`
(`make test-browser` runs this file too)."""
import os
import re
from pathlib import Path

import pytest

import booktools
from cjk import HAN_RE as CJK

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("BOOK_HTML_DIR") or ROOT / "_build" / "html").resolve()


def pages(edition):
    folder = SITE / edition
    if not folder.is_dir():
        pytest.skip(f"no built HTML in {folder} (make html)")
    return sorted(p for p in folder.glob("*.html") if p.stem not in ("search", "genindex"))


def outputs(page):
    """The texts of a page's cell outputs (printed lines, tables, glued displays)."""
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [div.get_text(" ", strip=True) for div in soup.select("div.cell_output")]


@pytest.mark.browser
def test_english_outputs_have_no_chinese():
    found = [f"{p.name}: {text[:80]!r}" for p in pages("en") for text in outputs(p)
             if CJK.search(text)]
    assert not found, "Chinese in the English edition's outputs:\n" + "\n".join(found)


@pytest.mark.browser
def test_chinese_outputs_have_no_english_words():
    found = []
    for p in pages("zh"):
        for text in outputs(p):
            words = {w for w in re.findall(r"(?<![A-Za-z_.])[A-Za-z]+(?![A-Za-z_(])", text)
                     if w.lower() in booktools.ENGLISH_WORDS}
            if words:
                found.append(f"{p.name}: {sorted(words)} in {text[:80]!r}")
    assert not found, "English in the Chinese edition's outputs:\n" + "\n".join(found)


#: What a raw repr looks like in an output: numpy scalars and arrays, dicts keyed by
#: numbers or strings, objects, and floats printed with all their digits.
RAW_REPR = re.compile(r"np\.(?:float|int)\d*\(|\barray\(|dtype=|<[\w.]+ (?:object )?at 0x"
                      r"|<Figure size|\{\s*(?:\d+|'[^']*'|\"[^\"]*\"):\s"
                      r"|\d\.\d{14,}")


def raw_reprs(text):
    return RAW_REPR.findall(text)


def test_a_raw_repr_is_caught():
    assert raw_reprs("{100: np.float64(69.09), 200: 76.37}")
    assert raw_reprs("1.9.1 0.0012755102040816326 0.013384887")
    assert raw_reprs("array([1, 2])")
    assert not raw_reprs("R1: 95.12% (94.70–95.61), 0.00128, lambda = {0.1, 1}")


@pytest.mark.browser
@pytest.mark.parametrize("edition", ["en", "zh"])
def test_outputs_have_no_raw_reprs(edition):
    found = [f"{p.name}: {text[:100]!r}" for p in pages(edition) for text in outputs(p)
             if raw_reprs(text)]
    assert not found, "raw reprs in the outputs (print a table or formatted numbers):\n" \
        + "\n".join(found)


#: A space after full-width punctuation in the Chinese prose (「（84.75–85.36） 的」,
#: 「百分点。 它们」): usually a glued value followed by the space the source puts
#: between Chinese and Latin text.
STRAY_SPACE = re.compile(r"[）。，；：、！？][ \u00a0]+(?=\S)")


def stray_spaces(text):
    return [text[max(0, m.start() - 12):m.end() + 6] for m in STRAY_SPACE.finditer(text)]


def test_a_stray_space_is_caught():
    assert stray_spaces("100.00%（100.00–100.00） 的训练图像，百分点。 它们")
    assert not stray_spaces("100.00%（100.00–100.00）的训练图像，百分点。它们")


@pytest.mark.browser
def test_chinese_prose_has_no_space_after_full_width_punctuation():
    from bs4 import BeautifulSoup
    found = []
    for page in pages("zh"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for block in soup.select("article p, article li, article td, article figcaption"):
            if block.find_parent(["pre", "code"]) or block.find_parent(class_="cell_output"):
                continue
            found += [f"{page.name}: {s!r}" for s in stray_spaces(block.get_text())]
    assert not found, "a space after full-width punctuation:\n" + "\n".join(found)


@pytest.mark.browser
@pytest.mark.parametrize("edition", ["en", "zh"])
def test_every_image_is_described(edition):
    """An image's alt text says what it shows (book/extensions/figure_alt.py), never its
    file name."""
    from bs4 import BeautifulSoup
    found = []
    for page in pages(edition):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for img in soup.select("article img"):
            alt = (img.get("alt") or "").strip()
            if not alt or re.search(r"\.(png|svg|jpe?g|gif)$|_images/|^[0-9a-f]{32,}", alt):
                found.append(f"{page.name}: {img.get('src')} alt={alt!r}")
    assert not found, "images without a description:\n" + "\n".join(found)


@pytest.mark.browser
def test_chinese_interface_strings():
    """The theme's buttons and search field speak mainland Chinese on every zh page
    (book/extensions/interface_zh.py): no 「列印」 (Taiwan usage), no English placeholder."""
    found = []
    for p in pages("zh"):
        html = p.read_text(encoding="utf-8")
        found += [f"{p.name}: {m}" for m in re.findall(
            r'(?:title|placeholder|aria-label)="([^"]*(?:列印|Search)[^"]*)"', html)]
    assert not found, "\n".join(found[:10])
