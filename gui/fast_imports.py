"""Start-up: two import-time costs of PySide6 and pyqtgraph that LossLab does not need to pay.

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

Both are guarded: if a later PySide6 or pyqtgraph works differently, they change nothing.
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
        import pyqtgraph  # noqa: F401
    finally:
        for source, real_dir in saved.items():
            if real_dir is None:
                del source.__dir__  # type: ignore[attr-defined]
            else:
                source.__dir__ = real_dir  # type: ignore[attr-defined]
