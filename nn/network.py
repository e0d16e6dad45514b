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
from .penalty import Penalty

MONITORS = ("training_cost", "training_accuracy", "evaluation_cost",
            "evaluation_accuracy")


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
        ws = self._forward_batch(X, self._check_masks(masks, len(X)))
        return ws.zs, ws.activations

    def feedforward(self, X):
        """The output activations a^L: ``(m, n_L)`` for a batch, ``(n_L,)`` for one
        example."""
        a = self._output(self._inputs(X))
        return a[0] if np.ndim(X) == 1 else a

    def _forward_batch(self, X, masks=None):
        """Feed an already checked batch X ``(m, n_0)`` forward; return its
        workspace."""
        ws = _Workspace(self.sizes, len(X), self.dtype)
        ws.activations[0], ws.masks = X, masks
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
            np.matmul(ws.activations[i], w.mT, out=z)
            z += b[..., None, :]              # b added to every row
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
            np.add.reduce(deltas[i], axis=-2, out=ws.nabla_b[i])
            # BP4: dC/dw^l_jk = a^{l-1}_k delta^l_j
            np.matmul(deltas[i].mT, acts[i], out=ws.nabla_w[i])
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
            L2:  w -> w - (eta lmbda / n) w - (eta / m) sum_x dC_x/dw
            L1:  w -> w - (eta lmbda / n) sgn(w) - (eta / m) sum_x dC_x/dw
            b  -> b - (eta / m) sum_x dC_x/db            (biases are not regularized)
        mu: the momentum coefficient, in [0, 1). With mu > 0 each parameter has a
        velocity v (0 at the start of this call): v -> mu v - eta grad C (grad C the
        step above divided by -eta, penalty included), then w -> w + v; with mu = 0
        this is the step above, bit for bit.
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
        plan = TrainingPlan(self, training_data, epochs, mini_batch_size, eta, lmbda,
                            penalty, evaluation_data, monitor, test_data, mu, dropout,
                            monitor_flags)
        return self._train(plan, [self])[0]

    def _train(self, plan, members):
        """Run ``plan`` on this network's parameters; return one history per member.

        ``members`` are the networks whose generators shuffle and draw dropout masks:
        ``[self]`` for one network; for an ``nn.Ensemble``, its networks, whose
        parameters are slices of this (stacked) network's arrays of shape
        ``(seeds, ...)``. Every array op below works on both.
        """
        X, Y, n = plan.X, plan.Y, len(plan.X)
        stack = self.weights[0].shape[:-2]        # () for one network, (seeds,)
        histories = [{name: [] for name in plan.monitor} for _ in members]
        velocities = [np.zeros_like(p) for p in self.weights + self.biases]
        scratch = [np.empty_like(w) for w in self.weights]   # the penalty's step
        workspaces = {}
        for epoch in range(plan.epochs):
            order = np.stack([net.rng.permutation(n) for net in members])
            order = order.reshape(stack + (n,))
            for start in range(0, n, plan.mini_batch_size):
                idx = order[..., start:start + plan.mini_batch_size]
                m = idx.shape[-1]
                ws = workspaces.get(m) or workspaces.setdefault(
                    m, _Workspace(self.sizes, m, self.dtype, stack))
                # mode="clip": no copy
                np.take(X, idx, axis=0, out=ws.activations[0], mode="clip")
                np.take(Y, idx, axis=0, out=ws.y, mode="clip")
                if any(plan.rates):
                    ws.masks = _stacked_masks(members, m, self.sizes, plan.rates,
                                              self.dtype, stack)
                self._forward_into(ws, slopes=True)
                # nabla now holds (eta/m) sum_x dC_x/dw
                self._backprop_into(ws, scale=plan.eta / m)
                self._step(ws, velocities, scratch, plan)
            for net in members:
                net._check_finite(epoch, plan.eta)
            self._record(histories, members, plan)
        return histories

    def _step(self, ws, velocities, scratch, plan):
        """One update of every weight and bias from ws.nabla ((eta/m) sum_x dC_x/dp).

        Plain SGD (mu = 0): w -> w - eta * (the penalty's gradient) - nabla_w and
        b -> b - nabla_b. With momentum: v -> mu v - nabla - eta * (the penalty's
        gradient, weights only), then p -> p + v. ``scratch`` holds one array shaped
        like each weight matrix, for the penalty's step: a new array of that size on
        every step would cost more than the step itself."""
        penalty, eta, mu = plan.penalty, plan.eta, plan.mu
        params = self.weights + self.biases
        for i, (p, nabla, v) in enumerate(zip(params, ws.nabla_w + ws.nabla_b,
                                              velocities)):
            is_weight = i < len(self.weights)
            if not mu:
                if penalty and is_weight:
                    penalty.decay(p, eta, scratch[i])
                p -= nabla
                continue
            v *= mu
            v -= nabla
            if penalty and is_weight:
                v -= penalty.gradient(p, eta, out=scratch[i])
            p += v

    def _check_finite(self, epoch, eta):
        if not all(np.isfinite(w).all() for w in self.weights):
            raise FloatingPointError(
                f"training diverged in epoch {epoch + 1}: the weights contain "
                f"NaN or inf (eta={eta} is probably too large)")

    def _record(self, histories, members, plan):
        """Append to each member's history what plan.monitor asks, after an epoch: one
        forward pass per data set for both its cost and its accuracy."""
        for part, data in (("training", (plan.X, plan.Y)),
                           ("evaluation", plan.evaluation_data)):
            wanted = [name for name in plan.monitor if name.startswith(part)]
            if not wanted:
                continue
            for net, a, history in zip(members, self._outputs(data[0]), histories):
                for name in wanted:
                    history[name].append(
                        net.cost.fn(a, data[1]) + plan.penalty.cost(net.weights)
                        if name.endswith("cost") else _n_correct(a, data[1]) / len(a))

    def _outputs(self, X):
        """The output activations a^L ``(m, n_L)`` for an already checked batch X, one
        per network being trained: here a list of one (an Ensemble's stack gives one
        per network)."""
        return [self._output(X)]

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
        penalty = Penalty(lmbda, penalty, len(X) if n is None else n)
        return self.cost.fn(self._output(X), Y) + penalty.cost(self.weights)

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

    def __init__(self, sizes, m, dtype, stack=()):
        # stack: () for one network, (seeds,) for the stacked networks of an Ensemble
        def empty(*shape):
            return np.empty(stack + shape, dtype)
        # A^0 = X, ..., A^L
        self.activations = [empty(m, n) for n in sizes]
        self.zs = [empty(m, n) for n in sizes[1:]]
        self.deltas = [empty(m, n) for n in sizes[1:]]
        # sigma'(z) of the hidden layers, and their dropout masks (None: no dropout)
        self.slopes = [empty(m, n) for n in sizes[1:-1]]
        self.masks = None
        self.y = empty(m, sizes[-1])
        self.nabla_b = [empty(n) for n in sizes[1:]]
        self.nabla_w = [empty(n, n_in) for n_in, n in zip(sizes[:-1], sizes[1:])]


