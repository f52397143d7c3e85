"""model/display.py: what the overview's curve plots show, and the loss axis's top."""

from __future__ import annotations

import math
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.display import NICE_STEPS, curve_display, nice_ceiling
from model.state import AppState


@given(st.floats(min_value=1e-6, max_value=1e6, allow_nan=False))
def test_the_top_is_the_smallest_step_at_or_above(v):
    top = nice_ceiling(v)
    assert top >= v * (1 - 1e-12)
    assert top <= v * 4 / 3 * (1 + 1e-9)  # steps are at most a third apart
    decade = 10.0 ** math.floor(math.log10(top) + 1e-12)
    assert any(math.isclose(top, s * decade, rel_tol=1e-12) for s in (*NICE_STEPS, 10.0))
    below = [s * d for d in (decade / 10, decade) for s in (*NICE_STEPS, 10.0)]
    assert not [b for b in below if v * (1 - 1e-12) <= b < top * (1 - 1e-9)]  # none smaller


@pytest.mark.parametrize(
    ("v", "top"),
    [(0.3, 0.3), (0.31, 0.4), (1.0, 1.0), (1.01, 1.2), (7.9, 8.0), (8.5, 10.0), (13.4, 15.0)],
)
def test_tops_by_hand(v, top):
    assert nice_ceiling(v) == top


@pytest.mark.parametrize("v", [0.0, -1.0, math.nan, math.inf])
def test_a_top_for_no_positive_size_is_one(v):
    assert nice_ceiling(v) == 1.0


def test_the_loss_axis_holds_the_curves_and_keeps_still_through_small_edits():
    """Across a sweep of a free logit from -8 to 8 (K = 10, losses 13–18), the top holds both
    curves with room for the markers (6 %), leaves at most about a third of the height empty,
    and changes once or twice (a fixed step of 0.5 moved it 12 times)."""
    state = AppState().with_class_count(10)
    free = next(k for k in range(state.k) if k not in (state.target, state.surface.competitor))
    tops = []
    for v in np.linspace(-8.0, 8.0, 161):
        d = curve_display(state.with_logit(free, float(v)))
        highest = max(d.ce.max(), d.mse.max())
        lo, top = d.loss_range
        assert lo == 0.0 and 1.06 * highest <= top <= 1.06 * highest * 4 / 3 * (1 + 1e-9)
        tops.append(top)
    changes = sum(a != b for a, b in pairwise(tops))
    assert changes <= 2
