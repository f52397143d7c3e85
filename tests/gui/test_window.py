"""The window through its object names: editor -> state -> readouts, table and plots."""

from __future__ import annotations

import math
from itertools import pairwise

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QSlider,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from gui import theme
from gui.views.fast_items import Bars, CurveItem, ValueLabels
from gui.views.overview import class_labels
from model import losses
from model.presets import PRESETS
from tests.gui.conftest import find, flush_deletes, label_number, tick_labels


def spin(window, k):
    return find(window, QDoubleSpinBox, f"logitSpin{k}")


def table_column(window, col):
    table = find(window, QTableWidget, "valueTable")
    return np.array([float(table.item(r, col).text()) for r in range(table.rowCount())])


def plot_item(window, name):
    return find(window, pg.PlotWidget, name).getPlotItem()


def curves_of(window, plot_name):
    """The curve items a plot draws, in the order they were added."""
    vb = plot_item(window, plot_name).vb
    return [i for i in vb.childGroup.childItems() if isinstance(i, CurveItem)]


def curve_data(window, plot_name, index):
    item = curves_of(window, plot_name)[index]
    return item.x, item.y


def test_default_state(window):
    assert find(window, QSpinBox, "classCountSpin").value() == 3
    names = [find(window, QLineEdit, f"classNameEdit{k}").text() for k in range(3)]
    assert names == ["cat", "tiger", "dog"]
    assert [spin(window, k).value() for k in range(3)] == [-2.0, 1.0, 0.5]
    assert find(window, QComboBox, "targetCombo").currentText() == "cat"
    z = np.array([-2.0, 1.0, 0.5])
    assert label_number(window, "ceLossLabel") == pytest.approx(
        losses.cross_entropy(z, 0), rel=1e-5
    )
    assert label_number(window, "mseLossLabel") == pytest.approx(losses.mse(z, 0), rel=1e-5)
    s = table_column(window, 1)
    assert s[0] == pytest.approx(0.0300589, rel=1e-5)
    g_ce, g_mse = table_column(window, 2)[0], table_column(window, 3)[0]
    assert 10.5 < g_ce / g_mse < 12  # "CE's gradient on z_p is ~11x MSE's"
    tabs = find(window, QTabWidget, "viewTabs")
    assert tabs.currentWidget().objectName() == "overviewView"
    assert find(window, QWidget, "surfacesView") is not None
    assert window.findChild(QDoubleSpinBox, "logitSpin3") is None


def test_object_names_unique(window):
    names = [w.objectName() for w in window.findChildren(QWidget) if w.objectName()]
    names = [n for n in names if not n.startswith("qt_")]
    dupes = {n for n in names if names.count(n) > 1}
    assert not dupes


def test_spin_edit_updates_everything(window, qtbot):
    spin(window, 1).setValue(3.0)
    z = np.array([-2.0, 3.0, 0.5])
    assert window.state.logits == (-2.0, 3.0, 0.5)
    assert label_number(window, "ceLossLabel") == pytest.approx(
        losses.cross_entropy(z, 0), rel=1e-5
    )
    np.testing.assert_allclose(table_column(window, 1), losses.softmax(z), rtol=1e-5)
    np.testing.assert_allclose(table_column(window, 3), losses.mse_grad(z, 0), rtol=1e-5)
    plot = find(window, pg.PlotWidget, "probBarsPlot").getPlotItem()
    bars = [i for i in plot.items if isinstance(i, Bars)]
    drawn = {
        int(x): (h, pg.mkBrush(b.opts["brush"]).color().name())
        for b in bars
        for x, h in zip(b.opts["x"], b.opts["height"], strict=True)
    }
    assert sorted(drawn) == [0, 1, 2]  # one bar per class, none twice
    np.testing.assert_allclose([drawn[k][0] for k in range(3)], losses.softmax(z), rtol=1e-12)
    colours = [drawn[k][1] for k in range(3)]  # the true class (cat) in its own colour
    assert (
        colours[0] == theme.colour("target_bar").lower()
        and colours[1:] == [theme.colour("other_bar").lower()] * 2
    )
    assert find(window, QSlider, "logitSlider1").value() == 300


