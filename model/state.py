"""The one app state: a frozen, validated dataclass holding everything a user can set.

Every edit returns a new state (``dataclasses.replace`` through the ``with_*`` methods), so undo
is a matter of keeping old states and a view can never change the truth behind the controller's
back. Every setting that changes what is shown lives here (the views' switches, the view showing),
so it is undoable and saved with the session (model/session.py reads and writes the files).
Logits are kept in full float64 precision; only widgets round them for display.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any, Literal, cast, get_args

import numpy as np

from model.race import RaceSettings
from model.train import TrainSettings

SurfaceMode = Literal["shift", "competitor"]
CeUnit = Literal["nats", "bits"]
MseReduction = Literal["sum", "mean"]
ViewName = Literal["overview", "surfaces", "race", "simplex", "train"]
XAxis = Literal["z", "s"]
VIEW_NAMES: tuple[str, ...] = get_args(ViewName)

MIN_CLASSES, MAX_CLASSES = 2, 20
LOGIT_LIMIT = 1000.0
MIN_RESOLUTION, MAX_RESOLUTION = 11, 801
RANGE_LIMIT = 1000.0
MIN_THRESHOLD, MAX_THRESHOLD = 0.0001, 0.5
SESSION_FORMAT = "losslab-session"
SESSION_VERSION = 1  # optional keys added since then keep it: a reader takes defaults for them
MAX_NAME_LENGTH = 40
DEFAULT_CLASSES = ("cat", "tiger", "dog")
DEFAULT_LOGITS = (-2.0, 1.0, 0.5)


class StateError(ValueError):
    """A state or session file that cannot be used; the message says what to fix."""


# Control characters (Cc), halves of a UTF-16 pair on their own (Cs: undecodable bytes in argv,
# or a JSON "\ud800", cannot be written as UTF-8), and line or paragraph separators (Zl, Zp):
# none of them belongs in a one-line name, and they break a table or a save.
_NOT_IN_A_NAME = {
    "Cc": "a control character",
    "Cs": "a lone surrogate, which is not valid text",
    "Zl": "a line break",
    "Zp": "a paragraph break",
}


def class_name_problem(name: object) -> str | None:
    """What is wrong with a class name, in plain words, or None for a good one: 1…40 printable
    characters (counted as the editor counts them: a character beyond U+FFFF counts twice),
    not only spaces. The words never quote the name itself, which may be unprintable."""
    if not isinstance(name, str):
        return "is not text"
    for ch in name:
        kind = _NOT_IN_A_NAME.get(unicodedata.category(ch))
        if kind is not None:
            return f"contains {kind} (U+{ord(ch):04X})"
    if not name.strip():
        return "is empty"
    length = len(name) + sum(1 for ch in name if ord(ch) > 0xFFFF)
    if length > MAX_NAME_LENGTH:
        return f"is longer than {MAX_NAME_LENGTH} characters"
    return None


@dataclass(frozen=True)
class SurfaceSettings:
    mode: SurfaceMode = "shift"
    competitor: int = 1
    x_range: tuple[float, float] = (-10.0, 10.0)
    y_range: tuple[float, float] = (-10.0, 10.0)
    resolution: int = 201
    log_colours: bool = False  # the gradient surfaces as log10 |dL/dz_p|
    slow_threshold: float = 0.01  # "MSE barely learns here" where |dL_MSE/dz_p| is below it

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
        if not isinstance(self.log_colours, bool):
            raise StateError(f"surface log_colours must be true or false, got {self.log_colours!r}")
        if not (
            isinstance(self.slow_threshold, float)
            and MIN_THRESHOLD <= self.slow_threshold <= MAX_THRESHOLD
        ):
            raise StateError(
                f"surface slow_threshold must be a number {MIN_THRESHOLD:g}…{MAX_THRESHOLD:g}, "
                f"got {self.slow_threshold!r}"
            )

    def x_axis(self) -> np.ndarray:
        return np.linspace(self.x_range[0], self.x_range[1], self.resolution)

    def y_axis(self) -> np.ndarray:
        return np.linspace(self.y_range[0], self.y_range[1], self.resolution)


@dataclass(frozen=True)
class OverviewSettings:
    x_axis: XAxis = "z"  # curves against z_p, or against s_p
    log_grad: bool = False  # the gradient curves as log10 |dL/dz_p|

    def __post_init__(self) -> None:
        if self.x_axis not in ("z", "s"):
            raise StateError(f"overview x_axis must be 'z' or 's', got {self.x_axis!r}")
        if not isinstance(self.log_grad, bool):
            raise StateError(f"overview log_grad must be true or false, got {self.log_grad!r}")


def largest_wrong(logits: tuple[float, ...], target: int) -> int:
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
    overview: OverviewSettings = field(default_factory=OverviewSettings)
    view: ViewName = "overview"
    train: TrainSettings = field(default_factory=TrainSettings)
    race: RaceSettings = field(default_factory=RaceSettings)

    def __post_init__(self) -> None:
        k = len(self.logits)
        if not MIN_CLASSES <= k <= MAX_CLASSES:
            raise StateError(f"the number of classes must be {MIN_CLASSES}…{MAX_CLASSES}, got {k}")
        if len(self.classes) != k:
            raise StateError(f"{len(self.classes)} class names for {k} logits")
        for i, name in enumerate(self.classes):
            problem = class_name_problem(name)
            if problem is not None:
                raise StateError(
                    f"the name of class {i} {problem}: a class name is 1…{MAX_NAME_LENGTH} "
                    "printable characters"
                )
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
        if self.view not in VIEW_NAMES:
            raise StateError(f"view must be one of {', '.join(VIEW_NAMES)}, got {self.view!r}")

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
            surface = replace(surface, competitor=largest_wrong(self.logits, target))
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
            competitor = largest_wrong(logits, target)
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
            competitor = largest_wrong(logits, target)
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

    def with_overview(self, **changes: Any) -> AppState:
        return replace(self, overview=replace(self.overview, **changes))

    def with_race(self, race: RaceSettings) -> AppState:
        return replace(self, race=race)

    def with_train(self, train: TrainSettings) -> AppState:
        return replace(self, train=train)

    def with_view(self, view: str) -> AppState:
        """Show another view (checked like every field: an unknown name is a StateError)."""
        return replace(self, view=cast(ViewName, view))

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

    # --- as a session file's JSON object (model/session.py reads and writes the files) -----
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
                "log_colours": s.log_colours,
                "slow_threshold": s.slow_threshold,
            },
            "ce_unit": self.ce_unit,
            "mse_reduction": self.mse_reduction,
            "overview": {"x_axis": self.overview.x_axis, "log_grad": self.overview.log_grad},
            "view": self.view,
            "train": self.train.to_dict(),
            "race": self.race.to_dict(),
        }
