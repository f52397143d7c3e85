"""Hypothesis properties of model.losses (MATH.md, "Numerical standards"; PRODUCT.md F9).

Example counts are bounded so the file runs in a few seconds; no example database is written.
"""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model import losses

EPS = np.finfo(np.float64).eps
SETTINGS = settings(max_examples=150, deadline=None, database=None)
FEW = settings(max_examples=60, deadline=None, database=None)

# Spread (max - min) stays below 1e308 when every logit is within ±4e307.
WIDE = 4e307


@st.composite
def logits_and_target(draw, lo=-1e3, hi=1e3, k_max=20):
    k = draw(st.integers(2, k_max))
    z = draw(
        st.lists(st.floats(lo, hi, allow_nan=False, allow_infinity=False), min_size=k, max_size=k)
    )
    p = draw(st.integers(0, k - 1))
    return np.array(z, dtype=np.float64), p


def _everything(z, p):
    return {
        "softmax": losses.softmax(z),
        "log_softmax": losses.log_softmax(z),
        "ce": losses.cross_entropy(z, p),
        "mse": losses.mse(z, p),
        "mse_mean": losses.mse(z, p, reduction="mean"),
        "ce_grad": losses.cross_entropy_grad(z, p),
        "mse_grad": losses.mse_grad(z, p),
        "mse_grad_mean": losses.mse_grad(z, p, reduction="mean"),
        "article": losses.mse_grad_article(z, p),
    }


def _mse_grad_terms(z, p):
    """``2 s_j (|s_j - y_j| + sum_k |s_k - y_k| s_k)``, the size of each MSE-gradient component."""
    s = losses.softmax(z)
    resid = s.copy()
    resid[p] = np.delete(s, p).sum()  # |s_p - 1| without cancellation
    return 2.0 * s * (resid + math.fsum(resid * s))


# --- probabilities and sums ----------------------------------------------------------------
@SETTINGS
@given(logits_and_target(-WIDE, WIDE))
def test_probabilities_sum_to_one(case):
    z, _ = case
    s = losses.softmax(z)
    assert np.all(s >= 0.0) and np.all(s <= 1.0)
    assert abs(math.fsum(s) - 1.0) <= 1e-14


@SETTINGS
@given(logits_and_target(-1e3, 1e3))
def test_log_softmax_is_log_of_softmax_where_both_are_accurate(case):
    z, _ = case
    s = losses.softmax(z)
    ls = losses.log_softmax(z)
    assert np.all(ls <= 0.0)
    ok = s > 1e-300  # log(s) of a rounded-to-zero probability is -inf; log_softmax stays finite
    assert np.all(np.isfinite(ls))
    # s carries a few ulps of relative error, so log(s) has that much absolute error
    assert np.all(np.abs(ls[ok] - np.log(s[ok])) <= 1e-14 * np.maximum(1.0, np.abs(ls[ok])))


@SETTINGS
@given(logits_and_target(-WIDE, WIDE))
def test_ce_gradients_sum_to_zero(case):
    z, p = case
    g = losses.cross_entropy_grad(z, p)
    assert abs(math.fsum(g)) <= 1e-14 * math.fsum(np.abs(g)) + 1e-320
    # -(1 - s_p) is a sum of rounded probabilities: it may pass -1 by a few ulps, no more
    assert -1.0 - 1e-14 <= g[p] <= 0.0
    assert np.all(np.delete(g, p) >= 0.0)


@SETTINGS
@given(logits_and_target(-1e3, 1e3))
def test_mse_gradients_sum_to_zero(case):
    z, p = case
    for reduction, scale in (("sum", 1.0), ("mean", 1.0 / z.size)):
        g = losses.mse_grad(z, p, reduction=reduction)
        terms = _mse_grad_terms(z, p) * scale
        assert abs(math.fsum(g)) <= 1e-14 * math.fsum(terms) + 1e-320, reduction


# --- shift invariance ---------------------------------------------------------------------
DYADIC = st.integers(-(2**20), 2**20).map(lambda n: n / 1024.0)  # exact sums, |z| <= 1024


@SETTINGS
@given(
    st.integers(2, 12).flatmap(
        lambda k: st.tuples(st.lists(DYADIC, min_size=k, max_size=k), st.integers(0, k - 1), DYADIC)
    )
)
def test_shift_invariance_is_exact_when_the_shift_is_exact(case):
    """On a dyadic grid z + c is exact, so z - max z is bit-identical: so must every output be."""
    z, p, c = case
    z = np.array(z)
    a, b = _everything(z, p), _everything(z + c, p)
    for name in a:
        assert np.array_equal(a[name], b[name]), name


