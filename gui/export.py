"""Figures for slides: a whole view or one plot as PNG (1×/2×/3×) or SVG; a plot's data as CSV.

Pictures are rendered by Qt itself (QImage, QSvgGenerator): pyqtgraph's SVGExporter cannot parse
the SVG paths that current Qt writes, and one code path for views and plots keeps them alike.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QWidget


class ExportError(RuntimeError):
    """An export that could not be written; the message names the file and the reason."""


def export_widget(widget: QWidget, path: str | Path, scale: int = 1) -> None:
    """Render a widget (a view, or the whole window) to PNG at ``scale``× or to SVG."""
    p = Path(path)
    suffix = p.suffix.lower()
    size = widget.size()
    if suffix == ".png":
        image = QImage(size * scale, QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(scale)
        image.fill(widget.palette().window().color())
        painter = QPainter(image)
        try:
            QWidget.render(widget, painter, QPoint(0, 0))  # not QGraphicsView.render
        finally:
            painter.end()
        if not image.save(str(p), "PNG"):
            raise ExportError(f"could not write {p}")
    elif suffix == ".svg":
        gen = QSvgGenerator()
        gen.setFileName(str(p))
        gen.setSize(QSize(size))
        gen.setViewBox(QRect(0, 0, size.width(), size.height()))
        gen.setTitle("LossLab")
        painter = QPainter(gen)
        try:
            QWidget.render(widget, painter, QPoint(0, 0))  # not QGraphicsView.render
        finally:
            painter.end()
        if not p.exists():
            raise ExportError(f"could not write {p}")
    else:
        raise ExportError(f"export to .png or .svg, not {p.suffix or 'a file without extension'}")


def export_columns_csv(path: str | Path, columns: dict[str, np.ndarray]) -> None:
    """Named columns of equal length, in full precision."""
    table = np.column_stack(list(columns.values()))
    np.savetxt(path, table, delimiter=",", fmt="%.17g", header=",".join(columns), comments="")


def export_grid_csv(path: str | Path, x: np.ndarray, y: np.ndarray, values: np.ndarray) -> None:
    """A surface's numbers in full precision: first row the x values, first column y."""
    table = np.empty((len(y) + 1, len(x) + 1))
    table[0, 0] = np.nan
    table[0, 1:], table[1:, 0], table[1:, 1:] = x, y, values
    np.savetxt(path, table, delimiter=",", fmt="%.17g", header="y \\ x", comments="")
