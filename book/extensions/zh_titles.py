"""Chinese edition: the titles of theorems, proofs and exercises in Chinese typography.
(conf.py lists this extension for the Chinese edition only.)

* sphinx-proof starts every proof with the English "Proof. " (hard-coded in its
  ProofDirective, not translated): write 证明： instead. (Theorem titles use the
  configuration value ``proof_title_format``, set per edition by editions.py.)
* sphinx-exercise wraps an exercise's title in half-width parentheses, " (" and ")", in
  the exercise itself, in its solution and in references to it: full-width ones instead.
* The number of a theorem or an exercise is written "定理 1.1 " with a space after it,
  before the full-width parenthesis of its title: 「定理 1.1（……）」 instead.
* A cross-reference that begins or ends with a Chinese character (「第 8 章」, 「练习 1.1」)
  touches the Chinese text next to it: the space the source puts around the role goes
  (「见第 8 章的」, not 「见 第 8 章 的」); next to a digit or a Latin letter it stays.
* A solution's title names its exercise first: 「练习 2.1（……）的解答」.
"""
from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from cjk import HAN as _HAN

ENGLISH, CHINESE = "Proof. ", "证明："
SOLUTION = "解答"
PARENTHESES = {" (": "（", ")": "）"}


class ChineseProofLabel(SphinxTransform):
    default_priority = 690

    def apply(self, **kwargs):
        for proof in self.document.findall(nodes.admonition):
            text = next(proof.findall(nodes.Text), None) if "proof" in proof["classes"] else None
            if text is not None and str(text).startswith(ENGLISH):
                text.parent.replace(text, nodes.Text(CHINESE + str(text)[len(ENGLISH):]))


def full_width_parentheses(title):
    """Replace the Text nodes " (" and ")" that sphinx-exercise adds to a title."""
    for text in list(title.findall(nodes.Text)):
        if str(text) in PARENTHESES:
            text.parent.replace(text, nodes.Text(PARENTHESES[str(text)]))


def solution_after_exercise(title):
    """sphinx-exercise titles a solution 「解答」 followed by a link to its exercise
    (「解答 练习 2.1（……）」, the English word order): write 「练习 2.1（……）的解答」."""
    children = title.children
    if (len(children) >= 2 and isinstance(children[0], nodes.Text)
            and str(children[0]).strip() == SOLUTION
            and isinstance(children[1], nodes.reference)):
        title.remove(children[0])
        first = next(title.children[0].findall(nodes.Text), None)
        if first is not None:
            first.parent.replace(first, nodes.Text(str(first).lstrip()))
        title += nodes.Text("的" + SOLUTION)


class ChineseExerciseParentheses(SphinxPostTransform):
    default_priority = 30  # after sphinx-exercise's title transforms (20-22)

    def run(self, **kwargs):
        for title in self.document.findall(nodes.title):
            full_width_parentheses(title)
            solution_after_exercise(title)


_NUMBER_BEFORE_TITLE = re.compile(r'(<span class="caption-number">[^<]*?) (</span>（)')

_SPACE_AFTER_REF = re.compile(rf"([{_HAN}]</span></a>) (?=[{_HAN}])")
_SPACE_BEFORE_REF = re.compile(
    rf'(?<=[{_HAN}]) (<a class="reference internal"[^>]*><span class="[^"]*">[{_HAN}])')


def no_space_before_title(body):
    """The page's HTML with no space between a caption number and a full-width 「（」,
    nor between Chinese text and a reference that touches it with a Chinese character."""
    body = _NUMBER_BEFORE_TITLE.sub(r"\1\2", body)
    body = _SPACE_AFTER_REF.sub(r"\1", body)
    return _SPACE_BEFORE_REF.sub(r"\1", body)


def _page(app, pagename, templatename, context, doctree):
    if "body" in context:
        context["body"] = no_space_before_title(context["body"])


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _page)
    app.add_transform(ChineseProofLabel)
    app.add_post_transform(ChineseExerciseParentheses)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
