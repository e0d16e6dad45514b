"""The facts chapter 11 derives and checks in its cells, checked again without MNIST:
the Newton step, momentum on a quadratic valley, tanh and ReLU and their networks."""
import numpy as np
import pytest

import nn

ANGLE = np.deg2rad(30)
ROTATION = np.array([[np.cos(ANGLE), -np.sin(ANGLE)], [np.sin(ANGLE), np.cos(ANGLE)]])
LAMBDAS = np.array([1.0, 10.0])
H = ROTATION @ np.diag(LAMBDAS) @ ROTATION.T          # chapter 4's valley
V_START = np.array([-2.8, 1.2])


def valley(v):
    return 0.5 * v @ H @ v


def valley_grad(v):
    return H @ v


def momentum_descent(grad, w0, eta, mu, steps):
    w, v = np.array(w0, dtype=float), np.zeros(len(w0))
    path = [w]
    for _ in range(steps):
        v = mu * v - eta * grad(w)
        w = w + v
        path.append(w)
    return np.array(path)


def momentum_matrix(eta_lam, mu):
    return np.array([[1 - eta_lam, mu], [-eta_lam, mu]])


def spectral_radius(M):
    return np.abs(np.linalg.eigvals(M)).max()


# ------------------------------------------------------------------- the Hessian technique
def test_one_newton_step_lands_on_the_minimum_of_a_quadratic():
    rng = np.random.default_rng(0)
    for _ in range(20):
        A = rng.standard_normal((6, 6))
        Hq = A @ A.T + 0.1 * np.eye(6)                  # positive definite
        w_min, w0 = rng.standard_normal(6), rng.standard_normal(6)
        grad = Hq @ (w0 - w_min)                        # C = (w - w_min)^T H (w - w_min) / 2
        assert np.allclose(w0 - np.linalg.solve(Hq, grad), w_min, atol=1e-9)


def test_finite_differences_of_the_gradient_give_the_hessian():
    probe = V_START.copy()
    H_fd = np.array([nn.numerical_gradient(lambda: valley_grad(probe)[i], probe)
                     for i in range(2)])
    assert np.abs(H_fd - H).max() < 1e-8


def test_newton_converges_quadratically_on_the_bowl():
    def grad(v):
        return H @ v + (v @ v) * v

    def hessian(v):
        return H + (v @ v) * np.eye(2) + 2 * np.outer(v, v)

    probe = V_START.copy()
    hess_fd = np.array([nn.numerical_gradient(lambda: grad(probe)[i], probe)
                        for i in range(2)])
    assert np.allclose(hess_fd, hessian(V_START), atol=1e-5)
    v, d = V_START.copy(), [np.linalg.norm(V_START)]
    for _ in range(7):
        v = v - np.linalg.solve(hessian(v), grad(v))
        d.append(np.linalg.norm(v))
    d = np.array(d)
    close = np.flatnonzero(d < 0.5)
    assert np.all(d[close[0] + 1:] <= d[close[0]:-1] ** 2) and d[-1] < 1e-14


def test_hessian_sizes():
    n = 784 * 30 + 30 + 30 * 10 + 10
    assert n == 23_860 and n ** 2 == 569_299_600
    assert 8 * n ** 2 / 1e9 > 4.5                       # GB in double precision


def test_newton_goes_to_a_saddle():
    H_saddle = np.diag([1.0, -1.0])
    v0 = np.array([1.0, 0.5])
    assert np.array_equal(v0 - np.linalg.solve(H_saddle, H_saddle @ v0), np.zeros(2))


# ------------------------------------------------------------------------------- momentum
def test_momentum_with_mu_zero_is_gradient_descent():
    assert np.array_equal(momentum_descent(valley_grad, V_START, 0.05, 0.0, 60),
                          nn.gradient_descent(valley_grad, V_START, 0.05, 60))


def test_momentum_on_the_valley():
    final = {mu: valley(momentum_descent(valley_grad, V_START, 0.05, mu, 60)[-1])
             for mu in (0.0, 0.5, 0.9)}
    assert final[0.5] < final[0.0] / 100 and final[0.9] > final[0.5]


@pytest.mark.parametrize("mu", [0.0, 0.3, 0.5, 0.9])
def test_momentum_stability_region(mu):
    for eta_lam in np.linspace(0.02, 4.2, 211):
        if abs(eta_lam - 2 * (1 + mu)) > 1e-9:
            stable = spectral_radius(momentum_matrix(eta_lam, mu)) < 1
            assert stable == (eta_lam < 2 * (1 + mu))
    assert np.isclose(spectral_radius(momentum_matrix(2 * (1 + mu), mu)), 1)


