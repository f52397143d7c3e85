"""Lessons in the window: the built-in lesson's scenes in order, the caption bar, the scene keys,
a user's own lesson edited and kept in the session file."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton

from model.lesson import builtin_lesson
from tests.gui.conftest import find


def test_the_builtin_lesson_visits_its_scenes_in_order(window):
    lesson = builtin_lesson()
    assert len(lesson.scenes) >= 8
    find(window, QAction, "actionStartLesson").trigger()
    caption = find(window, QLabel, "sceneCaption")
    counter = find(window, QLabel, "sceneCounter")
    for i, scene in enumerate(lesson.scenes):
        if i:
            find(window, QAction, "actionNextScene").trigger()
        assert window.state == scene.state  # the stored state, exactly
        assert caption.isVisible() and caption.text() == scene.caption
        assert counter.text() == f"{i + 1} / {len(lesson.scenes)}"
        shown = window.tabs.currentWidget().objectName()
        if scene.state.view in ("overview", "surfaces", "simplex"):
            assert shown == f"{scene.state.view}View"
    find(window, QAction, "actionNextScene").trigger()  # past the last: stays there
    assert window.state == lesson.scenes[-1].state
    find(window, QAction, "actionPrevScene").trigger()
    assert window.state == lesson.scenes[-2].state


def test_page_down_steps_scenes_from_the_keyboard(window, qtbot):
    find(window, QAction, "actionStartLesson").trigger()
    lesson = builtin_lesson()
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_PageDown)
    assert window.state == lesson.scenes[1].state
    QTest.keyClick(window, Qt.Key.Key_PageUp)
    assert window.state == lesson.scenes[0].state


def test_a_scene_step_is_one_undo_entry(window):
    before = window.state
    find(window, QAction, "actionStartLesson").trigger()
    find(window, QAction, "actionNextScene").trigger()
    find(window, QAction, "actionUndo").trigger()
    find(window, QAction, "actionUndo").trigger()
    assert window.state == before


def test_a_users_lesson_survives_save_and_open(window, qtbot, tmp_path):
    find(window, QAction, "actionPreset_confidently_wrong").trigger()
    find(window, QAction, "actionAddScene").trigger()
    first = window.state
    find(window, QAction, "actionPreset_nearly_right").trigger()
    find(window, QAction, "actionAddScene").trigger()
    scenes = find(window, QListWidget, "sceneList")
    assert scenes.count() == 2
    item = scenes.item(1)
    item.setText("Nearly right: both losses are small")  # as an edit in the list does
    find(window, QAction, "actionAddScene").trigger()
    scenes.setCurrentRow(2)
    find(window, QPushButton, "sceneDeleteButton").click()
    assert scenes.count() == 2
    path = tmp_path / "lecture.losslab.json"
    window.save_session_file(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [s["caption"] for s in data["lesson"]["scenes"]][
        1
    ] == "Nearly right: both losses are small"

    from gui.main_window import MainWindow

    other = MainWindow()
    qtbot.addWidget(other)
    assert other.load_session_file(path)
    find(other, QAction, "actionPrevScene").trigger()
    assert other.state == first
    assert find(other, QLabel, "sceneCaption").text() == "Scene 1"


def test_the_counter_follows_an_undo_back_into_an_earlier_scene(window):
    lesson = builtin_lesson()
    find(window, QAction, "actionStartLesson").trigger()
    for _ in range(3):
        find(window, QAction, "actionNextScene").trigger()
    find(window, QAction, "actionUndo").trigger()  # back to scene 3's state
    assert window.state == lesson.scenes[2].state
    assert find(window, QLabel, "sceneCounter").text() == f"3 / {len(lesson.scenes)}"
    find(window, QAction, "actionNextScene").trigger()
    assert window.state == lesson.scenes[3].state  # on from the scene shown, none skipped
