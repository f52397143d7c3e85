"""The closed forms of model/surfaces.py against the direct K-dimensional computation.

For a grid point (x, y) we build the actual logit vector (MATH.md, "Closed forms"):
- shift:      z_p = x, z_k = z_k0 + (y - mean of the other z0) for k != p;
- competitor: z_p = x, z_j = y, the rest as given;
and evaluate it with model.losses (itself checked against the 50-digit oracle in
test_losses_oracle.py). Every field must agree to a relative 1e-12 (floor 1e-300).

Why the tolerance grows with the coordinates: the two routes round the coordinates differently
(the direct route rounds z_k0 + (y - mean0), the closed form rounds x - y - (a - mean0)), so
they evaluate the same function at points that differ by a few ulps of |x| + |y| + |z0|. Values
such as sigma(-d)^2 or exp(-d) turn an absolute error delta in d into a relative error of up to
3 delta. For |x|, |y| <= 50 that is below 1e-13 and the plain 1e-12 applies; on the app's full
range ±1000 it can reach ~1e-12, so the bound is max(1e-12, 8 eps (|x| + |y| + max|z0|)).
(Measured worst case: 1.7 eps (|x| + |y| + max|z0|).)
"""

import numpy as np
import pytest

from model import losses
from model import surfaces as surf_mod
from model.surfaces import (
    competitor_surfaces,
    loss_curves,
    shift_constants,
    shift_profile,
    shift_surfaces,
    surfaces,
)

EPS = np.finfo(np.float64).eps
FIELDS = ("s_p", "ce", "mse", "ce_grad", "mse_grad", "article", "ce_grad_y", "mse_grad_y")
KS = (2, 3, 10, 1000)

GRIDS = {
    # equal steps (0.5 both): the diagonal path
    "equal-steps": (np.linspace(-50, 50, 201), np.linspace(-50, 50, 201), True),
    "equal-steps-offset-nonsquare": (np.linspace(-50, 50, 201), np.linspace(-20, 30, 101), True),
    "equal-steps-app-range": (np.linspace(-1000, 1000, 201), np.linspace(-1000, 1000, 201), True),
    # unequal steps: the general path
    "unequal-steps": (np.linspace(-50, 50, 201), np.linspace(-50, 50, 151), False),
    "unequal-steps-nonsquare": (np.linspace(-12, 40, 53), np.linspace(-50, 50, 301), False),
    "unequal-steps-app-range": (np.linspace(-1000, 1000, 201), np.linspace(-1000, 900, 77), False),
}


# --- the direct computation ------------------------------------------------------------------
def _logit_vectors(z0, p, mode, j, xs, ys):
    """One logit vector per point (xs[i], ys[i]), shape (n, K)."""
    k = z0.size
    z = np.tile(z0, (xs.size, 1))
    others = np.arange(k) != p
    if mode == "shift":
        mean0 = np.mean(z0[others])
        z[:, others] = z0[others] + (ys - mean0)[:, None]
    else:
        z[:, j] = ys
    z[:, p] = xs
    return z


def _direct(z0, p, mode, j, xs, ys):
    """Each Surfaces field, and the size of the MSE-gradient terms along y, from model.losses."""
    z = _logit_vectors(z0, p, mode, j, xs, ys)
    s = losses.softmax(z)
    ce_g = losses.cross_entropy_grad(z, p)
    mse_g = losses.mse_grad(z, p)
    # size of the terms of each MSE-gradient component (MATH.md): 2 s_j (|s_j - y_j| + sum |.| s)
    resid = s.copy()
    resid[:, p] = np.delete(s, p, axis=1).sum(axis=1)
    terms = 2.0 * s * (resid + (resid * s).sum(axis=1, keepdims=True))
    others = np.arange(z0.size) != p
    if mode == "shift":
        ce_y = ce_g[:, others].sum(axis=1)
        mse_y = mse_g[:, others].sum(axis=1)
        terms_y = terms[:, others].sum(axis=1)
    else:
        ce_y, mse_y, terms_y = ce_g[:, j], mse_g[:, j], terms[:, j]
    values = {
        "s_p": s[:, p],
        "ce": losses.cross_entropy(z, p),
        "mse": losses.mse(z, p),
        "ce_grad": ce_g[:, p],
        "mse_grad": mse_g[:, p],
        "article": losses.mse_grad_article(z, p),
        "ce_grad_y": ce_y,
        "mse_grad_y": mse_y,
    }
    return values, terms_y


