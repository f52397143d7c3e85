"""Computes races for the GUI without freezing it: a long race runs in slices between events.

``request`` answers at once when the race is cached or short; otherwise it starts (or goes on
with) a ``model.race.RaceJob`` advanced from a zero-interval timer, each slice sized to take
about ``SLICE_SECONDS``, and reports ``progress`` and then ``finished``. A request for another
race (a new start, rates or step count) cancels the one in progress.
"""

from __future__ import annotations

import time

import numpy as np
from numpy.typing import ArrayLike
from PySide6.QtCore import QObject, QTimer, Signal

from model.race import RaceJob, RaceKey, RaceRun, RaceSettings, cached_race, race_key

SLICE_SECONDS = 0.03  # of work per event-loop turn (the loop stays well under 100 ms a gap)
SYNC_STEP_CLASSES = 20_000  # steps x classes computed at once when asked (a few ms)
FIRST_SLICE = 200  # steps, before the rate of this machine is known


class RaceRunner(QObject):
    progress = Signal(int, int)  # steps done, steps in all
    finished = Signal(object)  # the RaceRun asked for last

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job: RaceJob | None = None
        self._settings = RaceSettings()
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._slice)
        self._chunk = FIRST_SLICE
        self.slices = 0  # slices run for the current job (for tests and benchmarks)

    @property
    def busy(self) -> bool:
        return self._job is not None

    @property
    def pending_key(self) -> RaceKey | None:
        return None if self._job is None else self._job.key

    def request(self, z0: ArrayLike, target: int, settings: RaceSettings) -> RaceRun | None:
        """The race now if it is cached or short; else None, and ``finished`` follows."""
        self._settings = settings
        found = cached_race(z0, target, settings)
        if found is not None:
            self.cancel()
            return found
        key = race_key(z0, target, settings)
        if self._job is not None and self._job.key == key:
            return None  # already on its way
        self.cancel()
        job = RaceJob(z0, target, settings)
        if settings.max_steps * np.size(z0) <= SYNC_STEP_CLASSES:
            job.advance(job.total)
            return job.result()
        self._job = job
        self.slices = 0
        self.progress.emit(0, job.total)
        self._timer.start()
        return None

    def cancel(self) -> None:
        """Drop the race in progress (its work is lost; nothing is emitted)."""
        self._timer.stop()
        self._job = None

    def _slice(self) -> None:
        job = self._job
        if job is None:
            return
        t0 = time.perf_counter()
        done = job.advance(self._chunk)
        seconds = time.perf_counter() - t0
        self.slices += 1
        # Size the next slice to the time budget from this one's rate (bounded change).
        rate = self._chunk / max(seconds, 1e-6)
        self._chunk = int(min(max(rate * SLICE_SECONDS, 50), 4 * self._chunk + 50))
        if done:
            self._job = None
            self.finished.emit(job.result(self._settings.target_probability))
        else:
            self.progress.emit(job.done, job.total)
            self._timer.start()
