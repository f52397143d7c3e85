"""model.presets: the named scenes of PRODUCT.md F1 and the article's first argument (MATH.md)."""

import math

import numpy as np
import pytest

from model import losses
from model.presets import PRESETS, apply_preset, preset
from model.state import AppState

LISTED_LOGITS = {
    "confidently_wrong": (-4.0, 4.0, 0.0),
    "uniform": (0.0, 0.0, 0.0),
    "nearly_right": (3.0, 0.0, 0.0),
    "saturated_right": (12.0, 0.0, 0.0),
}
PROBABILITIES = {"article_a": (0.8, 0.1, 0.1), "article_b": (0.8, 0.15, 0.05)}
ALL_KEYS = [*PROBABILITIES, *LISTED_LOGITS]


def _elsewhere():
    """A state far from any preset: K = 6, target 4, competitor mode, custom ranges and units."""
    s = AppState().with_class_count(6).with_target(4)
    s = s.with_surface(
        mode="competitor", competitor=5, x_range=(-3.0, 7.0), y_range=(-8.0, 2.0), resolution=51
    )
    return s.with_units(ce_unit="bits", mse_reduction="mean")


def test_every_product_preset_exists_and_nothing_else():
    assert sorted(p.key for p in PRESETS) == sorted(ALL_KEYS)
    assert all(p.title and p.description for p in PRESETS)
    with pytest.raises(KeyError, match=r"no preset 'nope'"):
        preset("nope")


@pytest.mark.parametrize("key", ALL_KEYS)
def test_each_preset_sets_k3_cat_tiger_dog_target_cat_and_keeps_views(key):
    before = _elsewhere()
    s = apply_preset(before, key)
    assert s.k == 3
    assert s.classes == ("cat", "tiger", "dog")
    assert s.target == 0
    assert s.logits == preset(key).logits
    # the competitor is valid and the largest wrong class; views, ranges and units are kept
    assert s.surface.competitor in (1, 2)
    assert s.logits[s.surface.competitor] == max(s.logits[1:])
    assert s.surface.mode == "competitor"
    assert (s.surface.x_range, s.surface.y_range, s.surface.resolution) == (
        (-3.0, 7.0),
        (-8.0, 2.0),
        51,
    )
    assert (s.ce_unit, s.mse_reduction) == ("bits", "mean")
    assert before == _elsewhere()  # a new state; the old one is untouched


@pytest.mark.parametrize("key", list(LISTED_LOGITS))
def test_listed_logits(key):
    assert apply_preset(AppState(), key).logits == LISTED_LOGITS[key]


@pytest.mark.parametrize("key", list(PROBABILITIES))
def test_article_presets_give_their_probabilities(key):
    s = apply_preset(AppState(), key)
    # "a preset given as probabilities keeps log(p) exactly"
    assert s.logits == tuple(math.log(p) for p in PROBABILITIES[key])
    probs = losses.softmax(s.z())
    assert np.all(np.abs(probs - np.array(PROBABILITIES[key])) <= 1e-15), probs


def test_article_first_argument_mse_prefers_a_ce_cannot_tell():
    """MATH.md: MSE(a) = 0.060 < MSE(b) = 0.065, CE(a) = CE(b) = -log 0.8 = 0.2231."""
    a = apply_preset(AppState(), "article_a").z()
    b = apply_preset(AppState(), "article_b").z()
    mse_a, mse_b = losses.mse(a, 0), losses.mse(b, 0)
    assert math.isclose(mse_a, 0.060, rel_tol=0, abs_tol=1e-14)
    assert math.isclose(mse_b, 0.065, rel_tol=0, abs_tol=1e-14)
    assert mse_a < mse_b
    ce_a, ce_b = losses.cross_entropy(a, 0), losses.cross_entropy(b, 0)
    assert math.isclose(ce_a, -math.log(0.8), rel_tol=1e-15)
    assert math.isclose(ce_b, -math.log(0.8), rel_tol=1e-15)
    assert abs(ce_a - ce_b) <= 1e-15
    assert round(float(ce_a), 4) == 0.2231


def test_other_presets_tell_their_story():
    def sp(key):
        return losses.softmax(apply_preset(AppState(), key).z())[0]

    assert math.isclose(sp("uniform"), 1 / 3, rel_tol=1e-15)
    assert round(float(sp("nearly_right")), 2) == 0.91
    assert sp("saturated_right") > 0.9999
    wrong = apply_preset(AppState(), "confidently_wrong").z()
    assert sp("confidently_wrong") < 1e-3
    # confidently wrong: CE pulls hard on z_p, MSE barely moves
    ce_g, mse_g = losses.cross_entropy_grad(wrong, 0)[0], losses.mse_grad(wrong, 0)[0]
    assert ce_g < -0.99
    assert -2e-3 < mse_g < 0
    assert ce_g / mse_g > 500
    assert apply_preset(AppState(), "confidently_wrong").surface.competitor == 1