def _rel_tol(xs, ys, z0):
    coordinate_rounding = 8 * EPS * (np.abs(xs) + np.abs(ys) + np.abs(z0).max())
    return np.maximum(1e-12, coordinate_rounding)


def _compare(surf, z0, p, mode, j, ix, iy, xs_axis, ys_axis):
    xs, ys = xs_axis[ix], ys_axis[iy]
    direct, terms_y = _direct(z0, p, mode, j, xs, ys)
    tol = _rel_tol(xs, ys, z0)
    bad = []
    for name in FIELDS:
        got = np.asarray(getattr(surf, name))[iy, ix]
        want = direct[name]
        if name == "mse_grad_y":
            # a sum of terms of both signs (shift: over all k != p; competitor: at j): measured
            # against the size of its terms, as MATH.md says for dL_MSE/dz_j
            size = np.maximum(terms_y, np.abs(want))
        else:
            size = np.abs(want)
        ok = np.abs(got - want) <= tol * np.maximum(size, 1e-300)
        for i in np.flatnonzero(~ok)[:3]:
            bad.append(
                f"{name} at x={xs[i]!r}, y={ys[i]!r}: closed form {got[i]!r}, direct {want[i]!r}"
            )
    return bad


def _sample_indices(rng, nx, ny, n=150):
    ix = np.concatenate([rng.integers(0, nx, n), [0, nx - 1, 0, nx - 1]])
    iy = np.concatenate([rng.integers(0, ny, n), [0, 0, ny - 1, ny - 1]])
    return ix, iy


def _base_logits(k, seed):
    rng = np.random.default_rng([77, k, seed])
    z0 = rng.uniform(-10.0, 10.0, size=k)
    p = int(rng.integers(k))
    j = int((p + 1 + rng.integers(k - 1)) % k)
    assert j != p
    return z0, p, j


@pytest.fixture
def path_spy(monkeypatch):
    """Record whether shift mode evaluated per diagonal (1-D d) or per grid point (2-D d)."""
    seen = []
    real = surf_mod._shift_values

    def spy(d, q_sq):
        seen.append(np.ndim(d))
        return real(d, q_sq)

    monkeypatch.setattr(surf_mod, "_shift_values", spy)
    return seen


# --- closed forms vs direct ---------------------------------------------------------------------
@pytest.mark.parametrize("grid", list(GRIDS))
@pytest.mark.parametrize("k", KS)
def test_shift_surfaces_match_direct_computation(k, grid, path_spy):
    xs_axis, ys_axis, diagonal = GRIDS[grid]
    z0, p, j = _base_logits(k, 1)
    surf = shift_surfaces(z0, p, xs_axis, ys_axis)
    assert path_spy == [1 if diagonal else 2]  # the grid exercises the path it is meant to
    ix, iy = _sample_indices(np.random.default_rng([k, len(grid)]), xs_axis.size, ys_axis.size)
    bad = _compare(surf, z0, p, "shift", j, ix, iy, xs_axis, ys_axis)
    assert not bad, f"K={k}, p={p}:\n" + "\n".join(bad)


@pytest.mark.parametrize("grid", list(GRIDS))
@pytest.mark.parametrize("k", KS)
def test_competitor_surfaces_match_direct_computation(k, grid):
    xs_axis, ys_axis, _ = GRIDS[grid]
    z0, p, j = _base_logits(k, 2)
    surf = competitor_surfaces(z0, p, j, xs_axis, ys_axis)
    ix, iy = _sample_indices(np.random.default_rng([k, len(grid), 2]), xs_axis.size, ys_axis.size)
    bad = _compare(surf, z0, p, "competitor", j, ix, iy, xs_axis, ys_axis)
    assert not bad, f"K={k}, p={p}, j={j}:\n" + "\n".join(bad)


