"""What the views show, computed from the state: plain arrays in the chosen units.

The controller calls these pure functions and hands the results to views that only draw.
Units (CE in nats or bits, MSE as a sum or a mean over K) and the views' switches (log scales,
the x axis) are applied here, once, so every number and plot agrees. Each ``*_key`` function
names what its view's data depends on: the controller only compares keys, so a copy of this
arithmetic elsewhere can never drift from it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from model import losses
from model.contours import Polyline, diagonal_lines, grid_contours, nice_levels
from model.state import AppState
from model.surfaces import (
    Curves,
    loss_curves,
    on_grid,
    shift_constants,
    shift_diagonals,
    shift_profile,
    surfaces,
)

FloatArray = NDArray[np.float64]
LOG_FLOOR = 1e-300  # log plots floor here (docs/maths.md)


def ce_factor(state: AppState) -> float:
    return 1.0 / math.log(2.0) if state.ce_unit == "bits" else 1.0


def mse_factor(state: AppState) -> float:
    return 1.0 / state.k if state.mse_reduction == "mean" else 1.0


@dataclass(frozen=True)
class PointValues:
    """Every per-class number and both losses at the current logits, in display units."""

    logits: FloatArray
    probabilities: FloatArray
    ce: float
    mse: float
    ce_grad: FloatArray
    mse_grad: FloatArray
    mse_grad_article_p: float
    s_p: float


def point_values(state: AppState) -> PointValues:
    z, p = state.z(), state.target
    cf, mf = ce_factor(state), mse_factor(state)
    e = losses.evaluate(z, p)
    return PointValues(
        logits=z,
        probabilities=e.probabilities,
        ce=float(e.ce) * cf,
        mse=float(e.mse) * mf,
        ce_grad=e.ce_grad * cf,
        mse_grad=e.mse_grad * mf,
        mse_grad_article_p=float(e.mse_grad_article) * mf,
        s_p=float(e.probabilities[p]),
    )


def _curve_span(state: AppState) -> tuple[float, float]:
    """The curves' z_p range: the surface x range, widened to include the current z_p (with a
    margin) so the current point is always on the curves."""
    lo, hi = state.surface.x_range
    zp = state.logits[state.target]
    return min(lo, zp - 1.0), max(hi, zp + 1.0)


def curves_key(state: AppState) -> tuple[object, ...]:
    """What the overview's curves depend on: z_p moving inside the span leaves it unchanged."""
    p = state.target
    others = state.logits[:p] + state.logits[p + 1 :]
    return (others, p, _curve_span(state), state.ce_unit, state.mse_reduction, state.overview)


def curves(state: AppState, n: int = 401) -> Curves:
    """Losses and dL/dz_p along z_p, other logits fixed, in display units."""
    x = np.linspace(*_curve_span(state), n)
    c = loss_curves(state.z(), state.target, x)
    cf, mf = ce_factor(state), mse_factor(state)
    return Curves(
        x=c.x,
        s_p=c.s_p,
        ce=c.ce * cf,
        mse=c.mse * mf,
        ce_grad=c.ce_grad * cf,
        mse_grad=c.mse_grad * mf,
        article=c.article * mf,
    )


@dataclass(frozen=True)
class CurveDisplay:
    """The overview's two curve plots as drawn: x is z_p or s_p, the gradients are log10 |g|
    when the log view is on, and the ranges are rounded outward so a small edit keeps them."""

    x_axis: str  # "z" or "s"
    log_grad: bool
    x: FloatArray
    ce: FloatArray
    mse: FloatArray
    ce_grad: FloatArray
    mse_grad: FloatArray
    article: FloatArray
    x_range: tuple[float, float]
    loss_range: tuple[float, float]
    grad_range: tuple[float, float]
    curves: Curves  # the numbers behind the plots, in display units (CSV export)


# The loss axis's tops: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten. Each is at most
# a third above the one below, so the curves keep most of the plot's height; and a top relative
# to the curves' size holds through an edit that moves them by less than that, where a fixed
# step of 0.5 moved the axis (and re-laid its ticks) on 40 % of edits when the losses were ~14.
NICE_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0)


