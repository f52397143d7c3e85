"""Lessons (PRODUCT.md F7): scenes as whole states, strict reading, editing, the built-in lesson.

The built-in lesson's numbers are checked against computations written here: softmax and both
gradients from their textbook formulas, and gradient descent on the logits in plain Python.
"""

from __future__ import annotations

import copy
import json
import math
import os
from pathlib import Path

import pytest

from model.lesson import (
    BUILTIN_LESSON,
    MAX_CAPTION,
    MAX_SCENES,
    Lesson,
    Scene,
    add_scene,
    builtin_lesson,
    delete_scene,
    lesson_from_dict,
    lesson_to_dict,
    load_lesson,
    load_session_with_lesson,
    move_scene,
    rename_scene,
    retitle,
    session_from_dict,
    session_to_dict,
    update_scene,
)
from model.session import save_session
from model.state import AppState, StateError

DATA = Path(__file__).resolve().parent / "data"
A = AppState()
B = AppState().with_logits((3.0, 0.0, -1.0)).with_view("surfaces")
C = AppState().with_class_count(5).with_overview(log_grad=True)


def three() -> Lesson:
    return Lesson("Mine", (Scene(A, "one"), Scene(B, "two"), Scene(C, "three")))


def captions(lesson: Lesson) -> list[str]:
    return [s.caption for s in lesson.scenes]


def one_line_error(data: object, *fragments: str) -> str:
    with pytest.raises(StateError) as info:
        lesson_from_dict(data)
    message = str(info.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, message
    return message


# --- JSON ----------------------------------------------------------------------------------
def test_round_trip_keeps_every_scene_exactly() -> None:
    lesson = three()
    data = json.loads(json.dumps(lesson_to_dict(lesson)))
    assert data["format"] == "losslab-lesson" and data["version"] == 1
    assert [s["caption"] for s in data["scenes"]] == ["one", "two", "three"]
    assert data["scenes"][1]["state"] == B.to_dict()  # each scene's state is a session object
    assert lesson_from_dict(data) == lesson


def test_an_empty_lesson_is_allowed() -> None:
    assert lesson_from_dict(lesson_to_dict(Lesson("Empty"))).scenes == ()


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        (lambda d: d.update(format="losslab-session"), ("not a LossLab lesson",)),
        (lambda d: d.update(version=2), ("newer",)),
        (lambda d: d.update(version=True), ("version",)),
        (lambda d: d.update(version=0), ("version",)),
        (lambda d: d.pop("title"), ("title",)),
        (lambda d: d.update(title=""), ("title", "empty")),
        (lambda d: d.update(title="x" * (MAX_CAPTION + 1)), ("title", "at most")),
        (lambda d: d.update(scenes={"a": 1}), ("scenes",)),
        (lambda d: d["scenes"].append([1, 2]), ("scene 4",)),
        (lambda d: d["scenes"][1].pop("caption"), ("scene 2", "caption")),
        (lambda d: d["scenes"][1].update(caption=7), ("scene 2", "caption")),
        (lambda d: d["scenes"][1].update(caption="   "), ("scene 2", "empty")),
        (lambda d: d["scenes"][1].update(caption="x" * 201), ("scene 2", "at most 200")),
        (lambda d: d["scenes"][1].update(caption="two\nlines"), ("scene 2", "printable")),
        (lambda d: d["scenes"][1].update(caption="bell\x07"), ("scene 2", "printable")),
        (lambda d: d["scenes"][1].update(caption="lone \ud800"), ("scene 2", "printable")),
        (lambda d: d["scenes"][2].pop("state"), ("scene 3", "state")),
        (lambda d: d["scenes"][2].update(state=[1]), ("scene 3", "JSON object")),
        (lambda d: d["scenes"][2]["state"].update(logits=[1.0]), ("scene 3", "classes")),
        (lambda d: d["scenes"][2]["state"].update(target=9), ("scene 3", "true class")),
        (lambda d: d["scenes"][0]["state"].update(view="nowhere"), ("scene 1", "view")),
        (lambda d: d["scenes"][0]["state"].update(logits=[1e400, 0, 0]), ("scene 1",)),
    ],
)
def test_bad_lessons_say_what_and_which_scene(change, fragments) -> None:
    data = lesson_to_dict(three())
    change(data)
    one_line_error(data, *fragments)


def test_not_an_object() -> None:
    one_line_error([], "JSON object")


def test_captions_of_any_script_and_any_space_are_fine_up_to_200_characters() -> None:
    for caption in ("交叉熵\u3000均方误差", "a\u00a0b", "x" * MAX_CAPTION, "s_p − 1 ≈ −0.97"):
        data = lesson_to_dict(Lesson("t", (Scene(A, caption),)))
        assert lesson_from_dict(data).scenes[0].caption == caption


def test_at_most_200_scenes() -> None:
    data = lesson_to_dict(Lesson("t", (Scene(A, "s"),) * MAX_SCENES))
    assert len(lesson_from_dict(data).scenes) == MAX_SCENES
    data["scenes"].append(copy.deepcopy(data["scenes"][0]))
    one_line_error(data, "at most 200 scenes")
    with pytest.raises(StateError):
        Lesson("t", (Scene(A, "s"),) * (MAX_SCENES + 1))