@pytest.mark.parametrize("mode", ["shift", "competitor"])
def test_saturated_corners_and_wide_spread_of_the_others(mode):
    """Others spread over 60 (q far from uniform), the competitor the smallest other logit."""
    z0 = np.array([0.0, 30.0, -30.0, 5.0, -29.0])
    p, j = 3, 2
    xs_axis = np.linspace(-50, 50, 101)
    ys_axis = np.linspace(-50, 50, 101)
    surf = surfaces(z0, p, mode, j, xs_axis, ys_axis)
    iy, ix = np.meshgrid(np.arange(101), np.arange(101), indexing="ij")
    bad = _compare(surf, z0, p, mode, j, ix.ravel(), iy.ravel(), xs_axis, ys_axis)
    assert not bad, "\n".join(bad)
    # the corners really are saturated: CE from below 1e-8 to above 70, s_p down to 1e-30
    assert surf.ce.min() < 1e-8 and surf.ce.max() > 70 and surf.s_p.min() < 1e-30


@pytest.mark.parametrize(
    ("xs_axis", "ys_axis"),
    [
        # the y range is 1e-8 wider than the x range: steps differ by a relative 5e-10
        (np.linspace(-10, 10, 201), np.linspace(-10, 10 + 1e-8, 201)),
        # an x axis that is not evenly spaced (jitter of 1e-11 per point)
        (
            np.linspace(-10, 10, 201) + 1e-11 * np.random.default_rng(5).standard_normal(201),
            np.linspace(-10, 10, 201),
        ),
    ],
    ids=["widths-differ-by-5e-10", "x-axis-jittered-1e-11"],
)
def test_nearly_equal_steps_still_give_the_values_at_the_grid_points(xs_axis, ys_axis):
    """Each value must be the one at (x[ix], y[iy]), whatever the axes' spacing."""
    z0, p, j = np.array([-2.0, 1.0, 0.5]), 0, 1
    surf = shift_surfaces(z0, p, xs_axis, ys_axis)
    iy, ix = np.meshgrid(np.arange(ys_axis.size), np.arange(xs_axis.size), indexing="ij")
    bad = _compare(surf, z0, p, "shift", j, ix.ravel(), iy.ravel(), xs_axis, ys_axis)
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("k", KS)
def test_shift_profile_of_d_matches_direct_computation(k):
    """shift_constants gives (c, ||q||^2) with d = x - y - c; shift_profile(d) is every field."""
    z0, p, j = _base_logits(k, 6)
    c, q_sq = shift_constants(z0, p)
    others = np.delete(z0, p)
    q = np.exp(others - others.max())
    q /= q.sum()
    assert abs(q_sq - np.dot(q, q)) <= 1e-14 * q_sq
    rng = np.random.default_rng([k, 6])
    xs, ys = rng.uniform(-50, 50, 200), rng.uniform(-50, 50, 200)
    values = shift_profile(xs - ys - c, q_sq)
    assert set(values) == set(FIELDS)
    direct, terms_y = _direct(z0, p, "shift", j, xs, ys)
    tol = _rel_tol(xs, ys, z0)
    for name in FIELDS:
        size = np.abs(direct[name])
        if name == "mse_grad_y":
            size = np.maximum(terms_y, size)
        bad = np.abs(values[name] - direct[name]) > tol * np.maximum(size, 1e-300)
        assert not bad.any(), (name, xs[bad][:3], ys[bad][:3])
    # and shift_surfaces is that profile on the grid
    grid = shift_surfaces(z0, p, xs[:7], ys[:5])
    prof = shift_profile(xs[None, :7] - ys[:5, None] - c, q_sq)
    for name in FIELDS:
        assert np.array_equal(getattr(grid, name), prof[name]), name


# --- along-axis gradients and finite differences of the surfaces themselves -------------------
# Central differences with h = 1e-5: truncation ~h², rounding ~eps·|L|/h (< 1e-9 here):
# relative 1e-6 plus an absolute 1e-9.
H = 1e-5
FD_POINTS = [(-3.0, 1.0), (0.5, -2.0), (2.0, 2.5), (-6.0, -4.0), (4.0, -1.0)]


def _fd_close(fd, exact):
    return abs(fd - exact) <= 1e-6 * abs(exact) + 1e-9


