"""LeanPlot against pyqtgraph's PlotItem: the same layout, without the options menu."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import QApplication, QMenu

from gui import theme
from gui.views.fast_items import Axis
from gui.views.lean_plot import LeanPlot


def _styled(widget: pg.PlotWidget, qtbot, size: tuple[int, int]) -> pg.PlotWidget:
    qtbot.addWidget(widget)
    theme.style_plot(widget.getPlotItem(), "A title", "z_p", "∂L/∂z_p")
    widget.getPlotItem().setXRange(-10, 10, padding=0)
    widget.getPlotItem().setYRange(-1.05, 0.05, padding=0)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()
    return widget


@pytest.mark.parametrize("size", [(534, 400), (401, 333), (977, 611)])
def test_the_view_and_axes_sit_where_plotitem_puts_them(qtbot, size):
    """Same title, labels and ranges: the data area and both axes get the same geometry,
    at whole-pixel offsets (an empty row would take a share of the stretch)."""
    theme.setup_pyqtgraph()
    lean = _styled(pg.PlotWidget(plotItem=LeanPlot()), qtbot, size)
    full = _styled(pg.PlotWidget(enableMenu=False), qtbot, size)
    a, b = lean.getPlotItem(), full.getPlotItem()
    assert a.vb.sceneBoundingRect() == b.vb.sceneBoundingRect()
    for side in ("left", "bottom"):
        assert a.getAxis(side).geometry() == b.getAxis(side).geometry()
    assert a.titleLabel.geometry() == b.titleLabel.geometry()
    np.testing.assert_allclose(a.vb.viewRange(), b.vb.viewRange())


def test_no_options_menu_and_named_items_join_the_legend(qtbot):
    plot = LeanPlot()
    widget = pg.PlotWidget(plotItem=plot)
    qtbot.addWidget(widget)
    assert widget.findChildren(QMenu) == []  # PlotItem builds a "Plot Options" menu per plot
    assert isinstance(plot.getAxis("left"), Axis) and isinstance(plot.getAxis("bottom"), Axis)
    legend = plot.addLegend()
    named = pg.BarGraphItem(x=[0], height=[1], width=0.5, name="CE")
    unnamed = pg.BarGraphItem(x=[1], height=[1], width=0.5)
    plot.addItem(named)
    plot.addItem(unnamed)
    assert [label.text for _sample, label in legend.items] == ["CE"]
    assert named in plot.vb.addedItems and unnamed in plot.vb.addedItems
    plot.removeItem(named)
    assert legend.items == [] and named not in plot.vb.addedItems


def test_log_mode_gives_the_left_axis_log_ticks(qtbot):
    plot = LeanPlot()
    widget = pg.PlotWidget(plotItem=plot)
    qtbot.addWidget(widget)
    plot.setLogMode(False, True)
    assert plot.getAxis("left").logMode and not plot.getAxis("bottom").logMode
    plot.setLogMode(False, False)
    assert not plot.getAxis("left").logMode
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()
    axis = plot.getAxis("left")
    assert axis.picture is not None  # painted: the ticks are recorded
    plot.setLogMode(False, False)  # the views call it on every curve update
    assert axis.picture is not None  # unchanged: no re-layout of the ticks


def test_an_axis_parses_its_label_only_when_it_changes(qtbot, monkeypatch):
    axis = Axis("left")
    calls: list[str] = []
    real = axis.label.setHtml
    monkeypatch.setattr(axis.label, "setHtml", lambda html: (calls.append(html), real(html)))
    axis.setTextPen(theme.AXIS_TEXT)
    theme.set_label(axis, "loss")
    assert "loss" in axis.label.toHtml()
    calls.clear()
    for _ in range(5):  # pyqtgraph re-sets the label on every range and pen change
        axis.setRange(0, 1)
        axis.setTickPen("w")
    assert calls == []
    theme.set_label(axis, "gradient")
    assert len(calls) == 1 and "gradient" in axis.label.toHtml()
