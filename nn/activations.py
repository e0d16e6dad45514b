"""Activation functions and the perceptron neuron.

Shapes: every function works elementwise on an array of any shape, except `softmax`,
which normalises along the last axis (one example per row of a batch ``(m, n)``).

The hidden layers of a Network use one of ``HIDDEN``: the sigmoid, tanh or the rectified
linear unit, each a class with the function ``fn(z, out)`` and its derivative written in
terms of the output, ``slope(a, out)`` = f'(z) where a = f(z) (no second exponential).
"""
import numpy as np


def sigmoid(z, out=None):
    """sigma(z) = 1 / (1 + e^{-z}), computed as (1 + tanh(z/2)) / 2.

    The tanh form is the same function (multiply numerator and denominator by e^{z/2})
    but never overflows, whatever |z| is. Its absolute error is ~1e-16; for very
    negative z, where sigma(z) < 1e-13, that is a large relative error (the price of
    the fast form). `out` lets the training loop reuse a buffer.
    """
    if out is None:
        return 0.5 + 0.5 * np.tanh(0.5 * np.asarray(z))
    np.multiply(z, 0.5, out=out)        # the same steps, in place, with no new array
    np.tanh(out, out=out)
    out *= 0.5
    out += 0.5
    return out


def sigmoid_prime(z):
    """sigma'(z) = sigma(z) (1 - sigma(z))."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z, out=None):
    """tanh(z) = (e^z - e^{-z}) / (e^z + e^{-z}), in (-1, 1); a rescaled sigmoid:
    sigma(z) = (1 + tanh(z/2)) / 2."""
    return np.tanh(z, out=out)


def tanh_prime(z):
    """tanh'(z) = 1 - tanh(z)^2."""
    return 1.0 - np.tanh(z) ** 2


def relu(z, out=None):
    """The rectified linear unit: max(0, z)."""
    return np.maximum(z, 0.0, out=out)


def relu_prime(z):
    """relu'(z) = 1 for z > 0, else 0 (at z = 0, where relu has no derivative, 0)."""
    return (np.asarray(z) > 0).astype(np.float64)


class Sigmoid:
    """sigma(z); sigma'(z) = a (1 - a) with a = sigma(z)."""
    name = "sigmoid"
    fn = staticmethod(sigmoid)

    @staticmethod
    def slope(a, out):
        np.subtract(1.0, a, out=out)
        out *= a
        return out


class Tanh:
    """tanh(z); tanh'(z) = 1 - a^2 with a = tanh(z)."""
    name = "tanh"
    fn = staticmethod(tanh)

    @staticmethod
    def slope(a, out):
        np.multiply(a, a, out=out)
        np.subtract(1.0, out, out=out)
        return out


class ReLU:
    """max(0, z); relu'(z) = 1 where a = relu(z) > 0, else 0."""
    name = "relu"
    fn = staticmethod(relu)

    @staticmethod
    def slope(a, out):
        return np.greater(a, 0.0, out=out)


HIDDEN = {f.name: f for f in (Sigmoid, Tanh, ReLU)}


def hidden_activations(activation, n_hidden):
    """The activation classes of n_hidden hidden layers, from one name for all of them
    or a list of one name per hidden layer."""
    names = [activation] * n_hidden if isinstance(activation, str) else activation
    if not isinstance(names, (list, tuple)) or len(names) != n_hidden:
        raise ValueError(f"activation must be a name or a list of {n_hidden} names "
                         f"(one per hidden layer), got {activation!r}")
    for name in names:
        if name not in HIDDEN:
            raise ValueError(
                f"unknown activation {name!r}; choose from {sorted(HIDDEN)}")
    return [HIDDEN[name] for name in names]


def softmax(z, c=1.0, out=None):
    """a_j = e^{c z_j} / sum_k e^{c z_k} along the last axis.

    `c` is the sharpness constant: c = 1 is the usual softmax, and as c -> infinity the
    output tends to the one-hot vector of argmax z (ties share the mass equally).
    Subtracting max_k c z_k first changes nothing (softmax is invariant to adding a
    constant to every z_j) and keeps every exponent <= 0, so nothing overflows.
    """
    z = np.asarray(z)
    cz = c * (z if z.dtype.kind == "f" else z.astype(np.float64))
    e = np.subtract(cz, cz.max(axis=-1, keepdims=True), out=out)
    np.exp(e, out=e)
    e /= e.sum(axis=-1, keepdims=True)
    return e


def step(z):
    """The perceptron's step function: 1 where z > 0, else 0 (as integers)."""
    return (np.asarray(z) > 0).astype(np.int64)


def perceptron(x, w, b):
    """Output of a perceptron: 1 if w.x + b > 0, else 0.

    x: inputs of shape ``(n,)`` (one example) or ``(m, n)`` (one example per row);
    w: weights ``(n,)``; b: the bias, a number (b = -threshold).
    Returns an int (one example) or an int array ``(m,)``.
    """
    x, w = np.asarray(x), np.asarray(w)
    if w.ndim != 1 or x.shape[-1] != w.shape[0]:
        raise ValueError(
            f"perceptron: x has shape {x.shape} but w has shape {w.shape}; "
            "the last axis of x must match the length of w")
    return step(x @ w + b)
