"""Figures for slides: a whole view or one plot as PNG (1×/2×/3×) or SVG; a plot's data as CSV."""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters as pg_exporters
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
            widget.render(painter, QPoint(0, 0))
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
            widget.render(painter, QPoint(0, 0))
        finally:
            painter.end()
        if not p.exists():
            raise ExportError(f"could not write {p}")
    else:
        raise ExportError(f"export to .png or .svg, not {p.suffix or 'a file without extension'}")


def export_plot(plot: pg.PlotItem, path: str | Path, scale: int = 1) -> None:
    """One plot through pyqtgraph's exporters: PNG, SVG, or its curves' numbers as CSV."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".png":
        exporter = pg_exporters.ImageExporter(plot)
        width = int(plot.sceneBoundingRect().width() * scale)
        exporter.parameters()["width"] = max(width, 16)
    elif suffix == ".svg":
        exporter = pg_exporters.SVGExporter(plot)
    elif suffix == ".csv":
        exporter = pg_exporters.CSVExporter(plot)
    else:
        raise ExportError(f"export a plot to .png, .svg or .csv, not {p.suffix or 'no extension'}")
    exporter.export(str(p))
    if not p.exists():
        raise ExportError(f"could not write {p}")
