"""Start-up: three import-time costs of PySide6 and pyqtgraph that LossLab does not need to pay.

1. PySide6 hooks every import made after its own, to learn whether the new module mentions
   "PySide6" (for its opt-in ``__feature__`` switches): ``inspect.getsource`` on each of the
   ~330 modules LossLab's start imports, ~60 ms. ``quick_feature_check`` answers the same
   question by searching the file's bytes.
2. ``pyqtgraph.Qt`` copies every name of ``QtCore``, ``QtGui`` and ``QtWidgets`` into its own
   shim modules (``_copy_attrs``: ``for o in dir(src): setattr(dst, o, getattr(src, o))``).
   PySide6 creates its classes lazily, on first access, so that loop builds all of them and ~650
   Python enums: ~0.1-0.2 s, for classes the app never touches. ``import_pyqtgraph`` has the
   three modules list no names to that loop while pyqtgraph imports, and gives each shim a
   module ``__getattr__`` (PEP 562) that fetches a name from PySide6 on first use and keeps it.
   Every name still resolves to the same PySide6 object.
3. ``pyqtgraph/__init__.py`` imports every module it has, among them some that bring whole
   subsystems LossLab never uses: the parameter tree (ColorMapWidget, DataFilterWidget,
   ScatterPlotWidget), the multiprocess machinery (RemoteGraphicsView), ImageView, and ~30
   items and widgets of no use here: ~85 modules, ~55 ms. While pyqtgraph imports, those leaf
   modules are stood in for by empty ones; afterwards the stand-ins are gone, and pyqtgraph's
   module ``__getattr__`` imports the real ones the first time one of their names is asked for
   (``pg.ImageView``), as a plain ``import pyqtgraph.imageview`` does.

All are guarded: if a later PySide6 or pyqtgraph works differently, they change nothing (the
third falls back to pyqtgraph's ordinary import).
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Callable
from types import ModuleType

_SHIM_PREFIX = "pyqtgraph.Qt."
# Leaf modules that pyqtgraph's __init__ imports for its namespace only: no module LossLab
# uses imports them (a test checks it, and the import falls back if one ever does). Some pull
# in whole subsystems: the parameter tree, multiprocess, ImageView's ROI tools.
DEFERRED = tuple(
    f"pyqtgraph.{name}"
    for name in (
        "graphicsItems.BoxplotItem",
        "graphicsItems.CurvePoint",
        "graphicsItems.DateAxisItem",
        "graphicsItems.ErrorBarItem",
        "graphicsItems.FillBetweenItem",
        "graphicsItems.GradientLegend",
        "graphicsItems.GraphItem",
        "graphicsItems.IsocurveItem",
        "graphicsItems.PColorMeshItem",
        "graphicsItems.ScaleBar",
        "graphicsItems.TargetItem",
        "graphicsItems.VTickGroup",
        "imageview",
        "widgets.BusyCursor",
        "widgets.CheckTable",
        "widgets.ColorButton",
        "widgets.ColorMapWidget",
        "widgets.ComboBox",
        "widgets.DataFilterWidget",
        "widgets.DataTreeWidget",
        "widgets.DiffTreeWidget",
        "widgets.FeedbackButton",
        "widgets.GradientWidget",
        "widgets.HistogramLUTWidget",
        "widgets.JoystickButton",
        "widgets.LayoutWidget",
        "widgets.ProgressDialog",
        "widgets.RawImageWidget",
        "widgets.RemoteGraphicsView",
        "widgets.ScatterPlotWidget",
        "widgets.TableWidget",
        "widgets.TreeWidget",
        "widgets.ValueLabel",
        "widgets.VerticalLabel",
    )
)
_BY_NAME = {"RemoteGraphicsView"}  # imported from a deferred module by name, not with "*"


def _forwarder(shim: ModuleType, source: ModuleType) -> Callable[[str], object]:
    def __getattr__(name: str) -> object:
        value = getattr(source, name)  # AttributeError names PySide6's module, as it should
        setattr(shim, name, value)  # the next lookup is a plain module attribute
        return value

    return __getattr__


def _mentions_pyside(module: ModuleType) -> bool:
    """What ``shibokensupport.feature._mod_uses_pyside`` decides with ``inspect.getsource``:
    does the module's Python source contain "PySide6"? Modules without a .py file: no."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as fh:
            return b"PySide6" in fh.read()
    except OSError:
        return False


def quick_feature_check() -> None:
    """Replace PySide6's per-import source check with the byte search above."""
    import PySide6.QtCore  # noqa: F401  (installs the import hook being sped up)

    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _mentions_pyside  # type: ignore[attr-defined]


