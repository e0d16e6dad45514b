import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nn

COSTS = ["quadratic", "cross-entropy", "log-likelihood"]


def batch(rng, sizes, m):
    return rng.random((m, sizes[0])), rng.integers(0, sizes[-1], m)


# ----- gradients ----------------------------------------------------------------------------
@pytest.mark.parametrize("cost", COSTS)
@pytest.mark.parametrize("sizes", [[3, 2], [4, 5, 3], [6, 4, 5, 3]])
@pytest.mark.parametrize("m", [1, 7])
@pytest.mark.parametrize("lmbda, penalty", [(0.0, "l2"), (0.8, "l2"), (0.8, "l1")])
def test_gradcheck(cost, sizes, m, lmbda, penalty, rng):
    net = nn.Network(sizes, cost=cost, seed=3)
    X, y = batch(rng, sizes, m)
    for err_b, err_w in nn.gradcheck(net, X, y, lmbda=lmbda, penalty=penalty, n=50):
        assert err_b < 1e-6 and err_w < 1e-6


def test_gradcheck_detects_a_wrong_gradient(rng, monkeypatch):
    net = nn.Network([4, 3, 2], cost="quadratic", seed=0)
    X, y = batch(rng, [4, 3, 2], 5)
    # Drop the sigma'(z) factor of BP1: what a common bug looks like.
    monkeypatch.setattr(nn.QuadraticCost, "delta", staticmethod(lambda z, a, y: a - y))
    assert max(max(e) for e in nn.gradcheck(net, X, y)) > 1e-2


def cost_from_layer(net, i, Z, Y):
    """The batch cost as a function of the weighted inputs Z of hidden layer i+1."""
    last = len(net.weights) - 1
    a = net.cost.activation(Z) if i == last else nn.sigmoid(Z)
    for k in range(i + 1, len(net.weights)):
        z = a @ net.weights[k].T + net.biases[k]
        a = net.cost.activation(z) if k == last else nn.sigmoid(z)
    return net.cost.fn(a, Y)


@pytest.fixture
def small_net_and_errors(rng):
    """A [5, 4, 3, 2] network, a batch, and dC/dz^l for every layer by finite differences."""
    net = nn.Network([5, 4, 3, 2], cost="quadratic", seed=7)
    X, y = batch(rng, net.sizes, 6)
    Y = np.eye(2)[y]
    zs, acts = net.forward(X)
    deltas = [nn.numerical_gradient(lambda i=i, Z=Z: cost_from_layer(net, i, Z, Y), Z) for i, Z in enumerate(zs)]
    return net, X, y, zs, acts, deltas   # deltas[i]: (1/m) delta^{x,l} for each example x


def test_bp1_output_error(small_net_and_errors):
    net, X, y, zs, acts, deltas = small_net_and_errors
    Y = np.eye(2)[y]
    np.testing.assert_allclose((acts[-1] - Y) * nn.sigmoid_prime(zs[-1]) / len(X), deltas[-1], atol=1e-10)


def test_bp2_error_moves_back_one_layer(small_net_and_errors):
    net, X, y, zs, acts, deltas = small_net_and_errors
    for i in range(len(deltas) - 1):
        np.testing.assert_allclose((deltas[i + 1] @ net.weights[i + 1]) * nn.sigmoid_prime(zs[i]), deltas[i], atol=1e-10)


def test_bp3_bias_gradient_is_the_error(small_net_and_errors):
    net, X, y, zs, acts, deltas = small_net_and_errors
    nabla_b, _ = net.backprop(X, y)
    for i, b in enumerate(net.biases):
        numeric = nn.numerical_gradient(lambda: net.total_cost((X, y)), b)
        np.testing.assert_allclose(deltas[i].sum(axis=0), numeric, atol=1e-9)
        np.testing.assert_allclose(nabla_b[i], numeric, atol=1e-9)


