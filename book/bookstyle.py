"""The look of every figure in the book, in both editions.

Code cells are identical in the English and the Chinese edition; each edition executes
them with its own labels (the terms catalog, ``booktools.term``), so the Chinese
edition's figures are labelled in Chinese.  Chinese characters need a CJK font, and a
fresh machine usually has none that matplotlib knows about.  The book does not depend on
the system's fonts: the PyPI package ``mplfonts`` (pinned in ``requirements.txt``) ships
Noto Sans CJK SC, and :func:`use_book_style` registers it with matplotlib.

Fonts are chosen per glyph: Latin letters, digits and symbols come from DejaVu Sans
(bundled with matplotlib); anything DejaVu Sans lacks (Chinese) falls back to Noto Sans
CJK SC.  A glyph missing from both makes matplotlib emit a warning on stderr, which the
book build turns into an error, so a figure can never show empty boxes.

One limitation: matplotlib draws a string that contains ``$...$`` with its math-text
engine, which has no per-glyph fallback, so Chinese characters in such a string become
boxes (matplotlib logs "Font 'default' does not have a glyph", and the book build
fails). Keep math and Chinese in separate strings, or write the symbols in Unicode
(``"学习率 η"``, ``"σ(z)"``, ``"w₁"``), which the fallback handles.

Usage, once per chapter, in its first code cell (booktools re-exports it)::

    import booktools as bt
    bt.use_book_style()

This module belongs to the book, not to ``nn``: the numerical package knows nothing of
the book's fonts and colours. It imports matplotlib only when the style is applied.
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["use_book_style", "cjk_font_path", "LATIN_FONT", "CJK_FONT", "COLORS"]

#: Family names, in the order matplotlib tries them for each glyph.
LATIN_FONT = "DejaVu Sans"
CJK_FONT = "Noto Sans CJK SC"

#: A colour-blind-safe cycle (Okabe & Ito) used for all lines of the book.
COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
          "#F0E442"]

_CJK_FILE = "NotoSansCJKsc-Regular.otf"


def cjk_font_path() -> Path:
    """Return the path of the Noto Sans CJK SC font file shipped by ``mplfonts``.

    Raises ``FileNotFoundError`` with an explanation if the package or the file is
    missing (install the pinned requirements: ``make .venv``).
    """
    try:
        import mplfonts
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise FileNotFoundError(
            "the CJK font comes from the PyPI package 'mplfonts' "
            "(pinned in requirements.txt); install it with `make .venv`") from exc
    path = Path(mplfonts.__file__).resolve().parent / "fonts" / _CJK_FILE
    if not path.is_file():  # pragma: no cover - depends on the environment
        raise FileNotFoundError(f"{path} is missing: reinstall mplfonts")
    return path


def use_book_style(dpi: int = 110) -> None:
    """Set matplotlib up for the book's figures.

    * registers Noto Sans CJK SC (from ``mplfonts``) with matplotlib's font manager;
    * uses DejaVu Sans for Latin text and the CJK font as per-glyph fallback, so
      labels in either script (``"epoch"``, ``"轮"``) render;
    * draws minus signs as real minus signs (U+2212, which DejaVu Sans has), not as
      hyphens;
    * a clean style: light grid, no top/right spines, a colour-blind-safe cycle,
      LaTeX-like math text (Computer Modern, as MathJax in the prose);
    * figure size and resolution suited to a web page (``dpi`` for inline PNGs,
      higher for ``savefig``).

    Idempotent: calling it again is harmless.  It changes only ``matplotlib.rcParams``.
    """
    import matplotlib
    from matplotlib import font_manager

    path = str(cjk_font_path())
    if not any(f.fname == path for f in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)

    matplotlib.rcParams.update({
        # a list of families: matplotlib falls back glyph by glyph along it
        "font.family": [LATIN_FONT, CJK_FONT],
        "font.sans-serif": [LATIN_FONT, CJK_FONT],
        "font.size": 11,
        "axes.unicode_minus": True,
        "mathtext.fontset": "cm",
        "axes.titlesize": 12,
        "axes.labelsize": 11,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "grid.linewidth": 0.6,
        "axes.prop_cycle": matplotlib.cycler(color=COLORS),
        "lines.linewidth": 2.0,
        "legend.frameon": False,
        "legend.fontsize": 10,
        "figure.figsize": (6.4, 4.0),
        "figure.dpi": dpi,
        "savefig.dpi": 2 * dpi,
        "savefig.bbox": "tight",
        "image.cmap": "viridis",
    })
