"""Lecture mode's look, measured on the window itself: every plot's text at least 1/50 of the
window's height (22 px at 1080 p), the plots on the profile's background, CE and MSE in the
profile's colours and dash patterns; and back to the everyday look."""

from __future__ import annotations

from itertools import pairwise

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QTableWidget,
)

from gui import palette, theme
from gui.views.fast_items import CurveItem, ValueLabels
from tests.gui.conftest import find, shown_window, tick_labels

TABS = ("overviewView", "surfacesView", "raceView", "simplexView", "trainView")


def _document_px(doc: QTextDocument) -> list[int]:
    """The pixel size of every non-empty run of text in a rich-text document."""
    sizes = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid() and fragment.text().strip():
                font = fragment.charFormat().font()
                sizes.append(_px(font))
            it += 1
        block = block.next()
    return sizes


def _px(font: QFont) -> int:
    if font.pixelSize() > 0:
        return font.pixelSize()
    return round(font.pointSizeF() * 96 / 72)  # the offscreen screen's 96 dpi


def plot_text_sizes(root) -> dict[str, int]:
    """The smallest text size of each kind of text item on the plots under ``root``."""
    found: dict[str, int] = {}

    def note(what: str, px: int) -> None:
        found[what] = min(px, found.get(what, px))

    for view in root.findChildren(pg.GraphicsView):
        if not view.isVisible():
            continue
        for item in view.scene().items():
            if not item.isVisible():
                continue
            if isinstance(item, pg.AxisItem):
                font = item.style["tickFont"] or item.font()  # none set: the item's own
                if item.style["showValues"]:
                    note(f"{view.objectName()} ticks", _px(font))
            elif isinstance(item, QGraphicsTextItem) and item.toPlainText().strip():
                for px in _document_px(item.document()):
                    note(f"{view.objectName()} text {item.toPlainText()[:20]!r}", px)
            elif isinstance(item, QGraphicsSimpleTextItem) and item.text().strip():
                note(f"{view.objectName()} label {item.text()!r}", _px(item.font()))
            elif isinstance(item, ValueLabels) and item.labels:
                note(f"{view.objectName()} values", _px(item.font()))
    return found


@pytest.fixture
def lecture(window, qtbot):
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    theme.set_profile("projector", 1080)
    yield window
    theme.set_profile("dark", 0)


def test_every_plot_text_is_at_least_22_px_at_1080p(lecture, qtbot):
    tabs = find(lecture, pg.QtWidgets.QTabWidget, "viewTabs")
    for name in TABS:
        page = find(lecture, pg.QtWidgets.QWidget, name)
        tabs.setCurrentWidget(page)
        qtbot.wait(50)
        sizes = plot_text_sizes(page)
        assert len(sizes) > 3, (name, sizes)  # the walk found the plots' text
        small = {what: px for what, px in sizes.items() if px < 22}
        assert not small, (name, small)


def test_the_everyday_look_keeps_its_own_plot_font(window, qtbot):
    window.show()
    sizes = plot_text_sizes(find(window, pg.QtWidgets.QWidget, "overviewView"))
    assert sizes and max(sizes.values()) < 22  # lecture mode's rule applies only there


def _corner(widget) -> QColor:
    image = widget.grab().toImage()
    return QColor(image.pixel(3, 3))


def test_plots_and_curves_follow_the_profile_and_come_back(lecture, qtbot):
    plot = find(lecture, pg.PlotWidget, "lossCurvePlot")
    curves = [i for i in plot.scene().items() if isinstance(i, CurveItem)]
    pens = [c.pen() for c in curves if isinstance(c, CurveItem)]
    p = palette.PROJECTOR
    assert {pen.color().name() for pen in pens} == {p.ce.lower(), p.mse.lower()}
    dashed = [pen for pen in pens if pen.color().name() == p.mse.lower()]
    assert dashed[0].dashPattern() == list(p.mse_dash)
    assert all(pen.widthF() == 2 * 3.0 for pen in pens)  # twice as thick
    assert _corner(plot).name() == p.background.lower()
    assert QApplication.palette().window().color().name() == p.window.lower()
    theme.set_profile("dark", 0)
    qtbot.wait(20)
    d = palette.DARK
    pens = [c.pen() for c in curves if isinstance(c, CurveItem)]
    assert {pen.color().name() for pen in pens} == {d.ce.lower(), d.mse.lower()}
    assert all(pen.widthF() == 3.0 for pen in pens)
    assert _corner(plot).name() == d.background.lower()
    assert QApplication.palette().window().color().name() == d.window.lower()


