"""Reading and writing LossLab's JSON files (sessions, lessons) under one set of rules.

Reading: a regular file only (a FIFO, a device or a folder is refused before a byte is read,
and the open itself cannot block), at most 1 MB, UTF-8 with an optional byte-order mark, JSON
without duplicate keys, NaN or infinities. Every problem is a StateError with a one-line message.
Writing is atomic: a temporary file beside the target, synced, renamed over it, the folder
synced; a symlink is written through, an existing file keeps its permission bits, and
temporaries that an earlier crash left behind are removed.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
from pathlib import Path
from typing import Any

from model.state import StateError

MAX_FILE_BYTES = 1_000_000


def _reject_constant(name: str) -> float:
    raise StateError(f"the file contains {name}, which is not a finite number")


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are all different: with two "logits", which one would count?"""
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            # json.dumps quotes the key in ASCII, so even a control character stays on one line.
            raise StateError(f"the key {json.dumps(key)} appears twice in one object")
        data[key] = value
    return data


def parse_json_text(text: str, what: str = "session") -> Any:
    """The JSON value of ``text``, or StateError saying what is wrong (``what`` names the kind
    of file in the messages)."""
    try:
        return json.loads(
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
                f"a number in the {what} has thousands of digits, far too many for any setting"
            ) from None
        raise StateError(
            f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise StateError(f"not a LossLab {what} (nested too deeply)") from None


_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def _refuse_unless_regular(path: Path, mode: int, what: str) -> None:
    if not stat.S_ISREG(mode):
        kind = next((what for test, what in _FILE_KINDS if test(mode)), "not a plain file")
        raise StateError(f"{path.name} is {kind}: a {what} is a plain file")


def _read_regular_file(path: Path, what: str) -> bytes:
    """At most 1 MB + 1 bytes of a regular file. A FIFO would block the open (and the window)
    until a writer comes, a device may never end: both are refused before any byte is read.
    The open itself cannot block (O_NONBLOCK), and what was opened is checked again, in case the
    name was switched to a FIFO between the look and the open."""
    _refuse_unless_regular(path, os.stat(path).st_mode, what)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        _refuse_unless_regular(path, os.fstat(fd).st_mode, what)
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text_file(path: str | os.PathLike[str], what: str = "session") -> str:
    """The text of a regular UTF-8 file of at most 1 MB, or StateError naming the problem."""
    p = Path(path)
    if not str(path):
        raise StateError("the file name is empty")
    try:
        raw = _read_regular_file(p, what)
    except StateError:
        raise
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise StateError(f"cannot read {p}: {getattr(exc, 'strerror', None) or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise StateError(f"{p.name} is too large: a {what} is at most 1 MB")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise StateError(f"{p.name} is not a text file (not UTF-8)") from None


def read_json_file(path: str | os.PathLike[str], what: str = "session") -> Any:
    """The JSON value in a file, under the rules above."""
    return parse_json_text(read_text_file(path, what), what)


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


def write_text_atomic(path: str | os.PathLike[str], text: str, mode: int | None = None) -> Path:
    """Write ``text`` (UTF-8) so that a crash leaves either the old file or the new one, never
    half of one. A symlink is written through to its target; an existing file keeps its
    permission bits; a new one gets ``mode``, or 0666 less the umask as any program's new file
    does. Returns the path written."""
    target = Path(os.path.realpath(path))
    data = text.encode("utf-8")  # before any file exists: a lone surrogate fails here
    try:
        keep: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        keep = mode  # a new file
    tmp = target.parent / f"{_temp_pattern(target)}{os.getpid()}-{secrets.token_hex(4)}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags | getattr(os, "O_CLOEXEC", 0), 0o666)  # the umask applies
    try:
        with os.fdopen(fd, "wb") as fh:  # closes the descriptor whatever happens next
            if keep is not None and hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), keep)
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
    return target
