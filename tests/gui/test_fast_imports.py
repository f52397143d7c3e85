"""gui.fast_imports: pyqtgraph gets the same Qt objects, built only on first use, and PySide6's
per-import check gives the same answers.

Each check runs in a fresh interpreter, because pytest's process has imported pyqtgraph long
before (the hook only acts on the first import).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


# gui.fast_imports without the gui package (whose import would run the hooks at once), so that
# a test can change DEFERRED first.
LOAD_HOOKS_ALONE = """
import importlib.util
spec = importlib.util.spec_from_file_location("fi", "gui/fast_imports.py")
fi = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fi)
"""


def run_fresh(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_names_resolve_to_pyside_objects_on_demand() -> None:
    proc = run_fresh(
        """
        import gui  # installs the hook and imports pyqtgraph
        import pyqtgraph as pg
        from PySide6 import QtCore, QtGui, QtWidgets

        shim = pg.Qt.QtGui
        # Not copied up front: a class pyqtgraph's import never touches is still absent ...
        assert "QPdfWriter" not in vars(shim), "names were copied eagerly"
        # ... and resolves, to PySide6's own object, when first asked for; then it is kept.
        assert shim.QPdfWriter is QtGui.QPdfWriter
        assert "QPdfWriter" in vars(shim)
        assert pg.QtCore.QPointF is QtCore.QPointF
        assert pg.QtWidgets.QGraphicsItem is QtWidgets.QGraphicsItem
        assert pg.QtGui.QFileSystemModel is QtWidgets.QFileSystemModel  # pyqtgraph's own shim
        try:
            pg.QtCore.NoSuchName
        except AttributeError:
            pass
        else:
            raise AssertionError("an unknown name must raise AttributeError")
        # dir() of PySide6's modules is PySide6's own again afterwards.
        assert "QPointF" in dir(QtCore) and len(dir(QtWidgets)) > 200
        print("ok")
        """
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_a_second_import_is_a_no_op() -> None:
    proc = run_fresh(
        """
        import pyqtgraph  # imported the ordinary way first
        from gui.fast_imports import import_pyqtgraph
        from PySide6 import QtCore
        before = dict(vars(pyqtgraph.Qt.QtCore))
        import_pyqtgraph()
        assert dict(vars(pyqtgraph.Qt.QtCore)) == before
        assert "__getattr__" not in vars(pyqtgraph.Qt.QtCore)
        assert "QPointF" in dir(QtCore)
        print("ok")
        """
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_feature_check_agrees_with_pysides_own() -> None:
    """The byte search answers as PySide6's inspect-based check does, for every module a
    start-up imports (ours, numpy's, pyqtgraph's, the standard library's)."""
    proc = run_fresh(
        """
        import sys
        import PySide6.QtCore
        feature = sys.modules["shibokensupport.feature"]
        original = feature._mod_uses_pyside
        import gui.main_window  # installs the quick check, imports everything
        from gui.fast_imports import _mentions_pyside

        assert feature._mod_uses_pyside is _mentions_pyside
        modules = [m for m in list(sys.modules.values()) if m is not None]
        assert len(modules) > 300
        differ = [m.__name__ for m in modules if original(m) != _mentions_pyside(m)]
        assert not differ, differ
        uses = {m.__name__ for m in modules if _mentions_pyside(m)}
        assert {"gui.main_window", "pyqtgraph.Qt"} <= uses and "numpy" not in uses
        print("ok")
        """
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_unused_subsystems_load_on_first_use() -> None:
    """pyqtgraph's parameter tree, multiprocess and ImageView are not imported at start-up,
    and its namespace is still complete: each name is pyqtgraph's own object, on first use."""
    lazy = run_fresh(
        """
        import sys
        import gui
        import pyqtgraph as pg
        from gui.fast_imports import DEFERRED

        heavy = ("pyqtgraph.parametertree", "pyqtgraph.multiprocess", *DEFERRED)
        loaded = [m for m in heavy if m in sys.modules]
        assert not loaded, loaded
        assert pg.PlotWidget and pg.ColorBarItem and pg.colormap  # what LossLab uses
        from pyqtgraph.widgets.ColorMapWidget import ColorMapWidget
        from pyqtgraph.widgets.RemoteGraphicsView import RemoteGraphicsView

        assert pg.ColorMapWidget is ColorMapWidget
        assert pg.RemoteGraphicsView is RemoteGraphicsView
        assert pg.ImageView is sys.modules["pyqtgraph.imageview.ImageView"].ImageView
        import pyqtgraph.parametertree as pt

        assert pt.ParameterTree is sys.modules["pyqtgraph.parametertree"].ParameterTree
        try:
            pg.NoSuchName
        except AttributeError:
            pass
        else:
            raise AssertionError("an unknown name must raise AttributeError")
        print(sorted((n, getattr(v, "__module__", type(v).__name__)) for n, v in vars(pg).items()
                     if not n.startswith("_")))
        """
    )
    assert lazy.returncode == 0, lazy.stderr
    plain = run_fresh(
        """
        import pyqtgraph as pg
        print(sorted((n, getattr(v, "__module__", type(v).__name__)) for n, v in vars(pg).items()
                     if not n.startswith("_")))
        """
    )
    assert plain.returncode == 0, plain.stderr
    # The same public names, from the same modules, as an ordinary import.
    assert lazy.stdout == plain.stdout


def test_a_pyqtgraph_that_needs_a_deferred_module_imports_as_usual() -> None:
    """If a module pyqtgraph needs imports one of the deferred ones by name, the stand-ins are
    dropped and pyqtgraph is imported the ordinary way (here: ViewBox, which PlotItem needs)."""
    proc = run_fresh(
        LOAD_HOOKS_ALONE
        + textwrap.dedent(
            """
        import sys
        fi.DEFERRED = (*fi.DEFERRED, "pyqtgraph.graphicsItems.ViewBox.ViewBox")
        fi.import_pyqtgraph()
        import pyqtgraph as pg

        assert isinstance(pg.ViewBox, type) and pg.PlotItem.__module__.startswith("pyqtgraph")
        assert "pyqtgraph.parametertree" in sys.modules  # the ordinary, complete import
        assert "__getattr__" not in vars(pg)
        print("ok")
        """
        )
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_a_module_keeping_a_stand_in_makes_the_import_ordinary() -> None:
    """A module that keeps a deferred module itself (not a name from it) would fail when used:
    the import is then done again the ordinary way. pyqtgraph's __init__ keeps
    ``colors.palette`` as a module, so deferring it must trigger that."""
    proc = run_fresh(
        LOAD_HOOKS_ALONE
        + textwrap.dedent(
            """
        import sys
        fi.DEFERRED = (*fi.DEFERRED, "pyqtgraph.colors.palette")
        verdicts = []
        check = fi._holds_stand_in
        fi._holds_stand_in = lambda made: verdicts.append(check(made)) or verdicts[-1]
        fi.import_pyqtgraph()
        import pyqtgraph as pg

        assert verdicts == [True], verdicts
        assert callable(pg.palette.getQDarkStyleDarkQPalette)  # the real module
        assert "pyqtgraph.parametertree" in sys.modules and "__getattr__" not in vars(pg)
        print("ok")
        """
        )
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"
