"""Soak the real main window with thousands of plot updates, in a process of its own.

PySide6 6.12.0 on CPython 3.11 drops references to ``None`` until the interpreter aborts
(``Fatal Python error: none_dealloc``; PRODUCT.md, "Dependencies, with a known trap"). With this
script it loses ~1000 references to None per update and aborts at update 16 (measured once).
Run by tests/gui/test_soak.py in a subprocess, so an abort fails that test instead of killing
pytest::

    python tests/gui/soak_app.py [N] [--progress EVERY]

Every update goes through the real widgets (a logit spin box, the view tabs, the log-scale check
boxes), then ``QApplication.processEvents()``. Prints ``SOAK OK <n>`` and exits 0 when all N
updates went through, each one reaching the controller's state; exits 1 on any exception in a
slot or any update that did not arrive.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType

os.environ["QT_QPA_PLATFORM"] = "offscreen"
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QCheckBox, QDoubleSpinBox, QTabWidget  # noqa: E402

from gui.main_window import MainWindow  # noqa: E402

DEFAULT_UPDATES = 3000
# Each cycle of 40 updates: 10 with the overview showing, then 30 with the surfaces (the overview
# repaints four antialiased plots, ~4x slower offscreen: this keeps the soak near 100 s).
CYCLE, OVERVIEW_UPDATES = 40, 10
TOGGLE_LOG_GRAD_EVERY = 23
TOGGLE_LOG_COLOUR_EVERY = 29

errors: list[str] = []


def _record(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """An exception raised in a slot: remember it (Qt would otherwise just print it)."""
    errors.append("".join(traceback.format_exception(kind, exc, tb)))


def _fail(message: str) -> int:
    print(f"SOAK FAILED: {message}", file=sys.stderr, flush=True)
    return 1


def soak(n: int, progress: int) -> int:
    sys.excepthook = _record
    app = QApplication.instance() or QApplication([sys.argv[0]])
    window = MainWindow()
    window.resize(window.minimumSizeHint())  # the smallest window: least painting per update
    window.show()
    app.processEvents()

    tabs = window.findChild(QTabWidget, "viewTabs")
    log_grad = window.findChild(QCheckBox, "logGradCheck")
    log_colour = window.findChild(QCheckBox, "logColourCheck")
    k_count = window.state.k
    spins = [window.findChild(QDoubleSpinBox, f"logitSpin{k}") for k in range(k_count)]
    if tabs is None or log_grad is None or log_colour is None or None in spins:
        return _fail("a widget named in PRODUCT.md F9 / the soak test is missing")
    pages = {name: tabs.widget(i) for i, name in enumerate(("overview", "surfaces"))}
    if [p.objectName() for p in pages.values()] != ["overviewView", "surfacesView"]:
        return _fail(f"unexpected view pages {[p.objectName() for p in pages.values()]}")

    rng = random.Random(20240607)
    none_start, true_start = sys.getrefcount(None), sys.getrefcount(True)
    none_low = none_start
    t0 = time.perf_counter()
    views = {"overview": 0, "surfaces": 0}
    for i in range(1, n + 1):
        view = "overview" if (i - 1) % CYCLE < OVERVIEW_UPDATES else "surfaces"
        if tabs.currentWidget() is not pages[view]:
            tabs.setCurrentWidget(pages[view])
        if i % TOGGLE_LOG_GRAD_EVERY == 0:
            log_grad.setChecked(not log_grad.isChecked())
        if i % TOGGLE_LOG_COLOUR_EVERY == 0:
            log_colour.setChecked(not log_colour.isChecked())
        k = i % k_count
        spin = spins[k]
        value = round(rng.uniform(-8.0, 8.0), 3)
        if value == round(spin.value(), 3):
            value = round(value + 0.5, 3)
        spin.setValue(value)
        app.processEvents()
        got = window.state.logits[k]
        if not math.isclose(got, value, abs_tol=1e-9):
            return _fail(
                f"update {i}: set z_{k} = {value} through {spin.objectName()}, the state has {got}"
            )
        if errors:
            return _fail(f"update {i}: exception in a slot\n{errors[0]}")
        if tabs.currentWidget() is not pages[view]:
            return _fail(f"update {i}: the {view} view is not showing")
        views[view] += 1
        none_low = min(none_low, sys.getrefcount(None))
        if progress and i % progress == 0:
            print(
                f"soak: {i} updates, {time.perf_counter() - t0:.1f} s, "
                f"refcount(None) {sys.getrefcount(None)}",
                flush=True,
            )

    elapsed = time.perf_counter() - t0
    if min(views.values()) < n // 5:
        return _fail(f"the updates did not alternate between the views: {views}")
    # A slower leak than 6.12.0's (~1000 references to None per update here) would abort only
    # after N updates: catch it from the trend. On 6.11.3 the count only grows (undo history).
    if none_low < none_start // 2:
        return _fail(f"references to None are leaking: {none_start} at the start, {none_low} later")
    print(
        f"soak: {n} updates in {elapsed:.1f} s ({views}); refcount(None) "
        f"{none_start} -> {sys.getrefcount(None)}, refcount(True) {true_start} -> "
        f"{sys.getrefcount(True)}",
        file=sys.stderr,
        flush=True,
    )
    window.close()
    app.processEvents()
    print(f"SOAK OK {n}", flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=DEFAULT_UPDATES, help="plot updates")
    parser.add_argument("--progress", type=int, default=0, help="print progress every N updates")
    args = parser.parse_args()
    return soak(args.n, args.progress)


if __name__ == "__main__":
    sys.exit(main())
