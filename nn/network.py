"""A feedforward network of sigmoid neurons (or tanh, or rectified linear units, in the
hidden layers), trained by mini-batch stochastic gradient descent with backpropagation,
optionally with momentum and dropout: fully matrix-based over the mini-batch.

Notation (the book's): layer l has n_l neurons; w^l of shape ``(n_l, n_{l-1})`` holds
w^l_{jk}, the weight from neuron k in layer l-1 to neuron j in layer l; b^l has shape
``(n_l,)``; z^l = w^l a^{l-1} + b^l and a^l = sigma(z^l). In code the layers are counted
from 0 (the input), so ``weights[i]`` is the w of layer i+1 and ``activations[0]`` is x.

A batch holds one example per ROW: X has shape ``(m, n_0)``, and the whole batch moves
through a layer in one matrix product, Z^l = A^{l-1} (w^l)^T + b^l, shape ``(m, n_l)``
(row x of Z^l is z^{x,l}).
"""
import json

import numpy as np

from .activations import hidden_activations
from .costs import CrossEntropyCost, get_cost
from .data import one_hot
from .dropout import dropout_masks, dropout_rates

MONITORS = ("training_cost", "training_accuracy", "evaluation_cost",
            "evaluation_accuracy")
PENALTIES = ("l2", "l1")


