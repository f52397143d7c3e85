"""A bytecode cache for PySide6's embedded support modules.

shiboken6 carries its signature support (``shibokensupport``, 13 modules) as Python source
inside its binary and compiles them on every start, with ``compile()``: ~25 ms of LossLab's
start-up, where Python's own modules load their cached bytecode. ``cached_compiles`` serves
those ``compile()`` calls from a cache on disk while PySide6 is first imported. An entry is
named by the file name and the Python version's bytecode magic number, and holds the source
it was compiled from: it is used only for that exact source, so a new PySide6 or Python never
meets a stale entry. An unreadable entry is compiled again, and a failed write leaves nothing
behind (written beside, then renamed).

PySide6's own switch for this (``SBK_EMBED=0``) writes the files into its install folder, where
a later upgrade of PySide6 would keep using them.
"""

from __future__ import annotations

import builtins
import importlib.util
import marshal
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import CodeType

PREFIX = "shibokensupport/"  # the file names shiboken compiles its support modules under


def cache_dir() -> Path:
    """Beside Python's bytecode when it is redirected (PYTHONPYCACHEPREFIX), else the user's
    cache folder."""
    if sys.pycache_prefix:
        return Path(sys.pycache_prefix) / "losslab-shibokensupport"
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "LossLab" / "shibokensupport"


def _entry(folder: Path, filename: str) -> Path:
    name = filename.removeprefix(PREFIX).replace("/", ".")
    return folder / f"{name}.{importlib.util.MAGIC_NUMBER.hex()}.bin"


def _load(path: Path, source: bytes) -> CodeType | None:
    """The code compiled from ``source``, if the entry holds exactly that source."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    size = int.from_bytes(data[:4], "little")
    if data[4 : 4 + size] != source:
        return None
    try:
        code = marshal.loads(data[4 + size :])
    except (EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def _store(path: Path, source: bytes, code: CodeType) -> None:
    # Like Python's .pyc files: not when the user asked for no bytecode on disk.
    if sys.flags.dont_write_bytecode:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(len(source).to_bytes(4, "little") + source + marshal.dumps(code))
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        pass  # no cache this time: the next start compiles again


@contextmanager
def cached_compiles(folder: Path | None = None) -> Iterator[None]:
    """While active, ``compile(source, "shibokensupport/…", "exec")`` comes from the cache."""
    try:
        where = cache_dir() if folder is None else folder
    except (RuntimeError, OSError):  # no home folder to find: compile as PySide6 does
        yield
        return
    real = builtins.compile

    def compile_cached(
        source: object, filename: object, mode: str, *args: object, **kw: object
    ) -> object:
        if (
            isinstance(filename, str)
            and filename.startswith(PREFIX)
            and mode == "exec"
            and isinstance(source, (bytes, str))
            and not args
            and not kw
        ):
            data = source.encode() if isinstance(source, str) else source
            path = _entry(where, filename)
            code = _load(path, data)
            if code is None:
                code = real(source, filename, mode)
                _store(path, data, code)
            return code
        return real(source, filename, mode, *args, **kw)  # type: ignore[call-overload]

    builtins.compile = compile_cached
    try:
        yield
    finally:
        builtins.compile = real
