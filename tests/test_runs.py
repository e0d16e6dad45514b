import shutil

import numpy as np
import pytest

import nn
from conftest import requires_mnist


@requires_mnist
def test_runs_are_cached_by_arguments(tmp_path, monkeypatch):
    monkeypatch.setenv("NN_RUNS_DIR", str(tmp_path))
    args = dict(sizes=[784, 10, 10], cost="cross-entropy", epochs=2, mini_batch_size=10, eta=0.5, n_train=500)
    history, net = nn.runs.train_mnist(**args)
    assert set(history) == {"training_cost", "training_accuracy", "evaluation_cost", "evaluation_accuracy"}
    assert all(len(v) == 2 for v in history.values())
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
        stored.mkdir(exist_ok=True)
        (stored / "other.txt").write_text("stored by the other build")

    monkeypatch.setattr(nn.Network, "save", save_while_another_build_finishes)
    nn.runs.train_mnist(**args)
    assert list(tmp_path.iterdir()) == [stored]
    assert (stored / "other.txt").is_file()


def test_runs_reject_unknown_evaluation_set():
    with pytest.raises(ValueError, match="evaluation"):
        nn.runs.train_mnist([784, 10], "quadratic", 1, 10, 1.0, evaluation="train")


@requires_mnist
def test_three_epochs_reach_92_percent():
    """Nielsen's chapter-1 network: [784, 30, 10], quadratic cost, eta 3.0, mini-batch 10."""
    training, _, test = nn.data.load_mnist()
    net = nn.Network([784, 30, 10], cost="quadratic", init="large", seed=0)
    history = net.SGD(training, 3, 10, 3.0, evaluation_data=test)
    assert history["evaluation_accuracy"][-1] >= 0.92
