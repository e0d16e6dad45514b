"""Sphinx configuration of the book, for both editions.

One configuration, two builds (the Makefile runs them)::

    sphinx-build -c . -t en book/en _build/html/en     # English
    sphinx-build -c . -t zh book/zh _build/html/zh     # 简体中文 (language = "zh_CN")

The edition is chosen, in this order, by ``-D language=...`` (``en`` or ``zh_CN``), by a
tag (``-t en`` / ``-t zh``), or by the environment variable ``BOOK_LANG`` (``en`` / ``zh``);
English is the default.  Building ``book/zh`` as English (or the reverse) is an error.

Environment variables:

``BOOK_ONLY=<docname>``
    build one chapter (book/extensions/single_chapter.py).
``BOOK_SEED_BASE=<integer>``
    shifts every seed of the book (book/booktools.py); outputs are cached per base.
``BOOK_CACHE_DIR=<folder>``
    where the jupyter cache lives (default ``_build/.jupyter_cache``).  Its sub-folder is
    named after a hash of ``nn/``, the notebooks' helpers and ``requirements.txt`` and the
    seed base, so a build never shows outputs of old code or other seeds; each edition
    executes its notebooks into a cache of its own (figures in its own language).

This file is configuration only; the book's Sphinx extensions live in book/extensions/,
one module per concern.
"""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from sphinx.errors import ConfigError

ROOT = Path(__file__).resolve().parent
BOOK = ROOT / "book"

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
        "code_prompts": ("Show code cell {type}", "Hide code cell {type}"),
        "proof_title_format": " (%t)",
    },
    "zh_CN": {
        "language": "zh_CN",
        "folder": "zh",
        "title": "神经网络如何学习",
        "label": "中文",
        "hreflang": "zh-Hans",
        "switch_title": "阅读本页的中文版",
        "author": "本书作者",
        "code_prompts": ("显示代码", "隐藏代码"),
        "proof_title_format": "（%t）",
    },
}
_ALIASES = {"en": "en", "zh": "zh_CN", "zh_cn": "zh_CN", "zh-cn": "zh_CN", "zh_hans": "zh_CN"}

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

# The book's own extensions, one concern each: book/extensions/<name>.py
sys.path.insert(0, str(BOOK / "extensions"))
extensions = [
    "myst_nb",
    "sphinx.ext.mathjax",
    "sphinx_proof",
    "sphinx_exercise",
    "sphinx_design",
    "sphinx_copybutton",
    "sphinxcontrib.bibtex",
    "chinese_lines",    # zh: no space where a line breaks between Chinese characters
    "zh_titles",        # zh: 证明 for "Proof.", full-width parentheses in exercise titles
    "search_zh",        # zh: jieba knows the book's terms; Sphinx 9.0 stemmer fix
    "interface_zh",     # zh: the theme's and MyST-NB's interface strings in Chinese
    "single_chapter",   # BOOK_ONLY=<doc>: build one chapter (make html-one)
    "page_context",     # language switcher target, notebook download per page
    "plotly_offline",   # _static/plotly.min.js, loaded on pages with interactive figures
    "figure_alt",       # every image: its caption as alt text, or the build fails
    "citation_list",    # the bibliography's citations without a broken ARIA list
    "pdf_edition",      # make pdf: singlehtml renders every node; sidebar link to the PDF
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
    (book/booktools.py, book/interactive.py), the terms catalog and the pins."""
    h = hashlib.sha256()
    files = sorted((ROOT / "nn").rglob("*.py")) + sorted((BOOK / "terms").glob("*.toml")) + [
        BOOK / "booktools.py", BOOK / "interactive.py", ROOT / "requirements.txt"]
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
            h.update(path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


NN_HASH = _source_hash()
# Every seed of the book is shifted by BOOK_SEED_BASE (book/booktools.py): outputs
# cached under one base are never shown under another.
from booktools import SEED_BASE  # noqa: E402 -- parsed and checked in one place
_cache_base = Path(os.environ.get("BOOK_CACHE_DIR") or ROOT / "_build" / ".jupyter_cache")
nb_execution_mode = "cache"
nb_execution_cache_path = str(_cache_base.resolve() / f"nn-{NN_HASH}-seeds{SEED_BASE}")
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_timeout = 1800  # seconds per cell: the MNIST runs of the later chapters
nb_execution_in_temp = True  # cells never write into book/
nb_output_stderr = "warn"  # anything on stderr (a missing glyph...) is a warning -> error
nb_merge_streams = True
nb_render_markdown_format = "myst"  # booktools.show_table: numbered tables from cells

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
html_css_files = ["book.css", "dark-mode.css", "print.css"]
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
           "sbt-sidebar-nav.html", "pdf-link.html"],
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


def _configure(app, config) -> None:
    """Everything that depends on the edition (after -D overrides)."""
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

    config.project = edition["title"]
    config.author = config.copyright = edition["author"]
    config.html_title = edition["title"]
    config.html_search_language = "zh" if lang == "zh_CN" else "en"
    config.html_context = {
        **config.html_context,
        "default_mode": "auto",  # the reader's system preference (dark-mode.css: figures)
        "edition": edition["folder"],
        "other_edition": other["folder"],
        "other_edition_label": other["label"],
        "other_edition_hreflang": other["hreflang"],
        "other_edition_title": other["switch_title"],
    }
    # Each edition executes its own notebooks (figures and tables in its own language,
    # booktools.pick), with a cache of its own; the MNIST runs are shared (nn.runs).
    os.environ["BOOK_EDITION"] = edition["folder"]
    config.nb_execution_cache_path = str(Path(config.nb_execution_cache_path) / edition["folder"])
    config.nb_code_prompt_show, config.nb_code_prompt_hide = edition["code_prompts"]
    config.proof_title_format = edition["proof_title_format"]


def setup(app):
    app.connect("config-inited", _configure, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
