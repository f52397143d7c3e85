"""Closed-form loss and gradient surfaces over (z_p, second axis), O(1) per grid point for any K.

Two second axes (docs/maths.md, "Surfaces … in closed form"):

- ``shift``: the other logits move together (y is their mean). Everything depends on one number
  ``d = x - y - (a - mean0)`` with ``a`` the log-sum-exp of the other logits, so when the x and y
  steps are equal the grid is constant along diagonals: we evaluate ``nx + ny - 1`` values and
  return a strided view of them.
- ``competitor``: ``y = z_j`` for one class ``j``; the remaining classes collapse into one
  pseudo-logit ``b`` (their log-sum-exp) with internal softmax ``r``.

Surfaces take arrays, not the app state, and return arrays of shape ``(len(y), len(x))``
(row-major: rows are y). Values are in nats and with MSE's "sum" convention; callers scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from numpy.lib.stride_tricks import as_strided
from numpy.typing import ArrayLike, NDArray

from model.losses import _as_logits, _as_target

FloatArray = NDArray[np.float64]

__all__ = ["Curves", "Surfaces", "competitor_surfaces", "loss_curves", "shift_surfaces", "surfaces"]


@dataclass(frozen=True)
class Surfaces:
    """Per-point values on a grid; every field has shape ``(ny, nx)``."""

    s_p: FloatArray
    ce: FloatArray
    mse: FloatArray
    ce_grad: FloatArray  # dL_CE/dz_p
    mse_grad: FloatArray  # dL_MSE/dz_p, exact (all K paths)
    article: FloatArray  # the article's single-path -2 s_p (1 - s_p)^2
    ce_grad_y: FloatArray  # dL_CE/dy along the second axis
    mse_grad_y: FloatArray  # dL_MSE/dy along the second axis


@dataclass(frozen=True)
class Curves:
    """Values along z_p with the other logits fixed; every field has shape ``(n,)``."""

    x: FloatArray
    s_p: FloatArray
    ce: FloatArray
    mse: FloatArray
    ce_grad: FloatArray
    mse_grad: FloatArray
    article: FloatArray


def _sigmoid_pair(d: FloatArray) -> tuple[FloatArray, FloatArray]:
    """``(sigma(d), sigma(-d))``, each with full relative precision in both tails."""
    with np.errstate(over="ignore", under="ignore"):
        t = np.exp(-np.abs(d))  # in (0, 1]
        big = 1.0 / (1.0 + t)
        small = t / (1.0 + t)
    pos = d >= 0
    return np.where(pos, big, small), np.where(pos, small, big)


def _shift_values(d: FloatArray, q_sq: float) -> dict[str, FloatArray]:
    """Everything in shift mode as a function of ``d`` (any shape)."""
    sp, one_minus_sp = _sigmoid_pair(d)
    with np.errstate(over="ignore", under="ignore"):
        ce = np.log1p(np.exp(-np.abs(d))) + np.maximum(-d, 0.0)  # softplus(-d)
        mse = one_minus_sp**2 * (1.0 + q_sq)
        ce_grad = -one_minus_sp
        mse_grad = -2.0 * sp * mse
        article = -2.0 * sp * one_minus_sp**2
    return {
        "s_p": sp,
        "ce": ce,
        "mse": mse,
        "ce_grad": ce_grad,
        "mse_grad": mse_grad,
        "article": article,
        # The gradients of all logits sum to zero, so moving the others together gives -dL/dz_p.
        "ce_grad_y": -ce_grad,
        "mse_grad_y": -mse_grad,
    }


def _others(z: FloatArray, p: int) -> FloatArray:
    return np.delete(z, p)


def _lse(v: FloatArray) -> float:
    m = float(v.max())
    return m + float(np.log(np.exp(v - m).sum()))


def _uniform_step(v: FloatArray) -> float | None:
    """The step of an axis that is ``v0 + i h`` to a few ulps (as linspace makes), or None."""
    if v.size < 2:
        return None
    h = (float(v[-1]) - float(v[0])) / (v.size - 1)
    ideal = v[0] + np.arange(v.size) * h
    ulps = 8 * np.finfo(np.float64).eps * max(float(np.abs(v).max()), abs(h))
    if h > 0 and float(np.abs(v - ideal).max()) <= ulps:
        return h
    return None


def _validate(
    z: ArrayLike, target: int, x: ArrayLike, y: ArrayLike
) -> tuple[FloatArray, int, FloatArray, FloatArray]:
    arr = _as_logits(z)
    if arr.ndim != 1:
        raise ValueError(f"surfaces take one logit vector of shape (K,), got shape {arr.shape}")
    p = int(_as_target(target, arr))
    xs = np.asarray(x, dtype=np.float64).ravel()
    ys = np.asarray(y, dtype=np.float64).ravel()
    if xs.size == 0 or ys.size == 0:
        raise ValueError("the grid axes must not be empty")
    if not (np.all(np.isfinite(xs)) and np.all(np.isfinite(ys))):
        raise ValueError("the grid axes must be finite")
    return arr, p, xs, ys


def shift_constants(z: ArrayLike, target: int) -> tuple[float, float]:
    """``(c, ||q||^2)`` of shift mode: ``d = x - y - c`` with ``c = LSE(others) - mean(others)``."""
    arr = _as_logits(z)
    return _shift_constants(arr, int(_as_target(target, arr)))


def _shift_constants(arr: FloatArray, p: int) -> tuple[float, float]:
    others = _others(arr, p)
    a = _lse(others)
    q = np.exp(others - a)
    return a - float(others.mean()), float(np.dot(q, q))


def shift_profile(d: ArrayLike, q_sq: float) -> dict[str, FloatArray]:
    """Shift-mode values as functions of ``d`` alone (keys as in :class:`Surfaces`)."""
    return _shift_values(np.asarray(d, dtype=np.float64), q_sq)


def shift_diagonals(
    z: ArrayLike, target: int, x: ArrayLike, y: ArrayLike
) -> tuple[FloatArray, dict[str, FloatArray]] | None:
    """Shift mode on a grid with equal x and y steps: ``(d, values)`` along the diagonals, where
    ``grid[iy, ix] = values[ix - iy + ny - 1]`` and ``d`` is increasing; None on other grids."""
    return _shift_diagonals(*_validate(z, target, x, y))


def _shift_diagonals(
    arr: FloatArray, p: int, xs: FloatArray, ys: FloatArray
) -> tuple[FloatArray, dict[str, FloatArray]] | None:
    hx, hy = _uniform_step(xs), _uniform_step(ys)
    if hx is None or hy is None or abs(hx - hy) > 4 * np.finfo(np.float64).eps * hx:
        return None
    c, q_sq = _shift_constants(arr, p)
    # d[iy, ix] = x0 - y0 - c + (ix - iy) h: one value per diagonal.
    d = (xs[0] - ys[0] - c) + np.arange(-(ys.size - 1), xs.size, dtype=np.float64) * hx
    return d, _shift_values(d, q_sq)


_Cell = TypeVar("_Cell", bound=np.generic)


def on_grid(values: NDArray[_Cell], nx: int) -> NDArray[_Cell]:
    """The (ny, nx) grid view of values along the diagonals (no copy, read-only, any dtype):
    ``grid[iy, ix] = values[ix - iy + ny - 1]``."""
    ny = values.size - nx + 1
    step = values.strides[0]
    # Row iy starts at element ny - 1 - iy: a negative row stride walks back along the array.
    return as_strided(values[ny - 1 :], shape=(ny, nx), strides=(-step, step), writeable=False)


def shift_surfaces(z: ArrayLike, target: int, x: ArrayLike, y: ArrayLike) -> Surfaces:
    """Surfaces with ``z_p = x`` and the other logits shifted together so their mean is ``y``."""
    arr, p, xs, ys = _validate(z, target, x, y)  # once: K = 1000 costs no more than K = 3
    diagonals = _shift_diagonals(arr, p, xs, ys)
    if diagonals is not None:
        return Surfaces(**{k: on_grid(v, xs.size) for k, v in diagonals[1].items()})
    c, q_sq = _shift_constants(arr, p)
    return Surfaces(**_shift_values(xs[None, :] - ys[:, None] - c, q_sq))


def competitor_surfaces(
    z: ArrayLike, target: int, competitor: int, x: ArrayLike, y: ArrayLike
) -> Surfaces:
    """Surfaces with ``z_p = x``, ``z_j = y`` for the competitor ``j``, the rest fixed."""
    arr, p, xs, ys = _validate(z, target, x, y)
    j = int(competitor)
    if not 0 <= j < arr.size or j == p:
        raise ValueError(f"competitor must be a class other than the target {p}, got {competitor}")
    rest = np.delete(arr, [p, j])
    if rest.size:
        b = _lse(rest)
        r = np.exp(rest - b)
        r_sq = float(np.dot(r, r))
    else:  # K = 2: no third pseudo-class
        b, r_sq = -np.inf, 0.0
    X = xs[None, :]
    Y = ys[:, None]
    with np.errstate(over="ignore", under="ignore"):
        m = np.maximum(np.maximum(X, Y), b)
        ex, ey, eb = np.exp(X - m), np.exp(Y - m), np.exp(b - m)
        total = ex + ey + eb
        s_p, s_j, big_r = ex / total, ey / total, eb / total
        one_minus_sp = s_j + big_r
        # log1p of the sum of the two non-maximal exponentials keeps a tiny CE exact.
        x_max = (X >= Y) & (X >= b)
        y_max = ~x_max & (Y >= b)
        non_max = np.where(x_max, ey + eb, np.where(y_max, ex + eb, ex + ey))
        ce = np.log1p(non_max) + (m - X)
        tail_sq = big_r * big_r * r_sq
        mse = one_minus_sp**2 + s_j**2 + tail_sq
        ce_grad = -one_minus_sp
        mse_grad = -2.0 * s_p * mse
        article = -2.0 * s_p * one_minus_sp**2
        mse_grad_y = 2.0 * s_j * (s_j + s_p * one_minus_sp - s_j**2 - tail_sq)
    return Surfaces(
        s_p=s_p,
        ce=ce,
        mse=mse,
        ce_grad=ce_grad,
        mse_grad=mse_grad,
        article=article,
        ce_grad_y=s_j,
        mse_grad_y=mse_grad_y,
    )


def surfaces(
    z: ArrayLike, target: int, mode: str, competitor: int, x: ArrayLike, y: ArrayLike
) -> Surfaces:
    """Dispatch on the second-axis mode: ``"shift"`` or ``"competitor"``."""
    if mode == "shift":
        return shift_surfaces(z, target, x, y)
    if mode == "competitor":
        return competitor_surfaces(z, target, competitor, x, y)
    raise ValueError(f"surface mode must be 'shift' or 'competitor', got {mode!r}")


def loss_curves(z: ArrayLike, target: int, x: ArrayLike) -> Curves:
    """Losses and dL/dz_p along ``z_p = x`` with every other logit at its current value."""
    arr, p, xs, _ = _validate(z, target, x, [0.0])
    others = _others(arr, p)
    a = _lse(others)
    q = np.exp(others - a)
    vals = _shift_values(xs - a, float(np.dot(q, q)))
    return Curves(
        x=xs,
        s_p=vals["s_p"],
        ce=vals["ce"],
        mse=vals["mse"],
        ce_grad=vals["ce_grad"],
        mse_grad=vals["mse_grad"],
        article=vals["article"],
    )
