import warnings

import numpy as np
import pytest

import nn

COSTS = [nn.QuadraticCost, nn.CrossEntropyCost, nn.LogLikelihoodCost]


@pytest.mark.parametrize("cost", COSTS)
def test_delta_is_the_derivative_of_the_cost_wrt_z(cost, rng):
    """BP1: delta^L = dC_x/dz^L, and fn averages over the m examples."""
    m, n = 4, 5
    z = rng.normal(size=(m, n))
    y = np.eye(n)[rng.integers(0, n, m)]
    numeric = nn.numerical_gradient(lambda: cost.fn(cost.activation(z), y), z)
    np.testing.assert_allclose(cost.delta(z, cost.activation(z), y) / m, numeric, atol=1e-9)


@pytest.mark.parametrize("cost", [nn.CrossEntropyCost, nn.LogLikelihoodCost])
def test_output_error_is_a_minus_y(cost, rng):
    z = rng.normal(size=(3, 4))
    a, y = cost.activation(z), np.eye(4)[[0, 2, 3]]
    np.testing.assert_array_equal(cost.delta(z, a, y), a - y)


def test_cross_entropy_is_finite_when_saturated():
    a = nn.sigmoid(np.array([[1000.0, -1000.0]]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        right = nn.CrossEntropyCost.fn(a, np.array([[1.0, 0.0]]))
        wrong = nn.CrossEntropyCost.fn(a, np.array([[0.0, 1.0]]))
    assert right == 0.0 and np.isfinite(wrong) and wrong > 100


def test_log_likelihood_is_minus_log_of_the_right_output():
    a = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]])
    assert nn.LogLikelihoodCost.fn(a, np.eye(3)[[0, 2]]) == pytest.approx(-(np.log(0.7) + np.log(0.8)) / 2)


def test_cost_names():
    assert nn.costs.get_cost("cross-entropy") is nn.CrossEntropyCost
    with pytest.raises(ValueError, match="unknown cost 'hinge'"):
        nn.costs.get_cost("hinge")
    with pytest.raises(TypeError):
        nn.costs.get_cost(42)
