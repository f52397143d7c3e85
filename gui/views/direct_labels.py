"""Direct labels at curves: "CE" and "MSE" written beside their lines, so that no reader has to
match a colour to a legend (WCAG 1.4.1: never by hue alone; dashes tell them apart too)."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray
from PySide6.QtGui import QFontMetricsF

from gui import theme
from gui.theme import Series
from gui.views.fast_items import ValueLabels, pixel_size
from gui.views.lean_plot import LeanPlot


class SeriesLabels:
    """One bold label per series, in the series' text colour, at a point of its curve."""

    def __init__(self, plot: LeanPlot, texts: dict[Series, str]) -> None:
        self.texts = dict(texts)
        self.items: dict[Series, ValueLabels] = {}
        for series in texts:
            item = ValueLabels(theme.series_text(series), theme.plot_font(bold=True))
            plot.vb.addItem(item, ignoreBounds=True)
            item.setZValue(5)
            self.items[series] = item

    def apply_theme(self) -> None:
        font = theme.plot_font(bold=True)
        for series, item in self.items.items():
            item.set_style(theme.series_text(series), font)

    def place(
        self, x: NDArray[np.float64], ys: dict[Series, NDArray[np.float64]], at: float = 0.1
    ) -> None:
        """Each label at its curve, ``at`` of the way across the x axis's span; the highest
        curve's label above its line, the others below theirs, so that two close curves'
        labels do not overlap."""
        n = len(x)
        if n == 0:
            for item in self.items.values():
                item.set_labels([])
            return
        # ``at`` of the axis's span, not of the samples: on an s_p axis the samples crowd
        # near 0, where the labels would sit on the axis.
        lo, hi = float(np.nanmin(x)), float(np.nanmax(x))
        i = int(np.nanargmin(np.abs(x - (lo + at * (hi - lo)))))
        finite = {s: float(y[i]) for s, y in ys.items() if s in self.items and math.isfinite(y[i])}
        top: Series | None = None
        for s, v in finite.items():
            if top is None or v > finite[top]:
                top = s
        for series, item in self.items.items():
            if series not in finite:
                item.set_labels([])
                continue
            y = finite[series]
            below = series != top
            room = self._room(item)
            if room is not None:  # flipped where the text would leave the data area
                (lo, hi), tall = room
                if not below and y + tall > hi:
                    below = True
                elif below and y - tall < lo:
                    below = False
            item.set_below(below)
            item.set_labels([(float(x[i]), y, self.texts[series])])

    @staticmethod
    def _room(item: ValueLabels) -> tuple[tuple[float, float], float] | None:
        """The view's y range and a label's height, in data units (None: not in a view)."""
        box = item.getViewBox()
        pixel = pixel_size(item)
        if box is None or pixel is None:
            return None
        lo, hi = box.viewRange()[1]
        return (lo, hi), (QFontMetricsF(theme.plot_font(bold=True)).height() + 10) * pixel[1]
