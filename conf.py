"""Sphinx configuration of the book, for both editions: configuration only.

One configuration, two builds (the Makefile runs them)::

    sphinx-build -c . -t en book/en _build/html/en     # English
    sphinx-build -c . -t zh book/zh _build/html/zh     # 简体中文 (language = "zh_CN")

The edition is chosen by a tag (``-t en`` / ``-t zh``) or by the environment variable
``BOOK_LANG`` (``en`` / ``zh``); English is the default (book/extensions/editions.py).

Environment variables:

``BOOK_ONLY=<docname>``
    build one chapter (book/extensions/single_chapter.py).
``BOOK_SEED_BASE=<integer>``
    shifts every seed of the book (book/booktools/seeds.py); outputs are cached per base.
``BOOK_CACHE_DIR=<folder>``
    where the jupyter cache lives (default ``_build/.jupyter_cache``); its sub-folders
    are keyed by the code, the seed base and the edition (book/extensions/notebook_cache.py).

What is computed lives in the book's Sphinx extensions, book/extensions/, one module per
concern; this file imports none of them but editions.py (which imports nothing numeric).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
BOOK = ROOT / "book"

# The book's own extensions, one concern each: book/extensions/<name>.py
sys.path.insert(0, str(BOOK / "extensions"))
from editions import edition_language  # noqa: E402

# ------------------------------------------------------------------------- project
language = edition_language(tags)  # noqa: F821 -- `tags` is provided by Sphinx
# project, author, copyright and html_title are the edition's (editions.py)

extensions = [
    "myst_nb",
    "sphinx.ext.mathjax",
    "sphinx_proof",
    "sphinx_exercise",
    "sphinx_design",
    "sphinx_copybutton",
    "sphinxcontrib.bibtex",
    "editions",         # title, language switcher, interface strings, BOOK_EDITION
    "notebook_cache",   # the notebook cache keyed by the code, the seed base, the edition
    "offline_assets",   # MathJax and plotly.js from the book; live-figure assets per page
    "single_chapter",   # BOOK_ONLY=<doc>: build one chapter (make html-one)
    "page_context",     # language switcher target, notebook download per page
    "figure_alt",       # every image: its caption as alt text, or the build fails
    "citation_list",    # the bibliography's citations without a broken ARIA list
    "bibliography_style",  # entries labelled "Nielsen, 2015", as the text cites them
    "appendix_numbers", # the appendix's tables and figures: A.1, A.2...
    "powers_of_ten",    # numbers glued in e-notation written 4.5 × 10⁻⁵ in the prose
    "pdf_edition",      # make pdf: singlehtml renders every node; sidebar link to the PDF
]
if language == "zh_CN":
    extensions += [
        "chinese_lines",  # no space where a line breaks between Chinese characters
        "zh_titles",      # 证明 for "Proof.", full-width parentheses in exercise titles
        "search_zh",      # jieba knows the book's terms; Sphinx 9.0 stemmer fix
        "interface_zh",   # the theme's and MyST-NB's interface strings in Chinese
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
nb_execution_mode = "cache"
# the folder of the caches: notebook_cache.py adds the key (code, seed base, edition)
nb_execution_cache_path = os.environ.get("BOOK_CACHE_DIR") or str(ROOT / "_build"
                                                                  / ".jupyter_cache")
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_timeout = 1800  # seconds per cell: the MNIST runs of the later chapters
nb_execution_in_temp = True  # cells never write into book/
nb_output_stderr = "warn"  # anything on stderr (a missing glyph...) is a warning -> error
nb_merge_streams = True
nb_render_markdown_format = "myst"  # booktools.show_table: numbered tables from cells

# ------------------------------------------------------------------------- bibtex
bibtex_bibfiles = [str(BOOK / "references.bib")]
bibtex_default_style = "book"   # book/extensions/bibliography_style.py
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

# MathJax is served from the book itself (offline_assets.py sets mathjax_path).
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

