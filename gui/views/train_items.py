"""Graphics items of the training view that repaint in one native call per frame.

Playback repaints the regions under the data points and moves the epoch markers on every
frame. pyqtgraph's ScatterPlotItem and InfiniteLine spend more Python per paint than the
pixels cost (a scatter re-maps and re-masks every point on each paint), so the points are
drawn once into a pixmap (again only when the data or the plot's size changes), and the
epoch marker is a line and a few dots painted directly in device pixels.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPaintEngine, QPainter, QPen, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsObject, QStyleOptionGraphicsItem, QWidget

from gui.views.fast_items import cosmetic_pen


class PointsLayer(QGraphicsObject):
    """Data points in their classes' colours with a dark outline, and a ring round a picked
    one; in data coordinates over ``box`` (the region grid's square)."""

    DOT = 7.0  # px across
    RING = 17.0

    def __init__(self, colours: tuple[str, ...]) -> None:
        super().__init__()
        self._brushes = [QBrush(QColor(c)) for c in colours]
        self._outline = cosmetic_pen("#000000", 1.2)
        self._ring = cosmetic_pen("#FFFFFF", 2.5)
        self.xy = np.zeros((0, 2))
        self.labels = np.zeros(0, dtype=np.int64)
        self.picked: int | None = None
        self._box = QRectF(-1, -1, 2, 2)
        self._cache = QPixmap()
        self._cache_key: tuple[object, ...] = ()
        self._serial = 0

    def set_points(self, xy: NDArray[np.float64], labels: NDArray[np.int64], box: float) -> None:
        self.prepareGeometryChange()
        self.xy, self.labels = xy, labels
        self.picked = None
        self._box = QRectF(-box, -box, 2 * box, 2 * box)
        self._serial += 1
        self.update()

    def set_picked(self, index: int | None) -> None:
        if index != self.picked:
            self.picked = index
            self.update()

    def boundingRect(self) -> QRectF:
        return self._box

    def _device(self, t: QTransform) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """The points in device pixels (the view maps data by a scale and a shift)."""
        return t.m11() * self.xy[:, 0] + t.dx(), t.m22() * self.xy[:, 1] + t.dy()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        t = painter.transform()
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if painter.paintEngine().type() == QPaintEngine.Type.Raster:
            area = t.mapRect(self._box).adjusted(-self.DOT, -self.DOT, self.DOT, self.DOT)
            ratio = painter.device().devicePixelRatioF()
            key = (self._serial, round(t.m11(), 6), round(t.m22(), 6), area.size(), ratio)
            if key != self._cache_key:
                self._cache_key = key
                self._render(t, area, ratio)
            painter.drawPixmap(area.topLeft(), self._cache)
        else:  # a vector device (an SVG export): vector dots
            self._draw_dots(painter, t, QPointF(0, 0))
        if self.picked is not None and self.picked < len(self.xy):
            px, py = self._device(t)
            painter.setPen(self._ring)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            r = self.RING / 2
            painter.drawEllipse(QPointF(px[self.picked], py[self.picked]), r, r)
        painter.restore()

    def _render(self, t: QTransform, area: QRectF, ratio: float) -> None:
        pixmap = QPixmap(max(1, round(area.width() * ratio)), max(1, round(area.height() * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._draw_dots(p, t, area.topLeft())
        p.end()
        self._cache = pixmap

    def _draw_dots(self, painter: QPainter, t: QTransform, origin: QPointF) -> None:
        px, py = self._device(t)
        r = self.DOT / 2
        painter.setPen(self._outline)
        ox, oy = origin.x(), origin.y()
        for x, y, k in zip(px.tolist(), py.tolist(), self.labels.tolist(), strict=True):
            painter.setBrush(self._brushes[k % len(self._brushes)])
            painter.drawEllipse(QPointF(x - ox, y - oy), r, r)


class EpochMarker(QGraphicsObject):
    """The current epoch on a curve plot: a dashed line across the data and a dot on each
    curve, in the curves' colours with a dark outline."""

    DOT = 11.0  # px across

    def __init__(self, line_colour: str, dot_colours: tuple[str, ...]) -> None:
        super().__init__()
        self.set_colours(line_colour, dot_colours, "#000000")
        self._x = 0.0
        self._ys: list[float] = []
        self._span = (0.0, 1.0)  # the data's y range, which the line crosses
        self._rect = QRectF()
        self._key: tuple[object, ...] = ()

    def set_colours(self, line_colour: str, dot_colours: tuple[str, ...], edge: str) -> None:
        self._line = QPen(cosmetic_pen(line_colour, 1.2, dashed=True))
        self._outline = cosmetic_pen(edge, 1.5)
        self._brushes = [QBrush(QColor(c)) for c in dot_colours]
        self.update()

    def set_marker(
        self, x: float, ys: list[float], span: tuple[float, float], pixel: tuple[float, float]
    ) -> None:
        """At epoch position ``x``, dots at ``ys``, the line across ``span`` (data units);
        ``pixel`` is the size of a pixel in data units (the view box's viewPixelSize)."""
        key = (x, ys, span, pixel)
        if key == self._key:
            return
        self.prepareGeometryChange()
        self._key = key
        self._x, self._ys, self._span = x, ys, span
        lo, hi = min(span[0], *ys), max(span[1], *ys)
        dx, dy = self.DOT * abs(pixel[0]), self.DOT * abs(pixel[1])
        self._rect = QRectF(x - dx, lo - dy, 2 * dx, hi - lo + 2 * dy)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        t = painter.transform()
        painter.save()
        painter.resetTransform()
        x = t.m11() * self._x + t.dx()
        top = t.m22() * self._span[1] + t.dy()
        bottom = t.m22() * self._span[0] + t.dy()
        painter.setPen(self._line)
        painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self._outline)
        r = self.DOT / 2
        for y, brush in zip(self._ys, self._brushes, strict=False):
            painter.setBrush(brush)
            painter.drawEllipse(QPointF(x, t.m22() * y + t.dy()), r, r)
        painter.restore()
