"""Lean graphics items for the plots, painted by Qt's C++ code rather than pyqtgraph's Python.

Profiling a full update showed pyqtgraph's generic items spending more time in Python per
paint than the pixels cost: ``ImageItem`` converts float data through a non-premultiplied
ARGB image on every paint, ``ScatterPlotItem`` and ``InfiniteLine`` recompute view-dependent
bounds, each ``TextItem`` lays out its text and moves on every edit. These items do one thing
each: an RGB32 image mapped once per data change, paths with cosmetic pens, curves, bars, the
values above bars, dots of a fixed pixel size; and the crosshair, which the plots' views paint
over their scenes. The axis is pyqtgraph's, without its redundant label re-layouts.
"""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsObject,
    QGraphicsPathItem,
    QGraphicsWidget,
    QStyleOptionGraphicsItem,
    QWidget,
)

from model.surfaces import on_grid

# pyqtgraph's GraphicsWidget and its widget items work out in Python the rectangle that
# QGraphicsWidget's C++ boundingRect returns (the widget's own rect: no window frame, no
# transform), and Qt asks every item for it on each repaint, a drag's small ones included
# (~1 us a call through Python, ~0.1 us in C++). The widget items LossLab subclasses take Qt's.
QT_BOUNDS = QGraphicsWidget.boundingRect


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
        self._shown: tuple[object, ...] | None = None  # set_data's arguments, for set_lut

    def set_lut(self, lut: NDArray[np.uint32]) -> None:
        """A new colour table (another profile's), the data shown again through it."""
        self._lut = lut
        if self._shown is not None:
            self.set_data(*self._shown)  # type: ignore[arg-type]

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
        self._shown = (values, levels, rect, profile)
        ny, nx = values.shape
        pixels: NDArray[np.uint32]
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


def chord_points(px: NDArray[np.float64], py: NDArray[np.float64], tol: float) -> NDArray[np.bool_]:
    """Which points of a polyline (device pixels, evenly spaced in its parameter) to draw so
    that no dropped point lies more than about ``tol`` pixels from the chord drawn instead."""
    bend = np.zeros(len(px))
    bend[1:-1] = np.hypot(px[:-2] - 2.0 * px[1:-1] + px[2:], py[:-2] - 2.0 * py[1:-1] + py[2:])
    return straight_runs(bend, tol)


def straight_runs(bend: NDArray[np.float64], tol: float) -> NDArray[np.bool_]:
    """The points to keep, given each point's second difference (``bend``, pixels; 0 at ends).

    A chord across m steps of a curve whose second differences are at most D stays within
    m² D / 8 of it. Aligned runs of 2, 4, 8, ... steps are merged where that bound is within
    ``tol``. A run's worst bend is at least that of either half, and its bound's limit is a
    quarter of theirs, so a merged run's halves merge too: a point is dropped exactly when the
    smallest aligned run it lies inside merges. For point i, whose lowest set bit is h, that
    is the run from i - h to i + h. All of them are measured by one ``reduceat``. Kinks and
    both ends are kept."""
    n = len(bend)
    keep = np.ones(n, dtype=bool)
    inner, bounds, limit = _runs(n, tol)
    if len(inner):
        # One extra element: reduceat takes each run's end as an index, and the last may be n.
        worst = np.maximum.reduceat(np.append(bend, 0.0), bounds)[::2]
        keep[inner[worst <= limit]] = False  # NaN compares False: kept
    return keep


@functools.lru_cache(maxsize=16)
def _runs(n: int, tol: float) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]:
    """For an n-point line: the points inside a whole aligned run; each one's run, from i - h
    to i + h where h is i's lowest set bit, as interleaved [start, end) pairs for ``reduceat``;
    and the worst bend at which the run is straight to within ``tol``."""
    i = np.arange(1, max(n - 1, 1))
    h = i & -i
    whole = i + h <= n - 1
    inner, h = i[whole], h[whole]
    bounds = np.empty(2 * len(inner), dtype=np.intp)
    bounds[0::2] = inner - h
    bounds[1::2] = inner + h + 1
    m = 2.0 * h  # steps in the run
    limit = tol * 8.0 / (m * m)
    for shared in (inner, bounds, limit):  # every caller's
        shared.flags.writeable = False
    return inner, bounds, limit


