"""The built book, checked in a real browser (headless Chromium, network blocked).

Run after ``make html`` with ``make test-browser``.  In the plain ``make test`` these
tests are skipped, with the reason, when there is no built HTML or no Chromium; with
``BOOK_BROWSER_REQUIRED=1`` (what ``make test-browser`` and CI set) a missing build or
browser is a failure instead.

The browser is Debian's ``chromium`` (``/usr/bin/chromium``, or ``$CHROMIUM``) driven by
Playwright; no browser is downloaded.  The built HTML (``_build/html``, or
``$BOOK_HTML_DIR``, e.g. ``_build/one/ch05_backpropagation``) is served on 127.0.0.1 by
a thread of this process, and every request to any other host is aborted and reported.

For every page of both editions: MathJax typeset every formula (no raw ``$$``, ``\\(``
or ``\\[`` left in the text, no MathJax error), every image loaded, no code cell
scrolls sideways at a 1280-pixel window, the language switcher
points at the same page of the other edition, nothing was fetched from outside, and the
console shows no error.  The Chinese search finds the book's key terms.  A screenshot of
each page is saved under ``_build/screenshots/``.

The interactive figures (book/interactive.py) draw offline in both editions, pressing
Play or moving any slider changes what is drawn, print shows their static image, and
plotly.min.js is loaded by the pages that have such a figure and by no other.

Dark mode: a system in dark mode gets the dark theme with every figure on a white card,
a system in light mode the light theme.
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("BOOK_HTML_DIR") or ROOT / "_build" / "html").resolve()
SHOTS = ROOT / "_build" / "screenshots"
REQUIRED = os.environ.get("BOOK_BROWSER_REQUIRED", "") not in ("", "0")
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
EDITIONS = ("en", "zh")
OTHER = {"en": "zh", "zh": "en"}
ZH_TERMS = ["梯度下降", "反向传播", "交叉熵", "感知机", "正则化"]
EN_TERMS = ["backpropagation", "gradient", "perceptron"]


def _unavailable(reason: str):
    if REQUIRED:
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def _pages(edition: str) -> list[str]:
    """Every HTML page of an edition, as paths relative to the site root."""
    folder = SITE / edition
    skip = {"_static", "_sources", "_images", "_downloads"}
    return sorted(p.relative_to(SITE).as_posix() for p in folder.rglob("*.html")
                  if not skip & set(p.relative_to(folder).parts))


# ------------------------------------------------------------------------ fixtures
@pytest.fixture(scope="session")
def site() -> Path:
    missing = [e for e in EDITIONS if not (SITE / e / "index.html").is_file()]
    if missing:
        _unavailable(f"no built HTML in {SITE}/{{{','.join(missing)}}}: run `make html` first")
    return SITE


@pytest.fixture(scope="session")
def server(site):
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output readable
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A page closed while a file was still being sent (the browser hung up): not an
        # error of the book, and its traceback would bury the test output.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        _unavailable(f"no Chromium at {CHROMIUM}: apt-get install chromium chromium-driver")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is pinned in requirements.txt
        _unavailable("the Python package playwright is not installed (make .venv)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class Tab:
    """A page whose requests outside 127.0.0.1 (or file://) are aborted and recorded,
    and whose console errors and uncaught exceptions are recorded."""

    def __init__(self, browser, server: str | None):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900},
                                           service_workers="block")
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(
            f"console: {m.text} ({m.location.get('url', '')})"))
        self.page.on("pageerror", lambda e: self.errors.append(f"exception: {e}"))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))

    def _route(self, route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "file://", "data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def close(self):
        self.context.close()


@pytest.fixture
def tab(browser, server):
    t = Tab(browser, server)
    yield t
    t.close()


# -------------------------------------------------------------- per-page checks
_PAGE_STATE = """
async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  const main = document.querySelector("main") || document.body;
  const clone = main.cloneNode(true);
  clone.querySelectorAll("pre, code, script, style, mjx-container, textarea, .highlight")
       .forEach((e) => e.remove());
  const text = clone.textContent;
  const imgs = Array.from(document.querySelectorAll("main img"));
  const sw = document.querySelector("a#lang-switch");
  return {
    mathjax: Boolean(window.MathJax && MathJax.startup),
    math: document.querySelectorAll("main span.math, main div.math").length,
    typeset: document.querySelectorAll("main mjx-container").length,
    merrors: Array.from(document.querySelectorAll("mjx-merror"))
                  .map((e) => e.getAttribute("data-mjx-error") || e.textContent).slice(0, 5),
    raw: ["$$", "\\\\(", "\\\\)", "\\\\[", "\\\\]"].filter((d) => text.includes(d)),
    brokenImages: imgs.filter((i) => !(i.complete && i.naturalWidth > 0))
                      .map((i) => i.getAttribute("src")),
    images: imgs.length,
    switcher: sw ? sw.href : null,
    sidebarSwitcher: (document.querySelector(".lang-switch-sidebar a") || {}).href || null,
    lang: document.documentElement.lang,
    wideCode: Array.from(document.querySelectorAll("main div.cell_input pre"))
                   .filter((e) => e.scrollWidth > e.clientWidth + 1).length,
  };
}
"""


def _all_pages() -> list[str]:
    if not all((SITE / e / "index.html").is_file() for e in EDITIONS):
        return ["<no build>"]
    return [p for e in EDITIONS for p in _pages(e)]


def tab_problems(tab, failed=True):
    """What went wrong in a tab: requests to other hosts, console errors and (with
    failed) requests that failed."""
    problems = []
    if tab.blocked:
        problems.append(f"requests to other hosts (blocked): {tab.blocked[:5]}")
    if tab.errors:
        problems.append(f"console errors: {tab.errors[:5]}")
    if failed and tab.failed:
        problems.append(f"failed requests: {tab.failed[:5]}")
    return problems


@pytest.mark.parametrize("page", _all_pages())
def test_page(page, site, server, tab):
    if page == "<no build>":
        _unavailable(f"no built HTML in {SITE}: run `make html` first")
    edition = page.split("/")[0]
    response = tab.page.goto(server + page, wait_until="load")
    assert response is not None and response.ok, f"{page}: HTTP {response and response.status}"
    state = tab.page.evaluate(_PAGE_STATE)
    tab.page.wait_for_timeout(100)  # late console messages

    shot = SHOTS / page.replace(".html", ".png")
    shot.parent.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=str(shot))

    problems = []
    if state["math"]:
        if not state["mathjax"]:
            problems.append("the page has math but MathJax did not load")
        elif state["typeset"] < state["math"]:
            problems.append(f"MathJax typeset {state['typeset']} of {state['math']} formulas")
    if state["merrors"]:
        problems.append(f"MathJax errors: {state['merrors']}")
    if state["raw"]:
        problems.append(f"raw TeX delimiters left in the text: {state['raw']}")
    if state["wideCode"]:
        problems.append(f"{state['wideCode']} code cells scroll sideways at 1280 pixels")
    if state["brokenImages"]:
        problems.append(f"images that did not load: {state['brokenImages']}")
    expected = server + OTHER[edition] + page[len(edition):]
    if state["switcher"] != expected:
        problems.append(f"language switcher goes to {state['switcher']}, expected {expected}")
    elif not (site / OTHER[edition] / page[len(edition) + 1:]).is_file():
        problems.append(f"the switcher's target {expected} does not exist")
    if state["sidebarSwitcher"] not in (None, expected):
        problems.append(f"sidebar switcher goes to {state['sidebarSwitcher']}")
    want_lang = "zh-CN" if edition == "zh" else "en"
    if state["lang"] != want_lang:
        problems.append(f'<html lang="{state["lang"]}">, expected "{want_lang}"')
    problems += tab_problems(tab)
    assert not problems, f"{page} (screenshot {shot.relative_to(ROOT)}):\n  " + "\n  ".join(problems)


# ------------------------------------------------------------ switcher, search
@pytest.mark.parametrize("edition", EDITIONS)
def test_switcher_click_lands_on_the_same_page(edition, site, server, tab):
    pages = [p for p in _pages(edition) if p.rsplit("/", 1)[-1] not in ("genindex.html", "search.html")]
    page = next((p for p in pages if p.endswith("/preface.html")), pages[0])
    tab.page.goto(server + page)
    with tab.page.expect_navigation():
        tab.page.click("a#lang-switch")
    target = OTHER[edition] + page[len(edition):]
    assert tab.page.url == server + target
    assert tab.page.evaluate("document.documentElement.lang") == ("en" if edition == "zh" else "zh-CN")
    assert not tab.errors, tab.errors


def _search(tab, server, edition: str, term: str) -> list[str]:
    tab.page.goto(f"{server}{edition}/search.html?q={term}")
    # Sphinx fills the summary line only when the search has finished
    tab.page.wait_for_function(
        "() => { const s = document.querySelector('#search-results .search-summary');"
        " return s && s.textContent.trim().length > 0; }", timeout=20_000)
    return tab.page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.href)")


@pytest.mark.parametrize("term", ZH_TERMS)
def test_chinese_search_finds(term, site, server, tab):
    hits = _search(tab, server, "zh", term)
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=str(SHOTS / f"search-zh-{term}.png"))
    assert hits, f"the Chinese search for {term} found nothing"
    assert all("/zh/" in h for h in hits), hits
    assert not tab.errors, tab.errors
    assert not tab.blocked, tab.blocked


@pytest.mark.parametrize("term", EN_TERMS)
def test_english_search_finds(term, site, server, tab):
    hits = _search(tab, server, "en", term)
    assert hits, f"the English search for {term} found nothing"
    assert not tab.errors, tab.errors


def test_search_index_has_whole_chinese_terms(site):
    """jieba with the book's user dictionary keeps the terms whole in the index."""
    text = (site / "zh" / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(text[text.index("(") + 1:text.rindex(")")])["terms"]
    missing = [t for t in ZH_TERMS if t not in terms]
    assert not missing, f"terms missing from zh/searchindex.js: {missing}"


def test_chinese_proofs_are_labelled_in_chinese(site):
    """sphinx-proof's hard-coded "Proof." is replaced by 证明 in the Chinese edition."""
    pages = [p for p in _pages("zh") if 'class="proof' in (SITE / p).read_text(encoding="utf-8")]
    assert pages, "no proofs found in the Chinese edition"
    for p in pages:
        html = (SITE / p).read_text(encoding="utf-8")
        assert "Proof." not in html and "证明：" in html, p


# ------------------------------------------------------------- reading offline
@pytest.mark.parametrize("edition", EDITIONS)
def test_math_renders_from_file_urls(edition, site, browser):
    """Opened straight from the disk (file://), without a server or internet."""
    tab = Tab(browser, None)
    try:
        pages = [p for p in _pages(edition) if p.endswith("/preface.html")] or _pages(edition)[:1]
        tab.page.goto((site / pages[0]).as_uri())
        state = tab.page.evaluate(_PAGE_STATE)
        assert state["mathjax"] and state["typeset"] >= state["math"] > 0, state
        assert not state["raw"] and not state["merrors"], state
        assert not tab.blocked, tab.blocked
        assert not tab.errors, tab.errors
    finally:
        tab.close()


def test_language_chooser(site, server, tab):
    tab.page.goto(server + "index.html")
    links = tab.page.eval_on_selector_all("main a", "els => els.map(e => e.href)")
    assert server + "en/index.html" in links and server + "zh/index.html" in links, links
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=str(SHOTS / "index.png"))
    assert not tab.errors and not tab.blocked


