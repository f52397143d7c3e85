"""Qt widgets and plots (the model never imports this package)."""

from gui.lazy_qt_names import import_pyqtgraph

# Before any view module imports pyqtgraph: ~0.2 s less start-up (see lazy_qt_names).
import_pyqtgraph()
