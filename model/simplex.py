"""The probability triangle of the article's first argument: coordinates, loss fields, exact
contours, the article's predictions A and B, and the map from a point back to logits.

Layout (side 1, y up). The triangle's three coordinates ``b = (b_top, b_left, b_right)``:

- top vertex ``(1/2, √3/2)``: the true class p, ``b_top = s_p``;
- bottom-left ``(0, 0)``: for K = 3 the first other class in class order, for K > 3 the
  competitor j, for K = 2 the one other class;
- bottom-right ``(1, 0)``: for K = 3 the second other class; for K > 3 the rest R, the total
  probability of the K − 2 remaining classes, which keeps its internal distribution r (the
  softmax of those logits among themselves); for K = 2 nobody (``b_right`` is always 0).

Point ``(x, y) = b_top·(1/2, √3/2) + b_right·(1, 0)``. The equilateral drawing is a similarity of
the simplex in R³ (side √2 there, 1 here), so distances squared scale by 1/2: for K = 3,
``L_MSE = ‖s − e_p‖² = 2 ‖P − V_top‖²`` and its level sets are circles around the true vertex.

For K > 3, ``L_MSE = (1 − s_p)² + s_j² + R² ‖r‖²`` (ρ = ‖r‖², 1/(K − 2) ≤ ρ ≤ 1). Writing
``u = y/√3`` (so ``s_p = 2u``, ``R = x − u``, ``s_j = 1 − x − u``) it is the quadratic form
``(w − V_top)ᵀ A (w − V_top)`` in ``w = (x, y)`` with

    A = [[1 + ρ, (1 − ρ)/√3], [(1 − ρ)/√3, (5 + ρ)/3]],

whose minimum, 0, is at the true vertex (``A⁻¹ b = V_top`` for the linear part ``b = (1, √3)``):
the level sets are ellipses centred there, with axes along A's eigenvectors and semi-axes
``√(L/λ)``; ρ = 1 gives ``A = 2 I``, the circles. CE's level sets are the lines ``s_p = const``.
For K = 2 every prediction lies on the left edge (``b_right = 0``): a point of the triangle
stands for the prediction with its ``s_p`` (the bottom-right's share goes to the other class),
and both losses depend on ``s_p`` alone, so both have straight level sets.

Every pixel of a field shows the loss of the prediction that clicking there gives (the point
projected onto the triangle, every coordinate kept ≥ 1e-6), so field, hover read-out and click
agree. Units: CE times ``ce_factor`` (1/ln 2 for bits), MSE times ``mse_factor`` (1/K for mean).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np
from numpy.typing import ArrayLike, NDArray

from model import losses
from model.contours import EMPTY, Polyline, nice_levels

FloatArray = NDArray[np.float64]

__all__ = [
    "ARTICLE_A",
    "ARTICLE_B",
    "EPS",
    "Frame",
    "HoverValues",
    "Marker",
    "SimplexDisplay",
    "SimplexPanel",
    "SimplexPoint",
    "Tick",
    "article_predictions",
    "barycentric_of",
    "ce_level_line",
    "clamp_barycentric",
    "display_key",
    "field_images",
    "field_losses",
    "frame_of",
    "hover_values",
    "inside",
    "logits_at",
    "mse_level_curve",
    "path_xy",
    "simplex_display",
    "simplex_point",
    "triangle_coords",
    "unit_factors",
    "xy_of",
]

H = math.sqrt(3.0) / 2.0  # the triangle's height
TOP = (0.5, H)
EPS = 1e-6  # the least probability a pick gives any coordinate of the triangle
LOGIT_LIMIT = 1000.0  # the window's bound on a logit (model.state.LOGIT_LIMIT)
ARTICLE_A = (0.8, 0.1, 0.1)
ARTICLE_B = (0.8, 0.15, 0.05)
CE_TOP_NATS = 4.0  # the CE colour scale's top (s_p = e^-4 ≈ 0.018), before the unit factor
ARC_POINTS = 360  # points per full turn of an MSE ellipse


# --- coordinates -------------------------------------------------------------------------------
def xy_of(b: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Plot coordinates of triangle coordinates ``b`` (shape (..., 3))."""
    arr = np.asarray(b, dtype=np.float64)
    return 0.5 * arr[..., 0] + arr[..., 2], H * arr[..., 0]


