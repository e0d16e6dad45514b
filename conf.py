"""Sphinx configuration of the book, for both editions.

One configuration, two builds (the Makefile runs them)::

    sphinx-build -c . -t en book/en _build/html/en     # English
    sphinx-build -c . -t zh book/zh _build/html/zh     # 简体中文 (language = "zh_CN")

The edition is chosen, in this order, by ``-D language=...`` (``en`` or ``zh_CN``), by a
tag (``-t en`` / ``-t zh``), or by the environment variable ``BOOK_LANG`` (``en`` / ``zh``);
English is the default.  Building ``book/zh`` as English (or the reverse) is an error.

Environment variables:

``BOOK_ONLY=<docname>``
    build one chapter: every chapter except that one is excluded (index, preface,
    glossary and bibliography stay).  The toctree warnings about the excluded chapters
    are suppressed, and references into them are rendered as plain text; every other
    warning still counts.
``BOOK_CACHE_DIR=<folder>``
    where the jupyter cache lives (default ``_build/.jupyter_cache``).  The cache is a
    sub-folder named after a hash of ``nn/`` and ``requirements.txt``, so a change to the
    package starts a fresh cache and a build can never show outputs of old code.  Both
    editions use the same cache: their code cells are identical, so each notebook is
    executed once, by whichever edition is built first.
"""
from __future__ import annotations

import hashlib
import logging as _logging
import os
import re
from pathlib import Path

from docutils import nodes
from sphinx.errors import ConfigError
from sphinx.search.zh import SearchChinese
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

ROOT = Path(__file__).resolve().parent
BOOK = ROOT / "book"
LOGGER = logging.getLogger("book")

# --------------------------------------------------------------------------- editions
EDITIONS = {
    "en": {
        "language": "en",
        "folder": "en",
        "title": "How Neural Networks Learn",
        "label": "English",
        "hreflang": "en",
        "switch_title": "Read this page in English",
        "author": "the authors of the book",
    },
    "zh_CN": {
        "language": "zh_CN",
        "folder": "zh",
        "title": "神经网络如何学习",
        "label": "中文",
        "hreflang": "zh-Hans",
        "switch_title": "阅读本页的中文版",
        "author": "本书作者",
    },
}
_ALIASES = {"en": "en", "zh": "zh_CN", "zh_cn": "zh_CN", "zh-cn": "zh_CN", "zh_hans": "zh_CN"}

#: Documents kept in a single-chapter build (BOOK_ONLY). The reading order of the book is
#: the toctree of index.md (tests/test_parity.py checks it lists every page).
ALWAYS = ["index", "preface", "glossary", "bibliography"]


def _language_from_tags_or_env() -> str | None:
    for tag in ("zh", "en"):
        if tags.has(tag):  # noqa: F821 -- `tags` is provided by Sphinx
            return _ALIASES[tag]
    env = os.environ.get("BOOK_LANG", "").strip().lower()
    if env:
        if env not in _ALIASES:
            raise ConfigError(f"BOOK_LANG={env!r}: expected 'en' or 'zh'")
        return _ALIASES[env]
    return None


# ------------------------------------------------------------------------- project
language = _language_from_tags_or_env() or "en"  # -D language=... overrides this
project = EDITIONS[language]["title"]
author = EDITIONS[language]["author"]
copyright = author

extensions = [
    "myst_nb",
    "sphinx.ext.mathjax",
    "sphinx_proof",
    "sphinx_exercise",
    "sphinx_design",
    "sphinx_copybutton",
    "sphinxcontrib.bibtex",
]

root_doc = "index"
exclude_patterns = ["_build", "**.ipynb_checkpoints", "**/.jupyter_cache", "jupyter_execute"]
templates_path = [str(BOOK / "_templates")]
suppress_warnings: list[str] = []
nitpicky = True

numfig = True
numfig_secnum_depth = 1
math_numfig = True
math_eqref_format = "({number})"

# ---------------------------------------------------------------------------- MyST
myst_enable_extensions = [
    "amsmath",
    "colon_fence",
    "deflist",
    "dollarmath",
    "substitution",
]
myst_dmath_allow_labels = True
myst_dmath_double_inline = True
myst_footnote_transition = False
myst_mathjax_classes = "tex2jax_process|mathjax_process|math"  # see mathjax3_config

