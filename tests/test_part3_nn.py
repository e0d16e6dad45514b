"""nn's additions for Part III: tanh and ReLU hidden layers, dropout, momentum, the
learning-rate schedule and the expansion of the training data."""
import numpy as np
import pytest

import nn
from nn.dropout import dropout_masks, dropout_rates
from nn.expand import expand, rotate, shift
from nn.schedule import sgd_with_schedule


def batch(rng, sizes, m):
    return rng.random((m, sizes[0])), rng.integers(0, sizes[-1], m)


# ------------------------------------------------------------------------ activations
def test_sigmoid_is_a_rescaled_tanh():
    z = np.linspace(-30, 30, 1001)
    np.testing.assert_allclose(nn.sigmoid(z), (1 + np.tanh(z / 2)) / 2, atol=1e-15)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu"])
def test_slope_from_output_is_the_derivative(name):
    f = nn.activations.HIDDEN[name]
    z = np.linspace(-4, 4, 81) + 0.013  # avoid relu's kink at 0
    numeric = (f.fn(z + 1e-6) - f.fn(z - 1e-6)) / 2e-6
    slope = f.slope(f.fn(z), out=np.empty_like(z))
    np.testing.assert_allclose(slope, numeric, atol=1e-8)
    prime = {"sigmoid": nn.sigmoid_prime, "tanh": nn.tanh_prime,
             "relu": nn.relu_prime}[name]
    np.testing.assert_allclose(prime(z), numeric, atol=1e-8)


def test_saturation_sigmoid_slope_at_most_a_quarter_relu_slope_one():
    z = np.linspace(-20, 20, 4001)
    assert nn.sigmoid_prime(z).max() == pytest.approx(0.25)
    assert nn.tanh_prime(z).max() == pytest.approx(1.0)
    assert np.all(nn.relu_prime(z[z > 0]) == 1) and np.all(nn.relu_prime(z[z <= 0]) == 0)


@pytest.mark.parametrize("activation", ["tanh", "relu", ["relu", "tanh"]])
@pytest.mark.parametrize("cost", ["quadratic", "cross-entropy", "log-likelihood"])
def test_gradcheck_with_other_hidden_activations(activation, cost, rng):
    net = nn.Network([5, 4, 6, 3], cost=cost, seed=3, activation=activation)
    X, y = batch(rng, net.sizes, 7)
    for error_b, error_w in nn.gradcheck(net, X, y, lmbda=0.5):
        assert error_b < 1e-6 and error_w < 1e-6


def test_activation_names_and_errors():
    assert nn.Network([2, 3, 3, 1], activation="relu").activation == ["relu", "relu"]
    assert nn.Network([2, 1]).activation == []
    with pytest.raises(ValueError, match="unknown activation 'softplus'"):
        nn.Network([2, 3, 1], activation="softplus")
    with pytest.raises(ValueError, match="list of 2 names"):
        nn.Network([2, 3, 3, 1], activation=["relu"])


def test_activation_survives_save_and_load(tmp_path, rng):
    net = nn.Network([4, 5, 3, 2], activation=["tanh", "relu"], seed=1)
    net.save(tmp_path / "net.json")
    again = nn.load(tmp_path / "net.json")
    assert again.activation == ["tanh", "relu"]
    X = rng.random((6, 4))
    np.testing.assert_array_equal(again.feedforward(X), net.feedforward(X))


# ---------------------------------------------------------------------------- dropout
def test_dropout_masks_drop_at_the_rate_and_keep_the_mean():
    masks = dropout_masks(np.random.default_rng(0), 4000, [5, 50, 20, 2], [0.5, 0.2])
    assert [m.shape for m in masks] == [(4000, 50), (4000, 20)]
    for mask, p in zip(masks, [0.5, 0.2]):
        assert set(np.unique(mask)) == {0.0, 1 / (1 - p)}
        assert np.mean(mask == 0) == pytest.approx(p, abs=0.01)
        assert mask.mean() == pytest.approx(1.0, abs=0.02)


@pytest.mark.parametrize("rate, match", [(1.0, r"\[0, 1\)"), (-0.1, r"\[0, 1\)"),
                                         ([0.5], "list of 2 rates"), ("half", "number")])
