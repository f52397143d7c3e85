"""Lessons: ordered scenes, each a whole state with a short caption (PRODUCT.md F7).

A scene is a state, which already holds every view setting, so stepping to a scene is one
state replacement. A lesson is data: read and written as JSON, a standalone file (the built-in
one in resources/lessons/) or the optional ``"lesson"`` key of a session file, where each scene's
``"state"`` is a session object read by ``model.session.state_from_dict``. Reading is strict,
with a one-line StateError saying which scene is wrong. The editing helpers return new lessons.
"""

from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from model.jsonfile import read_json_file, write_text_atomic
from model.session import state_from_dict
from model.state import AppState, StateError

LESSON_FORMAT = "losslab-lesson"
LESSON_VERSION = 1
MAX_SCENES = 200
MAX_CAPTION = 200
# Control characters, lone surrogates, unassigned code points, line and paragraph separators;
# spaces of every kind stay allowed (a Chinese caption may hold an ideographic space).
_NOT_PRINTABLE = frozenset(("Cc", "Cs", "Cn", "Co", "Zl", "Zp"))
BUILTIN_LESSON = Path(__file__).resolve().parent.parent / "resources" / "lessons" / "article.json"


def check_caption(text: Any, what: str = "a caption") -> str:
    """``text`` if it is one line of 1…200 printable characters, else StateError."""
    if not isinstance(text, str):
        raise StateError(f"{what} must be text, got {text!r}")
    if not text.strip():
        raise StateError(f"{what} must not be empty")
    if len(text) > MAX_CAPTION:
        raise StateError(f"{what} must be at most {MAX_CAPTION} characters, got {len(text)}")
    if any(unicodedata.category(c) in _NOT_PRINTABLE for c in text):
        raise StateError(f"{what} must be one line of printable characters")
    return text


@dataclass(frozen=True)
class Scene:
    state: AppState
    caption: str

    def __post_init__(self) -> None:
        if not isinstance(self.state, AppState):
            raise StateError(f"a scene's state must be an AppState, got {type(self.state)}")
        check_caption(self.caption)


@dataclass(frozen=True)
class Lesson:
    title: str
    scenes: tuple[Scene, ...] = ()

    def __post_init__(self) -> None:
        check_caption(self.title, "a lesson's title")
        if not isinstance(self.scenes, tuple) or not all(isinstance(s, Scene) for s in self.scenes):
            raise StateError("a lesson's scenes must be a tuple of scenes")
        if len(self.scenes) > MAX_SCENES:
            raise StateError(f"a lesson has at most {MAX_SCENES} scenes, got {len(self.scenes)}")

    def __len__(self) -> int:
        return len(self.scenes)


# --- as JSON -------------------------------------------------------------------------------
def lesson_to_dict(lesson: Lesson) -> dict[str, Any]:
    return {
        "format": LESSON_FORMAT,
        "version": LESSON_VERSION,
        "title": lesson.title,
        "scenes": [{"caption": s.caption, "state": s.state.to_dict()} for s in lesson.scenes],
    }


def lesson_from_dict(data: Any) -> Lesson:
    """A lesson from its JSON object, or StateError saying what (and which scene) is wrong."""
    if not isinstance(data, dict):
        raise StateError("a lesson must be a JSON object")
    if data.get("format") != LESSON_FORMAT:
        raise StateError(f'not a LossLab lesson (expected "format": "{LESSON_FORMAT}")')
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise StateError(f"the lesson's version must be an integer, got {version!r}")
    if version > LESSON_VERSION:
        raise StateError(
            f"this lesson was written by a newer LossLab (version {version}); "
            f"this one reads version {LESSON_VERSION}"
        )
    if version < 1:
        raise StateError(f"unknown lesson version {version}")
    title = check_caption(data.get("title"), "the lesson's title")
    scenes_data = data.get("scenes")
    if not isinstance(scenes_data, list):
        raise StateError('a lesson needs "scenes": a list of scenes')
    if len(scenes_data) > MAX_SCENES:
        raise StateError(f"a lesson has at most {MAX_SCENES} scenes, got {len(scenes_data)}")
    scenes = []
    for number, item in enumerate(scenes_data, start=1):
        try:
            if not isinstance(item, dict):
                raise StateError('a scene must be an object with "caption" and "state"')
            caption = check_caption(item.get("caption"), "its caption")
            if "state" not in item:
                raise StateError('a scene needs "state": a session object')
            scenes.append(Scene(state_from_dict(item["state"]), caption))
        except StateError as exc:
            raise StateError(f"scene {number}: {exc}") from None
    return Lesson(title, tuple(scenes))


