import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import nn

finite_rows = arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(1, 8)),
                     elements=st.floats(-50, 50))


def test_sigmoid_values_and_no_overflow():
    z = np.array([-1000.0, -30.0, 0.0, 30.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s, sp = nn.sigmoid(z), nn.sigmoid_prime(z)
    # (1 + tanh(z/2)) / 2 is exact to ~1e-16 absolute; relative accuracy fades only where sigma < 1e-13.
    np.testing.assert_allclose(s, 1 / (1 + np.exp(-np.clip(z, -700, 700))), rtol=1e-12, atol=1e-16)
    moderate = np.linspace(-10, 20, 61)
    np.testing.assert_allclose(nn.sigmoid(moderate), 1 / (1 + np.exp(-moderate)), rtol=1e-9)
    assert s[0] == 0.0 and s[-1] == 1.0 and s[2] == 0.5
    assert np.all(sp >= 0) and sp[2] == 0.25


def test_sigmoid_prime_is_the_derivative(rng):
    z = rng.normal(0, 3, 50)
    eps = 1e-6
    np.testing.assert_allclose(nn.sigmoid_prime(z), (nn.sigmoid(z + eps) - nn.sigmoid(z - eps)) / (2 * eps), atol=1e-9)


@given(finite_rows)
def test_softmax_rows_sum_to_one_and_are_positive(z):
    a = nn.softmax(z)
    np.testing.assert_allclose(a.sum(axis=1), 1.0, rtol=1e-12)
    assert np.all(a >= 0)


@given(finite_rows, st.floats(-100, 100))
def test_softmax_invariant_to_adding_a_constant(z, c):
    np.testing.assert_allclose(nn.softmax(z + c), nn.softmax(z), atol=1e-10)


@settings(max_examples=50)
@given(arrays(np.float64, 6, elements=st.floats(-5, 5)), st.integers(0, 5), st.floats(0.01, 2))
def test_softmax_is_monotone(z, j, dz):
    """Raising z_j raises a_j and lowers every other a_k."""
    before, after = nn.softmax(z), nn.softmax(z + dz * np.eye(6)[j])
    assert after[j] > before[j]
    assert np.all(np.delete(after, j) < np.delete(before, j))


def test_softmax_large_c_is_one_hot_argmax(rng):
    z = rng.normal(size=(20, 10))
    a = nn.softmax(z, c=1e4)
    np.testing.assert_allclose(a, np.eye(10)[z.argmax(axis=1)], atol=1e-12)
    gaps = [np.abs(nn.softmax(z, c=c) - np.eye(10)[z.argmax(axis=1)]).max() for c in (1, 10, 100)]
    assert gaps[0] > gaps[1] > gaps[2]


def test_softmax_no_overflow_at_1000():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = nn.softmax(np.array([1000.0, 999.0, -1000.0]))
    np.testing.assert_allclose(a, [1 / (1 + np.exp(-1)), np.exp(-1) / (1 + np.exp(-1)), 0.0], atol=1e-12)


def test_step_and_perceptron_convention():
    assert list(nn.step([-1, 0, 1e-9])) == [0, 0, 1]
    assert nn.perceptron([1, 1], [1, -1], 0) == 0          # w.x + b = 0 -> 0


@pytest.mark.parametrize("w, b, table", [
    ([1, 1], -1.5, [0, 0, 0, 1]),     # AND
    ([1, 1], -0.5, [0, 1, 1, 1]),     # OR
    ([-2, -2], 3, [1, 1, 1, 0]),      # NAND
])
def test_perceptron_gates(w, b, table):
    inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    assert list(nn.perceptron(inputs, w, b)) == table


def test_nand_perceptrons_add_two_bits():
    def nand(x1, x2):
        return nn.perceptron([x1, x2], [-2, -2], 3)

    for x1 in (0, 1):
        for x2 in (0, 1):
            n1 = nand(x1, x2)
            total = nand(nand(x1, n1), nand(x2, n1))    # x1 XOR x2
            carry = nand(n1, n1)                         # x1 AND x2
            assert (total, carry) == ((x1 + x2) % 2, (x1 + x2) // 2)


def test_perceptron_rejects_mismatched_shapes():
    with pytest.raises(ValueError, match="shape"):
        nn.perceptron([1, 0, 1], [1, 1], 0)
