"""What the book's notebooks need and a reader of `nn` does not, imported as
``import booktools as bt``. One concern per module:

    seeds      seed(k) = BOOK_SEED_BASE + k, seeds(n), rng(k)
    language   the edition (BOOK_EDITION), the terms catalog: term(key), pick(en, zh),
               check_language
    registry   Run and RUNS: every MNIST configuration the book reports, as data
    nielsen    Nielsen's published data the runs are compared with
    runs       train(name), pretrain(), describe(name), cached_value(s), measured
    numbers    Summary, span, shown, as_shown, gap, at_most, at_least, over_seeds, curves, last10,
               times_ten
    present    glue, glue_figure, show_table, check, plot_seeds
and the figure style of book/bookstyle.py (use_book_style, COLORS).

The edition and the seed base are read from the environment at each call, so a test
or a notebook can change them without reloading anything.
"""
import sys
from pathlib import Path

# The numpy-free modules shared with the book's Sphinx extensions (book/extensions: cjk).
sys.path.append(str(Path(__file__).resolve().parents[1] / "extensions"))

from bookstyle import COLORS, use_book_style  # noqa: E402

from .language import (ENGLISH_WORDS, TERMS, check_language, count_of,  # noqa: E402
                       edition, pick, term)
from .nielsen import (NIELSEN_MORE_DATA, NIELSEN_MORE_DATA_SVM,  # noqa: E402
                      NIELSEN_MULTIPLE_ETA)
from .numbers import (Summary, as_shown, at_least, at_most, curves, epoch_span,  # noqa: E402
                      gap,
                      last10, over_seeds, percent, shown, signed, span, tiny,
                      times_ten, within_seeds)
from .present import check, glue, glue_figure, plot_seeds, show_table  # noqa: E402
from .registry import (CH10_GRID, CH10_LAMBDAS, CH10_RANDOM,  # noqa: E402
                       CH10_THRESHOLD_ETAS, CH11_ACTIVATIONS, CH11_SWEEP_ETAS,
                       MORE_DATA_SIZES, RUNS, Run)
from .runs import (cached_value, cached_values, describe, measured,  # noqa: E402
                   pretrain, train)
from .seeds import rng, seed, seed_base, seeds  # noqa: E402
