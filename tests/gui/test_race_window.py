"""The race in the window: its settings and step are the state's, the verdict is the model's,
the paths show on the surfaces, and the command line reports and exports it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDoubleSpinBox, QLabel, QPushButton, QTabWidget, QWidget

from model import losses
from tests.gui.conftest import find

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def first_reaching(z0, lr, loss, probability, steps):
    """Plain gradient descent written out here, with the model's exact gradients."""
    z = np.array(z0, dtype=float)
    grad = losses.cross_entropy_grad if loss == "ce" else losses.mse_grad
    for t in range(steps + 1):
        if losses.softmax(z)[0] >= probability:
            return t
        z = z - lr * grad(z, 0)
    return None


@pytest.fixture
def racing(window):
    find(window, QAction, "actionPreset_confidently_wrong").trigger()  # (-4, 4, 0)
    find(window, QTabWidget, "viewTabs").setCurrentWidget(find(window, QWidget, "raceView"))
    QApplication.processEvents()
    return window


def test_the_verdict_is_the_races(racing):
    text = find(racing, QLabel, "raceResultLabel").text()
    ce = first_reaching((-4, 4, 0), 1.0, "ce", 0.9, 1000)
    mse = first_reaching((-4, 4, 0), 1.0, "mse", 0.9, 1000)
    assert (ce, mse) == (11, 210)  # PRODUCT's reference row
    assert f"in {ce} steps" in text and f"{mse}" in text


def test_steps_are_undoable_state_edits(racing):
    step = find(racing, QPushButton, "raceStepButton")
    step.click()
    step.click()
    assert racing.state.race.step == 2
    find(racing, QAction, "actionUndo").trigger()
    assert racing.state.race.step < 2
    lr = find(racing, QDoubleSpinBox, "raceCeLrSpin")
    lr.setValue(10.0)
    assert racing.state.race.lr_ce == 10.0 and racing.state.race.lr_mse == 10.0  # linked
    text = find(racing, QLabel, "raceResultLabel").text()
    assert "in 1 step" in text  # eta = 10: CE 1, MSE 26
    assert "26" in text


def test_the_paths_show_on_the_surfaces_with_a_note(racing):
    find(racing, QTabWidget, "viewTabs").setCurrentWidget(find(racing, QWidget, "surfacesView"))
    QApplication.processEvents()
    note = find(racing, QLabel, "surfaceRaceNote")
    assert note.isVisible()
    find(racing, QDoubleSpinBox, "logitSpin1").setValue(3.0)  # a new start: that race is not run
    assert not note.isVisible()


def test_report_json_has_the_race(tmp_path):
    done = subprocess.run(
        [sys.executable, str(MAIN), "--logits", "-4,4,0", "--report", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    race = json.loads(done.stdout)["race"]
    assert race["lr_ce"] == 1.0 and race["max_steps"] == 1000
    assert race["target_probability"] == 0.9
    assert race["steps_to_target"] == {
        "ce": first_reaching((-4, 4, 0), 1.0, "ce", 0.9, 1000),
        "mse": first_reaching((-4, 4, 0), 1.0, "mse", 0.9, 1000),
    }


def test_export_race(tmp_path):
    out = tmp_path / "race.svg"
    done = subprocess.run(
        [sys.executable, str(MAIN), "--view", "race", "--export", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "<svg" in out.read_text(encoding="utf-8")[:2000]


def test_step_presses_apart_in_time_are_undone_one_by_one(racing, monkeypatch):
    from gui import undo

    monkeypatch.setattr(undo, "MERGE_SECONDS", 0.0)  # every press "long after" the last
    step = find(racing, QPushButton, "raceStepButton")
    for _ in range(3):
        step.click()
    assert racing.state.race.step == 3
    find(racing, QAction, "actionUndo").trigger()
    assert racing.state.race.step == 2


def test_csv_of_a_race_plot_has_the_races_numbers(racing, tmp_path):
    path = tmp_path / "race.csv"
    racing.export(path, plot_name="raceProbPlot")
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert "step" in header and "z_p" not in header