def test_tuned_heavy_ball_rate():
    kappa = LAMBDAS.max() / LAMBDAS.min()
    eta = 4 / np.sqrt(LAMBDAS).sum() ** 2
    mu = ((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2
    rate = max(spectral_radius(momentum_matrix(eta * lam, mu)) for lam in LAMBDAS)
    assert np.isclose(rate, (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1), rtol=1e-6)


def test_momentum_survives_a_rate_that_makes_descent_diverge():
    assert valley(nn.gradient_descent(valley_grad, V_START, 0.25, 60)[-1]) > 1e3
    assert valley(momentum_descent(valley_grad, V_START, 0.25, 0.5, 60)[-1]) < 1e-3


def test_network_sgd_momentum_is_the_chapter_rule():
    """nn's SGD(mu=...) on one full batch per epoch against v -> mu v - eta grad C."""
    rng = np.random.default_rng(1)
    X, y = rng.standard_normal((8, 5)), np.arange(8) % 3
    net = nn.Network([5, 4, 3], cost="cross-entropy", seed=2)
    ref = nn.Network([5, 4, 3], cost="cross-entropy", seed=2)
    eta, mu, lmbda = 0.5, 0.7, 0.3
    net.SGD((X, y), 4, 8, eta, lmbda=lmbda, mu=mu)
    vw = [np.zeros_like(w) for w in ref.weights]
    vb = [np.zeros_like(b) for b in ref.biases]
    for _ in range(4):
        gb, gw = ref.backprop(X, y)
        for i in range(len(ref.weights)):
            vw[i] = mu * vw[i] - eta * (gw[i] + lmbda / len(X) * ref.weights[i])
            vb[i] = mu * vb[i] - eta * gb[i]
            ref.weights[i] = ref.weights[i] + vw[i]
            ref.biases[i] = ref.biases[i] + vb[i]
    for a, b in zip(net.weights + net.biases, ref.weights + ref.biases):
        assert np.allclose(a, b, rtol=1e-12, atol=1e-12)


# ---------------------------------------------------------------------------- tanh, ReLU
def test_sigmoid_is_a_rescaled_tanh():
    z = np.linspace(-30, 30, 12_001)
    assert np.abs((1 + nn.tanh(z / 2)) / 2 - 1 / (1 + np.exp(-z))).max() < 1e-15
    assert np.allclose(nn.tanh(z), 2 * (1 / (1 + np.exp(-2 * z))) - 1, atol=1e-15)


def test_derivatives():
    z = np.linspace(-5, 5, 1001)
    z = z[np.abs(z) > 1e-3]
    h = 1e-6
    for f, f_prime in [(nn.tanh, nn.tanh_prime), (nn.relu, nn.relu_prime),
                       (nn.sigmoid, nn.sigmoid_prime)]:
        assert np.abs((f(z + h) - f(z - h)) / (2 * h) - f_prime(z)).max() < 1e-8
    assert nn.relu_prime(0.0) == 0 and nn.tanh_prime(0.0) == 1 and nn.sigmoid_prime(0.0) == 0.25
    zz = np.linspace(-20, 20, 40_001)
    assert nn.sigmoid_prime(zz).max() <= 0.25 and nn.tanh_prime(zz).max() <= 1


def test_saturation_thresholds():
    s = (1 + np.sqrt(1 - 4 * 0.01)) / 2
    assert np.isclose(nn.sigmoid_prime(np.log(s / (1 - s))), 0.01)
    assert np.isclose(nn.tanh_prime(np.arctanh(np.sqrt(0.99))), 0.01)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", ["relu", "tanh"]])
def test_gradient_checks(activation):
    rng = np.random.default_rng(1)
    X, y = rng.standard_normal((7, 5)), np.arange(7) % 3
    sizes = [5, 4, 3] if isinstance(activation, str) else [5, 4, 4, 3]
    net = nn.Network(sizes, cost="cross-entropy", seed=2, activation=activation)
    assert max(max(pair) for pair in nn.gradcheck(net, X, y, lmbda=0.5)) < 1e-6


def test_a_tanh_network_is_a_sigmoid_network():
    rng = np.random.default_rng(3)
    X = rng.random((50, 6))
    tanh_net = nn.Network([6, 5, 4], cost="cross-entropy", seed=4, activation="tanh")
    (W1, W2), (b1, b2) = tanh_net.weights, tanh_net.biases
    twin = nn.Network([6, 5, 4], cost="cross-entropy", seed=5)
    twin.weights, twin.biases = [2 * W1, 2 * W2], [2 * b1, b2 - W2.sum(axis=1)]
    assert np.abs(twin.feedforward(X) - tanh_net.feedforward(X)).max() < 1e-12


def test_rescaling_a_relu_layer_changes_nothing():
    rng = np.random.default_rng(6)
    X = rng.random((50, 6))
    net = nn.Network([6, 5, 4], cost="cross-entropy", seed=7, activation="relu")
    (W1, W2), (b1, b2) = net.weights, net.biases
    scaled = nn.Network([6, 5, 4], cost="cross-entropy", seed=8, activation="relu")
    scaled.weights, scaled.biases = [3 * W1, W2 / 3], [3 * b1, b2]
    assert np.abs(scaled.feedforward(X) - net.feedforward(X)).max() < 1e-12
