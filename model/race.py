"""The gradient-descent race: plain descent on the logits, ``z <- z - lr * grad L``, for CE and MSE.

The dynamics always use CE in nats and MSE as a sum (the article's conventions): the display
units never change a race. Gradients are MATH.md's exact forms: CE's ``s - y`` with ``1 - s_p``
taken as the sum of the other probabilities, MSE's ``-2 s_p L`` at the target and
``2 s_j [s_j + s_p (1 - s_p) - sum_{k != p} s_k^2]`` elsewhere.

Speed: a step is a handful of tiny-array operations, so a Python loop pays numpy's per-call cost
(about a microsecond) many times per step. The loop below runs every contestant of a race as one
row of a ``(C, K)`` array and needs five array calls a step: one ``exp``, one square, one matrix
product for all the sums, one for all the updates, one add. Softmax needs no max per step
either: the exponent is shifted by a constant, renewed (to the exact maximum) only when the sum
of the exponentials leaves ``[2^-20, 2^100]``, so it never overflows and the probabilities keep
their full relative precision (a shift changes the exponentials, not their ratios).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from model import losses

FloatArray = NDArray[np.float64]
Loss = Literal["ce", "mse"]
Speed = Literal["0.25", "0.5", "1", "2", "4", "log"]

LR_MIN, LR_MAX = 0.001, 100.0
STEPS_MIN, STEPS_MAX = 10, 100_000
PROBABILITY_MIN, PROBABILITY_MAX = 0.5, 0.999
SPEEDS: tuple[str, ...] = ("0.25", "0.5", "1", "2", "4", "log")

# The sum of the shifted exponentials stays in this range, or the shift is renewed: below, the
# smallest probabilities would underflow early; above, a square could overflow.
_SUM_LOW, _SUM_HIGH = 2.0**-20, 2.0**100

__all__ = [
    "LR_MAX",
    "LR_MIN",
    "PROBABILITY_MAX",
    "PROBABILITY_MIN",
    "SPEEDS",
    "STEPS_MAX",
    "STEPS_MIN",
    "Contestant",
    "RaceJob",
    "RaceRun",
    "RaceSettings",
    "RaceSettingsError",
    "RaceVerdict",
    "cached_race",
    "clear_cache",
    "descend",
    "descend_both",
    "run_race",
    "steps_to",
]


# --- the descent -------------------------------------------------------------------------------
class _Descent:
    """Gradient descent of both contestants at once (row 0 CE, row 1 MSE), resumable:
    ``advance(n)`` runs n more steps into the preallocated ``logits``, shape
    ``(2, steps + 1, K)``."""

    def __init__(
        self, z0: FloatArray, target: int, lr_ce: float, lr_mse: float, steps: int
    ) -> None:
        k = z0.size
        self.lr_ce, self.lr_mse, self.target, self.steps = lr_ce, lr_mse, target, steps
        self.logits = np.empty((2, steps + 1, k))
        self.logits[:, 0] = z0
        self.done = 0
        # h stacks the exponentials (rows 0, 1) over their squares (rows 2, 3).
        self._h = np.empty((4, k))
        # Column 0 sums over the classes other than the target, column 1 picks the target.
        self._w = np.zeros((k, 2))
        self._w[:, 0] = 1.0
        self._w[target] = (0.0, 1.0)
        self._sums = np.empty((4, 2))
        # Row r of the update is coef[r] @ h: CE's -lr s_j, and MSE's -2 lr (s_j^2 + inner s_j),
        # as multiples of e_j and e_j^2 (the target's entries are set apart).
        self._coef = np.zeros((2, 4))
        self._delta = np.empty((2, k))
        self._shifted_z = np.empty((2, k))
        with np.errstate(over="ignore", under="ignore"):
            total = float(np.exp(z0).sum())
        # No shift at all while the plain exponentials are in range (most starts), else the max.
        self._shifted = not _SUM_LOW < total < _SUM_HIGH
        self._shift = np.full((2, 1), z0.max() if self._shifted else 0.0)

    def _exponentials(self, z: FloatArray) -> list[list[float]]:
        """Exponentials, their squares and their sums at ``z`` (renewing the shift if a sum
        falls outside its range): rows CE, MSE of [sum over k != p, at p], then the squares'."""
        h = self._h
        for renew in (False, True):
            if renew:
                self._shift = z.max(axis=1, keepdims=True)
                self._shifted = True
            if self._shifted:
                np.subtract(z, self._shift, self._shifted_z)
                np.exp(self._shifted_z, h[:2])
            else:
                np.exp(z, h[:2])
            np.multiply(h[:2], h[:2], h[2:])
            np.dot(h, self._w, self._sums)
            sums: list[list[float]] = self._sums.tolist()
            if all(_SUM_LOW < a + b < _SUM_HIGH for a, b in sums[:2]):
                break
        return sums

    def advance(self, n: int) -> int:
        """Run up to ``n`` more steps; returns how many steps are done in all."""
        start, stop = self.done, min(self.done + max(int(n), 0), self.steps)
        out, p, h, coef, delta = self.logits, self.target, self._h, self._coef, self._delta
        lr_ce, lr_mse = self.lr_ce, self.lr_mse
        low, high = _SUM_LOW, _SUM_HIGH
        exp, multiply, subtract, dot, add = np.exp, np.multiply, np.subtract, np.dot, np.add
        w, sums_out, shifted_z = self._w, self._sums, self._shifted_z
        e, e2 = h[:2], h[2:]
        with np.errstate(over="ignore", under="ignore", invalid="ignore"):
            for t in range(start, stop):
                z = out[:, t]
                # The body of _exponentials, inlined: it is most of a step's cost.
                if self._shifted:
                    subtract(z, self._shift, shifted_z)
                    exp(shifted_z, e)
                else:
                    exp(z, e)
                multiply(e, e, e2)
                dot(h, w, sums_out)
                sums = sums_out.tolist()
                (rest_ce, ep_ce), (rest_mse, ep_mse) = sums[0], sums[1]
                total_ce, total_mse = rest_ce + ep_ce, rest_mse + ep_mse
                if not (low < total_ce < high and low < total_mse < high):
                    sums = self._exponentials(z)
                    (rest_ce, ep_ce), (rest_mse, ep_mse) = sums[0], sums[1]
                    total_ce, total_mse = rest_ce + ep_ce, rest_mse + ep_mse
                # CE: dz_j = -lr s_j; at the target -lr (s_p - 1) = lr (1 - s_p), where
                # 1 - s_p is the sum of the other probabilities.
                inv = 1.0 / total_ce
                coef[0, 0] = -lr_ce * inv
                up_ce = lr_ce * rest_ce * inv
                # MSE: dz_j = -lr 2 s_j (s_j + s_p (1 - s_p) - sum_{k != p} s_k^2);
                # at the target lr 2 s_p L with L = (1 - s_p)^2 + sum_{k != p} s_k^2.
                inv = 1.0 / total_mse
                s_p, others = ep_mse * inv, rest_mse * inv
                sq = sums[3][0] * inv * inv
                coef[1, 1] = -2.0 * lr_mse * (s_p * others - sq) * inv
                coef[1, 3] = -2.0 * lr_mse * inv * inv
                up_mse = 2.0 * lr_mse * s_p * (others * others + sq)
                dot(coef, h, delta)
                delta[0, p] = up_ce
                delta[1, p] = up_mse
                add(z, delta, out[:, t + 1])
        if not np.isfinite(out[:, start + 1 : stop + 1]).all():
            raise ValueError("the descent diverged: a logit became infinite")
        self.done = stop
        return stop


