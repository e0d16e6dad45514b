"""Cached MNIST training runs: the runs the book reports.

A run is fully determined by its arguments (the seed fixes the initial weights and the
shuffling) and by the code in nn/. Its history and final network are stored as JSON in
the folder NN_RUNS_DIR (default: the per-user cache), under a key made of both, so the
appendix re-reads what the chapters trained, and changing nn/ retrains.

Runs are trained in float32 unless a run asks for float64 (``dtype``): faster for
these small matrices. The seeds of one configuration are trained together, as one
``nn.Ensemble``: each seed's run is the computation of
``Network(sizes, ..., seed=s, dtype=np.float32).SGD(...)``, bit for bit.
"""
import ast
import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import threading
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from tqdm import tqdm

from . import data, expand as expansion
import numpy as np

from .ensemble import Ensemble
from .network import MONITORS, Network, load
from .schedule import sgd_with_schedule

#: The data expansions a run can ask for (nn.expand), by name.
EXPANSIONS = {"shifts": dict(shifts=True),
              "shifts+rotations": dict(shifts=True, angles=expansion.ANGLES),
              **{f"shifts+rotations{angle}": dict(shifts=True, angles=(-angle, angle))
                 for angle in (45, 90)}}


@lru_cache(maxsize=None)
def source_hash():
    """SHA-256 over the code of every module of nn/. The code, not the text: each module
    is parsed and its docstrings dropped, so a comment, a docstring or a line break does
    not retrain."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
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
                init="scaled", n_train=None, evaluation="test", seed=0,
                activation="sigmoid", mu=0.0, dropout=0.0, expand=None,
                monitor=MONITORS, patience=None, halvings=0, dtype="float32"):
    """Train ``Network(sizes, cost, init, seed, activation=...)`` by SGD on the first
    n_train MNIST training images (all 50,000 if None), evaluated on the test or
    validation set. Returns ``(history, net)``; cached (see the module doc).

    expand: None, or a name of EXPANSIONS: the n_train images with their shifted (and
    rotated) copies (nn.expand). mu, dropout: as for Network.SGD. monitor: what SGD
    records every epoch (all four by default; () for none). patience, halvings: if
    patience is set, train with nn.schedule.sgd_with_schedule (evaluation must be
    "validation"; epochs is then the most epochs). Every history also has
    "final_evaluation_accuracy", the final network's accuracy on the evaluation set.
    dtype: "float32" (the default) or "float64", the network's.
    """
    args = run_arguments(sizes, cost, epochs, mini_batch_size, eta, lmbda, penalty,
                         init, n_train, evaluation, seed, activation, mu, dropout,
                         expand, monitor, patience, halvings, dtype)
    folder = _folder(args)
    if not folder.is_dir():
        _train_together([(args, folder)])
    return (json.loads((folder / "history.json").read_text())["history"],
            load(folder / "network.json"))


def _train_together(group):
    """Train the runs of ``group``, pairs (arguments, folder) whose arguments differ
    only in the seed, as one Ensemble (or one by one if they follow a schedule: each
    seed stops at its own epoch), and store each in its folder (named by the process
    that asked, so that an edit of nn/ meanwhile cannot misplace it). Returns group."""
    a = group[0][0]
    training, validation, test = data.load_mnist()
    X, y = training
    if a["n_train"] is not None:
        X, y = X[:a["n_train"]], y[:a["n_train"]]
    if a["expand"] is not None:
        X, y = expansion.expand((X, y), **EXPANSIONS[a["expand"]])
    evaluation_data = test if a["evaluation"] == "test" else validation
    options = dict(cost=a["cost"], init=a["init"], activation=a["activation"],
                   dtype=np.dtype(a["dtype"]))
    sgd = dict(lmbda=a["lmbda"], penalty=a["penalty"], mu=a["mu"], dropout=a["dropout"])
    if a["patience"] is None:
        ensemble = Ensemble(a["sizes"], [g["seed"] for g, _ in group], **options)
        histories = ensemble.SGD((X, y), a["epochs"], a["mini_batch_size"], a["eta"],
                                 evaluation_data=evaluation_data, monitor=a["monitor"],
                                 **sgd)
        nets = ensemble.networks
    else:
        nets = [Network(a["sizes"], seed=g["seed"], **options) for g, _ in group]
        histories = [sgd_with_schedule(net, (X, y), evaluation_data, a["epochs"],
                                       a["mini_batch_size"], a["eta"], a["patience"],
                                       a["halvings"], **sgd) for net in nets]
    for (args, folder), history, net in zip(group, histories, nets):
        history["final_evaluation_accuracy"] = (net.accuracy(evaluation_data)
                                                / len(evaluation_data[0]))
        _store(args, history, net, folder)
    return group


def _store(args, history, net, folder):
    """Write a run's history and network into its folder, atomically."""
    key = folder.name
    partial = folder.with_name(f"{key}.partial-{os.getpid()}")
    partial.mkdir(parents=True, exist_ok=True)
    net.save(partial / "network.json")
    (partial / "history.json").write_text(
        json.dumps({"arguments": args, "history": history}))
    try:
        partial.rename(folder)   # atomic: a reader finds the whole run or none of it
    except OSError:              # another build stored the same run first
        shutil.rmtree(partial)


def train_mnist_seeds(seeds, sizes, cost, epochs, mini_batch_size, eta, **kwargs):
    """``train_mnist`` once per seed: a list of ``(history, net)`` in seed order. The
    seeds not cached yet are trained together (``train_many``)."""
    args = [run_arguments(sizes, cost, epochs, mini_batch_size, eta, seed=int(s),
                          **kwargs) for s in seeds]
    train_many(args)
    return [train_mnist(**a) for a in args]


