"""The training view alone (F11), driven by object name: playback, presets, edits, picking.

A small harness stands in for the controller: it answers the view's signals with the
model's arrays, as the app's controller will.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
)

from gui import theme
from gui.views.fast_items import ColourImage
from gui.views.train import LEVELS, TrainView
from model import train
from model.train import TrainSettings


class Harness:
    """What the controller does: keep the settings, answer every edit with the run's arrays."""

    def __init__(self, view: TrainView, settings: TrainSettings) -> None:
        self.view = view
        self.cache = train.RunCache()
        self.settings_seen: list[TrainSettings] = []
        self.epochs_seen: list[tuple[int, str]] = []
        self.points_seen: list[tuple[str, int]] = []
        view.settings_edited.connect(self.on_settings)
        view.epoch_edited.connect(self.on_epoch)
        view.point_clicked.connect(lambda c, i: self.points_seen.append((c, i)))
        self.apply(settings)

    def apply(self, settings: TrainSettings) -> None:
        self.settings = settings
        self.run = self.cache.run(settings)
        self.run.extend_to(settings.epoch)  # the curves as far as shown (the view takes any)
        self.view.show_settings(settings)
        self.view.show_run(train.run_curves(self.run, settings.max_epochs))
        self.view.show_epoch(train.epoch_frame(self.run, settings.epoch))

    def on_settings(self, settings: TrainSettings) -> None:
        self.settings_seen.append(settings)
        self.apply(settings)

    def on_epoch(self, epoch: int, key: str) -> None:
        self.epochs_seen.append((epoch, key))
        self.apply(self.settings.edited(epoch=epoch))


@pytest.fixture
def view(qtbot):
    theme.setup_pyqtgraph()
    v = TrainView()
    qtbot.addWidget(v)
    v.resize(1280, 800)
    v.show()
    qtbot.waitExposed(v)
    return v


@pytest.fixture
def harness(view):
    return Harness(view, TrainSettings().with_preset("saturated"))


def find(view, cls, name):
    w = view.findChild(cls, name)
    assert w is not None, f"no {cls.__name__} named {name}"
    return w


NAMES = {
    QComboBox: ["trainDatasetCombo", "trainModelCombo", "trainPresetCombo", "trainSpeedCombo"],
    QSpinBox: ["trainPointsSpin", "trainSeedSpin", "trainMaxEpochsSpin"],
    QDoubleSpinBox: ["trainInitScaleSpin", "trainCeLrSpin", "trainMseLrSpin"],
    QCheckBox: ["trainLinkLrCheck"],
    pg.PlotWidget: ["trainCeRegions", "trainMseRegions", "trainLossPlot", "trainAccuracyPlot"],
    QLabel: ["trainEpochLabel", "trainCeAccuracyLabel", "trainMseAccuracyLabel"],
    QPushButton: ["trainPlayButton", "trainStepButton", "trainBackButton", "trainResetButton"],
    QSlider: ["trainEpochSlider"],
}


def test_every_named_widget_once_and_paused(view, harness):
    assert view.objectName() == "trainView"
    for cls, names in NAMES.items():
        for name in names:
            assert len(view.findChildren(cls, name)) == 1, name
    assert not view.is_playing()
    assert find(view, QPushButton, "trainPlayButton").text() == "Play"
    assert harness.epochs_seen == []


def test_controls_show_the_settings_without_echo(view, harness):
    s = harness.settings
    assert find(view, QComboBox, "trainDatasetCombo").currentData() == s.dataset
    assert find(view, QComboBox, "trainModelCombo").currentData() == "linear"
    assert find(view, QDoubleSpinBox, "trainInitScaleSpin").value() == pytest.approx(5.0)
    assert find(view, QSpinBox, "trainMaxEpochsSpin").value() == 500
    assert find(view, QComboBox, "trainPresetCombo").currentData() == "saturated"
    assert find(view, QSlider, "trainEpochSlider").maximum() == 500
    other = TrainSettings(dataset="moons", model="mlp", points=450, seed=3, epoch=20)
    harness.apply(other)
    assert find(view, QComboBox, "trainDatasetCombo").currentData() == "moons"
    assert find(view, QSpinBox, "trainPointsSpin").value() == 450
    assert find(view, QSlider, "trainEpochSlider").value() == 20
    assert find(view, QComboBox, "trainPresetCombo").currentText() == "Custom"
    assert harness.settings_seen == [] and harness.epochs_seen == []


def label_number(view, name):
    text = find(view, QLabel, name).text()
    return float(text.split()[-2] if text.endswith("%") else text.split()[1].replace(",", ""))