def _check_lr(lr: float, name: str = "lr") -> float:
    if isinstance(lr, bool) or not isinstance(lr, (int, float, np.floating, np.integer)):
        raise ValueError(f"{name} must be a number, got {lr!r}")
    value = float(lr)
    if not (math.isfinite(value) and value > 0.0):
        raise ValueError(f"{name} must be a finite positive number, got {lr!r}")
    return value


def _check_steps(steps: int) -> int:
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 0:
        raise ValueError(f"steps must be a whole number ≥ 0, got {steps!r}")
    return int(steps)


def _check_start(z0: ArrayLike, target: int) -> tuple[FloatArray, int]:
    z = np.asarray(z0)
    if z.ndim != 1:
        raise ValueError(f"a race starts from one logit vector of shape (K,), got shape {z.shape}")
    losses.softmax(z)  # its validation: real numbers, finite, K >= 2
    if isinstance(target, bool) or not isinstance(target, (int, np.integer)):
        raise ValueError(f"target must be an integer class index, got {target!r}")
    if not 0 <= target < z.size:
        raise ValueError(f"target out of range: classes are 0..{z.size - 1}, got {target!r}")
    return np.ascontiguousarray(z, dtype=np.float64), int(target)


def descend(z0: ArrayLike, target: int, loss: Loss, lr: float, steps: int) -> FloatArray:
    """The logits at every step of gradient descent on ``loss`` ("ce", in nats, or "mse", as a
    sum) from ``z0``: shape ``(steps + 1, K)``, row 0 is ``z0``."""
    z, p = _check_start(z0, target)
    if loss not in ("ce", "mse"):
        raise ValueError(f"loss must be 'ce' or 'mse', got {loss!r}")
    rate = _check_lr(lr)
    # Both contestants run together (the step costs the same numpy calls): keep the one asked.
    run = _Descent(z, p, rate, rate, _check_steps(steps))
    run.advance(run.steps)
    return run.logits[0 if loss == "ce" else 1].copy()


