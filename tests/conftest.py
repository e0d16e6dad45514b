import os
import sys
from pathlib import Path

import numpy as np
import pytest

# The numpy-free modules the extensions share with the tests (myst_source, cjk) and the
# extensions themselves: importable by every test, as conf.py makes them for Sphinx.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "extensions"))

requires_mnist = pytest.mark.skipif(
    not os.environ.get("NN_DATA_DIR"), reason="NN_DATA_DIR is not set: the real MNIST files are not available")


@pytest.fixture
def rng():
    return np.random.default_rng(1234)
