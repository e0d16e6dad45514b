"""Every page of both editions, checked by axe-core (the engine behind Lighthouse's
accessibility score) in headless Chromium, in light and in dark mode: no violation of
impact "serious" or "critical" (contrast, names of controls, table headers, alt texts...).
Run by ``make test-browser`` after ``make html``; skipped like tests/test_browser.py when
there is no build or no Chromium.

axe-core is the copy shipped in the pinned package axe-playwright-python (no download).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from test_browser import CHROMIUM_FLAGS, _all_pages, _unavailable, browser, server, site  # noqa: F401

pytestmark = pytest.mark.browser

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


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page", _all_pages())
def test_axe_finds_nothing_serious(page, scheme, site, server, browser, axe):
    if page == "<no build>":
        _unavailable("no built HTML: run `make html` first")
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  color_scheme=scheme, service_workers="block")
    context.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith(("http://127.0.0.1:", "data:", "blob:"))
                  else route.abort())
    try:
        tab = context.new_page()
        tab.goto(server + page, wait_until="load")
        tab.evaluate("async () => { if (window.MathJax && MathJax.startup) "
                     "await MathJax.startup.promise; }")
        tab.evaluate(axe)
        result = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")
    finally:
        context.close()
    found = serious(result["violations"])
    assert not found, f"{page} ({scheme} mode):\n  " + "\n  ".join(found)
