"""The only place that turns a widget edit into a new state, and a new state into view updates.

Views never compute: the controller asks the model (pure functions of the state) for what the
*visible* views need, caches it by what it depends on, and hands views plain arrays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, QSignalBlocker, QTimer, Signal, Slot
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDockWidget, QGraphicsView, QTabWidget, QWidget

from gui import a11y
from gui.i18n import tr, unit_name
from gui.lazy_page import LazyPage
from gui.logit_panel import LogitPanel, fmt
from gui.race_runner import RaceRunner
from gui.undo import MergeKey, StateCommand
from gui.views.explain import ExplainPanel
from gui.views.overview import OverviewView
from gui.views.surfaces import SurfacesView
from model import display, explain, losses, race, simplex, train
from model.race import RaceRun
from model.state import LOGIT_LIMIT, VIEW_NAMES, AppState, StateError

if TYPE_CHECKING:  # built on first show: their modules load then
    from gui.views.race import RaceView
    from gui.views.simplex import SimplexView
    from gui.views.train import TrainView

TRAIN_SLICE = 25  # epochs computed per tick while a run grows


def _step_key(key: str) -> MergeKey | None:
    """The undo key of an animation's step edit: a play run or a slider drag is one gesture
    (one entry however long); presses of Step or Back merge like spin-box steps, while each
    follows the last within a moment; a reset stands alone."""
    if not key or key.endswith("reset"):
        return None
    if key.endswith(("-step", "-back")):
        return MergeKey("spin", key)
    return MergeKey("play", key)


class Controller(QObject):
    state_changed = Signal(object)
    status = Signal(str)  # a message for the status bar

    def __init__(
        self,
        state: AppState,
        panel: LogitPanel,
        overview: OverviewView,
        surfaces: SurfacesView,
        tabs: QTabWidget,
        undo_stack: QUndoStack,
        *,
        simplex_page: LazyPage[SimplexView],
        train_page: LazyPage[TrainView],
        race_page: LazyPage[RaceView],
        explain: ExplainPanel,
        explain_dock: QDockWidget,
    ) -> None:
        # A child of the tabs: it and its timers go with the window (a training run's timer
        # outliving the window fired into a deleted tab widget).
        super().__init__(tabs)
        self._state = state
        self.panel = panel
        self.overview = overview
        self.surfaces = surfaces
        # Built on first show (gui/lazy_page.py): each is wired as it is built.
        self.simplex_page = simplex_page
        self.train_page = train_page
        self.race_page = race_page
        self._race_runner = RaceRunner(self)
        self._race_run: RaceRun | None = None  # the race of the current start, once computed
        self._race_shown: object = None
        self._paths_key: object = None
        self._train_shown: object = None
        self._train_runs = train.RunCache()
        # A run grows a slice of epochs per tick of this timer, so a long run never freezes
        # the window; the view shows what is computed so far.
        self._train_timer = QTimer(self)
        self._train_timer.setInterval(0)
        self._train_timer.timeout.connect(self._grow_train_run)
        self.explain = explain
        self.explain_dock = explain_dock
        # During a drag the panel shows a new text at most once a frame: the numbers of the
        # states in between are not worked out at all, only the latest when the frame ends.
        self._explain_due = False
        self._explain_view: str | None = None
        self.explain.frame_over.connect(self._explain_frame_over)
        self.tabs = tabs
        self.undo_stack = undo_stack
        self._simplex_key: object = None
        self._simplex_display: simplex.SimplexDisplay | None = None
        self._curves_key: object = None
        self._surface_key: object = None
        self._drag_serial = 0
        self._hover_at: tuple[float, float] | None = None
        self._synced_surface: object = None
        self._synced_overview: object = None
        self._pages: dict[str, QWidget | None] = {}
        self._mesh_key: object = None
        self._overview_plots: dict[str, QWidget] = {}
        self._meshes: dict[str, display.SurfaceMesh] = {}
        self._wire()
        self._apply(state)

    @property
    def state(self) -> AppState:
        return self._state

    # --- edits -----------------------------------------------------------------------------
    def edit(self, new: AppState, text: Callable[[], str], key: MergeKey | None = None) -> None:
        """Push an edit onto the undo stack (which applies it). ``text`` names the edit in
        the current language: asked again after a change of language."""
        if new == self._state:
            return
        self.undo_stack.push(StateCommand(self._apply, self._state, new, text, key))

    def replace_state(self, new: AppState, text: Callable[[], str]) -> None:
        """A whole new state (preset, session): one undo entry, never merged."""
        self.edit(new, text, None)

    def _wire(self) -> None:
        p, s, o = self.panel, self.surfaces, self.overview
        p.class_count_changed.connect(
            lambda k: self.edit(self._state.with_class_count(k), lambda: tr("Set K"), None)
        )
        p.logit_edited.connect(self._on_logit)
        p.name_edited.connect(self._on_name)
        p.target_changed.connect(
            lambda t: self.edit(self._state.with_target(t), lambda: tr("Set the true class"))
        )
        p.ce_unit_changed.connect(
            lambda u: self.edit(self._state.with_units(ce_unit=u), lambda: tr("CE unit"))
        )
        p.mse_reduction_changed.connect(
            lambda r: self.edit(
                self._state.with_units(mse_reduction=r), lambda: tr("MSE reduction")
            )
        )
        o.x_axis_combo.currentIndexChanged.connect(
            lambda _i: self.edit(
                self._state.with_overview(x_axis=o.x_axis_combo.currentData()),
                lambda: tr("Overview x axis"),
            )
        )
        o.log_grad_check.toggled.connect(
            lambda on: self.edit(
                self._state.with_overview(log_grad=bool(on)), lambda: tr("Log gradient view")
            )
        )
        s.mode_combo.currentIndexChanged.connect(self._on_mode)
        s.competitor_combo.currentIndexChanged.connect(self._on_competitor)
        for name, spin in s.range_spins.items():
            spin.valueChanged.connect(partial(self._on_range, name))
        s.resolution_spin.valueChanged.connect(
            lambda n: self.edit(
                self._state.with_surface(resolution=int(n)), lambda: tr("Resolution")
            )
        )
        s.log_check.toggled.connect(
            lambda on: self.edit(
                self._state.with_surface(log_colours=bool(on)), lambda: tr("Log gradient colours")
            )
        )
        s.threshold_spin.valueChanged.connect(
            lambda v: self.edit(
                self._state.with_surface(slow_threshold=float(v)),
                lambda: tr("Slow-learning threshold"),
                MergeKey("spin", "threshold"),
            )
        )
        s.picked.connect(self._on_pick)
        s.nudged.connect(self._on_surface_nudge)
        s.hovered.connect(self._on_hover)
        self.train_page.when_built(self._wire_train)
        self.race_page.when_built(self._wire_race)
        self.simplex_page.when_built(self._wire_simplex)
        self._race_runner.finished.connect(self._on_race_computed)
        self.explain_dock.visibilityChanged.connect(lambda _shown: self.refresh())
        self.tabs.currentChanged.connect(self._on_tab)

    def _wire_train(self, view: TrainView) -> None:
        view.settings_edited.connect(
            lambda t: self.edit(self._state.with_train(t), lambda: tr("Training settings"))
        )
        view.epoch_edited.connect(self._on_train_epoch)
        view.point_clicked.connect(self._on_train_point)

    def _wire_race(self, view: RaceView) -> None:
        view.settings_edited.connect(
            lambda r: self.edit(self._state.with_race(r), lambda: tr("Race settings"))
        )
        view.step_edited.connect(self._on_race_step)
        self._race_runner.progress.connect(view.show_progress)

    def _wire_simplex(self, view: SimplexView) -> None:
        view.picked.connect(self._on_simplex_pick)
        view.nudged.connect(self._on_simplex_nudge)
        view.hovered.connect(self._on_simplex_hover)

    @Slot(int)
    def _on_tab(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is None:
            return
        if page is self.race_page:
            self.race_page.view().setFocus()  # Space plays while the race view shows
        name = page.objectName().removesuffix("View")
        if name in VIEW_NAMES:
            self.edit(self._state.with_view(name), lambda: tr("Show a view"), MergeKey("view"))

    @Slot(int, float, object)
    def _on_logit(self, k: int, value: float, key: MergeKey) -> None:
        self.edit(
            self._state.with_logit(k, value), lambda: tr("Edit z_%1").replace("%1", str(k)), key
        )

    @Slot(int, str)
    def _on_name(self, k: int, name: str) -> None:
        name = name.strip()
        if k >= self._state.k:  # a row that a smaller K has just removed
            return
        try:
            new = self._state.with_class_name(k, name)
        except StateError as exc:  # blank, too long, a control character: refused, and said
            self.panel.sync(self._state, force=True)  # the edit box gets the name back
            self.status.emit(str(exc))
            return
        self.edit(new, lambda: tr("Rename a class"))

    @Slot(int)
    def _on_mode(self, _index: int) -> None:
        mode = self.surfaces.mode_combo.currentData()
        self.edit(self._state.with_surface(mode=mode), lambda: tr("Surface mode"))

    @Slot(int)
    def _on_competitor(self, index: int) -> None:
        if index < 0:
            return
        j = int(self.surfaces.competitor_combo.itemData(index))
        self.edit(self._state.with_surface(competitor=j), lambda: tr("Competitor"))

    @Slot(float)
    def _on_range(self, name: str, value: float) -> None:
        # Only the bound edited: the others keep their full precision (the boxes show one
        # decimal of a session's -9.95).
        st = self._state.surface
        x, y = list(st.x_range), list(st.y_range)
        bounds = {"xMin": (x, 0), "xMax": (x, 1), "yMin": (y, 0), "yMax": (y, 1)}
        pair, i = bounds[name]
        pair[i] = float(value)
        try:
            new = self._state.with_surface(x_range=(x[0], x[1]), y_range=(y[0], y[1]))
        except StateError as exc:  # e.g. min above max: refuse, and show why
            self.surfaces.hover_label.setText(str(exc))
            self.surfaces_sync()
            return
        self.edit(new, lambda: tr("Surface range"), MergeKey("range"))

    @Slot(float, float, str)
    def _on_pick(self, x: float, y: float, phase: str) -> None:
        if phase in ("click", "start"):
            self._drag_serial += 1
        key = None if phase == "click" else MergeKey("drag", "surface", self._drag_serial)
        self.edit(self._state.with_surface_point(x, y), lambda: tr("Move on a surface"), key)

    @Slot(int, int)
    def _on_surface_nudge(self, right: int, up: int) -> None:
        """Arrow keys on a surface: the point moves by whole grid steps (range / (resolution
        - 1)), kept inside the range it starts in; a run of presses is one undo entry."""
        st = self._state
        s = st.surface
        x0, y0 = st.logits[st.target], st.second_axis()
        moved = []
        for v, n, (lo, hi) in ((x0, right, s.x_range), (y0, up, s.y_range)):
            new = v + n * (hi - lo) / (s.resolution - 1)
            moved.append(min(max(new, lo), hi) if lo <= v <= hi else new)
        self.edit(
            st.with_surface_point(moved[0], moved[1]),
            lambda: tr("Move on a surface"),
            MergeKey("spin", "surface-keys"),
        )
        self.status.emit(a11y.surface_status(self._state, display.point_values(self._state)))

    @Slot(int, int)
    def _on_simplex_nudge(self, right: int, up: int) -> None:
        """Arrow keys on a triangle: SIMPLEX_STEP of probability per press (a11y.nudged_b);
        a run of presses is one undo entry."""
        st = self._state
        frame = simplex.frame_of(st.logits, st.target, st.surface.competitor)
        b = simplex.triangle_coords(st.logits, frame)
        to = a11y.nudged_b((float(b[0]), float(b[1]), float(b[2])), right, up)
        new = st.with_logits(simplex.logits_at(st.logits, frame, to))
        self.edit(new, lambda: tr("Move on the simplex"), MergeKey("spin", "simplex-keys"))
        point = simplex.simplex_point(
            self._state.logits, st.target, st.surface.competitor, st.ce_unit, st.mse_reduction
        )
        left, right_name = self._triangle_names(frame)
        self.status.emit(
            tr("Prediction: ")
            + a11y.simplex_sentence(st, point.barycentric, point.ce, point.mse, left, right_name)
        )

    def _triangle_names(self, frame: simplex.Frame) -> tuple[str, str]:
        """The classes at the triangle's left and right corners (the right one "rest" where
        it stands for several)."""
        classes = self._state.classes
        right = classes[frame.rest[0]] if len(frame.rest) == 1 else tr("rest")
        return classes[frame.left], right

    @Slot(int, str)
    def _on_race_step(self, step: int, key: str) -> None:
        race = replace(self._state.race, step=step)
        merge = _step_key(key)
        self.edit(self._state.with_race(race), lambda: tr("Race step"), merge)

    @Slot(object)
    def _on_race_computed(self, _run: RaceRun) -> None:
        self.race_page.view().hide_progress()
        self.refresh()

    def race_run(self) -> RaceRun | None:
        """The race from the current logits with the state's settings, if computed; a long one
        is started in slices (and a change of start cancels it)."""
        st = self._state
        return self._race_runner.request(st.z(), st.target, st.race)

    @Slot(int, str)
    def _on_train_epoch(self, epoch: int, key: str) -> None:
        settings = replace(self._state.train, epoch=epoch)
        merge = _step_key(key)
        self.edit(self._state.with_train(settings), lambda: tr("Training epoch"), merge)

    @Slot(str, int)
    def _on_train_point(self, contestant: str, index: int) -> None:
        """The clicked point's logits under that network become the current state."""
        st = self._state
        run = self._train_runs.run(st.train)
        z = train.point_logits(
            run.weights(contestant, st.train.epoch), run.model, run.data.x[index]
        )
        logits = tuple(float(v) for v in np.clip(z, -LOGIT_LIMIT, LOGIT_LIMIT))
        classes = tuple(f"class {i}" for i in range(len(logits)))
        target = int(run.data.y[index])
        new = st.with_classes(classes, logits, target)
        name = "CE" if contestant == "ce" else "MSE"
        self.edit(new, lambda: tr("Logits of a data point (%1 network)").replace("%1", name))
        s_p = float(losses.softmax(np.array(logits))[target])
        self.status.emit(
            tr("This point under the %1 network: s_p = %2")
            .replace("%1", name)
            .replace("%2", fmt(s_p))
            + (
                tr(" — confidently wrong; see on the other views why MSE ignores it")
                if s_p < 0.1
                else ""
            )
        )

    def _grow_train_run(self) -> None:
        st = self._state.train
        run = self._train_runs.run(st)
        if run.computed >= st.max_epochs or self.tabs.currentWidget() is not self.train_page:
            self._train_timer.stop()
            return
        run.extend_to(min(run.computed + TRAIN_SLICE, st.max_epochs))
        self.train_page.view().show_run(train.run_curves(run, st.max_epochs))

    @Slot(object, str)
    def _on_simplex_pick(self, b: tuple[float, float, float], phase: str) -> None:
        if phase in ("click", "start"):
            self._drag_serial += 1
        key = None if phase == "click" else MergeKey("drag", "simplex", self._drag_serial)
        st = self._state
        frame = simplex.frame_of(st.logits, st.target, st.surface.competitor)
        new = st.with_logits(simplex.logits_at(st.logits, frame, b))
        self.edit(new, lambda: tr("Move on the simplex"), key)

    @Slot(object)
    def _on_simplex_hover(self, b: tuple[float, float, float] | None) -> None:
        shown = self._simplex_display
        values = simplex.hover_values(shown, b) if b is not None and shown is not None else None
        self.simplex_page.view().show_hover(values)

    @Slot(float, float)
    def _on_hover(self, x: float, y: float) -> None:
        self._hover_at = (x, y)
        self._show_hover(x, y)

    def _show_hover(self, x: float, y: float) -> None:
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
        if self._synced_overview != state.overview:
            self._synced_overview = state.overview
            self.overview.sync_settings(state.overview)
        if self._synced_surface != (state.surface, state.classes, state.target):
            self.surfaces_sync()
        self._show_view(state.view)
        if self._hover_at is not None and self.tabs.currentWidget() is self.surfaces:
            # the read-out describes the state shown, never an old one
            self._show_hover(*self._hover_at)
        self.refresh()
        self.state_changed.emit(state)

    def _show_view(self, name: str) -> None:
        page = self._pages.get(name)
        if page is None:  # a search of the whole tab tree: once per view
            page = self._pages[name] = self.tabs.findChild(QWidget, f"{name}View")
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
                    self.second_axis_labels(),
                    self.units(),
                    state.surface.log_colours,
                )
            self.surfaces.show_point(state.logits[state.target], state.second_axis())
        elif current is self.simplex_page:
            self._refresh_simplex(state, self.simplex_page.view())
        elif current is self.train_page:
            self._refresh_train(state, self.train_page.view())
        elif current is self.race_page:
            self._refresh_race(state, self.race_page.view())
        self._show_race_paths(state, current)
        self._describe_plots(state, point, current)
        if self.explain_dock.isVisible():
            if self.explain.in_frame() and state.view == self._explain_view:
                self._explain_due = True  # shown when the panel's frame is over
            else:
                self._show_explain()

    def _show_explain(self) -> None:
        state = self._state
        self._explain_due = False
        self._explain_view = state.view
        numbers = explain.explain_numbers(
            state.logits, state.target, state.ce_unit, state.mse_reduction, state.classes
        )
        self.explain.show_explain(numbers, state.view)

    def _explain_frame_over(self) -> None:
        if self._explain_due and self.explain_dock.isVisible():
            self._show_explain()

    def retranslate(self) -> None:
        """After a change of language: every text the controller wrote into the views (units
        in axis and colour-bar labels, the explain panel, the plots' descriptions, the race's
        and the training's sentences) written again, in the new language. The views' caches of
        what they were shown are forgotten, so the current view is pushed again now and each
        other one when it next shows."""
        self._curves_key = None
        self._surface_key = None
        self._simplex_key = None
        self._race_shown = None
        self._train_shown = None
        self._synced_surface = None
        self.surfaces_sync()
        if self._hover_at is not None and self.tabs.currentWidget() is self.surfaces:
            self._show_hover(*self._hover_at)
        self.refresh()

    def _describe_plots(self, state: AppState, point: display.PointValues, current: object) -> None:
        """The plots' accessible descriptions, with the numbers just shown (a few formatted
        numbers: cheap enough for every step of a drag)."""
        texts: dict[str, str] = {}
        plots: dict[str, QWidget] = {}
        if current is self.overview:
            texts = a11y.overview_descriptions(state, point)
            plots = self.overview_plots()
        elif current is self.surfaces:
            texts = a11y.surface_descriptions(state, point)
            plots = {p.objectName(): p for p in self.surfaces.plots.values()}
        for name, text in texts.items():
            if name in plots:
                a11y.set_description(plots[name], text)

    def overview_plots(self) -> dict[str, QWidget]:
        if not self._overview_plots:
            for plot in self.overview.findChildren(QGraphicsView):
                self._overview_plots[plot.objectName()] = plot
        return self._overview_plots

    def _refresh_race(self, state: AppState, view: RaceView) -> None:
        run = self.race_run()
        view.show_settings(state.race)
        if run is None:
            return  # computing: the progress bar shows; the view follows when it is done
        view.hide_progress()  # a race asked for and then undone is known: no bar left showing
        start = race.race_key(state.logits, state.target, state.race)
        shown = (start, state.race.target_probability, state.ce_unit, state.mse_reduction)
        if shown != self._race_shown:
            self._race_shown = shown
            view.show_run(run, state.race, state.ce_unit, state.mse_reduction)
        view.show_step(state.race.step)
        for name, text in self._race_sentences(state, run).items():
            plot = view.findChild(QWidget, name)
            if plot is not None:
                a11y.set_description(plot, text)

    def _race_sentences(self, state: AppState, run: RaceRun) -> dict[str, str]:
        step = min(state.race.step, run.max_steps)
        ce_unit, mse_unit = a11y.units(state)
        cf, mf = display.ce_factor(state), display.mse_factor(state)
        at = tr("Step %1: ").replace("%1", str(step))
        return {
            "raceProbPlot": at
            + tr("s_p %1 under CE, %2 under MSE")
            .replace("%1", a11y.n3(float(run.ce.s_p[step])))
            .replace("%2", a11y.n3(float(run.mse.s_p[step]))),
            "raceLossPlot": at
            + f"L_CE {a11y.n3(float(run.ce.ce[step]) * cf)} {ce_unit}, "
            + f"L_MSE {a11y.n3(float(run.mse.mse[step]) * mf)} ({mse_unit})",
        }

    def _show_race_paths(self, state: AppState, current: object) -> None:
        """Both trajectories on the surfaces or the simplex, while "show on surfaces" is on and
        the race from the current logits has been run (a drag elsewhere moves the start, and a
        race of another start is not drawn): only when what is drawn changes."""
        run = None
        if state.race.show_on_surfaces and current in (self.surfaces, self.simplex_page):
            run = race.cached_race(state.logits, state.target, state.race)
        key = None
        if run is not None:
            st = state.surface
            start = race.race_key(state.logits, state.target, state.race)
            key = (start, state.race.step, st.mode, st.competitor, current)
        if key == self._paths_key:
            return
        self._paths_key = key
        if current is self.surfaces or run is None:
            paths = None
            if run is not None:
                paths = display.race_paths(state, run.ce.logits, run.mse.logits)
            if self.surfaces.plots:
                self.surfaces.show_race_paths(paths)
        if self.simplex_page.built and (current is self.simplex_page or run is None):
            if run is None:
                self.simplex_page.view().show_paths(None, None)
            else:
                frame = simplex.frame_of(state.logits, state.target, st.competitor)
                self.simplex_page.view().show_paths(
                    simplex.path_xy(run.ce.logits, frame), simplex.path_xy(run.mse.logits, frame)
                )

    def _refresh_train(self, state: AppState, view: TrainView) -> None:
        st = state.train
        run = self._train_runs.run(st)
        if run.computed < st.epoch:
            run.extend_to(st.epoch)  # the epoch shown is computed now; the rest in slices
        # The training does not depend on the logits: a drag in the logit editor while this
        # view shows redraws nothing here (both region images were drawn again on every step).
        shown = (st, run.computed)
        if shown != self._train_shown:
            self._train_shown = shown
            view.show_settings(st)
            view.show_run(train.run_curves(run, st.max_epochs))
            frame = train.epoch_frame(run, st.epoch)
            view.show_epoch(frame)
            for name, text in self._train_sentences(frame).items():
                plot = view.findChild(QWidget, name)
                if plot is not None:
                    a11y.set_description(plot, text)
        if run.computed < st.max_epochs and not self._train_timer.isActive():
            self._train_timer.start()

    @staticmethod
    def _train_sentences(frame: train.TrainFrame) -> dict[str, str]:
        at = tr("Epoch %1: ").replace("%1", str(frame.epoch))
        acc = tr("accuracy %1 %")
        return {
            "trainCeRegions": at + acc.replace("%1", a11y.n3(100 * frame.ce_accuracy)),
            "trainMseRegions": at + acc.replace("%1", a11y.n3(100 * frame.mse_accuracy)),
            "trainLossPlot": at + f"CE {a11y.n3(frame.ce_loss)}, MSE {a11y.n3(frame.mse_loss)}",
            "trainAccuracyPlot": at
            + f"CE {a11y.n3(100 * frame.ce_accuracy)} %, MSE {a11y.n3(100 * frame.mse_accuracy)} %",
        }

    def _refresh_simplex(self, state: AppState, view: SimplexView) -> None:
        args = (state.logits, state.target, state.surface.competitor)
        key = simplex.display_key(*args, state.classes, state.ce_unit, state.mse_reduction)
        if key != self._simplex_key:
            self._simplex_key = key
            self._simplex_display = simplex.simplex_display(
                *args, state.classes, state.ce_unit, state.mse_reduction
            )
            view.show_display(self._simplex_display)
            view.show_hover(None)  # a read-out of the old fields would be stale
        point = simplex.simplex_point(*args, state.ce_unit, state.mse_reduction)
        view.show_point(point)
        left, right = self._triangle_names(simplex.frame_of(*args))
        sentence = a11y.simplex_sentence(state, point.barycentric, point.ce, point.mse, left, right)
        for plot in view.plots.values():
            a11y.set_description(plot, sentence)

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

    def describe_view(self) -> str:
        """A plain-text account of the numbers the current view shows (Help > Describe this
        view): the losses, both gradients at z_p, the probabilities, and the view's own."""
        st = self._state
        v = display.point_values(st)
        p = st.target
        ce_unit, mse_unit = a11y.units(st)
        index = self.tabs.currentIndex()
        lines = [
            tr("View: %1").replace("%1", self.tabs.tabText(index).replace("&", "")),
            tr("True class: %1 (class %2 of %3)")
            .replace("%1", st.classes[p])
            .replace("%2", str(p))
            .replace("%3", str(st.k)),
            tr("Cross-entropy L_CE = %1 %2").replace("%1", fmt(v.ce)).replace("%2", ce_unit),
            tr("Squared error L_MSE = %1 (%2)").replace("%1", fmt(v.mse)).replace("%2", mse_unit),
            tr("Gradient of L_CE on z_p: %1").replace("%1", fmt(float(v.ce_grad[p]))),
            tr("Gradient of L_MSE on z_p: %1").replace("%1", fmt(float(v.mse_grad[p]))),
            tr("The article's single-path MSE term: %1").replace("%1", fmt(v.mse_grad_article_p)),
            tr("Per class (logit, probability, ∂L_CE/∂z_k, ∂L_MSE/∂z_k):"),
        ]
        for k, name in enumerate(st.classes):
            mark = tr(" (true class)") if k == p else ""
            lines.append(
                f"  {name}{mark}: z = {fmt(float(v.logits[k]))}, "
                f"s = {fmt(float(v.probabilities[k]))}, "
                f"{fmt(float(v.ce_grad[k]))}, {fmt(float(v.mse_grad[k]))}"
            )
        current = self.tabs.currentWidget()
        if current is self.surfaces:
            s = st.surface
            lines.append(
                tr("Surfaces over z_p from %1 to %2 and %3 from %4 to %5, %6 points a side")
                .replace("%1", fmt(s.x_range[0]))
                .replace("%2", fmt(s.x_range[1]))
                .replace("%3", self.second_axis_label())
                .replace("%4", fmt(s.y_range[0]))
                .replace("%5", fmt(s.y_range[1]))
                .replace("%6", str(s.resolution))
            )
            lines.append(a11y.surface_status(st, v))
        elif current is self.simplex_page:
            frame = simplex.frame_of(st.logits, p, st.surface.competitor)
            point = simplex.simplex_point(
                st.logits, p, st.surface.competitor, st.ce_unit, st.mse_reduction
            )
            left, right = self._triangle_names(frame)
            lines.append(
                tr("On the triangle: ")
                + a11y.simplex_sentence(st, point.barycentric, point.ce, point.mse, left, right)
            )
        elif current is self.race_page:
            run = self.race_run()
            if run is None:
                lines.append(tr("The race is being computed."))
            else:
                for steps, who in ((run.ce_steps, "CE"), (run.mse_steps, "MSE")):
                    lines.append(
                        tr("%1 reaches s_p ≥ %2: %3")
                        .replace("%1", who)
                        .replace("%2", fmt(run.target_probability))
                        .replace(
                            "%3",
                            tr("not within %1 steps").replace("%1", str(run.max_steps))
                            if steps is None
                            else tr("in %1 steps").replace("%1", str(steps)),
                        )
                    )
                lines += self._race_sentences(st, run).values()
        elif current is self.train_page:
            grown = self._train_runs.run(st.train)
            grown.extend_to(max(grown.computed, st.train.epoch))
            lines += self._train_sentences(train.epoch_frame(grown, st.train.epoch)).values()
        return "\n".join(lines)

    def second_axis_label(self) -> str:
        return self.second_axis_labels()[0]

    def second_axis_labels(self) -> tuple[str, ...]:
        """The second axis's name, then shorter forms for an axis too short for it (lecture
        mode's large text at 1280×720 cut the whole one off)."""
        st = self._state
        if st.surface.mode == "shift":
            return (tr("y = mean of the other logits"), tr("y = mean of the others"), "y")
        name = st.classes[st.surface.competitor]
        return (tr("y = z_j, j = %1").replace("%1", name), f"y = z_{name}", "y = z_j", "y")

    def units(self) -> dict[str, str]:
        ce = self._state.ce_unit
        mse = self._state.mse_reduction
        # Short colour-bar labels (the plot titles name the quantity): they fit at 1280 px.
        return {"ce": unit_name(ce), "mse": unit_name(mse), "ce_grad": "", "mse_grad": ""}