def test_curves_show_the_model(window):
    x, ce = curve_data(window, "lossCurvePlot", 0)
    z = np.array([-2.0, 1.0, 0.5])
    for i in (0, len(x) // 3, len(x) - 1):
        zz = z.copy()
        zz[0] = x[i]
        assert ce[i] == pytest.approx(float(losses.cross_entropy(zz, 0)), rel=1e-12)
    x, g = curve_data(window, "gradCurvePlot", 1)
    zz = z.copy()
    zz[0] = x[10]
    assert g[10] == pytest.approx(float(losses.mse_grad(zz, 0)[0]), rel=1e-12)
    _, art = curve_data(window, "gradCurvePlot", 2)
    assert art[10] == pytest.approx(float(losses.mse_grad_article(zz, 0)), rel=1e-12)


def test_legend_entries_show_and_hide_their_curves(window, qtbot):
    """Each legend entry of the curve plots stands for a drawn curve, in its pen; clicking the
    entry hides the curve and clicking again shows it (pyqtgraph's legend behaviour)."""
    plot = find(window, pg.PlotWidget, "gradCurvePlot")
    legend = plot.getPlotItem().legend
    curves = [i for i in plot.getPlotItem().vb.childGroup.childItems() if isinstance(i, CurveItem)]
    samples = [sample for sample, _label in legend.items]
    assert [s.item for s in samples] == curves and len(curves) == 3
    for sample, curve in zip(samples, curves, strict=True):
        assert sample.item.opts["pen"].color() == curve.pen().color()
    view = plot.viewport()
    centre = plot.mapFromScene(samples[1].sceneBoundingRect().center())
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=centre)
    assert not curves[1].isVisible() and curves[0].isVisible()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=centre)
    assert curves[1].isVisible()


def test_slider_drag_is_one_undo_entry(window, qtbot):
    slider = find(window, QSlider, "logitSlider2")
    before = window.state
    depth = window.undo_stack.count()
    slider.setSliderDown(True)
    slider.sliderPressed.emit()
    for v in (100, 200, 350, 520):
        slider.setValue(v)
    slider.setSliderDown(False)
    assert window.state.logits[2] == pytest.approx(5.2)
    assert spin(window, 2).value() == pytest.approx(5.2)
    assert window.undo_stack.count() == depth + 1
    find(window, type(window.action_undo), "actionUndo").trigger()
    assert window.state == before
    find(window, type(window.action_redo), "actionRedo").trigger()
    assert window.state.logits[2] == pytest.approx(5.2)


def test_spin_steps_merge_and_undo(window, qtbot):
    s = spin(window, 0)
    before = window.state
    depth = window.undo_stack.count()
    s.setFocus()
    for _ in range(5):
        qtbot.keyClick(s, Qt.Key.Key_Up)
    assert window.state.logits[0] == pytest.approx(-1.5)
    assert window.undo_stack.count() == depth + 1
    window.action_undo.trigger()
    assert window.state == before
    assert s.value() == -2.0


def test_target_change(window):
    combo = find(window, QComboBox, "targetCombo")
    combo.setCurrentIndex(1)
    assert window.state.target == 1
    z = np.array([-2.0, 1.0, 0.5])
    assert label_number(window, "ceLossLabel") == pytest.approx(
        losses.cross_entropy(z, 1), rel=1e-5
    )
    assert window.state.surface.competitor != 1
    assert window.state.surface.competitor == 2  # the largest wrong class


def test_class_count_grow_and_shrink(window):
    count = find(window, QSpinBox, "classCountSpin")
    count.setValue(5)
    assert window.state.k == 5
    assert find(window, QLineEdit, "classNameEdit4").text() == "class 4"
    assert spin(window, 4).value() == 0.0
    assert find(window, QTableWidget, "valueTable").rowCount() == 5
    find(window, QComboBox, "targetCombo").setCurrentIndex(4)
    count.setValue(2)
    flush_deletes()
    assert window.state.k == 2
    assert window.state.target == 0  # the target no longer exists
    assert window.findChild(QDoubleSpinBox, "logitSpin2") is None
    assert window.findChild(QSlider, "logitSlider4") is None
    assert find(window, QComboBox, "targetCombo").count() == 2
    window.action_undo.trigger()
    flush_deletes()
    assert window.state.k == 5
    assert window.findChild(QDoubleSpinBox, "logitSpin4") is not None