def test_bad_dropout_rates(rate, match):
    with pytest.raises(ValueError, match=match):
        dropout_rates(rate, 2)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_gradcheck_with_a_fixed_dropout_mask(activation, rng):
    net = nn.Network([6, 8, 7, 3], cost="cross-entropy", seed=4, activation=activation)
    X, y = batch(rng, net.sizes, 5)
    masks = dropout_masks(rng, 5, net.sizes, 0.5)
    for error_b, error_w in nn.gradcheck(net, X, y, masks=masks):
        assert error_b < 1e-6 and error_w < 1e-6
    # the mask matters: the masked gradient is not the unmasked one
    masked, plain = net.backprop(X, y, masks=masks)[1][0], net.backprop(X, y)[1][0]
    assert not np.allclose(masked, plain)


def test_a_dropped_neuron_passes_nothing_on(rng):
    net = nn.Network([3, 4, 2], seed=0)
    X = rng.random((2, 3))
    mask = np.full((2, 4), 2.0)
    mask[:, 1] = 0.0
    zs, acts = net.forward(X, masks=[mask])
    assert np.all(acts[1][:, 1] == 0)
    nabla_w = net.backprop(X, [0, 1], masks=[mask])[1]
    assert np.all(nabla_w[0][1] == 0)  # no gradient into the dropped neuron


def test_bad_masks(rng):
    net = nn.Network([3, 4, 2])
    with pytest.raises(ValueError, match="list of 1 arrays"):
        net.forward(rng.random((2, 3)), masks=[])
    with pytest.raises(ValueError, match=r"shape \(2, 3\), expected \(2, 4\)"):
        net.forward(rng.random((2, 3)), masks=[np.ones((2, 3))])


def test_dropout_trains_and_evaluation_is_deterministic(rng):
    X = rng.random((300, 2))
    y = (X[:, 0] > X[:, 1]).astype(int)
    net = nn.Network([2, 40, 2], seed=0)
    history = net.SGD((X, y), 30, 10, 2.0, dropout=0.3, evaluation_data=(X, y))
    assert history["evaluation_accuracy"][-1] > 0.9
    np.testing.assert_array_equal(net.feedforward(X), net.feedforward(X))


def test_dropout_zero_is_plain_sgd(rng):
    X, y = batch(rng, [4, 5, 3], 40)
    a, b = nn.Network([4, 5, 3], seed=1), nn.Network([4, 5, 3], seed=1)
    a.SGD((X, y), 2, 10, 0.5)
    b.SGD((X, y), 2, 10, 0.5, dropout=0.0, mu=0.0)
    for u, v in zip(a.weights + a.biases, b.weights + b.biases):
        np.testing.assert_array_equal(u, v)


# --------------------------------------------------------------------------- momentum
@pytest.mark.parametrize("lmbda, penalty", [(0.0, "l2"), (2.0, "l2"), (2.0, "l1")])
def test_two_momentum_steps_are_the_update_rule(lmbda, penalty, rng):
    """One mini-batch holding the whole set: each epoch is one step,
    v -> mu v - eta grad C, w -> w + v."""
    net = nn.Network([4, 3, 2], cost="cross-entropy", seed=2)
    X, y = batch(rng, net.sizes, 8)
    eta, mu, n = 0.5, 0.7, 8
    ws, bs = [w.copy() for w in net.weights], [b.copy() for b in net.biases]
    vw, vb = [np.zeros_like(w) for w in ws], [np.zeros_like(b) for b in bs]
    probe = nn.Network([4, 3, 2], cost="cross-entropy")
    for _ in range(2):
        probe.weights, probe.biases = [w.copy() for w in ws], [b.copy() for b in bs]
        nabla_b, nabla_w = probe.backprop(X, y)
        for i in range(2):
            reg = (lmbda / n) * (ws[i] if penalty == "l2" else np.sign(ws[i]))
            vw[i] = mu * vw[i] - eta * (nabla_w[i] + reg)
            vb[i] = mu * vb[i] - eta * nabla_b[i]
            ws[i], bs[i] = ws[i] + vw[i], bs[i] + vb[i]
    net.SGD((X, y), 1, 8, eta, lmbda=lmbda, penalty=penalty, mu=mu, monitor=())
    # the velocity restarts with each call of SGD, so train both epochs in one call
    net2 = nn.Network([4, 3, 2], cost="cross-entropy", seed=2)
    net2.SGD((X, y), 2, 8, eta, lmbda=lmbda, penalty=penalty, mu=mu, monitor=())
    for got, want in zip(net2.weights + net2.biases, ws + bs):
        np.testing.assert_allclose(got, want, atol=1e-13)


