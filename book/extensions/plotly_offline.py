"""plotly.js served by the book itself, and only on the pages that need it.

The interactive figures (book/interactive.py) are HTML outputs that draw with plotly.js.
The PyPI package plotly (pinned in requirements.txt) ships the library as
``plotly/package_data/plotly.min.js``: it is copied to ``_static/plotly.min.js``, and a
page gets a ``<script>`` for it in its head only if it holds an interactive figure, so
the other pages stay light and nothing is fetched from the internet. The same pages get
``_static/live-keys.js``, which lets a reader use the figures from the keyboard.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

from docutils import nodes
from sphinx.errors import ConfigError

from interactive import CSS_CLASS

SCRIPT = "plotly.min.js"
KEYS = "live-keys.js"   # book/_static: sliders and Play from the keyboard


def plotly_js() -> Path:
    """The plotly.min.js of the installed plotly package."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("the interactive figures need the PyPI package plotly "
                          "(requirements.txt): run `make .venv`")
    path = Path(list(spec.submodule_search_locations)[0]) / "package_data" / SCRIPT
    if not path.is_file():
        raise ConfigError(f"{path} is missing: reinstall plotly")
    return path


def has_live_figure(doctree) -> bool:
    """Whether a page's doctree holds an interactive figure (an HTML output of
    book/interactive.py)."""
    return any(node.get("format") == "html" and CSS_CLASS in node.astext()
               for node in doctree.findall(nodes.raw))


def _copy_script(app, config):
    config.html_static_path.append(str(plotly_js()))  # copied as _static/plotly.min.js


def _load_where_needed(app, pagename, templatename, context, doctree):
    if doctree is not None and has_live_figure(doctree):
        app.add_js_file(SCRIPT)
        app.add_js_file(KEYS)


def setup(app):
    app.connect("config-inited", _copy_script)
    app.connect("html-page-context", _load_where_needed)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