def test_copy_values(window):
    find(window, QDoubleSpinBox, "logitSpin1").setValue(3.25)
    window.findChild(type(window.action_undo), "actionCopyValues").trigger()
    text = QApplication.clipboard().text()
    lines = text.splitlines()
    assert lines[0].split() == ["class", "z_k", "s_k", "dCE/dz_k", "dMSE/dz_k"]
    assert len(lines[1:]) >= window.state.k
    z = np.array(window.state.logits)
    s = np.exp(z - z.max()) / np.exp(z - z.max()).sum()  # an independent softmax
    copied = np.array([float(line.split()[2]) for line in lines[1 : 1 + window.state.k]])
    np.testing.assert_allclose(copied, s, rtol=1e-5)
    assert float(lines[2].split()[1]) == 3.25
    assert f"CE  = {-np.log(s[window.state.target]):.6g}"[:12] in text


def test_rename_class(window, qtbot):
    edit = find(window, QLineEdit, "classNameEdit1")
    edit.setText("lion")
    edit.editingFinished.emit()
    assert window.state.classes[1] == "lion"
    assert find(window, QComboBox, "targetCombo").itemText(1) == "lion"
    edit.setText("   ")
    edit.editingFinished.emit()
    assert window.state.classes[1] == "lion"  # an empty name is refused ...
    assert edit.text() == "lion"  # ... and the box shows the name again
    edit.setFocus()
    edit.selectAll()
    edit.insert("big\tcat")  # as a paste puts it in: a tab is not printable
    QTest.keyClick(edit, Qt.Key.Key_Return)
    assert window.state.classes[1] == "lion"
    assert "class 1" in window.statusBar().currentMessage()  # the refusal is said, not silent


@pytest.mark.parametrize("preset", PRESETS, ids=[p.key for p in PRESETS])
def test_presets(window, preset):
    find(window, QSpinBox, "classCountSpin").setValue(6)
    action = window.findChild(type(window.action_undo), f"actionPreset_{preset.key}")
    action.trigger()
    flush_deletes()
    st = window.state
    assert st.k == 3 and st.classes == ("cat", "tiger", "dog") and st.target == 0
    assert st.logits == preset.logits
    s = losses.softmax(np.array(st.logits))
    if preset.key == "article_a":
        np.testing.assert_allclose(s, [0.8, 0.1, 0.1], rtol=1e-14)
        assert label_number(window, "mseLossLabel") == pytest.approx(0.06, rel=1e-5)
    if preset.key == "article_b":
        np.testing.assert_allclose(s, [0.8, 0.15, 0.05], rtol=1e-14)
        assert label_number(window, "mseLossLabel") == pytest.approx(0.065, rel=1e-5)
    window.action_undo.trigger()
    assert window.state.k == 6


def test_display_rounding_never_leaks(window):
    window.findChild(type(window.action_undo), "actionPreset_article_a").trigger()
    exact = math.log(0.8)
    assert spin(window, 0).value() == pytest.approx(-0.223)
    spin(window, 1).setValue(-1.0)  # touch another row
    find(window, QComboBox, "targetCombo").setCurrentIndex(0)
    assert window.state.logits[0] == exact  # bit for bit


def test_units_switches(window):
    ce_nats = label_number(window, "ceLossLabel")
    mse_sum = label_number(window, "mseLossLabel")
    find(window, QComboBox, "ceUnitCombo").setCurrentIndex(1)
    assert window.state.ce_unit == "bits"
    assert label_number(window, "ceLossLabel") == pytest.approx(ce_nats / math.log(2), rel=1e-5)
    assert "bits" in find(window, QLabel, "ceLossLabel").text()
    find(window, QComboBox, "mseReductionCombo").setCurrentIndex(1)
    assert label_number(window, "mseLossLabel") == pytest.approx(mse_sum / 3, rel=1e-5)
    z = np.array([-2.0, 1.0, 0.5])
    np.testing.assert_allclose(table_column(window, 3), losses.mse_grad(z, 0) / 3, rtol=1e-5)
    np.testing.assert_allclose(
        table_column(window, 2), losses.cross_entropy_grad(z, 0) / math.log(2), rtol=1e-5
    )
    x, ce = curve_data(window, "lossCurvePlot", 0)
    zz = z.copy()
    zz[0] = x[5]
    assert ce[5] == pytest.approx(float(losses.cross_entropy(zz, 0)) / math.log(2), rel=1e-12)


