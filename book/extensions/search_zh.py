"""Chinese search: jieba with the book's terms, and a fix for Sphinx 9.0's stemmer name.

Sphinx segments Chinese text with jieba. Its dictionary does not know the book's terms
(反向传播, 交叉熵...), so it would split them; the glossary's Chinese terms and a few
more are given to it as a user dictionary.
"""
import logging
import re
from pathlib import Path

from sphinx.search.zh import SearchChinese

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


def glossary_terms(text):
    """The terms of the ``{glossary}`` blocks of a MyST page."""
    terms = set()
    pattern = re.compile(r"^(`{3,}|:{3,})\{glossary\}[^\n]*\n(.*?)^\1\s*$", re.M | re.S)
    for block in pattern.finditer(text):
        for line in block.group(2).splitlines():
            if line.strip() and not line[0].isspace() and not line.startswith((":", "%")):
                terms.add(line.strip())
    return terms


def jieba_words(glossary=None):
    """The book's Chinese terms: the glossary's plus EXTRA_WORDS, as jieba accepts them
    (more than one character, no space, at least one Chinese character)."""
    words = set(EXTRA_WORDS)
    if glossary is not None and glossary.is_file():
        words |= glossary_terms(glossary.read_text(encoding="utf-8"))
    return sorted(w for w in words
                  if len(w) > 1 and " " not in w and re.search(r"[\u4e00-\u9fff]", w))


def _user_dictionary(app, config):
    if config.language != "zh_CN":
        return
    logging.getLogger("jieba").setLevel(logging.WARNING)
    userdict = Path(app.doctreedir) / "jieba_userdict.txt"
    userdict.parent.mkdir(parents=True, exist_ok=True)
    words = jieba_words(Path(app.srcdir) / "glossary.md")
    userdict.write_text("".join(f"{w} 100000 n\n" for w in words), encoding="utf-8")
    config.html_search_options = {**(config.html_search_options or {}), "dict": str(userdict)}


def setup(app):
    app.add_search_language(SearchChineseFixed)
    app.connect("config-inited", _user_dictionary, priority=200)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
