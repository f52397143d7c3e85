"""Training in the window: its settings and epoch are the state's, a clicked data point's logits
become the logit editor's, and the export renders the run after its set epochs."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QPushButton,
    QTabWidget,
    QWidget,
)

from model import datasets, losses
from tests.gui.conftest import find


@pytest.fixture
def training(window):
    find(window, QTabWidget, "viewTabs").setCurrentWidget(find(window, QWidget, "trainView"))
    QApplication.processEvents()
    return window


def test_steps_are_state_edits_and_undo_takes_them_back(training):
    step = find(training, QPushButton, "trainStepButton")
    step.click()
    step.click()
    assert training.state.train.epoch == 2
    find(training, QAction, "actionUndo").trigger()
    assert training.state.train.epoch == 0
    assert training.state.view == "train"


def test_a_preset_is_in_the_state_and_saved(training, tmp_path, qtbot):
    combo = find(training, QComboBox, "trainPresetCombo")
    combo.setFocus()
    while combo.currentData() != "saturated":  # the keyboard, as a user picks an item
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert training.state.train.init_scale == 5.0
    path = tmp_path / "t.losslab.json"
    training.save_session_file(path)
    from gui.main_window import MainWindow

    other = MainWindow()
    qtbot.addWidget(other)
    assert other.load_session_file(path)
    assert other.state.train == training.state.train


def test_clicking_a_data_point_shows_its_logits_in_the_editor(training, qtbot):
    for _ in range(3):
        find(training, QPushButton, "trainStepButton").click()
    st = training.state.train
    data = datasets.make_dataset(st.dataset, st.points, st.seed)
    i = int(np.argmax(np.hypot(*(data.x - data.x.mean(0)).T)))  # an outlying point: alone
    widget = find(training, pg.PlotWidget, "trainMseRegions")
    vb = widget.getPlotItem().getViewBox()
    pos = widget.mapFromScene(vb.mapViewToScene(QPointF(*data.x[i])))
    QTest.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    state = training.state
    assert state.target == int(data.y[i])
    assert state.k == data.k
    spins = [find(training, QDoubleSpinBox, f"logitSpin{k}").value() for k in range(state.k)]
    assert spins == pytest.approx(state.logits, abs=5e-4)
    # the logits are the MSE network's at that point: an independent forward pass
    from model import train as T

    run = T.TrainRun(st)
    run.extend_to(st.epoch)
    w = run.weights("mse", st.epoch)
    z = data.x[i] @ w[0] + w[1] if st.model == "linear" else None
    assert z is not None
    assert state.logits == pytest.approx(tuple(z), rel=1e-12, abs=1e-12)
    assert float(losses.softmax(np.array(state.logits))[state.target]) >= 0.0
    find(training, QAction, "actionUndo").trigger()
    assert training.state.classes == ("cat", "tiger", "dog")
