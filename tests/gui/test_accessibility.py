"""Keyboard-only use and screen readers: the Tab order, accessible names and live descriptions,
arrow keys on the surface and simplex plots, and Help > Describe this view."""

from __future__ import annotations

import math
import re

import mpmath
import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from tests.gui.conftest import find, flush_deletes
from tests.model.oracle import reference

mpmath.mp.dps = 50

DOCK = [
    "classCountSpin",
    "targetCombo",
    *[f"{kind}{k}" for k in range(3) for kind in ("classNameEdit", "logitSpin", "logitSlider")],
    "ceUnitCombo",
    "mseReductionCombo",
    "valueTable",
    "qt_tabwidget_tabbar",
]
VIEW_STOPS = {
    "overview": [
        "xAxisCombo",
        "logGradCheck",
        "probBarsPlot",
        "gradBarsPlot",
        "lossCurvePlot",
        "gradCurvePlot",
    ],
    "surfaces": [
        "surfaceModeCombo",
        "logColourCheck",
        "xMinSpin",
        "xMaxSpin",
        "yMinSpin",
        "yMaxSpin",
        "resolutionSpin",
        "slowThresholdSpin",
        "surface3dButton",
        "ceLossSurface",
        "mseLossSurface",
        "ceGradSurface",
        "mseGradSurface",
    ],
    "simplex": ["simplexCePlot", "simplexMsePlot"],
}


# Top to bottom as on screen: the race's player row is above its plots, the training's below.
LAZY_STOPS = {
    "race": [
        "raceCeLrSpin",
        "raceMseLrSpin",
        "raceLinkLrCheck",
        "raceMaxStepsSpin",
        "raceTargetSpin",
        "raceLogStepCheck",
        "raceLogLossCheck",
        "raceOnSurfacesCheck",
        "racePlayButton",
        "raceBackButton",
        "raceStepButton",
        "raceResetButton",
        "raceStepSlider",
        "raceSpeedCombo",
        "raceProbPlot",
        "raceLossPlot",
    ],
    "train": [
        "trainPresetCombo",
        "trainDatasetCombo",
        "trainModelCombo",
        "trainPointsSpin",
        "trainSeedSpin",
        "trainInitScaleSpin",
        "trainCeLrSpin",
        "trainMseLrSpin",
        "trainLinkLrCheck",
        "trainMaxEpochsSpin",
        "trainLogEpochCheck",
        "trainLogLossCheck",
        "trainCeRegions",
        "trainMseRegions",
        "trainLossPlot",
        "trainAccuracyPlot",
        "trainResetButton",
        "trainBackButton",
        "trainPlayButton",
        "trainStepButton",
        "trainEpochSlider",
        "trainSpeedCombo",
    ],
}


def tab_stops(window: QWidget) -> list[QWidget]:
    """Where Tab stops, in order, walking the focus chain once round from the first control:
    shown, enabled, taking Tab focus, not handing it to another widget."""
    first = find(window, QSpinBox, "classCountSpin")
    stops = []
    w = first
    for _ in range(5000):
        if (
            w.isVisible()
            and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and w.focusProxy() is None
        ):
            stops.append(w)
        w = w.nextInFocusChain()
        if w is first:
            return stops
    raise AssertionError("the focus chain never came back to its start")


@pytest.fixture
def active(window, qtbot):
    window.activateWindow()
    qtbot.waitActive(window)
    return window


@pytest.mark.parametrize("view", ["overview", "surfaces", "simplex"])
def test_the_focus_chain_follows_the_screen_and_comes_back(window, view):
    window.set_view(view)
    QApplication.processEvents()
    names = [w.objectName() for w in tab_stops(window)]
    assert names == DOCK + VIEW_STOPS[view]


