"""Interactive figures of the book's HTML pages, made with plotly.

Every state such a figure can show is computed in the build, by ``nn`` and numpy; the
browser only switches between precomputed states. Two kinds of control:

* ``animate(fig, frames, ...)``: a slider over a sequence of states (the epochs of a run,
  a range of learning rates), with a Play button if wanted: plotly's own animation.
* ``slider_grid(fig, sliders, states, ...)``: one slider per parameter (z_0, ..., z_3, c);
  every combination of the sliders' values is precomputed, and a few lines of
  JavaScript (book/_static/live-figure.js) show the state the sliders point at (a table
  look-up, no arithmetic on the data).

``glue_live(name, fig)`` glues the figure for a ``{glue:figure}``, after checking that its
labels are in the edition's language. Its output is HTML holding the live plot and a
static PNG of the figure's first state (drawn with matplotlib by ``static_png``): the
page shows the PNG when printed (the PDF) or when plotly is missing (the live plot is
``hidden`` until book/_static/live-figure.css shows it), and the PNG is also the
output's ``image/png``, which a downloaded notebook can show. The pages with such a
figure load the book's copy of plotly.min.js and the CSS and JavaScript of
book/_static/live-figure.* (book/extensions/offline_assets.py).
"""
from __future__ import annotations

import base64
import html
import io

import numpy as np
import plotly.graph_objects as go

from booktools import check_language, term

#: The class of the HTML element that holds one interactive figure (the Sphinx extension
#: loads plotly.min.js on the pages that contain it; offline_assets.LIVE_CLASS).
CSS_CLASS = "book-live-figure"

_STILL = dict(mode="immediate", frame=dict(duration=0, redraw=True),
              transition=dict(duration=0))
_INVISIBLE = "rgba(0,0,0,0)"


def animate(fig, frames, traces, labels, title, start=0, play=True, duration=40):
    """Make ``fig`` show one of several states, chosen by a slider (and a Play button).

    frames: for each state, a list of trace updates (dicts such as ``{"x": .., "y": ..}``),
    one per trace of ``traces`` (indices into ``fig.data``, scatter traces). labels: the
    slider's value at each state; title: what the slider sets (e.g. "epoch"); start: the
    state shown first; duration: milliseconds per state when playing.
    """
    if len(labels) != len(frames):
        raise ValueError(f"{len(frames)} frames but {len(labels)} labels")
    frames = [[{k: _short(v) for k, v in update.items()} for update in state]
              for state in frames]
    for trace, update in zip(traces, frames[start]):
        fig.data[trace].update(update)
    fig.frames = [go.Frame(name=str(i), data=[go.Scatter(**u) for u in updates],
                           traces=list(traces)) for i, updates in enumerate(frames)]
    fig.layout.sliders = [dict(
        active=start, x=0.08 if play else 0, len=0.92 if play else 1, pad=dict(t=50),
        currentvalue=dict(prefix=f"{title} = ", font=dict(color="#222")),
        font=dict(color=_INVISIBLE), ticklen=2,
        steps=[dict(method="animate", label=str(label), args=[[str(i)], _STILL])
               for i, label in enumerate(labels)])]
    if play:
        run = dict(mode="immediate", fromcurrent=True, transition=dict(duration=0),
                   frame=dict(duration=duration, redraw=True))
        fig.layout.updatemenus = [dict(
            type="buttons", showactive=False, direction="left", x=0.07, y=0,
            xanchor="right", yanchor="top", pad=dict(t=55, r=8),
            buttons=[dict(label=term("live_play"), method="animate", args=[None, run]),
                     dict(label=term("live_pause"), method="animate",
                          args=[[None], _STILL])])]
    return fig


def _short(values, digits=4):
    """Numbers with ``digits`` significant digits, as a list (a smaller page)."""
    return [float(f"{v:.{digits}g}") for v in np.ravel(np.asarray(values, dtype=float))]


def _rounded(values, decimals):
    """Numbers rounded to ``decimals`` decimals, as a list (a smaller page)."""
    return np.round(np.ravel(np.asarray(values, dtype=float)), decimals).tolist()


