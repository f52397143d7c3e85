"""Sessions from the window: save, open, and a bad file that changes nothing."""

from __future__ import annotations

import json
import os
import stat
import threading

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDoubleSpinBox, QFileDialog, QLineEdit

from model.state import AppState


def test_save_and_open_round_trip(window, tmp_path, message_boxes):
    window.findChild(QDoubleSpinBox, "logitSpin1").setValue(2.25)
    window.findChild(type(window.action_undo), "actionPreset_article_b").trigger()
    path = tmp_path / "lecture.losslab.json"
    window.save_session_file(path)
    saved = json.loads(path.read_text())
    assert saved["format"] == "losslab-session" and saved["version"] == 1
    assert saved["logits"] == list(window.state.logits)
    before = window.state
    window.findChild(QDoubleSpinBox, "logitSpin0").setValue(5.0)
    assert window.load_session_file(path)
    assert window.state == before
    assert window.findChild(QLineEdit, "classNameEdit2").text() == "dog"
    assert message_boxes == []


@pytest.mark.parametrize(
    "content",
    [
        "not json at all",
        json.dumps({"format": "something-else", "version": 1}),
        json.dumps({**AppState().to_dict(), "version": 99}),
        json.dumps({**AppState().to_dict(), "logits": [1, 2, "x"]}),
        json.dumps({**AppState().to_dict(), "target": 7}),
        json.dumps({**AppState().to_dict(), "logits": [0.0] * 21, "classes": ["a"] * 21}),
        # names the editor would never hold: a newline, a lone surrogate (JSON's "\ud800")
        json.dumps({**AppState().to_dict(), "classes": ["cat", "ti\nger", "dog"]}),
        json.dumps({**AppState().to_dict(), "classes": ["cat", "tiger", "\ud800"]}),
        json.dumps(AppState().to_dict()).replace('"target": 0', '"target": 0, "target": 2'),
    ],
)
def test_bad_session_changes_nothing(window, tmp_path, message_boxes, content):
    window.findChild(QDoubleSpinBox, "logitSpin2").setValue(-1.5)
    before, depth = window.state, window.undo_stack.count()
    path = tmp_path / "bad.json"
    path.write_text(content)
    assert not window.load_session_file(path)
    assert window.state == before
    assert window.undo_stack.count() == depth
    assert len(message_boxes) == 1 and "bad.json" in message_boxes[0][1]
    assert path.read_text() == content  # the user's file is untouched


def test_save_failure_is_reported(window, tmp_path, message_boxes):
    target = tmp_path / "no-such-folder" / "s.json"
    window.save_session_file(target)
    assert not target.exists()
    assert message_boxes and "Cannot save" in message_boxes[0][0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_opening_a_fifo_is_refused_at_once_and_the_window_stays_live(
    window, tmp_path, message_boxes, monkeypatch
):
    """File → Open on a FIFO: reading one blocks until a writer comes, freezing the window. A
    watchdog opens a writer after a long wait, so a failure fails here rather than hangs."""
    fifo = tmp_path / "session.losslab.json"
    os.mkfifo(fifo)
    released = []

    def release():
        released.append(True)
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    watchdog = threading.Timer(30, release)
    watchdog.start()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(fifo), ""))
    window.findChild(QDoubleSpinBox, "logitSpin2").setValue(-1.5)
    before, depth = window.state, window.undo_stack.count()
    try:
        window.findChild(QAction, "actionOpen").trigger()
    finally:
        watchdog.cancel()
    assert released == [], "opening the FIFO blocked"
    assert window.state == before and window.undo_stack.count() == depth
    assert len(message_boxes) == 1 and "named pipe" in message_boxes[0][1]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_session_with_a_byte_order_mark_opens(window, tmp_path, message_boxes):
    path = tmp_path / "bom.losslab.json"
    state = AppState().with_logits([0.5, -1.0, 2.0]).with_class_name(1, "虎")
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(state.to_dict()).encode("utf-8"))
    assert window.load_session_file(path)
    assert window.state == state and message_boxes == []
    assert window.findChild(QLineEdit, "classNameEdit1").text() == "虎"