@SETTINGS
@given(logits_and_target(-100.0, 100.0, k_max=12), st.floats(-1e3, 1e3))
def test_shift_invariance_up_to_rounding(case, c):
    """Adding c rounds each logit once (|z + c| <= 1100: < 2.3e-13 off), which moves every
    probability, loss and gradient by a relative few 1e-13 at most; we allow 1e-11."""
    z, p = case
    a, b = _everything(z, p), _everything(z + c, p)
    terms = _mse_grad_terms(z, p)
    for name in a:
        x, y = np.asarray(a[name]), np.asarray(b[name])
        if name.startswith("mse_grad"):
            scale = terms if name == "mse_grad" else terms / z.size
            size = np.where(np.arange(z.size) == p, np.abs(x), scale)
        else:
            size = np.abs(x)
        assert np.all(np.abs(x - y) <= 1e-11 * np.maximum(size, 1e-300)), (name, x, y)


# --- gradients against finite differences ------------------------------------------------
# Central differences with h = 1e-5: truncation h²/6·|L'''| < 1e-11, rounding eps·|L|/h < 3e-10
# (CE reaches ~10 here). So: relative 1e-6, plus an absolute 1e-9 for that rounding noise.
H = 1e-5


def _fd(f, z, j):
    zp, zm = z.copy(), z.copy()
    zp[j] += H
    zm[j] -= H
    return (f(zp) - f(zm)) / (zp[j] - zm[j])


@SETTINGS
@given(logits_and_target(-5.0, 5.0, k_max=6))
def test_gradients_match_central_finite_differences(case):
    z, p = case
    checks = (
        (lambda v: losses.cross_entropy(v, p), losses.cross_entropy_grad(z, p)),
        (lambda v: losses.mse(v, p), losses.mse_grad(z, p)),
        (lambda v: losses.mse(v, p, "mean"), losses.mse_grad(z, p, "mean")),
    )
    for i, (f, g) in enumerate(checks):
        for j in range(z.size):
            fd = _fd(f, z, j)
            assert abs(fd - g[j]) <= 1e-6 * abs(g[j]) + 1e-9, (i, j, fd, g[j])


@FEW
@given(logits_and_target(-5.0, 5.0, k_max=6))
def test_article_term_misses_the_other_paths(case):
    """exact - article = -2 s_p sum_{k != p} s_k^2 (MATH.md): the dropped K - 1 paths."""
    z, p = case
    s = losses.softmax(z)
    missing = -2.0 * s[p] * np.sum(np.delete(s, p) ** 2)
    diff = losses.mse_grad(z, p)[p] - losses.mse_grad_article(z, p)
    assert abs(diff - missing) <= 1e-14 * (abs(losses.mse_grad(z, p)[p]) + abs(missing)) + 1e-300


# --- the identity dL_MSE/dz_p = -2 s_p L_MSE -------------------------------------------------
@SETTINGS
@given(logits_and_target(-1e3, 1e3))
def test_mse_gradient_on_target_is_minus_2_sp_times_loss(case):
    z, p = case
    s = losses.softmax(z)
    g = losses.mse_grad(z, p)[p]
    loss = losses.mse(z, p)
    assert g <= 0.0
    assert abs(g - (-2.0 * s[p] * loss)) <= 4 * EPS * abs(g) + 1e-320


@SETTINGS
@given(logits_and_target(-5.0, 5.0, k_max=8))
def test_mse_gradient_on_target_matches_the_expanded_form(case):
    """``2 s_p (2 s_p - 1 - ||s||^2)`` — the same number by another route (moderate logits)."""
    z, p = case
    s = losses.softmax(z)
    g = losses.mse_grad(z, p)[p]
    sq = math.fsum(s * s)
    expanded = 2.0 * s[p] * (2.0 * s[p] - 1.0 - sq)
    assert abs(g - expanded) <= 1e-14 * 2.0 * s[p] * (2.0 * s[p] + 1.0 + sq)


# --- bounds and finiteness ------------------------------------------------------------------
@SETTINGS
@given(logits_and_target(-WIDE, WIDE))
def test_mse_is_between_0_and_2(case):
    z, p = case
    loss = losses.mse(z, p)
    assert 0.0 <= loss <= 2.0
    assert 0.0 <= losses.mse(z, p, reduction="mean") <= 2.0 / z.size
    assert losses.cross_entropy(z, p) >= 0.0


def _assert_all_finite_without_warnings(z, p):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # also without pytest's filterwarnings = error
        out = _everything(z, p)
    for name, v in out.items():
        assert np.all(np.isfinite(v)), (name, z, p, v)
    return out