def slider_grid(fig, sliders, states, traces, key="y", at=(0.0, 1.0), top=1.0,
                decimals=3):
    """One slider per parameter, each step a precomputed state of the figure.

    sliders: ``(title, values, start)`` per parameter (start: index of the first value
    shown); states: an array of shape ``(n_0, ..., n_{k-1}, len(traces), n_points)``, the
    values of the property ``key`` of each trace of ``traces`` for every combination of
    the sliders' values. The sliders are stacked from ``top`` down, between the paper
    coordinates ``at`` (x). The values are rounded to ``decimals`` decimals.
    """
    states = np.asarray(states, dtype=float)
    shape = tuple(len(values) for _, values, _ in sliders)
    if states.shape[:len(shape)] != shape or states.shape[len(shape)] != len(traces):
        raise ValueError(f"states of shape {states.shape} for sliders of sizes {shape} "
                         f"and {len(traces)} traces")
    start = tuple(s for _, _, s in sliders)
    for trace, values in zip(traces, states[start]):
        fig.data[trace][key] = _rounded(values, decimals)
    gap = top / len(sliders)
    fig.layout.sliders = [dict(
        active=s, x=at[0], len=at[1] - at[0], y=top - k * gap, yanchor="top",
        pad=dict(t=0, b=0), ticklen=2, font=dict(color=_INVISIBLE),
        currentvalue=dict(prefix=f"{title} = ", font=dict(color="#222"), offset=4),
        steps=[dict(method="skip", label=f"{v:g}".replace("-", "\u2212")) for v in values])
        for k, (title, values, s) in enumerate(sliders)]
    table = states.reshape(int(np.prod(shape)), len(traces), -1)
    fig.layout.meta = dict(grid=dict(shape=list(shape), key=key, traces=list(traces),
                                     values=[[_rounded(v, decimals) for v in row]
                                             for row in table]))
    return fig


def labels(fig):
    """Every text of the figure a reader sees: titles, legend entries, controls."""
    keys = {"text", "name", "label", "prefix", "suffix", "hovertemplate", "texttemplate"}
    found = []

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "meta":
                    continue
                if k in keys and isinstance(v, str):
                    found.append(v)
                else:
                    walk(v)
        elif isinstance(node, (list, tuple)):
            for v in node:
                walk(v)

    walk(fig.to_plotly_json())
    return found


class Live:
    """A plotly figure as one notebook output: HTML (live plot + print image) and PNG."""

    def __init__(self, fig, alt):
        self.fig, self.alt, self.png = fig, alt, static_png(fig)

    def html(self):
        """The live plot (hidden unless the page's live-figure.css shows it), and the
        static image shown instead in print or without plotly."""
        plot = self.fig.to_html(
            full_html=False, include_plotlyjs=False, include_mathjax=False,
            auto_play=False, config=dict(displayModeBar=False, responsive=True))
        png = base64.b64encode(self.png).decode()
        keys = html.escape(f"{self.alt} {term('live_keys')}")
        return (f'<div class="{CSS_CLASS}" data-keys-label="{keys}">'
                f'<div class="live-plot" hidden>{plot}</div>'
                f'<img src="data:image/png;base64,{png}" alt="{html.escape(self.alt)}"/>'
                f'<span class="live-status" aria-live="polite"></span>'
                f'</div>')

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html(), "image/png": base64.b64encode(self.png).decode(),
                "text/plain": self.alt}


def glue_live(name, fig, alt):
    """Glue the interactive figure ``fig`` for a ``{glue:figure}``, after checking that its
    labels are in the edition's language; alt: a short description for the image."""
    from myst_nb import glue as _glue
    check_language(labels(fig) + [alt], f"figure {name}")
    fig.update_layout(template="plotly_white")       # the book's figures are on white
    _glue(name, Live(fig, alt), display=False)


# ----------------------------------------------------------- the static image (PNG)
_DASH = {"dash": "--", "dot": ":", "dashdot": "-."}
_SYMBOL = {"circle": "o", "square": "s", "star": "*", "diamond": "D"}


def _each(value, n):
    """A marker property as one value per point."""
    return list(value) if isinstance(value, (list, tuple)) else [value] * n


