"""The facts chapter 10 (choosing hyper-parameters) derives and checks in its cells, checked
again here without MNIST: the noise floor of SGD on a valley, the quadratic cost's
gradient as the cross-entropy's times a(1 - a), the mini-batch step against online steps,
the length of the halving schedule, and the arithmetic of grid against random search."""
import importlib

import numpy as np
import pytest

import booktools
import nn


def test_noise_floor_is_the_fixed_point_of_the_variance():
    """c -> (1 - eta lam) c - eta xi: Var(c) tends to eta s^2 / (lam (2 - eta lam))
    below the threshold 2 / lam and grows without bound above it."""
    lam, s2 = 2.0, 0.3
    for eta in (0.1, 0.5, 0.9):                         # below 2 / lam = 1
        v = 0.0
        for _ in range(2000):
            v = (1 - eta * lam) ** 2 * v + eta ** 2 * s2
        assert v == pytest.approx(eta * s2 / (lam * (2 - eta * lam)), rel=1e-10)
    v = 0.0
    for _ in range(200):
        v = (1 - 1.1 * lam) ** 2 * v + 1.1 ** 2 * s2   # above the threshold
    assert v > 1e6


def test_noise_floor_by_simulation():
    rng = np.random.default_rng(1)
    lam, s, eta = 1.0, 1.0, 1.5
    c = np.zeros(20000)
    for _ in range(300):
        c = c - eta * (lam * c + s * rng.standard_normal(c.size))
    assert np.mean(lam / 2 * c ** 2) == pytest.approx(eta * s ** 2 / (2 * (2 - eta * lam)),
                                                      rel=0.05)


def test_regimes_of_the_steepest_direction():
    """1 - eta lam_max: positive below 1/lam_max, negative (zigzag) up to 2/lam_max,
    below -1 (divergence) above; half the threshold empties the direction in one step."""
    lam_max = 10.0
    factor = lambda eta: 1 - eta * lam_max
    assert factor(0.05) > 0 and -1 < factor(0.15) < 0 and factor(0.25) < -1
    assert factor((2 / lam_max) / 2) == 0


def test_quadratic_delta_is_cross_entropy_delta_times_slope():
    rng = np.random.default_rng(2)
    z = rng.normal(0, 3, size=(50, 10))
    a = nn.sigmoid(z)
    y = nn.data.one_hot(rng.integers(0, 10, size=50))
    np.testing.assert_allclose(nn.QuadraticCost.delta(z, a, y),
                               a * (1 - a) * nn.CrossEntropyCost.delta(z, a, y),
                               rtol=1e-12, atol=1e-15)
    grid = np.linspace(0, 1, 1_000_001)
    assert np.mean(grid * (1 - grid)) == pytest.approx(1 / 6, abs=1e-6)


def test_every_gradient_scales_with_the_output_error():
    """With one output neuron and one example, delta^L is a number, so the whole
    quadratic gradient is a(1 - a) times the cross-entropy gradient."""
    quad = nn.Network([5, 4, 1], cost="quadratic", seed=3)
    ce = nn.Network([5, 4, 1], cost="cross-entropy", seed=3)
    x, y = np.random.default_rng(4).uniform(size=(1, 5)), np.array([[1.0]])
    a = quad.feedforward(x)[0, 0]
    for g_q, g_c in zip(sum(quad.backprop(x, y), []), sum(ce.backprop(x, y), [])):
        np.testing.assert_allclose(g_q, a * (1 - a) * g_c, rtol=1e-12, atol=1e-15)


def test_one_batch_step_equals_online_steps_to_second_order():
    rng = np.random.default_rng(5)
    X, y = rng.uniform(size=(10, 20)), rng.integers(0, 3, size=10)

    def gap(eta):
        batch, online = (nn.Network([20, 6, 3], seed=6) for _ in range(2))
        batch.SGD((X, y), 1, 10, eta, monitor=())
        online.SGD((X, y), 1, 1, eta / 10, monitor=())
        return max(np.abs(p - q).max() for p, q in zip(batch.weights, online.weights))

    gaps = [gap(eta) for eta in (0.1, 0.01, 0.001)]
    assert np.allclose(np.log10(np.array(gaps[:-1]) / np.array(gaps[1:])), 2, atol=0.15)


def test_the_halving_schedule_takes_at_least_h_plus_1_times_p_plus_1_epochs():
    rng = np.random.default_rng(7)
    train = (rng.uniform(size=(40, 6)), rng.integers(0, 2, size=40))
    val = (rng.uniform(size=(40, 6)), rng.integers(0, 2, size=40))
    p, halvings, eta0 = 2, 3, 1.0
    net = nn.Network([6, 4, 2], seed=8)
    history = nn.schedule.sgd_with_schedule(net, train, val, 500, 5, eta0, p, halvings)
    etas = np.array(history["eta"])
    assert len(etas) >= (halvings + 1) * p + 1
    rates, counts = np.unique(etas, return_counts=True)
    assert np.allclose(np.sort(rates)[::-1], eta0 / 2.0 ** np.arange(halvings + 1))
    assert np.all(counts >= p) and etas[-1] == eta0 / 2 ** halvings


def test_grid_against_random_search_arithmetic():
    """Nine trials: the grid has 3 of the 5%-window's chances (0.05 / 0.95 each for a
    window placed inside the range), nine random trials 1 - 0.95^9; 59 trials reach 95%."""
    lefts = np.linspace(0, 0.95, 190_001)
    points = np.array([1, 3, 5]) / 6
    hit_grid = np.mean(np.any((points >= lefts[:, None])
                              & (points <= lefts[:, None] + 0.05), axis=1))
    assert hit_grid == pytest.approx(3 * 0.05 / 0.95, abs=1e-4)
    assert 1 - 0.95 ** 9 == pytest.approx(0.3698, abs=1e-4)
    n95 = int(np.ceil(np.log(0.05) / np.log(0.95)))
    assert n95 == 59 and 0.95 ** 59 <= 0.05 < 0.95 ** 58


def test_search_trials_of_the_book(monkeypatch):
    """The grid has 3 values of eta, the random trials 9 in [0.01, 10], drawn anew for
    another seed base."""
    assert len({eta for eta, _ in booktools.CH10_GRID}) == 3
    etas = [eta for eta, _ in booktools.CH10_RANDOM]
    assert len(set(etas)) == 9
    assert all(0.01 <= v <= 10 for trial in booktools.CH10_RANDOM for v in trial)
    monkeypatch.setenv("BOOK_SEED_BASE", str(booktools.seed_base() + 1))
    try:
        other = importlib.reload(booktools.registry).CH10_RANDOM
    finally:
        monkeypatch.undo()                      # the environment of the test session
        importlib.reload(booktools.registry)
    assert other != booktools.registry.CH10_RANDOM
    for name in ("ch10-constant", "ch10-early-stop", "ch10-halving"):
        assert booktools.RUNS[name].evaluation == "validation"
