"""Chinese edition: the interface strings that the theme and MyST-NB leave in English.
(conf.py lists this extension for the Chinese edition only.)

* sphinx-book-theme and pydata-sphinx-theme: their templates translate through Sphinx's
  message catalog, whose zh_CN catalog lacks some of their strings ("System Settings",
  "Color mode"...). STRINGS adds them: this module compiles them into a catalog in the
  doctree folder and adds it as a fallback of the "sphinx" catalog, so it answers only
  for the strings the other catalogs lack. sphinx-book-theme's own "booktheme" catalog
  (its buttons) is Taiwanese in zh_CN (「列印成 PDF」) and lacks "Search": the same
  strings become its first catalog (this extension is set up before the theme is
  loaded), with the theme's as the fallback; the search field's placeholder is the
  theme option ``search_bar_text``.
  The theme's two sidebar buttons have hard-coded titles: book/_templates/
  overrides them with translatable ones.
* MyST-NB's folded cells: the summary's aria-label "Toggle hidden content" is hard-coded
  in its HTML visitor, which is overridden here (the visible "Show code cell source" is
  the configuration value ``nb_code_prompt_show``, set per edition by editions.py).
"""
from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from sphinx.application import Sphinx

#: English interface string -> Chinese.
STRINGS = {
    "System Settings": "跟随系统",
    "Color mode": "颜色模式",
    "Light": "浅色",
    "Dark": "深色",
    "Search": "搜索",
    "Search...": "搜索……",
    "Search this book...": "在本书中搜索……",
    "Toggle navigation": "切换导航",
    "Main": "主导航",
    "Page": "本页",
    "Toggle primary sidebar": "切换主侧栏",
    "Toggle secondary sidebar": "切换次侧栏",
    "Download this page": "下载本页",
    "Download source file": "下载源文件",
    "Download notebook file": "下载 notebook 文件",
    "Print to PDF": "打印为 PDF",
    "Fullscreen mode": "全屏模式",
    "Contents": "目录",
    "Back to top": "回到顶部",
    "Skip to main content": "跳到正文",
    "previous": "上一页",
    "next": "下一页",
    "By": "作者：",
    "Copyright": "版权所有",
    "Last updated on": "最后更新于",
    "Source repository": "源代码仓库",
    "Open an issue": "提交问题",
    "Edit this page": "编辑本页",
}
#: The aria-label of a folded cell (MyST-NB's: "Toggle hidden content").
TOGGLE = "显示或隐藏内容"


def _add_catalogs(app):
    folder = Path(app.doctreedir) / "interface_locale"
    for domain in ("sphinx", "booktheme"):
        mo = folder / "zh_CN" / "LC_MESSAGES" / f"{domain}.mo"
        mo.parent.mkdir(parents=True, exist_ok=True)
        catalog = Catalog(locale="zh_CN", domain=domain)
        for english, chinese in STRINGS.items():
            catalog.add(english, chinese)
        with open(mo, "wb") as f:
            write_mo(f, catalog)
        app.add_message_catalog(domain, str(folder))


def _search_placeholder(app, config):
    config.html_theme_options = {**config.html_theme_options,
                                 "search_bar_text": STRINGS["Search..."]}


def visit_hide_cell(self, node):
    """MyST-NB's visitor of a folded cell, with the aria-label in Chinese."""
    self.body.append(f'<details class="admonition hide {" ".join(node["classes"])}">\n')
    self.body.append(f'<summary aria-label="{escape(TOGGLE)}">\n')
    self.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


def setup(app: Sphinx) -> dict[str, Any]:
    from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput

    _add_catalogs(app)
    app.connect("config-inited", _search_placeholder)
    app.add_node(HideCodeCellNode, override=True, html=(visit_hide_cell, depart_HideCellInput))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
