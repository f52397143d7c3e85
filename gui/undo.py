"""Undo commands: each holds the state before and after one edit."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from PySide6.QtGui import QUndoCommand

from model.state import AppState

MERGE_ID = 0x10557AB  # every state edit shares one id; mergeWith decides by the edit's key
MERGE_SECONDS = 2.0

# What a run of edits is made of: steps on one spin box, one slider drag, one drag on a plot,
# one play run of an animation, a run of range or tab changes.
MergeKind = Literal["spin", "slider", "drag", "range", "view", "setting", "play"]


@dataclass(frozen=True)
class MergeKey:
    """Which edits merge into one undo entry: equal keys merge. A gesture (a slider or mouse
    drag, a play run) carries a serial of its own and merges however long it lasts; other runs
    merge while each edit follows the last within MERGE_SECONDS."""

    kind: MergeKind
    target: str | int = ""  # the class of a spin box or slider, or a setting's name
    serial: int = 0  # a new gesture, a new serial

    @property
    def gesture(self) -> bool:
        return self.kind in ("slider", "drag", "play")


class StateCommand(QUndoCommand):
    """Replace the state. Consecutive edits with the same key merge into a single entry.
    ``text`` names the edit in the current language: ``retranslate`` asks it again."""

    def __init__(
        self,
        apply: Callable[[AppState], None],
        before: AppState,
        after: AppState,
        text: Callable[[], str],
        key: MergeKey | None,
    ) -> None:
        super().__init__(text())
        self._text = text
        self._apply = apply
        self.before = before
        self.after = after
        self.key = key
        self.stamp = time.monotonic()

    def id(self) -> int:
        return MERGE_ID if self.key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, StateCommand) or self.key is None or other.key != self.key:
            return False
        if other.stamp - self.stamp > MERGE_SECONDS and not self.key.gesture:
            return False
        self.after = other.after
        self.stamp = other.stamp
        if self.after == self.before:
            self.setObsolete(True)
        return True

    def retranslate(self) -> None:
        self.setText(self._text())

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)
