"""Dark mode, in a real browser: the book follows the reader's system preference
(conf.py: ``default_mode: "auto"``), and in dark mode every figure of a page sits on a
white card at full brightness (book/_static/dark-mode.css), so its black text and its
colours read as in light mode.

Runs on the built HTML like tests/test_browser.py (whose fixtures it uses: Debian's
Chromium, the build served on 127.0.0.1, network blocked); skipped without a build or a
browser unless ``BOOK_BROWSER_REQUIRED=1``.
"""
from __future__ import annotations

import re

import pytest

from test_browser import EDITIONS, SHOTS, SITE, _pages, _unavailable  # noqa: F401
from test_browser import browser, server, site, tab  # noqa: F401 -- fixtures

pytestmark = pytest.mark.browser

_STATE = """
async () => {
  await Promise.all(Array.from(document.images).map((img) => img.complete ? null :
    new Promise((done) => { img.onload = img.onerror = done; })));
  const luminance = (css) => {
    const [r, g, b, a = 1] = css.match(/[\\d.]+/g).map(Number);
    if (a === 0) return null;  // transparent
    const lin = (c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const figures = Array.from(document.querySelectorAll(
      "main figure img, main div.cell_output img"));
  return {
    theme: document.documentElement.dataset.theme,
    page: luminance(getComputedStyle(document.body).backgroundColor),
    figures: figures.map((img) => {
      const style = getComputedStyle(img);
      return {src: img.getAttribute("src"), card: luminance(style.backgroundColor),
              filter: style.filter, padding: parseFloat(style.paddingTop)};
    }),
  };
}
"""


def _page_with_figures(edition: str) -> str:
    for page in _pages(edition):
        html = (SITE / page).read_text(encoding="utf-8")
        if re.search(r'<div class="cell_output[^"]*"[^>]*>.*?<img ', html, re.S):
            return page
    pytest.fail(f"no page of the {edition} edition has a figure")


@pytest.mark.parametrize("edition", EDITIONS)
def test_figures_sit_on_a_white_card_in_dark_mode(edition, site, server, tab):
    page = _page_with_figures(edition)
    tab.page.emulate_media(color_scheme="dark")
    tab.page.goto(server + page)
    state = tab.page.evaluate(_STATE)
    tab.page.evaluate("""() => Array.from(document.querySelectorAll("main figure img"))
        .find((img) => img.getClientRects().length)?.scrollIntoView({block: "center"})""")
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=str(SHOTS / f"dark-{edition}.png"))

    assert state["theme"] == "dark", f"{page}: a system in dark mode gets {state['theme']!r}"
    assert state["page"] is not None and state["page"] < 0.05, f"{page}: the page is not dark"
    assert state["figures"], f"{page}: no figure found"
    dim = [f for f in state["figures"] if f["card"] is None or f["card"] < 0.95
           or f["filter"] != "none" or f["padding"] < 4]
    assert not dim, f"{page}: figures not on a white card at full brightness: {dim[:3]}"
    assert not tab.errors and not tab.blocked, (tab.errors, tab.blocked)


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_light_system_gets_the_light_theme(edition, site, server, tab):
    page = _page_with_figures(edition)
    tab.page.emulate_media(color_scheme="light")
    tab.page.goto(server + page)
    state = tab.page.evaluate(_STATE)
    assert state["theme"] == "light", f"{page}: a system in light mode gets {state['theme']!r}"
    assert state["page"] > 0.9, f"{page}: the page is not light"
