"""Session files: strict reading with one-line messages, atomic writing.

A reader takes every file an earlier LossLab wrote: keys added since (the views' settings, the
view showing) are optional and default to the default state's values.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
from pathlib import Path
from typing import Any

from model.state import (
    MAX_CLASSES,
    MIN_CLASSES,
    SESSION_FORMAT,
    SESSION_VERSION,
    AppState,
    OverviewSettings,
    StateError,
    SurfaceSettings,
    largest_wrong,
)
from model.train import TrainSettings, TrainSettingsError

MAX_SESSION_BYTES = 1_000_000


def _expect(cond: bool, message: str) -> None:
    if not cond:
        raise StateError(message)


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _range(value: Any, name: str) -> tuple[float, float]:
    _expect(
        isinstance(value, list) and len(value) == 2 and all(_is_number(v) for v in value),
        f"surface.{name} must be a list of two numbers, got {value!r}",
    )
    return float(value[0]), float(value[1])


def state_from_dict(data: Any) -> AppState:
    """A state from a session's JSON object, or StateError saying what is wrong."""
    try:
        return _checked_state_from_dict(data)
    except OverflowError:  # an integer too large for a float, wherever it stands
        raise StateError("a number in the session is too large to be a logit or a range") from None


def _checked_state_from_dict(data: Any) -> AppState:
    _expect(isinstance(data, dict), "a session must be a JSON object")
    _expect(
        data.get("format") == SESSION_FORMAT,
        f'not a LossLab session (expected "format": "{SESSION_FORMAT}")',
    )
    version = data.get("version")
    _expect(_is_int(version), f"the session's version must be an integer, got {version!r}")
    _expect(
        version <= SESSION_VERSION,
        f"this session was written by a newer LossLab (version {version}); "
        f"this one reads version {SESSION_VERSION}",
    )
    _expect(version >= 1, f"unknown session version {version}")

    logits = data.get("logits")
    _expect(isinstance(logits, list), 'the session needs "logits": a list of numbers')
    _expect(all(_is_number(v) for v in logits), "every logit must be a number")
    k = len(logits)
    _expect(
        MIN_CLASSES <= k <= MAX_CLASSES,
        f"the number of classes must be {MIN_CLASSES}…{MAX_CLASSES}, got {k}",
    )
    classes = data.get("classes", [f"class {i}" for i in range(k)])
    _expect(
        isinstance(classes, list) and all(isinstance(c, str) for c in classes),
        '"classes" must be a list of names',
    )
    target = data.get("target", 0)
    _expect(_is_int(target), f'"target" must be a class index, got {target!r}')

    defaults = SurfaceSettings()
    surface_data = data.get("surface", {})
    _expect(isinstance(surface_data, dict), '"surface" must be an object')
    mode = surface_data.get("mode", defaults.mode)
    _expect(isinstance(mode, str), f"surface.mode must be text, got {mode!r}")
    competitor = surface_data.get("competitor")
    if competitor is None:
        competitor = (
            largest_wrong(tuple(float(v) for v in logits), target) if 0 <= target < k else 1
        )
    _expect(_is_int(competitor), f"surface.competitor must be a class index, got {competitor!r}")
    resolution = surface_data.get("resolution", defaults.resolution)
    _expect(_is_int(resolution), f"surface.resolution must be an integer, got {resolution!r}")
    x_range = _range(surface_data.get("x_range", list(defaults.x_range)), "x_range")
    y_range = _range(surface_data.get("y_range", list(defaults.y_range)), "y_range")
    log_colours = surface_data.get("log_colours", defaults.log_colours)
    _expect(
        isinstance(log_colours, bool),
        f"surface.log_colours must be true or false, got {log_colours!r}",
    )
    threshold = surface_data.get("slow_threshold", defaults.slow_threshold)
    _expect(_is_number(threshold), f"surface.slow_threshold must be a number, got {threshold!r}")
    ce_unit = data.get("ce_unit", "nats")
    mse_reduction = data.get("mse_reduction", "sum")
    overview_data = data.get("overview", {})
    _expect(isinstance(overview_data, dict), '"overview" must be an object')
    overview_defaults = OverviewSettings()
    view = data.get("view", "overview")
    _expect(isinstance(view, str), f'"view" must be text, got {view!r}')
    try:
        train = TrainSettings.from_dict(data.get("train", {}))
    except TrainSettingsError as exc:
        raise StateError(f"train: {exc}") from None
    try:
        return AppState(
            classes=tuple(classes),
            logits=tuple(float(v) for v in logits),
            target=target,
            surface=SurfaceSettings(
                mode=mode,
                competitor=competitor,
                x_range=x_range,
                y_range=y_range,
                resolution=resolution,
                log_colours=log_colours,
                slow_threshold=float(threshold),
            ),
            ce_unit=ce_unit,
            mse_reduction=mse_reduction,
            overview=OverviewSettings(
                x_axis=overview_data.get("x_axis", overview_defaults.x_axis),
                log_grad=overview_data.get("log_grad", overview_defaults.log_grad),
            ),
            view=view,
            train=train,
        )
    except OverflowError as exc:  # an integer too large for a float
        raise StateError(f"a number in the session is too large: {exc}") from None


