"""F3 — four linked heatmaps over (z_p, second axis) with colour bars, contours and crosshairs."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QFocusEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGraphicsItem,
    QGraphicsView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui import theme
from gui.a11y import arrow_steps
from gui.i18n import tr
from gui.plot_fit import keep_whole
from gui.views.fast_items import (
    QT_BOUNDS,
    ColourImage,
    Crosshair,
    PolylineItem,
    cosmetic_pen,
    lut_rgb32,
)
from gui.views.flow_layout import FlowLayout
from gui.views.focus_ring import paint_focus_ring
from gui.views.lean_plot import TITLE_CELL, LeanPlot, Title
from model.display import SURFACE_KINDS, RacePaths, SurfaceDisplay
from model.state import MAX_RESOLUTION, MAX_THRESHOLD, MIN_RESOLUTION, MIN_THRESHOLD, RANGE_LIMIT

OBJECT_NAMES = {
    "ce": "ceLossSurface",
    "mse": "mseLossSurface",
    "ce_grad": "ceGradSurface",
    "mse_grad": "mseGradSurface",
}


def _titles() -> dict[str, str]:
    return {
        "ce": tr("CE loss L_CE"),
        "mse": tr("MSE loss L_MSE"),
        "ce_grad": tr("CE gradient ∂L_CE/∂z_p"),
        "mse_grad": tr("MSE gradient ∂L_MSE/∂z_p"),
    }


EPS = 1e-6  # pixels: below any real difference in a layout


class OverhangingTitle(Title):
    """A plot title with no minimum width of its own: centred over the data, it may reach over
    the empty corners beside it (above the axis and the colour bar) instead of widening the
    data's column."""

    def updateMin(self) -> None:
        super().updateMin()
        self.setMinimumWidth(0)


class PickViewBox(pg.ViewBox):
    """A view box where clicking or dragging picks a point instead of panning."""

    picked = Signal(float, float, str)  # x, y, phase: "click", "start", "move", "finish"

    def __init__(self) -> None:
        super().__init__(enableMenu=False)
        self.setMouseEnabled(False, False)

    def setGeometry(self, rect: QRectF) -> None:
        """The layout's rectangle, shrunk to whole pixels. The axes' widths come from text
        sizes, so the data area would start and end mid-pixel; a half-covered edge pixel then
        came out differently in a partial repaint and a full one (a stale line along an edge,
        at some window sizes). The plot item sits at whole pixels of the scene, which maps 1:1
        to the view's pixels (a test checks it at several sizes)."""
        # A layout's sums carry rounding errors (316.99999 for 317): they must not cost a pixel.
        left, top = math.ceil(rect.left() - EPS), math.ceil(rect.top() - EPS)
        right, bottom = math.floor(rect.right() + EPS), math.floor(rect.bottom() + EPS)
        super().setGeometry(QRectF(left, top, max(right - left, 0), max(bottom - top, 0)))

    # ViewBox adds half a pixel at the right and bottom for its border line (none here); as
    # the clip of the image, it left those edges half covered. Its own rect, in C++.
    boundingRect = QT_BOUNDS

    def _emit(self, ev: object, phase: str) -> None:
        p = self.mapSceneToView(ev.scenePos())  # type: ignore[attr-defined]
        self.picked.emit(float(p.x()), float(p.y()), phase)

    def mouseClickEvent(self, ev: object) -> None:
        if ev.button() == pg.QtCore.Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            ev.accept()  # type: ignore[attr-defined]
            self._emit(ev, "click")

    def mouseDragEvent(self, ev: object, axis: int | None = None) -> None:
        if ev.button() != pg.QtCore.Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            ev.ignore()  # type: ignore[attr-defined]
            return
        ev.accept()  # type: ignore[attr-defined]
        phase = "start" if ev.isStart() else "finish" if ev.isFinish() else "move"  # type: ignore[attr-defined]
        self._emit(ev, phase)

    def wheelEvent(self, ev: object, axis: int | None = None) -> None:
        ev.ignore()  # type: ignore[attr-defined]  # ranges stay where the user put them


