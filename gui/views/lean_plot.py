"""A plot item with what LossLab's plots use of pyqtgraph's PlotItem, and none of the rest.

``PlotItem`` builds, for every plot, a hidden "Plot Options" menu of ~30 widgets (transforms,
downsampling, averaging, ...), an auto-range button and two hidden axes: ~4 ms a plot, and
~20 ms more for the first one (Qt's widget classes), ~7 % of the app's start-up.
``LeanPlot`` lays out pyqtgraph's own parts (title ``LabelItem``, left and bottom
``AxisItem``, ``ViewBox``, ``LegendItem``) in the same grid as ``PlotItem`` does, and keeps the
``PlotItem`` methods the views call; ``pg.PlotWidget(plotItem=LeanPlot())`` shows it.

Its legend has a row of its own between the title and the data (``RowLegend``), where PlotItem's
floats over the data: at a projector's 1280×800, the gradient plot's legend is half the plot's
width and hid the dip of MSE's gradient wherever it went.
"""

from __future__ import annotations

from typing import Any, cast

import pyqtgraph as pg
from PySide6.QtCore import QSizeF, Qt
from PySide6.QtWidgets import (
    QGraphicsGridLayout,
    QGraphicsItem,
    QGraphicsSceneResizeEvent,
    QSizePolicy,
)

from gui.views.fast_items import QT_BOUNDS, LegendSample

# Where PlotItem puts its parts: (row, column) in its grid.
TITLE_CELL, VIEW_CELL = (0, 1), (2, 1)
AXIS_CELLS = {"left": (2, 0), "bottom": (3, 1)}
EMPTY_ROW, EMPTY_COLUMN = 1, 2  # where PlotItem's top and right axes are
LEGEND_ROW = EMPTY_ROW  # a legend spans the plot's width, above the data

# The ViewBox methods PlotItem passes through, and PlotWidget wraps.
_VIEW_METHODS = (
    "setXRange",
    "setYRange",
    "setXLink",
    "setYLink",
    "setRange",
    "autoRange",
    "viewRect",
    "viewRange",
    "setMouseEnabled",
    "setLimits",
    "enableAutoRange",
    "disableAutoRange",
    "setAspectLocked",
    "register",
    "unregister",
)


class RowLegend(pg.LegendItem):
    """pyqtgraph's legend (its samples, labels, and a click on an entry hides its item), laid
    out by the plot's grid in a row above the data, entries side by side as far as the width
    allows. It is not dragged about, and sizes itself through the layout, not by hand."""

    boundingRect = QT_BOUNDS  # LegendItem's is its own rect, worked out in Python

    def __init__(self, plot: LeanPlot, **kwargs: Any) -> None:
        for floating_only in ("offset", "frame"):  # PlotItem's legend options with no row use
            kwargs.pop(floating_only, None)
        super().__init__(offset=None, frame=False, **kwargs)
        self._plot = plot
        # The plot's row places it; pyqtgraph's legend floats, unscaled, over the view.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, False)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.layout.setContentsMargins(0, 0, 0, 0)  # the style's ~10 px would pad the row

    def sizeHint(self, which: Qt.SizeHint, constraint: QSizeF | None = None) -> QSizeF:
        hint = super().sizeHint(which, constraint or QSizeF())
        # No minimum width: a narrow plot squeezes the row, and fit_legend then stacks the
        # entries (a minimum of one row's width would keep the plot wider than its view).
        return QSizeF(0, hint.height()) if which == Qt.SizeHint.MinimumSize else hint

    def updateSize(self) -> None:  # pyqtgraph calls it on every change of the entries
        self.updateGeometry()
        self._plot.fit_legend()

    def mouseDragEvent(self, ev: Any) -> None:
        ev.ignore()

    def removeItem(self, item: object) -> None:
        """Remove ``item``'s entry (the item or its name), the entries after it moving up.

        pyqtgraph's leaves the entry's cell empty (it re-lays entries only when the column
        count changes): the others are added again, in order, as a new legend would lay them."""
        entries = [(sample.item, label.text) for sample, label in self.items]
        gone = next((i for i, (it, name) in enumerate(entries) if it is item or name == item), None)
        if gone is None:
            return
        del entries[gone]  # the first match, as pyqtgraph's removeItem
        self.clear()
        for entry, name in entries:
            self.addItem(entry, name)

    def entry_widths(self) -> list[float]:
        """Each entry's width: its sample, the spacing, its label."""
        hint = Qt.SizeHint.PreferredSize
        return [
            sample.effectiveSizeHint(hint).width()
            + self.layout.horizontalSpacing()
            + label.effectiveSizeHint(hint).width()
            for sample, label in self.items
        ]


