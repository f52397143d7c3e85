"""A label that says as much as its width allows."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel


class FittingLabel(QLabel):
    """Shows the first of its texts (``set_texts``, longest first) that fits its width, the
    last where none does: "CE 93.3 % right" where there is room, "CE 93.3 %" where a small
    screen in lecture mode leaves less. It chooses again when it is resized or its font
    changes. Until ``set_texts`` is called it is a plain QLabel."""

    def __init__(self) -> None:
        super().__init__()
        self._texts: tuple[str, ...] = ()

    def set_texts(self, *texts: str) -> None:
        if texts != self._texts:
            self._texts = texts
            self._choose()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._choose()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._choose()

    def _choose(self) -> None:
        if not self._texts:
            return
        room = self.contentsRect().width()
        metrics = self.fontMetrics()
        text = next(
            (t for t in self._texts if metrics.horizontalAdvance(t) <= room), self._texts[-1]
        )
        if text != self.text():
            self.setText(text)