def test_x_axis_and_log_switches(window):
    find(window, QComboBox, "xAxisCombo").setCurrentIndex(1)
    x, _ = curve_data(window, "lossCurvePlot", 0)
    assert 0 < x.min() and x.max() < 1
    find(window, QCheckBox, "logGradCheck").setChecked(True)
    plot = plot_item(window, "gradCurvePlot")
    assert plot.getAxis("left").logMode  # log-scale tick labels
    for i in range(3):
        _, y = curve_data(window, "gradCurvePlot", i)
        assert np.all(np.isfinite(y))  # log10 of the floored |gradient|: no gaps anywhere
    find(window, QComboBox, "xAxisCombo").setCurrentIndex(0)
    spin(window, 1).setValue(-400.0)  # saturated right: the gradients reach ~1e-170 and below
    spin(window, 2).setValue(-400.0)
    raw = 10.0 ** curve_data(window, "gradCurvePlot", 0)[1]  # log10 |CE gradient|, floored
    assert raw.min() > 0
    z = np.array([10.0, -400.0, -400.0])
    assert raw[-1] == pytest.approx(abs(float(losses.cross_entropy_grad(z, 0)[0])), rel=1e-12)


def test_shrinking_k_while_a_removed_name_has_focus(window, qtbot):
    """Found by the fuzz test: the focused name edit of a removed row must not rename."""
    find(window, QSpinBox, "classCountSpin").setValue(6)
    edit = find(window, QLineEdit, "classNameEdit5")
    edit.setFocus()
    edit.setText("zebra")
    find(window, QSpinBox, "classCountSpin").setValue(3)
    edit.editingFinished.emit()  # as a focus change would
    flush_deletes()
    assert window.state.classes == ("cat", "tiger", "dog")


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_no_legend_covers_the_data_at_a_projector_s_sizes(window, size):
    """Each overview plot's legend sits on one line in a row of its own, above the data, for
    every preset and in both gradient scales (floating over the data, the gradient plot's
    legend hid the dip of MSE's gradient at 1280×800)."""
    window.resize(*size)
    for log in (False, True):
        window.overview.log_grad_check.setChecked(log)
        for preset in PRESETS:
            window.preset_actions[preset.key].trigger()
            QApplication.processEvents()
            for name in ("probBarsPlot", "gradBarsPlot", "lossCurvePlot", "gradCurvePlot"):
                widget = find(window, pg.PlotWidget, name)
                plot = widget.getPlotItem()
                legend = plot.legend.sceneBoundingRect()
                assert plot.legend.columnCount == len(plot.legend.items), name
                assert legend.bottom() <= plot.vb.sceneBoundingRect().top(), name
                assert 0 <= legend.left() and legend.right() <= widget.viewport().width(), name


