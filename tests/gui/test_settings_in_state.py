"""Every switch of the views lives in the one state: undoable, saved, and shown by the widgets."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QTabWidget, QWidget

from model.session import load_session


def _find(window, kind, name):
    w = window.findChild(kind, name)
    assert w is not None, name
    return w


def _undo(window):
    _find(window, QAction, "actionUndo").trigger()


def _redo(window):
    _find(window, QAction, "actionRedo").trigger()


def test_each_switch_is_an_undoable_edit_of_the_state(window):
    tabs = _find(window, QTabWidget, "viewTabs")
    x_axis = _find(window, QComboBox, "xAxisCombo")
    log_grad = _find(window, QCheckBox, "logGradCheck")
    x_axis.setCurrentIndex(x_axis.findData("s"))
    log_grad.setChecked(True)
    assert (window.state.overview.x_axis, window.state.overview.log_grad) == ("s", True)
    tabs.setCurrentWidget(_find(window, QWidget, "surfacesView"))
    log_colours = _find(window, QCheckBox, "logColourCheck")
    threshold = _find(window, QDoubleSpinBox, "slowThresholdSpin")
    log_colours.setChecked(True)
    threshold.setValue(0.05)
    s = window.state
    assert (s.view, s.surface.log_colours, s.surface.slow_threshold) == ("surfaces", True, 0.05)

    _undo(window)  # the threshold
    assert window.state.surface.slow_threshold == 0.01 and threshold.value() == 0.01
    _undo(window)  # log colours
    assert not window.state.surface.log_colours and not log_colours.isChecked()
    _undo(window)  # the tab
    assert window.state.view == "overview"
    assert tabs.currentWidget().objectName() == "overviewView"
    _undo(window)  # log gradient
    assert not window.state.overview.log_grad and not log_grad.isChecked()
    _undo(window)  # x axis
    assert window.state.overview.x_axis == "z" and x_axis.currentData() == "z"
    for _ in range(5):
        _redo(window)
    assert window.state == s
    assert tabs.currentWidget().objectName() == "surfacesView"
    assert log_colours.isChecked() and threshold.value() == 0.05


def test_the_curves_follow_the_state_not_the_widgets(window):
    """Undo of the log view redraws the gradient curves linearly again: the view reads the
    state's switch, with no cache left holding the log curves."""
    grad_axis = window.findChild(QWidget, "gradCurvePlot").getPlotItem().getAxis("left")
    log_grad = _find(window, QCheckBox, "logGradCheck")
    linear = grad_axis.labelText
    log_grad.setChecked(True)
    assert "log" in grad_axis.labelText
    _undo(window)
    assert grad_axis.labelText == linear


def test_a_saved_session_brings_every_switch_and_the_view_back(window, qtbot, tmp_path):
    _find(window, QCheckBox, "logGradCheck").setChecked(True)
    tabs = _find(window, QTabWidget, "viewTabs")
    tabs.setCurrentWidget(_find(window, QWidget, "surfacesView"))
    _find(window, QCheckBox, "logColourCheck").setChecked(True)
    _find(window, QDoubleSpinBox, "slowThresholdSpin").setValue(0.02)
    path = tmp_path / "settings.losslab.json"
    window.save_session_file(path)
    saved = window.state
    assert load_session(path) == saved

    from gui.main_window import MainWindow

    other = MainWindow()
    qtbot.addWidget(other)
    assert other.load_session_file(path)
    assert other.state == saved
    assert other.tabs.currentWidget().objectName() == "surfacesView"
    assert _find(other, QCheckBox, "logColourCheck").isChecked()
    assert _find(other, QDoubleSpinBox, "slowThresholdSpin").value() == 0.02
    assert _find(other, QCheckBox, "logGradCheck").isChecked()


def test_editing_one_range_bound_keeps_the_others_exact(window, tmp_path):
    from model.session import save_session
    from model.state import AppState

    path = tmp_path / "range.losslab.json"
    save_session(AppState().with_surface(x_range=(-9.95, 9.95), y_range=(-9.95, 9.95)), path)
    assert window.load_session_file(path)
    tabs = _find(window, QTabWidget, "viewTabs")
    tabs.setCurrentWidget(_find(window, QWidget, "surfacesView"))
    _find(window, QDoubleSpinBox, "yMaxSpin").setValue(8.0)
    st = window.state.surface
    assert st.y_range == (-9.95, 8.0) and st.x_range == (-9.95, 9.95)
