"""F3 through object names: clicks and drags on surfaces, modes, hover, ranges, the 3D fallback."""

from __future__ import annotations

import sys

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QWidget,
)

from gui.views import surface3d
from gui.views.fast_items import ColourImage
from model import display, losses
from model.state import AppState
from tests.gui.conftest import find, send_mouse

SURFACES = ("ceLossSurface", "mseLossSurface", "ceGradSurface", "mseGradSurface")


@pytest.fixture
def surfaces(window, qtbot):
    find(window, QTabWidget, "viewTabs").setCurrentWidget(find(window, QWidget, "surfacesView"))
    QApplication.processEvents()
    return window


def plot_of(window, name):
    widget = find(window, pg.GraphicsLayoutWidget, name)
    return widget, widget.ci.getItem(0, 0)


def widget_pos(window, name, x, y):
    widget, plot = plot_of(window, name)
    scene_pt = plot.vb.mapViewToScene(QPointF(x, y))
    return widget, widget.mapFromScene(scene_pt)


def image_of(window, name):
    """The values the surface shows (its image item keeps the array it coloured)."""
    _, plot = plot_of(window, name)
    return next(i for i in plot.vb.childGroup.childItems() if isinstance(i, ColourImage))


def direct_logits(state: AppState, x: float, y: float) -> np.ndarray:
    """The K logits at surface point (x, y), built independently of the app's code."""
    z = np.array(state.logits)
    p = state.target
    if state.surface.mode == "competitor":
        z[p], z[state.surface.competitor] = x, y
        return z
    others = np.delete(z, p)
    z = z + (y - others.mean())
    z[p] = x
    return z


def test_click_moves_the_logits(surfaces, qtbot):
    step = 20 / 200
    for name, (x, y) in zip(
        SURFACES, [(3.3, -2.7), (-6.1, 4.4), (0.5, 0.5), (7.9, -8.2)], strict=True
    ):
        widget, pos = widget_pos(surfaces, name, x, y)
        QTest.mouseClick(
            widget.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos
        )
        st = surfaces.state
        assert abs(st.logits[0] - x) <= step
        assert abs(st.second_axis() - y) <= step
        assert find(surfaces, QDoubleSpinBox, "logitSpin0").value() == pytest.approx(
            st.logits[0], abs=1e-3
        )
    # the others keep their spread in shift mode
    z = np.array(surfaces.state.logits)
    assert z[1] - z[2] == pytest.approx(0.5)