def test_a_tiny_probability_is_written_above_its_bar_not_rounded_to_zero(window):
    window.preset_actions["confidently_wrong"].trigger()  # cat: s_p ≈ 0.00033
    plot = plot_item(window, "probBarsPlot")
    (values,) = [i for i in plot.vb.childGroup.childItems() if isinstance(i, ValueLabels)]
    labels = [text for _x, _y, text in values.labels]
    probs = losses.softmax(np.array(window.state.logits))
    assert probs[0] < 0.0005 and labels[0] == f"{probs[0]:.1e}"  # "3.3e-04", not "0.000"
    assert float(labels[0]) == pytest.approx(probs[0], rel=0.02)
    assert labels[1:] == [f"{p:.3f}" for p in probs[1:]]


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_both_ends_of_the_z_p_range_are_labelled(window, size):
    """−10 and 10 under every z_p axis, whole (pyqtgraph hid an end label that reached a
    pixel past the data area: in one plot and not in the plot beside it)."""
    window.resize(*size)
    window.set_view("surfaces")
    QApplication.processEvents()
    widgets = [find(window, pg.PlotWidget, n) for n in ("lossCurvePlot", "gradCurvePlot")]
    for name in ("ceLossSurface", "mseLossSurface", "ceGradSurface", "mseGradSurface"):
        widgets.append(find(window, pg.GraphicsLayoutWidget, name))
    for widget in widgets:
        plot = (
            widget.getPlotItem() if isinstance(widget, pg.PlotWidget) else widget.ci.getItem(0, 0)
        )
        labels = tick_labels(plot.getAxis("bottom"))
        texts = [text for text, _rect in labels]
        assert texts[0] == "-10" and texts[-1] == "10", (widget.objectName(), texts)
        for text, rect in labels:  # none cut by the view's edge
            assert 0 <= rect.left() and rect.right() <= widget.viewport().width(), text


def _mono_width(text: str) -> float:
    return 10.0 * len(text)  # a monospace font, 10 px a character


