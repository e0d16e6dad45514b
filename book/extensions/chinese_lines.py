"""Chinese edition: a line break inside a paragraph between two Chinese characters is
dropped, not rendered as a space.

Browsers show a soft line break as a space, and Chinese has no spaces between words. A
break next to a Latin letter, a digit or a formula stays a space, which is the usual
spacing in mixed text.
"""
import re

from docutils import nodes
from sphinx.transforms import SphinxTransform

CJK = (r"\u2014\u2018-\u201d\u2026\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff"
       r"\uf900-\ufaff\uff00-\uffef")
_BREAK = re.compile(rf"(?<=[{CJK}])[ \t]*\n[ \t]*(?=[{CJK}])")
_END = re.compile(rf"[{CJK}]\s*\n\s*$")
_START = re.compile(rf"^\s*[{CJK}]")
_LAST = re.compile(rf"[{CJK}]$")
_FIRST = re.compile(rf"^[{CJK}]")
_LEAD = re.compile(rf"^\s*\n\s*[{CJK}]")
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
        out.append(new)
    return out


class JoinChineseLines(SphinxTransform):
    default_priority = 700

    def apply(self, **kwargs):
        if self.config.language != "zh_CN":
            return
        texts = [t for t in self.document.findall(nodes.Text)
                 if not any(isinstance(a, _SKIP) for a in _ancestors(t))]
        for text, new in zip(texts, join_lines([str(t) for t in texts])):
            if new != str(text):
                text.parent.replace(text, nodes.Text(new))


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def setup(app):
    app.add_transform(JoinChineseLines)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
