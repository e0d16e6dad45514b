"""Artificially expanding the training data: shifted and rotated copies of the images.

A digit moved by one pixel or turned by a few degrees is still the same digit, so each
copy is a new, correctly labelled training example. Images are rows of 784 grey values
(a batch ``(n, 784)``) or arrays ``(n, 28, 28)``; every function returns the shape it
was given. Rotation uses scipy.ndimage (linear interpolation).
"""
import numpy as np
from scipy import ndimage

SIDE = 28
#: The angles (degrees) of the rotated copies of nn.runs' "shifts+rotations".
ANGLES = (-10, 10)


def _as_squares(images):
    images = np.asarray(images)
    if images.dtype.kind != "f":
        raise TypeError(
            f"images must be floating-point grey values, got {images.dtype}")
    if images.ndim == 2 and images.shape[1] == SIDE * SIDE:
        return images.reshape(-1, SIDE, SIDE)
    if images.ndim == 3 and images.shape[1:] == (SIDE, SIDE):
        return images
    raise ValueError(f"images must have shape (n, {SIDE * SIDE}) or "
                     f"(n, {SIDE}, {SIDE}), got {images.shape}")


def shift(images, dx, dy):
    """The images moved dx pixels to the right and dy pixels down (negative: left, up);
    the pixels that come in are 0 (the background)."""
    squares = _as_squares(images)
    if not all(isinstance(d, (int, np.integer)) for d in (dx, dy)):
        raise TypeError(
            f"dx and dy must be whole numbers of pixels, got {dx!r}, {dy!r}")
    out = np.zeros_like(squares)
    rows_to = slice(max(dy, 0), SIDE + min(dy, 0))
    rows_from = slice(max(-dy, 0), SIDE + min(-dy, 0))
    cols_to = slice(max(dx, 0), SIDE + min(dx, 0))
    cols_from = slice(max(-dx, 0), SIDE + min(-dx, 0))
    out[:, rows_to, cols_to] = squares[:, rows_from, cols_from]
    return out.reshape(np.shape(images))


def rotate(images, degrees):
    """The images turned by ``degrees`` about their centre (the sign picks the
    direction), with linear interpolation, clipped to the grey values' range [0, 1]."""
    squares = _as_squares(images)
    turned = ndimage.rotate(squares, degrees, axes=(2, 1), reshape=False, order=1,
                            mode="constant", cval=0.0)
    return np.clip(turned, 0.0, 1.0).reshape(np.shape(images))


def expand(data, shifts=True, angles=()):
    """The training data ``(X, y)`` with transformed copies: the originals first, then
    (if ``shifts``) the four one-pixel shifts, up, down, left and right, then one
    rotated copy per angle of ``angles``. Returns ``(X', y')`` with
    (1 + 4 + len(angles)) n examples (without shifts, 1 + len(angles))."""
    X, y = data
    X, y = np.asarray(X), np.asarray(y)
    _as_squares(X)
    if len(X) != len(y):
        raise ValueError(f"{len(X)} images but {len(y)} labels")
    copies = [X]
    if shifts:
        copies += [shift(X, dx, dy) for dx, dy in ((0, -1), (0, 1), (-1, 0), (1, 0))]
    copies += [rotate(X, a) for a in angles]
    return np.concatenate(copies), np.concatenate([y] * len(copies))
