"""Cached MNIST training runs: the runs the book reports.

A run is fully determined by its arguments (the seed fixes the initial weights and the
shuffling) and by the code in nn/. Its history and final network are stored as JSON in
the folder NN_RUNS_DIR (default: the per-user cache), under a key made of both, so the
appendix re-reads what the chapters trained, and changing nn/ retrains.
"""
import ast
import hashlib
import json
import multiprocessing
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from . import data
from .network import MONITORS, Network, load


def source_hash():
    """SHA-256 over the code of every module of nn/ that a run depends on (all but the
    figure style of plotting.py). The code, not the text: each module is parsed and its
    docstrings dropped, so a comment, a docstring or a line break does not retrain."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        if path.name != "plotting.py":
            h.update(path.name.encode() + _code_of(path.read_text()).encode())
    return h.hexdigest()


def _code_of(source):
    """The syntax tree of a module without its docstrings, as text."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]
    return ast.dump(tree)


def runs_dir():
    env = os.environ.get("NN_RUNS_DIR")
    return Path(env) if env else data.cache_dir().parent / "runs"


def train_mnist(sizes, cost, epochs, mini_batch_size, eta, lmbda=0.0, penalty="l2",
                init="scaled", n_train=None, evaluation="test", seed=0):
    """Train ``Network(sizes, cost, init, seed)`` by SGD on the first n_train MNIST
    training images (all 50,000 if None), monitoring training and evaluation cost and
    accuracy on the test or validation set. Returns ``(history, net)``; cached (see the
    module doc)."""
    args = _arguments(sizes, cost, epochs, mini_batch_size, eta, lmbda, penalty, init,
                      n_train, evaluation, seed)
    folder = _folder(args)
    if folder.is_dir():
        return (json.loads((folder / "history.json").read_text())["history"],
                load(folder / "network.json"))
    key = folder.name

    training, validation, test = data.load_mnist()
    X, y = training
    if n_train is not None:
        X, y = X[:n_train], y[:n_train]
    net = Network(sizes, cost=cost, init=init, seed=seed)
    history = net.SGD(
        (X, y), epochs, mini_batch_size, eta, lmbda=lmbda, penalty=penalty,
        evaluation_data=test if evaluation == "test" else validation, monitor=MONITORS)
    partial = folder.with_name(f"{key}.partial-{os.getpid()}")
    partial.mkdir(parents=True, exist_ok=True)
    net.save(partial / "network.json")
    (partial / "history.json").write_text(
        json.dumps({"arguments": args, "history": history}))
    try:
        partial.rename(folder)   # atomic: a reader finds the whole run or none of it
    except OSError:              # another build stored the same run first
        shutil.rmtree(partial)
    return history, net


def train_mnist_seeds(seeds, sizes, cost, epochs, mini_batch_size, eta, **kwargs):
    """``train_mnist`` once per seed: a list of ``(history, net)`` in seed order.

    The runs not cached yet are trained in parallel, one process per core (at most
    NN_RUN_WORKERS if set), each process with one BLAS thread: for these small matrices
    that uses the cores better than one process with several threads."""
    seeds = [int(s) for s in seeds]
    args = [_arguments(sizes, cost, epochs, mini_batch_size, eta, seed=s, **kwargs)
            for s in seeds]
    missing = [a for a in args if not _folder(a).is_dir()]
    workers = min(len(missing), _workers())
    if workers > 1:
        with _one_blas_thread(), ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            list(pool.map(_train, missing))
    return [train_mnist(**a) for a in args]


def _train(args):
    """Train one run in a worker process (a module-level function, so it can be
    pickled)."""
    train_mnist(**args)


def _arguments(sizes, cost, epochs, mini_batch_size, eta, lmbda=0.0, penalty="l2",
               init="scaled", n_train=None, evaluation="test", seed=0):
    """The arguments of a run as a dict: what its cache key is made of."""
    if evaluation not in ("test", "validation"):
        raise ValueError(
            f"evaluation must be 'test' or 'validation', got {evaluation!r}")
    return dict(sizes=[int(n) for n in sizes], cost=cost, epochs=epochs,
                mini_batch_size=mini_batch_size, eta=eta, lmbda=lmbda, penalty=penalty,
                init=init, n_train=n_train, evaluation=evaluation, seed=int(seed))


def _folder(args):
    key = hashlib.sha256((json.dumps(args, sort_keys=True) + source_hash()).encode())
    return runs_dir() / key.hexdigest()[:20]


def _workers():
    env = os.environ.get("NN_RUN_WORKERS")
    if env:
        if not env.isdigit() or int(env) < 1:
            raise ValueError(f"NN_RUN_WORKERS must be a positive integer, got {env!r}")
        return int(env)
    return (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
            else os.cpu_count())


@contextmanager
def _one_blas_thread():
    """Processes started inside this block read one BLAS thread from their
    environment."""
    names = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update(dict.fromkeys(names, "1"))
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name)
            else:
                os.environ[name] = value