@pytest.mark.parametrize("lecture_on", [False, True])
def test_the_value_tables_rows_alternate_in_the_profiles_shades(qtbot, lecture_on):
    """Without grid lines a reader follows a row across by its shade: the rows alternate
    between the profile's two backgrounds, right up to where they meet."""
    from model.state import AppState

    window = shown_window(qtbot, AppState().with_class_count(6), (1600, 1000), lecture_on)
    try:
        table = find(window, QTableWidget, "valueTable")
        qtbot.wait(20)
        image = table.viewport().grab().toImage()
        p = palette.PROJECTOR if lecture_on else palette.DARK
        x = 2  # left of column 0's right-aligned logits: only the row's background
        for r in range(table.rowCount()):
            top, height = table.rowViewportPosition(r), table.rowHeight(r)
            want = (p.base if r % 2 == 0 else p.caption_background).lower()
            for y in (top, top + height // 2, top + height - 1):  # no line between rows
                assert QColor(image.pixel(x, y)).name() == want, (r, y)
        assert p.base.lower() != p.caption_background.lower()
    finally:
        window.set_lecture_mode(False)


@pytest.mark.parametrize("profile", ["dark", "projector"])
@pytest.mark.parametrize(
    ("tab", "plot_name"), [("surfacesView", "ceLossSurface"), ("simplexView", "simplexCePlot")]
)
def test_a_focused_plot_shows_a_ring_in_the_profile_focus_colour(
    window, qtbot, profile, tab, plot_name
):
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    theme.set_profile(profile, 1000)
    try:
        tabs = find(window, pg.QtWidgets.QTabWidget, "viewTabs")
        tabs.setCurrentWidget(find(window, pg.QtWidgets.QWidget, tab))
        qtbot.wait(50)
        plot = find(window, pg.GraphicsView, plot_name)
        ring = QColor(palette.profile(profile).focus_ring).name()

        def edge() -> str:
            image = plot.viewport().grab().toImage()
            return QColor(image.pixel(1, image.height() // 2)).name()

        assert edge() != ring
        plot.setFocus()
        qtbot.waitUntil(plot.hasFocus)
        qtbot.wait(30)
        assert edge() == ring
        tabs.setFocus()
        qtbot.wait(30)
        assert edge() != ring
    finally:
        theme.set_profile("dark", 0)


@pytest.mark.parametrize(("size", "lecture_on"), [((1600, 1000), False), ((1280, 720), True)])
def test_the_second_axis_is_named_in_words_that_fit_along_it(window, qtbot, size, lecture_on):
    """Lecture mode's large text at 1280×720 cut "y = mean of the other logits" off at both
    ends: the axis then takes a shorter name, whole; the everyday look keeps the full one."""
    from gui.views.surfaces import SurfacePlot

    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.set_lecture_mode(lecture_on)
    try:
        window.set_view("surfaces")
        QApplication.processEvents()
        plots = find(window, pg.QtWidgets.QWidget, "surfacesView").findChildren(SurfacePlot)
        assert len(plots) == 4
        for plot in plots:
            axis = plot.plot.getAxis("left")
            QApplication.processEvents()
            assert plot.y_label().startswith("y")
            assert axis.label.boundingRect().width() <= axis.height()
            if not lecture_on:
                assert plot.y_label() == "y = mean of the other logits"
    finally:
        window.set_lecture_mode(False)


@pytest.mark.parametrize(
    ("size", "lecture_on", "lang"),
    [((1600, 1000), False, "en"), ((1280, 720), True, "en"), ((1280, 720), True, "zh")],
)
def test_the_loss_axis_is_named_in_words_that_fit_along_it(window, qtbot, size, lecture_on, lang):
    """Lecture mode's large text at 1280×720 cut "loss (CE nats, MSE sum)" (and its Chinese)
    off at both ends: the axis then says "loss" alone, whole; the everyday look keeps units."""
    from gui.i18n import set_language

    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    set_language(lang)
    window.set_lecture_mode(lecture_on)
    try:
        window.set_view("overview")
        QApplication.processEvents()
        view = find(window, pg.QtWidgets.QWidget, "overviewView")
        axis = find(window, pg.PlotWidget, "lossCurvePlot").getPlotItem().getAxis("left")
        QApplication.processEvents()
        assert axis.label.boundingRect().width() <= axis.height()
        if not lecture_on:
            assert view.loss_label() == "loss (CE nats, MSE sum)"
        else:  # the whole name is ~300 px long; the axis ~165
            assert view.loss_label() == {"en": "loss", "zh": "损失"}[lang]
    finally:
        window.set_lecture_mode(False)
        set_language("en")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_four_overview_plots_share_the_view_equally_in_lecture_mode(qtbot, lang, english_after):
    """A window opened in Chinese at 1280×720 in lecture mode gave the bar plots' row twice
    the curve plots' height (381 against 186 px), and the gradient plot's tick labels ran into
    each other: the rows and columns are equal, whatever their texts, and no axis's labels
    overlap."""
    from gui.i18n import set_language
    from model.state import AppState

    set_language(lang)  # before the window, as a launch in that language has it
    window = shown_window(qtbot, AppState().with_view("overview"), (1280, 720), lecture=True)
    try:
        QApplication.processEvents()
        plots = {
            name: find(window, pg.PlotWidget, name)
            for name in ("probBarsPlot", "gradBarsPlot", "lossCurvePlot", "gradCurvePlot")
        }
        heights = {name: w.height() for name, w in plots.items()}
        widths = {name: w.width() for name, w in plots.items()}
        assert max(heights.values()) - min(heights.values()) <= 1, heights
        assert max(widths.values()) - min(widths.values()) <= 1, widths
        for name, w in plots.items():
            for side in ("left", "bottom"):
                axis = w.getPlotItem().getAxis(side)
                vertical = side == "left"
                rects = sorted(
                    (rect for _text, rect in tick_labels(axis)),
                    key=lambda r: r.y() if vertical else r.x(),
                )
                assert len(rects) >= 2, (name, side)
                for a, b in pairwise(rects):
                    assert not a.intersects(b), (name, side, a, b)
    finally:
        window.set_lecture_mode(False)


@pytest.mark.parametrize(
    ("size", "lecture_on"), [((1600, 1000), False), ((1280, 720), True), ((1280, 800), True)]
)
def test_a_bar_near_one_keeps_its_value_inside_the_plot(qtbot, size, lecture_on):
    """Lecture mode's large text at 1280×720 put the value above a bar at 0.982 half out of
    the probability plot (its axis stopped at 1.12): the axis reaches as high as the value
    needs, and the everyday look keeps 1.12."""
    from gui.views.fast_items import ValueLabels
    from model.state import AppState

    state = AppState().with_logits((-4.0, 4.0, 0.0)).with_view("overview")
    window = shown_window(qtbot, state, size, lecture=lecture_on)
    try:
        QApplication.processEvents()
        vb = find(window, pg.PlotWidget, "probBarsPlot").getPlotItem().vb
        (labels,) = [i for i in vb.childGroup.childItems() if isinstance(i, ValueLabels)]
        assert [text for _x, _y, text in labels.labels] == ["3.3e-04", "0.982", "0.018"]
        assert vb.sceneBoundingRect().contains(labels.sceneBoundingRect())
        top = vb.viewRange()[1][1]
        assert top == pytest.approx(1.12) if not lecture_on else top > 1.12
    finally:
        window.set_lecture_mode(False)


@pytest.mark.parametrize(
    ("size", "lecture_on", "lang"),
    [((1280, 720), False, "en"), ((1280, 800), True, "zh"), ((1920, 1080), True, "en")],
)
def test_ten_bars_values_keep_clear_of_each_other(qtbot, english_after, size, lecture_on, lang):
    """At K = 10 the values above the bars ran into each other ("0.0080.037"), and in
    lecture mode the first bar's was cut at the plot's left edge. Each value drawn keeps a
    margin clear of the others and lies inside the plot, the true class's is always drawn,
    then the most probable ones; each reads its bar's probability (numpy's softmax)."""
    import numpy as np

    from gui.i18n import set_language
    from gui.views.overview import bar_label
    from model.state import AppState

    set_language(lang)
    z = (-2.871, 2.994, -1.123, 0.457, -0.002, 1.877, -2.5, 2.31, 0.88, -0.61)
    state = AppState().with_classes(tuple(f"c{i}" for i in range(10)), z, 0)
    window = shown_window(qtbot, state.with_view("overview"), size, lecture=lecture_on)
    try:
        QApplication.processEvents()
        vb = find(window, pg.PlotWidget, "probBarsPlot").getPlotItem().vb
        (labels,) = [i for i in vb.childGroup.childItems() if isinstance(i, ValueLabels)]
        s = np.exp(np.array(z) - max(z))
        s /= s.sum()
        drawn = {int(x): text for x, _y, text in labels.shown}
        assert 0 in drawn  # the true class
        assert {i: bar_label(float(s[i])) for i in drawn} == drawn
        # thinned, not emptied
        assert len(drawn) >= 5
        rects = [rect for _text, rect in labels.text_rects()]
        inside = vb.sceneBoundingRect()
        for rect in rects:
            assert inside.contains(rect), (rect, inside)
        for i, a in enumerate(rects):
            for b in rects[i + 1 :]:
                assert (
                    a.left() >= b.right() + ValueLabels.MARGIN
                    or b.left() >= a.right() + ValueLabels.MARGIN
                    or a.top() >= b.bottom()
                    or b.top() >= a.bottom()
                ), (a, b)
    finally:
        window.set_lecture_mode(False)


@pytest.mark.parametrize("size", [(1280, 720), (1280, 800)])
def test_the_training_plots_stay_whole_in_lecture_mode(qtbot, size):
    """Lecture mode's title and the room for the curves' end labels made the training loss
    plot 270 px wide in a 240 px widget: its right edge, legend included, was cut off. Each
    training plot fits its widget, and the window keeps its size."""
    from model.state import AppState

    window = shown_window(qtbot, AppState().with_view("train"), size, lecture=True)
    try:
        QApplication.processEvents()
        assert (window.width(), window.height()) == size
        for name in ("trainLossPlot", "trainAccuracyPlot"):
            widget = find(window, pg.PlotWidget, name)
            item = widget.getPlotItem()
            assert item.width() <= widget.viewport().width() + 0.5, name
            assert item.height() <= widget.viewport().height() + 0.5, name
            legend = item.legend
            assert legend is not None
            assert legend.mapRectToItem(item, legend.boundingRect()).right() <= item.width() + 0.5
    finally:
        window.set_lecture_mode(False)


def curve_labels(window, name: str) -> list[tuple[str, QRectF]]:
    """The direct labels ("CE", "MSE") drawn at a curve plot's lines, with their glyph boxes."""
    vb = find(window, pg.PlotWidget, name).getPlotItem().vb
    (labels,) = [i for i in vb.childGroup.childItems() if isinstance(i, ValueLabels)]
    return labels.text_rects()


@pytest.mark.parametrize("k", [3, 10])
def test_the_curves_keep_their_names_whole_through_lecture_mode_and_a_new_k(qtbot, k):
    """Turning lecture mode on took the "CE" and "MSE" off the overview's curves until the
    next edit; after K = 10 the MSE name stayed below its line, where the old range had had
    room for it, and was cut off at the plot's bottom. Each stays, whole in the data area."""
    from PySide6.QtWidgets import QSpinBox

    from model.state import AppState

    window = shown_window(qtbot, AppState().with_view("overview"), (1280, 720), lecture=False)
    try:
        window.set_lecture_mode(True)
        find(window, QSpinBox, "classCountSpin").setValue(k)
        for _ in range(3):
            QApplication.processEvents()
        for name in ("lossCurvePlot", "gradCurvePlot"):
            rects = curve_labels(window, name)
            assert sorted(text for text, _r in rects) == ["CE", "MSE"], name
            box = find(window, pg.PlotWidget, name).getPlotItem().vb.sceneBoundingRect()
            for text, rect in rects:
                assert box.contains(rect), (name, text, rect, box)
    finally:
        window.set_lecture_mode(False)