class Network:
    """``Network(sizes, cost, init, seed, dtype, activation)``, e.g.
    ``Network([784, 30, 10])``.

    sizes: neurons per layer, input first. cost: a cost class or its name; the output
    layer is sigmoid for the quadratic and cross-entropy costs, softmax for
    log-likelihood.
    activation: of the hidden layers, "sigmoid" (default), "tanh" or "relu", or a list
    of one name per hidden layer.
    init: "scaled" draws w ~ N(0, 1/n_in), "large" draws w ~ N(0, 1); biases ~ N(0, 1).
    seed: seeds one generator used for the initial weights and for shuffling in SGD.
    dtype: np.float64 (default) or np.float32.
    """

    def __init__(self, sizes, cost=CrossEntropyCost, init="scaled", seed=None,
                 dtype=np.float64, activation="sigmoid"):
        if (not isinstance(sizes, (list, tuple)) or len(sizes) < 2
                or not all(isinstance(n, (int, np.integer)) and n >= 1 for n in sizes)):
            raise ValueError(f"sizes must be a list of at least two positive "
                             f"integers, got {sizes!r}")
        if init not in ("scaled", "large"):
            raise ValueError(f"init must be 'scaled' or 'large', got {init!r}")
        if np.dtype(dtype) not in (np.float32, np.float64):
            raise TypeError(f"dtype must be float64 or float32, got {np.dtype(dtype)}")
        self.sizes = [int(n) for n in sizes]
        self.cost = get_cost(cost)
        self.hidden = hidden_activations(activation, len(self.sizes) - 2)
        self.activation = [f.name for f in self.hidden]
        self.dtype = np.dtype(dtype)
        self.rng = np.random.default_rng(seed)
        self._initialize(init)

    def _initialize(self, init):
        """Draw biases ~ N(0, 1) and weights ~ N(0, 1/n_in) ("scaled") or N(0, 1)
        ("large")."""
        self.init = init
        scale = ((lambda n_in: 1 / np.sqrt(n_in)) if init == "scaled"
                 else (lambda n_in: 1.0))
        self.biases = [
            self.rng.standard_normal(n).astype(self.dtype) for n in self.sizes[1:]]
        self.weights = [
            (self.rng.standard_normal((n, n_in)) * scale(n_in)).astype(self.dtype)
            for n_in, n in zip(self.sizes[:-1], self.sizes[1:])]

    def default_weight_initializer(self):
        """Redraw the weights from N(0, 1/n_in) (Nielsen's network2.py name for
        init="scaled")."""
        self._initialize("scaled")

    def large_weight_initializer(self):
        """Redraw the weights from N(0, 1) (Nielsen's network2.py name for
        init="large")."""
        self._initialize("large")

    def __repr__(self):
        names = set(self.activation)
        activation = ("" if names <= {"sigmoid"}
                      else f", activation={self.activation[0]!r}" if len(names) == 1
                      else f", activation={self.activation!r}")
        return (f"Network({self.sizes}, cost={self.cost.name!r}, "
                f"init={self.init!r}, dtype={self.dtype.name}{activation})")

    # ----- feedforward --------------------------------------------------------------
    def forward(self, X, masks=None):
        """Feed a batch forward; return ``(zs, activations)``.

        X: ``(m, n_0)`` (or one example ``(n_0,)``, treated as m = 1).
        zs[i]: ``(m, n_{i+1})``; activations[0] is X and
        activations[i+1] = sigma(zs[i]).
        masks: dropout masks ``(m, n_l)`` for the hidden layers (nn.dropout), applied
        to their activations; None for the whole network.
        """
        X = self._inputs(X)
        ws = _Workspace(self.sizes, len(X), self.dtype)
        ws.activations[0], ws.masks = X, self._check_masks(masks, len(X))
        self._forward_into(ws)
        return ws.zs, ws.activations

    def feedforward(self, X):
        """The output activations a^L: ``(m, n_L)`` for a batch, ``(n_L,)`` for one
        example."""
        a = self._output(self._inputs(X))
        return a[0] if np.ndim(X) == 1 else a

    def _forward_batch(self, X):
        """Feed an already checked batch X ``(m, n_0)`` forward; return its
        workspace."""
        ws = _Workspace(self.sizes, len(X), self.dtype)
        ws.activations[0] = X
        self._forward_into(ws)
        return ws

    def _output(self, X):
        """a^L ``(m, n_L)`` for an already checked batch X."""
        return self._forward_batch(X).activations[-1]

    def predict(self, X):
        """The class of each example, argmax_j a^L_j: ints ``(m,)`` (or one int)."""
        return np.argmax(self.feedforward(X), axis=-1)

    def _forward_into(self, ws, slopes=False):
        """Z^l = A^{l-1} (w^l)^T + b^l and A^l = sigma(Z^l), layer by layer, into ws.

        With ``slopes`` (for backpropagation), also ws.slopes[i] = sigma'(Z^l) of each
        hidden layer, from A^l. With dropout masks in ws.masks, a hidden layer's A^l and
        sigma'(Z^l) are both multiplied by its mask.
        """
        last = len(self.weights) - 1
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            z, a = ws.zs[i], ws.activations[i + 1]
            np.matmul(ws.activations[i], w.T, out=z)
            z += b
            if i == last:
                self.cost.activation(z, out=a)
                continue
            self.hidden[i].fn(z, out=a)
            if slopes:
                self.hidden[i].slope(a, out=ws.slopes[i])
            if ws.masks is not None:
                a *= ws.masks[i]
                if slopes:
                    ws.slopes[i] *= ws.masks[i]

    # ----- backpropagation ----------------------------------------------------------
    def backprop(self, X, Y, masks=None):
        """The gradient of the cost averaged over the batch: ``(nabla_b, nabla_w)``.

        X: ``(m, n_0)``; Y: labels ``(m,)`` or target activations ``(m, n_L)``.
        nabla_b[i], nabla_w[i] have the shapes of biases[i], weights[i]. No
        regularization term. One pass backwards, one matrix product per layer.
        masks: fixed dropout masks for the hidden layers (see ``forward``), or None.
        """
        X, Y = self._prepare(X, Y)
        ws = _Workspace(self.sizes, len(X), self.dtype)
        ws.activations[0], ws.y = X, Y
        ws.masks = self._check_masks(masks, len(X))
        self._forward_into(ws, slopes=True)
        self._backprop_into(ws, scale=1.0 / len(X))
        return ws.nabla_b, ws.nabla_w

    def _backprop_into(self, ws, scale):
        """Fill ws.nabla_b / ws.nabla_w with ``scale`` times the gradient summed over
        the batch.

        Row x of ws.deltas[i] is delta^{x,l} for layer l = i+1. Scaling delta^L once by
        ``scale`` (1/m for the average, eta/m in SGD) scales every gradient below it.
        """
        acts, deltas = ws.activations, ws.deltas
        # BP1: delta^L = dC/dz^L (for example: (a^L - y) * sigma'(z^L)).
        np.multiply(self.cost.delta(ws.zs[-1], acts[-1], ws.y), scale, out=deltas[-1])
        for i in range(len(self.weights) - 1, -1, -1):
            # BP3: dC/db^l_j = delta^l_j
            np.add.reduce(deltas[i], axis=0, out=ws.nabla_b[i])
            # BP4: dC/dw^l_jk = a^{l-1}_k delta^l_j
            np.matmul(deltas[i].T, acts[i], out=ws.nabla_w[i])
            if i > 0:
                # BP2: delta^{l-1} = ((w^l)^T delta^l) * sigma'(z^{l-1}),
                # sigma'(z^{l-1}) stored by the forward pass.
                np.matmul(deltas[i], self.weights[i], out=deltas[i - 1])
                deltas[i - 1] *= ws.slopes[i - 1]

    # ----- training -----------------------------------------------------------------
    def SGD(self, training_data, epochs, mini_batch_size, eta, lmbda=0.0, penalty="l2",
            evaluation_data=None, monitor=None, test_data=None, mu=0.0, dropout=0.0,
            **monitor_flags):
        """Mini-batch stochastic gradient descent; returns the history of what
        `monitor` asks.

        training_data, evaluation_data: ``(X, y)`` with X ``(n, n_0)`` and y labels
        ``(n,)`` or targets ``(n, n_L)``. Each epoch shuffles the n training examples
        and, for each mini-batch of m, applies (n is the training-set size)
            L2:  w -> (1 - eta lmbda / n) w - (eta / m) sum_x dC_x/dw
            L1:  w -> w - (eta lmbda / n) sgn(w) - (eta / m) sum_x dC_x/dw
            b  -> b - (eta / m) sum_x dC_x/db            (biases are not regularized)
        mu: the momentum coefficient, in [0, 1). With mu > 0 each parameter has a
        velocity v (0 at the start of this call): v -> mu v - eta grad C (grad C the
        step above divided by -eta, penalty included), then w -> w + v.
        dropout: the probability p of dropping each hidden neuron on each mini-batch
        (one rate, or a list of one per hidden layer; nn.dropout): kept activations are
        scaled by 1/(1-p), so evaluation uses the whole network unchanged.
        monitor: any of "training_cost", "training_accuracy", "evaluation_cost",
        "evaluation_accuracy"; by default the evaluation accuracy when there is
        evaluation data, else nothing. Returns ``{name: [one value per epoch]}``;
        accuracies are fractions in [0, 1]; costs include the penalty term
        lmbda/(2n) sum w^2 (L2) or lmbda/n sum |w| (L1), always with n the
        training-set size.

        Nielsen's calls work too: ``test_data=`` (network.py) is evaluation_data, and
        network2.py's flags ``monitor_evaluation_accuracy=True`` etc. add to monitor.
        """
        X, Y = self._prepare(*_pair(training_data, "training_data"))
        for name, v in (("epochs", epochs), ("mini_batch_size", mini_batch_size)):
            if (not isinstance(v, (int, np.integer)) or isinstance(v, bool)
                    or v < (0 if name == "epochs" else 1)):
                raise ValueError(
                    f"{name} must be a "
                    f"{'non-negative' if name == 'epochs' else 'positive'} integer, "
                    f"got {v!r}")
        if not np.isfinite(eta) or eta <= 0:
            raise ValueError(
                f"eta (the learning rate) must be a positive number, got {eta!r}")
        if not np.isfinite(lmbda) or lmbda < 0:
            raise ValueError(f"lmbda must be a non-negative number, got {lmbda!r}")
        if penalty not in PENALTIES:
            raise ValueError(f"penalty must be 'l2' or 'l1', got {penalty!r}")
        if isinstance(mu, bool) or not np.isfinite(mu) or not 0 <= mu < 1:
            raise ValueError(
                f"mu (the momentum coefficient) must be in [0, 1), got {mu!r}")
        rates = dropout_rates(dropout, len(self.sizes) - 2)
        if test_data is not None:
            if evaluation_data is not None:
                raise ValueError(
                    "give evaluation_data or test_data (its other name), not both")
            evaluation_data = test_data
        if monitor is None:
            monitor = () if evaluation_data is None else ("evaluation_accuracy",)
        monitor = (monitor,) if isinstance(monitor, str) else tuple(monitor)
        for flag, on in monitor_flags.items():
            name = flag.removeprefix("monitor_")
            if not flag.startswith("monitor_") or name not in MONITORS:
                raise TypeError(f"SGD() got an unexpected keyword argument {flag!r}")
            if on and name not in monitor:
                monitor += (name,)
        for name in monitor:
            if name not in MONITORS:
                raise ValueError(f"unknown monitor {name!r}; choose from {MONITORS}")
        if (any(name.startswith("evaluation") for name in monitor)
                and evaluation_data is None):
            raise ValueError(
                "monitoring evaluation cost or accuracy needs evaluation_data")
        if evaluation_data is not None:
            evaluation_data = self._prepare(*_pair(evaluation_data, "evaluation_data"))

        n = len(X)
        history = {name: [] for name in monitor}
        workspaces = {}
        if mu:
            velocity_w = [np.zeros_like(w) for w in self.weights]
            velocity_b = [np.zeros_like(b) for b in self.biases]
        for epoch in range(epochs):
            order = self.rng.permutation(n)
            for start in range(0, n, mini_batch_size):
                idx = order[start:start + mini_batch_size]
                m = len(idx)
                ws = workspaces.get(m) or workspaces.setdefault(
                    m, _Workspace(self.sizes, m, self.dtype))
                # mode="clip": no copy
                np.take(X, idx, axis=0, out=ws.activations[0], mode="clip")
                np.take(Y, idx, axis=0, out=ws.y, mode="clip")
                if any(rates):
                    ws.masks = dropout_masks(self.rng, m, self.sizes, rates, self.dtype)
                self._forward_into(ws, slopes=True)
                # nabla now holds (eta/m) sum_x dC_x/dw
                self._backprop_into(ws, scale=eta / m)
                if mu:
                    self._momentum_step(velocity_w, velocity_b, ws, mu, eta * lmbda / n,
                                        penalty)
                    continue
                for w, b, nabla_w, nabla_b in zip(self.weights, self.biases,
                                                  ws.nabla_w, ws.nabla_b):
                    if lmbda and penalty == "l2":
                        w *= 1.0 - eta * lmbda / n          # weight decay
                    elif lmbda:
                        w -= (eta * lmbda / n) * np.sign(w)
                    w -= nabla_w
                    b -= nabla_b
            if not all(np.isfinite(w).all() for w in self.weights):
                raise FloatingPointError(
                    f"training diverged in epoch {epoch + 1}: the weights contain "
                    f"NaN or inf (eta={eta} is probably too large)")
            for part, data in (("training", (X, Y)), ("evaluation", evaluation_data)):
                wanted = [name for name in monitor if name.startswith(part)]
                if not wanted:
                    continue
                # one forward pass for both the cost and the accuracy
                a = self._output(data[0])
                for name in wanted:
                    if name.endswith("cost"):
                        history[name].append(self._cost(a, data[1], lmbda, n, penalty))
                    else:
                        history[name].append(_n_correct(a, data[1]) / len(a))
        return history

    def _momentum_step(self, velocity_w, velocity_b, ws, mu, decay, penalty):
        """v -> mu v - eta grad C and w -> w + v, for every weight and bias.

        ws.nabla_w / ws.nabla_b hold (eta/m) sum_x dC_x/dw; ``decay`` is eta lmbda / n,
        the factor of the penalty's gradient (w for L2, sgn(w) for L1).
        """
        for w, b, v_w, v_b, nabla_w, nabla_b in zip(
                self.weights, self.biases, velocity_w, velocity_b, ws.nabla_w,
                ws.nabla_b):
            v_w *= mu
            v_w -= nabla_w
            if decay:
                v_w -= decay * (w if penalty == "l2" else np.sign(w))
            w += v_w
            v_b *= mu
            v_b -= nabla_b
            b += v_b

    # ----- evaluation ---------------------------------------------------------------
    def accuracy(self, data):
        """How many examples of ``data = (X, y)`` the network classifies correctly
        (an int)."""
        X, Y = self._prepare(*_pair(data, "data"))
        return _n_correct(self._output(X), Y)

    evaluate = accuracy   # the name in Nielsen's network.py

    def total_cost(self, data, lmbda=0.0, n=None, penalty="l2"):
        """The cost on ``data = (X, y)``: mean over its examples plus the penalty term.

        n is the size of the TRAINING set that the penalty is divided by
        (lmbda/(2n) sum w^2 for L2, lmbda/n sum |w| for L1); it defaults to len(X),
        which is right only when `data` is the training set. (Nielsen's network2.py
        divides by len(data) always.)
        """
        X, Y = self._prepare(*_pair(data, "data"))
        return self._cost(self._output(X), Y, lmbda, len(X) if n is None else n,
                          penalty)

    def _cost(self, a, Y, lmbda, n, penalty):
        """The mean cost of the outputs a against the targets Y, plus the penalty
        term."""
        return self.cost.fn(a, Y) + penalty_cost(self.weights, lmbda, n, penalty)

    # ----- input checks -------------------------------------------------------------
    def _check_masks(self, masks, m):
        """None, or a list of one dropout mask ``(m, n_l)`` per hidden layer."""
        if masks is None:
            return None
        hidden = self.sizes[1:-1]
        if not isinstance(masks, (list, tuple)) or len(masks) != len(hidden):
            raise ValueError(f"masks must be a list of {len(hidden)} arrays, one per "
                             f"hidden layer")
        masks = [np.asarray(mask, dtype=self.dtype) for mask in masks]
        for l, (mask, n) in enumerate(zip(masks, hidden), start=1):
            if mask.shape != (m, n):
                raise ValueError(f"the mask of hidden layer {l} has shape "
                                 f"{mask.shape}, expected {(m, n)}")
        return masks


    def _inputs(self, X):
        X = np.asarray(X)
        if X.dtype.kind not in "fiu":
            raise TypeError(f"inputs must be a numeric array, got dtype {X.dtype}")
        X = np.atleast_2d(X)
        if X.ndim != 2 or X.shape[1] != self.sizes[0]:
            raise ValueError(
                f"inputs must have shape (m, {self.sizes[0]}) (one example per row), "
                f"got {np.shape(X)}")
        if X.dtype.kind == "f" and not _all_finite(X):
            raise ValueError("inputs contain NaN or inf")
        return X.astype(self.dtype, copy=False)

    def _prepare(self, X, Y):
        """Check a batch and return (X, Y) with Y as target activations ``(m, n_L)``."""
        X = self._inputs(X)
        Y = np.asarray(Y)
        n_out = self.sizes[-1]
        if Y.ndim == 1:
            Y = one_hot(Y, n_out, self.dtype)
        elif Y.ndim != 2 or Y.shape[1] != n_out:
            raise ValueError(
                f"targets must be labels (m,) or activations (m, {n_out}), "
                f"got shape {Y.shape}")
        elif Y.dtype.kind not in "fiu" or not np.isfinite(Y).all():
            raise ValueError("targets must be finite numbers")
        if len(Y) != len(X):
            raise ValueError(f"{len(X)} examples but {len(Y)} targets")
        return X, Y.astype(self.dtype, copy=False)

    # ----- saving -------------------------------------------------------------------
    def save(self, path):
        """Write the network to a JSON file (sizes, cost, init, dtype, weights,
        biases)."""
        with open(path, "w") as f:
            json.dump({"format": "nn.Network", "version": 1, "sizes": self.sizes,
                       "cost": self.cost.name, "init": self.init,
                       "dtype": self.dtype.name, "activation": self.activation,
                       "weights": [w.tolist() for w in self.weights],
                       "biases": [b.tolist() for b in self.biases]}, f)


