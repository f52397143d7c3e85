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
        self._widest: tuple[str, ...] = ()

    def set_texts(self, texts: tuple[str, ...], widest: tuple[str, ...] | None = None) -> None:
        """``widest``: the same forms with the widest value they can show, measured instead
        of ``texts`` so that the form does not change with the number (a label that gains
        and loses a word as a count runs reads as a flicker)."""
        widest = texts if widest is None else widest
        if (texts, widest) != (self._texts, self._widest):
            self._texts, self._widest = texts, widest
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
        fits = (metrics.horizontalAdvance(w) <= room for w in self._widest)
        text = next((t for t, fit in zip(self._texts, fits, strict=True) if fit), self._texts[-1])
        if text != self.text():
            self.setText(text)
