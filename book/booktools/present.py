"""What the notebooks display and guard: glue for the prose, figures and numbered tables
checked for the edition's language, the guard of a sentence, and curves over seeds."""
import re

import numpy as np

from .language import check_language
from .numbers import curves

def glue(**values):
    """Glue numbers or words for the prose, without displaying them here. numpy scalars
    become Python numbers, so that ``{glue:text}`name:.2f``` formats them."""
    from myst_nb import glue as _glue
    for name, value in values.items():
        _glue(name, value.item() if isinstance(value, np.generic) else value, display=False)


def glue_figure(name, fig):
    """Glue a matplotlib figure for a ``{glue:figure}`` and close it, after checking that
    its texts are in the edition's language (``check_language``)."""
    import matplotlib.pyplot as plt
    from matplotlib.text import Text
    from myst_nb import glue as _glue
    check_language([t.get_text() for t in fig.findobj(Text)], f"figure {name}")
    _glue(name, fig, display=False)
    plt.close(fig)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|$~{}])")


def show_table(header, rows, caption, name):
    """Display a numbered table after checking its language (``check_language``).
    header: column titles; rows: lists of cells, each a string or a number; caption: in
    the edition's language; name: its label, for {numref}`name`. The table is MyST
    markdown (conf.py renders markdown outputs as MyST), so Sphinx numbers it with the
    tables of the prose ("Table 9.1", 「表 9.1」)."""
    from IPython.display import Markdown, display
    check_language([str(c) for c in [caption, *header, *(c for row in rows for c in row)]],
                   "table")

    def line(cells):
        escaped = (_MARKDOWN_SPECIAL.sub(r"\\\1", str(c)) for c in cells)
        return "| " + " | ".join(escaped) + " |"

    display(Markdown("\n".join([f":::{{table}} {caption}", f":name: {name}", "",
                                 line(header), line(["---"] * len(header)),
                                 *map(line, rows), ":::"])))


def check(condition, claim):
    """Guard a sentence of the prose: stop the build if ``claim`` is false here."""
    if not condition:
        raise AssertionError(f"the prose says: {claim}")


def plot_seeds(ax, histories, key="evaluation_accuracy", color=None, label=None):
    """Every seed as a thin line and the median over seeds as a bold line; epochs from 1."""
    rows = curves(histories, key)
    epochs = np.arange(1, rows.shape[1] + 1)
    line, = ax.plot(epochs, np.median(rows, axis=0), color=color, lw=2, label=label)
    for curve in rows:
        ax.plot(epochs, curve, color=line.get_color(), lw=0.6, alpha=0.35)
    return line
