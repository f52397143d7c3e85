"""Lecture mode's keys: clicker-safe scene keys and a blanked screen.

A presenter's clicker sends PageDown/PageUp (some send → and ←) and B or "." to blank the
screen. In lecture mode an application-level event filter takes those keys before any widget:
a focused spin box, slider or combo box would otherwise step a logit by ten (PageUp/PageDown)
or move (the arrows), and the key would never reach the scene actions. A class name being
typed keeps ← and → for its caret. Outside lecture mode the filter is not installed and every
key does what it always did.

The filter answers ``ShortcutOverride`` too: accepted there, a key is not taken by a shortcut
and comes back as a ``KeyPress``, which the filter handles and stops.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from gui.i18n import tr

NEXT_KEYS = (Qt.Key.Key_PageDown, Qt.Key.Key_Right)
PREV_KEYS = (Qt.Key.Key_PageUp, Qt.Key.Key_Left)
ARROWS = (Qt.Key.Key_Left, Qt.Key.Key_Right)
BLANK_KEYS = {Qt.Key.Key_B: "black", Qt.Key.Key_Period: "black", Qt.Key.Key_W: "white"}
# A clicker's keys come bare; with Ctrl, Alt or Meta a key is someone's shortcut, left alone.
CHORD = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
KEY_EVENTS = (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)


class BlankOverlay(QWidget):
    """Covers the whole window in black or white until any key or a click."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("blankOverlay")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.colour = "black"
        self.hide()
        window.installEventFilter(self)  # follows the window's size
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(tr("Blank screen"))
        self.setAccessibleDescription(tr("Press any key to return"))

    def blank(self, colour: str) -> None:
        self.colour = colour
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if event.type() == QEvent.Type.Resize and parent is not None and watched is parent:
            self.setGeometry(parent.rect())
        return False

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self.colour))
        painter.end()

    def mousePressEvent(self, _event: QMouseEvent) -> None:
        self.hide()


def _types_text(widget: object) -> bool:
    """A text field, where B, "." and W are letters (a spin box's own line edit is not one)."""
    if isinstance(widget, QLineEdit):
        return not isinstance(widget.parentWidget(), QAbstractSpinBox) and not widget.isReadOnly()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return not widget.isReadOnly()
    return False


def _being_typed(widget: object) -> bool:
    """A text field with typing not yet committed (a class name before Enter): there ← and →
    move the caret; once committed they are scene keys again, for a clicker that sends them."""
    return isinstance(widget, QLineEdit) and _types_text(widget) and widget.isModified()


class LectureKeys(QObject):
    """The application-level filter of lecture mode, for the keys of one window (and its
    resizes: the projector profile's plot text follows the window's height)."""

    def __init__(
        self,
        window: QWidget,
        next_scene: QAction,
        prev_scene: QAction,
        overlay: BlankOverlay,
        resized: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._next = next_scene
        self._prev = prev_scene
        self._overlay = overlay
        self._resized = resized
        self._installed = False

    @property
    def installed(self) -> bool:
        return self._installed

    def install(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None or on == self._installed:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
            self._overlay.hide()
        self._installed = on

    def _ours(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and watched.window() is self._window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is self._window:
            self._resized()
            return False
        if kind not in KEY_EVENTS or not isinstance(event, QKeyEvent) or not self._ours(watched):
            return False
        if self._overlay.isVisible():
            # Any key returns from the blank screen, and does nothing else.
            if kind == QEvent.Type.KeyPress:
                self._overlay.hide()
            event.accept()
            return True
        key = Qt.Key(event.key())
        if event.modifiers() & CHORD:
            return False
        if key in ARROWS and _being_typed(watched):
            return False  # ← and → move the caret in the text being typed
        if key in NEXT_KEYS or key in PREV_KEYS:
            action = self._next if key in NEXT_KEYS else self._prev
        elif key in BLANK_KEYS and not _types_text(watched):
            action = None
        else:
            return False
        event.accept()
        if kind == QEvent.Type.KeyPress:
            if action is not None:
                action.trigger()
            else:
                self._overlay.blank(BLANK_KEYS[key])
        return True
