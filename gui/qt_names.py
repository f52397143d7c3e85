"""A start-up workaround: pyqtgraph's Qt shim modules filled on demand, not all at import.

``pyqtgraph.Qt`` keeps its own ``QtCore``, ``QtGui`` and ``QtWidgets`` modules and fills them,
as it is imported, with every name of PySide6's (``_copy_attrs``: ``for o in dir(src):
setattr(dst, o, getattr(src, o))``). PySide6 creates its classes and enums lazily, on first
access, so that loop builds all of them, for classes the app never uses. ``import_pyqtgraph``
has PySide6's three modules list no names to that loop while pyqtgraph imports, and gives each
shim a module ``__getattr__`` (PEP 562) that fetches a name from PySide6 on first use and keeps
it: every name still resolves to PySide6's own object.

The launch and the headless export call it before anything imports pyqtgraph (main.py; the
README's "Workaround" paragraph); any other import of pyqtgraph (tests, a script) is the
ordinary one. If pyqtgraph changes so that this does not apply, the import is the ordinary one
too: a pyqtgraph that never asks for the listing copies the names itself, and one that fails
to import with it, or whose shims then do not give PySide6's objects, is imported again without.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from types import ModuleType

SHIM_PREFIX = "pyqtgraph.Qt."


def _forwarder(shim: ModuleType, source: ModuleType) -> Callable[[str], object]:
    def __getattr__(name: str) -> object:
        value = getattr(source, name)  # AttributeError names PySide6's module, as it should
        setattr(shim, name, value)  # the next lookup is a plain module attribute
        return value

    return __getattr__


def _lister(shim: ModuleType, source: ModuleType) -> Callable[[], list[str]]:
    def __dir__() -> list[str]:  # dir() of a shim lists what the copy would have held
        return sorted(set(vars(shim)) | set(dir(source)))

    return __dir__


def import_pyqtgraph() -> ModuleType:
    """pyqtgraph, imported with its Qt names resolved on demand (the ordinary import if it is
    already imported, or if the workaround does not fit this pyqtgraph)."""
    if "pyqtgraph" in sys.modules:
        return importlib.import_module("pyqtgraph")
    from PySide6 import QtCore, QtGui, QtWidgets

    sources = (QtCore, QtGui, QtWidgets)
    saved = {source: vars(source).get("__dir__") for source in sources}
    lazy: list[tuple[ModuleType, ModuleType]] = []
    for source in sources:
        shim_name = SHIM_PREFIX + source.__name__.rpartition(".")[2]
        real_dir = saved[source]

        def listing(
            source: ModuleType = source, shim_name: str = shim_name, real_dir: object = real_dir
        ) -> list[str]:
            shim = sys.modules.get(shim_name)
            if shim is not None and not hasattr(shim, "__getattr__"):
                vars(shim)["__getattr__"] = _forwarder(shim, source)
                vars(shim)["__dir__"] = _lister(shim, source)
                lazy.append((shim, source))
                return []  # pyqtgraph's copy loop: nothing to copy up front
            return list(real_dir()) if callable(real_dir) else sorted(vars(source))

        vars(source)["__dir__"] = listing
    pyqtgraph: ModuleType | None
    try:
        pyqtgraph = importlib.import_module("pyqtgraph")
    except Exception:
        pyqtgraph = None
    finally:
        for source, real_dir in saved.items():
            if real_dir is None:
                del vars(source)["__dir__"]
            else:
                vars(source)["__dir__"] = real_dir
    if pyqtgraph is not None and all(_answers_for(shim, source) for shim, source in lazy):
        return pyqtgraph
    # The workaround does not fit this pyqtgraph: import it the ordinary way (an error of
    # pyqtgraph's own is raised from here, as a plain import would raise it).
    for name in [n for n in sys.modules if n == "pyqtgraph" or n.startswith("pyqtgraph.")]:
        del sys.modules[name]
    return importlib.import_module("pyqtgraph")


def _answers_for(shim: ModuleType, source: ModuleType) -> bool:
    """Does the shim give PySide6's object for a name the import did not copy? (One name a
    module: fetching more would build what the workaround saves.)"""
    probe = {"QtCore": "QObject", "QtGui": "QColor", "QtWidgets": "QWidget"}
    name = probe.get(source.__name__.rpartition(".")[2])
    try:
        return name is not None and getattr(shim, name) is getattr(source, name)
    except AttributeError:
        return False
