"""Softmax, cross-entropy and squared error for one-hot targets, with exact gradients.

Every function is vectorised over leading axes: ``z`` has shape ``(..., K)`` and ``target`` is an
int or an int array broadcastable to ``z.shape[:-1]``. All maths is float64 and written so that
the saturated tails keep full relative precision (see docs/maths.md, "Numerical standards"): nothing
subtracts two nearly equal numbers where the answer is small, e.g. ``1 - s_p`` is always the sum
of the other probabilities, never ``1`` minus something.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

Reduction = Literal["sum", "mean"]
FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

__all__ = [
    "Evaluation",
    "Reduction",
    "cross_entropy",
    "cross_entropy_grad",
    "evaluate",
    "log_softmax",
    "mse",
    "mse_grad",
    "mse_grad_article",
    "softmax",
]


def _as_logits(z: ArrayLike) -> FloatArray:
    arr = np.asarray(z)
    if arr.dtype.kind not in "biuf":
        raise ValueError(f"logits must be real numbers, got dtype {arr.dtype}")
    arr = arr.astype(np.float64, copy=False)
    if arr.ndim == 0:
        raise ValueError("logits must have a class axis: shape (..., K), got a scalar")
    if arr.shape[-1] < 2:
        raise ValueError(f"need at least 2 classes, got K = {arr.shape[-1]}")
    if not np.all(np.isfinite(arr)):
        raise ValueError("logits must be finite: got NaN or infinity")
    return arr


def _as_target(target: ArrayLike, z: FloatArray) -> IntArray:
    t = np.asarray(target)
    if t.dtype.kind == "b" or t.dtype.kind not in "iu":
        raise ValueError(f"target must be an integer class index, got {target!r}")
    k = z.shape[-1]
    if t.size and (t.min() < 0 or t.max() >= k):
        raise ValueError(f"target out of range: classes are 0..{k - 1}, got {target!r}")
    try:
        return np.broadcast_to(t.astype(np.int64), z.shape[:-1])
    except ValueError:
        raise ValueError(
            f"target shape {t.shape} does not broadcast to the logits' leading shape {z.shape[:-1]}"
        ) from None


def _check_reduction(reduction: str) -> None:
    if reduction not in ("sum", "mean"):
        raise ValueError(f"reduction must be 'sum' or 'mean', got {reduction!r}")


class _Parts(NamedTuple):
    """What every function needs, each piece computed once and without cancellation."""

    s: FloatArray  # softmax, (..., K)
    is_target: NDArray[np.bool_]  # one-hot mask of the target, (..., K)
    s_p: FloatArray  # s at the target, (...)
    one_minus_sp: FloatArray  # sum of the other probabilities, (...)
    sq_others: FloatArray  # sum over k != p of s_k^2, (...)
    ce: FloatArray  # cross-entropy in nats, (...)


def _parts(z: FloatArray, target: IntArray) -> _Parts:
    k = z.shape[-1]
    classes = np.arange(k)
    with np.errstate(over="ignore", under="ignore"):
        m = z.max(axis=-1, keepdims=True)
        shifted = z - m  # <= 0; exactly 0 at the first maximum
        e = np.exp(shifted)
        is_max = classes == np.argmax(z, axis=-1)[..., None]
        # Sum of exp over everything but the first maximum: log1p of it keeps tiny CE exact.
        rest = np.where(is_max, 0.0, e).sum(axis=-1)
        s = e / (1.0 + rest)[..., None]
        is_target = classes == target[..., None]
        zp_shift = np.where(is_target, shifted, 0.0).sum(axis=-1)  # z_p - max <= 0
        ce = np.log1p(rest) - zp_shift
        others = np.where(is_target, 0.0, s)
        s_p = np.where(is_target, s, 0.0).sum(axis=-1)
        one_minus_sp = others.sum(axis=-1)
        sq_others = (others * others).sum(axis=-1)
    return _Parts(s, is_target, s_p, one_minus_sp, sq_others, ce)


def softmax(z: ArrayLike) -> FloatArray:
    """Probabilities ``s_k = exp(z_k - max z) / sum_j exp(z_j - max z)``."""
    arr = _as_logits(z)
    k = arr.shape[-1]
    with np.errstate(over="ignore", under="ignore"):
        e = np.exp(arr - arr.max(axis=-1, keepdims=True))
        # The same division as _parts (1 + the non-maximal terms), so every path agrees exactly.
        is_max = np.arange(k) == np.argmax(arr, axis=-1)[..., None]
        rest = np.where(is_max, 0.0, e).sum(axis=-1, keepdims=True)
        return e / (1.0 + rest)


def log_softmax(z: ArrayLike) -> FloatArray:
    """``log s_k = (z_k - max z) - log1p(sum of exp over the non-maximal classes)``."""
    arr = _as_logits(z)
    k = arr.shape[-1]
    with np.errstate(over="ignore", under="ignore"):
        shifted = arr - arr.max(axis=-1, keepdims=True)
        is_max = np.arange(k) == np.argmax(arr, axis=-1)[..., None]
        rest = np.where(is_max, 0.0, np.exp(shifted)).sum(axis=-1, keepdims=True)
        return shifted - np.log1p(rest)


def cross_entropy(z: ArrayLike, target: ArrayLike) -> FloatArray:
    """``L_CE = -log s_p`` in nats, exact down to the smallest normal float."""
    arr = _as_logits(z)
    return _parts(arr, _as_target(target, arr)).ce


def mse(z: ArrayLike, target: ArrayLike, reduction: Reduction = "sum") -> FloatArray:
    """``L_MSE = sum_k (s_k - y_k)^2`` (or its mean over the K classes)."""
    _check_reduction(reduction)
    arr = _as_logits(z)
    pt = _parts(arr, _as_target(target, arr))
    loss = pt.one_minus_sp**2 + pt.sq_others
    return loss / arr.shape[-1] if reduction == "mean" else loss


def cross_entropy_grad(z: ArrayLike, target: ArrayLike) -> FloatArray:
    """``dL_CE/dz_j = s_j - y_j``; at the target it is ``-(sum of the other probabilities)``."""
    arr = _as_logits(z)
    pt = _parts(arr, _as_target(target, arr))
    return np.where(pt.is_target, -pt.one_minus_sp[..., None], pt.s)


def mse_grad(z: ArrayLike, target: ArrayLike, reduction: Reduction = "sum") -> FloatArray:
    """Exact ``dL_MSE/dz_j = 2 s_j [(s_j - y_j) - sum_k (s_k - y_k) s_k]`` over all K paths.

    At the target this is ``-2 s_p L_MSE`` (no cancellation); elsewhere it is evaluated as
    ``2 s_j [s_j + s_p (1 - s_p) - sum_{k != p} s_k^2]``.
    """
    _check_reduction(reduction)
    arr = _as_logits(z)
    pt = _parts(arr, _as_target(target, arr))
    with np.errstate(under="ignore"):
        loss = pt.one_minus_sp**2 + pt.sq_others
        at_p = -2.0 * pt.s_p * loss
        inner = pt.s + (pt.s_p * pt.one_minus_sp - pt.sq_others)[..., None]
        grad = np.where(pt.is_target, at_p[..., None], 2.0 * pt.s * inner)
    return grad / arr.shape[-1] if reduction == "mean" else grad


def mse_grad_article(z: ArrayLike, target: ArrayLike) -> FloatArray:
    """The article's ``-2 s_p (1 - s_p)^2``: the one path through ``(1 - s_p)^2`` (sum convention).

    It drops the K - 1 paths through the other classes' ``s_k^2`` (docs/maths.md): for teaching.
    """
    arr = _as_logits(z)
    pt = _parts(arr, _as_target(target, arr))
    with np.errstate(under="ignore"):
        return -2.0 * pt.s_p * pt.one_minus_sp**2


class Evaluation(NamedTuple):
    """Everything at one logit vector (sum convention, nats), from a single pass."""

    probabilities: FloatArray
    ce: FloatArray
    mse: FloatArray
    ce_grad: FloatArray
    mse_grad: FloatArray
    mse_grad_article: FloatArray


def evaluate(z: ArrayLike, target: ArrayLike) -> Evaluation:
    """The same numbers as the separate functions, sharing one softmax (for interactive use)."""
    arr = _as_logits(z)
    pt = _parts(arr, _as_target(target, arr))
    with np.errstate(under="ignore"):
        loss = pt.one_minus_sp**2 + pt.sq_others
        inner = pt.s + (pt.s_p * pt.one_minus_sp - pt.sq_others)[..., None]
        mse_g = np.where(pt.is_target, (-2.0 * pt.s_p * loss)[..., None], 2.0 * pt.s * inner)
        article = -2.0 * pt.s_p * pt.one_minus_sp**2
    ce_g = np.where(pt.is_target, -pt.one_minus_sp[..., None], pt.s)
    return Evaluation(pt.s, pt.ce, loss, ce_g, mse_g, article)
