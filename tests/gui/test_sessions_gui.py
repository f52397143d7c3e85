"""Sessions from the window: save, open, and a bad file that changes nothing."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit

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
