"""book/booktools: seeds shifted by BOOK_SEED_BASE, the run registry, summaries over
seeds, texts per edition, the guard of prose."""
import dataclasses
import re
from pathlib import Path

import numpy as np
import pytest

import booktools


@pytest.fixture
def reload(monkeypatch):
    """booktools under the environment a test sets: it reads BOOK_SEED_BASE and
    BOOK_EDITION at each call, so nothing is re-imported."""
    def load(**env):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return booktools
    return load


def test_every_seed_is_shifted_by_the_base(reload):
    bt = reload(BOOK_SEED_BASE="1000")
    assert bt.seed(3) == 1003 and bt.seeds(3) == [1000, 1001, 1002]
    assert bt.rng(2).integers(1 << 30) == np.random.default_rng(1002).integers(1 << 30)
    assert reload(BOOK_SEED_BASE="").seeds(2) == [0, 1]


def test_seed_base_must_be_an_integer(reload):
    with pytest.raises(ValueError, match="BOOK_SEED_BASE"):
        reload(BOOK_SEED_BASE="ten").seed(0)


def test_every_run_has_arguments_of_train_mnist():
    import inspect
    import nn
    params = inspect.signature(nn.runs.train_mnist).parameters
    for name, run in booktools.RUNS.items():
        fields = {f.name for f in dataclasses.fields(run)} - {"seeds"}
        assert fields <= set(params), name
        assert run.arguments(0)["seed"] == 0 and run.arguments(0)["epochs"] == run.epochs
        # the reproduction table (R1-R12 and Nielsen's Part III figures): at least 5
        table = name.startswith(("R", "ch09-more-data-", "ch10-eta-"))
        assert run.seeds >= (5 if table else 3), f"{name}: too few seeds"
    assert booktools.RUNS["R2"].seeds >= 10   # the rare stuck neurons
    with pytest.raises(dataclasses.FrozenInstanceError):
        booktools.RUNS["R1"].epochs = 3


def test_the_registry_is_data():
    """No loop variable of the registry is left in a namespace, and a run's cache key is
    made of its fields: two runs with the same fields are the same runs."""
    import booktools.registry as registry
    leftovers = [name for name, value in vars(registry).items()
                 if re.fullmatch(r"_?[a-z]{1,8}", name) and isinstance(value, (int, float, str, tuple))]
    assert not leftovers
    r1 = booktools.RUNS["R1"]
    assert dataclasses.replace(r1).arguments(3) == r1.arguments(3)
    assert dataclasses.replace(r1, eta=1.0).arguments(3) != r1.arguments(3)


def test_summary_over_seeds():
    histories = [{"evaluation_accuracy": [0.5, 0.9, 0.8], "training_cost": [3.0, 2.0, 1.0]},
                 {"evaluation_accuracy": [0.6, 0.7, 0.95], "training_cost": [2.0, 1.5, 0.5]},
                 {"evaluation_accuracy": [0.1, 0.2, 0.3], "training_cost": [5.0, 4.0, 3.0]}]
    peak = booktools.over_seeds(histories)
    assert (peak.median, peak.min, peak.max) == pytest.approx((90, 30, 95))
    assert f"{peak:.1f}" == "90.0 (30.0–95.0)"
    assert booktools.over_seeds(histories, stat="final").median == pytest.approx(80)
    assert booktools.over_seeds(histories, stat=1).max == pytest.approx(60)
    assert booktools.over_seeds(histories, "training_cost", "final").median == 1.0
    assert booktools.over_seeds(histories, "training_cost", "peak").min == 0.5  # lowest cost


def test_texts_of_the_edition(reload):
    assert reload(BOOK_EDITION="zh").pick("epoch", "轮") == "轮"
    bt = reload(BOOK_EDITION="en")
    assert bt.pick("epoch", "轮") == "epoch" and bt.term("epoch") == "epoch"
    with pytest.raises(ValueError, match="BOOK_EDITION"):
        reload(BOOK_EDITION="fr").term("epoch")


def test_language_check(reload):
    bt = reload(BOOK_EDITION="en")
    bt.check_language(["test accuracy (%)", "η = 3.0", "w ~ N(0, 1)"])
    with pytest.raises(AssertionError, match="Chinese in the English edition"):
        bt.check_language(["epoch / 轮"])
    bt = reload(BOOK_EDITION="zh")
    bt.check_language(["测试集准确率 (%)", "MNIST", "nn.Network", "Nielsen", "σ(z)", "R1"])
    with pytest.raises(AssertionError, match="English"):
        bt.check_language(["test accuracy (%)"])


