"""Thousands of random user actions: no crash, no exception, no NaN anywhere on screen."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QSlider,
    QSpinBox,
    QTableWidget,
    QTabWidget,
)

from model.presets import PRESETS
from tests.gui.conftest import flush_deletes

ACTIONS = 2000


@pytest.mark.slow
def test_random_actions(window):
    rng = np.random.default_rng(20261126)
    tabs = window.findChild(QTabWidget, "viewTabs")

    def k() -> int:
        return window.state.k

    def combo(name: str) -> QComboBox:
        return window.findChild(QComboBox, name)

    def pick(c: QComboBox) -> None:
        if c.count() and c.isEnabled():
            c.setCurrentIndex(int(rng.integers(c.count())))

    def click_surface() -> None:
        names = ["ceLossSurface", "mseLossSurface", "ceGradSurface", "mseGradSurface"]
        w = window.findChild(pg.GraphicsLayoutWidget, names[int(rng.integers(4))])
        if w is None or not w.isVisible():  # built the first time the surfaces show
            return
        plot = w.ci.getItem(0, 0)
        xr, yr = plot.vb.viewRange()
        pt = QPointF(rng.uniform(*xr), rng.uniform(*yr))
        pos = w.mapFromScene(plot.vb.mapViewToScene(pt))
        QTest.mouseClick(
            w.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos
        )

    actions = [
        lambda: window.findChild(QDoubleSpinBox, f"logitSpin{rng.integers(k())}").setValue(
            float(rng.choice([rng.normal(0, 5), rng.uniform(-1000, 1000), 1000.0, -1000.0]))
        ),
        lambda: window.findChild(QSlider, f"logitSlider{rng.integers(k())}").setValue(
            int(rng.integers(-2000, 2001))
        ),
        lambda: window.findChild(QSpinBox, "classCountSpin").setValue(int(rng.integers(2, 21))),
        lambda: pick(combo("targetCombo")),
        lambda: pick(combo("ceUnitCombo")),
        lambda: pick(combo("mseReductionCombo")),
        lambda: pick(combo("xAxisCombo")),
        lambda: pick(combo("surfaceModeCombo")),
        lambda: pick(combo("competitorCombo")),
        lambda: window.findChild(QCheckBox, "logGradCheck").toggle(),
        lambda: window.findChild(QCheckBox, "logColourCheck").toggle(),
        lambda: tabs.setCurrentIndex(int(rng.integers(tabs.count()))),
        lambda: window.action_undo.trigger(),
        lambda: window.action_redo.trigger(),
        lambda: window.apply_preset(PRESETS[int(rng.integers(len(PRESETS)))].key, "preset"),
        lambda: window.findChild(
            QDoubleSpinBox, ["xMinSpin", "xMaxSpin", "yMinSpin", "yMaxSpin"][rng.integers(4)]
        ).setValue(float(rng.uniform(-60, 60))),
        lambda: window.findChild(QSpinBox, "resolutionSpin").setValue(int(rng.integers(11, 260))),
        click_surface,
    ]
    weights = np.array([8, 4, 1, 2, 1, 1, 1, 1, 1, 1, 1, 2, 2, 1, 1, 1, 0.5, 3], dtype=float)
    weights /= weights.sum()
    for i in range(ACTIONS):
        actions[int(rng.choice(len(actions), p=weights))]()
        QApplication.processEvents()
        if i % 50 == 0:
            flush_deletes()
        for name in ("ceLossLabel", "mseLossLabel"):
            text = window.findChild(QLabel, name).text().lower()
            assert "nan" not in text and "inf" not in text, (i, text)
        st = window.state
        assert all(math.isfinite(v) and abs(v) <= 1000 for v in st.logits)
        assert st.surface.competitor != st.target
    table = window.findChild(QTableWidget, "valueTable")
    assert table.rowCount() == window.state.k
    cells = [table.item(r, c).text() for r in range(table.rowCount()) for c in range(4)]
    assert not any("nan" in c.lower() for c in cells)
