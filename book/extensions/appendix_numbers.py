"""The appendix numbers its tables and figures on its own: "Table A.1", not "Table 3".

Sphinx numbers the figures and tables of the chapters (numbered in the toctree) per
chapter, 4.1, 4.2..., but those of every unnumbered page with one counter, so the
appendix's tables would continue the preface's. This extension gives the pages of
:data:`LETTERS` their own counter behind a letter, in the order Sphinx numbered them.
"""
from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

#: The unnumbered pages with a lettered numbering of their own.
LETTERS = {"appendix_results": "A"}


def letter_numbers(numbers: dict[str, tuple], letter: str) -> dict[str, tuple]:
    """``{id: (letter, 1)...}``: the ids of one kind of object (table, figure...) on one
    page, numbered anew from 1 in the order of their old numbers."""
    ordered = sorted(numbers, key=lambda ident: numbers[ident])
    return {ident: (letter, k) for k, ident in enumerate(ordered, start=1)}


def _renumber(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After Sphinx's own numbering (the toctree collector, on the same event)."""
    for docname, letter in LETTERS.items():
        for figtype, numbers in env.toc_fignumbers.get(docname, {}).items():
            env.toc_fignumbers[docname][figtype] = letter_numbers(numbers, letter)
    return []


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-get-updated", _renumber, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
