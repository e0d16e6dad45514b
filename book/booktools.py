"""What the book's notebooks need and a reader of `nn` does not: seeds, the MNIST runs the
book reports, summaries over seeds, labels in the edition's language, and glue.

Seeds. A training run is chaotic: the processor, the BLAS kernel and the number of
threads change its rounding, and training amplifies the difference, so a seed fixes a
result on one machine only. Every seed the book uses is ``seed(k) = BOOK_SEED_BASE + k``
(the environment variable, default 0): ``BOOK_SEED_BASE=1000 make html`` redoes every
experiment with other random draws, and the prose must hold for them too.

Runs. ``RUNS`` names every MNIST configuration that a chapter or the appendix reports,
in one place; ``train(name)`` trains it once per seed (``nn.runs.train_mnist_seeds``,
cached, in parallel) and returns ``(histories, nets)``.

Editions. The notebooks of both editions have byte-identical code; ``pick(en, zh)``
chooses the text of the edition being built (``BOOK_EDITION``, set by conf.py), so that
figures, tables and printed lines are in one language.
"""
import hashlib
import json
import os
import re
import tomllib
from pathlib import Path

import numpy as np

import nn

# ---------------------------------------------------------------------------- seeds
def _seed_base():
    value = os.environ.get("BOOK_SEED_BASE", "0").strip() or "0"
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"BOOK_SEED_BASE must be an integer, got {value!r}") from None


SEED_BASE = _seed_base()

#: The MNIST runs of the repository's build (``make html`` trains them into _build/runs):
#: a notebook run in JupyterLab or from a downloaded .ipynb reuses them instead of
#: training again, unless NN_RUNS_DIR names another cache.
BUILD_RUNS = Path(__file__).resolve().parents[1] / "_build" / "runs"
if not os.environ.get("NN_RUNS_DIR") and BUILD_RUNS.is_dir():
    os.environ["NN_RUNS_DIR"] = str(BUILD_RUNS)


def seed(k=0):
    """The book's k-th seed: BOOK_SEED_BASE + k."""
    return SEED_BASE + k


def seeds(n):
    """The book's first n seeds."""
    return [seed(k) for k in range(n)]


def rng(k=0):
    """A numpy generator seeded with the book's k-th seed."""
    return np.random.default_rng(seed(k))


# ----------------------------------------------------------------------------- runs
def _run(sizes, cost, epochs, eta, seeds=5, **kwargs):
    kwargs.setdefault("init", "large")
    kwargs.setdefault("evaluation", "test")
    return dict(args=(sizes, cost, epochs, 10, eta), kwargs=kwargs, seeds=seeds)


#: Every MNIST configuration the book reports, by name: positional arguments of
#: nn.runs.train_mnist (sizes, cost, epochs, mini_batch_size, eta), keyword arguments,
#: and how many seeds. R1-R12 are the appendix's rows (Nielsen's runs).
RUNS = {
    # chapter 4: Nielsen's chapter 1 (quadratic cost, w ~ N(0, 1))
    "R1": _run([784, 30, 10], "quadratic", 30, 3.0),
    "R2": _run([784, 100, 10], "quadratic", 30, 3.0, seeds=10),
    "ch04-no-hidden": _run([784, 10], "quadratic", 30, 3.0),
    "ch04-eta-small": _run([784, 30, 10], "quadratic", 5, 0.001),
    "ch04-eta-large": _run([784, 30, 10], "quadratic", 5, 100.0),
    # chapters 6 and 7: cross-entropy, log-likelihood
    "R3": _run([784, 30, 10], "cross-entropy", 30, 0.5),
    "R4": _run([784, 100, 10], "cross-entropy", 30, 0.5),
    "R5": _run([784, 30, 10], "log-likelihood", 30, 0.5),
    # the appendix: R3 in double precision (every run is float32 unless it says so)
    "R3-float64": _run([784, 30, 10], "cross-entropy", 30, 0.5, dtype="float64"),
    # chapter 8: overfitting and regularization
    "R6": _run([784, 30, 10], "cross-entropy", 400, 0.5, n_train=1000),
    "R6-validation": _run([784, 30, 10], "cross-entropy", 400, 0.5, n_train=1000,
                          evaluation="validation"),
    "R7": _run([784, 30, 10], "cross-entropy", 400, 0.5, lmbda=0.1, n_train=1000),
    "R8": _run([784, 30, 10], "cross-entropy", 30, 0.5, lmbda=5.0),
    "R9": _run([784, 100, 10], "cross-entropy", 60, 0.1, lmbda=5.0, evaluation="validation"),
    "R10": _run([784, 30, 10], "cross-entropy", 30, 0.1, lmbda=5.0, evaluation="validation"),
    "R11": _run([784, 30, 10], "cross-entropy", 30, 0.1, lmbda=5.0, init="scaled",
                evaluation="validation"),
    "R12": _run([784, 30, 10], "cross-entropy", 400, 0.5, lmbda=0.1, penalty="l1",
                n_train=1000),
}

