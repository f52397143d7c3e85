"""The gradient-descent race: s_p and the losses of CE and MSE against the step, with playback.

The view computes nothing about losses: it shows a model ``RaceRun`` (``show_run``) at a step
(``show_step``), and reports what the user sets as a new ``RaceSettings``
(``settings_edited``) or a new step (``step_edited``, with a merge key for undo).

Playback: linear speeds run at ``BASE_RATE`` (30) steps a second times the speed (0.25×…4×);
"log time" runs a logarithmic clock, ``log10(step + 1)`` growing by ``LOG_DECADES_PER_SECOND``
(0.5), so that 100,000 steps take 10 s and the first ten take 2 s. Frames come at ~30 a second
from a timer, and the clock follows real time (a late frame skips steps rather than slowing).

Space toggles play while the keyboard focus is inside the view, except on a child that uses
Space itself (a check box, a button, a combo box, a spin box): the key reaches the view only if
no child took it, so keyboard users keep Space on every control (a shortcut would take it from
them). ``toggle_play()`` is public for a window-wide action.

The log step axis plots steps 1…N (log10 of the step; the start, step 0, has no place on it):
at step 0 the current-step marks are hidden there.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QFont, QFontMetricsF, QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGraphicsItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui import theme
from gui.i18n import tr, unit_name
from gui.plot_fit import keep_whole
from gui.views.fast_items import CurveItem
from gui.views.flow_layout import FlowLayout
from gui.views.lean_plot import LeanPlot
from model.race import (
    LR_MAX,
    LR_MIN,
    PROBABILITY_MAX,
    PROBABILITY_MIN,
    STEPS_MAX,
    STEPS_MIN,
    RaceRun,
    RaceSettings,
    RaceVerdict,
)

FloatArray = NDArray[np.float64]

BASE_RATE = 30.0  # steps a second at 1×
LOG_DECADES_PER_SECOND = 0.5  # "log time": log10(step + 1) per second
FRAME_MS = 33
LOG_FLOOR = 1e-300  # as the other log plots
CURVE_BUCKETS = 1500  # a long curve is drawn as its envelope over this many columns
PROB_RANGE = (-0.02, 1.04)


# --- numbers in words ----------------------------------------------------------------------------
def _count(n: int) -> str:
    return f"{n:,}"


def _steps(n: int) -> str:
    return tr("1 step") if n == 1 else tr("{n} steps").format(n=_count(n))


def _ratio(r: float) -> str:
    return _count(round(r)) if r >= 10 else f"{r:.1f}"


def _probability(p: float) -> str:
    return f"{p:.3f}".rstrip("0").rstrip(".")


def verdict_text(v: RaceVerdict) -> str:
    """The race's result in a sentence, e.g. "CE reaches s_p ≥ 0.9 in 14 steps, MSE in 9,825
    (702× more)"."""
    p, n = _probability(v.probability), v.max_steps
    names = {"ce": "CE", "mse": "MSE"}
    steps = {"ce": v.ce_steps, "mse": v.mse_steps}
    leader = v.leader
    if leader is None:
        return tr("Neither CE nor MSE reaches s_p ≥ {p} in {n}").format(p=p, n=_steps(n))
    if leader == "tie":
        t = v.ce_steps
        assert t is not None
        if t == 0:
            return tr("CE and MSE both start at s_p ≥ {p}").format(p=p)
        return tr("CE and MSE both reach s_p ≥ {p} in {n}").format(p=p, n=_steps(t))
    other = "mse" if leader == "ce" else "ce"
    first, second = steps[leader], steps[other]
    assert first is not None
    if second is None:
        return tr("{a} reaches s_p ≥ {p} in {k}; {b} has not reached s_p ≥ {p} in {n}").format(
            a=names[leader], b=names[other], p=p, k=_steps(first), n=_steps(n)
        )
    if v.ratio is None:  # the leader starts there
        return tr("{a} starts at s_p ≥ {p}, {b} reaches it in {k}").format(
            a=names[leader], b=names[other], p=p, k=_steps(second)
        )
    return tr("{a} reaches s_p ≥ {p} in {k}, {b} in {m} ({r}× more)").format(
        a=names[leader],
        b=names[other],
        p=p,
        k=_steps(first),
        m=_count(second),
        r=_ratio(v.ratio),
    )


