"""The Chinese edition uses the terms of its glossary (book/zh/glossary.md).

* Each glossary entry pairs a Chinese term with an English one. Where the English prose of
  a page uses the English term, the Chinese prose of the same page uses the Chinese term.
* The older translations the glossary explains away (感知器, 迭代期, 规范化, ...) do not
  appear in the Chinese prose, except in the glossary itself, which names them.

Only prose is checked: code cells are shared by the editions.
"""
import re
from pathlib import Path

import pytest

from myst_source import glossary_entries, split_myst
from test_parity import BOOK_PAGES

BOOK = Path(__file__).resolve().parents[1] / "book"

#: Older translations of the glossary's terms (see its section "几个需要说明的选择").
OLDER = {"感知器": "感知机", "迭代期": "轮", "迭代周期": "轮", "规范化": "正则化",
         "过度拟合": "过拟合", "柔性最大值": "softmax"}

#: English matches that are not the glossary's term, with the reason.
NOT_THE_TERM = {
    ("ch01_perceptrons", "weighted input"): "'adds up the weighted inputs': inputs times weights, not z",
    ("ch02_sigmoid_neurons", "activation"): "only inside 'activation function' (激活函数)",
}

PAGES = [p for p in BOOK_PAGES if p != "glossary"]


def glossary_pairs():
    """[(chinese, english)] of the glossary's entries: each is a Chinese term line, an
    English term line, then its indented definition."""
    text = (BOOK / "zh" / "glossary.md").read_text(encoding="utf-8")
    return [(names[0], names[-1]) for names in glossary_entries(text)]


def prose(edition, page):
    return split_myst((BOOK / edition / f"{page}.md").read_text(encoding="utf-8"))[1]


def test_glossary_has_pairs():
    pairs = glossary_pairs()
    assert len(pairs) >= 20 and ("感知机", "perceptron") in pairs and ("反向传播", "backpropagation") in pairs


@pytest.mark.parametrize("page", PAGES)
def test_chinese_prose_uses_the_glossary_terms(page):
    en, zh = prose("en", page), prose("zh", page)
    missing = [f"{english} -> {chinese}" for chinese, english in glossary_pairs()
               if (page, english) not in NOT_THE_TERM
               and re.search(rf"\b{re.escape(english)}s?\b", en, re.I) and chinese not in zh]
    assert not missing, f"book/zh/{page}.md lacks the glossary's term for: {missing}"


@pytest.mark.parametrize("page", PAGES)
def test_no_older_translations(page):
    zh = prose("zh", page)
    found = [f"{old} (write {new})" for old, new in OLDER.items() if old in zh]
    assert not found, f"book/zh/{page}.md: {found}"


def test_exceptions_are_still_needed():
    """An entry of NOT_THE_TERM that no longer matches anything should be removed."""
    for page, english in NOT_THE_TERM:
        assert re.search(rf"\b{re.escape(english)}s?\b", prose("en", page), re.I), (page, english)
