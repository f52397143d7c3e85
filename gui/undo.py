"""Undo commands: each holds the state before and after one edit."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from model.state import AppState

MERGE_ID = 0x10557AB  # every state edit shares one id; mergeWith decides by the edit's key
MERGE_SECONDS = 2.0


class StateCommand(QUndoCommand):
    """Replace the state. Consecutive edits with the same key (a run of steps on one spin box,
    one slider or surface drag) merge into a single entry."""

    def __init__(
        self,
        apply: Callable[[AppState], None],
        before: AppState,
        after: AppState,
        text: str,
        key: str | None,
    ) -> None:
        super().__init__(text)
        self._apply = apply
        self.before = before
        self.after = after
        self.key = key
        self.stamp = time.monotonic()

    def id(self) -> int:
        return MERGE_ID if self.key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, StateCommand) or other.key != self.key:
            return False
        if other.stamp - self.stamp > MERGE_SECONDS and not self.key.startswith(("slider", "drag")):
            return False
        self.after = other.after
        self.stamp = other.stamp
        if self.after == self.before:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)