# --- drawing long curves ------------------------------------------------------------------------
def envelope(x: FloatArray, y: FloatArray, buckets: int) -> tuple[FloatArray, FloatArray]:
    """A curve of many points as at most 4 points per column of ``buckets`` equal columns of
    x (first, min, max, last of the points in it): drawn, it covers the same pixels as the
    whole curve, and a 100,000-step race repaints as fast as a short one. ``x`` increases."""
    n = len(x)
    if n <= 4 * buckets:
        return x, y
    edges = np.linspace(x[0], x[-1], buckets + 1)
    starts = np.unique(np.searchsorted(x, edges[:-1], side="left"))
    ends = np.append(starts[1:], n)
    lo = np.minimum.reduceat(y, starts)
    hi = np.maximum.reduceat(y, starts)
    mid = 0.5 * (x[starts] + x[ends - 1])
    xs = np.stack([x[starts], mid, mid, x[ends - 1]], axis=1).ravel()
    ys = np.stack([y[starts], lo, hi, y[ends - 1]], axis=1).ravel()
    return xs, ys


# --- controls -----------------------------------------------------------------------------------
def _ladder(lo: float, hi: float) -> list[float]:
    """1, 2, 5 times the powers of ten from ``lo`` to ``hi``."""
    values: list[float] = []
    e = math.floor(math.log10(lo))
    while True:
        for m in (1, 2, 5):
            v = float(f"{m}e{e}")
            if v > hi * (1 + 1e-12):
                return values
            if v >= lo * (1 - 1e-12):
                values.append(v)
        e += 1


def _ladder_step(ladder: list[float], value: float, steps: int) -> float:
    """``steps`` rungs up (or down) from ``value``, which need not be on the ladder."""
    for _ in range(abs(steps)):
        if steps > 0:
            value = next((v for v in ladder if v > value * (1 + 1e-9)), ladder[-1])
        else:
            value = next((v for v in reversed(ladder) if v < value * (1 - 1e-9)), ladder[0])
    return value


class LadderDoubleSpin(QDoubleSpinBox):
    """Arrows and the wheel step along 1, 2, 5 × 10^k (log-stepped); any value can be typed."""

    def __init__(self, lo: float, hi: float, decimals: int) -> None:
        super().__init__()
        self._ladder = _ladder(lo, hi)
        self.setDecimals(decimals)
        self.setRange(lo, hi)
        self.setKeyboardTracking(False)

    def stepBy(self, steps: int) -> None:
        self.setValue(_ladder_step(self._ladder, self.value(), steps))


class LadderSpin(QSpinBox):
    """The same ladder for a whole number (10, 20, 50, 100, …)."""

    def __init__(self, lo: int, hi: int) -> None:
        super().__init__()
        self._ladder = _ladder(lo, hi)
        self.setRange(lo, hi)
        self.setKeyboardTracking(False)
        self.setGroupSeparatorShown(True)

    def stepBy(self, steps: int) -> None:
        self.setValue(round(_ladder_step(self._ladder, float(self.value()), steps)))


