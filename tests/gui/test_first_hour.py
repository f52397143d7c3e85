"""A new user's first hour: typing K, renaming, undo, the dock, and an error in a slot."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

import gui.app
from tests.gui.conftest import find, flush_deletes


def type_into(widget: QWidget, text: str) -> None:
    """Select everything in a box and type over it, as a user does, then press Return."""
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(widget, text)
    QTest.keyClick(widget, Qt.Key.Key_Return)


@pytest.fixture
def active(window, qtbot):
    """The window, active, so that a box given focus has it (as under a user's hands)."""
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def test_typing_20_into_k_is_one_edit_to_20(active):
    type_into(find(active, QSpinBox, "classCountSpin"), "20")
    st = active.state
    assert st.k == 20
    # No edit to K = 2 on the way: the third class kept its name
    assert st.classes[:3] == ("cat", "tiger", "dog")
    assert active.undo_stack.count() == 1


def test_a_removed_row_leaves_the_window_at_once(window):
    count = find(window, QSpinBox, "classCountSpin")
    count.setValue(2)
    # No event loop pass in between: the old row's widgets are already gone ...
    assert window.findChildren(QLineEdit, "classNameEdit2") == []
    assert window.findChildren(QDoubleSpinBox, "logitSpin2") == []
    count.setValue(3)
    # ... so the new row's are the only ones with their names
    assert len(window.findChildren(QLineEdit, "classNameEdit2")) == 1
    assert len(window.findChildren(QDoubleSpinBox, "logitSpin2")) == 1
    names = [w.objectName() for w in window.findChildren(QWidget) if w.objectName()]
    names = [n for n in names if not n.startswith("qt_")]
    assert sorted({n for n in names if names.count(n) > 1}) == []
    flush_deletes()
    assert find(window, QLineEdit, "classNameEdit2").text() == "class 2"


def test_view_logits_hides_and_shows_the_dock(window, qtbot):
    dock = find(window, QDockWidget, "logitDock")
    action = find(window, QAction, "actionShowLogits")
    view_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "View"
    )
    assert action in view_menu.actions()
    assert action.isEnabled() and action.isCheckable() and action.isChecked()
    action.trigger()
    qtbot.waitUntil(lambda: not dock.isVisible())
    assert not action.isChecked()
    action.trigger()
    qtbot.waitUntil(dock.isVisible)
    assert action.isChecked()


def test_a_refused_blank_name_is_replaced_by_the_name_even_with_focus(active):
    box = find(active, QLineEdit, "classNameEdit0")
    type_into(box, "   ")
    assert box.hasFocus()
    assert active.state.classes[0] == "cat"
    assert box.text() == "cat"


def test_edit_undo_with_the_box_focused_shows_the_old_name(active):
    box = find(active, QLineEdit, "classNameEdit0")
    type_into(box, "lion")
    assert active.state.classes[0] == "lion"
    assert box.hasFocus()
    active.action_undo.trigger()  # Edit → Undo: a menu leaves the focus where it was
    assert active.state.classes[0] == "cat"
    assert box.text() == "cat"
    active.action_redo.trigger()
    assert box.text() == "lion"


def test_ctrl_z_in_a_committed_name_box_undoes_the_rename(active):
    box = find(active, QLineEdit, "classNameEdit0")
    type_into(box, "lion")
    QTest.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert active.state.classes[0] == "cat"
    assert box.text() == "cat"
    assert find(active, QComboBox, "targetCombo").itemText(0) == "cat"
    # While typing, Ctrl+Z is the box's own: it undoes the typing, not an edit of the state
    box.setFocus()
    QTest.keyClicks(box, "x")
    QTest.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.text() == "cat"
    assert active.undo_stack.index() == 0  # the rename stays undone, nothing else was undone
    assert active.undo_stack.count() == 1


def test_typing_in_a_name_box_survives_other_edits(active):
    box = find(active, QLineEdit, "classNameEdit1")
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_End)
    QTest.keyClicks(box, "s")
    find(active, QSpinBox, "classCountSpin").setValue(4)  # another edit re-syncs the panel
    assert box.text() == "tigers"  # the user's typing is theirs until it is committed
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert active.state.classes[1] == "tigers"


def test_undo_history_is_capped(window):
    limit = window.undo_stack.undoLimit()
    assert 500 <= limit <= 10_000  # a lecture never reaches it; memory stays bounded
    window.set_view("surfaces")  # the entry dropped first; a rename repaints little there
    box = find(window, QLineEdit, "classNameEdit2")
    for i in range(limit + 5):  # each rename is an entry of its own (renames never merge)
        box.setText(f"dog {i}")
        box.editingFinished.emit()
    assert window.undo_stack.count() == limit
    while window.undo_stack.canUndo():
        window.action_undo.trigger()
    # The oldest entries (the view, four renames) were dropped: undo stops at the fifth
    assert window.state.classes[2] == "dog 4"
    assert box.text() == "dog 4"


@pytest.mark.qt_no_exception_capture  # the app's own hook, not pytest-qt's, sees the error
def test_an_exception_in_a_slot_is_logged_shown_and_survived(
    window, monkeypatch, message_boxes, caplog
):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    gui.app.install_error_handling()
    real_edit = window.controller.edit

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a bug in a slot")

    monkeypatch.setattr(window.controller, "edit", broken)
    with caplog.at_level(logging.ERROR, logger="losslab"):
        find(window, QDoubleSpinBox, "logitSpin1").setValue(2.5)  # the slot raises
        QApplication.processEvents()
    assert any("a bug in a slot" in text for _title, text in message_boxes), message_boxes
    assert "RuntimeError: a bug in a slot" in caplog.text  # the traceback is in the log
    # The app keeps running: the next edit goes through
    monkeypatch.setattr(window.controller, "edit", real_edit)
    find(window, QDoubleSpinBox, "logitSpin2").setValue(-1.5)
    assert window.state.logits[2] == -1.5
