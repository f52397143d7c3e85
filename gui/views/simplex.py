"""The probability simplex, the article's first argument: CE and MSE over the triangle of
predictions, side by side, with the article's A and B and the current prediction.

The view draws what model.simplex computes and never evaluates a loss: ``show(display)`` sets
the fields, contours and labels (only when the display changes), ``show_point(point)`` moves
the current prediction's markers and nothing else, ``show_hover(values)`` writes the read-out.

Signals:
- ``picked(b, phase)``: ``b`` = (b_top, b_left, b_right), the triangle coordinates under the
  mouse as a tuple of three floats (they sum to 1; during a drag they may leave the triangle,
  and model.simplex.logits_at projects them back); ``phase`` is "click", "start", "move" or
  "end", so that a drag can be one undo entry. A click or a drag that starts off the triangle
  picks nothing.
- ``hovered(b)``: the same coordinates while the mouse moves over a plot, None when it leaves.
"""

from __future__ import annotations

import html
import math
import re

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QImage,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
    QTransform,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsRectItem,
    QGraphicsView,
    QLabel,
    QSizePolicy,
    QStyleOptionGraphicsItem,
    QVBoxLayout,
    QWidget,
)

from gui import theme
from gui.a11y import arrow_steps
from gui.i18n import tr, unit_name
from gui.plot_fit import keep_whole
from gui.views.fast_items import PolylineItem, cosmetic_pen, lut_rgb32
from gui.views.focus_ring import paint_focus_ring
from gui.views.lean_plot import LeanPlot
from model.contours import Polyline
from model.formatting import fmt, short
from model.simplex import HoverValues, Marker, SimplexDisplay, SimplexPoint, barycentric_of

KINDS = ("ce", "mse")
OBJECT_NAMES = {"ce": "simplexCePlot", "mse": "simplexMsePlot"}
GRID_COLOUR = (255, 255, 255, 38)  # faint, over the colour map
LABELLED_TICKS = (0.2, 0.4, 0.6, 0.8)
PICK_TOLERANCE = 0.02  # how far off the triangle (in its coordinates) a click still picks
TICK_SMALLER_PX = 2  # tick labels: this much smaller than the plot font
TICK_PX = 7.0  # an edge tick's length
LABEL_PX = 10.0  # from the edge to a tick label (and a bold value)
# From an edge's middle to the name of the coordinate it reads, and from a bottom corner down
# to the top of its class name: in units of the plot font's pixel size (at 15 px: 40 and 30),
# so that a larger font moves them clear of the tick labels.
CAPTION_FONTS = 2.7
BOTTOM_NAME_FONTS = 2.0
# A's and B's callouts are their letters alone where with their values the triangle would be
# narrower than this share of the plot's smaller side (it is 0.8–0.9 from 1280×720 up).
LETTERS_BELOW = 0.5
SIDE_CAPTION_LOW = 0.25  # there, the side edges' captions this far up their edges, not half


def _caption_px() -> float:
    return CAPTION_FONTS * theme.font_px()


def _bottom_name_px() -> float:
    return BOTTOM_NAME_FONTS * theme.font_px()


_SUBSCRIPT = re.compile(r"\b([sy])_([a-z])\b")  # s_p, y_k: written with subscripts
NAME_CHARS = 12  # a class name on the triangles, at most (the readout below has it whole)


def short_name(name: str) -> str:
    """A class name as the triangles write it: up to 12 characters, a longer one shortened in
    the middle ("01 xxx…xxxxx"), keeping how it starts and ends. Forty characters at a corner
    ran past the plot's edge."""
    if len(name) <= NAME_CHARS:
        return name
    head = (NAME_CHARS - 1) // 2
    return name[:head] + "…" + name[-(NAME_CHARS - 1 - head) :]


class TriangleImage(QGraphicsObject):
    """A float image through a colour table with fixed limits; NaN pixels are transparent (the
    image is the triangle's bounding box, the field only the triangle)."""

    def __init__(self, lut: NDArray[np.uint32]) -> None:
        super().__init__()
        self._lut = lut
        self._size = (1, 1)
        self._pixels = np.zeros((1, 1), dtype=np.uint32)
        self._image = QImage()
        self._clip = QPainterPath()

    def set_data(
        self, values: NDArray[np.float64], levels: tuple[float, float], rect: QRectF
    ) -> None:
        ny, nx = values.shape
        lo, hi = levels
        finite = np.isfinite(values)
        scaled = np.where(finite, values, lo)
        index = np.clip((scaled - lo) * (255.0 / (hi - lo)), 0.0, 255.0).astype(np.uint8)
        self._pixels = np.ascontiguousarray(np.where(finite, self._lut[index], np.uint32(0)))
        # Opaque colours and fully transparent outside: already premultiplied.
        self._image = QImage(
            self._pixels.data, nx, ny, 4 * nx, QImage.Format.Format_ARGB32_Premultiplied
        )
        self.prepareGeometryChange()
        self._size = (nx, ny)
        transform = QTransform.fromTranslate(rect.left(), rect.top()).scale(
            rect.width() / nx, rect.height() / ny
        )
        self.setTransform(transform)
        # The triangle in image pixels: the colours stop at its edges at any zoom (the image's
        # edge pixels are coloured a pixel beyond them, so that no gap shows).
        to_pixels = transform.inverted()[0]
        triangle = QPolygonF([to_pixels.map(QPointF(x, y)) for x, y in _CORNERS])
        self._clip = QPainterPath()
        self._clip.addPolygon(triangle)
        self._clip.closeSubpath()
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, *self._size)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if not self._image.isNull():
            painter.save()
            painter.setClipPath(self._clip, Qt.ClipOperation.IntersectClip)
            painter.drawImage(QRectF(0, 0, *self._size), self._image)
            painter.restore()


