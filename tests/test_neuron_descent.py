import numpy as np
import pytest

import nn


def test_toy_neuron_learns_from_a_good_start():
    run = nn.train_neuron(0.6, 0.9, x=1.0, y=0.0, eta=0.15, epochs=300, cost="quadratic")
    assert run["a"][0] == pytest.approx(nn.sigmoid(1.5))            # 0.82
    assert 0.085 < run["a"][-1] < 0.10                               # "near 0.09"
    assert len(run["w"]) == 301 and np.all(np.diff(run["cost"]) <= 0)


def test_toy_neuron_learning_slowdown_and_its_cure():
    slow = nn.train_neuron(2.0, 2.0, eta=0.15, epochs=300, cost="quadratic")
    assert slow["a"][0] == pytest.approx(0.982, abs=1e-3)
    assert slow["a"][0] - slow["a"][150] < 0.06          # barely moves for ~150 epochs
    assert slow["a"][300] < 0.3                           # then falls
    fast = nn.train_neuron(2.0, 2.0, eta=0.15, epochs=300, cost="cross-entropy")
    assert fast["a"][50] < slow["a"][50] - 0.5            # cross-entropy starts at once


def test_toy_neuron_gradient_matches_finite_differences():
    for cost in ("quadratic", "cross-entropy"):
        eps, w, b = 1e-6, 0.7, -0.3
        c = lambda w, b: nn.train_neuron(w, b, epochs=0, cost=cost)["cost"][0]
        step = nn.train_neuron(w, b, eta=1.0, epochs=1, cost=cost)   # w1 = w - dC/dw (x = 1)
        assert w - step["w"][1] == pytest.approx((c(w + eps, b) - c(w - eps, b)) / (2 * eps), rel=1e-6)
        assert b - step["b"][1] == pytest.approx((c(w, b + eps) - c(w, b - eps)) / (2 * eps), rel=1e-6)


def test_toy_neuron_rejects_softmax_and_bad_eta():
    with pytest.raises(ValueError):
        nn.train_neuron(1, 1, cost="log-likelihood")
    with pytest.raises(ValueError):
        nn.train_neuron(1, 1, eta=0)


def test_gradient_descent_on_a_valley():
    A = np.diag([1.0, 10.0])
    path = nn.gradient_descent(lambda v: A @ v, [3.0, 1.0], eta=0.05, steps=300)
    assert path.shape == (301, 2) and np.linalg.norm(path[-1]) < 1e-4
    diverging = nn.gradient_descent(lambda v: A @ v, [3.0, 1.0], eta=0.25, steps=20)   # eta > 2/10
    assert abs(diverging[-1, 1]) > 1e3


@pytest.mark.parametrize("batch_size", [1, 10, 200])
def test_linear_regression_variants_reach_least_squares(batch_size):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 2))
    y = X @ np.array([2.0, -1.0]) + 0.5 + 0.1 * rng.normal(size=200)
    fit = nn.fit_linear(X, y, eta=0.05 if batch_size > 1 else 0.01, epochs=100, batch_size=batch_size, seed=1)
    exact = np.linalg.lstsq(np.c_[X, np.ones(200)], y, rcond=None)[0]
    updates = 100 * int(np.ceil(200 / batch_size))
    assert fit["params"].shape == (updates + 1, 3) and fit["examples_seen"][-1] == 100 * 200
    np.testing.assert_allclose(fit["params"][-1], exact, atol=0.03)
    assert fit["cost"][-1] < fit["cost"][0] and fit["seconds"] > 0


def test_fit_linear_rejects_bad_shapes():
    with pytest.raises(ValueError):
        nn.fit_linear(np.zeros((5, 2)), np.zeros(4), 0.1, 1, 1)
    with pytest.raises(ValueError):
        nn.fit_linear(np.zeros((5, 2)), np.zeros(5), 0.1, 1, 6)