def _stacked_masks(members, m, sizes, rates, dtype, stack):
    """Dropout masks for a mini-batch of m, drawn by each member's generator in turn:
    per hidden layer an array ``stack + (m, n_l)``."""
    drawn = [dropout_masks(net.rng, m, sizes, rates, dtype) for net in members]
    return [np.stack(layer).reshape(stack + layer[0].shape) for layer in zip(*drawn)]


class TrainingPlan:
    """The checked arguments of ``Network.SGD`` (see there), with training and
    evaluation data as arrays and the penalty as a ``Penalty``: a clear error for each
    bad argument, before any training."""

    def __init__(self, net, training_data, epochs, mini_batch_size, eta, lmbda=0.0,
                 penalty="l2", evaluation_data=None, monitor=None, test_data=None,
                 mu=0.0, dropout=0.0, monitor_flags=None):
        self.X, self.Y = net._prepare(*_pair(training_data, "training_data"))
        for name, v, low in (("epochs", epochs, 0), ("mini_batch_size", mini_batch_size, 1)):
            if (not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < low):
                kind = "non-negative" if low == 0 else "positive"
                raise ValueError(f"{name} must be a {kind} integer, got {v!r}")
        if isinstance(eta, bool) or not np.isfinite(eta) or eta <= 0:
            raise ValueError(
                f"eta (the learning rate) must be a positive number, got {eta!r}")
        if isinstance(mu, bool) or not np.isfinite(mu) or not 0 <= mu < 1:
            raise ValueError(
                f"mu (the momentum coefficient) must be in [0, 1), got {mu!r}")
        self.epochs, self.mini_batch_size, self.eta, self.mu = (
            epochs, mini_batch_size, eta, mu)
        self.penalty = Penalty(lmbda, penalty, len(self.X))
        self.rates = dropout_rates(dropout, len(net.sizes) - 2)
        if test_data is not None:
            if evaluation_data is not None:
                raise ValueError(
                    "give evaluation_data or test_data (its other name), not both")
            evaluation_data = test_data
        self.monitor = _monitor(monitor, monitor_flags or {}, evaluation_data)
        self.evaluation_data = (
            None if evaluation_data is None
            else net._prepare(*_pair(evaluation_data, "evaluation_data")))


def _monitor(monitor, flags, evaluation_data):
    """The names SGD records: ``monitor`` (a name or names; by default the evaluation
    accuracy when there is evaluation data) plus network2.py's ``monitor_*=True``."""
    if monitor is None:
        monitor = () if evaluation_data is None else ("evaluation_accuracy",)
    monitor = (monitor,) if isinstance(monitor, str) else tuple(monitor)
    for flag, on in flags.items():
        name = flag.removeprefix("monitor_")
        if not flag.startswith("monitor_") or name not in MONITORS:
            raise TypeError(f"SGD() got an unexpected keyword argument {flag!r}")
        if on and name not in monitor:
            monitor += (name,)
    for name in monitor:
        if name not in MONITORS:
            raise ValueError(f"unknown monitor {name!r}; choose from {MONITORS}")
    if any(name.startswith("evaluation") for name in monitor) and evaluation_data is None:
        raise ValueError("monitoring evaluation cost or accuracy needs evaluation_data")
    return monitor
