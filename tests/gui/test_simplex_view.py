"""The simplex view alone: model displays in, real mouse events on the plots, signals out."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt, QTranslator
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from gui import theme
from gui.views.simplex import SimplexView
from model import losses
from model import simplex as S
from model.formatting import fmt, short
from tests.gui.conftest import send_mouse

H = math.sqrt(3) / 2
K3 = ((-2.0, 1.0, 0.5), ("cat", "tiger", "dog"), 1)
K7 = ((-2.0, 1.0, 0.5, 0.3, -1.0, 2.0, 0.0), tuple(f"class {i}" for i in range(7)), 5)


@pytest.fixture
def view(qtbot):
    theme.setup_pyqtgraph()
    v = SimplexView()
    qtbot.addWidget(v)
    v.resize(1200, 700)
    v.show()
    qtbot.waitExposed(v)
    return v


def feed(view, case, ce_unit="nats", reduction="sum"):
    logits, classes, comp = case
    display = S.simplex_display(logits, 0, comp, classes, ce_unit, reduction)
    view.show_display(display)
    view.show_point(S.simplex_point(logits, 0, comp, ce_unit, reduction))
    QApplication.processEvents()
    return display


def plot(view, name):
    w = view.findChild(pg.GraphicsLayoutWidget, name)
    assert w is not None, name
    return w


def pos_of(widget, x, y):
    """Viewport pixel of data point (x, y)."""
    vb = widget.ci.getItem(0, 0).vb
    return widget.mapFromScene(vb.mapViewToScene(QPointF(x, y)))


def record(signal):
    seen = []
    signal.connect(lambda *args: seen.append(args))
    return seen


@pytest.mark.parametrize("size", [(1200, 700), (700, 900), (1900, 600)])
def test_both_triangles_are_equilateral(view, qtbot, size):
    feed(view, K3)
    view.resize(*size)
    qtbot.wait(20)
    for name in ("simplexCePlot", "simplexMsePlot"):
        w = plot(view, name)
        corners = [pos_of(w, *c) for c in ((0, 0), (1, 0), (0.5, H))]
        sides = [
            math.dist((corners[i].x(), corners[i].y()), (corners[j].x(), corners[j].y()))
            for i, j in ((0, 1), (1, 2), (2, 0))
        ]
        assert max(sides) - min(sides) <= 1.5
        assert min(sides) > 150  # and it is not tiny
        # the whole triangle, with its labels' room, is inside the plot
        for c in corners:
            assert 0 <= c.x() < w.viewport().width() and 0 <= c.y() < w.viewport().height()


@pytest.mark.parametrize("case", [K3, K7], ids=["K3", "K7"])
def test_click_picks_the_triangle_coordinates(view, case):
    feed(view, case)
    picked = record(view.picked)
    for name, (x, y) in (("simplexCePlot", (0.3, 0.2)), ("simplexMsePlot", (0.62, 0.41))):
        w = plot(view, name)
        QTest.mouseClick(
            w.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos_of(w, x, y)
        )
        b, phase = picked[-1]
        assert phase == "click"
        assert len(b) == 3 and sum(b) == pytest.approx(1.0, abs=1e-12)
        bx, by = S.xy_of(np.array(b))
        # within a pixel of the point clicked (the triangle is ~300 px across here)
        assert abs(bx - x) < 0.006 and abs(by - y) < 0.006
    assert len(picked) == 2
    # off the triangle: nothing
    w = plot(view, "simplexCePlot")
    QTest.mouseClick(
        w.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        pos_of(w, 0.05, 0.7),
    )
    assert len(picked) == 2


@pytest.mark.parametrize("case", [K3, K7], ids=["K3", "K7"])
def test_drag_is_start_moves_end(view, qtbot, case):
    logits, _, comp = case
    feed(view, case)
    picked = record(view.picked)
    w = plot(view, "simplexMsePlot")
    vp = w.viewport()
    path = [(0.3 + 0.4 * t, 0.15 + 0.3 * t) for t in np.linspace(0, 1, 6)]
    send_mouse(vp, QEvent.Type.MouseButtonPress, pos_of(w, *path[0]), Qt.MouseButton.LeftButton)
    for x, y in path[1:]:
        qtbot.wait(25)  # pyqtgraph drops moves closer together than its frame limit
        send_mouse(vp, QEvent.Type.MouseMove, pos_of(w, x, y), Qt.MouseButton.LeftButton)
    send_mouse(vp, QEvent.Type.MouseButtonRelease, pos_of(w, *path[-1]), Qt.MouseButton.NoButton)
    phases = [p for _, p in picked]
    assert phases[0] == "start" and phases[-1] == "end"
    assert set(phases[1:-1]) == {"move"} and len(phases) >= 4
    x0, y0 = S.xy_of(np.array(picked[0][0]))
    assert abs(x0 - path[0][0]) < 0.006 and abs(y0 - path[0][1]) < 0.006
    xe, ye = S.xy_of(np.array(picked[-1][0]))
    assert abs(xe - path[-1][0]) < 0.006 and abs(ye - path[-1][1]) < 0.006
    # what a controller does with the picks: the logits of the last one show that prediction
    frame = S.frame_of(logits, 0, comp)
    new = S.logits_at(logits, frame, picked[-1][0])
    s = losses.softmax(np.array(new))
    assert s[0] == pytest.approx(picked[-1][0][0], rel=1e-9)


def test_drag_from_off_the_triangle_picks_nothing(view, qtbot):
    feed(view, K3)
    picked = record(view.picked)
    w = plot(view, "simplexCePlot")
    vp = w.viewport()
    send_mouse(vp, QEvent.Type.MouseButtonPress, pos_of(w, 0.0, 0.8), Qt.MouseButton.LeftButton)
    for x in (0.2, 0.4, 0.5):
        qtbot.wait(25)
        send_mouse(vp, QEvent.Type.MouseMove, pos_of(w, x, 0.3), Qt.MouseButton.LeftButton)
    send_mouse(vp, QEvent.Type.MouseButtonRelease, pos_of(w, 0.5, 0.3), Qt.MouseButton.NoButton)
    assert picked == []


def test_a_drag_leaving_the_triangle_keeps_going(view, qtbot):
    feed(view, K3)
    picked = record(view.picked)
    w = plot(view, "simplexCePlot")
    vp = w.viewport()
    send_mouse(vp, QEvent.Type.MouseButtonPress, pos_of(w, 0.5, 0.3), Qt.MouseButton.LeftButton)
    for y in (0.2, 0.0, -0.08):
        qtbot.wait(25)
        send_mouse(vp, QEvent.Type.MouseMove, pos_of(w, 0.5, y), Qt.MouseButton.LeftButton)
    send_mouse(vp, QEvent.Type.MouseButtonRelease, pos_of(w, 0.5, -0.08), Qt.MouseButton.NoButton)
    assert picked[-1][1] == "end" and picked[-1][0][0] < 0  # below the bottom edge
    frame = S.frame_of(K3[0], 0, 1)
    s = losses.softmax(np.array(S.logits_at(K3[0], frame, picked[-1][0])))
    assert s.min() >= 1e-6 * (1 - 1e-9) and s[0] < 1e-5  # projected onto the bottom edge


@pytest.mark.parametrize("case", [K3, K7], ids=["K3", "K7"])
def test_hover_and_readout(view, case):
    display = feed(view, case)
    hovered = record(view.hovered)
    w = plot(view, "simplexCePlot")
    send_mouse(w.viewport(), QEvent.Type.MouseMove, pos_of(w, 0.4, 0.25), Qt.MouseButton.NoButton)
    assert hovered, "no hover signal"
    (b,) = hovered[-1]
    bx, by = S.xy_of(np.array(b))
    assert abs(bx - 0.4) < 0.006 and abs(by - 0.25) < 0.006
    values = S.hover_values(display, b)
    view.show_hover(values)
    text = view.findChild(QLabel, "simplexReadout").text()
    # the read-out's numbers are the losses of the prediction a click there gives
    logits, _, comp = case
    z = np.array(S.logits_at(logits, S.frame_of(logits, 0, comp), b))
    assert fmt(float(losses.cross_entropy(z, 0))) in text
    assert fmt(float(losses.mse(z, 0))) in text
    assert fmt(values.barycentric[0]) in text
    QApplication.sendEvent(w.viewport(), QEvent(QEvent.Type.Leave))
    assert hovered[-1] == (None,)
    view.show_hover(None)
    assert fmt(values.barycentric[0]) not in view.findChild(QLabel, "simplexReadout").text()


def test_sentence_carries_the_live_numbers(view):
    sentence = view.findChild(QLabel, "simplexSentence")
    feed(view, K3)
    plain = sentence.text()
    for v in ("0.223", "0.060", "0.065"):
        assert v in plain
    display = feed(view, K7)
    text = sentence.text()
    assert short(display.a.mse) in text and short(display.b.mse) in text
    assert short(display.a.mse) != "0.060"  # K = 7: the rest's split changes MSE
    assert "5" in text  # the other 5 classes together
    feed(view, K3, "bits", "mean")
    text = sentence.text()
    assert short(-math.log2(0.8)) in text and short(0.06 / 3) in text
    feed(view, ((0.3, -0.2), ("yes", "no"), 1))
    assert "0.223" not in sentence.text()


def _colour_at(widget, pos):
    image = widget.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    return QColor(image.pixel(round(pos.x() * ratio), round(pos.y() * ratio)))


@pytest.mark.parametrize("case", [K3, K7], ids=["K3", "K7"])
def test_current_point_marker_moves(view, qtbot, case):
    logits, _, comp = case
    feed(view, case)
    yellow = QColor(theme.colour("map_point"))
    for name in ("simplexCePlot", "simplexMsePlot"):
        w = plot(view, name)
        frame = S.frame_of(logits, 0, comp)
        for x, y in ((0.3, 0.2), (0.7, 0.3), (0.5, 0.6)):
            z = S.logits_at(logits, frame, S.barycentric_of(x, y))
            pt = S.simplex_point(z, 0, comp)
            assert pt.x == pytest.approx(x, abs=1e-12) and pt.y == pytest.approx(y, abs=1e-12)
            view.show_point(pt)
            qtbot.wait(5)
            assert _colour_at(w, pos_of(w, x, y)) == yellow
        # and the old place no longer shows it
        assert _colour_at(w, pos_of(w, 0.3, 0.2)) != yellow


def test_k2_and_paths_and_k_changes(view):
    feed(view, ((0.3, -0.2), ("yes", "no"), 1))
    feed(view, K7)
    traj = np.array(
        [K7[0], [0.0, 0.5, 0.5, 0.3, -1.0, 1.5, 0.0], [2.0, 0.0, 0.4, 0.3, -1.0, 1.0, 0.0]]
    )
    frame = S.frame_of(K7[0], 0, 5)
    view.show_paths(S.path_xy(traj, frame), S.path_xy(traj[:2], frame))
    view.show_paths(None, None)
    feed(view, K3)


class Marking(QTranslator):
    """Marks every string looked up under the translation context."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return f"«{source}»" if context == "" else None


def test_strings_go_through_the_translation_context(qtbot):
    theme.setup_pyqtgraph()
    translator = Marking()
    QCoreApplication.installTranslator(translator)
    try:
        v = SimplexView()
        qtbot.addWidget(v)
        v.show_display(S.simplex_display(*K3[:1], 0, 1, K3[1]))
        assert v.findChild(QLabel, "simplexSentence").text().startswith("«")
        assert v.findChild(QLabel, "simplexReadout").text().startswith("«")
    finally:
        QCoreApplication.removeTranslator(translator)