def columns_that_fit(widths: list[float], room: float, gap: float) -> int:
    """The most legend columns whose row fits in ``room`` pixels, entries ``gap`` apart
    (entries go row by row, so column j holds entries j, j + n, ...; each column is as wide
    as its widest entry)."""
    for n in range(len(widths), 1, -1):
        if sum(max(widths[j::n]) for j in range(n)) + (n - 1) * gap <= room:
            return n
    return 1


class DataBox(pg.ViewBox):
    """A plot's view box when the plot is given none: pyqtgraph's, with no border, so its
    bounds are its own rect (ViewBox adds half a pixel at the right and bottom for a border
    line), from Qt's C++ (Qt asks for them on each repaint, once per item inside it)."""

    boundingRect = QT_BOUNDS


class Title(pg.LabelItem):
    """A plot's title: pyqtgraph's label, whose least width can be held below its text's,
    for a title that takes one line or two as its room allows (``least_width``)."""

    boundingRect = QT_BOUNDS
    least_width: float | None = None

    def updateMin(self) -> None:
        # LabelItem sets its least size to its text's on every new text and every resize.
        super().updateMin()
        if self.least_width is not None:
            self.setMinimumWidth(self.least_width)


class LeanPlot(pg.GraphicsWidget):
    """Title, left and bottom axes, a view box and an optional legend, in PlotItem's grid."""

    boundingRect = QT_BOUNDS

    def __init__(self, view_box: pg.ViewBox | None = None) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.layout = QGraphicsGridLayout()
        self.layout.setContentsMargins(1, 1, 1, 1)
        self.layout.setHorizontalSpacing(0)
        self.layout.setVerticalSpacing(0)
        self.setLayout(self.layout)
        self.vb = view_box if view_box is not None else DataBox(enableMenu=False)
        self.vb.setParentItem(self)
        self.layout.addItem(self.vb, *VIEW_CELL)
        self.sigRangeChanged = self.vb.sigRangeChanged  # PlotWidget connects to it
        for name in _VIEW_METHODS:
            setattr(self, name, getattr(self.vb, name))
        self.axes: dict[str, dict[str, Any]] = {}
        for side, cell in AXIS_CELLS.items():
            axis = pg.AxisItem(side, parent=self)
            axis.linkToView(self.vb)
            # As PlotItem: above images (z = 0), below items that draw over the axes.
            axis.setZValue(0.5)
            axis.setFlag(QGraphicsItem.GraphicsItemFlag.ItemNegativeZStacksBehindParent)
            self.layout.addItem(axis, *cell)
            self.axes[side] = {"item": axis, "pos": cell}
        self.titleLabel = Title("", size="11pt", parent=self)
        self.layout.addItem(self.titleLabel, *TITLE_CELL)
        self.setTitle(None)
        # PlotItem's stretch: the view takes the space, the other rows and columns their size.
        for i in range(4):
            self.layout.setRowPreferredHeight(i, 0)
            self.layout.setRowMinimumHeight(i, 0)
            self.layout.setRowSpacing(i, 0)
            self.layout.setRowStretchFactor(i, 1)
        for i in range(3):
            self.layout.setColumnPreferredWidth(i, 0)
            self.layout.setColumnMinimumWidth(i, 0)
            self.layout.setColumnSpacing(i, 0)
            self.layout.setColumnStretchFactor(i, 1)
        self.layout.setRowStretchFactor(VIEW_CELL[0], 100)
        self.layout.setColumnStretchFactor(VIEW_CELL[1], 100)
        # PlotItem's hidden top and right axes hold their row and column at zero size; empty,
        # they would take a share of the stretch and put the view at fractional pixels.
        self.layout.setRowMaximumHeight(EMPTY_ROW, 0)
        self.layout.setColumnMaximumWidth(EMPTY_COLUMN, 0)
        self.items: list[QGraphicsItem] = []
        self.legend: RowLegend | None = None

    # --- the PlotItem methods LossLab calls, under PlotItem's names ---------------------------
    def getViewBox(self) -> pg.ViewBox:
        return self.vb

    def getAxis(self, name: str) -> pg.AxisItem:
        return self.axes[name]["item"]

    def setTitle(self, title: str | None = None, **args: Any) -> None:
        if title is None:
            self.titleLabel.setVisible(False)
            self.layout.setRowFixedHeight(TITLE_CELL[0], 0)
            self.titleLabel.setMaximumHeight(0)
        else:
            # PlotItem's 30 px row, once per line of a title broken with <br>
            height = 30 * (1 + title.count("<br>"))
            self.titleLabel.setMaximumHeight(height)
            self.layout.setRowFixedHeight(TITLE_CELL[0], height)
            self.titleLabel.setVisible(True)
            self.titleLabel.setText(title, **args)

    def addLegend(self, **kwargs: Any) -> RowLegend:
        """The legend, in its row above the data (``kwargs``: LegendItem's; its floating
        ones, ``offset`` and ``frame``, have no use in a row)."""
        if self.legend is None:
            kwargs.setdefault("sampleType", LegendSample)  # it draws Bars' square too
            self.legend = RowLegend(self, **kwargs)
            self.layout.addItem(self.legend, LEGEND_ROW, 0, 1, 3, Qt.AlignmentFlag.AlignCenter)
            self.fit_legend()
        return self.legend

    def reserve_right(self, pixels: float) -> None:
        """Room right of the data (where PlotItem's hidden right axis is) for the bottom axis's
        last label, which reaches past the data's edge when a tick sits at it."""
        self.layout.setColumnMinimumWidth(EMPTY_COLUMN, pixels)
        self.layout.setColumnMaximumWidth(EMPTY_COLUMN, pixels)

    def fit_legend(self) -> None:
        """Entries side by side as far as the plot's width holds them; the row as high as the
        legend."""
        legend = self.legend
        if legend is None:
            return
        # PySide6's stubs type this out-parameter method's result as a bare object.
        margins = cast(tuple[float, float, float, float], self.layout.getContentsMargins())
        left, _top, right, _bottom = margins
        room = self.width() - left - right
        gap = legend.layout.horizontalSpacing()
        n = columns_that_fit(legend.entry_widths(), room, gap) if legend.items else 1
        if n != legend.columnCount:
            legend.setColumnCount(n)  # calls updateSize, which comes back here with n unchanged
            return
        height = legend.effectiveSizeHint(Qt.SizeHint.PreferredSize).height()
        self.layout.setRowFixedHeight(LEGEND_ROW, height + 2 if legend.items else 0)

    def resizeEvent(self, ev: QGraphicsSceneResizeEvent) -> None:
        super().resizeEvent(ev)
        if self.legend is not None and ev.oldSize().width() != ev.newSize().width():
            self.fit_legend()

    def addItem(self, item: QGraphicsItem, ignoreBounds: bool = False) -> None:
        """Into the view box; a named data item (a bar set, a curve) also into the legend."""
        self.items.append(item)
        self.vb.addItem(item, ignoreBounds=ignoreBounds)
        data_item = cast(Any, item)  # pyqtgraph's data items, duck-typed by implements()
        name = (
            data_item.name()
            if hasattr(item, "implements") and data_item.implements("plotData")
            else None
        )
        if name is not None and self.legend is not None:
            self.legend.addItem(item, name=name)

    def removeItem(self, item: QGraphicsItem) -> None:
        if item in self.items:
            self.items.remove(item)
            self.vb.removeItem(item)
            if self.legend is not None:
                self.legend.removeItem(item)

    def clear(self) -> None:
        for item in list(self.items):
            self.removeItem(item)

    def setAxisItems(self, axisItems: object = None) -> None:
        raise NotImplementedError("LeanPlot has fixed left and bottom axes")

    def setLogMode(self, x: bool | None = None, y: bool | None = None) -> None:
        """Log-scale tick labels (the views pass log10 data themselves, as PlotItem's items
        that have no log mode of their own get it). Only a change re-lays an axis: the views
        call this on every curve update."""
        for side, log in (("bottom", x), ("left", y)):
            axis = self.getAxis(side)
            if log is not None and bool(log) != axis.logMode:
                axis.setLogMode(bool(log))