# ----------------------------------------------------------- internal links
class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            if attrs.get(key):
                self.refs.append(attrs[key])


@functools.lru_cache(maxsize=None)
def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def test_internal_links(site):
    """Every relative href/src of every page resolves to a file of the build, and every
    #anchor into a page of the book exists there."""
    broken = []
    pages = [SITE / p for e in EDITIONS for p in _pages(e)] + [SITE / "index.html"]
    for page in pages:
        for ref in _parse(page).refs:
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith(("//", "mailto:", "javascript:")):
                continue
            if not parts.path:  # "#anchor" in the same page
                if parts.fragment and parts.fragment not in _parse(page).ids:
                    broken.append(f"{page.relative_to(SITE)}: {ref} (no such anchor)")
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(SITE)}: {ref}")
            elif parts.fragment and target.suffix == ".html" and SITE in target.parents:
                if parts.fragment not in _parse(target).ids:
                    broken.append(f"{page.relative_to(SITE)}: {ref} (no such anchor)")
    assert not broken, f"{len(broken)} broken internal links:\n  " + "\n  ".join(broken[:40])


# ------------------------------------------------------------ interactive figures
#: The interactive figures of the book, per chapter (book/interactive.py).
LIVE_FIGURES = {"ch02_sigmoid_neurons": 1, "ch04_gradient_descent": 1,
                "ch06_cross_entropy": 1, "ch07_softmax": 1}
