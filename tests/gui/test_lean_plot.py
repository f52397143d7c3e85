"""LeanPlot against pyqtgraph's PlotItem: the same layout, without the options menu."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QApplication, QMenu

from gui import theme
from gui.views.fast_items import CurveItem
from gui.views.lean_plot import LeanPlot, columns_that_fit
from tests.gui.conftest import send_mouse


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
    # (The data area's rect: LeanPlot's view box has no border, nor its half-pixel allowance.)
    assert a.vb.mapRectToScene(a.vb.rect()) == b.vb.mapRectToScene(b.vb.rect())
    for side in ("left", "bottom"):
        assert a.getAxis(side).geometry() == b.getAxis(side).geometry()
    assert a.titleLabel.geometry() == b.titleLabel.geometry()
    np.testing.assert_allclose(a.vb.viewRange(), b.vb.viewRange())


def test_no_options_menu_and_named_items_join_the_legend(qtbot):
    plot = LeanPlot()
    widget = pg.PlotWidget(plotItem=plot)
    qtbot.addWidget(widget)
    assert widget.findChildren(QMenu) == []  # PlotItem builds a "Plot Options" menu per plot
    assert plot.getAxis("left").orientation == "left"
    assert plot.getAxis("bottom").orientation == "bottom"
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


def test_legend_columns_fill_a_row_as_far_as_the_room_allows():
    widths = [30.0, 80.0, 150.0]
    assert columns_that_fit(widths, 260, 0) == 3
    assert columns_that_fit(widths, 270, 5) == 3  # two gaps between three entries
    assert columns_that_fit(widths, 269, 5) == 2  # 150 (entries 0 and 2) + 5 + 80 = 235
    assert columns_that_fit(widths, 235, 5) == 2
    assert columns_that_fit(widths, 234, 5) == 1
    assert columns_that_fit(widths, 10, 5) == 1
    assert columns_that_fit([40.0] * 5, 120, 0) == 3


def _legend_plot(qtbot, width: int) -> tuple[pg.PlotWidget, LeanPlot]:
    theme.setup_pyqtgraph()
    plot = LeanPlot()
    widget = _styled(pg.PlotWidget(plotItem=plot), qtbot, (width, 300))
    legend = theme.add_legend(plot)
    for name, colour in (("CE", theme.CE_COLOUR), ("MSE, exact", theme.MSE_COLOUR)):
        curve = CurveItem(theme.pen(colour))
        curve.set_curve(np.linspace(-10, 10, 50), np.linspace(-1, 0, 50))
        plot.vb.addItem(curve)
        legend.addItem(curve, name)
    legend.addItem(pg.BarGraphItem(x=[0], height=[1], width=0.5), "MSE, article (1 path)")
    QApplication.processEvents()
    return widget, plot


def _assert_legend_above_the_data(widget: pg.PlotWidget, plot: LeanPlot) -> None:
    legend = plot.legend.sceneBoundingRect()
    assert legend.bottom() <= plot.vb.sceneBoundingRect().top()  # it covers no data
    assert legend.top() >= plot.titleLabel.sceneBoundingRect().bottom() - 1
    assert 0 <= legend.left() and legend.right() <= widget.viewport().width()
    # The plot is as wide as its view: a legend never holds it wider (and clips its right).
    assert plot.width() == pytest.approx(widget.viewport().width(), abs=1)


def test_the_legend_has_a_row_above_the_data_one_line_when_there_is_room(qtbot):
    widget, plot = _legend_plot(qtbot, 700)
    assert plot.legend.columnCount == 3
    _assert_legend_above_the_data(widget, plot)
    one_row = plot.legend.sceneBoundingRect().height()
    assert one_row < 30  # one line of 11-point text, no padding of the style's

    widget.resize(260, 300)  # too narrow for one line: the entries stack, nothing is cut
    QApplication.processEvents()
    assert plot.legend.columnCount < 3
    assert plot.legend.sceneBoundingRect().height() > 1.5 * one_row
    _assert_legend_above_the_data(widget, plot)

    widget.resize(700, 300)
    QApplication.processEvents()
    assert plot.legend.columnCount == 3
    _assert_legend_above_the_data(widget, plot)


def _drag(qtbot, widget: pg.PlotWidget, item: pg.GraphicsObject) -> None:
    view, left = widget.viewport(), Qt.MouseButton.LeftButton
    start = widget.mapFromScene(item.sceneBoundingRect().center())
    send_mouse(view, QEvent.Type.MouseMove, start, Qt.MouseButton.NoButton)  # hovered first
    send_mouse(view, QEvent.Type.MouseButtonPress, start, left)
    for d in (5, 20, 40, 60):
        qtbot.wait(25)  # pyqtgraph drops mouse moves closer together than its frame limit
        send_mouse(view, QEvent.Type.MouseMove, start + QPoint(d, d), left)
    send_mouse(
        view, QEvent.Type.MouseButtonRelease, start + QPoint(60, 60), Qt.MouseButton.NoButton
    )
    QApplication.processEvents()


def test_the_legend_is_not_dragged_away_from_its_row(qtbot):
    widget, plot = _legend_plot(qtbot, 700)
    before = plot.legend.sceneBoundingRect()
    _drag(qtbot, widget, plot.legend.items[1][1])
    assert plot.legend.sceneBoundingRect() == before
    # The same drag moves a pyqtgraph legend floating over the data (the control).
    control = pg.LegendItem(offset=(10, 10))
    control.setParentItem(plot.vb)
    control.addItem(plot.legend.items[0][0].item, "CE")
    QApplication.processEvents()
    moved_from = control.sceneBoundingRect()
    _drag(qtbot, widget, control.items[0][1])
    assert control.sceneBoundingRect().topLeft() != moved_from.topLeft()


def test_removing_a_legend_entry_moves_the_next_ones_up(qtbot):
    widget, plot = _legend_plot(qtbot, 330)  # three entries: two columns, two lines
    legend = plot.legend
    assert legend.columnCount == 2
    two_lines = legend.sceneBoundingRect().height()
    samples = [sample.item for sample, _label in legend.items]
    names = [label.text for _sample, label in legend.items]
    first_label = legend.items[0][1]
    legend.removeItem(samples[0])  # "CE": "MSE, exact" and the article's entry now fit one line
    QApplication.processEvents()
    assert [sample.item for sample, _label in legend.items] == samples[1:]
    assert [label.text for _sample, label in legend.items] == names[1:]
    assert first_label.scene() is None  # the removed entry is gone from the plot, not hidden
    tops = [label.sceneBoundingRect().top() for _sample, label in legend.items]
    assert len(tops) == 2 and tops[0] == pytest.approx(tops[1])
    assert legend.sceneBoundingRect().height() < 0.75 * two_lines
    _assert_legend_above_the_data(widget, plot)

    legend.removeItem("MSE, exact")  # by name, as pyqtgraph's legend allows
    QApplication.processEvents()
    assert [label.text for _sample, label in legend.items] == names[2:]
    legend.removeItem("no such entry")
    assert [label.text for _sample, label in legend.items] == names[2:]


def test_widget_items_with_qts_bounds_report_the_rect_pyqtgraph_works_out(qtbot, window):
    """The plot, its title, legend and samples, and the view boxes take Qt's own
    boundingRect: through resizes and a lecture font, each is the rectangle pyqtgraph's
    GraphicsWidget derives from the item's geometry (the oracle, written out here), and a
    sample's is pyqtgraph's fixed 20 × 20."""
    from PySide6.QtCore import QRectF
    from PySide6.QtWidgets import QGraphicsWidget

    from gui.views.fast_items import LegendSample
    from gui.views.lean_plot import DataBox, RowLegend, Title
    from gui.views.surfaces import PickViewBox

    owned = (LeanPlot, Title, RowLegend, LegendSample, PickViewBox, DataBox)

    def check() -> int:
        seen = 0
        for view in window.findChildren(pg.GraphicsView):
            for item in view.scene().items():
                if isinstance(item, owned) and isinstance(item, QGraphicsWidget):
                    seen += 1
                    expected = item.mapRectFromParent(item.geometry()).normalized()
                    if isinstance(item, LegendSample):
                        expected = QRectF(0, 0, 20, 20)
                    assert item.boundingRect() == expected, type(item).__name__
        return seen

    for view in ("overview", "surfaces"):
        window.set_view(view)
        QApplication.processEvents()
        for size in ((1280, 720), (1700, 1000)):
            window.resize(*size)
            QApplication.processEvents()
            assert check() >= 12
    window.findChild(pg.QtGui.QAction, "actionLectureMode").trigger()
    QApplication.processEvents()
    assert check() >= 12
