"""Keyboard and screen-reader access: accessible names, the Tab order, arrow-key steps on the
plots, and the plain-text sentences that describe what a plot or a view shows.

The names live here, by object name, so the views keep their own code; the numbers in the
descriptions come from the controller, which computed them for the views anyway (formatting a
few of them is all that is done here, on every refresh).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import pairwise
from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QChildEvent, QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QTabWidget, QWidget

from gui.i18n import tr
from model.display import PointValues
from model.state import AppState

SHIFT_STEPS = 10  # Shift+arrow moves this many steps
SIMPLEX_STEP = 0.01  # an arrow key's step on the triangle, in probability (see nudged_b)


def _noop(text: object) -> str:
    # QT_TRANSLATE_NOOP returns its text (for lupdate); PySide6's stubs say "object".
    return cast(str, text)


# Accessible names by object name: marked for lupdate here, looked up by tr() when set.
NAMES: dict[str, str] = {
    "classCountSpin": _noop(QT_TRANSLATE_NOOP("", "Number of classes K")),
    "targetCombo": _noop(QT_TRANSLATE_NOOP("", "True class")),
    "ceUnitCombo": _noop(QT_TRANSLATE_NOOP("", "Cross-entropy unit")),
    "mseReductionCombo": _noop(QT_TRANSLATE_NOOP("", "Squared error: sum or mean")),
    "valueTable": _noop(QT_TRANSLATE_NOOP("", "Values per class")),
    "qt_tabwidget_tabbar": _noop(QT_TRANSLATE_NOOP("", "Views")),
    "xAxisCombo": _noop(QT_TRANSLATE_NOOP("", "Overview x axis")),
    "logGradCheck": _noop(QT_TRANSLATE_NOOP("", "Log gradient view")),
    "probBarsPlot": _noop(QT_TRANSLATE_NOOP("", "Probability bars")),
    "gradBarsPlot": _noop(QT_TRANSLATE_NOOP("", "Gradient bars, CE and MSE per class")),
    "lossCurvePlot": _noop(QT_TRANSLATE_NOOP("", "Loss against z_p")),
    "gradCurvePlot": _noop(QT_TRANSLATE_NOOP("", "Gradient on z_p against z_p")),
    "surfaceModeCombo": _noop(QT_TRANSLATE_NOOP("", "Second axis of the surfaces")),
    "competitorCombo": _noop(QT_TRANSLATE_NOOP("", "Competing class")),
    "xMinSpin": _noop(QT_TRANSLATE_NOOP("", "Smallest z_p shown")),
    "xMaxSpin": _noop(QT_TRANSLATE_NOOP("", "Largest z_p shown")),
    "yMinSpin": _noop(QT_TRANSLATE_NOOP("", "Smallest y shown")),
    "yMaxSpin": _noop(QT_TRANSLATE_NOOP("", "Largest y shown")),
    "resolutionSpin": _noop(QT_TRANSLATE_NOOP("", "Surface resolution")),
    "logColourCheck": _noop(QT_TRANSLATE_NOOP("", "Log gradient colours")),
    "slowThresholdSpin": _noop(QT_TRANSLATE_NOOP("", "Slow-learning threshold")),
    "surface3dButton": _noop(QT_TRANSLATE_NOOP("", "Open a 3D view")),
    "ceLossSurface": _noop(QT_TRANSLATE_NOOP("", "CE loss surface")),
    "mseLossSurface": _noop(QT_TRANSLATE_NOOP("", "MSE loss surface")),
    "ceGradSurface": _noop(QT_TRANSLATE_NOOP("", "CE gradient surface")),
    "mseGradSurface": _noop(QT_TRANSLATE_NOOP("", "MSE gradient surface")),
    "racePlayButton": _noop(QT_TRANSLATE_NOOP("", "Play or pause the race")),
    "raceStepButton": _noop(QT_TRANSLATE_NOOP("", "One step forward")),
    "raceBackButton": _noop(QT_TRANSLATE_NOOP("", "One step back")),
    "raceResetButton": _noop(QT_TRANSLATE_NOOP("", "Back to step 0")),
    "raceSpeedCombo": _noop(QT_TRANSLATE_NOOP("", "Race speed")),
    "raceProbPlot": _noop(QT_TRANSLATE_NOOP("", "True-class probability against step")),
    "raceLossPlot": _noop(QT_TRANSLATE_NOOP("", "Losses against step")),
    "trainSpeedCombo": _noop(QT_TRANSLATE_NOOP("", "Training speed")),
    "trainPresetCombo": _noop(QT_TRANSLATE_NOOP("", "Training preset")),
    "trainCeRegions": _noop(QT_TRANSLATE_NOOP("", "Decision regions of the CE network")),
    "trainMseRegions": _noop(QT_TRANSLATE_NOOP("", "Decision regions of the MSE network")),
    "trainLossPlot": _noop(QT_TRANSLATE_NOOP("", "Training loss against epoch")),
    "trainAccuracyPlot": _noop(QT_TRANSLATE_NOOP("", "Training accuracy against epoch")),
    "sceneDeleteButton": _noop(QT_TRANSLATE_NOOP("", "Delete the selected scene")),
    "exportWhatCombo": _noop(QT_TRANSLATE_NOOP("", "What to export")),
    "exportFormatCombo": _noop(QT_TRANSLATE_NOOP("", "Export format")),
}


# Qt's own buttons name themselves once, when they are made, in Qt's words: (Qt's context,
# name, description) by object name, looked up again in Qt's translation on a language change
# (held in variables: these are Qt's strings, not LossLab's, and lupdate must not file them).
QT_PARTS: dict[str, tuple[str, str, str]] = {
    "ScrollLeftButton": ("QTabBar", "Scroll Left", ""),
    "ScrollRightButton": ("QTabBar", "Scroll Right", ""),
    "qt_dockwidget_closebutton": ("QDockWidget", "Close", "Closes the dock widget"),
    "qt_dockwidget_floatbutton": (
        "QDockWidget",
        "Float",
        "Undocks and re-attaches the dock widget",
    ),
}


def name_qt_parts(root: QWidget) -> None:
    """Qt's own tab-scroll and dock buttons under ``root`` named in the current language."""
    translate = QCoreApplication.translate
    for w in root.findChildren(QWidget):
        part = QT_PARTS.get(w.objectName())
        if part is not None:
            context, name, description = part
            w.setAccessibleName(translate(context, name))
            if description:
                w.setAccessibleDescription(translate(context, description))


