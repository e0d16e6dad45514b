"""Cached MNIST training runs: the runs the book reports.

A run is fully determined by its arguments (the seed fixes the initial weights and the
shuffling) and by the code in nn/. Its history and final network are stored as JSON in
the folder NN_RUNS_DIR (default: the per-user cache), under a key made of both, so the
appendix re-reads what the chapters trained, and changing nn/ retrains.
"""
import hashlib
import inspect
import json
import os
import shutil
from pathlib import Path

from . import data
from .network import MONITORS, Network, load


def source_hash():
    """SHA-256 over the source of every module of nn/ that a run depends on (all but the
    figure style of plotting.py)."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        if path.name != "plotting.py":
            h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()


def runs_dir():
    env = os.environ.get("NN_RUNS_DIR")
    return Path(env) if env else data.cache_dir().parent / "runs"


def train_mnist(sizes, cost, epochs, mini_batch_size, eta, lmbda=0.0, penalty="l2",
                init="scaled", n_train=None, evaluation="test", seed=0):
    """Train ``Network(sizes, cost, init, seed)`` by SGD on the first n_train MNIST training
    images (all 50,000 if None), monitoring training and evaluation cost and accuracy on
    the test or validation set. Returns ``(history, net)``; cached (see the module doc)."""
    if evaluation not in ("test", "validation"):
        raise ValueError(f"evaluation must be 'test' or 'validation', got {evaluation!r}")
    args = dict(zip(inspect.signature(train_mnist).parameters, (
        list(sizes), cost, epochs, mini_batch_size, eta, lmbda, penalty, init, n_train, evaluation, seed)))
    key = hashlib.sha256((json.dumps(args, sort_keys=True) + source_hash()).encode()).hexdigest()[:20]
    folder = runs_dir() / key
    if folder.is_dir():
        return json.loads((folder / "history.json").read_text())["history"], load(folder / "network.json")

    training, validation, test = data.load_mnist()
    X, y = training
    if n_train is not None:
        X, y = X[:n_train], y[:n_train]
    net = Network(sizes, cost=cost, init=init, seed=seed)
    history = net.SGD((X, y), epochs, mini_batch_size, eta, lmbda=lmbda, penalty=penalty,
                      evaluation_data=test if evaluation == "test" else validation, monitor=MONITORS)
    partial = folder.with_name(f"{key}.partial-{os.getpid()}")
    partial.mkdir(parents=True, exist_ok=True)
    net.save(partial / "network.json")
    (partial / "history.json").write_text(json.dumps({"arguments": args, "history": history}))
    try:
        partial.rename(folder)   # atomic: a reader finds the whole run or none of it
    except OSError:              # another build stored the same run first
        shutil.rmtree(partial)
    return history, net
