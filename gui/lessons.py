"""Lessons in the window: the caption bar above the views, and the scene list to edit a lesson.

The lesson itself is model data (model/lesson.py); stepping to a scene is one state
replacement through the controller, so it is undoable like a preset.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontInfo, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui import theme
from gui.i18n import tr
from model.lesson import Lesson


def caption_text(caption: str) -> str:
    """A scene's caption as shown: the built-in lesson's are translated (context "Lesson",
    gui/lesson_strings.py), a user's own come back unchanged."""
    return QCoreApplication.translate("Lesson", caption)


class CaptionBar(QWidget):
    """The current scene's caption and "n / N", in large type above the views."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sceneCaptionBar")
        self.caption = QLabel()
        self.caption.setObjectName("sceneCaption")
        self.caption.setWordWrap(True)
        self.counter = QLabel()
        self.counter.setObjectName("sceneCounter")
        self._base_font = QFont(self.caption.font())
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.caption, 1)
        row.addWidget(self.counter)
        self.setAutoFillBackground(True)
        self.apply_theme()
        theme.notifier.changed.connect(self.apply_theme)
        self._scene: tuple[Lesson | None, int] = (None, 0)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        """The name and the scene's caption in the current language."""
        self.caption.setAccessibleName(tr("Scene caption"))
        self.show_scene(*self._scene)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def apply_theme(self) -> None:
        """The caption in large type, in the profile's caption colours (in lecture mode at
        least as large as the plots' text)."""
        big = QFont(self._base_font)
        big.setPixelSize(
            max(round(QFontInfo(self._base_font).pixelSize() * 1.5), theme.font_px() + 4)
        )
        big.setBold(True)
        for label in (self.caption, self.counter):
            label.setFont(big)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(theme.colour("caption_background")))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(theme.colour("caption_text")))
        self.setPalette(palette)

    def show_scene(self, lesson: Lesson | None, index: int) -> None:
        self._scene = (lesson, index)
        if lesson is None or not lesson.scenes:
            self.hide()
            return
        self.caption.setText(caption_text(lesson.scenes[index].caption))
        self.counter.setText(f"{index + 1} / {len(lesson.scenes)}")
        self.show()


class SceneList(QWidget):
    """The scenes of the lesson: drag to reorder, double-click to edit a caption, delete."""

    moved = Signal(int, int)  # from, to
    renamed = Signal(int, str)
    deleted = Signal(int)
    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sceneListPanel")
        self.list = QListWidget()
        self.list.setObjectName("sceneList")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.list.model().rowsMoved.connect(self._on_moved)
        self.list.itemChanged.connect(self._on_renamed)
        self.list.itemActivated.connect(lambda item: self.chosen.emit(self.list.row(item)))
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("sceneDeleteButton")
        self.delete_button.clicked.connect(self._on_delete)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.delete_button)
        self.retranslate()

    def retranslate(self) -> None:
        """The list's name, the button and the built-in lesson's captions in the current
        language (a user's own captions stay as typed)."""
        self.list.setAccessibleName(tr("Scenes of the lesson"))
        self.delete_button.setText(tr("Delete scene"))
        with QSignalBlocker(self.list), QSignalBlocker(self.list.model()):
            for row in range(self.list.count()):
                item = self.list.item(row)
                item.setText(caption_text(str(item.data(Qt.ItemDataRole.UserRole))))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_lesson(self, lesson: Lesson | None, index: int) -> None:
        with QSignalBlocker(self.list), QSignalBlocker(self.list.model()):
            self.list.clear()
            for scene in lesson.scenes if lesson is not None else ():
                item = QListWidgetItem(caption_text(scene.caption))
                item.setData(Qt.ItemDataRole.UserRole, scene.caption)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                self.list.addItem(item)
            if lesson is not None and lesson.scenes:
                self.list.setCurrentRow(index)
        self.delete_button.setEnabled(lesson is not None and bool(lesson.scenes))

    def _on_moved(self, _parent: object, start: int, _end: int, _dest: object, row: int) -> None:
        self.moved.emit(start, row if row < start else row - 1)

    def _on_renamed(self, item: QListWidgetItem) -> None:
        self.renamed.emit(self.list.row(item), item.text())

    def _on_delete(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.deleted.emit(row)