def stroke_pieces(
    x: NDArray[np.float64], y: NDArray[np.float64], scale: tuple[float, float], length: float
) -> list[tuple[NDArray[np.float64], NDArray[np.float64], float]]:
    """A polyline cut into consecutive runs about ``length`` device pixels long (a longer
    segment is cut too), each with where it starts along the line, in device pixels.

    Qt strokes a wide antialiased pen by filling the stroke's outline with its gray rasterizer,
    which keeps each pixel row's cells in a list it searches from the start for every new
    cell: a stroke running along a row for L pixels costs ~L², which the flat stretches of these
    curves make felt on a 4K screen. Runs this short keep the lists short; where they meet,
    both square caps cover the joint."""
    seg = np.hypot(np.diff(x) * scale[0], np.diff(y) * scale[1])
    along = np.cumsum(seg)  # along[i]: the length up to point i + 1
    total = float(along[-1]) if len(along) else 0.0
    if not math.isfinite(total):  # a point off the plane: its segments have no length
        seg = np.nan_to_num(seg, nan=0.0, posinf=0.0, neginf=0.0)
        along = np.cumsum(seg)
        total = float(along[-1])
    if total <= length:
        return [(x, y, 0.0)]
    if seg.max() > length:  # long chords: points along them, where they are cut
        parts = np.maximum(np.ceil(seg / length), 1.0).astype(np.intp)
        first = np.repeat(np.arange(len(seg)), parts)
        frac = (np.arange(len(first)) - np.repeat(np.cumsum(parts) - parts, parts)) / parts[first]
        x = np.append(x[first] + frac * (x[first + 1] - x[first]), x[-1])
        y = np.append(y[first] + frac * (y[first + 1] - y[first]), y[-1])
        along = np.cumsum((seg / parts)[first])
    # (A few dozen indices: plain Python from here costs less than more numpy calls.)
    last = len(x) - 1
    ends = [0]
    for cut in (np.searchsorted(along, np.arange(length, total, length)) + 1).tolist():
        if ends[-1] < cut < last:
            ends.append(cut)
    ends.append(last)
    starts = [0.0, *along[[a - 1 for a in ends[1:-1]]].tolist()]
    return [
        (x[a : b + 1], y[a : b + 1], start)
        for (a, b), start in zip(itertools.pairwise(ends), starts, strict=True)
    ]


def pixel_size(item: pg.GraphicsObject) -> tuple[float, float] | None:
    """One view pixel along x and along y, in the item's units (None: not in a view yet)."""
    px, py = item.pixelVectors()
    if px is None or py is None:
        return None
    return math.hypot(px.x(), px.y()), math.hypot(py.x(), py.y())


class ViewPixel(pg.GraphicsObject):
    """An item of a view box that knows the view's pixel size in item units, measured
    once per change of the view's transform, and keeps bounds that reach some pixels past its
    data: ``_fit_bounds`` works them out again when the data or the view's scale changes.
    (pyqtgraph's pixelVectors derives the device transform again on each call, and every edit
    asked it several times per item.)"""

    _pixel: tuple[float, float] | None = None
    _rect = QRectF()  # the bounds (each item sets its own, through _set_bounds)

    def view_pixel(self) -> tuple[float, float] | None:
        """One view pixel along x and along y, in the item's units (None: not in a view)."""
        if self._pixel is None:
            self._pixel = pixel_size(self)
        return self._pixel

    def viewTransformChanged(self) -> None:
        self._pixel = None
        super().viewTransformChanged()
        self._fit_bounds()

    def _fit_bounds(self) -> None:
        """The bounds at the view's current pixel size (each item's own: see _set_bounds)."""

    def _set_bounds(self, rect: QRectF) -> None:
        """Keep ``rect`` as the bounds, the scene told first when they change."""
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect

    def boundingRect(self) -> QRectF:
        return self._rect