def _pair(widget: QWidget) -> tuple[QWidget, QLabel]:
    """A label and its control, kept together on one line of the flow (the texts are set by
    the view's retranslate)."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    text = QLabel()
    text.setBuddy(widget)
    row.addWidget(text)
    row.addWidget(widget)
    return box, text


def _name_pair(label: QLabel, widget: QWidget, text: str, tip: str) -> None:
    label.setText(text)
    widget.setToolTip(tip)
    widget.setAccessibleName(text)


# --- playback -----------------------------------------------------------------------------------
def clock_position(step: int, speed: str) -> float:
    """Where the playback clock stands at ``step``: the step itself at a linear speed, or
    log10(step + 1) in log time."""
    return math.log10(step + 1) if speed == "log" else float(step)


def clock_advance(position: float, seconds: float, speed: str) -> float:
    """The clock ``seconds`` later: BASE_RATE × speed steps a second, or in log time
    LOG_DECADES_PER_SECOND decades of (step + 1) a second."""
    rate = LOG_DECADES_PER_SECOND if speed == "log" else BASE_RATE * float(speed)
    return position + seconds * rate


def clock_step(position: float, speed: str) -> int:
    """The step shown at a clock position."""
    return math.floor(10.0**position) - 1 if speed == "log" else math.floor(position)


class Player(QObject):
    """The playback clock: while playing, ``stepped`` reports each new step, at the speed's
    rate in real time, until the last step."""

    stepped = Signal(int)
    playing_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._tick)
        self._clock = QElapsedTimer()
        self._position = 0.0
        self.step = 0
        self.last = 0
        self.speed = "1"

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    def set_speed(self, speed: str) -> None:
        self.speed = speed
        self.seek(self.step)

    def seek(self, step: int) -> None:
        """Go on from ``step`` (the view was moved while playing, or the speed changed)."""
        self.step = step
        self._position = clock_position(step, self.speed)

    def play(self, step: int, last: int) -> None:
        self.last = last
        if step >= last:  # at the end: play again from the start
            step = 0
            self.stepped.emit(0)
        self.seek(step)
        self._clock.start()
        self._timer.start()
        self.playing_changed.emit(True)

    def pause(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.playing_changed.emit(False)

    def _tick(self) -> None:
        self._position = clock_advance(self._position, self._clock.restart() / 1000.0, self.speed)
        step = min(max(clock_step(self._position, self.speed), self.step), self.last)
        if step != self.step:
            self.step = step
            self.stepped.emit(step)
        if self.step >= self.last:
            self.pause()


# --- the view ------------------------------------------------------------------------------------
def _plot_widget(name: str) -> pg.PlotWidget:
    plot = LeanPlot()
    plot.reserve_right(15)
    w = pg.PlotWidget(plotItem=plot)
    w.setObjectName(name)
    w.setMinimumSize(280, 200)
    w.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
    keep_whole(w)  # lecture mode's legend and axis texts can need more than 280 px
    return w


def _label_font(points: float, bold: bool = True) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


class _Curves:
    """One plot's two curves, their end labels and the current step's points."""

    def __init__(self, plot: LeanPlot) -> None:
        self.plot = plot
        self.ce = CurveItem(theme.series_pen("ce", 2.5))
        self.mse = CurveItem(theme.series_pen("mse", 2.5))
        for item, name in ((self.ce, "CE"), (self.mse, "MSE")):
            # A frame moves only the step's marks: the curves repaint from a pixmap, where
            # stroking thousands of antialiased segments again cost ~15 ms a curve.
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            plot.vb.addItem(item, ignoreBounds=True)
            if plot.legend is not None:
                plot.legend.addItem(item, name)
        self.ce_label = pg.TextItem("CE")
        self.mse_label = pg.TextItem("MSE")
        for label in (self.ce_label, self.mse_label):
            plot.vb.addItem(label, ignoreBounds=True)
        self.vline = pg.InfiniteLine(angle=90, movable=False)
        plot.vb.addItem(self.vline, ignoreBounds=True)
        self.points = pg.ScatterPlotItem(size=12)
        self._brushes: list[QBrush] = []
        plot.vb.addItem(self.points, ignoreBounds=True)
        self.x = np.zeros(0)
        self.y_ce = np.zeros(0)
        self.y_mse = np.zeros(0)
        self.offset = 0  # the first step drawn (1 on a log step axis)
        self._y_range: tuple[float, float] | None = None
        self.apply_theme()
        plot.vb.sigResized.connect(lambda _vb: self._place_labels())

    def apply_theme(self) -> None:
        p = theme.current()
        self.ce.setPen(theme.series_pen("ce", 2.5))
        self.mse.setPen(theme.series_pen("mse", 2.5))
        self.ce_label.setColor(theme.series_text("ce"))
        self.mse_label.setColor(theme.series_text("mse"))
        for label in (self.ce_label, self.mse_label):
            label.setFont(theme.plot_font(bold=True))
        self._place_labels()  # a new font: its lines are taller or shorter
        self.vline.setPen(theme.pen(p.point, 1.2, dash=p.point_dash))
        self.points.setPen(pg.mkPen(p.marker_edge, width=1.5))
        self._brushes = [pg.mkBrush(p.ce), pg.mkBrush(p.mse)]
        if len(self.points.data):
            self.points.setBrush(self._brushes[: len(self.points.data)])

    def set_data(self, x: FloatArray, y_ce: FloatArray, y_mse: FloatArray, offset: int) -> None:
        self.x, self.y_ce, self.y_mse, self.offset = x, y_ce, y_mse, offset
        self.ce.set_curve(*envelope(x, y_ce, CURVE_BUCKETS))
        self.mse.set_curve(*envelope(x, y_mse, CURVE_BUCKETS))

    def place_labels(self, y_range: tuple[float, float]) -> None:
        """Each name just right of its curve's end (the x range leaves room there), nudged
        apart when the ends are close and kept inside ``y_range`` (the plot's y range)."""
        self._y_range = y_range
        self._place_labels()

    def _place_labels(self) -> None:
        if not len(self.x) or self._y_range is None:
            return
        lo, hi = self._y_range
        # A line of the labels' text and a pixel each side, in data units: lecture mode's
        # text is taller than the 5 % of the range that used to be the gap, and the upper
        # label ran past the plot's top.
        text = self.ce_label.textItem
        line = text.boundingRect().height() - 2.0 * text.document().documentMargin() + 2.0
        gap = line * (hi - lo) / max(self.plot.vb.height(), 1.0)
        low, high = lo + gap / 2, hi - gap / 2  # where a label's middle may go
        ends = [min(max(float(y[-1]), low), high) for y in (self.y_ce, self.y_mse)]
        if abs(ends[0] - ends[1]) < gap:  # CE above MSE when they end together
            upper = min(max(ends) + (gap - abs(ends[0] - ends[1])) / 2, high)
            lower = max(upper - gap, low)
            upper = lower + gap
            ends = [upper, lower] if self.y_ce[-1] >= self.y_mse[-1] else [lower, upper]
        x = float(self.x[-1])
        for label, y in zip((self.ce_label, self.mse_label), ends, strict=True):
            label.setAnchor((0.0, 0.5))
            label.setPos(x, y)

    def set_step(self, step: int) -> None:
        i = step - self.offset
        if not 0 <= i < len(self.x):
            self.vline.setVisible(False)
            self.points.setVisible(False)
            return
        x = float(self.x[i])
        self.vline.setVisible(True)
        self.vline.setPos(x)
        self.points.setVisible(True)
        self.points.setData(
            [x, x],
            [float(self.y_ce[i]), float(self.y_mse[i])],
            brush=self._brushes,
            symbol=["o", "s"],
        )


def _log_step_ticks(last: int) -> list[list[tuple[float, str]]]:
    """A log step axis's ticks at log10(step): the powers of ten labelled as steps (1, 10, …,
    100,000), 2…9 times them unlabelled (pyqtgraph's own log labels ran together here)."""
    decades = range(math.ceil(math.log10(last)) + 1)
    major = [(float(e), _count(10**e)) for e in decades]
    minor = [(math.log10(m * 10**e), "") for e in decades for m in range(2, 10)]
    return [major, minor]


class RaceView(QWidget):
    """The race page: settings and playback on top, s_p and the losses against the step."""

    settings_edited = Signal(object)  # a new RaceSettings
    step_edited = Signal(int, str)  # the step, and an undo merge key (one per gesture)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("raceView")
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # a click on the page takes the keys
        self._settings = RaceSettings()
        self._run: RaceRun | None = None
        self._units = ("nats", "sum")
        self._step = 0
        self._play_serial = 0
        self._slider_serial = 0
        self.reduce_motion = False  # Play jumps to the last step (View > Reduce motion)
        self._ranges: dict[object, object] = {}
        self._x_range = (0.0, 1.0)
        self._label_px = 0.0  # a curve's name and a margin (apply_theme measures it)
        self._build_controls()
        self._build_plots()
        self.apply_theme()
        theme.notifier.changed.connect(self.apply_theme)
        self.player = Player(self)
        self.player.stepped.connect(self._on_played)
        self.player.playing_changed.connect(self._on_playing_changed)
        self.show_settings(self._settings)
        self._on_playing_changed(False)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the view in the current language, the verdict, the step read-out and
        the axes' labels included (redrawn from the run shown)."""
        self.progress.setFormat(tr("computing the race… %p%"))
        self.link_check.setText(tr("one rate for both"))
        self.link_check.setToolTip(tr("Moving either learning rate moves both"))
        self.surfaces_check.setText(tr("show on surfaces"))
        self.surfaces_check.setToolTip(tr("Draw both paths on the surfaces and the simplex"))
        self.log_step_check.setText(tr("log step axis"))
        self.log_loss_check.setText(tr("log loss axis"))
        self.log_loss_check.setToolTip(tr("Log-log (with the log step axis): MSE's plateau shows"))
        labels = self._pair_labels
        _name_pair(
            labels[0],
            self.ce_lr_spin,
            tr("CE learning rate"),
            tr("Learning rate η of the CE descent"),
        )
        _name_pair(
            labels[1],
            self.mse_lr_spin,
            tr("MSE learning rate"),
            tr("Learning rate η of the MSE descent"),
        )
        _name_pair(
            labels[2], self.max_steps_spin, tr("steps"), tr("How many steps each descent runs")
        )
        _name_pair(
            labels[3],
            self.target_spin,
            tr("target s_p ≥"),
            tr("A contestant has arrived at the first step with s_p at least this"),
        )
        self.back_button.setText(tr("◀ Back"))
        self.back_button.setToolTip(tr("One step back"))
        self.step_button.setText(tr("Step ▶"))
        self.step_button.setToolTip(tr("One step forward"))
        self.reset_button.setText(tr("Reset"))
        self.reset_button.setToolTip(tr("Back to the start, step 0"))
        self.step_slider.setToolTip(tr("Scrub through the steps"))
        self.step_slider.setAccessibleName(tr("step"))
        self.step_label.setMinimumWidth(
            self.step_label.fontMetrics().horizontalAdvance(
                tr("step {s} of {n}").format(s="100,000", n="100,000")
            )
        )
        self.speed_combo.setToolTip(tr("Playback speed; log time plays 100,000 steps in ~10 s"))
        self.speed_combo.setItemText(self.speed_combo.findData("log"), tr("log time"))
        pp, lp = self.prob_widget.getPlotItem(), self.loss_widget.getPlotItem()
        theme.set_title(pp, tr("True-class probability s_p"))
        theme.set_title(lp, tr("Each contestant's loss"))
        self._on_playing_changed(self.player.playing)
        self._ranges.pop("labels", None)
        if self._run is None:
            self.target_line.label.setFormat(tr("target"))
            for axis in (pp.getAxis("bottom"), lp.getAxis("bottom")):
                theme.set_label(axis, tr("step"))
            theme.set_label(lp.getAxis("left"), tr("loss"))
        else:
            self._show_curves()
        self.show_step(self._step)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- building ----------------------------------------------------------------------------
    def _build_controls(self) -> None:
        self.result_label = QLabel()
        self.result_label.setObjectName("raceResultLabel")
        self.result_label.setFont(_label_font(16))
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.progress = QProgressBar()
        self.progress.setObjectName("raceProgress")
        self.progress.setMaximumWidth(320)
        self.progress.setVisible(False)

        self.ce_lr_spin = LadderDoubleSpin(LR_MIN, LR_MAX, 3)
        self.ce_lr_spin.setObjectName("raceCeLrSpin")
        self.mse_lr_spin = LadderDoubleSpin(LR_MIN, LR_MAX, 3)
        self.mse_lr_spin.setObjectName("raceMseLrSpin")
        self.link_check = QCheckBox()
        self.link_check.setObjectName("raceLinkLrCheck")
        self.max_steps_spin = LadderSpin(STEPS_MIN, STEPS_MAX)
        self.max_steps_spin.setObjectName("raceMaxStepsSpin")
        self.target_spin = QDoubleSpinBox()
        self.target_spin.setObjectName("raceTargetSpin")
        self.target_spin.setRange(PROBABILITY_MIN, PROBABILITY_MAX)
        self.target_spin.setDecimals(3)
        self.target_spin.setSingleStep(0.01)
        self.target_spin.setKeyboardTracking(False)
        self.surfaces_check = QCheckBox()
        self.surfaces_check.setObjectName("raceOnSurfacesCheck")
        self.log_step_check = QCheckBox()
        self.log_step_check.setObjectName("raceLogStepCheck")
        self.log_loss_check = QCheckBox()
        self.log_loss_check.setObjectName("raceLogLossCheck")

        settings_row = FlowLayout()
        self._pair_labels: list[QLabel] = []
        for spin in (self.ce_lr_spin, self.mse_lr_spin, self.max_steps_spin, self.target_spin):
            box, label = _pair(spin)
            self._pair_labels.append(label)
            settings_row.addWidget(box)
            if spin is self.mse_lr_spin:
                settings_row.addWidget(self.link_check)
        for check in (self.log_step_check, self.log_loss_check, self.surfaces_check):
            settings_row.addWidget(check)

        self.play_button = QPushButton()
        self.play_button.setObjectName("racePlayButton")
        self.back_button = QPushButton()
        self.back_button.setObjectName("raceBackButton")
        self.step_button = QPushButton()
        self.step_button.setObjectName("raceStepButton")
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("raceResetButton")
        self.step_slider = QSlider(Qt.Orientation.Horizontal)
        self.step_slider.setObjectName("raceStepSlider")
        self.step_slider.setMinimumWidth(120)
        self.step_label = QLabel()
        self.step_label.setObjectName("raceStepLabel")
        self.speed_combo = QComboBox()
        self.speed_combo.setObjectName("raceSpeedCombo")
        for speed in ("0.25", "0.5", "1", "2", "4"):
            self.speed_combo.addItem(f"{speed}×", speed)
        self.speed_combo.addItem("", "log")

        playback = QHBoxLayout()
        for w in (self.play_button, self.back_button, self.step_button, self.reset_button):
            playback.addWidget(w)
        playback.addWidget(self.step_slider, 1)
        playback.addWidget(self.step_label)
        playback.addWidget(self.speed_combo)

        top = QHBoxLayout()
        top.addWidget(self.result_label, 1)
        top.addWidget(self.progress)
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(top)
        self._layout.addLayout(settings_row)
        self._layout.addLayout(playback)

        self.ce_lr_spin.valueChanged.connect(lambda v: self._edit_rate("ce", v))
        self.mse_lr_spin.valueChanged.connect(lambda v: self._edit_rate("mse", v))
        self.link_check.toggled.connect(self._edit_link)
        self.max_steps_spin.valueChanged.connect(
            lambda n: self._edit(self._settings.with_max_steps(int(n)))
        )
        self.target_spin.valueChanged.connect(
            lambda p: self._edit(replace(self._settings, target_probability=float(p)))
        )
        self.surfaces_check.toggled.connect(
            lambda on: self._edit(replace(self._settings, show_on_surfaces=on))
        )
        self.log_step_check.toggled.connect(
            lambda on: self._edit(replace(self._settings, log_step=on))
        )
        self.log_loss_check.toggled.connect(
            lambda on: self._edit(replace(self._settings, log_loss=on))
        )
        self.speed_combo.currentIndexChanged.connect(self._edit_speed)
        self.play_button.clicked.connect(self.toggle_play)
        self.step_button.clicked.connect(lambda: self._move(self._step + 1, "race-step"))
        self.back_button.clicked.connect(lambda: self._move(self._step - 1, "race-back"))
        self.reset_button.clicked.connect(lambda: self._move(0, "race-reset"))
        self.step_slider.sliderPressed.connect(self._new_slider_gesture)
        self.step_slider.sliderReleased.connect(self._new_slider_gesture)
        self.step_slider.valueChanged.connect(self._on_slider)

    def apply_theme(self) -> None:
        """Every pen, colour and font in the current profile (lecture mode on or off)."""
        p = theme.current()
        theme.restyle_tree(self)
        self.target_line.setPen(theme.pen(p.zero_line, 1.3, dashed=True))
        self.target_line.label.setColor(p.axis_text)
        self.target_line.label.setFont(theme.plot_font())
        for curves in (self.prob_curves, self.loss_curves):
            curves.apply_theme()
        metrics = QFontMetricsF(theme.plot_font(bold=True))
        self._label_px = metrics.horizontalAdvance("MSE") + 10
        for plot in (self.prob_widget.getPlotItem(), self.loss_widget.getPlotItem()):
            self._fit_x(plot)

    def _build_plots(self) -> None:
        self.prob_widget = _plot_widget("raceProbPlot")
        self.loss_widget = _plot_widget("raceLossPlot")
        pp = self.prob_widget.getPlotItem()
        theme.style_plot(pp, tr("True-class probability s_p"), tr("step"), "s_p")
        theme.add_legend(pp)
        pp.setMouseEnabled(False, False)
        pp.setYRange(*PROB_RANGE, padding=0)
        self.target_line = pg.InfiniteLine(
            angle=0,
            movable=False,
            label=tr("target"),
            # under the line at the right, where the curves have arrived above it or never rose
            labelOpts={"position": 0.985, "anchors": [(1, 0), (1, 0)]},
        )
        pp.vb.addItem(self.target_line, ignoreBounds=True)
        self.prob_curves = _Curves(pp)
        lp = self.loss_widget.getPlotItem()
        theme.style_plot(lp, tr("Each contestant's loss"), tr("step"), tr("loss"))
        theme.add_legend(lp)
        lp.setMouseEnabled(False, False)
        self.loss_curves = _Curves(lp)
        for plot in (pp, lp):
            plot.vb.sigResized.connect(lambda _vb, plot=plot: self._fit_x(plot))
        plots = QHBoxLayout()
        plots.addWidget(self.prob_widget, 1)
        plots.addWidget(self.loss_widget, 1)
        self._layout.addLayout(plots, 1)

    # --- what the view shows ------------------------------------------------------------------
    @property
    def settings(self) -> RaceSettings:
        """The settings last shown."""
        return self._settings

    @property
    def step(self) -> int:
        return self._step

    @property
    def run(self) -> RaceRun | None:
        return self._run

    def show_settings(self, settings: RaceSettings) -> None:
        """Controls (and the plots' axes) as ``settings`` say; emits nothing."""
        old, self._settings = self._settings, settings
        widgets: list[QObject] = [
            self.ce_lr_spin,
            self.mse_lr_spin,
            self.link_check,
            self.max_steps_spin,
            self.target_spin,
            self.surfaces_check,
            self.log_step_check,
            self.log_loss_check,
            self.speed_combo,
            self.step_slider,
        ]
        for w in widgets:
            w.blockSignals(True)
        try:
            self.ce_lr_spin.setValue(settings.lr_ce)
            self.mse_lr_spin.setValue(settings.lr_mse)
            self.link_check.setChecked(settings.linked)
            self.max_steps_spin.setValue(settings.max_steps)
            self.target_spin.setValue(settings.target_probability)
            self.surfaces_check.setChecked(settings.show_on_surfaces)
            self.log_step_check.setChecked(settings.log_step)
            self.log_loss_check.setChecked(settings.log_loss)
            self.speed_combo.setCurrentIndex(max(0, self.speed_combo.findData(settings.speed)))
            self.step_slider.setRange(0, settings.max_steps)
        finally:
            for w in widgets:
                w.blockSignals(False)
        self.player.last = settings.max_steps
        if settings.speed != self.player.speed:
            self.player.set_speed(settings.speed)
        if self._run is not None and (
            (old.log_step, old.log_loss, old.target_probability)
            != (settings.log_step, settings.log_loss, settings.target_probability)
        ):
            self._show_curves()
        self.show_step(settings.step)

    def show_run(
        self,
        run: RaceRun,
        settings: RaceSettings,
        ce_unit: str = "nats",
        mse_reduction: str = "sum",
    ) -> None:
        """A computed race, judged against ``settings.target_probability``, at its step."""
        if run.target_probability != settings.target_probability:
            run = run.with_target_probability(settings.target_probability)
        self._run, self._units = run, (ce_unit, mse_reduction)
        self.progress.setVisible(False)
        self._settings = settings
        self._show_curves()
        self.show_settings(settings)

    def show_progress(self, done: int, total: int) -> None:
        """A race being computed: ``done`` of ``total`` steps."""
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setVisible(True)

    def hide_progress(self) -> None:
        self.progress.setVisible(False)

    def show_step(self, step: int) -> None:
        """Mark ``step`` on both plots, the slider and the read-out."""
        n = self._settings.max_steps
        step = min(max(int(step), 0), n)
        self._step = step
        if step != self._settings.step:  # the settings edits this view emits carry the step
            self._settings = replace(self._settings, step=step)
        if self.player.playing and step != self.player.step:
            self.player.seek(step)  # moved from outside (undo): play on from there
        self.step_slider.blockSignals(True)
        self.step_slider.setValue(step)
        self.step_slider.blockSignals(False)
        self.step_label.setText(tr("step {s} of {n}").format(s=_count(step), n=_count(n)))
        self.prob_curves.set_step(step)
        self.loss_curves.set_step(step)
        self.back_button.setEnabled(step > 0)
        self.step_button.setEnabled(step < n)

    def _show_curves(self) -> None:
        run, s = self._run, self._settings
        if run is None:
            return
        self.result_label.setText(verdict_text(run.verdict))
        offset = 1 if s.log_step else 0
        steps = np.arange(offset, run.max_steps + 1, dtype=np.float64)
        x = np.log10(steps) if s.log_step else steps
        ce_loss = run.ce.loss_in(*self._units)[offset:]
        mse_loss = run.mse.loss_in(*self._units)[offset:]
        if s.log_loss:  # log10 in float64 here, floored: the tails keep their asymptotics
            ce_loss = np.log10(np.maximum(ce_loss, LOG_FLOOR))
            mse_loss = np.log10(np.maximum(mse_loss, LOG_FLOOR))
        self.prob_curves.set_data(x, run.ce.s_p[offset:], run.mse.s_p[offset:], offset)
        self.loss_curves.set_data(x, ce_loss, mse_loss, offset)
        self.target_line.setPos(s.target_probability)
        self.prob_curves.place_labels(PROB_RANGE)
        self.target_line.label.setFormat(
            tr("target {p}").format(p=_probability(s.target_probability))
        )

        pp, lp = self.prob_widget.getPlotItem(), self.loss_widget.getPlotItem()
        x_label = tr("step (log)") if s.log_step else tr("step")
        ce_unit, mse_reduction = self._units
        y_label = tr("loss (CE {ce}, MSE {mse})").format(
            ce=unit_name(ce_unit), mse=unit_name(mse_reduction)
        )
        if s.log_loss:
            y_label += tr(" (log)")
        labels = (x_label, y_label)
        if labels != self._ranges.get("labels"):
            self._ranges["labels"] = labels
            theme.set_label(pp.getAxis("bottom"), x_label)
            theme.set_label(lp.getAxis("bottom"), x_label)
            theme.set_label(lp.getAxis("left"), y_label)
        ticks = _log_step_ticks(run.max_steps) if s.log_step else None
        if ticks != self._ranges.get("ticks"):
            self._ranges["ticks"] = ticks
            for plot in (pp, lp):
                plot.getAxis("bottom").setTicks(ticks)
        lp.setLogMode(None, s.log_loss)
        x_range = (float(x[0]), float(x[-1]))
        both = np.concatenate([ce_loss, mse_loss])
        if s.log_loss:
            lo, hi = float(np.floor(both.min())), float(np.ceil(both.max()))
            y_range = (lo - 0.2, max(hi, lo + 1) + 0.2)
        else:
            top = float(both.max()) or 1.0
            y_range = (-0.03 * top, 1.06 * top)
        self.loss_curves.place_labels(y_range)
        if y_range != self._ranges.get("y"):
            self._ranges["y"] = y_range
            lp.setYRange(*y_range, padding=0)
        self._x_range = x_range
        for plot in (pp, lp):
            self._fit_x(plot)
            plot.vb.updateMatrix()

    def _fit_x(self, plot: LeanPlot) -> None:
        """The x range: the steps, and right of them room for the curves' names in pixels
        (a share of the range cut them off in a narrow plot)."""
        x0, x1 = self._x_range
        span = (x1 - x0) or 1.0
        left = x0 - 0.01 * span
        width = plot.vb.width()
        room = self._label_px * (x1 - left) / max(width - self._label_px, 50.0)
        new = (left, x1 + room)
        if new != self._ranges.get(id(plot)):
            self._ranges[id(plot)] = new
            plot.setXRange(*new, padding=0)

    def columns(self, plot_name: str) -> dict[str, np.ndarray]:
        """The numbers behind one plot, as named columns (CSV export)."""
        run = self._run
        if run is None:
            return {}
        steps = run.steps.astype(np.float64)
        if plot_name == "raceProbPlot":
            return {"step": steps, "CE s_p": run.ce.s_p, "MSE s_p": run.mse.s_p}
        ce_unit, mse_reduction = self._units
        return {
            "step": steps,
            f"CE loss ({ce_unit})": run.ce.loss_in(*self._units),
            f"MSE loss ({mse_reduction})": run.mse.loss_in(*self._units),
        }

    # --- user edits -> signals ---------------------------------------------------------------
    def _edit(self, settings: RaceSettings) -> None:
        if settings != self._settings:
            self.settings_edited.emit(settings)

    def _edit_rate(self, who: str, value: float) -> None:
        s = self._settings
        new = s.with_rates(lr_ce=value) if who == "ce" else s.with_rates(lr_mse=value)
        if s.linked:  # the other box follows at once, before the state comes back
            other = self.mse_lr_spin if who == "ce" else self.ce_lr_spin
            other.blockSignals(True)
            other.setValue(value)
            other.blockSignals(False)
        self._edit(new)

    def _edit_link(self, on: bool) -> None:
        s = self._settings
        # Linking gives MSE the CE rate: one rate from then on.
        self._edit(replace(s, linked=on, lr_mse=s.lr_ce if on else s.lr_mse))

    def _edit_speed(self, _index: int) -> None:
        speed = str(self.speed_combo.currentData())
        self.player.set_speed(speed)
        self._edit(replace(self._settings, speed=speed))  # type: ignore[arg-type]

    def _move(self, step: int, key: str) -> None:
        self.player.pause()
        step = min(max(step, 0), self._settings.max_steps)
        if step != self._step:
            self.step_edited.emit(step, key)

    def _new_slider_gesture(self) -> None:
        self._slider_serial += 1

    def _on_slider(self, value: int) -> None:
        self.player.pause()
        if value != self._step:
            self.step_edited.emit(int(value), f"race-slider-{self._slider_serial}")

    def set_reduce_motion(self, on: bool) -> None:
        self.reduce_motion = on
        if on:
            self.player.pause()

    def toggle_play(self) -> None:
        if self.player.playing:
            self.player.pause()
        elif self.reduce_motion:  # the end at once, one undo entry, no animation
            self._play_serial += 1
            if self._step != self._settings.max_steps:
                self.step_edited.emit(self._settings.max_steps, f"race-play-{self._play_serial}")
        else:
            self._play_serial += 1
            self.player.play(self._step, self._settings.max_steps)

    def _on_played(self, step: int) -> None:
        self.step_edited.emit(step, f"race-play-{self._play_serial}")

    def _on_playing_changed(self, playing: bool) -> None:
        self.play_button.setText(tr("Pause") if playing else tr("▶ Play"))
        self.play_button.setToolTip(tr("Pause (Space)") if playing else tr("Play (Space)"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.toggle_play()
            event.accept()
            return
        super().keyPressEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.player.pause()  # a race plays only while it shows
        super().hideEvent(event)
