"""The one app state: a frozen, validated dataclass, and the session file format of PRODUCT.md F9.

Every edit returns a new state (``dataclasses.replace`` through the ``with_*`` methods), so undo
is a matter of keeping old states and a view can never change the truth behind the controller's
back. Logits are kept in full float64 precision; only widgets round them for display.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import numpy as np

SurfaceMode = Literal["shift", "competitor"]
CeUnit = Literal["nats", "bits"]
MseReduction = Literal["sum", "mean"]

MIN_CLASSES, MAX_CLASSES = 2, 20
LOGIT_LIMIT = 1000.0
MIN_RESOLUTION, MAX_RESOLUTION = 11, 801
RANGE_LIMIT = 1000.0
MAX_SESSION_BYTES = 1_000_000
SESSION_FORMAT = "losslab-session"
SESSION_VERSION = 1
DEFAULT_CLASSES = ("cat", "tiger", "dog")
DEFAULT_LOGITS = (-2.0, 1.0, 0.5)


class StateError(ValueError):
    """A state or session file that cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class SurfaceSettings:
    mode: SurfaceMode = "shift"
    competitor: int = 1
    x_range: tuple[float, float] = (-10.0, 10.0)
    y_range: tuple[float, float] = (-10.0, 10.0)
    resolution: int = 201

    def __post_init__(self) -> None:
        if self.mode not in ("shift", "competitor"):
            raise StateError(f"surface mode must be 'shift' or 'competitor', not {self.mode!r}")
        for name, rng in (("x_range", self.x_range), ("y_range", self.y_range)):
            lo, hi = rng
            if not (math.isfinite(lo) and math.isfinite(hi)):
                raise StateError(f"surface {name} must be finite, got {list(rng)}")
            if not lo < hi:
                raise StateError(f"surface {name} must go from low to high, got {list(rng)}")
            if max(abs(lo), abs(hi)) > RANGE_LIMIT:
                raise StateError(
                    f"surface {name} must stay within ±{RANGE_LIMIT:g}, got {list(rng)}"
                )
        if not MIN_RESOLUTION <= self.resolution <= MAX_RESOLUTION:
            raise StateError(
                f"surface resolution must be {MIN_RESOLUTION}…{MAX_RESOLUTION}, "
                f"got {self.resolution}"
            )

    def x_axis(self) -> np.ndarray:
        return np.linspace(self.x_range[0], self.x_range[1], self.resolution)

    def y_axis(self) -> np.ndarray:
        return np.linspace(self.y_range[0], self.y_range[1], self.resolution)


def _largest_wrong(logits: tuple[float, ...], target: int) -> int:
    best = max((k for k in range(len(logits)) if k != target), key=lambda k: logits[k])
    return best


