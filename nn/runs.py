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
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from tqdm import tqdm

from . import data, expand as expansion
from .network import MONITORS, Network, load
from .schedule import sgd_with_schedule

#: The data expansions a run can ask for (nn.expand), by name.
EXPANSIONS = {"shifts": dict(shifts=True),
              "shifts+rotations": dict(shifts=True, angles=expansion.ANGLES)}


@lru_cache(maxsize=None)
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
                init="scaled", n_train=None, evaluation="test", seed=0,
                activation="sigmoid", mu=0.0, dropout=0.0, expand=None,
                monitor=MONITORS, patience=None, halvings=0):
    """Train ``Network(sizes, cost, init, seed, activation=...)`` by SGD on the first
    n_train MNIST training images (all 50,000 if None), evaluated on the test or
    validation set. Returns ``(history, net)``; cached (see the module doc).

    expand: None, or a name of EXPANSIONS: the n_train images with their shifted (and
    rotated) copies (nn.expand). mu, dropout: as for Network.SGD. monitor: what SGD
    records every epoch (all four by default; () for none). patience, halvings: if
    patience is set, train with nn.schedule.sgd_with_schedule (evaluation must be
    "validation"; epochs is then the most epochs). Every history also has
    "final_evaluation_accuracy", the final network's accuracy on the evaluation set.
    """
    args = run_arguments(sizes, cost, epochs, mini_batch_size, eta, lmbda, penalty,
                         init, n_train, evaluation, seed, activation, mu, dropout,
                         expand, monitor, patience, halvings)
    folder = _folder(args)
    if folder.is_dir():
        return (json.loads((folder / "history.json").read_text())["history"],
                load(folder / "network.json"))
    key = folder.name

    training, validation, test = data.load_mnist()
    X, y = training
    if n_train is not None:
        X, y = X[:n_train], y[:n_train]
    if expand is not None:
        X, y = expansion.expand((X, y), **EXPANSIONS[expand])
    evaluation_data = test if evaluation == "test" else validation
    net = Network(sizes, cost=cost, init=init, seed=seed, activation=activation)
    sgd = dict(lmbda=lmbda, penalty=penalty, mu=mu, dropout=dropout)
    if patience is None:
        history = net.SGD((X, y), epochs, mini_batch_size, eta,
                          evaluation_data=evaluation_data, monitor=monitor, **sgd)
    else:
        history = sgd_with_schedule(net, (X, y), evaluation_data, epochs,
                                    mini_batch_size, eta, patience, halvings, **sgd)
    history["final_evaluation_accuracy"] = (net.accuracy(evaluation_data)
                                            / len(evaluation_data[0]))
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
    args = [run_arguments(sizes, cost, epochs, mini_batch_size, eta, seed=int(s),
                          **kwargs) for s in seeds]
    train_many(args)
    return [train_mnist(**a) for a in args]


def train_many(runs, progress=False):
    """Train every run not cached yet of ``runs`` (dicts of train_mnist's arguments):
    in parallel, one process per core (at most NN_RUN_WORKERS), each with one BLAS
    thread, the longest runs first so that no core idles at the end. With progress, a
    bar on stderr shows the runs done, the last one finished, the time spent and an
    estimate of the time left. Returns the number of runs trained."""
    missing = {_folder(a): a for a in runs if not _folder(a).is_dir()}
    missing = sorted(missing.values(), key=_work, reverse=True)
    workers = min(len(missing), _workers())
    bar = tqdm(total=len(missing), unit="run", disable=not progress or not missing,
               bar_format="{l_bar}{bar:20}| {n}/{total} runs [{elapsed}<{remaining}]"
                          " {postfix}", mininterval=1)
    with bar:
        if workers > 1:
            with _one_blas_thread(), ProcessPoolExecutor(
                    workers, mp_context=multiprocessing.get_context("spawn")) as pool:
                for done in as_completed([pool.submit(_train, a) for a in missing]):
                    bar.set_postfix_str(describe(done.result()), refresh=False)
                    bar.update()
        else:
            for a in missing:
                bar.set_postfix_str(describe(_train(a)), refresh=False)
                bar.update()
    return len(missing)


def describe(args):
    """A short name of a run: sizes, cost, epochs, eta and seed (what tells runs apart
    in a progress bar)."""
    extra = "".join(f", {k}={args[k]}" for k in ("lmbda", "mu", "dropout", "expand")
                    if args.get(k))
    return (f"{args['sizes']} {args['cost']}, {args['epochs']} epochs, eta={args['eta']}"
            f"{extra}, seed {args['seed']}")


def _work(args):
    """A rough measure of a run's duration: examples seen times weights."""
    n = args["n_train"] or 50_000
    if args["expand"]:
        n *= 5 + len(EXPANSIONS[args["expand"]].get("angles", ()))
    sizes = args["sizes"]
    return args["epochs"] * n * sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))


def _train(args):
    """Train one run in a worker process (a module-level function, so it can be
    pickled); returns its arguments."""
    train_mnist(**args)
    return args


def run_arguments(sizes, cost, epochs, mini_batch_size, eta, lmbda=0.0, penalty="l2",
               init="scaled", n_train=None, evaluation="test", seed=0,
               activation="sigmoid", mu=0.0, dropout=0.0, expand=None,
               monitor=MONITORS, patience=None, halvings=0):
    """The arguments of a run as a dict: what its cache key is made of."""
    if evaluation not in ("test", "validation"):
        raise ValueError(
            f"evaluation must be 'test' or 'validation', got {evaluation!r}")
    if expand is not None and expand not in EXPANSIONS:
        raise ValueError(f"expand must be None or one of {sorted(EXPANSIONS)}, "
                         f"got {expand!r}")
    if patience is not None and evaluation != "validation":
        raise ValueError("a schedule (patience) is driven by the validation data: "
                         "use evaluation='validation'")
    return dict(sizes=[int(n) for n in sizes], cost=cost, epochs=epochs,
                mini_batch_size=mini_batch_size, eta=eta, lmbda=lmbda, penalty=penalty,
                init=init, n_train=n_train, evaluation=evaluation, seed=int(seed),
                activation=activation, mu=mu, dropout=dropout, expand=expand,
                monitor=list(monitor), patience=patience, halvings=halvings)


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
