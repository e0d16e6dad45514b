"""The facts chapter 12 derives and checks in its cells, checked again without the book:
a steep sigmoid is a step, two steps make a bump, the bump construction approximates
Nielsen's function within the proved bound, towers, ReLU ramps, and the failure of
linear hidden neurons."""
import numpy as np
import pytest

import nn

X = np.linspace(0, 1, 20_001)


def f(x):
    return 0.2 + 0.4 * x**2 + 0.3 * x * np.sin(15 * x) + 0.05 * np.cos(50 * x)


def sigma_inverse(y):
    return np.log(y / (1 - y))


def construct(n, steepness=20.0):
    """The chapter's [1, n, 1] network: n/2 bumps of width d centred on 0, d, ..., 1."""
    bumps = n // 2
    d = 1 / (bumps - 1)
    centres = d * np.arange(bumps)
    heights = sigma_inverse(f(centres))
    w = steepness / d
    step_points = np.ravel(np.column_stack([centres - d / 2, centres + d / 2]))
    net = nn.Network([1, n, 1], cost="quadratic")
    net.weights = [np.full((n, 1), w),
                   np.ravel(np.column_stack([heights, -heights]))[None, :]]
    net.biases = [-w * step_points, np.zeros(1)]
    return net


def max_error(net):
    return np.abs(net.feedforward(X[:, None])[:, 0] - f(X)).max()


def variation(d):
    m = min(int(np.ceil(d / (X[1] - X[0]))), len(X) - 1)
    windows = np.lib.stride_tricks.sliding_window_view(f(X), m + 1)
    return (windows.max(axis=1) - windows.min(axis=1)).max()