# -------------------------------------------------------------------------- MyST-NB
def _source_hash() -> str:
    """Hash of everything that changes what a code cell computes: nn/, the book's helpers
    (book/booktools.py) and the pins."""
    h = hashlib.sha256()
    files = sorted((ROOT / "nn").rglob("*.py")) + [BOOK / "booktools.py",
                                                   ROOT / "requirements.txt"]
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
            h.update(path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


NN_HASH = _source_hash()
# Every seed of the book is shifted by BOOK_SEED_BASE (book/booktools.py): outputs
# cached under one base are never shown under another.
SEED_BASE = os.environ.get("BOOK_SEED_BASE", "0").strip() or "0"
_cache_base = Path(os.environ.get("BOOK_CACHE_DIR") or ROOT / "_build" / ".jupyter_cache")
nb_execution_mode = "cache"
nb_execution_cache_path = str(_cache_base.resolve() / f"nn-{NN_HASH}-seeds{SEED_BASE}")
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_timeout = 1800  # seconds per cell: the MNIST runs of the later chapters
nb_execution_in_temp = True  # cells never write into book/
nb_output_stderr = "warn"  # anything on stderr (a missing glyph...) is a warning -> error
nb_merge_streams = True

# The kernels inherit this process's environment.  Figures must use the inline backend
# (glue() needs their PNG representation); the Makefile's MPLBACKEND=Agg would turn a
# glued figure into the text "<Figure size ...>".
os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
# Progress bars of long runs would write to stderr (a warning): keep them off.
os.environ.setdefault("TQDM_DISABLE", "1")

# ------------------------------------------------------------------------- bibtex
bibtex_bibfiles = [str(BOOK / "references.bib")]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"

# -------------------------------------------------------------------------- proofs
proof_minimal_theme = False

# ----------------------------------------------------------------------------- HTML
html_theme = "sphinx_book_theme"
html_static_path = [str(BOOK / "_static")]
html_css_files = ["book.css"]
html_js_files = ["lang-switch.js"]
html_copy_source = True
html_domain_indices = False  # no "Proof Index" page (sphinx-proof): proofs are in the chapters
html_show_sourcelink = True
html_last_updated_fmt = None
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": True,
    "use_repository_button": False,
    "article_header_end": ["lang-switch.html", "article-header-buttons.html"],
    "navigation_with_keys": False,
    "navbar_persistent": [],  # the search field is in the sidebar already
}
html_sidebars = {
    "**": ["navbar-logo.html", "lang-switch-sidebar.html", "search-button-field.html",
           "sbt-sidebar-nav.html"],
}
copybutton_exclude = ".linenos, .gp, .go"

# MathJax is served from the book itself (the PyPI package sphinx-mathjax-offline ships
# MathJax 3), so equations render without internet.
def _mathjax_static() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("sphinx-mathjax-offline")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("the offline MathJax comes from the PyPI package "
                          "sphinx-mathjax-offline (requirements.txt): run `make .venv`")
    static = Path(list(spec.submodule_search_locations)[0]) / "static"
    if not (static / "mathjax" / "tex-chtml.js").is_file():
        raise ConfigError(f"{static}/mathjax/tex-chtml.js is missing")
    return static


html_static_path.append(str(_mathjax_static()))  # copied as _static/mathjax/...
mathjax_path = "mathjax/tex-chtml.js"
mathjax3_config = {
    "tex": {"packages": {"[+]": ["ams"]}},
    # Typeset only what Sphinx marked as math (span.math, div.math): a stray "$$" or
    # "\\(" in the text stays visible, and the browser test reports it.
    # (myst sets processHtmlClass from myst_mathjax_classes)
    "options": {"enableMenu": True,
                "ignoreHtmlClass": "tex2jax_ignore|mathjax_ignore|bd-container"},
}

# ----------------------------------------------------------------------- linkcheck
# CI has no internet: `make linkcheck` checks the internal links only.
linkcheck_ignore = [r"https?://.*", r"mailto:.*"]
linkcheck_anchors = True


# ------------------------------------------------------------------ Chinese search
def _jieba_words() -> list[str]:
    """The book's Chinese terms: glossary terms of the Chinese edition plus a few more."""
    words = {
        "感知机", "感知器", "神经元", "S 型神经元", "S型神经元", "权重", "偏置", "代价函数",
        "损失函数", "梯度下降", "随机梯度下降", "小批量", "学习率", "反向传播", "反向传播算法",
        "交叉熵", "学习缓慢", "对数似然", "过拟合", "过度拟合", "正则化", "规范化", "权重衰减",
        "权重初始化", "超参数", "验证集", "测试集", "训练集", "提前停止", "激活函数",
        "输出层", "隐藏层", "输入层", "迭代期", "迭代周期", "柔性最大值", "阶跃函数",
        "链式法则", "偏导数", "有限差分", "梯度检验", "二次代价", "均方误差", "前馈",
        "神经网络", "深度学习", "手写数字", "独热编码", "饱和", "丢弃法",
    }
    glossary = BOOK / "zh" / "glossary.md"
    if glossary.is_file():
        words.update(_glossary_terms(glossary.read_text(encoding="utf-8")))
    # jieba's dictionary format is "word freq tag"; a word may not contain a space
    return sorted(w for w in words
                  if len(w) > 1 and " " not in w and re.search(r"[\u4e00-\u9fff]", w))


