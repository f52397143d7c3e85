"""model.losses against the 50-digit mpmath reference of oracle.py (MATH.md, "Numerical standards").

The standard: ``|model - true| <= 1e-12 * max(|true|, 1e-305)`` for every probability, loss and
gradient; for the MSE gradient at ``j != p`` (a sum of terms of both signs that crosses zero) the
error is measured against the size of its terms ``2 s_j (|s_j| + sum_k |s_k - y_k| s_k)``.
"""

import math

import mpmath
import numpy as np
import oracle
import pytest
from mpmath import mpf

from model import losses

KS = (2, 3, 5, 10, 50)
SCALES = (0.1, 1.0, 10.0, 100.0, 1000.0)
GAPS = (40.0, 100.0, 300.0, 700.0)


# --- comparing one sample ------------------------------------------------------------------
def _model_outputs(z, p):
    """Every public function of model.losses for one logit vector."""
    return {
        "softmax": losses.softmax(z),
        "log_softmax": losses.log_softmax(z),
        "ce": losses.cross_entropy(z, p),
        "mse_sum": losses.mse(z, p),
        "mse_mean": losses.mse(z, p, reduction="mean"),
        "ce_grad": losses.cross_entropy_grad(z, p),
        "mse_grad_sum": losses.mse_grad(z, p),
        "mse_grad_mean": losses.mse_grad(z, p, reduction="mean"),
        "article": losses.mse_grad_article(z, p),
    }


def _failures(z, p, out):
    """Every value of ``out`` (one sample) that misses the standard, as readable lines."""
    z = np.asarray(z, dtype=np.float64)
    k_count = z.size
    ref = oracle.reference(z, p)
    bad = []

    def expect(name, got, true, scale=None):
        if not oracle.within(got, true, scale):
            e = oracle.err(got, true)
            bad.append(
                f"{name}: model {float(got)!r}, true {mpmath.nstr(true, 17)}, "
                f"error {mpmath.nstr(e, 3)} > bound {mpmath.nstr(oracle.bound(true, scale), 3)}"
            )

    for k in range(k_count):
        expect(f"softmax[{k}]", out["softmax"][k], ref.s[k])
        expect(f"log_softmax[{k}]", out["log_softmax"][k], ref.log_s[k])
        expect(f"ce_grad[{k}]", out["ce_grad"][k], ref.ce_grad[k])
        # at j = p the MSE gradient has no cancellation: plain relative error
        scale = None if k == p else ref.mse_grad_terms[k]
        expect(f"mse_grad[{k}]", out["mse_grad_sum"][k], ref.mse_grad[k], scale)
        mean_scale = None if scale is None else scale / k_count
        true_mean = ref.mse_grad[k] / k_count
        expect(f"mse_grad_mean[{k}]", out["mse_grad_mean"][k], true_mean, mean_scale)
    expect("cross_entropy", out["ce"], ref.ce)
    expect("mse(sum)", out["mse_sum"], ref.mse)
    expect("mse(mean)", out["mse_mean"], ref.mse / k_count)
    expect("mse_grad_article", out["article"], ref.article)
    return bad


def _check(z, p):
    z = np.asarray(z, dtype=np.float64)
    out = _model_outputs(z, p)
    assert out["softmax"].shape == z.shape
    assert out["log_softmax"].shape == z.shape
    assert out["ce_grad"].shape == z.shape
    assert out["mse_grad_sum"].shape == z.shape
    assert np.shape(out["ce"]) == () and np.shape(out["mse_sum"]) == ()
    assert np.shape(out["article"]) == ()
    bad = _failures(z, p, out)
    assert not bad, f"z = {z.tolist()!r}, p = {p}:\n  " + "\n  ".join(bad)


# --- the cases -----------------------------------------------------------------------------
def _random_cases():
    cases = []
    for k in KS:
        for scale in SCALES:
            rng = np.random.default_rng([11, k, round(scale * 10)])
            z = rng.uniform(-scale / 2, scale / 2, size=k)
            targets = sorted({int(np.argmax(z)), int(np.argmin(z)), int(rng.integers(k))})
            cases.append(pytest.param(z, targets, id=f"K{k}-spread{scale:g}"))
    return cases


def _saturated_cases(right):
    cases = []
    for k in KS:
        for gap in GAPS:
            rng = np.random.default_rng([22 if right else 33, k, int(gap)])
            z = rng.uniform(-1.0, 1.0, size=k)
            p = int(rng.integers(k))
            others = np.delete(z, p)
            z[p] = others.max() + gap if right else others.min() - gap
            word = "right" if right else "wrong"
            cases.append(pytest.param(z, [p], id=f"K{k}-{word}-by{gap:g}"))
    return cases


