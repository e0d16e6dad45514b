"""Training the registry's runs, describing them, and values computed once per build.

``train(name)`` trains a run of ``RUNS`` once per seed (``nn.runs``: cached, the seeds
of a run together, the runs in parallel) and returns ``(histories, nets)``;
``pretrain()`` trains them all (``make runs``). ``cached_value(s)`` and ``measured`` store
other results of the build, such as a fitted SVM or a timing, so that the two editions
show the same numbers and a second build does not compute them again.
"""
import fcntl
import hashlib
import json
import os
import time
from pathlib import Path

import nn

from .language import term
from .registry import RUNS
from .seeds import seed_base, seeds

#: The MNIST runs of the repository's build (``make html`` trains them into _build/runs):
#: a notebook run in JupyterLab or from a downloaded .ipynb reuses them instead of
#: training again, unless NN_RUNS_DIR names another cache.
BUILD_RUNS = Path(__file__).resolve().parents[2] / "_build" / "runs"
if not os.environ.get("NN_RUNS_DIR") and BUILD_RUNS.is_dir():
    os.environ["NN_RUNS_DIR"] = str(BUILD_RUNS)


def train(name):
    """Train the run ``name`` of RUNS once per seed: ``(histories, nets)``, lists in the
    order of the seeds (``seeds(RUNS[name].seeds)``). The runs not cached yet are
    trained first, with a progress bar (off in the book's build:
    book/extensions/notebook_cache.py sets TQDM_DISABLE)."""
    run = RUNS[name]
    runs = [run.arguments(s) for s in seeds(run.seeds)]
    nn.runs.train_many(runs, progress=not os.environ.get("TQDM_DISABLE"))
    results = [nn.runs.train_mnist(**args) for args in runs]
    return [h for h, _ in results], [net for _, net in results]


def pretrain():
    """Train every run of RUNS that is not cached yet, all of them in one pool, both
    cores busy to the end (``make runs``, before the notebooks execute)."""
    runs = [run.arguments(s) for run in RUNS.values() for s in seeds(run.seeds)]
    start = time.monotonic()
    print(f"{len(runs)} runs of {len(RUNS)} configurations "
          f"(BOOK_SEED_BASE={seed_base()})", flush=True)
    trained = nn.runs.train_many(runs, progress=True)
    print(f"{trained} trained, {len(runs) - trained} cached, "
          f"in {time.monotonic() - start:.0f} s", flush=True)


def describe(name):
    """A one-line summary of the run ``name`` in the edition's language (its words from
    the terms catalog: run_* keys of book/terms/common.toml)."""
    run = RUNS[name]
    parts = [str(list(run.sizes)), term(f"run_cost_{run.cost}"), f"η = {run.eta}",
             f"m = {run.mini_batch_size}", term("run_epochs", n=f"{run.epochs:,}")]
    if run.lmbda:
        parts.append(f"λ = {run.lmbda}" + (term("run_l1") if run.penalty == "l1" else ""))
    parts.append(f"n = {run.n_train or 50000:,}")
    if run.expand:
        parts.append(term(f"run_expand_{run.expand}"))
    if run.activation != "sigmoid":
        parts.append(term("run_hidden", f=run.activation.replace("relu", "ReLU")))
    if run.mu:
        parts.append(f"μ = {run.mu}")
    if run.dropout:
        parts.append(term("run_dropout", p=run.dropout))
    parts.append("w ~ N(0, 1)" if run.init == "large" else "w ~ N(0, 1/nᵢₙ)")
    parts.append(run.dtype)
    parts.append(term(f"run_on_{run.evaluation}"))
    return term("run_separator").join(parts)


def cached_value(name, compute, key):
    """``compute()`` once per ``key`` (a dict of what determines the result): stored as
    JSON in nn.runs.runs_dir(), so that a deterministic computation that takes a while,
    such as fitting an SVM, is not redone by the next build, nor by the other edition
    of the same build (it waits for the first under a lock, then reads its result).
    Returns compute()'s value (JSON types)."""
    return _cached(name, compute, key, wait=True)


def cached_values(name, compute, keys):
    """``[compute(key) for key in keys]``, each value cached as by ``cached_value``.
    When the two editions of a build get here together they share the work: each
    first computes the keys that the other has not taken, then waits for the rest."""
    values = [_BUSY] * len(keys)
    for wait in (False, True):
        for i, key in enumerate(keys):
            if values[i] is _BUSY:
                values[i] = _cached(name, lambda: compute(key), key, wait)
    return values


_BUSY = object()   # what _cached returns for a value another process is computing


def _cached(name, compute, key, wait):
    text = json.dumps({"name": name, "key": key}, sort_keys=True)
    path = (nn.runs.runs_dir() / "values"
            / f"{name}-{hashlib.sha256(text.encode()).hexdigest()[:16]}.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        try:                                  # the other edition waits here, or not
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            return _BUSY
        if path.is_file():
            return json.loads(path.read_text())["value"]
        value = compute()
        partial = path.with_name(f"{path.name}.partial-{os.getpid()}")
        partial.write_text(json.dumps({"name": name, "key": key, "value": value}))
        partial.replace(path)        # atomic: a reader finds the whole value or none
        return value


def _code_hash(code):
    """A hash of what a function does (its bytecode, names and constants, nested
    functions included), not of where it was defined: the same cell in the two
    editions' kernels gives the same hash."""
    h = hashlib.sha256(code.co_code + repr(code.co_names).encode())
    for const in code.co_consts:
        h.update(_code_hash(const).encode() if hasattr(const, "co_code")
                 else repr(const).encode())
    return h.hexdigest()[:16]


def measured(name, compute):
    """A timing (or anything measured on this machine), measured once and shared by both
    editions: ``compute()`` runs in whichever edition gets here first, and the other
    edition reads its result (``cached_value``), so the two print the same numbers.
    Stored like ``cached_value``, keyed by ``name``, the code of ``compute`` and of nn/,
    the seed base and the number of BLAS threads (``make clean`` measures again).
    Returns compute()'s value (JSON types)."""
    key = {"nn": nn.runs.source_hash(), "code": _code_hash(compute.__code__),
           "seed_base": seed_base(),
           "threads": os.environ.get("OPENBLAS_NUM_THREADS", "")}
    return cached_value(name, compute, key)