# ---- chapter 9: more training data, and dropout
#: Nielsen's more-data curve (his fig/more_data.py): the first n images, 1,500,000 / n
#: epochs, lambda = 1e-4 n, weights from N(0, 1) (his large_weight_initializer), the
#: final network's validation accuracy only.
MORE_DATA_SIZES = (100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000)
for _n in MORE_DATA_SIZES:
    RUNS[f"ch09-more-data-{_n}"] = _run(
        [784, 30, 10], "cross-entropy", 1_500_000 // _n, 0.5,
        lmbda=round(1e-4 * _n, 6), n_train=_n, evaluation="validation", monitor=())
#: Nielsen's published data (fig/more_data.json, fig/more_data_svm.json of his
#: repository): validation accuracy (%) of his network and of scikit-learn's SVC with
#: its defaults of 2015, trained on the first n images.
NIELSEN_MORE_DATA = dict(zip(MORE_DATA_SIZES, (69.09, 76.37, 85.29, 88.85, 91.27, 93.24,
                                               94.89, 95.85, 95.97)))
NIELSEN_MORE_DATA_SVM = dict(zip(MORE_DATA_SIZES, (25.07, 48.93, 75.13, 83.87, 88.49,
                                                   91.46, 92.45, 93.47, 94.48)))
#: R6's 1,000 images with their shifted (and rotated) copies, for R6's number of
#: mini-batch updates (40,000): 80 epochs of 5,000 images, 57 epochs of 7,000.
#: Dropout (rate 0.2) on R6's 1,000 images and on R3's 50,000.
_CH09_MONITOR = ("training_accuracy", "evaluation_accuracy")
RUNS.update({
    "ch09-shifts": _run([784, 30, 10], "cross-entropy", 80, 0.5, n_train=1000,
                        expand="shifts", monitor=("evaluation_accuracy",)),
    "ch09-shifts-rotations": _run([784, 30, 10], "cross-entropy", 57, 0.5, n_train=1000,
                                  expand="shifts+rotations",
                                  monitor=("evaluation_accuracy",)),
    "ch09-dropout-small": _run([784, 30, 10], "cross-entropy", 400, 0.5, n_train=1000,
                               dropout=0.2, monitor=_CH09_MONITOR),
    "ch09-dropout-full": _run([784, 30, 10], "cross-entropy", 30, 0.5, seeds=3,
                              dropout=0.2, monitor=_CH09_MONITOR),
})