def descend_both(
    z0: ArrayLike, target: int, lr_ce: float, lr_mse: float, steps: int
) -> tuple[FloatArray, FloatArray]:
    """Both contestants' logits at every step, CE's and MSE's, each ``(steps + 1, K)``: the
    same numbers as two ``descend`` calls, in the time of one."""
    z, p = _check_start(z0, target)
    run = _Descent(
        z, p, _check_lr(lr_ce, "lr_ce"), _check_lr(lr_mse, "lr_mse"), _check_steps(steps)
    )
    run.advance(run.steps)
    return run.logits[0], run.logits[1]


def steps_to(trajectory: ArrayLike, target: int, probability: float) -> int | None:
    """The first step index t (row 0 is the start) with ``s_p(z_t) >= probability``; None if
    no step reaches it."""
    traj = np.asarray(trajectory)
    if traj.ndim != 2:
        raise ValueError(f"a trajectory has shape (steps + 1, K), got shape {traj.shape}")
    prob = _check_probability_number(probability)
    s_p = losses.softmax(traj)[:, target] if traj.shape[0] else np.zeros(0)
    return _first_reaching(s_p, prob)


def _check_probability_number(probability: float) -> float:
    if isinstance(probability, bool) or not isinstance(probability, (int, float, np.floating)):
        raise ValueError(f"probability must be a number, got {probability!r}")
    value = float(probability)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"probability must be within 0…1, got {probability!r}")
    return value


def _first_reaching(s_p: FloatArray, probability: float) -> int | None:
    reached = np.flatnonzero(s_p >= probability)
    return int(reached[0]) if reached.size else None


# --- settings (part of the app state) ---------------------------------------------------------
class RaceSettingsError(ValueError):
    """Race settings that cannot be used; the message says which and why."""


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


