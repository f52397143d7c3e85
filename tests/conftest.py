"""Shared test set-up: Qt's offscreen platform (fast, no display), isolated settings."""

from __future__ import annotations

import os

# Before any Qt import: the offscreen platform, unless a test run asks for a real display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