def bound(n, steepness=20.0):
    d = 1 / (n // 2 - 1)
    heights = sigma_inverse(f(d * np.arange(n // 2)))
    g_max = np.abs(np.diff(heights, prepend=0, append=0)).max()
    return variation(d) + g_max / 2 * np.exp(-steepness / 2) / (1 - np.exp(-steepness))


# ------------------------------------------------------------------------- steps and bumps
def test_the_step_gap_shrinks_with_w_and_respects_the_tail_bound():
    s, delta = 0.4, 0.01
    outside = np.abs(X - s) > delta
    gaps = [np.abs(nn.sigmoid(w * (X - s)) - (X > s))[outside].max()
            for w in (10, 30, 100, 300, 1000, 3000)]
    assert all(a > b for a, b in zip(gaps, gaps[1:]))
    assert all(g <= np.exp(-w * delta) + 1e-15
               for w, g in zip((10, 30, 100, 300, 1000, 3000), gaps))


def test_step_point_is_minus_b_over_w():
    w, b = 37.0, -11.1
    assert nn.sigmoid(w * (-b / w) + b) == pytest.approx(0.5)


def test_two_steps_make_a_bump_of_height_h():
    s1, s2, h, w = 0.4, 0.6, 0.8, 1000.0
    bump = h * nn.sigmoid(w * (X - s1)) - h * nn.sigmoid(w * (X - s2))
    inside = (X > s1 + 0.01) & (X < s2 - 0.01)
    away = (X < s1 - 0.01) | (X > s2 + 0.01)
    assert np.abs(bump[inside] - h).max() < 2 * h * np.exp(-10)
    assert np.abs(bump[away]).max() < 2 * h * np.exp(-10)


def test_bump_centre_error_bound_is_nearly_tight():
    width, tol = 0.01, 1e-3
    w = 2 * np.log(2 / tol) / width
    centre = 1 - (nn.sigmoid(w * width / 2) - nn.sigmoid(-w * width / 2))
    assert 0.99 * tol < centre <= tol


# ---------------------------------------------------------------------------- construction
def test_construction_error_falls_with_n_and_respects_the_bound():
    ns = [4, 8, 16, 32, 64, 128]
    errors = [max_error(construct(n)) for n in ns]
    assert all(a > b for a, b in zip(errors, errors[1:]))
    assert all(e <= bound(n) for n, e in zip(ns, errors))
    assert 1.5 < errors[-2] / errors[-1] < 3                  # like 1/n


def test_the_error_is_at_most_the_variation_over_half_a_bump():
    """Why the bound is loose: every x is within d/2 of its nearest centre."""
    for n in (4, 8, 16, 32, 64, 128):
        d = 1 / (n // 2 - 1)
        assert max_error(construct(n)) <= variation(d / 2)
    for n in (64, 128):
        d = 1 / (n // 2 - 1)
        assert 0.4 < variation(d / 2) / variation(d) < 0.6


def test_a_sharper_step_gives_a_larger_error():
    """The ReLU exercise: a narrow climb between heights follows f less."""
    assert max_error(construct(64, steepness=40.0)) > max_error(construct(64))


def test_the_bound_fails_for_a_wrong_target():
    """The check can fail: the network built for f is far from 1 - f."""
    net = construct(64)
    assert np.abs(net.feedforward(X[:, None])[:, 0] - (1 - f(X))).max() > bound(64)


# ---------------------------------------------------------------------------------- towers
def tower(x, y, u=40.0, w=1000.0, rect=((0.3, 0.6), (0.4, 0.7))):
    (x1, x2), (y1, y2) = rect
    ridges = (nn.sigmoid(w * (x - x1)) - nn.sigmoid(w * (x - x2))
              + nn.sigmoid(w * (y - y1)) - nn.sigmoid(w * (y - y2)))
    return nn.sigmoid(u * ridges - 1.5 * u)


def test_tower_is_one_inside_and_zero_outside_ridges_included():
    assert tower(0.45, 0.55) > 1 - 1e-8                       # on the rectangle
    assert tower(0.45, 0.1) < 1e-8 and tower(0.9, 0.55) < 1e-8  # on a ridge
    assert tower(0.1, 0.1) < 1e-8                             # elsewhere
    # a threshold outside (1, 2) fails: theta = 1/2 lets the ridges through
    assert tower(0.45, 0.1, u=1e3) < 1e-8
    assert nn.sigmoid(1e3 * 1.0 - 0.5 * 1e3) > 0.5


def test_four_towers_meeting_at_a_corner_are_all_off():
    corner = 0.6
    values = [tower(corner, corner, rect=r) for r in
              (((0.3, 0.6), (0.3, 0.6)), ((0.6, 0.9), (0.3, 0.6)),
               ((0.3, 0.6), (0.6, 0.9)), ((0.6, 0.9), (0.6, 0.9)))]
    assert max(values) < 1e-6


# ---------------------------------------------------------------------------- activations
def test_relu_pair_is_an_exact_step_outside_its_ramp():
    s, w = 0.3, 50.0
    ramp = nn.relu(w * (X - s)) - nn.relu(w * (X - s) - 1)
    outside = (X <= s) | (X >= s + 1 / w + 1e-12)
    assert np.array_equal(ramp[outside], (X[outside] > s).astype(float))
    assert ramp.min() == 0 and ramp.max() == 1


def test_linear_hidden_neurons_give_a_monotone_output_that_misses_f():
    rng = np.random.default_rng(0)
    fx = f(X)
    drop = (np.maximum.accumulate(fx) - fx).max()
    rise = (fx - np.minimum.accumulate(fx)).max()
    lower = min(drop, rise) / 2
    assert lower > 0.15
    for _ in range(20):
        W1, b1 = rng.normal(size=(5, 1)), rng.normal(size=5)
        W2, b2 = rng.normal(size=(1, 5)), rng.normal(size=1)
        out = nn.sigmoid((X[:, None] @ W1.T + b1) @ W2.T + b2)[:, 0]
        steps = np.diff(out)
        assert np.all(steps >= -1e-15) or np.all(steps <= 1e-15)   # monotone
        assert np.abs(out - fx).max() >= lower
