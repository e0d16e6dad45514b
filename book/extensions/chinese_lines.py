"""Chinese edition: a line break inside a paragraph between two Chinese characters is
dropped, not rendered as a space; and no space follows full-width punctuation. (conf.py
lists this extension for the Chinese edition only.)

Browsers show a soft line break as a space, and Chinese has no spaces between words. A
break next to a Latin letter, a digit or a formula stays a space, which is the usual
spacing in mixed text. The source puts a space between Chinese and a glued value
(「为 {glue:text}`x` 的」); when the value ends in full-width punctuation, such as the
range 「85.19%（84.75–85.36）」, that space would stray after 「）」 and is dropped; so is
the one after a reference that ends in Chinese (「第 8 章 起」 becomes 「第 8 章起」).
"""
from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from cjk import JOINED as CJK
_BREAK = re.compile(rf"(?<=[{CJK}])[ \t]*\n[ \t]*(?=[{CJK}])")
_END = re.compile(rf"[{CJK}]\s*\n\s*$")
_START = re.compile(rf"^\s*[{CJK}]")
_LAST = re.compile(rf"[{CJK}]$")
_FIRST = re.compile(rf"^[{CJK}]")
_LEAD = re.compile(rf"^\s*\n\s*[{CJK}]")
_CLOSING = re.compile(r"(?<=[）。，；：、！？」』])[ \t\n\u00a0]+")
_SPACED_CJK = re.compile(rf"[ \t\u00a0]+[{CJK}]")
_SKIP = (nodes.FixedTextElement, nodes.literal, nodes.math, nodes.raw, nodes.comment)


def join_lines(strings):
    """The texts of consecutive Text nodes with the breaks between Chinese removed."""
    out = []
    for i, text in enumerate(strings):
        new = _BREAK.sub("", text)
        # a break at the edge of an inline element (emphasis, a link...)
        if i + 1 < len(strings) and _END.search(new) and _START.search(strings[i + 1]):
            new = new.rstrip()
        if i > 0 and _LAST.search(strings[i - 1]) and _LEAD.search(new):
            new = new.lstrip()
        # MyST makes a soft line break a Text node of its own
        if ("\n" in new and not new.strip() and 0 < i < len(strings) - 1
                and _LAST.search(strings[i - 1]) and _FIRST.search(strings[i + 1])):
            new = ""
        new = _CLOSING.sub("", new)
        if out and out[-1][-1:] in "）。，；：、！？」』" and out[-1]:
            new = new.lstrip(" \t\n\u00a0")
        # a reference that renders Chinese at its end (「第 8 章」) before Chinese text:
        # the space the source puts after the role goes
        if out and _LAST.search(out[-1]) and _SPACED_CJK.match(new):
            new = new.lstrip(" \t\u00a0")
        out.append(new)
    return out


def join_chinese_lines(tree):
    """Apply join_lines to the Text nodes of a docutils tree, in document order. A Text
    node inside math or code takes part as a Latin placeholder (so a break next to a
    formula stays a space) and is not changed."""
    texts = list(tree.findall(nodes.Text))
    frozen = [any(isinstance(a, _SKIP) for a in _ancestors(t)) for t in texts]
    strings = ["x" if f else str(t) for t, f in zip(texts, frozen)]
    for text, f, new in zip(texts, frozen, join_lines(strings)):
        if not f and new != str(text):
            text.parent.replace(text, nodes.Text(new))


class JoinChineseLines(SphinxTransform):
    default_priority = 700

    def apply(self, **kwargs):
        join_chinese_lines(self.document)


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(JoinChineseLines)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
