"""The only place that turns a widget edit into a new state, and a new state into view updates.

Views never compute: the controller asks the model (pure functions of the state) for what the
*visible* views need, caches it by what it depends on, and hands views plain arrays.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QObject, QSignalBlocker, Signal, Slot
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QTabWidget, QWidget

from gui.logit_panel import LogitPanel, fmt
from gui.undo import MergeKey, StateCommand
from gui.views.overview import OverviewView
from gui.views.surfaces import SurfacesView
from model import display
from model.state import VIEW_NAMES, AppState, StateError


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
        self._drag_serial = 0
        self._synced_surface: object = None
        self._mesh_key: object = None
        self._meshes: dict[str, display.SurfaceMesh] = {}
        self._wire()
        self._apply(state)

    @property
    def state(self) -> AppState:
        return self._state

    # --- edits -----------------------------------------------------------------------------
    def edit(self, new: AppState, text: str, key: MergeKey | None = None) -> None:
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
        o.x_axis_combo.currentIndexChanged.connect(
            lambda _i: self.edit(
                self._state.with_overview(x_axis=o.x_axis_combo.currentData()),
                tr("Overview x axis"),
            )
        )
        o.log_grad_check.toggled.connect(
            lambda on: self.edit(
                self._state.with_overview(log_grad=bool(on)), tr("Log gradient view")
            )
        )
        s.mode_combo.currentIndexChanged.connect(self._on_mode)
        s.competitor_combo.currentIndexChanged.connect(self._on_competitor)
        for spin in s.range_spins.values():
            spin.valueChanged.connect(self._on_range)
        s.resolution_spin.valueChanged.connect(
            lambda n: self.edit(self._state.with_surface(resolution=int(n)), tr("Resolution"))
        )
        s.log_check.toggled.connect(
            lambda on: self.edit(
                self._state.with_surface(log_colours=bool(on)), tr("Log gradient colours")
            )
        )
        s.threshold_spin.valueChanged.connect(
            lambda v: self.edit(
                self._state.with_surface(slow_threshold=float(v)),
                tr("Slow-learning threshold"),
                MergeKey("spin", "threshold"),
            )
        )
        s.picked.connect(self._on_pick)
        s.hovered.connect(self._on_hover)
        self.tabs.currentChanged.connect(self._on_tab)

    @Slot(int)
    def _on_tab(self, index: int) -> None:
        name = self.tabs.widget(index).objectName().removesuffix("View")
        if name in VIEW_NAMES:
            self.edit(self._state.with_view(name), tr("Show a view"), MergeKey("view"))

    @Slot(int, float, object)
    def _on_logit(self, k: int, value: float, key: MergeKey) -> None:
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
        self.edit(new, tr("Surface range"), MergeKey("range"))

    @Slot(float, float, str)
    def _on_pick(self, x: float, y: float, phase: str) -> None:
        if phase in ("click", "start"):
            self._drag_serial += 1
        key = None if phase == "click" else MergeKey("drag", "surface", self._drag_serial)
        self.edit(self._state.with_surface_point(x, y), tr("Move on a surface"), key)

    @Slot(float, float)
    def _on_hover(self, x: float, y: float) -> None:
        st = self._state
        at = st.with_surface_point(x, y)
        v = display.point_values(at)
        p = st.target
        axis = "ȳ" if st.surface.mode == "shift" else f"z_{st.surface.competitor}"
        self.surfaces.hover_label.setText(
            f"z_p = {x:.4g}, {axis} = {y:.4g}:   s_p = {fmt(v.s_p)}   L_CE = {fmt(v.ce)}   "
            f"L_MSE = {fmt(v.mse)}   ∂L_CE/∂z_p = {fmt(float(v.ce_grad[p]))}   "
            f"∂L_MSE/∂z_p = {fmt(float(v.mse_grad[p]))}"
        )

    # --- state -> views --------------------------------------------------------------------
    def _apply(self, state: AppState) -> None:
        self._state = state
        self.panel.sync(state)
        self.overview.sync_settings(state.overview)
        if self._synced_surface != (state.surface, state.classes, state.target):
            self.surfaces_sync()
        self._show_view(state.view)
        self.refresh()
        self.state_changed.emit(state)

    def _show_view(self, name: str) -> None:
        page = self.tabs.findChild(QWidget, f"{name}View")
        index = self.tabs.indexOf(page) if page is not None else -1
        if index >= 0 and index != self.tabs.currentIndex():
            with QSignalBlocker(self.tabs):
                self.tabs.setCurrentIndex(index)

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
        with QSignalBlocker(s.log_check):
            s.log_check.setChecked(st.log_colours)
        with QSignalBlocker(s.threshold_spin):
            s.threshold_spin.setValue(st.slow_threshold)

    def refresh(self) -> None:
        """Update what is showing, recomputing only what the last change touched (each view's
        data has a key, computed by the model: equal keys, nothing to recompute)."""
        state = self._state
        point = display.point_values(state)
        self.panel.show_values(state, point)
        current = self.tabs.currentWidget()
        if current is self.overview:
            markers = display.curve_markers(state, point)
            self.overview.show_point(point, markers, state.classes, state.target)
            key = display.curves_key(state)
            if key != self._curves_key:
                self._curves_key = key
                self.overview.show_curves(
                    display.curve_display(state), state.ce_unit, state.mse_reduction
                )
        elif current is self.surfaces:
            key = display.surface_key(state)
            if key != self._surface_key:
                self._surface_key = key
                self.surfaces.show_surfaces(
                    display.surface_display(state),
                    self.second_axis_label(),
                    self.units(),
                    state.surface.log_colours,
                )
            self.surfaces.show_point(state.logits[state.target], state.second_axis())

    def surface_mesh(self, kind: str) -> display.SurfaceMesh:
        """Surface ``kind`` for a 3D view, in the current state. The meshes are kept while the
        surfaces' key stays (a point move only moves the mesh's point), shared by every 3D
        view open."""
        key = display.surface_key(self._state)
        if key != self._mesh_key:
            self._mesh_key, self._meshes = key, {}
        mesh = self._meshes.get(kind)
        if mesh is None:
            mesh = self._meshes[kind] = display.surface_mesh(self._state, kind)
        point = display.surface_mesh_point(self._state, kind)
        return mesh if mesh.point == point else replace(mesh, point=point)

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