def test_bp4_weight_gradient_is_activation_times_error(small_net_and_errors):
    net, X, y, zs, acts, deltas = small_net_and_errors
    _, nabla_w = net.backprop(X, y)
    for i, w in enumerate(net.weights):
        numeric = nn.numerical_gradient(lambda: net.total_cost((X, y)), w)
        np.testing.assert_allclose(deltas[i].T @ acts[i], numeric, atol=1e-9)
        np.testing.assert_allclose(nabla_w[i], numeric, atol=1e-9)


def test_matrix_backprop_equals_per_example_average(rng):
    net = nn.Network([6, 5, 4], cost="cross-entropy", seed=1)
    X, y = batch(rng, net.sizes, 9)
    nabla_b, nabla_w = net.backprop(X, y)
    per_example = [net.backprop(X[k:k + 1], y[k:k + 1]) for k in range(9)]
    for i in range(2):
        np.testing.assert_allclose(nabla_b[i], np.mean([g[0][i] for g in per_example], axis=0), atol=1e-14)
        np.testing.assert_allclose(nabla_w[i], np.mean([g[1][i] for g in per_example], axis=0), atol=1e-14)


# ----- feedforward and training ---------------------------------------------------------------
def test_feedforward_shapes_and_single_example(rng):
    net = nn.Network([4, 3, 2], seed=0)
    X = rng.random((5, 4))
    assert net.feedforward(X).shape == (5, 2)
    np.testing.assert_allclose(net.feedforward(X[0]), net.feedforward(X)[0])
    np.testing.assert_allclose(net.feedforward(X), nn.sigmoid(nn.sigmoid(X @ net.weights[0].T + net.biases[0]) @ net.weights[1].T + net.biases[1]))
    assert net.predict(X).shape == (5,)


def test_softmax_output_for_log_likelihood(rng):
    net = nn.Network([4, 3, 5], cost="log-likelihood", seed=0)
    np.testing.assert_allclose(net.feedforward(rng.random((3, 4))).sum(axis=1), 1.0)


def test_initialisation():
    big = nn.Network([1000, 500, 10], init="large", seed=0)
    small = nn.Network([1000, 500, 10], init="scaled", seed=0)
    assert big.weights[0].std() == pytest.approx(1.0, rel=0.02)
    assert small.weights[0].std() == pytest.approx(1 / np.sqrt(1000), rel=0.02)
    assert small.biases[0].std() == pytest.approx(1.0, rel=0.2)
    assert [w.shape for w in small.weights] == [(500, 1000), (10, 500)]
    np.testing.assert_array_equal(nn.Network([3, 2], seed=5).weights[0], nn.Network([3, 2], seed=5).weights[0])


@pytest.mark.parametrize("lmbda, penalty", [(0.0, "l2"), (2.0, "l2"), (2.0, "l1")])
def test_one_sgd_step_is_the_update_rule(lmbda, penalty, rng):
    """With one mini-batch holding the whole training set, one epoch is exactly one step."""
    net = nn.Network([4, 3, 2], cost="cross-entropy", seed=2)
    X, y = batch(rng, net.sizes, 8)
    eta, n = 0.5, 8
    nabla_b, nabla_w = net.backprop(X, y)
    reg = [(lmbda / n) * (w if penalty == "l2" else np.sign(w)) for w in net.weights]
    expected_w = [w - eta * (g + r) for w, g, r in zip(net.weights, nabla_w, reg)]
    expected_b = [b - eta * g for b, g in zip(net.biases, nabla_b)]
    net.SGD((X, y), 1, 8, eta, lmbda=lmbda, penalty=penalty, monitor=())
    for got, want in zip(net.weights + net.biases, expected_w + expected_b):
        np.testing.assert_allclose(got, want, atol=1e-14)


