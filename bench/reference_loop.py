"""The textbook per-example implementation, kept as the benchmark's baseline.

Each example is a column vector x of shape (n_0, 1); backpropagation runs once per
example and the gradients are summed over the mini-batch in Python. This is the
algorithm of chapter 5 written literally; nn.Network does the same arithmetic with one
matrix product per layer for the whole mini-batch.
"""
import numpy as np

from nn import sigmoid


class LoopNetwork:
    def __init__(self, sizes, seed=0, dtype=np.float64):
        rng = np.random.default_rng(seed)
        self.biases = [rng.standard_normal((n, 1)).astype(dtype) for n in sizes[1:]]
        self.weights = [rng.standard_normal((n, k)).astype(dtype) for k, n in zip(sizes[:-1], sizes[1:])]
        self.rng = rng

    def backprop(self, x, y):
        """Gradients of the quadratic cost of one example (x, y: column vectors)."""
        activations, a = [x], x
        for w, b in zip(self.weights, self.biases):
            a = sigmoid(w @ a + b)
            activations.append(a)
        delta = (a - y) * a * (1 - a)                                    # BP1
        nabla_b, nabla_w = [None] * len(self.weights), [None] * len(self.weights)
        for i in range(len(self.weights) - 1, -1, -1):
            nabla_b[i] = delta                                           # BP3
            nabla_w[i] = delta @ activations[i].T                        # BP4
            if i:
                a = activations[i]
                delta = (self.weights[i].T @ delta) * a * (1 - a)       # BP2
        return nabla_b, nabla_w

    def train_epoch(self, X, Y, mini_batch_size, eta):
        """One epoch of SGD; X (n, n_0), Y one-hot (n, n_L)."""
        order = self.rng.permutation(len(X))
        for start in range(0, len(X), mini_batch_size):
            batch = order[start:start + mini_batch_size]
            sum_b = [np.zeros_like(b) for b in self.biases]
            sum_w = [np.zeros_like(w) for w in self.weights]
            for k in batch:
                nabla_b, nabla_w = self.backprop(X[k][:, None], Y[k][:, None])
                sum_b = [s + g for s, g in zip(sum_b, nabla_b)]
                sum_w = [s + g for s, g in zip(sum_w, nabla_w)]
            self.weights = [w - eta / len(batch) * g for w, g in zip(self.weights, sum_w)]
            self.biases = [b - eta / len(batch) * g for b, g in zip(self.biases, sum_b)]