def static_png(fig, dpi=120):
    """The figure's current traces (the first state: no controls) drawn with matplotlib,
    as PNG bytes. Draws the scatter, bar and contour traces this book uses, on the axes
    and subplot titles of the plotly layout."""
    import matplotlib.pyplot as plt

    lay = fig.layout
    width, height = lay.width or 800, lay.height or 450
    m = lay.margin
    left, right = (m.l if m.l is not None else 80), (m.r if m.r is not None else 80)
    top, bottom = (m.t if m.t is not None else 100), (m.b if m.b is not None else 80)

    def to_figure(x, y):
        """Paper coordinates of the plotly layout -> figure fraction of matplotlib."""
        return ((left + x * (width - left - right)) / width,
                (bottom + y * (height - top - bottom)) / height)

    out = plt.figure(figsize=(width / 100, height / 100))
    axes = {}
    for trace in fig.data:
        xa, ya = trace.xaxis or "x", trace.yaxis or "y"
        if (xa, ya) not in axes:
            axes[(xa, ya)] = _axes(out, lay, xa, ya, to_figure)
        _draw(axes[(xa, ya)], trace)
    for note in lay.annotations:
        if note.xref == "paper" and note.yref == "paper" and note.text:
            out.text(*to_figure(note.x, note.y), note.text, ha="center", va="bottom")
    for s in lay.sliders:                      # the sliders' values, as text
        x, y = to_figure(s.x or 0, s.y if s.y is not None else 0)
        y -= ((s.pad.t or 0) + (0 if s.y is not None else 30)) / height
        out.text(x, y, f"{s.currentvalue.prefix or ''}{s.steps[s.active].label}",
                 ha="left", va="top")
    for ax in axes.values():
        if ax.get_legend_handles_labels()[1]:
            ax.legend(fontsize=8)
    drawn = io.BytesIO()
    out.savefig(drawn, format="png", dpi=dpi)
    plt.close(out)
    # A palette of 128 colours is plenty for lines on white and a third of the bytes.
    from PIL import Image
    small = io.BytesIO()
    Image.open(drawn).convert("RGB").quantize(colors=128).save(small, format="png",
                                                               optimize=True)
    return small.getvalue()


def _axes(out, lay, xa, ya, to_figure):
    xaxis, yaxis = lay["xaxis" + xa[1:]], lay["yaxis" + ya[1:]]
    (x0, x1), (y0, y1) = xaxis.domain or (0, 1), yaxis.domain or (0, 1)
    (fx0, fy0), (fx1, fy1) = to_figure(x0, y0), to_figure(x1, y1)
    ax = out.add_axes((fx0, fy0, fx1 - fx0, fy1 - fy0))
    for axis, setter in ((xaxis, "x"), (yaxis, "y")):
        if axis.type == "log":
            getattr(ax, f"set_{setter}scale")("log")
        if axis.range is not None:
            lo, hi = axis.range
            if axis.type == "log":
                lo, hi = 10.0 ** lo, 10.0 ** hi
            getattr(ax, f"set_{setter}lim")(lo, hi)
        if axis.title.text:
            getattr(ax, f"set_{setter}label")(axis.title.text)
    return ax


def _draw(ax, t):
    label = t.name if t.name and t.showlegend is not False else None
    alpha = t.opacity if t.opacity is not None else 1.0
    if t.type == "bar":
        bars = ax.bar(list(t.x), list(t.y), color=t.marker.color, alpha=alpha, label=label)
        if t.texttemplate:
            ax.bar_label(bars, fmt="%.3f", fontsize=9)
    elif t.type == "contour":
        c = t.contours
        levels = np.arange(c.start, c.end + c.size / 2, c.size)
        ax.contour(t.x, t.y, np.asarray(t.z), levels=levels,
                   colors=t.line.color or "0.7", linewidths=0.8, linestyles="solid")
    elif t.type == "scatter":
        mode = t.mode or "lines"
        color = t.line.color or t.marker.color
        if "lines" in mode:
            ax.plot(t.x, t.y, color=color, lw=(t.line.width or 2) * 0.75, alpha=alpha,
                    ls=_DASH.get(t.line.dash, "-"), label=label)
            label = None
        if "markers" in mode:                # one point at a time: colours may differ
            n = len(t.x)
            colors = _each(t.marker.color or color, n)
            symbols = _each(t.marker.symbol or "circle", n)
            for x, y, c, symbol in zip(t.x, t.y, colors, symbols):
                ax.plot([x], [y], ls="none", marker=_SYMBOL[symbol.replace("-open", "")],
                        ms=(t.marker.size or 6) * 0.75, color=c, alpha=alpha,
                        mfc="none" if symbol.endswith("-open") else c, label=label)
                label = None
    else:
        raise ValueError(f"static_png cannot draw a {t.type!r} trace")
