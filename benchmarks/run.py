"""LossLab's speed and size, printed as a table (PRODUCT.md, "Speed and size").

    xvfb-run -a -s "-screen 0 1920x1200x24" python benchmarks/run.py [--quick]

Every figure is a median and 95th percentile over many runs, measured in the real MainWindow
(PySide6 on the platform Qt picks: xcb under Xvfb). Nothing here asserts: it prints, with
PRODUCT.md's target beside a figure that has one. This process and every one it starts run
with a throwaway HOME and XDG folders.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS = {  # PRODUCT.md, "Speed and size": (median, 95th percentile) in ms
    "full update, surfaces view (ms)": (10.0, 16.0),
    "point-only update, surfaces view (ms)": (4.0, None),
    "point-only update, explain panel open (ms)": (4.0, None),
    "full update, overview (ms)": (8.0, 16.0),
    "simplex: move the point (ms)": (4.0, None),
    "train: one epoch + redraw, mlp (ms)": (16.0, None),
    "full update, overview, 3840×2160 (ms)": (16.0, None),
    "full update, overview, 1920×1080 at DPR 2 (ms)": (16.0, None),
    "ratio K=1000 / K=3, shift": (1.25, None),
    "ratio K=1000 / K=3, competitor": (1.25, None),
    "  overview: lecture mode / everyday look": (1.25, None),
    "  surfaces: lecture mode / everyday look": (1.25, None),
    "  overview: Chinese / English": (1.25, None),
    "  surfaces: Chinese / English": (1.25, None),
    "race: both descents, 10,000 steps, K = 20 (ms)": (100.0, None),
    "race: one animation frame, view shown (ms)": (8.0, None),
    "process start to first paint (s)": (0.6, None),
    "peak resident memory (MiB)": (150.0, None),
    "3D view: memory growth over ten openings (MiB)": (20.0, None),
}
SPEED_UP_TARGET = 20.0  # at least this many times faster than matplotlib
PIXEL_SIZES = ((1280, 800), (1600, 1000), (1920, 1200))  # window sizes for the pixel growth
GRID_SIZES = (101, 201, 401)  # surface resolutions for the grid growth


def fresh_home(prefix: str = "losslab-bench-") -> tuple[tempfile.TemporaryDirectory, dict]:
    """A throwaway HOME and XDG folders: a benchmark process writes nothing into the user's
    home (settings, caches, matplotlib's font list) and reads no last session of theirs."""
    tmp = tempfile.TemporaryDirectory(prefix=prefix)
    env = {}
    for var, name in (
        ("HOME", "home"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_RUNTIME_DIR", "runtime"),
    ):
        folder = Path(tmp.name) / name
        folder.mkdir(mode=0o700)
        env[var] = str(folder)
    return tmp, env


def stats(samples: list[float]) -> tuple[float, float]:
    arr = np.asarray(samples)
    return float(np.median(arr)), float(np.percentile(arr, 95))


# --- in-window figures -------------------------------------------------------------------------
class PaintCounter:
    """Counts paint events of the widgets we expect to repaint."""

    def __init__(self, widgets: list[object]) -> None:
        from PySide6.QtCore import QEvent, QObject

        counter = self

        class Filter(QObject):
            def eventFilter(self, obj: object, ev: object) -> bool:
                if ev.type() == QEvent.Type.Paint:  # type: ignore[attr-defined]
                    counter.count += 1
                return False

        self.count = 0
        self._filter = Filter()
        for w in widgets:
            w.installEventFilter(self._filter)  # type: ignore[attr-defined]


def show_exposed(app: object, widget: object) -> None:
    """Show ``widget`` and wait until the X server has exposed it, then let it settle."""
    from PySide6.QtTest import QTest

    widget.show()  # type: ignore[attr-defined]
    if not QTest.qWaitForWindowExposed(widget, 5000):  # type: ignore[arg-type]
        raise RuntimeError(f"{type(widget).__name__}: not exposed within 5 s")
    for _ in range(10):
        app.processEvents()  # type: ignore[attr-defined]


def until_painted(app: object, painted: PaintCounter, before: int, what: str) -> None:
    """Process events until one of the counted widgets has painted since ``before``.

    Usually the first pass paints. But a repaint is a chain of posted events and, under xcb, of
    the X server's replies (a window is painted only once it is exposed), so on a loaded
    machine it can fall to a later pass. The time to the repaint is what is measured, so the
    extra passes count in it."""
    app.processEvents()  # type: ignore[attr-defined]
    deadline = time.perf_counter() + 5.0
    while painted.count == before:
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{what}: no repaint within 5 s")
        app.processEvents()  # type: ignore[attr-defined]


def open_window(width: int, height: int) -> tuple[object, object]:
    """The real MainWindow at K = 10, shown at ``width`` × ``height`` and settled."""
    from PySide6.QtWidgets import QApplication, QSpinBox

    from gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    window = MainWindow()
    window.resize(width, height)
    show_exposed(app, window)
    count = window.findChild(QSpinBox, "classCountSpin")
    assert count is not None
    count.setValue(10)
    app.processEvents()
    return app, window


def scattered(i: int, reps: int) -> float:
    """Values all over [-3, 3]: every edit lands far from the last (the harder case)."""
    return round(-3.0 + 6.0 * ((i * 7919) % reps) / reps, 3)


def dragged(i: int, reps: int) -> float:
    """A drag: 0.05 per event (about a pixel on a 201-point surface), back and forth."""
    phase = (i * 0.05) % 12.0
    return round(-3.0 + (phase if phase <= 6.0 else 12.0 - phase), 3)


def logit_spin(window: object, which: str) -> object:
    """The spin box of the true class's logit ("target"), or of a class that is neither the
    true class nor the competitor ("free": all four surfaces change)."""
    from PySide6.QtWidgets import QDoubleSpinBox

    state = window.state  # type: ignore[attr-defined]
    if which == "target":
        k = state.target
    else:
        k = next(k for k in range(state.k) if k not in (state.target, state.surface.competitor))
    return window.findChild(QDoubleSpinBox, f"logitSpin{k}")  # type: ignore[attr-defined]


def time_edits(
    app: object,
    window: object,
    view: str,
    spin: object,
    reps: int,
    values: Callable[[int, int], float] = scattered,
) -> list[float]:
    """Milliseconds from each edit of ``spin`` until the repaint it causes is done."""
    from pyqtgraph import GraphicsView

    window.set_view(view)  # type: ignore[attr-defined]
    for _ in range(5):
        app.processEvents()  # type: ignore[attr-defined]
    page = window.findChild(object, f"{view}View")  # type: ignore[attr-defined]
    painted = PaintCounter([g.viewport() for g in page.findChildren(GraphicsView)])
    samples = []
    for i in range(reps):
        value = values(i, reps)
        if value == spin.value():  # type: ignore[attr-defined]
            value += 0.001
        before = painted.count
        t0 = time.perf_counter()
        spin.setValue(value)  # type: ignore[attr-defined]
        until_painted(app, painted, before, f"{view} after an edit")
        t1 = time.perf_counter()
        samples.append((t1 - t0) * 1e3)
    return samples


def window_figures(reps: int) -> dict[str, tuple[float, float]]:
    from PySide6.QtGui import QAction

    app, window = open_window(1600, 1000)
    free, target = logit_spin(window, "free"), logit_spin(window, "target")
    out: dict[str, tuple[float, float]] = {}

    def timed(
        view: str, spin: object, values: Callable[[int, int], float] = scattered
    ) -> tuple[float, float]:
        return stats(time_edits(app, window, view, spin, reps, values))

    out["full update, surfaces view (ms)"] = timed("surfaces", free)
    out["point-only update, surfaces view (ms)"] = timed("surfaces", target, dragged)
    out["point-only, scattered jumps (ms)"] = timed("surfaces", target)
    explain = window.findChild(QAction, "actionExplain")  # type: ignore[attr-defined]
    explain.trigger()  # the explain panel beside the plots: its text follows every step
    out["point-only update, explain panel open (ms)"] = timed("surfaces", target, dragged)
    explain.trigger()
    out["full update, overview (ms)"] = timed("overview", free)
    out.update(pixel_growth(app, window, reps))
    out.update(grid_growth(app, window, reps))
    out.update(profile_figures(app, window, reps))
    window.close()  # type: ignore[attr-defined]
    return out


def profile_figures(app: object, window: object, reps: int) -> dict[str, tuple[float, float]]:
    """Both full updates in lecture mode and in Chinese, and each against the everyday look in
    English measured in the same interleaved rounds (PRODUCT.md: no more than 1.25×)."""
    from gui import i18n

    def look(lecture: bool, lang: str) -> Callable[[], None]:
        def apply() -> None:
            window.set_lecture_mode(lecture)  # type: ignore[attr-defined]
            i18n.set_language(lang)  # type: ignore[arg-type]

        return apply

    free = logit_spin(window, "free")
    settings = [look(False, "en"), look(True, "en"), look(False, "zh")]
    out: dict[str, tuple[float, float]] = {}
    for view in ("overview", "surfaces"):

        def edits(n: int, view: str = view) -> list[float]:
            return time_edits(app, window, view, free, n)

        everyday, lecture, chinese = (stats(t) for t in interleaved(app, settings, edits, reps))
        out[f"full update, {view}, lecture mode (ms)"] = lecture
        out[f"full update, {view}, in Chinese (ms)"] = chinese
        out[f"  {view}: lecture mode / everyday look"] = (lecture[0] / everyday[0], float("nan"))
        out[f"  {view}: Chinese / English"] = (chinese[0] / everyday[0], float("nan"))
    look(False, "en")()
    return out


def interleaved(
    app: object,
    settings: list[Callable[[], None]],
    measure: Callable[[int], list[float]],
    reps: int,
) -> list[list[float]]:
    """``reps`` samples of ``measure`` under each setting, taken in rounds that visit every
    setting in turn: a slow stretch of a shared machine then weighs on all of them alike."""
    rounds = max(2, min(6, reps // 25))
    samples: list[list[float]] = [[] for _ in settings]
    for _ in range(rounds):
        for apply, taken in zip(settings, samples, strict=True):
            apply()
            for _ in range(5):
                app.processEvents()  # type: ignore[attr-defined]
            taken += measure(max(reps // rounds, 1))
    return samples


def pixel_growth(app: object, window: object, reps: int) -> dict[str, tuple[float, float]]:
    """The full update at a few window sizes, and the slope of a line through them."""
    out: dict[str, tuple[float, float]] = {}
    free = logit_spin(window, "free")
    got: dict[tuple[int, int], tuple[int, int]] = {}  # the size asked for: what the screen gave

    def sized(w: int, h: int) -> Callable[[], None]:
        def apply() -> None:
            window.resize(w, h)  # type: ignore[attr-defined]
            app.processEvents()  # type: ignore[attr-defined]
            size = window.size()  # type: ignore[attr-defined]
            got[(w, h)] = (size.width(), size.height())

        return apply

    settings = [sized(w, h) for w, h in PIXEL_SIZES]
    ratio = window.devicePixelRatioF()  # type: ignore[attr-defined]
    for view in ("overview", "surfaces"):

        def edits(n: int, view: str = view) -> list[float]:
            return time_edits(app, window, view, free, n)

        samples = interleaved(app, settings, edits, reps)
        pixels, medians = [], []
        for asked, taken in zip(PIXEL_SIZES, samples, strict=True):
            w, h = got[asked]
            out[f"full update, {view}, {w}×{h} (ms)"] = stats(taken)
            pixels.append(w * h * ratio * ratio / 1e6)
            medians.append(stats(taken)[0])
        slope, base = np.polyfit(pixels, medians, 1)
        out[f"  {view}: ms per million window pixels"] = (float(slope), float("nan"))
        out[f"  {view}: ms at no pixels (the line's intercept)"] = (float(base), float("nan"))
    window.resize(1600, 1000)  # type: ignore[attr-defined]
    return out


def grid_growth(app: object, window: object, reps: int) -> dict[str, tuple[float, float]]:
    """The surfaces' full update at a few resolutions, and its cost per grid point."""
    from PySide6.QtWidgets import QSpinBox

    out: dict[str, tuple[float, float]] = {}
    spin = window.findChild(QSpinBox, "resolutionSpin")  # type: ignore[attr-defined]
    assert spin is not None
    free = logit_spin(window, "free")

    def resolution(n: int) -> Callable[[], None]:
        return lambda: spin.setValue(n)

    samples = interleaved(
        app,
        [resolution(n) for n in GRID_SIZES],
        lambda k: time_edits(app, window, "surfaces", free, k),
        reps,
    )
    medians = []
    for n, taken in zip(GRID_SIZES, samples, strict=True):
        out[f"full update, surfaces, {n}×{n} grid (ms)"] = stats(taken)
        medians.append(stats(taken)[0])
    slope, _base = np.polyfit([n * n / 1e5 for n in GRID_SIZES], medians, 1)
    out["  surfaces: ms per 100,000 grid points"] = (float(slope), float("nan"))
    spin.setValue(201)
    app.processEvents()  # type: ignore[attr-defined]
    return out


# --- large and dense screens, each in a process of its own -------------------------------------
SCREENS = (
    # (figure, window size in Qt's pixels, QT_SCALE_FACTOR or None)
    ("full update, overview, 3840×2160 (ms)", (3840, 2160), None),
    ("full update, overview, 1920×1080 at DPR 2 (ms)", (1920, 1080), 2),
)


def screen_figures(reps: int) -> dict[str, tuple[float, float]]:
    """The overview's full update on a 4K screen and at a device pixel ratio of 2, each in a
    fresh process (Qt reads QT_SCALE_FACTOR once, at start). Each runs on an Xvfb screen as
    large as its window in device pixels when xvfb-run is at hand, so that all of the window
    is on screen; otherwise on the display it inherits."""
    out: dict[str, tuple[float, float]] = {}
    for label, (w, h), scale in SCREENS:
        home, env = fresh_home()
        env = {**os.environ, **env}
        command = [sys.executable, str(Path(__file__).resolve()), "--child", f"{w}x{h}"]
        command += ["--reps", str(reps)]
        if scale is not None:
            env["QT_SCALE_FACTOR"] = str(scale)
        xvfb = shutil.which("xvfb-run")
        if xvfb is not None:
            dw, dh = w * (scale or 1), h * (scale or 1)
            command = [xvfb, "-a", "-s", f"-screen 0 {dw}x{dh}x24", *command]
        proc = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)
        home.cleanup()
        lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
        if proc.returncode != 0 or not lines:
            raise RuntimeError(f"{label}: the child process failed:\n{proc.stderr}")
        child = json.loads(lines[-1])
        if child["size"] != [w, h] or child["ratio"] != (scale or 1):
            label += f" [got {child['size'][0]}×{child['size'][1]} at DPR {child['ratio']:g}]"
        out[label] = (child["median"], child["p95"])
    return out


def child_main(size: str, reps: int) -> int:
    """In the child process: the overview's full update at ``size``, printed as JSON."""
    w, h = (int(v) for v in size.split("x"))
    app, window = open_window(w, h)
    samples = time_edits(app, window, "overview", logit_spin(window, "free"), reps)
    median, p95 = stats(samples)
    got = window.size()  # type: ignore[attr-defined]
    figure = {
        "median": median,
        "p95": p95,
        "size": [got.width(), got.height()],
        "ratio": window.devicePixelRatioF(),  # type: ignore[attr-defined]
    }
    window.close()  # type: ignore[attr-defined]
    print(json.dumps(figure), flush=True)
    return 0


# --- the model alone ---------------------------------------------------------------------------
def surface_figures(reps: int) -> dict[str, tuple[float, float]]:
    """The closed-form surfaces alone at K = 3 and K = 1000, runs interleaved so that a slow
    moment of the machine hits both sizes alike. A sub-millisecond figure: each sample is the
    mean of a batch of calls, so that one timer tick or interrupt weighs little."""
    from model.surfaces import surfaces

    x = np.linspace(-10, 10, 201)
    rng = np.random.default_rng(0)
    logits = {k: rng.normal(0, 2, size=k) for k in (3, 1000)}
    samples: dict[tuple[int, str], list[float]] = {(k, m): [] for k in logits for m in MODES}
    for rep in range(reps):
        for mode in MODES:
            order = (3, 1000) if rep % 2 else (1000, 3)  # neither size always goes first
            for k in order:
                z = logits[k]
                t0 = time.perf_counter()
                for _ in range(BATCH):
                    s = surfaces(z, 0, mode, 1, x, x)
                    np.ascontiguousarray(s.ce)  # materialise, as a view must
                samples[(k, mode)].append((time.perf_counter() - t0) * 1e3 / BATCH)
    out = {f"surfaces {m}, K = {k} (ms)": stats(v) for (k, m), v in samples.items()}
    for mode in MODES:
        ratio = stats(samples[(1000, mode)])[0] / stats(samples[(3, mode)])[0]
        out[f"ratio K=1000 / K=3, {mode}"] = (ratio, float("nan"))
    return out


MODES = ("shift", "competitor")
BATCH = 10


# --- the race ------------------------------------------------------------------------------------
def race_figures(reps: int) -> dict[str, tuple[float, float]]:
    """Both descents of 10,000 steps at K = 20 (the model alone: trajectories, then with the
    per-step probabilities and losses), one animation frame of the race view shown alone at
    1600×1000 (a step moved and its repaint), and the longest gap between the event loop's
    turns while a 100,000-step race at K = 20 is computed in slices."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from gui import theme
    from gui.race_runner import RaceRunner
    from gui.views.race import RaceView
    from model import race
    from model.race import RaceSettings

    z0 = np.random.default_rng(0).normal(0.0, 2.0, 20)
    trajectories, whole = [], []
    for _ in range(reps):
        t0 = time.perf_counter()
        race.descend_both(z0, 3, 1.0, 1.0, 10_000)
        trajectories.append((time.perf_counter() - t0) * 1e3)
        race.clear_cache()
        t0 = time.perf_counter()
        race.run_race(z0, 3, RaceSettings(max_steps=10_000))
        whole.append((time.perf_counter() - t0) * 1e3)
    out = {
        "race: both descents, 10,000 steps, K = 20 (ms)": stats(trajectories),
        "race: run_race with s_p and losses (ms)": stats(whole),
    }

    app = QApplication.instance() or QApplication([sys.argv[0]])
    theme.setup_pyqtgraph()
    view = RaceView()
    view.resize(1600, 1000)
    show_exposed(app, view)
    settings = RaceSettings(max_steps=10_000)
    view.show_run(race.run_race(z0, 3, settings), settings)
    for _ in range(10):
        app.processEvents()
    painted = PaintCounter([w.viewport() for w in (view.prob_widget, view.loss_widget)])
    frames = []
    for i in range(reps * 10):
        before = painted.count
        t0 = time.perf_counter()
        view.show_step(1 + (i * 37) % 10_000)
        until_painted(app, painted, before, "race after a step")
        t1 = time.perf_counter()
        frames.append((t1 - t0) * 1e3)
    out["race: one animation frame, view shown (ms)"] = stats(frames)
    view.close()

    race.clear_cache()
    runner = RaceRunner()
    gaps: list[float] = []
    last = [time.perf_counter()]
    ticker = QTimer()
    ticker.setInterval(5)

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1e3)
        last[0] = now

    ticker.timeout.connect(tick)
    finished: list[object] = []
    runner.finished.connect(finished.append)
    ticker.start()
    t0 = time.perf_counter()
    runner.request(z0, 3, RaceSettings(max_steps=100_000))
    while not finished:
        app.processEvents()
    total = time.perf_counter() - t0
    ticker.stop()
    out["race: 100,000 steps K = 20 in slices (s)"] = (total, float("nan"))
    out["race: longest event-loop gap meanwhile (ms)"] = (max(gaps), float("nan"))
    return out


# --- the training view -------------------------------------------------------------------------
def train_figures(reps: int) -> dict[str, tuple[float, float]]:
    """One epoch of both contestants plus the redraw, on a standalone TrainView at 1600×1000:
    300 points, 16 hidden units (and the linear model), a 150×150 region grid. Each sample
    trains one more epoch of a fresh run, builds that epoch's frame (both region images) and
    the grown curves, hands them to the view as the controller does, and waits for the
    repaint. The model's share is timed apart in the same loop."""
    from pyqtgraph import GraphicsView
    from PySide6.QtWidgets import QApplication

    from gui import theme
    from gui.views.train import TrainView
    from model import train

    app = QApplication.instance() or QApplication([sys.argv[0]])
    theme.setup_pyqtgraph()
    view = TrainView()
    view.resize(1600, 1000)
    show_exposed(app, view)
    painted = PaintCounter([g.viewport() for g in view.findChildren(GraphicsView)])
    out: dict[str, tuple[float, float]] = {}
    for model in ("mlp", "linear"):
        settings = train.TrainSettings(model=model, init_scale=5.0, max_epochs=train.MAX_EPOCHS)
        run = train.TrainRun(settings)  # fresh: every epoch below is computed in the loop
        view.show_settings(settings)
        view.show_run(train.run_curves(run, settings.max_epochs))
        view.show_epoch(train.epoch_frame(run, 0))
        for _ in range(5):
            app.processEvents()
        total, model_only, cpu = [], [], []
        for epoch in range(1, reps + 1):
            before = painted.count
            c0 = time.process_time()
            t0 = time.perf_counter()
            run.extend_to(epoch)
            frame = train.epoch_frame(run, epoch)
            curves = train.run_curves(run, settings.max_epochs)
            t1 = time.perf_counter()
            view.show_settings(settings.edited(epoch=epoch))
            view.show_run(curves)
            view.show_epoch(frame)
            until_painted(app, painted, before, "train after an epoch")
            t2 = time.perf_counter()
            cpu.append((time.process_time() - c0) * 1e3)
            total.append((t2 - t0) * 1e3)
            model_only.append((t1 - t0) * 1e3)
        out[f"train: one epoch + redraw, {model} (ms)"] = stats(total)
        out[f"train: model's share, {model} (ms)"] = stats(model_only)
        # This process's CPU time for the same frames: what a busy machine's wall clock
        # inflates (other processes' turns), without the X server's share of the repaint.
        out[f"train: same, CPU time of this process, {model} (ms)"] = stats(cpu)
    view.close()
    return out


def simplex_figures(reps: int) -> dict[str, tuple[float, float]]:
    """Moving the current prediction on a standalone simplex view (K = 10, 1600×1000): the
    model's point (model.simplex.simplex_point) and the markers' repaint, as a drag does it."""
    from pyqtgraph import GraphicsView
    from PySide6.QtWidgets import QApplication

    from gui import theme
    from gui.views.simplex import SimplexView
    from model import simplex

    app = QApplication.instance() or QApplication([sys.argv[0]])
    theme.setup_pyqtgraph()
    view = SimplexView()
    view.resize(1600, 1000)
    show_exposed(app, view)
    k = 10
    logits = tuple(float(v) for v in np.linspace(-1.0, 1.0, k))
    classes = tuple(f"class {i}" for i in range(k))
    view.show_display(simplex.simplex_display(logits, 0, 1, classes))
    frame = simplex.frame_of(logits, 0, 1)
    for _ in range(10):
        app.processEvents()
    painted = PaintCounter([g.viewport() for g in view.findChildren(GraphicsView)])
    samples = []
    for i in range(reps):
        # a drag: a small step each event, round a circle inside the triangle
        angle = 2 * np.pi * i / 200
        b = simplex.barycentric_of(0.5 + 0.25 * np.cos(angle), 0.3 + 0.15 * np.sin(angle))
        z = simplex.logits_at(logits, frame, b)
        before = painted.count
        t0 = time.perf_counter()
        view.show_point(simplex.simplex_point(z, 0, 1))
        until_painted(app, painted, before, "simplex after moving the point")
        t1 = time.perf_counter()
        samples.append((t1 - t0) * 1e3)
    view.close()
    return {"simplex: move the point (ms)": stats(samples)}


# --- matplotlib baseline -----------------------------------------------------------------------
def matplotlib_figures(reps: int) -> dict[str, tuple[float, float]]:
    """The same figure set (4 heatmaps with contours and colour bars, bars and curves) redrawn
    with set_data + draw() on Agg at the same pixel size."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from model import display
    from model.state import AppState

    state = AppState().with_class_count(10)
    fig = plt.figure(figsize=(16, 10), dpi=100)
    gs = fig.add_gridspec(4, 4)
    axes = [fig.add_subplot(gs[i // 2, 2 + i % 2]) for i in range(4)]
    bar_ax, gbar_ax = fig.add_subplot(gs[2, 0]), fig.add_subplot(gs[2, 1])
    loss_ax, grad_ax = fig.add_subplot(gs[3, 0]), fig.add_subplot(gs[3, 1])
    disp = display.surface_display(state)
    images, contour_sets = [], [None] * 4
    for ax, kind in zip(axes, display.SURFACE_KINDS, strict=True):
        panel = disp.panels[kind]
        im = ax.imshow(
            panel.image,
            origin="lower",
            extent=(-10, 10, -10, 10),
            vmin=panel.levels[0],
            vmax=panel.levels[1],
            aspect="auto",
        )
        fig.colorbar(im, ax=ax)
        images.append(im)
    pv = display.point_values(state)
    bars = bar_ax.bar(range(state.k), pv.probabilities)
    gbars = gbar_ax.bar(np.arange(state.k) - 0.2, pv.ce_grad, width=0.4)
    gbars2 = gbar_ax.bar(np.arange(state.k) + 0.2, pv.mse_grad, width=0.4)
    c = display.curves(state)
    lines = [loss_ax.plot(c.x, c.ce)[0], loss_ax.plot(c.x, c.mse)[0]]
    glines = [
        grad_ax.plot(c.x, c.ce_grad)[0],
        grad_ax.plot(c.x, c.mse_grad)[0],
        grad_ax.plot(c.x, c.article, "--")[0],
    ]
    fig.canvas.draw()
    samples = []
    for i in range(reps):
        st = state.with_logit(5, -3.0 + 6.0 * i / reps)
        t0 = time.perf_counter()
        disp = display.surface_display(st)
        grids = display.surface_grids(st)
        for j, (ax, kind) in enumerate(zip(axes, display.SURFACE_KINDS, strict=True)):
            images[j].set_data(disp.panels[kind].image)
            if contour_sets[j] is not None:
                contour_sets[j].remove()
            contour_sets[j] = ax.contour(
                grids.x,
                grids.y,
                disp.panels[kind].image,
                levels=disp.panels[kind].contour_levels,
                colors="w",
            )
        pv = display.point_values(st)
        for b, h in zip(bars, pv.probabilities, strict=True):
            b.set_height(h)
        for b, h in zip(gbars, pv.ce_grad, strict=True):
            b.set_height(h)
        for b, h in zip(gbars2, pv.mse_grad, strict=True):
            b.set_height(h)
        c = display.curves(st)
        for ln, y in zip(lines, (c.ce, c.mse), strict=True):
            ln.set_data(c.x, y)
        for ln, y in zip(glines, (c.ce_grad, c.mse_grad, c.article), strict=True):
            ln.set_data(c.x, y)
        fig.canvas.draw()
        samples.append((time.perf_counter() - t0) * 1e3)
    plt.close(fig)
    return {"matplotlib full update, same figures (ms)": stats(samples)}


# --- start-up and memory, in fresh processes ------------------------------------------------------
PROBE = r"""
import importlib.machinery, sys, time
sys.path.insert(0, {root!r})


def instrument(app_module):
    # Wrap restore_and_show, as `losslab` calls it: the window is shown, not yet painted.
    real = app_module.restore_and_show

    def restore_and_show(*args, **kwargs):
        w = real(*args, **kwargs)
        from PySide6.QtCore import QEvent, QObject, QTimer
        from PySide6.QtWidgets import QApplication, QDoubleSpinBox, QSpinBox

        app = QApplication.instance()

        def work():
            # some use, so the peak memory includes the surfaces and the overview at K = 20
            w.findChild(QSpinBox, "classCountSpin").setValue(20)
            for view in ("surfaces", "overview"):
                w.set_view(view)
                for i in range(20):
                    w.findChild(QDoubleSpinBox, "logitSpin3").setValue(i * 0.3)
                    app.processEvents()
            # VmHWM: this process's own peak. getrusage's ru_maxrss would also count the peak
            # of the benchmark process that forked it (Linux keeps it across fork and exec).
            with open("/proc/self/status") as fh:
                hwm = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
            print("MAXRSS", hwm, flush=True)
            print("PLATFORM", app.platformName(), flush=True)
            app.quit()

        class FirstPaint(QObject):
            def eventFilter(self, o, e):
                if e.type() == QEvent.Type.Paint and not getattr(self, "done", False):
                    self.done = True
                    print("PAINTED", time.time(), flush=True)
                    QTimer.singleShot(0, work)
                return False

        w._bench_filter = FirstPaint()
        w.overview.installEventFilter(w._bench_filter)
        return w

    app_module.restore_and_show = restore_and_show


class AfterImport:
    # Patches gui.app as it is imported, so that nothing is imported earlier than `losslab`
    # itself imports it (import order changes the start-up time).
    def find_spec(self, name, path, target=None):
        if name != "gui.app":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        real_exec = spec.loader.exec_module

        def exec_module(module):
            real_exec(module)
            instrument(module)

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, AfterImport())
import main  # the module behind the `losslab` command

sys.exit(main.main([]))
"""


CHILD_PLATFORM: list[str] = []  # the Qt platform the start-up probes ran on


def process_figures(runs: int) -> dict[str, tuple[float, float]]:
    """Fresh processes running the `losslab` command's own code (main.main), each timed from
    before its launch to the window's first paint.

    As on every launch after the first, Python finds its compiled bytecode: the probes share a
    private bytecode cache, filled by one unmeasured run (some machines, this one included, set
    PYTHONDONTWRITEBYTECODE, and an editable install is never compiled by pip). The second
    figure is a launch under PYTHONDONTWRITEBYTECODE=1 with Python's usual caches: the
    libraries' bytecode as pip compiled it, LossLab's own modules (an editable install, or a
    clone) compiled from source on every launch."""
    code = PROBE.format(root=str(ROOT))
    out: dict[str, tuple[float, float]] = {}
    for label, cached in (
        ("process start to first paint (s)", True),
        ("process start to first paint, PYTHONDONTWRITEBYTECODE=1 (s)", False),
    ):
        starts, rss = [], []
        cache = tempfile.TemporaryDirectory(prefix="losslab-bench-pycache-") if cached else None
        base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        if cache is not None:
            base["PYTHONPYCACHEPREFIX"] = cache.name
        else:  # the usual places: the libraries' bytecode from pip, none written for ours
            base["PYTHONDONTWRITEBYTECODE"] = "1"
        for run in range(runs + 1):
            home, fresh = fresh_home()  # no last session or layout of the user's, nor of a run's
            env = {**base, **fresh}
            t0 = time.time()
            proc = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
            )
            home.cleanup()
            lines = dict(line.split(" ", 1) for line in proc.stdout.splitlines() if " " in line)
            if "PAINTED" not in lines:
                raise RuntimeError(f"start-up probe failed:\n{proc.stderr}")
            if run == 0:
                continue  # the warm-up run (with the cache: the one that compiled the bytecode)
            starts.append(float(lines["PAINTED"]) - t0)
            CHILD_PLATFORM.append(lines.get("PLATFORM", "?"))
            rss.append(int(lines["MAXRSS"]) / 1024)
        if cache is not None:
            cache.cleanup()
        out[label] = stats(starts)
        if cached:
            out["peak resident memory (MiB)"] = stats(rss)
    return out


def view3d_figures() -> dict[str, tuple[float, float]]:
    """The 3D view opened and closed ten times in a window of a fresh process (it needs
    OpenGL: under xvfb-run when it is at hand), and how much the resident memory grew after
    the first opening (PRODUCT.md: less than 20 MiB)."""
    home, env = fresh_home()
    env = {**os.environ, **env}
    env.pop("QT_QPA_PLATFORM", None)  # the 3D view needs a real (X) display: never offscreen
    command = [sys.executable, str(Path(__file__).resolve()), "--child-3d"]
    xvfb = shutil.which("xvfb-run")
    if xvfb is not None:
        command = [xvfb, "-a", "-s", "-screen 0 1920x1200x24", *command]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)
    home.cleanup()
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"3D view: the child process failed:\n{proc.stderr}")
    rss = json.loads(lines[-1])["rss_mib"]
    return {
        "3D view: resident memory after the first opening (MiB)": (rss[0], float("nan")),
        "3D view: memory growth over ten openings (MiB)": (max(rss) - rss[0], float("nan")),
    }


def child_3d_main(cycles: int = 10) -> int:
    """In the child process: the resident memory after each of ``cycles`` openings and
    closings of the 3D view, printed as JSON."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QPushButton

    from gui.views import surface3d

    app, window = open_window(1280, 800)
    window.set_view("surfaces")  # type: ignore[attr-defined]
    button = window.findChild(QPushButton, "surface3dButton")  # type: ignore[attr-defined]

    def settle(n: int = 20) -> None:
        for _ in range(n):
            app.processEvents()  # type: ignore[attr-defined]
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    settle()
    rss = []
    for _ in range(cycles):
        button.click()
        settle()
        surface3d.close_all()
        settle()
        gc.collect()
        with open("/proc/self/statm") as fh:
            rss.append(int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20)
    window.close()  # type: ignore[attr-defined]
    print(json.dumps({"rss_mib": rss}), flush=True)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "--quick", action="store_true", help="few repetitions (CI keeps it from rotting)"
    )
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    ap.add_argument(
        "--only",
        choices=(
            "window",
            "screens",
            "surfaces",
            "race",
            "simplex",
            "train",
            "matplotlib",
            "process",
            "view3d",
        ),
        action="append",
        help="run only these parts (repeatable); the default is all of them",
    )
    ap.add_argument("--child", metavar="WxH", help=argparse.SUPPRESS)  # screen_figures' runs
    ap.add_argument("--child-3d", action="store_true", help=argparse.SUPPRESS)  # view3d_figures
    ap.add_argument("--reps", type=int, default=300, help=argparse.SUPPRESS)
    args = ap.parse_args()
    home, env = fresh_home()  # this process's own, whatever the caller's
    os.environ.update(env)
    if args.child or args.child_3d:
        code = child_main(args.child, args.reps) if args.child else child_3d_main()
        home.cleanup()
        return code
    reps = 15 if args.quick else 300
    results: dict[str, tuple[float, float]] = {}
    steps: list[tuple[str, Callable[[], dict[str, tuple[float, float]]]]] = [
        ("window", lambda: window_figures(reps)),
        ("screens", lambda: screen_figures(reps)),
        ("surfaces", lambda: surface_figures(20 if args.quick else 200)),
        ("race", lambda: race_figures(3 if args.quick else 15)),
        ("simplex", lambda: simplex_figures(reps)),
        ("train", lambda: train_figures(reps)),
        ("matplotlib", lambda: matplotlib_figures(max(5, reps // 10))),
        ("process", lambda: process_figures(2 if args.quick else 10)),
        ("view3d", view3d_figures),
    ]
    for name, step in steps:
        if args.only is None or name in args.only:
            results.update(step())
    from PySide6 import __version__ as pyside_version
    from PySide6.QtWidgets import QApplication

    if QApplication.instance():
        qt_platform = QApplication.platformName()
    else:  # only the start-up probes ran, each in a process of its own
        qt_platform = CHILD_PLATFORM[-1] if CHILD_PLATFORM else "none"
    print(
        f"LossLab benchmark — {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, PySide6 {pyside_version}, Qt platform {qt_platform}, "
        f"{'quick' if args.quick else 'full'} run"
    )
    print(f"{'figure':<62} {'median':>10} {'p95':>10}  target")
    for name, (med, p95) in results.items():
        p95s = "" if np.isnan(p95) else f"{p95:10.3f}"
        print(f"{name:<62} {med:10.3f} {p95s:>10}  {target_text(name, med, p95)}")
    full = results.get("full update, surfaces view (ms)")
    mpl = results.get("matplotlib full update, same figures (ms)")
    if full and mpl:  # both parts ran
        ratio = mpl[0] / full[0]
        met = "met" if ratio >= SPEED_UP_TARGET else "missed"
        print(
            f"{'speed-up over matplotlib (median)':<62} {ratio:10.1f}×"
            f"{'':>11}  ≥ {SPEED_UP_TARGET:g}× ({met})"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    home.cleanup()
    return 0


def target_text(name: str, median: float, p95: float) -> str:
    """PRODUCT.md's target for a figure, and whether this run met it."""
    if name not in TARGETS:
        return ""
    top, top95 = TARGETS[name]
    met = median <= top and (top95 is None or p95 <= top95)
    text = f"≤ {top:g}" + (f" / ≤ {top95:g}" if top95 is not None else "")
    return f"{text} ({'met' if met else 'missed'})"


if __name__ == "__main__":
    sys.exit(main())