LIVE = ".book-live-figure"
# What a figure draws: the SVG of its plot area (bars, lines, markers).
_DRAWN = "(box) => box.querySelector('.cartesianlayer').innerHTML"
_SLIDER = ("(box, k) => { const s = box.querySelector('.js-plotly-plot').layout"
           ".sliders[k]; return [s.active, s.steps.length]; }")


def _live_pages() -> list[str]:
    found = [f"{e}/{name}.html" for e in EDITIONS for name in LIVE_FIGURES
             if (SITE / e / f"{name}.html").is_file()]
    return found or ["<none built>"]


@pytest.mark.parametrize("page", _live_pages())
def test_interactive_figures_respond(page, site, server, tab):
    """Each figure draws; Play and every slider change the drawing; print shows the PNG."""
    if page == "<none built>":
        pytest.skip(f"no chapter with an interactive figure in {SITE}")
    tab.page.goto(server + page, wait_until="load")
    figures = tab.page.locator(LIVE)
    expected = LIVE_FIGURES[Path(page).stem]
    assert figures.count() == expected, f"{page}: {figures.count()} interactive figures"
    tab.page.wait_for_selector(f"{LIVE}.is-live .cartesianlayer .trace", timeout=20_000)
    problems = []
    for i in range(expected):
        fig = figures.nth(i)
        fig.scroll_into_view_if_needed()
        if not fig.evaluate("b => b.classList.contains('is-live')"):
            problems.append(f"figure {i}: not drawn by plotly")
            continue
        if fig.locator("img").evaluate("i => getComputedStyle(i).display") != "none":
            problems.append(f"figure {i}: the static image shows next to the live plot")
        drawn = fig.evaluate(_DRAWN)
        buttons = fig.locator("g.updatemenu-button")
        if buttons.count():                                   # Play, then Pause
            buttons.first.click()
            tab.page.wait_for_timeout(800)
            buttons.nth(1).click()
            now = fig.evaluate(_DRAWN)
            if now == drawn:
                problems.append(f"figure {i}: pressing Play changed nothing")
            drawn = now
        rails = fig.locator("rect.slider-rail-touch-rect")
        if not rails.count():
            problems.append(f"figure {i}: no slider")
        for k in range(rails.count()):                     # to the far end of each slider
            active, steps = fig.evaluate(_SLIDER, k)
            box = rails.nth(k).bounding_box()
            x = box["x"] + box["width"] * (0.03 if active > steps / 2 else 0.97)
            tab.page.mouse.click(x, box["y"] + box["height"] / 2)
            tab.page.wait_for_timeout(300)
            now = fig.evaluate(_DRAWN)
            moved = fig.evaluate(_SLIDER, k)[0]
            if moved == active or now == drawn:
                problems.append(f"figure {i}, slider {k}: moved {active} -> {moved}, "
                                f"drawing {'unchanged' if now == drawn else 'changed'}")
            drawn = now
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=str(SHOTS / page.replace("/", "-").replace(".html", "-live.png")))
    tab.page.emulate_media(media="print")
    for i in range(expected):
        image = figures.nth(i).locator("img")
        if not image.evaluate("i => i.complete && i.naturalWidth > 0 "
                              "&& getComputedStyle(i).display !== 'none'"):
            problems.append(f"figure {i}: no static image in print")
        if figures.nth(i).locator(".live-plot").is_visible():
            problems.append(f"figure {i}: the live plot is printed")
    problems += tab_problems(tab, failed=False)
    assert not problems, f"{page}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("page", _live_pages())