class CurveItem(ViewPixel):
    """A curve drawn by Qt's native stroker, antialiased, in a cosmetic pen.

    Qt's QGraphicsPathItem finds its bounds by stroking the whole path a second time, as if the
    pen's pixels were data units; pyqtgraph's PlotCurveItem computes them lazily during paint
    and so schedules a second repaint after every change. Here the bounds are the data's,
    widened by the pen's reach in pixels, measured again when the view's scale changes
    (pyqtgraph's viewTransformChanged). Painting strokes only the points that the chords
    between them would not already draw to within a twentieth of a device pixel: stroking
    costs per point, and hundreds of evenly spaced points are mostly straight runs; and it
    strokes them in short pieces (``stroke_pieces``), whose cost grows with length, not its
    square."""

    TOLERANCE = 0.05  # device pixels
    PIECE = 256.0  # device pixels of line per stroke (see stroke_pieces)

    def __init__(self, pen: QPen) -> None:
        super().__init__()
        self._pen = QPen(pen)
        self.x = np.zeros(0)
        self.y = np.zeros(0)
        self._data_rect = QRectF()
        # The view scale drawn at, and the pieces stroked: each an open polygon and its pen
        # (a dashed pen's pattern continues from the piece before).
        self._drawn: tuple[tuple[float, float], list[tuple[QPolygonF, QPen]]] | None = None
        self._bends = (np.zeros(0), np.zeros(0))
        # What pyqtgraph's legend reads to draw a sample (LegendItem's ItemSample).
        self.opts = {"pen": self._pen, "antialias": True}

    def pen(self) -> QPen:
        return QPen(self._pen)

    def setPen(self, pen: QPen) -> None:
        self.prepareGeometryChange()  # the bounds hold the pen's reach
        self._pen = QPen(pen)
        self.opts["pen"] = self._pen
        self._drawn = None
        if len(self.x):
            self.set_curve(self.x, self.y)
        self.update()

    def set_curve(self, x: NDArray[np.float64], y: NDArray[np.float64]) -> None:
        self.x, self.y = x, y  # what is drawn, for readers such as tests and CSV export
        self._drawn = None
        # Second differences in data units: at paint, scaled to pixels, they say what to thin.
        self._bends = (x[:-2] - 2.0 * x[1:-1] + x[2:], y[:-2] - 2.0 * y[1:-1] + y[2:])
        if len(x):
            x0, x1, y0, y1 = float(x.min()), float(x.max()), float(y.min()), float(y.max())
            self._data_rect = QRectF(x0, y0, x1 - x0, y1 - y0)
        else:
            self._data_rect = QRectF()
        self._fit_bounds()

    def _fit_bounds(self) -> None:
        """The data's rectangle, widened on each side by the pen's reach and two pixels for the
        antialiased edge, converted to data units at the view's current scale. The reach is a
        whole pen width, not half: at a sharp bend a join reaches past half the width (seen as
        one pixel outside at a 3× zoom)."""
        reach = self._pen.widthF() + 2.0
        pixel = self.view_pixel()
        if not len(self.x) or pixel is None:  # nothing drawn, or not in a view yet
            rect = QRectF(self._data_rect)
        else:
            dx, dy = reach * pixel[0], reach * pixel[1]
            rect = self._data_rect.adjusted(-dx, -dy, dx, dy)
        self._set_bounds(rect)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if len(self.x) < 2:
            return
        t = painter.combinedTransform()  # item units to device pixels, the pixel ratio included
        scale = (t.m11(), t.m22())  # the views neither rotate nor shear
        if self._drawn is None or self._drawn[0] != scale:
            bend = np.zeros(len(self.x))
            bend[1:-1] = np.hypot(self._bends[0] * scale[0], self._bends[1] * scale[1])
            keep = straight_runs(bend, self.TOLERANCE)
            dashed = self._pen.style() not in (Qt.PenStyle.SolidLine, Qt.PenStyle.NoPen)
            width = max(self._pen.widthF(), 1.0)
            strokes = []
            for x, y, start in stroke_pieces(self.x[keep], self.y[keep], scale, self.PIECE):
                pen = self._pen
                if dashed:  # the pattern is in pen widths; this piece starts ``start`` along
                    pen = QPen(self._pen)
                    pen.setDashOffset(self._pen.dashOffset() + start / width)
                strokes.append((pg.functions.arrayToQPolygonF(x, y), pen))
            self._drawn = (scale, strokes)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for line, pen in self._drawn[1]:
            painter.setPen(pen)
            painter.drawPolyline(line)


