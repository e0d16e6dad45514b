# The book and its package.  `make html` and `make test` are all a newcomer needs:
# both set up the virtual environment (.venv, pinned by requirements.txt) first.
#
#   make html                  both editions -> _build/html/{en,zh}, chooser at _build/html/index.html
#   make runs                  train the MNIST runs the book reports (cached; make html does it)
#   make html-one DOC=<name>   one chapter, both editions -> _build/one/<name>/{en,zh}
#   make pdf                   both editions as PDF (after make html) -> _build/pdf/
#   make html-perturbed        both editions with other seeds (BOOK_SEED_BASE, default 2026)
#                              and two BLAS threads -> _build/perturbed/{en,zh}
#   make test                  the whole pytest suite (browser tests skip without a build)
#   make test-browser          only the browser tests; a missing build or browser fails
#   make linkcheck             Sphinx linkcheck of both editions (internal links only)
#   make bench                 the benchmark of the nn package
#   make lab                   JupyterLab on http://localhost:8888 (LAB_PORT=...): every
#                              chapter's .md opens as a notebook and runs
#   make clean                 remove _build/ (keeps .venv)

SHELL      := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON     ?= python3
VENV       := .venv
BIN        := $(VENV)/bin
STAMP      := $(VENV)/.installed
BUILD      := _build
SPHINXOPTS ?= -W --keep-going -n
SPHINX     := $(BIN)/sphinx-build
EDITIONS   := en zh

# Figures in any process started by make use a non-interactive backend
# (the notebook kernels of the book build use the inline one: see conf.py).
export MPLBACKEND := Agg
# MNIST training runs reported by the book are cached here (nn/runs.py), so the appendix
# reuses the chapters' runs and `make clean` makes the next build train them again.
export NN_RUNS_DIR ?= $(CURDIR)/$(BUILD)/runs

.PHONY: lab venv .venv runs html html-one html-perturbed pdf test test-browser linkcheck bench clean distclean

# ---------------------------------------------------------------- environment
# Re-run whenever requirements.txt or pyproject.toml changes.
$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps -e .
	@touch $@

venv .venv: $(STAMP)

# JupyterLab on top of the book's environment (requirements-lab.txt), with jupytext's
# viewer as the default for .md files (book/lab/overrides.json): a chapter opens as a
# notebook, and runs in its folder, so its outputs are in its edition's language.
LAB_STAMP := $(VENV)/.lab-installed
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings
$(LAB_STAMP): $(STAMP) requirements-lab.txt book/lab/overrides.json
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements-lab.txt
	mkdir -p $(LAB_SETTINGS)
	cp book/lab/overrides.json $(LAB_SETTINGS)/overrides.json
	@touch $@

# --------------------------------------------------------------------- book
# First `runs` trains every MNIST run the book reports that is not cached yet, in one
# pool that keeps both cores busy; then the two editions execute their notebooks side by
# side, each line of their logs as it comes, marked with its edition ("[zh] ... Executing
# notebook"): the build names the chapter it is executing. Each edition gets one BLAS
# thread: the two already keep both cores busy, and more threads would only contend.
html: runs
	$(MAKE) --no-print-directory -j2 -Oline $(EDITIONS:%=html-%)
	cp book/_templates/choose_language.html $(BUILD)/html/index.html
	@echo "The book: $(BUILD)/html/index.html"

html-%: $(STAMP)
	@echo "== building the '$*' edition"
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 \
	$(SPHINX) -b html -c . -t $* -d $(BUILD)/doctrees/$* $(SPHINXOPTS) \
	  book/$* $(BUILD)/html/$* 2>&1 | sed -u 's/^/[$*] /'

runs: $(STAMP)
	$(BIN)/python -m booktools

# The whole book again from other random draws and with two BLAS threads per edition (the
# other thread count than `make html`, so other rounding): every conclusion of the book
# must still hold (the cells that guard the prose would fail otherwise).
PERTURBED_SEED_BASE ?= 2026
html-perturbed: $(STAMP)
	BOOK_SEED_BASE=$(PERTURBED_SEED_BASE) $(MAKE) --no-print-directory runs
	$(MAKE) --no-print-directory -j2 -Oline $(EDITIONS:%=perturbed-%)

perturbed-%: $(STAMP)
	@echo "== building the '$*' edition with BOOK_SEED_BASE=$(PERTURBED_SEED_BASE), two BLAS threads"
	BOOK_SEED_BASE=$(PERTURBED_SEED_BASE) OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 \
	$(SPHINX) -b html -c . -t $* -d $(BUILD)/perturbed/doctrees/$* $(SPHINXOPTS) \
	  book/$* $(BUILD)/perturbed/$* 2>&1 | sed -u 's/^/[$*] /'

