"""Contour lines as one NaN-separated polyline per plot (drawn as a single curve item).

Grids go through contourpy (compiled marching squares). In shift mode every surface is a
function of ``d = x - y - c`` alone, so its contours are exact straight lines ``x - y = c + d*``
found from a 1-D profile: no 2-D work at all.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
Polyline = tuple[FloatArray, FloatArray]
EMPTY: Polyline = (np.empty(0), np.empty(0))


def nice_levels(lo: float, hi: float, count: int = 6) -> list[float]:
    """About ``count`` round levels strictly inside (lo, hi)."""
    if not hi > lo:
        return []
    raw = (hi - lo) / (count + 1)
    mag = 10.0 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * mag >= raw)
    first = math.floor(lo / step) + 1
    levels = []
    v = first * step
    while v < hi - 1e-9 * step:
        levels.append(round(v, 12))
        v = (first + len(levels)) * step
    return levels


def grid_contours(x: FloatArray, y: FloatArray, z: FloatArray, levels: Sequence[float]) -> Polyline:
    """Contours of ``z`` (shape (ny, nx)) at ``levels``, joined by NaN rows."""
    if not len(levels):
        return EMPTY
    # Imported on first use: only the surfaces view draws grid contours, and the import is
    # ~20 ms of the app's start-up (the overview shows first).
    import contourpy

    gen = contourpy.contour_generator(
        x, y, np.ascontiguousarray(z), line_type=contourpy.LineType.ChunkCombinedNan
    )
    parts = [
        chunk for lines in gen.multi_lines(list(levels)) for chunk in lines[0] if chunk is not None
    ]
    if not parts:
        return EMPTY
    pts = np.concatenate([np.vstack([p, [[np.nan, np.nan]]]) for p in parts])
    return pts[:, 0], pts[:, 1]


def diagonal_lines(
    d: FloatArray,
    f: FloatArray,
    levels: Sequence[float],
    c: float,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
) -> Polyline:
    """Lines ``x - y = c + d*`` where the profile ``f(d)`` crosses a level, clipped to the box.

    ``f`` is sampled at the increasing ``d``; crossings are interpolated linearly between samples.
    """
    (x0, x1), (y0, y1) = x_range, y_range
    xs: list[float] = []
    ys: list[float] = []
    for level in levels:
        g = f - level
        idx = np.nonzero((g[:-1] < 0) != (g[1:] < 0))[0]
        for i in idx:
            t = g[i] / (g[i] - g[i + 1])
            k = c + d[i] + t * (d[i + 1] - d[i])  # the line x - y = k
            xa, xb = max(x0, y0 + k), min(x1, y1 + k)
            if xb > xa:
                xs += [xa, xb, np.nan]
                ys += [xa - k, xb - k, np.nan]
    return np.array(xs), np.array(ys)