def load_lesson(path: str | os.PathLike[str]) -> Lesson:
    """A lesson file, read under the session files' rules (model/jsonfile.py)."""
    return lesson_from_dict(read_json_file(path, "lesson"))


def builtin_lesson() -> Lesson:
    """The built-in lesson, "The article: why cross-entropy beats MSE" (English captions)."""
    return load_lesson(BUILTIN_LESSON)


# --- in a session file ---------------------------------------------------------------------
def session_to_dict(state: AppState, lesson: Lesson | None) -> dict[str, Any]:
    """A session's JSON object, with the lesson (if any) under the optional "lesson" key."""
    data = state.to_dict()
    if lesson is not None:
        data["lesson"] = lesson_to_dict(lesson)
    return data


def session_from_dict(data: Any) -> tuple[AppState, Lesson | None]:
    """The state and the lesson (None for a session without one, as every earlier file is)."""
    state = state_from_dict(data)
    lesson_data = data.get("lesson")  # state_from_dict has checked that data is an object
    if lesson_data is None:
        return state, None
    try:
        return state, lesson_from_dict(lesson_data)
    except StateError as exc:
        raise StateError(f"the session's lesson: {exc}") from None


def load_session_with_lesson(path: str | os.PathLike[str]) -> tuple[AppState, Lesson | None]:
    return session_from_dict(read_json_file(path, "session"))


def save_session_with_lesson(
    state: AppState, lesson: Lesson | None, path: str | os.PathLike[str]
) -> Path:
    """Write the session (and its lesson) atomically; returns the file written."""
    text = json.dumps(session_to_dict(state, lesson), indent=2, ensure_ascii=False) + "\n"
    return write_text_atomic(path, text)


# --- editing: each returns a new lesson ----------------------------------------------------
def _index(lesson: Lesson, index: int) -> int:
    n = len(lesson.scenes)
    if not -n <= index < n:
        raise IndexError(f"no scene {index} in a lesson of {n}")
    return index % n


def add_scene(lesson: Lesson, state: AppState, caption: str, at: int | None = None) -> Lesson:
    """The lesson with a new scene inserted before position ``at`` (default: at the end)."""
    n = len(lesson.scenes)
    at = n if at is None else at
    if not 0 <= at <= n:
        raise IndexError(f"cannot insert a scene at {at} in a lesson of {n}")
    scenes = list(lesson.scenes)
    scenes.insert(at, Scene(state, caption))
    return replace(lesson, scenes=tuple(scenes))


def move_scene(lesson: Lesson, index: int, to: int) -> Lesson:
    """The lesson with scene ``index`` moved to position ``to`` (both 0-based)."""
    i, j = _index(lesson, index), _index(lesson, to)
    scenes = list(lesson.scenes)
    scenes.insert(j, scenes.pop(i))
    return replace(lesson, scenes=tuple(scenes))


def rename_scene(lesson: Lesson, index: int, caption: str) -> Lesson:
    i = _index(lesson, index)
    scenes = list(lesson.scenes)
    scenes[i] = replace(scenes[i], caption=caption)
    return replace(lesson, scenes=tuple(scenes))


def update_scene(lesson: Lesson, index: int, state: AppState) -> Lesson:
    """The lesson with scene ``index`` showing ``state`` (its caption kept)."""
    i = _index(lesson, index)
    scenes = list(lesson.scenes)
    scenes[i] = replace(scenes[i], state=state)
    return replace(lesson, scenes=tuple(scenes))


def delete_scene(lesson: Lesson, index: int) -> Lesson:
    i = _index(lesson, index)
    return replace(lesson, scenes=lesson.scenes[:i] + lesson.scenes[i + 1 :])


def retitle(lesson: Lesson, title: str) -> Lesson:
    return replace(lesson, title=title)
