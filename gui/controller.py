"""The only place that turns a widget edit into a new state, and a new state into view updates.

Views never compute: the controller asks the model (pure functions of the state) for what the
*visible* views need, caches it by what it depends on, and hands views plain arrays.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QSignalBlocker, Signal, Slot
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QTabWidget

from gui.logit_panel import LogitPanel, fmt
from gui.undo import StateCommand
from gui.views.overview import OverviewView
from gui.views.surfaces import SurfacesView
from model import scene
from model.state import AppState, StateError


def tr(text: str) -> str:
    return QCoreApplication.translate("Controller", text)


class Controller(QObject):
    state_changed = Signal(object)

    def __init__(
        self,
        state: AppState,
        panel: LogitPanel,
        overview: OverviewView,
        surfaces: SurfacesView,
        tabs: QTabWidget,
        undo_stack: QUndoStack,
    ) -> None:
        super().__init__()
        self._state = state
        self.panel = panel
        self.overview = overview
        self.surfaces = surfaces
        self.tabs = tabs
        self.undo_stack = undo_stack
        self._curves_key: object = None
        self._surface_key: object = None
        self._surface_quick: object = None
        self._drag_serial = 0
        self._synced_surface: object = None
        self._wire()
        self._apply(state)

    @property
    def state(self) -> AppState:
        return self._state

    # --- edits -----------------------------------------------------------------------------
    def edit(self, new: AppState, text: str, key: str | None = None) -> None:
        """Push an edit onto the undo stack (which applies it)."""
        if new == self._state:
            return
        self.undo_stack.push(StateCommand(self._apply, self._state, new, text, key))

    def replace_state(self, new: AppState, text: str) -> None:
        """A whole new state (preset, session): one undo entry, never merged."""
        self.edit(new, text, None)

    def _wire(self) -> None:
        p, s, o = self.panel, self.surfaces, self.overview
        p.class_count_changed.connect(
            lambda k: self.edit(self._state.with_class_count(k), tr("Set K"), None)
        )
        p.logit_edited.connect(self._on_logit)
        p.name_edited.connect(self._on_name)
        p.target_changed.connect(
            lambda t: self.edit(self._state.with_target(t), tr("Set the true class"))
        )
        p.ce_unit_changed.connect(
            lambda u: self.edit(self._state.with_units(ce_unit=u), tr("CE unit"))
        )
        p.mse_reduction_changed.connect(
            lambda r: self.edit(self._state.with_units(mse_reduction=r), tr("MSE reduction"))
        )
        o.x_axis_combo.currentIndexChanged.connect(self._force_curves)
        o.log_grad_check.toggled.connect(self._force_curves)
        s.mode_combo.currentIndexChanged.connect(self._on_mode)
        s.competitor_combo.currentIndexChanged.connect(self._on_competitor)
        for spin in s.range_spins.values():
            spin.valueChanged.connect(self._on_range)
        s.resolution_spin.valueChanged.connect(
            lambda n: self.edit(self._state.with_surface(resolution=int(n)), tr("Resolution"))
        )
        s.log_check.toggled.connect(self._force_surfaces)
        s.threshold_spin.valueChanged.connect(self._force_surfaces)
        s.picked.connect(self._on_pick)
        s.hovered.connect(self._on_hover)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())

    @Slot(int, float, str)
    def _on_logit(self, k: int, value: float, key: str) -> None:
        self.edit(self._state.with_logit(k, value), tr("Edit z_%1").replace("%1", str(k)), key)

    @Slot(int, str)
    def _on_name(self, k: int, name: str) -> None:
        name = name.strip()
        if k >= self._state.k:  # a row that a smaller K has just removed
            return
        if not name:  # refused: the edit box gets the name back
            self.panel.sync(self._state, force=True)
            return
        self.edit(self._state.with_class_name(k, name), tr("Rename a class"))

    @Slot(int)
    def _on_mode(self, _index: int) -> None:
        mode = self.surfaces.mode_combo.currentData()
        self.edit(self._state.with_surface(mode=mode), tr("Surface mode"))

    @Slot(int)
    def _on_competitor(self, index: int) -> None:
        if index < 0:
            return
        j = int(self.surfaces.competitor_combo.itemData(index))
        self.edit(self._state.with_surface(competitor=j), tr("Competitor"))

    @Slot(float)
    def _on_range(self, _value: float) -> None:
        sp = self.surfaces.range_spins
        x = (sp["xMin"].value(), sp["xMax"].value())
        y = (sp["yMin"].value(), sp["yMax"].value())
        try:
            new = self._state.with_surface(x_range=x, y_range=y)
        except StateError as exc:  # e.g. min above max: refuse, and show why
            self.surfaces.hover_label.setText(str(exc))
            self.surfaces_sync()
            return
        self.edit(new, tr("Surface range"), "range")

    @Slot(float, float, str)
    def _on_pick(self, x: float, y: float, phase: str) -> None:
        if phase in ("click", "start"):
            self._drag_serial += 1
        key = None if phase == "click" else f"drag{self._drag_serial}"
        self.edit(self._state.with_surface_point(x, y), tr("Move on a surface"), key)

    @Slot(float, float)
    def _on_hover(self, x: float, y: float) -> None:
        st = self._state
        at = st.with_surface_point(x, y)
        v = scene.point_values(at)
        p = st.target
        axis = "ȳ" if st.surface.mode == "shift" else f"z_{st.surface.competitor}"
        self.surfaces.hover_label.setText(
            f"z_p = {x:.4g}, {axis} = {y:.4g}:   s_p = {fmt(v.s_p)}   L_CE = {fmt(v.ce)}   "
            f"L_MSE = {fmt(v.mse)}   ∂L_CE/∂z_p = {fmt(float(v.ce_grad[p]))}   "
            f"∂L_MSE/∂z_p = {fmt(float(v.mse_grad[p]))}"
        )

    def _force_curves(self) -> None:
        self._curves_key = None
        self.refresh()

    def _force_surfaces(self) -> None:
        self._surface_key = self._surface_quick = None
        self.refresh()

    # --- state -> views --------------------------------------------------------------------
    def _apply(self, state: AppState) -> None:
        self._state = state
        self.panel.sync(state)
        if self._synced_surface != (state.surface, state.classes, state.target):
            self.surfaces_sync()
        self.refresh()
        self.state_changed.emit(state)

    def surfaces_sync(self) -> None:
        """Show the surface settings in the surfaces view's controls, signals blocked."""
        st, s = self._state.surface, self.surfaces
        self._synced_surface = (st, self._state.classes, self._state.target)
        with QSignalBlocker(s.mode_combo):
            s.mode_combo.setCurrentIndex(s.mode_combo.findData(st.mode))
        with QSignalBlocker(s.competitor_combo):
            s.competitor_combo.clear()
            for k, name in enumerate(self._state.classes):
                if k != self._state.target:
                    s.competitor_combo.addItem(name, k)
            s.competitor_combo.setCurrentIndex(s.competitor_combo.findData(st.competitor))
            s.competitor_combo.setEnabled(st.mode == "competitor")
        values = {"xMin": st.x_range[0], "xMax": st.x_range[1]}
        values |= {"yMin": st.y_range[0], "yMax": st.y_range[1]}
        for name, spin in s.range_spins.items():
            with QSignalBlocker(spin):
                spin.setValue(values[name])
        with QSignalBlocker(s.resolution_spin):
            s.resolution_spin.setValue(st.resolution)

    def refresh(self) -> None:
        """Update what is showing, recomputing only what the last change touched."""
        state = self._state
        point = scene.point_values(state)
        self.panel.show_values(state, point)
        current = self.tabs.currentWidget()
        if current is self.overview:
            self.overview.show_point(point, state.classes, state.target)
            others = tuple(v for i, v in enumerate(state.logits) if i != state.target)
            lo, hi = state.surface.x_range
            zp = state.logits[state.target]
            span = (min(lo, zp - 1.0), max(hi, zp + 1.0))  # the curves' x range (scene.curves)
            key = (others, state.target, span, state.ce_unit, state.mse_reduction)
            if key != self._curves_key:
                self._curves_key = key
                self.overview.show_curves(scene.curves(state), state.ce_unit, state.mse_reduction)
        elif current is self.surfaces:
            log, thr = self.surfaces.log_colours(), self.surfaces.threshold()
            p = state.target
            # What surface_key reads, without its arithmetic: a drag moves only z_p, so most
            # edits stop here (surface_key costs a few numpy calls).
            quick = (state.logits[:p] + state.logits[p + 1 :], p, state.surface, state.classes)
            quick += (state.ce_unit, state.mse_reduction, log, thr)
            if quick != self._surface_quick:
                self._surface_quick = quick
                key = scene.surface_key(state, log, thr)
            else:
                key = self._surface_key
            if key != self._surface_key:
                self._surface_key = key
                display = scene.surface_display(state, log, thr)
                self.surfaces.show_surfaces(display, self.second_axis_label(), self.units())
            self.surfaces.show_point(state.logits[state.target], state.second_axis())

    def second_axis_label(self) -> str:
        st = self._state
        if st.surface.mode == "shift":
            return tr("y = mean of the other logits")
        return tr("y = z_j, j = %1").replace("%1", st.classes[st.surface.competitor])

    def units(self) -> dict[str, str]:
        ce = self._state.ce_unit
        mse = self._state.mse_reduction
        # Short colour-bar labels (the plot titles name the quantity): they fit at 1280 px.
        return {"ce": ce, "mse": mse, "ce_grad": "", "mse_grad": ""}
