"""Reading and writing LossLab's JSON files (sessions, lessons) under one set of rules.

Reading (PRODUCT.md, "Reliability and bad input"): a regular file only (a FIFO, a device or a
folder is refused without blocking on it), at most 1 MB, UTF-8 with an optional byte-order mark,
JSON without duplicate keys, NaN or infinities. Every problem is a StateError with a one-line
message naming the file. Writing is atomic: a temporary file beside the target, fsynced, renamed
over it, the folder fsynced; a symlink is written through and an existing file keeps its
permissions.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from model.state import StateError

MAX_FILE_BYTES = 1_000_000


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise StateError(f"the key {key!r} appears twice in one object")
        out[key] = value
    return out


def _reject_constant(name: str) -> float:
    raise StateError(f"the file contains {name}, which is not a finite number")


def parse_json_text(text: str, what: str = "session") -> Any:
    """The JSON value of ``text``, or StateError saying what is wrong (``what`` names the kind
    of file in the message: "not a LossLab lesson")."""
    if text.startswith("\ufeff"):  # a byte-order mark: editors on some systems write one
        text = text[1:]
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
    except StateError:
        raise
    except json.JSONDecodeError as exc:
        raise StateError(
            f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    except ValueError as exc:  # an integer literal beyond Python's digit limit
        raise StateError(f"not a LossLab {what} ({exc})") from None
    except RecursionError:
        raise StateError(f"not a LossLab {what} (nested too deeply)") from None


def read_text_file(path: str | os.PathLike[str], what: str = "session") -> str:
    """The text of a regular UTF-8 file of at most 1 MB, or StateError naming the problem."""
    p = Path(path)
    try:
        # O_NONBLOCK: opening a FIFO with no writer would otherwise wait for one forever.
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise StateError(f"cannot read {p}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise StateError(f"{p} is a folder, not a {what} file")
        if not stat.S_ISREG(info.st_mode):
            raise StateError(f"{p} is not a regular file (a pipe or a device?)")
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise StateError(f"cannot read {p}: {exc.strerror or exc}") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(raw) > MAX_FILE_BYTES:
        raise StateError(f"{p.name} is too large: a {what} is at most 1 MB")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise StateError(f"{p.name} is not a text file (not UTF-8)") from None


def read_json_file(path: str | os.PathLike[str], what: str = "session") -> Any:
    """The JSON value in a file, under the rules above."""
    return parse_json_text(read_text_file(path, what), what)


def write_text_atomic(path: str | os.PathLike[str], text: str, mode: int | None = None) -> Path:
    """Write ``text`` (UTF-8) so that a crash leaves either the old file or the new one.

    The file keeps the permissions it had; a new one gets ``mode`` (default: 0o666 less the
    umask, as ``open`` would give). Returns the path written (a symlink's target).
    """
    target = Path(os.path.realpath(path))
    folder = target.parent
    try:
        keep = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        keep = mode
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            if hasattr(os, "fchmod"):  # mkstemp makes it 0o600
                os.fchmod(fh.fileno(), keep)
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(folder)
    return target


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); where folders cannot be opened, skip it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