class Bars(ViewPixel):
    """Bars of one colour, each from 0 to its height, without outline, filled by one Qt call.

    pyqtgraph's BarGraphItem does this too, but each ``setOpts`` normalises its coordinates,
    colours and picture again, and its ``boundingRect`` measures the view's pixel size on each
    of the ~16 calls Qt makes per repaint: its four sets took more of an overview update than
    any other item but the curves. These keep BarGraphItem's ``opts`` keys for what they draw
    (``x``, ``height``, ``width``, ``brush``, ``name``) and are named in a legend whose sample
    is ``LegendSample`` (a square in the brush, as pyqtgraph draws a bar set's)."""

    def __init__(self, colour: str, width: float, name: str) -> None:
        super().__init__()
        self.opts: dict[str, object] = {
            "x": np.zeros(0),
            "height": np.zeros(0),
            "width": width,
            "brush": QBrush(QColor(colour)),
            "pen": QPen(Qt.PenStyle.NoPen),  # what a legend's sample strokes: nothing
            "name": name,
        }
        self._rects: list[QRectF] = []
        self._data_rect = QRectF()

    def name(self) -> str:
        return str(self.opts["name"])

    def implements(self, interface: str | None = None) -> bool | list[str]:
        """pyqtgraph's duck typing: a data item, which a plot names in its legend."""
        return ["plotData"] if interface is None else interface == "plotData"

    def setOpts(
        self,
        x: NDArray[np.float64] | None = None,
        height: NDArray[np.float64] | None = None,
        brush: str | None = None,
    ) -> None:
        """New bar centres and heights (both, as BarGraphItem takes them), or a new colour."""
        if brush is not None:
            self.opts["brush"] = QBrush(QColor(brush))
            self.update()
        if x is None or height is None:
            return
        x, height = np.asarray(x, dtype=float), np.asarray(height, dtype=float)
        self.opts["x"], self.opts["height"] = x, height
        half = float(self.opts["width"]) / 2.0  # type: ignore[arg-type]
        xs, hs = x.tolist(), height.tolist()  # (a few bars: Python's min and max cost less)
        self._rects = [
            QRectF(c - half, min(h, 0.0), 2.0 * half, abs(h)) for c, h in zip(xs, hs, strict=True)
        ]
        if xs:
            left, right = min(xs) - half, max(xs) + half
            lo, hi = min(min(hs), 0.0), max(max(hs), 0.0)
            self._data_rect = QRectF(left, lo, right - left, hi - lo)
        else:
            self._data_rect = QRectF()
        self._fit_bounds()
        self.update()
        self.informViewBoundsChanged()

    def dataBounds(
        self, ax: int, frac: float = 1.0, orthoRange: object = None
    ) -> tuple[float | None, float | None]:
        """The bars' extent along x (``ax`` 0) or y, for a view box that auto-ranges."""
        if not self._rects:
            return None, None
        r = self._data_rect
        return (r.left(), r.right()) if ax == 0 else (r.top(), r.bottom())

    def _fit_bounds(self) -> None:
        """The data's rectangle and a pixel more each side (an edge's partly covered pixel)."""
        pixel = self.view_pixel()
        rect = QRectF(self._data_rect)
        if pixel is not None and not rect.isNull():
            rect.adjust(-pixel[0], -pixel[1], pixel[0], pixel[1])
        self._set_bounds(rect)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self._rects:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.opts["brush"])
            painter.drawRects(self._rects)


class LegendSample(pg.ItemSample):
    """A legend entry's sample: pyqtgraph's, and for ``Bars`` the filled square it draws for
    a BarGraphItem (which it recognises by class)."""

    boundingRect = QT_BOUNDS  # ItemSample's is its fixed 20 × 20 px, in Python

    def paint(self, p: QPainter, *args: object) -> None:
        if isinstance(self.item, Bars) and self.item.isVisible():
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self.item.opts["brush"])
            p.drawRect(QRectF(2, 2, 18, 18))
            return
        super().paint(p, *args)


