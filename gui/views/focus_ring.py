"""A visible focus indicator for the plots that take the keyboard (the surfaces and the
simplex triangles): a ring in the profile's focus colour round the plot's edge, painted over
its scene, so that taking or losing focus changes no layout (the plots repaint their viewport
on focus in and out)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsView

from gui import theme

RING_PX = 3


def paint_focus_ring(view: QGraphicsView, painter: QPainter) -> None:
    """Called from the view's drawForeground: the ring, if the view has the focus."""
    if not view.hasFocus():
        return
    pen = QPen(QColor(theme.colour("focus_ring")))
    pen.setWidth(RING_PX)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.save()
    painter.resetTransform()  # viewport pixels
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    half = RING_PX // 2
    painter.drawRect(view.viewport().rect().adjusted(half, half, -half - 1, -half - 1))
    painter.restore()