def test_scenes_and_lessons_check_themselves() -> None:
    with pytest.raises(StateError):
        Scene(A, "")
    with pytest.raises(StateError):
        Scene({"logits": [1, 2]}, "dict, not a state")  # type: ignore[arg-type]
    with pytest.raises(StateError):
        Lesson("t", [Scene(A, "a list")])  # type: ignore[arg-type]


# --- files ---------------------------------------------------------------------------------
def write(tmp_path: Path, content: bytes | str, name: str = "l.json") -> Path:
    p = tmp_path / name
    p.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return p


def test_load_lesson_takes_a_byte_order_mark(tmp_path: Path) -> None:
    text = json.dumps(lesson_to_dict(three()), ensure_ascii=False)
    assert load_lesson(write(tmp_path, "\ufeff" + text)) == three()


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"\xff\xfe{}", "not UTF-8"),
        ("{", "not valid JSON"),
        ('{"format": "losslab-lesson", "format": "losslab-lesson"}', "twice"),
        ('{"format": NaN}', "NaN"),
        ("[" * 100_000 + "]" * 100_000, "lesson"),
        ('{"format": "losslab-session", "version": 1, "logits": [1, 2]}', "not a LossLab lesson"),
    ],
)
def test_load_lesson_refuses_bad_files(tmp_path: Path, content: bytes | str, fragment: str) -> None:
    with pytest.raises(StateError, match=fragment) as info:
        load_lesson(write(tmp_path, content))
    assert "\n" not in str(info.value)


def test_load_lesson_refuses_more_than_one_megabyte(tmp_path: Path) -> None:
    text = json.dumps(lesson_to_dict(three()))
    p = write(tmp_path, text + " " * (1_000_001 - len(text)))
    with pytest.raises(StateError, match="at most 1 MB"):
        load_lesson(p)
    p.write_text(text + " " * (1_000_000 - len(text)))
    assert load_lesson(p) == three()


def test_load_lesson_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    with pytest.raises(StateError, match="folder"):
        load_lesson(tmp_path)
    with pytest.raises(StateError, match="cannot read"):
        load_lesson(tmp_path / "missing.json")
    with pytest.raises(StateError, match="is a device: a lesson is a plain file"):
        load_lesson("/dev/null")
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    # and it returns: no writer is needed
    with pytest.raises(StateError, match=r"is a named pipe \(FIFO\): a lesson is a plain file"):
        load_lesson(fifo)


# --- in a session --------------------------------------------------------------------------
def test_a_session_carries_its_lesson(tmp_path: Path) -> None:
    lesson = three()
    data = session_to_dict(B, lesson)
    assert {k: v for k, v in data.items() if k != "lesson"} == B.to_dict()
    p = write(tmp_path, json.dumps(data), "s.losslab.json")
    assert load_session_with_lesson(p) == (B, lesson)


def test_a_session_without_a_lesson_still_opens(tmp_path: Path) -> None:
    assert session_to_dict(A, None) == A.to_dict()
    p = tmp_path / "plain.losslab.json"
    save_session(C, p)
    assert load_session_with_lesson(p) == (C, None)
    old = load_session_with_lesson(DATA / "release-0.1.0.losslab.json")  # written by 0.1.0
    assert old[1] is None and old[0].k >= 2


def test_a_bad_lesson_in_a_session_says_so() -> None:
    data = session_to_dict(A, three())
    data["lesson"]["scenes"][1]["caption"] = ""
    with pytest.raises(StateError, match="the session's lesson: scene 2"):
        session_from_dict(data)
    with pytest.raises(StateError):  # a bad state is still the state's error
        session_from_dict({"lesson": None})


# --- editing -------------------------------------------------------------------------------
def test_editing_returns_new_lessons_and_leaves_the_old_one() -> None:
    lesson = three()
    before = lesson_to_dict(lesson)
    added = add_scene(lesson, AppState().with_view("simplex"), "four")
    assert captions(added) == ["one", "two", "three", "four"]
    assert added.scenes[3].state.view == "simplex"
    assert captions(add_scene(lesson, A, "zero", at=0)) == ["zero", "one", "two", "three"]
    assert captions(add_scene(lesson, A, "mid", at=2)) == ["one", "two", "mid", "three"]
    assert captions(move_scene(lesson, 0, 2)) == ["two", "three", "one"]
    assert captions(move_scene(lesson, 2, 0)) == ["three", "one", "two"]
    assert captions(move_scene(lesson, -1, 1)) == ["one", "three", "two"]
    renamed = rename_scene(lesson, 1, "deux")
    assert captions(renamed) == ["one", "deux", "three"] and renamed.scenes[1].state == B
    updated = update_scene(lesson, 1, C)
    assert captions(updated) == captions(lesson) and updated.scenes[1].state == C
    assert captions(delete_scene(lesson, 1)) == ["one", "three"]
    assert captions(delete_scene(delete_scene(delete_scene(lesson, 0), 0), 0)) == []
    assert retitle(lesson, "Yours").title == "Yours"
    assert lesson_to_dict(lesson) == before