@dataclass(frozen=True)
class RaceSettings:
    """What the race view lets a user set; validated on construction (RaceSettingsError)."""

    lr_ce: float = 1.0
    lr_mse: float = 1.0
    linked: bool = True  # one learning rate for both: then lr_ce == lr_mse
    max_steps: int = 1000
    target_probability: float = 0.9
    step: int = 0  # the step shown, 0…max_steps
    speed: Speed = "1"
    log_step: bool = False
    log_loss: bool = False
    show_on_surfaces: bool = True

    def __post_init__(self) -> None:
        for name in ("lr_ce", "lr_mse"):
            value = getattr(self, name)
            if not _is_number(value) or not LR_MIN <= value <= LR_MAX:
                raise RaceSettingsError(
                    f"race {name} must be a number {LR_MIN:g}…{LR_MAX:g}, got {value!r}"
                )
            object.__setattr__(self, name, float(value))
        for name in ("linked", "log_step", "log_loss", "show_on_surfaces"):
            value = getattr(self, name)
            if not isinstance(value, bool):
                raise RaceSettingsError(f"race {name} must be true or false, got {value!r}")
        if self.linked and self.lr_ce != self.lr_mse:
            raise RaceSettingsError(
                f"linked race learning rates must be equal, got {self.lr_ce:g} and {self.lr_mse:g}"
            )
        if not _is_int(self.max_steps) or not STEPS_MIN <= self.max_steps <= STEPS_MAX:
            raise RaceSettingsError(
                f"race max_steps must be a whole number {STEPS_MIN}…{STEPS_MAX:,}, "
                f"got {self.max_steps!r}"
            )
        p = self.target_probability
        if not _is_number(p) or not PROBABILITY_MIN <= p <= PROBABILITY_MAX:
            raise RaceSettingsError(
                f"race target_probability must be a number {PROBABILITY_MIN:g}…"
                f"{PROBABILITY_MAX:g}, got {p!r}"
            )
        object.__setattr__(self, "target_probability", float(p))
        if not _is_int(self.step) or not 0 <= self.step <= self.max_steps:
            raise RaceSettingsError(
                f"race step must be a whole number 0…{self.max_steps:,}, got {self.step!r}"
            )
        if self.speed not in SPEEDS:
            raise RaceSettingsError(
                f"race speed must be one of {', '.join(SPEEDS)}, got {self.speed!r}"
            )

    def to_dict(self) -> dict[str, Any]:
        """The session file's "race" object."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: Any) -> RaceSettings:
        """Settings from a session's "race" object: missing keys take their defaults (a missing
        MSE rate follows the CE rate while linked), unknown keys are ignored, a wrong type or
        value raises RaceSettingsError."""
        if not isinstance(data, dict):
            raise RaceSettingsError(f'"race" must be an object, got {type(data).__name__}')
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in names}
        if "lr_mse" not in values and values.get("linked", True) is True and "lr_ce" in values:
            values["lr_mse"] = values["lr_ce"]
        try:
            return cls(**values)
        except OverflowError:  # an integer too large for a float
            raise RaceSettingsError("a number in the race settings is too large") from None

    def with_rates(self, lr_ce: float | None = None, lr_mse: float | None = None) -> RaceSettings:
        """New learning rates; while linked, setting either sets both."""
        ce = self.lr_ce if lr_ce is None else lr_ce
        mse = self.lr_mse if lr_mse is None else lr_mse
        if self.linked:
            ce = mse = lr_ce if lr_ce is not None else mse
        return replace(self, lr_ce=ce, lr_mse=mse)

    def with_max_steps(self, max_steps: int) -> RaceSettings:
        """A new step count; the step shown stays, or moves back to the last step."""
        return replace(self, max_steps=max_steps, step=min(self.step, max_steps))


# --- one race's result -------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Contestant:
    """One contestant's descent, every array indexed by step (row 0 is the start)."""

    loss: Loss  # what it descends on
    lr: float
    logits: FloatArray  # (steps + 1, K)
    s_p: FloatArray  # the true class's probability, (steps + 1,)
    ce: FloatArray  # CE in nats at every step, (steps + 1,)
    mse: FloatArray  # MSE (sum over classes) at every step, (steps + 1,)

    def own_loss(self) -> FloatArray:
        """The loss this contestant descends on (CE in nats, MSE as a sum)."""
        return self.ce if self.loss == "ce" else self.mse

    def loss_in(self, ce_unit: str = "nats", mse_reduction: str = "sum") -> FloatArray:
        """Its own loss in the display units (bits = nats / ln 2; mean = sum / K)."""
        if self.loss == "ce":
            return self.ce / math.log(2.0) if ce_unit == "bits" else self.ce
        return self.mse / self.logits.shape[1] if mse_reduction == "mean" else self.mse

    def steps_to(self, probability: float) -> int | None:
        return _first_reaching(self.s_p, _check_probability_number(probability))