@pytest.mark.parametrize("equal_steps", [True, False], ids=["diagonal-path", "general-path"])
@pytest.mark.parametrize("mode", ["shift", "competitor"])
@pytest.mark.parametrize("k", KS)
def test_surface_gradients_match_finite_differences_of_the_surfaces(k, mode, equal_steps):
    z0, p, j = _base_logits(k, 3)
    z0 = z0 / 4.0  # moderate logits: the finite differences are then meaningful to 1e-6
    for x0, y0 in FD_POINTS:
        hy = H if equal_steps else 2 * H
        xs = np.array([x0 - H, x0, x0 + H])
        ys = np.array([y0 - hy, y0, y0 + hy])
        s = surfaces(z0, p, mode, j, xs, ys)
        for value, grad_x, grad_y in (
            ("ce", "ce_grad", "ce_grad_y"),
            ("mse", "mse_grad", "mse_grad_y"),
        ):
            v = getattr(s, value)
            fd_x = (v[1, 2] - v[1, 0]) / (xs[2] - xs[0])
            fd_y = (v[2, 1] - v[0, 1]) / (ys[2] - ys[0])
            gx, gy = getattr(s, grad_x)[1, 1], getattr(s, grad_y)[1, 1]
            assert _fd_close(fd_x, gx), (value, "x", x0, y0, fd_x, gx)
            assert _fd_close(fd_y, gy), (value, "y", x0, y0, fd_y, gy)


@pytest.mark.parametrize("k", KS)
def test_along_axis_gradients_are_the_direct_gradients(k):
    """shift: dL/dy = sum over k != p of dL/dz_k = -dL/dz_p; competitor: dL/dy = dL/dz_j."""
    z0, p, j = _base_logits(k, 4)
    xs_axis, ys_axis = np.linspace(-8, 8, 33), np.linspace(-8, 8, 17)
    sh = shift_surfaces(z0, p, xs_axis, ys_axis)
    assert np.array_equal(sh.ce_grad_y, -sh.ce_grad)
    assert np.array_equal(sh.mse_grad_y, -sh.mse_grad)
    co = competitor_surfaces(z0, p, j, xs_axis, ys_axis)
    iy, ix = np.meshgrid(np.arange(17), np.arange(33), indexing="ij")
    ix, iy = ix.ravel(), iy.ravel()
    z = _logit_vectors(z0, p, "competitor", j, xs_axis[ix], ys_axis[iy])
    s = losses.softmax(z)
    assert np.allclose(co.ce_grad_y[iy, ix], s[:, j], rtol=1e-12, atol=0)
    assert np.all(co.ce_grad_y > 0)


# --- loss_curves --------------------------------------------------------------------------------
@pytest.mark.parametrize("k", KS)
def test_loss_curves_match_direct_computation(k):
    z0, p, _ = _base_logits(k, 5)
    xs = np.linspace(-60, 60, 241)
    c = loss_curves(z0, p, xs)
    assert np.array_equal(c.x, xs)
    z = np.tile(z0, (xs.size, 1))
    z[:, p] = xs
    direct = {
        "s_p": losses.softmax(z)[:, p],
        "ce": losses.cross_entropy(z, p),
        "mse": losses.mse(z, p),
        "ce_grad": losses.cross_entropy_grad(z, p)[:, p],
        "mse_grad": losses.mse_grad(z, p)[:, p],
        "article": losses.mse_grad_article(z, p),
    }
    tol = np.maximum(1e-12, 8 * EPS * (np.abs(xs) + np.abs(z0).max()))
    for name, want in direct.items():
        got = getattr(c, name)
        assert got.shape == xs.shape, name
        bad = np.abs(got - want) > tol * np.maximum(np.abs(want), 1e-300)
        assert not bad.any(), (name, xs[bad][:3], got[bad][:3], want[bad][:3])


def test_loss_curves_gradients_match_finite_differences():
    z0 = np.array([0.3, -1.2, 2.0, 0.7])
    p = 1
    for x0 in (-6.0, -1.0, 0.0, 2.5, 7.0):
        c = loss_curves(z0, p, [x0 - H, x0, x0 + H])
        for value, grad in (("ce", "ce_grad"), ("mse", "mse_grad")):
            v = getattr(c, value)
            fd = (v[2] - v[0]) / (c.x[2] - c.x[0])
            assert _fd_close(fd, getattr(c, grad)[1]), (value, x0)
        # the article's term is not the gradient once K >= 3
        assert abs(c.article[1] - c.mse_grad[1]) > 1e-6 * abs(c.mse_grad[1])


