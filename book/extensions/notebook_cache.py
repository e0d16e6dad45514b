"""Where MyST-NB caches the executed notebooks, and the environment of their kernels.

The cache folder (``nb_execution_cache_path`` of conf.py: ``BOOK_CACHE_DIR`` if set)
gets a sub-folder named after a hash of everything that changes what a code cell computes
(:data:`SOURCES`: nn/, the book's helpers, the terms catalog, the pins) and after the
seed base (``BOOK_SEED_BASE``, which shifts every seed of the book: booktools), then one
per edition (figures in its own language). So a build never shows outputs of old code,
of other seeds or of the other edition.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from editions import edition_folder

ROOT = Path(__file__).resolve().parents[2]

#: What the notebooks' outputs depend on besides the notebooks (globs under ROOT).
SOURCES = ["nn/**/*.py", "book/*.py", "book/booktools/**/*.py", "book/extensions/cjk.py",
           "book/extensions/powers_of_ten.py",
           "book/terms/*.toml", "requirements.txt"]


def source_hash(root: Path = ROOT) -> str:
    """Hash of the files of SOURCES (their paths and contents), 16 hex digits."""
    h = hashlib.sha256()
    files = sorted({p for pattern in SOURCES for p in root.glob(pattern)
                    if p.is_file() and "__pycache__" not in p.parts})
    for path in files:
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def seed_base() -> int:
    """BOOK_SEED_BASE as booktools reads it (default 0)."""
    value = os.environ.get("BOOK_SEED_BASE", "0").strip() or "0"
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"BOOK_SEED_BASE must be an integer, got {value!r}") from None


def _cache_folder(app: Sphinx, config: Config) -> None:
    base = Path(config.nb_execution_cache_path).resolve()
    config.nb_execution_cache_path = str(
        base / f"nn-{source_hash()}-seeds{seed_base()}" / edition_folder(config.language))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _cache_folder, priority=110)  # after editions.py
    # The kernels inherit this process's environment. Figures use the inline backend
    # (glue() needs their PNG; the Makefile's MPLBACKEND=Agg would glue the text
    # "<Figure size ...>"), and the progress bars of long runs, which would write to
    # stderr (a warning), stay off.
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    os.environ.setdefault("TQDM_DISABLE", "1")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
