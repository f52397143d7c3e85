"""F2 — the 1-D story: probability and gradient bars, loss and dL/dz_p against z_p (or s_p)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, QSignalBlocker, Qt
from PySide6.QtGui import QFontMetricsF, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGraphicsView,
    QGridLayout,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from gui import theme
from gui.i18n import tr, unit_name
from gui.views.direct_labels import SeriesLabels
from gui.views.fast_items import Bars, CurveItem, Dots, ValueLabels
from gui.views.lean_plot import LeanPlot
from model.display import CurveDisplay, CurveMarkers, PointValues
from model.state import OverviewSettings


def _plot_widget(name: str, right: float = 15) -> pg.PlotWidget:
    """A plot with ``right`` pixels beside the data for the bottom axis's last label."""
    plot = LeanPlot()
    # A label may reach past the data area by up to 15 px before pyqtgraph hides it (its
    # hideOverlappingLabels=False): that room, so that the last x label is never cut.
    plot.reserve_right(right)
    w = pg.PlotWidget(plotItem=plot)
    w.setObjectName(name)
    w.setMinimumSize(260, 180)
    w.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)  # a flat fill: no pixmap to keep
    # The view fills what it repaints with its background brush: Qt need not fill it first.
    w.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
    return w


# Beside the bar plots: room for half of "class 19 ✓", centred under the last bar.
BAR_PLOT_RIGHT = 32


def _curve(plot: LeanPlot, pen: QPen, name: str) -> CurveItem:
    """A native curve item, with a legend entry drawn in the same pen (clicking the entry
    hides or shows the curve, as in any pyqtgraph legend)."""
    item = CurveItem(pen)
    plot.vb.addItem(item, ignoreBounds=True)
    if plot.legend is not None:
        plot.legend.addItem(item, name)
    return item


def bar_label(p: float) -> str:
    """A probability above its bar: three decimals, or two significant digits where three
    decimals would print 0.000 (a confidently wrong model's s_p of 0.00033 is the point)."""
    return f"{p:.3f}" if p >= 0.0005 or p == 0.0 else f"{p:.1e}"


MARK = " ✓"  # after the true class's name
MIN_KEPT = 3  # characters of a name that an elided label keeps, at least


def class_labels(
    names: Sequence[str],
    target: int,
    centres: Sequence[float],
    limits: tuple[float, float],
    gap: float,
    width: Callable[[str], float],
    elide: Callable[[str, float], str],
) -> list[str]:
    """The label under each bar ("" for none), centred at ``centres`` (pixels) and kept inside
    ``limits``, ``gap`` pixels apart. The true class is always named (marked ✓); the others are
    named every s bars from it, for the smallest step s at which every label shown is whole or
    elided (``elide(text, room)`` keeps the characters that fit and adds "…") to one that still
    names its class: ``MIN_KEPT`` characters at least, and a beginning no other class's name
    shares ("class …" names none of twenty). The true class's label may be elided further where
    the plot's edge, not a neighbour, leaves it no more room.

    ("class 13" × 20 ran together; long names were dropped rather than shortened.)"""
    n = len(names)
    lo, hi = limits

    def fit(i: int, half: float) -> tuple[str, str | None]:
        """Name i in 2 × ``half`` pixels, and what an elided one keeps of the name (None: whole)."""
        mark = MARK if i == target else ""
        if width(names[i] + mark) <= 2 * half:
            return names[i] + mark, None
        short = elide(names[i], max(2 * half - width(mark), 0.0))
        return short + mark, short.removesuffix("…")

    def names_it(i: int, kept: str) -> bool:
        return len(kept) >= MIN_KEPT and not any(
            other.startswith(kept) for k, other in enumerate(names) if k != i
        )

    for step in range(1, n + 1):
        shown = list(range(target % step, n, step))
        texts: dict[int, str] = {}
        for j, i in enumerate(shown):
            edges = min(centres[i] - lo, hi - centres[i])
            half = edges
            if j > 0:
                half = min(half, (centres[i] - centres[shown[j - 1]] - gap) / 2)
            if j + 1 < len(shown):
                half = min(half, (centres[shown[j + 1]] - centres[i] - gap) / 2)
            text, kept = fit(i, half)
            if kept is not None and not names_it(i, kept):
                if i != target or fit(i, edges)[1] != kept:
                    break  # a neighbour leaves it too little: a longer step
            texts[i] = text
        else:
            return [texts.get(i, "") for i in range(n)]
    raise AssertionError("the true class alone always has a label")  # step n shows it


