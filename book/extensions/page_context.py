"""Per page: the language switcher's target (the same page in the other edition) and the
notebook download (the executed ``.ipynb``, outputs included).

MyST-NB writes executed notebooks to ``<outdir>/../jupyter_execute``, which
``_build/html/en`` and ``_build/html/zh`` would share: each edition gets its own folder
next to its doctrees instead.
"""
from pathlib import Path


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
            dest.write_bytes(executed.read_bytes())
            context["ipynb_source"] = f"{pagename}.ipynb"


def setup(app):
    app.connect("builder-inited", _own_execute_folder, priority=900)
    app.connect("html-page-context", _page_context, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
