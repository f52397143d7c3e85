"""gui.code_cache: PySide6's support modules compiled once, then loaded; never a stale entry.

Each start runs in a fresh interpreter (pytest's own process imported PySide6 long before), with
its bytecode redirected to a folder of the test's (PYTHONPYCACHEPREFIX), where the cache goes.
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.gui.test_launch import run_fresh

FOLDER = "losslab-shibokensupport"

# Counts the compiles that reach Python's compile() (the cache calls it on a miss only), then
# checks that the support modules work: a call with wrong arguments is explained by their
# signature parser and error handler.
START = """
import builtins
calls = []
real = builtins.compile
def counting(source, filename, mode, *args, **kwargs):
    if isinstance(filename, str) and filename.startswith("shibokensupport/"):
        calls.append(filename)
    return real(source, filename, mode, *args, **kwargs)
builtins.compile = counting
import gui  # PySide6's first import, with the cache
from PySide6 import QtCore
try:
    QtCore.QPointF("x")
except TypeError as exc:
    print(len(calls), " ".join(str(exc).split()))
"""


def start(prefix: Path, **env: str) -> tuple[int, str]:
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environ |= {"PYTHONPYCACHEPREFIX": str(prefix), **env}
    count, signature = run_fresh(START, environ).split(" ", 1)
    return int(count), signature


def test_compiled_once_then_loaded(tmp_path: Path) -> None:
    first, signature = start(tmp_path)
    entries = sorted((tmp_path / FOLDER).glob("*.bin"))
    assert first >= 10 and len(entries) == first  # one entry per support module
    assert "Supported signatures: PySide6.QtCore.QPointF.__init__()" in signature
    again, same = start(tmp_path)
    assert again == 0 and same == signature  # all from the cache, and they work alike


def test_a_damaged_or_foreign_entry_is_compiled_again(tmp_path: Path) -> None:
    start(tmp_path)
    entries = sorted((tmp_path / FOLDER).glob("*.bin"))
    cut, foreign = entries[0], entries[1]
    cut.write_bytes(cut.read_bytes()[:-7])  # a torn write
    data = bytearray(foreign.read_bytes())
    data[10] ^= 0xFF  # compiled from other source (another PySide6 version)
    foreign.write_bytes(bytes(data))
    count, signature = start(tmp_path)
    assert count == 2 and "Supported signatures" in signature
    assert start(tmp_path)[0] == 0  # both were written again, whole


def test_no_entries_when_bytecode_writing_is_off(tmp_path: Path) -> None:
    count, _ = start(tmp_path, PYTHONDONTWRITEBYTECODE="1")
    assert count >= 10
    assert not (tmp_path / FOLDER).exists() or not any((tmp_path / FOLDER).iterdir())