class SurfacePlot(pg.GraphicsLayoutWidget):
    """One heatmap: image, colour bar, contour lines, crosshair, the slow region's outline."""

    nudged = Signal(int, int)  # arrow keys: grid steps right and up

    def __init__(self, kind: str, title: str) -> None:
        super().__init__()
        self.kind = kind
        self.setObjectName(OBJECT_NAMES[kind])
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it; arrows move the point
        self.setMinimumSize(240, 180)
        # Straight contours and a pixel image need no antialiasing.
        self.setAntialiasing(False)
        self.view_box = PickViewBox()
        self.plot = LeanPlot(self.view_box)
        self.addItem(self.plot)
        theme.style_plot(self.plot, title, "z_p", "y")
        self.view_box.disableAutoRange()
        # No antialiasing margin around dirty rectangles (see theme.style_plot for the gap).
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)  # a flat fill: no pixmap
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        # Clip to the data area: then a changed image or a moved crosshair never marks the axes
        # next to it for repainting (the axes are costly to paint).
        self.view_box.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape, True)
        cmap = pg.colormap.get(theme.LOSS_MAP if kind in ("ce", "mse") else theme.GRAD_MAP)
        self.image = ColourImage(lut_rgb32(cmap))
        # Lines over the colour map are two tones, a core over a wider dark halo: one of them
        # stands out on any colour of the map (gui/palette.py).
        self.contour_halo = PolylineItem(QPen())
        self.contours = PolylineItem(QPen())
        self.outline_halo = PolylineItem(QPen())
        self.outline = PolylineItem(QPen())
        # The race's paths (shown while the race asks for them): CE solid, MSE dashed.
        self.ce_path = PolylineItem(QPen())
        self.mse_path = PolylineItem(QPen())
        self.path_points = pg.ScatterPlotItem(size=9)
        self._path_brushes: list[QBrush] = []
        items = (
            self.image,
            self.contour_halo,
            self.contours,
            self.outline_halo,
            self.outline,
            self.ce_path,
            self.mse_path,
        )
        for item in (*items, self.path_points):
            self.view_box.addItem(item, ignoreBounds=True)
        for item in (self.ce_path, self.mse_path, self.path_points):
            item.setVisible(False)  # until a race asks for its paths
        self.crosshair = Crosshair(theme.colour("map_point"))  # painted by drawForeground
        # The data -> pixel map (x scale, x shift, y scale, y shift), the data area and the
        # point in pixels, as of the last paint: what a move must erase, and where to.
        self._to_pixels: tuple[float, float, float, float] | None = None
        self._area = QRectF()
        self._crosshair_shown: tuple[float, float] | None = None
        self._area_repaint_pending = False
        self.slow_label = pg.TextItem(anchor=(0.5, 0.5))
        self.slow_label.setVisible(False)
        self.view_box.addItem(self.slow_label, ignoreBounds=True)
        self._slow_width = 0.0
        self.view_box.sigResized.connect(self._fit_slow_label)
        # The colour bar shows the fixed limits; the image maps colours itself (ColourImage).
        self.bar = pg.ColorBarItem(values=(0, 1), colorMap=cmap, interactive=False, width=14)
        self.bar.axis.enableAutoSIPrefix(False)  # show the values themselves, not "x0.001"
        # The bar's parts draw inside its rectangle: a repaint that misses the rectangle (every
        # crosshair strip) then skips them, where Qt asked each of its ~7 parts for its bounds
        # (Python calls, four axes among them) on every drag step. Unlike a clip, the flag
        # cuts nothing (an axis line lies half a pixel past the edge).
        self.bar.setFlag(QGraphicsItem.GraphicsItemFlag.ItemContainsChildrenInShape, True)
        self.plot.layout.addItem(self.bar, 2, 5)
        self.plot.layout.setColumnFixedWidth(4, 5)
        # The title may reach over the empty corners above the left axis and the colour bar:
        # the longest title then fits a plot ~70 px narrower, the room a 1024-pixel screen
        # has. The plot is never narrower than the title.
        old = self.plot.titleLabel
        self.plot.titleLabel = OverhangingTitle(old.text, parent=self.plot, **old.opts)
        self.plot.layout.removeItem(old)
        old.setParentItem(None)
        self.plot.layout.addItem(self.plot.titleLabel, *TITLE_CELL)
        title_width = math.ceil(self.plot.titleLabel.itemRect().width()) + 8
        self.setMinimumWidth(max(self.minimumWidth(), title_width))
        self._grid: tuple[float, ...] = ()
        self._labels: tuple[tuple[str, ...], str] = ((), "")
        self._y_label_shown: tuple[tuple[str, ...], float, int] | None = None
        self.plot.getAxis("left").geometryChanged.connect(self._fit_y_label)
        self._rect = QRectF(0, 0, 1, 1)
        self._prepared_for: tuple[object, ...] = ()
        self._area_now: tuple[QTransform, QRect] | None = None
        self.apply_theme()
        theme.notifier.changed.connect(self.apply_theme)

    def apply_theme(self) -> None:
        """Every pen, colour and font in the current profile (lecture mode on or off)."""
        p = theme.current()
        theme.restyle_tree(self)
        self.contour_halo.setPen(cosmetic_pen(p.contour_halo, theme.line_width(2.6)))
        self.contours.setPen(cosmetic_pen(p.contour, theme.line_width(1.0)))
        self.outline_halo.setPen(cosmetic_pen(p.slow_halo, theme.line_width(4.5)))
        self.outline.setPen(theme.pen(p.slow_outline, 2.5, dashed=True))
        self.ce_path.setPen(theme.series_pen("ce", 2.0))
        self.mse_path.setPen(theme.series_pen("mse", 2.0))
        self.path_points.setPen(pg.mkPen(p.marker_edge, width=1))
        self._path_brushes = [pg.mkBrush(p.ce), pg.mkBrush(p.mse)]
        self.crosshair.set_colours(p.map_point, p.map_point_halo)
        self.slow_label.fill = pg.mkBrush(p.map_label_background)
        self._write_slow_label()
        self._fit_y_label()  # the text's size changed: another form may fit
        self.viewport().update()

    def _write_slow_label(self) -> None:
        p = theme.current()
        text = tr("MSE barely learns here")  # outside the f-string, where lupdate finds it
        self.slow_label.setHtml(
            f"<b style='color:{p.map_label_text}; font-size:{theme.font_px() + 1}px'>{text}</b>"
        )
        self.slow_label.setTextWidth(-1)
        self._slow_width = self.slow_label.boundingRect().width()
        self._fit_slow_label()

    def retranslate(self, title: str) -> None:
        """The title and the slow region's label in the current language (the surfaces view
        calls it: the axis labels come with the data)."""
        theme.set_title(self.plot, title)
        self._write_slow_label()
        self.viewport().update()

    def _fit_slow_label(self) -> None:
        """Two lines where the data area is narrower than the label's one line: it is never
        cut off by the area's edge."""
        room = self.view_box.width() - 8
        self.slow_label.setTextWidth(-1 if room >= self._slow_width else max(room, 40))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = arrow_steps(event)
        if steps is None:
            super().keyPressEvent(event)
            return
        event.accept()
        self.nudged.emit(*steps)

    def paintEvent(self, event: QPaintEvent) -> None:
        # pyqtgraph's GraphicsView.paintEvent first has the view boxes and text items prepare
        # (Python slots on a signal) for every paint, however small; they only need it when a
        # size, a layout or a range has changed, and a crosshair move changes none of them.
        vr = self.view_box.viewRange()
        # The view box's own geometry too: a new axis font (lecture mode) moves the data area
        # inside an unchanged plot, and the crosshair was then clipped to the old one.
        key = (
            self.viewport().size(),
            self.plot.geometry(),
            self.view_box.geometry(),
            *vr[0],
            *vr[1],
            *self.bar.levels(),
        )
        if key != self._prepared_for:
            self._prepared_for = key
            self._area_now = None  # what the data area depends on changed
            self.scene().prepareForPaint()
        QGraphicsView.paintEvent(self, event)

    def _data_area(self) -> tuple[QTransform, QRect]:
        """Data coordinates -> viewport pixels, and the data area's whole pixels (kept until
        the size, layout, ranges or colour limits change: see paintEvent)."""
        if self._area_now is None:
            self._area_now = self._measure_data_area()
        return self._area_now

    def _measure_data_area(self) -> tuple[QTransform, QRect]:
        vb = self.view_box
        vb.updateMatrix()  # pyqtgraph defers it after a range change; a no-op otherwise
        to_view = self.viewportTransform()
        area = to_view.mapRect(vb.sceneBoundingRect())
        left, top = math.ceil(area.left()), math.ceil(area.top())
        inner = QRect(left, top, math.floor(area.right()) - left, math.floor(area.bottom()) - top)
        return vb.childGroup.sceneTransform() * to_view, inner

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        t, inner = self._data_area()
        self._to_pixels = (t.m11(), t.dx(), t.m22(), t.dy())
        self._area = QRectF(inner)
        self._area_repaint_pending = False
        paint_focus_ring(self, painter)
        at = self.crosshair.at
        if at is None:
            self._crosshair_shown = None
            return
        shown = (at[0] * t.m11() + t.dx(), at[1] * t.m22() + t.dy())
        self.crosshair.paint(painter, shown, self._area)
        self._crosshair_shown = shown

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()  # the ring drawn or erased, the whole edge

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()  # the ring drawn or erased, the whole edge

    def show_panel(self, display: SurfaceDisplay, show_label: bool) -> None:
        panel = display.panels[self.kind]
        x, y = display.x, display.y
        grid = (float(x[0]), float(x[-1]), len(x), float(y[0]), float(y[-1]), len(y))
        if grid != self._grid:  # only a range change re-lays the axes: they are costly to paint
            self._grid = grid
            hx = (x[-1] - x[0]) / max(len(x) - 1, 1)
            hy = (y[-1] - y[0]) / max(len(y) - 1, 1)
            self._rect = QRectF(x[0] - hx / 2, y[0] - hy / 2, x[-1] - x[0] + hx, y[-1] - y[0] + hy)
            self.plot.setXRange(x[0], x[-1], padding=0)
            self.plot.setYRange(y[0], y[-1], padding=0)
        # Explicit, fixed colour limits: a colour means the same value before and after an edit.
        self.image.set_data(panel.image, panel.levels, self._rect, panel.profile)
        self._area_repaint_pending = True  # the image covers the data area, crosshair included
        if tuple(self.bar.levels()) != panel.levels:
            self.bar.setLevels(panel.levels)
        self.contours.set_polyline(*panel.contours)
        self.contour_halo.setPath(self.contours.path())  # the same path, built once
        self.outline.set_polyline(*display.slow_outline)
        self.outline_halo.setPath(self.outline.path())
        label = display.slow_label
        self.slow_label.setVisible(show_label and label is not None)
        if label is not None:
            # Anchor by where the label sits, so the text never runs off the plot's edges.
            fx = (label[0] - x[0]) / (x[-1] - x[0])
            fy = (label[1] - y[0]) / (y[-1] - y[0])
            self.slow_label.setAnchor((min(max(fx, 0.0), 1.0), 1.0 - min(max(fy, 0.0), 1.0)))
            self.slow_label.setPos(QPointF(*label))

    def show_race_paths(self, paths: RacePaths | None) -> None:
        """Both race paths and the current step's points, or none (hidden: an empty path
        would still be written into an SVG export)."""
        for item in (self.ce_path, self.mse_path, self.path_points):
            item.setVisible(paths is not None)
        if paths is not None:
            self.ce_path.set_polyline(*paths.ce)
            self.mse_path.set_polyline(*paths.mse)
            self.path_points.setData(
                [paths.ce_now[0], paths.mse_now[0]],
                [paths.ce_now[1], paths.mse_now[1]],
                brush=self._path_brushes,
            )
        self.viewport().update()

    def show_point(self, x: float, y: float) -> None:
        if self.crosshair.at == (x, y):
            return
        self.crosshair.at = (x, y)
        if self._area_repaint_pending:
            # A new image repaints the whole data area in this frame: no strips of our own
            # (they would be painted first, in an earlier repaint of the window).
            return
        shown, m = self._crosshair_shown, self._to_pixels
        if shown is None or m is None:
            self.viewport().update()
            return
        # The map of the last paint: if it has changed since, so has the range or the layout,
        # and the data area is being repainted whole anyway.
        dirty = self.crosshair.dirty(shown, (x * m[0] + m[1], y * m[2] + m[3]), self._area)
        if dirty is not None:
            # Straight to the viewport: the update joins the window's one pending repaint.
            self.viewport().update(dirty)

    def set_axis_labels(self, y_labels: tuple[str, ...], bar_label: str) -> None:
        """The second axis's name (the first of ``y_labels`` that fits along the axis, longest
        first) and the colour bar's."""
        if (y_labels, bar_label) != self._labels:  # setLabel re-lays and repaints the axis
            self._labels = (y_labels, bar_label)
            theme.set_label(self.bar.axis, bar_label)
            self._y_label_shown = None
            self._fit_y_label()

    def y_label(self) -> str:
        """The second axis's name as shown."""
        return self.plot.getAxis("left").labelText

    def _fit_y_label(self) -> None:
        forms = self._labels[0]
        axis = self.plot.getAxis("left")
        room = axis.height()
        if not forms or room <= 0 or (forms, room, theme.font_px()) == self._y_label_shown:
            return
        self._y_label_shown = (forms, room, theme.font_px())
        theme.set_fitting_label(axis, forms)


