"""The run registry: every MNIST configuration that a chapter or the appendix reports,
declared once, as data. A ``Run`` holds the arguments of ``nn.runs.train_mnist`` but the
seed, and how many seeds; its fields are its cache key (with the seed and the code of
nn/). Chapters read ``RUNS[name].epochs``, ``.eta``, ``.seeds``...

R1-R12 are the appendix's rows (Nielsen's runs); ``chNN-...`` the runs of chapter NN.
Most of Nielsen's chapters 1-3 draw the weights from N(0, 1) (his
``large_weight_initializer``, ``init="large"``); the default here is nn's, N(0, 1/n_in).
A run records after each epoch (``monitor``) what the chapters read of it, no more: the
evaluation of 50,000 training images after every epoch costs about a third of a run.
"""
from dataclasses import dataclass, fields

import nn
from nn.network import MONITORS

from .seeds import rng


@dataclass(frozen=True)
class Run:
    """One configuration, trained once per seed (the book's first ``seeds`` seeds)."""
    sizes: tuple
    cost: str
    epochs: int
    eta: float
    seeds: int = 5
    mini_batch_size: int = 10
    lmbda: float = 0.0
    penalty: str = "l2"
    init: str = "scaled"
    n_train: int | None = None
    evaluation: str = "test"
    activation: str = "sigmoid"
    mu: float = 0.0
    dropout: float = 0.0
    expand: str | None = None
    monitor: tuple = MONITORS
    patience: int | None = None
    halvings: int = 0
    dtype: str = "float32"

    def arguments(self, seed):
        """The arguments of ``nn.runs.train_mnist`` for one seed (a checked dict)."""
        kwargs = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "seeds"}
        return nn.runs.run_arguments(**kwargs, seed=seed)


def _more_data(n):
    """Nielsen's more-data curve (his fig/more_data.py): the first n images, 1,500,000 / n
    epochs, lambda = 1e-4 n, weights from N(0, 1), the final network's validation
    accuracy only."""
    return Run((784, 30, 10), "cross-entropy", 1_500_000 // n, 0.5, init="large",
               lmbda=round(1e-4 * n, 6), n_train=n, evaluation="validation", monitor=())


def _cheap(eta, **options):
    """Chapter 10's cheap runs: the first 10,000 images (lambda = 1 has the lambda / n of
    lambda = 5 on 50,000), 3 seeds, validation."""
    return Run((784, 30, 10), "cross-entropy", options.pop("epochs", 5), eta, seeds=3,
               n_train=10000, evaluation="validation", **options)


def _r11_with(epochs=30, **options):
    """R11's setup (lambda = 5, N(0, 1/n_in), validation), three seeds, for chapter 11."""
    return Run((784, 30, 10), "cross-entropy", epochs, options.pop("eta", 0.1), seeds=3,
               lmbda=5.0, evaluation="validation", **options)


