"""Import pyqtgraph without making PySide6 build every Qt class up front.

``pyqtgraph.Qt`` copies every name of ``QtCore``, ``QtGui`` and ``QtWidgets`` into its own shim
modules (``_copy_attrs``: ``for o in dir(src): setattr(dst, o, getattr(src, o))``). PySide6
creates its classes lazily, on first access, so that loop builds all of them and ~650 Python
enums: about 0.2 s of LossLab's 0.9 s start-up, for classes the app never touches.

While pyqtgraph imports, each of the three modules lists no names to pyqtgraph's loop; its shim
gets a module ``__getattr__`` (PEP 562) instead, which fetches a name from PySide6 on first use
and keeps it. Every name still resolves to the same PySide6 object. If pyqtgraph ever stops
copying this way, the hook is never called and nothing changes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

_SHIM_PREFIX = "pyqtgraph.Qt."


def _forwarder(shim: ModuleType, source: ModuleType) -> Callable[[str], object]:
    def __getattr__(name: str) -> object:
        value = getattr(source, name)  # AttributeError names PySide6's module, as it should
        setattr(shim, name, value)  # the next lookup is a plain module attribute
        return value

    return __getattr__


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
        import pyqtgraph  # noqa: F401
    finally:
        for source, real_dir in saved.items():
            if real_dir is None:
                del source.__dir__  # type: ignore[attr-defined]
            else:
                source.__dir__ = real_dir  # type: ignore[attr-defined]