# ---- chapter 10: choosing hyper-parameters
#: Nielsen's published training costs (fig/multiple_eta.json of his repository) after
#: epochs 1 to 30 of [784, 30, 10], cross-entropy, lambda = 5, m = 10, per eta; rounded
#: to 3 digits. Chapter 10 draws them; the appendix compares epochs 1, 10 and 30.
NIELSEN_MULTIPLE_ETA = {
    0.025: [0.878, 0.674, 0.598, 0.555, 0.518, 0.494, 0.473, 0.461, 0.443, 0.431,
            0.423, 0.414, 0.406, 0.401, 0.392, 0.387, 0.381, 0.376, 0.373, 0.371,
            0.366, 0.363, 0.357, 0.355, 0.354, 0.350, 0.349, 0.346, 0.344, 0.339],
    0.25: [0.495, 0.406, 0.405, 0.372, 0.374, 0.372, 0.354, 0.356, 0.343, 0.343,
           0.337, 0.345, 0.335, 0.348, 0.349, 0.339, 0.328, 0.332, 0.331, 0.330,
           0.327, 0.326, 0.320, 0.334, 0.339, 0.325, 0.327, 0.325, 0.331, 0.339],
    2.5: [0.925, 0.839, 0.887, 0.796, 0.781, 1.137, 0.788, 0.768, 0.737, 0.801,
          0.744, 0.737, 0.802, 0.852, 0.799, 0.802, 0.806, 0.815, 0.825, 0.750,
          0.937, 0.882, 0.861, 0.725, 0.804, 0.840, 0.834, 0.883, 0.886, 0.861],
}
RUNS.update({
    f"ch10-eta-{_eta}": _run([784, 30, 10], "cross-entropy", 30, _eta,
                             lmbda=5.0, init="scaled", evaluation="validation",
                             monitor=("training_cost",))
    for _eta in (0.025, 0.25, 2.5)
})
#: Cheap runs: the first 10,000 images (lambda = 1 has the lambda / n of lambda = 5 on
#: 50,000), 3 seeds. The threshold eta: 5 epochs without regularization, the training
#: cost after each epoch, eta on a grid of factors of 2.
CH10_THRESHOLD_ETAS = (0.125, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
_CH10 = dict(seeds=3, n_train=10000, init="scaled", evaluation="validation")
for _eta in CH10_THRESHOLD_ETAS:
    RUNS[f"ch10-threshold-{_eta}"] = _run([784, 30, 10], "cross-entropy", 5, _eta,
                                          monitor=("training_cost",), **_CH10)
#: A constant eta, early stopping (no improvement in 10 epochs) and the halving
#: schedule down to eta / 128; epochs is the most epochs of the last two.
RUNS.update({
    "ch10-constant": _run([784, 30, 10], "cross-entropy", 60, 0.5, lmbda=1.0,
                          monitor=("evaluation_accuracy",), **_CH10),
    "ch10-early-stop": _run([784, 30, 10], "cross-entropy", 60, 0.5, lmbda=1.0,
                            patience=10, halvings=0, **_CH10),
    "ch10-halving": _run([784, 30, 10], "cross-entropy", 250, 0.5, lmbda=1.0,
                         patience=10, halvings=7, **_CH10),
})
#: lambda by factors of 10 at a fixed eta, judged by the final validation accuracy.
CH10_LAMBDAS = (0.0, 0.1, 1.0, 10.0, 100.0)
for _lmbda in CH10_LAMBDAS:
    RUNS[f"ch10-lambda-{_lmbda}"] = _run([784, 30, 10], "cross-entropy", 15, 0.5,
                                         lmbda=_lmbda, monitor=(), **_CH10)
#: Grid and random search over (eta, lambda) in [0.01, 10] x [0.01, 10], 9 trials each,
#: 3 epochs per trial. The random trials are log-uniform draws from rng(10), so they
#: change with BOOK_SEED_BASE; 3 significant digits keep the run names readable.
CH10_GRID = [(_eta, _lmbda) for _eta in (0.03, 0.3, 3.0) for _lmbda in (0.03, 0.3, 3.0)]
CH10_RANDOM = [tuple(float(f"{10 ** _x:.3g}") for _x in _pair)
               for _pair in rng(10).uniform(-2, 1, size=(9, 2))]
for _search, _trials in (("grid", CH10_GRID), ("random", CH10_RANDOM)):
    for _k, (_eta, _lmbda) in enumerate(_trials, start=1):
        RUNS[f"ch10-{_search}-{_k}"] = _run([784, 30, 10], "cross-entropy", 3, _eta,
                                            lmbda=_lmbda, monitor=(), **_CH10)

# ---- chapter 11: beyond plain SGD and the sigmoid
#: R11's setup (its mu = 0, eta = 0.1) with momentum, and without momentum at the rate
#: eta / (1 - mu) that momentum approaches for small steps.
_CH11 = dict(seeds=3, lmbda=5.0, init="scaled", evaluation="validation",
             monitor=("training_cost", "evaluation_accuracy"))
RUNS.update({
    "ch11-momentum": _run([784, 30, 10], "cross-entropy", 30, 0.1, mu=0.5, **_CH11),
    "ch11-eta-0.2": _run([784, 30, 10], "cross-entropy", 30, 0.2, **_CH11),
})
#: A cheap learning-rate sweep per hidden activation: 5 epochs on the first 10,000
#: images (lambda = 1: the same lambda / n as lambda = 5 on 50,000), three seeds.
CH11_ACTIVATIONS = ("sigmoid", "tanh", "relu")
CH11_SWEEP_ETAS = (0.01, 0.03, 0.1, 0.3)
for _act in CH11_ACTIVATIONS:
    for _eta in CH11_SWEEP_ETAS:
        RUNS[f"ch11-sweep-{_act}-{_eta}"] = _run(
            [784, 30, 10], "cross-entropy", 5, _eta, seeds=3, lmbda=1.0, n_train=10000,
            init="scaled", evaluation="validation", activation=_act,
            monitor=("evaluation_accuracy",))
#: R11's setup with each hidden activation at the rate the sweep favours (R11 itself is
#: the sigmoid at eta = 0.1).
_CH11_ACT = dict(_CH11, monitor=("evaluation_accuracy",))
RUNS.update({
    "ch11-sigmoid-0.3": _run([784, 30, 10], "cross-entropy", 30, 0.3, **_CH11_ACT),
    "ch11-tanh": _run([784, 30, 10], "cross-entropy", 30, 0.1, activation="tanh",
                      **_CH11_ACT),
    "ch11-relu": _run([784, 30, 10], "cross-entropy", 30, 0.1, activation="relu",
                      **_CH11_ACT),
})


def train(name):
    """Train the run ``name`` of RUNS once per seed: ``(histories, nets)``, lists in the
    order of the seeds (``seeds(RUNS[name]["seeds"])``). The runs not cached yet are
    trained in parallel, with a progress bar (off in the book's build: conf.py sets
    TQDM_DISABLE)."""
    run = RUNS[name]
    runs = [nn.runs.run_arguments(*run["args"], seed=s, **run["kwargs"])
            for s in seeds(run["seeds"])]
    nn.runs.train_many(runs, progress=not os.environ.get("TQDM_DISABLE"))
    results = [nn.runs.train_mnist(**args) for args in runs]
    return [h for h, _ in results], [net for _, net in results]


def pretrain():
    """Train every run of RUNS that is not cached yet, all seeds of all of them in one
    pool, both cores busy to the end (``make runs``, before the notebooks execute)."""
    runs = [nn.runs.run_arguments(*run["args"], seed=s, **run["kwargs"])
            for run in RUNS.values() for s in seeds(run["seeds"])]
    import time
    start = time.monotonic()
    print(f"{len(runs)} runs of {len(RUNS)} configurations (BOOK_SEED_BASE={SEED_BASE})",
          flush=True)
    trained = nn.runs.train_many(runs, progress=True)
    print(f"{trained} trained, {len(runs) - trained} cached, "
          f"in {time.monotonic() - start:.0f} s", flush=True)


def cached_value(name, compute, key):
    """``compute()`` once per ``key`` (a dict of what determines the result): stored as
    JSON in nn.runs.runs_dir(), so that a deterministic computation that takes a while,
    such as fitting an SVM, is not redone by the next build, nor by the other edition
    of the same build (it waits for the first under a lock, then reads its result).
    Returns compute()'s value (JSON types)."""
    import fcntl
    text = json.dumps({"name": name, "key": key}, sort_keys=True)
    path = (nn.runs.runs_dir() / "values"
            / f"{name}-{hashlib.sha256(text.encode()).hexdigest()[:16]}.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)         # the other edition waits here
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
           "seed_base": SEED_BASE, "threads": os.environ.get("OPENBLAS_NUM_THREADS", "")}
    return cached_value(name, compute, key)


def describe(name):
    """A one-line summary of the run ``name`` in the edition's language (its words from
    the terms catalog: run_* keys of book/terms/common.toml)."""
    run = RUNS[name]
    sizes, cost, epochs, batch, eta = run["args"]
    kw = run["kwargs"]
    parts = [str(sizes), term(f"run_cost_{cost}"), f"η = {eta}", f"m = {batch}",
             term("run_epochs", n=f"{epochs:,}")]
    if kw.get("lmbda"):
        parts.append(f"λ = {kw['lmbda']}" + (" (L1)" if kw.get("penalty") == "l1" else ""))
    parts.append(f"n = {kw.get('n_train') or 50000:,}")
    if kw.get("expand"):
        parts.append(term(f"run_expand_{kw['expand']}"))
    if kw.get("activation", "sigmoid") != "sigmoid":
        parts.append(term("run_hidden", f=kw["activation"].replace("relu", "ReLU")))
    if kw.get("mu"):
        parts.append(f"μ = {kw['mu']}")
    if kw.get("dropout"):
        parts.append(term("run_dropout", p=kw["dropout"]))
    parts.append("w ~ N(0, 1)" if kw["init"] == "large" else "w ~ N(0, 1/n_in)")
    parts.append(kw.get("dtype", "float32"))
    parts.append(term(f"run_on_{kw['evaluation']}"))
    return term("run_separator").join(parts)



# ------------------------------------------------------------------------ summaries
def percent(values):
    """Fractions in [0, 1] as a float array of percentages."""
    return 100 * np.asarray(values, dtype=float)


class Summary:
    """The median and the range (min-max) of one number over seeds."""

    def __init__(self, values):
        self.values = np.asarray(values, dtype=float)
        self.median = float(np.median(self.values))
        self.min = float(self.values.min())
        self.max = float(self.values.max())

    def __format__(self, spec):
        """``f"{s:.2f}"`` gives "95.12 (94.70–95.61)" in English, "95.12（94.70–95.61）"
        in Chinese: median (range), as ``span`` writes it."""
        return span(self, spec or ".2f", unit="")

    def __repr__(self):
        return f"Summary(median={self.median:.4g}, min={self.min:.4g}, max={self.max:.4g})"

    def shown(self, spec=".2f"):
        """The summary of the values as the reader sees them, rounded to ``spec``."""
        return Summary([shown(v, spec) for v in self.values])


def shown(x, spec=".2f"):
    """A number as the reader sees it when it is printed with ``spec``: compare and
    subtract these, never the unrounded values, when a sentence states a gap."""
    return float(format(x, spec))


def gap(a, b, spec=".2f"):
    """``a - b`` as the difference of the two numbers displayed with ``spec`` (and itself
    rounded to the same digits): what a reader computes from the page."""
    digits = len(format(0.0, spec).partition(".")[2])
    return round(shown(a, spec) - shown(b, spec), digits)


def span(values, spec=".2f", unit="%", sign=False):
    """The median and the range over seeds, the one way the book writes them:
    "82.96% (82.38–83.19)" in English, "82.96%（82.38–83.19）" in Chinese. When a bound
    is negative (or sign=True) the numbers carry their sign and the range is spelled
    out: "+0.16 (−0.06 to +0.38)", "+0.16（−0.06 至 +0.38）". values: a Summary or the
    values over seeds."""
    s = values if isinstance(values, Summary) else Summary(values)
    sign = sign or s.min < 0
    spec = "+" + spec.lstrip("+") if sign else spec
    med, lo, hi = (format(v, spec).replace("-", "\u2212")
                   for v in (s.median, s.min, s.max))
    if sign:
        return pick(f"{med}{unit} ({lo} to {hi})", f"{med}{unit}（{lo} 至 {hi}）")
    return pick(f"{med}{unit} ({lo}–{hi})", f"{med}{unit}（{lo}–{hi}）")


def at_most(x, spec=".2e"):
    """x written with ``spec`` as the text of an upper bound: rounded up when plain
    rounding would go down ("at most 4.54e-05" for 4.5398e-05)."""
    return _bound(x, spec, up=True)


def at_least(x, spec=".2e"):
    """x written with ``spec`` as the text of a lower bound: rounded down when plain
    rounding would go up ("at least 0.99988" for 0.999888)."""
    return _bound(x, spec, up=False)


def _bound(x, spec, up):
    text = format(x, spec)
    if (float(text) < x) if up else (float(text) > x):   # one unit of the last digit
        mantissa, _, exponent = text.partition("e")
        unit = 10.0 ** (int(exponent or 0) - len(mantissa.partition(".")[2]))
        text = format(float(text) + (unit if up else -unit), spec)
    check((float(text) >= x) if up else (float(text) <= x), f"{text} bounds {x!r}")
    return text


def epoch_span(values):
    """A range of epochs (or one epoch) over seeds: "15–24", or "15" if they agree."""
    lo, hi = int(min(values)), int(max(values))
    return f"{lo}" if lo == hi else f"{lo}–{hi}"


def curves(histories, key="evaluation_accuracy"):
    """One row per seed of a monitored quantity, in percent for accuracies:
    an array (seeds, epochs)."""
    scale = 100 if key.endswith("accuracy") else 1
    return scale * np.array([h[key] for h in histories], dtype=float)


def last10(histories, key="evaluation_accuracy"):
    """The mean of the last ten epochs, one value per seed (percent for accuracies)."""
    return curves(histories, key)[:, -10:].mean(axis=1)


def over_seeds(histories, key="evaluation_accuracy", stat="peak"):
    """A Summary over seeds of one number per history, in percent for accuracies:
    stat "peak" (best epoch), "final" (last epoch), "last10" (mean of the last ten
    epochs) or an int (that epoch, 1-based). A key holding one number per history
    (such as "final_evaluation_accuracy") is that number whatever the stat."""
    scale = 100 if key.endswith("accuracy") else 1
    values = []
    for h in histories:
        series = scale * np.atleast_1d(np.asarray(h[key], dtype=float))  # or one number
        if stat == "peak":
            values.append(series.max() if scale == 100 else series.min())
        elif stat == "final":
            values.append(series[-1])
        elif stat == "last10":
            values.append(series[-10:].mean())
        else:
            values.append(series[stat - 1])
    return Summary(values)


# ---------------------------------------------------------------------------- editions
def _edition():
    """The edition whose language the outputs use: BOOK_EDITION (conf.py sets it for the
    build; a downloaded notebook sets it in its first cell), else the folder the notebook
    runs in (JupyterLab runs book/zh/*.md in book/zh), else English."""
    value = os.environ.get("BOOK_EDITION") or ("zh" if Path.cwd().name == "zh" else "en")
    if value not in ("en", "zh"):
        raise ValueError(f"BOOK_EDITION must be 'en' or 'zh', got {value!r}")
    return value


EDITION = _edition()


def pick(en, zh):
    """The English or the Chinese text, for the edition being built."""
    return zh if EDITION == "zh" else en


def _load_terms(folder=Path(__file__).parent / "terms"):
    """The terms catalog: every ``*.toml`` of ``book/terms``, each entry
    ``key = ["English", "中文"]``; a key defined twice is an error."""
    terms, where = {}, {}
    for path in sorted(folder.glob("*.toml")):
        for key, value in tomllib.loads(path.read_text(encoding="utf-8")).items():
            if key in terms:
                raise ValueError(f"term {key!r} is defined in {where[key]} and {path.name}")
            if not (isinstance(value, list) and len(value) == 2
                    and all(isinstance(v, str) for v in value)):
                raise ValueError(f"term {key!r} in {path.name} must be [English, Chinese]")
            terms[key], where[key] = tuple(value), path.name
    return terms


#: Every text a code cell shows to readers, in both languages (book/terms/*.toml).
TERMS = _load_terms()


def term(key, /, **fields):
    """The text ``key`` of the terms catalog in the edition's language; ``fields`` fill
    a template: ``term("seeds_below", n=2)``."""
    if key not in TERMS:
        raise KeyError(f"no term {key!r} in book/terms/*.toml")
    text = pick(*TERMS[key])
    return text.format(**fields) if fields else text


# ------------------------------------------------------------------------- numbers
def tiny(x):
    """A rounding-size number for the prose: "0" when it is exactly zero, else "2e-16"."""
    if x == 0:
        return "0"
    mantissa, exponent = f"{x:.0e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def signed(x, spec=".2f"):
    """A difference for the prose, with a real minus sign and no plus sign."""
    return format(x, spec).replace("-", "\u2212")


def count_of(n, whole, verbs=("is", "are")):
    """A count of seeds or networks for English prose, its verb agreeing with it:
    count_of(0, "the seeds") -> "none of the seeds is", (1, ...) -> "1 of the seeds is",
    (3, "the seeds", ("reaches", "reach")) -> "3 of the seeds reach"."""
    singular, plural = verbs
    return f"{'none' if n == 0 else n} of {whole} {plural if n > 1 else singular}"


# ------------------------------------------------------------------------------- glue
def glue(**values):
    """Glue numbers or words for the prose, without displaying them here. numpy scalars
    become Python numbers, so that ``{glue:text}`name:.2f``` formats them."""
    from myst_nb import glue as _glue
    for name, value in values.items():
        _glue(name, value.item() if isinstance(value, np.generic) else value, display=False)


def glue_figure(name, fig):
    """Glue a matplotlib figure for a ``{glue:figure}`` and close it, after checking that
    its texts are in the edition's language (``check_language``)."""
    import matplotlib.pyplot as plt
    from matplotlib.text import Text
    from myst_nb import glue as _glue
    check_language([t.get_text() for t in fig.findobj(Text)], f"figure {name}")
    _glue(name, fig, display=False)
    plt.close(fig)


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
#: English words that a label of the Chinese edition must not contain (symbols, units,
#: code names and proper names such as MNIST or Nielsen are fine).
ENGLISH_WORDS = {
    "epoch", "epochs", "accuracy", "cost", "test", "training", "validation", "seed",
    "seeds", "median", "range", "error", "errors", "loss", "learning", "rate", "weight",
    "weights", "bias", "biases", "output", "outputs", "input", "inputs", "hidden",
    "neuron", "neurons", "digit", "digits", "image", "images", "step", "steps", "time",
    "batch", "size", "quadratic", "network", "mean", "value", "example", "examples", "the",
    "and", "of", "per", "with", "without", "final", "peak", "run", "runs", "layer",
    "configuration", "quantity", "this", "build", "better", "worse", "holds",
    "yes", "count", "number", "fraction", "probability", "target",
}


def check_language(texts, where="output"):
    """Stop the build if a text shown to readers is in the other edition's language: any
    Chinese character in the English edition, any common English word in the Chinese."""
    for text in texts:
        if EDITION == "en" and _CJK.search(text):
            raise AssertionError(f"{where}: Chinese in the English edition: {text!r}")
        if EDITION == "zh":
            words = set(re.findall(r"(?<![A-Za-z_\\.])[A-Za-z]+(?![A-Za-z_(])", text))
            english = {w for w in words if w.lower() in ENGLISH_WORDS}
            if english:
                raise AssertionError(f"{where}: English {sorted(english)} in the Chinese "
                                     f"edition: {text!r}")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|$~{}])")


