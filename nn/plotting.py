"""The look of the book's figures.

Every figure is drawn by code that is identical in the English and the Chinese edition,
so its labels are symbols or bilingual ("epoch / 轮"). ``use_book_style()`` registers the
Noto Sans CJK SC font shipped by the mplfonts package, so Chinese characters render on
any machine without a system font.
"""
from pathlib import Path

import matplotlib
from matplotlib import font_manager


def cjk_font_path():
    import mplfonts
    return Path(mplfonts.__file__).parent / "fonts" / "NotoSansCJKsc-Regular.otf"


def use_book_style():
    """Register the CJK font and set a clean, readable style for all later figures."""
    font_manager.fontManager.addfont(str(cjk_font_path()))
    matplotlib.rcParams.update({
        # DejaVu Sans for Latin letters and symbols, falling back to Noto Sans CJK SC for
        # Chinese. (Fallback needs concrete families: "sans-serif" would use only the first.)
        "font.family": ["DejaVu Sans", "Noto Sans CJK SC"],
        "axes.unicode_minus": False,
        "figure.dpi": 110,
        "savefig.dpi": 110,
        "figure.figsize": (6.4, 4.0),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "legend.frameon": False,
        "image.cmap": "viridis",
    })
