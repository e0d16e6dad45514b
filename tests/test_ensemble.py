"""nn.Ensemble: S networks trained side by side compute, bit for bit, what each network
trained alone computes; nn.runs trains the seeds of a configuration as one Ensemble."""
import numpy as np
import pytest

import nn
from conftest import requires_mnist
from nn.network import MONITORS, TrainingPlan, _Workspace

RNG = np.random.default_rng(7)
X, Y = RNG.random((203, 12)), RNG.integers(0, 4, 203)
X_EVAL, Y_EVAL = RNG.random((40, 12)), RNG.integers(0, 4, 40)
SEEDS = [3, 4, 5]


def train_alone(sizes, seed, network_options, sgd_options):
    net = nn.Network(sizes, seed=seed, **network_options)
    history = net.SGD((X, Y), 3, 7, 0.5, evaluation_data=(X_EVAL, Y_EVAL),
                      monitor=MONITORS, **sgd_options)
    return history, net


@pytest.mark.parametrize("network_options", [
    dict(), dict(cost="quadratic", init="large"), dict(cost="log-likelihood"),
    dict(activation=["relu", "tanh"]), dict(dtype=np.float32)])
@pytest.mark.parametrize("sgd_options", [
    dict(), dict(lmbda=3.0), dict(lmbda=1.0, penalty="l1"), dict(mu=0.5, lmbda=2.0),
    dict(dropout=[0.3, 0.1]), dict(dropout=0.2, mu=0.3, lmbda=1.0, penalty="l1")])
def test_each_network_of_an_ensemble_is_its_seed_trained_alone(network_options,
                                                                 sgd_options):
    sizes = [12, 8, 6, 4]
    ensemble = nn.Ensemble(sizes, SEEDS, **network_options)
    histories = ensemble.SGD((X, Y), 3, 7, 0.5, evaluation_data=(X_EVAL, Y_EVAL),
                             monitor=MONITORS, **sgd_options)
    assert len(histories) == len(SEEDS)
    for seed, history, net in zip(SEEDS, histories, ensemble.networks):
        alone_history, alone = train_alone(sizes, seed, network_options, sgd_options)
        assert history == alone_history
        for a, b in zip(alone.weights + alone.biases, net.weights + net.biases):
            assert a.dtype == b.dtype and np.array_equal(a, b)
    # the seeds differ, so the networks do
    assert histories[0] != histories[1]



@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("sizes, cost, n_seeds", [
    ([784, 30, 10], "cross-entropy", 5), ([784, 100, 10], "quadratic", 10),
    ([784, 30, 30, 10], "log-likelihood", 3), ([784, 10], "cross-entropy", 2),
    ([784, 30, 10], "cross-entropy", 1)])
def test_the_stack_evaluates_each_network_as_alone(sizes, cost, n_seeds, dtype):
    """The evaluation after each epoch: the first layer of all networks as one matrix
    product gives each network exactly its own outputs, at the book's sizes (the
    matrix-product library may take other paths for small matrices)."""
    X_big = RNG.random((3000, 784)).astype(dtype) * (RNG.random((3000, 784)) < 0.2)
    ensemble = nn.Ensemble(sizes, range(n_seeds), cost=cost, dtype=dtype)
    stacked = ensemble.stacked._outputs(X_big)
    assert stacked.shape == (n_seeds, 3000, sizes[-1]) and stacked.dtype == dtype
    for a, net in zip(stacked, ensemble.networks):
        assert np.array_equal(a, net._output(X_big))

def test_stacked_backprop_is_each_networks_gradient():
    """One backward pass over the stack gives, in slice s, the gradient of network s on
    its own mini-batch; each network's gradient agrees with finite differences."""
    sizes = [12, 5, 4]
    ensemble = nn.Ensemble(sizes, SEEDS)
    idx = RNG.integers(0, len(X), (len(SEEDS), 6))
    plan = TrainingPlan(ensemble.stacked, (X, Y), 1, 6, 1.0)
    ws = _Workspace(sizes, 6, np.float64, (len(SEEDS),))
    ws.activations[0][...], ws.y[...] = plan.X[idx], plan.Y[idx]
    ensemble.stacked._forward_into(ws, slopes=True)
    ensemble.stacked._backprop_into(ws, scale=1 / 6)
    for s, net in enumerate(ensemble.networks):
        nabla_b, nabla_w = net.backprop(X[idx[s]], Y[idx[s]])
        for stacked, alone in zip(ws.nabla_b + ws.nabla_w, nabla_b + nabla_w):
            np.testing.assert_allclose(stacked[s], alone, rtol=1e-12, atol=1e-15)
        errors = nn.gradcheck(net, X[idx[s]], Y[idx[s]])
        assert max(max(pair) for pair in errors) < 1e-6


def test_an_ensemble_checks_its_arguments_like_sgd():
    ensemble = nn.Ensemble([12, 4], SEEDS)
    with pytest.raises(ValueError, match="eta"):
        ensemble.SGD((X, Y), 1, 10, -1.0)
    with pytest.raises(TypeError, match="unexpected keyword argument 'monitor_nothing'"):
        ensemble.SGD((X, Y), 1, 10, 1.0, monitor_nothing=True)
    with pytest.raises(ValueError, match="at least one seed"):
        nn.Ensemble([12, 4], [])


def test_the_networks_of_an_ensemble_work_alone(tmp_path):
    ensemble = nn.Ensemble([12, 5, 4], SEEDS)
    ensemble.SGD((X, Y), 2, 10, 0.5)
    net = ensemble.networks[1]
    net.save(tmp_path / "net.json")
    np.testing.assert_array_equal(nn.load(tmp_path / "net.json").feedforward(X_EVAL),
                                  net.feedforward(X_EVAL))
    assert "Ensemble of 3" in repr(ensemble)


@requires_mnist
def test_runs_of_one_configuration_are_trained_together(tmp_path, monkeypatch):
    """train_many trains the seeds of a configuration as one Ensemble: each stored run
    is what Network(seed=s, dtype=float32).SGD gives for that seed."""
    monkeypatch.setenv("NN_RUNS_DIR", str(tmp_path))
    monkeypatch.setenv("NN_RUN_WORKERS", "1")
    runs = [nn.runs.run_arguments([784, 10, 10], "cross-entropy", 2, 10, 0.5,
                                  n_train=200, seed=s, lmbda=1.0,
                                  monitor=("evaluation_accuracy",)) for s in (1, 2)]
    assert nn.runs.train_many(runs) == 2
    training, _, test = nn.data.load_mnist()
    for args in runs:
        history, net = nn.runs.train_mnist(**args)
        alone = nn.Network([784, 10, 10], seed=args["seed"], dtype=np.float32)
        expected = alone.SGD((training[0][:200], training[1][:200]), 2, 10, 0.5,
                             lmbda=1.0, evaluation_data=test)
        assert history["evaluation_accuracy"] == expected["evaluation_accuracy"]
        assert net.dtype == np.float32
        for a, b in zip(alone.weights, net.weights):
            np.testing.assert_array_equal(a, b)
