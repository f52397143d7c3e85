"""The look of every plot and of the window: the current profile of gui/palette.py, and the
pens and fonts made from it.

Views read colours only from here (``current()``), in an ``apply_theme()`` method that they
call when built and again whenever ``notifier.changed`` fires (lecture mode on or off, or the
window's height changing the projector profile's plot font).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import pyqtgraph as pg
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QPen
from PySide6.QtWidgets import QApplication, QWidget

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
    pg.setConfigOption("background", new.background)  # for plots built from now on
    apply_to_application()
    notifier.changed.emit()


# Colours the views take at import for items whose pens the theme does not reach; the dark
# profile's, for the everyday look.
CE_COLOUR = palette.DARK.ce
MSE_COLOUR = palette.DARK.mse
CLASS_COLOURS = palette.CLASS_COLOURS
CONTOUR_COLOUR = (255, 255, 255, 150)
LOSS_MAP = palette.DARK.loss_map
GRAD_MAP = palette.DARK.grad_map

Series = Literal["ce", "mse", "article"]


def colour(field: str) -> str:
    """A colour of the current profile by its field name ("ce", "axis_text", …)."""
    value = getattr(_current, field)
    assert isinstance(value, str) and value.startswith("#"), field
    return value


def setup_pyqtgraph() -> None:
    """Global pyqtgraph options; must run before any plot item is built."""
    # Antialiasing only where it shows (curves ask for it themselves): on axes and grids it
    # made every overview repaint ~50 ms (QPicture replays of antialiased grid lines).
    pg.setConfigOptions(imageAxisOrder="row-major", antialias=False, background=_current.background)


def pen(
    colour: str, width: float = 2.5, dashed: bool = False, dash: tuple[float, ...] | None = None
) -> QPen:
    """A cosmetic pen, as wide as the profile makes ``width`` (twice in the projector's)."""
    p = QPen(QColor(colour))
    p.setWidthF(palette.line_width(_current, width))
    p.setCosmetic(True)
    pattern = dash if dash is not None else (palette.DASHED if dashed else palette.SOLID)
    if pattern:
        p.setDashPattern(list(pattern))
    return p


def line_width(width: float) -> float:
    """``width`` in the current profile (twice as thick in the projector's)."""
    return palette.line_width(_current, width)


def series_pen(series: Series, width: float = 3.0) -> QPen:
    """CE's, MSE's or the article's pen: its own colour and its own dash pattern, so that no
    reader has to tell them apart by hue alone."""
    dash = {"ce": _current.ce_dash, "mse": _current.mse_dash, "article": _current.article_dash}
    return pen(colour(series), width, dash=dash[series])


def series_text(series: Series) -> str:
    """The colour of a series' direct label and legend text (darker than its line on white)."""
    return colour(f"{series}_text")


def text_px(extra_px: int = 0) -> int:
    """A plot text's pixel size, ``extra_px`` off the plot font; in a profile with a floor
    (the projector's 1/50 of the window height) never below it."""
    floor = _font_px if _current.font_height_divisor else 1
    return max(_font_px + extra_px, floor)


def plot_font(extra_px: int = 0, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(text_px(extra_px))
    font.setBold(bold)
    return font


def _title_css(extra_px: int = 2) -> dict[str, str]:
    return {"size": f"{_font_px + extra_px}px", "color": _current.axis_text}


def style_plot(plot: LeanPlot, title: str, x_label: str, y_label: str) -> None:
    plot.setTitle(title, **_title_css())
    for side, label in (("bottom", x_label), ("left", y_label)):
        axis = plot.getAxis(side)
        # Tick values as they are (no "x1e-06" rescaling); it also spares an HTML re-layout of
        # the label on every range change (~200 at start-up).
        axis.enableAutoSIPrefix(False)
        set_label(axis, label)
        # Ticks outside the data area: pyqtgraph's inward ticks put each axis's bounds inside
        # the plot, so every image or curve change repainted both axes too.
        axis.setStyle(tickLength=6)
    _colour_axes(plot)
    # The end labels of a range (−10 and 10) may reach 15 px past the data area's edge, as
    # the left axis's may: pyqtgraph hid them, in one plot but not its neighbour, by a pixel.
    plot.getAxis("bottom").setStyle(hideOverlappingLabels=False)
    # A 4-pixel gap between the axes and the data area: a changed image or curve then never
    # marks an axis for repainting (the axes were half the cost of an update).
    plot.layout.setColumnSpacing(0, 4)  # left axis | data
    plot.layout.setRowSpacing(2, 4)  # data / bottom axis
    # No grid: pyqtgraph draws it through the axes' recorded pictures, which cost ~2 ms per
    # axis on every repaint; the zero lines and ticks carry the reading.


def set_title(plot: LeanPlot, title: str) -> None:
    """A plot's title in the plots' colour and size (a new language's, say)."""
    plot.setTitle(title, **_title_css())


def set_legend_name(plot: LeanPlot, item: object, name: str) -> None:
    """The name of ``item``'s entry in the plot's legend (its sample and style kept)."""
    legend = plot.legend
    label = legend.getLabel(item) if legend is not None else None
    if label is not None and label.text != name:
        label.setText(name)
        plot.fit_legend()  # a longer name may no longer fit beside the others


def _colour_axes(plot: LeanPlot) -> None:
    font = plot_font()
    for side in ("bottom", "left"):
        axis = plot.getAxis(side)
        axis.setTextPen(_current.axis_text)
        axis.setPen(pen(_current.zero_line, 1.0))
        axis.setTickFont(font)
        if axis.labelText:  # setPen gave the label the pen's grey: the text colour again
            set_label(axis, axis.labelText)


def restyle_plot(plot: LeanPlot) -> None:
    """The current profile's colours and fonts on a plot styled before, its texts kept."""
    if plot.titleLabel.isVisible():
        plot.setTitle(plot.titleLabel.text, **_title_css())
    _colour_axes(plot)
    legend = plot.legend
    if legend is not None:
        legend.setLabelTextColor(_current.axis_text)
        legend.setLabelTextSize(f"{_font_px}px")
        for _sample, label in legend.items:  # pyqtgraph applies the new style on setText
            label.setText(label.text)
        plot.fit_legend()  # wider entries may no longer fit side by side


COLOUR_BAR_AXIS_FONTS = 3.0  # a colour bar axis's width, in plot-font sizes (45 px at 15 px)


def restyle_tree(root: QWidget) -> None:
    """Every plot under ``root`` (widget, colour bar or lean plot) in the current profile."""
    views = root.findChildren(pg.GraphicsView)
    if isinstance(root, pg.GraphicsView):  # a plot restyling itself
        views.append(root)
    for view in views:
        view.setBackground(_current.background)
        items = view.scene().items()
        plots = [item for item in items if isinstance(item, LeanPlot)]
        own = {id(plot.getAxis(side)) for plot in plots for side in ("bottom", "left")}
        for plot in plots:
            restyle_plot(plot)
        for item in items:  # a colour bar's axis
            if isinstance(item, pg.AxisItem) and id(item) not in own:
                item.setTextPen(_current.axis_text)
                item.setTickFont(plot_font())
                if item.labelText:
                    set_label(item, item.labelText)
                if item.orientation in ("left", "right") and item.style["showValues"]:
                    # pyqtgraph's colour bar fixes 45 px, room for its ticks and label at the
                    # everyday size only.
                    item.setWidth(max(45, round(COLOUR_BAR_AXIS_FONTS * _font_px)))


def add_legend(plot: LeanPlot) -> pg.LegendItem:
    """The plot's legend, in its row above the data, lettered as the axes are."""
    return plot.addLegend(labelTextSize=f"{_font_px}px", labelTextColor=_current.axis_text)


def set_label(axis: pg.AxisItem, text: str) -> None:
    """An axis label in the plots' colour and size (pyqtgraph resets both on every setLabel)."""
    axis.setLabel(text, color=_current.axis_text, **{"font-size": f"{_font_px}px"})


def set_fitting_label(axis: pg.AxisItem, forms: Sequence[str]) -> None:
    """The first of ``forms`` (longest first) whose label fits along ``axis``: a vertical
    axis's height (the last form if none fits)."""
    room = axis.height()
    for text in forms:  # pyqtgraph lays the label out as it is set: measure that
        set_label(axis, text)
        if axis.label.boundingRect().width() <= room:
            break


def qpalette(p: Profile | None = None) -> QPalette:
    """The window's palette in a profile (Fusion draws focus frames in its highlight)."""
    p = p or _current
    pal = QPalette()
    roles = QPalette.ColorRole
    for role, value in (
        (roles.Window, p.window),
        (roles.WindowText, p.window_text),
        (roles.Base, p.base),
        (roles.AlternateBase, p.caption_background),
        (roles.Text, p.base_text),
        (roles.Button, p.caption_background),
        (roles.ButtonText, p.window_text),
        (roles.ToolTipBase, p.base),
        (roles.ToolTipText, p.base_text),
        (roles.PlaceholderText, p.other_bar),
        (roles.Highlight, p.focus_ring),
        (roles.HighlightedText, p.highlight_text),
        (roles.BrightText, p.window_text),
        (roles.Link, p.ce_text),
    ):
        pal.setColor(role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        pal.setColor(disabled, role, QColor(p.other_bar))
    return pal


def apply_to_application() -> None:
    """The current profile's palette on the whole application (Fusion style, set once by
    gui.app, follows a palette exactly, whatever the desktop's theme)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setPalette(qpalette())
