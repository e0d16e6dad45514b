r"""Every image has an alt text that says what it shows, never its file name.

An image without ``:alt:`` gets the text of its figure's caption (the caption describes
the figure in the edition's language, so a screen reader reads the same description a
sighted reader sees). A glued figure (``{glue:figure}``) accepts ``:alt:`` like any other,
but a caption that already says what the figure shows needs none.
The caption's math is spoken, not spelled: a screen reader would read ``\sigma'`` or
``\bar{x}_d`` out character by character, so each math node goes through
`spoken_math.speakable`, which writes it as plain Unicode (σ′, x̄_d, ‖∂C / ∂bˡ‖).
A space between two Chinese characters is dropped from it: the source writes one on each
side of a reference (「即 {numref}`第 %s 章 <ch04>` 的训练」), and the page drops them
(chinese_lines.py), but a glued caption reaches this text with them. An
image that has neither an alt text nor a caption is reported as a warning, which fails
the build (``-W``): write it as a figure with a caption.
"""
from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from cjk import JOINED
from spoken_math import speakable

LOGGER = logging.getLogger(__name__)
_SPACE_IN_CHINESE = re.compile(rf"(?<=[{JOINED}]) +(?=[{JOINED}])")


def _plain(node: nodes.Node) -> str:
    if isinstance(node, nodes.math):
        return speakable(node.astext())
    if isinstance(node, nodes.Text):
        return str(node)
    return "".join(_plain(child) for child in node.children)


def caption_text(figure: nodes.figure) -> str:
    """The whole caption of a figure as plain text (its legend, the paragraphs after
    the caption, excluded), its math written by `speakable`. Never shortened: a caption
    cut at a length limit ends mid-sentence, or drops the sentences that say what the
    colours and lines mean."""
    captions = list(figure.findall(nodes.caption))
    text = " ".join(_plain(captions[0]).split()) if captions else ""
    return _SPACE_IN_CHINESE.sub("", text)


def _describe_images(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for image in doctree.findall(nodes.image):
        if image.get("alt"):
            continue
        figure = next((a for a in _ancestors(image) if isinstance(a, nodes.figure)), None)
        text = caption_text(figure) if figure is not None else ""
        if text:
            image["alt"] = text
        else:
            LOGGER.warning(f"an image without alt text or caption: {image.get('uri')}",
                           location=image, type="book", subtype="alt")


def _ancestors(node: nodes.Node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-resolved", _describe_images)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