MORE_DATA_SIZES = (100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000)
CH10_THRESHOLD_ETAS = (0.125, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
CH10_LAMBDAS = (0.0, 0.1, 1.0, 10.0, 100.0)
#: Grid and random search over (eta, lambda) in [0.01, 10] x [0.01, 10], 9 trials each,
#: 3 epochs per trial. The random trials are log-uniform draws from rng(10), so they
#: change with BOOK_SEED_BASE; 3 significant digits keep the run names readable.
CH10_GRID = tuple((eta, lmbda) for eta in (0.03, 0.3, 3.0) for lmbda in (0.03, 0.3, 3.0))
CH10_RANDOM = tuple(tuple(float(f"{10 ** x:.3g}") for x in pair)
                    for pair in rng(10).uniform(-2, 1, size=(9, 2)))
CH11_ACTIVATIONS = ("sigmoid", "tanh", "relu")
CH11_SWEEP_ETAS = (0.01, 0.03, 0.1, 0.3)
_CH09_MONITOR = ("training_accuracy", "evaluation_accuracy")
_ACCURACY = ("evaluation_accuracy",)

#: Every MNIST configuration the book reports, by name.
RUNS = {
    # chapter 4: Nielsen's chapter 1 (quadratic cost, w ~ N(0, 1))
    "R1": Run((784, 30, 10), "quadratic", 30, 3.0, init="large"),
    "R2": Run((784, 100, 10), "quadratic", 30, 3.0, init="large", seeds=10,
              monitor=_ACCURACY),
    "ch04-no-hidden": Run((784, 10), "quadratic", 30, 3.0, init="large"),
    "ch04-eta-small": Run((784, 30, 10), "quadratic", 5, 0.001, init="large"),
    "ch04-eta-large": Run((784, 30, 10), "quadratic", 5, 100.0, init="large"),
    # chapters 6 and 7: cross-entropy, log-likelihood
    "R3": Run((784, 30, 10), "cross-entropy", 30, 0.5, init="large"),
    "R4": Run((784, 100, 10), "cross-entropy", 30, 0.5, init="large",
              monitor=_ACCURACY),
    "R5": Run((784, 30, 10), "log-likelihood", 30, 0.5, init="large"),
    # the appendix: R3 in double precision (every run is float32 unless it says so)
    "R3-float64": Run((784, 30, 10), "cross-entropy", 30, 0.5, init="large",
                      monitor=_ACCURACY, dtype="float64"),
    # chapter 8: overfitting and regularization; the 1,000-image runs in float64, since
    # the chapter checks their dead-pixel weights to the last digits
    "R6": Run((784, 30, 10), "cross-entropy", 400, 0.5, init="large", n_train=1000,
              dtype="float64"),
    "R6-validation": Run((784, 30, 10), "cross-entropy", 400, 0.5, init="large",
                         n_train=1000, evaluation="validation", dtype="float64"),
    "R7": Run((784, 30, 10), "cross-entropy", 400, 0.5, init="large", lmbda=0.1,
              n_train=1000, dtype="float64"),
    "R8": Run((784, 30, 10), "cross-entropy", 30, 0.5, init="large", lmbda=5.0),
    "R9": Run((784, 100, 10), "cross-entropy", 60, 0.1, init="large", lmbda=5.0,
              evaluation="validation"),
    "R10": Run((784, 30, 10), "cross-entropy", 30, 0.1, init="large", lmbda=5.0,
               evaluation="validation", monitor=_ACCURACY),
    "R11": Run((784, 30, 10), "cross-entropy", 30, 0.1, lmbda=5.0,
               evaluation="validation"),
    "R12": Run((784, 30, 10), "cross-entropy", 400, 0.5, init="large", lmbda=0.1,
               penalty="l1", n_train=1000, dtype="float64"),
    # chapter 9: more training data; R6's 1,000 images with their shifted (and rotated)
    # copies for R6's number of updates (40,000): 80 epochs of 5,000 images, 57 of
    # 7,000; dropout (rate 0.2) on R6's 1,000 images and on R3's 50,000 (the runs
    # compared with R6 in its precision, float64)
    **{f"ch09-more-data-{n}": _more_data(n) for n in MORE_DATA_SIZES},
    "ch09-shifts": Run((784, 30, 10), "cross-entropy", 80, 0.5, init="large",
                       n_train=1000, expand="shifts", monitor=_ACCURACY,
                       dtype="float64"),
    "ch09-shifts-rotations": Run((784, 30, 10), "cross-entropy", 57, 0.5, init="large",
                                 n_train=1000, expand="shifts+rotations",
                                 monitor=_ACCURACY, dtype="float64"),
    # ... and with the rotated copies turned by +-45 or +-90 degrees instead of +-10
    **{f"ch09-turns-{angle}": Run((784, 30, 10), "cross-entropy", 57, 0.5, init="large",
                                  n_train=1000, expand=f"shifts+rotations{angle}",
                                  monitor=_ACCURACY, dtype="float64")
       for angle in (45, 90)},
    "ch09-dropout-small": Run((784, 30, 10), "cross-entropy", 400, 0.5, init="large",
                              n_train=1000, dropout=0.2, monitor=_CH09_MONITOR,
                              dtype="float64"),
    "ch09-dropout-full": Run((784, 30, 10), "cross-entropy", 30, 0.5, init="large",
                             seeds=3, dropout=0.2, monitor=_CH09_MONITOR),
    # chapter 10: R11's setup at three learning rates (Nielsen's fig/multiple_eta.py);
    # the threshold eta (5 epochs, no regularization, on a grid of factors of 2); a
    # constant eta, early stopping (no improvement in 10 epochs) and the halving
    # schedule down to eta / 128 (epochs is then the most epochs); lambda by factors of
    # 10; grid and random search
    **{f"ch10-eta-{eta}": Run((784, 30, 10), "cross-entropy", 30, eta, lmbda=5.0,
                              evaluation="validation", monitor=("training_cost",))
       for eta in (0.025, 0.25, 2.5)},
    **{f"ch10-threshold-{eta}": _cheap(eta, monitor=("training_cost",))
       for eta in CH10_THRESHOLD_ETAS},
    "ch10-constant": _cheap(0.5, epochs=60, lmbda=1.0, monitor=_ACCURACY),
    "ch10-early-stop": _cheap(0.5, epochs=60, lmbda=1.0, patience=10, halvings=0),
    "ch10-halving": _cheap(0.5, epochs=250, lmbda=1.0, patience=10, halvings=7),
    **{f"ch10-lambda-{lmbda}": _cheap(0.5, epochs=15, lmbda=lmbda, monitor=())
       for lmbda in CH10_LAMBDAS},
    **{f"ch10-{search}-{k}": _cheap(eta, epochs=3, lmbda=lmbda, monitor=())
       for search, trials in (("grid", CH10_GRID), ("random", CH10_RANDOM))
       for k, (eta, lmbda) in enumerate(trials, start=1)},
    # chapter 11: momentum, and without momentum at the rate eta / (1 - mu) that
    # momentum approaches for small steps; a cheap learning-rate sweep per hidden
    # activation (the first 10,000 images, lambda = 1); R11's setup with each
    # activation at the rate the sweep favours (R11 itself is the sigmoid at 0.1)
    "ch11-momentum": _r11_with(mu=0.5, monitor=("training_cost", "evaluation_accuracy")),
    "ch11-eta-0.2": _r11_with(eta=0.2, monitor=("training_cost", "evaluation_accuracy")),
    **{f"ch11-sweep-{act}-{eta}": _cheap(eta, lmbda=1.0, activation=act,
                                         monitor=_ACCURACY)
       for act in CH11_ACTIVATIONS for eta in CH11_SWEEP_ETAS},
    "ch11-sigmoid-0.3": _r11_with(eta=0.3, monitor=_ACCURACY),
    "ch11-tanh": _r11_with(activation="tanh", monitor=_ACCURACY),
    "ch11-relu": _r11_with(activation="relu", monitor=_ACCURACY),
    # chapter 13: R11's setup with 2, 3 and 4 hidden layers of 30 sigmoid neurons
    # (Nielsen's chapter 5), the validation accuracy per epoch
    **{f"ch13-depth-{depth}": Run((784,) + (30,) * depth + (10,), "cross-entropy", 30,
                                  0.1, lmbda=5.0, evaluation="validation",
                                  monitor=_ACCURACY)
       for depth in (2, 3, 4)},
}
