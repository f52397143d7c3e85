"""gui.qt_names: pyqtgraph's Qt shims give PySide6's own objects, filled on first use; a
pyqtgraph the workaround does not fit is imported the ordinary way; ``import gui`` itself
changes nothing in the import machinery.

Each check runs in a fresh interpreter: pytest's process imported pyqtgraph long before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui.conftest import run_fresh

ROOT = Path(__file__).resolve().parents[2]


def test_importing_gui_changes_no_import_machinery() -> None:
    out = run_fresh(
        """
        import builtins, sys
        compile_, meta_path, hooks = builtins.compile, list(sys.meta_path), list(sys.path_hooks)
        import gui
        assert not any(m.split(".")[0] in ("PySide6", "pyqtgraph", "numpy") for m in sys.modules)
        from PySide6 import QtCore, QtGui, QtWidgets
        listings = [vars(m).get("__dir__") for m in (QtCore, QtGui, QtWidgets)]
        import gui.main_window  # the whole app: pyqtgraph, the views
        import pyqtgraph as pg

        assert builtins.compile is compile_
        assert sys.meta_path == meta_path and sys.path_hooks == hooks
        assert [vars(m).get("__dir__") for m in (QtCore, QtGui, QtWidgets)] == listings
        feature = sys.modules["shibokensupport.feature"]  # PySide6's per-import check, its own
        assert feature._mod_uses_pyside.__module__ == feature.__name__
        # pyqtgraph was imported the ordinary way: its shims hold every name up front.
        assert "QPdfWriter" in vars(pg.Qt.QtGui) and "__getattr__" not in vars(pg.Qt.QtGui)
        print("ok")
        """
    )
    assert out == "ok"


def test_names_resolve_to_pyside_objects_on_demand() -> None:
    out = run_fresh(
        """
        from PySide6 import QtCore, QtGui, QtWidgets
        listings = [vars(m).get("__dir__") for m in (QtCore, QtGui, QtWidgets)]
        from gui.qt_names import import_pyqtgraph
        pg = import_pyqtgraph()
        import pyqtgraph

        assert pg is pyqtgraph
        shim = pg.Qt.QtGui
        # Not copied up front: a class pyqtgraph's import never touches is still absent ...
        assert "QPdfWriter" not in vars(shim), "names were copied eagerly"
        assert "QPdfWriter" in dir(shim)  # ... though listed, as a copy would list it ...
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
        # PySide6's modules list their own names again, from their own __dir__.
        assert [vars(m).get("__dir__") for m in (QtCore, QtGui, QtWidgets)] == listings
        assert "QPointF" in dir(QtCore) and len(dir(QtWidgets)) > 200
        print("ok")
        """
    )
    assert out == "ok"


NAMESPACE = """
import pyqtgraph as pg
for module in (pg, pg.Qt):
    print(sorted((n, getattr(v, "__module__", type(v).__name__)) for n, v in vars(module).items()
                 if not n.startswith("_")))
"""


def test_pyqtgraph_has_the_same_namespace_as_an_ordinary_import() -> None:
    lazy = run_fresh("from gui.qt_names import import_pyqtgraph\nimport_pyqtgraph()\n" + NAMESPACE)
    assert lazy == run_fresh(NAMESPACE)


def test_a_second_import_is_an_ordinary_one() -> None:
    out = run_fresh(
        """
        import pyqtgraph  # imported the ordinary way first
        from gui.qt_names import import_pyqtgraph
        before = dict(vars(pyqtgraph.Qt.QtCore))
        assert import_pyqtgraph() is pyqtgraph
        assert dict(vars(pyqtgraph.Qt.QtCore)) == before
        assert "__getattr__" not in vars(pyqtgraph.Qt.QtCore)
        print("ok")
        """
    )
    assert out == "ok"


# --- a pyqtgraph that works differently: stand-in packages, first on the module path ---------
COPY_AS_PYQTGRAPH_DOES = """
def _copy_attrs(src, dst):
    for o in dir(src):
        if not hasattr(dst, o):
            setattr(dst, o, getattr(src, o))

