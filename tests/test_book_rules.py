"""Rules that keep the book one book whose visible code runs (DEVELOPERS.md, principles 3
and 6), checked on the MyST sources of both editions:

* cross-references are roles: no typed "chapter 4", "Figure 7.3", "§5.11", "第 4 章",
  "Part III" pointing into this book (a number typed by hand goes stale when a chapter
  is added); Nielsen's chapters are his, and may be named by number;
* statements about the book's scope ("beyond this book") live in the preface only;
* every name a visible (or folded) code cell uses is defined in a visible cell above it
  or in the cell itself, or is a builtin: a reader who copies what they see can run it;
* no edition plumbing in code: no Chinese in any code cell (labels come from the terms
  catalog, booktools.term), and no pick(, check(, glue( or equation-label comment in a
  visible cell (guards and glue live in removed cells).

Each checker is also run on a sample that breaks its rule, so the test cannot pass by
checking nothing.
"""
from __future__ import annotations

import ast
import builtins
import re
from pathlib import Path

import jupytext
import pytest
from cjk import CHINESE_RE as CJK

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
PAGES = sorted((BOOK / "en").glob("*.md")) + sorted((BOOK / "zh").glob("*.md"))


def _page_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def cells(text: str) -> list[tuple[str, list[str], str]]:
    """(cell type, tags, source) of every cell of a MyST notebook."""
    notebook = jupytext.reads(text, fmt="myst")
    return [(c.cell_type, list(c.metadata.get("tags", [])), c.source)
            for c in notebook.cells]


def is_visible(tags: list[str]) -> bool:
    """A code cell the reader sees, open or folded (hide-input, hide-cell)."""
    return "remove-input" not in tags and "remove-cell" not in tags


# ------------------------------------------------------------ typed cross-references
_TYPED = re.compile(
    r"\b[Cc]hapters? \d+"
    r"|\b(?:[Ss]ections?|[Ff]igures?|Fig\.|[Tt]ables?|[Ee]xercises?|[Ee]quations?|[Ee]q\.)"
    r" \(?\d+\.\d+"
    r"|§\s?\d+"
    r"|\bPart (?:I{1,3}|IV|V)\b"
    r"|第\s*(?:\d+|[一二三四五六七八九十]+)\s*章"
    r"|第\s*\d+\.\d+\s*节"
    r"|第\s*[一二三四五]\s*部分"
    r"|[图表]\s*\d+\.\d+"
    r"|练习\s*\d+\.\d+"
    r"|式\s*\(\d+\.\d+\)")
#: Near one of these words, a chapter number is Nielsen's, not this book's.
_ELSEWHERE = re.compile(r"Nielsen|nielsen2015|\bhis\b|\bHis\b|尼尔森|原书|他的|他书")


def typed_references(prose: str) -> list[str]:
    """The typed references into this book in a text (the prose of a page)."""
    found = []
    for m in _TYPED.finditer(prose):
        window = prose[max(0, m.start() - 60):m.end() + 40]
        if not _ELSEWHERE.search(window):
            found.append(prose[max(0, m.start() - 30):m.end() + 10].replace("\n", " "))
    return found


def _prose(text: str) -> str:
    return "\n".join(src for kind, _, src in cells(text) if kind == "markdown")


def _code(text: str) -> str:
    return "\n".join(src for kind, _, src in cells(text) if kind == "code")


def test_a_typed_reference_is_caught():
    assert len(typed_references("as we saw in chapter 4, and in Figure 7.3")) == 2
    assert typed_references("见第 4 章与图 7.3") != []
    assert typed_references("this is Part III of the book") != []
    assert typed_references("chapter 3 of Nielsen's book") == []
    assert typed_references("as {numref}`chapter %s <ch04>` shows") == []


@pytest.mark.parametrize("page", [p for p in PAGES if p.stem != "index"], ids=_page_id)
def test_references_into_the_book_are_roles(page):
    text = page.read_text(encoding="utf-8")
    typed = typed_references(_prose(text)) + typed_references(_code(text))
    assert not typed, (f"{_page_id(page)}: write these as roles ({{numref}}, {{ref}}, "
                       f"{{doc}}):\n  " + "\n  ".join(typed))


_SCOPE = re.compile(r"beyond (?:the scope of )?this book|where this book ends"
                    r"|this book follows|本书之外|超出本书|本书到此为止|本书所依据")


def test_scope_statements_live_in_the_preface():
    offenders = [f"{_page_id(p)}: {m.group(0)}" for p in PAGES
                 if p.stem not in ("preface", "index")
                 for m in _SCOPE.finditer(p.read_text(encoding="utf-8"))]
    assert not offenders, "say what the book covers in the preface only:\n" + "\n".join(
        offenders)