def _mono_elide(text: str, room: float) -> str:
    """As Qt's ElideRight does in that font: the characters that fit beside the ellipsis."""
    return text if _mono_width(text) <= room else text[: max(int(room // 10) - 1, 0)] + "…"


MONO = (_mono_width, _mono_elide)


def test_class_labels_space_names_evenly_around_the_true_class():
    names = [f"c{i}" for i in range(20)]
    every = class_labels(names, 3, [50.0 * i for i in range(20)], (-100, 1050), 2, *MONO)
    assert every == [*names[:3], "c3 ✓", *names[4:]]  # 48 px for each: all fit
    names = [f"cls{i:02d}" for i in range(20)]  # 50 px; "cls0…" would name ten of them
    labels = class_labels(names, 3, [10.0 * i for i in range(20)], (-50, 250), 12, *MONO)
    # Every 9th from the true class: 78 px between neighbours' gaps fits "cls03 ✓" (70).
    assert labels == [""] * 3 + ["cls03 ✓"] + [""] * 8 + ["cls12"] + [""] * 7
    # No step names another class beside the true class's: it alone, whole.
    alone = class_labels(names[:5], 4, [0.0, 10.0, 20.0, 30.0, 40.0], (-200, 200), 0, *MONO)
    assert alone == ["", "", "", "", "cls04 ✓"]


def test_class_labels_elide_long_names_rather_than_drop_them():
    names = ["golden retriever puppy", "siamese cat", "red fox"]
    # 80 px each: the true class's name in 80 less its mark's 20, the others whole or elided.
    labels = class_labels(names, 0, [60.0, 150.0, 240.0], (0, 320), 10, *MONO)
    assert labels == ["golde… ✓", "siamese…", "red fox"]
    # At the plot's edge the true class has what the edge leaves it, and keeps its label.
    edge = class_labels(names, 0, [20.0, 150.0, 240.0], (0, 320), 10, *MONO)
    assert edge == ["g… ✓", "siamese…", "red fox"]
    # "class…" would name any of them: fewer names, whole.
    names = [f"class {i}" for i in range(10, 16)]  # 80 px each
    labels = class_labels(names, 0, [70.0 * i + 50 for i in range(6)], (0, 450), 10, *MONO)
    assert labels == ["class 10 ✓", "", "class 12", "", "class 14", ""]


def _names_drawn(window, plot_name: str) -> list[str]:
    """The texts the plot's class axis draws (pyqtgraph drops a label it has no room for)."""
    labels = tick_labels(plot_item(window, plot_name).getAxis("bottom"))
    return [text for text, _rect in labels if text]


@pytest.mark.parametrize("size", [(1280, 800), (1600, 1000), (1920, 1080)])
def test_long_class_names_are_elided_under_the_bars_never_dropped(window, size):
    """'golden retriever puppy', 'siamese cat', 'red fox': each bar is named, a long name
    shortened with an ellipsis where its room is short, the true class's with its mark."""
    window.resize(*size)
    names = ["golden retriever puppy", "siamese cat", "red fox"]
    for k, name in enumerate(names):
        edit = find(window, QLineEdit, f"classNameEdit{k}")
        edit.setText(name)
        edit.editingFinished.emit()
    for target in (0, 1, 2):
        find(window, QComboBox, "targetCombo").setCurrentIndex(target)
        QApplication.processEvents()
        for plot_name in ("probBarsPlot", "gradBarsPlot"):
            texts = _names_drawn(window, plot_name)
            assert len(texts) == 3, (plot_name, target, texts)
            for k, (text, name) in enumerate(zip(texts, names, strict=True)):
                if k == target:
                    assert text.endswith(" ✓"), texts
                    text = text.removesuffix(" ✓")
                assert text == name or (
                    text.endswith("…") and len(text) > 3 and name.startswith(text[:-1])
                ), (plot_name, texts)
            if size[0] >= 1600:  # room for the two shorter names whole
                assert texts[2].removesuffix(" ✓") == "red fox"


@pytest.mark.parametrize("target", [0, 13, 19])
@pytest.mark.parametrize("size", [(1280, 800), (1600, 1000), (1920, 1080)])
def test_the_true_class_is_named_whole_among_twenty(window, size, target):
    """K = 20, default names: "class 0 ✓" at the plot's left edge was the label most often
    dropped; the true class's label is drawn, whole, wherever its bar is."""
    window.resize(*size)
    find(window, QSpinBox, "classCountSpin").setValue(20)
    for k in range(3):  # cat, tiger, dog: as the others are named
        edit = find(window, QLineEdit, f"classNameEdit{k}")
        edit.setText(f"class {k}")
        edit.editingFinished.emit()
    assert window.state.classes == tuple(f"class {k}" for k in range(20))
    find(window, QComboBox, "targetCombo").setCurrentIndex(target)
    QApplication.processEvents()
    for plot_name in ("probBarsPlot", "gradBarsPlot"):
        texts = _names_drawn(window, plot_name)
        assert f"class {target} ✓" in texts, (plot_name, texts)
        assert len(texts) >= 2 and not any("…" in t for t in texts), texts  # "class…" names none


@pytest.mark.parametrize("k, target", [(3, 0), (20, 0), (20, 13)])
@pytest.mark.parametrize("size", [(1280, 800), (1600, 1000), (1920, 1080)])
def test_class_names_under_the_bars_never_run_together(window, size, k, target):
    window.resize(*size)
    find(window, QSpinBox, "classCountSpin").setValue(k)
    find(window, QComboBox, "targetCombo").setCurrentIndex(target)
    QApplication.processEvents()
    names = list(window.state.classes)
    for name in ("probBarsPlot", "gradBarsPlot"):
        labels = tick_labels(plot_item(window, name).getAxis("bottom"))
        texts = [text for text, _rect in labels if text]
        assert names[target] + " ✓" in texts
        if k == 3:
            assert texts == [names[0] + " ✓", *names[1:]] if target == 0 else len(texts) == 3
        rects = sorted((rect for text, rect in labels if text), key=lambda r: r.left())
        for a, b in pairwise(rects):
            assert a.right() <= b.left(), (name, texts)
        view = find(window, pg.PlotWidget, name).viewport().width()
        assert rects[0].left() >= 0 and rects[-1].right() <= view, (name, texts)  # none cut


def test_no_shortcut_is_one_that_screen_annotation_tools_take(window):
    """ZoomIt and its kind take Ctrl+1…4 globally: the presets are on Alt+digit."""
    taken = {f"Ctrl+{d}" for d in range(10)}
    shortcuts = {a.shortcut().toString() for a in window.findChildren(QAction)}
    assert not shortcuts & taken
    for i, preset in enumerate(PRESETS):
        act = window.findChild(QAction, f"actionPreset_{preset.key}")
        assert act.shortcut().toString() == f"Alt+{i + 1}"
    window.findChild(QAction, "actionPreset_uniform").trigger()
    assert window.state.logits == (0.0, 0.0, 0.0)
