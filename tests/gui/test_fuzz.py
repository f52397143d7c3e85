"""Random user actions, seeded, with real mouse and key events: clicks, drags, wheels and hovers
on every plot, typing into every field, every menu action, tab switches, resizes from tiny to
4K, the dock, the 3D view opened and closed. After the run: no exception (pytest-qt fails the
test on one in a slot), no Qt warning (qt_log_level_fail), no NaN shown, object names unique,
the losses shown equal to an independent computation from the spin boxes, no action hung, and
memory flat. A short run is part of every test run; the long one is marked slow.
"""

from __future__ import annotations

import ctypes
import gc
import math
import os
import time
from collections.abc import Callable
from pathlib import Path

import mpmath
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QKeyEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSlider,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QToolButton,
    QWidget,
)

from gui.views import surface3d
from tests.gui.conftest import flush_deletes, label_number, send_mouse

SHORT, LONG = 500, 4000
HANG_SECONDS = 2.0  # a hang detector, not a speed test: a normal action takes milliseconds
MEMORY_GROWTH_MIB = 30
CHECK_EVERY = 10
LEFT = Qt.MouseButton.LeftButton
NONE = Qt.MouseButton.NoButton
TEXTS = ["0", "-3.5", "12", "1000", "-1000", "999999", "1e3", "abc", "", "-", ".", "7.25", "-0"]
NAMES = ["lion", "  ", "x" * 45, "猫", "a b", "Δz", "?", "tiger"]
SIZES = [(200, 150), (640, 480), (1024, 768), (1280, 720), (1600, 1000), (3840, 2160)]


QT_TAB_BAR_NAMES = {"ScrollLeftButton", "ScrollRightButton"}


def rss_mib() -> float:
    """Resident memory once freed memory is handed back: a 4K window's buffers, freed, stay
    resident in the C heap (and made the figure jump by ~50 MiB) until malloc_trim."""
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def expected_losses(z: list[float], p: int) -> tuple[float, float, float, float]:
    """CE and MSE from the logits by the textbook formulas in mpmath, with digits enough that
    1 - s_p (down to e^-2000) survives the sum, and the sums of |dL/dz_k| that bound what a
    spin box's rounding to three decimals can move each of them."""
    with mpmath.workdps(30 + int((max(z) - min(z)) / 2.3)):
        zz = [mpmath.mpf(v) for v in z]
        m = max(zz)
        e = [mpmath.exp(v - m) for v in zz]
        total = mpmath.fsum(e)
        s = [v / total for v in e]
        ce = -mpmath.log(s[p])
        d = [s[k] - (1 if k == p else 0) for k in range(len(z))]
        mse = mpmath.fsum(v * v for v in d)
        inner = mpmath.fsum(d[k] * s[k] for k in range(len(z)))
        ce_slope = mpmath.fsum(abs(v) for v in d)
        mse_slope = mpmath.fsum(abs(2 * s[j] * (d[j] - inner)) for j in range(len(z)))
        return float(ce), float(mse), float(ce_slope), float(mse_slope)


