"""Gradient checking: compare backpropagation with finite differences.

dC/dv ~ (C(v + eps) - C(v - eps)) / (2 eps), one parameter at a time. The error of
this central difference is O(eps^2), so in float64 with eps = 1e-6 the two gradients
agree to about 1e-9 relative error when backprop is right.
"""
import numpy as np

from .penalty import Penalty


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of the scalar f() with respect to the array x.

    f takes no arguments and reads x; each entry of x is nudged in place and restored.
    Returns an array shaped like x.
    """
    grad = np.zeros(x.shape, dtype=np.float64)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + eps
        up = f()
        x[i] = old - eps
        down = f()
        x[i] = old
        grad[i] = (up - down) / (2 * eps)
    return grad


def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||), and 0 when both are 0."""
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / scale) if scale else 0.0


def gradcheck(net, X, Y, lmbda=0.0, penalty="l2", n=None, eps=1e-6, masks=None):
    """Relative error between backprop and finite differences, per layer.

    The cost is the mean cost over the batch plus the penalty (as net.total_cost((X, Y),
    lmbda, n, penalty)), whose gradient lmbda/n w (L2) or lmbda/n sgn(w) (L1) is added
    to backprop's. masks: fixed dropout masks of the hidden layers (nn.dropout), used
    by both. Returns ``[(error_b, error_w), ...]``, one pair per layer. Use a float64
    network: float32 rounding swamps the finite differences.
    """
    penalty = Penalty(lmbda, penalty, len(X) if n is None else n)
    nabla_b, nabla_w = net.backprop(X, Y, masks=masks)
    X, Y = net._prepare(X, Y)

    def cost():
        a = net.forward(X, masks=masks)[1][-1]
        return net.cost.fn(a, Y) + penalty.cost(net.weights)

    errors = []
    for b, w, gb, gw in zip(net.biases, net.weights, nabla_b, nabla_w):
        gw = gw + penalty.gradient(w)
        errors.append((relative_error(numerical_gradient(cost, b, eps), gb),
                       relative_error(numerical_gradient(cost, w, eps), gw)))
    return errors
