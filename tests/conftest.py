"""Shared test set-up: Qt's offscreen platform (fast, no display), isolated settings."""

from __future__ import annotations

import os

import pytest

# Before any Qt import: the offscreen platform, unless a test run asks for a real display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")


@pytest.fixture(scope="session")
def qapp_cls() -> type:
    """pytest-qt's application class, asked for just before it builds the one QApplication of
    the run: the app's own attributes go in first (Qt reads them only before the app exists),
    so tests run with the set-up a launch has."""
    from PySide6.QtWidgets import QApplication

    from gui.app import set_attributes

    set_attributes()
    return QApplication


@pytest.fixture(autouse=True)
def _fresh_race_cache() -> None:
    """Each test starts with no races computed: the model's small race cache is process-wide,
    and a race an earlier test computed (a report, say) would otherwise show its paths on a
    later test's surfaces at once."""
    from model import race

    race.clear_cache()
