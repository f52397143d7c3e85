"""LossLab's command line: launch the app, or export a view / print a report with no display."""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

# Before numpy loads: LossLab's maths is elementwise, and numpy's BLAS would start a worker
# thread per extra core that spins ~0.1 s of CPU at import, beside the window's start-up.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from model.session import load_session
from model.state import LOGIT_LIMIT, MAX_CLASSES, MIN_CLASSES, AppState, StateError

ALL_VIEWS = ("overview", "surfaces", "race", "simplex")
BUILT_VIEWS = ("overview", "surfaces")
MIN_SIZE, MAX_SIZE = 320, 8000


class UsageError(Exception):
    """Bad command-line input: reported on one line, exit status 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> Parser:
    p = Parser(
        prog="losslab",
        description="LossLab: see why cross-entropy beats MSE for softmax classification.",
    )
    p.add_argument("--logits", help="comma-separated logits, e.g. -2,1,0.5")
    p.add_argument("--target", help="index of the true class (0-based)")
    p.add_argument("--classes", help="comma-separated class names, e.g. cat,tiger,dog")
    p.add_argument("--session", help="a session file to open")
    p.add_argument("--view", choices=ALL_VIEWS, help="the view to show or export")
    p.add_argument("--lecture", action="store_true", help="lecture mode (not built yet)")
    p.add_argument("--lang", choices=("en", "zh"), help="interface language")
    p.add_argument("--export", metavar="FILE", help="render the view to FILE.png or FILE.svg")
    p.add_argument("--size", default="1600x1000", help="window size for --export, e.g. 1600x1000")
    p.add_argument("--report", choices=("json", "text"), help="print every number and exit")
    return p


def _join_negative_values(argv: Sequence[str]) -> list[str]:
    """``--logits -2,1,0.5`` as written: argparse would take ``-2,1,0.5`` for an option."""
    out: list[str] = []
    it = iter(argv)
    for arg in it:
        if arg in ("--logits", "--target", "--classes"):
            value = next(it, None)
            out.append(arg if value is None else f"{arg}={value}")
        else:
            out.append(arg)
    return out


def _parse_float(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise UsageError(f"--logits: {text.strip()!r} is not a number") from None
    if not math.isfinite(v):
        raise UsageError(f"--logits: {text.strip()} is not a finite number")
    if abs(v) > LOGIT_LIMIT:
        raise UsageError(f"--logits: {text.strip()} is outside ±{LOGIT_LIMIT:g}")
    return v


def parse_size(text: str) -> tuple[int, int]:
    parts = text.lower().split("x")
    if len(parts) != 2 or not all(p.strip().isascii() and p.strip().isdigit() for p in parts):
        raise UsageError(f"--size: expected WIDTHxHEIGHT such as 1600x1000, got {text!r}")
    w, h = (int(p) for p in parts)
    if not (MIN_SIZE <= w <= MAX_SIZE and MIN_SIZE <= h <= MAX_SIZE):
        raise UsageError(f"--size: each side must be {MIN_SIZE}…{MAX_SIZE} pixels, got {text}")
    return w, h


def state_from_args(args: argparse.Namespace) -> AppState:
    """The session (if any), then --logits, --classes and --target on top of it."""
    state = AppState()
    try:
        if args.session:
            state = load_session(args.session)
        logits = list(state.logits)
        classes = list(state.classes)
        if args.logits is not None:
            logits = [_parse_float(t) for t in args.logits.split(",")]
            if not MIN_CLASSES <= len(logits) <= MAX_CLASSES:
                raise UsageError(
                    f"--logits: K must be {MIN_CLASSES}…{MAX_CLASSES}, got {len(logits)}"
                )
            if len(logits) != len(classes):
                classes = [f"class {i}" for i in range(len(logits))]
        if args.classes is not None:
            classes = [c.strip() for c in args.classes.split(",")]
            if not all(classes):
                raise UsageError(f"--classes: a class name is empty in {args.classes!r}")
            if len(classes) != len(logits):
                raise UsageError(f"--classes: {len(classes)} names for {len(logits)} logits")
        target = state.target if state.target < len(logits) else 0
        if args.target is not None:
            try:
                target = int(args.target)
            except ValueError:
                raise UsageError(f"--target: {args.target!r} is not a class index") from None
            if not 0 <= target < len(logits):
                raise UsageError(f"--target: must be 0…{len(logits) - 1}, got {target}")
        return state.with_classes(tuple(classes), tuple(logits), target)
    except StateError as exc:
        where = f"--session {args.session}: " if args.session else ""
        raise UsageError(f"{where}{exc}") from None


def _has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc"):
        return True
    if sys.platform.startswith("linux"):
        if os.environ.get("WAYLAND_DISPLAY"):
            return True
        display = os.environ.get("DISPLAY", "")
        if display.startswith(":"):
            # A local X display is a socket; a stale DISPLAY would make Qt abort, not return.
            number = display[1:].split(".")[0]
            return Path(f"/tmp/.X11-unix/X{number}").exists()
        return bool(display)
    return True


def _not_built(feature: str) -> UsageError:
    return UsageError(f"{feature} is not built yet in this version of LossLab")


def export_headless(state: AppState, view: str, path: str, size: tuple[int, int]) -> None:
    suffix = Path(path).suffix.lower()
    if suffix not in (".png", ".svg"):
        raise UsageError(f"--export: the file must end in .png or .svg, got {path!r}")
    parent = Path(path).resolve().parent
    if not parent.is_dir():
        raise UsageError(f"--export: no such folder {parent}")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no display needed, identical output anywhere
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from gui.export import ExportError, export_view

    def quiet(_mode: object, _context: object, message: str) -> None:
        # The offscreen platform's harmless notice; anything else still reaches stderr.
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    from gui.app import set_attributes
    from gui.main_window import MainWindow

    if QApplication.instance() is None:
        set_attributes()  # as a launch has them: the window is the same window
    app = QApplication.instance() or QApplication([sys.argv[0]])
    window = MainWindow(state.with_view(view))
    window.resize(*size)
    window.show()
    for _ in range(3):  # layouts settle over a few event-loop passes
        app.processEvents()
    got = window.size()
    if (got.width(), got.height()) != size:  # the window refuses to be smaller than its layout
        least = window.minimumSize().expandedTo(window.minimumSizeHint())
        raise UsageError(
            f"--size: the window needs at least {least.width()}x{least.height()} pixels, "
            f"got {size[0]}x{size[1]}"
        )
    try:
        export_view(window.tabs.currentWidget(), path)  # the view's plots, no window chrome
    except ExportError as exc:
        raise UsageError(f"--export: {exc}") from None
    window.close()


def launch(state: AppState | None, view: str | None) -> int:
    # Start-up creates ~60,000 objects the collector tracks, nearly all living as long as the
    # app (modules, classes, Qt wrappers): it would walk them again and again, ~20 ms of start.
    # It is paused until the window is up; then they are moved out of its way for good.
    collecting = gc.isenabled()
    gc.disable()
    try:
        from gui.app import application, restore_and_show

        app = application()
        window = restore_and_show(state, view)
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    rc = app.exec()
    del window
    return rc


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(_join_negative_values(argv))
        if args.lecture:
            raise _not_built("--lecture")
        if args.lang == "zh":
            raise _not_built("--lang zh (the Chinese interface)")
        if args.view and args.view not in BUILT_VIEWS:
            raise _not_built(f"--view {args.view}")
        if args.export and args.report:
            raise UsageError("--export and --report: choose one")
        size = parse_size(args.size)
        explicit = any(
            v is not None for v in (args.logits, args.target, args.classes, args.session)
        )
        state = state_from_args(args)
        if args.report:
            from model.report import report, report_text

            if args.report == "json":
                print(json.dumps(report(state)))
            else:
                print(report_text(state))
            return 0
        if args.export:
            export_headless(state, args.view or "overview", args.export, size)
            return 0
        if not _has_display():
            raise UsageError(
                "no display found: run LossLab on a desktop, under a virtual screen "
                "(xvfb-run -a losslab), or use --export FILE.png / --report text"
            )
    except UsageError as exc:
        print(f"losslab: error: {exc}", file=sys.stderr)
        return 2
    return launch(state if explicit else None, args.view)


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