def test_show_table_is_a_numbered_myst_table(reload, monkeypatch):
    """A table from a cell is a {table} directive with its caption and name, so Sphinx
    numbers it; a cell's markdown characters are escaped; the language is checked."""
    shown = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    bt = reload(BOOK_EDITION="en")
    bt.show_table(["run", "accuracy"], [["R1", "95.0 (94.5–95.2)"], ["a|b", "*x* $y$"]],
                  "Our runs.", "tab-test")
    lines = shown[0].data.splitlines()
    assert lines[:3] == [":::{table} Our runs.", ":name: tab-test", ""]
    assert lines[3:5] == ["| run | accuracy |", "| --- | --- |"]
    assert lines[5] == "| R1 | 95.0 (94.5–95.2) |"
    assert lines[6] == r"| a\|b | \*x\* \$y\$ |" and lines[-1] == ":::"
    with pytest.raises(AssertionError, match="Chinese in the English edition"):
        bt.show_table(["run"], [["R1"]], "我们的训练", "tab-test")


def test_check_names_the_claim():
    booktools.check(True, "fine")
    with pytest.raises(AssertionError, match="the prose says: softmax is lower"):
        booktools.check(False, "softmax is lower")


def test_numbers_for_the_prose():
    assert booktools.tiny(0.0) == "0" and booktools.tiny(2.2e-16) == "2 × 10⁻¹⁶"
    assert booktools.tiny(0.031) == "0.03" and booktools.tiny(-8.3e-6) == "−8 × 10⁻⁶"
    assert booktools.signed(-0.25) == "\u22120.25" and booktools.signed(1.5, ".1f") == "1.5"
    assert booktools.count_of(0, "the seeds") == "none of the seeds is"
    assert booktools.count_of(1, "our 5 seeds", ("has", "have")) == "1 of our 5 seeds has"
    assert booktools.count_of(3, "the ten", ("reaches", "reach")) == "3 of the ten reach"


def test_measured_is_shared_and_keyed_by_its_code(tmp_path, monkeypatch):
    """booktools.measured: the second call (the other edition) reads the first one's
    value; other measuring code measures again."""
    import booktools
    monkeypatch.setenv("NN_RUNS_DIR", str(tmp_path))
    calls = []

    def measure():
        calls.append(1)
        return {"seconds": len(calls)}

    assert booktools.measured("t", measure) == booktools.measured("t", measure)
    assert calls == [1]

    def measure():                                            # noqa: F811
        calls.append(2)
        return {"seconds": 10 * len(calls)}

    assert booktools.measured("t", measure) == {"seconds": 20}



def _slow_square(key, log):
    """A computation for cached_values: record who computed what, take a while."""
    import os
    import time
    with open(log, "a") as f:
        f.write(f"{os.getpid()} {key['x']}\n")
    time.sleep(0.2)
    return key["x"] ** 2


def _share(runs_dir, log, keys, out):
    import json
    import os
    os.environ["NN_RUNS_DIR"] = runs_dir
    values = booktools.cached_values("squares", lambda k: _slow_square(k, log), keys)
    Path(out).write_text(json.dumps(values))


def test_two_editions_share_the_work_of_cached_values(tmp_path, monkeypatch):
    """Two processes asking for the same values at the same time (the two editions):
    each value is computed once, by one of them, and both get all of them."""
    import json
    import multiprocessing
    keys = [{"x": x} for x in range(8)]
    log = tmp_path / "log"
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=_share, args=(str(tmp_path / "runs"), str(log),
                                                      keys, str(tmp_path / f"out{k}")))
                 for k in (0, 1)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(30)
        assert process.exitcode == 0
    computed = [line.split() for line in log.read_text().splitlines()]
    assert sorted(int(x) for _, x in computed) == list(range(8))     # each once
    assert len({pid for pid, _ in computed}) == 2                    # by both
    for k in (0, 1):
        assert json.loads((tmp_path / f"out{k}").read_text()) == [x * x for x in range(8)]
    monkeypatch.setenv("NN_RUNS_DIR", str(tmp_path / "runs"))      # now all cached
    assert booktools.cached_values("squares", lambda k: 1 / 0, keys) == [
        x * x for x in range(8)]

def test_bounds_are_rounded_the_safe_way():
    import booktools
    assert booktools.at_most(4.5398e-05, ".2e") == "4.54e-05"
    assert booktools.at_most(4.5312e-05, ".2e") == "4.54e-05"
    assert booktools.at_least(0.999888, ".5f") == "0.99988"
    assert booktools.at_least(0.5, ".2f") == "0.50"


def test_a_range_is_written_one_way_per_edition(monkeypatch):
    import booktools
    s = booktools.Summary([95.1, 94.7, 95.61])
    assert booktools.span(s) == "95.10% (94.70–95.61)"
    assert booktools.span([0.16, -0.06, 0.38], unit="") == "+0.16 (−0.06 to +0.38)"
    monkeypatch.setenv("BOOK_EDITION", "zh")
    assert booktools.span(s) == "95.10%（94.70–95.61）"
    assert booktools.span([0.16, -0.06, 0.38], unit="") == "+0.16（−0.06 至 +0.38）"
    assert booktools.gap(96.5249, 96.3351) == 0.18      # 96.52 - 96.34 as displayed


def test_within_seeds_counts_points_inside_the_range_of_the_seeds():
    seed_curves = [[1.0, 2.0, 3.0], [2.0, 2.0, 5.0]]       # 2 seeds, 3 epochs
    assert booktools.within_seeds([1.5, 2.5, 5.0], seed_curves) == 2
