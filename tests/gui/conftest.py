"""Fixtures for window tests: a fresh MainWindow, found widgets by object name only."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QPoint,
    QPointF,
    QRectF,
    QSettings,
    QStandardPaths,
    Qt,
)
from PySide6.QtGui import QImage, QMouseEvent, QPainter
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from gui.main_window import MainWindow
from model.state import AppState

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session", autouse=True)
def _isolated_settings(qapp: QApplication) -> None:
    # Recent files and the last session go to a throwaway location, never the user's.
    QStandardPaths.setTestModeEnabled(True)
    QCoreApplication.setOrganizationName("LossLabTests")
    QCoreApplication.setApplicationName("LossLabTests")


@pytest.fixture
def window(qtbot) -> Iterator[MainWindow]:
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    yield w


@pytest.fixture
def english_after() -> Iterator[None]:
    """Each test that switches language leaves the process in English, as every other test
    expects, whether it passes or not."""
    from gui import i18n

    yield
    i18n.set_language("en")
    QSettings().remove(i18n.SETTINGS_KEY)
    QCoreApplication.sendPostedEvents()  # LanguageChange is posted to every top-level widget
    QApplication.processEvents()


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Capture critical/information dialogs, and message boxes built and run with exec(),
    instead of blocking on them."""
    seen: list[tuple[str, str]] = []

    def record(_parent: object, title: str, text: str, *args: object, **kwargs: object) -> int:
        seen.append((title, text))
        return QMessageBox.StandardButton.Ok

    def run(box: QMessageBox) -> int:
        seen.append((box.windowTitle(), box.text()))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", record)
    monkeypatch.setattr(QMessageBox, "information", record)
    monkeypatch.setattr(QMessageBox, "exec", run)
    return seen


def flush_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def send_mouse(widget: QWidget, kind: QEvent.Type, pos: QPoint, buttons: Qt.MouseButton) -> None:
    """A left-button mouse event with the given buttons held, delivered now (pyqtgraph reads
    the held buttons, which QTest's mouseMove does not set)."""
    ev = QMouseEvent(
        kind,
        QPointF(pos),
        QPointF(widget.mapToGlobal(pos)),
        Qt.MouseButton.LeftButton,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, ev)


def shown_window(qtbot, state: AppState, size: tuple[int, int], lecture: bool) -> MainWindow:
    """A MainWindow of ``state`` at ``size``, shown and exposed, then in lecture mode or not
    (after the resize, as a launch has it: the projector profile's text follows the height)."""
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.set_lecture_mode(lecture)
    return window


def tick_labels(axis: pg.AxisItem) -> list[tuple[str, QRectF]]:
    """The labels the axis draws, each with its rectangle in scene (= view) pixels, as
    pyqtgraph lays them out for its paint."""
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _axis, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(text, axis.mapRectToScene(rect)) for rect, _flags, text in texts]


def find(window: QWidget, cls: type, name: str) -> QWidget:
    """The one child of ``window`` with this object name and type (fails the test if none)."""
    w = window.findChild(cls, name)
    assert w is not None, f"no {cls.__name__} named {name}"
    return w


NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?inf|nan")


def label_number(window: QWidget, name: str) -> float:
    """The number a loss label shows, after its name ("CE  3.5046 nats", "MSE 1.4394 (sum)",
    or in Chinese "MSE 1.4394（求和）", where no space comes before the bracket)."""
    text = find(window, QLabel, name).text()
    found = NUMBER.search(text.split(maxsplit=1)[1])
    assert found is not None, text
    return float(found.group())


def run_fresh(code: str, env: dict[str, str] | None = None, path: Path | None = None) -> str:
    """``code`` in a fresh interpreter (the start-up path runs once per process), ``path``
    first on its module path: what it prints."""
    env = dict(os.environ if env is None else env)
    if path is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(path), str(ROOT)])
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()
