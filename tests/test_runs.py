import os
import shutil

import numpy as np
import pytest

import nn
from conftest import requires_mnist

OPENBLAS_BEFORE = os.environ.get("OPENBLAS_NUM_THREADS")


@requires_mnist
def test_runs_are_cached_by_arguments(tmp_path, monkeypatch):
    monkeypatch.setenv("NN_RUNS_DIR", str(tmp_path))
    args = dict(sizes=[784, 10, 10], cost="cross-entropy", epochs=2, mini_batch_size=10, eta=0.5, n_train=500)
    history, net = nn.runs.train_mnist(**args)
    final = history.pop("final_evaluation_accuracy")
    assert set(history) == {"training_cost", "training_accuracy", "evaluation_cost", "evaluation_accuracy"}
    assert all(len(v) == 2 for v in history.values())
    assert final == history["evaluation_accuracy"][-1]
    history["final_evaluation_accuracy"] = final
    assert len(list(tmp_path.iterdir())) == 1
    again, net2 = nn.runs.train_mnist(**args)
    assert again == history
    X = nn.data.load_mnist()[2][0][:50]
    np.testing.assert_array_equal(net2.feedforward(X), net.feedforward(X))
    nn.runs.train_mnist(**(args | {"seed": 1}))
    assert len(list(tmp_path.iterdir())) == 2


@requires_mnist
def test_a_run_stored_twice_keeps_the_first(tmp_path, monkeypatch):
    """Two builds training the same run: the one that finishes second finds the folder
    taken, keeps it and removes its own partial copy."""
    monkeypatch.setenv("NN_RUNS_DIR", str(tmp_path))
    args = dict(sizes=[784, 10], cost="cross-entropy", epochs=1, mini_batch_size=10, eta=0.5, n_train=100)
    nn.runs.train_mnist(**args)
    [stored] = tmp_path.iterdir()
    shutil.rmtree(stored)
    save = nn.Network.save

    def save_while_another_build_finishes(net, path):
        save(net, path)
        if not stored.exists():        # the other build stores the whole run first
            shutil.copytree(path.parent, stored)
            (stored / "history.json").write_text('{"history": {}}')
            (stored / "other.txt").write_text("stored by the other build")

    monkeypatch.setattr(nn.Network, "save", save_while_another_build_finishes)
    history, _ = nn.runs.train_mnist(**args)
    assert list(tmp_path.iterdir()) == [stored]
    assert (stored / "other.txt").is_file() and history == {}


def test_runs_reject_unknown_evaluation_set():
    with pytest.raises(ValueError, match="evaluation"):
        nn.runs.train_mnist([784, 10], "quadratic", 1, 10, 1.0, evaluation="train")


@pytest.mark.parametrize("kwargs, match", [
    (dict(expand="flips"), "expand must be None or one of"),
    (dict(patience=3), "validation"),
])
def test_runs_reject_unknown_options(kwargs, match):
    with pytest.raises(ValueError, match=match):
        nn.runs.train_mnist([784, 10], "quadratic", 1, 10, 1.0, **kwargs)


@requires_mnist
def test_part3_options_train_and_enter_the_key(tmp_path, monkeypatch):
    """Expansion, dropout, momentum, activation and the schedule each make another run;
    monitor=() records only the final accuracy."""
    monkeypatch.setenv("NN_RUNS_DIR", str(tmp_path))
    base = dict(sizes=[784, 10, 10], cost="cross-entropy", epochs=2, mini_batch_size=10,
                eta=0.5, n_train=100, evaluation="validation")
    history, _ = nn.runs.train_mnist(**base, monitor=())
    assert set(history) == {"final_evaluation_accuracy"}
    variants = [dict(expand="shifts+rotations"), dict(dropout=0.5), dict(mu=0.5),
                dict(activation="tanh"), dict(patience=1, halvings=1)]
    for extra in variants:
        history, net = nn.runs.train_mnist(**base, monitor=("evaluation_accuracy",), **extra)
        assert 0 <= history["final_evaluation_accuracy"] <= 1
    assert net.activation == ["sigmoid"] and "eta" in history
    assert len(list(tmp_path.iterdir())) == 1 + len(variants)


@requires_mnist
def test_train_many_trains_only_what_is_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("NN_RUNS_DIR", str(tmp_path))
    monkeypatch.setenv("NN_RUN_WORKERS", "1")
    runs = [nn.runs.run_arguments([784, 10], "cross-entropy", 1, 10, 0.5, n_train=50, seed=s,
                               monitor=()) for s in (0, 1, 1)]
    assert nn.runs.train_many(runs) == 2
    assert nn.runs.train_many(runs) == 0


@requires_mnist
def test_three_epochs_reach_92_percent():
    """Nielsen's chapter-1 network: [784, 30, 10], quadratic cost, eta 3.0, mini-batch 10."""
    training, _, test = nn.data.load_mnist()
    net = nn.Network([784, 30, 10], cost="quadratic", init="large", seed=0)
    history = net.SGD(training, 3, 10, 3.0, evaluation_data=test)
    assert history["evaluation_accuracy"][-1] >= 0.92


@requires_mnist
def test_seeds_are_trained_in_parallel_and_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("NN_RUNS_DIR", str(tmp_path))
    monkeypatch.setenv("NN_RUN_WORKERS", "2")
    args = ([784, 10], "cross-entropy", 2, 10, 0.5)
    runs = nn.runs.train_mnist_seeds([3, 4, 5], *args, n_train=300)
    assert len(runs) == 3 and len(list(tmp_path.iterdir())) == 3
    assert not any(p.name.count(".partial") for p in tmp_path.iterdir())
    # in the order of the seeds, each the cached run of its seed
    for s, (history, net) in zip([3, 4, 5], runs):
        again, _ = nn.runs.train_mnist(*args, n_train=300, seed=s)
        assert again == history
    assert runs[0][0] != runs[1][0]
    # the parent's BLAS settings are left as they were
    assert os.environ.get("OPENBLAS_NUM_THREADS") == OPENBLAS_BEFORE


def test_run_workers_must_be_a_positive_integer(monkeypatch):
    monkeypatch.setenv("NN_RUN_WORKERS", "two")
    with pytest.raises(ValueError, match="NN_RUN_WORKERS"):
        nn.runs.train_mnist_seeds([0, 1], [784, 10], "quadratic", 1, 10, 1.0)


def test_source_hash_ignores_comments_and_docstrings():
    code = 'def f(x):\n    """Square."""\n    return x * x   # the square\n'
    reworded = 'def f(x):\n    """The square of x:\n    x times x."""\n    return (\n        x * x)\n'
    changed = 'def f(x):\n    """Square."""\n    return x * x + 1\n'
    assert nn.runs._code_of(code) == nn.runs._code_of(reworded)
    assert nn.runs._code_of(code) != nn.runs._code_of(changed)