def test_interactive_figures_work_from_the_keyboard(page, site, server, tab):
    """Each live plot takes the focus and has a label; End and Home move its first
    slider to its ends and change the drawing (book/_static/live-keys.js)."""
    if page == "<none built>":
        pytest.skip(f"no chapter with an interactive figure in {SITE}")
    tab.page.goto(server + page, wait_until="load")
    tab.page.wait_for_selector(f"{LIVE}.is-live .cartesianlayer .trace", timeout=20_000)
    problems = []
    figures = tab.page.locator(LIVE)
    for i in range(figures.count()):
        fig = figures.nth(i)
        plot = fig.locator(".live-plot")
        if plot.get_attribute("tabindex") != "0" or not plot.get_attribute("aria-label"):
            problems.append(f"figure {i}: the plot cannot take the focus or has no label")
            continue
        plot.focus()
        for key in ("End", "Home"):
            drawn, (active, steps) = fig.evaluate(_DRAWN), fig.evaluate(_SLIDER, 0)
            tab.page.keyboard.press(key)
            tab.page.wait_for_timeout(400)
            moved = fig.evaluate(_SLIDER, 0)[0]
            want = steps - 1 if key == "End" else 0
            if moved != want or (active != want and fig.evaluate(_DRAWN) == drawn):
                problems.append(f"figure {i}: {key} moved the slider {active} -> {moved} "
                                f"(expected {want}) or did not redraw")
        if not fig.locator(".live-status").inner_text().strip():
            problems.append(f"figure {i}: the change was not announced")
    assert not tab.errors, tab.errors
    assert not problems, f"{page}:\n  " + "\n  ".join(problems)