def nice_ceiling(v: float) -> float:
    """The smallest of the axis tops (``NICE_STEPS`` times a power of ten) that is ≥ ``v``
    (1 for a ``v`` that is not positive)."""
    if not v > 0.0 or not math.isfinite(v):
        return 1.0
    decade = 10.0 ** math.floor(math.log10(v))
    top = 10.0 * decade  # above 8 times the decade
    for step in NICE_STEPS:
        if step * decade >= v * (1.0 - 1e-12):  # v on a step (up to rounding) is its own top
            top = step * decade
            break
    return float(f"{top:.12g}")  # 0.30000000000000004 -> 0.3


def curve_display(state: AppState) -> CurveDisplay:
    c = curves(state)
    ov = state.overview
    x = c.x if ov.x_axis == "z" else c.s_p
    grads = (c.ce_grad, c.mse_grad, c.article)
    if ov.log_grad:
        shown = tuple(log_abs(g) for g in grads)
        lo, hi = float(min(v.min() for v in shown)), float(max(v.max() for v in shown))
        grad_range = (float(np.floor(lo)) - 0.3, float(np.ceil(hi)) + 0.3)
    else:
        shown = grads
        lo = float(np.floor(min(g.min() for g in grads) * 10.0) / 10.0)
        grad_range = (lo - 0.05, 0.05)
    top = nice_ceiling(1.06 * float(max(c.ce.max(), c.mse.max())))
    x_range = (float(c.x[0]), float(c.x[-1])) if ov.x_axis == "z" else (0.0, 1.0)
    return CurveDisplay(
        x_axis=ov.x_axis,
        log_grad=ov.log_grad,
        x=x,
        ce=c.ce,
        mse=c.mse,
        ce_grad=shown[0],
        mse_grad=shown[1],
        article=shown[2],
        x_range=x_range,
        loss_range=(0.0, top),
        grad_range=grad_range,
        curves=c,
    )


@dataclass(frozen=True)
class CurveMarkers:
    """The current point on the overview's curves, in the curves' coordinates."""

    x: float
    ce: float
    mse: float
    ce_grad: float
    mse_grad: float


def curve_markers(state: AppState, point: PointValues) -> CurveMarkers:
    p = state.target
    x = float(point.logits[p]) if state.overview.x_axis == "z" else point.s_p
    g = np.array([point.ce_grad[p], point.mse_grad[p]])
    if state.overview.log_grad:
        g = log_abs(g)
    return CurveMarkers(x, point.ce, point.mse, float(g[0]), float(g[1]))


SURFACE_KINDS = ("ce", "mse", "ce_grad", "mse_grad")


@dataclass(frozen=True)
class SurfaceGrids:
    x: FloatArray
    y: FloatArray
    values: dict[str, FloatArray]  # the four kinds, display units, shape (ny, nx)
    s_p: FloatArray
    ce_grad_y: FloatArray
    mse_grad_y: FloatArray


def surface_grids(state: AppState) -> SurfaceGrids:
    st = state.surface
    x, y = st.x_axis(), st.y_axis()
    s = surfaces(state.z(), state.target, st.mode, st.competitor, x, y)
    cf, mf = ce_factor(state), mse_factor(state)
    return SurfaceGrids(
        x=x,
        y=y,
        values={
            "ce": _scaled(s.ce, cf),
            "mse": _scaled(s.mse, mf),
            "ce_grad": _scaled(s.ce_grad, cf),
            "mse_grad": _scaled(s.mse_grad, mf),
        },
        s_p=s.s_p,
        ce_grad_y=_scaled(s.ce_grad_y, cf),
        mse_grad_y=_scaled(s.mse_grad_y, mf),
    )


MESH_POINTS = 101  # a 3D view's mesh at most this many points a side: rotation stays smooth


