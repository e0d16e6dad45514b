"""The book's Sphinx extensions (book/extensions/), one test group per module, and conf.py
as configuration only."""
import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "extensions"))

import appendix_numbers  # noqa: E402
import chinese_lines  # noqa: E402
import interface_zh  # noqa: E402
import page_context  # noqa: E402
import powers_of_ten  # noqa: E402
import search_zh  # noqa: E402
import zh_titles  # noqa: E402
import single_chapter  # noqa: E402



# ----- appendix_numbers ------------------------------------------------------------------
def test_the_appendix_numbers_its_tables_from_a_1():
    """Sphinx gave the appendix's tables the numbers after the preface's (3, 4, 5): they
    become A.1, A.2, A.3 in the same order."""
    numbers = {"tab-b": (5,), "tab-a": (3,), "tab-c": (4,)}
    assert appendix_numbers.letter_numbers(numbers, "A") == {
        "tab-a": ("A", 1), "tab-c": ("A", 2), "tab-b": ("A", 3)}
    assert ".".join(map(str, ("A", 2))) == "A.2"         # how Sphinx writes a number


# ----- powers_of_ten ---------------------------------------------------------------------
def test_glued_numbers_in_e_notation_read_as_powers_of_ten():
    from docutils import nodes
    from docutils.utils import new_document
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    doctree = new_document("test", get_default_settings(Parser))
    texts = ["4.5e-05", "5.69e+08", "\u22121e-16", "95.42", "5e-05 and more"]
    paragraph = nodes.paragraph()
    for text in texts:
        paragraph += nodes.inline(text, text, classes=["pasted-text"])
    paragraph += nodes.inline("2e-16", "2e-16")                    # not glued: kept
    doctree += paragraph
    powers_of_ten._rewrite(None, doctree, "test")
    assert [node.astext() for node in doctree.findall(nodes.inline)] == [
        "4.5 × 10⁻⁵", "5.69 × 10⁸", "−1 × 10⁻¹⁶", "95.42", "5e-05 and more", "2e-16"]

# ----- chinese_lines ---------------------------------------------------------------------
@pytest.mark.parametrize("texts, joined", [
    (["反向传播\n算法"], ["反向传播算法"]),                 # a break between Chinese: gone
    (["使用 numpy\n计算"], ["使用 numpy\n计算"]),          # next to a Latin word: kept
    (["结果是\n", "emphasis"], ["结果是\n", "emphasis"]),
    (["结果是\n", "强调"], ["结果是", "强调"]),              # at the edge of an inline element
    (["梯度", "\n", "下降"], ["梯度", "", "下降"]),          # a soft break as a node of its own
    (["a\n", "\n", "b"], ["a\n", "\n", "b"]),
    (["为 ", "85.19%（84.75–85.36）", " 的训练"], ["为 ", "85.19%（84.75–85.36）", "的训练"]),
    (["百分点。 它们，\nMNIST"], ["百分点。它们，MNIST"]),  # no space after 「。」 or 「，」
    (["从", "第 8 章", " 起，", "第 8 章", " MNIST"], ["从", "第 8 章", "起，", "第 8 章", " MNIST"]),
])
def test_line_breaks_between_chinese_characters_are_dropped(texts, joined):
    assert chinese_lines.join_lines(texts) == joined


def test_a_break_next_to_a_formula_stays_a_space():
    from docutils import nodes
    para = nodes.paragraph("", "", nodes.Text("写成点积\n"), nodes.math("", "w \\cdot x"),
                           nodes.Text("，也就是\n加权和"))
    chinese_lines.join_chinese_lines(para)
    assert para.astext() == "写成点积\nw \\cdot x，也就是加权和"


# ----- zh_titles -------------------------------------------------------------------------
def test_exercise_titles_get_full_width_parentheses():
    from docutils import nodes
    title = nodes.title("", "", nodes.Text("练习 1.1"), nodes.Text(" ("),
                        nodes.emphasis("", "用与非门 (NAND)"), nodes.Text(")"))
    zh_titles.full_width_parentheses(title)
    assert title.astext() == "练习 1.1（用与非门 (NAND)）"


def test_a_solution_title_names_its_exercise_first():
    from docutils import nodes
    link = nodes.reference("", " 练习 2.1（缩放）", refid="ex")
    title = nodes.title("", "", nodes.Text("解答"), link)
    zh_titles.solution_after_exercise(title)
    assert title.astext() == "练习 2.1（缩放）的解答"
    assert isinstance(title.children[0], nodes.reference)        # the link is kept
    other = nodes.title("", "练习 2.1（缩放）")
    zh_titles.solution_after_exercise(other)
    assert other.astext() == "练习 2.1（缩放）"


