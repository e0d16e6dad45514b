import sys
import subprocess
import warnings

import nn


def test_import_nn_does_not_load_matplotlib():
    code = "import nn, sys; assert 'matplotlib' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_chinese_labels_render_without_missing_glyphs(tmp_path):
    nn.plotting.use_book_style()
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots()
    ax.set_xlabel("epoch / 轮")
    ax.plot([0, 1], label="交叉熵 cross-entropy, $\\eta = 0.5$")
    ax.legend()
    with warnings.catch_warnings():
        warnings.simplefilter("error")          # "Glyph ... missing from font(s)" is a UserWarning
        fig.savefig(tmp_path / "f.png")
    plt.close(fig)