def train_many(runs, progress=False):
    """Train every run not cached yet of ``runs`` (dicts of train_mnist's arguments).

    The seeds of one configuration are trained together (one Ensemble); the
    configurations in parallel, one process per core (at most NN_RUN_WORKERS), each
    with one BLAS thread, the longest first so that no core idles at the end. With
    progress, a bar on stderr shows the share of the work done (runs weighted by their
    size), the runs done, the configuration last finished, the time spent and an
    estimate of the time left. Returns the number of runs trained."""
    missing = {_folder(a): a for a in runs if not _folder(a).is_dir()}
    groups = {}
    for folder, a in missing.items():
        groups.setdefault(_without_seed(a), []).append((a, folder))
    groups = sorted(groups.values(), key=lambda g: len(g) * _work(g[0][0]),
                    reverse=True)
    workers = min(len(groups), _workers())
    bar = _Progress(sum(len(g) * _work(g[0][0]) for g in groups), len(missing),
                    enabled=progress and bool(missing))
    with bar:
        if workers > 1:
            with _one_blas_thread(), ProcessPoolExecutor(
                    workers, mp_context=multiprocessing.get_context("spawn")) as pool:
                for done in as_completed([pool.submit(_train_together, g)
                                          for g in groups]):
                    bar.finished(done.result())
        else:
            for g in groups:
                bar.finished(_train_together(g))
    return len(missing)


class _Progress:
    """A tqdm bar over the work of the runs to train, redrawn every few seconds so that
    the elapsed time moves while a long configuration trains."""

    def __init__(self, total_work, n_runs, enabled):
        self.bar = tqdm(total=total_work, disable=not enabled, mininterval=1,
                        bar_format="{percentage:3.0f}% |{bar:20}| "
                                   "[{elapsed}<{remaining}] {desc}")
        self.n_runs, self.done = n_runs, 0
        self.stop = threading.Event()
        self.enabled = enabled
        self.bar.set_description_str(f"0/{n_runs} runs", refresh=False)

    def __enter__(self):
        if self.enabled:
            every = 2 if sys.stderr.isatty() else 30
            threading.Thread(target=self._redraw, args=(every,), daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.bar.close()

    def _redraw(self, every):
        while not self.stop.wait(every):
            self.bar.refresh()

    def finished(self, group):
        """Count a trained group: a list of (arguments, folder)."""
        self.done += len(group)
        args = group[0][0]
        seeds = ", ".join(str(a["seed"]) for a, _ in group)
        self.bar.set_description_str(
            f"{self.done}/{self.n_runs} runs; {describe(args, seed=False)}, "
            f"seed{'s' * (len(group) > 1)} {seeds}", refresh=False)
        self.bar.update(len(group) * _work(args))


def _without_seed(args):
    """What the runs of one configuration share: the arguments but the seed, as a key."""
    return json.dumps({k: v for k, v in args.items() if k != "seed"}, sort_keys=True)


def describe(args, seed=True):
    """A short name of a run: sizes, cost, epochs, eta (and the seed): what tells runs
    apart in a progress bar."""
    extra = "".join(f", {k}={args[k]}" for k in ("lmbda", "mu", "dropout", "expand")
                    if args.get(k))
    return (f"{args['sizes']} {args['cost']}, {args['epochs']} epochs, eta={args['eta']}"
            f"{extra}" + (f", seed {args['seed']}" if seed else ""))


def _work(args):
    """A rough measure of a run's duration: the examples trained on and a quarter of
    those evaluated after each epoch (one forward pass in a large batch), times the
    weights; twice that in float64."""
    n = args["n_train"] or 50_000
    if args["expand"]:
        n *= 5 + len(EXPANSIONS[args["expand"]].get("angles", ()))
    evaluated = sum(size for part, size in (("training", n), ("evaluation", 10_000))
                    if any(name.startswith(part) for name in args["monitor"]))
    sizes = args["sizes"]
    weights = sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))
    precision = 2 if args["dtype"] == "float64" else 1
    return args["epochs"] * (n + evaluated / 4) * weights * precision


def run_arguments(sizes, cost, epochs, mini_batch_size, eta, lmbda=0.0, penalty="l2",
               init="scaled", n_train=None, evaluation="test", seed=0,
               activation="sigmoid", mu=0.0, dropout=0.0, expand=None,
               monitor=MONITORS, patience=None, halvings=0, dtype="float32"):
    """The arguments of a run as a dict: what its cache key is made of."""
    if evaluation not in ("test", "validation"):
        raise ValueError(
            f"evaluation must be 'test' or 'validation', got {evaluation!r}")
    if expand is not None and expand not in EXPANSIONS:
        raise ValueError(f"expand must be None or one of {sorted(EXPANSIONS)}, "
                         f"got {expand!r}")
    if dtype not in ("float32", "float64"):
        raise ValueError(f"dtype must be 'float32' or 'float64', got {dtype!r}")
    if patience is not None and evaluation != "validation":
        raise ValueError("a schedule (patience) is driven by the validation data: "
                         "use evaluation='validation'")
    return dict(sizes=[int(n) for n in sizes], cost=cost, epochs=epochs,
                mini_batch_size=mini_batch_size, eta=eta, lmbda=lmbda, penalty=penalty,
                init=init, n_train=n_train, evaluation=evaluation, seed=int(seed),
                activation=activation, mu=mu, dropout=dropout, expand=expand,
                monitor=list(monitor), patience=patience, halvings=halvings, dtype=dtype)


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
