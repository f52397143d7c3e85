"""F2's plots as drawn: the curves' bounds and thinned strokes, the markers, the bar values."""

from __future__ import annotations

from itertools import combinations, pairwise

import numpy as np
import pyqtgraph as pg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QDoubleSpinBox, QSpinBox

from gui import theme
from gui.views.fast_items import (
    Bars,
    CurveItem,
    Dots,
    ValueLabels,
    chord_points,
    pixel_size,
    straight_runs,
    stroke_pieces,
)
from gui.views.lean_plot import LeanPlot
from tests.gui.conftest import find
from tests.gui.test_surfaces_view import on_screen, rgb, stale_pixels

PLOTS = ("probBarsPlot", "gradBarsPlot", "lossCurvePlot", "gradCurvePlot")


def items_of(window, plot_name: str, cls: type) -> list:
    vb = find(window, pg.PlotWidget, plot_name).getPlotItem().vb
    return [i for i in vb.childGroup.childItems() if isinstance(i, cls)]


def shown_plot(qtbot, width: int, height: int) -> pg.PlotWidget:
    """A LeanPlot in a widget of its own, shown at ``width`` × ``height`` and exposed."""
    widget = pg.PlotWidget(plotItem=LeanPlot())
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def assert_inside(pixels: np.ndarray, box: QRect) -> None:
    """Every (row, column) of ``pixels`` lies in ``box`` (widget pixels, edges included)."""
    rows, cols = pixels[:, 0], pixels[:, 1]
    inside = (cols >= box.left()) & (cols <= box.right())
    assert (inside & (rows >= box.top()) & (rows <= box.bottom())).all()


def reference(z: np.ndarray, p: int) -> dict[str, float]:
    """Both losses and their z_p gradients at z, written out from the definitions."""
    e = np.exp(z - z.max())
    s = e / e.sum()
    y = np.zeros_like(s)
    y[p] = 1.0
    return {
        "s_p": s[p],
        "ce": -np.log(s[p]),
        "mse": float(((s - y) ** 2).sum()),
        "ce_grad": s[p] - 1.0,
        # dL/dz_p = sum_k 2 (s_k - y_k) s_k (delta_kp - s_p)
        "mse_grad": 2.0 * s[p] * (s[p] - 1.0) - 2.0 * s[p] * float(((s - y) * s).sum()),
    }


def _chord_gap(px, py, keep) -> float:
    """The farthest any point lies from the straight line drawn between kept points."""
    idx = np.flatnonzero(keep)
    worst = 0.0
    for a, b in pairwise(idx):
        ax, ay, bx, by = px[a], py[a], px[b], py[b]
        for i in range(a + 1, b):
            t = ((px[i] - ax) * (bx - ax) + (py[i] - ay) * (by - ay)) / (
                (bx - ax) ** 2 + (by - ay) ** 2
            )
            t = min(max(t, 0.0), 1.0)
            worst = max(
                worst, float(np.hypot(px[i] - ax - t * (bx - ax), py[i] - ay - t * (by - ay)))
            )
    return worst


@pytest.mark.parametrize(
    "curve",
    [
        lambda t: (40.0 * t, 300.0 / (1.0 + np.exp(-2.0 * (t - 5.0)))),  # a sigmoid, flat ends
        lambda t: (40.0 * t, 30.0 * np.sin(t)),
        lambda t: (400.0 / (1.0 + np.exp(-(t - 5.0))), 20.0 * t),  # uneven in x (the s_p axis)
        lambda t: (40.0 * t, 100.0 * np.abs(t - 3.3)),  # a kink
    ],
)
def test_a_thinned_curve_stays_within_its_tolerance_of_every_point(curve):
    px, py = curve(np.linspace(0.0, 10.0, 401))
    keep = chord_points(px, py, 0.05)
    assert keep[0] and keep[-1]
    assert _chord_gap(px, py, keep) <= 0.06
    assert keep.sum() < 0.6 * len(px)  # and it does thin: hundreds of points are mostly straight


