"""The book's MyST sources as data, for the extensions and the tests: code cells and
their tags, prose, labels, glossary entries, the toctree.

Not a Sphinx extension: a module the others import. It reads the text as written (no
docutils), so a test can check a page without building it.
"""
from __future__ import annotations

import re
from collections import Counter

_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,}|:{3,})\s*(?P<info>.*)$")


def split_myst(text: str) -> tuple[list[str], str]:
    """Return (code cells, prose) of a MyST notebook.

    A code cell is the exact text of a ```` ```{code-cell} ```` block, fences included.
    The prose is everything else, with other fenced blocks kept (directives hold labels)
    but literal code blocks (```` ```python ````) blanked out.
    """
    lines = text.splitlines(keepends=True)
    cells: list[str] = []
    prose: list[str] = []
    i = 0
    # skip the front matter (jupytext / kernelspec)
    if lines and lines[0].strip() == "---":
        for j in range(1, len(lines)):
            if lines[j].strip() == "---":
                i = j + 1
                break
    directives: list[str] = []  # fences of the directives open at this line
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            prose.append(lines[i])
            i += 1
            continue
        fence, info = m.group("fence"), m.group("info").strip()
        if not info and directives and fence[0] == directives[-1][0] \
                and len(fence) >= len(directives[-1]):
            directives.pop()  # the end of a directive, not the start of a literal block
            prose.append(lines[i])
            i += 1
            continue
        # find the closing fence: same character, at least as long, nothing else
        j = i + 1
        while j < len(lines):
            close = lines[j].strip()
            if close and set(close) == {fence[0]} and len(close) >= len(fence):
                break
            j += 1
        block = lines[i:j + 1]
        if info.startswith("{code-cell}"):
            cells.append("".join(block))
        elif info.startswith("{") or fence[0] == ":":
            prose.append(lines[i])  # a directive: keep its options and body (nested blocks)
            directives.append(fence)
            i += 1
            continue
        else:
            prose.extend("\n" for _ in block)  # a literal code block: not prose
        i = j + 1
    return cells, "".join(prose)


_TAGS = re.compile(r"^:tags:\s*\[(.*)\]\s*$")


def code_cells(text: str) -> list[tuple[set[str], list[str]]]:
    """(tags, code lines) of each code cell of a MyST notebook."""
    found = []
    for cell in split_myst(text)[0]:
        lines = cell.splitlines()[1:-1]                      # without the fences
        tags: set[str] = set()
        while lines and lines[0].startswith(":"):             # cell options
            m = _TAGS.match(lines[0])
            if m:
                tags |= {t.strip().strip("'\"") for t in m.group(1).split(",") if t.strip()}
            lines = lines[1:]
        found.append((tags, lines))
    return found


LABEL_PATTERNS = {
    "target": re.compile(r"^\(([^()\s]+)\)=\s*$", re.M),         # (label)=
    "equation": re.compile(r"\$\$\s*\(([^()\s]+)\)\s*$", re.M),   # $$ ... $$ (eq-label)
    "name": re.compile(r"^\s*:name:\s*(\S+)\s*$", re.M),
    "label": re.compile(r"^\s*:label:\s*(\S+)\s*$", re.M),
    "latex": re.compile(r"\\label\{([^}]+)\}"),                    # amsmath \label{...}
    # a table a code cell shows: bt.show_table(header, rows, caption, "tab-...")
    "table": re.compile(r"""["'](tab-[\w-]+)["']\s*\)"""),
}


def labels(text: str) -> Counter:
    """The labels a text defines, as "kind:label" (kind: a key of LABEL_PATTERNS)."""
    return Counter(f"{kind}:{m.group(1)}" for kind, pattern in LABEL_PATTERNS.items()
                   for m in pattern.finditer(text))


def labels_in(text: str) -> set[str]:
    """The labels a MyST page defines (lower case, as Sphinx stores them)."""
    return {key.split(":", 1)[1].lower() for key in labels(text)}


_GLOSSARY = re.compile(r"^(`{3,}|:{3,})\{glossary\}[^\n]*\n(.*?)^\1\s*$", re.M | re.S)


def glossary_entries(text: str) -> list[list[str]]:
    """The terms of each entry of the ``{glossary}`` blocks of a page: the unindented
    lines before the entry's indented definition (options and comments skipped)."""
    entries: list[list[str]] = []
    for block in _GLOSSARY.finditer(text):
        names: list[str] = []
        for line in block.group(2).splitlines() + [""]:
            if line.strip() and not line[0].isspace() and not line.startswith((":", "%")):
                names.append(line.strip())
            elif names:
                entries.append(names)
                names = []
    return entries


_TOCTREE = re.compile(r"^(`{3,}|:{3,})\{toctree\}[^\n]*\n(.*?)^\1\s*$", re.M | re.S)


def toctree_entries(text: str) -> list[str]:
    """The documents the ``{toctree}`` blocks of a page list, in order."""
    return [line.strip() for block in _TOCTREE.finditer(text)
            for line in block.group(2).splitlines()
            if line.strip() and not line.strip().startswith(":")]
