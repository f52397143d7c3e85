"""An mpmath reference for softmax, CE, MSE and their gradients, at 50 significant digits.

Written without cancellation (MATH.md, "Numerical standards"):

- every float64 logit is converted exactly (``mpf(float)``), so the reference sees the very
  numbers the model sees;
- ``1 - s_p`` is always ``sum_{k != p} s_k``: at 50 digits ``1 - s_p`` itself would lose
  everything once ``s_p`` is within 1e-50 of 1 (z_p 116 above the rest already does that);
- CE uses ``log1p(sum_{k != p} exp(z_k - z_p))`` when z_p is the largest logit (otherwise
  ``log(sum_k exp(z_k - z_p))``, whose argument is at least 2, so nothing is lost);
- the MSE gradient is the textbook ``2 s_j [(s_j - y_j) - sum_k (s_k - y_k) s_k]``, *not* the
  model's rearranged ``-2 s_p L`` form, so the identity is checked rather than copied. At ``j = p``
  that bracket cancels by a factor ``1 / (1 - s_p)`` (its two leading terms are ``-(1 - s_p)`` and
  ``+(1 - s_p) s_p``), so the whole reference runs with that many extra guard digits: the
  answers are still good to 50 digits.

Values are returned as mpmath numbers; ``err`` and ``bound`` compare model floats against them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import mpmath
from mpmath import mp, mpf

mp.dps = 50

RTOL = mpf("1e-12")
FLOOR = mpf("1e-305")


@dataclass(frozen=True)
class Reference:
    """True values for one logit vector and one target (all mpmath numbers)."""

    s: list  # softmax, K values
    log_s: list  # log-softmax, K values
    ce: mpf
    mse: mpf  # sum convention
    ce_grad: list  # s_j - y_j, K values
    mse_grad: list  # sum convention, K values
    mse_grad_terms: list  # size of the terms of each MSE-gradient component, K values
    article: mpf  # -2 s_p (1 - s_p)^2
    one_minus_sp: mpf


def _guard_digits(zs: list, p: int) -> int:
    others = [v for k, v in enumerate(zs) if k != p]
    gap = zs[p] - max(others)  # > 0 when z_p is the unique largest logit
    lost = float(gap) / math.log(10) if gap > 0 else 0.0
    return int(lost) + 20


def reference(z, p: int) -> Reference:
    """The reference for one logit vector ``z`` (a sequence of floats) and target ``p``."""
    zs = [mpf(float(v)) for v in z]
    k_count = len(zs)
    p = int(p)
    if k_count < 2 or not 0 <= p < k_count:
        raise ValueError("the oracle needs K >= 2 and a valid target")
    with mp.workdps(50 + _guard_digits(zs, p)):
        m = max(zs)
        i_max = zs.index(m)
        e = [mpmath.exp(v - m) for v in zs]
        # sum(e) - 1 without ever rounding against the 1
        rest = mpmath.fsum(e[k] for k in range(k_count) if k != i_max)
        total = 1 + rest
        s = [v / total for v in e]
        log_total = mpmath.log1p(rest)
        log_s = [(v - m) - log_total for v in zs]

        if zs[p] == m:
            ce = mpmath.log1p(
                mpmath.fsum(mpmath.exp(zs[k] - zs[p]) for k in range(k_count) if k != p)
            )
        else:
            ce = mpmath.log(mpmath.fsum(mpmath.exp(v - zs[p]) for v in zs))

        one_minus_sp = mpmath.fsum(s[k] for k in range(k_count) if k != p)
        # s_k - y_k, with s_p - 1 written as -(sum of the others)
        resid = [(-one_minus_sp if k == p else s[k]) for k in range(k_count)]
        mse = mpmath.fsum(r * r for r in resid)
        ce_grad = list(resid)
        inner = mpmath.fsum(resid[k] * s[k] for k in range(k_count))
        mse_grad = [2 * s[j] * (resid[j] - inner) for j in range(k_count)]
        abs_inner = mpmath.fsum(abs(resid[k]) * s[k] for k in range(k_count))
        terms = [2 * s[j] * (abs(resid[j]) + abs_inner) for j in range(k_count)]
        article = -2 * s[p] * one_minus_sp**2
    # Round the results back to the standard 50 digits (unary plus rounds to the context).
    return Reference(
        s=[+v for v in s],
        log_s=[+v for v in log_s],
        ce=+ce,
        mse=+mse,
        ce_grad=[+v for v in ce_grad],
        mse_grad=[+v for v in mse_grad],
        mse_grad_terms=[+v for v in terms],
        article=+article,
        one_minus_sp=+one_minus_sp,
    )


def err(model_value, true_value) -> mpf:
    """``|model - true|`` with the model's float converted exactly."""
    return abs(mpf(float(model_value)) - true_value)


def bound(true_value, scale=None) -> mpf:
    """The standard: ``1e-12 * max(|true|, 1e-305)`` (or ``max(scale, 1e-305)`` if given)."""
    size = abs(true_value) if scale is None else abs(scale)
    return RTOL * max(size, FLOOR)


def within(model_value, true_value, scale=None) -> bool:
    return err(model_value, true_value) <= bound(true_value, scale)
