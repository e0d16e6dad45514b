"""book/interactive.py (the interactive figures) and its Sphinx extension
book/extensions/offline_assets.py. Fast: no browser (tests/test_browser.py drives the
built figures in Chromium)."""
import base64
import io
import json
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
from docutils import nodes

import booktools
import interactive as live

import offline_assets  # book/extensions (tests/conftest.py)

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "book" / "_static"

PNG = b"\x89PNG\r\n\x1a\n"


def _moving_point(n=5):
    fig = go.Figure([go.Scatter(x=[0, 1], y=[0, 1], mode="lines", name="path"),
                     go.Scatter(mode="markers")])
    frames = [[dict(x=[k / n], y=[(k / n) ** 2])] for k in range(n)]
    return live.animate(fig, frames, [1], list(range(n)), "epoch", start=2)


def _grid():
    """Two sliders (3 and 4 values) over one bar trace of two bars."""
    a, b = np.arange(3.0), np.arange(4.0) / 10
    states = np.stack([a[:, None] + b[None, :], a[:, None] - b[None, :]], axis=-1)
    fig = go.Figure(go.Bar(x=["p", "q"], texttemplate="%{y:.3f}"))
    live.slider_grid(fig, [("a", a, 1), ("b", b, 3)], states[:, :, None, :], traces=[0])
    return fig, states


# ------------------------------------------------------------------------ animate
def test_animate_has_one_frame_and_one_step_per_state():
    fig = _moving_point()
    assert [f.name for f in fig.frames] == ["0", "1", "2", "3", "4"]
    slider = fig.layout.sliders[0]
    assert [s.label for s in slider.steps] == ["0", "1", "2", "3", "4"]
    assert [list(s.args[0]) for s in slider.steps] == [["0"], ["1"], ["2"], ["3"], ["4"]]
    assert slider.active == 2 and slider.currentvalue.prefix == "epoch = "
    assert all(f.traces == (1,) for f in fig.frames)


def test_animate_starts_in_the_start_state():
    fig = _moving_point()
    assert fig.data[1].x == (0.4,) and fig.data[1].y == (0.16,)
    assert fig.frames[2].data[0].x == (0.4,)


def test_animate_play_button_is_in_the_edition_language(monkeypatch):
    monkeypatch.setenv("BOOK_EDITION", "zh")
    fig = _moving_point()
    assert [b.label for b in fig.layout.updatemenus[0].buttons] == ["▶ 播放", "❚❚ 暂停"]
    assert fig.layout.updatemenus[0].buttons[0].args[0] is None        # play all frames


def test_animate_without_play_has_no_button():
    fig = go.Figure(go.Scatter(mode="lines"))
    live.animate(fig, [[dict(y=[1, 2])], [dict(y=[2, 3])]], [0], ["a", "b"], "η", play=False)
    assert not fig.layout.updatemenus and fig.layout.sliders[0].x == 0


def test_animate_rounds_to_four_significant_digits():
    fig = go.Figure(go.Scatter(mode="lines"))
    live.animate(fig, [[dict(y=[np.pi, 1e-7 / 3])]], [0], ["x"], "t", play=False)
    assert fig.frames[0].data[0].y == (3.142, 3.333e-08)


def test_animate_needs_one_label_per_frame():
    with pytest.raises(ValueError, match="2 frames but 1 labels"):
        live.animate(go.Figure(go.Scatter()), [[{}], [{}]], [0], ["a"], "t")


# -------------------------------------------------------------------- slider_grid
def test_grid_table_is_in_the_order_the_javascript_reads_it():
    """The page computes i = i_0 n_1 + i_1 (row-major) from the sliders' positions."""
    fig, states = _grid()
    grid = fig.layout.meta["grid"]
    assert grid["shape"] == [3, 4] and grid["key"] == "y" and grid["traces"] == [0]
    assert len(grid["values"]) == 12
    json.dumps(grid)                                 # plain numbers for the page
    for i0 in range(3):
        for i1 in range(4):
            assert grid["values"][i0 * 4 + i1] == [np.round(states[i0, i1], 3).tolist()]
    script = (STATIC / "live-figure.js").read_text(encoding="utf-8")
    assert "i = i * grid.shape[k] + s.active" in script


def test_grid_starts_at_the_sliders_start():
    fig, states = _grid()
    assert [s.active for s in fig.layout.sliders] == [1, 3]
    assert list(fig.data[0].y) == np.round(states[1, 3], 3).tolist()
    assert [s.method for s in fig.layout.sliders[1].steps] == ["skip"] * 4