def _runs_merged_level_by_level(bend: np.ndarray, tol: float) -> np.ndarray:
    """The definition of the thinning, written out: aligned runs of 2, 4, 8, ... steps, each
    merged (its inner points dropped) where its worst bend keeps its chord within ``tol``."""
    n = len(bend)
    keep = np.ones(n, dtype=bool)
    m = 2
    while m <= n - 1:
        for start in range(0, n - m, m):
            if bend[start : start + m + 1].max() <= tol * 8.0 / m**2:
                keep[start + 1 : start + m] = False
        m *= 2
    return keep


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.floats(0.0, 0.5), st.sampled_from([0.0, 1e-4, 0.05, 0.4, 3.0, float("nan")])),
        min_size=0,
        max_size=300,
    ),
    st.sampled_from([0.05, 0.2, 1.0]),
)
def test_thinning_drops_exactly_the_inner_points_of_the_runs_that_merge(bends, tol):
    bend = np.array([0.0, *bends, 0.0]) if bends else np.zeros(0)
    np.testing.assert_array_equal(straight_runs(bend, tol), _runs_merged_level_by_level(bend, tol))


def test_a_kink_is_kept():
    t = np.linspace(0.0, 10.0, 401)
    keep = chord_points(40.0 * t, 100.0 * np.abs(t - t[133]), 0.05)
    assert keep[133]


def test_a_straight_line_keeps_a_few_points():
    keep = chord_points(np.linspace(0, 500, 401), np.linspace(0, 80, 401), 0.05)
    assert keep[0] and keep[-1] and keep.sum() <= 9  # runs of 2, 4, ... 256 steps merge


def _device_length(x, y, scale) -> float:
    return float(np.hypot(np.diff(x) * scale[0], np.diff(y) * scale[1]).sum())


@pytest.mark.parametrize(
    "x, y, scale",
    [
        (np.linspace(-8, 8, 41), np.log1p(np.exp(-np.linspace(-8, 8, 41))), (100.0, -80.0)),
        (np.array([0.0, 10.0]), np.array([1.0, 1.0]), (170.0, -3.0)),  # one flat 1700 px chord
        (np.array([0.0, 0.1, 0.2]), np.array([0.0, 0.5, 0.0]), (100.0, -100.0)),  # short: whole
    ],
)
def test_stroke_pieces_are_short_runs_of_the_same_line_each_starting_where_the_last_ends(
    x, y, scale
):
    pieces = stroke_pieces(x, y, scale, 128.0)
    for (xa, ya, _), (xb, yb, _) in pairwise(pieces):
        assert (xa[-1], ya[-1]) == (xb[0], yb[0])
    xs = np.concatenate([p[0] for p in pieces])
    ys = np.concatenate([p[1] for p in pieces])
    assert np.isin(x, xs).all()  # every point of the line is drawn
    np.testing.assert_allclose(ys, np.interp(xs, x, y), atol=1e-12)  # and nothing off it
    lengths = [_device_length(px, py, scale) for px, py, _ in pieces]
    assert max(lengths) <= 2 * 128.0 + 1e-9
    assert sum(lengths) == pytest.approx(_device_length(x, y, scale))
    starts = [start for _, _, start in pieces]
    np.testing.assert_allclose(starts, np.cumsum([0.0, *lengths[:-1]]), rtol=1e-12)
    if _device_length(x, y, scale) > 300:
        assert len(pieces) >= _device_length(x, y, scale) // 128.0


@pytest.mark.parametrize("dash", [None, (4.0, 2.0), (4.0, 2.0, 1.0, 2.0)])
def test_a_curve_stroked_in_pieces_looks_like_one_stroke(qtbot, monkeypatch, dash):
    """Cut into short strokes (Qt's rasterizer is quadratic in a stroke's run along a row),
    a curve still draws what one stroke draws: dashes run on across the cuts, and the joints
    differ only in a few antialiased edge pixels."""
    widget = shown_plot(qtbot, 1700, 900)
    x = np.linspace(-8, 8, 401)
    vb = widget.getPlotItem().vb
    vb.setRange(xRange=(-8, 8), yRange=(0, 8.5), padding=0)
    images = []
    for piece in (1e9, CurveItem.PIECE):
        monkeypatch.setattr(CurveItem, "PIECE", piece)
        curve = CurveItem(theme.pen("#ff8800", 3.0, dash=dash))
        vb.addItem(curve)
        curve.set_curve(x, np.log1p(np.exp(-x)))
        images.append(rgb(widget.grab().toImage()))
        vb.removeItem(curve)
    differ = np.abs(images[0] - images[1]).max(axis=-1)
    drawn = (np.abs(images[0] - images[0][5, -5]).max(axis=-1) > 0).sum()
    assert drawn > 3000  # the curve is there
    assert (differ > 8).sum() < 0.05 * drawn and differ.max() <= 80