def test_sgd_learns_and_history_is_per_epoch(rng):
    X = rng.random((200, 2))
    y = (X[:, 0] > X[:, 1]).astype(int)
    net = nn.Network([2, 8, 2], seed=0)
    history = net.SGD((X, y), 30, 10, 3.0, evaluation_data=(X, y),
                      monitor=("training_cost", "training_accuracy", "evaluation_cost", "evaluation_accuracy"))
    assert all(len(v) == 30 for v in history.values())
    assert history["training_accuracy"][-1] > 0.9 and history["training_accuracy"][-1] == history["evaluation_accuracy"][-1]
    assert history["training_cost"][-1] < history["training_cost"][0]
    assert net.accuracy((X, y)) == round(history["training_accuracy"][-1] * 200)


def test_sgd_is_reproducible_and_float32_works(rng):
    X, y = batch(rng, [5, 4, 3], 30)
    runs = []
    for dtype in (np.float64, np.float64, np.float32):
        net = nn.Network([5, 4, 3], seed=9, dtype=dtype)
        net.SGD((X, y), 3, 4, 1.0, monitor=())
        runs.append(net.weights[0])
    np.testing.assert_array_equal(runs[0], runs[1])
    assert runs[2].dtype == np.float32
    np.testing.assert_allclose(runs[2], runs[0], atol=1e-4)


def test_penalty_divides_by_training_set_size(rng):
    net = nn.Network([3, 2], seed=0)
    X, y = batch(rng, [3, 2], 10)
    plain = net.total_cost((X, y))
    reg = 0.5 * 4.0 / 1000 * sum((w ** 2).sum() for w in net.weights)
    assert net.total_cost((X, y), lmbda=4.0, n=1000) == pytest.approx(plain + reg)
    assert net.total_cost((X, y), lmbda=4.0, n=1000, penalty="l1") == pytest.approx(
        plain + 4.0 / 1000 * sum(np.abs(w).sum() for w in net.weights))


@pytest.mark.parametrize("kind", ["l2", "l1"])
def test_penalty_step_into_a_given_array(kind, rng):
    """The penalty's step written into a reused array (as training does) is the formula,
    and decay with that array moves w exactly as w - (eta lmbda/n) sgn(w) (L1) or
    (1 - eta lmbda/n) w (L2)."""
    from nn.penalty import Penalty
    penalty = Penalty(3.0, kind, n=50)
    w = rng.standard_normal((4, 5)).astype(np.float32)
    w[0, 0] = 0.0
    out = np.full_like(w, np.nan)
    step = penalty.gradient(w, 0.5, out=out)
    assert step is out
    direction = w if kind == "l2" else np.sign(w)
    np.testing.assert_array_equal(out, 0.5 * 3.0 / 50 * direction)
    expected = (w * (1.0 - 0.5 * 3.0 / 50) if kind == "l2"
                else w - 0.5 * 3.0 / 50 * np.sign(w))
    penalty.decay(w, 0.5, np.empty_like(w))
    np.testing.assert_array_equal(w, expected)


def test_divergence_is_reported(rng):
    net = nn.Network([2, 2], cost="log-likelihood", seed=0)
    X = rng.random((4, 2)) * 1e300
    with pytest.raises(FloatingPointError, match="diverged in epoch 1"), np.errstate(all="ignore"):
        net.SGD((X, np.array([0, 1, 0, 1])), 1, 2, 1e10, monitor=())


# ----- bad input --------------------------------------------------------------------------------
@pytest.mark.parametrize("sizes", [[3], [3, 0], [3, 2.5], "784,30,10", [3, -1]])
def test_bad_sizes(sizes):
    with pytest.raises(ValueError, match="sizes"):
        nn.Network(sizes)


def test_bad_constructor_arguments():
    with pytest.raises(ValueError, match="unknown cost"):
        nn.Network([3, 2], cost="hinge")
    with pytest.raises(ValueError, match="init"):
        nn.Network([3, 2], init="zeros")
    with pytest.raises(TypeError, match="dtype"):
        nn.Network([3, 2], dtype=np.int32)