def _range_group(text: str, lo: QDoubleSpinBox, hi: QDoubleSpinBox) -> QWidget:
    """``text  [lo] … [hi]`` as one widget, so that a range never breaks across rows."""
    group = QWidget()
    row = QHBoxLayout(group)
    row.setContentsMargins(0, 0, 0, 0)
    for w in (QLabel(text), lo, QLabel("…"), hi):
        row.addWidget(w)
    return group


class SurfacesView(QWidget):
    """The surfaces page: controls on top, the four linked heatmaps below."""

    picked = Signal(float, float, str)
    hovered = Signal(float, float)
    nudged = Signal(int, int)  # arrow keys on a focused surface: grid steps right and up
    open_3d = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("surfacesView")
        self.mode_combo = QComboBox()
        self.mode_combo.setObjectName("surfaceModeCombo")
        self.mode_combo.addItem("", "shift")
        self.mode_combo.addItem("", "competitor")
        self.competitor_combo = QComboBox()
        self.competitor_combo.setObjectName("competitorCombo")
        # As wide as a short class name whatever the names: a 40-character name must not
        # widen the view past the screen (the combo sized itself to its longest item).
        self.competitor_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.competitor_combo.setMinimumContentsLength(10)
        self.range_spins: dict[str, QDoubleSpinBox] = {}
        for name in ("xMin", "xMax", "yMin", "yMax"):
            spin = QDoubleSpinBox()
            spin.setObjectName(f"{name}Spin")
            spin.setRange(-RANGE_LIMIT, RANGE_LIMIT)
            spin.setDecimals(1)
            spin.setKeyboardTracking(False)
            self.range_spins[name] = spin
        self.resolution_spin = QSpinBox()
        self.resolution_spin.setObjectName("resolutionSpin")
        self.resolution_spin.setRange(MIN_RESOLUTION, MAX_RESOLUTION)
        self.resolution_spin.setKeyboardTracking(False)
        self.log_check = QCheckBox()
        self.log_check.setObjectName("logColourCheck")
        self.threshold_spin = QDoubleSpinBox()
        self.threshold_spin.setObjectName("slowThresholdSpin")
        self.threshold_spin.setDecimals(4)
        self.threshold_spin.setRange(MIN_THRESHOLD, MAX_THRESHOLD)
        self.threshold_spin.setSingleStep(0.005)
        self.threshold_spin.setKeyboardTracking(False)
        self.button_3d = QPushButton()
        self.button_3d.setObjectName("surface3dButton")
        self.button_3d.clicked.connect(self.open_3d)
        self.hover_label = QLabel()
        self.hover_label.setObjectName("surfaceHoverLabel")
        self._hint = ""  # the hint the read-out shows until a surface is hovered
        self.race_note = QLabel()
        self.race_note.setObjectName("surfaceRaceNote")
        self.race_note.setWordWrap(True)
        self.race_note.hide()
        self.hover_label.setWordWrap(True)

        # One flow of controls: two rows on a wide window, more where the width runs out
        # (a 1024-pixel screen), never wider than the plots below.
        controls = FlowLayout()
        sp = self.range_spins
        pieces: list[QWidget] = [self.mode_combo, self.competitor_combo, self.log_check]
        for text, lo, hi in (("z_p", sp["xMin"], sp["xMax"]), ("y", sp["yMin"], sp["yMax"])):
            pieces.append(_range_group(text, lo, hi))  # a range wraps as one piece
        pieces += [self.resolution_spin, self.threshold_spin, self.button_3d]
        for piece in pieces:
            controls.addWidget(piece)
        self._grid = QGridLayout()
        for i in (0, 1):  # four equal plots, whichever has the larger minimum
            self._grid.setRowStretch(i, 1)
            self._grid.setColumnStretch(i, 1)
        self.plots: dict[str, SurfacePlot] = {}
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(self._grid, 1)
        layout.addWidget(self.hover_label)
        layout.addWidget(self.race_note)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the view in the current language (the hover read-out back to its
        hint: the controller writes it again for a point hovered)."""
        self.mode_combo.setItemText(0, tr("y: the others, shifted together"))
        self.mode_combo.setItemText(1, tr("y: one competitor z_j"))
        self.competitor_combo.setToolTip(tr("The competing class j in 'one competitor' mode"))
        tips = {
            "xMin": tr("Smallest z_p shown"),
            "xMax": tr("Largest z_p shown"),
            "yMin": tr("Smallest y shown"),
            "yMax": tr("Largest y shown"),
        }
        for name, spin in self.range_spins.items():
            spin.setToolTip(tr("Surface range: ") + tips[name])
        self.resolution_spin.setSuffix(tr(" points"))
        self.log_check.setText(tr("log |∂L/∂z_p| colours"))
        self.threshold_spin.setPrefix(tr("slow if |∂L_MSE/∂z_p| < "))
        self.threshold_spin.setToolTip(
            tr("Outline where the model is wrong (s_p < 0.5) yet MSE's gradient is below this")
        )
        self.button_3d.setText(tr("3D view…"))
        if self.hover_label.text() == self._hint:  # a read-out stays: the controller's to write
            self._hint = tr("Hover over a surface to read its values; click or drag to move there.")
            self.hover_label.setText(self._hint)
        self.race_note.setText(
            tr(
                "Race paths: CE solid, MSE dashed, from the current logits. The surfaces are "
                "those of the start: along a path the other logits move too."
            )
        )
        titles = _titles()
        for kind, plot in self.plots.items():
            plot.retranslate(titles[kind])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def ensure_plots(self) -> None:
        """Build the four heatmaps the first time they are needed: the window opens on the
        overview, and four plots fewer at start-up is ~0.1 s and ~5 MiB saved."""
        if self.plots:
            return
        titles = _titles()
        for i, kind in enumerate(SURFACE_KINDS):
            plot = SurfacePlot(kind, titles[kind])
            plot.view_box.picked.connect(self.picked)
            plot.nudged.connect(self.nudged)
            plot.scene().sigMouseMoved.connect(lambda pos, p=plot: self._on_hover(p, pos))
            self.plots[kind] = plot
            self._grid.addWidget(plot, i // 2, i % 2)
            keep_whole(plot)  # shrinks with the window, never so far that it is cut off

    def _on_hover(self, plot: SurfacePlot, pos: QPointF) -> None:
        if plot.view_box.sceneBoundingRect().contains(pos):  # the data area, not the axes
            p = plot.view_box.mapSceneToView(pos)
            self.hovered.emit(float(p.x()), float(p.y()))

    def show_surfaces(
        self, display: SurfaceDisplay, y_labels: tuple[str, ...], units: dict[str, str], log: bool
    ) -> None:
        self.ensure_plots()
        for kind, plot in self.plots.items():
            bar = units[kind]
            if log and kind in ("ce_grad", "mse_grad"):
                bar = "log₁₀ |·|"
            plot.set_axis_labels(y_labels, bar)
            plot.show_panel(display, show_label=kind in ("mse", "mse_grad"))

    def show_point(self, x: float, y: float) -> None:
        for plot in self.plots.values():
            plot.show_point(x, y)

    def show_race_paths(self, paths: RacePaths | None) -> None:
        """The race's paths on all four surfaces, with a note that the surfaces are the
        start's (the other logits' spread changes along a path, the surfaces do not)."""
        self.ensure_plots()
        for plot in self.plots.values():
            plot.show_race_paths(paths)
        self.race_note.setVisible(paths is not None)
