"""The named scenes of PRODUCT.md F1: each sets K = 3 (cat, tiger, dog) with the true class cat."""

from __future__ import annotations

import math
from dataclasses import dataclass

from model.state import DEFAULT_CLASSES, AppState


@dataclass(frozen=True)
class Preset:
    key: str
    title: str
    logits: tuple[float, ...]
    description: str


def _from_probabilities(*probs: float) -> tuple[float, ...]:
    # Softmax is shift-invariant, so log(p) reproduces the probabilities exactly enough: s = p.
    return tuple(math.log(p) for p in probs)


PRESETS: tuple[Preset, ...] = (
    Preset(
        "article_a",
        "Article, prediction A",
        _from_probabilities(0.8, 0.1, 0.1),
        "s = (0.8, 0.1, 0.1): MSE 0.060, CE 0.223",
    ),
    Preset(
        "article_b",
        "Article, prediction B",
        _from_probabilities(0.8, 0.15, 0.05),
        "s = (0.8, 0.15, 0.05): MSE 0.065, CE 0.223 — MSE prefers A, CE cannot tell them apart",
    ),
    Preset(
        "confidently_wrong",
        "Confidently wrong",
        (-4.0, 4.0, 0.0),
        "CE pulls hard, MSE barely moves",
    ),
    Preset("uniform", "Uniform", (0.0, 0.0, 0.0), "every class at 1/3"),
    Preset("nearly_right", "Nearly right", (3.0, 0.0, 0.0), "s_p ≈ 0.91"),
    Preset(
        "saturated_right",
        "Saturated right",
        (12.0, 0.0, 0.0),
        "both gradients vanish: nothing left to learn",
    ),
)


def preset(key: str) -> Preset:
    for p in PRESETS:
        if p.key == key:
            return p
    raise KeyError(f"no preset {key!r}; known: {', '.join(p.key for p in PRESETS)}")


def apply_preset(state: AppState, key: str) -> AppState:
    """The state with the preset's classes, logits and target; views and ranges are kept."""
    logits = preset(key).logits
    scene = state.with_classes(DEFAULT_CLASSES, logits, 0)
    return scene.with_surface(competitor=max((1, 2), key=lambda k: logits[k]))  # largest wrong
