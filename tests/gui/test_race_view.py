"""The race view alone: fed a model RaceRun, driven by object name (play, pause, step, back,
reset, scrub, speed, log switches, linked and unlinked rates), its verdict checked against the
model's step counts; and the runner that computes long races in slices."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QSlider,
    QSpinBox,
    QStyle,
    QStyleOptionSlider,
    QWidget,
)

from gui import theme
from gui.race_runner import RaceRunner
from gui.views.fast_items import CurveItem
from gui.views.race import (
    BASE_RATE,
    RaceView,
    clock_advance,
    clock_position,
    clock_step,
    envelope,
    verdict_text,
)
from model import race
from model.race import RaceSettings, RaceVerdict

NAMES = {
    "raceCeLrSpin": QDoubleSpinBox,
    "raceMseLrSpin": QDoubleSpinBox,
    "raceLinkLrCheck": QCheckBox,
    "raceMaxStepsSpin": QSpinBox,
    "raceTargetSpin": QDoubleSpinBox,
    "racePlayButton": QPushButton,
    "raceStepButton": QPushButton,
    "raceBackButton": QPushButton,
    "raceResetButton": QPushButton,
    "raceStepSlider": QSlider,
    "raceSpeedCombo": QComboBox,
    "raceProbPlot": pg.PlotWidget,
    "raceLossPlot": pg.PlotWidget,
    "raceLogStepCheck": QCheckBox,
    "raceLogLossCheck": QCheckBox,
    "raceResultLabel": QLabel,
    "raceOnSurfacesCheck": QCheckBox,
    "raceProgress": QProgressBar,
}


class Harness:
    """The view with a stand-in controller: every emitted edit is recorded and shown back, as
    the real controller does through the state."""

    def __init__(self, qtbot, z0=(-8.0, 4.0, 0.0), settings=None, target=0):
        theme.setup_pyqtgraph()
        self.view = RaceView()
        qtbot.addWidget(self.view)
        self.view.resize(1280, 800)
        self.z0, self.target = z0, target
        self.settings = settings or RaceSettings(max_steps=10_000)
        self.run = race.run_race(z0, target, self.settings)
        self.view.show_run(self.run, self.settings)
        self.edits: list[RaceSettings] = []
        self.steps: list[tuple[int, str]] = []
        self.view.settings_edited.connect(self._on_settings)
        self.view.step_edited.connect(self._on_step)
        self.view.show()
        qtbot.waitExposed(self.view)

    def _on_settings(self, s):
        self.edits.append(s)
        self.settings = s
        run = race.run_race(self.z0, self.target, s)
        self.run = run
        self.view.show_run(run, s)

    def _on_step(self, step, key):
        self.steps.append((step, key))
        from dataclasses import replace

        self.settings = replace(self.settings, step=step)
        self.view.show_step(step)

    def go(self, step):
        """A step set from outside the view (the state's), as the controller would."""
        self._on_step(step, "outside")

    def find(self, name):
        w = self.view.findChild(NAMES[name], name)
        assert w is not None, name
        return w


@pytest.fixture
def harness(qtbot):
    return Harness(qtbot)


def _curves(plot: pg.PlotWidget) -> list[CurveItem]:
    return [i for i in plot.getPlotItem().vb.allChildren() if isinstance(i, CurveItem)]


def _vline(plot: pg.PlotWidget) -> pg.InfiniteLine:
    lines = [
        i
        for i in plot.getPlotItem().vb.allChildren()
        if isinstance(i, pg.InfiniteLine) and i.angle == 90
    ]
    assert len(lines) == 1
    return lines[0]


# --- building ---------------------------------------------------------------------------------
def test_every_named_widget_exists_once(harness):
    assert harness.view.objectName() == "raceView"
    for name, kind in NAMES.items():
        found = harness.view.findChildren(kind, name)
        assert len(found) == 1, name


def test_the_defaults_show_in_the_controls(qtbot):
    h = Harness(qtbot, settings=RaceSettings())
    assert h.find("raceCeLrSpin").value() == 1.0 and h.find("raceMseLrSpin").value() == 1.0
    assert h.find("raceLinkLrCheck").isChecked()
    assert h.find("raceMaxStepsSpin").value() == 1000
    assert h.find("raceTargetSpin").value() == 0.9
    assert h.find("raceOnSurfacesCheck").isChecked()
    assert not h.find("raceLogStepCheck").isChecked()
    assert not h.find("raceLogLossCheck").isChecked()
    assert h.find("raceSpeedCombo").currentData() == "1"
    assert h.find("raceStepSlider").maximum() == 1000
    assert not h.find("raceProgress").isVisible()


def test_controls_wrap_in_a_narrow_view(qtbot):
    """At a projector's width with the logit dock open, every control stays in the view."""
    h = Harness(qtbot)
    h.view.resize(720, 640)
    qtbot.wait(50)
    inside = h.view.rect()
    for name in NAMES:
        w = h.find(name)
        if name == "raceProgress":
            continue
        top_left = w.mapTo(h.view, QPoint(0, 0))
        assert inside.contains(top_left), name
        assert inside.contains(top_left + QPoint(w.width() - 1, w.height() - 1)), name


# --- the verdict ------------------------------------------------------------------------------
def test_verdict_of_the_products_example(harness):
    r = harness.run
    assert (r.ce_steps, r.mse_steps) == (14, 9825)
    text = harness.find("raceResultLabel").text()
    assert text == "CE reaches s_p ≥ 0.9 in 14 steps, MSE in 9,825 (702× more)"
    assert f"{r.ce_steps} steps" in text and f"{r.mse_steps:,}" in text
    assert f"{round(r.mse_steps / r.ce_steps)}×" in text


def test_verdict_when_mse_never_arrives(qtbot):
    h = Harness(qtbot, z0=(-10.0, 10.0, 0.0), settings=RaceSettings())
    assert (h.run.ce_steps, h.run.mse_steps) == (17, None)
    assert h.find("raceResultLabel").text() == (
        "CE reaches s_p ≥ 0.9 in 17 steps; MSE has not reached s_p ≥ 0.9 in 1,000 steps"
    )


def test_verdict_follows_the_target_spin(harness):
    spin = harness.find("raceTargetSpin")
    spin.setValue(0.95)
    assert harness.edits[-1].target_probability == 0.95
    ce, mse = harness.run.ce.steps_to(0.95), harness.run.mse.steps_to(0.95)
    assert harness.find("raceResultLabel").text() == (
        f"CE reaches s_p ≥ 0.95 in {ce} steps, MSE in {mse:,} ({round(mse / ce):,}× more)"
    )


@pytest.mark.parametrize(
    ("ce", "mse", "text"),
    [
        (None, None, "Neither CE nor MSE reaches s_p ≥ 0.9 in 1,000 steps"),
        (
            None,
            30,
            "MSE reaches s_p ≥ 0.9 in 30 steps; CE has not reached s_p ≥ 0.9 in 1,000 steps",
        ),
        (40, 10, "MSE reaches s_p ≥ 0.9 in 10 steps, CE in 40 (4.0× more)"),
        (1, 26, "CE reaches s_p ≥ 0.9 in 1 step, MSE in 26 (26× more)"),
        (7, 7, "CE and MSE both reach s_p ≥ 0.9 in 7 steps"),
        (0, 0, "CE and MSE both start at s_p ≥ 0.9"),
        (0, 1234, "CE starts at s_p ≥ 0.9, MSE reaches it in 1,234 steps"),
    ],
)
def test_verdict_wording(ce, mse, text):
    assert verdict_text(RaceVerdict(0.9, 1000, ce, mse)) == text


# --- curves -----------------------------------------------------------------------------------
def test_curves_are_the_models_numbers(harness):
    r = harness.run
    ce_p, mse_p = _curves(harness.find("raceProbPlot"))
    ce_l, mse_l = _curves(harness.find("raceLossPlot"))
    # 10,001 steps are drawn as their envelope; the ends and the extremes are the model's
    for curve, values in (
        (ce_p, r.ce.s_p),
        (mse_p, r.mse.s_p),
        (ce_l, r.ce.ce),
        (mse_l, r.mse.mse),
    ):
        assert curve.x[0] == 0 and curve.x[-1] == 10_000
        assert curve.y[0] == values[0] and curve.y[-1] == values[-1]
        assert curve.y.max() == values.max() and curve.y.min() == values.min()
    # told apart by colour and by dash pattern
    assert ce_p.pen().color().name() == theme.CE_COLOUR.lower()
    assert mse_p.pen().color().name() == theme.MSE_COLOUR.lower()
    assert ce_p.pen().style() == Qt.PenStyle.SolidLine
    assert mse_p.pen().style() == Qt.PenStyle.CustomDashLine
    assert mse_p.pen().dashPattern() == list(theme.current().mse_dash)


def test_each_curve_has_its_name_at_its_end(harness):
    plot = harness.find("raceProbPlot")
    labels = {
        i.toPlainText(): i
        for i in plot.getPlotItem().vb.allChildren()
        if isinstance(i, pg.TextItem)
    }
    assert {"CE", "MSE"} <= set(labels)
    for name in ("CE", "MSE"):
        assert labels[name].pos().x() == 10_000
    ce_y, mse_y = labels["CE"].pos().y(), labels["MSE"].pos().y()
    assert ce_y > mse_y  # CE ends higher (s_p 1.0 against 0.97); kept apart
    target = [
        i
        for i in plot.getPlotItem().vb.allChildren()
        if isinstance(i, pg.InfiniteLine) and i.angle == 0
    ]
    assert len(target) == 1 and target[0].value() == 0.9
    assert target[0].pen.style() not in (Qt.PenStyle.SolidLine, Qt.PenStyle.NoPen)


def test_envelope_keeps_every_pixel_column():
    x = np.arange(100_001, dtype=float)
    y = np.sin(x / 700.0) + (x % 97 == 0)  # spikes a point wide
    xs, ys = envelope(x, y, 1000)
    assert len(xs) <= 4000
    assert ys.max() == y.max() and ys.min() == y.min()
    assert np.all(np.diff(xs) >= 0)
    # every column's extremes are drawn: compare per column
    columns = np.minimum((x / x[-1] * 1000).astype(int), 999)
    for c in (0, 137, 999):
        seen = ys[(xs >= x[columns == c][0]) & (xs <= x[columns == c][-1])]
        assert seen.max() == y[columns == c].max()
    short = np.arange(10.0)
    assert envelope(short, short, 1000)[0] is short


def test_log_step_axis(harness):
    check = harness.find("raceLogStepCheck")
    check.click()
    assert harness.edits[-1].log_step is True
    ce, _mse = _curves(harness.find("raceProbPlot"))
    assert ce.x[0] == 0.0  # log10 of step 1: the start has no place on a log axis
    assert ce.x[-1] == 4.0
    assert ce.y[0] == harness.run.ce.s_p[1]
    plot = harness.find("raceProbPlot")
    assert "log" in plot.getPlotItem().getAxis("bottom").labelText
    line = _vline(plot)
    harness.go(0)
    assert not line.isVisible()
    harness.go(100)
    assert line.isVisible() and line.value() == pytest.approx(2.0)
    check.click()
    assert harness.edits[-1].log_step is False
    assert _curves(plot)[0].x[0] == 0.0 and _vline(plot).value() == 100


def test_log_loss_axis(harness):
    harness.find("raceLogLossCheck").click()
    assert harness.edits[-1].log_loss is True
    ce, mse = _curves(harness.find("raceLossPlot"))
    assert ce.y[0] == pytest.approx(math.log10(harness.run.ce.ce[0]), rel=1e-15)
    assert mse.y[-1] == pytest.approx(math.log10(harness.run.mse.mse[-1]), rel=1e-15)
    assert harness.find("raceLossPlot").getPlotItem().getAxis("left").logMode


def test_units_change_the_loss_curves_not_the_race(qtbot):
    h = Harness(qtbot, settings=RaceSettings())
    h.view.show_run(h.run, h.settings, ce_unit="bits", mse_reduction="mean")
    ce, mse = _curves(h.find("raceLossPlot"))
    assert ce.y[0] == pytest.approx(h.run.ce.ce[0] / math.log(2))
    assert mse.y[0] == pytest.approx(h.run.mse.mse[0] / 3)
    assert "bits" in h.find("raceLossPlot").getPlotItem().getAxis("left").labelText


# --- stepping ---------------------------------------------------------------------------------
def test_step_back_reset_and_scrub(qtbot, harness):
    step, back, reset = (
        harness.find(n) for n in ("raceStepButton", "raceBackButton", "raceResetButton")
    )
    assert not back.isEnabled()  # at step 0
    step.click()
    step.click()
    assert harness.steps == [(1, "race-step"), (2, "race-step")]
    back.click()
    assert harness.steps[-1] == (1, "race-back")
    marker = _vline(harness.find("raceProbPlot"))
    assert marker.value() == 1
    reset.click()
    assert harness.steps[-1] == (0, "race-reset")
    slider = harness.find("raceStepSlider")
    slider.setFocus()
    QTest.keyClick(slider, Qt.Key.Key_End)
    assert harness.steps[-1][0] == 10_000
    assert not step.isEnabled()
    assert "10,000 of 10,000" in harness.view.findChild(QLabel, "raceStepLabel").text()
    # a drag is one gesture: one key for all its moves, a new key for the next gesture
    harness.go(0)
    handle = _handle_centre(slider)
    qtbot.mousePress(slider, Qt.MouseButton.LeftButton, pos=handle)
    for x in (handle.x() + 40, handle.x() + 120, handle.x() + 200):
        QTest.mouseMove(slider, QPoint(x, handle.y()))
    qtbot.mouseRelease(slider, Qt.MouseButton.LeftButton, pos=QPoint(handle.x() + 200, handle.y()))
    drag = [(s, k) for s, k in harness.steps if k.startswith("race-slider")][1:]
    assert len(drag) >= 2 and len({k for _s, k in drag}) == 1
    assert [s for s, _k in drag] == sorted(s for s, _k in drag) and drag[-1][0] > 0
    QTest.keyClick(slider, Qt.Key.Key_Left)
    assert harness.steps[-1][1] != drag[-1][1]
    assert slider.value() == harness.view.step


def _handle_centre(slider: QSlider) -> QPoint:
    opt = QStyleOptionSlider()
    opt.initFrom(slider)
    opt.orientation = slider.orientation()
    opt.minimum, opt.maximum = slider.minimum(), slider.maximum()
    opt.sliderPosition = opt.sliderValue = slider.value()
    rect = slider.style().subControlRect(
        QStyle.ComplexControl.CC_Slider, opt, QStyle.SubControl.SC_SliderHandle, slider
    )
    return rect.center()


# --- playback ---------------------------------------------------------------------------------
def test_playback_clock():
    # linear: BASE_RATE steps a second times the speed
    for speed, rate in (("0.25", 7.5), ("0.5", 15), ("1", 30), ("2", 60), ("4", 120)):
        assert BASE_RATE * float(speed) == rate
        assert clock_step(clock_advance(clock_position(10, speed), 2.0, speed), speed) == int(
            10 + 2 * rate
        )
    # log time: 100,000 steps in 10 s, the first ten in 2 s, every decade in the same time
    assert clock_step(clock_advance(clock_position(0, "log"), 10.0, "log"), "log") == 99_999
    assert clock_step(clock_advance(clock_position(0, "log"), 2.0, "log"), "log") == 9
    p = clock_advance(clock_position(999, "log"), 2.0, "log")
    assert clock_step(p, "log") == 9999


def test_play_pause_and_one_undo_entry_per_play_run(qtbot, harness):
    play = harness.find("racePlayButton")
    assert "Play" in play.text()
    qtbot.wait(150)
    assert harness.steps == []  # a race starts paused
    harness.find("raceSpeedCombo").setCurrentIndex(4)  # 4x
    assert harness.edits[-1].speed == "4"
    play.click()
    assert "Pause" in play.text()
    qtbot.waitUntil(lambda: harness.view.step >= 5, timeout=3000)
    play.click()
    assert "Play" in play.text()
    first_run = list(harness.steps)
    assert {k for _s, k in first_run} == {"race-play-1"}
    assert [s for s, _k in first_run] == sorted({s for s, _k in first_run})
    qtbot.wait(150)
    assert harness.steps == first_run  # paused: nothing more
    play.click()
    qtbot.waitUntil(lambda: len(harness.steps) > len(first_run), timeout=3000)
    play.click()
    assert {k for _s, k in harness.steps[len(first_run) :]} == {"race-play-2"}
    assert harness.steps[len(first_run)][0] > first_run[-1][0]  # on from where it paused


def test_play_stops_at_the_last_step_and_plays_again_from_the_start(qtbot):
    h = Harness(qtbot, settings=RaceSettings(max_steps=10, speed="4"))
    play = h.find("racePlayButton")
    play.click()
    qtbot.waitUntil(lambda: h.view.step == 10 and "Play" in play.text(), timeout=3000)
    assert h.steps[-1] == (10, "race-play-1")
    play.click()
    assert h.steps[len(h.steps) - 1][0] == 0 or h.steps[-1][1] == "race-play-2"
    restart = [s for s, k in h.steps if k == "race-play-2"]
    assert restart[0] == 0
    play.click()


def test_log_time_starts_slowly(qtbot):
    h = Harness(qtbot, settings=RaceSettings(max_steps=100_000, speed="log"))
    assert h.find("raceSpeedCombo").currentData() == "log"
    h.find("racePlayButton").click()
    qtbot.waitUntil(lambda: h.view.step >= 3, timeout=5000)
    h.find("racePlayButton").click()
    shown = [s for s, _k in h.steps]
    # the first decade takes 2 s: its steps come one or two at a time (timing-tolerant)
    assert shown[0] < 10 and shown == sorted(set(shown))


def test_space_toggles_play_unless_a_control_takes_it(qtbot, harness):
    slider = harness.find("raceStepSlider")
    harness.view.activateWindow()
    slider.setFocus()
    QTest.keyClick(slider, Qt.Key.Key_Space)
    assert harness.view.player.playing
    QTest.keyClick(slider, Qt.Key.Key_Space)
    assert not harness.view.player.playing
    check = harness.find("raceLogLossCheck")
    check.setFocus()
    QTest.keyClick(check, Qt.Key.Key_Space)
    assert check.isChecked() and not harness.view.player.playing
    plot = harness.find("raceProbPlot")
    plot.setFocus()
    QTest.keyClick(plot, Qt.Key.Key_Space)
    assert harness.view.player.playing
    QTest.keyClick(plot, Qt.Key.Key_Space)
    assert not harness.view.player.playing


def test_hiding_the_view_pauses(qtbot, harness):
    harness.find("racePlayButton").click()
    assert harness.view.player.playing
    harness.view.hide()
    assert not harness.view.player.playing


# --- settings edits ---------------------------------------------------------------------------
def test_linked_rates_move_together(harness):
    ce, mse = harness.find("raceCeLrSpin"), harness.find("raceMseLrSpin")
    ce.setFocus()
    QTest.keyClick(ce, Qt.Key.Key_Up)  # log-stepped: 1 -> 2
    assert harness.edits[-1].lr_ce == 2.0 and harness.edits[-1].lr_mse == 2.0
    assert mse.value() == 2.0
    QTest.keyClick(ce, Qt.Key.Key_Up)  # 2 -> 5
    assert (ce.value(), mse.value()) == (5.0, 5.0)
    mse.setFocus()
    QTest.keyClick(mse, Qt.Key.Key_Down)  # 5 -> 2, both
    assert harness.edits[-1] == RaceSettings(lr_ce=2.0, lr_mse=2.0, max_steps=10_000)
    # the race is recomputed with the new rate
    assert harness.run.ce.lr == 2.0


def test_unlinked_rates_move_alone_and_relinking_joins_them(harness):
    ce, mse, link = (harness.find(n) for n in ("raceCeLrSpin", "raceMseLrSpin", "raceLinkLrCheck"))
    link.click()
    assert harness.edits[-1].linked is False
    mse.setFocus()
    for _ in range(3):
        QTest.keyClick(mse, Qt.Key.Key_Up)  # 1 -> 2 -> 5 -> 10
    s = harness.edits[-1]
    assert (s.lr_ce, s.lr_mse, s.linked) == (1.0, 10.0, False)
    assert ce.value() == 1.0
    ce.setFocus()
    QTest.keyClick(ce, Qt.Key.Key_Down)  # 1 -> 0.5
    assert (harness.edits[-1].lr_ce, harness.edits[-1].lr_mse) == (0.5, 10.0)
    assert harness.run.mse.lr == 10.0 and harness.run.ce.lr == 0.5
    link.click()
    s = harness.edits[-1]
    assert (s.lr_ce, s.lr_mse, s.linked) == (0.5, 0.5, True)
    assert mse.value() == 0.5


def test_rates_ladder_ends_and_typing(harness):
    ce = harness.find("raceCeLrSpin")
    ce.setValue(0.003)  # typed values need not be on the ladder
    assert harness.edits[-1].lr_ce == 0.003
    ce.stepBy(1)
    assert ce.value() == 0.005
    ce.stepBy(-10)
    assert ce.value() == 0.001
    ce.stepBy(100)
    assert ce.value() == 100.0


def test_max_steps_and_the_step_shown(harness):
    harness.go(9000)
    spin = harness.find("raceMaxStepsSpin")
    spin.setFocus()
    QTest.keyClick(spin, Qt.Key.Key_Down)  # 10,000 -> 5,000
    s = harness.edits[-1]
    assert (s.max_steps, s.step) == (5000, 5000)
    assert harness.find("raceStepSlider").maximum() == 5000
    assert harness.run.max_steps == 5000


def test_show_on_surfaces_and_speed_are_settings(harness):
    harness.find("raceOnSurfacesCheck").click()
    assert harness.edits[-1].show_on_surfaces is False
    combo = harness.find("raceSpeedCombo")
    assert [combo.itemData(i) for i in range(combo.count())] == [
        "0.25",
        "0.5",
        "1",
        "2",
        "4",
        "log",
    ]
    combo.setCurrentIndex(5)
    assert harness.edits[-1].speed == "log"


def test_show_settings_emits_nothing(harness):
    harness.view.show_settings(
        RaceSettings(
            lr_ce=0.2,
            lr_mse=7.0,
            linked=False,
            max_steps=20_000,
            target_probability=0.8,
            step=123,
            speed="0.5",
            log_step=True,
            log_loss=True,
            show_on_surfaces=False,
        )
    )
    assert harness.edits == [] and harness.steps == []
    assert harness.find("raceMseLrSpin").value() == 7.0
    assert harness.find("raceStepSlider").value() == 123
    assert harness.find("raceSpeedCombo").currentData() == "0.5"


def test_progress_shows_while_computing(harness):
    bar = harness.find("raceProgress")
    harness.view.show_progress(30, 100)
    assert bar.isVisible() and bar.value() == 30
    harness.view.show_run(harness.run, harness.settings)
    assert not bar.isVisible()


def test_columns_for_export(harness):
    cols = harness.view.columns("raceProbPlot")
    np.testing.assert_array_equal(cols["CE s_p"], harness.run.ce.s_p)
    cols = harness.view.columns("raceLossPlot")
    np.testing.assert_array_equal(cols["MSE loss (sum)"], harness.run.mse.mse)


# --- the runner -------------------------------------------------------------------------------
def test_runner_answers_short_and_cached_races_at_once(qtbot):
    race.clear_cache()
    runner = RaceRunner()
    s = RaceSettings()
    run = runner.request((-2.0, 1.0, 0.5), 0, s)
    assert run is not None and (run.ce_steps, run.mse_steps) == (9, 26)
    assert not runner.busy


def test_runner_computes_long_races_in_slices(qtbot):
    race.clear_cache()
    runner = RaceRunner()
    z0 = np.random.default_rng(1).normal(0, 2, 20)
    s = RaceSettings(max_steps=20_000, target_probability=0.6)
    progress, finished, between = [], [], []
    runner.progress.connect(lambda d, t: progress.append((d, t)))
    runner.finished.connect(finished.append)
    assert runner.request(z0, 3, s) is None and runner.busy
    QTimer.singleShot(0, lambda: between.append(runner.busy))  # the event loop runs meanwhile
    qtbot.waitUntil(lambda: bool(finished), timeout=20_000)
    assert between == [True]
    assert runner.slices >= 2 and len(progress) >= 2
    done = [d for d, _t in progress]
    assert done == sorted(done) and all(t == 20_000 for _d, t in progress)
    run = finished[0]
    assert run.ce.logits.shape == (20_001, 20) and run.target_probability == 0.6
    race.clear_cache()
    whole = race.run_race(z0, 3, s)
    np.testing.assert_array_equal(run.mse.logits, whole.mse.logits)
    assert (run.ce_steps, run.mse_steps) == (whole.ce_steps, whole.mse_steps)
    # now cached: at once
    assert runner.request(z0, 3, s) is not None


def test_a_new_start_cancels_the_race_in_progress(qtbot):
    race.clear_cache()
    runner = RaceRunner()
    s = RaceSettings(max_steps=20_000)
    finished = []
    runner.finished.connect(finished.append)
    first = np.zeros(20)
    second = np.linspace(-1, 1, 20)
    assert runner.request(first, 0, s) is None
    assert runner.request(second, 0, s) is None
    qtbot.waitUntil(lambda: bool(finished), timeout=20_000)
    qtbot.wait(50)
    assert len(finished) == 1
    assert finished[0].z0 == tuple(second)
    assert race.cached_race(first, 0, s) is None
    runner.request(first, 0, s)
    runner.cancel()
    qtbot.wait(50)
    assert not runner.busy and len(finished) == 1


def test_view_without_a_run_shows_nothing_and_survives_edits(qtbot):
    theme.setup_pyqtgraph()
    view = RaceView()
    qtbot.addWidget(view)
    view.show()
    view.show_step(5)
    assert view.findChild(QLabel, "raceResultLabel").text() == ""
    edits = []
    view.settings_edited.connect(edits.append)
    view.findChild(QCheckBox, "raceLogStepCheck").click()
    assert edits[-1].log_step is True
    assert isinstance(view.findChild(QWidget, "raceProbPlot"), pg.PlotWidget)