@dataclass(frozen=True)
class SurfaceMesh:
    """One surface as a 3D view draws it: heights over a grid (every ``step``-th point of the
    2D surface's grid, so the two agree where they meet), its colour limits, the current point."""

    x: FloatArray  # z_p, shape (nx,)
    y: FloatArray  # the second axis, shape (ny,)
    z: FloatArray  # the surface's values in display units, shape (ny, nx)
    levels: tuple[float, float]  # the 2D surface's fixed linear colour limits
    point: tuple[float, float, float]  # z_p, the second axis and the surface's value there


def surface_mesh(state: AppState, kind: str, points: int = MESH_POINTS) -> SurfaceMesh:
    """Surface ``kind`` ("ce", "mse", "ce_grad" or "mse_grad") on a grid of at most
    ``points`` a side."""
    if kind not in SURFACE_KINDS:
        raise ValueError(f"surface kind must be one of {SURFACE_KINDS}, got {kind!r}")
    st = state.surface
    step = max(1, math.ceil(st.resolution / points))
    x, y = st.x_axis()[::step], st.y_axis()[::step]
    s = surfaces(state.z(), state.target, st.mode, st.competitor, x, y)
    raw = {"ce": s.ce, "mse": s.mse, "ce_grad": s.ce_grad, "mse_grad": s.mse_grad}[kind]
    return SurfaceMesh(
        x=x,
        y=y,
        z=_scaled(raw, _factors(state)[kind]),
        levels=colour_levels(state, kind, log=False),
        point=surface_mesh_point(state, kind),
    )


def surface_mesh_point(state: AppState, kind: str) -> tuple[float, float, float]:
    """The current point on surface ``kind``: z_p, the second axis, the surface's value."""
    v = point_values(state)
    p = state.target
    here = {"ce": v.ce, "mse": v.mse, "ce_grad": v.ce_grad[p], "mse_grad": v.mse_grad[p]}[kind]
    return (state.logits[p], state.second_axis(), float(here))


def log_abs(values: FloatArray) -> FloatArray:
    """log10 |v| in float64, floored at 1e-300 so saturated regions never turn into gaps."""
    return np.log10(np.maximum(np.abs(values), LOG_FLOOR))


def colour_levels(state: AppState, kind: str, log: bool) -> tuple[float, float]:
    """Fixed colour limits for a surface, from the ranges, K and units only.

    They never depend on the logits, so dragging a point or editing a logit never makes the
    colours drift: a colour means the same value before and after.
    """
    st = state.surface
    cf, mf = ce_factor(state), mse_factor(state)
    if kind == "ce":
        # CE <= (max of another logit - z_p) + log K over the box, for either second axis.
        hi = max(st.y_range[1] - st.x_range[0], 0.0) + math.log(state.k)
        return 0.0, max(hi, 1.0) * cf
    if kind == "mse":
        return 0.0, 2.0 * mf  # (1 - s_p)^2 + sum s_k^2 <= 2
    if log:
        # |grad| decays at most like exp(-2|d|) with |d| bounded by the box's diagonal extent.
        span = max(st.x_range[1] - st.y_range[0], st.y_range[1] - st.x_range[0], 1.0)
        lo = max(-(2.0 * span + math.log(state.k)) / math.log(10.0) - 1.0, -300.0)
        top = math.log10(cf) if kind == "ce_grad" else math.log10(0.6 * mf)
        return math.floor(lo), top
    if kind == "ce_grad":
        return -1.0 * cf, 0.0
    # dL_MSE/dz_p = -2 s_p L_MSE >= -2 s_p (2 (1 - s_p)^2) >= -16/27 for any K.
    return -16.0 / 27.0 * mf, 0.0


def barely_learns_mask(grids: SurfaceGrids, state: AppState, threshold: float) -> FloatArray:
    """1 where the model is wrong (s_p < 0.5) yet |dL_MSE/dz_p| < threshold, else 0."""
    slow = (grids.s_p < 0.5) & (np.abs(grids.values["mse_grad"]) < threshold)
    return slow.astype(np.float64)