# ----- single_chapter --------------------------------------------------------------------
def test_labels_of_a_page():
    text = ("(ch05-bp1)=\n# BP1\n$$\na = b\n$$ (eq-ch05-BP1)\n"
            "```{glue:figure} x\n:name: fig-ch05-x\n```\n\\label{eq:z}\n"
            "```{code-cell} ipython3\nbt.show_table(header, rows,\n"
            "              caption, \"tab-ch05-shapes\")\n```\n")
    assert single_chapter.labels_in(text) == {"ch05-bp1", "eq-ch05-bp1", "fig-ch05-x", "eq:z",
                                              "tab-ch05-shapes"}


def test_single_chapter_keeps_the_front_and_back_matter():
    assert set(single_chapter.ALWAYS) == {"index", "preface", "glossary", "bibliography"}


# ----- search_zh -------------------------------------------------------------------------
def test_jieba_words_come_from_the_glossary(tmp_path):
    glossary = tmp_path / "glossary.md"
    glossary.write_text("```{glossary}\n学习缓慢\nlearning slowdown\n  定义。\n\n"
                        "梯 度\ngradient\n  定义。\n```\n", encoding="utf-8")
    words = search_zh.jieba_words(glossary)
    assert "学习缓慢" in words and "反向传播" in words
    assert "梯 度" not in words and "learning slowdown" not in words   # jieba's format


def test_real_glossary_terms_are_searchable():
    words = search_zh.jieba_words(ROOT / "book" / "zh" / "glossary.md")
    assert {"反向传播", "交叉熵", "感知机", "正则化", "梯度下降"} <= set(words)


def test_stemmer_name_is_the_shipped_one():
    assert search_zh.SearchChineseFixed.language_name == "English"


# ----- page_context ----------------------------------------------------------------------
@pytest.mark.parametrize("page, url", [("index", "../zh/index.html"),
                                       ("sub/page", "../../zh/sub/page.html")])
def test_other_edition_url(page, url):
    assert page_context.other_edition_url(page, "zh") == url


# ----- interface_zh ----------------------------------------------------------------------
def test_interface_catalog_compiles_and_translates(tmp_path):
    import gettext

    class App:
        doctreedir = str(tmp_path)
        added = []

        def add_message_catalog(self, name, folder):
            self.added.append((name, folder))

    app = App()
    interface_zh._add_catalogs(app)
    assert [name for name, _ in app.added] == ["sphinx", "booktheme"]
    folder = app.added[0][1]
    translation = gettext.translation("sphinx", folder, languages=["zh_CN"])
    assert translation.gettext("System Settings") == "跟随系统"
    # the theme's own catalog says 「列印成 PDF」 (Taiwan): ours answers first
    theme = gettext.translation("booktheme", folder, languages=["zh_CN"])
    assert theme.gettext("Print to PDF") == "打印为 PDF"
    assert all(not any(c.isascii() and c.isalpha() for c in zh) or "PDF" in zh
               or "notebook" in zh for zh in interface_zh.STRINGS.values())


# ----- conf.py ---------------------------------------------------------------------------
EXTENSIONS = ROOT / "book" / "extensions"


def _listed(tree: ast.Module) -> set[str]:
    """Every name that conf.py puts in `extensions` (its list and what it adds)."""
    names = set()
    for n in tree.body:
        for node in ast.walk(n):
            if isinstance(node, (ast.Assign, ast.AugAssign)):
                target = node.targets[0] if isinstance(node, ast.Assign) else node.target
                if getattr(target, "id", None) == "extensions":
                    names |= {ast.literal_eval(e) for e in node.value.elts}
    return names


def _extension_modules() -> dict[str, ast.Module]:
    """The modules of book/extensions that are Sphinx extensions (they define setup);
    the others (cjk, myst_source) are what the extensions and the tests share."""
    trees = {p.stem: ast.parse(p.read_text(encoding="utf-8")) for p in EXTENSIONS.glob("*.py")}
    return {name: tree for name, tree in trees.items()
            if any(isinstance(n, ast.FunctionDef) and n.name == "setup" for n in tree.body)}


def test_conf_is_configuration_only():
    """conf.py defines no classes and no functions; extensions live in book/extensions/,
    one module per concern, each listed in conf.extensions."""
    tree = ast.parse((ROOT / "conf.py").read_text(encoding="utf-8"))
    assert not [n.name for n in tree.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))]
    modules = set(_extension_modules())
    listed = _listed(tree)
    assert modules <= listed, f"extensions not listed in conf.py: {modules - listed}"


