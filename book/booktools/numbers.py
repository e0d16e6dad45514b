"""Numbers for the prose: summaries over seeds (the median and the range), numbers as
the reader sees them, and the words drawn from them. A sentence that compares numbers
computes its gap or bound from the values as displayed (``shown``, ``gap``,
``at_most``), never from unrounded values."""
import numpy as np

from powers_of_ten import times_ten  # noqa: F401 (one formatter, book/extensions)

from .language import pick


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


def as_shown(values, spec=".2f"):
    """Values (one per seed) as the reader sees them, an array rounded to ``spec``:
    differences between runs, seed by seed, are taken from these."""
    return np.array([shown(v, spec) for v in values])


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
    if not ((float(text) >= x) if up else (float(text) <= x)):
        raise AssertionError(f"{text} does not bound {x!r}")
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


def within_seeds(points, seed_curves):
    """How many of ``points`` (one per epoch) lie within the range of our seeds at the
    same epoch: ``seed_curves`` is (seeds, epochs), as ``curves`` gives it."""
    points, seed_curves = np.asarray(points), np.asarray(seed_curves)
    return int(np.sum((points >= seed_curves.min(axis=0))
                      & (points <= seed_curves.max(axis=0))))


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


def tiny(x):
    """A rounding-size number for the prose, to one significant digit: "0" when it is
    exactly zero, "0.003" down to 0.001, below that a power of ten, "2 × 10⁻¹⁶"."""
    if x == 0:
        return "0"
    return f"{x:.1g}" if abs(x) >= 1e-3 else times_ten(f"{x:.0e}")


def signed(x, spec=".2f"):
    """A difference for the prose, with a real minus sign and no plus sign."""
    text = format(x, spec)
    return "\u2212" + text[1:] if text.startswith("-") else text
