"""Mechanical typesetting rules of the Chinese edition (its prose; code is shared).

* Chinese characters never touch inline math, inline code or a role: a space between
  (「写成点积 $w\\cdot x$」, not 「写成点积$w\\cdot x$」). Full-width punctuation may touch.
* No straight ASCII quotes in Chinese sentences: 「“……”」 or 「……」.
* No full-width comma inside a number (「10，000」).
* No space after full-width punctuation (「）」「”」「。」「，」...): 「“……”{cite}`x`」, not
  「“……” {cite}`x`」 (the page keeps such a space).
* No word doubled by a reference: {numref} renders 「图 3.1」 and 「练习 5.3」 itself, so
  「图 {numref}`...`」 would read 「图 图 3.1」 (and the same for 练习, 习题, 表, 式).
* None of the retired translations the glossary names (tests/test_terminology.py lists
  them) and none of the terms the review retired: 推广 for generalize (泛化), 暂退法 is
  the current name of dropout in d2l-zh, not 丢弃法, and one word each for the weighted
  input (带权输入), the sigmoid function (S 型函数), fire (激活) and exercise (练习).
"""
import re

import pytest

from cjk import HAN as CJK
from myst_source import split_myst
from test_parity import BOOK
from test_terminology import OLDER, PAGES

#: inline math ($...$, not $$), inline code (`...`) and roles ({name}`...`)
_INLINE = re.compile(r"(?<!\$)\$(?!\$)[^$\n]+?(?<!\\)\$(?!\$)|\{[a-z:]+\}`[^`]+`|`[^`\n]+`")

RETIRED = {
    "推广": "泛化 (generalize)",
    "加权输入": "带权输入 (weighted input)",
    "sigmoid 函数": "S 型函数",
    "激发": "激活 (fire)",
    "习题": "练习 (exercise)",
    "丢弃法": "暂退法 (dropout)",
    "平均灰度": "平均暗度 (average darkness)",
    "很负": "绝对值很大的负数",
    "权值": "权重, 或 位权 for a digit's place value",
}


def prose(page):
    text = split_myst((BOOK / "zh" / f"{page}.md").read_text(encoding="utf-8"))[1]
    # directive option lines (":name: ...") and HTML comments are not prose
    return "\n".join(line for line in text.splitlines() if not re.match(r"\s*:\w[\w-]*:", line))


def problems(text):
    """Every violation in a piece of Chinese prose, as 'what: context' strings."""
    found = []
    for m in _INLINE.finditer(text):
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        role = re.match(r"\{([a-z]+)", m.group(0))
        role = role.group(1) if role else None
        if role in ("ref", "doc", "eq"):   # they render a Chinese title or "(3)"
            continue
        if role == "numref":                # renders 「图 3.1」: Chinese first
            before = ""
        if re.match(f"[{CJK}]", before) or re.match(f"[{CJK}]", after):
            found.append(f"CJK touches {m.group(0)!r}: {text[max(0, m.start() - 8):m.end() + 8]!r}")
    bare = _INLINE.sub(" ", text)
    for line in bare.splitlines():
        if re.search(f"[{CJK}]", line) and '"' in line and not line.lstrip().startswith("<"):
            found.append(f"straight quote: {line.strip()[:60]!r}")
    for m in re.finditer(r"\d，\d{3}(?!\d)", bare):
        found.append(f"full-width comma in a number: {m.group(0)!r}")
    for m in re.finditer(r"[）」”。，；：！？、] +[^\s|]", text):
        found.append(f"space after full-width punctuation: {m.group(0)!r}")
    for m in re.finditer(r"(图|表|练习|习题|式|节)\s*\{numref\}", text):
        found.append(f"{m.group(1)!r} before {{numref}}, which writes it itself")
    for old, new in {**OLDER, **RETIRED}.items():
        if old in bare:
            found.append(f"{old!r} is retired: use {new}")
    return found


@pytest.mark.parametrize("page", PAGES)
def test_chinese_typesetting(page):
    found = problems(prose(page))
    assert not found, f"zh/{page}.md:\n  " + "\n  ".join(found)


@pytest.mark.parametrize("text, what", [
    ("写成点积$w\\cdot x$。", "CJK touches"),
    ("调用`nn.sigmoid`即可", "CJK touches"),
    ("结果是{glue:text}`ch01_x:.2f`。", "CJK touches"),
    ('他说"很好"。', "straight quote"),
    ("共 10，000 张", "full-width comma"),
    ("见图 {numref}`fig-ch01-x`。", "before {numref}"),
    ("见 {numref}`fig-ch01-x`所示", "CJK touches"),
    ("这个结论可以推广到", "retired"),
    ("用感知器来", "retired"),
    ("见“可视化证明” {cite}`nielsen2015`。", "space after full-width"),
    ("（指数级） 所以", "space after full-width"),
])
def test_each_rule_catches_its_mistake(text, what):
    assert any(what in p for p in problems(text)), problems(text)


def test_good_text_passes():
    assert problems("写成点积 $w\\cdot x$，调用 `nn.sigmoid`（见 {numref}`fig-ch01-x`），"
                    "共 10,000 张“图像”。$$a = b$$ 如{numref}`fig-ch01-x` 所示，"
                    "用{ref}`第 4 章 <ch04>`的代价。") == []
