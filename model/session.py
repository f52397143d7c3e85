"""Session files: strict reading with one-line messages, atomic writing.

A reader takes every file an earlier LossLab wrote: keys added since (the views' settings, the
view showing) are optional and default to the default state's values.
"""

from __future__ import annotations

import json
import os
from typing import Any

from model.jsonfile import (
    MAX_FILE_BYTES,
    TEMP_MARK,
    parse_json_text,
    read_json_file,
    write_text_atomic,
)
from model.race import RaceSettings, RaceSettingsError
from model.state import (
    MAX_CLASSES,
    MIN_CLASSES,
    SESSION_FORMAT,
    SESSION_VERSION,
    AppState,
    OverviewSettings,
    StateError,
    SurfaceSettings,
    largest_wrong,
)
from model.train import TrainSettings, TrainSettingsError

MAX_SESSION_BYTES = MAX_FILE_BYTES
__all__ = ["TEMP_MARK", "load_session", "parse_session", "save_session", "state_from_dict"]


def _expect(cond: bool, message: str) -> None:
    if not cond:
        raise StateError(message)


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _range(value: Any, name: str) -> tuple[float, float]:
    _expect(
        isinstance(value, list) and len(value) == 2 and all(_is_number(v) for v in value),
        f"surface.{name} must be a list of two numbers, got {value!r}",
    )
    return float(value[0]), float(value[1])


def state_from_dict(data: Any) -> AppState:
    """A state from a session's JSON object, or StateError saying what is wrong."""
    try:
        return _checked_state_from_dict(data)
    except OverflowError:  # an integer too large for a float, wherever it stands
        raise StateError("a number in the session is too large to be a logit or a range") from None


def _checked_state_from_dict(data: Any) -> AppState:
    _expect(isinstance(data, dict), "a session must be a JSON object")
    _expect(
        data.get("format") == SESSION_FORMAT,
        f'not a LossLab session (expected "format": "{SESSION_FORMAT}")',
    )
    version = data.get("version")
    _expect(_is_int(version), f"the session's version must be an integer, got {version!r}")
    _expect(
        version <= SESSION_VERSION,
        f"this session was written by a newer LossLab (version {version}); "
        f"this one reads version {SESSION_VERSION}",
    )
    _expect(version >= 1, f"unknown session version {version}")

    logits = data.get("logits")
    _expect(isinstance(logits, list), 'the session needs "logits": a list of numbers')
    _expect(all(_is_number(v) for v in logits), "every logit must be a number")
    k = len(logits)
    _expect(
        MIN_CLASSES <= k <= MAX_CLASSES,
        f"the number of classes must be {MIN_CLASSES}…{MAX_CLASSES}, got {k}",
    )
    classes = data.get("classes", [f"class {i}" for i in range(k)])
    _expect(
        isinstance(classes, list) and all(isinstance(c, str) for c in classes),
        '"classes" must be a list of names',
    )
    target = data.get("target", 0)
    _expect(_is_int(target), f'"target" must be a class index, got {target!r}')

    defaults = SurfaceSettings()
    surface_data = data.get("surface", {})
    _expect(isinstance(surface_data, dict), '"surface" must be an object')
    mode = surface_data.get("mode", defaults.mode)
    _expect(isinstance(mode, str), f"surface.mode must be text, got {mode!r}")
    competitor = surface_data.get("competitor")
    if competitor is None:
        competitor = (
            largest_wrong(tuple(float(v) for v in logits), target) if 0 <= target < k else 1
        )
    _expect(_is_int(competitor), f"surface.competitor must be a class index, got {competitor!r}")
    resolution = surface_data.get("resolution", defaults.resolution)
    _expect(_is_int(resolution), f"surface.resolution must be an integer, got {resolution!r}")
    x_range = _range(surface_data.get("x_range", list(defaults.x_range)), "x_range")
    y_range = _range(surface_data.get("y_range", list(defaults.y_range)), "y_range")
    log_colours = surface_data.get("log_colours", defaults.log_colours)
    _expect(
        isinstance(log_colours, bool),
        f"surface.log_colours must be true or false, got {log_colours!r}",
    )
    threshold = surface_data.get("slow_threshold", defaults.slow_threshold)
    _expect(_is_number(threshold), f"surface.slow_threshold must be a number, got {threshold!r}")
    ce_unit = data.get("ce_unit", "nats")
    mse_reduction = data.get("mse_reduction", "sum")
    overview_data = data.get("overview", {})
    _expect(isinstance(overview_data, dict), '"overview" must be an object')
    overview_defaults = OverviewSettings()
    view = data.get("view", "overview")
    _expect(isinstance(view, str), f'"view" must be text, got {view!r}')
    try:
        train = TrainSettings.from_dict(data.get("train", {}))
    except TrainSettingsError as exc:
        raise StateError(f"train: {exc}") from None
    try:
        race = RaceSettings.from_dict(data.get("race", {}))
    except RaceSettingsError as exc:
        raise StateError(f"race: {exc}") from None
    try:
        return AppState(
            classes=tuple(classes),
            logits=tuple(float(v) for v in logits),
            target=target,
            surface=SurfaceSettings(
                mode=mode,
                competitor=competitor,
                x_range=x_range,
                y_range=y_range,
                resolution=resolution,
                log_colours=log_colours,
                slow_threshold=float(threshold),
            ),
            ce_unit=ce_unit,
            mse_reduction=mse_reduction,
            overview=OverviewSettings(
                x_axis=overview_data.get("x_axis", overview_defaults.x_axis),
                log_grad=overview_data.get("log_grad", overview_defaults.log_grad),
            ),
            view=view,
            train=train,
            race=race,
        )
    except OverflowError as exc:  # an integer too large for a float
        raise StateError(f"a number in the session is too large: {exc}") from None


def parse_session(text: str) -> AppState:
    """Parse session JSON text into a state, or raise StateError saying what is wrong."""
    return state_from_dict(parse_json_text(text, "session"))


def load_session(path: str | os.PathLike[str]) -> AppState:
    """A session file's state (model/jsonfile.py's reading rules), or StateError."""
    return state_from_dict(read_json_file(path, "session"))


def save_session(state: AppState, path: str | os.PathLike[str]) -> None:
    """Write atomically (model/jsonfile.py): a crash never leaves half a session."""
    write_text_atomic(path, json.dumps(state.to_dict(), indent=2, ensure_ascii=False) + "\n")