def test_rows_of_a_larger_k_keep_their_place_in_the_chain(window):
    find(window, QSpinBox, "classCountSpin").setValue(4)
    QApplication.processEvents()  # a new row shows at the next pass of the event loop
    names = [w.objectName() for w in tab_stops(window)]
    kinds = ("classNameEdit", "logitSpin", "logitSlider")
    rows = [f"{kind}{k}" for k in range(4) for kind in kinds]
    assert names[: 2 + len(rows)] == ["classCountSpin", "targetCombo", *rows]
    assert names[2 + len(rows) :][:3] == ["ceUnitCombo", "mseReductionCombo", "valueTable"]


@pytest.mark.parametrize("view", ["race", "train"])
def test_tab_walks_every_stop_of_a_lazy_view_and_wraps_round(active, qtbot, view):
    """Real Tab presses from the first control visit each stop of the chain once and come
    back: no widget keeps the focus (a plot or the race page taking Tab would trap it)."""
    active.set_view(view)
    QApplication.processEvents()
    stops = tab_stops(active)
    assert [w.objectName() for w in stops[: len(DOCK)]] == DOCK
    page = find(active, QWidget, f"{view}View")
    assert all(page.isAncestorOf(w) for w in stops[len(DOCK) :])
    first = stops[0]
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    visited = []
    for _ in range(len(stops)):
        focus = QApplication.focusWidget()
        visited.append(focus)
        QTest.keyClick(focus, Qt.Key.Key_Tab)
    assert visited == stops
    assert QApplication.focusWidget() is first
    shown = [w.objectName() for w in stops[len(DOCK) :] if w.isEnabled()]
    assert shown == [name for name in LAZY_STOPS[view] if name in shown]
    assert len(shown) >= len(LAZY_STOPS[view]) - 1  # Back is off at the start


def test_tab_from_the_race_page_goes_to_its_first_control(active, qtbot):
    """Choosing the Race tab puts the focus on its page (Space plays); Tab goes on from
    there into the race's controls, not back into the dock."""
    active.set_view("race")
    QApplication.processEvents()
    page = QApplication.focusWidget()
    assert page is not None and find(active, QWidget, "raceView").isAncestorOf(page)
    QTest.keyClick(page, Qt.Key.Key_Tab)
    assert QApplication.focusWidget().objectName() == "raceCeLrSpin"


