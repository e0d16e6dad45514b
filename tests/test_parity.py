"""The two editions stay in step: same files, same code, same labels, glue and figures.

For every page of ``book/en`` and ``book/zh`` (CONTRIBUTING.md):

* the page exists in both editions;
* the code cells are identical byte for byte, in the same order (so the figures and the
  glued numbers are the same, and the build executes each notebook once);
* the labels are the same: section targets ``(label)=``, equation labels
  ``$$ ... $$ (label)``, ``:name:`` and ``:label:`` options, ``\\label{...}``;
* the prose uses the same glued names (``{glue:text}`name` ``, ``{glue:figure} name``...);
* the figures are the same: ``{glue:figure}`` keys and image files, in the same order.

Prose is not compared: each edition is written natively in its language.
"""
from __future__ import annotations

import re
from collections import Counter
from difflib import unified_diff
from pathlib import Path

import pytest
from myst_source import labels, split_myst, toctree_entries

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
EDITIONS = ("en", "zh")

#: Every page of the book, in reading order: the toctree of the English index.md (the
#: Chinese one must list the same pages). A new chapter is its two files and a line in
#: each index.md.
BOOK_PAGES = toctree_entries((BOOK / "en" / "index.md").read_text(encoding="utf-8"))


def _pages() -> list[str]:
    names = set()
    for edition in EDITIONS:
        names |= {p.stem for p in (BOOK / edition).glob("*.md")}
    return sorted(names)


# ------------------------------------------------------------------ MyST parsing
# (split_myst, labels: book/extensions/myst_source.py, shared with the extensions)
_GLUE_ROLE = re.compile(r"\{glue(?::[a-z]+)?\}`([^`]+)`")
_GLUE_DIRECTIVE = re.compile(r"^\s*(`{3,}|:{3,})\{glue(?::[a-z]+)?\}\s+(\S+)", re.M)
_FIGURE = re.compile(r"^\s*(?:`{3,}|:{3,})\{(?:figure|image)\}\s+(\S+)", re.M)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)")
_GLUE_FIGURE = re.compile(r"^\s*(?:`{3,}|:{3,})\{glue:figure\}\s+(\S+)", re.M)


def glue_names(prose: str) -> set[str]:
    names = set()
    for m in _GLUE_ROLE.finditer(prose):
        key = m.group(1).split(":")[0].strip()  # {glue:text}`key:.2f`
        names.add(key)
    names |= {m.group(2) for m in _GLUE_DIRECTIVE.finditer(prose)}
    return names


def figures(prose: str) -> list[str]:
    found = [(m.start(), f"glue:{m.group(1)}") for m in _GLUE_FIGURE.finditer(prose)]
    found += [(m.start(), f"file:{m.group(1)}") for m in _FIGURE.finditer(prose)]
    found += [(m.start(), f"file:{m.group(1)}") for m in _MD_IMAGE.finditer(prose)]
    return [name for _, name in sorted(found)]


def read(edition: str, page: str) -> tuple[list[str], str]:
    return split_myst((BOOK / edition / f"{page}.md").read_text(encoding="utf-8"))


# -------------------------------------------------------------------------- tests
def test_book_has_pages():
    assert _pages(), "book/en and book/zh hold no pages"


@pytest.mark.parametrize("page", _pages())
def test_page_exists_in_both_editions(page):
    missing = [e for e in EDITIONS if not (BOOK / e / f"{page}.md").is_file()]
    assert not missing, f"{page}.md is missing from book/{', book/'.join(missing)}"


def _both(page):
    if not all((BOOK / e / f"{page}.md").is_file() for e in EDITIONS):
        pytest.skip(f"{page}.md is not in both editions (see test_page_exists_in_both_editions)")
    return read("en", page), read("zh", page)


@pytest.mark.parametrize("page", _pages())
def test_code_cells_identical(page):
    (en_cells, _), (zh_cells, _) = _both(page)
    assert len(en_cells) == len(zh_cells), (
        f"{page}: {len(en_cells)} code cells in en, {len(zh_cells)} in zh")
    for k, (a, b) in enumerate(zip(en_cells, zh_cells), start=1):
        if a != b:
            diff = "".join(unified_diff(a.splitlines(True), b.splitlines(True),
                                        f"en/{page}.md cell {k}", f"zh/{page}.md cell {k}"))
            pytest.fail(f"{page}: code cell {k} differs between the editions:\n{diff}")


@pytest.mark.parametrize("page", _pages())
def test_same_labels(page):
    (_, en), (_, zh) = _both(page)
    a, b = labels(en), labels(zh)
    assert a == b, (f"{page}: labels only in en: {sorted((a - b).elements())}; "
                    f"only in zh: {sorted((b - a).elements())}")
    duplicated = sorted(k for k, n in a.items() if n > 1)
    assert not duplicated, f"{page}: labels defined twice: {duplicated}"


@pytest.mark.parametrize("page", _pages())
def test_same_glue_names(page):
    # (whether every name is defined is checked by the build: glue keys may be computed)
    (_, en), (_, zh) = _both(page)
    a, b = glue_names(en), glue_names(zh)
    assert a == b, f"{page}: glued names only in en: {sorted(a - b)}; only in zh: {sorted(b - a)}"


@pytest.mark.parametrize("page", _pages())
def test_same_figures(page):
    (_, en), (_, zh) = _both(page)
    assert figures(en) == figures(zh), (
        f"{page}: figures differ:\n  en: {figures(en)}\n  zh: {figures(zh)}")


@pytest.mark.parametrize("edition", EDITIONS)
def test_index_lists_every_page(edition):
    """The landing page's toctree lists every page of the book, each exists, and the two
    editions list the same pages in the same order."""
    entries = toctree_entries((BOOK / edition / "index.md").read_text(encoding="utf-8"))
    assert entries == BOOK_PAGES, f"book/{edition}/index.md toctree: {entries}"
    missing = [p for p in entries if not (BOOK / edition / f"{p}.md").is_file()]
    assert not missing, f"pages listed in book/{edition}/index.md but not written yet: {missing}"
    unlisted = {p.stem for p in (BOOK / edition).glob("*.md")} - {"index", *entries}
    assert not unlisted, f"pages of book/{edition} missing from its index.md: {sorted(unlisted)}"


# ------------------------------------------------------- the parser itself, on a sample
SAMPLE = '''---
kernelspec:
  name: python3
---
(ch09-intro)=
# Title

Text with {glue:text}`ch09_acc:.2f` and $$x$$ inline.

```{code-cell} ipython3
:tags: [hide-input]
x = 1  # ```
glue("ch09_acc", 0.5)
```

$$
a = b
$$ (eq-ch09-ab)

```{glue:figure} ch09_fig
:name: fig-ch09-fig

Caption.
```

```python
(not-a-label)=
```

```{exercise}
:label: ex-ch09-one
Do it.
```

```{solution} ex-ch09-one
:class: dropdown
Done, see {glue:text}`ch09_sol`.
```
'''


def test_parser_on_a_sample():
    cells, prose = split_myst(SAMPLE)
    assert len(cells) == 1 and cells[0].startswith("```{code-cell} ipython3\n:tags:")
    assert cells[0].endswith("```\n") and 'glue("ch09_acc", 0.5)' in cells[0]
    assert labels(prose) == Counter({"target:ch09-intro": 1, "equation:eq-ch09-ab": 1,
                                     "name:fig-ch09-fig": 1, "label:ex-ch09-one": 1})
    assert glue_names(prose) == {"ch09_acc", "ch09_fig", "ch09_sol"}  # after a directive
    assert figures(prose) == ["glue:ch09_fig"]
