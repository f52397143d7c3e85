"""The explain panel's numbers and its verdict, as a pure function of the logits, the true class
and the units (the markup, in the reader's language, is the gui's).

Everything shown is in display units, as the value table shows it: CE times 1/ln 2 in bits, MSE
(and its gradient) divided by K for a mean. The identities the panel writes out hold in either
unit: ``∂L_MSE/∂z_p = −2 s_p L_MSE`` for the sum and the mean alike, and ``∂L_CE/∂z_p =
(s_p − 1)`` times the CE factor. The gradient ratio is that of the numbers shown.

Verdict, from s_p and the most probable class (a tie with the true class counts as the true
class's):

- ``confidently_wrong``: s_p < 0.1 and another class has the top probability;
- ``right``: s_p ≥ 0.5 (then the true class has the top probability);
- ``uncertain``: anything else.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from model import losses
from model.simplex import article_predictions, unit_factors

Verdict = Literal["confidently_wrong", "uncertain", "right"]
VERDICTS: tuple[Verdict, ...] = ("confidently_wrong", "uncertain", "right")
CONFIDENTLY_WRONG_BELOW = 0.1  # s_p under this, with a wrong class on top
RIGHT_FROM = 0.5  # s_p at or above this

__all__ = [
    "CONFIDENTLY_WRONG_BELOW",
    "RIGHT_FROM",
    "VERDICTS",
    "ExplainNumbers",
    "Verdict",
    "explain_numbers",
    "verdict_of",
]


@dataclass(frozen=True)
class ExplainNumbers:
    """The numbers the explain panel fills into its formulas (display units unless named)."""

    k: int
    target: int
    classes: tuple[str, ...]
    ce_unit: str  # "nats" or "bits"
    mse_reduction: str  # "sum" or "mean"
    ce_factor: float  # 1 or 1/ln 2
    mse_factor: float  # 1 or 1/K
    probabilities: tuple[float, ...]
    s_p: float
    one_minus_sp: float  # the sum of the other probabilities, never 1 - s_p
    softmax_factor: float  # ∂s_p/∂z_p = s_p (1 − s_p)
    sq_norm: float  # ‖s‖²
    sq_others: float  # Σ_{k≠p} s_k²
    ce: float
    mse: float
    ce_grad_p: float  # ∂L_CE/∂z_p
    mse_grad_p: float  # ∂L_MSE/∂z_p, exact: −2 s_p L_MSE
    article_grad_p: float  # the article's one path: −2 s_p (1 − s_p)² (times the MSE factor)
    dropped_paths: float  # what the article's term leaves out: −2 s_p Σ_{k≠p} s_k²
    ratio: float | None  # |∂L_CE/∂z_p| / |∂L_MSE/∂z_p|; inf if only MSE's is 0; None if both
    ce_grad_p_nats: float  # as the race's dynamics use them: CE in nats, MSE as a sum
    mse_grad_p_sum: float
    top_class: int
    top_probability: float
    verdict: Verdict
    article: dict[str, tuple[float, float]]  # the article's A and B, K = 3: (CE, MSE)


def verdict_of(s_p: float, top_class: int, target: int) -> Verdict:
    """The plain verdict for a state (thresholds in the module text)."""
    if s_p < CONFIDENTLY_WRONG_BELOW and top_class != target:
        return "confidently_wrong"
    if s_p >= RIGHT_FROM:
        return "right"
    return "uncertain"


def explain_numbers(
    logits: ArrayLike,
    target: int,
    ce_unit: str = "nats",
    mse_reduction: str = "sum",
    classes: Sequence[str] | None = None,
) -> ExplainNumbers:
    """Every number of the explain panel for one state."""
    z = np.asarray(logits, dtype=np.float64)
    k = z.shape[-1]
    cf, mf = unit_factors(k, ce_unit, mse_reduction)
    e = losses.evaluate(z, target)
    s = e.probabilities
    s_p = float(s[target])
    others = np.delete(s, target)
    one_minus = float(others.sum())
    sq_others = float(np.dot(others, others))
    ce_g = float(e.ce_grad[target])
    mse_g = float(e.mse_grad[target])
    top = target if s_p >= float(s.max()) else int(np.argmax(s))
    ce_shown, mse_shown = abs(ce_g * cf), abs(mse_g * mf)
    if mse_shown > 0:
        ratio: float | None = ce_shown / mse_shown
    else:
        ratio = math.inf if ce_shown > 0 else None
    names = tuple(classes) if classes is not None else tuple(f"class {i}" for i in range(k))
    if len(names) != k:
        raise ValueError(f"{len(names)} class names for {k} logits")
    with np.errstate(under="ignore"):
        dropped = -2.0 * s_p * sq_others
    return ExplainNumbers(
        k=k,
        target=target,
        classes=names,
        ce_unit=ce_unit,
        mse_reduction=mse_reduction,
        ce_factor=cf,
        mse_factor=mf,
        probabilities=tuple(float(v) for v in s),
        s_p=s_p,
        one_minus_sp=one_minus,
        softmax_factor=s_p * one_minus,
        sq_norm=s_p * s_p + sq_others,
        sq_others=sq_others,
        ce=float(e.ce) * cf,
        mse=float(e.mse) * mf,
        ce_grad_p=ce_g * cf,
        mse_grad_p=mse_g * mf,
        article_grad_p=float(e.mse_grad_article) * mf,
        dropped_paths=dropped * mf,
        ratio=ratio,
        ce_grad_p_nats=ce_g,
        mse_grad_p_sum=mse_g,
        top_class=top,
        top_probability=float(s[top]),
        verdict=verdict_of(s_p, top, target),
        article=article_predictions(ce_unit, mse_reduction),
    )
