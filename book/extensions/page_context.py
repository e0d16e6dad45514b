"""Per page: the language switcher's target (the same page in the other edition) and the
notebook download (the executed ``.ipynb``, outputs included).

The downloaded notebook starts with a note, in the edition's language, on the
environment it needs, and a cell that sets the edition (``%env BOOK_EDITION=zh``), so
that run from any folder its outputs are in the language of its prose.

MyST-NB writes executed notebooks to ``<outdir>/../jupyter_execute``, which
``_build/html/en`` and ``_build/html/zh`` would share: each edition gets its own folder
next to its doctrees instead.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

#: The note at the top of a downloaded notebook, per edition.
NOTE = {
    "en": ("**To run this notebook** you need the book's repository and its environment: "
           "clone the repository and run `make lab` in it (JupyterLab, with every chapter "
           "as a notebook), or `pip install -r requirements.txt` and `pip install -e .` "
           "in the repository with the Python you run this notebook with. After "
           "`make html` the MNIST runs come from the repository's `_build/runs`; "
           "otherwise they are trained the first time, with a progress bar. The next "
           "cell makes the outputs English."),
    "zh": ("**运行本笔记本**需要本书的代码仓库及其环境：克隆仓库后在其中运行 `make lab`"
           "（JupyterLab，每一章都能作为笔记本打开），或者用运行本笔记本的 Python 在仓库中执行 "
           "`pip install -r requirements.txt` 和 `pip install -e .`。运行过 `make html` "
           "之后，MNIST 训练结果直接取自仓库的 `_build/runs`；否则第一次运行时会现场训练，"
           "并显示进度条。下一个单元格让输出使用中文。"),
}


def _own_execute_folder(app):
    folder = (Path(app.doctreedir) / "jupyter_execute").resolve()
    app.env.mystnb_config = app.env.mystnb_config.copy(output_folder=str(folder))


def other_edition_url(pagename, other):
    """The relative URL of the same page in the edition ``other`` ("en" or "zh")."""
    return "../" * (pagename.count("/") + 1) + f"{other}/{pagename}.html"


def _page_context(app, pagename, templatename, context, doctree):
    url = other_edition_url(pagename, context["other_edition"])
    context["other_edition_url"] = url
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="alternate" hreflang="{context["other_edition_hreflang"]}" href="{url}" />')

    if doctree is not None and app.env.metadata.get(pagename, {}).get("kernelspec"):
        executed = Path(app.env.mystnb_config.output_folder) / f"{pagename}.ipynb"
        if executed.is_file():
            dest = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(with_note(executed.read_text(encoding="utf-8"),
                                      context["edition"]), encoding="utf-8")
            context["ipynb_source"] = f"{pagename}.ipynb"


def with_note(notebook_json, edition):
    """The notebook (JSON text) with the note and the edition cell in front."""
    notebook = json.loads(notebook_json)
    notebook["cells"][:0] = [
        {"cell_type": "markdown", "metadata": {}, "source": NOTE[edition]},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": f"%env BOOK_EDITION={edition}"},
    ]
    return json.dumps(notebook, ensure_ascii=False, indent=1)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _own_execute_folder, priority=900)
    app.connect("html-page-context", _page_context, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