def import_pyqtgraph() -> None:
    """Import pyqtgraph with the Qt names resolved on demand (a no-op once it is imported)."""
    if "pyqtgraph" in sys.modules:
        return
    from PySide6 import QtCore, QtGui, QtWidgets

    saved: dict[ModuleType, object] = {}
    for source in (QtCore, QtGui, QtWidgets):
        shim_name = _SHIM_PREFIX + source.__name__.rsplit(".", 1)[1]
        real_dir = vars(source).get("__dir__")
        saved[source] = real_dir

        def listing(
            source: ModuleType = source, shim_name: str = shim_name, real_dir: object = real_dir
        ) -> list[str]:
            shim = sys.modules.get(shim_name)
            if shim is not None and "__getattr__" not in vars(shim):
                shim.__getattr__ = _forwarder(shim, source)  # type: ignore[attr-defined]
                return []  # pyqtgraph's copy loop: nothing to copy up front
            if callable(real_dir):
                return list(real_dir())
            return sorted(vars(source))

        source.__dir__ = listing  # type: ignore[attr-defined]
    try:
        _import_without_deferred()
    finally:
        for source, real_dir in saved.items():
            if real_dir is None:
                del source.__dir__  # type: ignore[attr-defined]
            else:
                source.__dir__ = real_dir  # type: ignore[attr-defined]


class _Placeholder:
    """What a stand-in module gives for a name imported from it by name."""


class _StandIns(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Empty modules in place of DEFERRED while pyqtgraph's __init__ runs."""

    def __init__(self) -> None:
        self.made: set[int] = set()  # ids of the stand-in modules

    def find_spec(
        self, name: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        return importlib.machinery.ModuleSpec(name, self) if name in DEFERRED else None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None  # the default module object

    def exec_module(self, module: ModuleType) -> None:
        self.made.add(id(module))
        module.__all__ = []  # type: ignore[attr-defined]  # "from … import *" takes nothing
        module.__getattr__ = _stand_in_getattr  # type: ignore[attr-defined]


def _stand_in_getattr(name: str) -> object:
    # Only the name pyqtgraph's __init__ takes; any other module asking a stand-in for a name
    # fails its import, and pyqtgraph is then imported the ordinary way.
    if name in _BY_NAME:
        return _Placeholder
    raise AttributeError(name)


def _import_without_deferred() -> None:
    finder = _StandIns()
    sys.meta_path.insert(0, finder)
    try:
        import pyqtgraph
    except Exception:
        # A pyqtgraph whose own modules need a deferred one: import it the ordinary way.
        sys.meta_path.remove(finder)
        _forget_pyqtgraph()
        import pyqtgraph

        return
    finally:
        if finder in sys.meta_path:
            sys.meta_path.remove(finder)
    for name in DEFERRED:  # the stand-ins go: a later import gets the real module
        sys.modules.pop(name, None)
        parent, _, leaf = name.rpartition(".")
        package = sys.modules.get(parent)
        if package is not None and leaf in vars(package):
            delattr(package, leaf)
    for name in [n for n, v in vars(pyqtgraph).items() if v is _Placeholder]:
        delattr(pyqtgraph, name)
    if _holds_stand_in(finder.made):
        # A module kept a stand-in ("from pyqtgraph.widgets import ComboBox"): it would fail
        # when used. Import pyqtgraph the ordinary way instead.
        _forget_pyqtgraph()
        import pyqtgraph
    else:
        pyqtgraph.__getattr__ = _deferred_getattr  # type: ignore[attr-defined]


def _forget_pyqtgraph() -> None:
    for name in [n for n in sys.modules if n == "pyqtgraph" or n.startswith("pyqtgraph.")]:
        del sys.modules[name]


def _holds_stand_in(made: set[int]) -> bool:
    return any(
        id(value) in made
        for name, module in list(sys.modules.items())
        if name.startswith("pyqtgraph")
        for value in list(vars(module).values())
    )


def _deferred_getattr(name: str) -> object:
    """pyqtgraph's namespace as its __init__ builds it, completed on first use."""
    pyqtgraph = sys.modules["pyqtgraph"]
    missing = AttributeError(f"module 'pyqtgraph' has no attribute {name!r}")
    if name.startswith("__"):  # dunder probes (copy, pickle, pytest) must not import
        raise missing
    if f"pyqtgraph.{name}" in DEFERRED:  # a deferred subpackage itself (imageview)
        return importlib.import_module(f"pyqtgraph.{name}")
    if importlib.util.find_spec(f"pyqtgraph.{name}") is not None:
        raise missing  # a submodule not imported yet ("from pyqtgraph import x"): the
        # import system imports it once the attribute is found missing
    del pyqtgraph.__getattr__  # type: ignore[attr-defined]  # once: then plain attributes
    for module_name in DEFERRED:
        module = importlib.import_module(module_name)
        public = getattr(module, "__all__", None)
        if public is None:
            public = [n for n in vars(module) if not n.startswith("_")]
        for attr in public:
            if not hasattr(pyqtgraph, attr):
                setattr(pyqtgraph, attr, getattr(module, attr))
    # Imported by name in pyqtgraph's __init__ rather than with "*".
    from pyqtgraph.widgets.RemoteGraphicsView import RemoteGraphicsView

    pyqtgraph.RemoteGraphicsView = RemoteGraphicsView  # type: ignore[attr-defined]
    return getattr(pyqtgraph, name)