class ValueLabels(ViewPixel):
    """Short texts, each centred just above (or below) a point of the data, in a fixed pixel
    size: what pyqtgraph's TextItem draws (its text document's 4-pixel margin included), as one
    item.

    Ten TextItems cost a text layout, a move and a transform each per edit; here an edit is a
    list of strings, measured once, and one paint. Each text is drawn as a QStaticText kept
    while it is shown: a text that stays (a curve's name) is laid out once, not per paint."""

    MARGIN = 4.0  # px, QGraphicsTextItem's document margin

    def __init__(self, colour: str, font: QFont | None = None) -> None:
        super().__init__()
        self._colour = QColor(colour)
        self._font = QFont(font) if font is not None else QFont()
        self._metrics = QFontMetricsF(self._font)
        self.labels: list[tuple[float, float, str]] = []  # (x, y, text): what is set
        self._looks: list[tuple[QColor, bool]] = []  # each label's colour, and below its point
        self._widths: list[float] = []
        self._priority: list[int] | None = None
        self._drawn: list[int] = []  # the labels drawn: all, or those clear of each other
        self._shifts: list[float] = []  # px each label moves sideways to stay in the view
        self._texts: dict[str, tuple[QStaticText, float]] = {}  # shown: laid out and measured
        self._colours: dict[str, QColor] = {}

    def font(self) -> QFont:
        return QFont(self._font)

    def text_height(self) -> float:
        """A label's height in pixels, its margins included."""
        return self._metrics.height() + 2.0 * self.MARGIN

    def set_style(self, colour: str, font: QFont) -> None:
        self._colour = QColor(colour)
        self._font = QFont(font)
        self._metrics = QFontMetricsF(self._font)
        self._texts = {}  # measured in the old font
        labels, self.labels = self.labels, []
        self.set_labels(labels, priority=self._priority)  # which fit may change with the font
        self.update()

    @property
    def shown(self) -> list[tuple[float, float, str]]:
        """The labels drawn, (x, y, text) each: all that are set, or with a priority, those
        that keep clear of each other at the view's present scale."""
        return [self.labels[i] for i in self._drawn]

    def text_rects(self) -> list[tuple[str, QRectF]]:
        """Each drawn label's text and the box its glyphs are laid out in, in scene pixels
        (a view's own pixels: pyqtgraph's views do not scale their scene)."""
        height = self._metrics.height()
        out = []
        for i in self._drawn:
            (x, y, text), width, (_c, below) = self.labels[i], self._widths[i], self._looks[i]
            at = self.mapToScene(QPointF(x, y))
            top = at.y() + self.MARGIN if below else at.y() - self.MARGIN - height
            out.append((text, QRectF(at.x() - width / 2.0 + self._shifts[i], top, width, height)))
        return out

    def set_labels(
        self,
        labels: list[tuple[float, float, str]],
        looks: list[tuple[str, bool]] | None = None,
        pixel: tuple[float, float] | None = None,
        priority: list[int] | None = None,
    ) -> None:
        """``looks``: each label's colour and whether it goes below its point (default: the
        item's colour, above); ``pixel``: the view's pixel size if the caller has it.
        ``priority``: where labels would run into each other, the order in which they are
        kept, each drawn only if its text keeps a margin clear of every one kept before it
        (worked out again whenever the view's scale changes). None draws every label."""
        new_looks = (
            [(self._qcolour(c), below) for c, below in looks]
            if looks is not None
            else [(self._colour, False)] * len(labels)
        )
        if labels == self.labels and new_looks == self._looks and priority == self._priority:
            return
        self.labels = list(labels)
        self._looks = new_looks
        self._priority = list(priority) if priority is not None else None
        old, self._texts = self._texts, {}
        for _x, _y, text in labels:
            if text not in self._texts:
                kept = old.get(text)
                self._texts[text] = kept or (
                    _static_text(text),
                    self._metrics.horizontalAdvance(text),
                )
        self._widths = [self._texts[text][1] for _x, _y, text in labels]
        self._fit_bounds(pixel)
        self.update()

    def _qcolour(self, name: str) -> QColor:
        colour = self._colours.get(name)
        if colour is None:
            colour = self._colours[name] = QColor(name)
        return colour

    def _text_boxes(self, dx: float, dy: float) -> list[tuple[float, float, float, float]]:
        """Each text's box in view pixels (left, top, right, bottom, from the item's origin),
        and in ``_shifts`` how far it moved sideways to stay inside the view's x range: the
        view clips its items, and a label centred on the first of ten narrow bars reached past
        the plot's left edge. (No move for a text wider than the view.)"""
        low, high = -math.inf, math.inf
        view = self.getViewBox()
        if isinstance(view, pg.ViewBox):
            shown = view.viewRect()
            low, high = shown.left() / dx + 1.0, shown.right() / dx - 1.0  # a pixel clear
        height, margin = self._metrics.height(), self.MARGIN
        boxes, shifts = [], []
        for (x, y, _text), width, (_c, below) in zip(
            self.labels, self._widths, self._looks, strict=True
        ):
            left = x / dx - width / 2.0
            shift = 0.0
            if high - low >= width:
                shift = max(low - left, 0.0) + min(high - left - width, 0.0)
            left += shift
            py = -y / dy  # the view's y grows downwards
            top = py + margin if below else py - margin - height
            boxes.append((left, top, left + width, top + height))
            shifts.append(shift)
        self._shifts = shifts
        return boxes

    def _clear_of_each_other(self, boxes: list[tuple[float, float, float, float]]) -> list[int]:
        """The labels kept in priority order, each clear of those kept before it."""
        assert self._priority is not None
        kept: list[int] = []
        taken: list[tuple[float, float, float, float]] = []
        gap = self.MARGIN
        for i in self._priority:
            left, top, right, bottom = box = boxes[i]
            for other_left, other_top, other_right, other_bottom in taken:
                if (
                    left < other_right + gap
                    and other_left < right + gap
                    and top < other_bottom
                    and other_top < bottom
                ):
                    break  # it would run into a label kept before it
            else:
                kept.append(i)
                taken.append(box)
        return sorted(kept)

    def _fit_bounds(self, pixel: tuple[float, float] | None = None) -> None:
        pixel = pixel if pixel is not None else self.view_pixel()
        self._drawn = list(range(len(self.labels)))
        self._shifts = [0.0] * len(self.labels)
        rect = QRectF()
        if pixel is not None and self.labels:
            dx, dy = pixel
            boxes = self._text_boxes(dx, dy)
            if self._priority is not None:
                self._drawn = self._clear_of_each_other(boxes)
            if self._drawn:
                # The texts' boxes, what a text item's margin would hold and a pixel more, two
                # more under a label below its point (as its text item's box reaches).
                drawn, reach = self._drawn, self.MARGIN + 1.0
                left = min(boxes[i][0] for i in drawn) - reach
                top = min(boxes[i][1] for i in drawn) - reach
                right = max(boxes[i][2] for i in drawn) + reach
                bottom = max(boxes[i][3] + 2.0 * self._looks[i][1] for i in drawn) + reach
                rect = QRectF(left * dx, -bottom * dy, (right - left) * dx, (bottom - top) * dy)
        self._set_bounds(rect)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if not self.labels:
            return
        to_view = painter.worldTransform()  # data to the view's pixels
        height = self._metrics.height()
        painter.save()
        painter.resetTransform()
        painter.setFont(self._font)
        for i in self._drawn:
            (x, y, text), width, (colour, below) = self.labels[i], self._widths[i], self._looks[i]
            painter.setPen(colour)
            at = to_view.map(QPointF(x, y))
            # The line's box ends a margin above the point, as a TextItem anchored (0.5, 1).
            top = at.y() + self.MARGIN if below else at.y() - self.MARGIN - height
            left = at.x() - width / 2.0 + self._shifts[i]
            painter.drawStaticText(QPointF(left, top), self._texts[text][0])
        painter.restore()


