"""Direct labels at curves: "CE" and "MSE" written beside their lines, so that no reader has to
match a colour to a legend (WCAG 1.4.1: never by hue alone; dashes tell them apart too)."""

from __future__ import annotations

import itertools
import math

import numpy as np
from numpy.typing import NDArray

from gui import theme
from gui.theme import Series
from gui.views.fast_items import ValueLabels
from gui.views.lean_plot import LeanPlot

AT, FARTHER, NEAR = 0.1, 0.35, 0.08  # fractions of the x axis's span


class SeriesLabels:
    """One bold label per series, in the series' text colour, at a point of its curve; all of a
    plot's labels are one item (one measurement of the view's scale per update)."""

    def __init__(self, plot: LeanPlot, texts: dict[Series, str]) -> None:
        self.texts = dict(texts)
        self.item = ValueLabels(theme.colour("axis_text"), theme.plot_font(bold=True))
        plot.vb.addItem(self.item, ignoreBounds=True)
        self.item.setZValue(5)
        self._placed: tuple[tuple[Series, float, float], ...] = ()
        self._curves: tuple[NDArray[np.float64], dict[Series, NDArray[np.float64]]] | None = None
        self._avoid: float | None = None  # the current point's x: no label over its markers
        self._at = AT
        # Which side of its line a label goes depends on the view's range and size: shown again
        # when either changes (a new K's curves come before their new range, a first layout
        # after them: a label stayed where the old range had room, cut off at the bottom).
        plot.vb.sigTransformChanged.connect(self._reshow)

    def apply_theme(self) -> None:
        self.item.set_style(theme.colour("axis_text"), theme.plot_font(bold=True))
        # Placed again at the curves shown: a new look (lecture mode) left them unlabelled
        # until the next edit.
        if self._curves is not None:
            self.place(*self._curves)
        else:
            self._placed = ()
            self._show()

    def avoid(self, x: float | None) -> None:
        """Keep the labels off the current point at ``x`` (cheap: they move only when the
        point comes near, or leaves, their place)."""
        self._avoid = x
        if self._curves is not None and self._slot() != self._at:
            self.place(*self._curves)

    def _slot(self) -> float:
        """AT of the x span, or FARTHER where the current point is within NEAR of it."""
        if self._curves is None or self._avoid is None:
            return AT
        x = self._curves[0]
        lo, hi = float(x[0]), float(x[-1])
        span = (hi - lo) or 1.0
        return FARTHER if abs(self._avoid - (lo + AT * span)) < NEAR * span else AT

    def place(self, x: NDArray[np.float64], ys: dict[Series, NDArray[np.float64]]) -> None:
        """Each label at its curve, a tenth of the way across the x axis's span (farther where
        the current point is); the highest curve's label above its line, the others below
        theirs, so that two close curves' labels do not overlap; a label that would leave the
        data area goes to its curve's other side."""
        self._curves = (x, ys) if len(x) else None
        at = self._at = self._slot()
        if len(x) == 0:
            self._placed = ()
            self.item.set_labels([])
            return
        # ``at`` of the axis's span, not of the samples: on an s_p axis the samples crowd
        # near 0, where the labels would sit on the axis. (x rises: z_p, or s_p along it.)
        lo, hi = float(x[0]), float(x[-1])
        i = min(int(np.searchsorted(x, lo + at * (hi - lo))), len(x) - 1)
        points = tuple(
            (s, float(x[i]), float(y[i]))
            for s, y in ys.items()
            if s in self.texts and math.isfinite(y[i])
        )
        self._placed = points
        self._show()

    def _reshow(self, _box: object = None) -> None:
        if self._placed:
            self._show()

    def _show(self) -> None:
        points = self._placed
        if not points:
            self.item.set_labels([])
            return
        top = max(points, key=lambda p: p[2])[0]
        pixel = self.item.view_pixel()
        box = self.item.getViewBox()
        room = None
        if pixel is not None and box is not None:
            y_lo, y_hi = box.viewRange()[1]
            room = (y_lo, y_hi, (self.item.text_height() + 2.0) * pixel[1])
        labels: list[tuple[float, float, str]] = []
        looks: list[tuple[str, bool]] = []
        for series, px, py in points:
            below = series != top
            if room is not None:  # flipped where the text would leave the data area
                y_lo, y_hi, tall = room
                if not below and py + tall > y_hi:
                    below = True
                elif below and py - tall < y_lo:
                    below = False
            labels.append((px, py, self.texts[series]))
            looks.append((theme.series_text(series), below))
        if pixel is not None:
            line = (self.item.text_height() - 2.0 * ValueLabels.MARGIN + 2.0) * pixel[1]
            labels = stacked(labels, [below for _colour, below in looks], line)
        self.item.set_labels(labels, looks, pixel)


def stacked(
    labels: list[tuple[float, float, str]], below: list[bool], line: float
) -> list[tuple[float, float, str]]:
    """Labels at one x that went to the same side of their points, moved apart to at least
    ``line`` (a text's height, in data units): above their points, each higher one at least a
    line above the one below it; below them, each lower one a line under the one above. (Two
    close curves near the bottom of a small plot both had their labels flipped above their
    lines, "CE" over "MSE".)"""
    ys = [y for _x, y, _text in labels]
    for side in (False, True):
        order = sorted((i for i, b in enumerate(below) if b == side), key=lambda i: ys[i])
        if side:
            order.reverse()  # below: from the top down
        for a, b in itertools.pairwise(order):
            ys[b] = max(ys[b], ys[a] + line) if not side else min(ys[b], ys[a] - line)
    return [(x, y, text) for (x, _old, text), y in zip(labels, ys, strict=True)]
