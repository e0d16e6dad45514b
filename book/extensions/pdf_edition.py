"""What the PDF of each edition (``make pdf``, book/tools/make_pdf.py) needs from Sphinx.

1. The PDF is printed from the ``singlehtml`` builder's page.  Sphinx gives a builder the
   node handlers registered under its own name and falls back to those of its format
   (``html``) only when there are none; sphinx-exercise registers some for
   ``singlehtml``, so MyST-NB's folded cells (registered for ``html``) would have no
   handler there.  The ``singlehtml`` builder gets the ``html`` handlers too.
2. The pages of an HTML build link to their edition's PDF (the sidebar template
   ``pdf-link.html``) when the PDF is there: ``make pdf`` copies the PDFs to
   ``<html>/pdf/``, next to the edition folders, and writes the HTML pages again.  A
   build without a PDF beside it (before ``make pdf``, one chapter, the perturbed build)
   has no link, rather than a dead one.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

#: The file name of an edition's PDF ("en" or "zh"); the Makefile uses the same names.
PDF_NAME = "how-neural-networks-learn-{edition}.pdf"


def pdf_url(edition: str) -> str:
    """The PDF's URL relative to a page of the edition (the pages are all top-level)."""
    return "../pdf/" + PDF_NAME.format(edition=edition)


def _html_handlers_for_singlehtml(app):
    if app.builder.name == "singlehtml":
        handlers = app.registry.translation_handlers
        handlers["singlehtml"] = {**handlers.get("html", {}), **handlers.get("singlehtml", {})}


def _pdf_link(app, pagename, templatename, context, doctree):
    edition = context["edition"]
    pdf = Path(app.outdir).parent / "pdf" / PDF_NAME.format(edition=edition)
    if app.builder.name == "html" and pdf.is_file():
        context["edition_pdf_url"] = pdf_url(edition)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _html_handlers_for_singlehtml)
    app.connect("html-page-context", _pdf_link)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