# ------------------------------------------------------------ visible code runs alone
_BUILTINS = set(dir(builtins)) | {"display", "get_ipython", "__file__"}


def _python(source: str) -> ast.Module:
    """A code cell's syntax tree, IPython magics and shell lines dropped."""
    lines = [("" if line.lstrip().startswith(("%", "!")) else line)
             for line in source.splitlines()]
    return ast.parse("\n".join(lines))


def _defined(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            names |= set(node.names)
    return names


def _used(tree: ast.AST) -> set[str]:
    return {node.id for node in ast.walk(tree)
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}


def undefined_in_visible_cells(text: str) -> list[tuple[int, list[str]]]:
    """(cell number, names) for each visible code cell that uses names defined only in
    removed cells (or nowhere above it)."""
    known, problems = set(_BUILTINS), []
    for number, (kind, tags, source) in enumerate(cells(text), start=1):
        if kind != "code" or not is_visible(tags):
            continue
        tree = _python(source)
        defined = _defined(tree)
        missing = sorted(_used(tree) - defined - known)
        if missing:
            problems.append((number, missing))
        known |= defined
    return problems


_SAMPLE = """---
jupytext:
  text_representation: {extension: .md, format_name: myst}
kernelspec: {display_name: Python 3, language: python, name: python3}
---
```{code-cell} ipython3
import numpy as np
```

```{code-cell} ipython3
:tags: [remove-input]

from booktools import check
SIZES = [784, 30, 10]
```

```{code-cell} ipython3
print(np.sum(SIZES), [s for s in SIZES])
check(True, "a guard in sight")
GATE = {"AND": "与门"}
```
"""


def test_a_name_from_a_removed_cell_is_caught():
    assert undefined_in_visible_cells(_SAMPLE) == [(3, ["SIZES", "check"])]


@pytest.mark.parametrize("page", [p for p in PAGES if p.parent.name == "en"], ids=_page_id)
def test_visible_code_uses_only_visible_names(page):
    problems = undefined_in_visible_cells(page.read_text(encoding="utf-8"))
    assert not problems, f"{page.stem}: visible code cells use names the reader never " \
        "sees defined (import or define them in a visible cell):\n" + "\n".join(
            f"  cell {n}: {', '.join(names)}" for n, names in problems)


# ----------------------------------------------------------------- edition plumbing
_PLUMBING = re.compile(r"\b(?:bt\.)?(?:pick|check|glue|glue_figure)\(|#\s*eq-")


def plumbing(text: str) -> list[str]:
    """Lines of code cells with Chinese (any cell) or edition plumbing (visible cells)."""
    found = []
    for kind, tags, source in cells(text):
        if kind != "code":
            continue
        for line in source.splitlines():
            if CJK.search(line) or (is_visible(tags) and _PLUMBING.search(line)):
                found.append(line.strip())
    return found


def test_plumbing_is_caught():
    assert plumbing(_SAMPLE) == ['check(True, "a guard in sight")',
                                 'GATE = {"AND": "与门"}']


@pytest.mark.parametrize("page", [p for p in PAGES if p.parent.name == "en"], ids=_page_id)
def test_code_has_no_edition_plumbing(page):
    found = plumbing(page.read_text(encoding="utf-8"))
    assert not found, (f"{page.stem}: Chinese belongs in book/terms/*.toml (term(...)), "
                       "guards and glue in removed cells:\n  " + "\n  ".join(found))


# ------------------------------------------------------------------- code fits the page
#: The widest visible code line: the page's code column holds 80 characters of the
#: book's code font (book/_static/book.css), in the HTML at 1280 pixels and in the PDF.
CODE_COLUMNS = 80


def long_lines(text: str) -> list[str]:
    """The lines of visible code cells wider than the page's code column."""
    return [line for kind, tags, source in cells(text)
            if kind == "code" and is_visible(tags)
            for line in source.splitlines() if len(line) > CODE_COLUMNS]


def test_a_long_line_is_caught():
    assert long_lines(_SAMPLE.replace("import numpy as np", "x = 1" + " " * 80 + "# !"))


@pytest.mark.parametrize("page", [p for p in PAGES if p.parent.name == "en"], ids=_page_id)
def test_visible_code_fits_the_column(page):
    found = long_lines(page.read_text(encoding="utf-8"))
    assert not found, (f"{page.stem}: {len(found)} visible code lines are wider than "
                       f"{CODE_COLUMNS} characters:\n  " + "\n  ".join(found))