def show_table(header, rows, caption, name):
    """Display a numbered table after checking its language (``check_language``).
    header: column titles; rows: lists of cells, each a string or a number; caption: in
    the edition's language; name: its label, for {numref}`name`. The table is MyST
    markdown (conf.py renders markdown outputs as MyST), so Sphinx numbers it with the
    tables of the prose ("Table 9.1", 「表 9.1」)."""
    from IPython.display import Markdown, display
    check_language([str(c) for c in [caption, *header, *(c for row in rows for c in row)]],
                   "table")

    def line(cells):
        escaped = (_MARKDOWN_SPECIAL.sub(r"\\\1", str(c)) for c in cells)
        return "| " + " | ".join(escaped) + " |"

    display(Markdown("\n".join([f":::{{table}} {caption}", f":name: {name}", "",
                                 line(header), line(["---"] * len(header)),
                                 *map(line, rows), ":::"])))


def check(condition, claim):
    """Guard a sentence of the prose: stop the build if ``claim`` is false here."""
    if not condition:
        raise AssertionError(f"the prose says: {claim}")


def plot_seeds(ax, histories, key="evaluation_accuracy", color=None, label=None):
    """Every seed as a thin line and the median over seeds as a bold line; epochs from 1."""
    scale = 100 if key.endswith("accuracy") else 1
    curves = scale * np.array([h[key] for h in histories], dtype=float)
    epochs = np.arange(1, curves.shape[1] + 1)
    line, = ax.plot(epochs, np.median(curves, axis=0), color=color, lw=2, label=label)
    for curve in curves:
        ax.plot(epochs, curve, color=line.get_color(), lw=0.6, alpha=0.35)
    return line


if __name__ == "__main__":
    pretrain()
