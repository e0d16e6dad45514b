"""Pages read like a book, not a lab notebook (CONTRIBUTING.md, "Quiet pages").

* The bookkeeping of the prose stays out of sight: few ``glue`` lines in cells whose
  code is shown unfolded.
* Every seed of the book comes from booktools (so BOOK_SEED_BASE shifts it): no code
  cell seeds a generator or a network with a literal number.
* Every table written in the prose has a caption and a name (``:::{table}``), so it is
  numbered ("Table 4.1", 「表 4.1」) and can be referred to. (A colon fence: the caption
  of a backtick fence may not hold a backtick, and such a fence would swallow the cells
  after it; MyST-NB's own reader must find every code cell of the page.)
* The preface's table of the ``nn`` package lists every module of it.
"""
import re

import pytest

from myst_source import code_cells, split_myst
from test_parity import ROOT, BOOK, BOOK_PAGES, EDITIONS

MAX_VISIBLE_GLUE_LINES = 5
HIDDEN = {"remove-input", "remove-cell"}
FOLDED = {"hide-input", "hide-cell"}

def cells(edition, page):
    """(tags, code lines) of each code cell of a page."""
    return code_cells((BOOK / edition / f"{page}.md").read_text(encoding="utf-8"))


NOTEBOOKS = [p for p in BOOK_PAGES if p not in ("glossary", "bibliography")]


@pytest.mark.parametrize("page", NOTEBOOKS)
def test_glue_stays_out_of_sight(page):
    shown = [line for tags, lines in cells("en", page) if not tags & (HIDDEN | FOLDED)
             for line in lines if re.search(r"\bglue(_figure)?\(", line)]
    assert len(shown) <= MAX_VISIBLE_GLUE_LINES, (
        f"{page}: {len(shown)} glue lines in cells shown to the reader "
        f"(at most {MAX_VISIBLE_GLUE_LINES}; tag bookkeeping cells remove-input):\n"
        + "\n".join(shown))


_LITERAL_SEED = re.compile(r"(default_rng\(\s*\d|seed\s*=\s*\d|np\.random\.seed\(\s*\d"
                           r"|RandomState\(\s*\d)")


@pytest.mark.parametrize("page", NOTEBOOKS)
def test_seeds_come_from_booktools(page):
    literal = [line.strip() for _, lines in cells("en", page) for line in lines
               if _LITERAL_SEED.search(line) and not line.lstrip().startswith("#")]
    assert not literal, (f"{page}: seeds written as numbers (use booktools.seed(k) or "
                         "booktools.rng(k), so BOOK_SEED_BASE shifts them):\n"
                         + "\n".join(literal))


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("page", BOOK_PAGES)
def test_tables_have_captions(edition, page):
    """A markdown table (a header line followed by | --- |) sits in a :::{table} directive
    whose first line holds a caption and whose options hold a :name:."""
    lines = (BOOK / edition / f"{page}.md").read_text(encoding="utf-8").splitlines()
    bare = []
    for i, line in enumerate(lines[1:], start=1):
        if re.match(r"^\|\s*:?-{3}", line) and lines[i - 1].startswith("|"):
            above = lines[max(0, i - 4):i - 1]
            opening = [a for a in above if a.startswith(":::{table}")]
            named = [a for a in above if a.startswith(":name:")]
            if not (opening and opening[0].split("}", 1)[1].strip() and named):
                bare.append(f"line {i}: {lines[i - 1][:60]}")
    assert not bare, f"{edition}/{page}: tables without caption or name:\n" + "\n".join(bare)


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("page", BOOK_PAGES)
def test_notebook_reader_finds_every_code_cell(edition, page):
    """MyST-NB executes the code cells its own reader finds: they must be the cells the
    parity test compares (a badly closed fence in the prose would hide the cells after
    it in a markdown cell, and they would never run)."""
    from myst_nb.core.read import read_myst_markdown_notebook
    text = (BOOK / edition / f"{page}.md").read_text(encoding="utf-8")
    executed = [c.source for c in read_myst_markdown_notebook(text).cells
                if c.cell_type == "code"]
    written = split_myst(text)[0]
    assert len(executed) == len(written), (f"{edition}/{page}: MyST-NB reads "
                                           f"{len(executed)} code cells, not {len(written)}")
    for source, cell in zip(executed, written):
        assert source in cell, f"{edition}/{page}: MyST-NB reads another cell:\n{source}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_preface_lists_every_module_of_nn(edition):
    modules = {p.stem for p in (ROOT / "nn").glob("*.py") if p.stem != "__init__"}
    preface = (BOOK / edition / "preface.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `nn\.(\w+)` \|", preface, re.M))
    assert listed == modules, (f"{edition}/preface: missing {sorted(modules - listed)}, "
                               f"not in nn {sorted(listed - modules)}")


def test_cells_parser():
    text = ("```{code-cell} ipython3\n:tags: [remove-input, \"hide-output\"]\nx = 1\n```\n\n"
            "```{code-cell} ipython3\ny = 2\n```\n")
    assert code_cells(text) == [({"remove-input", "hide-output"}, ["x = 1"]), (set(), ["y = 2"])]
