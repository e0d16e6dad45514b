"""The regularization penalty added to the cost: L2 (weight decay) or L1.

    L2:  C = C_0 + lmbda/(2n) sum_w w^2,    dC/dw = dC_0/dw + (lmbda/n) w
    L1:  C = C_0 + lmbda/n sum_w |w|,       dC/dw = dC_0/dw + (lmbda/n) sgn(w)

n is the size of the training set (not of the batch); biases are not regularized.
``Network.SGD``, ``Network.total_cost`` and ``nn.gradcheck`` all use this one object.
"""
import numpy as np

KINDS = ("l2", "l1")


class Penalty:
    """``Penalty(lmbda, kind, n)``: lmbda >= 0, kind "l2" or "l1", n > 0 the size of
    the training set. False (in an ``if``) when lmbda is 0."""

    def __init__(self, lmbda=0.0, kind="l2", n=1):
        if kind not in KINDS:
            raise ValueError(f"penalty must be 'l2' or 'l1', got {kind!r}")
        if isinstance(lmbda, bool) or not np.isfinite(lmbda) or lmbda < 0:
            raise ValueError(f"lmbda must be a non-negative number, got {lmbda!r}")
        self.lmbda, self.kind, self.n = lmbda, kind, n

    def __bool__(self):
        return bool(self.lmbda)

    def cost(self, weights):
        """lmbda/(2n) sum w^2 (L2) or lmbda/n sum |w| (L1) over every array in
        ``weights``; 0.0 when lmbda is 0."""
        if not self.lmbda:
            return 0.0
        if self.kind == "l2":
            return 0.5 * self.lmbda / self.n * sum(float(np.sum(w * w)) for w in weights)
        return self.lmbda / self.n * sum(float(np.sum(np.abs(w))) for w in weights)

    def gradient(self, w, scale=1.0, out=None):
        """``scale`` times the penalty's gradient: scale lmbda/n w (L2) or
        scale lmbda/n sgn(w) (L1), shaped like w; written into ``out`` if given (an
        array shaped like w: training reuses one instead of a new array every step)."""
        factor = scale * self.lmbda / self.n
        if self.kind == "l2":
            return np.multiply(w, factor, out=out)
        out = np.sign(w, out=out)
        out *= factor
        return out

    def decay(self, w, eta, scratch=None):
        """The penalty's part of a plain SGD step, in place: w -> (1 - eta lmbda/n) w
        (L2, weight decay) or w -> w - (eta lmbda/n) sgn(w) (L1; ``scratch``, shaped
        like w, holds the step)."""
        if self.kind == "l2":
            w *= 1.0 - eta * self.lmbda / self.n
        else:
            w -= self.gradient(w, eta, out=scratch)
