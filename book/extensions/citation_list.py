"""The bibliography without a broken ARIA list.

docutils writes the list of citations as ``<div role="list" class="citation-list">``
whose children have the role ``doc-biblioentry``, not ``listitem``: a list whose items a
screen reader cannot find (axe-core: aria-required-children, critical). The role is
dropped; each entry keeps its own role.
"""
from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

BROKEN, FIXED = '<div role="list" class="citation-list">', '<div class="citation-list">'


def _page(app: Sphinx, pagename: str, templatename: str, context: dict,
          doctree: Any) -> None:
    if "body" in context:
        context["body"] = context["body"].replace(BROKEN, FIXED)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _page)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
