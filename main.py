"""LossLab's command line: launch the app, or export a view / print a report with no display."""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import logging
import math
import os
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

# Before numpy loads: LossLab's maths is elementwise, and numpy's BLAS would start a worker
# thread per extra core that spins ~0.1 s of CPU at import, beside the window's start-up.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

INSTALL_ALONE = "install LossLab into its own environment (a venv, or pipx install .)"


def _foreign_package() -> str | None:
    """``pip install .`` puts main, model and gui at the top of site-packages, where another
    project's model/ or gui/ can shadow them (from an earlier entry of sys.path, such as
    PYTHONPATH) or overwrite them: say so in one line, not with a traceback. Found without
    importing either (gui's import loads Qt); model/__init__.py names LossLab, as a check."""
    if "__file__" not in globals():
        return None
    here = Path(__file__).resolve().parent
    for name, ours in (("model", "session.py"), ("gui", "main_window.py")):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = Path(spec.origin).resolve() if spec is not None and spec.origin else None
        if origin is None:
            return f"LossLab's {name!r} package is missing beside {here}"
        if origin != here / name / "__init__.py":
            return f"another project's {name!r} package ({origin.parent}) is found before LossLab's"
        if not (here / name / ours).is_file() or (
            name == "model" and b"LossLab" not in origin.read_bytes()
        ):
            return f"the {name!r} package beside {here} is another project's"
    return None


if (_clash := _foreign_package()) is not None:
    print(f"losslab: error: {_clash}: {INSTALL_ALONE}", file=sys.stderr)
    sys.exit(2)

from model.lesson import Lesson, load_session_with_lesson  # noqa: E402  (after the check above)
from model.session import load_session  # noqa: E402
from model.state import (  # noqa: E402
    LOGIT_LIMIT,
    MAX_CLASSES,
    MIN_CLASSES,
    AppState,
    StateError,
    class_name_problem,
)

ALL_VIEWS = ("overview", "surfaces", "race", "simplex", "train")
BACKGROUNDS = ("theme", "white", "transparent")  # as gui/export.py has them
BUILT_VIEWS = ("overview", "surfaces", "race", "simplex", "train")
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
    p.add_argument(
        "--lecture",
        action="store_true",
        help="lecture mode: large text and thick lines on a light background, clicker keys",
    )
    p.add_argument("--lang", choices=("en", "zh"), help="interface language")
    p.add_argument("--export", metavar="FILE", help="render the view to FILE.png or FILE.svg")
    p.add_argument("--size", default="1600x1000", help="window size for --export, e.g. 1600x1000")
    p.add_argument("--report", choices=("json", "text"), help="print every number and exit")
    p.add_argument(
        "--background",
        choices=BACKGROUNDS,
        help="what --export draws the plots on: the theme's background (default), white, "
        "or transparent",
    )
    desktop = p.add_mutually_exclusive_group()
    desktop.add_argument(
        "--install-desktop", action="store_true", help="add LossLab to the desktop's menu"
    )
    desktop.add_argument(
        "--uninstall-desktop", action="store_true", help="remove LossLab from the desktop's menu"
    )
    return p


def _join_negative_values(argv: Sequence[str]) -> list[str]:
    """``--logits -2,1,0.5`` as written: argparse would take ``-2,1,0.5`` for an option (and
    ``--size -1280x800`` would be "expected one argument" instead of a word about the size)."""
    out: list[str] = []
    it = iter(argv)
    for arg in it:
        if arg in ("--logits", "--target", "--classes", "--size"):
            value = next(it, None)
            out.append(arg if value is None else f"{arg}={value}")
        else:
            out.append(arg)
    return out


# Plain ASCII decimals: float() and int() also take "1_000" and any script's digits ("１", "١").
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_NOT_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)
_INDEX = re.compile(r"[+-]?[0-9]+")
_SIZE = re.compile(r"([0-9]+)\s*[xX×]\s*([0-9]+)")
_MAX_DIGITS = 6  # more digits than any index or size here: no need to read them as a number