# --- shapes, dispatch, errors --------------------------------------------------------------
@pytest.mark.parametrize("mode", ["shift", "competitor"])
@pytest.mark.parametrize(("nx", "ny", "hy"), [(7, 4, 1.0), (4, 7, 1.0), (5, 3, 0.7), (1, 6, 1.0)])
def test_shapes_are_ny_by_nx(mode, nx, ny, hy):
    xs = np.arange(nx, dtype=float)
    ys = -2.0 + hy * np.arange(ny)
    s = surfaces([1.0, -0.5, 0.25, 2.0], 2, mode, 0, xs, ys)
    for name in FIELDS:
        assert np.shape(getattr(s, name)) == (ny, nx), name
    # row iy is y[iy], column ix is x[ix]: s_p grows along x and (shift mode) falls along y
    assert np.all(np.diff(s.s_p, axis=1) > 0) if nx > 1 else True
    assert np.all(np.diff(s.s_p, axis=0) < 0)


def test_dispatch_gives_the_same_arrays():
    z0, xs, ys = [0.5, -1.0, 2.0], np.linspace(-5, 5, 11), np.linspace(-4, 4, 9)
    a, b = surfaces(z0, 0, "shift", 1, xs, ys), shift_surfaces(z0, 0, xs, ys)
    c, d = surfaces(z0, 0, "competitor", 2, xs, ys), competitor_surfaces(z0, 0, 2, xs, ys)
    for name in FIELDS:
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
        assert np.array_equal(getattr(c, name), getattr(d, name)), name
    # the two modes really differ (and the competitor matters)
    assert not np.allclose(a.ce, c.ce)
    assert not np.allclose(c.ce, competitor_surfaces(z0, 0, 1, xs, ys).ce)


def test_surfaces_are_independent_of_how_the_others_are_ordered():
    """Shift mode depends on the others only through a and q: permuting them changes nothing."""
    z0 = np.array([1.0, -2.0, 0.5, 3.0, -0.25])
    perm = np.array([0, 3, 1, 4, 2])
    xs, ys = np.linspace(-9, 9, 19), np.linspace(-9, 9, 13)
    a = shift_surfaces(z0, 0, xs, ys)
    b = shift_surfaces(z0[perm], 0, xs, ys)
    for name in FIELDS:
        assert np.allclose(getattr(a, name), getattr(b, name), rtol=1e-13, atol=1e-300), name


@pytest.mark.parametrize("competitor", [0, 3, -1, 7])
def test_competitor_must_be_another_valid_class(competitor):
    with pytest.raises(ValueError, match=r"competitor must be a class other than the target 0"):
        competitor_surfaces([0.0, 1.0, 2.0], 0, competitor, [0.0, 1.0], [0.0, 1.0])
    with pytest.raises(ValueError, match=r"competitor"):
        surfaces([0.0, 1.0, 2.0], 0, "competitor", competitor, [0.0, 1.0], [0.0, 1.0])


@pytest.mark.parametrize("mode", ["diagonal", "Shift", "", None])
def test_bad_mode_raises(mode):
    with pytest.raises(ValueError, match=r"surface mode must be 'shift' or 'competitor'"):
        surfaces([0.0, 1.0, 2.0], 0, mode, 1, [0.0, 1.0], [0.0, 1.0])


@pytest.mark.parametrize(
    ("z", "target", "x", "y", "pattern"),
    [
        ([[0.0, 1.0], [1.0, 0.0]], 0, [0.0], [0.0], r"shape \(K,\)"),
        ([0.0, 1.0, 2.0], 3, [0.0], [0.0], r"out of range"),
        ([0.0, float("nan"), 2.0], 0, [0.0], [0.0], r"finite"),
        ([1.0], 0, [0.0], [0.0], r"at least 2 classes"),
        ([0.0, 1.0, 2.0], 0, [], [0.0], r"must not be empty"),
        ([0.0, 1.0, 2.0], 0, [0.0, float("inf")], [0.0], r"must be finite"),
        ([0.0, 1.0, 2.0], 0, [0.0], [float("nan")], r"must be finite"),
    ],
)
def test_bad_arguments_raise(z, target, x, y, pattern):
    for mode in ("shift", "competitor"):
        with pytest.raises(ValueError, match=pattern):
            surfaces(z, target, mode, 1 if target != 1 else 2, x, y)
    if np.ndim(z) == 1 and len(y) and np.isfinite(y).all():
        with pytest.raises(ValueError, match=pattern):
            loss_curves(z, target, x)
