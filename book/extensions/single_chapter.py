"""``BOOK_ONLY=<docname>``: build one chapter (``make html-one``).

Every chapter except that one is excluded; the index, preface, glossary and bibliography
stay. The toctree warnings about the excluded chapters are suppressed, and references
into them are rendered as plain text; every other warning still counts, so a reference
to a label that exists nowhere still fails the build.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util import logging

from myst_source import labels_in

LOGGER = logging.getLogger(__name__)

#: Documents kept in a single-chapter build.
ALWAYS = ["index", "preface", "glossary", "bibliography"]

def _exclude(app, config):
    app.book_excluded_docs, app.book_excluded_labels = set(), set()
    only = os.environ.get("BOOK_ONLY", "").strip().removesuffix(".md")
    if not only:
        return
    srcdir = Path(app.srcdir)
    if not (srcdir / f"{only}.md").is_file():
        raise ConfigError(f"BOOK_ONLY={only}: {srcdir}/{only}.md does not exist")
    excluded = sorted(p.stem for p in srcdir.glob("*.md") if p.stem not in {*ALWAYS, only})
    # "<doc>.*": the toctree checks doc2path(), which may pick another source suffix
    config.exclude_patterns = [*config.exclude_patterns, *(f"{d}.*" for d in excluded)]
    app.book_excluded_docs = set(excluded)
    for d in excluded:
        app.book_excluded_labels |= labels_in((srcdir / f"{d}.md").read_text(encoding="utf-8"))
    # the toctree of index.md names every chapter: only those warnings are expected
    config.suppress_warnings = [*config.suppress_warnings, "toc.excluded"]
    LOGGER.info(f"BOOK_ONLY={only}: excluding {len(excluded)} documents")


def _reference_into_excluded(app, env, node, contnode):
    """A reference into an excluded chapter becomes plain text."""
    if not app.book_excluded_docs:
        return None
    target = str(node.get("reftarget", ""))
    doc = target.removesuffix(".md").lstrip("/").split("#")[0]
    if doc in app.book_excluded_docs or target.lower() in app.book_excluded_labels:
        return contnode if contnode is not None else nodes.inline(text=target)
    return None


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _exclude, priority=300)
    app.connect("missing-reference", _reference_into_excluded, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