@pytest.mark.parametrize("X, y, error, match", [
    (np.zeros((4, 5)), np.zeros(4, int), ValueError, r"shape \(m, 3\)"),
    (np.zeros((4, 3)), np.zeros(5, int), ValueError, "4 examples but 5 targets"),
    (np.zeros((4, 3)), np.array([0, 1, 2, 7]), ValueError, r"labels must lie in 0..2"),
    (np.zeros((4, 3)), np.zeros(4), TypeError, "labels must be integers"),
    (np.zeros((4, 3)), np.zeros((4, 2)), ValueError, r"targets must be labels"),
    (np.full((4, 3), np.nan), np.zeros(4, int), ValueError, "NaN"),
    (np.where(np.eye(4, 3), np.inf, 0.5), np.zeros(4, int), ValueError, "NaN or inf"),
    (np.array([["a"] * 3] * 4), np.zeros(4, int), TypeError, "numeric"),
])
def test_bad_data(X, y, error, match):
    net = nn.Network([3, 3], seed=0)
    with pytest.raises(error, match=match):
        net.SGD((X, y), 1, 2, 0.1)
    with pytest.raises(error, match=match):
        net.backprop(X, y)


def test_huge_finite_inputs_are_accepted():
    """Their sum overflows to inf, so the quick finiteness check must fall back to the exact one."""
    X = np.full((4, 3), np.finfo(np.float32).max, dtype=np.float32)
    with np.errstate(over="ignore"):   # the matrix products overflow too; only the check matters
        assert not np.isfinite(X.sum())
        assert nn.Network([3, 2], seed=0, dtype=np.float32).predict(X).shape == (4,)


@pytest.mark.parametrize("kwargs, match", [
    (dict(eta=0.0), "eta"), (dict(eta=-1.0), "eta"), (dict(mini_batch_size=0), "mini_batch_size"),
    (dict(mini_batch_size=2.5), "mini_batch_size"), (dict(epochs=-1), "epochs"), (dict(lmbda=-1.0), "lmbda"),
    (dict(penalty="l3"), "penalty"), (dict(monitor=("accuracy",)), "unknown monitor"),
    (dict(monitor=("evaluation_accuracy",)), "needs evaluation_data"),
])
def test_bad_hyperparameters(kwargs, match, rng):
    net = nn.Network([3, 2], seed=0)
    args = dict(training_data=batch(rng, [3, 2], 4), epochs=1, mini_batch_size=2, eta=0.1) | kwargs
    with pytest.raises(ValueError, match=match):
        net.SGD(**args)


def test_training_data_must_be_a_pair(rng):
    with pytest.raises(TypeError, match=r"pair \(X, y\)"):
        nn.Network([3, 2]).SGD(rng.random((4, 3)), 1, 2, 0.1)


# ----- save and load -------------------------------------------------------------------------------
@pytest.mark.parametrize("cost, dtype", [("cross-entropy", np.float64), ("log-likelihood", np.float32)])
def test_save_load_round_trip(cost, dtype, tmp_path, rng):
    net = nn.Network([6, 5, 4], cost=cost, init="large", seed=4, dtype=dtype)
    net.save(tmp_path / "net.json")
    again = nn.load(tmp_path / "net.json")
    X = rng.random((20, 6))
    np.testing.assert_array_equal(again.feedforward(X), net.feedforward(X))
    assert (again.sizes, again.cost, again.init, again.dtype) == (net.sizes, net.cost, net.init, net.dtype)


@pytest.mark.parametrize("tamper, match", [
    (lambda d: d.pop("weights"), r"missing field\(s\) \['weights'\]"),
    (lambda d: d.update(format="pickle"), "format"),
    (lambda d: d.update(cost="hinge"), "unknown cost"),
    (lambda d: d.update(sizes=[6, 5, 3]), r"weights\[1\] has shape \(4, 5\), expected \(3, 5\)"),
    (lambda d: d["biases"].pop(), "'biases' must be a list of 2 arrays"),
    (lambda d: d["weights"][0][0].__setitem__(0, "x"), r"weights\[0\] is not an array of numbers"),
    (lambda d: d["biases"][0].__setitem__(0, float("nan")), r"biases\[0\] contains NaN"),
    (lambda d: d.update(dtype="int8"), "dtype"),
])
def test_load_rejects_malformed_files(tamper, match, tmp_path):
    nn.Network([6, 5, 4], seed=0).save(tmp_path / "net.json")
    d = json.loads((tmp_path / "net.json").read_text())
    tamper(d)
    (tmp_path / "bad.json").write_text(json.dumps(d))
    with pytest.raises(ValueError, match=match):
        nn.load(tmp_path / "bad.json")