_CORNERS = ((0.0, 0.0), (1.0, 0.0), (0.5, math.sqrt(3) / 2))  # bottom-left, -right, top
_EDGE_MIDS = ((0.25, math.sqrt(3) / 4), (0.5, 0.0), (0.75, math.sqrt(3) / 4))  # left, bottom, right
_EDGE_NORMALS = ((-math.sqrt(3) / 2, 0.5), (0.0, -1.0), (math.sqrt(3) / 2, 0.5))  # outwards


def _dot(colour: str, size: float, square: bool = False) -> QGraphicsItem:
    """A marker of fixed pixel size at a data point (it ignores the view's scaling), painted
    by Qt itself."""
    item = (QGraphicsRectItem if square else QGraphicsEllipseItem)(-size / 2, -size / 2, size, size)
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
    item.setZValue(20)
    _colour_dot(item, colour, theme.current().contour_halo)
    return item


def _colour_dot(item: QGraphicsItem, colour: str, edge: str) -> None:
    assert isinstance(item, (QGraphicsRectItem, QGraphicsEllipseItem))
    item.setPen(cosmetic_pen(edge, 1.5))
    item.setBrush(QBrush(QColor(colour)))


class TriangleBox(pg.ViewBox):
    """A view box of fixed aspect ratio 1 (the triangle stays equilateral) where clicking or
    dragging picks a point instead of panning; the wheel does nothing."""

    picked = Signal(float, float, str)  # x, y, phase: "click", "start", "move", "end"

    def __init__(self) -> None:
        super().__init__(enableMenu=False)
        self.setMouseEnabled(False, False)
        self.setAspectLocked(True, ratio=1.0)
        self._dragging = False

    def _emit(self, ev: object, phase: str) -> None:
        p = self.mapSceneToView(ev.scenePos())  # type: ignore[attr-defined]
        self.picked.emit(float(p.x()), float(p.y()), phase)

    def mouseClickEvent(self, ev: object) -> None:
        if ev.button() == Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            ev.accept()  # type: ignore[attr-defined]
            self._emit(ev, "click")

    def mouseDragEvent(self, ev: object, axis: int | None = None) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            ev.ignore()  # type: ignore[attr-defined]
            return
        ev.accept()  # type: ignore[attr-defined]
        if ev.isStart():  # type: ignore[attr-defined]
            # pyqtgraph starts a drag where the button went down, not where the move is
            p = self.mapSceneToView(ev.buttonDownScenePos())  # type: ignore[attr-defined]
            self.picked.emit(float(p.x()), float(p.y()), "start")
            self._emit(ev, "move")
        elif ev.isFinish():  # type: ignore[attr-defined]
            self._emit(ev, "end")
        else:
            self._emit(ev, "move")

    def wheelEvent(self, ev: object, axis: int | None = None) -> None:
        ev.ignore()  # type: ignore[attr-defined]  # the triangle stays where it is


def _span(text: str, extra_px: int = 0, bold: bool = False) -> str:
    """Text beside the triangle (on the plot's background), in the current profile."""
    weight = "font-weight:bold;" if bold else ""
    colour, px = theme.colour("axis_text"), theme.text_px(extra_px)
    return f"<span style='color:{colour}; font-size:{px}px; {weight}'>{text}</span>"


