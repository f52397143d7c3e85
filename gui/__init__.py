"""Qt widgets and plots (the model never imports this package)."""

from gui.code_cache import cached_compiles
from gui.fast_imports import import_pyqtgraph, quick_feature_check

# Before numpy, pyqtgraph and the views are imported: ~0.2 s less start-up (see fast_imports).
with cached_compiles():  # PySide6's first import compiles its support modules (code_cache)
    quick_feature_check()
import_pyqtgraph()