def test_bars_draw_what_pyqtgraphs_bar_item_draws_within_their_bounds(qtbot):
    """The lean bars paint the pixels pyqtgraph's BarGraphItem paints for the same data (the
    oracle), through new data and a zoom; their bounds hold every pixel they change; and the
    legend's sample is the filled square in their colour."""
    widget = shown_plot(qtbot, 600, 400)
    plot = widget.getPlotItem()
    theme.add_legend(plot)
    vb = plot.vb
    vb.setRange(xRange=(-1, 4), yRange=(-0.6, 1.1), padding=0)
    steps = [
        ({"x": [0.0, 1.0, 2.0], "height": [0.2, 0.5, 0.9]}, None),
        ({"x": [0.0, 1.0, 2.0, 3.0], "height": [-0.4, 0.1, 0.0, 1.7]}, None),
        ({"x": [0.5, 1.5], "height": [0.33, -0.21]}, ((-0.2, 2.2), (-0.3, 0.5))),
    ]
    lean = Bars("#ff8800", 0.6, "lean")
    plot.addItem(lean)
    oracle = pg.BarGraphItem(x=[0.0], height=[0.0], width=0.6, brush="#ff8800", pen=None)
    for data, zoom in steps:
        if zoom is not None:
            vb.setRange(xRange=zoom[0], yRange=zoom[1], padding=0)
        lean.show()
        lean.setOpts(**data)
        QApplication.processEvents()
        drawn = rgb(widget.grab().toImage())
        lean.hide()
        vb.addItem(oracle)
        oracle.setOpts(**data)
        QApplication.processEvents()
        expected = rgb(widget.grab().toImage())
        vb.removeItem(oracle)
        QApplication.processEvents()
        bare = rgb(widget.grab().toImage())
        # The data area (the legend above it names the lean bars only, and shows them hidden).
        area = widget.mapFromScene(vb.mapRectToScene(vb.rect())).boundingRect()
        rows, cols = slice(area.top(), area.bottom()), slice(area.left(), area.right())
        assert (np.abs(drawn - expected)[rows, cols].max(axis=-1) > 0).sum() == 0
        changed = np.argwhere(np.abs(drawn - bare)[rows, cols].max(axis=-1) > 0)
        changed += (area.top(), area.left())
        assert len(changed) > 500  # the bars are there
        box = widget.mapFromScene(lean.mapRectToScene(lean.boundingRect())).boundingRect()
        assert_inside(changed, box)
    lean.show()
    QApplication.processEvents()
    sample = plot.legend.items[0][0]
    centre = widget.mapFromScene(sample.mapToScene(sample.boundingRect().center()))
    assert widget.grab().toImage().pixelColor(centre).name() == "#ff8800"


def test_the_pixel_size_items_keep_follows_zooms_and_resizes(qtbot):
    """What a curve keeps as the view's pixel size is what pyqtgraph measures afresh, after
    the range changes and after the plot is resized."""
    widget = shown_plot(qtbot, 600, 400)
    vb = widget.getPlotItem().vb
    curve = CurveItem(theme.pen("#ff8800", 3.0))
    vb.addItem(curve)
    curve.set_curve(np.linspace(0, 1, 50), np.linspace(0, 2, 50))
    for change in (
        lambda: vb.setRange(xRange=(0, 1), yRange=(0, 2), padding=0),
        lambda: vb.setRange(xRange=(-5, 5), yRange=(0, 0.5), padding=0),
        lambda: widget.resize(900, 300),
    ):
        before = curve.view_pixel()
        change()
        QApplication.processEvents()
        assert curve.view_pixel() == pixel_size(curve) != before