def test_drag_is_one_undo_entry(surfaces, qtbot):
    before = surfaces.state
    depth = surfaces.undo_stack.count()
    widget, start = widget_pos(surfaces, "ceLossSurface", -4.0, -4.0)
    vp = widget.viewport()
    send_mouse(vp, QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for t in np.linspace(0, 1, 8):
        _, pos = widget_pos(surfaces, "ceLossSurface", -4.0 + 8 * t, -4.0 + 6 * t)
        qtbot.wait(25)  # pyqtgraph drops mouse moves closer together than its frame limit
        send_mouse(vp, QEvent.Type.MouseMove, pos, Qt.MouseButton.LeftButton)
    send_mouse(vp, QEvent.Type.MouseButtonRelease, pos, Qt.MouseButton.NoButton)
    assert surfaces.state.logits[0] == pytest.approx(4.0, abs=0.15)
    assert surfaces.state.second_axis() == pytest.approx(2.0, abs=0.15)
    assert surfaces.undo_stack.count() == depth + 1
    surfaces.action_undo.trigger()
    assert surfaces.state == before


def test_modes_and_competitor(surfaces):
    mode = find(surfaces, QComboBox, "surfaceModeCombo")
    comp = find(surfaces, QComboBox, "competitorCombo")
    assert mode.currentData() == "shift"
    assert not comp.isEnabled()
    mode.setCurrentIndex(mode.findData("competitor"))
    assert surfaces.state.surface.mode == "competitor"
    assert comp.isEnabled()
    assert comp.currentText() == "tiger"  # the largest wrong class
    comp.setCurrentIndex(comp.findText("dog"))
    assert surfaces.state.surface.competitor == 2
    widget, pos = widget_pos(surfaces, "mseGradSurface", 1.5, -3.0)
    QTest.mouseClick(
        widget.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos
    )
    assert surfaces.state.logits[2] == pytest.approx(-3.0, abs=0.1)
    assert surfaces.state.logits[1] == 1.0  # the rest stay fixed


@pytest.mark.parametrize("mode", ["shift", "competitor"])
def test_surfaces_agree_with_direct_computation(surfaces, mode):
    combo = find(surfaces, QComboBox, "surfaceModeCombo")
    combo.setCurrentIndex(combo.findData(mode))
    find(surfaces, QSpinBox, "classCountSpin").setValue(6)
    find(surfaces, QDoubleSpinBox, "logitSpin4").setValue(2.5)
    st = surfaces.state
    x, y = st.surface.x_axis(), st.surface.y_axis()
    rng = np.random.default_rng(1)
    funcs = {
        "ceLossSurface": lambda z: losses.cross_entropy(z, st.target),
        "mseLossSurface": lambda z: losses.mse(z, st.target),
        "ceGradSurface": lambda z: losses.cross_entropy_grad(z, st.target)[st.target],
        "mseGradSurface": lambda z: losses.mse_grad(z, st.target)[st.target],
    }
    for name, f in funcs.items():
        img = image_of(surfaces, name).values  # what is drawn
        for iy, ix in rng.integers(0, len(x), size=(25, 2)):
            truth = float(f(direct_logits(st, x[ix], y[iy])))
            assert img[iy, ix] == pytest.approx(truth, rel=1e-12, abs=1e-300), (name, ix, iy)
    # and the full-precision grids behind the images, to 1e-12
    grids = display.surface_grids(st)
    for iy, ix in rng.integers(0, len(x), size=(25, 2)):
        z = direct_logits(st, x[ix], y[iy])
        assert grids.values["ce"][iy, ix] == pytest.approx(
            float(losses.cross_entropy(z, 0)), rel=1e-12
        )
        assert grids.values["mse_grad"][iy, ix] == pytest.approx(
            float(losses.mse_grad(z, 0)[0]), rel=1e-12, abs=1e-300
        )


def test_hover_shows_the_model(surfaces, qtbot):
    widget, pos = widget_pos(surfaces, "ceGradSurface", -3.0, 2.0)
    QTest.mouseMove(widget.viewport(), pos)
    text = find(surfaces, QLabel, "surfaceHoverLabel").text()
    _, plot = plot_of(surfaces, "ceGradSurface")
    here = plot.vb.mapSceneToView(widget.mapToScene(pos))
    z = direct_logits(surfaces.state, here.x(), here.y())
    ce = float(losses.cross_entropy(z, 0))
    g = float(losses.mse_grad(z, 0)[0])
    assert f"L_CE = {ce:.6g}" in text
    assert f"∂L_MSE/∂z_p = {g:.6g}" in text


@pytest.mark.parametrize("change", ["preset", "undo", "edit"])
def test_hover_readout_follows_every_change_of_state(surfaces, change, qtbot):
    """After a preset, an undo or an edit elsewhere, the read-out is of the state shown."""
    find(surfaces, QDoubleSpinBox, "logitSpin2").setValue(-1.5)
    widget, pos = widget_pos(surfaces, "ceLossSurface", -3.0, 2.0)
    QTest.mouseMove(widget.viewport(), pos - QPoint(5, 5))  # a move, wherever the last test left it
    qtbot.wait(40)  # pyqtgraph's scene passes on at most one mouse move a frame
    QTest.mouseMove(widget.viewport(), pos)
    _, plot = plot_of(surfaces, "ceLossSurface")
    here = plot.vb.mapSceneToView(widget.mapToScene(pos))
    if change == "preset":
        surfaces.findChild(QAction, "actionPreset_confidently_wrong").trigger()
    elif change == "undo":
        surfaces.findChild(QAction, "actionUndo").trigger()
    else:
        find(surfaces, QDoubleSpinBox, "logitSpin1").setValue(3.25)
    z = direct_logits(surfaces.state, here.x(), here.y())
    text = find(surfaces, QLabel, "surfaceHoverLabel").text()
    assert f"L_CE = {float(losses.cross_entropy(z, 0)):.6g}" in text


def test_point_edit_leaves_surfaces_alone(surfaces, monkeypatch):
    calls = []
    real = display.surface_display
    monkeypatch.setattr(display, "surface_display", lambda *a: calls.append(1) or real(*a))
    find(surfaces, QDoubleSpinBox, "logitSpin0").setValue(4.0)  # z_p: only the crosshair moves
    assert calls == []
    find(surfaces, QDoubleSpinBox, "logitSpin2").setValue(-1.0)  # the others' spread changes
    assert calls == [1]


def test_range_and_resolution(surfaces):
    find(surfaces, QDoubleSpinBox, "xMaxSpin").setValue(20.0)
    find(surfaces, QSpinBox, "resolutionSpin").setValue(101)
    st = surfaces.state.surface
    assert st.x_range == (-10.0, 20.0) and st.resolution == 101
    img = image_of(surfaces, "ceLossSurface")
    assert img.values.shape == (101, 101)
    assert img.mapRectToParent(img.boundingRect()).right() == pytest.approx(20.0 + 30 / 100 / 2)
    # moving the point never rescales
    find(surfaces, QDoubleSpinBox, "logitSpin0").setValue(15.0)
    assert surfaces.state.surface.x_range == (-10.0, 20.0)
    # an impossible range is refused and explained
    find(surfaces, QDoubleSpinBox, "yMinSpin").setValue(50.0)
    assert surfaces.state.surface.y_range == (-10.0, 10.0)
    assert "y_range" in find(surfaces, QLabel, "surfaceHoverLabel").text()


def test_log_colours_and_slow_region(surfaces):
    find(surfaces, QCheckBox, "logColourCheck").setChecked(True)
    img = image_of(surfaces, "mseGradSurface")
    st = surfaces.state
    z = direct_logits(st, st.surface.x_axis()[0], st.surface.y_axis()[-1])
    truth = np.log10(abs(float(losses.mse_grad(z, 0)[0])))
    assert img.values[-1, 0] == pytest.approx(truth, rel=1e-12)
    assert np.all(np.isfinite(img.values))
    _, plot = plot_of(surfaces, "mseGradSurface")
    labels = [
        i
        for i in plot.vb.childGroup.childItems()
        if isinstance(i, pg.TextItem) and "barely learns" in i.textItem.toPlainText()
    ]
    assert len(labels) == 1 and labels[0].isVisible()
    before = labels[0].pos()
    # the region's label sits inside the region: there s_p < 0.5 and |dL_MSE/dz_p| < 0.01
    z = direct_logits(st, before.x(), before.y())
    assert losses.softmax(z)[0] < 0.5 and abs(losses.mse_grad(z, 0)[0]) < 0.01
    # a higher threshold grows the region towards the boundary: the label moves with it
    find(surfaces, QDoubleSpinBox, "slowThresholdSpin").setValue(0.2)
    after = labels[0].pos()
    assert (after.x() - after.y()) > (before.x() - before.y())
    z = direct_logits(st, after.x(), after.y())
    assert losses.softmax(z)[0] < 0.5 and abs(losses.mse_grad(z, 0)[0]) < 0.2


def test_3d_fallback_without_opengl(surfaces, qtbot, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyqtgraph.opengl", None)  # import fails as without PyOpenGL
    find(surfaces, QPushButton, "surface3dButton").click()
    (dlg,) = surface3d.open_views()  # a window of its own, not one of the main window's
    msg = dlg.findChild(QLabel, "surface3dMessage")
    assert msg is not None and "OpenGL is not available" in msg.text()
    dlg.close()
    # everything else still works
    find(surfaces, QDoubleSpinBox, "logitSpin1").setValue(2.0)
    assert surfaces.state.logits[1] == 2.0


def test_export_current_view_and_plot(surfaces, tmp_path):
    png = tmp_path / "surfaces.png"
    surfaces.export(png, scale=2)
    from PySide6.QtGui import QImage

    img = QImage(str(png))
    plots = [find(surfaces, QWidget, name) for name in SURFACES]
    top_left, bottom_right = plots[0].geometry().topLeft(), plots[3].geometry().bottomRight()
    # the four plots as laid out on screen, none of the controls above them
    assert img.width() == 2 * (bottom_right.x() - top_left.x() + 1)
    assert img.height() == 2 * (bottom_right.y() - top_left.y() + 1)
    csv = tmp_path / "loss.csv"
    find(surfaces, QTabWidget, "viewTabs").setCurrentIndex(0)
    surfaces.export(csv, plot_name="lossCurvePlot")
    rows = csv.read_text().strip().splitlines()
    assert rows[0] == "z_p,CE,MSE" and len(rows) > 100
    zp, ce, _ = (float(v) for v in rows[57].split(","))
    z = np.array(surfaces.state.logits)
    z[0] = zp
    assert ce == pytest.approx(float(losses.cross_entropy(z, 0)), rel=1e-15)
    svg = tmp_path / "grad.svg"
    surfaces.export(svg, plot_name="gradCurvePlot")
    assert "<svg" in svg.read_text()[:500]
    grid = tmp_path / "ce.csv"
    surfaces.export(grid, plot_name="ceLossSurface")
    table = np.loadtxt(grid, delimiter=",", skiprows=1)
    assert table.shape == (202, 202)
    z = direct_logits(surfaces.state, table[0, 7], table[9, 0])
    assert table[9, 7] == pytest.approx(float(losses.cross_entropy(z, 0)), rel=1e-12)


def on_screen(widget: QWidget) -> np.ndarray:
    """What the window system holds for ``widget`` now: the pixels Qt flushed, partial repaints
    included (the offscreen platform grabs its backing store), as (h, w, 3) RGB."""
    window = widget.window()
    top_left = widget.mapTo(window, widget.rect().topLeft())
    shot = window.screen().grabWindow(
        window.winId(), top_left.x(), top_left.y(), widget.width(), widget.height()
    )
    return rgb(shot.toImage())


def rgb(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    h, w, row = image.height(), image.width(), image.bytesPerLine() // 4
    words = np.frombuffer(image.constBits(), np.uint32, count=h * row).reshape(h, row)[:, :w]
    return np.stack([(words >> s) & 255 for s in (16, 8, 0)], axis=-1).astype(int)


def stale_pixels(shown: np.ndarray, fresh: np.ndarray, tolerance: int = 24) -> np.ndarray:
    """Pixels of ``shown`` that no pixel within one of the same place in ``fresh`` matches.

    Qt's partial repaints may sample a scaled image or clip an aliased line one pixel off a
    full repaint (seen before and after direct viewport updates); something left behind, such
    as an old crosshair line, matches nothing nearby."""
    h, w, _ = shown.shape
    padded = np.pad(fresh, ((1, 1), (1, 1), (0, 0)), mode="edge")
    best = np.full((h, w), 1 << 30)
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            diff = np.abs(shown - padded[dy : dy + h, dx : dx + w]).max(axis=-1)
            best = np.minimum(best, diff)
    return np.argwhere(best > tolerance)


def test_a_drag_step_repaints_the_window_once(surfaces):
    """Moving the point on the four surfaces is one repaint of the window (with the logit
    panel's), not one per plot: Qt repaints the window as soon as a scene with moved items has
    been processed, so the crosshair is painted by the views, outside their scenes."""
    zp = find(surfaces, QDoubleSpinBox, "logitSpin0")
    QApplication.processEvents()
    seen = {"updates": 0, "plots": set()}
    plots = {find(surfaces, QWidget, name).viewport(): name for name in SURFACES}

    class Count(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.UpdateRequest and obj is surfaces:
                seen["updates"] += 1
            elif event.type() == QEvent.Type.Paint and obj in plots:
                seen["plots"].add(plots[obj])
            return False

    counter = Count()
    QApplication.instance().installEventFilter(counter)
    try:
        for step in range(5):
            seen["updates"], seen["plots"] = 0, set()
            zp.setValue(zp.value() + 0.05)
            QApplication.processEvents()
            assert seen["updates"] == 1, f"step {step}: {seen['updates']} repaints of the window"
            assert seen["plots"] == set(SURFACES)  # and every plot's crosshair moved in it
    finally:
        QApplication.instance().removeEventFilter(counter)


@pytest.mark.parametrize("size", [(1600, 1000), (1280, 800), (1700, 1033)])
@pytest.mark.parametrize("mode", ["shift", "competitor"])
def test_partial_repaints_leave_no_stale_pixels(surfaces, mode, size):
    """Crosshair moves and surface changes repaint only parts of each plot (straight on the
    viewport); after a run of them the screen must show what a full repaint shows. Checked
    after moves along one axis (each repaints strips) and after a click (both lines move).
    At some window sizes the data area used to start or end mid-pixel, and its edge pixels
    (or the dot) came out differently in partial and full repaints."""
    surfaces.resize(*size)
    QApplication.processEvents()
    combo = find(surfaces, QComboBox, "surfaceModeCombo")
    combo.setCurrentIndex(combo.findData(mode))
    find(surfaces, QSpinBox, "classCountSpin").setValue(4)
    for _ in range(3):  # "class 3" widens the logit dock a little: the plots settle after it
        QApplication.processEvents()
    zp = find(surfaces, QDoubleSpinBox, "logitSpin0")
    z2 = find(surfaces, QDoubleSpinBox, "logitSpin2")
    widgets = [find(surfaces, QWidget, name) for name in SURFACES]
    first = [on_screen(w) for w in widgets]

    def assert_screen_is_fresh() -> None:
        for w in widgets:
            shown = on_screen(w)
            fresh = rgb(w.grab().toImage())  # everything painted again from the current state
            assert shown.shape == fresh.shape
            stale = stale_pixels(shown, fresh)
            assert len(stale) == 0, f"{w.objectName()}: {len(stale)} stale pixels, e.g. {stale[:3]}"

    for i in range(12):
        zp.setValue(-4.0 + 0.7 * i)  # the crosshair moves right, a little each time
        if i % 4 == 3:
            z2.setValue(-2.0 + 0.9 * i)  # images, contours and outlines change
        QApplication.processEvents()
    zp.setValue(zp.value() + 0.3)  # a last small step, strips only
    QApplication.processEvents()
    assert_screen_is_fresh()
    widget, pos = widget_pos(surfaces, "mseLossSurface", -6.0, 5.0)
    QTest.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=pos)  # both lines move
    QApplication.processEvents()
    assert_screen_is_fresh()
    for w, before in zip(widgets, first, strict=True):
        assert len(stale_pixels(before, on_screen(w))) > 1000  # the check sees a moved crosshair


@pytest.mark.parametrize("size", [(1600, 1000), (1920, 1080), (1280, 720)])
@pytest.mark.parametrize("mode", ["shift", "competitor"])
def test_partial_repaints_leave_no_stale_pixels_in_lecture_mode(surfaces, mode, size):
    """The same in the projector profile: its larger axis text moves the data area inside the
    plot, and its crosshair edges fell on half pixels (a column of an old line was left)."""
    from gui import theme

    theme.set_profile("projector", size[1])
    try:
        test_partial_repaints_leave_no_stale_pixels(surfaces, mode, size)
    finally:
        theme.set_profile("dark", 0)
