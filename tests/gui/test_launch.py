"""main.launch and main.export_headless, the paths the `losslab` command takes: the window
comes up with pyqtgraph's Qt names as PySide6's own, the cyclic garbage collector is paused only
while it is built (a start-up cost, see main.launch), and nothing lands in the user's home but
the settings."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

from tests.gui.conftest import run_fresh


def test_launch_pauses_the_collector_only_while_starting(tmp_path: Path) -> None:
    code = """
        import gc
        from PySide6.QtWidgets import QApplication
        import gui.app
        import main

        seen = {"before": gc.isenabled()}
        real = gui.app.restore_and_show

        def probe(*args):
            seen["while building"] = gc.isenabled()
            window = real(*args)
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


# After the window is up: pyqtgraph's Qt names are PySide6's objects, and PySide6's modules
# list their own names.
CHECK_NAMES = textwrap.dedent(
    """
    import pyqtgraph as pg
    from PySide6 import QtCore, QtGui, QtWidgets

    assert pg.QtGui.QPdfWriter is QtGui.QPdfWriter and pg.QtCore.QPointF is QtCore.QPointF
    assert pg.QtGui.QFileSystemModel is QtWidgets.QFileSystemModel
    assert "QPdfWriter" in dir(QtGui) and "QPointF" in dir(QtCore)
    print("ok")
    """
)


def _home_env(home: Path) -> dict[str, str]:
    """The environment with ``home`` as the user's home and no XDG folders of its own."""
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    return env | {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}


def _files(home: Path) -> list[str]:
    return sorted(str(p.relative_to(home)) for p in home.rglob("*") if not p.is_dir())


def test_a_launch_writes_nothing_in_home_but_the_settings(tmp_path: Path) -> None:
    code = """
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        import main

        real_exec = QApplication.exec

        def exec_(*_args):  # the event loop, quit once it has shown the window
            QTimer.singleShot(300, QApplication.quit)
            return real_exec()

        QApplication.exec = exec_
        assert main.launch(None, "surfaces") == 0
    """
    home = tmp_path / "home"
    assert run_fresh(textwrap.dedent(code) + CHECK_NAMES, _home_env(home)) == "ok"
    assert _files(home) == [str(Path(".config", "LossLab", "LossLab.conf"))]


def test_an_export_writes_nothing_in_home(tmp_path: Path) -> None:
    code = f"""
        import main
        assert main.main(["--export", {str(tmp_path / "out.png")!r}, "--view", "surfaces"]) == 0
    """
    home = tmp_path / "home"
    assert run_fresh(textwrap.dedent(code) + CHECK_NAMES, _home_env(home)) == "ok"
    assert _files(home) == []
    assert (tmp_path / "out.png").stat().st_size > 0
