"""Lean graphics items for the surfaces, painted by Qt's C++ code rather than pyqtgraph's Python.

Profiling a full update showed pyqtgraph's generic items spending more time in Python per
paint than the pixels cost: ``ImageItem`` converts float data through a non-premultiplied
ARGB image on every paint, ``ScatterPlotItem`` and ``InfiniteLine`` recompute view-dependent
bounds. These items do one thing each: an RGB32 image mapped once per data change, paths with
cosmetic pens, curves; and the crosshair, which the plots' views paint over their scenes.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsObject,
    QGraphicsPathItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from model.surfaces import on_grid


def lut_rgb32(cmap: pg.ColorMap) -> NDArray[np.uint32]:
    """A 256-entry colour table as opaque 0xFFRRGGBB words (QImage.Format_RGB32)."""
    rgb = cmap.getLookupTable(0.0, 1.0, 256, alpha=False).astype(np.uint32)
    return (0xFF000000 | (rgb[:, 0] << 16) | (rgb[:, 1] << 8) | rgb[:, 2]).astype(np.uint32)


class ColourImage(QGraphicsObject):
    """A float grid shown through a colour table with explicit, fixed limits."""

    def __init__(self, lut: NDArray[np.uint32]) -> None:
        super().__init__()
        self._lut = lut
        self._rect = QRectF(0, 0, 1, 1)
        self._size = (1, 1)
        self._pixels = np.zeros((1, 1), dtype=np.uint32)
        self._image = QImage()
        self.values = np.zeros((1, 1))

    def set_data(
        self,
        values: NDArray[np.float64],
        levels: tuple[float, float],
        rect: QRectF,
        profile: NDArray[np.float64] | None = None,
    ) -> None:
        """Colour ``values`` (ny, nx); with ``profile`` (values along the diagonals,
        ``values[iy, ix] = profile[ix - iy + ny - 1]``) only nx + ny - 1 numbers are coloured."""
        self.values = values  # what is shown, for readers such as tests
        ny, nx = values.shape
        if profile is not None:
            rgb = self._colours(profile, levels)
            pixels = np.ascontiguousarray(on_grid(rgb, nx))
        else:
            pixels = self._colours(values, levels)
        self._pixels = pixels
        # Row 0 is the lowest y; the view's y axis points up, so it lands at the bottom as it
        # should. The QImage shares the buffer, which lives as long as this item holds it.
        self._image = QImage(pixels.data, nx, ny, 4 * nx, QImage.Format.Format_RGB32)
        if rect != self._rect or self._size != (nx, ny):
            # One image pixel per item unit, placed by the item's transform: painters that
            # record (SVG) then keep the image at the grid's own resolution.
            self.prepareGeometryChange()
            self._rect, self._size = QRectF(rect), (nx, ny)
            self.setTransform(
                QTransform.fromTranslate(rect.left(), rect.top()).scale(
                    rect.width() / nx, rect.height() / ny
                )
            )
        self.update()

    def _colours(self, v: NDArray[np.float64], levels: tuple[float, float]) -> NDArray[np.uint32]:
        lo, hi = levels
        # (v - lo) * 255 / (hi - lo), clipped, is the colour index (the model never gives NaN).
        index = np.clip((v - lo) * (255.0 / (hi - lo)), 0.0, 255.0).astype(np.uint8)
        return self._lut[index]

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, *self._size)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if not self._image.isNull():
            painter.drawImage(QRectF(0, 0, *self._size), self._image)


def cosmetic_pen(colour: str | tuple[int, ...], width: float, dashed: bool = False) -> QPen:
    pen = QPen(QColor(*colour) if isinstance(colour, tuple) else QColor(colour))
    pen.setWidthF(width)
    pen.setCosmetic(True)  # width in pixels whatever the data scale
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


class PolylineItem(QGraphicsPathItem):
    """NaN-separated polylines (contours, outlines) as one native path."""

    def __init__(self, pen: QPen) -> None:
        super().__init__()
        self.setPen(pen)

    def set_polyline(self, x: NDArray[np.float64], y: NDArray[np.float64]) -> None:
        if len(x) > 300:  # long polylines (contourpy): pyqtgraph's vectorised path builder
            self.setPath(pg.arrayToQPath(x, y, connect="finite"))
            return
        # A few straight segments (shift mode): a plain loop is ~10x cheaper than the builder.
        path = QPainterPath()
        pen_down = False
        for px, py in zip(x.tolist(), y.tolist(), strict=True):
            if px != px or py != py:  # NaN separates the pieces
                pen_down = False
            elif pen_down:
                path.lineTo(px, py)
            else:
                path.moveTo(px, py)
                pen_down = True
        self.setPath(path)


class CurveItem(QGraphicsPathItem):
    """A curve as one native path, antialiased. pyqtgraph's PlotCurveItem computes its bounds
    lazily during paint and so schedules a second repaint of the plot after every change."""

    def __init__(self, pen: QPen) -> None:
        super().__init__()
        self.setPen(pen)
        self.x = np.zeros(0)
        self.y = np.zeros(0)
        # What pyqtgraph's legend reads to draw a sample (LegendItem's ItemSample).
        self.opts = {"pen": pen, "antialias": True}

    def set_curve(self, x: NDArray[np.float64], y: NDArray[np.float64]) -> None:
        self.x, self.y = x, y  # what is drawn, for readers such as tests and CSV export
        self.setPath(pg.arrayToQPath(x, y, connect="all", finiteCheck=False))

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        super().paint(painter, option, widget)


class Crosshair:
    """Two lines across the data and a dot of fixed pixel size at the current point, painted by
    the plot's view over its scene (``QGraphicsView.drawForeground``) rather than as items.

    Why not scene items: once a scene has processed its moved items, Qt has the window repaint
    at once (``QGraphicsScene`` dispatches the update request immediately), so moving the point
    on four plots meant four repaints of the window per drag step. Painted by the views, the
    four moves join the one repaint that the logit panel needs anyway.

    Each line is drawn twice, dark and wide under bright and thin, so it shows on both ends of
    any colour map (yellow on yellow would vanish). Positions are device pixels, as floats:
    the data-to-pixel map of a plot is a scale and a shift on each axis.
    """

    DOT = 13.0  # px across
    REACH = 10.0  # px around a line or the dot that a move must repaint (pens, dot, rounding)
    HALO, LINE = 3.2, 1.4  # px wide

    def __init__(self, colour: str) -> None:
        self._colour = QColor(colour)
        self._halo = QColor("#000000")
        self._dots: dict[float, QPixmap] = {}  # the dot, drawn once per device pixel ratio
        self.at: tuple[float, float] | None = None  # the point, in data coordinates

    def dirty(
        self, old: tuple[float, float], new: tuple[float, float], area: QRectF
    ) -> QRect | None:
        """The pixels to repaint when the point goes from ``old`` to ``new`` (device pixels):
        the strip a moved line sweeps across ``area``, and both dots. None: nothing moved."""
        (ox, oy), (nx, ny) = old, new
        if (ox, oy) == (nx, ny):
            return None
        r = self.REACH
        left, right = min(ox, nx) - r, max(ox, nx) + r
        top, bottom = min(oy, ny) - r, max(oy, ny) + r
        if ox != nx:  # the vertical line moved: its whole height
            top, bottom = area.top(), area.bottom()
        if oy != ny:  # the horizontal line moved: its whole width
            left, right = area.left(), area.right()
        rect = QRectF(left, top, right - left, bottom - top).intersected(area)
        return rect.toAlignedRect() if not rect.isEmpty() else None

    def paint(self, painter: QPainter, at: tuple[float, float], area: QRectF) -> None:
        """Paint at ``at`` (device pixels), the lines across ``area`` and clipped to it.

        The lines are filled rectangles and the dot a ready-made pixmap: stroking a wide pen
        and an outlined ellipse on every repaint was a tenth of a drag step's work."""
        x, y = at
        painter.save()
        painter.resetTransform()
        painter.setClipRect(area, _INTERSECT)
        for colour, width in ((self._halo, self.HALO), (self._colour, self.LINE)):
            painter.fillRect(QRectF(x - width / 2, area.top(), width, area.height()), colour)
            painter.fillRect(QRectF(area.left(), y - width / 2, area.width(), width), colour)
        if painter.paintEngine().type() == QPaintEngine.Type.Raster:
            ratio = painter.device().devicePixelRatioF()
            dot = self._dot(ratio)
            half = self.DOT / 2 + 1
            # At whole device pixels: the view's smooth-pixmap hint would otherwise blur it.
            left = round((x - half) * ratio) / ratio
            top = round((y - half) * ratio) / ratio
            painter.drawPixmap(QPointF(left, top), dot)
        else:  # a vector device (an SVG export): a vector dot
            self._draw_dot(painter, QPointF(x, y))
        painter.restore()

    def _dot(self, ratio: float) -> QPixmap:
        dot = self._dots.get(ratio)
        if dot is None:
            side = self.DOT + 2  # room for the outline
            dot = QPixmap(math.ceil(side * ratio), math.ceil(side * ratio))
            dot.setDevicePixelRatio(ratio)
            dot.fill(Qt.GlobalColor.transparent)
            p = QPainter(dot)
            self._draw_dot(p, QPointF(side / 2, side / 2))
            p.end()
            self._dots[ratio] = dot
        return dot

    def _draw_dot(self, painter: QPainter, centre: QPointF) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(cosmetic_pen("#000000", 1.5))
        painter.setBrush(QBrush(self._colour))
        painter.drawEllipse(centre, self.DOT / 2, self.DOT / 2)


_INTERSECT = Qt.ClipOperation.IntersectClip