@dataclass(frozen=True)
class RaceVerdict:
    """The numbers behind the race's one-line result (the wording is the view's)."""

    probability: float
    max_steps: int
    ce_steps: int | None  # None: not reached within max_steps
    mse_steps: int | None

    @property
    def leader(self) -> Literal["ce", "mse", "tie"] | None:
        """Who reaches the target first; None when neither does."""
        ce, mse = self.ce_steps, self.mse_steps
        if ce is None and mse is None:
            return None
        if mse is None or (ce is not None and ce < mse):
            return "ce"
        if ce is None or mse < ce:
            return "mse"
        return "tie"

    @property
    def ratio(self) -> float | None:
        """How many times more steps the slower one needs, when both reach the target and the
        faster one needs at least one step."""
        ce, mse = self.ce_steps, self.mse_steps
        if ce is None or mse is None or min(ce, mse) == 0:
            return None
        return max(ce, mse) / min(ce, mse)


@dataclass(frozen=True, eq=False)
class RaceRun:
    """Both contestants from one start, and how many steps each takes to the target."""

    z0: tuple[float, ...]
    target: int
    max_steps: int
    ce: Contestant
    mse: Contestant
    target_probability: float
    ce_steps: int | None = field(init=False)
    mse_steps: int | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ce_steps", self.ce.steps_to(self.target_probability))
        object.__setattr__(self, "mse_steps", self.mse.steps_to(self.target_probability))

    @property
    def steps(self) -> NDArray[np.int64]:
        return np.arange(self.max_steps + 1)

    @property
    def verdict(self) -> RaceVerdict:
        return RaceVerdict(self.target_probability, self.max_steps, self.ce_steps, self.mse_steps)

    def with_target_probability(self, probability: float) -> RaceRun:
        """The same descents judged against another target (no recomputation)."""
        return RaceRun(self.z0, self.target, self.max_steps, self.ce, self.mse, probability)


# --- computing a race, at once or in slices, with a small cache ---------------------------------
RaceKey = tuple[tuple[float, ...], int, float, float, int]


def race_key(z0: ArrayLike, target: int, settings: RaceSettings) -> RaceKey:
    """What a race's descents depend on: the start, the true class, both rates, the steps."""
    z = tuple(float(v) for v in np.asarray(z0, dtype=np.float64).ravel())
    return (z, int(target), settings.lr_ce, settings.lr_mse, settings.max_steps)


class _Cache:
    """The most recent races, least recently used first out; bounded in count and in bytes (a
    100,000-step race at K = 20 holds ~37 MB; the newest race always stays)."""

    def __init__(self, entries: int = 8, max_bytes: int = 40_000_000) -> None:
        self.entries, self.max_bytes = entries, max_bytes
        self._runs: OrderedDict[RaceKey, tuple[Contestant, Contestant]] = OrderedDict()

    def get(self, key: RaceKey) -> tuple[Contestant, Contestant] | None:
        found = self._runs.get(key)
        if found is not None:
            self._runs.move_to_end(key)
        return found

    def put(self, key: RaceKey, value: tuple[Contestant, Contestant]) -> None:
        self._runs[key] = value
        self._runs.move_to_end(key)
        while len(self._runs) > 1 and (
            len(self._runs) > self.entries or self.nbytes() > self.max_bytes
        ):
            self._runs.popitem(last=False)

    def nbytes(self) -> int:
        return sum(
            a.nbytes
            for pair in self._runs.values()
            for c in pair
            for a in (c.logits, c.s_p, c.ce, c.mse)
        )

    def clear(self) -> None:
        self._runs.clear()

    def __len__(self) -> int:
        return len(self._runs)