def _tie_cases():
    cases = []
    for k in KS:
        for c in (0.0, -7.25, 123.456):
            z = np.full(k, c)
            cases.append(pytest.param(z, sorted({0, k // 2, k - 1}), id=f"K{k}-all-equal-{c:g}"))
        rng = np.random.default_rng([44, k])
        z = rng.uniform(-5.0, 5.0, size=k)
        p = int(rng.integers(k))
        q = (p + 1) % k
        z[p] = z[q] = z.max() + 0.5  # the target tied with the (first) maximum
        cases.append(pytest.param(z, sorted({p, q}), id=f"K{k}-target-tied-with-max"))
    return cases


EXPLICIT = [
    pytest.param([40.0, 0.0, -3.0], [0, 1, 2], id="tiny-CE-(40,0,-3)"),
    pytest.param([-3.0, 1.0, 0.5], [0, 1, 2], id="MATH-example-(-3,1,0.5)"),
    pytest.param([-2.0, 1.0, 0.5], [0, 1, 2], id="default-state-(-2,1,0.5)"),
    pytest.param([0.0, 0.0], [0, 1], id="K2-equal"),
    pytest.param([745.0, 0.0, 0.0], [0, 1], id="others-at-subnormal-edge"),
    pytest.param([-1000.0, 1000.0, 0.0], [0, 1, 2], id="app-logit-limits"),
]


@pytest.mark.parametrize(("z", "targets"), _random_cases())
def test_random_logits_match_oracle(z, targets):
    for p in targets:
        _check(z, p)


@pytest.mark.parametrize(("z", "targets"), _saturated_cases(right=True))
def test_saturated_right_match_oracle(z, targets):
    for p in targets:
        _check(z, p)


@pytest.mark.parametrize(("z", "targets"), _saturated_cases(right=False))
def test_saturated_wrong_match_oracle(z, targets):
    for p in targets:
        _check(z, p)


@pytest.mark.parametrize(("z", "targets"), _tie_cases())
def test_ties_match_oracle(z, targets):
    for p in targets:
        _check(z, p)


@pytest.mark.parametrize(("z", "targets"), EXPLICIT)
def test_explicit_cases_match_oracle(z, targets):
    for p in targets:
        _check(z, p)


@pytest.mark.parametrize("k", KS)
def test_batched_input_matches_oracle_per_sample(k):
    """z of shape (4, 3, K) mixing regimes row by row, with an int-array target of shape (4, 3)."""
    rng = np.random.default_rng([55, k])
    z = np.empty((4, 3, k))
    for i in range(4):
        for j in range(3):
            scale = SCALES[(i + j) % len(SCALES)]
            z[i, j] = rng.uniform(-scale / 2, scale / 2, size=k)
    target = rng.integers(0, k, size=(4, 3))
    # a few rows saturated right / wrong around their target, one all-equal row
    for i, j, gap in ((0, 1, 40.0), (1, 2, 300.0), (2, 0, 700.0)):
        p = target[i, j]
        z[i, j, p] = np.delete(z[i, j], p).max() + gap
    for i, j, gap in ((3, 1, 100.0), (0, 2, 700.0)):
        p = target[i, j]
        z[i, j, p] = np.delete(z[i, j], p).min() - gap
    z[3, 2] = 2.5
    out = _model_outputs(z, target)
    assert out["softmax"].shape == (4, 3, k)
    assert out["log_softmax"].shape == (4, 3, k)
    assert out["ce_grad"].shape == (4, 3, k)
    assert out["mse_grad_sum"].shape == (4, 3, k)
    assert out["mse_grad_mean"].shape == (4, 3, k)
    for name in ("ce", "mse_sum", "mse_mean", "article"):
        assert out[name].shape == (4, 3), name
    bad = []
    for i in range(4):
        for j in range(3):
            sample = {name: v[i, j] for name, v in out.items()}
            bad += [f"[{i},{j}] {line}" for line in _failures(z[i, j], int(target[i, j]), sample)]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("target_kind", ["scalar", "row-broadcast", "uint8-array"])
def test_batched_target_forms(target_kind):
    """An int target, a target broadcasting along the leading axes, and unsigned int targets."""
    rng = np.random.default_rng(66)
    k = 5
    z = rng.uniform(-20.0, 20.0, size=(4, 3, k))
    if target_kind == "scalar":
        target = 2
        full = np.full((4, 3), 2)
    elif target_kind == "row-broadcast":
        target = np.array([4, 0, 1])
        full = np.broadcast_to(target, (4, 3))
    else:
        target = rng.integers(0, k, size=(4, 3)).astype(np.uint8)
        full = target.astype(np.int64)
    out = _model_outputs(z, target)
    for name in ("ce", "mse_sum", "article"):
        assert out[name].shape == (4, 3), name
    bad = []
    for i in range(4):
        for j in range(3):
            sample = {name: v[i, j] for name, v in out.items()}
            bad += [f"[{i},{j}] {line}" for line in _failures(z[i, j], int(full[i, j]), sample)]
    assert not bad, "\n".join(bad)


# --- the cases MATH.md names --------------------------------------------------------------
def test_tiny_ce_naive_formula_fails_where_the_model_does_not():
    """z = (40, 0, -3), p = 0: true CE 4.46e-18; LSE(z) - z_p gives exactly 0 (MATH.md)."""
    z = np.array([40.0, 0.0, -3.0])
    ref = oracle.reference(z, 0)
    assert mpmath.almosteq(ref.ce, mpf("4.4598673590506970e-18"), rel_eps=mpf("1e-15"))

    m = z.max()
    naive_ce = m + np.log(np.exp(z - m).sum()) - z[0]
    assert naive_ce == 0.0
    assert oracle.err(naive_ce, ref.ce) > oracle.bound(ref.ce)  # the oracle test would catch it
    model_ce = losses.cross_entropy(z, 0)
    assert oracle.err(model_ce, ref.ce) <= oracle.bound(ref.ce)
    assert model_ce > 0.0

    # The same for the CE gradient on z_p: s_p - 1 gives 0 for a true -4.46e-18.
    naive_grad = losses.softmax(z)[0] - 1.0
    assert naive_grad == 0.0
    assert oracle.err(naive_grad, ref.ce_grad[0]) > oracle.bound(ref.ce_grad[0])
    assert oracle.within(losses.cross_entropy_grad(z, 0)[0], ref.ce_grad[0])

    # And for MSE: sum_k (s_k - y_k)^2 from rounded probabilities loses the (1 - s_p)^2 term.
    s = losses.softmax(z)
    naive_mse = (s[0] - 1.0) ** 2 + s[1] ** 2 + s[2] ** 2
    assert oracle.err(naive_mse, ref.mse) > oracle.bound(ref.mse)
    assert oracle.within(losses.mse(z, 0), ref.mse)


def test_math_md_example_exact_vs_article_gradient():
    """z = (-3, 1, 0.5), p = 0: exact dL_MSE/dz_p -0.03372, article's term -0.02204, FD -0.03372."""
    z = np.array([-3.0, 1.0, 0.5])
    g = losses.mse_grad(z, 0)[0]
    article = losses.mse_grad_article(z, 0)
    assert round(float(g), 5) == -0.03372
    assert round(float(article), 5) == -0.02204
    h = 1e-5
    fd = (losses.mse([z[0] + h, z[1], z[2]], 0) - losses.mse([z[0] - h, z[1], z[2]], 0)) / (2 * h)
    assert round(float(fd), 5) == -0.03372
    assert abs(fd - g) < 1e-9
    assert abs(fd - article) > 0.01  # the article's single path is not the gradient
    ref = oracle.reference(z, 0)
    assert oracle.within(g, ref.mse_grad[0])
    assert oracle.within(article, ref.article)
    # the missing paths are exactly -2 s_p sum_{k != p} s_k^2
    s = ref.s
    assert mpmath.almosteq(ref.mse_grad[0] - ref.article, -2 * s[0] * (s[1] ** 2 + s[2] ** 2))


def test_default_state_ce_gradient_about_11x_mse():
    """PRODUCT.md's default state: z = (-2, 1, 0.5), p = 0, s_p ≈ 0.030, CE grad ~11x MSE's."""
    z = np.array([-2.0, 1.0, 0.5])
    s_p = losses.softmax(z)[0]
    assert round(float(s_p), 3) == 0.030
    ce_g = losses.cross_entropy_grad(z, 0)[0]
    mse_g = losses.mse_grad(z, 0)[0]
    assert ce_g < 0 and mse_g < 0
    ratio = ce_g / mse_g
    assert round(float(ratio)) == 11
    ref = oracle.reference(z, 0)
    true_ratio = ref.ce_grad[0] / ref.mse_grad[0]
    assert mpmath.almosteq(mpf(float(ratio)), true_ratio, rel_eps=mpf("1e-12"))


def test_ce_is_log_of_true_class_probability_in_the_deep_tail():
    """A saturated wrong answer 700 below: CE ≈ 700, s_p ≈ 1e-304 still relative-exact."""
    z = np.array([-700.0, 0.0, 0.0])
    ref = oracle.reference(z, 0)
    assert 1e-306 < float(ref.s[0]) < 1e-303
    assert oracle.within(losses.softmax(z)[0], ref.s[0])
    assert oracle.within(losses.cross_entropy(z, 0), ref.ce)
    assert math.isclose(float(losses.cross_entropy(z, 0)), 700.0 + math.log(2.0), rel_tol=1e-15)


@pytest.mark.parametrize("seed", range(5))
def test_evaluate_matches_the_separate_functions(seed):
    """evaluate() is the one-pass form the window uses: identical to the reference functions."""
    rng = np.random.default_rng(seed)
    z = rng.normal(0, 10 ** rng.uniform(-1, 2.5), size=(6, int(rng.integers(2, 30))))
    t = rng.integers(0, z.shape[-1], size=6)
    e = losses.evaluate(z, t)
    np.testing.assert_array_equal(e.probabilities, losses.softmax(z))
    np.testing.assert_array_equal(e.ce, losses.cross_entropy(z, t))
    np.testing.assert_array_equal(e.mse, losses.mse(z, t))
    np.testing.assert_array_equal(e.ce_grad, losses.cross_entropy_grad(z, t))
    np.testing.assert_array_equal(e.mse_grad, losses.mse_grad(z, t))
    np.testing.assert_array_equal(e.mse_grad_article, losses.mse_grad_article(z, t))
