"""The two editions of the book, English and 简体中文: one configuration, two builds.

The edition is chosen by a tag (``-t en`` / ``-t zh``) or by the environment variable
``BOOK_LANG`` (``en`` / ``zh``); English is the default. conf.py calls
:func:`edition_language` for ``language`` and to list the Chinese-only extensions; this
extension then sets what depends on the edition: the title, the language switcher's
target, the interface strings of MyST-NB and sphinx-proof, and ``BOOK_EDITION`` for the
notebook kernels (booktools: outputs in the edition's language). Building ``book/zh`` as
English (or the reverse) is an error, and so is ``-D language=...`` naming another edition
than the tag (the Chinese-only extensions would be missing).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

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


def edition_language(tags: Any) -> str:
    """The edition's Sphinx language, from the tags (``-t en`` / ``-t zh``) or BOOK_LANG."""
    for tag in ("zh", "en"):
        if tags.has(tag):
            return _ALIASES[tag]
    env = os.environ.get("BOOK_LANG", "").strip().lower()
    if env and env not in _ALIASES:
        raise ConfigError(f"BOOK_LANG={env!r}: expected 'en' or 'zh'")
    return _ALIASES[env] if env else "en"


def edition_folder(language: str) -> str:
    """The edition's folder in book/ and in the build: "en" or "zh"."""
    return EDITIONS[language]["folder"]


def _configure(app: Sphinx, config: Config) -> None:
    """Everything that depends on the edition (after -D overrides)."""
    lang = config.language
    folder = Path(app.srcdir).name
    if lang not in EDITIONS:
        raise ConfigError(f"language {lang!r}: this book has editions 'en' and 'zh_CN' "
                          "(choose with -t en / -t zh, or BOOK_LANG)")
    if lang != edition_language(app.tags):
        folder_of_lang = edition_folder(lang)
        raise ConfigError(f"language {lang!r} from -D: choose the edition with "
                          f"-t {folder_of_lang} (or BOOK_LANG={folder_of_lang})")
    if folder in ("en", "zh") and folder != edition_folder(lang):
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
    # booktools), with a cache of its own (notebook_cache.py); the MNIST runs are shared.
    os.environ["BOOK_EDITION"] = edition["folder"]
    config.nb_code_prompt_show, config.nb_code_prompt_hide = edition["code_prompts"]
    config.proof_title_format = edition["proof_title_format"]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _configure, priority=100)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