@pytest.mark.parametrize("mu", [-0.1, 1.0, float("nan"), True])
def test_bad_momentum(mu, rng):
    with pytest.raises(ValueError, match="momentum coefficient"):
        nn.Network([2, 2]).SGD(batch(rng, [2, 2], 4), 1, 2, 0.1, mu=mu)


# --------------------------------------------------------------------------- schedule
class ScriptedNet:
    """A stand-in for a Network whose validation accuracies are given in advance."""

    def __init__(self, accuracies):
        self.accuracies, self.etas = list(accuracies), []

    def SGD(self, training_data, epochs, mini_batch_size, eta, **kwargs):
        self.etas.append(eta)
        return {"evaluation_accuracy": [self.accuracies.pop(0)]}


def test_early_stopping_after_patience_epochs_without_improvement():
    net = ScriptedNet([0.5, 0.6, 0.6, 0.59, 0.7, 0.9])
    history = sgd_with_schedule(net, None, None, 100, 10, 1.0, patience=2)
    assert history["evaluation_accuracy"] == [0.5, 0.6, 0.6, 0.59]
    assert net.etas == [1.0] * 4


def test_schedule_halves_eta_on_each_stall_then_stops():
    accuracies = [0.5, 0.5, 0.6, 0.6, 0.6, 0.61, 0.6, 0.6, 0.1]
    net = ScriptedNet(accuracies)
    history = sgd_with_schedule(net, None, None, 100, 10, 1.0, patience=2, halvings=1)
    assert history["eta"] == [1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5]
    assert net.etas == history["eta"]
    net = ScriptedNet([0.1 * k for k in range(10)])
    assert len(sgd_with_schedule(net, None, None, 4, 10, 1.0, patience=1)["eta"]) == 4


@pytest.mark.parametrize("kwargs", [dict(patience=0), dict(patience=2, halvings=-1)])
def test_bad_schedule(kwargs):
    with pytest.raises(ValueError):
        sgd_with_schedule(ScriptedNet([]), None, None, 3, 10, 1.0, **kwargs)


# -------------------------------------------------------------------------- expansion
def test_shift_moves_every_pixel_and_fills_with_zeros(rng):
    images = rng.random((3, 784))
    squares = images.reshape(3, 28, 28)
    right = shift(images, 1, 0).reshape(3, 28, 28)
    np.testing.assert_array_equal(right[:, :, 1:], squares[:, :, :-1])
    assert np.all(right[:, :, 0] == 0)
    up = shift(squares, 0, -2)
    np.testing.assert_array_equal(up[:, :-2], squares[:, 2:])
    assert np.all(up[:, -2:] == 0)
    np.testing.assert_array_equal(shift(shift(images, 1, 1), -1, -1).reshape(3, 28, 28)
                                  [:, :-1, :-1], squares[:, :-1, :-1])


def test_rotate_keeps_the_shape_and_turns_by_the_angle():
    image = np.zeros((1, 28, 28))
    image[0, 4:24, 13:15] = 1.0           # a vertical bar through the centre
    assert np.allclose(rotate(image, 0), image)
    turned = rotate(image, 90)
    assert turned.shape == image.shape
    assert turned[0, 13:15, 4:24].mean() > 0.9 and turned[0, 4:24, 13:15].sum() < 20
    assert rotate(image.reshape(1, 784), 10).shape == (1, 784)
    assert 0 <= rotate(image, 33).min() and rotate(image, 33).max() <= 1


def test_expand_stacks_originals_then_shifts_then_rotations(rng):
    X, y = rng.random((4, 784)), np.array([1, 2, 3, 4])
    X2, y2 = expand((X, y), angles=(-10, 10))
    assert X2.shape == (28, 784) and list(y2) == [1, 2, 3, 4] * 7
    np.testing.assert_array_equal(X2[:4], X)
    np.testing.assert_array_equal(X2[4:8], shift(X, 0, -1))
    np.testing.assert_array_equal(X2[24:], rotate(X, 10))
    assert expand((X, y), shifts=False)[0].shape == (4, 784)


@pytest.mark.parametrize("images, error", [(np.zeros((2, 780)), ValueError),
                                           (np.zeros((2, 784), int), TypeError)])
def test_expand_rejects_what_is_not_mnist_images(images, error):
    with pytest.raises(error):
        shift(images, 1, 0)