def test_grid_labels_use_a_real_minus_sign():
    fig = go.Figure(go.Bar(x=["p"]))
    live.slider_grid(fig, [("z", np.array([-1.0, 0.5]), 0)], np.zeros((2, 1, 1)), [0])
    assert [s.label for s in fig.layout.sliders[0].steps] == ["\u22121", "0.5"]


def test_grid_checks_the_shape_of_the_states():
    with pytest.raises(ValueError, match="states of shape"):
        live.slider_grid(go.Figure(go.Bar()), [("a", np.arange(3.0), 0)],
                         np.zeros((4, 1, 2)), [0])


# --------------------------------------------------------------------- labels
def test_labels_are_the_texts_a_reader_sees_and_not_the_data():
    fig, _ = _grid()
    fig.update_layout(xaxis_title_text="output", title_text="a title")
    found = live.labels(fig)
    assert {"output", "a title", "a = ", "b = ", "%{y:.3f}", "0.3"} <= set(found)
    assert "skip" not in found and not any(isinstance(v, float) for v in found)


def test_glue_live_refuses_english_in_the_chinese_edition(monkeypatch):
    monkeypatch.setenv("BOOK_EDITION", "zh")
    fig = _moving_point()                            # Play is in Chinese, "epoch" is not
    with pytest.raises(AssertionError, match="English"):
        live.glue_live("fig", fig, "图")


# --------------------------------------------------------------- output, image
def test_output_holds_the_live_plot_and_the_static_image():
    out = live.Live(_moving_point(), "a moving point")
    bundle = out._repr_mimebundle_()
    assert set(bundle) == {"text/html", "image/png", "text/plain"}
    assert base64.b64decode(bundle["image/png"]).startswith(PNG)
    html = bundle["text/html"]
    assert f'class="{live.CSS_CLASS}"' in html and 'alt="a moving point"' in html
    assert bundle["image/png"] in html                      # the print image, inline
    assert "Plotly.newPlot" in html and "addFrames" in html
    assert "https://" not in html and "cdn" not in html.lower()  # nothing from the web
    # the plot is hidden unless the page's live-figure.css shows it: no CSS, no script
    # of the book's in the output, so a notebook shows the image
    assert '<div class="live-plot" hidden>' in html
    assert "<style" not in html and "is-live" not in html and "post_script" not in html


def test_grid_output_holds_the_table_the_page_script_reads():
    fig, _ = _grid()
    html = live.Live(fig, "grid").html()
    assert '"grid":' in html and "plotly_sliderchange" not in html
    script = (STATIC / "live-figure.js").read_text(encoding="utf-8")
    assert "plotly_sliderchange" in script and "meta.grid" in script
    assert "unhandledrejection" in script               # Pause interrupts an animation


def test_static_png_draws_the_current_state():
    from PIL import Image
    fig = _moving_point()
    fig.update_layout(width=400, height=300)
    first = live.static_png(fig, dpi=100)
    assert first.startswith(PNG)
    assert Image.open(io.BytesIO(first)).size == (400, 300)
    fig.data[1].update(x=[0.9], y=[0.1])
    assert live.static_png(fig, dpi=100) != first


def test_static_png_refuses_what_it_cannot_draw():
    with pytest.raises(ValueError, match="heatmap"):
        live.static_png(go.Figure(go.Heatmap(z=[[1, 2]])))


# ------------------------------------------------ the extension (offline_assets)
def test_the_extension_serves_the_installed_plotly_and_mathjax():
    path = offline_assets.plotly_js()
    assert path.name == "plotly.min.js" and path.stat().st_size > 1_000_000
    assert (offline_assets.mathjax_static() / "mathjax" / "tex-chtml.js").is_file()


def test_the_extension_loads_the_books_live_figure_files():
    assert offline_assets.LIVE_CLASS == live.CSS_CLASS
    for name in offline_assets.LIVE_CSS + offline_assets.LIVE_JS:
        assert live.CSS_CLASS in (STATIC / name).read_text(encoding="utf-8"), name


def test_the_extension_finds_pages_with_a_live_figure():
    page = nodes.section()
    page += nodes.raw("", "<p>a table</p>", format="html")
    assert not offline_assets.has_live_figure(page)
    page += nodes.raw("", live.Live(_moving_point(), "x").html(), format="html")
    assert offline_assets.has_live_figure(page)
    latex = nodes.section()
    latex += nodes.raw("", live.CSS_CLASS, format="latex")
    assert not offline_assets.has_live_figure(latex)