@pytest.mark.parametrize("zoom", [1.0, 3.0, 0.5])
def test_each_curve_paints_only_inside_its_bounds(window, zoom):
    """What a curve paints (the pixels that change when it alone is shown or hidden) lies inside
    the rectangle it reports: the scene repaints only that after a change, so a stroke outside
    it would be left on the screen. Also after zooming, which changes the pen's reach in data
    units (the pen's width is in pixels)."""
    find(window, QDoubleSpinBox, "logitSpin2").setValue(0.7)  # new curves, at this scale
    QApplication.processEvents()
    for plot_name in ("lossCurvePlot", "gradCurvePlot"):
        widget = find(window, pg.PlotWidget, plot_name)
        curves = items_of(window, plot_name, CurveItem)
        middle = (curves[0].x[200], curves[0].y[200])  # on the CE curve: some stays in view
        widget.getPlotItem().vb.scaleBy((zoom, zoom), center=middle)
        for curve in curves:
            others = [c for c in curves if c is not curve]
            for c in others:
                c.setVisible(False)
            curve.setVisible(False)
            without = rgb(widget.grab().toImage())
            curve.setVisible(True)
            with_it = rgb(widget.grab().toImage())
            for c in others:
                c.setVisible(True)
            changed = np.abs(with_it - without).max(axis=-1) > 0
            data = widget.mapFromScene(widget.getPlotItem().vb.sceneBoundingRect()).boundingRect()
            changed[:, : data.left()] = changed[:, data.right() + 1 :] = False  # not the legend,
            changed[: data.top()] = changed[data.bottom() + 1 :] = False  # which greys its entry
            ys, xs = np.nonzero(changed)
            if curve is curves[0]:  # zoomed about it: it drew something (the others may be
                assert len(xs) > 50, plot_name  # out of view)
            if not len(xs):
                continue
            bounds = widget.mapFromScene(curve.sceneBoundingRect()).boundingRect()
            assert xs.min() >= bounds.left() and xs.max() <= bounds.right(), plot_name
            assert ys.min() >= bounds.top() and ys.max() <= bounds.bottom(), plot_name


def test_edits_leave_no_stale_pixels_on_the_overview(window):
    """Edits repaint only what changed on each plot; after a run of them (the curves and their
    ranges change, the markers move) the screen shows what a full repaint shows."""
    find(window, QSpinBox, "classCountSpin").setValue(5)
    QApplication.processEvents()
    widgets = [find(window, pg.PlotWidget, name) for name in PLOTS]
    first = [on_screen(w) for w in widgets]
    other, true = (
        find(window, QDoubleSpinBox, "logitSpin3"),
        find(window, QDoubleSpinBox, "logitSpin0"),
    )
    for i in range(12):
        other.setValue(-3.0 + 0.55 * i)  # curves, bars, ranges
        QApplication.processEvents()
        true.setValue(2.5 - 0.4 * i)  # the point alone
        QApplication.processEvents()
    for w in widgets:
        shown, fresh = on_screen(w), rgb(w.grab().toImage())
        stale = stale_pixels(shown, fresh)
        assert len(stale) == 0, f"{w.objectName()}: {len(stale)} stale pixels, e.g. {stale[:3]}"
    for w, before in zip(widgets, first, strict=True):
        assert len(stale_pixels(before, on_screen(w))) > 100  # the check sees the changes


def _markers(window, plot_name: str) -> tuple[np.ndarray, np.ndarray]:
    (dots,) = items_of(window, plot_name, Dots)
    return np.array([x for x, _y in dots.points]), np.array([y for _x, y in dots.points])


@pytest.mark.parametrize("x_axis", ["z", "s"])
def test_the_markers_sit_at_the_current_point(window, x_axis):
    """CE's and MSE's markers on both curve plots at the current logits, after edits that move
    only the point and after edits that change the curves, on either x axis."""
    combo = find(window, QComboBox, "xAxisCombo")
    combo.setCurrentIndex(combo.findData(x_axis))
    for k, value in ((0, 0.7), (2, -1.3), (0, -4.0), (1, 2.2)):
        find(window, QDoubleSpinBox, f"logitSpin{k}").setValue(value)
        QApplication.processEvents()
        z = np.array(window.state.logits)
        ref = reference(z, 0)
        at = z[0] if x_axis == "z" else ref["s_p"]
        x, y = _markers(window, "lossCurvePlot")
        np.testing.assert_allclose(x, [at, at], rtol=1e-12)
        np.testing.assert_allclose(y, [ref["ce"], ref["mse"]], rtol=1e-9)
        x, y = _markers(window, "gradCurvePlot")
        np.testing.assert_allclose(x, [at, at], rtol=1e-12)
        np.testing.assert_allclose(y, [ref["ce_grad"], ref["mse_grad"]], rtol=1e-9)
    find(window, QCheckBox, "logGradCheck").setChecked(True)  # the log view moves them too
    z = np.array(window.state.logits)
    ref = reference(z, 0)
    _x, y = _markers(window, "gradCurvePlot")
    np.testing.assert_allclose(10.0**y, [abs(ref["ce_grad"]), abs(ref["mse_grad"])], rtol=1e-9)


