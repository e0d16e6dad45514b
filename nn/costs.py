"""Cost functions. Each is a class of two static methods:

- ``fn(a, y)``: the cost averaged over the examples of a batch,
  C = (1/m) sum_x C_x, with a and y of shape ``(m, n_L)``;
- ``delta(z, a, y)``: the output error of each example, delta^L = dC_x/dz^L, shape
  ``(m, n_L)`` (equation BP1; averaging over the batch happens in backprop).

``activation`` is the output-layer activation the cost is meant for.
"""
import numpy as np

from .activations import sigmoid, softmax


def _log(a):
    """ln a with a clipped away from 0, so a saturated output gives a large finite cost
    instead of log(0) = -inf and then 0 * inf = NaN."""
    return np.log(np.maximum(a, np.finfo(np.result_type(a, np.float32)).tiny))


class QuadraticCost:
    """C_x = 1/2 ||y - a^L||^2; delta^L = (a^L - y) * sigma'(z^L)."""
    name = "quadratic"
    activation = staticmethod(sigmoid)

    @staticmethod
    def fn(a, y):
        return 0.5 * float(np.sum((a - y) ** 2)) / len(a)

    @staticmethod
    def delta(z, a, y):
        # sigma'(z) = a (1 - a): reuse the stored activation instead of recomputing exp.
        return (a - y) * a * (1.0 - a)


class CrossEntropyCost:
    """C_x = -sum_j [y_j ln a_j + (1 - y_j) ln(1 - a_j)]; delta^L = a^L - y.

    The sigma'(z) of the quadratic cost cancels, which is what cures the learning
    slowdown.
    """
    name = "cross-entropy"
    activation = staticmethod(sigmoid)

    @staticmethod
    def fn(a, y):
        return -float(np.sum(y * _log(a) + (1.0 - y) * _log(1.0 - a))) / len(a)

    @staticmethod
    def delta(z, a, y):
        return a - y


class LogLikelihoodCost:
    """C_x = -ln a_y (for one-hot y: -sum_j y_j ln a_j) with a softmax output layer;
    delta^L = a^L - y."""
    name = "log-likelihood"
    activation = staticmethod(softmax)

    @staticmethod
    def fn(a, y):
        return -float(np.sum(y * _log(a))) / len(a)

    @staticmethod
    def delta(z, a, y):
        return a - y


COSTS = {c.name: c for c in (QuadraticCost, CrossEntropyCost, LogLikelihoodCost)}


def get_cost(cost):
    """Return the cost class for a class or a name ("quadratic", "cross-entropy",
    "log-likelihood")."""
    if isinstance(cost, str):
        if cost not in COSTS:
            raise ValueError(f"unknown cost {cost!r}; choose one of {sorted(COSTS)}")
        return COSTS[cost]
    if cost in COSTS.values():
        return cost
    raise TypeError(f"cost must be one of {sorted(COSTS)} or nn.QuadraticCost, "
                    f"nn.CrossEntropyCost, nn.LogLikelihoodCost; got {cost!r}")
