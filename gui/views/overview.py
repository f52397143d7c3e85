"""F2 — the 1-D story: probability and gradient bars, loss and dL/dz_p against z_p (or s_p)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from gui import theme
from model.scene import LOG_FLOOR, PointValues
from model.surfaces import Curves


def tr(text: str) -> str:
    return QCoreApplication.translate("OverviewView", text)


def _plot_widget(name: str) -> pg.PlotWidget:
    w = pg.PlotWidget()
    w.setObjectName(name)
    w.setMinimumSize(260, 180)
    w.setMenuEnabled(False)
    return w


class OverviewView(QWidget):
    """Owns its pyqtgraph items, built once; ``show_*`` only pushes new arrays into them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewView")
        self.x_axis_combo = QComboBox()
        self.x_axis_combo.setObjectName("xAxisCombo")
        self.x_axis_combo.addItem(tr("x axis: z_p (true logit)"), "z")
        self.x_axis_combo.addItem(tr("x axis: s_p (true probability)"), "s")
        self.log_grad_check = QCheckBox(tr("log |∂L/∂z_p|"))
        self.log_grad_check.setObjectName("logGradCheck")
        self.log_grad_check.setToolTip(tr("Log scale: MSE's vanishing gradient is plain to see"))
        controls = QHBoxLayout()
        controls.addWidget(self.x_axis_combo)
        controls.addWidget(self.log_grad_check)
        controls.addStretch(1)

        self.prob_widget = _plot_widget("probBarsPlot")
        self.grad_bars_widget = _plot_widget("gradBarsPlot")
        self.loss_widget = _plot_widget("lossCurvePlot")
        self.grad_widget = _plot_widget("gradCurvePlot")
        grid = QGridLayout()
        grid.addWidget(self.prob_widget, 0, 0)
        grid.addWidget(self.grad_bars_widget, 0, 1)
        grid.addWidget(self.loss_widget, 1, 0)
        grid.addWidget(self.grad_widget, 1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(grid, 1)
        self._build_items()
        self._curves: Curves | None = None
        self._point: PointValues | None = None
        self._target = 0

    # --- items, built once ---------------------------------------------------------------
    def _build_items(self) -> None:
        pp = self.prob_widget.getPlotItem()
        theme.style_plot(pp, tr("Softmax probabilities"), tr("class"), tr("s_k"))
        pp.setYRange(0, 1.05, padding=0)
        pp.setMouseEnabled(False, False)
        self.prob_bars = pg.BarGraphItem(x=[0], height=[0], width=0.6)
        pp.addItem(self.prob_bars)
        self.prob_text: list[pg.TextItem] = []

        gp = self.grad_bars_widget.getPlotItem()
        theme.style_plot(gp, tr("Gradients ∂L/∂z_k"), tr("class"), tr("∂L/∂z_k"))
        gp.setMouseEnabled(False, False)
        gp.addLegend(offset=(-10, 10))
        self.ce_bars = pg.BarGraphItem(
            x=[0], height=[0], width=0.38, brush=theme.CE_COLOUR, name="CE"
        )
        self.mse_bars = pg.BarGraphItem(
            x=[0], height=[0], width=0.38, brush=theme.MSE_COLOUR, name="MSE"
        )
        gp.addItem(self.ce_bars)
        gp.addItem(self.mse_bars)
        gp.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen("#888", width=1)))

        lp = self.loss_widget.getPlotItem()
        theme.style_plot(lp, tr("Loss against the true logit"), "z_p", tr("loss"))
        lp.addLegend(offset=(-10, 10))
        self.ce_curve = lp.plot(pen=theme.pen(theme.CE_COLOUR, 3), name="CE")
        self.mse_curve = lp.plot(pen=theme.pen(theme.MSE_COLOUR, 3), name="MSE")
        self.loss_point = pg.ScatterPlotItem(size=13, pen=pg.mkPen("k", width=1.5))
        lp.addItem(self.loss_point)
        self.loss_vline = pg.InfiniteLine(
            angle=90, pen=theme.pen(theme.POINT_COLOUR, 1.2, dashed=True)
        )
        lp.addItem(self.loss_vline)

        dp = self.grad_widget.getPlotItem()
        theme.style_plot(dp, tr("Gradient on the true logit"), "z_p", "∂L/∂z_p")
        legend = dp.addLegend(brush=pg.mkBrush(21, 21, 21, 220))
        # Middle left: the curves sit at 0 and -1 there, leaving the band between them empty.
        legend.anchor(itemPos=(0, 0.5), parentPos=(0, 0.5), offset=(10, 0))
        self.ce_grad_curve = dp.plot(pen=theme.pen(theme.CE_COLOUR, 3), name="CE: s_p − 1")
        self.mse_grad_curve = dp.plot(
            pen=theme.pen(theme.MSE_COLOUR, 3), name=tr("MSE (exact, all K paths)")
        )
        self.article_curve = dp.plot(
            pen=theme.pen(theme.ARTICLE_COLOUR, 2.5, dashed=True),
            name=tr("MSE, article's term −2s_p(1−s_p)²"),
        )
        self.grad_point = pg.ScatterPlotItem(size=13, pen=pg.mkPen("k", width=1.5))
        dp.addItem(self.grad_point)
        self.grad_vline = pg.InfiniteLine(
            angle=90, pen=theme.pen(theme.POINT_COLOUR, 1.2, dashed=True)
        )
        dp.addItem(self.grad_vline)

    # --- state queries -------------------------------------------------------------------
    def x_axis_mode(self) -> str:
        return str(self.x_axis_combo.currentData())

    def log_gradient(self) -> bool:
        return self.log_grad_check.isChecked()

    # --- rendering -----------------------------------------------------------------------
    def show_point(self, point: PointValues, classes: tuple[str, ...], target: int) -> None:
        """Bars and markers: everything that moves with the current logits."""
        self._point = point
        self._target = target
        k = len(classes)
        idx = np.arange(k, dtype=float)
        brushes = [theme.TARGET_COLOUR if i == target else theme.OTHER_COLOUR for i in range(k)]
        self.prob_bars.setOpts(x=idx, height=point.probabilities, brushes=brushes)
        ticks = [[(i, name + (" ✓" if i == target else "")) for i, name in enumerate(classes)]]
        for w in (self.prob_widget, self.grad_bars_widget):
            w.getPlotItem().getAxis("bottom").setTicks(ticks)
            w.getPlotItem().setXRange(-0.6, k - 0.4, padding=0)
        self._update_prob_labels(point.probabilities, k)
        self.ce_bars.setOpts(x=idx - 0.2, height=point.ce_grad)
        self.mse_bars.setOpts(x=idx + 0.2, height=point.mse_grad)
        lo = float(min(point.ce_grad.min(), point.mse_grad.min(), 0.0))
        hi = float(max(point.ce_grad.max(), point.mse_grad.max(), 0.0))
        pad = 0.08 * max(hi - lo, 1e-3)
        self.grad_bars_widget.getPlotItem().setYRange(lo - pad, hi + pad, padding=0)
        self._update_markers()

    def _update_prob_labels(self, probs: np.ndarray, k: int) -> None:
        plot = self.prob_widget.getPlotItem()
        while len(self.prob_text) < k:
            item = pg.TextItem(anchor=(0.5, 1.0), color="w")
            plot.addItem(item)
            self.prob_text.append(item)
        for i, item in enumerate(self.prob_text):
            item.setVisible(i < k and k <= 10)
            if i < k:
                item.setText(f"{probs[i]:.3f}")
                item.setPos(i, float(probs[i]) + 0.01)

    def show_curves(self, curves: Curves, unit_ce: str, unit_mse: str) -> None:
        """The loss and gradient curves: they change only when a non-target logit changes."""
        self._curves = curves
        x = curves.x if self.x_axis_mode() == "z" else curves.s_p
        self.ce_curve.setData(x, curves.ce, skipFiniteCheck=True)
        self.mse_curve.setData(x, curves.mse, skipFiniteCheck=True)
        log = self.log_gradient()
        dp = self.grad_widget.getPlotItem()
        dp.setLogMode(False, log)
        for item, values in (
            (self.ce_grad_curve, curves.ce_grad),
            (self.mse_grad_curve, curves.mse_grad),
            (self.article_curve, curves.article),
        ):
            y = np.maximum(np.abs(values), LOG_FLOOR) if log else values
            item.setData(x, y, skipFiniteCheck=True)
        x_label = "z_p" if self.x_axis_mode() == "z" else "s_p"
        lp = self.loss_widget.getPlotItem()
        theme.set_label(lp.getAxis("left"), tr("loss") + f" (CE {unit_ce}, MSE {unit_mse})")
        theme.set_label(lp.getAxis("bottom"), x_label)
        theme.set_label(dp.getAxis("bottom"), x_label)
        theme.set_label(dp.getAxis("left"), "|∂L/∂z_p| (log)" if log else "∂L/∂z_p")
        for w in (self.loss_widget, self.grad_widget):
            if self.x_axis_mode() == "z":
                w.getPlotItem().setXRange(float(curves.x[0]), float(curves.x[-1]), padding=0.02)
            else:
                w.getPlotItem().setXRange(0.0, 1.0, padding=0.02)
            w.getPlotItem().enableAutoRange(axis="y")
        self._update_markers()

    def _update_markers(self) -> None:
        point, curves = self._point, self._curves
        if point is None or curves is None:
            return
        p = self._target
        x = float(point.logits[p]) if self.x_axis_mode() == "z" else point.s_p
        self.loss_point.setData(
            [x, x], [point.ce, point.mse], brush=[theme.CE_COLOUR, theme.MSE_COLOUR]
        )
        g_ce, g_mse = float(point.ce_grad[p]), float(point.mse_grad[p])
        if self.log_gradient():
            ys = [np.log10(max(abs(g_ce), LOG_FLOOR)), np.log10(max(abs(g_mse), LOG_FLOOR))]
        else:
            ys = [g_ce, g_mse]
        self.grad_point.setData([x, x], ys, brush=[theme.CE_COLOUR, theme.MSE_COLOUR])
        self.loss_vline.setPos(x)
        self.grad_vline.setPos(x)
