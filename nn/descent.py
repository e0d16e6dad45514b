"""Gradient descent on a plain function, and batch / stochastic / mini-batch gradient
descent on linear regression: the examples of the gradient-descent chapter."""
import time

import numpy as np


def gradient_descent(grad, v0, eta, steps):
    """Repeat v -> v - eta grad C(v); return the trajectory, shape
    ``(steps + 1, dim)``."""
    v = np.array(v0, dtype=np.float64)
    path = np.empty((steps + 1, v.size))
    path[0] = v
    for t in range(steps):
        v = v - eta * np.asarray(grad(v))
        path[t + 1] = v
    return path


def fit_linear(X, y, eta, epochs, batch_size, seed=0):
    """Fit y ~ X w + b by gradient descent on C = 1/(2n) sum_x (X_x w + b - y_x)^2.

    X: ``(n, d)``, y: ``(n,)``. Each epoch shuffles the data and takes one step per
    batch of ``batch_size`` examples (n: batch gradient descent, 1: stochastic, in
    between: mini-batch), with the gradient of the batch's mean cost. Starts from
    w = 0, b = 0. Returns a dict: "params" ``(updates + 1, d + 1)`` rows
    [w_1..w_d, b]; "cost" the full-data cost after each update; "examples_seen";
    "seconds", the time spent in the updates alone (the bookkeeping of the full cost is
    not counted).
    """
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if X.ndim != 2 or y.shape != (len(X),):
        raise ValueError(f"X must be (n, d) and y (n,), got {X.shape} and {y.shape}")
    if not 1 <= batch_size <= len(X):
        raise ValueError(
            f"batch_size must be between 1 and n = {len(X)}, got {batch_size}")
    rng = np.random.default_rng(seed)
    n, d = X.shape
    w, b = np.zeros(d), 0.0

    def full_cost():
        return 0.5 * np.mean((X @ w + b - y) ** 2)

    params, costs, seen = [np.append(w, b)], [full_cost()], [0]
    seconds = 0.0
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            tic = time.perf_counter()
            idx = order[start:start + batch_size]
            residual = X[idx] @ w + b - y[idx]          # dC/d(prediction), per example
            w = w - eta * (X[idx].T @ residual) / len(idx)
            b = b - eta * residual.mean()
            seconds += time.perf_counter() - tic
            params.append(np.append(w, b))
            costs.append(full_cost())
            seen.append(seen[-1] + len(idx))
    return {"params": np.array(params), "cost": np.array(costs),
            "examples_seen": np.array(seen), "seconds": seconds}
