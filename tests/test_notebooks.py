"""The chapters as notebooks, outside Sphinx (README: "Play with a chapter").

* The notebook a reader downloads from a page (``_build/html/<edition>/_sources/*.ipynb``)
  starts with a note on the environment it needs and a cell that sets its edition, and
  runs top to bottom with nbclient from a temporary folder (the MNIST runs come from the
  build's cache, book/booktools), its outputs in its edition's language. Needs the
  built HTML: skipped without it (``make test-browser`` runs it after ``make html``).
* ``make lab`` starts JupyterLab on a free port; the server answers, and its contents
  API serves a chapter's ``.md`` as a notebook (jupytext). Marked ``lab``: it installs
  requirements-lab.txt the first time; ``make test-browser`` runs it.
"""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from cjk import HAN_RE as CJK
from test_browser import _unavailable

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("BOOK_HTML_DIR") or ROOT / "_build" / "html").resolve()
REQUIRED = os.environ.get("BOOK_BROWSER_REQUIRED", "") not in ("", "0")

#: Chapters whose downloaded notebooks are executed: the quick ones in both editions and
#: one that reads MNIST runs from the build's cache.
DOWNLOADED = [("en", "ch01_perceptrons"), ("zh", "ch02_sigmoid_neurons"),
              ("zh", "ch05_backpropagation"), ("en", "ch07_softmax")]


def _downloaded(edition: str, page: str) -> Path:
    path = SITE / edition / "_sources" / f"{page}.ipynb"
    if not path.is_file():
        _unavailable(f"no downloaded notebook {path}: run `make html` first")
    return path


def _text_outputs(notebook: dict) -> list[str]:
    texts = []
    for cell in notebook["cells"]:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                texts.append("".join(out["text"]))
            for mime in ("text/plain", "text/markdown"):
                if mime in out.get("data", {}):
                    texts.append("".join(out["data"][mime]))
    return texts


@pytest.mark.browser
@pytest.mark.parametrize("edition, page", DOWNLOADED)
def test_a_downloaded_notebook_runs_from_any_folder(edition, page, tmp_path):
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(_downloaded(edition, page), as_version=4)
    note, setting = notebook.cells[:2]
    assert note.cell_type == "markdown" and "make lab" in note.source
    assert bool(CJK.search(note.source)) == (edition == "zh")
    assert setting.source == f"%env BOOK_EDITION={edition}"
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    env_edition = os.environ.pop("BOOK_EDITION", None)   # the notebook sets it itself
    try:
        start = time.monotonic()
        NotebookClient(notebook, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(tmp_path)}}).execute()
        took = time.monotonic() - start
    finally:
        if env_edition is not None:
            os.environ["BOOK_EDITION"] = env_edition
    outputs = _text_outputs(json.loads(nbformat.writes(notebook)))
    if edition == "en":
        assert not any(CJK.search(t) for t in outputs), "Chinese in an English notebook"
    else:
        assert any(CJK.search(t) for t in outputs), "no Chinese output in a Chinese notebook"
    print(f"{edition}/{page}: ran in {took:.0f} s")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, token: str) -> dict:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read().decode())


@pytest.mark.lab
def test_make_lab_serves_a_chapter_as_a_notebook():
    if not REQUIRED and not (ROOT / ".venv" / ".lab-installed").is_file():
        pytest.skip("make lab is not set up here (make test-browser sets it up)")
    port, token = _free_port(), "book-test-token"
    env = {**os.environ, "JUPYTER_TOKEN": token, "LAB_PORT": str(port)}
    lab = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_PORT={port}"],
                           cwd=ROOT, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, start_new_session=True, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 600   # the first call installs JupyterLab
        while True:
            assert lab.poll() is None, f"make lab stopped:\n{lab.stdout.read()[-3000:]}"
            try:
                status = _get(f"{base}/api/status", token)
                break
            except OSError:
                assert time.monotonic() < deadline, "JupyterLab did not answer"
                time.sleep(2)
        assert "started" in status
        for edition, word in (("en", "sigmoid"), ("zh", "S 型")):
            model = _get(f"{base}/api/contents/book/{edition}/ch02_sigmoid_neurons.md"
                         "?type=notebook&content=1", token)
            assert model["type"] == "notebook"
            cells = model["content"]["cells"]
            assert sum(c["cell_type"] == "code" for c in cells) > 3
            assert any(word in "".join(c["source"]) for c in cells
                       if c["cell_type"] == "markdown")
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        lab.wait(timeout=30)
