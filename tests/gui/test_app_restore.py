"""A real launch restores the last session and window layout (QSettings); MainWindow() does not."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDoubleSpinBox, QWidget

from gui.app import restore_and_show
from gui.main_window import MainWindow
from model.state import AppState


def test_last_session_comes_back_and_main_window_starts_fresh(qapp, qtbot):
    saved = AppState().with_logits((0.25, -1.5, 3.0)).with_target(2)
    QSettings().setValue("lastSession", json.dumps(saved.to_dict()))
    window = restore_and_show(None, "surfaces")
    qtbot.addWidget(window)
    assert window.state == saved.with_view("surfaces")  # --view wins over the saved view
    assert window.tabs.currentWidget().objectName() == "surfacesView"
    # the user edits, the app quits: the edit is what comes back next time
    window.findChild(QDoubleSpinBox, "logitSpin0").setValue(1.75)
    qapp.aboutToQuit.emit()
    restored = json.loads(QSettings().value("lastSession"))
    assert restored["logits"][0] == 1.75 and restored["target"] == 2
    fresh = MainWindow()
    qtbot.addWidget(fresh)
    assert fresh.state == AppState()


def test_a_damaged_last_session_is_ignored(qapp, qtbot):
    QSettings().setValue("lastSession", "{not json")
    window = restore_and_show(None, None)
    qtbot.addWidget(window)
    assert window.state == AppState()


def test_the_view_showing_comes_back_at_the_next_launch(qapp, qtbot):
    first = restore_and_show(AppState(), None)
    qtbot.addWidget(first)
    first.tabs.setCurrentWidget(first.findChild(QWidget, "surfacesView"))  # as a tab click does
    assert first.state.view == "surfaces"
    qapp.aboutToQuit.emit()
    again = restore_and_show(None, None)
    qtbot.addWidget(again)
    assert again.tabs.currentWidget().objectName() == "surfacesView"
    assert again.state.view == "surfaces"


def test_the_lesson_comes_back_with_the_last_session_and_with_a_session_given(
    qapp, qtbot, tmp_path
):
    from PySide6.QtGui import QAction

    from model.lesson import builtin_lesson, save_session_with_lesson

    first = restore_and_show(AppState(), None)
    qtbot.addWidget(first)
    first.findChild(QAction, "actionStartLesson").trigger()
    qapp.aboutToQuit.emit()
    again = restore_and_show(None, None)
    qtbot.addWidget(again)
    assert again.lesson == builtin_lesson()

    path = tmp_path / "lecture.losslab.json"
    save_session_with_lesson(AppState(), builtin_lesson(), path)
    import main

    lesson = main.load_session_with_lesson(path)[1]
    given = restore_and_show(AppState(), None, lesson)
    qtbot.addWidget(given)
    assert given.lesson == builtin_lesson()