def _reject_constant(name: str) -> float:
    raise StateError(f"the session contains {name}, which is not a finite number")


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are all different: with two "logits", which one would count?"""
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            # json.dumps quotes the key in ASCII, so even a control character stays on one line.
            raise StateError(f"the key {json.dumps(key)} appears twice in one object")
        data[key] = value
    return data


def parse_session(text: str) -> AppState:
    """Parse session JSON text into a state, or raise StateError saying what is wrong."""
    try:
        data = json.loads(
            text.removeprefix("\ufeff"),  # a byte-order mark, as some editors write one
            parse_constant=_reject_constant,
            object_pairs_hook=_object_without_duplicates,
        )
    except ValueError as exc:  # JSONDecodeError, or an integer literal beyond Python's limit
        if isinstance(exc, StateError):
            raise
        if not isinstance(exc, json.JSONDecodeError):
            # Python's own words here suggest sys.set_int_max_str_digits, no help to a user.
            raise StateError(
                "a number in the session has thousands of digits, far too many for any setting"
            ) from None
        raise StateError(
            f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise StateError("not a LossLab session (nested too deeply)") from None
    return state_from_dict(data)


_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def _refuse_unless_regular(path: Path, mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = next((what for test, what in _FILE_KINDS if test(mode)), "not a plain file")
        raise StateError(f"{path.name} is {kind}: a session is a plain file")


def _read_regular_file(path: Path) -> bytes:
    """At most 1 MB + 1 bytes of a regular file. A FIFO would block the open (and the window)
    until a writer comes, a device may never end: both are refused before any byte is read.
    The open itself cannot block (O_NONBLOCK), and what was opened is checked again, in case the
    name was switched to a FIFO between the look and the open."""
    _refuse_unless_regular(path, os.stat(path).st_mode)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        _refuse_unless_regular(path, os.fstat(fd).st_mode)
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_SESSION_BYTES:
            chunk = os.read(fd, MAX_SESSION_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def load_session(path: str | os.PathLike[str]) -> AppState:
    p = Path(path)
    if not str(path):
        raise StateError("the file name is empty")
    try:
        raw = _read_regular_file(p)
    except StateError:
        raise
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise StateError(f"cannot read {p}: {getattr(exc, 'strerror', None) or exc}") from None
    _expect(len(raw) <= MAX_SESSION_BYTES, f"{p.name} is too large: a session is at most 1 MB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise StateError(f"{p.name} is not a text file (not UTF-8)") from None
    return parse_session(text)


# Temporary files are named ".NAME.losslab-tmp-PID-RANDOM" beside the target: hidden, and
# recognisable, so that a save can remove the ones an earlier crash left behind.
TEMP_MARK = ".losslab-tmp-"


def _temp_pattern(target: Path) -> str:
    return f".{target.name}{TEMP_MARK}"


def _remove_stale_temporaries(target: Path, current_ns: int) -> None:
    """Remove this target's temporaries older than the current save's (``current_ns``, read
    from the same file system clock): an earlier save that crashed between creating one and
    renaming it. A save running elsewhere made its own at the same time or later, and keeps it."""
    prefix = _temp_pattern(target)
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and info.st_mtime_ns < current_ns:
                os.unlink(entry.path)
        except OSError:  # gone already, or not ours to remove: the save itself has succeeded
            continue


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable: without it, a power cut can bring back the old name."""
    if not hasattr(os, "O_DIRECTORY"):  # Windows cannot open a folder; its rename is durable
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def save_session(state: AppState, path: str | os.PathLike[str]) -> None:
    """Write atomically: a temporary file beside the target, synced, renamed over the target,
    and the folder synced. A symlink is written through to its target; an existing file keeps
    its permission bits, a new one gets 0666 less the umask, as any program's new file does."""
    target = Path(os.path.realpath(path))
    data = (json.dumps(state.to_dict(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None  # a new file
    tmp = target.parent / f"{_temp_pattern(target)}{os.getpid()}-{secrets.token_hex(4)}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags | getattr(os, "O_CLOEXEC", 0), 0o666)  # the umask applies
    try:
        with os.fdopen(fd, "wb") as fh:  # closes the descriptor whatever happens next
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), mode)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            written_ns = os.fstat(fh.fileno()).st_mtime_ns
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)
    _remove_stale_temporaries(target, written_ns)
