"""Lecture mode in the window: the projector profile, clicker-safe scene keys, the blank screen,
Esc out of full screen, reduce motion, the export's backgrounds and the shortcut list."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QImage, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QPushButton,
    QSlider,
    QTabWidget,
    QWidget,
)

from gui import palette, theme
from gui.app import restore_and_show
from gui.main_window import REDUCE_MOTION_KEY
from model.state import AppState
from tests.gui.conftest import find, run_fresh

MAIN = Path(__file__).resolve().parents[2] / "main.py"
K = Qt.Key


def menu(window, title: str):
    return next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == title)


def opaque(colour: str) -> tuple[int, int, int, int]:
    """ "#RRGGBB" as the (r, g, b, alpha) a PNG pixel reads."""
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16), 255)


def lecture(window) -> QAction:
    return find(window, QAction, "actionLectureMode")


def start_lesson(window) -> None:
    find(window, QAction, "actionStartLesson").trigger()
    QApplication.processEvents()


def scene_state(window, index: int) -> AppState:
    assert window.lesson is not None
    return window.lesson.scenes[index].state


def press(widget: QWidget, key: Qt.Key, text: str = "") -> None:
    """A key pressed with ``widget`` focused, delivered as a real one is (shortcut first)."""
    widget.setFocus()
    QApplication.processEvents()
    assert widget.hasFocus()
    QTest.keyClick(widget, key)
    QApplication.processEvents()


@pytest.fixture
def lecturing(window):
    lecture(window).setChecked(True)
    QApplication.processEvents()
    yield window
    lecture(window).setChecked(False)


# --- the mode ------------------------------------------------------------------------------------
def test_ctrl_l_switches_to_the_projector_profile_and_back(window):
    act = lecture(window)
    assert act.isCheckable() and not act.isChecked()
    assert act.shortcut() == QKeySequence("Ctrl+L")
    view_menu = menu(window, "View")
    assert act in view_menu.actions()
    assert theme.current().name == "dark"
    window.activateWindow()
    QTest.keyClick(window, K.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert act.isChecked() and theme.current().name == "projector"
    # The plot text follows the window's height (1/50 of it, PRODUCT.md), here and on a resize.
    assert theme.font_px() == palette.plot_font_px(palette.PROJECTOR, window.height())
    assert theme.font_px() >= window.height() / 50
    window.resize(1600, 1150)
    QApplication.processEvents()
    assert window.height() == 1150
    assert theme.font_px() == palette.plot_font_px(palette.PROJECTOR, 1150) >= 23
    QTest.keyClick(window, K.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not act.isChecked() and theme.current().name == "dark"


def test_closing_a_window_in_lecture_mode_leaves_the_everyday_look(qtbot):
    from gui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.set_lecture_mode(True)
    assert theme.current().name == "projector"
    w.close()
    assert theme.current().name == "dark"


# --- scene keys ----------------------------------------------------------------------------------
def test_outside_lecture_mode_pagedown_on_a_spin_box_is_the_next_scene_not_ten_steps(window):
    start_lesson(window)
    spin = find(window, QDoubleSpinBox, "logitSpin0")
    press(spin, K.Key_PageDown)
    assert window.scene_index == 1
    assert window.state == scene_state(window, 1)  # the spin box did not step as well
    press(spin, K.Key_PageUp)
    assert window.scene_index == 0 and window.state == scene_state(window, 0)
    # The arrows are the spin box's own outside lecture mode: → moves the text cursor only.
    press(spin, K.Key_Right)
    assert window.scene_index == 0 and window.state == scene_state(window, 0)


@pytest.mark.parametrize(
    ("cls", "name"),
    [
        (QDoubleSpinBox, "logitSpin0"),
        (QSlider, "logitSlider0"),
        (QComboBox, "targetCombo"),
        (QLineEdit, "classNameEdit0"),
    ],
)
def test_in_lecture_mode_scene_keys_move_scenes_whatever_has_the_focus(lecturing, cls, name):
    window = lecturing
    start_lesson(window)
    widget = find(window, cls, name)
    for key, index in (
        (K.Key_PageDown, 1),
        (K.Key_Right, 2),
        (K.Key_PageUp, 1),
        (K.Key_Left, 0),
        (K.Key_Right, 1),
    ):
        press(widget, key)
        assert window.scene_index == index, key
        assert window.state == scene_state(window, index), key  # no logit changed by the key


def test_in_lecture_mode_without_a_lesson_pagedown_changes_no_logit(lecturing):
    spin = find(lecturing, QDoubleSpinBox, "logitSpin1")
    before = lecturing.state
    for key in (K.Key_PageDown, K.Key_PageUp, K.Key_Right, K.Key_Left):
        press(spin, key)
    assert lecturing.state == before
    assert lecturing.undo_stack.count() == 0


# --- the blank screen ----------------------------------------------------------------------------
def pixel(window, overlay: QWidget) -> tuple[int, int, int]:
    image = window.grab().toImage()
    c = image.pixelColor(overlay.width() // 2, overlay.height() // 2)
    return c.red(), c.green(), c.blue()


@pytest.mark.parametrize(
    ("key", "colour"), [(K.Key_B, (0, 0, 0)), (K.Key_Period, (0, 0, 0)), (K.Key_W, (255,) * 3)]
)
def test_b_dot_and_w_blank_the_window_and_any_key_returns(lecturing, key, colour):
    window = lecturing
    start_lesson(window)
    overlay = find(window, QWidget, "blankOverlay")
    assert not overlay.isVisible()
    spin = find(window, QDoubleSpinBox, "logitSpin0")
    views = find(window, QTabWidget, "viewTabs")
    before = views.grab().toImage()
    press(spin, key)
    assert overlay.isVisible()
    assert overlay.geometry() == window.rect()  # the whole window, menus and docks included
    assert pixel(window, overlay) == colour
    assert window.state == scene_state(window, 0)
    # The key that returns does nothing else: PageDown here is not the next scene.
    press(spin, K.Key_PageDown)
    assert not overlay.isVisible()
    assert window.scene_index == 0 and window.state == scene_state(window, 0)
    assert views.grab().toImage() == before  # the plots are back as they were


def test_the_blank_screen_follows_a_resize_and_a_click_returns(lecturing, qtbot):
    window = lecturing
    press(find(window, QTabWidget, "viewTabs"), K.Key_B)
    overlay = find(window, QWidget, "blankOverlay")
    window.resize(1400, 900)
    QApplication.processEvents()
    assert overlay.geometry() == window.rect()
    qtbot.mouseClick(overlay, Qt.MouseButton.LeftButton)
    assert not overlay.isVisible()


def test_outside_lecture_mode_b_types_and_blanks_nothing(window):
    edit = find(window, QLineEdit, "classNameEdit0")
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, "b.w")
    QApplication.processEvents()
    assert edit.text() == "b.w"
    assert not find(window, QWidget, "blankOverlay").isVisible()


def test_in_lecture_mode_a_text_field_still_types_letters(lecturing):
    edit = find(lecturing, QLineEdit, "classNameEdit0")
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, "bw.")
    assert edit.text() == "bw."
    assert not find(lecturing, QWidget, "blankOverlay").isVisible()


def test_lecture_mode_off_hides_the_blank_screen_and_lets_b_type(lecturing):
    press(find(lecturing, QTabWidget, "viewTabs"), K.Key_W)
    overlay = find(lecturing, QWidget, "blankOverlay")
    assert overlay.isVisible()
    lecturing.set_lecture_mode(False)
    assert not overlay.isVisible()
    spin = find(lecturing, QDoubleSpinBox, "logitSpin0")
    press(spin, K.Key_B)
    assert not overlay.isVisible()


# --- full screen ---------------------------------------------------------------------------------
@pytest.mark.parametrize("focus", ["viewTabs", "logitSpin0"])
def test_esc_leaves_full_screen_and_only_then_is_taken(window, focus):
    full = find(window, QAction, "actionFullScreen")
    assert full.shortcut() == QKeySequence("F11")
    widget = find(window, QWidget, focus)
    full.trigger()
    QApplication.processEvents()
    assert window.isFullScreen()
    press(widget, K.Key_Escape)
    assert not window.isFullScreen()
    leave = find(window, QAction, "actionLeaveFullScreen")
    assert not leave.isEnabled()  # Esc is the widgets' own again


# --- animations ----------------------------------------------------------------------------------
@pytest.mark.parametrize("view", ["race", "train"])
def test_animations_start_paused_with_speeds_a_quarter_to_four(window, qtbot, view):
    find(window, QAction, "actionPreset_confidently_wrong").trigger()
    find(window, QTabWidget, "viewTabs").setCurrentWidget(find(window, QWidget, f"{view}View"))
    QApplication.processEvents()
    speeds = find(window, QComboBox, f"{view}SpeedCombo")
    offered = [speeds.itemData(i) for i in range(speeds.count())]
    assert [float(s) for s in offered if s != "log"] == [0.25, 0.5, 1.0, 2.0, 4.0]
    assert speeds.currentData() == "1"
    assert "Play" in find(window, QPushButton, f"{view}PlayButton").text()
    qtbot.wait(200)  # a playing clock would have moved on by now
    assert window.state.race.step == 0 and window.state.train.epoch == 0


@pytest.mark.parametrize("view", ["race", "train"])
def test_reduce_motion_jumps_to_the_end_in_one_undoable_step(window, view):
    act = find(window, QAction, "actionReduceMotion")
    assert act.isCheckable() and not act.isChecked()
    view_menu = menu(window, "View")
    assert act in view_menu.actions()
    try:
        act.setChecked(True)
        assert QSettings().value(REDUCE_MOTION_KEY, type=bool) is True
        find(window, QAction, "actionPreset_confidently_wrong").trigger()
        tabs = find(window, QTabWidget, "viewTabs")
        tabs.setCurrentWidget(find(window, QWidget, f"{view}View"))
        QApplication.processEvents()
        before = window.state
        entries = window.undo_stack.count()
        find(window, QPushButton, f"{view}PlayButton").click()
        QApplication.processEvents()
        if view == "race":
            assert window.state.race.step == window.state.race.max_steps > 0
        else:
            assert window.state.train.epoch == window.state.train.max_epochs > 0
        assert window.undo_stack.count() == entries + 1
        assert "Play" in find(window, QPushButton, f"{view}PlayButton").text()  # not playing
        window.undo_stack.undo()
        assert window.state == before
    finally:
        act.setChecked(False)
    assert QSettings().value(REDUCE_MOTION_KEY, type=bool) is False


def test_reduce_motion_is_restored_at_launch_not_by_a_bare_window(qtbot):
    from gui.main_window import MainWindow

    settings = QSettings()
    settings.setValue(REDUCE_MOTION_KEY, True)
    try:
        bare = MainWindow()
        qtbot.addWidget(bare)
        assert not find(bare, QAction, "actionReduceMotion").isChecked()
        launched = restore_and_show(AppState(), None)
        qtbot.addWidget(launched)
        assert find(launched, QAction, "actionReduceMotion").isChecked()
    finally:
        settings.setValue(REDUCE_MOTION_KEY, False)
        settings.remove("lastSession")


# --- export --------------------------------------------------------------------------------------
def corners(path: Path) -> list[tuple[int, int, int, int]]:
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_ARGB32)
    w, h = image.width() - 1, image.height() - 1
    out = []
    for x, y in ((0, 0), (w, 0), (0, h), (w, h)):
        c = image.pixelColor(x, y)
        out.append((c.red(), c.green(), c.blue(), c.alpha()))
    return out


def test_a_transparent_png_has_clear_corners(window, tmp_path, message_boxes):
    path = tmp_path / "view.png"
    window.export(path, background="transparent")
    assert [c[3] for c in corners(path)] == [0, 0, 0, 0]
    # ... and the plots' own backgrounds are back as they were.
    again = tmp_path / "again.png"
    window.export(again)
    assert corners(again) == [opaque(theme.current().background)] * 4
    assert message_boxes == []


def test_a_white_png_has_white_corners_and_one_plot_too(window, tmp_path, message_boxes):
    path = tmp_path / "view.png"
    window.export(path, scale=2, background="white")
    assert corners(path) == [(255, 255, 255, 255)] * 4
    one = tmp_path / "one.png"
    window.export(one, plot_name="probBarsPlot", background="white")
    assert corners(one) == [(255, 255, 255, 255)] * 4
    assert message_boxes == []


def test_an_svg_export_parses_and_has_no_menu_text(window, tmp_path, message_boxes):
    path = tmp_path / "view.svg"
    window.export(path, background="white")
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = " ".join(t.strip() for t in root.itertext() if t.strip())
    words = set(text.replace(",", " ").split())
    for menu in ("File", "Edit", "View", "Presets", "Lesson", "Help", "Overview", "Surfaces"):
        assert menu not in words, menu


def test_the_export_dialog_offers_the_three_backgrounds(
    window, monkeypatch, tmp_path, message_boxes
):
    from PySide6.QtWidgets import QDialog, QFileDialog

    seen: dict[str, list[str]] = {}

    def run(dlg: QDialog) -> int:
        combo = dlg.findChild(QComboBox, "exportBackgroundCombo")
        assert combo is not None
        seen["offered"] = [combo.itemData(i) for i in range(combo.count())]
        combo.setCurrentIndex(combo.findData("transparent"))
        return QDialog.DialogCode.Accepted

    path = tmp_path / "dialog.png"
    monkeypatch.setattr(QDialog, "exec", run)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    window.export_dialog()
    assert seen["offered"] == ["theme", "white", "transparent"]
    assert message_boxes == []
    assert [c[3] for c in corners(path)] == [0, 0, 0, 0]


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(MAIN), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_command_line_transparent_and_lecture_exports(tmp_path):
    clear = tmp_path / "x.png"
    proc = run("--export", clear, "--background", "transparent", "--size", "1280x800")
    assert proc.returncode == 0, proc.stderr
    assert [c[3] for c in corners(clear)] == [0, 0, 0, 0]
    projector = tmp_path / "lecture.png"
    proc = run("--export", projector, "--lecture", "--size", "1280x800")
    assert proc.returncode == 0, proc.stderr
    assert corners(projector) == [opaque(palette.PROJECTOR.background)] * 4


@pytest.mark.parametrize("view", ["surfaces", "simplex"])
def test_a_lecture_export_of_every_plot_view_exits_cleanly(tmp_path, view):
    """The window is gone before Python shuts down: left to the application's teardown, the
    surfaces' and the simplex's items were deleted after it had begun, and the process crashed
    (exit -11) once the file was written."""
    out = tmp_path / f"{view}.png"
    proc = run("--export", out, "--view", view, "--lecture", "--size", "1280x800")
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-500:])
    assert corners(out) == [opaque(palette.PROJECTOR.background)] * 4


@pytest.mark.parametrize(
    "args", [["--background", "pink"], ["--background", "white"]], ids=["bad value", "no export"]
)
def test_bad_background_is_one_line_and_exit_2(tmp_path, args):
    proc = run(*args, *(["--export", tmp_path / "x.png"] if "pink" in args else []))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.splitlines()) == 1 and "--background" in proc.stderr
    assert list(tmp_path.iterdir()) == []


# --- the shortcut list ---------------------------------------------------------------------------
def test_the_shortcut_list_has_every_actions_shortcut_and_the_lecture_keys(window, message_boxes):
    find(window, QAction, "actionShortcuts").trigger()
    assert len(message_boxes) == 1
    title, text = message_boxes[0]
    assert title == "Keyboard shortcuts"
    with_keys = [a for a in window.findChildren(QAction) if not a.shortcut().isEmpty()]
    assert len(with_keys) >= 15
    for act in with_keys:
        keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert f"<b>{keys}" in text, act.objectName()
        assert act.text().replace("&", "") in text, act.objectName()
    for keys in ("Ctrl+L", "F11", "Esc", "PgDown", "→", "←", "B, .", "W"):
        assert keys in text, keys


def test_the_launched_app_with_lecture_is_in_lecture_mode(tmp_path):
    code = """
        from PySide6.QtWidgets import QApplication
        import gui.app
        import main
        from gui import theme

        seen = {}
        real = gui.app.restore_and_show

        def probe(*args):
            window = real(*args)
            seen["window"] = window
            return window

        def exec_(*_args):  # the event loop: look, then return at once
            window = seen["window"]
            action = window.findChild(gui.app.QObject, "actionLectureMode")
            print(action.isChecked(), theme.current().name)
            return 0

        gui.app.restore_and_show = probe
        QApplication.exec = exec_
        print(main.main(["--lecture"]))
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    assert run_fresh(code, env).splitlines() == ["True projector", "0"]


def test_in_lecture_mode_arrows_move_the_caret_in_a_name_being_typed(lecturing):
    """← and → are scene keys for a clicker that sends them, but not while a class name is
    being typed: there they move the caret, and after Enter they step the scenes again."""
    window = lecturing
    start_lesson(window)
    edit = find(window, QLineEdit, "classNameEdit0")
    edit.setFocus()
    QApplication.processEvents()
    edit.selectAll()
    QTest.keyClicks(edit, "lion")
    assert edit.isModified()
    for key in (K.Key_Left, K.Key_Left, K.Key_Right):
        QTest.keyClick(edit, key)
        QApplication.processEvents()
    assert edit.cursorPosition() == 3
    assert window.scene_index == 0
    QTest.keyClicks(edit, "s")
    assert edit.text() == "lios" + "n"
    QTest.keyClick(edit, K.Key_Return)  # committed: the class is renamed, and → is a scene key
    QApplication.processEvents()
    assert window.state.classes[0] == "liosn"
    press(edit, K.Key_Right)
    assert window.scene_index == 1
