"""Everything a page draws with comes from the book itself: nothing from the internet.

* MathJax: the PyPI package sphinx-mathjax-offline ships MathJax 3; its ``static``
  folder is copied into ``_static`` (``_static/mathjax/tex-chtml.js``).
* plotly.js, for the interactive figures (book/interactive.py): the PyPI package plotly
  (pinned in requirements.txt) ships ``package_data/plotly.min.js``, copied to
  ``_static/plotly.min.js``. Only the pages that hold an interactive figure load it,
  with the book's ``_static/live-figure.css`` and ``live-figure.js`` (the live plot
  instead of its static image, the sliders of a grid) and ``live-keys.js`` (the
  figures from the keyboard); the other pages stay light.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

#: The class of the HTML element that holds an interactive figure: interactive.CSS_CLASS
#: (that module imports plotly and numpy, which Sphinx must not).
LIVE_CLASS = "book-live-figure"
SCRIPT = "plotly.min.js"
#: book/_static files for the pages with an interactive figure, after plotly.min.js.
LIVE_CSS = ["live-figure.css"]
LIVE_JS = ["live-figure.js", "live-keys.js"]


def package_file(package: str, relative: str) -> Path:
    """A file shipped by an installed PyPI package (ConfigError if it is missing)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(f"the book needs the PyPI package {package} (requirements.txt): "
                          "run `make .venv`")
    path = Path(list(spec.submodule_search_locations)[0]) / relative
    if not path.exists():
        raise ConfigError(f"{path} is missing: reinstall {package}")
    return path


def plotly_js() -> Path:
    """The plotly.min.js of the installed plotly package."""
    return package_file("plotly", f"package_data/{SCRIPT}")


def mathjax_static() -> Path:
    """The folder of sphinx-mathjax-offline that holds ``mathjax/tex-chtml.js``."""
    return package_file("sphinx-mathjax-offline", "static/mathjax/tex-chtml.js").parents[1]


def has_live_figure(doctree: nodes.Node) -> bool:
    """Whether a page's doctree holds an interactive figure (an HTML output of
    book/interactive.py)."""
    return any(node.get("format") == "html" and LIVE_CLASS in node.astext()
               for node in doctree.findall(nodes.raw))


def _static_copies(app: Sphinx, config: Config) -> None:
    config.html_static_path.append(str(mathjax_static()))  # as _static/mathjax/...
    config.html_static_path.append(str(plotly_js()))       # as _static/plotly.min.js
    config.mathjax_path = "mathjax/tex-chtml.js"


def _load_where_needed(app: Sphinx, pagename: str, templatename: str, context: dict,
                       doctree: nodes.document | None) -> None:
    if doctree is not None and has_live_figure(doctree):
        for css in LIVE_CSS:
            app.add_css_file(css)
        for js in [SCRIPT, *LIVE_JS]:
            app.add_js_file(js)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _static_copies)
    app.connect("html-page-context", _load_where_needed)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
