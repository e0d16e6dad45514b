import os

import numpy as np
import pytest

requires_mnist = pytest.mark.skipif(
    not os.environ.get("NN_DATA_DIR"), reason="NN_DATA_DIR is not set: the real MNIST files are not available")


@pytest.fixture
def rng():
    return np.random.default_rng(1234)
