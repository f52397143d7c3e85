"""Every visible text of the window in Chinese: a window built under zh, and one built in
English and switched at run time. The walk covers every widget of every tab (the lazy pages
built by showing them), the docks, menus and actions, combo items, the explain panel, the
built-in lesson's caption, the dialogs (export, keyboard shortcuts, about, describe this
view) and every text item of every plot; then, back in English, no Chinese is left.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QTabBar,
    QTextEdit,
    QToolBar,
    QWidget,
)

from gui import i18n
from gui.i18n import set_language
from gui.main_window import MainWindow
from gui.views.fast_items import ValueLabels
from gui.views.race import RaceView

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# What may stay in Latin letters under zh: names of things, not English (the product's
# abbreviations and name, file formats, key names, maths, the default class names, the
# language's own name in the language menu).
ALLOWED = {
    "CE", "MSE", "softmax", "LossLab", "English", "PNG", "SVG", "CSV", "XOR", "tanh", "log",
    "OpenGL", "float", "const",
    "Ctrl", "Shift", "Alt", "Esc", "PgDown", "PgUp", "PageDown", "PageUp",
    "cat", "tiger", "dog",
}  # fmt: skip
# Maths names (z_p, s_p, L_CE, ∂L_MSE/∂z_k, y_k), as the explain panel and the labels write them.
MATHS = re.compile(r"\b[A-Za-z]_[A-Za-z0-9]+|\b[A-Za-z]_\{[^}]*\}")
COMMANDS = re.compile(r"--report text")  # the command line, as typed in any language
WORD = re.compile(r"[A-Za-z]{3,}")
Texts = list[tuple[str, str]]


def plain(text: str) -> str:
    """Rich text as read: the body of a Qt document, tags as spaces (a subscript stays a word
    of its own), entities decoded."""
    text = re.sub(r"(?s).*<body[^>]*>", "", text)
    return html.unescape(re.sub(r"<[^>]*>", " ", text))


def english_words(text: str) -> list[str]:
    """The English words left in ``text`` once markup, maths names and allowed names are gone
    (a run of three or more Latin letters counts as a word)."""
    text = COMMANDS.sub(" ", MATHS.sub(" ", plain(text)))
    return [w for w in WORD.findall(text) if w not in ALLOWED]


def test_english_words_counts_words_not_names_or_maths():
    assert english_words("Loss against the true logit") == [
        "Loss",
        "against",
        "the",
        "true",
        "logit",
    ]
    assert english_words("损失 (CE 纳特, MSE 求和)") == []
    assert english_words("L<sub>CE</sub> = −log s_p，∂L_MSE/∂z_k") == []
    assert english_words("<b style='color:#fff'>MSE 几乎学不动</b>") == []
    assert english_words("s(cat) = 0.5 nats") == ["nats"]


def _where(obj: QObject) -> str:
    """A widget's object name, or its nearest named ancestor's and its class."""
    names = []
    o: QObject | None = obj
    while o is not None:
        if o.objectName():
            names.append(o.objectName())
            break
        names.append(type(o).__name__)
        o = o.parent()
    return "/".join(reversed(names))


def widget_texts(root: QWidget, hidden_pages: list[QWidget] | None = None) -> Texts:
    """Every text a widget under ``root`` (``root`` too) shows or names itself by, but for
    the widgets of ``hidden_pages`` (the tab pages not shown: a page brings its texts up to
    date as it shows)."""
    out: Texts = []
    for w in [root, *root.findChildren(QWidget)]:
        if any(page.isAncestorOf(w) for page in hidden_pages or ()):
            continue
        where = _where(w)

        def add(kind: str, text: str | None, where: str = where) -> None:
            if text:
                out.append((f"{where}.{kind}", text))

        add("toolTip", w.toolTip())
        add("accessibleName", w.accessibleName())
        add("accessibleDescription", w.accessibleDescription())
        if w.isWindow() or isinstance(w, QDockWidget):
            add("windowTitle", w.windowTitle())
        if isinstance(w, QLabel):
            add("text", w.text())
        elif isinstance(w, QAbstractButton):
            add("text", w.text())
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(f"item{i}", w.itemText(i))
        elif isinstance(w, QLineEdit):
            add("text", w.text())
            add("placeholder", w.placeholderText())
        elif isinstance(w, QAbstractSpinBox):
            add("prefix", getattr(w, "prefix", lambda: "")())
            add("suffix", getattr(w, "suffix", lambda: "")())
            add("specialValueText", w.specialValueText())
        elif isinstance(w, QGroupBox):
            add("title", w.title())
        elif isinstance(w, QProgressBar):
            add("format", w.format())
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                add(f"tab{i}", w.tabText(i))
                add(f"tab{i}.toolTip", w.tabToolTip(i))
        elif isinstance(w, QListWidget):
            for i in range(w.count()):
                add(f"item{i}", w.item(i).text())
        elif isinstance(w, QPlainTextEdit):
            add("text", w.toPlainText())
        elif isinstance(w, QTextEdit):
            add("html", w.toHtml())
        if isinstance(w, pg.GraphicsView):
            out.extend(plot_texts(w))
    return out


def plot_texts(view: pg.GraphicsView) -> Texts:
    """Titles, axis and colour-bar labels, legend entries and text items of one plot."""
    out: Texts = []
    name = _where(view)
    # pyqtgraph's scene menu ("Export...") joins a view box's menu, and every view box has its
    # menu off: it never shows, so its English is not the window's.
    boxes = [item for item in view.scene().items() if isinstance(item, pg.ViewBox)]
    assert boxes and not any(box.menuEnabled() for box in boxes), name
    for item in view.scene().items():
        kind = type(item).__name__
        if isinstance(item, pg.AxisItem):
            out.append((f"{name}:{kind}.label", item.labelText))
        elif isinstance(item, pg.LabelItem):  # titles and legend entries
            out.append((f"{name}:{kind}", item.text))
        elif isinstance(item, pg.TextItem):  # InfLineLabel too
            out.append((f"{name}:{kind}", item.toHtml()))
        elif isinstance(item, QGraphicsTextItem):
            out.append((f"{name}:{kind}", item.toHtml()))
        elif isinstance(item, QGraphicsSimpleTextItem):
            out.append((f"{name}:{kind}", item.text()))
        elif isinstance(item, ValueLabels):
            out += [(f"{name}:{kind}", text) for _x, _y, text in item.labels]
    return [(k, t) for k, t in out if t]


def action_texts(window: MainWindow) -> Texts:
    out: Texts = []
    for menu in window.findChildren(QMenu):
        out.append((f"{_where(menu)}.title", menu.title()))
        for act in menu.actions():
            if act.text():
                out.append((f"{_where(act)}.text", act.text()))
                out.append((f"{_where(act)}.toolTip", act.toolTip()))
    for act in window.findChildren(QAction):
        if act.text() and act.parent() is not None and not isinstance(act.parent(), QGraphicsScene):
            out.append((f"{_where(act)}.text", act.text()))
            out.append((f"{_where(act)}.toolTip", act.toolTip()))
    for bar in window.findChildren(QToolBar):
        out.append((f"{_where(bar)}.windowTitle", bar.windowTitle()))
    return out


def settle() -> None:
    QCoreApplication.sendPostedEvents()
    QApplication.processEvents()


def in_modal(trigger: Callable[[], object]) -> Texts:
    """Texts of the modal dialog ``trigger`` opens, read while it shows, then closed."""
    seen: Texts = []

    def read() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:  # not up yet
            QTimer.singleShot(20, read)
            return
        seen.extend(widget_texts(dialog))
        dialog.close()

    QTimer.singleShot(0, read)
    trigger()
    settle()
    assert seen, "the dialog never showed"
    return seen


def action(window: MainWindow, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert isinstance(found, QAction), name
    return found


def walk(window: MainWindow, qtbot) -> Texts:
    """Every visible text of the window and its dialogs, with where each is."""
    texts: Texts = []
    action(window, "actionStartLesson").trigger()
    action(window, "actionSceneList").trigger()
    explain = action(window, "actionExplain")
    if not explain.isChecked():
        explain.trigger()
    settle()
    for name in ("overview", "surfaces", "race", "simplex", "train"):
        window.set_view(name)
        settle()
        if name == "race":
            race = window.findChild(RaceView, "raceViewContent")
            qtbot.waitUntil(lambda race=race: race.run is not None, timeout=20000)
        window.explain.flush()
        settle()
        tabs = window.tabs
        pages = [tabs.widget(i) for i in range(tabs.count()) if i != tabs.currentIndex()]
        hidden = [page for page in pages if page is not None]
        texts += [(f"[{name}] {k}", t) for k, t in widget_texts(window, hidden)]
        texts.append((f"[{name}] explainText.markup", window.explain.markup()))
    texts += action_texts(window)
    texts.append(("statusBar", window.statusBar().currentMessage()))
    action(window, "actionDescribeView").trigger()
    settle()
    describe = window.findChild(QWidget, "describeViewDialog")
    assert describe is not None and describe.isVisible()
    texts += widget_texts(describe)
    describe.close()
    settle()
    texts += in_modal(action(window, "actionExport").trigger)
    texts += in_modal(action(window, "actionShortcuts").trigger)
    texts += in_modal(action(window, "actionAbout").trigger)
    return [(where, text) for where, text in texts if text]


NATIVE = {"简体中文"}  # the language menu names each language in itself


def still_english(texts: Texts) -> list[str]:
    return sorted({f"{where}: {plain(text)!r}" for where, text in texts if english_words(text)})


def chinese_left(texts: Texts) -> list[str]:
    return sorted(
        {
            f"{where}: {plain(text)!r}"
            for where, text in texts
            if text not in NATIVE and CJK.search(plain(text))
        }
    )


@pytest.fixture
def chinese_then_english() -> Iterator[None]:
    set_language("zh")
    yield
    set_language("en")
    QSettings().remove(i18n.SETTINGS_KEY)
    settle()


def _window(qtbot) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_a_window_built_in_chinese_shows_no_english_and_switches_to_no_chinese(
    qtbot, chinese_then_english
):
    window = _window(qtbot)
    texts = walk(window, qtbot)
    assert len(texts) > 300  # the walk reaches the whole window
    bad = still_english(texts)
    assert not bad, "English under zh:\n" + "\n".join(bad)
    set_language("en")
    settle()
    bad = chinese_left(walk(window, qtbot))
    assert not bad, "Chinese left in English:\n" + "\n".join(bad)


def test_a_window_switched_to_chinese_at_run_time_shows_no_english(qtbot, chinese_then_english):
    set_language("en")
    window = _window(qtbot)
    english = walk(window, qtbot)  # every page built, every dialog seen, in English
    assert not chinese_left(english)
    assert still_english(english)  # the check sees English where there is some
    set_language("zh")
    settle()
    bad = still_english(walk(window, qtbot))
    assert not bad, "English after the switch to zh:\n" + "\n".join(bad)
    set_language("en")
    settle()
    bad = chinese_left(walk(window, qtbot))
    assert not bad, "Chinese left after the switch back:\n" + "\n".join(bad)