# One chapter (plus index, preface, glossary, bibliography), both editions, with its own
# jupyter cache so that it never collides with another build running at the same time.
html-one: $(STAMP)
	@test -n "$(DOC)" || { echo "usage: make html-one DOC=<docname>, e.g. DOC=ch05_backpropagation" >&2; exit 2; }
	@for lang in $(EDITIONS); do \
	  echo "== building '$(DOC)' in the '$$lang' edition"; \
	  BOOK_ONLY=$(DOC) BOOK_CACHE_DIR=$(BUILD)/one/$(DOC)/.jupyter_cache \
	  $(SPHINX) -b html -c . -t $$lang -d $(BUILD)/one/$(DOC)/doctrees/$$lang $(SPHINXOPTS) \
	    book/$$lang $(BUILD)/one/$(DOC)/$$lang; \
	done
	cp book/_templates/choose_language.html $(BUILD)/one/$(DOC)/index.html
	@echo "The chapter: $(BUILD)/one/$(DOC)/en/$(DOC).html and $(BUILD)/one/$(DOC)/zh/$(DOC).html"

# The PDF of each edition, without TeX: Sphinx's one-page HTML of the edition, built from
# the doctrees and notebook cache of `make html` (nothing is executed again), printed by
# headless Chromium (book/tools/make_pdf.py); copied to _build/html/pdf/. Then the HTML
# pages are written again (-a: nothing is read or executed), so that the sidebar of
# every page links to its edition's PDF (a build without the PDFs has no link).
PDFS := $(EDITIONS:%=$(BUILD)/pdf/how-neural-networks-learn-%.pdf)
pdf: runs
	$(MAKE) --no-print-directory -j2 -O $(EDITIONS:%=pdf-%)
	@echo "The PDFs: $(PDFS)"

pdf-%: $(STAMP)
	@echo "== the '$*' edition on one page, printed to PDF"
	$(SPHINX) -b singlehtml -c . -t $* -d $(BUILD)/doctrees/$* $(SPHINXOPTS) \
	  book/$* $(BUILD)/singlehtml/$*
	$(BIN)/python book/tools/make_pdf.py $* $(BUILD)/singlehtml/$*/index.html \
	  $(BUILD)/pdf/how-neural-networks-learn-$*.pdf
	mkdir -p $(BUILD)/html/pdf
	cp $(BUILD)/pdf/how-neural-networks-learn-$*.pdf $(BUILD)/html/pdf/
	$(SPHINX) -b html -a -q -c . -t $* -d $(BUILD)/doctrees/$* $(SPHINXOPTS) \
	  book/$* $(BUILD)/html/$*

# Internal links only: conf.py ignores every http(s) URL (CI has no internet).
linkcheck: $(STAMP)
	@for lang in $(EDITIONS); do \
	  echo "== linkcheck of the '$$lang' edition"; \
	  $(SPHINX) -b linkcheck -c . -t $$lang -d $(BUILD)/doctrees/$$lang $(SPHINXOPTS) \
	    book/$$lang $(BUILD)/linkcheck/$$lang; \
	done

# --------------------------------------------------------------------- tests
test: $(STAMP)
	$(BIN)/python -m pytest

# Two workers (pytest-xdist), each with its own Chromium: a page's checks keep one core
# busy (layout, MathJax, axe), so two run side by side in about half the time.
BROWSER_WORKERS ?= 2
test-browser: $(STAMP)
	BOOK_BROWSER_REQUIRED=1 $(BIN)/python -m pytest -n $(BROWSER_WORKERS) \
	  -m "browser or lab" tests/test_browser.py \
	  tests/test_notebooks.py \
	  tests/test_editions.py tests/test_pdf.py

bench: $(STAMP)
	$(BIN)/python bench/benchmark.py

# JUPYTER_TOKEN is honoured (jupyter_server reads it); no browser is opened.
LAB_PORT ?= 8888
lab: $(LAB_STAMP)
	@echo "JupyterLab: http://localhost:$(LAB_PORT)/lab/tree/book (open a chapter: book/en or book/zh)"
	$(BIN)/jupyter lab --no-browser --port=$(LAB_PORT) --ServerApp.port_retries=0 \
	  --ServerApp.root_dir=$(CURDIR) $(if $(filter 0,$(shell id -u)),--allow-root)

# --------------------------------------------------------------------- clean
clean:
	rm -rf $(BUILD)

distclean: clean
	rm -rf $(VENV)
