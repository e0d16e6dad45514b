"""Seeds. A training run is chaotic: the processor, the BLAS kernel and the number of
threads change its rounding, and training amplifies the difference, so a seed fixes a
result on one machine only. Every seed the book uses is ``seed(k) = BOOK_SEED_BASE + k``
(the environment variable, default 0, read at each call): ``BOOK_SEED_BASE=1000 make
html`` redoes every experiment with other random draws, and the prose must hold for them
too."""
import os

import numpy as np


def seed_base():
    """BOOK_SEED_BASE as an integer (0 when unset or empty)."""
    value = os.environ.get("BOOK_SEED_BASE", "0").strip() or "0"
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"BOOK_SEED_BASE must be an integer, got {value!r}") from None


def seed(k=0):
    """The book's k-th seed: BOOK_SEED_BASE + k."""
    return seed_base() + k


def seeds(n):
    """The book's first n seeds."""
    return [seed(k) for k in range(n)]


def rng(k=0):
    """A numpy generator seeded with the book's k-th seed."""
    return np.random.default_rng(seed(k))
