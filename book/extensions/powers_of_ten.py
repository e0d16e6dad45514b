"""Numbers glued into the prose in e-notation are written as powers of ten.

A cell glues a number and the page formats it (``{glue:text}`gap:.1e```), or glues the
formatted text; either way the reader would see "4.5e-05", the notation of code. This
extension rewrites every glued text that is one number in e-notation, "4.5 × 10⁻⁵", in
both editions (the cells' printed outputs are code output and keep e-notation).
booktools uses the same formatter for the numbers it writes into sentences.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:   # booktools imports times_ten in every notebook's kernel: no Sphinx
    from sphinx.application import Sphinx

E_NOTATION = re.compile(r"[-\u2212]?\d+(\.\d+)?e[-+]?\d+")
SUPERSCRIPTS = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075"
                                            "\u2076\u2077\u2078\u2079")


def times_ten(text: str) -> str:
    """A number written in e-notation, "4.54e-05", as the prose writes it: "4.54 × 10⁻⁵"
    (a minus sign, not a hyphen, in front of a negative number). A number without an
    exponent, "-0.888", keeps its digits and gets the minus sign: "−0.888"."""
    if "e" not in text:
        return text.replace("-", "\u2212")
    mantissa, exponent = text.split("e")
    return (f"{mantissa.replace('-', chr(0x2212))} \u00d7 "
            f"10{str(int(exponent)).translate(SUPERSCRIPTS)}")


def _rewrite(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(nodes.inline)):
        if "pasted-text" in node["classes"] and E_NOTATION.fullmatch(node.astext()):
            node.children = [nodes.Text(times_ten(node.astext().replace("\u2212", "-")))]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-resolved", _rewrite)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