_LOAD_CONF = """
import json, sys
from sphinx.config import Config
from sphinx.util.tags import Tags
config = Config.read({root!r}, overrides={{}}, tags=Tags([{tag!r}]))
heavy = sorted(m for m in ("numpy", "plotly", "matplotlib", "booktools", "interactive", "nn")
               if m in sys.modules)
print(json.dumps({{"heavy": heavy, "language": config.language,
                   "extensions": config.extensions}}))
"""


@pytest.mark.parametrize("tag", ["en", "zh"])
def test_conf_loads_without_numeric_imports(tag):
    """Loading conf.py (in a fresh interpreter) imports neither numpy nor plotly, nor
    the book's helpers; the Chinese-only extensions are listed for the zh edition only."""
    import json
    import subprocess
    code = _LOAD_CONF.format(root=str(ROOT), tag=tag)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, cwd=ROOT).stdout
    loaded = json.loads(out.splitlines()[-1])
    assert loaded["heavy"] == []
    assert loaded["language"] == {"en": "en", "zh": "zh_CN"}[tag]
    chinese = {name for name in _extension_modules() if name.endswith("_zh")
               or name in ("chinese_lines", "zh_titles")}
    assert bool(chinese & set(loaded["extensions"])) == (tag == "zh")
    assert chinese <= set(loaded["extensions"]) or tag == "en"


def test_each_extension_has_a_typed_setup_with_its_metadata():
    """As CPython's Doc/tools/extensions: setup(app: Sphinx) -> dict[str, Any], returning
    its version and that it is safe in parallel."""
    for name, tree in _extension_modules().items():
        setup = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "setup")
        assert ast.unparse(setup.args.args[0].annotation) == "Sphinx", name
        assert ast.unparse(setup.returns) == "dict[str, Any]", name
        [returned] = [n.value for n in ast.walk(setup) if isinstance(n, ast.Return)]
        keys = {ast.literal_eval(k) for k in returned.keys}
        assert {"version", "parallel_read_safe", "parallel_write_safe"} <= keys, name


def test_the_notebook_cache_is_keyed_by_the_code_and_the_seed_base(monkeypatch, tmp_path):
    import notebook_cache
    (tmp_path / "nn").mkdir()
    (tmp_path / "nn" / "a.py").write_text("x = 1\n")
    first = notebook_cache.source_hash(tmp_path)
    (tmp_path / "nn" / "a.py").write_text("x = 2\n")
    assert notebook_cache.source_hash(tmp_path) != first
    monkeypatch.setenv("BOOK_SEED_BASE", "1000")
    assert notebook_cache.seed_base() == 1000
    monkeypatch.setenv("BOOK_SEED_BASE", "ten")
    from sphinx.errors import ConfigError
    with pytest.raises(ConfigError, match="integer"):
        notebook_cache.seed_base()


def test_no_space_between_a_caption_number_and_a_chinese_title():
    import zh_titles
    html = '<span class="caption-number">定理 1.1 </span>（没有感知机能计算异或）'
    assert zh_titles.no_space_before_title(html) == (
        '<span class="caption-number">定理 1.1</span>（没有感知机能计算异或）')


def test_no_space_between_chinese_and_a_reference_that_touches_it():
    import zh_titles
    html = ('见 <a class="reference internal" href="a.html#ch08"><span class="std std-numref">'
            '第 8 章</span></a> 的，和 <a class="reference internal" href="#f"><span '
            'class="std std-numref">图 4.3</span></a> 展示')
    assert zh_titles.no_space_before_title(html) == (
        '见<a class="reference internal" href="a.html#ch08"><span class="std std-numref">'
        '第 8 章</span></a>的，和<a class="reference internal" href="#f"><span '
        'class="std std-numref">图 4.3</span></a> 展示')


def test_alt_text_has_no_space_between_chinese_characters():
    """A glued caption keeps the spaces the source writes around a reference
    (「即 第 4 章 的训练」); its alt text drops those between Chinese characters and
    keeps the others (「S 型」, 「30 个」, "[784, 30, 10]")."""
    from docutils import nodes
    from figure_alt import caption_text
    figure = nodes.figure("", nodes.caption(
        "", "二次代价（橙色，即 第 4 章 的训练），S 型网络，30 个隐藏神经元，[784, 30, 10]"))
    assert caption_text(figure) == (
        "二次代价（橙色，即第 4 章的训练），S 型网络，30 个隐藏神经元，[784, 30, 10]")
    english = nodes.figure("", nodes.caption("", "The quadratic cost (orange,  chapter 4)"))
    assert caption_text(english) == "The quadratic cost (orange, chapter 4)"