def _row_name(name: str, classes: tuple[str, ...]) -> str | None:
    """The name of a logit row's widget (``logitSpin2`` → "Logit of dog"), or None."""
    for prefix, text in (
        ("classNameEdit", tr("Name of class %1")),
        ("logitSpin", tr("Logit of %1")),
        ("logitSlider", tr("Logit slider of %1")),
    ):
        digits = name.removeprefix(prefix)
        if digits != name and digits.isdigit():
            k = int(digits)
            label = classes[k] if k < len(classes) else str(k)
            return text.replace("%1", f"{label} (z_{k})")
    return None


def takes_tab(w: QWidget) -> bool:
    """Whether Tab can stop on ``w`` (where it shows): a widget handing its focus to another
    (a spin box's line edit, a tab widget) is passed over, as Qt's focus chain does."""
    return bool(w.focusPolicy() & Qt.FocusPolicy.TabFocus) and w.focusProxy() is None


def name_widgets(root: QWidget, classes: tuple[str, ...]) -> None:
    """Give every widget under ``root`` that has no name of its own its accessible name."""
    for w in root.findChildren(QWidget):
        name = w.objectName()
        text = NAMES.get(name)
        label = tr(text) if text is not None else _row_name(name, classes)
        if label is not None and w.accessibleName() != label:
            w.setAccessibleName(label)