@dataclass(frozen=True)
class SurfacePanel:
    """One heatmap ready to draw: the image (log10 |v| when log), its colour limits, contours."""

    image: FloatArray
    levels: tuple[float, float]
    contours: Polyline
    contour_levels: list[float]
    # Shift mode: the values along the diagonals, image[iy, ix] = profile[ix - iy + ny - 1],
    # so a view can colour nx + ny - 1 values instead of nx * ny.
    profile: FloatArray | None = None


@dataclass(frozen=True)
class SurfaceDisplay:
    x: FloatArray
    y: FloatArray
    panels: dict[str, SurfacePanel]
    slow_outline: Polyline  # boundary of "MSE barely learns here"
    slow_label: tuple[float, float] | None  # where to write it, None when the region is empty


def surface_key(state: AppState) -> tuple[object, ...]:
    """What the surfaces depend on. Moving z_p (or z_j in competitor mode, or all the others
    together in shift mode) leaves the key unchanged, so such an edit only moves markers."""
    st, p = state.surface, state.target
    others = state.logits[:p] + state.logits[p + 1 :]
    shape = _surface_shape(others, p, st.mode, st.competitor)
    label = state.classes[st.competitor] if st.mode == "competitor" else ""  # the y axis names it
    return (st, state.k, state.ce_unit, state.mse_reduction, shape, label)


@lru_cache(maxsize=16)
def _surface_shape(
    others: tuple[float, ...], p: int, mode: str, competitor: int
) -> tuple[float, ...]:
    """The part of the logits the surfaces' shape depends on (memoised: a drag that moves only
    z_p asks again with the same other logits on every step)."""
    if mode == "shift":
        z = np.array((*others[:p], 0.0, *others[p:]))
        c, q_sq = shift_constants(z, p)
        return (float(f"{c:.12g}"), float(f"{q_sq:.12g}"))
    j = competitor if competitor < p else competitor - 1  # its place among the others
    return others[:j] + others[j + 1 :]


def _display(values: FloatArray, kind: str, log: bool) -> FloatArray:
    return log_abs(values) if log and kind in ("ce_grad", "mse_grad") else values


def _factors(state: AppState) -> dict[str, float]:
    cf, mf = ce_factor(state), mse_factor(state)
    return {"ce": cf, "ce_grad": cf, "mse": mf, "mse_grad": mf}


def _scaled(values: FloatArray, factor: float) -> FloatArray:
    return values if factor == 1.0 else values * factor


def surface_display(state: AppState) -> SurfaceDisplay:
    """Images, colour limits, contours and the slow region's outline for the four surfaces."""
    st = state.surface
    log_grad, threshold = st.log_colours, st.slow_threshold
    x, y = st.x_axis(), st.y_axis()
    if st.mode == "shift":
        diagonals = shift_diagonals(state.z(), state.target, x, y)
        if diagonals is not None:
            return _shift_display(state, x, y, *diagonals, log_grad, threshold)
    return _grid_display(state, log_grad, threshold)


def _shift_display(
    state: AppState,
    x: FloatArray,
    y: FloatArray,
    d: FloatArray,
    vals: dict[str, FloatArray],
    log_grad: bool,
    threshold: float,
) -> SurfaceDisplay:
    """Shift mode on equal steps: every value depends on d = x - y - c alone, so one value per
    diagonal (nx + ny - 1 of them) gives the images, and the contours are exact straight lines."""
    st = state.surface
    c, q_sq = shift_constants(state.z(), state.target)
    nx, ny = x.size, y.size
    h = (x[-1] - x[0]) / (nx - 1)
    # A finer profile over the same d range for contour crossings.
    d_fine = np.linspace(d[0], d[-1], 4 * d.size)
    fine = shift_profile(d_fine, q_sq)
    factors = _factors(state)
    panels: dict[str, SurfacePanel] = {}
    for kind in SURFACE_KINDS:
        levels = colour_levels(state, kind, log_grad)
        lines = nice_levels(*levels)
        profile = _display(_scaled(vals[kind], factors[kind]), kind, log_grad)
        f = _display(_scaled(fine[kind], factors[kind]), kind, log_grad)
        contours = diagonal_lines(d_fine, f, lines, c, st.x_range, st.y_range)
        panels[kind] = SurfacePanel(on_grid(profile, nx), levels, contours, lines, profile)

    mf = factors["mse"]
    slow_fine = (fine["s_p"] < 0.5) & (np.abs(fine["mse_grad"] * mf) < threshold)
    outline = diagonal_lines(d_fine, slow_fine.astype(float), [0.5], c, st.x_range, st.y_range)
    slow = (vals["s_p"] < 0.5) & (np.abs(vals["mse_grad"] * mf) < threshold)
    label = None
    if slow.any():
        # Grid points on diagonal o = ix - iy: ix runs from max(0, o) to min(nx - 1, ny - 1 + o).
        o = np.arange(-(ny - 1), nx)[slow]
        lo, hi = np.maximum(0, o), np.minimum(nx - 1, ny - 1 + o)
        count = hi - lo + 1
        mean_ix = (lo + hi) / 2
        cx = float(np.sum(count * mean_ix) / count.sum())
        cy = float(np.sum(count * (mean_ix - o)) / count.sum())
        label = (float(x[0] + cx * h), float(y[0] + cy * h))
    return SurfaceDisplay(x, y, panels, outline, label)