def test_plotly_only_where_needed(site):
    """plotly.min.js (4-5 MB) is in _static and loaded exactly by the pages with an
    interactive figure."""
    wrong = []
    for e in EDITIONS:
        assert (SITE / e / "_static" / "plotly.min.js").is_file(), f"{e}: no plotly.min.js"
        for page in _pages(e):
            text = (SITE / page).read_text(encoding="utf-8")
            loads = re.search(r'<script src="[^"]*_static/plotly\.min\.js', text) is not None
            if loads != (LIVE[1:] + '"' in text):
                wrong.append(f"{page}: loads plotly {loads}, interactive figure {not loads}")
    assert not wrong, "\n".join(wrong)


# ------------------------------------------------------------------ dark mode
# The book follows the reader's system preference (conf.py: default_mode "auto"), and in
# dark mode every figure sits on a white card at full brightness
# (book/_static/dark-mode.css), so its black text and its colours read as in light mode.
_DARK_MODE_STATE = """
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
    state = tab.page.evaluate(_DARK_MODE_STATE)
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
    state = tab.page.evaluate(_DARK_MODE_STATE)
    assert state["theme"] == "light", f"{page}: a system in light mode gets {state['theme']!r}"
    assert state["page"] > 0.9, f"{page}: the page is not light"


# --------------------------------------------------------------- accessibility
# axe-core (the engine behind Lighthouse's accessibility score), the copy shipped in the
# pinned package axe-playwright-python, on every page of both editions in light and in
# dark mode: no violation of impact "serious" or "critical" (contrast, names of
# controls, table headers, alt texts...).
#: The impacts that fail the test ("minor" and "moderate" are reported by axe only).
FAILING = ("serious", "critical")


def _axe_script() -> str:
    import axe_playwright_python
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def serious(violations: list[dict]) -> list[str]:
    """The violations of impact serious or critical, one line each."""
    return [f"{v['id']} ({v['impact']}, {len(v['nodes'])}x): {v['help']}; "
            f"first at {v['nodes'][0]['target']}"
            for v in violations if v.get("impact") in FAILING]


def test_only_serious_violations_fail():
    found = serious([{"id": "color-contrast", "impact": "serious", "help": "contrast",
                      "nodes": [{"target": ["a"]}]},
                     {"id": "region", "impact": "moderate", "help": "landmarks",
                      "nodes": [{"target": ["div"]}]}])
    assert len(found) == 1 and found[0].startswith("color-contrast")


@pytest.fixture(scope="module")
def axe():
    return _axe_script()


@pytest.mark.parametrize("page", _all_pages())
def test_axe_finds_nothing_serious(page, site, server, browser, axe):
    """axe on the page in light mode, then, in the same tab, in dark mode: the theme
    follows the system's scheme (conf.py: "auto"), so emulating a dark system switches
    it without loading the page (and typesetting its maths) again."""
    if page == "<no build>":
        _unavailable(f"no built HTML in {SITE}: run `make html` first")
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  color_scheme="light", service_workers="block")
    context.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith(("http://127.0.0.1:", "data:", "blob:"))
                  else route.abort())
    found = []
    try:
        tab = context.new_page()
        tab.goto(server + page, wait_until="load")
        tab.evaluate("async () => { if (window.MathJax && MathJax.startup) "
                     "await MathJax.startup.promise; }")
        tab.evaluate(axe)
        for scheme in ("light", "dark"):
            tab.emulate_media(color_scheme=scheme)
            tab.wait_for_function(f"document.documentElement.dataset.theme === '{scheme}'",
                                  timeout=5_000)
            tab.wait_for_timeout(500)   # the theme's colour transitions settle first
            result = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")
            found += [f"({scheme} mode) {v}" for v in serious(result["violations"])]
    finally:
        context.close()
    assert not found, f"{page}:\n  " + "\n  ".join(found)
