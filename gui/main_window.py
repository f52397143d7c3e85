"""The main window: the logit dock, the view tabs, menus, actions, toolbar and status bar."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QKeySequence,
    QResizeEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QFormLayout,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gui import a11y, theme
from gui.controller import Controller
from gui.export import (
    ExportError,
    export_columns_csv,
    export_grid_csv,
    export_view,
    export_widget,
)
from gui.i18n import Language, current_language, save_language, set_language, tr
from gui.lazy_page import LazyPage
from gui.lecture import BlankOverlay, LectureKeys
from gui.lessons import CaptionBar, SceneList
from gui.logit_panel import LogitPanel
from gui.plot_fit import keep_whole
from gui.undo import StateCommand
from gui.views.explain import ExplainPanel
from gui.views.overview import OverviewView
from gui.views.surfaces import SurfacePlot, SurfacesView
from model import display
from model.lesson import (
    Lesson,
    add_scene,
    builtin_lesson,
    delete_scene,
    load_session_with_lesson,
    move_scene,
    rename_scene,
    save_session_with_lesson,
)
from model.presets import PRESETS, apply_preset
from model.report import report_text
from model.state import AppState, StateError

if TYPE_CHECKING:
    from gui.views.race import RaceView
    from gui.views.simplex import SimplexView
    from gui.views.train import TrainView

log = logging.getLogger(__name__)
_Child = TypeVar("_Child", QAction, QMenu, QToolBar)
VIEWS = ("overview", "surfaces", "race", "simplex", "train")  # --view identifiers built so far
MAX_RECENT = 8
DEFAULT_SIZE = QSize(1600, 1000)
DOCK_LEAST_WIDTH = 240  # the logit dock at its narrowest (it scrolls sideways below its width)
EXPLAIN_WIDTH = 320  # the explain panel's least, where the screen has room for it
EXPLAIN_LEAST = DOCK_LEAST_WIDTH  # its least on a screen that has not
DOCK_MOST_SHARE = 0.4  # of the window's width: the most the dock asks for by itself
UNDO_LIMIT = 1000  # far more edits than a lecture makes; memory stays bounded in a long run
SESSION_FILTER = "LossLab sessions (*.losslab.json *.json)"
REDUCE_MOTION_KEY = "reduceMotion"  # QSettings: a preference of the user, not of the state


# The views a window need not open on, built (and imported) on their first show.
def _race_view() -> RaceView:
    from gui.views.race import RaceView

    return RaceView()


def _simplex_view() -> SimplexView:
    from gui.views.simplex import SimplexView

    return SimplexView()


def _train_view() -> TrainView:
    from gui.views.train import TrainView

    return TrainView()


def first_size(available: QSize) -> QSize:
    """The window's size at a first launch: the default, but never larger than the screen's
    available area (a 1280×800 screen cut off the right-hand plots and the status bar)."""
    return DEFAULT_SIZE.boundedTo(available)


class DockScrollArea(QScrollArea):
    """The logit dock's scroller. It asks for the panel's whole width (every row, both loss
    labels and all four table columns, nothing clipped), and takes less on a small screen:
    the panel then scrolls sideways instead of pushing the plots off the screen.

    ``width_needed`` (old, new) says when that width changes: more classes, longer names or
    another language can widen the panel. A dock keeps its width through such a change unless
    told (Qt lays docks out by their size hint only once)."""

    width_needed = Signal(int, int)

    def __init__(self, panel: QWidget) -> None:
        super().__init__()
        self.setMinimumWidth(DOCK_LEAST_WIDTH)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls it holds
        self.setWidget(panel)
        self.setWidgetResizable(True)
        panel.installEventFilter(self)
        self._needed = self.sizeHint().width()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A panel whose contents' sizes changed is sent a layout request.
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            needed = self.sizeHint().width()
            if needed != self._needed:
                old, self._needed = self._needed, needed
                self.width_needed.emit(old, needed)
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:
        widget = self.widget()
        if widget is None:
            return super().sizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        frame = 2 * self.frameWidth()
        return QSize(
            min(widget.minimumSizeHint().width() + bar + frame, self.most_width()),
            super().sizeHint().height(),
        )

    def most_width(self) -> int:
        """The widest the dock makes itself: a share of the window's width, so that on a
        small screen the plots keep most of it (twenty long names in the table asked for
        470 of 1024 px)."""
        window = self.window()
        if window is self or window.width() <= 0:
            return 1 << 20  # not in a window yet: no bound
        return max(DOCK_LEAST_WIDTH, int(DOCK_MOST_SHARE * window.width()))


class UndoText(QObject):
    """The text of Edit > Undo or Redo: "&Undo <the command>", as QUndoStack's own actions
    read, with a prefix that follows the language. A child of its action: the stack's signals
    stop reaching it when the action goes."""

    def __init__(self, action: QAction, prefix: Callable[[], str], command: str) -> None:
        super().__init__(action)
        self._action, self._prefix, self._command = action, prefix, command
        self.retranslate()

    @Slot(str)
    def show_command(self, command: str) -> None:
        self._command = command
        self.retranslate()

    def retranslate(self) -> None:
        prefix = self._prefix()
        self._action.setText(f"{prefix} {self._command}" if self._command else prefix)


class MainWindow(QMainWindow):
    """The whole app in its default state (PRODUCT.md); tests build it directly."""

    def __init__(self, state: AppState | None = None) -> None:
        super().__init__()
        theme.setup_pyqtgraph()
        theme.apply_to_application()
        self.setObjectName("mainWindow")
        self.setWindowTitle("LossLab")
        self.session_path: Path | None = None

        self.panel = LogitPanel()
        scroll = DockScrollArea(self.panel)
        self.dock = QDockWidget(tr("Logits"), self)
        self.dock.setObjectName("logitDock")
        self.dock.setWidget(scroll)
        self.dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable  # View → Logits brings it back
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("viewTabs")
        self.overview = OverviewView()
        self.surfaces = SurfacesView()
        self.tabs.addTab(self.overview, tr("Overview"))
        self.tabs.addTab(self.surfaces, tr("Surfaces"))
        for plot in self.overview.findChildren(pg.GraphicsView):
            keep_whole(plot)  # shrinks with the window, never so far that it is cut off
        self.race_page = LazyPage("raceView", _race_view)
        self.tabs.addTab(self.race_page, tr("Race"))
        self.simplex_page = LazyPage("simplexView", _simplex_view)
        self.tabs.addTab(self.simplex_page, tr("Simplex"))
        self.train_page = LazyPage("trainView", _train_view)
        self.tabs.addTab(self.train_page, tr("Training"))
        self.caption_bar = CaptionBar()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.caption_bar)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.opened_3d = False  # whether a 3D view was ever opened from this window
        self.lesson: Lesson | None = None
        self.scene_index = 0
        self.scene_list = SceneList()
        self.scene_dock = QDockWidget(tr("Scenes"), self)
        self.scene_dock.setObjectName("sceneListDock")
        self.scene_dock.setWidget(self.scene_list)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.scene_dock)
        self.scene_dock.hide()
        self.scene_list.moved.connect(self._move_scene)
        self.scene_list.renamed.connect(self._rename_scene)
        self.scene_list.deleted.connect(self._delete_scene)
        self.scene_list.chosen.connect(self.go_to_scene)

        self.explain = ExplainPanel()
        # Narrower, the derivation's formulas take three lines each: the plots give way first,
        # and on a screen too small for both the panel gives way (see _make_room_for_explain).
        self.explain.setMinimumWidth(EXPLAIN_WIDTH)
        self.explain_dock = QDockWidget(tr("Explain"), self)
        self.explain_dock.setObjectName("explainDock")
        self.explain_dock.setWidget(self.explain)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.explain_dock)
        self.explain_dock.hide()  # View > Explain (Ctrl+I): the plots keep the room until asked

        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)  # only takes effect on an empty stack
        self.controller = Controller(
            state or AppState(),
            self.panel,
            self.overview,
            self.surfaces,
            self.tabs,
            self.undo_stack,
            simplex_page=self.simplex_page,
            train_page=self.train_page,
            race_page=self.race_page,
            explain=self.explain,
            explain_dock=self.explain_dock,
        )
        self.surfaces.open_3d.connect(self.open_3d)
        self.controller.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.controller.state_changed.connect(self._follow_scene)
        self._scroll = scroll
        scroll.width_needed.connect(self._widen_logit_dock)
        self._build_actions()
        self._build_lecture()
        self._build_access()
        self.statusBar().showMessage(tr("Ready"), 3000)
        self.resize(first_size(self.screen().availableGeometry().size()))

    def _widen_logit_dock(self, old: int, new: int) -> None:
        """The panel needs more width: a docked logit panel that showed all of it goes on
        showing all of it, up to its share of the window (``new`` is bounded so) and as far
        as the plots' least size allows. A dock the user made narrower stays so, and it never
        narrows by itself."""
        dock = self.dock
        if new > old and self.isVisible() and dock.isVisible() and not dock.isFloating():
            if dock.width() >= old and dock.width() < new:
                self.resizeDocks([dock], [new], Qt.Orientation.Horizontal)

    # --- actions ---------------------------------------------------------------------------
    def _action(
        self,
        name: str,
        text: str,
        slot: Callable[[], object],
        shortcut: str | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        act = QAction(text, self)
        act.setObjectName(name)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(lambda _checked=False: slot())  # the slot takes no "checked"
        self.addAction(act)
        return act

    def _build_actions(self) -> None:
        # Not QUndoStack.createUndoAction: its "&Undo" prefix could not change with the language.
        stack = self.undo_stack
        undo, redo = QAction(self), QAction(self)
        self._undo_texts = (
            UndoText(undo, lambda: tr("&Undo"), stack.undoText()),
            UndoText(redo, lambda: tr("&Redo"), stack.redoText()),
        )
        undo.setObjectName("actionUndo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo.setObjectName("actionRedo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        undo.setEnabled(stack.canUndo())
        redo.setEnabled(stack.canRedo())
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        stack.undoTextChanged.connect(self._undo_texts[0].show_command)
        stack.redoTextChanged.connect(self._undo_texts[1].show_command)
        undo.triggered.connect(stack.undo)
        redo.triggered.connect(stack.redo)
        self.action_undo, self.action_redo = undo, redo
        self.action_open = self._action(
            "actionOpen", tr("&Open session…"), self.open_session, "Ctrl+O"
        )
        self.action_save = self._action(
            "actionSave", tr("&Save session"), self.save_session, "Ctrl+S"
        )
        self.action_save_as = self._action(
            "actionSaveAs", tr("Save session &as…"), self.save_session_as, "Ctrl+Shift+S"
        )
        self.action_export = self._action(
            "actionExport", tr("&Export…"), self.export_dialog, "Ctrl+E"
        )
        self.action_copy_values = self._action(
            "actionCopyValues", tr("&Copy values"), self.copy_values, "Ctrl+Shift+C"
        )
        self.action_copy_values.setToolTip(tr("Every number shown, as --report text prints it"))
        self.action_quit = self._action(
            "actionQuit", tr("&Quit"), self.close, QKeySequence.StandardKey.Quit
        )
        self.action_full = self._action(
            "actionFullScreen", tr("&Full screen"), self.toggle_full_screen, "F11"
        )
        self.action_shortcuts = self._action(
            "actionShortcuts", tr("&Keyboard shortcuts"), self.show_shortcuts
        )
        self.action_about = self._action("actionAbout", tr("&About LossLab"), self.show_about)

        bar = self.menuBar()
        file_menu = bar.addMenu(tr("&File"))
        file_menu.setObjectName("fileMenu")
        file_menu.addActions([self.action_open, self.action_save, self.action_save_as])
        self.recent_menu = file_menu.addMenu(tr("Open &recent"))
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        file_menu.addAction(self.action_export)
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)
        edit_menu = bar.addMenu(tr("&Edit"))
        edit_menu.setObjectName("editMenu")
        edit_menu.addActions([undo, redo])
        edit_menu.addSeparator()
        edit_menu.addAction(self.action_copy_values)
        preset_menu = bar.addMenu(tr("&Presets"))
        preset_menu.setObjectName("presetMenu")
        toolbar = self.addToolBar(tr("Presets"))
        toolbar.setObjectName("presetToolBar")
        self.preset_actions: dict[str, QAction] = {}
        for i, preset in enumerate(PRESETS):
            act = self._action(
                f"actionPreset_{preset.key}",
                tr(preset.title),
                partial(self.apply_preset, preset.key, preset.title),
                # Not Ctrl+digit: screen-annotation tools (ZoomIt) take those for themselves.
                f"Alt+{i + 1}",
            )
            act.setToolTip(f"{tr(preset.title)}: {tr(preset.description)}")
            preset_menu.addAction(act)
            toolbar.addAction(act)
            self.preset_actions[preset.key] = act
        view_menu = bar.addMenu(tr("&View"))
        view_menu.setObjectName("viewMenu")
        view_menu.addAction(self.action_full)
        self.view_menu = view_menu
        logits = self.dock.toggleViewAction()  # checkable, follows the dock's visibility
        logits.setObjectName("actionShowLogits")
        view_menu.addAction(logits)
        explain_action = self.explain_dock.toggleViewAction()
        explain_action.setObjectName("actionExplain")
        explain_action.setText(tr("&Explain"))
        explain_action.setShortcut(QKeySequence("Ctrl+I"))
        # Opened again where it shares the logits' place: in front, not behind their tab.
        explain_action.triggered.connect(lambda on: self.explain_dock.raise_() if on else None)
        explain_action.setToolTip(tr("The derivation beside the plots, with the current numbers"))
        self.addAction(explain_action)
        view_menu.addAction(explain_action)
        self._build_language_menu(view_menu)
        lesson_menu = bar.addMenu(tr("&Lesson"))
        lesson_menu.setObjectName("lessonMenu")
        self.action_start_lesson = self._action(
            "actionStartLesson", tr("&Start the built-in lesson"), self.start_builtin_lesson
        )
        self.action_next_scene = self._action(
            "actionNextScene", tr("&Next scene"), lambda: self.step_scene(1), "PgDown"
        )
        self.action_prev_scene = self._action(
            "actionPrevScene", tr("&Previous scene"), lambda: self.step_scene(-1), "PgUp"
        )
        self.action_add_scene = self._action(
            "actionAddScene", tr("&Add this view as a scene"), self.add_current_scene
        )
        scenes_action = self.scene_dock.toggleViewAction()
        scenes_action.setObjectName("actionSceneList")
        scenes_action.setText(tr("Scene &list"))
        lesson_menu.addActions(
            [
                self.action_start_lesson,
                self.action_next_scene,
                self.action_prev_scene,
                self.action_add_scene,
                scenes_action,
            ]
        )
        help_menu = bar.addMenu(tr("&Help"))
        help_menu.setObjectName("helpMenu")
        help_menu.addActions([self.action_shortcuts, self.action_about])
        self._add_describe_action(help_menu)

    # --- keyboard and screen readers --------------------------------------------------------
    def _build_access(self) -> None:
        """Accessible names and the Tab order (gui/a11y.py), kept as widgets come and go."""
        # Tab leaves the value table (it went from cell to cell, twelve presses and more to
        # get past it); the arrow keys still move within it.
        self.panel.table.setTabKeyNavigation(False)
        self.access = a11y.Access(
            self, self.panel, self.tabs, self._dock_tab_order, self._docks_tab_order
        )
        self.controller.state_changed.connect(self._follow_access)
        self._follow_access(self.state)

    def _dock_tab_order(self) -> list[QWidget]:
        p = self.panel
        rows = [w for row in p.rows for w in row.widgets()]
        tail = [p.ce_unit_combo, p.mse_reduction_combo, p.table]
        return [p.count_spin, p.target_combo, *rows, *tail]

    def _docks_tab_order(self) -> list[QWidget]:
        return [self.explain, self.scene_list.list, self.scene_list.delete_button]

    def _follow_access(self, state: AppState) -> None:
        pages = (self.race_page, self.simplex_page, self.train_page)
        shape = (len(self.panel.rows), bool(self.surfaces.plots), *(p.built for p in pages))
        self.access.follow(state, shape)

    def _add_describe_action(self, menu: QMenu) -> None:
        self.action_describe = self._action(
            "actionDescribeView", tr("&Describe this view"), self.describe_view, "Ctrl+Shift+D"
        )
        self.action_describe.setToolTip(
            tr("The current view's numbers as plain text, shown and copied to the clipboard")
        )
        menu.addAction(self.action_describe)
        self._describe_dialog: QDialog | None = None

    def describe_view(self) -> str:
        """Show the current view's numbers as plain text in a dialog and copy them."""
        text = self.controller.describe_view()
        QApplication.clipboard().setText(text)
        dlg = self._describe_dialog
        if dlg is None:
            dlg = self._describe_dialog = QDialog(self)
            dlg.setObjectName("describeViewDialog")
            dlg.setWindowTitle(tr("Describe this view"))
            box = QPlainTextEdit()
            box.setObjectName("describeViewText")
            box.setReadOnly(True)
            box.setTabChangesFocus(True)  # Tab goes on to Close
            box.setAccessibleName(tr("Description of the view"))
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            buttons.rejected.connect(dlg.reject)
            column = QVBoxLayout(dlg)
            column.addWidget(box)
            column.addWidget(buttons)
            dlg.resize(640, 480)
            dlg.finished.connect(self._drop_describe_dialog)
        shown = dlg.findChild(QPlainTextEdit, "describeViewText")
        if shown is not None:
            shown.setPlainText(text)
        dlg.show()
        dlg.activateWindow()  # a second press brings the open one forward with its new text
        self.statusBar().showMessage(tr("Description copied"), 3000)
        return text

    def _drop_describe_dialog(self, _result: int = 0) -> None:
        # Closed dialogs are destroyed, and leave the window's children at once (unique names).
        dlg, self._describe_dialog = self._describe_dialog, None
        if dlg is not None:
            dlg.setParent(None)
            dlg.deleteLater()

    def _build_language_menu(self, view_menu: QMenu) -> None:
        self.language_menu = view_menu.addMenu(tr("&Language"))
        self.language_menu.setObjectName("languageMenu")
        group = QActionGroup(self)
        group.setExclusive(True)
        # Each language named in itself, in either interface: the reader looks for their own.
        names: tuple[tuple[Language, str], ...] = (("en", "English"), ("zh", "简体中文"))
        for lang, name in names:
            act = self._action(f"actionLanguage_{lang}", name, partial(self.choose_language, lang))
            act.setCheckable(True)
            act.setChecked(lang == current_language())
            group.addAction(act)
            self.language_menu.addAction(act)

    def choose_language(self, lang: Language) -> None:
        """View > Language: switch now (every widget gets LanguageChange) and next time too."""
        set_language(lang)
        save_language(lang)

    def _named(self, cls: type[_Child], name: str) -> _Child:
        found = self.findChild(cls, name)
        if found is None:
            raise LookupError(f"the window has no {cls.__name__} {name!r}")
        return cast(_Child, found)

    def retranslate(self) -> None:
        """Every text of the window's own menus, actions, docks, tabs and toolbar in the
        current language; LanguageChange calls it. (The views and docks' contents retranslate
        themselves, each from its own changeEvent.)"""
        # Dock titles first: a dock's new title resets its toggle action's text.
        self.dock.setWindowTitle(tr("Logits"))
        self.scene_dock.setWindowTitle(tr("Scenes"))
        self.explain_dock.setWindowTitle(tr("Explain"))
        tabs = (
            (self.overview, tr("Overview")),
            (self.surfaces, tr("Surfaces")),
            (self.race_page, tr("Race")),
            (self.simplex_page, tr("Simplex")),
            (self.train_page, tr("Training")),
        )
        for page, text in tabs:
            self.tabs.setTabText(self.tabs.indexOf(page), text)
        menus = {
            "fileMenu": tr("&File"),
            "recentMenu": tr("Open &recent"),
            "editMenu": tr("&Edit"),
            "presetMenu": tr("&Presets"),
            "viewMenu": tr("&View"),
            "languageMenu": tr("&Language"),
            "lessonMenu": tr("&Lesson"),
            "helpMenu": tr("&Help"),
        }
        for name, text in menus.items():
            self._named(QMenu, name).setTitle(text)
        self._named(QToolBar, "presetToolBar").setWindowTitle(tr("Presets"))
        actions = {
            "actionOpen": tr("&Open session…"),
            "actionSave": tr("&Save session"),
            "actionSaveAs": tr("Save session &as…"),
            "actionExport": tr("&Export…"),
            "actionCopyValues": tr("&Copy values"),
            "actionQuit": tr("&Quit"),
            "actionFullScreen": tr("&Full screen"),
            "actionShortcuts": tr("&Keyboard shortcuts"),
            "actionAbout": tr("&About LossLab"),
            "actionShowLogits": tr("Logits"),
            "actionExplain": tr("&Explain"),
            "actionStartLesson": tr("&Start the built-in lesson"),
            "actionNextScene": tr("&Next scene"),
            "actionPrevScene": tr("&Previous scene"),
            "actionAddScene": tr("&Add this view as a scene"),
            "actionSceneList": tr("Scene &list"),
        }
        for name, text in actions.items():
            self._named(QAction, name).setText(text)
        self.action_copy_values.setToolTip(tr("Every number shown, as --report text prints it"))
        self._named(QAction, "actionExplain").setToolTip(
            tr("The derivation beside the plots, with the current numbers")
        )
        for preset in PRESETS:
            act = self.preset_actions[preset.key]
            act.setText(tr(preset.title))
            act.setToolTip(f"{tr(preset.title)}: {tr(preset.description)}")
        stack = self.undo_stack
        for i in range(stack.count()):  # each entry's name, in the new language too
            command = stack.command(i)
            if isinstance(command, StateCommand):
                command.retranslate()
        # (A command's new text changes the stack's undoText without a signal: asked here.)
        self._undo_texts[0].show_command(stack.undoText())
        self._undo_texts[1].show_command(stack.redoText())
        self.action_describe.setText(tr("&Describe this view"))
        self.action_describe.setToolTip(
            tr("The current view's numbers as plain text, shown and copied to the clipboard")
        )
        self._named(QAction, f"actionLanguage_{current_language()}").setChecked(True)
        self._retranslate_lecture()
        self.blank_overlay.retranslate()
        self.statusBar().clearMessage()  # a message in the language left behind
        # What the controller wrote into the views (units, sentences, the explain panel).
        self.controller.retranslate()
        self._retranslate_describe_dialog()

    def _retranslate_describe_dialog(self) -> None:
        dlg = self._describe_dialog
        if dlg is None:
            return
        dlg.setWindowTitle(tr("Describe this view"))
        box = dlg.findChild(QPlainTextEdit, "describeViewText")
        if box is not None:
            box.setAccessibleName(tr("Description of the view"))
            box.setPlainText(self.controller.describe_view())

    # --- lecture mode ----------------------------------------------------------------------
    def _build_lecture(self) -> None:
        """Lecture mode (Ctrl+L), Esc out of full screen, the blank screen and reduce motion."""
        theme.set_profile("dark")  # every window starts in the everyday look
        self.blank_overlay = BlankOverlay(self)
        self.lecture_keys = LectureKeys(
            self,
            self.action_next_scene,
            self.action_prev_scene,
            self.blank_overlay,
            resized=self._follow_lecture_height,
        )
        self.action_lecture = self._toggle_action(
            "actionLectureMode", self._lecture_toggled, "Ctrl+L"
        )
        self.action_reduce_motion = self._toggle_action(
            "actionReduceMotion", self._reduce_motion_toggled
        )
        self.action_leave_full = self._action(
            "actionLeaveFullScreen", "", self.leave_full_screen, "Esc"
        )
        self.action_leave_full.setEnabled(False)  # Esc is everyone's key until full screen
        logits = self.dock.toggleViewAction()
        self.view_menu.insertActions(logits, [self.action_lecture, self.action_reduce_motion])
        self.race_page.when_built(lambda view: view.set_reduce_motion(self.reduce_motion))
        self.train_page.when_built(lambda view: view.set_reduce_motion(self.reduce_motion))
        self._retranslate_lecture()

    def _toggle_action(
        self, name: str, slot: Callable[[bool], None], shortcut: str | None = None
    ) -> QAction:
        act = QAction(self)
        act.setObjectName(name)
        act.setCheckable(True)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.toggled.connect(slot)
        self.addAction(act)
        return act

    def _retranslate_lecture(self) -> None:
        self.action_lecture.setText(tr("&Lecture mode"))
        self.action_lecture.setToolTip(
            tr("Large text and thick lines on a light background; clicker keys move the scenes")
        )
        self.action_reduce_motion.setText(tr("&Reduce motion"))
        self.action_reduce_motion.setToolTip(
            tr("Play jumps to the end of a race or a training instead of animating it")
        )
        self.action_leave_full.setText(tr("Leave full screen"))

    @property
    def lecture_mode(self) -> bool:
        return self.action_lecture.isChecked()

    def set_lecture_mode(self, on: bool) -> None:
        self.action_lecture.setChecked(on)

    def _lecture_toggled(self, on: bool) -> None:
        # Not saved: a lecture starts with Ctrl+L or --lecture, and the next launch is everyday.
        theme.set_profile("projector" if on else "dark", self.height())
        self.lecture_keys.install(on)
        self.statusBar().showMessage(
            tr("Lecture mode: PageDown/→ next scene, PageUp/← previous, B black, W white")
            if on
            else tr("Lecture mode off"),
            6000,
        )

    def _follow_lecture_height(self) -> None:
        """The projector profile's plot text is a fraction of the window's height."""
        if self.lecture_mode:
            theme.set_profile("projector", self.height())

    @property
    def reduce_motion(self) -> bool:
        return self.action_reduce_motion.isChecked()

    def set_reduce_motion(self, on: bool) -> None:
        self.action_reduce_motion.setChecked(on)

    def _reduce_motion_toggled(self, on: bool) -> None:
        QSettings().setValue(REDUCE_MOTION_KEY, on)
        if self.race_page.built:
            self.race_page.view().set_reduce_motion(on)
        if self.train_page.built:
            self.train_page.view().set_reduce_motion(on)

    def leave_full_screen(self) -> None:
        self.showNormal()
        self.action_leave_full.setEnabled(self.isFullScreen())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        old, new = event.oldSize().width(), event.size().width()
        # Grown by its layout, not by the user: a window is made as wide as its new minimum.
        if 0 < old < new and new <= self.minimumSizeHint().width() and self._explain_docked():
            QTimer.singleShot(0, self, lambda: self._make_room_for_explain(old))

    def _explain_docked(self) -> bool:
        explain = self.explain_dock
        return not explain.isHidden() and not explain.isFloating()

    def _explain_beside(self) -> bool:
        """Whether the explain panel and the logits are docked, shown, each in a place of its
        own."""
        dock, explain = self.dock, self.explain_dock
        return (  # isHidden: a dock being shown is not visible yet when the window grows
            not dock.isHidden()
            and not explain.isHidden()
            and not dock.isFloating()
            and not explain.isFloating()
            and explain not in self.tabifiedDockWidgets(dock)
        )

    def _make_room_for_explain(self, width: int) -> None:
        """Opening the explain panel beside the logits, or lecture mode's larger plots with it
        open, made the window wider than the screen (1339 px at 1280×720 in lecture mode): the
        explain panel shares the logit dock's place as a tab instead, the one shown, and the
        window goes back to its width. Where even that is too wide (the race at 1024×768 by
        26 px, the overview in lecture mode by 69), the panel is made narrower, down to the
        logits' own width, as far as the window needs."""
        if not self._explain_docked():
            return
        if self._explain_beside():
            self.tabifyDockWidget(self.dock, self.explain_dock)
            self.explain_dock.raise_()
        self._activate_layout()
        over = self.minimumSizeHint().width() - width
        if over > 0 and self.explain.minimumWidth() > EXPLAIN_LEAST:
            self.explain.setMinimumWidth(max(EXPLAIN_LEAST, self.explain.minimumWidth() - over))
            self._activate_layout()
        self.resize(width, self.height())

    def _activate_layout(self) -> None:
        layout = self.layout()
        if layout is not None:  # the window's least size follows now, not at the next pass
            layout.invalidate()
            layout.activate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.WindowStateChange:
            self.action_leave_full.setEnabled(self.isFullScreen())
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- commands --------------------------------------------------------------------------
    def copy_values(self) -> None:
        """Put every current number on the clipboard, as ``--report text`` prints it."""
        QApplication.clipboard().setText(report_text(self.state, tr))
        self.statusBar().showMessage(tr("Values copied"), 3000)

    @property
    def state(self) -> AppState:
        return self.controller.state

    def set_view(self, name: str) -> None:
        """Show a view by its --view name, as a click on its tab does (an undoable edit)."""
        page = self.findChild(QWidget, f"{name}View")
        if page is None or self.tabs.indexOf(page) < 0:
            raise ValueError(f"no view {name!r}")
        self.tabs.setCurrentWidget(page)

    def apply_preset(self, key: str, title: str) -> None:
        self.controller.replace_state(
            apply_preset(self.state, key), lambda: tr("Preset: ") + tr(title)
        )
        self.statusBar().showMessage(tr("Preset: ") + tr(title), 4000)

    def load_session_file(self, path: str | Path) -> bool:
        """Load a session; on a bad file, say why and change nothing."""
        try:
            state, lesson = load_session_with_lesson(path)
        except StateError as exc:
            QMessageBox.critical(self, tr("Cannot open session"), f"{Path(path).name}: {exc}")
            return False
        self.controller.replace_state(state, lambda: tr("Open session"))
        self.set_lesson(lesson, show=False)
        self.session_path = Path(path)
        self._remember(Path(path))
        self.statusBar().showMessage(tr("Opened ") + str(path), 4000)
        return True

    def open_session(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Open session"), "", SESSION_FILTER)
        if path:
            self.load_session_file(path)

    def save_session(self) -> None:
        if self.session_path is None:
            self.save_session_as()
        else:
            self.save_session_file(self.session_path)

    def save_session_as(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Save session"), "session.losslab.json", SESSION_FILTER
        )
        if path:
            self.save_session_file(Path(path))

    def save_session_file(self, path: str | Path) -> None:
        path = Path(path)
        try:
            save_session_with_lesson(self.state, self.lesson, path)
        except OSError as exc:
            QMessageBox.critical(self, tr("Cannot save session"), f"{path}: {exc.strerror or exc}")
            return
        self.session_path = path
        self._remember(path)
        self.undo_stack.setClean()
        self.statusBar().showMessage(tr("Saved ") + str(path), 4000)

    def _remember(self, path: Path) -> None:
        settings = QSettings()
        recent = [str(path.resolve())] + [
            p for p in (settings.value("recentFiles") or []) if p != str(path.resolve())
        ]
        settings.setValue("recentFiles", recent[:MAX_RECENT])

    def _open_recent(self, path: str, _checked: bool = False) -> None:
        self.load_session_file(path)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = QSettings().value("recentFiles") or []
        if not recent:
            self.recent_menu.addAction(tr("(none)")).setEnabled(False)
        for p in recent:
            act = self.recent_menu.addAction(p)
            act.triggered.connect(partial(self._open_recent, p))

    def export_dialog(self) -> None:
        dlg = QDialog(self)
        dlg.setObjectName("exportDialog")
        dlg.setWindowTitle(tr("Export"))
        what = QComboBox()
        what.setObjectName("exportWhatCombo")
        what.addItem(tr("The current view"), "")
        for plot in self.tabs.currentWidget().findChildren(pg.GraphicsView):
            # Its accessible name, in the interface's language (the object name is the code's).
            title = plot.accessibleName() or plot.objectName()
            what.addItem(tr("Plot: ") + title, plot.objectName())
        fmt = QComboBox()
        fmt.setObjectName("exportFormatCombo")
        for label, data in (
            ("PNG 1×", "png1"),
            ("PNG 2×", "png2"),
            ("PNG 3×", "png3"),
            ("SVG", "svg"),
            ("CSV", "csv"),
        ):
            fmt.addItem(label, data)
        background = self._background_combo()
        form = QFormLayout(dlg)
        form.addRow(tr("What"), what)
        form.addRow(tr("Format"), fmt)
        form.addRow(tr("Background"), background)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(dlg.accept)
        buttons.rejected.connect(dlg.reject)
        form.addRow(buttons)
        accepted = dlg.exec() == QDialog.DialogCode.Accepted
        kind, plot = str(fmt.currentData()), what.currentData()
        ground = str(background.currentData())
        # Gone at once, not left among the window's children (their names must stay unique).
        dlg.setParent(None)
        dlg.deleteLater()
        if not accepted:
            return
        ext = "png" if kind.startswith("png") else kind
        name = plot or self.tabs.currentWidget().objectName()
        path, _ = QFileDialog.getSaveFileName(self, tr("Export"), f"{name}.{ext}", f"*.{ext}")
        if path:
            self.export(
                path,
                plot_name=plot or None,
                scale=int(kind[3:] or 1) if ext == "png" else 1,
                background=ground,
            )

    def _background_combo(self) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName("exportBackgroundCombo")
        for label, data in (
            (tr("The plots' own (the theme's)"), "theme"),
            (tr("White"), "white"),
            (tr("Transparent (PNG and SVG)"), "transparent"),
        ):
            combo.addItem(label, data)
        combo.setAccessibleName(tr("Background"))
        return combo

    def export(
        self,
        path: str | Path,
        plot_name: str | None = None,
        scale: int = 1,
        background: str = "theme",
    ) -> None:
        """Export the current view, or one plot by object name, on ``background`` ("theme",
        "white" or "transparent")."""
        try:
            if plot_name:
                widget = self.findChild(pg.GraphicsView, plot_name)
                if widget is None:
                    raise ExportError(f"no plot named {plot_name}")
                if Path(path).suffix.lower() != ".csv":
                    export_widget(widget, path, scale, background)
                elif isinstance(widget, SurfacePlot):
                    grids = display.surface_grids(self.state)
                    export_grid_csv(path, grids.x, grids.y, grids.values[widget.kind])
                else:
                    export_columns_csv(path, self._plot_columns(widget, plot_name))
            else:
                if Path(path).suffix.lower() == ".csv":
                    raise ExportError(tr("CSV is for a single plot's numbers: choose a plot"))
                # Its plots, as shown.
                export_view(self.tabs.currentWidget(), path, scale, background)
        except (ExportError, OSError) as exc:
            QMessageBox.critical(self, tr("Export failed"), str(exc))
            return
        self.statusBar().showMessage(tr("Exported ") + str(path), 4000)

    def _plot_columns(self, widget: QWidget, plot_name: str) -> dict[str, np.ndarray]:
        """The numbers behind a plot, from the view that drew it."""
        if self.overview.isAncestorOf(widget):
            return self.overview.columns(plot_name)
        if self.race_page.built and self.race_page.isAncestorOf(widget):
            return self.race_page.view().columns(plot_name)
        raise ExportError(tr("CSV is not available for this plot: export it as PNG or SVG"))

    def open_3d(self) -> None:
        from gui.views.surface3d import Surface3DDialog

        self.opened_3d = True
        Surface3DDialog(self.controller, transient_for=self).show()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.opened_3d:  # the 3D view's module (and OpenGL) is loaded only once one opens
            from gui.views import surface3d

            surface3d.close_all()  # windows of their own, they would outlive the main window
        self.set_lecture_mode(False)  # the look is the application's: back to the everyday one
        super().closeEvent(event)

    # --- lessons ---------------------------------------------------------------------------
    def set_lesson(self, lesson: Lesson | None, show: bool = True) -> None:
        """Make ``lesson`` the window's lesson; ``show`` steps to its first scene."""
        self.lesson = lesson
        self.scene_index = 0
        if show and lesson is not None and lesson.scenes:
            self.go_to_scene(0)
        self._show_lesson()

    def start_builtin_lesson(self) -> None:
        self.set_lesson(builtin_lesson())

    def go_to_scene(self, index: int) -> None:
        """Step to a scene: its whole state, as one undo entry."""
        if self.lesson is None or not 0 <= index < len(self.lesson.scenes):
            return
        self.scene_index = index
        scene = self.lesson.scenes[index]
        self.controller.replace_state(
            scene.state, lambda: tr("Scene %1").replace("%1", str(index + 1))
        )
        self._show_lesson()

    def _follow_scene(self, state: AppState) -> None:
        """After an undo (or any change) that lands on a scene's state, the caption and the
        counter are that scene's, and the next step goes on from there."""
        if self.lesson is None or not self.lesson.scenes:
            return
        if self.lesson.scenes[self.scene_index].state == state:
            return
        for i, scene in enumerate(self.lesson.scenes):
            if scene.state == state:
                self.scene_index = i
                self._show_lesson()
                return

    def step_scene(self, delta: int) -> None:
        if self.lesson is None:
            self.statusBar().showMessage(tr("No lesson: Lesson > Start the built-in lesson"), 4000)
            return
        self.go_to_scene(min(max(self.scene_index + delta, 0), len(self.lesson.scenes) - 1))

    def add_current_scene(self) -> None:
        lesson = self.lesson if self.lesson is not None else Lesson(tr("My lesson"))
        caption = tr("Scene %1").replace("%1", str(len(lesson.scenes) + 1))
        try:
            lesson = add_scene(lesson, self.state, caption)
        except StateError as exc:
            self.statusBar().showMessage(str(exc), 6000)
            return
        self.lesson = lesson
        self.scene_index = len(lesson.scenes) - 1
        self._show_lesson()
        self.scene_dock.show()
        self.statusBar().showMessage(
            tr("Added as scene %1").replace("%1", str(self.scene_index + 1)), 4000
        )

    def _move_scene(self, index: int, to: int) -> None:
        if self.lesson is not None:
            self.lesson = move_scene(self.lesson, index, to)
            shown = self.scene_index  # where the scene shown went
            if shown == index:
                shown = to
            elif index < shown <= to:
                shown -= 1
            elif to <= shown < index:
                shown += 1
            self.scene_index = shown
            self._show_lesson()

    def _rename_scene(self, index: int, caption: str) -> None:
        if self.lesson is None:
            return
        try:
            self.lesson = rename_scene(self.lesson, index, caption)
        except StateError as exc:  # refused: the list shows the caption the lesson keeps
            self.statusBar().showMessage(str(exc), 6000)
        self._show_lesson()

    def _delete_scene(self, index: int) -> None:
        if self.lesson is None:
            return
        self.lesson = delete_scene(self.lesson, index)
        if index < self.scene_index:  # the scene shown moved up one
            self.scene_index -= 1
        self.scene_index = min(self.scene_index, max(len(self.lesson.scenes) - 1, 0))
        self._show_lesson()

    def _show_lesson(self) -> None:
        self.caption_bar.show_scene(self.lesson, self.scene_index)
        self.scene_list.show_lesson(self.lesson, self.scene_index)

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(keys, what they do) for every action of the window that has a shortcut, read from
        the actions themselves, then the keys of lecture mode (they are no action's)."""
        rows: list[tuple[str, str]] = []
        for act in self.findChildren(QAction):
            keys = ", ".join(
                k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts()
            )
            row = (keys, act.text().replace("&&", "\0").replace("&", "").replace("\0", "&"))
            if keys and row not in rows:
                rows.append(row)
        rows.sort(key=lambda r: r[1].casefold())
        rows += [
            (tr("PageDown, →"), tr("Lecture mode: next scene, whatever has the focus")),
            (tr("PageUp, ←"), tr("Lecture mode: previous scene, whatever has the focus")),
            (tr("B, ."), tr("Lecture mode: blank the screen to black")),
            (tr("W"), tr("Lecture mode: blank the screen to white")),
            (tr("Any key"), tr("Lecture mode: return from the blank screen")),
        ]
        return rows

    def show_shortcuts(self) -> None:
        rows = "".join(
            f"<tr><td><b>{html.escape(keys)}</b></td><td>{html.escape(text)}</td></tr>"
            for keys, text in self.shortcut_rows()
        )
        QMessageBox.information(
            self, tr("Keyboard shortcuts"), f"<table cellpadding=4>{rows}</table>"
        )

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            tr("About LossLab"),
            tr(
                "<b>LossLab</b> shows why cross-entropy beats mean squared error for softmax "
                "classification: where the model is confidently wrong, ∂L_MSE/∂z_p = −2 s_p L_MSE "
                "vanishes with s_p, while ∂L_CE/∂z_p = s_p − 1 stays near −1."
            ),
        )
