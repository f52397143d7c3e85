"""The look of every plot and of the window: the current profile of gui/palette.py, and the
pens and fonts made from it.

Views read colours only from here (``current()``), in an ``apply_theme()`` method that they
call when built and again whenever ``notifier.changed`` fires (lecture mode on or off, or the
window's height changing the projector profile's plot font).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont

from gui import palette
from gui.palette import Profile
from gui.views.lean_plot import LeanPlot


class _Notifier(QObject):
    changed = Signal()


notifier = _Notifier()
_current: Profile = palette.DARK
_font_px: int = palette.plot_font_px(palette.DARK, 0)


def current() -> Profile:
    return _current


def font_px() -> int:
    """Plot text's pixel size in the current profile at the window's current height."""
    return _font_px


def set_profile(name: str, window_height: int = 0) -> None:
    """Switch profile (and the plot font for ``window_height``); views restyle if it changed."""
    global _current, _font_px
    new = palette.profile(name)
    px = palette.plot_font_px(new, window_height)
    if new is _current and px == _font_px:
        return
    _current, _font_px = new, px
    notifier.changed.emit()

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
CE_COLOUR = "#56B4E9"  # sky blue
MSE_COLOUR = "#E69F00"  # orange
ARTICLE_COLOUR = "#D55E00"  # vermillion
TARGET_COLOUR = "#009E73"  # bluish green
OTHER_COLOUR = "#8C8C8C"
POINT_COLOUR = "#F0E442"  # yellow: the current point on dark plots
SLOW_COLOUR = "#FF4FD8"  # outline of "MSE barely learns here"
# The training view's classes (Okabe–Ito, none of them CE's or MSE's colour); a region's
# colour fades from the class's towards the background as the network's confidence falls.
CLASS_COLOURS = ("#CC79A7", "#009E73", "#F0E442", "#0072B2")
BACKGROUND = "#151515"
CONTOUR_COLOUR = (255, 255, 255, 150)
LOSS_MAP = "viridis"
GRAD_MAP = "cividis"

PLOT_FONT_PT = 11
AXIS_TEXT = "#D8D8D8"


def setup_pyqtgraph() -> None:
    """Global pyqtgraph options; must run before any plot item is built."""
    # Antialiasing only where it shows (curves ask for it themselves): on axes and grids it
    # made every overview repaint ~50 ms (QPicture replays of antialiased grid lines).
    pg.setConfigOptions(imageAxisOrder="row-major", antialias=False, background="#151515")


def pen(colour: str, width: float = 2.5, dashed: bool = False) -> pg.QtGui.QPen:
    p = pg.mkPen(QColor(colour), width=width)
    if dashed:
        p.setStyle(Qt.PenStyle.DashLine)
    p.setCosmetic(True)
    return p


def style_plot(plot: LeanPlot, title: str, x_label: str, y_label: str) -> None:
    font = QFont()
    font.setPointSize(PLOT_FONT_PT)
    plot.setTitle(title, size=f"{PLOT_FONT_PT + 2}pt")
    for side, label in (("bottom", x_label), ("left", y_label)):
        axis = plot.getAxis(side)
        # Tick values as they are (no "x1e-06" rescaling); it also spares an HTML re-layout of
        # the label on every range change (~200 at start-up).
        axis.enableAutoSIPrefix(False)
        set_label(axis, label)
        axis.setTextPen(AXIS_TEXT)
        # Ticks outside the data area: pyqtgraph's inward ticks put each axis's bounds inside
        # the plot, so every image or curve change repainted both axes too.
        axis.setStyle(tickLength=6)
        axis.setTickFont(font)
    # The end labels of a range (−10 and 10) may reach 15 px past the data area's edge, as
    # the left axis's may: pyqtgraph hid them, in one plot but not its neighbour, by a pixel.
    plot.getAxis("bottom").setStyle(hideOverlappingLabels=False)
    # A 4-pixel gap between the axes and the data area: a changed image or curve then never
    # marks an axis for repainting (the axes were half the cost of an update).
    plot.layout.setColumnSpacing(0, 4)  # left axis | data
    plot.layout.setRowSpacing(2, 4)  # data / bottom axis
    # No grid: pyqtgraph draws it through the axes' recorded pictures, which cost ~2 ms per
    # axis on every repaint; the zero lines and ticks carry the reading.


def add_legend(plot: LeanPlot) -> pg.LegendItem:
    """The plot's legend, in its row above the data, lettered as the axes are."""
    return plot.addLegend(labelTextSize=f"{PLOT_FONT_PT}pt", labelTextColor=AXIS_TEXT)


def set_label(axis: pg.AxisItem, text: str) -> None:
    """An axis label in the plots' colour and size (pyqtgraph resets both on every setLabel)."""
    axis.setLabel(text, color=AXIS_TEXT, **{"font-size": f"{PLOT_FONT_PT}pt"})
