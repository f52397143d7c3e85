"""main.launch, the path the `losslab` command takes: the window comes up, and the cyclic
garbage collector is paused only while it is built (a start-up cost, see main.launch)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_fresh(code: str, env: dict[str, str]) -> str:
    """``code`` in a fresh interpreter (the start-up path runs once per process): its output."""
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_launch_pauses_the_collector_only_while_starting(tmp_path: Path) -> None:
    code = """
        import gc
        from PySide6.QtWidgets import QApplication
        import gui.app
        import main

        seen = {"before": gc.isenabled()}
        real = gui.app.restore_and_show

        def probe(state, view):
            seen["while building"] = gc.isenabled()
            window = real(state, view)
            seen["shown"] = window.isVisible()
            return window

        def exec_(*_args):  # the event loop: check, then return at once
            seen["in the event loop"] = gc.isenabled()
            seen["start-up objects frozen"] = gc.get_freeze_count() > 10_000
            return 0

        gui.app.restore_and_show = probe
        QApplication.exec = exec_
        rc = main.launch(None, None)
        print(rc, sorted(seen.items()))
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    out = run_fresh(code, env)
    expected = {
        "before": True,
        "while building": False,
        "shown": True,
        "in the event loop": True,
        "start-up objects frozen": True,
    }
    assert out == f"0 {sorted(expected.items())}"


def test_numpy_starts_no_blas_worker_threads() -> None:
    """The `losslab` command's module limits BLAS to one thread before numpy loads (numpy's
    OpenBLAS would otherwise start a spinning worker per extra core at import); a limit the
    user set stays."""
    code = """
        import os
        import main
        import numpy
        threads = len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else 1
        print(os.environ["OPENBLAS_NUM_THREADS"], threads)
    """

    def run(**extra: str) -> str:
        env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"} | extra
        return run_fresh(code, env)

    assert run() == "1 1"
    assert run(OPENBLAS_NUM_THREADS="2").split()[0] == "2"
