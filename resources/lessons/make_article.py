"""Writes article.json, the built-in lesson, from real states (no hand-typed floats).

Run from the repository root: ``python resources/lessons/make_article.py``. The captions come
from gui/lesson_strings.py, where Qt's translation tools find them. Run it again after the
state gains fields (the race's settings become part of AppState), so every scene carries them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from gui.lesson_strings import BUILTIN_CAPTIONS, BUILTIN_TITLE  # noqa: E402
from model.lesson import Lesson, Scene, lesson_from_dict, lesson_to_dict  # noqa: E402
from model.presets import apply_preset  # noqa: E402
from model.state import AppState  # noqa: E402

OUT = Path(__file__).resolve().parent / "article.json"

# The race scene: from confidently wrong, one learning rate, shown at its last step on log axes
# (PRODUCT.md's reference: CE reaches s_p >= 0.9 in 14 steps, MSE in 9,825).
RACE = {
    "lr_ce": 1.0,
    "lr_mse": 1.0,
    "linked": True,
    "max_steps": 10_000,
    "target_probability": 0.9,
    "step": 10_000,
    "log_step": True,
    "log_loss": True,
}


def scenes() -> list[tuple[AppState, dict[str, Any]]]:
    """Each scene's state, and any settings the state cannot hold yet (merged into its JSON)."""
    start = AppState()  # cat, tiger, dog; logits (-2, 1, 0.5); the true class cat
    wrong = apply_preset(start, "confidently_wrong")  # (-4, 4, 0)
    return [
        (start, {}),
        (apply_preset(start, "article_a").with_view("simplex"), {}),
        (start.with_overview(x_axis="s"), {}),
        (wrong.with_overview(x_axis="s"), {}),
        (wrong.with_overview(log_grad=True), {}),
        (wrong.with_surface(log_colours=True).with_view("surfaces"), {}),
        (wrong.with_logits((-8.0, 4.0, 0.0)).with_view("race"), {"race": RACE}),
        # One competitor holds nearly all the wrong mass: there the exact gradient is about
        # twice the article's one-path term (the other paths add 2 s_p sum of s_j squared).
        (start.with_logits((0.0, 3.0, -3.0)), {}),
    ]


def lesson_json() -> dict[str, Any]:
    made = scenes()
    lesson = Lesson(
        BUILTIN_TITLE,
        tuple(
            Scene(state, caption)
            for (state, _), caption in zip(made, BUILTIN_CAPTIONS, strict=True)
        ),
    )
    data = lesson_to_dict(lesson)
    for scene, (_, extra) in zip(data["scenes"], made, strict=True):
        for key, values in extra.items():  # over whatever defaults the state writes already
            scene["state"][key] = {**scene["state"].get(key, {}), **values}
    lesson_from_dict(data)  # what is written must read back
    return data


if __name__ == "__main__":
    OUT.write_text(json.dumps(lesson_json(), indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