def _static_text(text: str) -> QStaticText:
    static = QStaticText(text)
    static.setTextFormat(Qt.TextFormat.PlainText)  # "<" in a value is no markup
    return static


class Dots(ViewPixel):
    """Filled, outlined dots of a fixed pixel size at points of the data, one colour each: what
    pyqtgraph's ScatterPlotItem draws from its symbol atlas, without the per-edit records, view
    masks and bounds it computes in Python on every change and paint."""

    def __init__(self, colours: list[str], size: float = 13.0, outline: float = 1.5) -> None:
        super().__init__()
        self._colours = [QColor(c) for c in colours]
        self._size, self._outline = size, outline
        self._edge = QColor("#000000")
        self._pixmaps: dict[float, list[QPixmap]] = {}  # per device pixel ratio, drawn once
        self.points: list[tuple[float, float]] = []  # (x, y) per colour: what is drawn

    def set_points(self, points: list[tuple[float, float]]) -> None:
        if points == self.points:
            return
        self.points = list(points)
        self._fit_bounds()
        self.update()

    def set_colours(self, colours: list[str], edge: str = "#000000") -> None:
        self._colours = [QColor(c) for c in colours]
        self._edge = QColor(edge)
        self._pixmaps.clear()
        self.update()

    def _fit_bounds(self) -> None:
        pixel = self.view_pixel()
        rect = QRectF()
        if pixel is not None and self.points:
            reach = self._size / 2.0 + self._outline + 1.0
            dx, dy = reach * pixel[0], reach * pixel[1]
            xs, ys = [x for x, _y in self.points], [y for _x, y in self.points]
            rect = QRectF(QPointF(min(xs) - dx, min(ys) - dy), QPointF(max(xs) + dx, max(ys) + dy))
        self._set_bounds(rect)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        to_view = painter.worldTransform()
        raster = painter.paintEngine().type() == QPaintEngine.Type.Raster
        ratio = painter.device().devicePixelRatioF()
        painter.save()
        painter.resetTransform()
        for (x, y), colour, pixmap in zip(
            self.points, self._colours, self._dots(ratio), strict=False
        ):
            at = to_view.map(QPointF(x, y))
            if raster:  # at whole device pixels, as the symbol atlas's fragments land
                half = pixmap.width() / ratio / 2.0
                left = math.floor((at.x() - half) * ratio + 0.5) / ratio  # Qt rounds half up
                top = math.floor((at.y() - half) * ratio + 0.5) / ratio
                painter.drawPixmap(QPointF(left, top), pixmap)
            else:  # a vector device (an SVG export): vector dots
                self._draw(painter, at, colour)
        painter.restore()

    def _dots(self, ratio: float) -> list[QPixmap]:
        dots = self._pixmaps.get(ratio)
        if dots is None:
            side = math.ceil(ratio * (self._size + max(math.ceil(self._outline), 1)))
            dots = []
            for colour in self._colours:
                dot = QPixmap(side, side)
                dot.setDevicePixelRatio(ratio)
                dot.fill(Qt.GlobalColor.transparent)
                p = QPainter(dot)
                self._draw(p, QPointF(side / ratio / 2.0, side / ratio / 2.0), colour)
                p.end()
                dots.append(dot)
            self._pixmaps[ratio] = dots
        return dots

    def _draw(self, painter: QPainter, centre: QPointF, colour: QColor) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(cosmetic_pen(self._edge.name(), self._outline))
        painter.setBrush(QBrush(colour))
        painter.drawEllipse(centre, self._size / 2.0, self._size / 2.0)


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

    def set_colours(self, colour: str, halo: str) -> None:
        self._colour, self._halo = QColor(colour), QColor(halo)
        self._dots.clear()

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
        # At whole device pixels: a line's edge then never falls on a half pixel, which a
        # full repaint and a partial one rounded to different sides (a stale column).
        ratio = painter.device().devicePixelRatioF()
        x, y = (round(v * ratio) / ratio for v in at)
        painter.save()
        painter.resetTransform()
        painter.setClipRect(area, _INTERSECT)
        for colour, width in ((self._halo, self.HALO), (self._colour, self.LINE)):
            painter.fillRect(QRectF(x - width / 2, area.top(), width, area.height()), colour)
            painter.fillRect(QRectF(area.left(), y - width / 2, area.width(), width), colour)
        if painter.paintEngine().type() == QPaintEngine.Type.Raster:
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
        painter.setPen(cosmetic_pen(self._halo.name(), 1.5))
        painter.setBrush(QBrush(self._colour))
        painter.drawEllipse(centre, self.DOT / 2, self.DOT / 2)


_INTERSECT = Qt.ClipOperation.IntersectClip
