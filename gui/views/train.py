"""F11 — a tiny classifier trained twice, with CE and with MSE, side by side.

The view only draws what the model gives it (``model.train``): ``show_run`` for the data and
the loss and accuracy curves, ``show_epoch`` for one epoch's decision regions and numbers,
``show_settings`` to set the controls. Every edit leaves as a signal: ``settings_edited`` (a
new ``TrainSettings``), ``epoch_edited`` (from the playback clock, the step buttons and the
slider, with a merge key so that one play run is one undo entry) and ``point_clicked``.
"""

from __future__ import annotations

import html
import math
import time

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import (
    QEvent,
    QPointF,
    QRectF,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHideEvent,
    QKeySequence,
    QPalette,
    QPen,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from gui import theme
from gui.i18n import tr
from gui.plot_fit import keep_whole
from gui.theme import Series
from gui.views.fast_items import ColourImage, CurveItem
from gui.views.fitting_label import FittingLabel
from gui.views.flow_layout import FlowLayout
from gui.views.lean_plot import LeanPlot
from gui.views.train_items import EpochMarker, PointsLayer
from model.datasets import MAX_POINTS, MIN_POINTS
from model.train import (
    MAX_EPOCHS,
    MAX_INIT_SCALE,
    MAX_LR,
    MAX_SEED,
    MIN_EPOCHS,
    MIN_INIT_SCALE,
    MIN_LR,
    TRAIN_PRESETS,
    Region,
    TrainCurves,
    TrainFrame,
    TrainSettings,
)

FRAME_MS = 16  # the playback clock's tick
EPOCHS_PER_SECOND = 50.0  # at 1×: the default 500 epochs in 10 s
LOG_SECONDS = 10.0  # "log time" plays epochs 1…N on a logarithmic clock in this long
PICK_RADIUS = 8.0  # px: a click this near a data point picks it
LEVELS = 64  # lightness steps per class in the regions' colour table
LOG_FLOOR = 1e-300
REGION_NAMES = {"ce": "trainCeRegions", "mse": "trainMseRegions"}
AXIS_WIDTH = 52  # px: both curve plots' left axes, so their epoch lines line up
END_LABEL_PX = 20.0  # px: the height an end label takes
END_LABEL_ROOM = 48  # px right of a curve plot's data: "MSE" at the plots' font


def _region_lut() -> NDArray[np.uint32]:
    """256 colours: entry ``k·LEVELS + l`` is class k at confidence level l, fading from the
    background (a guess among K classes) to most of the class's colour (certain). The points
    are drawn in the full colour, so they stand out even on their own class's region."""
    back = QColor(theme.colour("background"))
    bg = (back.red(), back.green(), back.blue())
    lut = np.full(256, 0xFF000000, dtype=np.uint32)
    for k, colour in enumerate(theme.CLASS_COLOURS):
        c = QColor(colour)
        rgb = (c.red(), c.green(), c.blue())
        for level in range(LEVELS):
            a = 0.10 + 0.55 * level / (LEVELS - 1)
            r, g, b = (round(lo + a * (hi - lo)) for lo, hi in zip(bg, rgb, strict=True))
            lut[k * LEVELS + level] = 0xFF000000 | (r << 16) | (g << 8) | b
    return lut


class PickBox(pg.ViewBox):
    """A fixed view box where a left click reports its scene position instead of panning."""

    clicked = Signal(QPointF)

    def __init__(self) -> None:
        super().__init__(enableMenu=False)
        self.setMouseEnabled(False, False)

    def mouseClickEvent(self, ev: object) -> None:
        if ev.button() == Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            ev.accept()  # type: ignore[attr-defined]
            self.clicked.emit(ev.scenePos())  # type: ignore[attr-defined]

    def mouseDragEvent(self, ev: object, axis: int | None = None) -> None:
        ev.ignore()  # type: ignore[attr-defined]

    def wheelEvent(self, ev: object, axis: int | None = None) -> None:
        ev.ignore()  # type: ignore[attr-defined]


RIGHT_ROOM = 15  # px right of the data, for the bottom axis's last label
TEXT_MARGIN = 8  # px: a label's text item is its text plus QTextDocument's 4 px on each side


def title_lines(title: str, px: int, one_line: bool) -> list[str]:
    """A region plot's title as it is written in ``px``-pixel text: on one line, or else on
    two, broken at the space that makes the longer line shortest (a title of one word stays
    one line)."""
    words = title.split(" ")
    if one_line or len(words) < 2:
        return [title]
    metrics = _metrics(px)
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    return list(min(splits, key=lambda ab: max(map(metrics.horizontalAdvance, ab))))


def _metrics(px: int) -> QFontMetricsF:
    font = QFont()
    font.setPixelSize(px)
    return QFontMetricsF(font)


class RegionPlot(pg.PlotWidget):
    """One network's decision regions with the data points over them."""

    def __init__(self, contestant: str, title: str) -> None:
        self.box = PickBox()
        self.plot = LeanPlot(self.box)
        super().__init__(plotItem=self.plot)
        self.contestant = contestant
        self.setObjectName(REGION_NAMES[contestant])
        self.setMinimumSize(200, 200)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        self.series: Series = "ce" if contestant == "ce" else "mse"
        self.title = title
        # Two lines until the pair has placed the plot and found room for one. The least size
        # is always the two lines' (see _write_title), so that the choice follows the room
        # and never holds the window larger.
        self.one_line = False
        self.title_rows = 1
        theme.style_plot(self.plot, title, "x₁", "x₂")
        self.plot.reserve_right(RIGHT_ROOM)
        # The plot is kept square by its SquareBox, so the box fills the data area exactly
        # (an aspect lock would pad it with bands outside the regions' grid).
        self.box.disableAutoRange()
        self.image = ColourImage(_region_lut())
        self.box.addItem(self.image, ignoreBounds=True)
        self.points = PointsLayer(theme.CLASS_COLOURS)
        self.box.addItem(self.points, ignoreBounds=True)
        self.apply_theme()
        theme.notifier.changed.connect(self.apply_theme)
        keep_whole(self)  # the axes, and lecture mode's title ("Trained with MSE")

    def set_title(self, title: str) -> None:
        self.title = title
        self._write_title()

    def title_need(self, one_line: bool) -> float:
        """The title's width in px, on one line or broken into two."""
        px = theme.font_px() + 2
        metrics = _metrics(px)
        lines = title_lines(self.title, px, one_line)
        return max(map(metrics.horizontalAdvance, lines)) + TEXT_MARGIN

    def title_fits(self, side: int) -> bool:
        """Whether the title on one line is no wider than the data in a plot ``side`` px
        wide: the title is centred over the data's column."""
        axis = self.plot.getAxis("left")
        beside = axis.minimumWidth() + RIGHT_ROOM + 2 + 2 * self.frameWidth()
        return self.title_need(True) <= side - beside

    def set_one_line(self, one_line: bool) -> None:
        if one_line != self.one_line:
            self.one_line = one_line
            self._write_title()

    def _write_title(self) -> None:
        colour = theme.series_text(self.series)
        px = theme.font_px() + 2
        lines = title_lines(self.title, px, self.one_line)
        self.title_rows = len(lines)
        text = "<br>".join(html.escape(line) for line in lines)
        # The label's least width is the two lines': the plot's least size (kept by keep_whole)
        # is then the same whichever form is shown.
        self.plot.titleLabel.least_width = self.title_need(False)
        self.plot.setTitle(f"<span style='color:{colour}'>{text}</span>", size=f"{px}px")

    def apply_theme(self) -> None:
        theme.restyle_tree(self)
        self._write_title()
        # The contestant's colour and dash around the data: told apart without the hue alone.
        self.box.setBorder(theme.series_pen(self.series, 3.0))
        self.image.set_lut(_region_lut())
        self.xy = np.zeros((0, 2))

    def set_points(self, xy: NDArray[np.float64], labels: NDArray[np.int64], box: float) -> None:
        self.xy = xy
        self.points.set_points(xy, labels, box)
        self.box.setRange(xRange=(-box, box), yRange=(-box, box), padding=0)

    def set_region(self, region: Region) -> None:
        conf = region.confidence
        # Confidence from 1/K (a guess) to 1 (certain) onto the table's lightness levels.
        chance = 1.0 / region.k
        level = np.clip((conf - chance) * ((LEVELS - 1) / (1.0 - chance)), 0, LEVELS - 1)
        codes = region.classes * LEVELS + np.rint(level)
        g = region.grid
        self.image.set_data(codes, (0.0, 255.0), QRectF(g.lo, g.lo, g.hi - g.lo, g.hi - g.lo))

    def nearest(self, scene_pos: QPointF) -> int | None:
        """The data point nearest a click, if it is within PICK_RADIUS pixels."""
        if len(self.xy) == 0:
            return None
        (x0, x1), (y0, y1) = self.box.viewRange()
        rect = self.box.sceneBoundingRect()
        px = rect.left() + (self.xy[:, 0] - x0) * (rect.width() / (x1 - x0))
        py = rect.bottom() - (self.xy[:, 1] - y0) * (rect.height() / (y1 - y0))
        d2 = (px - scene_pos.x()) ** 2 + (py - scene_pos.y()) ** 2
        i = int(np.argmin(d2))
        return i if d2[i] <= PICK_RADIUS**2 else None

    def mark(self, i: int | None) -> None:
        self.points.set_picked(i)


class RegionPair(QWidget):
    """Both region plots as squares side by side, each under its accuracy in large type, with
    a caption beneath: the regions' box is square, and a stretched plot would distort the
    data. Placed at the top of whatever room the layout gives."""

    GAP = 6
    EXTRA = 20  # px: a plot's title and bottom axis are taller than its left axis is wide
    TITLE_ROW = 30  # px: each further line of a title (LeanPlot's row per line)

    def __init__(
        self, labels: tuple[QLabel, QLabel], plots: tuple[RegionPlot, RegionPlot], caption: QLabel
    ) -> None:
        super().__init__()
        self.labels, self.plots, self.caption = labels, plots, caption
        for w in (*labels, *plots, caption):
            w.setParent(self)
        for plot in plots:
            # The left axis's width, which the room for a title depends on, settles after a new
            # font (lecture mode) in its plot's own layout, which this widget does not see.
            plot.plot.getAxis("left").geometryChanged.connect(self._place)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._fit_minimum()

    def _extra(self, one_line: bool | None = None) -> int:
        """How much taller than wide a plot is, for a square data area under its title: with
        the titles as they are, or on one line, or broken."""
        if one_line is None:
            rows = max(p.title_rows for p in self.plots)
        else:
            px = theme.font_px() + 2
            rows = max(len(title_lines(p.title, px, one_line)) for p in self.plots)
        return self.EXTRA + self.TITLE_ROW * (rows - 1)

    def _fit_minimum(self) -> None:
        """Room for both plots at their least size (which grows with lecture mode's text),
        their titles broken: the least size does not depend on which form is shown."""
        side = max(max(p.minimumWidth(), p.minimumHeight() - self._extra()) for p in self.plots)
        self.setMinimumSize(
            2 * side + self.GAP,
            self.labels[0].minimumHeight() + side + self._extra(False) + 3 * self.GAP + 40,
        )

    def event(self, ev: QEvent) -> bool:
        # A child whose least size changed asks its parent for a layout (this widget has none).
        if ev.type() == QEvent.Type.LayoutRequest:
            self._fit_minimum()
            self._place()
        return super().event(ev)

    def resizeEvent(self, ev: QResizeEvent) -> None:
        super().resizeEvent(ev)
        self._place()

    def _place(self) -> None:
        w, h, gap = self.width(), self.height(), self.GAP
        head = self.labels[0].minimumHeight()
        cap = self.caption.heightForWidth(w)
        # The titles on one line where both fit over their data, as broken lines otherwise
        # (one line is shorter, so it can give the squares more height).
        for one_line in (True, False):
            extra = self._extra(one_line)
            side = max(1, min((w - gap) // 2, h - head - cap - extra - 2 * gap))
            if not one_line or all(p.title_fits(side) for p in self.plots):
                break
        for plot in self.plots:
            plot.set_one_line(one_line)
        left = (w - 2 * side - gap) // 2
        for i, (label, plot) in enumerate(zip(self.labels, self.plots, strict=True)):
            x = left + i * (side + gap)
            label.setGeometry(x, 0, side, head)
            plot.setGeometry(x, head + gap, side, side + extra)
        self.caption.setGeometry(left, head + side + extra + 2 * gap, 2 * side + gap, cap)


class Holder(QWidget):
    """A child filling this widget, outside any layout: a new text in a label then asks no
    layout to re-run (QLabel.setText does, whenever the label itself could change size)."""

    def __init__(self, child: QWidget) -> None:
        super().__init__()
        self.child = child
        child.setParent(self)
        self.setMinimumHeight(child.minimumHeight())
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(self.child.minimumWidth(), self.child.minimumHeight())

    def resizeEvent(self, ev: QResizeEvent) -> None:
        super().resizeEvent(ev)
        self.child.setGeometry(self.rect())


def _plot_widget(name: str) -> pg.PlotWidget:
    plot = LeanPlot()
    # Room right of the data for the curves' direct labels, drawn just past their ends.
    plot.reserve_right(END_LABEL_ROOM)
    w = pg.PlotWidget(plotItem=plot)
    w.setObjectName(name)
    w.setMinimumSize(240, 150)
    w.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
    plot.setMouseEnabled(False, False)
    plot.getAxis("left").setWidth(AXIS_WIDTH)
    keep_whole(w)  # lecture mode's title and end labels made the plot wider than its widget
    return w


def _curve(plot: LeanPlot, pen: QPen, name: str) -> CurveItem:
    item = CurveItem(pen)
    plot.vb.addItem(item, ignoreBounds=True)
    if plot.legend is not None:
        plot.legend.addItem(item, name)
    return item


def _big_label(name: str, colour: str) -> FittingLabel:
    """A number in large type on the plots' background (a palette, not a style sheet: cheaper
    to repaint), with room for its longest text, so that a new number only repaints it."""
    label = FittingLabel()
    label.setObjectName(name)
    font = QFont()
    font.setPointSize(18)
    font.setBold(True)
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    label.setFont(font)
    _colour_big_label(label, colour)
    label.setAutoFillBackground(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setMinimumHeight(label.fontMetrics().height() + 8)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    return label


def _colour_big_label(label: QLabel, colour: str) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    palette.setColor(QPalette.ColorRole.Window, QColor(theme.colour("background")))
    label.setPalette(palette)


def _spin(name: str, lo: int, hi: int, step: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(lo, hi)
    spin.setSingleStep(step)
    spin.setKeyboardTracking(False)  # typing "300" is one edit, not 3, 30, 300
    return spin


def _double_spin(name: str, lo: float, hi: float, decimals: int) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setObjectName(name)
    spin.setRange(lo, hi)
    spin.setDecimals(decimals)
    spin.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)  # log-like steps
    spin.setKeyboardTracking(False)
    return spin


def percent(fraction: float) -> str:
    return f"{100.0 * fraction:.1f} %"


class TrainView(QWidget):
    """The training view: controls, both networks' regions, loss and accuracy curves."""

    settings_edited = Signal(object)  # a new TrainSettings
    epoch_edited = Signal(int, str)  # the epoch, a merge key ("" for an edit of its own)
    point_clicked = Signal(str, int)  # "ce" or "mse", the data point's index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainView")
        self._settings = TrainSettings()
        self._epoch = 0
        self._curves: TrainCurves | None = None
        self._frame: TrainFrame | None = None
        self._shown_points: object = None
        self._ranges: tuple[object, ...] = ()
        # The playback clock: epochs follow the time since play began, from where it began.
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._tick)
        self._play_serial = 0
        self.reduce_motion = False  # Play jumps to the last epoch (View > Reduce motion)
        self._play_from = 0
        self._play_start = 0.0
        self._last_emitted: int | None = None
        self._slider_serial = 0
        self._label_at: tuple[NDArray[np.float64], list[NDArray[np.float64]]] = (
            np.zeros(0),
            [],
        )
        self._end_label_px = END_LABEL_PX
        self._build_controls()
        self._build_plots()
        self._build_layout()
        self.show_settings(self._settings)
        self._set_epoch_text(0)
        self.apply_theme()
        theme.notifier.changed.connect(self.apply_theme)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the view in the current language (combo items keep their data and
        the current index; the epoch and the accuracies are written again)."""
        for combo, texts in (
            (
                self.dataset_combo,
                {
                    "blobs": tr("Three blobs"),
                    "moons": tr("Moons"),
                    "spirals": tr("Spirals"),
                    "xor": tr("XOR"),
                },
            ),
            (self.model_combo, {"linear": tr("Linear softmax"), "mlp": tr("16 tanh units")}),
            (self.speed_combo, {"log": tr("log time")}),
            (
                self.preset_combo,
                {None: tr("Custom"), "easy": tr("Easy start"), "saturated": tr("Saturated start")},
            ),
        ):
            for i in range(combo.count()):
                text = texts.get(combo.itemData(i))
                if text is not None:
                    combo.setItemText(i, text)
        self.init_spin.setToolTip(
            tr("Initial weights N(0, 1) × this scale: a large one starts the softmax saturated")
        )
        self.link_check.setText(tr("one rate"))
        self.link_check.setToolTip(tr("Link the two learning rates: one moves both"))
        self.log_epoch_check.setText(tr("log epochs"))
        self.log_loss_check.setText(tr("log loss"))
        self.reset_button.setText(tr("Reset"))
        self.reset_button.setToolTip(tr("Back to epoch 0"))
        self.back_button.setText(tr("Back"))
        self.back_button.setToolTip(tr("One epoch back"))
        self.play_button.setText(tr("Pause") if self._timer.isActive() else tr("Play"))
        self.play_button.setToolTip(tr("Play or pause the training (Space)"))
        self.step_button.setText(tr("Step"))
        self.step_button.setToolTip(tr("One epoch forward"))
        self.caption.setText(
            tr(
                "Colour: the predicted class; brighter: more confident. "
                "Click a point to see its logits in the logit editor."
            )
        )
        self.ce_acc_label.setToolTip(tr("Points the CE-trained network classifies right"))
        self.mse_acc_label.setToolTip(tr("Points the MSE-trained network classifies right"))
        for w, name in (
            (self.dataset_combo, tr("Data set")),
            (self.model_combo, tr("Model")),
            (self.points_spin, tr("Points")),
            (self.seed_spin, tr("Seed")),
            (self.init_spin, tr("Initial weight scale")),
            (self.ce_lr_spin, tr("CE learning rate")),
            (self.mse_lr_spin, tr("MSE learning rate")),
            (self.link_check, tr("One learning rate for both")),
            (self.max_epochs_spin, tr("Epochs to run")),
            (self.slider, tr("Epoch")),
        ):  # the speed and preset boxes are named by gui/a11y.py, as in the race view
            w.setAccessibleName(name)
        unit_texts = (
            tr("Preset"),
            tr("Data"),
            tr("Model"),
            tr("Points"),
            tr("Seed"),
            tr("Initial scale"),
            tr("η CE"),
            tr("η MSE"),
            tr("Epochs"),
            tr("Speed"),
        )
        for label, text in zip(self._unit_labels, unit_texts, strict=True):
            label.setText(text)
        self.ce_regions.set_title(tr("Trained with CE"))
        self.mse_regions.set_title(tr("Trained with MSE"))
        lp, ap = self.loss_widget.getPlotItem(), self.acc_widget.getPlotItem()
        theme.set_title(lp, tr("Training loss"))
        theme.set_title(ap, tr("Accuracy"))
        for plot, y in ((lp, tr("loss")), (ap, tr("% right"))):
            theme.set_label(plot.getAxis("bottom"), tr("epoch"))
            theme.set_label(plot.getAxis("left"), y)
        theme.set_legend_name(lp, self.ce_loss_curve, tr("CE (nats)"))
        theme.set_legend_name(lp, self.mse_loss_curve, tr("MSE (sum)"))
        self._set_epoch_text(self._epoch)
        if self._frame is not None:
            self._show_accuracies(self._frame)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def apply_theme(self) -> None:
        """Every pen, colour and font in the current profile (lecture mode on or off); the
        region plots restyle themselves."""
        p = theme.current()
        for plot in (self.loss_widget, self.acc_widget):
            theme.restyle_tree(plot)
        for curve in (self.ce_loss_curve, self.ce_acc_curve):
            curve.setPen(theme.series_pen("ce"))
        for curve in (self.mse_loss_curve, self.mse_acc_curve):
            curve.setPen(theme.series_pen("mse"))
        font = theme.plot_font(bold=True)
        metrics = QFontMetricsF(font)
        self._end_label_px = max(END_LABEL_PX, metrics.height() + 4)
        for name, end_label in self.end_labels.items():
            end_label.setFont(font)
            end_label.setBrush(QColor(theme.series_text("ce" if name.endswith("-ce") else "mse")))
        room = max(END_LABEL_ROOM, math.ceil(metrics.horizontalAdvance("MSE")) + 12)
        axis_px = max(AXIS_WIDTH, round(3.6 * theme.font_px()))  # ticks and the label beside
        for plot in (self.loss_widget.getPlotItem(), self.acc_widget.getPlotItem()):
            plot.reserve_right(room)
            plot.getAxis("left").setWidth(axis_px)
        for marker in self.markers.values():
            marker.set_colours(p.point, (p.ce, p.mse), p.marker_edge)
        for label, colour in (
            (self.epoch_label, p.axis_text),
            (self.ce_acc_label, p.ce_text),
            (self.mse_acc_label, p.mse_text),
        ):
            _colour_big_label(label, colour)
        self._place_end_labels()

    # --- building ------------------------------------------------------------------------
    def _build_controls(self) -> None:
        self.dataset_combo = QComboBox()
        self.dataset_combo.setObjectName("trainDatasetCombo")
        for text, key in (
            (tr("Three blobs"), "blobs"),
            (tr("Moons"), "moons"),
            (tr("Spirals"), "spirals"),
            (tr("XOR"), "xor"),
        ):
            self.dataset_combo.addItem(text, key)
        self.model_combo = QComboBox()
        self.model_combo.setObjectName("trainModelCombo")
        self.model_combo.addItem(tr("Linear softmax"), "linear")
        self.model_combo.addItem(tr("16 tanh units"), "mlp")
        self.points_spin = _spin("trainPointsSpin", MIN_POINTS, MAX_POINTS, 50)
        self.seed_spin = _spin("trainSeedSpin", 0, MAX_SEED, 1)
        self.init_spin = _double_spin("trainInitScaleSpin", MIN_INIT_SCALE, MAX_INIT_SCALE, 2)
        self.init_spin.setToolTip(
            tr("Initial weights N(0, 1) × this scale: a large one starts the softmax saturated")
        )
        self.ce_lr_spin = _double_spin("trainCeLrSpin", MIN_LR, MAX_LR, 3)
        self.mse_lr_spin = _double_spin("trainMseLrSpin", MIN_LR, MAX_LR, 3)
        self.link_check = QCheckBox(tr("one rate"))
        self.link_check.setObjectName("trainLinkLrCheck")
        self.link_check.setToolTip(tr("Link the two learning rates: one moves both"))
        self.max_epochs_spin = _spin("trainMaxEpochsSpin", MIN_EPOCHS, MAX_EPOCHS, 100)
        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("trainPresetCombo")
        self.preset_combo.addItem(tr("Custom"), None)
        titles = {"easy": tr("Easy start"), "saturated": tr("Saturated start")}
        for p in TRAIN_PRESETS:
            self.preset_combo.addItem(titles.get(p.key, p.title), p.key)
        self.log_epoch_check = QCheckBox(tr("log epochs"))
        self.log_epoch_check.setObjectName("trainLogEpochCheck")
        self.log_loss_check = QCheckBox(tr("log loss"))
        self.log_loss_check.setObjectName("trainLogLossCheck")

        icon = self.style().standardIcon
        pixmaps = QStyle.StandardPixmap
        self._play_icon = icon(pixmaps.SP_MediaPlay)
        self._pause_icon = icon(pixmaps.SP_MediaPause)
        self.reset_button = QPushButton(icon(pixmaps.SP_MediaSkipBackward), tr("Reset"))
        self.reset_button.setObjectName("trainResetButton")
        self.reset_button.setToolTip(tr("Back to epoch 0"))
        self.back_button = QPushButton(icon(pixmaps.SP_MediaSeekBackward), tr("Back"))
        self.back_button.setObjectName("trainBackButton")
        self.back_button.setToolTip(tr("One epoch back"))
        self.play_button = QPushButton(self._play_icon, tr("Play"))
        self.play_button.setObjectName("trainPlayButton")
        self.play_button.setToolTip(tr("Play or pause the training (Space)"))
        self.step_button = QPushButton(icon(pixmaps.SP_MediaSeekForward), tr("Step"))
        self.step_button.setObjectName("trainStepButton")
        self.step_button.setToolTip(tr("One epoch forward"))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("trainEpochSlider")
        self.speed_combo = QComboBox()
        self.speed_combo.setObjectName("trainSpeedCombo")
        for text, key in (
            ("0.25×", "0.25"),
            ("0.5×", "0.5"),
            ("1×", "1"),
            ("2×", "2"),
            ("4×", "4"),
            (tr("log time"), "log"),
        ):
            self.speed_combo.addItem(text, key)
        self.epoch_label = _big_label("trainEpochLabel", theme.colour("axis_text"))
        self.caption = QLabel(
            tr(
                "Colour: the predicted class; brighter: more confident. "
                "Click a point to see its logits in the logit editor."
            )
        )
        self.caption.setObjectName("trainCaption")
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ce_acc_label = _big_label("trainCeAccuracyLabel", theme.series_text("ce"))
        self.mse_acc_label = _big_label("trainMseAccuracyLabel", theme.series_text("mse"))
        # The tooltips and the other controls' names are set by retranslate(), which the
        # constructor calls next; gui/a11y.py names these two again once in a window.
        self.preset_combo.setAccessibleName(tr("Preset"))
        self.speed_combo.setAccessibleName(tr("Speed"))

        self.dataset_combo.activated.connect(
            lambda _i: self._edit(dataset=self.dataset_combo.currentData())
        )
        self.model_combo.activated.connect(
            lambda _i: self._edit(model=self.model_combo.currentData())
        )
        self.points_spin.valueChanged.connect(lambda v: self._edit(points=v))
        self.seed_spin.valueChanged.connect(lambda v: self._edit(seed=v))
        self.init_spin.valueChanged.connect(lambda v: self._edit(init_scale=v))
        self.ce_lr_spin.valueChanged.connect(lambda v: self._edit(lr_ce=v))
        self.mse_lr_spin.valueChanged.connect(lambda v: self._edit(lr_mse=v))
        self.link_check.toggled.connect(lambda on: self._edit(linked=on))
        self.max_epochs_spin.valueChanged.connect(lambda v: self._edit(max_epochs=v))
        self.log_epoch_check.toggled.connect(lambda on: self._edit(log_epoch=on))
        self.log_loss_check.toggled.connect(lambda on: self._edit(log_loss=on))
        self.speed_combo.activated.connect(
            lambda _i: self._edit(speed=self.speed_combo.currentData())
        )
        self.preset_combo.activated.connect(self._on_preset)
        self.play_button.clicked.connect(self.toggle_play)
        self.step_button.clicked.connect(lambda: self._jump(self._epoch + 1, "train-step"))
        self.back_button.clicked.connect(lambda: self._jump(self._epoch - 1, "train-back"))
        self.reset_button.clicked.connect(lambda: self._jump(0, ""))
        self.slider.sliderPressed.connect(self._on_slider_pressed)
        # After a drag, keyboard steps on the slider are an edit of their own.
        self.slider.sliderReleased.connect(self._next_slider_key)
        self.slider.valueChanged.connect(self._on_slider)
        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self)
        space.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        space.activated.connect(self.toggle_play)

    def _build_plots(self) -> None:
        self.ce_regions = RegionPlot("ce", tr("Trained with CE"))
        self.mse_regions = RegionPlot("mse", tr("Trained with MSE"))
        for plot in (self.ce_regions, self.mse_regions):
            plot.box.clicked.connect(lambda pos, plot=plot: self._on_region_click(plot, pos))

        self.loss_widget = _plot_widget("trainLossPlot")
        lp = self.loss_widget.getPlotItem()
        theme.style_plot(lp, tr("Training loss"), tr("epoch"), tr("loss"))
        theme.add_legend(lp)
        ce_pen = theme.series_pen("ce")
        mse_pen = theme.series_pen("mse")
        self.ce_loss_curve = _curve(lp, ce_pen, tr("CE (nats)"))
        self.mse_loss_curve = _curve(lp, mse_pen, tr("MSE (sum)"))

        self.acc_widget = _plot_widget("trainAccuracyPlot")
        ap = self.acc_widget.getPlotItem()
        theme.style_plot(ap, tr("Accuracy"), tr("epoch"), tr("% right"))
        theme.add_legend(ap)
        self.ce_acc_curve = _curve(ap, ce_pen, "CE")
        self.mse_acc_curve = _curve(ap, mse_pen, "MSE")
        ap.setYRange(0, 105, padding=0)

        # Direct labels at the curves' ends, and the current epoch's line and points.
        self.end_labels: dict[str, QGraphicsSimpleTextItem] = {}
        self.markers: dict[str, EpochMarker] = {}
        for key, plot in (("loss", lp), ("acc", ap)):
            for c in ("ce", "mse"):
                # A child of the plot, not of its view box (which clips to the data area):
                # the label sits right of the data, in the room the plot keeps there.
                label = QGraphicsSimpleTextItem("CE" if c == "ce" else "MSE", plot)
                self.end_labels[f"{key}-{c}"] = label
            marker = EpochMarker(theme.colour("point"), (theme.colour("ce"), theme.colour("mse")))
            plot.vb.addItem(marker, ignoreBounds=True)
            self.markers[key] = marker
        for plot in (lp, ap):  # labels and dots keep their pixel sizes as the plots resize
            plot.vb.sigResized.connect(lambda _vb: self._place_end_labels())
            plot.vb.sigResized.connect(lambda _vb: self._draw_markers())

    def _build_layout(self) -> None:
        self._unit_labels: list[QLabel] = []  # in the order retranslate names them

        def labelled(text: str, widget: QWidget) -> QWidget:
            unit = QWidget()  # a label and its box wrap as one
            row = QHBoxLayout(unit)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            label = QLabel(text)
            self._unit_labels.append(label)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget)
            return unit

        controls = QWidget()
        controls.setObjectName("trainControls")
        flow = FlowLayout(controls)
        for unit in (
            labelled(tr("Preset"), self.preset_combo),
            labelled(tr("Data"), self.dataset_combo),
            labelled(tr("Model"), self.model_combo),
            labelled(tr("Points"), self.points_spin),
            labelled(tr("Seed"), self.seed_spin),
            labelled(tr("Initial scale"), self.init_spin),
            labelled(tr("η CE"), self.ce_lr_spin),
            labelled(tr("η MSE"), self.mse_lr_spin),
            self.link_check,
            labelled(tr("Epochs"), self.max_epochs_spin),
            self.log_epoch_check,
            self.log_loss_check,
        ):
            flow.addWidget(unit)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        controls.setSizePolicy(policy)

        regions = RegionPair(
            (self.ce_acc_label, self.mse_acc_label),
            (self.ce_regions, self.mse_regions),
            self.caption,
        )
        curves = QVBoxLayout()
        curves.setSpacing(RegionPair.GAP)
        curves.addWidget(Holder(self.epoch_label))
        curves.addWidget(self.loss_widget, 1)
        curves.addWidget(self.acc_widget, 1)
        plots = QHBoxLayout()
        plots.setSpacing(RegionPair.GAP)
        # The regions' share: square plots as large as a 16:10 screen's height allows.
        plots.addWidget(regions, 5)
        plots.addLayout(curves, 2)

        playback = QHBoxLayout()
        for w in (self.reset_button, self.back_button, self.play_button, self.step_button):
            w.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            playback.addWidget(w)
        playback.addWidget(self.slider, 1)
        playback.addWidget(labelled(tr("Speed"), self.speed_combo))

        layout = QVBoxLayout(self)
        layout.addWidget(controls)
        layout.addLayout(plots, 1)
        layout.addLayout(playback)

    # --- what the controller calls --------------------------------------------------------
    def settings(self) -> TrainSettings:
        """The settings the controls show (as last given by ``show_settings``)."""
        return self._settings

    def is_playing(self) -> bool:
        return self._timer.isActive()

    def show_settings(self, settings: TrainSettings) -> None:
        """Set every control to ``settings`` without echoing an edit back."""
        old = self._settings
        run_changed = settings.run_key() != old.run_key()
        axes_changed = (settings.log_epoch, settings.log_loss, settings.max_epochs) != (
            old.log_epoch,
            old.log_loss,
            old.max_epochs,
        )
        self._settings = settings
        if run_changed and self.is_playing():
            self.pause()
        for spin, count in (
            (self.points_spin, settings.points),
            (self.seed_spin, settings.seed),
            (self.max_epochs_spin, settings.max_epochs),
        ):
            if spin.value() != count:
                with QSignalBlocker(spin):
                    spin.setValue(count)
        for double_spin, value in (
            (self.init_spin, settings.init_scale),
            (self.ce_lr_spin, settings.lr_ce),
            (self.mse_lr_spin, settings.lr_mse),
        ):
            if double_spin.value() != value:
                with QSignalBlocker(double_spin):
                    double_spin.setValue(value)
        for check, on in (
            (self.link_check, settings.linked),
            (self.log_epoch_check, settings.log_epoch),
            (self.log_loss_check, settings.log_loss),
        ):
            if check.isChecked() != on:
                with QSignalBlocker(check):
                    check.setChecked(on)
        for combo, data in (
            (self.dataset_combo, settings.dataset),
            (self.model_combo, settings.model),
            (self.speed_combo, settings.speed),
            (self.preset_combo, settings.preset),
        ):
            i = combo.findData(data)
            if combo.currentIndex() != i:
                with QSignalBlocker(combo):
                    combo.setCurrentIndex(i)
        if self.slider.maximum() != settings.max_epochs:
            with QSignalBlocker(self.slider):
                self.slider.setRange(0, settings.max_epochs)
                self.slider.setPageStep(max(1, settings.max_epochs // 20))
        self._set_epoch(settings.epoch)
        if axes_changed:
            self._draw_curves()

    def show_run(self, curves: TrainCurves) -> None:
        """The data points and both contestants' loss and accuracy curves (as far as they
        are computed; call again as the run grows)."""
        if curves.points is not self._shown_points:
            self._shown_points = curves.points
            for plot in (self.ce_regions, self.mse_regions):
                plot.set_points(curves.points, curves.labels, curves.box[1])
        self._curves = curves
        self._draw_curves()

    def show_epoch(self, frame: TrainFrame) -> None:
        """One epoch: both region images, the big numbers and the epoch markers."""
        self._frame = frame
        self.ce_regions.set_region(frame.ce_region)
        self.mse_regions.set_region(frame.mse_region)
        self._show_accuracies(frame)
        self._set_epoch(frame.epoch)
        self._draw_markers()

    def _show_accuracies(self, frame: TrainFrame) -> None:
        # "right" says which way the number reads (0.3 % at a confidently wrong start), where
        # the label has room for it: at 1024×768 in lecture mode it has not. Both labels are
        # measured by the wider of their widest texts ("100.0 %"), so that the pair side by
        # side says the same, and neither changes form as its number runs.
        ce_forms, mse_forms = (tr("CE %1 right"), tr("CE %1")), (tr("MSE %1 right"), tr("MSE %1"))
        metrics = self.mse_acc_label.fontMetrics()  # the two share a font
        widest = tuple(
            max((f.replace("%1", percent(1.0)) for f in pair), key=metrics.horizontalAdvance)
            for pair in zip(ce_forms, mse_forms, strict=True)
        )
        for label, forms, accuracy in (
            (self.ce_acc_label, ce_forms, frame.ce_accuracy),
            (self.mse_acc_label, mse_forms, frame.mse_accuracy),
        ):
            label.set_texts(tuple(f.replace("%1", percent(accuracy)) for f in forms), widest)

    def clear_pick(self) -> None:
        for plot in (self.ce_regions, self.mse_regions):
            plot.mark(None)

    # --- playback -------------------------------------------------------------------------
    def toggle_play(self) -> None:
        if self.is_playing():
            self.pause()
        else:
            self.play()

    def set_reduce_motion(self, on: bool) -> None:
        self.reduce_motion = on
        if on:
            self.pause()

    def play(self) -> None:
        if self.is_playing():
            return
        if self.reduce_motion:  # the end at once, one undo entry, no animation
            self._play_serial += 1
            if self._epoch != self._settings.max_epochs:
                self._emit_epoch(self._settings.max_epochs)
            return
        start = self._epoch
        if start >= self._settings.max_epochs:
            start = 0  # at the end, play starts over
        self._play_serial += 1
        self._rebase(start)
        self._timer.start()
        self.play_button.setText(tr("Pause"))
        self.play_button.setIcon(self._pause_icon)
        if start != self._epoch:
            self._emit_epoch(start)

    def hideEvent(self, ev: QHideEvent) -> None:
        # Another view showing (or the window minimised): the clock stops, as a video would.
        self.pause()
        super().hideEvent(ev)

    def pause(self) -> None:
        self._timer.stop()
        self.play_button.setText(tr("Play"))
        self.play_button.setIcon(self._play_icon)

    def _rebase(self, epoch: int) -> None:
        """Run the clock from ``epoch`` now: on a logarithmic clock, from where it shows it."""
        self._play_from = epoch
        self._play_start = time.monotonic()
        self._last_emitted = epoch

    def _target_epoch(self, elapsed: float) -> int:
        last = self._settings.max_epochs
        speed = self._settings.speed
        if speed == "log":
            # epoch = last ** (t / LOG_SECONDS): epochs 1…last in LOG_SECONDS.
            t0 = LOG_SECONDS * math.log(max(self._play_from, 1)) / math.log(last)
            return min(last, max(self._play_from, int(last ** ((t0 + elapsed) / LOG_SECONDS))))
        return min(last, self._play_from + int(elapsed * EPOCHS_PER_SECOND * float(speed)))

    def _tick(self) -> None:
        target = self._target_epoch(time.monotonic() - self._play_start)
        if target != self._last_emitted:
            self._emit_epoch(target)
        if target >= self._settings.max_epochs:
            self.pause()

    def _emit_epoch(self, epoch: int) -> None:
        self._last_emitted = epoch
        self.epoch_edited.emit(epoch, f"train-play-{self._play_serial}")

    def _jump(self, epoch: int, key: str) -> None:
        self.pause()
        epoch = min(max(epoch, 0), self._settings.max_epochs)
        if epoch != self._epoch:
            self.epoch_edited.emit(epoch, key)

    def _on_slider_pressed(self) -> None:
        self.pause()
        self._next_slider_key()

    def _next_slider_key(self) -> None:
        self._slider_serial += 1

    def _on_slider(self, value: int) -> None:
        self.pause()
        if value != self._epoch:
            self.epoch_edited.emit(value, f"slider-train-{self._slider_serial}")

    def _set_epoch(self, epoch: int) -> None:
        if self.is_playing() and epoch != self._last_emitted:
            self._rebase(epoch)  # moved from elsewhere (undo, a lesson): play on from there
        self._epoch = epoch
        if self.slider.value() != epoch:
            with QSignalBlocker(self.slider):
                self.slider.setValue(epoch)
        self._set_epoch_text(epoch)

    def _set_epoch_text(self, epoch: int) -> None:
        text = (
            tr("Epoch %1 / %2")
            .replace("%1", f"{epoch:,}")
            .replace("%2", f"{self._settings.max_epochs:,}")
        )
        if self.epoch_label.text() != text:
            self.epoch_label.setText(text)

    # --- edits ----------------------------------------------------------------------------
    def _edit(self, **changes: object) -> None:
        new = self._settings.edited(**changes)
        if new != self._settings:
            self.settings_edited.emit(new)

    def _on_preset(self, index: int) -> None:
        key = self.preset_combo.itemData(index)
        if key is None:
            return  # "Custom": nothing to set
        self.settings_edited.emit(self._settings.with_preset(key))

    def _on_region_click(self, plot: RegionPlot, pos: QPointF) -> None:
        i = plot.nearest(pos)
        if i is None:
            return
        other = self.mse_regions if plot is self.ce_regions else self.ce_regions
        other.mark(None)
        plot.mark(i)
        self.point_clicked.emit(plot.contestant, i)

    # --- drawing ----------------------------------------------------------------------------
    def _x(self, epochs: NDArray[np.float64]) -> NDArray[np.float64]:
        if self._settings.log_epoch:
            return np.log10(np.maximum(epochs, 1.0))
        return epochs

    def _loss_y(self, values: NDArray[np.float64]) -> NDArray[np.float64]:
        if self._settings.log_loss:
            return np.log10(np.maximum(values, LOG_FLOOR))
        return values

    def _draw_curves(self) -> None:
        curves = self._curves
        if curves is None:
            return
        s = self._settings
        lp, ap = self.loss_widget.getPlotItem(), self.acc_widget.getPlotItem()
        lp.setLogMode(s.log_epoch, s.log_loss)
        ap.setLogMode(s.log_epoch, False)
        n = curves.computed + 1
        epochs = np.arange(n, dtype=np.float64)
        first = 1 if s.log_epoch else 0  # epoch 0 has no place on a log axis
        x = self._x(epochs[first:])
        series = (
            (self.ce_loss_curve, self._loss_y(curves.ce_loss[first:])),
            (self.mse_loss_curve, self._loss_y(curves.mse_loss[first:])),
            (self.ce_acc_curve, 100.0 * curves.ce_accuracy[first:]),
            (self.mse_acc_curve, 100.0 * curves.mse_accuracy[first:]),
        )
        for item, y in series:
            item.set_curve(x, y)
        x0, x1 = float(self._x(np.array([max(first, 0.0)]))[0]), self._x_end()
        x_range = (x0 - 0.01 * (x1 - x0), x1 + 0.01 * (x1 - x0))
        loss_all = np.concatenate([series[0][1], series[1][1]]) if len(x) else np.zeros(1)
        if s.log_loss:
            y_range = (float(np.floor(loss_all.min())) - 0.2, float(np.ceil(loss_all.max())) + 0.2)
        else:
            top = float(loss_all.max()) if len(loss_all) else 1.0
            y_range = (0.0, float(np.ceil(1.08 * top / 0.1) * 0.1) or 1.0)
        ranges = (x_range, y_range)
        if ranges != self._ranges:
            self._ranges = ranges
            for plot in (lp, ap):
                plot.setXRange(*x_range, padding=0)
            lp.setYRange(*y_range, padding=0)
        self._place_end_labels(x, [y for _item, y in series])
        self._draw_markers()

    def _x_end(self) -> float:
        return float(self._x(np.array([float(self._settings.max_epochs)]))[0])

    def _place_end_labels(
        self, x: NDArray[np.float64] | None = None, ys: list[NDArray[np.float64]] | None = None
    ) -> None:
        """The labels "CE" and "MSE" just right of the curves' ends: the higher curve's just
        above its end (below it at the top of the plot), the lower's just below its own, never
        over the other's nor past the plot's bottom. In the plot's pixels (y down)."""
        if x is None or ys is None:
            x, ys = self._label_at
        self._label_at = (x, ys)
        if len(x) == 0:
            for label in self.end_labels.values():
                label.setVisible(False)
            return
        end = float(x[-1])
        plots = {"loss": self.loss_widget.getPlotItem(), "acc": self.acc_widget.getPlotItem()}
        for key, (ce_y, mse_y) in (("loss", (ys[0], ys[1])), ("acc", (ys[2], ys[3]))):
            plot = plots[key]
            area = plot.vb.mapRectToItem(plot, plot.vb.boundingRect())
            h = self._end_label_px

            def at(y: float, plot: LeanPlot = plot) -> QPointF:
                return plot.vb.mapToItem(plot, plot.vb.mapFromView(QPointF(end, y)))

            ends = {"ce": at(float(ce_y[-1])), "mse": at(float(mse_y[-1]))}
            high = "ce" if ends["ce"].y() <= ends["mse"].y() else "mse"
            low = "mse" if high == "ce" else "ce"
            # Each label's top edge.
            hy, ly = ends[high].y(), ends[low].y()
            high_top = hy - h if hy - h >= area.top() else hy
            low_top = min(max(ly, high_top + h), area.bottom() - h)
            high_top = min(high_top, low_top - h)  # the low one pushed up pushes it up too
            for c, top in ((high, high_top), (low, low_top)):
                label = self.end_labels[f"{key}-{c}"]
                label.setPos(ends[c].x() + 4, top)
                label.setVisible(True)

    def _draw_markers(self) -> None:
        frame, curves = self._frame, self._curves
        if frame is None or curves is None:
            return
        s = self._settings
        e = float(max(frame.epoch, 1) if s.log_epoch else frame.epoch)
        x = float(self._x(np.array([e]))[0])
        loss = self._loss_y(np.array([frame.ce_loss, frame.mse_loss])).tolist()
        acc = [100.0 * frame.ce_accuracy, 100.0 * frame.mse_accuracy]
        for key, widget, ys in (("loss", self.loss_widget, loss), ("acc", self.acc_widget, acc)):
            vb = widget.getPlotItem().vb
            span = vb.viewRange()[1]
            pixel = vb.viewPixelSize()
            self.markers[key].set_marker(x, ys, (span[0], span[1]), (pixel[0], pixel[1]))


def _bold(points: int) -> QFont:
    font = QFont()
    font.setPointSize(points)
    font.setBold(True)
    return font
