"""The facts chapter 13 derives and checks in its cells, checked again without MNIST:
the gradient of a chain of neurons as a product of factors, the bound sigma' <= 1/4,
the exploding chain, the band where a factor reaches 1, the matrix form of the error,
and the vanishing gradient of a deep sigmoid network at initialization."""
import numpy as np
import pytest

import nn

sp = nn.sigmoid_prime


def chain_product(chain, x, y):
    """dC/db_1 of a chain [1, 1, ..., 1] with the quadratic cost, by the product
    sigma'(z_1) w_2 sigma'(z_2) ... w_L sigma'(z_L) dC/da_L of the chapter."""
    zs, acts = chain.forward(np.array([[x]]))
    z = [float(zl[0, 0]) for zl in zs]
    w = [float(wl[0, 0]) for wl in chain.weights]
    product = float(acts[-1][0, 0] - y) * sp(z[-1])
    for j in range(len(z) - 2, -1, -1):
        product *= w[j + 1] * sp(z[j])
    return product


@pytest.mark.parametrize("seed", range(20))
def test_the_chain_product_is_backprops_gradient(seed):
    rng = np.random.default_rng(seed)
    chain = nn.Network([1, 1, 1, 1, 1], cost="quadratic", seed=seed)
    x, y = rng.uniform(-1, 1), rng.uniform(0, 1)
    nabla_b, _ = chain.backprop(np.array([[x]]), np.array([[y]]))
    product = chain_product(chain, x, y)
    assert product == pytest.approx(nabla_b[0][0], rel=1e-12, abs=1e-300)
    fd = nn.numerical_gradient(
        lambda: chain.cost.fn(chain.feedforward(np.array([[x]])), np.array([[y]])),
        chain.biases[0])
    assert fd[0] == pytest.approx(product, rel=1e-5, abs=1e-9)   # rounding / eps


def test_a_wrong_product_is_caught():
    """The product without one of its factors is not the gradient: the test above can
    fail."""
    chain = nn.Network([1, 1, 1, 1, 1], cost="quadratic", seed=3)
    nabla_b, _ = chain.backprop(np.array([[0.5]]), np.array([[0.0]]))
    wrong = chain_product(chain, 0.5, 0.0) / float(chain.weights[2][0, 0])
    assert wrong != pytest.approx(nabla_b[0][0], rel=1e-6)


def test_sigma_prime_is_at_most_a_quarter():
    z = np.linspace(-30, 30, 600_001)
    assert sp(z).max() <= 0.25
    assert sp(0.0) == 0.25
    assert np.all(sp(z[z != 0]) < 0.25)


def test_small_weights_shrink_the_gradient_by_a_quarter_per_layer():
    rng = np.random.default_rng(0)
    for _ in range(2000):
        chain = nn.Network([1, 1, 1, 1, 1], cost="quadratic",
                           seed=int(rng.integers(1 << 30)))
        for w in chain.weights[1:]:
            w[0, 0] = rng.uniform(-1, 1)            # |w_2|, |w_3|, |w_4| <= 1
        nabla_b, _ = chain.backprop(np.array([[1.0]]), np.array([[0.0]]))
        assert abs(nabla_b[0][0]) <= abs(nabla_b[3][0]) / 64


def test_the_exploding_chain_multiplies_by_25_per_layer():
    boom = nn.Network([1, 1, 1, 1, 1], cost="quadratic")
    a_prev = 1.0
    for j in range(4):
        boom.weights[j][0, 0] = 100.0
        boom.biases[j][0] = -100.0 * a_prev
        a_prev = 0.5
    zs, _ = boom.forward(np.array([[1.0]]))
    assert all(zl[0, 0] == 0 for zl in zs)
    g, _ = boom.backprop(np.array([[1.0]]), np.array([[0.0]]))
    for j in range(3):
        assert g[j][0] / g[j + 1][0] == pytest.approx(25, rel=1e-12)
    assert g[0][0] / g[3][0] == pytest.approx(25 ** 3, rel=1e-12)
    # printed with .7g, the gradients are exact: 1953.125 / 0.125 = 15,625 on the page
    shown = [float(f"{g[j][0]:.7g}") for j in range(4)]
    assert shown == [1953.125, 78.125, 3.125, 0.125]
    assert shown[0] / shown[3] == 25 ** 3


def band_formula(w):
    r = np.sqrt(1 - 4 / abs(w))
    return 2 / abs(w) * np.log(abs(w) * (1 + r) / 2 - 1)


@pytest.mark.parametrize("w", [4.5, 6.9, 10.0, -12.0, 30.0])
def test_the_band_where_a_factor_reaches_one(w):
    step = 1e-6
    a = np.arange(-2, 2, step)
    measured = step * np.count_nonzero(abs(w) * sp(w * a + 0.3) >= 1)
    assert measured == pytest.approx(band_formula(w), abs=5 * step)


