"""Application set-up for a real launch: identity, icon, error dialogs, and the last session."""

from __future__ import annotations

import json
import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QByteArray, QCoreApplication, QObject, QSettings, Qt, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.i18n import tr
from gui.main_window import DEFAULT_SIZE, REDUCE_MOTION_KEY, MainWindow
from model.jsonfile import parse_json_text
from model.lesson import Lesson, session_from_dict, session_to_dict
from model.state import AppState, StateError

log = logging.getLogger("losslab")
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


_showing_error = False


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """An exception in any slot is logged and shown; the app keeps running."""
    global _showing_error
    text = "".join(traceback.format_exception(kind, exc, tb))
    log.error("unhandled exception\n%s", text)
    # One dialog at a time: a slot that fails on every repaint must not stack them up (the
    # dialog's own event loop runs those repaints); the log has every one.
    if QApplication.instance() is None or _showing_error:
        return
    _showing_error = True
    try:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "LossLab",
            tr("Something went wrong: %1").replace("%1", str(exc) or kind.__name__),
            parent=QApplication.activeWindow(),
        )
        box.setInformativeText(tr("LossLab keeps running; the details are in the log."))
        box.setDetailedText(text)
        box.exec()
    finally:
        _showing_error = False


def install_error_handling() -> None:
    """Route every uncaught exception (PySide6 reports a failing slot's through
    sys.excepthook) to the log and a dialog, instead of a line on stderr no one reads."""
    sys.excepthook = _excepthook


def set_attributes() -> None:
    """Application attributes that Qt reads only before the QApplication exists."""
    # Every 3D view's OpenGL context shares with the others: without it the second GLViewWidget
    # of a run draws black (its shaders belong to the first one's context: GLError 1281).
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


def create_app() -> QApplication:
    QApplication.setOrganizationName("LossLab")
    QApplication.setApplicationName("LossLab")
    set_attributes()
    app = QApplication([sys.argv[0]])
    # Fusion draws with the palette it is given, on any desktop: the profiles' contrast
    # figures then hold for every control (a platform theme would pick its own colours).
    app.setStyle("Fusion")
    icon = RESOURCES / "losslab.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    install_error_handling()
    return app


def application() -> QApplication:
    """The running application, or a new one set up by ``create_app``."""
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else create_app()


def restore_and_show(
    state: AppState | None, view: str | None, lesson: Lesson | None = None
) -> MainWindow:
    """Show the window with the given state (and the lesson of its session), or the last
    session, its lesson and the layout (QSettings)."""
    settings = QSettings()
    if state is None:
        saved = settings.value("lastSession")
        if isinstance(saved, str):
            try:
                state, lesson = session_from_dict(parse_json_text(saved, "session"))
            except StateError as exc:  # a stale or damaged entry: start fresh, say why
                log.warning("last session not restored: %s", exc)
    if view:
        state = (state or AppState()).with_view(view)
    window = MainWindow(state)  # sized to fit its screen's available area
    if lesson is not None:
        window.set_lesson(lesson, show=False)
    window.set_reduce_motion(bool(settings.value(REDUCE_MOTION_KEY, False, type=bool)))
    geometry, layout = settings.value("geometry"), settings.value("windowState")
    restored = isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)
    if isinstance(layout, QByteArray):
        window.restoreState(layout)
    if not restored and window.size() != DEFAULT_SIZE:
        # A screen smaller than the default: maximized, the window manager fits the frame
        # (title bar, borders) in too, which the size alone cannot know before the window maps.
        window.showMaximized()
    else:
        window.show()

    # A child of the window: Qt drops the connection when the window goes, never a dangling call.
    saver = _SessionSaver(window, settings)
    QApplication.instance().aboutToQuit.connect(saver.remember)  # type: ignore[union-attr]
    return window


class _SessionSaver(QObject):
    """Writes the last session and the window layout when the application quits."""

    def __init__(self, window: MainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings

    @Slot()
    def remember(self) -> None:
        w = self._window
        self._settings.setValue("lastSession", json.dumps(session_to_dict(w.state, w.lesson)))
        self._settings.setValue("geometry", w.saveGeometry())
        self._settings.setValue("windowState", w.saveState())
