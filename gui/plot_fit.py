"""Plots that shrink only as far as what they show stays whole.

A pyqtgraph widget lays its plot item out in whatever size the widget gets, and below the
item's own minimum (its title, axes, legend and colour bar side by side) the item overflows the
widget: at 1024×768 the titles were cut mid-word and the colour bars' labels went missing.
``keep_whole`` gives the widget that minimum, so the window's layouts shrink the plot no further
and the window's minimum size accounts for it.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QGraphicsWidget


class _WholePlot(QObject):
    """Follows the plot item's minimum: a changed title, a wider tick label or a stacked legend
    posts a LayoutRequest to the scene's top-level item, which is when the minimum can change."""

    def __init__(self, widget: pg.GraphicsView, item: QGraphicsWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        self._item = item
        self._floor = widget.minimumSize()  # the view's own minimum stays the least
        item.installEventFilter(self)
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.update()
        return False

    def update(self) -> None:
        need = self._item.effectiveSizeHint(Qt.SizeHint.MinimumSize)
        frame = 2 * self._widget.frameWidth()
        size = self._floor.expandedTo(
            QSize(math.ceil(need.width()) + frame, math.ceil(need.height()) + frame)
        )
        if size != self._widget.minimumSize():
            self._widget.setMinimumSize(size)


def keep_whole(widget: pg.GraphicsView) -> None:
    """Keep ``widget`` at least as large as its plot item's minimum size, from now on."""
    item = widget.centralWidget  # pyqtgraph's name for the item that fills the view
    if isinstance(item, QGraphicsWidget) and widget.findChild(_WholePlot) is None:
        _WholePlot(widget, item)
