"""model/explain.py: the numbers against model.losses called separately (and central finite
differences for the softmax factor), the identities the panel writes out, and the verdict."""

import math

import numpy as np
import pytest

from model import explain, losses
from model.presets import PRESETS

STATES = [(p.logits, 0) for p in PRESETS] + [((-2.0, 1.0, 0.5), 0), ((-8.0, 4.0, 0.0), 0)]
rng = np.random.default_rng(3)
STATES += [(tuple(rng.normal(0, 3, size=k)), int(rng.integers(0, k))) for k in (2, 3, 5, 10, 20)]


@pytest.mark.parametrize(("logits", "target"), STATES)
@pytest.mark.parametrize(("unit", "reduction"), [("nats", "sum"), ("bits", "mean")])
def test_numbers_equal_losses_computed_separately(logits, target, unit, reduction):
    z = np.array(logits)
    k = z.size
    n = explain.explain_numbers(z, target, unit, reduction)
    cf = 1 / math.log(2) if unit == "bits" else 1.0
    s = losses.softmax(z)
    assert n.s_p == s[target]
    assert n.ce == pytest.approx(float(losses.cross_entropy(z, target)) * cf, rel=1e-14)
    assert n.mse == pytest.approx(float(losses.mse(z, target, reduction)), rel=1e-14)
    assert n.ce_grad_p == pytest.approx(
        float(losses.cross_entropy_grad(z, target)[target]) * cf, rel=1e-14
    )
    assert n.mse_grad_p == pytest.approx(
        float(losses.mse_grad(z, target, reduction)[target]), rel=1e-14
    )
    mf = 1 / k if reduction == "mean" else 1.0
    assert n.article_grad_p == pytest.approx(
        float(losses.mse_grad_article(z, target)) * mf, rel=1e-14
    )
    # the identities the panel writes out, in the units shown
    assert n.mse_grad_p == pytest.approx(-2 * n.s_p * n.mse, rel=1e-13)
    others = np.delete(s, target)
    assert n.one_minus_sp == pytest.approx(others.sum(), rel=1e-14)
    assert n.sq_norm == pytest.approx(float(np.sum(s * s)), rel=1e-13)
    assert n.article_grad_p + n.dropped_paths == pytest.approx(n.mse_grad_p, rel=1e-12, abs=1e-300)
    assert n.ce_grad_p_nats == pytest.approx(n.s_p - 1, abs=1e-15)
    assert n.mse_grad_p_sum == pytest.approx(float(losses.mse_grad(z, target)[target]), rel=1e-14)
    if n.ratio is not None and math.isfinite(n.ratio):
        assert n.ratio == pytest.approx(abs(n.ce_grad_p) / abs(n.mse_grad_p), rel=1e-14)
    assert n.top_probability == s.max()


@pytest.mark.parametrize(("logits", "target"), STATES[:8])
def test_softmax_factor_is_the_derivative_of_s_p(logits, target):
    z = np.array(logits, dtype=float)
    h = 1e-5
    up, down = z.copy(), z.copy()
    up[target] += h
    down[target] -= h
    fd = (losses.softmax(up)[target] - losses.softmax(down)[target]) / (2 * h)
    n = explain.explain_numbers(z, target)
    assert n.softmax_factor == pytest.approx(fd, rel=1e-6, abs=1e-12)


def test_default_and_confidently_wrong_ratios():
    # PRODUCT: the default state's CE gradient is ~11x MSE's; confidently wrong ~773x
    n = explain.explain_numbers((-2.0, 1.0, 0.5), 0)
    assert f"{n.s_p:.3g}" == "0.0301"
    assert f"{n.ce_grad_p:.3g}" == "-0.97" and f"{n.mse_grad_p:.3g}" == "-0.0865"
    assert 11 < n.ratio < 12
    wrong = explain.explain_numbers((-4.0, 4.0, 0.0), 0)
    assert f"{wrong.s_p:.2g}" == "0.00033"
    assert round(wrong.ratio) in (773, 774)


def test_verdict_changes_across_the_three_categories():
    seen = []
    for zp in np.linspace(-8, 8, 161):
        n = explain.explain_numbers((zp, 1.0, 0.5), 0)
        if not seen or seen[-1] != n.verdict:
            seen.append(n.verdict)
        if n.verdict == "confidently_wrong":
            assert n.s_p < 0.1 and n.top_class != 0
        elif n.verdict == "right":
            assert n.s_p >= 0.5 and n.top_class == 0
        else:
            assert not (n.s_p < 0.1 and n.top_class != 0) and n.s_p < 0.5
    assert seen == ["confidently_wrong", "uncertain", "right"]
    by_preset = {p.key: explain.explain_numbers(p.logits, 0).verdict for p in PRESETS}
    assert by_preset["confidently_wrong"] == "confidently_wrong"
    assert by_preset["uniform"] == "uncertain"
    assert by_preset["nearly_right"] == by_preset["saturated_right"] == "right"
    assert by_preset["article_a"] == "right"
    # s_p below 0.1 but the true class on top (20 equal classes): not "wrong"
    n = explain.explain_numbers(np.zeros(20), 0)
    assert n.s_p == pytest.approx(0.05) and n.verdict == "uncertain" and n.top_class == 0


def test_vanished_gradients():
    n = explain.explain_numbers((-800.0, 0.0, 0.0), 0)
    assert n.mse_grad_p == 0 and n.ce_grad_p == -1.0 and n.ratio == math.inf
    both = explain.explain_numbers((900.0, 0.0, 0.0), 0)
    assert both.ce_grad_p == 0 and both.ratio is None and both.verdict == "right"


def test_article_numbers_and_names():
    n = explain.explain_numbers((-2.0, 1.0, 0.5), 0, classes=("cat", "tiger", "dog"))
    assert n.classes == ("cat", "tiger", "dog") and n.top_class == 1
    assert f"{n.article['A'][1]:.3f}" == "0.060" and f"{n.article['B'][1]:.3f}" == "0.065"
    with pytest.raises(ValueError, match="class names"):
        explain.explain_numbers((0.0, 1.0), 0, classes=("a",))


def test_formatting_helpers():
    from model.formatting import fmt, fmt_ratio, short

    assert fmt(-0.9699023) == "-0.969902" and fmt(0.0) == "0" and fmt(3.29e-4) == "0.000329"
    assert [short(v) for v in (0.06, 0.065, 0.2231435, 0.0025, 0.0)] == [
        "0.060",
        "0.065",
        "0.223",
        "0.0025",
        "0.000",
    ]
    assert [fmt_ratio(v) for v in (11.2145, 773.4, 9825.0, 1.27e20)] == [
        "11.2",
        "773",
        "9,825",
        "1.27e+20",
    ]
