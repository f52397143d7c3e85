"""Qt widgets and plots (the model never imports this package)."""

from gui.fast_imports import import_pyqtgraph, quick_feature_check

# Before numpy, pyqtgraph and the views are imported: ~0.2 s less start-up (see fast_imports).
quick_feature_check()
import_pyqtgraph()