class Fuzzer:
    def __init__(self, window: QWidget, qtbot, seed: int, tmp: Path) -> None:
        self.w = window
        self.qtbot = qtbot
        self.rng = np.random.default_rng(seed)
        self.tmp = tmp
        self.slowest = (0.0, "")
        self.counts: dict[str, int] = {}
        actions: list[tuple[float, Callable[[], None]]] = [
            (6, self.click_plot),
            (3, self.drag_plot),
            (1, self.wheel_plot),
            (2, self.hover_surface),
            (6, self.type_logit),
            (2, self.step_logit),
            (2, self.slider_keys),
            (2, self.click_slider),
            (1, self.type_k),
            (1, self.type_name),
            (2, self.combo_keys),
            (1, self.click_check),
            (1, self.type_setting),
            (2, self.click_tab),
            (2, self.shortcut),
            (2, self.menu_action),
            (1, self.resize),
            (0.5, self.open_3d),
            (0.5, self.close_3d),
            (0.3, self.float_dock),
        ]
        weights = np.array([a[0] for a in actions])
        self.weights = weights / weights.sum()
        self.actions = [a[1] for a in actions]

    # --- helpers -------------------------------------------------------------------------
    def pick(self, items: list) -> object:
        return items[int(self.rng.integers(len(items)))]

    def visible(self, cls: type, prefix: str = "") -> list[QWidget]:
        return [
            x
            for x in self.w.findChildren(cls)
            if x.isVisible() and x.objectName().startswith(prefix) and x.objectName()
        ]

    def point_in(self, widget: QWidget) -> QPoint:
        r = widget.rect()
        return QPoint(int(self.rng.integers(r.width())), int(self.rng.integers(r.height())))

    def type_into(self, widget: QWidget, text: str) -> None:
        QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        for char in text:
            if char.isascii():
                QTest.keyClicks(widget, char)
            else:  # QTest types ASCII only: the key event an input method would deliver
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    ev = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                    QApplication.sendEvent(widget, ev)
        QTest.keyClick(widget, Qt.Key.Key_Return)

    # --- actions -------------------------------------------------------------------------
    def click_plot(self) -> None:
        plots = self.visible(pg.GraphicsView)
        if plots:
            plot = self.pick(plots)
            QTest.mouseClick(
                plot.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, self.point_in(plot)
            )

    def drag_plot(self) -> None:
        plots = self.visible(pg.GraphicsView)
        if not plots:
            return
        vp = self.pick(plots).viewport()
        pos = self.point_in(vp)
        send_mouse(vp, QEvent.Type.MouseButtonPress, pos, LEFT)
        for _ in range(int(self.rng.integers(2, 8))):
            pos = self.point_in(vp)
            send_mouse(vp, QEvent.Type.MouseMove, pos, LEFT)
            QApplication.processEvents()
        send_mouse(vp, QEvent.Type.MouseButtonRelease, pos, NONE)

    def wheel_plot(self) -> None:
        plots = self.visible(pg.GraphicsView)
        if plots:
            vp = self.pick(plots).viewport()
            pos = QPointF(self.point_in(vp))
            delta = QPoint(0, int(self.rng.choice([-240, -120, 120, 240])))
            ev = QWheelEvent(
                pos,
                QPointF(vp.mapToGlobal(pos.toPoint())),
                QPoint(),
                delta,
                NONE,
                Qt.KeyboardModifier.NoModifier,
                Qt.ScrollPhase.NoScrollPhase,
                False,
            )
            QApplication.sendEvent(vp, ev)

    def hover_surface(self) -> None:
        plots = self.visible(pg.GraphicsView, "")
        surfaces = [p for p in plots if p.objectName().endswith("Surface")]
        if surfaces:
            vp = self.pick(surfaces).viewport()
            for _ in range(3):
                send_mouse(vp, QEvent.Type.MouseMove, self.point_in(vp), NONE)

    def type_logit(self) -> None:
        spins = self.visible(QDoubleSpinBox, "logitSpin")
        if spins:
            value = self.rng.choice([f"{self.rng.normal(0, 6):.3f}", self.pick(TEXTS)])
            self.type_into(self.pick(spins), str(value))

    def step_logit(self) -> None:
        spins = self.visible(QDoubleSpinBox, "logitSpin")
        if spins:
            key = self.pick(
                [Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown]
            )
            for _ in range(int(self.rng.integers(1, 6))):
                QTest.keyClick(self.pick(spins), key)

    def slider_keys(self) -> None:
        sliders = self.visible(QSlider, "logitSlider")
        if sliders:
            key = self.pick([Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_PageUp, Qt.Key.Key_Home])
            QTest.keyClick(self.pick(sliders), key)

    def click_slider(self) -> None:
        sliders = self.visible(QSlider, "logitSlider")
        if sliders:
            slider = self.pick(sliders)
            QTest.mouseClick(slider, LEFT, Qt.KeyboardModifier.NoModifier, self.point_in(slider))

    def type_k(self) -> None:
        self.type_into(self.w.findChild(QSpinBox, "classCountSpin"), str(self.rng.integers(0, 25)))

    def type_name(self) -> None:
        boxes = self.visible(QLineEdit, "classNameEdit")
        if boxes:
            self.type_into(self.pick(boxes), self.pick(NAMES))

    def combo_keys(self) -> None:
        combos = [c for c in self.visible(QComboBox) if c.isEnabled()]
        if combos:
            combo = self.pick(combos)
            QTest.keyClick(combo, self.pick([Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_End]))

    def click_check(self) -> None:
        checks = self.visible(QCheckBox)
        if checks:
            check = self.pick(checks)
            QTest.mouseClick(
                check, LEFT, Qt.KeyboardModifier.NoModifier, QPoint(6, check.height() // 2)
            )

    def type_setting(self) -> None:
        names = [
            "xMinSpin",
            "xMaxSpin",
            "yMinSpin",
            "yMaxSpin",
            "resolutionSpin",
            "slowThresholdSpin",
        ]
        spins = [s for s in self.visible(QAbstractSpinBox) if s.objectName() in names]
        if spins:
            spin = self.pick(spins)
            text = self.pick(["-30", "5", "60", "0.05", "11", "120", "abc", "-100", "0"])
            self.type_into(spin, text)

    def click_tab(self) -> None:
        bar = self.w.findChild(QTabWidget, "viewTabs").tabBar()
        i = int(self.rng.integers(bar.count()))
        QTest.mouseClick(bar, LEFT, Qt.KeyboardModifier.NoModifier, bar.tabRect(i).center())

    def shortcut(self) -> None:
        """A keyboard shortcut as pressed in the window: undo, redo, a preset, copy."""
        ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
        key, mods = self.pick(
            [
                (Qt.Key.Key_Z, ctrl),
                (Qt.Key.Key_Z, ctrl | shift),
                (Qt.Key.Key_Y, ctrl),
                (Qt.Key.Key_1, ctrl),
                (Qt.Key.Key_3, ctrl),
                (Qt.Key.Key_6, ctrl),
                (Qt.Key.Key_C, ctrl | shift),
            ]
        )
        QTest.keyClick(self.w, key, mods)

    def menu_action(self) -> None:
        """Any action of the menus but Quit (file dialogs and message boxes answer at once)."""
        actions = [
            a
            for a in self.w.findChildren(QAction)
            if a.objectName().startswith("action") and a.objectName() != "actionQuit"
        ]
        action = self.pick(actions)
        if action.isEnabled():
            action.trigger()

    def resize(self) -> None:
        w, h = self.pick(SIZES)
        if self.w.isFullScreen():
            self.w.showNormal()
        self.w.resize(w, h)

    def open_3d(self) -> None:
        buttons = self.visible(QPushButton, "surface3dButton")
        if buttons and len(surface3d.open_views()) < 3:
            QTest.mouseClick(buttons[0], LEFT)

    def close_3d(self) -> None:
        views = surface3d.open_views()
        if views:
            view = self.pick(views)
            if self.rng.random() < 0.5:
                QTest.keyClick(view, Qt.Key.Key_Escape)
            if view in surface3d.open_views():
                view.close()

    def float_dock(self) -> None:
        buttons = [b for b in self.w.dock.findChildren(QToolButton) if b.isVisible()]
        float_button = [b for b in buttons if b.objectName() == "qt_dockwidget_floatbutton"]
        if float_button:
            QTest.mouseClick(float_button[0], LEFT)
        elif not self.w.dock.isVisible():
            self.w.findChild(QAction, "actionShowLogits").trigger()

    # --- the run -------------------------------------------------------------------------
    def run(self, n: int) -> None:
        for i in range(n):
            k = int(self.rng.choice(len(self.actions), p=self.weights))
            action = self.actions[k]
            start = time.perf_counter()
            action()
            QApplication.processEvents()
            spent = time.perf_counter() - start
            self.counts[action.__name__] = self.counts.get(action.__name__, 0) + 1
            if spent > self.slowest[0]:
                self.slowest = (spent, action.__name__)
            assert spent < HANG_SECONDS, (i, action.__name__, spent)
            if i % CHECK_EVERY == 0:
                flush_deletes()
                self.check(i)
        surface3d.close_all()
        flush_deletes()
        self.check(n)

    def memory(self) -> float:
        """Resident memory in one and the same situation: default size, surfaces showing, no
        3D view open."""
        surface3d.close_all()
        if self.w.isFullScreen():
            self.w.showNormal()
        self.w.resize(1600, 1000)
        self.w.set_view("surfaces")
        for _ in range(3):
            QApplication.processEvents()
        flush_deletes()
        return rss_mib()

    def check(self, i: int) -> None:
        w = self.w
        # Losses shown = an independent computation from what the spin boxes show
        k = w.findChild(QSpinBox, "classCountSpin").value()
        z = [w.findChild(QDoubleSpinBox, f"logitSpin{j}").value() for j in range(k)]
        assert all(math.isfinite(v) and abs(v) <= 1000 for v in z), (i, z)
        p = w.findChild(QComboBox, "targetCombo").currentIndex()
        ce, mse, ce_slope, mse_slope = expected_losses(z, p)
        if w.findChild(QComboBox, "ceUnitCombo").currentData() == "bits":
            ce, ce_slope = ce / math.log(2), ce_slope / math.log(2)
        if w.findChild(QComboBox, "mseReductionCombo").currentData() == "mean":
            mse, mse_slope = mse / k, mse_slope / k
        for name, want, slope in (("ceLossLabel", ce, ce_slope), ("mseLossLabel", mse, mse_slope)):
            got = label_number(w, name)
            # six significant digits shown; the spin boxes show logits to 0.0005
            assert abs(got - want) <= 6e-6 * abs(want) + 5e-4 * slope + 1e-300, (i, name, got, want)
        # No NaN or infinity anywhere a number is shown
        texts = [lbl.text() for lbl in w.findChildren(QLabel)]
        table = w.findChild(QTableWidget, "valueTable")
        assert table.rowCount() == k
        texts += [table.item(r, c).text() for r in range(k) for c in range(4) if table.item(r, c)]
        for text in texts:
            low = text.lower()
            assert "nan" not in low.split() and "inf" not in low.replace("info", ""), (i, text)
        # Object names unique in the window and in each 3D view
        for root in [w, *surface3d.open_views()]:
            names = [x.objectName() for x in root.findChildren(QWidget) if x.objectName()]
            # Qt's own: "qt_…", and the scroll buttons every QTabBar names alike (the view
            # tabs', and a tab bar of docks sharing a place)
            names = [n for n in names if not n.startswith("qt_") and n not in QT_TAB_BAR_NAMES]
            assert len(names) == len(set(names)), (
                i,
                sorted({n for n in names if names.count(n) > 1}),
            )


@pytest.fixture
def answered_dialogs(monkeypatch, tmp_path, message_boxes):
    """Every dialog answers at once: file dialogs with a file in tmp_path, message boxes OK,
    the export dialog with its defaults."""
    session = tmp_path / "fuzz.losslab.json"

    def save_name(*_args: object, **_kwargs: object) -> tuple[str, str]:
        return str(tmp_path / "fuzz-export.png") if "Export" in str(_args) else str(session), ""

    def open_name(*_args: object, **_kwargs: object) -> tuple[str, str]:
        return (str(session) if session.exists() else ""), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_name)
    monkeypatch.setattr(QMessageBox, "about", lambda *a, **k: None)
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    return message_boxes


def test_random_actions_short(window, qtbot, tmp_path, answered_dialogs):
    fuzz = Fuzzer(window, qtbot, seed=20261126, tmp=tmp_path)
    fuzz.run(SHORT)
    assert len(fuzz.counts) >= 15, fuzz.counts  # nearly every kind of action ran


@pytest.mark.slow
def test_random_actions_long(window, qtbot, tmp_path, answered_dialogs):
    fuzz = Fuzzer(window, qtbot, seed=7, tmp=tmp_path)
    fuzz.run(SHORT)  # every view, dialog and cache has been built once
    before = fuzz.memory()
    fuzz.run(LONG)
    grown = fuzz.memory() - before
    assert grown < MEMORY_GROWTH_MIB, (grown, fuzz.counts)
    assert len(fuzz.counts) == len(fuzz.actions), fuzz.counts