def _shown(text: str, limit: int = 40) -> str:
    """A value as typed, quoted and escaped (a newline or an undecodable byte stays visible
    and on the line), and cut short: a message quoting 5000 digits says nothing."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def one_line(message: str) -> str:
    """A message on exactly one line: control characters, line breaks and lone surrogates that
    came in with a file name are written as escapes."""
    bad = ("Cc", "Cs", "Zl", "Zp")
    return "".join(repr(ch)[1:-1] if unicodedata.category(ch) in bad else ch for ch in message)


def _parse_float(text: str) -> float:
    t = text.strip()
    if not (_DECIMAL.fullmatch(t) or _NOT_FINITE.fullmatch(t)):
        raise UsageError(
            f"--logits: {_shown(t)} is not a number; write plain decimals such as -2,1,0.5"
        )
    v = float(t)
    if not math.isfinite(v):
        raise UsageError(f"--logits: {_shown(t)} is not a finite number")
    if abs(v) > LOGIT_LIMIT:
        raise UsageError(f"--logits: {_shown(t)} is outside ±{LOGIT_LIMIT:g}")
    return v


def parse_size(text: str) -> tuple[int, int]:
    m = _SIZE.fullmatch(text.strip())
    if m is None:
        why = "a size cannot be negative; " if "-" in text else ""
        raise UsageError(
            f"--size: {why}expected WIDTHxHEIGHT in pixels such as 1600x1000, got {_shown(text)}"
        )
    sides = m.groups()
    w, h = (int(p) if len(p) <= _MAX_DIGITS else MAX_SIZE + 1 for p in sides)
    if not (MIN_SIZE <= w <= MAX_SIZE and MIN_SIZE <= h <= MAX_SIZE):
        raise UsageError(
            f"--size: each side must be {MIN_SIZE}…{MAX_SIZE} pixels, got {_shown(text)}"
        )
    return w, h


def _parse_target(text: str, k: int) -> int:
    t = text.strip()
    if not _INDEX.fullmatch(t):
        raise UsageError(f"--target: {_shown(t)} is not a class index (0…{k - 1})")
    digits = t.lstrip("+-")
    target = int(t) if len(digits) <= _MAX_DIGITS else None
    if target is None or not 0 <= target < k:
        raise UsageError(f"--target: must be 0…{k - 1}, got {_shown(t)}")
    return target


def _parse_classes(text: str) -> list[str]:
    classes = [c.strip() for c in text.split(",")]
    for i, name in enumerate(classes):
        problem = class_name_problem(name)
        if problem is not None:
            raise UsageError(f"--classes: the name of class {i} {problem}")
    return classes


def state_from_args(args: argparse.Namespace) -> AppState:
    """The session (if any), then --logits, --classes and --target on top of it."""
    state = AppState()
    if args.session is not None:
        if not args.session.strip():
            raise UsageError("--session: the file name is empty")
        try:
            state = load_session(args.session)
        except StateError as exc:
            raise UsageError(f"--session {args.session}: {exc}") from None
    logits = list(state.logits)
    classes = list(state.classes)
    if args.logits is not None:
        logits = [_parse_float(t) for t in args.logits.split(",")]
        if not MIN_CLASSES <= len(logits) <= MAX_CLASSES:
            raise UsageError(f"--logits: K must be {MIN_CLASSES}…{MAX_CLASSES}, got {len(logits)}")
        if len(logits) != len(classes):
            classes = [f"class {i}" for i in range(len(logits))]
    if args.classes is not None:
        classes = _parse_classes(args.classes)
        if len(classes) != len(logits):
            raise UsageError(f"--classes: {len(classes)} names for {len(logits)} logits")
    target = state.target if state.target < len(logits) else 0
    if args.target is not None:
        target = _parse_target(args.target, len(logits))
    try:
        return state.with_classes(tuple(classes), tuple(logits), target)
    except StateError as exc:  # every value was checked above; this says what slipped through
        raise UsageError(str(exc)) from None


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


QT_DEBUG_ENV = "LOSSLAB_QT_DEBUG"
_qt_log = logging.getLogger("losslab.qt")


def qt_message(_mode: object, _context: object, message: str) -> None:
    """Qt's own messages (font fallbacks, the offscreen platform's notices) would turn a
    one-line error into thirty: they go to the "losslab.qt" logger at debug level, and to
    stderr only when LOSSLAB_QT_DEBUG is set (to anything but 0), for debugging Qt itself."""
    _qt_log.debug("%s", message)
    if os.environ.get(QT_DEBUG_ENV, "0") not in ("", "0"):
        print(f"qt: {message}", file=sys.stderr)


def _not_built(feature: str) -> UsageError:
    return UsageError(f"{feature} is not built yet in this version of LossLab")


def _use_language(lang: str | None) -> None:
    """The interface language of this run (--lang, else the saved choice, else the system's)."""
    from gui.i18n import TranslationError, set_language, startup_language

    try:
        set_language(startup_language(lang))
    except TranslationError as exc:
        raise UsageError(str(exc)) from None


def print_text_report(state: AppState, lang: str | None) -> None:
    from PySide6.QtCore import QCoreApplication

    from gui.i18n import tr
    from model.report import report_text

    # A translator needs an application object; a core one needs no display.
    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    _use_language(lang)
    print(report_text(state, tr))
    del app


def export_headless(
    state: AppState,
    view: str,
    path: str,
    size: tuple[int, int],
    background: str = "theme",
    lecture: bool = False,
    lang: str | None = None,
) -> None:
    suffix = Path(path).suffix.lower()
    if suffix not in (".png", ".svg"):
        raise UsageError(f"--export: the file must end in .png or .svg, got {path!r}")
    parent = Path(path).resolve().parent
    if not parent.is_dir():
        raise UsageError(f"--export: no such folder {parent}")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no display needed, identical output anywhere
    import shiboken6
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from gui.qt_names import import_pyqtgraph

    import_pyqtgraph()  # before the views import it (gui/qt_names.py)
    from gui.export import ExportError, export_view

    qInstallMessageHandler(qt_message)
    from gui.app import set_attributes
    from gui.main_window import MainWindow

    if QApplication.instance() is None:
        set_attributes()  # as a launch has them: the window is the same window
    app = QApplication.instance() or QApplication([sys.argv[0]])
    _use_language(lang)
    if view == "train":  # the training after its set number of epochs
        state = state.with_train(replace(state.train, epoch=state.train.max_epochs))
    if view == "race":  # the race run to its last step, computed now (a long one would be
        state = state.with_race(replace(state.race, step=state.race.max_steps))  # in slices)
        from model.race import run_race

        run_race(state.z(), state.target, state.race)
    window = MainWindow(state.with_view(view))
    window.resize(*size)
    window.show()
    window.set_lecture_mode(lecture)  # after the resize: its plot text follows the height
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
        # The view's plots, no window chrome.
        export_view(window.tabs.currentWidget(), path, background=background)
    except ExportError as exc:
        raise UsageError(f"--export: {exc}") from None
    finally:
        window.close()
        # Gone now, while Python is whole: left to the application's teardown at exit, its
        # scenes' items were deleted after Python had begun to shut down, and their Python
        # overrides (a view box's setGeometry) crashed the process (seen with --lecture).
        shiboken6.delete(window)


def launch(
    state: AppState | None,
    view: str | None,
    lesson: Lesson | None = None,
    lang: str | None = None,
    lecture: bool = False,
) -> int:
    # Start-up creates ~60,000 objects the collector tracks, nearly all living as long as the
    # app (modules, classes, Qt wrappers): it would walk them again and again, ~20 ms of start.
    # It is paused until the window is up; then they are moved out of its way for good.
    collecting = gc.isenabled()
    gc.disable()
    try:
        from gui.qt_names import import_pyqtgraph

        import_pyqtgraph()  # before the views import it (gui/qt_names.py)
        from gui.app import application, restore_and_show

        app = application()
        _use_language(lang)  # before the window: it is built in its language
        window = restore_and_show(state, view, lesson)
        window.set_lecture_mode(lecture)  # not remembered: only --lecture or Ctrl+L turn it on
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
        if args.install_desktop or args.uninstall_desktop:  # files only: no display needed
            from gui.desktop import run_desktop_command

            return run_desktop_command(install=args.install_desktop)
        if args.view and args.view not in BUILT_VIEWS:
            raise _not_built(f"--view {args.view}")
        if args.export and args.report:
            raise UsageError("--export and --report: choose one")
        if args.background and not args.export:
            raise UsageError("--background is for --export")
        size = parse_size(args.size)
        explicit = any(
            v is not None for v in (args.logits, args.target, args.classes, args.session)
        )
        state = state_from_args(args)
        lesson = None
        if args.session:  # its lesson, if it has one (the file has just been read and checked)
            try:
                lesson = load_session_with_lesson(args.session)[1]
            except StateError as exc:
                raise UsageError(f"--session {args.session}: {exc}") from None
        if args.report:
            from model.report import report

            if args.report == "json":
                print(json.dumps(report(state)))
            else:
                print_text_report(state, args.lang)
            return 0
        if args.export:
            export_headless(
                state,
                args.view or "overview",
                args.export,
                size,
                background=args.background or "theme",
                lecture=args.lecture,
                lang=args.lang,
            )
            return 0
        if not _has_display():
            raise UsageError(
                "no display found: run LossLab on a desktop, under a virtual screen "
                "(xvfb-run -a losslab), or use --export FILE.png / --report text"
            )
    except UsageError as exc:
        print(f"losslab: error: {one_line(str(exc))}", file=sys.stderr)
        return 2
    try:
        return launch(state if explicit else None, args.view, lesson, args.lang, args.lecture)
    except UsageError as exc:  # the translation file is missing
        print(f"losslab: error: {one_line(str(exc))}", file=sys.stderr)
        return 2


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
