"""The facts that chapter 9 (more training data, and dropout) checks in its cells, checked
again without MNIST training: the setup of the more-data curve, the SVM's kernel width,
the expansion of the images, inverted dropout and its backpropagation, and the cache of
deterministic results."""
import dataclasses
import itertools
import json

import numpy as np
import pytest

import booktools
import nn


# ---------------------------------------------------------------- the more-data curve
def test_every_more_data_run_sees_the_same_examples_and_decay():
    """epochs(n) = 1,500,000 / n and lambda(n) = 1e-4 n: 1,500,000 examples seen and the
    decay factor 1 - eta lambda / n the same for every n (Nielsen's fig/more_data.py,
    weights from N(0, 1))."""
    decays = set()
    for n in booktools.MORE_DATA_SIZES:
        run = booktools.RUNS[f"ch09-more-data-{n}"]
        assert (run.sizes, run.cost, run.mini_batch_size, run.eta) == (
            (784, 30, 10), "cross-entropy", 10, 0.5)
        assert run.epochs * n == 1_500_000 and run.n_train == n
        assert run.lmbda == pytest.approx(1e-4 * n) and run.init == "large"
        assert run.evaluation == "validation"
        decays.add(round(run.eta * run.lmbda / n, 12))
    assert decays == {5e-5}


def test_expanded_runs_make_as_many_updates_as_r6():
    updates = {}
    for name, copies in (("R6", 1), ("ch09-shifts", 5), ("ch09-shifts-rotations", 7)):
        run = booktools.RUNS[name]
        assert run.n_train == 1000
        updates[name] = run.epochs * 1000 * copies // run.mini_batch_size
    assert updates["R6"] == 40_000
    assert max(updates.values()) - min(updates.values()) <= 100


def test_dropout_runs_change_only_the_dropout_rate():
    for name, base in (("ch09-dropout-small", "R6"), ("ch09-dropout-full", "R3")):
        run, ref = booktools.RUNS[name], booktools.RUNS[base]
        assert run.dropout == 0.2
        assert dataclasses.replace(run, dropout=0.0, monitor=ref.monitor,
                                   seeds=ref.seeds) == ref


# ------------------------------------------------------------------------------ SVM
def test_svm_gamma_auto_and_scale():
    """gamma "auto" = 1/d (the default of 2015), "scale" = 1/(d Var X) (today's)."""
    from sklearn.svm import SVC
    rng = np.random.default_rng(9)
    X = rng.random((40, 12)) * 0.3
    y = np.arange(40) % 2
    assert SVC(gamma="auto").fit(X, y)._gamma == pytest.approx(1 / 12)
    assert SVC(gamma="scale").fit(X, y)._gamma == pytest.approx(1 / (12 * X.var()))


def test_cached_value_computes_once(tmp_path, monkeypatch):
    monkeypatch.setenv("NN_RUNS_DIR", str(tmp_path))
    calls = []

    def compute():
        calls.append(1)
        return {"accuracy": 91.5}

    key = {"n": 1000, "gamma": "scale"}
    assert booktools.cached_value("t", compute, key) == {"accuracy": 91.5}
    assert booktools.cached_value("t", compute, key) == {"accuracy": 91.5}
    assert len(calls) == 1
    assert booktools.cached_value("t", compute, {**key, "n": 2000}) == {"accuracy": 91.5}
    assert len(calls) == 2
    stored = [json.loads(p.read_text()) for p in (tmp_path / "values").glob("*.json")]
    assert sorted(s["key"]["n"] for s in stored) == [1000, 2000]


# -------------------------------------------------------------------------- expansion
@pytest.fixture
def digits():
    """Three blurred blobs well inside a 28 x 28 frame, as rows of 784."""
    rng = np.random.default_rng(3)
    images = np.zeros((3, 28, 28))
    images[:, 6:22, 8:20] = rng.random((3, 16, 12))
    return images.reshape(3, 784)