def test_editing_checks_its_input() -> None:
    lesson = three()
    for bad in (
        lambda: move_scene(lesson, 3, 0),
        lambda: delete_scene(lesson, -4),
        lambda: rename_scene(Lesson("t"), 0, "x"),
        lambda: add_scene(lesson, A, "x", 4),
    ):
        with pytest.raises(IndexError):
            bad()
    for bad_caption in ("", "x" * 201, "tab\there"):
        with pytest.raises(StateError):
            rename_scene(lesson, 0, bad_caption)
        with pytest.raises(StateError):
            add_scene(lesson, A, bad_caption)
    with pytest.raises(StateError):
        retitle(lesson, "")
    full = Lesson("t", (Scene(A, "s"),) * MAX_SCENES)
    with pytest.raises(StateError, match="at most 200"):
        add_scene(full, A, "one too many")


# --- the built-in lesson -------------------------------------------------------------------
def softmax(z: list[float]) -> list[float]:
    m = max(z)
    e = [math.exp(v - m) for v in z]
    total = math.fsum(e)
    return [v / total for v in e]


def mse_grad_p(z: list[float], p: int) -> float:
    """dL/dz_p of L = sum_k (s_k - y_k)^2, by the chain rule through every s_k."""
    s = softmax(z)
    y = [1.0 if k == p else 0.0 for k in range(len(z))]
    return math.fsum(2 * (s[k] - y[k]) * s[k] * ((k == p) - s[p]) for k in range(len(z)))


def steps_to(z0: list[float], loss: str, lr: float, most: int, p: int, goal: float) -> int | None:
    z = list(z0)
    for t in range(most + 1):
        s = softmax(z)
        if s[p] >= goal:
            return t
        y = [1.0 if k == p else 0.0 for k in range(len(z))]
        if loss == "ce":
            g = [s[k] - y[k] for k in range(len(z))]
        else:
            c = math.fsum(s[k] * (s[k] - y[k]) for k in range(len(z)))
            g = [2 * s[j] * (s[j] - y[j] - c) for j in range(len(z))]
        z = [z[k] - lr * g[k] for k in range(len(z))]
    return None


@pytest.fixture(scope="module")
def article() -> tuple[Lesson, dict]:
    return builtin_lesson(), json.loads(BUILTIN_LESSON.read_text("utf-8"))


def test_the_built_in_lesson_walks_both_arguments_in_order(article) -> None:
    lesson, raw = article
    assert lesson.title == "The article: why cross-entropy beats MSE"
    scenes = lesson.scenes
    assert len(scenes) >= 8
    assert all(len(s.caption) <= 70 for s in scenes)
    assert all(s.state.classes == ("cat", "tiger", "dog") and s.state.target == 0 for s in scenes)
    setup, simplex, factor, ce, vanishing, barely, race, one_path = scenes[:8]

    assert setup.state == AppState()  # the set-up is the default state
    assert simplex.state.view == "simplex"
    assert softmax(list(simplex.state.logits)) == pytest.approx([0.8, 0.1, 0.1], abs=1e-15)
    for scene in (factor, ce, vanishing, one_path):
        assert scene.state.view == "overview"
    assert factor.state.overview.x_axis == "s" and ce.state.overview.x_axis == "s"
    assert vanishing.state.overview.log_grad
    assert vanishing.state.logits == (-4.0, 4.0, 0.0)

    assert barely.state.view == "surfaces" and barely.state.surface.log_colours
    z = list(barely.state.logits)  # the current point lies in the "barely learns" region
    assert softmax(z)[0] < 0.5
    assert abs(mse_grad_p(z, 0)) < barely.state.surface.slow_threshold

    assert race.state.view == "race" and race.state.logits == (-8.0, 4.0, 0.0)
    settings = raw["scenes"][6]["state"]["race"]
    assert settings["step"] == settings["max_steps"] == 10_000
    assert settings["log_step"] and settings["log_loss"] and settings["linked"]
    z = list(race.state.logits)
    ce_steps = steps_to(z, "ce", settings["lr_ce"], 10_000, 0, settings["target_probability"])
    mse_steps = steps_to(z, "mse", settings["lr_mse"], 10_000, 0, settings["target_probability"])
    assert (ce_steps, mse_steps) == (14, 9825)
    assert f"CE needs {ce_steps} steps, MSE {mse_steps:,}" in race.caption

    # one competitor with nearly all the wrong mass: the exact gradient is ~2x the article's
    s = softmax(list(one_path.state.logits))
    article_term = -2 * s[0] * (1 - s[0]) ** 2
    assert mse_grad_p(list(one_path.state.logits), 0) / article_term > 1.9


def test_the_built_in_lesson_file_is_what_the_model_writes(article) -> None:
    lesson, raw = article
    written = lesson_to_dict(lesson)
    for data in (raw, written):  # the race's settings: kept by the state once it has them
        for scene in data["scenes"]:
            scene["state"].pop("race", None)
    assert written == raw
