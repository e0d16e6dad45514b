"""MNIST, read from the original IDX files and checked by SHA-256.

Where the files are looked for, in order:
1. the folder named by the environment variable NN_DATA_DIR (nothing is downloaded
   then);
2. the per-user cache folder (``platformdirs.user_cache_dir("nn-book") / "mnist"``);
3. otherwise they are downloaded into that cache from public mirrors.
Each file may be gzip-compressed (``name.gz``) or plain; the SHA-256 of its decompressed
bytes must match ``FILES`` below. The classic split: the first 50,000 training images
for training, the last 10,000 for validation, and the 10,000 test images.
"""
import functools
import gzip
import hashlib
import os
from pathlib import Path

import numpy as np

FILES = {  # name: SHA-256 of the decompressed IDX bytes
    "train-images-idx3-ubyte":
        "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte":
        "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte":
        "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte":
        "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}
MIRRORS = ("https://ossci-datasets.s3.amazonaws.com/mnist/",
           "https://storage.googleapis.com/cvdf-datasets/mnist/")
FIX = ("To fix: set NN_DATA_DIR to a folder holding the four MNIST files "
       "(train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
       "t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz), "
       "or delete the file and let nn download it again.")


class MNISTError(RuntimeError):
    """MNIST could not be found, downloaded, or verified."""


def cache_dir():
    import platformdirs   # what pooch.os_cache uses, without importing pooch (and tqdm)
    return Path(platformdirs.user_cache_dir("nn-book")) / "mnist"


def parse_idx(raw, name="IDX data"):
    """Parse the bytes of an IDX file: magic 0x0000 08 D (unsigned bytes, D dimensions),
    D big-endian uint32 sizes, then the data. Returns a uint8 array of those sizes."""
    if len(raw) < 4 or raw[:3] != b"\x00\x00\x08" or raw[3] not in (1, 3):
        raise MNISTError(
            f"{name}: bad magic number {raw[:4].hex()}, expected 00000801 (labels) "
            f"or 00000803 (images). Not an MNIST IDX file. {FIX}")
    ndim = raw[3]
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise MNISTError(f"{name}: truncated header ({len(raw)} bytes). {FIX}")
    shape = tuple(int(s) for s in np.frombuffer(raw, ">u4", ndim, offset=4))
    expected = header + int(np.prod(shape))
    if len(raw) != expected:
        raise MNISTError(
            f"{name}: {len(raw)} bytes, but its header {shape} needs {expected}; "
            f"the file is truncated or corrupted. {FIX}")
    return np.frombuffer(raw, np.uint8, offset=header).reshape(shape)


def read_idx(path, sha256=None):
    """Read an IDX file (gzip or plain), check its SHA-256 if given, and parse it."""
    path = Path(path)
    try:
        raw = (gzip.decompress(path.read_bytes()) if path.suffix == ".gz"
               else path.read_bytes())
    except (OSError, EOFError, gzip.BadGzipFile) as e:
        raise MNISTError(f"{path}: cannot decompress/read ({e}); "
                         f"the file is corrupted or truncated. {FIX}") from None
    if sha256 is not None:
        found = hashlib.sha256(raw).hexdigest()
        if found != sha256:
            raise MNISTError(
                f"{path}: SHA-256 of the decompressed bytes is {found}, "
                f"expected {sha256}. "
                f"The file is corrupted or not the original MNIST. {FIX}")
    return parse_idx(raw, str(path))


def _find(folder, name):
    for candidate in (folder / (name + ".gz"), folder / name):
        if candidate.is_file():
            return candidate
    return None


def _download(name, folder):
    import pooch
    errors = []
    for mirror in MIRRORS:
        try:
            return Path(pooch.retrieve(mirror + name + ".gz", known_hash=None,
                                       fname=name + ".gz", path=folder,
                                       progressbar=True))
        except Exception as e:  # no network, HTTP error, ...: try the next mirror
            errors.append(f"{mirror}: {type(e).__name__}: {e}")
    raise MNISTError(
        f"MNIST file {name} is not in NN_DATA_DIR (unset) nor in the cache {folder}, "
        "and downloading it failed:\n  " + "\n  ".join(errors) + f"\n{FIX}")


def locate(name):
    """The path of one MNIST file, downloading it into the cache if needed."""
    env = os.environ.get("NN_DATA_DIR")
    if env:
        path = _find(Path(env), name)
        if path is None:
            raise MNISTError(f"NN_DATA_DIR={env} has no {name} or {name}.gz. {FIX}")
        return path
    return _find(cache_dir(), name) or _download(name, cache_dir())


@functools.lru_cache(maxsize=1)
def _load_arrays():
    arrays = {name: read_idx(locate(name), sha) for name, sha in FILES.items()}
    train_x = arrays["train-images-idx3-ubyte"].reshape(-1, 784)
    train_y = arrays["train-labels-idx1-ubyte"].astype(np.int64)
    test_x = arrays["t10k-images-idx3-ubyte"].reshape(-1, 784)
    test_y = arrays["t10k-labels-idx1-ubyte"].astype(np.int64)
    scale = np.float32(1 / 255)
    parts = ((train_x[:50000], train_y[:50000]), (train_x[50000:], train_y[50000:]),
             (test_x, test_y))
    out = []
    for x, y in parts:
        x = x.astype(np.float32) * scale
        # shared by every caller: read-only
        x.flags.writeable = y.flags.writeable = False
        out.append((x, y))
    return tuple(out)


def load_mnist():
    """``(training, validation, test)``, each ``(X, y)``: X float32 ``(n, 784)`` in
    [0, 1] (pixel / 255, rows are images read row by row), y int64 labels ``(n,)``.
    Sizes 50,000 / 10,000 / 10,000. The arrays are read-only and cached in memory."""
    return _load_arrays()


def one_hot(y, n_classes=10, dtype=np.float64):
    """Labels ``(m,)`` -> one-hot rows ``(m, n_classes)``: e_y, the target
    activations."""
    y = np.asarray(y)
    if y.ndim != 1:
        raise TypeError(f"labels must be a 1-D array, got shape {y.shape}")
    if y.dtype.kind not in "iu":
        raise TypeError(f"labels must be integers, got dtype {y.dtype}")
    if len(y) and (y.min() < 0 or y.max() >= n_classes):
        raise ValueError(f"labels must lie in 0..{n_classes - 1}, "
                         f"got values from {y.min()} to {y.max()}")
    return np.eye(n_classes, dtype=dtype)[y]
