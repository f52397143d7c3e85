"""A plot item with what LossLab's plots use of pyqtgraph's PlotItem, and none of the rest.

``PlotItem`` builds, for every plot, a hidden "Plot Options" menu of ~30 widgets (transforms,
downsampling, averaging, ...), an auto-range button and two hidden axes: ~4 ms a plot, and
~20 ms more for the first one (Qt's widget classes), ~7 % of the app's start-up.
``LeanPlot`` lays out pyqtgraph's own parts (title ``LabelItem``, left and bottom
``AxisItem``, ``ViewBox``, ``LegendItem``) in the same grid as ``PlotItem`` does, and keeps the
``PlotItem`` methods the views call; ``pg.PlotWidget(plotItem=LeanPlot())`` shows it.
"""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsGridLayout, QGraphicsItem, QSizePolicy

from gui.views.fast_items import Axis

# Where PlotItem puts its parts: (row, column) in its grid.
TITLE_CELL, VIEW_CELL = (0, 1), (2, 1)
AXIS_CELLS = {"left": (2, 0), "bottom": (3, 1)}
EMPTY_ROW, EMPTY_COLUMN = 1, 2  # where PlotItem's top and right axes are

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


class LeanPlot(pg.GraphicsWidget):
    """Title, left and bottom axes, a view box and an optional legend, in PlotItem's grid."""

    def __init__(self, view_box: pg.ViewBox | None = None) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.layout = QGraphicsGridLayout()
        self.layout.setContentsMargins(1, 1, 1, 1)
        self.layout.setHorizontalSpacing(0)
        self.layout.setVerticalSpacing(0)
        self.setLayout(self.layout)
        self.vb = view_box if view_box is not None else pg.ViewBox(enableMenu=False)
        self.vb.setParentItem(self)
        self.layout.addItem(self.vb, *VIEW_CELL)
        self.sigRangeChanged = self.vb.sigRangeChanged  # PlotWidget connects to it
        for name in _VIEW_METHODS:
            setattr(self, name, getattr(self.vb, name))
        self.axes: dict[str, dict[str, Any]] = {}
        for side, cell in AXIS_CELLS.items():
            axis = Axis(side, parent=self)
            axis.linkToView(self.vb)
            # As PlotItem: above images (z = 0), below items that draw over the axes.
            axis.setZValue(0.5)
            axis.setFlag(QGraphicsItem.GraphicsItemFlag.ItemNegativeZStacksBehindParent)
            self.layout.addItem(axis, *cell)
            self.axes[side] = {"item": axis, "pos": cell}
        self.titleLabel = pg.LabelItem("", size="11pt", parent=self)
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
        self.legend: pg.LegendItem | None = None

    # --- the PlotItem methods LossLab calls, under PlotItem's names ---------------------------
    def getViewBox(self) -> pg.ViewBox:
        return self.vb

    def getAxis(self, name: str) -> Axis:
        return self.axes[name]["item"]

    def setTitle(self, title: str | None = None, **args: Any) -> None:
        if title is None:
            self.titleLabel.setVisible(False)
            self.layout.setRowFixedHeight(TITLE_CELL[0], 0)
            self.titleLabel.setMaximumHeight(0)
        else:
            self.titleLabel.setMaximumHeight(30)
            self.layout.setRowFixedHeight(TITLE_CELL[0], 30)
            self.titleLabel.setVisible(True)
            self.titleLabel.setText(title, **args)

    def addLegend(self, offset: tuple[float, float] = (30, 30), **kwargs: Any) -> pg.LegendItem:
        if self.legend is None:
            self.legend = pg.LegendItem(offset=offset, **kwargs)
            self.legend.setParentItem(self.vb)
        return self.legend

    def addItem(self, item: QGraphicsItem, ignoreBounds: bool = False) -> None:
        """Into the view box; a named data item (a bar set, a curve) also into the legend."""
        self.items.append(item)
        self.vb.addItem(item, ignoreBounds=ignoreBounds)
        name = item.name() if hasattr(item, "implements") and item.implements("plotData") else None
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