for src, dst in ((PySide6.QtCore, QtCore), (PySide6.QtGui, QtGui), (PySide6.QtWidgets, QtWidgets)):
    _copy_attrs(src, dst)
"""

CHANGED = {
    # Copies a few names it needs, by name: never asks for the listing.
    "copies by name": """
for name in ("QObject", "QPointF"):
    setattr(QtCore, name, getattr(PySide6.QtCore, name))
""",
    # Relies on the copy having been made up front.
    "needs the names copied": COPY_AS_PYQTGRAPH_DOES
    + """
if "QObject" not in vars(QtCore):
    raise ImportError("this pyqtgraph needs its shims filled")
""",
    # Gives its shims a module __getattr__ of its own after the copy.
    "a __getattr__ of its own": COPY_AS_PYQTGRAPH_DOES
    + """
def __getattr__(name):
    raise AttributeError(name)

QtCore.__getattr__ = QtGui.__getattr__ = QtWidgets.__getattr__ = __getattr__
""",
}


def _fake_pyqtgraph(root: Path, qt_init: str) -> Path:
    package = root / "pyqtgraph"
    for shim in ("QtCore", "QtGui", "QtWidgets"):
        (package / "Qt" / shim).mkdir(parents=True)
        (package / "Qt" / shim / "__init__.py").write_text("")
    (package / "__init__.py").write_text(
        "import __main__\n__main__.runs += 1\nfrom .Qt import QtCore, QtGui, QtWidgets\n"
    )
    (package / "Qt" / "__init__.py").write_text(
        "import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets\n"
        "from . import QtCore, QtGui, QtWidgets\n" + qt_init
    )
    return root


@pytest.mark.parametrize("change", sorted(CHANGED))
def test_a_changed_pyqtgraph_is_imported_the_ordinary_way(tmp_path: Path, change: str) -> None:
    """Whatever the change, the result is what ``import pyqtgraph`` alone gives: the shims
    hold the names that pyqtgraph copied, as PySide6's objects, and PySide6's modules are
    left as they were."""
    code = """
        import sys
        runs = 0
        from PySide6 import QtCore, QtGui, QtWidgets
        listings = [vars(m).get("__dir__") for m in (QtCore, QtGui, QtWidgets)]
        from gui.qt_names import import_pyqtgraph
        pg = import_pyqtgraph()

        assert "site-packages" not in pg.__file__ and pg is sys.modules["pyqtgraph"]  # the stand-in
        assert pg.Qt.QtCore.QObject is QtCore.QObject and pg.Qt.QtCore.QPointF is QtCore.QPointF
        assert "QObject" in vars(pg.Qt.QtCore)  # copied, not fetched on demand
        assert [vars(m).get("__dir__") for m in (QtCore, QtGui, QtWidgets)] == listings
        print(runs, "__getattr__" in vars(pg.Qt.QtCore), "QPdfWriter" in vars(pg.Qt.QtGui))
    """
    # How many times pyqtgraph ran, whether its shim has a __getattr__ (its own only),
    # whether the whole of QtGui was copied.
    expected = {
        "copies by name": "1 False False",  # nothing to work around: one ordinary import
        "needs the names copied": "2 False True",  # failed with the workaround, then ordinary
        "a __getattr__ of its own": "2 True True",  # the shims did not answer: ordinary
    }
    assert run_fresh(code, path=_fake_pyqtgraph(tmp_path, CHANGED[change])) == expected[change]


def test_a_pyqtgraph_that_fails_to_import_raises_its_own_error(tmp_path: Path) -> None:
    root = _fake_pyqtgraph(tmp_path, 'raise ImportError("this pyqtgraph is broken")\n')
    out = run_fresh(
        """
        runs = 0
        from gui.qt_names import import_pyqtgraph
        from PySide6 import QtCore
        listing = vars(QtCore).get("__dir__")
        try:
            import_pyqtgraph()
        except ImportError as exc:
            print(runs, exc, vars(QtCore).get("__dir__") is listing)
        """,
        path=root,
    )
    assert out == "2 this pyqtgraph is broken True"