def test_step_back_reset_and_the_numbers_shown(view, harness):
    step = find(view, QPushButton, "trainStepButton")
    back = find(view, QPushButton, "trainBackButton")
    reset = find(view, QPushButton, "trainResetButton")
    back.click()  # at epoch 0: nothing to go back to
    assert harness.epochs_seen == []
    for _ in range(3):
        step.click()
    assert harness.epochs_seen == [(1, "train-step"), (2, "train-step"), (3, "train-step")]
    back.click()
    assert harness.epochs_seen[-1] == (2, "train-back")
    assert label_number(view, "trainEpochLabel") == 2
    run = harness.run
    # The accuracy labels hold the run's accuracies, recomputed here from the weights.
    for name, c in (("trainCeAccuracyLabel", "ce"), ("trainMseAccuracyLabel", "mse")):
        z = run.logits(c, 2)
        right = float(np.mean(np.argmax(z, axis=1) == run.data.y))
        assert label_number(view, name) == pytest.approx(100 * right, abs=0.05)
        assert find(view, QLabel, name).text().endswith(" % right")  # which way it reads
    reset.click()
    assert harness.epochs_seen[-1] == (0, "")
    assert find(view, QSlider, "trainEpochSlider").value() == 0


def test_slider_scrubs(view, harness):
    slider = find(view, QSlider, "trainEpochSlider")
    slider.setValue(200)
    epoch, key = harness.epochs_seen[-1]
    assert epoch == 200 and key.startswith("slider-train-")
    # the saturated preset at 200 epochs: CE right on ≥ 90 %, MSE on ≤ 60 %
    assert label_number(view, "trainCeAccuracyLabel") >= 90
    assert label_number(view, "trainMseAccuracyLabel") <= 60


def test_play_is_one_merge_key_per_run_and_stops_at_the_end(view, harness, qtbot):
    play = find(view, QPushButton, "trainPlayButton")
    play.click()
    assert view.is_playing() and play.text() == "Pause"
    qtbot.waitUntil(lambda: len(harness.epochs_seen) >= 3, timeout=5000)
    play.click()
    assert not view.is_playing() and play.text() == "Play"
    first = list(harness.epochs_seen)
    assert {key for _e, key in first} == {"train-play-1"}
    epochs = [e for e, _k in first]
    assert epochs == sorted(epochs) and len(set(epochs)) == len(epochs)
    qtbot.wait(100)
    assert harness.epochs_seen == first  # paused: the clock is still
    # A short run at 4×: plays to its last epoch and stops there, under a new key.
    harness.apply(harness.settings.edited(max_epochs=10, speed="4"))
    play.click()
    qtbot.waitUntil(lambda: not view.is_playing(), timeout=5000)
    assert harness.epochs_seen[-1] == (10, "train-play-2")
    assert play.text() == "Play"
    # Play at the end starts over from epoch 0.
    play.click()
    assert harness.epochs_seen[-1] == (0, "train-play-3")
    play.click()


def test_hiding_the_view_pauses(view, harness):
    find(view, QPushButton, "trainPlayButton").click()
    assert view.is_playing()
    view.hide()
    assert not view.is_playing()


def test_log_time_plays_forward(view, harness, qtbot):
    harness.apply(harness.settings.edited(speed="log", max_epochs=2000))
    find(view, QPushButton, "trainPlayButton").click()
    qtbot.waitUntil(lambda: len(harness.epochs_seen) >= 3, timeout=8000)
    view.pause()
    epochs = [e for e, _k in harness.epochs_seen]
    assert epochs == sorted(epochs)
    assert epochs[0] >= 1


def choose(combo: QComboBox, data) -> None:
    """Pick an item as a user does with the keyboard (which emits ``activated``)."""
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        QTest.keyClick(combo, key)


def test_presets_emit_their_settings(view):
    h = Harness(view, TrainSettings())
    preset = find(view, QComboBox, "trainPresetCombo")
    choose(preset, "saturated")
    assert h.settings_seen[-1] == TrainSettings().with_preset("saturated")
    assert h.settings_seen[-1].init_scale == 5.0
    assert find(view, QDoubleSpinBox, "trainInitScaleSpin").value() == pytest.approx(5.0)
    choose(preset, "easy")
    assert h.settings_seen[-1] == TrainSettings().with_preset("easy")
    assert h.settings_seen[-1].init_scale < 1.0


