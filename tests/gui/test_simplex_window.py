"""The simplex and the explain panel in the window: clicks and drags set the logits, undo takes
them back, the explain text follows the state and the view."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QDoubleSpinBox,
    QSpinBox,
    QTabWidget,
    QTextBrowser,
    QWidget,
)

from model import losses
from model.formatting import fmt
from tests.gui.conftest import find, send_mouse

H = math.sqrt(3) / 2


@pytest.fixture
def simplex(window):
    find(window, QTabWidget, "viewTabs").setCurrentWidget(find(window, QWidget, "simplexView"))
    QApplication.processEvents()
    return window


def pos_of(widget, x, y):
    vb = widget.ci.getItem(0, 0).vb
    return widget.mapFromScene(vb.mapViewToScene(QPointF(x, y)))


def xy(b):
    """Triangle coordinates of barycentric (top = true class, left, right), written out here."""
    return b[1] * 0.0 + b[2] * 1.0 + b[0] * 0.5, b[0] * H


def test_a_click_sets_the_prediction_and_undo_takes_it_back(simplex):
    before = simplex.state
    widget = find(simplex, pg.GraphicsLayoutWidget, "simplexMsePlot")
    QTest.mouseClick(
        widget.viewport(), Qt.MouseButton.LeftButton, pos=pos_of(widget, *xy((0.6, 0.3, 0.1)))
    )
    s = losses.softmax(np.array(simplex.state.logits))
    # a click lands on a pixel: the prediction is the clicked point to a pixel's precision
    assert s == pytest.approx([0.6, 0.3, 0.1], abs=0.01)
    assert math.fsum(simplex.state.logits) == pytest.approx(math.fsum(before.logits), abs=1e-9)
    find(simplex, QAction, "actionUndo").trigger()
    assert simplex.state == before


def test_a_drag_is_one_undo_entry(simplex):
    before = simplex.state
    widget = find(simplex, pg.GraphicsLayoutWidget, "simplexCePlot")
    vp = widget.viewport()
    points = [pos_of(widget, *xy(b)) for b in ((0.2, 0.4, 0.4), (0.4, 0.3, 0.3), (0.7, 0.2, 0.1))]
    send_mouse(vp, QEvent.Type.MouseButtonPress, points[0], Qt.MouseButton.LeftButton)
    for p in points[1:]:
        send_mouse(vp, QEvent.Type.MouseMove, p, Qt.MouseButton.LeftButton)
    send_mouse(vp, QEvent.Type.MouseButtonRelease, points[-1], Qt.MouseButton.NoButton)
    s = losses.softmax(np.array(simplex.state.logits))
    assert s[0] == pytest.approx(0.7, abs=0.01)
    find(simplex, QAction, "actionUndo").trigger()
    assert simplex.state == before


def test_k7_uses_the_competitor_triangle(simplex):
    find(simplex, QSpinBox, "classCountSpin").setValue(7)
    sentence = find(simplex, QWidget, "simplexSentence").text()
    assert "other 5 classes" in sentence  # (s_p, s_j, rest): the rest is K - 2 classes


def test_explain_panel_follows_the_state_and_the_view(simplex):
    dock = find(simplex, QDockWidget, "explainDock")
    assert not dock.isVisible()
    find(simplex, QAction, "actionExplain").trigger()
    assert dock.isVisible()
    text = find(simplex, QTextBrowser, "explainText")
    text_simplex = text.toPlainText()
    assert "= 0.065" in text_simplex and "0.223144" in text_simplex  # MSE(B), CE(A) = CE(B)
    simplex.findChild(QAction, "actionPreset_confidently_wrong").trigger()
    find(simplex, QTabWidget, "viewTabs").setCurrentWidget(find(simplex, QWidget, "overviewView"))
    text.flush()
    z = np.array(simplex.state.logits)
    g_ce = float(losses.cross_entropy_grad(z, 0)[0])
    g_mse = float(losses.mse_grad(z, 0)[0])
    shown = text.toPlainText()
    assert fmt(g_ce) in shown and fmt(g_mse) in shown
    assert "confidently wrong" in shown


def test_a_burst_of_edits_shows_the_last_state_in_the_explain_panel(window, qtbot):
    """Edits faster than the panel's frame: the states in between may never be shown, but
    the last one is, within a few frames, and the text then stays."""
    find(window, QAction, "actionExplain").trigger()
    text = find(window, QTextBrowser, "explainText")
    spin = find(window, QDoubleSpinBox, "logitSpin0")
    for v in (-1.9, -1.7, -1.5, -1.3, -1.1):
        spin.setValue(v)
    z = np.array(window.state.logits)
    s_p = fmt(float(losses.softmax(z)[0]))
    qtbot.waitUntil(lambda: f"sp = {s_p}" in text.toPlainText(), timeout=500)
    shown = text.toPlainText()
    qtbot.wait(80)
    assert text.toPlainText() == shown