class OverviewView(QWidget):
    """Owns its pyqtgraph items, built once; ``show_*`` only pushes new arrays into them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewView")
        self.x_axis_combo = QComboBox()
        self.x_axis_combo.setObjectName("xAxisCombo")
        self.x_axis_combo.addItem("", "z")
        self.x_axis_combo.addItem("", "s")
        self.log_grad_check = QCheckBox()
        self.log_grad_check.setObjectName("logGradCheck")
        controls = QHBoxLayout()
        controls.addWidget(self.x_axis_combo)
        controls.addWidget(self.log_grad_check)
        controls.addStretch(1)

        self.prob_widget = _plot_widget("probBarsPlot", BAR_PLOT_RIGHT)
        self.grad_bars_widget = _plot_widget("gradBarsPlot", BAR_PLOT_RIGHT)
        self.loss_widget = _plot_widget("lossCurvePlot")
        self.grad_widget = _plot_widget("gradCurvePlot")
        grid = QGridLayout()
        grid.addWidget(self.prob_widget, 0, 0)
        grid.addWidget(self.grad_bars_widget, 0, 1)
        grid.addWidget(self.loss_widget, 1, 0)
        grid.addWidget(self.grad_widget, 1, 1)
        for i in (0, 1):  # four equal plots, whatever their texts ask for (a long title in Chinese
            grid.setRowStretch(i, 1)  # made its row the taller one)
            grid.setColumnStretch(i, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(grid, 1)
        self._build_items()
        self._curves: CurveDisplay | None = None
        self._markers: CurveMarkers | None = None
        self._classes: tuple[tuple[str, ...], int] | None = None  # names and true class shown
        self._labels: tuple[str, ...] = ()
        self._ranges: tuple[object, ...] = ()
        self._bar_limit = 0.0
        self._ticks: dict[int, list[tuple[int, str]]] = {}
        for w in (self.prob_widget, self.grad_bars_widget):  # the names that fit change
            plot = w.getPlotItem()
            plot.vb.sigResized.connect(lambda _vb, plot=plot: self._label_classes(plot))
        self._prob_top = 1.12
        self.prob_widget.getPlotItem().vb.sigResized.connect(lambda _vb: self._fit_prob_top())
        self._point: PointValues | None = None
        self._target = 0
        self._markers_shown: CurveMarkers | None = None
        self._label_args: tuple[CurveDisplay, str, str] | None = None
        self._loss_label_shown: tuple[object, ...] | None = None
        # The loss axis's name is fitted to the axis's length (see _fit_loss_label).
        self.loss_widget.getPlotItem().getAxis("left").geometryChanged.connect(self._fit_loss_label)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the view in the current language (items keep their data and the
        current index; the loss axis keeps its units)."""
        self.x_axis_combo.setItemText(0, tr("x axis: z_p (true logit)"))
        self.x_axis_combo.setItemText(1, tr("x axis: s_p (true probability)"))
        self.log_grad_check.setText(tr("log |∂L/∂z_p|"))
        self.log_grad_check.setToolTip(tr("Log scale: MSE's vanishing gradient is plain to see"))
        pp, gp = self.prob_widget.getPlotItem(), self.grad_bars_widget.getPlotItem()
        lp, dp = self.loss_widget.getPlotItem(), self.grad_widget.getPlotItem()
        theme.set_title(pp, tr("Softmax probabilities"))
        theme.set_title(gp, tr("Gradients ∂L/∂z_k"))
        theme.set_title(lp, tr("Loss against the true logit"))
        theme.set_title(dp, tr("Gradient on the true logit"))
        for plot, y in ((pp, tr("s_k")), (gp, tr("∂L/∂z_k"))):
            theme.set_label(plot.getAxis("bottom"), tr("class"))
            theme.set_label(plot.getAxis("left"), y)
        theme.set_legend_name(pp, self.target_bar, tr("true class"))
        theme.set_legend_name(pp, self.prob_bars, tr("other classes"))
        theme.set_legend_name(dp, self.mse_grad_curve, tr("MSE, exact"))
        theme.set_legend_name(dp, self.article_curve, tr("MSE, article (1 path)"))
        if self._label_args is None:
            theme.set_label(lp.getAxis("left"), tr("loss"))
        else:
            self._labels = ()
            self._set_axis_labels(*self._label_args)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- items, built once ---------------------------------------------------------------
    def _build_items(self) -> None:
        pp = self.prob_widget.getPlotItem()
        theme.style_plot(pp, tr("Softmax probabilities"), tr("class"), tr("s_k"))
        pp.setYRange(0, 1.12, padding=0)  # room for the value above a bar at 1 (_fit_prob_top)
        pp.setMouseEnabled(False, False)
        theme.add_legend(pp)
        # Two bar sets, so that the legend can name the colours.
        self.target_bar = Bars(theme.colour("target_bar"), 0.6, tr("true class"))
        self.prob_bars = Bars(theme.colour("other_bar"), 0.6, tr("other classes"))
        pp.addItem(self.target_bar)
        pp.addItem(self.prob_bars)
        self.prob_labels = ValueLabels(theme.colour("axis_text"))  # each bar's value, above it
        pp.addItem(self.prob_labels)

        gp = self.grad_bars_widget.getPlotItem()
        theme.style_plot(gp, tr("Gradients ∂L/∂z_k"), tr("class"), tr("∂L/∂z_k"))
        gp.setMouseEnabled(False, False)
        theme.add_legend(gp)
        self.ce_bars = Bars(theme.colour("ce"), 0.38, "CE")
        self.mse_bars = Bars(theme.colour("mse"), 0.38, "MSE")
        gp.addItem(self.ce_bars)
        gp.addItem(self.mse_bars)
        self.zero_line = pg.InfiniteLine(
            pos=0, angle=0, pen=theme.pen(theme.colour("zero_line"), 1)
        )
        gp.addItem(self.zero_line)

        lp = self.loss_widget.getPlotItem()
        theme.style_plot(lp, tr("Loss against the true logit"), "z_p", tr("loss"))
        theme.add_legend(lp)
        self.ce_curve = _curve(lp, pen=theme.series_pen("ce"), name="CE")
        self.mse_curve = _curve(lp, pen=theme.series_pen("mse"), name="MSE")
        self.loss_labels = SeriesLabels(lp, {"ce": "CE", "mse": "MSE"})
        self.loss_point = Dots([theme.colour("ce"), theme.colour("mse")])  # the current point
        lp.addItem(self.loss_point)
        self.loss_vline = pg.InfiniteLine(angle=90, pen=self._point_pen())
        lp.addItem(self.loss_vline)

        dp = self.grad_widget.getPlotItem()
        theme.style_plot(dp, tr("Gradient on the true logit"), "z_p", "∂L/∂z_p")
        theme.add_legend(dp)
        self.ce_grad_curve = _curve(dp, pen=theme.series_pen("ce"), name="CE")
        self.mse_grad_curve = _curve(dp, pen=theme.series_pen("mse"), name=tr("MSE, exact"))
        self.article_curve = _curve(
            dp, pen=theme.series_pen("article", 2.5), name=tr("MSE, article (1 path)")
        )
        self.grad_labels = SeriesLabels(dp, {"ce": "CE", "mse": "MSE"})
        self.grad_point = Dots([theme.colour("ce"), theme.colour("mse")])
        dp.addItem(self.grad_point)
        self.grad_vline = pg.InfiniteLine(angle=90, pen=self._point_pen())
        dp.addItem(self.grad_vline)
        theme.notifier.changed.connect(self.apply_theme)

    @staticmethod
    def _point_pen() -> QPen:
        return theme.pen(theme.colour("point"), 1.2, dash=theme.current().point_dash)

    def apply_theme(self) -> None:
        """Every colour, pen and font in the current profile (lecture mode on or off)."""
        theme.restyle_tree(self)
        self.target_bar.setOpts(brush=theme.colour("target_bar"))
        self.prob_bars.setOpts(brush=theme.colour("other_bar"))
        self.ce_bars.setOpts(brush=theme.colour("ce"))
        self.mse_bars.setOpts(brush=theme.colour("mse"))
        self.prob_labels.set_style(theme.colour("axis_text"), theme.plot_font())
        self.zero_line.setPen(theme.pen(theme.colour("zero_line"), 1))
        for curve in (self.ce_curve, self.ce_grad_curve):
            curve.setPen(theme.series_pen("ce"))
        for curve in (self.mse_curve, self.mse_grad_curve):
            curve.setPen(theme.series_pen("mse"))
        self.article_curve.setPen(theme.series_pen("article", 2.5))
        for labels in (self.loss_labels, self.grad_labels):
            labels.apply_theme()
        edge = theme.colour("marker_edge")
        for dots in (self.loss_point, self.grad_point):
            dots.set_colours([theme.colour("ce"), theme.colour("mse")], edge)
        for line in (self.loss_vline, self.grad_vline):
            line.setPen(self._point_pen())
        self._loss_label_shown = None
        self._fit_loss_label()  # the text's size changed: another form may fit
        self._fit_prob_top()  # the values above the bars have a new size
        self._ticks.clear()  # the class names that fit change with the font
        for w in (self.prob_widget, self.grad_bars_widget):
            self._label_classes(w.getPlotItem())

    # --- settings shown, never echoed back ---------------------------------------------
    def sync_settings(self, settings: OverviewSettings) -> None:
        """Show the state's switches in the controls (signals blocked)."""
        with QSignalBlocker(self.x_axis_combo):
            self.x_axis_combo.setCurrentIndex(self.x_axis_combo.findData(settings.x_axis))
        with QSignalBlocker(self.log_grad_check):
            self.log_grad_check.setChecked(settings.log_grad)

    # --- rendering -----------------------------------------------------------------------
    def show_point(
        self, point: PointValues, markers: CurveMarkers, classes: tuple[str, ...], target: int
    ) -> None:
        """Bars and markers: everything that moves with the current logits."""
        self._point = point
        self._markers = markers
        self._target = target
        k = len(classes)
        idx = np.arange(k, dtype=float)
        if (classes, target) != self._classes:  # ticks and ranges re-lay axes: only on change
            self._classes = (classes, target)
            for w in (self.prob_widget, self.grad_bars_widget):
                w.getPlotItem().setXRange(-0.6, k - 0.4, padding=0)
                self._label_classes(w.getPlotItem())
        others, true = idx != target, slice(target, target + 1)
        self.target_bar.setOpts(x=idx[true], height=point.probabilities[true])
        self.prob_bars.setOpts(x=idx[others], height=point.probabilities[others])
        self._update_prob_labels(point.probabilities, k)
        self.ce_bars.setOpts(x=idx - 0.2, height=point.ce_grad)
        self.mse_bars.setOpts(x=idx + 0.2, height=point.mse_grad)
        # A fixed scale (±1, or wider when bits push CE past it): bars compare across edits.
        biggest = float(max(np.abs(point.ce_grad).max(), np.abs(point.mse_grad).max()))
        limit = max(1.0, np.ceil(biggest / 0.25) * 0.25)
        if limit != self._bar_limit:
            self._bar_limit = limit
            self.grad_bars_widget.getPlotItem().setYRange(-1.05 * limit, 1.05 * limit, padding=0)
        self._update_markers()

    def _fit_prob_top(self) -> None:
        """The probability axis's top: 1.12, or higher where a bar at 1 would push its value
        out of the plot (lecture mode's large text at 1280×720 cut 0.982 off at the top). With
        the range 0…T over H pixels, a label h pixels tall above 1.01 fits when
        T − 1.01 ≥ h T / H, so T = 1.01 / (1 − h / H)."""
        vb = self.prob_widget.getPlotItem().vb
        need = self.prob_labels.text_height() + 1.0
        height = vb.height()
        top = 1.12 if height <= 0 else max(1.12, 1.01 / max(1.0 - need / height, 0.5))
        if abs(top - self._prob_top) > 1e-3:  # a new range re-lays the axis: only on change
            self._prob_top = top
            vb.setYRange(0.0, top, padding=0)

    def _label_classes(self, plot: LeanPlot) -> None:
        """A tick under every bar; under as many as the width holds a class name, whole or
        elided, evenly spaced around the true class's, which is always named (a name at the
        plot's edge may reach over the empty corner below the left axis)."""
        if self._classes is None:
            return
        classes, target = self._classes
        axis, vb = plot.getAxis("bottom"), plot.vb
        metrics = QFontMetricsF(axis.style["tickFont"] or axis.font())
        centres = [
            axis.mapFromItem(vb, vb.mapFromView(QPointF(i, 0.0))).x() for i in range(len(classes))
        ]
        # The plot's own width, in the axis's coordinates, less a pixel: pyqtgraph measures a
        # label's text itself, and drops one that reaches past the bounds it allows.
        box = plot.boundingRect()
        lo = axis.mapFromItem(plot, box.topLeft()).x() + 1.0
        hi = axis.mapFromItem(plot, box.topRight()).x() - 1.0
        reach = math.ceil(max(-lo, hi - axis.width(), 0.0)) + 2
        if axis.style["hideOverlappingLabels"] != reach:  # how far past its ends it may draw
            axis.prepareGeometryChange()  # its bounds include that reach: the scene must know
            axis.setStyle(hideOverlappingLabels=reach)
        labels = class_labels(
            classes,
            target,
            centres,
            (lo, hi),
            12.0,
            metrics.horizontalAdvance,
            lambda text, room: metrics.elidedText(text, Qt.TextElideMode.ElideRight, room),
        )
        ticks = list(enumerate(labels))
        if ticks != self._ticks.get(id(plot)):  # a new set re-lays the axis
            self._ticks[id(plot)] = ticks
            axis.setTicks([ticks])

    def _update_prob_labels(self, probs: np.ndarray, k: int) -> None:
        """The value above each bar, up to ten bars (more would run together)."""
        if k > 10:
            self.prob_labels.set_labels([])
            return
        values = [float(p) for p in probs]
        # Where the values would run into each other (ten bars in a narrow plot, a projector's
        # text), the true class's is kept first, then the most probable: the table has all.
        target = self._target
        priority = sorted(range(k), key=lambda i: (i != target, -values[i], i))
        self.prob_labels.set_labels(
            [(i, p + 0.01, bar_label(p)) for i, p in enumerate(values)], priority=priority
        )

    def show_curves(self, display: CurveDisplay, unit_ce: str, unit_mse: str) -> None:
        """The loss and gradient curves: they change only when a non-target logit changes."""
        self._curves = display
        x = display.x
        self.ce_curve.set_curve(x, display.ce)
        self.mse_curve.set_curve(x, display.mse)
        log = display.log_grad
        dp = self.grad_widget.getPlotItem()
        dp.setLogMode(False, log)
        self.ce_grad_curve.set_curve(x, display.ce_grad)
        self.mse_grad_curve.set_curve(x, display.mse_grad)
        self.article_curve.set_curve(x, display.article)
        self._set_axis_labels(display, unit_ce, unit_mse)
        lp = self.loss_widget.getPlotItem()
        # Explicit ranges, set only when they change: pyqtgraph's auto-range would repaint twice.
        ranges = (display.x_range, display.loss_range, display.grad_range)
        if ranges != self._ranges:
            self._ranges = ranges
            for w in (self.loss_widget, self.grad_widget):
                w.getPlotItem().setXRange(*display.x_range, padding=0.02)
            lp.setYRange(*display.loss_range, padding=0)
            dp.setYRange(*display.grad_range, padding=0)
            for plot in (lp, dp):
                plot.vb.updateMatrix()  # now, not at paint time (that would paint twice)
        # After the ranges: a label near the data area's edge goes to the curve's other side.
        self.loss_labels.place(x, {"ce": display.ce, "mse": display.mse})
        self.grad_labels.place(x, {"ce": display.ce_grad, "mse": display.mse_grad})
        self._update_markers()

    def _set_axis_labels(self, display: CurveDisplay, unit_ce: str, unit_mse: str) -> None:
        self._label_args = (display, unit_ce, unit_mse)
        log = display.log_grad
        lp, dp = self.loss_widget.getPlotItem(), self.grad_widget.getPlotItem()
        x_label = "z_p" if display.x_axis == "z" else "s_p"
        labels = (
            # One sentence, as the race's axis has it: Chinese writes its own brackets.
            tr("loss (CE {ce}, MSE {mse})").format(ce=unit_name(unit_ce), mse=unit_name(unit_mse)),
            x_label,
            "|∂L/∂z_p| (log)" if log else "∂L/∂z_p",
        )
        if labels != self._labels:  # setLabel re-lays the axis: only when the text changes
            self._labels = labels
            self._loss_label_shown = None
            self._fit_loss_label()
            theme.set_label(lp.getAxis("bottom"), labels[1])
            theme.set_label(dp.getAxis("bottom"), labels[1])
            theme.set_label(dp.getAxis("left"), labels[2])

    def _fit_loss_label(self) -> None:
        """The loss axis's name with its units, or without them where the axis is too short
        for the whole (lecture mode's large text at 1280×720 cut it off at both ends)."""
        if not self._labels:
            return
        axis = self.loss_widget.getPlotItem().getAxis("left")
        room = axis.height()
        forms = (self._labels[0], tr("loss"))
        if room <= 0 or (forms, room, theme.font_px()) == self._loss_label_shown:
            return
        self._loss_label_shown = (forms, room, theme.font_px())
        theme.set_fitting_label(axis, forms)

    def loss_label(self) -> str:
        """The loss axis's name as shown."""
        return str(self.loss_widget.getPlotItem().getAxis("left").labelText)

    def columns(self, plot_name: str) -> dict[str, np.ndarray]:
        """The numbers behind one plot, as named columns (CSV export)."""
        point, display = self._point, self._curves
        if point is None or display is None:
            return {}
        curves = display.curves
        k = np.arange(len(point.probabilities), dtype=float)
        if plot_name == "probBarsPlot":
            return {"k": k, "s_k": point.probabilities}
        if plot_name == "gradBarsPlot":
            return {"k": k, "dCE/dz_k": point.ce_grad, "dMSE/dz_k": point.mse_grad}
        x_name = "z_p" if display.x_axis == "z" else "s_p"
        x = display.x
        if plot_name == "lossCurvePlot":
            return {x_name: x, "CE": curves.ce, "MSE": curves.mse}
        return {
            x_name: x,
            "dCE/dz_p": curves.ce_grad,
            "dMSE/dz_p": curves.mse_grad,
            "article dMSE/dz_p": curves.article,
        }

    def _update_markers(self) -> None:
        """The current point on the curves (the controller's show_point and show_curves both
        come here, once the curves have been shown): set where it moved."""
        m = self._markers
        if m is None or self._curves is None or m == self._markers_shown:
            return
        self._markers_shown = m
        self.loss_point.set_points([(m.x, m.ce), (m.x, m.mse)])
        self.grad_point.set_points([(m.x, m.ce_grad), (m.x, m.mse_grad)])
        self.loss_vline.setPos(m.x)
        self.grad_vline.setPos(m.x)
        for labels in (self.loss_labels, self.grad_labels):
            labels.avoid(m.x)