def test_no_band_below_four_and_the_widest_band():
    a = np.linspace(-5, 5, 100_001)
    assert not np.any(3.99 * sp(3.99 * a) >= 1)
    ws = np.arange(4.0, 40.0, 1e-3)
    widths = band_formula(ws)
    assert ws[np.argmax(widths)] == pytest.approx(6.9, abs=0.05)
    assert widths.max() == pytest.approx(0.45, abs=0.005)


def test_the_matrix_form_of_the_error():
    """delta^1 = Sigma'(z^1) (w^2)^T ... Sigma'(z^L) grad_a C, for a random network."""
    rng = np.random.default_rng(1)
    net = nn.Network([8, 6, 5, 4, 3], cost="cross-entropy", seed=2)
    x, y = rng.uniform(0, 1, (1, 8)), np.array([[0.0, 1.0, 0.0]])
    zs, acts = net.forward(x)
    a_L = acts[-1][0]
    delta = np.diag(sp(zs[-1][0])) @ ((a_L - y[0]) / (a_L * (1 - a_L)))
    for k in range(len(zs) - 2, -1, -1):
        delta = np.diag(sp(zs[k][0])) @ net.weights[k + 1].T @ delta
    nabla_b, _ = net.backprop(x, y)
    assert np.allclose(delta, nabla_b[0], rtol=1e-12, atol=1e-15)


def hidden_norms(net, X, y):
    nabla_b, _ = net.backprop(X, y)
    return np.array([np.linalg.norm(nb) for nb in nabla_b[:-1]])


@pytest.fixture(scope="module")
def synthetic():
    """MNIST-like inputs without MNIST: 500 random 'images' in [0, 1] with a sparse
    pattern of ink, and random labels."""
    rng = np.random.default_rng(7)
    X = rng.uniform(0, 1, (500, 784)) * (rng.uniform(0, 1, (500, 784)) < 0.2)
    y = rng.integers(0, 10, 500)
    return X, y


def test_the_gradient_vanishes_towards_the_first_layer(synthetic):
    """In a deep sigmoid network with scaled weights, each hidden layer's bias gradient
    is shorter than the next one's, for each of 20 seeds, and the first is at least 20
    times shorter than the last."""
    X, y = synthetic
    for seed in range(20):
        net = nn.Network([784, 30, 30, 30, 30, 10], cost="cross-entropy", seed=seed)
        norms = hidden_norms(net, X, y)
        assert np.all(np.diff(norms) > 0), (seed, norms)
        assert norms[-1] / norms[0] > 20, (seed, norms)


def test_relu_with_large_weights_explodes_instead(synthetic):
    X, y = synthetic
    for seed in range(10):
        net = nn.Network([784, 30, 30, 30, 30, 10], cost="cross-entropy", seed=seed,
                         activation="relu", init="large")
        norms = hidden_norms(net, X, y)
        assert norms[0] > norms[-1], (seed, norms)


def test_relu_chain_product_is_the_product_of_the_weights():
    zero = 0
    for seed in range(200):
        chain = nn.Network([1, 1, 1, 1, 1], cost="quadratic", activation="relu",
                           seed=seed)
        zs, _ = chain.forward(np.array([[1.0]]))
        g, _ = chain.backprop(np.array([[1.0]]), np.array([[0.0]]))
        if any(zl[0, 0] <= 0 for zl in zs[:3]):
            assert g[0][0] == 0
            zero += 1
        else:
            w2, w3, w4 = (chain.weights[j][0, 0] for j in (1, 2, 3))
            assert g[0][0] / g[3][0] == pytest.approx(w2 * w3 * w4, rel=1e-12)
    assert 0 < zero < 200


def test_batch_step_by_hand_is_sgd_with_the_whole_batch(synthetic):
    X, y = synthetic
    by_hand = nn.Network([784, 30, 30, 10], cost="cross-entropy", seed=4)
    by_sgd = nn.Network([784, 30, 30, 10], cost="cross-entropy", seed=4)
    by_sgd.SGD((X, y), 1, len(X), 0.1, lmbda=5.0)
    nabla_b, nabla_w = by_hand.backprop(X, y)
    for w, b, nw, nb in zip(by_hand.weights, by_hand.biases, nabla_w, nabla_b):
        w *= 1 - 0.1 * 5.0 / len(X)
        w -= 0.1 * nw
        b -= 0.1 * nb
    for p, q in zip(by_hand.weights + by_hand.biases, by_sgd.weights + by_sgd.biases):
        assert np.allclose(p, q, rtol=0, atol=1e-12)