def test_edits_emit_new_settings(view, harness):
    find(view, QDoubleSpinBox, "trainInitScaleSpin").setValue(3.0)
    s = harness.settings_seen[-1]
    assert (s.init_scale, s.preset, s.epoch) == (3.0, None, 0)
    find(view, QDoubleSpinBox, "trainMseLrSpin").setValue(2.0)  # linked: both move
    s = harness.settings_seen[-1]
    assert (s.lr_ce, s.lr_mse) == (2.0, 2.0)
    assert find(view, QDoubleSpinBox, "trainCeLrSpin").value() == pytest.approx(2.0)
    find(view, QCheckBox, "trainLinkLrCheck").click()
    find(view, QDoubleSpinBox, "trainCeLrSpin").setValue(0.25)
    s = harness.settings_seen[-1]
    assert (s.linked, s.lr_ce, s.lr_mse) == (False, 0.25, 2.0)
    choose(find(view, QComboBox, "trainModelCombo"), "mlp")
    assert harness.settings_seen[-1].model == "mlp"
    choose(find(view, QComboBox, "trainDatasetCombo"), "spirals")
    assert harness.settings_seen[-1].dataset == "spirals"
    find(view, QSpinBox, "trainPointsSpin").setValue(600)
    find(view, QSpinBox, "trainSeedSpin").setValue(9)
    find(view, QSpinBox, "trainMaxEpochsSpin").setValue(800)
    s = harness.settings_seen[-1]
    assert (s.points, s.seed, s.max_epochs) == (600, 9, 800)
    assert find(view, QSlider, "trainEpochSlider").maximum() == 800
    choose(find(view, QComboBox, "trainSpeedCombo"), "log")
    assert harness.settings_seen[-1].speed == "log"


def test_log_axes_show_log10_of_the_numbers(view, harness):
    find(view, QSlider, "trainEpochSlider").setValue(50)  # the run is computed to 50
    find(view, QCheckBox, "trainLogLossCheck").click()
    find(view, QCheckBox, "trainLogEpochCheck").click()
    s = harness.settings_seen[-1]
    assert s.log_loss and s.log_epoch
    plot = find(view, pg.PlotWidget, "trainLossPlot").getPlotItem()
    # the first curve is CE's
    ce_curve = next(i for i in plot.vb.childGroup.childItems() if hasattr(i, "set_curve"))
    ce = harness.run.loss("ce")
    assert len(ce) == 51
    # epoch 0 has no place on a log axis
    np.testing.assert_allclose(ce_curve.x, np.log10(np.arange(1, len(ce))))
    np.testing.assert_allclose(ce_curve.y, np.log10(ce[1:]))


def test_regions_show_the_frames_classes(view, harness):
    frame = train.epoch_frame(harness.run, 0)
    for name, region in (
        ("trainCeRegions", frame.ce_region),
        ("trainMseRegions", frame.mse_region),
    ):
        plot = find(view, pg.PlotWidget, name).getPlotItem()
        image = next(i for i in plot.vb.childGroup.childItems() if isinstance(i, ColourImage))
        np.testing.assert_array_equal(image.values // LEVELS, region.classes)
        # lightness follows confidence: the most confident cell gets the top level
        level = image.values % LEVELS
        assert level[np.unravel_index(np.argmax(region.confidence), level.shape)] == LEVELS - 1


def click_at(view, name, x, y):
    widget = find(view, pg.PlotWidget, name)
    vb = widget.getPlotItem().vb
    pos = widget.mapFromScene(vb.mapViewToScene(QPointF(x, y)))
    QTest.mouseClick(
        widget.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos
    )


def test_clicking_a_point_emits_its_index_and_contestant(view, harness):
    xy = harness.run.data.x
    for name, contestant, i in (("trainCeRegions", "ce", 17), ("trainMseRegions", "mse", 250)):
        # a point with no other within 0.15 (a few pixels at this size), so the pick is unique
        d = np.hypot(*(xy - xy[i]).T)
        d[i] = np.inf
        j = i
        while d.min() < 0.15:
            j = (j + 1) % len(xy)
            d = np.hypot(*(xy - xy[j]).T)
            d[j] = np.inf
        click_at(view, name, xy[j, 0] + 0.02, xy[j, 1] - 0.02)
        assert harness.points_seen[-1] == (contestant, j)
    n = len(harness.points_seen)
    # far from every point: nothing
    grid = np.stack(np.meshgrid(np.linspace(-2.9, 2.9, 30), np.linspace(-2.9, 2.9, 30)), -1)
    dist = np.hypot(*(grid[:, :, None, :] - xy[None, None]).transpose(3, 0, 1, 2)).min(-1)
    far = np.unravel_index(np.argmax(dist), dist.shape)
    click_at(view, "trainCeRegions", *grid[far])
    assert len(harness.points_seen) == n
