"""Chinese search: jieba with the book's terms, and a fix for Sphinx 9.0's stemmer name.
(conf.py lists this extension for the Chinese edition only.)

Sphinx segments Chinese text with jieba. Its dictionary does not know the book's terms
(反向传播, 交叉熵...), so it would split them; the glossary's Chinese terms and a few
more are given to it as a user dictionary.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.search.zh import SearchChinese

from cjk import HAN_RE
from myst_source import glossary_entries

#: Terms beyond the glossary's (older translations readers may search for, and phrases).
EXTRA_WORDS = {
    "感知机", "感知器", "神经元", "S 型神经元", "S型神经元", "权重", "偏置", "代价函数",
    "损失函数", "梯度下降", "随机梯度下降", "小批量", "学习率", "反向传播", "反向传播算法",
    "交叉熵", "学习缓慢", "对数似然", "过拟合", "过度拟合", "正则化", "规范化", "权重衰减",
    "权重初始化", "超参数", "验证集", "测试集", "训练集", "提前停止", "激活函数",
    "输出层", "隐藏层", "输入层", "迭代期", "迭代周期", "柔性最大值", "阶跃函数",
    "链式法则", "偏导数", "有限差分", "梯度检验", "二次代价", "均方误差", "前馈",
    "神经网络", "深度学习", "手写数字", "独热编码", "饱和", "丢弃法", "暂退法", "泛化",
}


class SearchChineseFixed(SearchChinese):
    """Sphinx 9.0's Chinese search writes ``window.Stemmer = ChineseStemmer`` although it
    ships the English stemmer, so search stops with "ChineseStemmer is not defined"
    (sphinx-doc/sphinx#14229, fixed upstream by #14416 after 9.0.4). The JS class name is
    derived from ``language_name``: name the stemmer that is really shipped."""

    language_name = "English"


def jieba_words(glossary=None):
    """The book's Chinese terms: the glossary's plus EXTRA_WORDS, as jieba accepts them
    (more than one character, no space, at least one Chinese character)."""
    words = set(EXTRA_WORDS)
    if glossary is not None and glossary.is_file():
        words |= {term for entry in glossary_entries(glossary.read_text(encoding="utf-8"))
                  for term in entry}
    return sorted(w for w in words
                  if len(w) > 1 and " " not in w and HAN_RE.search(w))


def _user_dictionary(app, config):
    logging.getLogger("jieba").setLevel(logging.WARNING)
    userdict = Path(app.doctreedir) / "jieba_userdict.txt"
    userdict.parent.mkdir(parents=True, exist_ok=True)
    words = jieba_words(Path(app.srcdir) / "glossary.md")
    userdict.write_text("".join(f"{w} 100000 n\n" for w in words), encoding="utf-8")
    config.html_search_options = {**(config.html_search_options or {}), "dict": str(userdict)}


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_search_language(SearchChineseFixed)
    app.connect("config-inited", _user_dictionary, priority=200)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
