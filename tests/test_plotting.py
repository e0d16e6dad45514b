"""The book's figure style (book/bookstyle.py), and nn without it."""
import sys
import subprocess
import warnings

import bookstyle


def test_import_nn_does_not_load_matplotlib_nor_the_book():
    code = ("import nn, sys; assert not {'matplotlib', 'booktools', 'bookstyle'} & "
            "set(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_booktools_offers_the_style():
    import booktools
    assert booktools.use_book_style is bookstyle.use_book_style
    assert booktools.COLORS is bookstyle.COLORS


def _draw(label, path):
    """Draw a figure with `label` as its legend entry and save it to `path`."""
    bookstyle.use_book_style()
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots()
    ax.set_xlabel("epoch / 轮")
    ax.plot([0, 1], label=label)
    ax.legend()
    fig.savefig(path)
    plt.close(fig)


def test_chinese_labels_render_without_missing_glyphs(tmp_path, caplog):
    """Latin, Greek and Chinese glyphs in one string: each comes from a font that has it."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")          # "Glyph ... missing from font(s)" is a UserWarning
        _draw("交叉熵 cross-entropy, η = 0.5, σ(z)", tmp_path / "f.png")
    assert not [r for r in caplog.records if "glyph" in r.getMessage()]


def test_chinese_inside_math_text_is_reported(tmp_path, caplog):
    """The limitation book/bookstyle.py documents: math text has no font fallback, so Chinese
    next to $...$ becomes boxes. matplotlib says so, and the book build fails on it."""
    _draw("交叉熵, $\\eta = 0.5$", tmp_path / "f.png")
    assert any("does not have a glyph" in r.getMessage() for r in caplog.records)
