"""Toy 2-D classification data for the training view: seeded, deterministic, in a fixed box.

Every data set is drawn from ``np.random.default_rng(seed)`` alone, so a seed names one set of
points for good, and scaled (one factor for both axes, so shapes keep their proportions) into
``[-DATA_EXTENT, DATA_EXTENT]²``, inside the box ``[-BOX, BOX]²`` the decision regions cover.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

DATASETS: tuple[str, ...] = ("blobs", "moons", "spirals", "xor")
CLASS_COUNTS: dict[str, int] = {"blobs": 3, "moons": 2, "spirals": 3, "xor": 2}
MIN_POINTS, MAX_POINTS = 50, 2000
BOX = 3.0  # the regions cover [-BOX, BOX]²
DATA_EXTENT = 2.7  # the points fill [-DATA_EXTENT, DATA_EXTENT]² (a margin inside the box)

__all__ = [
    "BOX",
    "CLASS_COUNTS",
    "DATASETS",
    "DATA_EXTENT",
    "MAX_POINTS",
    "MIN_POINTS",
    "Dataset",
    "DatasetError",
    "make_dataset",
]


class DatasetError(ValueError):
    """A data set that cannot be made; the message says what to fix."""


@dataclass(frozen=True, eq=False)
class Dataset:
    """Points ``x`` of shape (n, 2) and their classes ``y`` (n,) in 0..k-1."""

    name: str
    x: FloatArray
    y: IntArray
    k: int

    @property
    def n(self) -> int:
        return len(self.y)


def _counts(n: int, k: int) -> list[int]:
    """n points over k classes, as even as it goes (the first classes take the remainder)."""
    return [n // k + (1 if c < n % k else 0) for c in range(k)]


def _blobs(rng: np.random.Generator, counts: list[int]) -> FloatArray:
    parts = []
    for c, m in enumerate(counts):
        angle = np.pi / 2 + 2 * np.pi * c / len(counts)
        centre = 2.0 * np.array([np.cos(angle), np.sin(angle)])
        parts.append(centre + 0.55 * rng.standard_normal((m, 2)))
    return np.concatenate(parts)


def _moons(rng: np.random.Generator, counts: list[int]) -> FloatArray:
    t0 = rng.uniform(0.0, np.pi, counts[0])
    t1 = rng.uniform(0.0, np.pi, counts[1])
    upper = np.column_stack([np.cos(t0), np.sin(t0)])
    lower = np.column_stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)])
    pts = np.concatenate([upper, lower])
    return pts + 0.1 * rng.standard_normal(pts.shape)


def _spirals(rng: np.random.Generator, counts: list[int]) -> FloatArray:
    parts = []
    for c, m in enumerate(counts):
        r = rng.uniform(0.05, 1.0, m)
        theta = 4.0 * r + 2 * np.pi * c / len(counts) + 0.2 * rng.standard_normal(m)
        parts.append(np.column_stack([r * np.cos(theta), r * np.sin(theta)]))
    return np.concatenate(parts)


def _xor(rng: np.random.Generator, counts: list[int]) -> FloatArray:
    """Uniform in the square; class 0 where both coordinates share a sign. Drawn per class (a
    quadrant pair each), so the classes get exactly their counts."""
    parts = []
    for c, m in enumerate(counts):
        mag = rng.uniform(0.05, 1.0, (m, 2))
        sx = rng.choice([-1.0, 1.0], m)
        sy = sx if c == 0 else -sx
        parts.append(mag * np.column_stack([sx, sy]))
    return np.concatenate(parts)


_MAKERS = {"blobs": _blobs, "moons": _moons, "spirals": _spirals, "xor": _xor}


def make_dataset(name: str, n: int = 300, seed: int = 0) -> Dataset:
    """The data set ``name`` with ``n`` points from ``seed``, scaled into the fixed box."""
    if name not in _MAKERS:
        raise DatasetError(f"data set must be one of {', '.join(DATASETS)}, got {name!r}")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise DatasetError(f"the number of points must be a whole number, got {n!r}")
    if not MIN_POINTS <= n <= MAX_POINTS:
        raise DatasetError(f"the number of points must be {MIN_POINTS}…{MAX_POINTS}, got {n}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise DatasetError(f"the seed must be a whole number ≥ 0, got {seed!r}")
    k = CLASS_COUNTS[name]
    rng = np.random.default_rng(int(seed))
    counts = _counts(int(n), k)
    x = _MAKERS[name](rng, counts)
    y = np.repeat(np.arange(k, dtype=np.int64), counts)
    # Shuffled, so that no class is always drawn on top of the others.
    order = rng.permutation(len(y))
    x, y = x[order], y[order]
    # Centred on the middle of the points' extent and scaled by one factor for both axes.
    lo, hi = x.min(axis=0), x.max(axis=0)
    x = (x - (lo + hi) / 2) * (2 * DATA_EXTENT / float((hi - lo).max()))
    return Dataset(name, np.ascontiguousarray(x, dtype=np.float64), y, k)