def _grid_display(state: AppState, log_grad: bool, threshold: float) -> SurfaceDisplay:
    """Any mode and grid: closed forms per point, contours by contourpy."""
    grids = surface_grids(state)
    panels: dict[str, SurfacePanel] = {}
    for kind in SURFACE_KINDS:
        levels = colour_levels(state, kind, log_grad)
        image = _display(grids.values[kind], kind, log_grad)
        lines = nice_levels(*levels)
        contours = grid_contours(grids.x, grids.y, image, lines)
        panels[kind] = SurfacePanel(image, levels, contours, lines, None)
    mask = barely_learns_mask(grids, state, threshold)
    outline = grid_contours(grids.x, grids.y, mask, [0.5])
    label = None
    if mask.any():
        iy, ix = np.nonzero(mask)
        label = (float(grids.x[ix].mean()), float(grids.y[iy].mean()))
    return SurfaceDisplay(grids.x, grids.y, panels, outline, label)


# --- the race's paths on the surfaces ---------------------------------------------------------
MAX_PATH_POINTS = 2000  # a drawn path needs no more: the steps crowd into pixels long before


@dataclass(frozen=True)
class RacePaths:
    """Both contestants' paths over (z_p, second axis), thinned for drawing, and the points
    of the current step."""

    ce: Polyline
    mse: Polyline
    ce_now: tuple[float, float]
    mse_now: tuple[float, float]


def surface_coordinates(state: AppState, logits: FloatArray) -> Polyline:
    """(z_p, second axis) of each row of ``logits`` (shape (N, K)) in the state's mode."""
    p = state.target
    x = logits[:, p]
    if state.surface.mode == "competitor":
        y = logits[:, state.surface.competitor]
    else:
        y = (logits.sum(axis=1) - x) / (state.k - 1)
    return x, y


def _thinned(n: int) -> NDArray[np.int64]:
    """Row indices to draw: every step while few, then logarithmically spaced (the early steps
    move most) and evenly spaced, always with the first and the last."""
    if n <= MAX_PATH_POINTS:
        return np.arange(n)
    even = np.linspace(0, n - 1, MAX_PATH_POINTS // 2)
    early = np.geomspace(1, n, MAX_PATH_POINTS // 2) - 1
    return np.unique(np.concatenate([even, early]).round().astype(np.int64))


def race_paths(state: AppState, ce_logits: FloatArray, mse_logits: FloatArray) -> RacePaths:
    step = min(state.race.step, len(ce_logits) - 1)
    rows = _thinned(len(ce_logits))
    ce = surface_coordinates(state, ce_logits[rows])
    mse = surface_coordinates(state, mse_logits[rows])
    now = surface_coordinates(state, np.stack([ce_logits[step], mse_logits[step]]))
    return RacePaths(
        ce, mse, (float(now[0][0]), float(now[1][0])), (float(now[0][1]), float(now[1][1]))
    )