def _page_order(page: QWidget) -> list[QWidget]:
    """A view's Tab stops in their focus-chain order: the order its layout built them in, top
    to bottom (controls above the plots, the training's player row below them), with plots
    built later (the surfaces') after everything built before."""
    found: list[QWidget] = []
    w: QWidget | None = page.nextInFocusChain()
    seen = 0
    while w is not None and w is not page and seen < 10000:
        seen += 1
        if page.isAncestorOf(w) and takes_tab(w):
            found.append(w)
        w = w.nextInFocusChain()
    return found


def chain(widgets: Iterable[QWidget | None]) -> None:
    """Put ``widgets`` one after the other in the focus chain."""
    ordered = [w for w in widgets if w is not None]
    for a, b in pairwise(ordered):
        QWidget.setTabOrder(a, b)


def arrow_steps(event: QKeyEvent) -> tuple[int, int] | None:
    """The (right, up) steps an arrow key asks for, Shift ten at once; None for another key."""
    moves = {
        Qt.Key.Key_Left: (-1, 0),
        Qt.Key.Key_Right: (1, 0),
        Qt.Key.Key_Up: (0, 1),
        Qt.Key.Key_Down: (0, -1),
    }
    move = moves.get(Qt.Key(event.key()))
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if move is None or mods & ~Qt.KeyboardModifier.ShiftModifier:
        return None
    n = SHIFT_STEPS if mods & Qt.KeyboardModifier.ShiftModifier else 1
    return move[0] * n, move[1] * n


def nudged_b(b: tuple[float, float, float], right: int, up: int) -> tuple[float, float, float]:
    """Triangle coordinates (s_p, left vertex, right vertex) after arrow steps in the plot's
    own directions: up moves SIMPLEX_STEP of probability to the true class from the other two
    equally (straight up), right moves SIMPLEX_STEP from the left vertex's class to the right
    one's with s_p kept."""
    d = SIMPLEX_STEP
    return (b[0] + up * d, b[1] - right * d - up * d / 2, b[2] + right * d - up * d / 2)


def set_description(widget: QWidget, text: str) -> None:
    if widget.accessibleDescription() != text:
        widget.setAccessibleDescription(text)


def n3(v: float) -> str:
    """A number for a sentence read aloud: three significant digits, the sign a minus."""
    if v == 0:
        return "0"
    return f"{v:#.3g}".removesuffix(".").replace("-", "−")


def units(state: AppState) -> tuple[str, str]:
    ce = tr("nats") if state.ce_unit == "nats" else tr("bits")
    mse = tr("sum") if state.mse_reduction == "sum" else tr("mean")
    return ce, mse


def second_axis_name(state: AppState) -> str:
    return "ȳ" if state.surface.mode == "shift" else f"z_{state.surface.competitor}"


def loss_sentence(state: AppState, point: PointValues) -> str:
    """ "CE 3.50 nats, MSE 1.44 (sum)": the losses at the current logits."""
    ce_unit, mse_unit = units(state)
    return f"CE {n3(point.ce)} {ce_unit}, MSE {n3(point.mse)} ({mse_unit})"


def point_sentence(state: AppState, point: PointValues) -> str:
    """ "CE 3.50 nats, MSE 1.44 (sum), z_p −2.00": the losses at the current logits."""
    return f"{loss_sentence(state, point)}, z_p {n3(state.logits[state.target])}"


def grad_sentence(state: AppState, point: PointValues) -> str:
    p = state.target
    return f"∂L_CE/∂z_p {n3(float(point.ce_grad[p]))}, ∂L_MSE/∂z_p {n3(float(point.mse_grad[p]))}"


def overview_descriptions(state: AppState, point: PointValues) -> dict[str, str]:
    probs = ", ".join(
        f"{name} {n3(float(s))}" + (tr(" (true class)") if k == state.target else "")
        for k, (name, s) in enumerate(zip(state.classes, point.probabilities, strict=True))
    )
    grads = ", ".join(
        f"{name}: CE {n3(float(g))}, MSE {n3(float(m))}"
        for name, g, m in zip(state.classes, point.ce_grad, point.mse_grad, strict=True)
    )
    loss = point_sentence(state, point)
    grad = grad_sentence(state, point)
    return {
        "probBarsPlot": tr("Probabilities: ") + probs,
        "gradBarsPlot": tr("Gradients: ") + grads,
        "lossCurvePlot": loss,
        "gradCurvePlot": f"{grad}, z_p {n3(state.logits[state.target])}",
    }


