"""The window on real screens: the first launch fits the screen, and at a projector's 1280×720
and 1024×768 nothing is cut off (plots shrink only as far as they stay whole, the controls
wrap, the logit dock scrolls and can be hidden)."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6 import QtGui
from PySide6.QtCore import QMarginsF, QRect, Qt
from PySide6.QtGui import QAction, QImage, QPolygonF, QTextDocument
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGraphicsItem,
    QGraphicsTextItem,
    QLabel,
    QLineEdit,
    QPushButton,
    QStatusBar,
    QTableWidget,
    QWidget,
)

from model.state import AppState
from tests.gui.conftest import find, shown_window

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("screen_fit_app.py")
SMALL_SCREENS = [(1024, 768), (1280, 720)]


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def long_name(k: int) -> str:
    """A forty-character class name (the most a name may have), numbered."""
    return f"{k:02d} " + "x" * 37


def longest_names() -> AppState:
    """The worst a user can make of the widths: twenty classes with forty-character names."""
    names = tuple(long_name(k) for k in range(20))
    return AppState().with_classes(names, tuple(float(k % 7) for k in range(20)), 3)


def assert_views_whole(window, views: tuple[str, ...], size: tuple[int, int]) -> None:
    """Each view, shown in turn, has every text whole inside its plot, and the window keeps
    ``size``."""
    for view in views:
        window.set_view(view)
        for _ in range(3):  # a page is built on first show, then lays out
            settle()
        page = window.findChild(QWidget, f"{view}View")
        assert plot_problems(page) == [], view
        assert cut_labels(page) == [], view
        assert (window.width(), window.height()) == size, view


def cut_labels(view: QWidget) -> list[str]:
    """Each one-line plain-text label shown whose text is wider than its room (a QLabel clips
    it at both ends when centred: at 1024×768 in lecture mode "MSE 0.3 % right" lost its M)."""
    cut = []
    for label in view.findChildren(QLabel):
        text = label.text()
        if not label.isVisible() or not text or label.wordWrap() or QtGui.Qt.mightBeRichText(text):
            continue
        if label.fontMetrics().horizontalAdvance(text) > label.contentsRect().width():
            cut.append(f"{label.objectName() or text!r}: {text!r} in {label.contentsRect()}")
    return cut


def clipped_by(widget: QWidget) -> str | None:
    """The first ancestor (up to the window) that does not hold all of ``widget``, if any."""
    rect = widget.rect()
    w: QWidget = widget
    while not w.isWindow():
        parent = w.parentWidget()
        mapped = QRect(widget.mapTo(parent, rect.topLeft()), rect.size())
        if not parent.rect().contains(mapped):
            return f"{parent.objectName() or type(parent).__name__} {parent.rect()} {mapped}"
        w = parent
    return None


def plot_problems(view: QWidget) -> list[str]:
    """Each plot of a view that is clipped, or smaller than what its plot item shows needs
    (pyqtgraph lays an item out at its minimum and lets the rest overflow the widget: titles
    cut mid-word, colour-bar labels gone)."""
    problems = []
    for plot in view.findChildren(pg.GraphicsView):
        if not plot.isVisible():
            continue
        if (where := clipped_by(plot)) is not None:
            problems.append(f"{plot.objectName()} clipped by {where}")
        item = plot.centralWidget
        need = item.effectiveSizeHint(Qt.SizeHint.MinimumSize)
        size = plot.viewport().size()
        if need.width() > size.width() + 0.5 or need.height() > size.height() + 0.5:
            problems.append(f"{plot.objectName()} {size} needs {need.toSize()}")
        # Every text shown (titles, axis labels, tick-free labels such as "MSE barely learns
        # here") lies wholly inside the plot
        # and inside the item that clips it, if any (a view box clips what it holds)
        shown = plot.mapToScene(plot.viewport().rect()).boundingRect().adjusted(-1, -1, 1, 1)
        for text in plot.scene().items():
            if isinstance(text, QGraphicsTextItem) and text.isVisible() and text.toPlainText():
                m = text.document().documentMargin()  # blank padding around the glyphs
                glyphs = text.mapRectToScene(text.boundingRect() - QMarginsF(m, m, m, m))
                room = shown
                clip = text.parentItem()
                while clip is not None:
                    if clip.flags() & QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape:
                        room = room & clip.sceneBoundingRect().adjusted(-1, -1, 1, 1)
                        break
                    clip = clip.parentItem()
                if not room.contains(glyphs):
                    problems.append(f"{plot.objectName()}: {text.toPlainText()!r} cut off")
    return problems


@pytest.mark.parametrize("size", SMALL_SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_nothing_is_cut_off_at_a_projector_s_size(window, qtbot, size):
    window.controller.replace_state(longest_names(), lambda: "long names")
    window.resize(*size)
    settle()
    assert (window.width(), window.height()) == size  # the window takes the size it is given
    for view in ("overview", "surfaces"):
        window.set_view(view)
        settle()
        page = window.findChild(QWidget, f"{view}View")
        assert plot_problems(page) == [], view
    surfaces = window.findChild(QWidget, "surfacesView")
    controls = [
        w
        for cls in (QComboBox, QAbstractSpinBox, QCheckBox, QPushButton)
        for w in surfaces.findChildren(cls)
        if w.objectName() and w.isVisible()
    ]
    assert len(controls) == 10  # mode, competitor, log check, 4 ranges, points, threshold, 3D
    for w in controls:  # the controls wrap onto more rows instead of running off the view
        assert clipped_by(w) is None, w.objectName()
    combo = window.findChild(QComboBox, "competitorCombo")
    assert combo.width() < 300  # not sized to a 40-character name
    assert clipped_by(window.findChild(QWidget, "surface3dButton")) is None
    # The value table's numbers keep their room however long the names in its row headers
    table = window.findChild(QTableWidget, "valueTable")
    assert table.verticalHeader().width() < table.width() / 3
    status = window.findChild(QStatusBar)
    assert status.isVisible() and window.rect().contains(status.geometry())


@pytest.mark.parametrize("names", ["default", "long"])
@pytest.mark.parametrize("size", SMALL_SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_overview_and_surfaces_stay_whole_in_lecture_mode_at_a_projector_s_size(
    window, qtbot, size, names
):
    """Lecture mode's larger text at 1024×768 and 1280×720: every text of the overview and
    the surfaces is whole inside its plot, and the window keeps its size."""
    if names == "long":
        window.controller.replace_state(longest_names(), lambda: "long names")
    window.resize(*size)
    window.set_lecture_mode(True)
    try:
        assert_views_whole(window, ("overview", "surfaces"), size)
    finally:
        window.set_lecture_mode(False)


@pytest.mark.parametrize("names", ["default", "long"])
@pytest.mark.parametrize("lecture_on", [False, True], ids=["everyday", "lecture"])
@pytest.mark.parametrize("size", SMALL_SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_race_simplex_and_training_stay_whole_at_a_projector_s_size(
    window, qtbot, size, lecture_on, names
):
    """Forty-character names ran past the simplex's edges (its corners' names); at 1024×768
    in lecture mode the triangles side by side cut A's and B's values at their plots' edges;
    lecture mode's titles made the training's region plots wider than the room they were
    given, and the race's end labels ran past its plots' tops: every text of these views is
    whole inside its plot, and the window keeps its size."""
    if names == "long":
        window.controller.replace_state(longest_names(), lambda: "long names")
    window.resize(*size)
    window.set_lecture_mode(lecture_on)
    try:
        assert_views_whole(window, ("race", "simplex", "train"), size)
    finally:
        window.set_lecture_mode(False)


@pytest.mark.parametrize(
    ("size", "lecture_on", "lang", "worded"),
    [
        ((1600, 1000), False, "en", True),
        ((1024, 768), True, "en", False),
        ((1024, 768), True, "zh", False),  # "CE 正确率 …" fitted, "MSE 正确率 …" did not
    ],
)
def test_the_training_s_two_headlines_say_the_same_whole(
    qtbot, english_after, size, lecture_on, lang, worded
):
    """The accuracy above each region plot says "right" where both have room for it, and the
    number alone in both where either has not: side by side they read alike, and whole."""
    from gui.i18n import set_language, tr

    set_language(lang)
    window = shown_window(qtbot, AppState().with_view("train"), size, lecture_on)
    try:
        for _ in range(3):
            settle()
        texts = {
            series: window.findChild(QLabel, f"train{series.title()}AccuracyLabel").text()
            for series in ("ce", "mse")
        }
        # Each text's form: what is left with its series' name taken off and its number as #.
        forms = {s: re.sub(r"\d+\.\d", "#", t.removeprefix(s.upper())) for s, t in texts.items()}
        want = tr("CE %1 right") if worded else tr("CE %1")
        assert set(forms.values()) == {want.removeprefix("CE").replace("%1", "# %")}, texts
        assert cut_labels(window.findChild(QWidget, "trainView")) == []
    finally:
        window.set_lecture_mode(False)


def region_titles(window) -> list[tuple[str, bool, float, float]]:
    """Each region plot's title: its text, whether it is on one line, its one-line glyphs'
    width (measured here from the title's own pixel size) and its data's width."""
    titles = []
    for name in ("trainCeRegions", "trainMseRegions"):
        plot = find(window, pg.PlotWidget, name)
        label = plot.plotItem.titleLabel
        doc = QTextDocument()
        doc.setHtml(label.text)
        px = re.search(r"font-size:\s*(\d+)px", label.item.toHtml() + label.text)
        font = QtGui.QFont()
        font.setPixelSize(int(px.group(1)))
        one_line = " ".join(doc.toPlainText().split())
        titles.append(
            (
                one_line,
                "<br>" not in label.text,
                QtGui.QFontMetricsF(font).horizontalAdvance(one_line),
                plot.plotItem.vb.width(),
            )
        )
    return titles


@pytest.mark.parametrize(
    ("size", "lecture_on", "one_line"),
    [
        ((1920, 1080), True, True),  # broken by a fixed width, though the plot had room
        ((1280, 720), False, True),
        ((1024, 768), False, False),  # one line ran over the left axis
        ((1024, 768), True, False),
    ],
)
def test_the_region_titles_take_one_line_where_it_fits_over_the_data(
    qtbot, size, lecture_on, one_line
):
    window = shown_window(qtbot, AppState().with_view("train"), size, lecture_on)
    try:
        for _ in range(3):
            settle()
        titles = region_titles(window)
        # Both in the same form: one line where both are whole over their data, and broken
        # where either would leave under 8 px of it free (a title from edge to edge crowds).
        assert {on_one for _text, on_one, _w, _d in titles} == {one_line}, titles
        if one_line:
            assert all(width <= data for _text, _on, width, data in titles), titles
        else:
            assert any(width > data - 8 for _text, _on, width, data in titles), titles
        assert plot_problems(find(window, QWidget, "trainView")) == []
    finally:
        window.set_lecture_mode(False)


def test_the_region_titles_follow_the_window_both_ways(qtbot):
    """The titles on one line do not hold the window at their width: made small, it takes
    the small size and breaks them; made large again, they are one line again."""
    window = shown_window(qtbot, AppState().with_view("train"), (1920, 1080), True)
    try:
        forms = []
        for size in ((1920, 1080), (1024, 768), (1920, 1080)):
            window.resize(*size)
            for _ in range(3):
                settle()
            assert (window.width(), window.height()) == size
            forms.append({on_one for _text, on_one, _w, _d in region_titles(window)})
            assert plot_problems(find(window, QWidget, "trainView")) == [], size
        assert forms == [{True}, {False}, {True}]
    finally:
        window.set_lecture_mode(False)


def test_the_dock_scrolls_when_the_window_is_narrow_and_can_be_hidden(window):
    window.resize(1024, 768)
    window.set_view("overview")
    settle()
    dock = window.dock
    panel = window.findChild(QWidget, "logitPanel")
    # Never squeezed below what it shows: the panel keeps its width and scrolls sideways ...
    assert panel.width() >= panel.minimumSizeHint().width()
    assert dock.isVisible()
    plots = [p for p in window.findChildren(pg.GraphicsView) if p.isVisible()]
    before = min(p.width() for p in plots)
    window.findChild(QAction, "actionShowLogits").trigger()
    settle()
    # ... and hiding it gives the room to the plots
    assert not dock.isVisible()
    assert min(p.width() for p in plots) > before + 100


def test_a_long_class_name_does_not_widen_the_combos(window):
    box = window.findChild(QLineEdit, "classNameEdit1")
    before = {n: window.findChild(QComboBox, n).sizeHint().width() for n in ("targetCombo",)}
    box.setText("a" * 40)
    box.editingFinished.emit()
    window.set_view("surfaces")
    settle()
    for name, width in before.items():
        assert window.findChild(QComboBox, name).sizeHint().width() == width
    window.findChild(QComboBox, "surfaceModeCombo").setCurrentIndex(1)  # one competitor
    assert window.findChild(QComboBox, "competitorCombo").sizeHint().width() < 300
    window.resize(1024, 768)
    settle()
    assert window.width() == 1024


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("names", ["short", "long"])
@pytest.mark.parametrize("size", [(1280, 720), (1600, 1000)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_value_table_shows_its_longest_numbers_whole(qtbot, english_after, size, names, lang):
    """At K = 10 the table elided "-0.000201734" to "-0.0002017…" at 1600×1000. Each column
    now holds the longest number it can show: a logit the editor can set, and signed
    six-digit values with 3-digit exponents (a class 700 logits behind). The oracle is Qt's
    own measure of what a column's contents need (sizeHintForColumn)."""
    from gui.i18n import set_language

    set_language(lang)
    k = 10
    classes = tuple(long_name(i) if names == "long" else f"class {i}" for i in range(k))
    logits = (0.0, -700.0, -999.999, -0.001, 3.123, -2.5, 1.0, -1.0, 2.0, -690.5)
    window = shown_window(qtbot, AppState(), size, False)
    # from the default three classes, as a preset or an opened session changes them
    window.controller.replace_state(AppState().with_classes(classes, logits, 0), lambda: "ten")
    settle()
    table = window.findChild(QTableWidget, "valueTable")
    texts = [[table.item(r, c).text() for r in range(k)] for c in range(4)]
    assert max(len(t) for t in texts[0]) == 8  # "-999.999"
    assert max(len(t) for column in texts[1:] for t in column) == 13  # "-2.44843e-306"
    for c in range(4):
        assert table.sizeHintForColumn(c) <= table.columnWidth(c), (c, max(texts[c], key=len))
    # the columns are inside the table's viewport, not scrolled off its right edge
    last = table.columnViewportPosition(3) + table.columnWidth(3)
    assert last <= table.viewport().width()
    assert window.width() == size[0]  # and the window kept its size
    # The dock grew with the table: it shows the whole panel, with no sideways scrolling.
    scroller = window.dock.widget()
    assert not scroller.horizontalScrollBar().isVisible()
    assert scroller.viewport().width() >= scroller.widget().minimumSizeHint().width()


def test_a_session_s_longer_logit_widens_its_column_while_it_is_shown(qtbot):
    """A session file's logit may be any number within the limit, and the table writes it
    to six digits: "-1.23457e-300" was elided in the column sized for the editor's longest
    ("-999.999"). The column widens for it, and narrows again once no such logit is shown."""
    window = shown_window(qtbot, AppState(), (1600, 1000), False)
    table = window.findChild(QTableWidget, "valueTable")
    usual = table.columnWidth(0)
    opened = AppState().with_classes(("cat", "tiger", "dog"), (-1.23456789e-300, 2.0, 0.5), 0)
    window.controller.replace_state(opened, lambda: "opened")
    settle()
    assert table.item(0, 0).text() == "-1.23457e-300"
    assert table.sizeHintForColumn(0) <= table.columnWidth(0)
    last = table.columnViewportPosition(3) + table.columnWidth(3)
    assert last <= table.viewport().width()  # the others still inside the table
    find(window, QDoubleSpinBox, "logitSpin0").setValue(-2.0)  # an edit in the editor
    settle()
    assert table.item(0, 0).text() == "-2"
    assert table.columnWidth(0) == usual


def test_a_logit_dock_made_narrower_stays_so_when_the_panel_grows(qtbot):
    window = shown_window(qtbot, AppState(), (1600, 1000), False)
    window.resizeDocks([window.dock], [300], Qt.Orientation.Horizontal)  # as a drag of its edge
    settle()
    narrowed = window.dock.width()
    assert narrowed < window.dock.widget().sizeHint().width()
    names = tuple(long_name(k) for k in range(10))
    window.controller.replace_state(
        AppState().with_classes(names, (0.0,) * 10, 0), lambda: "long names"
    )
    settle()
    assert window.dock.width() == narrowed


@pytest.mark.parametrize("opened_with", [True, False], ids=["opened", "edited"])
def test_the_logit_dock_leaves_a_small_window_s_plots_most_of_its_width(qtbot, opened_with):
    """Twenty forty-character names widen the value table's row names: on a 1024×768 screen
    the dock took 470 px in lecture mode. It asks for at most 40 % of the window, opened
    with those names or given them later, and the panel scrolls sideways instead."""
    state = longest_names().with_view("simplex")  # a view that leaves the dock all it asks for
    first = state if opened_with else AppState().with_view("simplex")
    window = shown_window(qtbot, first, (1024, 768), True)
    if not opened_with:
        window.controller.replace_state(state, lambda: "long names")
    settle()
    assert window.dock.width() <= 0.4 * 1024 + 1
    scroller = window.dock.widget()
    assert scroller.widget().minimumSizeHint().width() > scroller.viewport().width()
    assert scroller.horizontalScrollBar().isVisible()
    window.set_lecture_mode(False)


@pytest.mark.parametrize(
    ("size", "lecture_on", "stacked"),
    [((1024, 768), True, True), ((1280, 720), False, False), ((1600, 1000), True, False)],
)
def test_the_simplex_stacks_its_triangles_in_a_view_taller_than_wide(
    qtbot, size, lecture_on, stacked
):
    """Opened on the simplex at 1024×768 in lecture mode, the two triangles side by side
    each had a third of a 300 px plot, and A's and B's values were cut at the plots' edges.
    In a view taller than wide they are stacked, and every text is whole."""
    window = shown_window(qtbot, AppState().with_view("simplex"), size, lecture_on)
    try:
        for _ in range(3):
            settle()
        page = window.findChild(QWidget, "simplexView")
        ce = window.findChild(QWidget, "simplexCePlot").geometry()
        mse = window.findChild(QWidget, "simplexMsePlot").geometry()
        assert plot_problems(page) == []
        assert (ce.bottom() < mse.top()) == stacked
        assert (ce.right() < mse.left()) == (not stacked)
    finally:
        window.set_lecture_mode(False)


def triangle_px(plot) -> float:
    """A simplex plot's triangle side in pixels: its data area's width over its x range (the
    triangle's corners are a unit apart)."""
    (x0, x1), _ = plot.box.viewRange()
    return plot.box.width() / (x1 - x0)


@pytest.mark.parametrize("lecture_on", [False, True])
def test_a_small_simplex_marks_a_and_b_by_their_letters_for_a_larger_triangle(qtbot, lecture_on):
    """At 1024×768 (the triangles stacked) A's and B's three lines of values either side of
    the top vertex left triangles of 83 px (60 in lecture mode). There the callouts are the
    letters alone (their values are on the bold level lines and in the sentence below), and
    the side edges' names move down their edges, clear of the bold values; from 1280×720
    up they keep their values."""
    window = shown_window(qtbot, AppState().with_view("simplex"), (1024, 768), lecture_on)
    try:
        for size, letters in (((1024, 768), True), ((1600, 1000), False)):
            window.resize(*size)
            for _ in range(3):
                settle()
            for name in ("simplexCePlot", "simplexMsePlot"):
                plot = find(window, QWidget, name)
                texts = {
                    t.toPlainText(): t
                    for t in plot.scene().items()
                    if isinstance(t, QGraphicsTextItem) and t.isVisible() and t.toPlainText()
                }
                callouts = [t for t in texts if t.split("\n")[0] in ("A", "B")]
                assert len(callouts) == 2, texts.keys()
                assert all((t in ("A", "B")) == letters for t in callouts), callouts
                if letters:
                    assert triangle_px(plot) >= 120, name
                    bold = [t for t in texts if re.fullmatch(r"\d\.\d{3}", t)]  # not ticks
                    sides = [t for t in texts if t.endswith("→") and not t.startswith("←")]
                    assert bold and len(sides) == 2, texts.keys()
                    for a, b in itertools.product(bold, sides):
                        assert not glyphs(texts[a]).intersects(glyphs(texts[b])), (a, b)
            assert plot_problems(find(window, QWidget, "simplexView")) == []
    finally:
        window.set_lecture_mode(False)


def glyphs(text: QGraphicsTextItem) -> QPolygonF:
    """Where a text's lines are, in scene pixels, turned as the text is."""
    m = text.document().documentMargin()
    return text.mapToScene(text.boundingRect() - QMarginsF(m, m, m, m))


@pytest.mark.parametrize(
    ("size", "lecture_on", "view", "shared"),
    [
        ((1280, 720), True, "overview", True),
        ((1280, 800), True, "simplex", False),
        ((1280, 720), False, "race", True),
        ((1280, 720), False, "overview", False),
        ((1600, 1000), True, "overview", False),
        ((1024, 768), False, "race", True),  # shared, still 26 px too wide
        ((1024, 768), True, "overview", True),  # 69 px
        ((1024, 768), True, "train", True),
    ],
)
def test_opening_the_explain_panel_keeps_the_window_s_width(qtbot, size, lecture_on, view, shared):
    """Opening View → Explain at 1280×720 in lecture mode made the window 1339 px wide, past
    the screen. Where the docks and the plots' least widths do not fit, the explain panel
    shares the logit dock's place as a tab, shown in front; where they fit, it opens beside
    the plots as before. Where even sharing is too wide (1024×768), the panel is narrower."""
    window = shown_window(qtbot, AppState().with_view(view), size, lecture_on)
    try:
        for _ in range(3):
            settle()
        window.findChild(QAction, "actionExplain").trigger()
        for _ in range(3):
            settle()
        assert window.width() == size[0]
        explain = window.findChild(QWidget, "explainDock")
        assert explain.isVisible() and not explain.visibleRegion().isEmpty()
        assert (explain in window.tabifiedDockWidgets(window.dock)) == shared
        assert window.dock.isVisible()
        for _ in range(2):  # closed and opened again: in front again, the width kept
            window.findChild(QAction, "actionExplain").trigger()
            settle()
        assert explain.isVisible() and not explain.visibleRegion().isEmpty()
        assert window.width() == size[0]
    finally:
        window.set_lecture_mode(False)


# --- the first launch, on a real X server of each size -------------------------------------
def _xvfb_command(size: tuple[int, int], out: Path) -> list[str]:
    xvfb = shutil.which("xvfb-run")
    assert xvfb, "xvfb-run is needed for the real-screen tests (apt-get install xvfb xauth)"
    screen = f"-screen 0 {size[0]}x{size[1]}x24"
    return [xvfb, "-a", "-s", screen, sys.executable, str(SCRIPT), str(out)]


@pytest.mark.parametrize(
    "size", [*SMALL_SCREENS, (1280, 800), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}"
)
def test_the_first_launch_fits_the_screen(tmp_path, qapp, size):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # no saved layout: a first launch
    proc = subprocess.run(
        _xvfb_command(size, tmp_path),
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["available"] == [0, 0, *size]
    x, y, w, h = report["frame"]
    assert x >= 0 and y >= 0 and x + w <= size[0] and y + h <= size[1], report["frame"]
    assert (w, h) == (min(1600, size[0]), min(1000, size[1]))  # as large as the screen allows
    for view in ("overview", "surfaces"):
        assert report[view] == [], (view, report[view])
    shot = QImage(str(tmp_path / "surfaces.png"))
    assert (shot.width(), shot.height()) == (w, h)


@pytest.mark.parametrize("view", ["overview", "surfaces"])
def test_the_command_line_exports_at_1024x768(tmp_path, view):
    """``--size 1024x768`` was refused: the window needed 1238 pixels of width."""
    out = tmp_path / "small.png"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    args = ["--export", str(out), "--size", "1024x768", "--view", view]
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(out))
    assert 0 < image.width() < 1024 and 0 < image.height() < 768