def _glossary_terms(text: str) -> set[str]:
    """The terms of the ``{glossary}`` blocks of a MyST page."""
    terms = set()
    pattern = re.compile(r"^(`{3,}|:{3,})\{glossary\}[^\n]*\n(.*?)^\1\s*$", re.M | re.S)
    for block in pattern.finditer(text):
        for line in block.group(2).splitlines():
            if line.strip() and not line[0].isspace() and not line.startswith((":", "%")):
                terms.add(line.strip())
    return terms


# ------------------------------------------------------------- single-chapter build
_LABEL_PATTERNS = [
    re.compile(r"^\(([^()\s]+)\)=\s*$", re.M),          # (label)=
    re.compile(r"\$\$\s*\(([^()\s]+)\)\s*$", re.M),      # $$ ... $$ (eq-label)
    re.compile(r"^\s*:(?:name|label):\s*(\S+)", re.M),   # :name: / :label:
    re.compile(r"\\label\{([^}]+)\}"),                    # amsmath \label{...}
]


def _labels_in(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    return {m.group(1).lower() for pattern in _LABEL_PATTERNS for m in pattern.finditer(text)}


def _configure(app, config) -> None:
    """Everything that depends on the edition or on BOOK_ONLY (after -D overrides)."""
    lang = config.language
    folder = Path(app.srcdir).name
    if lang not in EDITIONS:
        raise ConfigError(f"language {lang!r}: this book has editions 'en' and 'zh_CN' "
                          "(choose with -t en / -t zh, BOOK_LANG, or -D language=...)")
    if folder in ("en", "zh") and folder != EDITIONS[lang]["folder"]:
        raise ConfigError(f"book/{folder} built with language {lang!r}: "
                          f"use -t {folder} (or BOOK_LANG={folder})")
    edition = EDITIONS[lang]
    other = EDITIONS["zh_CN" if lang == "en" else "en"]

    # Each edition executes its own notebooks (figures and tables in its own language,
    # booktools.pick), with a cache of its own; the MNIST runs are shared (nn.runs).
    os.environ["BOOK_EDITION"] = edition["folder"]
    config.nb_execution_cache_path = str(Path(config.nb_execution_cache_path) / edition["folder"])

    config.project = edition["title"]
    config.author = config.copyright = edition["author"]
    config.html_title = edition["title"]
    config.html_search_language = "zh" if lang == "zh_CN" else "en"
    config.html_context = {
        **config.html_context,
        "default_mode": "light",  # figures are drawn on white; readers can switch
        "edition": edition["folder"],
        "other_edition": other["folder"],
        "other_edition_label": other["label"],
        "other_edition_hreflang": other["hreflang"],
        "other_edition_title": other["switch_title"],
    }
    if lang == "zh_CN":
        _logging.getLogger("jieba").setLevel(_logging.WARNING)
        words = _jieba_words()
        userdict = Path(app.doctreedir) / "jieba_userdict.txt"
        userdict.parent.mkdir(parents=True, exist_ok=True)
        userdict.write_text("".join(f"{w} 100000 n\n" for w in words), encoding="utf-8")
        config.html_search_options = {"dict": str(userdict)}

    only = os.environ.get("BOOK_ONLY", "").strip()
    app.book_excluded_docs = set()
    app.book_excluded_labels = set()
    if only:
        only = only.removesuffix(".md")
        if not (Path(app.srcdir) / f"{only}.md").is_file():
            raise ConfigError(f"BOOK_ONLY={only}: {app.srcdir}/{only}.md does not exist")
        keep = set(ALWAYS) | {only}
        excluded = sorted(p.stem for p in Path(app.srcdir).glob("*.md") if p.stem not in keep)
        # "<doc>.*": the toctree checks doc2path(), which may pick another source suffix
        config.exclude_patterns = [*config.exclude_patterns, *(f"{d}.*" for d in excluded)]
        app.book_excluded_docs = set(excluded)
        for d in excluded:
            app.book_excluded_labels |= _labels_in(Path(app.srcdir) / f"{d}.md")
        # the toctree of index.md names every chapter: only those warnings are expected
        config.suppress_warnings = [*config.suppress_warnings, "toc.excluded"]
        LOGGER.info(f"BOOK_ONLY={only}: excluding {len(excluded)} documents")


def _reference_into_excluded(app, env, node, contnode):
    """In a BOOK_ONLY build, a reference into an excluded chapter becomes plain text.

    Only references whose target is an excluded document or a label defined in one are
    touched; a reference to a label that exists nowhere still warns (and fails)."""
    if not app.book_excluded_docs:
        return None
    target = str(node.get("reftarget", ""))
    doc = target.removesuffix(".md").lstrip("/").split("#")[0]
    if doc in app.book_excluded_docs or target.lower() in app.book_excluded_labels:
        return contnode if contnode is not None else nodes.inline(text=target)
    return None


def _redirect_myst_nb_output(app) -> None:
    """Give each edition its own folder for executed notebooks.

    MyST-NB writes them to <outdir>/../jupyter_execute, which _build/html/en and
    _build/html/zh would share.  Put them next to the edition's doctrees instead."""
    folder = (Path(app.doctreedir) / "jupyter_execute").resolve()
    app.env.mystnb_config = app.env.mystnb_config.copy(output_folder=str(folder))


def _page_context(app, pagename, templatename, context, doctree) -> None:
    """The language switcher's target and the notebook download of each page."""
    depth = pagename.count("/")
    other = context["other_edition"]
    url = "../" * (depth + 1) + f"{other}/{pagename}.html"
    context["other_edition_url"] = url
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="alternate" hreflang="{context["other_edition_hreflang"]}" href="{url}" />')

    # download as .ipynb: the executed notebook, outputs included
    if doctree is not None and app.env.metadata.get(pagename, {}).get("kernelspec"):
        executed = Path(app.env.mystnb_config.output_folder) / f"{pagename}.ipynb"
        if executed.is_file():
            dest = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(executed.read_bytes())
            context["ipynb_source"] = f"{pagename}.ipynb"


# --------------------------------------------------------------- Chinese typesetting
_CJK = (r"\u2014\u2018-\u201d\u2026\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff"
        r"\uf900-\ufaff\uff00-\uffef")
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])")
_CJK_END = re.compile(rf"[{_CJK}]\s*\n\s*$")
_CJK_START = re.compile(rf"^\s*[{_CJK}]")
_CJK_LAST = re.compile(rf"[{_CJK}]$")
_CJK_FIRST = re.compile(rf"^[{_CJK}]")
_CJK_LEAD = re.compile(rf"^\s*\n\s*[{_CJK}]")