def surface_descriptions(state: AppState, point: PointValues) -> dict[str, str]:
    p = state.target
    at = f"z_p {n3(state.logits[p])}, {second_axis_name(state)} {n3(state.second_axis())}"
    ce_unit, mse_unit = units(state)
    return {
        "ceLossSurface": f"CE {n3(point.ce)} {ce_unit} " + tr("at") + f" {at}",
        "mseLossSurface": f"MSE {n3(point.mse)} ({mse_unit}) " + tr("at") + f" {at}",
        "ceGradSurface": f"∂L_CE/∂z_p {n3(float(point.ce_grad[p]))} " + tr("at") + f" {at}",
        "mseGradSurface": f"∂L_MSE/∂z_p {n3(float(point.mse_grad[p]))} " + tr("at") + f" {at}",
    }


def surface_status(state: AppState, point: PointValues) -> str:
    """Where an arrow key put the point, for the status bar."""
    p = state.target
    return tr("Point at z_p = %1, %2 = %3: ").replace("%1", n3(state.logits[p])).replace(
        "%2", second_axis_name(state)
    ).replace("%3", n3(state.second_axis())) + loss_sentence(state, point)  # z_p said once


def simplex_sentence(
    state: AppState, b: tuple[float, float, float], ce: float, mse: float, left: str, right: str
) -> str:
    ce_unit, mse_unit = units(state)
    return (
        f"s_p {n3(b[0])}, {left} {n3(b[1])}, {right} {n3(b[2])}: "
        f"CE {n3(ce)} {ce_unit}, MSE {n3(mse)} ({mse_unit})"
    )


class Access(QObject):
    """Keeps the window's accessible names and Tab order right as widgets come and go (a
    smaller or larger K, a view built on its first show, a language change)."""

    def __init__(
        self,
        window: QWidget,
        panel: QWidget,
        tabs: QTabWidget,
        dock_order: Callable[[], list[QWidget]],
        tail: Callable[[], list[QWidget]],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._panel = panel
        self._tabs = tabs
        self._dock_order = dock_order
        self._tail = tail
        self._shape: object = None
        self._classes: tuple[str, ...] = ()
        window.installEventFilter(self)

    def follow(self, state: AppState, shape: object) -> None:
        """After a state change: only a new ``shape`` (the widgets that exist) or new class
        names cost a walk over the window; a drag step compares two tuples."""
        if shape == self._shape and state.classes == self._classes:
            return
        self._shape, self._classes = shape, state.classes
        self.update()

    def update(self) -> None:
        name_widgets(self._window, self._classes)
        # The tab widget hands its focus to its bar: left elsewhere in the chain, Tab would
        # jump to the bar from there.
        order: list[QWidget] = [*self._dock_order(), self._tabs, self._tabs.tabBar()]
        for i in range(self._tabs.count()):
            page = self._tabs.widget(i)
            if page is not None:
                # The page and its view first: a view that takes the focus itself (the race
                # page, for Space) hands Tab on to its first control, not to wherever it was
                # left in the chain when it was built.
                direct = Qt.FindChildOption.FindDirectChildrenOnly
                views = page.findChildren(QWidget, options=direct)
                order += [page, *views, *_page_order(page)]
        chain([*order, *self._tail()])

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self._window and event.type() == QEvent.Type.LanguageChange:
            name_widgets(self._window, self._classes)
            name_qt_parts(self._window)
        elif event.type() == QEvent.Type.ChildPolished and isinstance(event, QChildEvent):
            # A dialog of the window is polished as it first shows, its widgets all built:
            # the export dialog's boxes get their names without the dialog's code knowing.
            child = event.child()
            if isinstance(child, QDialog):
                name_widgets(child, self._classes)
        return False