def penalty_cost(weights, lmbda, n, penalty="l2"):
    """lmbda/(2n) sum_w w^2 for L2, lmbda/n sum_w |w| for L1 (0 when lmbda is 0)."""
    if penalty not in PENALTIES:
        raise ValueError(f"penalty must be 'l2' or 'l1', got {penalty!r}")
    if not lmbda:
        return 0.0
    if penalty == "l2":
        return 0.5 * lmbda / n * sum(float(np.sum(w * w)) for w in weights)
    return lmbda / n * sum(float(np.sum(np.abs(w))) for w in weights)


def load(path):
    """Read a network saved by ``Network.save``, checking every field; no pickle."""
    try:
        with open(path) as f:
            d = json.load(f)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ValueError(f"{path}: not a saved network (not JSON text: {e})") from None

    def bad(msg):
        return ValueError(f"{path}: malformed network file: {msg}")

    if not isinstance(d, dict) or d.get("format") != "nn.Network":
        raise bad("missing 'format': 'nn.Network'")
    missing = {"sizes", "cost", "init", "dtype", "weights", "biases"} - set(d)
    if missing:
        raise bad(f"missing field(s) {sorted(missing)}")
    if d["dtype"] not in ("float64", "float32"):
        raise bad(f"dtype {d['dtype']!r} is not float64 or float32")
    try:
        net = Network(d["sizes"], cost=d["cost"], init=d["init"], dtype=d["dtype"],
                      activation=d.get("activation", "sigmoid"))
    except (ValueError, TypeError) as e:
        raise bad(str(e)) from None
    for name in ("weights", "biases"):
        arrays = d[name]
        if not isinstance(arrays, list) or len(arrays) != len(net.sizes) - 1:
            raise bad(f"'{name}' must be a list of {len(net.sizes) - 1} arrays")
        for i, (value, expected) in enumerate(zip(arrays, getattr(net, name))):
            try:
                a = np.array(value, dtype=net.dtype)
            except (ValueError, TypeError):
                raise bad(f"{name}[{i}] is not an array of numbers") from None
            if a.shape != expected.shape:
                raise bad(f"{name}[{i}] has shape {a.shape}, "
                          f"expected {expected.shape} for sizes {net.sizes}")
            if not np.isfinite(a).all():
                raise bad(f"{name}[{i}] contains NaN or inf")
            getattr(net, name)[i] = a
    return net


