"""One sigmoid neuron with one input, trained by gradient descent: the toy model of the
learning slowdown. a = sigma(w x + b); the cost is the quadratic or cross-entropy cost
of that single example, so dC/dw = delta x and dC/db = delta with delta = dC/dz (BP1).
"""
import numpy as np

from .activations import sigmoid
from .costs import get_cost


def train_neuron(w, b, x=1.0, y=0.0, eta=0.15, epochs=300, cost="quadratic"):
    """Gradient descent on (w, b) for ``epochs`` steps.

    Returns a dict of float arrays of length epochs + 1 (index 0 is the start):
    "w", "b", "a" (the output sigma(w x + b)) and "cost".
    """
    cost = get_cost(cost)
    if cost.activation is not sigmoid:
        raise ValueError(
            "train_neuron is a sigmoid neuron: use the quadratic or cross-entropy cost")
    if eta <= 0:
        raise ValueError(f"eta must be positive, got {eta}")
    target = np.array([[y]], dtype=np.float64)
    track = {k: np.empty(epochs + 1) for k in ("w", "b", "a", "cost")}
    for epoch in range(epochs + 1):
        z = np.array([[w * x + b]])
        a = sigmoid(z)
        for key, value in (("w", w), ("b", b), ("a", a[0, 0]),
                           ("cost", cost.fn(a, target))):
            track[key][epoch] = value
        delta = cost.delta(z, a, target)[0, 0]
        w, b = w - eta * delta * x, b - eta * delta
    return track