def barycentric_of(x: ArrayLike, y: ArrayLike) -> FloatArray:
    """Triangle coordinates (b_top, b_left, b_right) of plot points; they sum to 1 and are all
    ≥ 0 exactly inside the triangle."""
    xa, ya = np.broadcast_arrays(np.asarray(x, np.float64), np.asarray(y, np.float64))
    top = ya / H
    right = xa - 0.5 * top
    return np.stack([top, 1.0 - top - right, right], axis=-1)


def _project(b: FloatArray) -> FloatArray:
    """Euclidean projection of rows of b (summing to 1) onto the probability simplex: inside
    points are unchanged, outside ones go to the nearest point of an edge or a vertex."""
    n = b.shape[-1]
    srt = -np.sort(-b, axis=-1)
    css = np.cumsum(srt, axis=-1) - 1.0
    idx = np.arange(1, n + 1)
    cond = srt - css / idx > 0
    rho = n - 1 - np.argmax(cond[..., ::-1], axis=-1)  # the last index where cond holds
    theta = np.take_along_axis(css, rho[..., None], axis=-1) / (rho[..., None] + 1.0)
    return np.maximum(b - theta, 0.0)


def _floor_eps(b: FloatArray) -> FloatArray:
    """Every coordinate ≥ EPS: the small ones set to EPS, the others scaled to keep the sum 1
    (coordinates already ≥ EPS are left exactly as they are when nothing is raised)."""
    low = b < EPS
    if not low.any():
        return b
    kept = np.where(low, 0.0, b).sum(axis=-1, keepdims=True)
    room = 1.0 - EPS * low.sum(axis=-1, keepdims=True)
    return np.where(low, EPS, b * (room / kept))


def clamp_barycentric(b: ArrayLike, k: int) -> FloatArray:
    """The prediction a point stands for: projected onto the triangle, every coordinate ≥ 1e-6;
    for K = 2 the bottom-right's share joins the other class (``b_right = 0``)."""
    arr = np.array(b, dtype=np.float64)
    arr = arr / arr.sum(axis=-1, keepdims=True)  # a no-op for barycentric_of's output
    if k == 2:
        two = np.stack([arr[..., 0], arr[..., 1] + arr[..., 2]], axis=-1)
        two = _floor_eps(_project(two))
        return np.stack([two[..., 0], two[..., 1], np.zeros_like(two[..., 0])], axis=-1)
    return _floor_eps(_project(arr))


def inside(b: ArrayLike, tolerance: float = 0.0) -> NDArray[np.bool_]:
    """Points whose triangle coordinates are all ≥ −tolerance."""
    return np.all(np.asarray(b) >= -tolerance, axis=-1)


# --- which classes sit where -------------------------------------------------------------------
@dataclass(frozen=True)
class Frame:
    """Which classes the triangle's vertices stand for, and the rest's internal shape."""

    k: int
    target: int
    left: int  # the class at the bottom-left vertex
    rest: tuple[int, ...]  # the classes merged at the bottom-right vertex (none for K = 2)
    rest_log_r: tuple[float, ...]  # log of their internal distribution r
    rho: float  # ‖r‖²: 1 when the vertex is one class (or none)