@dataclass(frozen=True)
class AppState:
    classes: tuple[str, ...] = DEFAULT_CLASSES
    logits: tuple[float, ...] = DEFAULT_LOGITS
    target: int = 0
    surface: SurfaceSettings = field(default_factory=SurfaceSettings)
    ce_unit: CeUnit = "nats"
    mse_reduction: MseReduction = "sum"

    def __post_init__(self) -> None:
        k = len(self.logits)
        if not MIN_CLASSES <= k <= MAX_CLASSES:
            raise StateError(f"the number of classes must be {MIN_CLASSES}…{MAX_CLASSES}, got {k}")
        if len(self.classes) != k:
            raise StateError(f"{len(self.classes)} class names for {k} logits")
        for name in self.classes:
            if not isinstance(name, str) or not name.strip():
                raise StateError("class names must be non-empty text")
        for v in self.logits:
            if not math.isfinite(v):
                raise StateError(f"logits must be finite numbers, got {v}")
            if abs(v) > LOGIT_LIMIT:
                raise StateError(f"logits must stay within ±{LOGIT_LIMIT:g}, got {v:g}")
        if not 0 <= self.target < k:
            raise StateError(f"the true class must be 0…{k - 1}, got {self.target}")
        c = self.surface.competitor
        if not 0 <= c < k or c == self.target:
            raise StateError(
                f"the competitor must be a class 0…{k - 1} other than the true class, got {c}"
            )
        if self.ce_unit not in ("nats", "bits"):
            raise StateError(f"ce_unit must be 'nats' or 'bits', got {self.ce_unit!r}")
        if self.mse_reduction not in ("sum", "mean"):
            raise StateError(f"mse_reduction must be 'sum' or 'mean', got {self.mse_reduction!r}")

    # --- reading ---------------------------------------------------------------------------
    @property
    def k(self) -> int:
        return len(self.logits)

    def z(self) -> np.ndarray:
        return np.array(self.logits, dtype=np.float64)

    # --- edits: each returns a new, valid state --------------------------------------------
    def with_logit(self, k: int, value: float) -> AppState:
        logits = list(self.logits)
        logits[k] = float(value)
        return replace(self, logits=tuple(logits))

    def with_logits(self, logits: tuple[float, ...] | list[float]) -> AppState:
        return replace(self, logits=tuple(float(v) for v in logits))

    def with_target(self, target: int) -> AppState:
        surface = self.surface
        if surface.competitor == target:
            surface = replace(surface, competitor=_largest_wrong(self.logits, target))
        return replace(self, target=int(target), surface=surface)

    def with_class_count(self, k: int) -> AppState:
        """Grow with classes "class k" at logit 0, or drop the last ones."""
        if not MIN_CLASSES <= k <= MAX_CLASSES:
            raise StateError(f"the number of classes must be {MIN_CLASSES}…{MAX_CLASSES}, got {k}")
        n = self.k
        classes = self.classes[:k] + tuple(f"class {i}" for i in range(n, k))
        logits = self.logits[:k] + (0.0,) * max(0, k - n)
        target = self.target if self.target < k else 0
        competitor = self.surface.competitor
        if competitor >= k or competitor == target:
            competitor = _largest_wrong(logits, target)
        surface = replace(self.surface, competitor=competitor)
        return replace(self, classes=classes, logits=logits, target=target, surface=surface)

    def with_classes(
        self, classes: tuple[str, ...], logits: tuple[float, ...], target: int
    ) -> AppState:
        """A new set of classes; surface settings and units are kept, and a competitor that no
        longer fits becomes the largest wrong class."""
        logits = tuple(float(v) for v in logits)
        competitor = self.surface.competitor
        if not 0 <= target < len(logits):
            raise StateError(f"the true class must be 0…{len(logits) - 1}, got {target}")
        if competitor >= len(logits) or competitor == target:
            competitor = _largest_wrong(logits, target)
        return replace(
            self,
            classes=tuple(classes),
            logits=logits,
            target=int(target),
            surface=replace(self.surface, competitor=competitor),
        )

    def with_class_name(self, k: int, name: str) -> AppState:
        classes = list(self.classes)
        classes[k] = name
        return replace(self, classes=tuple(classes))

    def with_surface(self, **changes: Any) -> AppState:
        return replace(self, surface=replace(self.surface, **changes))

    def with_units(
        self, ce_unit: CeUnit | None = None, mse_reduction: MseReduction | None = None
    ) -> AppState:
        return replace(
            self,
            ce_unit=ce_unit or self.ce_unit,
            mse_reduction=mse_reduction or self.mse_reduction,
        )

    def second_axis(self) -> float:
        """The current point's coordinate on the surfaces' second axis."""
        if self.surface.mode == "competitor":
            return self.logits[self.surface.competitor]
        others = [v for i, v in enumerate(self.logits) if i != self.target]
        return math.fsum(others) / len(others)

    def with_surface_point(self, x: float, y: float) -> AppState:
        """Move the logits to the surface point (z_p = x, second axis = y)."""
        logits = list(self.logits)
        logits[self.target] = float(x)
        if self.surface.mode == "competitor":
            logits[self.surface.competitor] = float(y)
        else:
            shift = float(y) - self.second_axis()
            logits = [v if i == self.target else v + shift for i, v in enumerate(logits)]
        clipped = [min(max(v, -LOGIT_LIMIT), LOGIT_LIMIT) for v in logits]
        return replace(self, logits=tuple(clipped))

    # --- sessions ------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        s = self.surface
        return {
            "format": SESSION_FORMAT,
            "version": SESSION_VERSION,
            "classes": list(self.classes),
            "logits": list(self.logits),
            "target": self.target,
            "surface": {
                "mode": s.mode,
                "competitor": s.competitor,
                "x_range": list(s.x_range),
                "y_range": list(s.y_range),
                "resolution": s.resolution,
            },
            "ce_unit": self.ce_unit,
            "mse_reduction": self.mse_reduction,
        }

    @classmethod
    def from_dict(cls, data: Any) -> AppState:
        return _state_from_dict(data)

    def save(self, path: str | os.PathLike[str]) -> None:
        save_session(self, path)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> AppState:
        return load_session(path)


# --- session parsing: strict types, friendly messages ---------------------------------------
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


def _state_from_dict(data: Any) -> AppState:
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
    _expect(MIN_CLASSES <= k <= MAX_CLASSES, f"the number of classes must be 2…20, got {k}")
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
            _largest_wrong(tuple(float(v) for v in logits), target) if 0 <= target < k else 1
        )
    _expect(_is_int(competitor), f"surface.competitor must be a class index, got {competitor!r}")
    resolution = surface_data.get("resolution", defaults.resolution)
    _expect(_is_int(resolution), f"surface.resolution must be an integer, got {resolution!r}")
    x_range = _range(surface_data.get("x_range", list(defaults.x_range)), "x_range")
    y_range = _range(surface_data.get("y_range", list(defaults.y_range)), "y_range")
    ce_unit = data.get("ce_unit", "nats")
    mse_reduction = data.get("mse_reduction", "sum")
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
            ),
            ce_unit=ce_unit,
            mse_reduction=mse_reduction,
        )
    except OverflowError as exc:  # an integer too large for a float
        raise StateError(f"a number in the session is too large: {exc}") from None


def _reject_constant(name: str) -> float:
    raise StateError(f"the session contains {name}, which is not a finite number")


def parse_session(text: str) -> AppState:
    """Parse session JSON text into a state, or raise StateError saying what is wrong."""
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except ValueError as exc:  # JSONDecodeError, or an integer literal beyond Python's limit
        if isinstance(exc, StateError):
            raise
        if not isinstance(exc, json.JSONDecodeError):
            raise StateError(f"not a LossLab session ({exc})") from None
        raise StateError(
            f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise StateError("not a LossLab session (nested too deeply)") from None
    return _state_from_dict(data)


def load_session(path: str | os.PathLike[str]) -> AppState:
    p = Path(path)
    try:
        with p.open("rb") as fh:  # read at most 1 MB + 1: a device or pipe reports no size
            raw = fh.read(MAX_SESSION_BYTES + 1)
        _expect(len(raw) <= MAX_SESSION_BYTES, f"{p.name} is too large: a session is at most 1 MB")
    except OSError as exc:
        raise StateError(f"cannot read {p}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise StateError(f"{p.name} is not a text file (not UTF-8)") from None
    return parse_session(text)


def save_session(state: AppState, path: str | os.PathLike[str]) -> None:
    """Write atomically: a temporary file in the same folder, flushed, then renamed over."""
    p = Path(path)
    text = json.dumps(state.to_dict(), indent=2, ensure_ascii=False) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