class JoinChineseLines(SphinxTransform):
    """Chinese edition: a line break inside a paragraph between two Chinese characters
    is dropped, not rendered as a space (browsers show a soft line break as a space;
    Chinese has no spaces between words).  A break next to a Latin letter, a digit or a
    formula stays a space, which is the usual spacing in mixed text."""

    default_priority = 700

    def apply(self, **kwargs) -> None:
        if self.config.language != "zh_CN":
            return
        skip = (nodes.FixedTextElement, nodes.literal, nodes.math, nodes.raw, nodes.comment)
        texts = [t for t in self.document.findall(nodes.Text)
                 if not any(isinstance(a, skip) for a in _ancestors(t))]
        strings = [str(t) for t in texts]
        for i, text in enumerate(texts):
            new = _CJK_BREAK.sub("", strings[i])
            # a break at the edge of an inline element (emphasis, a link...)
            if i + 1 < len(texts) and _CJK_END.search(new) and _CJK_START.search(strings[i + 1]):
                new = new.rstrip()
            if i > 0 and _CJK_LAST.search(strings[i - 1]) and _CJK_LEAD.search(new):
                new = new.lstrip()
            # MyST makes a soft line break a Text node of its own
            if ("\n" in new and not new.strip() and 0 < i < len(texts) - 1
                    and _CJK_LAST.search(strings[i - 1]) and _CJK_FIRST.search(strings[i + 1])):
                new = ""
            if new != strings[i]:
                text.parent.replace(text, nodes.Text(new))


class ChineseProofLabel(SphinxTransform):
    """sphinx-proof starts every proof with the English "Proof. " (hard-coded in its
    ProofDirective, not translated); the Chinese edition writes 证明 instead."""

    default_priority = 690

    def apply(self, **kwargs) -> None:
        if self.config.language != "zh_CN":
            return
        for proof in self.document.findall(nodes.admonition):
            text = next(proof.findall(nodes.Text), None) if "proof" in proof["classes"] else None
            if text is not None and str(text).startswith("Proof. "):
                text.parent.replace(text, nodes.Text("证明：" + str(text)[len("Proof. "):]))


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


class _SearchChinese(SearchChinese):
    """Sphinx 9.0's Chinese search writes ``window.Stemmer = ChineseStemmer`` although it
    ships the English stemmer, so search stops with "ChineseStemmer is not defined"
    (sphinx-doc/sphinx#14229, fixed upstream by #14416 after 9.0.4).  The JS class name is
    derived from ``language_name``: name the stemmer that is really shipped."""

    language_name = "English"


def setup(app):
    app.add_search_language(_SearchChinese)
    app.add_transform(JoinChineseLines)
    app.add_transform(ChineseProofLabel)
    app.connect("config-inited", _configure, priority=100)
    app.connect("builder-inited", _redirect_myst_nb_output, priority=900)
    app.connect("missing-reference", _reference_into_excluded, priority=900)
    app.connect("html-page-context", _page_context, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