def test_values_above_the_bars_follow_the_probabilities_up_to_ten_classes(window):
    count = find(window, QSpinBox, "classCountSpin")
    (values,) = items_of(window, "probBarsPlot", ValueLabels)
    for k in (4, 12, 10, 3):
        count.setValue(k)
        find(window, QDoubleSpinBox, "logitSpin1").setValue(0.25 * k)
        QApplication.processEvents()
        if k > 10:  # too many to write
            assert values.labels == []
            continue
        z = np.array(window.state.logits)
        s = np.exp(z) / np.exp(z).sum()
        assert [x for x, _y, _text in values.labels] == list(range(k))
        assert [text for _x, _y, text in values.labels] == [f"{p:.3f}" for p in s]
        for (_x, y, _text), p in zip(values.labels, s, strict=True):
            assert y == pytest.approx(p + 0.01)  # just above its bar


def test_value_labels_draw_as_qt_lays_text_in_a_box_and_follow_a_font_change(qtbot):
    """Each label is the text Qt draws in its box (the oracle: QPainter.drawText, aligned left
    and top, a margin above its point); a text kept between edits is drawn again in a new font."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter

    def drawn(labels: ValueLabels) -> np.ndarray:
        image = QImage(300, 120, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        labels.paint(painter, None)
        painter.end()
        return rgb(image)

    def expected(font: QFont, texts: list[tuple[float, float, str]]) -> np.ndarray:
        image = QImage(300, 120, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setFont(font)
        painter.setPen(QColor("#202020"))
        metrics = QFontMetricsF(font)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextDontClip
        for x, y, text in texts:
            width = metrics.horizontalAdvance(text)
            top = y - ValueLabels.MARGIN - metrics.height()
            painter.drawText(QRectF(x - width / 2, top, width, metrics.height()), flags, text)
        painter.end()
        return rgb(image)

    small, big = QFont(), QFont()
    small.setPixelSize(12)
    big.setPixelSize(22)
    labels = ValueLabels("#202020", small)
    texts = [(50.0, 60.0, "0.731"), (150.5, 80.25, "CE"), (240.0, 100.0, "交叉熵 <b>")]
    labels.set_labels(texts)
    assert np.array_equal(drawn(labels), expected(small, texts))
    edited = [*texts[1:], (60.0, 50.0, "1.2e-04")]  # a new text beside kept ones
    labels.set_labels(edited)
    assert np.array_equal(drawn(labels), expected(small, edited))
    labels.set_style("#202020", big)
    shown = drawn(labels)
    assert np.array_equal(shown, expected(big, edited))
    assert not np.array_equal(shown, expected(small, edited))


def test_value_labels_bounds_hold_every_pixel_they_draw(qtbot):
    """Labels above and below their points, in a zoomed view: every pixel the labels change
    lies inside their bounds (else a move would leave text behind)."""
    widget = shown_plot(qtbot, 500, 360)
    vb = widget.getPlotItem().vb
    vb.setRange(xRange=(0, 4), yRange=(0, 1), padding=0)
    labels = ValueLabels("#ffffff", theme.plot_font(bold=True))
    vb.addItem(labels, ignoreBounds=True)
    for _ in range(3):  # the axes fit their widths to their tick texts after a first paint
        widget.grab()
        qtbot.wait(20)
    cases = [
        ([(0.5, 0.2, "0.731"), (2.0, 0.9, "CE"), (3.4, 0.5, "1.2e-04")], None),
        ([(1.0, 0.6, "MSE"), (3.0, 0.1, "CE")], [("#ff4040", True), ("#40ff40", False)]),
    ]
    for texts, looks in cases:
        labels.set_labels(texts, looks)
        QApplication.processEvents()
        shown = rgb(widget.grab().toImage())
        box = widget.mapFromScene(labels.mapRectToScene(labels.boundingRect())).boundingRect()
        labels.set_labels([])
        QApplication.processEvents()
        changed = np.argwhere(np.abs(shown - rgb(widget.grab().toImage())).max(axis=-1) > 0)
        assert len(changed) > 50  # the texts are there
        assert_inside(changed, box)


def test_direct_labels_on_one_side_of_their_points_are_stacked_a_line_apart():
    from gui.views.direct_labels import stacked

    line = 0.5
    # Both above their points, 0.1 apart: the higher goes a line above the lower.
    got = stacked([(1.0, 2.3, "CE"), (1.0, 2.2, "MSE")], [False, False], line)
    assert got == [(1.0, 2.7, "CE"), (1.0, 2.2, "MSE")]
    # Both below: the lower goes a line under the upper.
    got = stacked([(1.0, -1.0, "CE"), (1.0, -1.2, "MSE")], [True, True], line)
    assert got == [(1.0, -1.0, "CE"), (1.0, -1.5, "MSE")]
    # Already a line apart, or on either side of their points: left where they are.
    apart = [(1.0, 3.0, "CE"), (1.0, 2.0, "MSE")]
    assert stacked(apart, [False, False], line) == apart
    assert stacked([(1.0, 2.3, "CE"), (1.0, 2.2, "MSE")], [False, True], line) == [
        (1.0, 2.3, "CE"),
        (1.0, 2.2, "MSE"),
    ]
    # Three above: each a line over the one below it.
    got = stacked([(0.0, 1.0, "a"), (0.0, 1.1, "b"), (0.0, 1.2, "c")], [False] * 3, line)
    assert [y for _x, y, _t in got] == pytest.approx([1.0, 1.5, 2.0])


def _clear(a, b, gap: float) -> bool:
    """Two text boxes neither overlapping nor closer than ``gap`` side by side."""
    return (
        a.left() >= b.right() + gap
        or b.left() >= a.right() + gap
        or a.top() >= b.bottom()
        or b.top() >= a.bottom()
    )


def test_crowded_value_labels_keep_clear_in_priority_order_and_inside_the_view(qtbot):
    """Ten labels wider than their slots: with a priority, each is drawn only if it keeps
    clear of those kept before it, and the first slot's label moves inside the view instead of
    being cut at its edge. The oracle for where the texts are is the grabbed widget: every
    pixel the labels paint lies in the boxes text_rects reports."""
    widget = shown_plot(qtbot, 360, 240)
    vb = widget.getPlotItem().vb
    vb.setRange(xRange=(-0.5, 9.5), yRange=(0, 1), padding=0)
    font = QFont()
    font.setPixelSize(18)
    labels = ValueLabels("#ff0000", font)
    vb.addItem(labels, ignoreBounds=True)
    for _ in range(3):  # the axes fit their widths to their tick texts after a first paint
        widget.grab()
        qtbot.wait(20)
    view = vb.mapRectToScene(vb.boundingRect())
    texts = [(float(i), 0.1 if i != 5 else 0.8, "0.123") for i in range(10)]
    slot = view.width() / 10
    assert QFontMetricsF(font).horizontalAdvance("0.123") > slot  # crowded
    labels.set_labels(texts)  # no priority: every label, as before
    assert labels.shown == texts
    before = rgb(widget.grab().toImage())
    labels.set_labels(texts, priority=[3, 0, 5, 4, 9, 1, 2, 6, 7, 8])
    QApplication.processEvents()
    drawn = {int(x) for x, _y, _t in labels.shown}
    assert {3, 0, 5, 9} <= drawn  # 5 is higher than its neighbours: clear of 4's and 6's
    assert not drawn & {2, 4}  # each runs into 3
    rects = [rect for _text, rect in labels.text_rects()]
    for a, b in combinations(rects, 2):
        assert _clear(a, b, ValueLabels.MARGIN), (a, b)
    for rect in rects:
        assert view.contains(rect), (rect, view)  # the first and last moved inside
    shown = rgb(widget.grab().toImage())
    labels.set_labels([])
    QApplication.processEvents()
    empty = rgb(widget.grab().toImage())
    painted = np.argwhere(np.abs(shown - empty).max(axis=-1) > 0)
    assert len(painted) > 100
    for row, col in painted:
        at = widget.mapToScene(int(col), int(row))
        assert any(r.adjusted(-1, -1, 1, 1).contains(at) for r in rects), (row, col)
    assert not np.array_equal(before, shown)