def test_load_rejects_non_json(tmp_path):
    (tmp_path / "x.json").write_bytes(b"\x80\x04\x95 pickle bytes")
    with pytest.raises(ValueError, match="not a saved network"):
        nn.load(tmp_path / "x.json")


@settings(max_examples=25, deadline=None)
@given(sizes=st.lists(st.integers(1, 5), min_size=2, max_size=4), m=st.integers(1, 6),
       cost=st.sampled_from(COSTS), seed=st.integers(0, 2**16))
def test_gradcheck_on_random_networks(sizes, m, cost, seed):
    rng = np.random.default_rng(seed)
    net = nn.Network(sizes, cost=cost, seed=seed)
    X, y = batch(rng, sizes, m)
    Y = rng.random((m, sizes[-1])) if cost != "log-likelihood" else np.eye(sizes[-1])[y]   # soft targets too
    for err_b, err_w in nn.gradcheck(net, X, Y):
        assert err_b < 1e-6 and err_w < 1e-6


# ----- Nielsen's calls ----------------------------------------------------------------------------
def test_sgd_without_evaluation_data_just_trains(rng):
    """network.py's call net.SGD(training_data, 30, 10, 3.0): no evaluation data, no error."""
    net = nn.Network([3, 4, 2], seed=0)
    data = batch(rng, [3, 4, 2], 20)
    before = [w.copy() for w in net.weights]
    assert net.SGD(data, 2, 10, 3.0) == {}
    assert any(not np.array_equal(w, w0) for w, w0 in zip(net.weights, before))


def test_sgd_monitors_evaluation_accuracy_by_default_when_given_data(rng):
    data = batch(rng, [3, 4, 2], 20)
    history = nn.Network([3, 4, 2], seed=0).SGD(data, 2, 10, 3.0, evaluation_data=data)
    assert list(history) == ["evaluation_accuracy"] and len(history["evaluation_accuracy"]) == 2


def test_nielsens_keywords(rng):
    """test_data= (network.py) and the monitor_* flags (network2.py) mean what they say."""
    data = batch(rng, [3, 4, 2], 20)
    a = nn.Network([3, 4, 2], seed=0).SGD(data, 2, 10, 3.0, test_data=data)
    b = nn.Network([3, 4, 2], seed=0).SGD(data, 2, 10, 3.0, evaluation_data=data)
    assert a == b
    history = nn.Network([3, 4, 2], seed=0).SGD(
        data, 2, 10, 3.0, lmbda=1.0, evaluation_data=data, monitor_evaluation_cost=True,
        monitor_evaluation_accuracy=True, monitor_training_cost=True,
        monitor_training_accuracy=False)
    assert set(history) == {"evaluation_cost", "evaluation_accuracy", "training_cost"}
    with pytest.raises(TypeError, match="monitor_test_cost"):
        nn.Network([3, 2], seed=0).SGD(data, 1, 10, 3.0, monitor_test_cost=True)
    with pytest.raises(ValueError, match="not both"):
        nn.Network([3, 4, 2], seed=0).SGD(data, 1, 10, 3.0, evaluation_data=data, test_data=data)


def test_nielsens_initializers_and_evaluate(rng):
    net = nn.Network([30, 40, 2], seed=0)
    net.large_weight_initializer()
    assert net.init == "large" and 0.8 < net.weights[0].std() < 1.2
    net.default_weight_initializer()
    assert net.init == "scaled" and 0.8 < net.weights[0].std() * np.sqrt(30) < 1.2
    data = batch(rng, [30, 40, 2], 20)
    assert net.evaluate(data) == net.accuracy(data)