def _n_correct(a, Y):
    """How many rows of the outputs a have their largest entry where the targets Y
    do."""
    return int(np.sum(np.argmax(a, axis=1) == np.argmax(Y, axis=1)))


def _all_finite(X):
    """True when X holds no NaN or inf. A sum is finite only if every term is (NaN and
    inf propagate), and summing needs no temporary array; an overflowing sum gets the
    exact check."""
    with np.errstate(over="ignore", invalid="ignore"):
        return bool(np.isfinite(X.sum()) or np.isfinite(X).all())


def _pair(data, name):
    if not isinstance(data, (tuple, list)) or len(data) != 2:
        raise TypeError(f"{name} must be a pair (X, y), got {type(data).__name__}")
    return data


class _Workspace:
    """Arrays for a batch of m examples, allocated once and reused by every
    mini-batch."""

    def __init__(self, sizes, m, dtype):
        # A^0 = X, ..., A^L
        self.activations = [np.empty((m, n), dtype) for n in sizes]
        self.zs = [np.empty((m, n), dtype) for n in sizes[1:]]
        self.deltas = [np.empty((m, n), dtype) for n in sizes[1:]]
        # sigma'(z) of the hidden layers, and their dropout masks (None: no dropout)
        self.slopes = [np.empty((m, n), dtype) for n in sizes[1:-1]]
        self.masks = None
        self.y = np.empty((m, sizes[-1]), dtype)
        self.nabla_b = [np.empty(n, dtype) for n in sizes[1:]]
        self.nabla_w = [np.empty((n, n_in), dtype)
                        for n_in, n in zip(sizes[:-1], sizes[1:])]
