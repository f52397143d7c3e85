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
from tests.gui.conftest import find, send_mouse, shown_window

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


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    ("size", "lecture_on", "lang"),
    [((1600, 1000), False, "en"), ((1280, 720), True, "en"), ((1280, 720), True, "zh")],
)
def test_every_label_is_whole_inside_its_plot_and_clear_of_the_others(
    qtbot, size, lecture_on, lang, english_after
):
    """At 1280×720 in lecture mode A's and B's values either side of the top vertex's name
    made a row wider than the plot: they were cut off at its edges, and the triangle shrank to
    a third of the plot's width with the bottom row's names over each other, and a bold value
    over an edge's tick label. Every text on a triangle is whole inside its plot, the names and
    values clear of each other, the numbers too, and the triangle keeps at least half the
    plot's width."""
    from gui.i18n import set_language
    from model.state import AppState

    set_language(lang)
    state = (
        AppState()
        .with_classes(("class 0", "class 1", "class 2", "class 3"), (-2.0, 1.0, 0.5, 3.0), 1)
        .with_view("simplex")
    )
    window = shown_window(qtbot, state, size, lecture=lecture_on)
    try:
        QApplication.processEvents()
        for name in ("simplexCePlot", "simplexMsePlot"):
            widget = find(window, pg.GraphicsLayoutWidget, name)
            vb = widget.ci.getItem(0, 0).vb
            area = vb.sceneBoundingRect()
            texts = [
                item
                for item in widget.scene().items()
                if isinstance(item, pg.TextItem) and item.isVisible() and item.toPlainText()
            ]
            assert len(texts) >= 10, name
            boxes = [item.textItem.sceneBoundingRect() for item in texts]
            for item, box in zip(texts, boxes, strict=True):
                assert area.contains(box), (name, item.toPlainText(), box, area)
            # The texts that must stay apart: the top vertex's name, A's and B's values, and the
            # bottom row (corner names, the bottom edge's caption): all but the numbers along
            # the edges and the slanted edges' captions.
            kept_apart = [
                (item.toPlainText(), box)
                for item, box in zip(texts, boxes, strict=True)
                if item.angle == 0 and not _is_number(item.toPlainText())
            ]
            assert len(kept_apart) == 6, [t for t, _ in kept_apart]
            for i, (text_a, a) in enumerate(kept_apart):
                for text_b, b in kept_apart[i + 1 :]:
                    assert not a.intersects(b), (name, text_a, text_b)
            # The numbers along the edges and the bold values: their glyphs never touch (a
            # text item's box has a 4 px margin round its text).
            numbers = [
                (item.toPlainText(), box.adjusted(3, 3, -3, -3))
                for item, box in zip(texts, boxes, strict=True)
                if item.angle == 0 and _is_number(item.toPlainText())
            ]
            assert len(numbers) >= 8, name
            for i, (text_a, a) in enumerate(numbers):
                for text_b, b in numbers[i + 1 :]:
                    assert not a.intersects(b), (name, text_a, text_b)
            left = vb.mapViewToScene(QPointF(0.0, 0.0)).x()
            right = vb.mapViewToScene(QPointF(1.0, 0.0)).x()
            assert right - left >= 0.5 * area.width(), (name, right - left, area.width())
    finally:
        window.set_lecture_mode(False)