def accessible_name(w: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(w)
    assert iface is not None, w.objectName()
    return iface.text(QAccessible.Text.Name)


def assert_named(root: QWidget) -> int:
    """Every focusable widget under ``root`` has an accessible name; combo boxes a name of
    their own as well (on Linux Qt reports their current text as the name)."""
    count = 0
    for w in root.findChildren(QWidget):
        if w.window() is not root.window():
            continue  # a combo box's list, a window of its own shown only while it drops down
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.focusProxy() is None:
            assert accessible_name(w).strip(), f"{type(w).__name__} {w.objectName()!r}"
            if isinstance(w, QComboBox):
                assert w.accessibleName().strip(), w.objectName()
            count += 1
    return count


def test_every_focusable_widget_of_every_view_and_dock_has_a_name(window):
    for view in ("overview", "surfaces", "race", "simplex", "train"):
        window.set_view(view)
        QApplication.processEvents()
    window.scene_dock.show()
    window.explain_dock.show()
    QApplication.processEvents()
    assert assert_named(window) > 60


def run_and_check_dialog(qtbot, open_it) -> list[int]:
    """Open a modal dialog, check the names of its widgets while it shows, close it."""
    counts: list[int] = []

    def check() -> None:
        dlg = QApplication.activeModalWidget()
        if dlg is None:
            QTimer.singleShot(20, check)
            return
        counts.append(assert_named(dlg))
        dlg.close()

    QTimer.singleShot(0, check)
    open_it()
    qtbot.waitUntil(lambda: counts != [])
    return counts


def test_every_focusable_widget_of_every_dialog_has_a_name(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert run_and_check_dialog(qtbot, window.export_dialog)[0] >= 3
    assert run_and_check_dialog(qtbot, window.show_shortcuts)[0] >= 1
    assert run_and_check_dialog(qtbot, window.show_about)[0] >= 1
    flush_deletes()
    find(window, QAction, "actionDescribeView").trigger()
    dlg = find(window, QDialog, "describeViewDialog")
    assert assert_named(dlg) >= 2
    dlg.close()
    flush_deletes()
    assert window.findChild(QDialog, "describeViewDialog") is None


def test_plot_descriptions_carry_the_live_numbers(window):
    plot = find(window, QWidget, "lossCurvePlot")
    ref = reference([-2.0, 1.0, 0.5], 0)
    assert accessible_name(plot)
    before = plot.accessibleDescription()
    assert f"CE {float(ref.ce):#.3g} nats" in before
    assert f"MSE {float(ref.mse):#.3g}" in before
    assert "z_p −2.00" in before
    find(window, QDoubleSpinBox, "logitSpin0").setValue(1.0)
    after = plot.accessibleDescription()
    ref = reference([1.0, 1.0, 0.5], 0)
    assert after != before
    assert f"CE {float(ref.ce):#.3g} nats" in after
    assert "z_p 1.00" in after
    iface = QAccessible.queryAccessibleInterface(plot)
    assert iface.text(QAccessible.Text.Description) == after


def focus(widget: QWidget, qtbot) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_arrow_keys_move_the_surface_point_by_grid_steps_as_one_undo(active, qtbot):
    active.set_view("surfaces")
    QApplication.processEvents()
    start = active.state.logits
    plot = find(active, QWidget, "mseGradSurface")
    focus(plot, qtbot)
    for _ in range(3):
        QTest.keyClick(plot, Qt.Key.Key_Right)
    QTest.keyClick(plot, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(plot, Qt.Key.Key_Down)
    # The default surface: 201 points over [-10, 10] on both axes, one step 20/200.
    step = 20 / 200
    z = active.state.logits
    assert z[0] == pytest.approx(start[0] + 3 * step, abs=1e-12)
    mean = (z[1] + z[2]) / 2
    assert mean == pytest.approx((start[1] + start[2]) / 2 + 9 * step, abs=1e-12)
    assert z[1] - z[2] == pytest.approx(start[1] - start[2], abs=1e-12)  # spread kept
    message = active.statusBar().currentMessage()
    assert "z_p = −1.70" in message and message.count("z_p") == 1, message  # said once
    ref = reference(list(z), 0)
    assert f"∂L_MSE/∂z_p {float(ref.mse_grad[0]):#.3g}".replace("-", "−") in (
        plot.accessibleDescription()
    )
    find(active, QAction, "actionUndo").trigger()
    assert active.state.logits == start


def test_a_coarser_surface_steps_by_its_own_grid(active, qtbot):
    active.set_view("surfaces")
    find(active, QSpinBox, "resolutionSpin").setValue(41)
    find(active, QComboBox, "surfaceModeCombo").setCurrentIndex(1)  # one competitor
    QApplication.processEvents()
    j = active.state.surface.competitor
    start = active.state.logits
    plot = find(active, QWidget, "ceLossSurface")
    focus(plot, qtbot)
    QTest.keyClick(plot, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(plot, Qt.Key.Key_Down)
    z = active.state.logits
    assert z[0] == pytest.approx(start[0] - 10 * 0.5, abs=1e-12)
    assert z[j] == pytest.approx(start[j] - 0.5, abs=1e-12)
    others = [k for k in range(3) if k not in (0, j)]
    assert [z[k] for k in others] == [start[k] for k in others]


def softmax_mp(z: tuple[float, ...]) -> list[float]:
    e = [mpmath.exp(mpmath.mpf(v)) for v in z]
    total = mpmath.fsum(e)
    return [float(v / total) for v in e]


def test_arrow_keys_move_the_simplex_point_by_its_step_as_one_undo(active, qtbot):
    active.set_view("simplex")
    QApplication.processEvents()
    start = active.state.logits
    s0 = softmax_mp(start)  # cat at the top, tiger on the left, dog on the right
    plot = find(active, QWidget, "simplexCePlot")
    focus(plot, qtbot)
    QTest.keyClick(plot, Qt.Key.Key_Up)
    s1 = softmax_mp(active.state.logits)
    # Straight up: 0.01 more on the true class, taken from the other two alike.
    assert s1[0] == pytest.approx(s0[0] + 0.01, abs=1e-12)
    assert s1[1] == pytest.approx(s0[1] - 0.005, abs=1e-12)
    assert s1[2] == pytest.approx(s0[2] - 0.005, abs=1e-12)
    for _ in range(2):
        QTest.keyClick(plot, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    s2 = softmax_mp(active.state.logits)
    assert s2[0] == pytest.approx(s1[0], abs=1e-12)
    assert s2[1] == pytest.approx(s1[1] - 0.2, abs=1e-12)
    assert s2[2] == pytest.approx(s1[2] + 0.2, abs=1e-12)
    assert np.mean(active.state.logits) == pytest.approx(np.mean(start), abs=1e-12)
    desc = plot.accessibleDescription()
    assert f"s_p {s2[0]:#.3g}" in desc
    assert f"tiger {s2[1]:#.3g}" in desc
    assert "s_p" in active.statusBar().currentMessage()
    find(active, QAction, "actionUndo").trigger()
    assert active.state.logits == start


def number_after(label: str, text: str) -> float:
    m = re.search(re.escape(label) + r"\s*=?\s*(-?[0-9.]+(?:e[-+]?[0-9]+)?)", text)
    assert m is not None, (label, text)
    return float(m.group(1))


@pytest.mark.parametrize("view", ["overview", "surfaces", "race", "simplex", "train"])
def test_describe_this_view_shows_and_copies_the_numbers(window, view):
    window.set_view(view)
    find(window, QDoubleSpinBox, "logitSpin1").setValue(3.25)
    QApplication.processEvents()
    find(window, QAction, "actionDescribeView").trigger()
    box = find(window, QPlainTextEdit, "describeViewText")
    assert box.isReadOnly()
    text = box.toPlainText()
    assert QApplication.clipboard().text() == text
    # Independently: softmax with mpmath, CE = -log s_p, MSE = Σ (s_k - y_k)², and both
    # gradients on z_p from their definitions, s_p - 1 and 2 Σ_k (s_k - y_k) ∂s_k/∂z_p.
    z = [mpmath.mpf(v) for v in (-2.0, 3.25, 0.5)]
    e = [mpmath.exp(v) for v in z]
    s = [v / mpmath.fsum(e) for v in e]
    y = [1, 0, 0]
    ce = -mpmath.log(s[0])
    mse = mpmath.fsum((s[k] - y[k]) ** 2 for k in range(3))
    jac = [s[k] * ((1 if k == 0 else 0) - s[0]) for k in range(3)]  # ∂s_k/∂z_0
    mse_grad = 2 * mpmath.fsum((s[k] - y[k]) * jac[k] for k in range(3))
    for label, value in (
        ("L_CE", ce),
        ("L_MSE", mse),
        ("Gradient of L_CE on z_p:", s[0] - 1),
        ("Gradient of L_MSE on z_p:", mse_grad),
    ):
        assert math.isclose(number_after(label, text), float(value), rel_tol=1e-5), label
    assert number_after("s", text.split("cat (true class):")[1]) == pytest.approx(
        float(s[0]), rel=1e-5
    )
    window.findChild(QDialog, "describeViewDialog").close()


def test_every_shortcut_belongs_to_one_action(window):
    seen: dict[str, str] = {}
    for act in window.findChildren(QAction):
        for key in act.shortcuts():
            text = key.toString()
            assert text not in seen, f"{text}: {seen.get(text)} and {act.objectName()}"
            seen[text] = act.objectName()
    assert seen["Ctrl+Shift+D"] == "actionDescribeView"