def frame_of(logits: ArrayLike, target: int, competitor: int) -> Frame:
    """The triangle for these logits: K = 3 in class order, K > 3 the competitor and the rest."""
    z = np.asarray(logits, dtype=np.float64)
    k = z.shape[-1]
    if z.ndim != 1 or k < 2:
        raise ValueError(f"need one logit vector of K >= 2 classes, got shape {z.shape}")
    if not 0 <= target < k:
        raise ValueError(f"target out of range: classes are 0..{k - 1}, got {target}")
    others = [c for c in range(k) if c != target]
    if k <= 3:
        left, rest = others[0], tuple(others[1:])
    else:
        if competitor == target or not 0 <= competitor < k:
            raise ValueError(f"the competitor must be a class other than {target}: {competitor}")
        left, rest = competitor, tuple(c for c in others if c != competitor)
    if not rest:
        return Frame(k, target, left, (), (), 1.0)
    log_r = losses.log_softmax(z[list(rest)]) if len(rest) > 1 else np.zeros(1)
    rho = float(np.sum(np.exp(2.0 * log_r)))
    return Frame(k, target, left, rest, tuple(float(v) for v in log_r), rho)


def triangle_coords(logits: ArrayLike, frame: Frame) -> FloatArray:
    """(s_p, s_left, s_rest) of logits (shape (..., K)), from one three-way softmax (never
    ``1 − s_p − s_j``)."""
    z = np.asarray(logits, dtype=np.float64)
    zp, zl = z[..., frame.target], z[..., frame.left]
    if not frame.rest:
        two = losses.softmax(np.stack([zp, zl], axis=-1))
        return np.concatenate([two, np.zeros_like(two[..., :1])], axis=-1)
    zr = z[..., list(frame.rest)]
    m = zr.max(axis=-1)
    with np.errstate(under="ignore"):
        lse = m + np.log(np.exp(zr - m[..., None]).sum(axis=-1))
    return losses.softmax(np.stack([zp, zl, lse], axis=-1))


def logits_at(logits: ArrayLike, frame: Frame, b: ArrayLike) -> tuple[float, ...]:
    """The logits of the prediction at triangle coordinates ``b``: log s shifted to keep the
    current logits' mean, every coordinate kept ≥ 1e-6 (for K > 3 the rest's mass R is split by
    its current r, so the rest's logits keep their differences exactly), within ±1000."""
    z = np.asarray(logits, dtype=np.float64)
    bc = clamp_barycentric(b, frame.k)
    new = np.empty(frame.k)
    new[frame.target] = math.log(bc[0])
    new[frame.left] = math.log(bc[1])
    if frame.rest:
        new[list(frame.rest)] = math.log(bc[2]) + np.asarray(frame.rest_log_r)
    new += z.mean() - new.mean()
    return tuple(float(v) for v in np.clip(new, -LOGIT_LIMIT, LOGIT_LIMIT))


def path_xy(trajectory: ArrayLike, frame: Frame) -> Polyline:
    """Plot coordinates of a sequence of logit vectors (shape (N, K)), e.g. a race's steps."""
    x, y = xy_of(triangle_coords(trajectory, frame))
    return np.asarray(x, np.float64), np.asarray(y, np.float64)


# --- losses over the triangle ------------------------------------------------------------------
def unit_factors(k: int, ce_unit: str, mse_reduction: str) -> tuple[float, float]:
    """(CE factor, MSE factor): 1/ln 2 for bits, 1/K for a mean."""
    if ce_unit not in ("nats", "bits"):
        raise ValueError(f"ce_unit must be 'nats' or 'bits', got {ce_unit!r}")
    if mse_reduction not in ("sum", "mean"):
        raise ValueError(f"mse_reduction must be 'sum' or 'mean', got {mse_reduction!r}")
    return (1.0 / math.log(2.0) if ce_unit == "bits" else 1.0), (
        1.0 / k if mse_reduction == "mean" else 1.0
    )