def test_speakable_writes_the_math_of_captions_as_plain_unicode():
    """An alt text is read out by a screen reader, which spells LaTeX backslash by
    backslash: Greek letters, operators, fractions, accents, scripts and fonts become
    the characters the page shows; a script without Unicode forms stays readable."""
    from spoken_math import speakable
    cases = {
        r"w \cdot x + b > 0": "w · x + b > 0",
        r"\sigma'": "σ′",
        r"\bar{x}_d - \bar{x}": "x̄_d − x̄",
        r"C = \frac12 v^T H v": "C = 1/2 vᵀ H v",
        r"\hat y = wx + b": "ŷ = wx + b",
        r"\eta = 3.0": "η = 3.0",
        r"10^8": "10⁸",
        r"\gamma_{\text{scale}}": "γ_scale",
        r"\lVert y - a \rVert^2": "‖y − a‖²",
        r"\lVert \partial C / \partial b^l\rVert": "‖∂C / ∂bˡ‖",
        r"N(0, 1/n_{\text{in}})": "N(0, 1/nᵢₙ)",
        r"w^2_{24}": "w²₂₄",
        r"a^{(l)}_j": "a⁽ˡ⁾ⱼ",
        r"10^{-3}": "10⁻³",
        r"C - C^*": "C − C*",
        r"e^{-\lambda t}": "e^(−λt)",
        r"\frac{\partial C}{\partial w}": "∂C/∂w",
        r"\frac{a + b}{2}": "(a + b)/2",
        r"\sqrt 2": "√2",
        r"\sqrt{x + 1}": "√(x + 1)",
        r"\tilde{x}": "x̃",
        r"\mathbf{x}^T": "xᵀ",
        r"\left( x \right)": "(x)",
        r"v_0 + t\,d": "v₀ + t d",
        r"l = 0, \dots, 3": "l = 0, …, 3",
        r"-8 \le z \le 8": "−8 ≤ z ≤ 8",
        r"\eta/(1-\mu) \approx 0.2": "η/(1−μ) ≈ 0.2",
        r"z = \ln 2": "z = ln 2",
        r"b = -\text{阈值}": "b = −阈值",
    }
    for latex, text in cases.items():
        assert speakable(latex) == text, latex


def test_alt_text_speaks_the_math_of_the_caption():
    """The math nodes of a caption reach its alt text through speakable, the text
    around them as it is."""
    from docutils import nodes
    from figure_alt import caption_text
    figure = nodes.figure("", nodes.caption(
        "", "", nodes.Text("The derivative "), nodes.math(r"\sigma'", r"\sigma'"),
        nodes.Text(" and the mean image "), nodes.math(r"\bar{x}_d", r"\bar{x}_d"),
        nodes.Text(".")))
    assert caption_text(figure) == "The derivative σ′ and the mean image x̄_d."
    chinese = nodes.figure("", nodes.caption(
        "", "", nodes.Text("学习率 "), nodes.math(r"\eta = 3.0", r"\eta = 3.0"),
        nodes.Text("，代价 "), nodes.math(r"C = \frac12 v^T H v", r"C = \frac12 v^T H v")))
    assert caption_text(chinese) == "学习率 η = 3.0，代价 C = 1/2 vᵀ H v"


def test_times_ten_writes_a_number_without_exponent_with_a_minus_sign():
    """times_ten takes any formatted number, so a cell need not test for an "e": a
    power of ten as × 10ⁿ, a plain number as it is, a minus sign in both."""
    from powers_of_ten import times_ten
    assert times_ten("-1.73e-18") == "\u22121.73 \u00d7 10\u207b\u00b9\u2078"
    assert times_ten("-0.888") == "\u22120.888"
    assert times_ten("309") == "309"


# ------------------------------------------------------------- bibliography_style
def test_bibliography_labels_entries_as_the_text_cites_them():
    import bibliography_style  # noqa: F401  (registers the style with pybtex)
    from pybtex.database import parse_file
    from pybtex.plugin import find_plugin

    style = find_plugin("pybtex.style.formatting", "book")()
    entries = list(style.format_bibliography(parse_file(ROOT / "book" / "references.bib")))
    labels = [e.label for e in entries]
    assert "Nielsen, 2015" in labels and "Glorot and Bengio, 2010" in labels
    assert "He et al., 2015" in labels
    assert labels.index("Håstad, 1986") < labels.index("He et al., 2015")  # not after "Hornik"
    glorot = next(e for e in entries if e.key == "glorot2010").text.render_as("text")
    assert "pages 249–256, 2010." in glorot