_CACHE = _Cache()


def clear_cache() -> None:
    _CACHE.clear()


def cached_race(z0: ArrayLike, target: int, settings: RaceSettings) -> RaceRun | None:
    """The race if it is in the cache (no computation), else None."""
    key = race_key(z0, target, settings)
    found = _CACHE.get(key)
    if found is None:
        return None
    return RaceRun(key[0], key[1], key[4], found[0], found[1], settings.target_probability)


_DERIVE_BLOCK = 4096


class RaceJob:
    """A race computed in slices: each ``advance(n)`` runs n more steps of both contestants
    (and their probabilities and losses), so that a caller can keep an event loop responsive.
    A finished job puts its race in the cache; dropping an unfinished one cancels it."""

    def __init__(self, z0: ArrayLike, target: int, settings: RaceSettings) -> None:
        z, p = _check_start(z0, target)
        self.key = race_key(z, p, settings)
        self.settings = settings
        self._found = _CACHE.get(self.key)
        self._descent: _Descent | None = None
        self._derived = 0  # steps whose probabilities and losses are computed
        if self._found is None:
            n = settings.max_steps
            self._descent = _Descent(z, p, settings.lr_ce, settings.lr_mse, n)
            self._s_p = np.empty((2, n + 1))
            self._ce = np.empty((2, n + 1))
            self._mse = np.empty((2, n + 1))
            self._derive(0)

    @property
    def total(self) -> int:
        return self.settings.max_steps

    @property
    def done(self) -> int:
        return self.total if self._descent is None else self._descent.done

    @property
    def finished(self) -> bool:
        return self.done == self.total

    def _derive(self, stop: int) -> None:
        """Probabilities and losses of the steps up to ``stop``, a block at a time (one call
        over 100,000 steps would hold ~0.3 GB of temporaries)."""
        assert self._descent is not None
        p = self.key[1]
        while self._derived <= stop:
            lo = self._derived
            hi = min(stop + 1, lo + _DERIVE_BLOCK)
            ev = losses.evaluate(self._descent.logits[:, lo:hi], p)
            self._s_p[:, lo:hi] = ev.probabilities[..., p]
            self._ce[:, lo:hi] = ev.ce
            self._mse[:, lo:hi] = ev.mse
            self._derived = hi

    def advance(self, steps: int) -> bool:
        """Run up to ``steps`` more steps; True once the race is complete."""
        if self._descent is not None and not self.finished:
            self._derive(self._descent.advance(steps))
            if self.finished:
                d = self._descent
                ce, mse, s_p = self._ce, self._mse, self._s_p
                self._found = (
                    Contestant("ce", d.lr_ce, d.logits[0], s_p[0], ce[0], mse[0]),
                    Contestant("mse", d.lr_mse, d.logits[1], s_p[1], ce[1], mse[1]),
                )
                _CACHE.put(self.key, self._found)
        return self.finished

    def result(self, target_probability: float | None = None) -> RaceRun:
        """The finished race (judged against the settings' target unless another is given)."""
        if self._found is None:
            raise RuntimeError(f"the race is not finished: {self.done} of {self.total} steps")
        prob = (
            self.settings.target_probability if target_probability is None else target_probability
        )
        z, p, _, _, n = self.key
        return RaceRun(z, p, n, self._found[0], self._found[1], prob)


def run_race(z0: ArrayLike, target: int, settings: RaceSettings) -> RaceRun:
    """Both contestants' descents from ``z0`` for ``settings.max_steps`` steps (from the cache
    when the same start, class, rates and step count were raced recently)."""
    job = RaceJob(z0, target, settings)
    job.advance(job.total)
    return job.result()