def _ends(line: Polyline) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The leftmost and rightmost drawn points of a polyline."""
    x, y = line
    keep = np.isfinite(x)
    if not keep.any():
        return None
    xs, ys = x[keep], y[keep]
    i, j = int(np.argmin(xs)), int(np.argmax(xs))
    return (float(xs[i]), float(ys[i])), (float(xs[j]), float(ys[j]))


class SimplexPlot(pg.GraphicsLayoutWidget):
    """One triangle: the loss as a colour map, contours, grid and ticks, vertex names, the
    bold level sets through A and B, the markers A, B and the current prediction.

    Text keeps its size in pixels while the triangle scales with the plot: every label sits
    at a point of the triangle plus an offset in pixels, and the view's range is the largest
    triangle for which every label stays inside the plot (``_fit_range``)."""

    nudged = Signal(int, int)  # arrow keys: steps right and up

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind
        self.setObjectName(OBJECT_NAMES[kind])
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it; arrows move the point
        self.setMinimumSize(260, 240)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        # Circles, slanted edges and markers: all of it looks jagged without antialiasing.
        self.setAntialiasing(True)
        self.box = TriangleBox()
        self.plot = LeanPlot(self.box)
        self.addItem(self.plot)
        theme.style_plot(self.plot, "", "", "")
        for side in ("left", "bottom"):  # a triangle has no x or y axis: out of the scene
            axis = self.plot.getAxis(side)
            self.plot.layout.removeItem(axis)
            axis.hide()
            self.scene().removeItem(axis)
        self.plot.layout.setColumnSpacing(0, 0)
        self.plot.layout.setRowSpacing(2, 0)
        cmap = pg.colormap.get(theme.LOSS_MAP)
        self.image = TriangleImage(lut_rgb32(cmap))
        self.grid = PolylineItem(cosmetic_pen(GRID_COLOUR, 1.0))
        self.ticks = PolylineItem(QPen())
        self.contours = PolylineItem(QPen())
        self.outline = PolylineItem(QPen())
        self.bold = [PolylineItem(QPen()), PolylineItem(QPen())]
        self.leaders = PolylineItem(QPen())
        # On the MSE triangle, A's and B's shared CE line, dotted: it touches A's circle at A.
        self.ce_guide = PolylineItem(QPen())
        self.paths = {"ce": PolylineItem(QPen()), "mse": PolylineItem(QPen())}
        for item in (self.image, self.grid, self.contours, self.outline, self.ticks):
            self.box.addItem(item, ignoreBounds=True)
        for item in (*self.bold, self.leaders, self.ce_guide, *self.paths.values()):
            item.setZValue(5)
            self.box.addItem(item, ignoreBounds=True)
        self.a_dot = _dot(theme.current().contour, 10)
        self.b_dot = _dot(theme.current().contour, 10, square=True)
        self.point_dot = _dot(theme.current().map_point, 13)
        self.point_dot.setZValue(30)
        self.point_dot.setVisible(False)
        for dot in (self.a_dot, self.b_dot, self.point_dot):
            self.box.addItem(dot, ignoreBounds=True)
        # Text: each at a point of the triangle plus an offset in pixels (y up).
        self._scale = 300.0  # pixels per unit of the triangle, as last fitted
        self._placed: dict[pg.TextItem, tuple[float, float, float, float]] = {}
        self.a_label = self._new_text((0.0, 1.0))
        self.b_label = self._new_text((1.0, 1.0))
        self.vertex_labels = [
            self._new_text((0.5, 1.0)),
            self._new_text((0.5, 0.0)),
            self._new_text((0.5, 0.0)),
        ]
        self.bold_labels = [self._new_text((0.0, 0.5)), self._new_text((1.0, 0.5))]
        # Which coordinate each edge's ticks read, along the edge, beyond its tick labels.
        self.edge_labels = [
            self._new_text((0.5, 0.5), angle=60),
            self._new_text((0.5, 0.5)),
            self._new_text((0.5, 0.5), angle=-60),
        ]  # placed by apply_theme: their distance follows the font
        self.tick_labels: list[pg.TextItem] = []
        self._thinned: set[pg.TextItem] = set()  # tick labels hidden where they would collide
        self._tick_geometry: list[tuple[float, float, float, float]] = []  # edge point, direction
        self._leader_ends: list[tuple[float, float, pg.TextItem]] = []  # marker -> its label
        self._markers: tuple[Marker, Marker] | None = None
        self._letters_only = False  # A's and B's callouts as their letters alone (see _fit_range)
        self.bar = pg.ColorBarItem(values=(0, 1), colorMap=cmap, interactive=False, width=12)
        self.bar.axis.enableAutoSIPrefix(False)
        self.plot.layout.addItem(self.bar, 2, 5)
        self.plot.layout.setColumnFixedWidth(4, 8)
        self._range: tuple[float, float, float, float] | None = None
        self.box.sigResized.connect(lambda _vb: self._fit_range())
        self._shown: SimplexDisplay | None = None
        self._names: tuple[str, str, str] = ("", "", "")
        self._edge_names: tuple[str, str, str] | None = None
        self._tick_texts: dict[pg.TextItem, str] = {}
        self._title = ""
        self._prepared_for: tuple[object, ...] = ()
        self.apply_theme()
        theme.notifier.changed.connect(self.apply_theme)
        keep_whole(self)  # the title and colour bar side by side, in lecture mode's text

    def apply_theme(self) -> None:
        """Every pen, colour and font in the current profile (lecture mode on or off)."""
        p = theme.current()
        theme.restyle_tree(self)
        width = theme.line_width
        self.ticks.setPen(cosmetic_pen(p.axis_text, width(1.0)))
        self.contours.setPen(cosmetic_pen(p.contour, width(1.0)))
        self.outline.setPen(cosmetic_pen(p.axis_text, width(1.5)))
        self.bold[0].setPen(theme.pen(p.contour, 2.6))
        self.bold[1].setPen(theme.pen(p.contour, 2.6, dashed=True))
        self.leaders.setPen(cosmetic_pen(p.zero_line, width(1.0)))
        self.ce_guide.setPen(theme.pen(p.ce, 1.6, dash=(1.0, 2.0)))
        self.paths["ce"].setPen(theme.series_pen("ce", 2.0))
        self.paths["mse"].setPen(theme.series_pen("mse", 2.0))
        for dot in (self.a_dot, self.b_dot):
            _colour_dot(dot, p.contour, p.contour_halo)
        _colour_dot(self.point_dot, p.map_point, p.map_point_halo)
        for label, text in self._tick_texts.items():
            label.setHtml(_span(text, -TICK_SMALLER_PX))
        if self._title:
            self.plot.setTitle(self._title, size=f"{theme.font_px() + 1}px")
        self._place_edge_captions(low=False)
        if self._edge_names is not None:
            self.set_edge_names(self._edge_names)
        if self._shown is not None:
            self.show_display(self._shown, self._names)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = arrow_steps(event)
        if steps is None:
            super().keyPressEvent(event)
            return
        event.accept()
        self.nudged.emit(*steps)

    def paintEvent(self, event: QPaintEvent) -> None:
        # pyqtgraph's GraphicsView.paintEvent has every text item re-derive its transform
        # (Python slots on a signal) on every paint; they need it only after a change of size,
        # layout or range, not when a marker moves (the surfaces view does the same).
        vr = self.box.viewRange()
        key = (self.viewport().size(), self.plot.geometry(), *vr[0], *vr[1])
        if key != self._prepared_for:
            self._prepared_for = key
            self.scene().prepareForPaint()
        QGraphicsView.paintEvent(self, event)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        super().drawForeground(painter, rect)
        paint_focus_ring(self, painter)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()  # the ring drawn or erased, the whole edge

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()  # the ring drawn or erased, the whole edge

    def _new_text(self, anchor: tuple[float, float], angle: float = 0.0) -> pg.TextItem:
        item = pg.TextItem(anchor=anchor, angle=angle)
        item.setZValue(10)
        self.box.addItem(item, ignoreBounds=True)
        return item

    def _place(
        self, item: pg.TextItem, at: tuple[float, float], offset_px: tuple[float, float]
    ) -> None:
        self._placed[item] = (at[0], at[1], offset_px[0], offset_px[1])
        item.setPos(at[0] + offset_px[0] / self._scale, at[1] + offset_px[1] / self._scale)

    def set_title(self, title: str) -> None:
        if title != self._title:
            self._title = title
            self.plot.setTitle(title, size=f"{theme.font_px() + 1}px")

    def show_display(self, d: SimplexDisplay, names: tuple[str, str, str]) -> None:
        panel = d.panels[self.kind]
        x0, x1, y0, y1 = d.extent
        self.image.set_data(panel.image, panel.levels, QRectF(x0, y0, x1 - x0, y1 - y0))
        if tuple(self.bar.levels()) != panel.levels:
            self.bar.setLevels(panel.levels)
        self.contours.set_polyline(*panel.contours)
        self.outline.set_polyline(*d.outline)
        if self._shown is None:  # the grid and the ticks never change
            self.grid.set_polyline(*d.grid)
            self._build_ticks(d)
        self._shown, self._names = d, names
        top, left, right = names
        self.vertex_labels[0].setHtml(_span(top, bold=True))
        self.vertex_labels[1].setHtml(_span(left))
        self.vertex_labels[2].setHtml(_span(right))
        # The bottom corners' names below the bottom edge's tick labels, level with its caption.
        self._place(self.vertex_labels[1], _CORNERS[0], (0.0, -_bottom_name_px()))
        self._place(self.vertex_labels[2], _CORNERS[1], (0.0, -_bottom_name_px()))
        self._show_bold(d, panel.bold, panel.bold_levels)
        self._show_markers(d.a, d.b)
        guide = d.panels["ce"].bold if self.kind == "mse" else ()
        self.ce_guide.setVisible(bool(guide))
        if guide:
            self.ce_guide.set_polyline(*guide[0])
        self._range = None  # the labels' sizes may have changed
        self._fit_range()

    def set_edge_names(self, names: tuple[str, str, str]) -> None:
        """The coordinates the edges' ticks read: s_top on the left edge (up), s_left on the
        bottom (to the left), s_right on the right edge (down)."""
        self._edge_names = names
        left, bottom, right = names
        texts = (f"{left} →", f"← {bottom}", f"{right} →" if right else "")
        for item, text in zip(self.edge_labels, texts, strict=True):
            item.setHtml(_span(text) if text else "")
        self._range = None
        self._fit_range()

    def _build_ticks(self, d: SimplexDisplay) -> None:
        # Where a bold level set meets the edge its value is written instead.
        hidden = {("left", 0.8)} | ({("right", 0.2)} if self.kind == "mse" else set())
        for t in d.ticks:
            self._tick_geometry.append((t.x0, t.y0, t.dx, t.dy))
            value = round(t.value, 6)
            if value not in LABELLED_TICKS or (t.edge, value) in hidden:
                continue
            label = self._new_text(_anchor(t.dx, t.dy))
            label.setZValue(4)
            self._tick_texts[label] = f"{t.value:.1f}"
            label.setHtml(_span(f"{t.value:.1f}", -TICK_SMALLER_PX))
            self._place(label, (t.x0, t.y0), (LABEL_PX * t.dx, LABEL_PX * t.dy))
            self.tick_labels.append(label)

    def _show_bold(
        self, d: SimplexDisplay, lines: tuple[Polyline, ...], levels: tuple[float, ...]
    ) -> None:
        for i, item in enumerate(self.bold):
            item.set_polyline(*(lines[i] if i < len(lines) else (np.empty(0), np.empty(0))))
            item.setVisible(i < len(lines))
        for label in self.bold_labels:
            label.setVisible(False)
        if not lines:
            return
        if self.kind == "ce":  # at the left end of the line s_p = 0.8, as its tick label
            ends = _ends(lines[0])
            if ends is not None:
                label = self.bold_labels[1]
                label.setHtml(_span(short(levels[0]), bold=True))
                self._place(label, ends[0], (-LABEL_PX, 0.0))
                label.setVisible(True)
            return
        # MSE: A's value where its curve meets the right edge, B's where B's meets the left.
        for i, (line, level) in enumerate(zip(lines, levels, strict=True)):
            ends = _ends(line)
            if ends is None:
                continue
            side = 2 if i == 0 else 0  # the right edge's normal, or the left's
            at = ends[1] if i == 0 else ends[0]
            nx, ny = _EDGE_NORMALS[side]
            label = self.bold_labels[0 if i == 0 else 1]
            label.setHtml(_span(short(level), bold=True))
            self._place(label, at, (LABEL_PX * nx, LABEL_PX * ny))
            label.setVisible(True)

    def _show_markers(self, a: Marker | None, b: Marker | None) -> None:
        for dot, label, m in ((self.a_dot, self.a_label, a), (self.b_dot, self.b_label, b)):
            dot.setVisible(m is not None)
            label.setVisible(m is not None)
        self._leader_ends = []
        if a is None or b is None:
            self._markers = None
            self.leaders.set_polyline(np.empty(0), np.empty(0))
            self._place_callouts()
            return
        self.a_dot.setPos(a.x, a.y)
        self.b_dot.setPos(b.x, b.y)
        self._markers = (a, b)
        self._write_callouts(self._letters_only)
        self._leader_ends = [(a.x, a.y, self.a_label), (b.x, b.y, self.b_label)]
        self._place_callouts()

    def _place_edge_captions(self, low: bool) -> None:
        """Each edge's caption out from its middle, or the side edges' lower on their edges
        (``low``), clear of the bold values near the top vertex on a small triangle."""
        for i, (item, mid, normal) in enumerate(
            zip(self.edge_labels, _EDGE_MIDS, _EDGE_NORMALS, strict=True)
        ):
            if low and i != 1:
                base = _CORNERS[0 if i == 0 else 1]
                t = SIDE_CAPTION_LOW
                mid = (base[0] + t * (_CORNERS[2][0] - base[0]), t * _CORNERS[2][1])
            self._place(item, mid, (_caption_px() * normal[0], _caption_px() * normal[1]))

    def _write_callouts(self, letters_only: bool) -> None:
        self._letters_only = letters_only
        if self._markers is not None:
            for label, m in zip((self.a_label, self.b_label), self._markers, strict=True):
                label.setHtml(_marker_html(m, letters_only))

    def _place_callouts(self) -> bool:
        """A's and B's values either side of the top vertex, with leader lines to the markers:
        beside the vertex's name where the plot is wide enough for the three in a row, else
        close either side of the vertex with its name above them (at 1280×720 in lecture mode
        the row was wider than the plot, and the triangle shrank to a third of its width).
        Says whether anything moved."""
        apex = self.vertex_labels[0]
        before = (self._placed.get(apex), self._placed.get(self.a_label))
        name_at = 8.0
        if self._leader_ends:
            apex_half = apex.textItem.boundingRect().width() / 2
            callouts = [label.textItem.boundingRect() for label in (self.a_label, self.b_label)]
            side = max(apex_half + 10.0, 20.0)
            row = 2.0 * (side + max(r.width() for r in callouts) + 6.0)  # 6: _fit_range's pad
            if self.box.width() >= 20 and row > self.box.width():
                side = 10.0
                name_at = 8.0 + max(r.height() for r in callouts) + 4.0
            self._place(self.a_label, _CORNERS[2], (side, 8.0))
            self._place(self.b_label, _CORNERS[2], (-side, 8.0))
        self._place(apex, _CORNERS[2], (0.0, name_at))
        return (self._placed.get(apex), self._placed.get(self.a_label)) != before

    def _fit_range(self) -> None:
        """The largest triangle for which every label stays inside the plot: with a label at
        p + o/s (o its offset in pixels, s the scale in pixels per unit) and pixel extents l,
        r beside it, it needs s (p_i − p_j) + (r_i + o_i) + (l_j − o_j) ≤ the plot's pixels
        for every pair on each axis; the largest such s, the slack shared on both sides."""
        w_px, h_px = self.box.width(), self.box.height()
        if w_px < 20 or h_px < 20:
            return
        if self._letters_only:  # each fit starts from the whole callouts: no flip-flop
            self._write_callouts(False)
            self._place_edge_captions(low=False)
            self._range = None
        if self._place_callouts():  # the plot's new width asks for the other arrangement
            self._range = None
        pad = 6.0  # px around the triangle's corners and the labels

        def fit() -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
            xs = [(c[0], pad, pad) for c in _CORNERS]  # base, extent below, extent above
            ys = [(c[1], pad, pad) for c in _CORNERS]
            for item, (bx, by, ox, oy) in self._placed.items():
                # (A tick label hidden by _thin_tick_labels counts: the scale must not depend
                # on which of them the last fit hid.)
                if not (item.isVisible() or item in self._thinned) or not item.toPlainText():
                    continue
                left, right, up, down = _pixel_extents(item)
                xs.append((bx, left + pad - ox, right + pad + ox))
                ys.append((by, down + pad - oy, up + pad + oy))
            return xs, ys

        def best() -> tuple[
            float, list[tuple[float, float, float]], list[tuple[float, float, float]]
        ]:
            self._place_bottom_caption(low=False)
            xs, ys = fit()
            scale = min(_largest_scale(xs, w_px), _largest_scale(ys, h_px))
            if self._bottom_row_crowded(scale):
                # A row below the corners' names: it needs height, which a crowded row has to
                # spare (the width binds); a smaller scale from it leaves the row as crowded.
                self._place_bottom_caption(low=True)
                xs, ys = fit()
                scale = min(_largest_scale(xs, w_px), _largest_scale(ys, h_px))
            return scale, xs, ys

        scale, xs, ys = best()
        if self._markers is not None and scale < LETTERS_BELOW * min(w_px, h_px):
            # Three lines of values each side of the top vertex left a small plot (1024×768,
            # stacked) a triangle of 60–80 px. Their numbers are on the level lines through A
            # and B and in the sentence under the plots: the letters alone mark the points.
            self._write_callouts(True)
            self._place_callouts()
            self._place_edge_captions(low=True)
            scale, xs, ys = best()
        scale = max(scale, 0.25 * min(w_px, h_px))  # a tiny plot: labels may overlap
        x0 = _centred_start(xs, w_px, scale)
        y0 = _centred_start(ys, h_px, scale)
        rng = (x0, x0 + w_px / scale, y0, y0 + h_px / scale)
        if rng == self._range:
            return
        self._range = rng
        self._scale = scale
        for item, (bx, by, ox, oy) in self._placed.items():
            item.setPos(bx + ox / scale, by + oy / scale)
        self._thin_tick_labels(scale)
        self._draw_ticks_and_leaders(scale)
        self.box.setRange(xRange=rng[:2], yRange=rng[2:], padding=0)

    def _thin_tick_labels(self, scale: float) -> None:
        """Each edge's tick labels, 0.2 first, shown where their text stays clear of the labels
        shown before them and of the bold values: on a small triangle (lecture mode's large
        text at 1280×720) the bottom edge's ran into each other, or a bold value into a tick's.
        """
        inset = 3.0  # px of a text item's 4 px document margin: glyphs ≥ 2 px apart

        def pixels(item: pg.TextItem) -> QRectF:  # where it is drawn, in pixels (y up)
            bx, by, ox, oy = self._placed[item]
            left, right, up, down = _pixel_extents(item)
            x, y = bx * scale + ox, by * scale + oy
            return QRectF(x - left, y - down, left + right, up + down).adjusted(
                inset, inset, -inset, -inset
            )

        for label in self._thinned:
            label.setVisible(True)
        self._thinned.clear()
        taken = [
            pixels(label)
            for label in self.bold_labels
            if label.isVisible() and label.toPlainText() and label in self._placed
        ]
        for label in sorted(self.tick_labels, key=lambda item: self._tick_texts[item]):
            rect = pixels(label)
            if any(rect.intersects(other) for other in taken):
                label.setVisible(False)
                self._thinned.add(label)
            else:
                taken.append(rect)

    def _bottom_row_crowded(self, scale: float) -> bool:
        """Whether the bottom edge's caption, level with the corners' names between them, would
        come within 8 px of either at this scale (pixels per unit)."""
        caption = self.edge_labels[1]
        if not caption.isVisible() or not caption.toPlainText():
            return False
        half = caption.textItem.boundingRect().width() / 2
        names = [label.textItem.boundingRect().width() / 2 for label in self.vertex_labels[1:]]
        return 0.5 * scale < half + max(names) + 8.0

    def _place_bottom_caption(self, low: bool) -> None:
        """The bottom edge's caption level with the corners' names, or a row below them."""
        below = _caption_px()
        if low:
            name = max(label.textItem.boundingRect().height() for label in self.vertex_labels[1:])
            own = self.edge_labels[1].textItem.boundingRect().height()
            below = _bottom_name_px() + name + 2.0 + own / 2  # its anchor is its centre
        self._place(self.edge_labels[1], _EDGE_MIDS[1], (0.0, -below))

    def _draw_ticks_and_leaders(self, scale: float) -> None:
        xs: list[float] = []
        ys: list[float] = []
        for x0, y0, dx, dy in self._tick_geometry:
            xs += [x0, x0 + TICK_PX * dx / scale, math.nan]
            ys += [y0, y0 + TICK_PX * dy / scale, math.nan]
        self.ticks.set_polyline(np.array(xs), np.array(ys))
        xs, ys = [], []
        for mx, my, label in self._leader_ends:
            p = label.pos()
            xs += [mx, p.x(), math.nan]
            ys += [my, p.y(), math.nan]
        self.leaders.set_polyline(np.array(xs), np.array(ys))

    def show_point(self, x: float, y: float) -> None:
        if not self.point_dot.isVisible():
            self.point_dot.setVisible(True)
        if (self.point_dot.x(), self.point_dot.y()) != (x, y):
            self.point_dot.setPos(x, y)

    def show_path(self, kind: str, line: Polyline | None) -> None:
        item = self.paths[kind]
        item.setVisible(line is not None)
        if line is not None:
            item.set_polyline(*line)

    def set_bar_label(self, text: str) -> None:
        theme.set_label(self.bar.axis, text)

    def triangle_at(self, scene_pos: QPointF) -> tuple[float, float, float] | None:
        """Triangle coordinates under a scene position inside the data area, else None."""
        if not self.box.sceneBoundingRect().contains(scene_pos):
            return None
        p = self.box.mapSceneToView(scene_pos)
        b = barycentric_of(p.x(), p.y())
        return float(b[0]), float(b[1]), float(b[2])


def _pixel_extents(item: pg.TextItem) -> tuple[float, float, float, float]:
    """How far a text reaches left, right, up and down of its anchor point, in pixels."""
    rect = item.textItem.boundingRect()
    ax, ay = item.anchor.x(), item.anchor.y()
    turn = QTransform().rotate(-item.angle)
    pts = [
        turn.map(QPointF(cx - ax * rect.width(), cy - ay * rect.height()))
        for cx in (0.0, rect.width())
        for cy in (0.0, rect.height())
    ]
    # the screen's y points down
    return (
        -min(p.x() for p in pts),
        max(p.x() for p in pts),
        -min(p.y() for p in pts),
        max(p.y() for p in pts),
    )


def _largest_scale(spans: list[tuple[float, float, float]], pixels: float) -> float:
    """The most pixels per unit for which items at positions p reaching ``below`` and
    ``above`` pixels beyond them fit in ``pixels``: s (p_i − p_j) + above_i + below_j ≤ pixels
    for every pair with p_i > p_j."""
    best = math.inf
    for pi, _below_i, above_i in spans:
        for pj, below_j, _above_j in spans:
            if pi > pj:
                best = min(best, (pixels - above_i - below_j) / (pi - pj))
    return best


def _centred_start(spans: list[tuple[float, float, float]], pixels: float, scale: float) -> float:
    """The range's start at this scale, with the slack shared on both sides."""
    lowest = min(p - below / scale for p, below, _above in spans)
    highest = max(p + above / scale for p, _below, above in spans)
    return lowest - 0.5 * (pixels / scale - (highest - lowest))


