"""Several networks of one shape, one per seed, trained side by side.

Training the seeds of one configuration one after the other repeats, for every seed, the
Python and numpy overhead of each mini-batch, and the matrix products of a small network
at m = 10 are too small to keep a core busy. An Ensemble stacks the parameters of its S
networks on a leading axis, w^l of shape ``(S, n_l, n_{l-1})``, and moves the S
mini-batches (each network its own shuffle) through each layer in one ``np.matmul``:
the code of ``Network.SGD`` run on stacked arrays.

Each network computes exactly what ``Network(sizes, ..., seed=s).SGD(...)`` computes:
the same initial weights, the same shuffles and dropout masks from its own generator,
the same operations on its slice of the stack (tests/test_ensemble.py checks this bit
for bit).
"""
import numpy as np

from .network import Network, TrainingPlan


class Ensemble:
    """``Ensemble(sizes, seeds, cost, init, dtype, activation)``: one
    ``Network(sizes, cost, init, seed, dtype, activation)`` per seed, in
    ``self.networks``.

    Each network's weights and biases are views of the ensemble's stacked arrays, so
    after ``SGD`` every network holds its trained parameters and can be used (and
    saved) on its own.
    """

    def __init__(self, sizes, seeds, **network_options):
        seeds = list(seeds)
        if not seeds:
            raise ValueError("an Ensemble needs at least one seed")
        self.networks = [Network(sizes, seed=s, **network_options) for s in seeds]
        self.seeds = seeds
        first = self.networks[0]
        # the stacked network: Network's attributes, parameters of shape (S, ...)
        self.stacked = _Stack.__new__(_Stack)
        self.stacked.__dict__.update(first.__dict__)
        self.stacked.weights = [np.stack(ws) for ws in
                                zip(*(net.weights for net in self.networks))]
        self.stacked.biases = [np.stack(bs) for bs in
                               zip(*(net.biases for net in self.networks))]
        for s, net in enumerate(self.networks):
            net.weights = [w[s] for w in self.stacked.weights]
            net.biases = [b[s] for b in self.stacked.biases]

    def __repr__(self):
        return f"Ensemble of {len(self.networks)}: {self.networks[0]!r}"

    def SGD(self, training_data, epochs, mini_batch_size, eta, **options):
        """``Network.SGD`` for every network at once, with the same arguments; returns
        one history per network, in the order of the seeds."""
        plan = TrainingPlan(self.stacked, training_data, epochs, mini_batch_size, eta,
                            monitor_flags={k: v for k, v in options.items()
                                           if k.startswith("monitor_")},
                            **{k: v for k, v in options.items()
                               if not k.startswith("monitor_")})
        return self.stacked._train(plan, self.networks)


class _Stack(Network):
    """The S networks of an Ensemble as one Network whose parameters carry a leading
    axis, w^l of shape ``(S, n_l, n_{l-1})``: Network's training code runs on it as is."""

    def _outputs(self, X):
        """a^L of every network for one batch X ``(m, n_0)``: shape ``(S, m, n_L)``.

        Every network reads the same X, so the first layer of all S networks is one
        matrix product, X [w_1; ...; w_S]^T of shape ``(m, S n_1)``: X is read once,
        not S times (the evaluation after each epoch passes 10,000 or 50,000 images).
        Each entry is the same dot product as in ``Network._output``, so each network
        gets the same outputs, bit for bit (tests/test_ensemble.py)."""
        w = self.weights[0]
        S, n_1, n_0 = w.shape
        z = X @ w.reshape(S * n_1, n_0).T
        z = np.ascontiguousarray(z.reshape(len(X), S, n_1).transpose(1, 0, 2))
        last = len(self.weights) - 1
        for i, b in enumerate(self.biases):
            if i > 0:
                z = np.matmul(a, self.weights[i].mT)
            z += b[:, None, :]
            a = np.empty_like(z)
            (self.cost.activation if i == last else self.hidden[i].fn)(z, out=a)
        return a
