"""Dropout: train a random part of the network on each mini-batch.

For each mini-batch, every hidden neuron j of layer l is dropped (its activation set to
0) with probability p_l, independently per example. Inverted dropout: the neurons kept
are multiplied by 1 / (1 - p_l), so that the expected input to the next layer is the
same as without dropout, and the trained network is used as it is, with no mask and no
rescaling.
A mask for a batch of m examples is an array ``(m, n_l)`` of 0 and 1 / (1 - p_l): the
forward pass multiplies a^l by it, and backpropagation multiplies sigma'(z^l) by it (a
dropped neuron passes no error back).
"""
import numpy as np


def dropout_rates(dropout, n_hidden):
    """The dropout rate of each of n_hidden hidden layers, from one rate for all of them
    or a list of one rate per hidden layer; every rate must be in [0, 1)."""
    rates = ([dropout] * n_hidden if np.ndim(dropout) == 0 else list(dropout))
    if len(rates) != n_hidden:
        raise ValueError(f"dropout must be a rate or a list of {n_hidden} rates "
                         f"(one per hidden layer), got {dropout!r}")
    for p in rates:
        if isinstance(p, bool) or not isinstance(p, (int, float, np.number)) \
                or not 0 <= p < 1:
            raise ValueError(f"a dropout rate is the probability of dropping a neuron, "
                             f"a number in [0, 1); got {p!r}")
    return [float(p) for p in rates]


def dropout_masks(rng, m, sizes, rates, dtype=np.float64):
    """One mask per hidden layer of a network with layer sizes ``sizes``: a list of
    arrays ``(m, n_l)`` for l = 1 .. L-1, each entry 0 with probability p_l (``rates``)
    and 1 / (1 - p_l) otherwise. ``rng``: a numpy Generator."""
    rates = dropout_rates(rates, len(sizes) - 2)
    masks = []
    for n, p in zip(sizes[1:-1], rates):
        keep = rng.random((m, n)) >= p
        masks.append(keep.astype(dtype) / np.dtype(dtype).type(1.0 - p))
    return masks