def test_shift_moves_every_pixel_by_one_and_back(digits):
    square = digits.reshape(-1, 28, 28)
    right = nn.expand.shift(digits, 1, 0).reshape(-1, 28, 28)
    assert np.array_equal(right[:, :, 1:], square[:, :, :-1])
    assert np.all(right[:, :, 0] == 0)
    assert np.array_equal(nn.expand.shift(right, -1, 0).reshape(-1, 784), digits)
    assert np.isclose(right.sum(), square.sum())              # no ink lost


def test_a_positive_angle_turns_counter_clockwise(digits):
    turned = nn.expand.rotate(digits, 90).reshape(-1, 28, 28)
    np.testing.assert_allclose(turned, np.rot90(digits.reshape(-1, 28, 28), 1, axes=(1, 2)),
                               atol=1e-12)


def test_expand_is_originals_then_four_shifts_then_turns(digits):
    labels = np.array([5, 0, 4])
    X, y = nn.expand.expand((digits, labels), angles=nn.expand.ANGLES)
    parts = [digits] + [nn.expand.shift(digits, dx, dy)
                        for dx, dy in ((0, -1), (0, 1), (-1, 0), (1, 0))]
    parts += [nn.expand.rotate(digits, a) for a in nn.expand.ANGLES]
    assert np.array_equal(X, np.concatenate(parts))
    assert np.array_equal(y, np.tile(labels, 7))


# ---------------------------------------------------------------------------- dropout
@pytest.fixture
def small():
    rng = np.random.default_rng(4)
    net = nn.Network([6, 4, 5, 3], cost="cross-entropy", seed=5)
    return net, rng.random((8, 6)), rng.integers(0, 3, size=8), rng


def test_backprop_with_fixed_masks_agrees_with_finite_differences(small):
    net, X, y, rng = small
    masks = nn.dropout_masks(rng, 8, net.sizes, [0.5, 0.25])
    assert max(max(pair) for pair in nn.gradcheck(net, X, y, masks=masks)) < 1e-7


def _average_over_masks(net, x, p, rescale):
    """The exact mean of z^2 over the 16 masks of hidden layer 1 (layer 2 kept)."""
    mean = 0.0
    for bits in itertools.product((0.0, 1.0), repeat=4):
        r = np.array(bits)
        mask = r / (1 - p) if rescale else r
        zs, _ = net.forward(x, masks=[mask[None, :], np.ones((1, 5))])
        mean = mean + np.prod(np.where(r == 1, 1 - p, p)) * zs[1][0]
    return mean


def test_inverted_dropout_keeps_the_mean_weighted_input(small):
    net, X, _, _ = small
    zs, _ = net.forward(X[:1])
    np.testing.assert_allclose(_average_over_masks(net, X[:1], 0.25, True), zs[1][0],
                               atol=1e-12)


def test_original_dropout_equals_scaled_outgoing_weights_at_test(small):
    net, X, _, _ = small
    a1 = net.forward(X[:1])[1][1][0]
    expected = net.biases[1] + 0.75 * net.weights[1] @ a1
    np.testing.assert_allclose(_average_over_masks(net, X[:1], 0.25, False), expected,
                               atol=1e-12)


def test_a_dropped_neuron_gets_no_gradient(small):
    net, X, y, _ = small
    masks = [np.ones((1, 4)), np.ones((1, 5))]
    masks[0][0, 2] = 0.0
    grad_b, grad_w = net.backprop(X[:1], y[:1], masks=masks)
    assert np.all(grad_w[0][2] == 0) and np.all(grad_w[1][:, 2] == 0)
    assert grad_b[0][2] == 0
    assert np.any(grad_w[0][1] != 0)


@pytest.mark.parametrize("p", [0.2, 0.5])
def test_mask_mean_one_and_variance_p_over_1_minus_p(p):
    mask = nn.dropout_masks(np.random.default_rng(6), 200_000, [1, 1, 1], p)[0]
    assert set(np.unique(mask)) == {0.0, 1 / (1 - p)}
    assert abs(mask.mean() - 1) < 5 * np.sqrt(p / (1 - p) / mask.size)
    assert mask.var() == pytest.approx(p / (1 - p), rel=0.02)