def _anchor(dx: float, dy: float) -> tuple[float, float]:
    """A text anchor that puts the text on the side (dx, dy) points to (y up in the data)."""
    return (0.5 - 0.5 * dx, 0.5 + 0.5 * dy)


def _marker_html(m: Marker, letter_only: bool = False) -> str:
    # Narrow, three short lines: the plots share a projector's width with the docks (the
    # coordinates are in the sentence under the plots and in the hover read-out).
    head = _span(m.name, 1, bold=True)
    if letter_only:
        return head
    return f"{head}<br>{_span(f'CE {short(m.ce)}')}<br>{_span(f'MSE {short(m.mse)}')}"


class SimplexView(QWidget):
    """The simplex page: the CE and MSE triangles, a hover read-out, the article's sentence."""

    picked = Signal(object, str)
    hovered = Signal(object)
    nudged = Signal(int, int)  # arrow keys on a focused triangle: steps right and up

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("simplexView")
        self.plots = {kind: SimplexPlot(kind) for kind in KINDS}
        self.readout = QLabel()
        self.readout.setObjectName("simplexReadout")
        self.readout.setTextFormat(Qt.TextFormat.PlainText)  # class names are text
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sentence = QLabel()
        self.sentence.setObjectName("simplexSentence")
        self.sentence.setWordWrap(True)
        self.sentence.setTextFormat(Qt.TextFormat.RichText)
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._row = row
        for plot in self.plots.values():
            row.addWidget(plot, 1)
            plot.box.picked.connect(lambda x, y, phase, p=plot: self._on_pick(p, x, y, phase))
            plot.scene().sigMouseMoved.connect(lambda pos, p=plot: self._on_hover(p, pos))
            plot.viewport().installEventFilter(self)
            plot.nudged.connect(self.nudged)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.readout)
        layout.addWidget(self.sentence)
        self._display: SimplexDisplay | None = None
        self._drag_live = False
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the view in the current language: the names, titles, corner names and
        the sentence are drawn again from the display shown."""
        self.plots["ce"].setAccessibleName(tr("Cross-entropy over the probability triangle"))
        self.plots["mse"].setAccessibleName(tr("Squared error over the probability triangle"))
        self.show_hover(None)
        shown, self._display = self._display, None
        if shown is not None:
            self.show_display(shown)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Side by side in a view taller than wide (1024×768 in lecture mode) left each
        # triangle a third of its plot's width: there they are stacked, each twice as wide.
        direction = (
            QBoxLayout.Direction.TopToBottom
            if event.size().width() < event.size().height()
            else QBoxLayout.Direction.LeftToRight
        )
        if self._row.direction() != direction:
            self._row.setDirection(direction)
        super().resizeEvent(event)

    # --- input -------------------------------------------------------------------------------
    def _on_pick(self, plot: SimplexPlot, x: float, y: float, phase: str) -> None:
        b = barycentric_of(x, y)
        coords = (float(b[0]), float(b[1]), float(b[2]))
        on_triangle = min(coords) >= -PICK_TOLERANCE
        if phase == "click":
            if on_triangle:
                self.picked.emit(coords, phase)
            return
        if phase == "start":
            self._drag_live = on_triangle
        if not self._drag_live:
            return
        if phase == "end":
            self._drag_live = False
        self.picked.emit(coords, phase)

    def _on_hover(self, plot: SimplexPlot, pos: QPointF) -> None:
        self.hovered.emit(plot.triangle_at(pos))

    def eventFilter(self, obj: object, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave:
            self.hovered.emit(None)
        return False

    # --- output ------------------------------------------------------------------------------
    def show_display(self, display: SimplexDisplay) -> None:
        """Fields, contours, labels and the sentence; the display already shown costs nothing
        (not ``show``: that is QWidget's, which layouts and tests call without arguments)."""
        if display is self._display:
            return
        self._display = display
        top_name, left_name = short_name(display.top_name), short_name(display.left_name)
        if display.k > 3:
            rest = tr("rest: %1 classes").replace("%1", str(len(display.rest_names)))
            left = tr("%1 (j)").replace("%1", left_name)
        elif display.k == 3:
            rest, left = short_name(display.rest_names[0]), left_name
        else:
            rest, left = tr("(no third class)"), left_name
        names = (html.escape(top_name) + " ✓", html.escape(left), html.escape(rest))
        short_rest = tr("rest") if display.k > 3 else rest
        top_s, left_s, rest_s = (
            f"s<sub>{html.escape(n)}</sub>" for n in (top_name, left_name, short_rest)
        )
        edge_names = (top_s, left_s, rest_s if display.k > 2 else "")
        ce_unit, red = display.ce_unit, display.mse_reduction
        if display.k > 3:
            titles = (tr("CE on (s_p, s_j, rest)"), tr("MSE on (s_p, s_j, rest)"))
        else:
            titles = (tr("CE = −log s_p"), tr("MSE = Σ (s_k − y_k)²"))
        for kind, title in zip(KINDS, titles, strict=True):
            plot = self.plots[kind]
            plot.set_title(_SUBSCRIPT.sub(r"\1<sub>\2</sub>", html.escape(title)))
            plot.set_bar_label(unit_name(ce_unit if kind == "ce" else red))
            plot.show_display(display, names)
            plot.set_edge_names(edge_names)
        self.sentence.setText(self._sentence(display))

    def _sentence(self, d: SimplexDisplay) -> str:
        if d.a is None or d.b is None:
            return html.escape(
                tr(
                    "With two classes every prediction lies on the left edge and both losses "
                    "depend on s_p alone; the article's A and B need a third class."
                )
            )
        a, b = d.a, d.b
        text = tr(
            "A and B give the true class the same probability, 0.8, so CE cannot tell them "
            "apart (both %1); MSE prefers A (%2 < %3): it rewards spreading the wrong mass "
            "evenly, while CE looks only at the true class. The yellow dot is the current "
            "prediction."
        )
        text = html.escape(text)  # "<" in the sentence is text, not markup
        for i, v in enumerate((a.ce, a.mse, b.mse), start=1):
            text = text.replace(f"%{i}", f"<b>{short(v)}</b>")
        if d.k > 3:
            here = tr(
                "Here the bottom-right corner is the other %1 classes together, split as now."
            )
            text = html.escape(here).replace("%1", str(len(d.rest_names))) + " " + text
        return text

    def show_point(self, point: SimplexPoint) -> None:
        """Move the current prediction's markers (nothing else is redrawn)."""
        for plot in self.plots.values():
            plot.show_point(point.x, point.y)

    def show_hover(self, values: HoverValues | None) -> None:
        """The read-out for the hovered point (None: off the triangle, back to the hint)."""
        d = self._display
        if values is None or d is None:
            self.readout.setText(
                tr("Hover over a triangle to read a prediction; click or drag to set it.")
            )
            return
        names = [d.top_name, d.left_name]
        if d.k == 3:
            names.append(d.rest_names[0])
        elif d.k > 3:
            names.append(tr("rest"))
        probs = "   ".join(
            f"s({name}) = {fmt(v)}" for name, v in zip(names, values.barycentric, strict=False)
        )
        self.readout.setText(
            f"{probs}     CE = {fmt(values.ce)} {unit_name(d.ce_unit)}     "
            f"MSE = {fmt(values.mse)} ({unit_name(d.mse_reduction)})"
        )

    def show_paths(self, ce: Polyline | None, mse: Polyline | None) -> None:
        """The race's trajectories through the triangle (None hides one)."""
        for plot in self.plots.values():
            plot.show_path("ce", ce)
            plot.show_path("mse", mse)
