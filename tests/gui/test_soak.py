"""The soak test of PRODUCT.md ("Dependencies, with a known trap").

PySide6 6.12.0 on CPython 3.11 drops references to ``None`` until the interpreter aborts with
"Fatal Python error: none_dealloc". tests/gui/soak_app.py drives the real window through
thousands of plot updates; it runs in a subprocess, so an abort fails this test instead of
killing pytest. Checked once against 6.12.0 on 3.11: it aborts there after 16 updates.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SOAK_APP = Path(__file__).resolve().parent / "soak_app.py"
UPDATES = 3000


@pytest.mark.slow
def test_thousands_of_plot_updates_do_not_crash() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, str(SOAK_APP), str(UPDATES)],
        cwd=SOAK_APP.parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    tail = proc.stderr[-3000:]
    assert "Fatal Python error" not in proc.stderr, tail
    assert proc.returncode == 0, f"exit status {proc.returncode}\n{tail}"
    assert f"SOAK OK {UPDATES}" in proc.stdout.splitlines(), proc.stdout[-2000:] + tail
