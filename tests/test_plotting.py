import sys
import subprocess
import warnings

import nn


def test_import_nn_does_not_load_matplotlib():
    code = "import nn, sys; assert 'matplotlib' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def _draw(label, path):
    """Draw a figure with `label` as its legend entry and save it to `path`."""
    nn.plotting.use_book_style()
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
    """The limitation nn/plotting.py documents: math text has no font fallback, so Chinese
    next to $...$ becomes boxes. matplotlib says so, and the book build fails on it."""
    _draw("交叉熵, $\\eta = 0.5$", tmp_path / "f.png")
    assert any("does not have a glyph" in r.getMessage() for r in caplog.records)