def field_losses(
    frame: Frame, b: ArrayLike, ce_factor: float = 1.0, mse_factor: float = 1.0
) -> tuple[FloatArray, FloatArray]:
    """(CE, MSE) of the predictions at triangle coordinates ``b`` (used as given: clamp first
    for what a pick gives). ``1 − s_p`` is ``b_left + b_right``, never a difference."""
    arr = np.asarray(b, dtype=np.float64)
    top, left, right = arr[..., 0], arr[..., 1], arr[..., 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        ce = -np.log(top) * ce_factor
    mse = ((left + right) ** 2 + left**2 + frame.rho * right**2) * mse_factor
    return ce, mse


def field_images(
    frame: Frame, nx: int, ce_factor: float = 1.0, mse_factor: float = 1.0
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Pixel centres and the two loss images over the triangle's bounding box.

    Square pixels of side 1/nx; row 0 is the lowest y. A pixel whose centre is within one pixel
    of the triangle shows the loss of its clamped point (so the colours reach the edges); the
    others are NaN. Returns (x centres, y centres, CE image, MSE image), images (ny, nx)."""
    xs, ys, b, keep = _pixel_grid(nx, frame.k == 2)
    ce, mse = field_losses(frame, b, ce_factor, mse_factor)
    return xs, ys, np.where(keep, ce, np.nan), np.where(keep, mse, np.nan)


@lru_cache(maxsize=4)
def _pixel_grid(
    nx: int, two_classes: bool
) -> tuple[FloatArray, FloatArray, FloatArray, NDArray[np.bool_]]:
    """The pixel centres' clamped triangle coordinates (the same for every frame but K = 2's,
    so computed once: the projection is most of a field's cost)."""
    h = 1.0 / nx
    ny = math.ceil(H / h)
    xs: FloatArray = (np.arange(nx, dtype=np.float64) + 0.5) * h
    ys: FloatArray = (np.arange(ny, dtype=np.float64) + 0.5) * h
    raw = barycentric_of(xs[None, :], ys[:, None])
    keep = inside(raw, tolerance=h / H)
    b = clamp_barycentric(raw, 2 if two_classes else 3)
    for arr in (xs, ys, b, keep):
        arr.setflags(write=False)
    return xs, ys, b, keep


# --- exact contours ----------------------------------------------------------------------------
def ce_level_line(level: float, ce_factor: float = 1.0) -> Polyline:
    """CE = level: the line s_p = exp(−level / factor) across the triangle."""
    if not level > 0:
        return EMPTY
    sp = math.exp(-level / ce_factor)
    return _horizontal(sp)


def _horizontal(sp: float) -> Polyline:
    """The chord s_p = const, from the left edge to the right edge, and a NaN separator."""
    if not 0.0 < sp < 1.0:
        return EMPTY
    x, y = xy_of(np.array([[sp, 1.0 - sp, 0.0], [sp, 0.0, 1.0 - sp]]))
    return np.append(x, np.nan), np.append(y, np.nan)


def mse_matrix(rho: float) -> FloatArray:
    """A of ``L_MSE = (w − V_top)ᵀ A (w − V_top)`` (sum convention; see the module text)."""
    off = (1.0 - rho) / math.sqrt(3.0)
    return np.array([[1.0 + rho, off], [off, (5.0 + rho) / 3.0]])


# Triangle coordinates are affine in (x, y): b_i = G[i] · w + C[i].
_G = np.array([[0.0, 1.0 / H], [-1.0, -0.5 / H], [1.0, -0.5 / H]])
_C = np.array([0.0, 1.0, 0.0])


def mse_level_curve(level: float, frame: Frame, mse_factor: float = 1.0) -> Polyline:
    """MSE = level inside the triangle: arcs of the ellipse (K = 3: circle) around the true
    vertex, cut exactly at the edges, each arc followed by a NaN separator. For K = 2 the line
    2 (1 − s_p)² = level."""
    total = level / mse_factor  # the sum-convention value
    if not total > 0:
        return EMPTY
    if frame.k == 2:
        return _horizontal(1.0 - math.sqrt(total / 2.0))
    lam, vecs = np.linalg.eigh(mse_matrix(frame.rho))
    m = vecs * np.sqrt(total / lam)  # w(t) = V_top + m @ (cos t, sin t)
    centre = np.array(TOP)
    beta = _G @ centre + _C  # coordinates at the centre: (1, 0, 0)
    gm = _G @ m  # b_i(t) = beta_i + gm[i, 0] cos t + gm[i, 1] sin t
    cuts: list[float] = []
    for i in range(3):
        r = math.hypot(gm[i, 0], gm[i, 1])
        if r > abs(beta[i]):
            phi = math.atan2(gm[i, 1], gm[i, 0])
            half = math.acos(-beta[i] / r)
            cuts += [(phi + half) % (2 * math.pi), (phi - half) % (2 * math.pi)]
    if not cuts:
        cuts = [0.0]
    cuts = sorted(cuts)
    bounds = [*cuts, cuts[0] + 2 * math.pi]
    xs: list[FloatArray] = []
    ys: list[FloatArray] = []
    for t0, t1 in pairwise(bounds):
        if t1 - t0 < 1e-12:
            continue
        mid = 0.5 * (t0 + t1)
        b_mid = beta + gm @ np.array([math.cos(mid), math.sin(mid)])
        if np.any(b_mid < 0):
            continue
        n = max(8, math.ceil((t1 - t0) / (2 * math.pi) * ARC_POINTS)) + 1
        t = np.linspace(t0, t1, n)
        pts = centre[:, None] + m @ np.stack([np.cos(t), np.sin(t)])
        xs += [pts[0], np.array([np.nan])]
        ys += [pts[1], np.array([np.nan])]
    if not xs:
        return EMPTY
    return np.concatenate(xs), np.concatenate(ys)


def _join(lines: Sequence[Polyline]) -> Polyline:
    parts = [line for line in lines if len(line[0])]
    if not parts:
        return EMPTY
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


# --- the article's predictions -----------------------------------------------------------------
def article_predictions(
    ce_unit: str = "nats", mse_reduction: str = "sum"
) -> dict[str, tuple[float, float]]:
    """The article's K = 3 predictions, label (1, 0, 0): {"A": (CE, MSE), "B": (CE, MSE)}
    in the given units (nats and sum: A 0.223, 0.060; B 0.223, 0.065)."""
    return dict(_article_predictions(ce_unit, mse_reduction))  # a dict of the caller's own


@lru_cache(maxsize=8)  # four units: the explain panel asks on every frame of a drag
def _article_predictions(
    ce_unit: str, mse_reduction: str
) -> tuple[tuple[str, tuple[float, float]], ...]:
    cf, mf = unit_factors(3, ce_unit, mse_reduction)
    out = []
    for name, probs in (("A", ARTICLE_A), ("B", ARTICLE_B)):
        z = np.log(np.array(probs))
        out.append((name, (float(losses.cross_entropy(z, 0)) * cf, float(losses.mse(z, 0)) * mf)))
    return tuple(out)


# --- what the view shows -----------------------------------------------------------------------
@dataclass(frozen=True)
class SimplexPanel:
    """One triangle's loss: image (NaN outside), fixed colour limits, thin and bold contours."""

    image: FloatArray
    levels: tuple[float, float]
    contours: Polyline
    contour_levels: tuple[float, ...]
    bold: tuple[Polyline, ...]  # CE: the line through A and B; MSE: the curves through A, B
    bold_levels: tuple[float, ...]


@dataclass(frozen=True)
class Marker:
    """A or B: where it is and its losses (display units)."""

    name: str
    barycentric: tuple[float, float, float]
    x: float
    y: float
    ce: float
    mse: float


@dataclass(frozen=True)
class Tick:
    """An edge tick: a segment from the edge outwards, and where its value is written (the
    label sits at (label_x, label_y), on the side the unit vector (dx, dy) points to)."""

    x0: float
    y0: float
    x1: float
    y1: float
    label_x: float
    label_y: float
    value: float
    dx: float
    dy: float
    edge: str  # "left" (s_top's ticks), "bottom" (s_left's), "right" (s_right's)


@dataclass(frozen=True)
class SimplexDisplay:
    """Everything the simplex view draws that does not move with the current prediction."""

    k: int
    frame: Frame
    top_name: str  # the true class
    left_name: str  # the class at the bottom-left
    rest_names: tuple[str, ...]  # the classes at the bottom-right (one for K = 3, none for 2)
    extent: tuple[float, float, float, float]  # the images' x0, x1, y0, y1 (pixel edges)
    panels: dict[str, SimplexPanel]  # "ce", "mse"
    outline: Polyline  # the triangle, closed
    grid: Polyline  # s = 0.1 … 0.9 for each coordinate
    ticks: tuple[Tick, ...]
    a: Marker | None  # None for K = 2, where A and B are one prediction
    b: Marker | None
    ce_unit: str
    mse_reduction: str


@dataclass(frozen=True)
class SimplexPoint:
    """The current prediction on the triangle (display units)."""

    barycentric: tuple[float, float, float]
    x: float
    y: float
    ce: float
    mse: float


@dataclass(frozen=True)
class HoverValues:
    """What a pick at the hovered point would give: its coordinates and losses."""

    barycentric: tuple[float, float, float]
    ce: float
    mse: float


def display_key(
    logits: Sequence[float],
    target: int,
    competitor: int,
    classes: Sequence[str],
    ce_unit: str,
    mse_reduction: str,
) -> tuple[object, ...]:
    """What ``simplex_display`` depends on: a pick in the triangle leaves it unchanged (the
    rest keeps its shape), so a drag only moves markers."""
    f = frame_of(logits, target, competitor)
    rho = float(f"{f.rho:.12g}")
    return (f.k, f.target, f.left, f.rest, rho, tuple(classes), ce_unit, mse_reduction)


def _marker(
    name: str, probs: tuple[float, float, float], frame: Frame, cf: float, mf: float
) -> Marker:
    x, y = xy_of(np.array(probs))
    ce, mse = field_losses(frame, np.array(probs), cf, mf)
    return Marker(name, probs, float(x), float(y), float(ce), float(mse))


def _grid_and_ticks() -> tuple[Polyline, tuple[Tick, ...]]:
    lines: list[Polyline] = []
    ticks: list[Tick] = []
    tick_len, gap = 0.025, 0.012
    for i in range(1, 10):
        t = i / 10
        # For each coordinate its line's two ends; the first is on the edge that carries its
        # ticks (s_p on the left, s_left on the bottom, s_right on the right edge).
        ends = (
            ((t, 1 - t, 0.0), (t, 0.0, 1 - t)),
            ((0.0, t, 1 - t), (1 - t, t, 0.0)),
            ((1 - t, 0.0, t), (0.0, 1 - t, t)),
        )
        for edge, (edge_end, other_end) in zip(("left", "bottom", "right"), ends, strict=True):
            (xa, xb), (ya, yb) = xy_of(np.array([edge_end, other_end]))
            lines.append((np.array([xa, xb, np.nan]), np.array([ya, yb, np.nan])))
            d = np.array([xa - xb, ya - yb])
            d /= np.hypot(*d)  # outwards, along the grid line
            out, far = tick_len * d, (tick_len + gap) * d
            ticks.append(
                Tick(
                    float(xa),
                    float(ya),
                    float(xa + out[0]),
                    float(ya + out[1]),
                    float(xa + far[0]),
                    float(ya + far[1]),
                    t,
                    float(d[0]),
                    float(d[1]),
                    edge,
                )
            )
    return _join(lines), tuple(ticks)


_GRID, _TICKS = _grid_and_ticks()
_OUTLINE: Polyline = (np.array([0.0, 1.0, 0.5, 0.0]), np.array([0.0, 0.0, H, 0.0]))


def simplex_display(
    logits: Sequence[float],
    target: int,
    competitor: int,
    classes: Sequence[str],
    ce_unit: str = "nats",
    mse_reduction: str = "sum",
    resolution: int = 301,
) -> SimplexDisplay:
    """The two triangles' fields, contours, grid and the markers A and B (display units)."""
    frame = frame_of(logits, target, competitor)
    cf, mf = unit_factors(frame.k, ce_unit, mse_reduction)
    _xs, ys, ce_img, mse_img = field_images(frame, resolution, cf, mf)
    h = 1.0 / resolution
    extent = (0.0, 1.0, 0.0, ys.size * h)
    a = b = None
    if frame.k >= 3:
        a = _marker("A", ARTICLE_A, frame, cf, mf)
        b = _marker("B", ARTICLE_B, frame, cf, mf)

    ce_levels = (0.0, CE_TOP_NATS * cf)
    ce_lines = tuple(nice_levels(*ce_levels, count=7))
    mse_levels = (0.0, 2.0 * mf)
    mse_lines = tuple(nice_levels(*mse_levels, count=7))
    ce_bold_levels = (a.ce,) if a is not None else ()
    mse_bold_levels = (a.mse, b.mse) if a is not None and b is not None else ()
    panels = {
        "ce": SimplexPanel(
            ce_img,
            ce_levels,
            _join([ce_level_line(v, cf) for v in ce_lines]),
            ce_lines,
            tuple(ce_level_line(v, cf) for v in ce_bold_levels),
            ce_bold_levels,
        ),
        "mse": SimplexPanel(
            mse_img,
            mse_levels,
            _join([mse_level_curve(v, frame, mf) for v in mse_lines]),
            mse_lines,
            tuple(mse_level_curve(v, frame, mf) for v in mse_bold_levels),
            mse_bold_levels,
        ),
    }
    return SimplexDisplay(
        k=frame.k,
        frame=frame,
        top_name=classes[frame.target],
        left_name=classes[frame.left],
        rest_names=tuple(classes[c] for c in frame.rest),
        extent=extent,
        panels=panels,
        outline=_OUTLINE,
        grid=_GRID,
        ticks=_TICKS,
        a=a,
        b=b,
        ce_unit=ce_unit,
        mse_reduction=mse_reduction,
    )


def simplex_point(
    logits: Sequence[float],
    target: int,
    competitor: int,
    ce_unit: str = "nats",
    mse_reduction: str = "sum",
) -> SimplexPoint:
    """The current prediction: its triangle coordinates and its (K-class) losses."""
    frame = frame_of(logits, target, competitor)
    cf, mf = unit_factors(frame.k, ce_unit, mse_reduction)
    b = triangle_coords(logits, frame)
    x, y = xy_of(b)
    z = np.asarray(logits, dtype=np.float64)
    ce = float(losses.cross_entropy(z, target)) * cf
    mse = float(losses.mse(z, target)) * mf
    return SimplexPoint((float(b[0]), float(b[1]), float(b[2])), float(x), float(y), ce, mse)


def hover_values(
    display: SimplexDisplay, b: ArrayLike, tolerance: float = 0.02
) -> HoverValues | None:
    """The prediction a pick at triangle coordinates ``b`` gives, or None off the triangle
    (farther than ``tolerance`` in any coordinate)."""
    arr = np.asarray(b, dtype=np.float64)
    if not bool(inside(arr, tolerance)):
        return None
    bc = clamp_barycentric(arr, display.k)
    cf, mf = unit_factors(display.k, display.ce_unit, display.mse_reduction)
    ce, mse = field_losses(display.frame, bc, cf, mf)
    return HoverValues((float(bc[0]), float(bc[1]), float(bc[2])), float(ce), float(mse))