@SETTINGS
@given(logits_and_target(-WIDE, WIDE))
def test_wide_finite_logits_give_finite_values_and_no_warnings(case):
    z, p = case
    _assert_all_finite_without_warnings(z, p)


@FEW
@given(
    st.integers(2, 6).flatmap(
        lambda k: st.tuples(
            st.lists(
                st.lists(st.floats(-WIDE, WIDE), min_size=k, max_size=k), min_size=1, max_size=5
            ),
            st.lists(st.integers(0, k - 1), min_size=1, max_size=1),
        )
    )
)
def test_wide_finite_batches_give_finite_values_and_no_warnings(case):
    rows, (p,) = case
    z = np.array(rows)
    out = _assert_all_finite_without_warnings(z, p)
    assert out["ce"].shape == (len(rows),)


@pytest.mark.parametrize(
    "z",
    [
        (1e307, -1e307 / 2, 0.0),
        (5e307, -4.99e307, 0.0),
        (-1e307, 1e307 / 2, 0.0),
        (1e307, 1e307, -1e307 / 2),
        (1.7e308, 1.7e308 - 1e300, 1.6e308),
        (-1e-320, 5e-324, 0.0),
    ],
)
def test_extreme_logits_give_finite_values_and_no_warnings(z):
    z = np.array(z)
    for p in range(z.size):
        out = _assert_all_finite_without_warnings(z, p)
        m = z.max()
        # CE = (max - z_p) + log1p(rest), exact here up to rounding
        assert out["ce"] >= m - z[p]
        assert math.isclose(
            out["ce"],
            (m - z[p])
            + math.log1p(math.fsum(math.exp(v - m) for v in np.delete(z, int(np.argmax(z))))),
            rel_tol=1e-15,
            abs_tol=1e-300,
        )


def test_ce_of_the_article_example_of_extremes():
    """z = (1e307, -1e307/2, 0), p = 1: CE = 1.5e307 exactly (finite, no inf)."""
    ce = losses.cross_entropy([1e307, -1e307 / 2, 0.0], 1)
    assert ce == 1e307 + 1e307 / 2
    assert losses.cross_entropy_grad([1e307, -1e307 / 2, 0.0], 1)[1] == -1.0


# --- bad input -------------------------------------------------------------------------------
WITH_TARGET = [
    losses.cross_entropy,
    losses.mse,
    losses.cross_entropy_grad,
    losses.mse_grad,
    losses.mse_grad_article,
]
ALL_FUNCS = [losses.softmax, losses.log_softmax, *WITH_TARGET]


def _call(f, z, target=0):
    if f in (losses.softmax, losses.log_softmax):
        return f(z)
    return f(z, target)


@pytest.mark.parametrize("f", ALL_FUNCS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    ("z", "pattern"),
    [
        ([0.5], r"at least 2 classes.*K = 1"),
        ([[1.0], [2.0]], r"at least 2 classes.*K = 1"),
        (np.zeros((3, 0)), r"at least 2 classes.*K = 0"),
        (3.0, r"class axis"),
        ([0.0, float("nan"), 1.0], r"finite.*NaN"),
        ([0.0, float("inf"), 1.0], r"finite"),
        ([float("-inf"), 0.0], r"finite"),
        ([[0.0, 1.0], [2.0, float("nan")]], r"finite"),
        (["a", "b"], r"real numbers"),
        ([1 + 2j, 0j], r"real numbers"),
    ],
)
def test_bad_logits_raise_value_error_with_a_message(f, z, pattern):
    with pytest.raises(ValueError, match=pattern):
        _call(f, z)


@pytest.mark.parametrize("f", WITH_TARGET, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    ("target", "pattern"),
    [
        (3, r"out of range.*0\.\.2.*3"),
        (-1, r"out of range.*-1"),
        (np.array([0, 3]), r"out of range"),
        (1.0, r"integer class index.*1\.0"),
        (np.array([0.0, 1.0]), r"integer class index"),
        (True, r"integer class index"),
        ("0", r"integer class index"),
        (np.array([0, 1, 2]), r"broadcast"),
    ],
)
def test_bad_targets_raise_value_error_with_a_message(f, target, pattern):
    z = np.array([[0.0, 1.0, 2.0], [3.0, -1.0, 0.5]])
    with pytest.raises(ValueError, match=pattern):
        f(z, target)


@pytest.mark.parametrize("f", [losses.mse, losses.mse_grad], ids=lambda f: f.__name__)
def test_bad_reduction_raises(f):
    with pytest.raises(ValueError, match=r"reduction must be 'sum' or 'mean'.*'avg'"):
        f([0.0, 1.0], 0, reduction="avg")
