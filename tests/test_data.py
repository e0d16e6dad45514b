import gzip
import hashlib

import numpy as np
import pytest

import nn
from nn import data
from conftest import requires_mnist


def idx_bytes(array, magic_dim):
    header = bytes([0, 0, 8, magic_dim]) + b"".join(int(s).to_bytes(4, "big") for s in array.shape)
    return header + array.astype(np.uint8).tobytes()


@pytest.fixture
def tiny_images():
    return np.arange(2 * 3 * 4).reshape(2, 3, 4)


@pytest.mark.parametrize("compress", [False, True])
def test_read_idx_plain_and_gzip(tiny_images, compress, tmp_path):
    raw = idx_bytes(tiny_images, 3)
    path = tmp_path / ("x.idx.gz" if compress else "x.idx")
    path.write_bytes(gzip.compress(raw) if compress else raw)
    np.testing.assert_array_equal(data.read_idx(path, hashlib.sha256(raw).hexdigest()), tiny_images)
    labels = tmp_path / "y.idx"
    labels.write_bytes(idx_bytes(np.array([5, 0, 4]), 1))
    np.testing.assert_array_equal(data.read_idx(labels), [5, 0, 4])


def test_bad_magic_number(tmp_path):
    (tmp_path / "x").write_bytes(b"\x00\x00\x0d\x03" + bytes(20))
    with pytest.raises(data.MNISTError, match="bad magic number 00000d03"):
        data.read_idx(tmp_path / "x")


def test_truncated_file(tiny_images, tmp_path):
    (tmp_path / "x").write_bytes(idx_bytes(tiny_images, 3)[:-5])
    with pytest.raises(data.MNISTError, match=r"35 bytes, but its header \(2, 3, 4\) needs 40.*truncated"):
        data.read_idx(tmp_path / "x")


def test_truncated_gzip(tiny_images, tmp_path):
    (tmp_path / "x.gz").write_bytes(gzip.compress(idx_bytes(tiny_images, 3))[:-10])
    with pytest.raises(data.MNISTError, match="cannot decompress"):
        data.read_idx(tmp_path / "x.gz")


def test_checksum_mismatch_names_both_hashes(tiny_images, tmp_path, monkeypatch):
    for name in data.FILES:
        (tmp_path / (name + ".gz")).write_bytes(gzip.compress(idx_bytes(tiny_images, 3)))
    monkeypatch.setenv("NN_DATA_DIR", str(tmp_path))
    data._load_arrays.cache_clear()
    with pytest.raises(data.MNISTError, match=r"SHA-256 of the decompressed bytes is [0-9a-f]{64}, expected ba8910.*NN_DATA_DIR"):
        data.load_mnist()
    data._load_arrays.cache_clear()


def test_missing_file_in_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("NN_DATA_DIR", str(tmp_path))
    with pytest.raises(data.MNISTError, match=f"NN_DATA_DIR={tmp_path} has no train-images-idx3-ubyte"):
        data.locate("train-images-idx3-ubyte")


def test_no_network_gives_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.delenv("NN_DATA_DIR", raising=False)
    monkeypatch.setattr(data, "cache_dir", lambda: tmp_path / "cache")
    monkeypatch.setattr(data, "MIRRORS", ("http://127.0.0.1:9/",))   # nothing listens on port 9
    with pytest.raises(data.MNISTError, match=r"(?s)not in NN_DATA_DIR \(unset\) nor in the cache.*downloading it failed.*127\.0\.0\.1:9.*To fix"):
        data.locate("t10k-labels-idx1-ubyte")


def test_cache_is_used_before_downloading(tiny_images, tmp_path, monkeypatch):
    monkeypatch.delenv("NN_DATA_DIR", raising=False)
    monkeypatch.setattr(data, "cache_dir", lambda: tmp_path)
    (tmp_path / "t10k-labels-idx1-ubyte").write_bytes(b"")
    assert data.locate("t10k-labels-idx1-ubyte") == tmp_path / "t10k-labels-idx1-ubyte"


def test_one_hot():
    np.testing.assert_array_equal(data.one_hot(np.array([2, 0]), 3), [[0, 0, 1], [1, 0, 0]])
    with pytest.raises(ValueError):
        data.one_hot(np.array([10]))
    with pytest.raises(TypeError):
        data.one_hot(np.array([0.5]))


@requires_mnist
def test_real_mnist_split_and_values():
    (Xtr, ytr), (Xva, yva), (Xte, yte) = nn.data.load_mnist()
    assert [len(X) for X in (Xtr, Xva, Xte)] == [50000, 10000, 10000]
    assert Xtr.dtype == np.float32 and Xtr.shape[1] == 784 and ytr.dtype == np.int64
    assert Xtr.min() == 0.0 and Xtr.max() == 1.0
    assert list(ytr[:10]) == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
    assert list(yte[:10]) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]
    counts = np.bincount(np.concatenate([ytr, yva]), minlength=10)
    assert list(counts) == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    with pytest.raises(ValueError):
        Xtr[0, 0] = 1.0          # shared, read-only
