"""Exports hold the plots, laid out as on screen, and nothing of the window (menus, tabs,
controls); an SVG's strokes have their real width whatever the renderer (no
``vector-effect: non-scaling-stroke`` under a scaling transform, which librsvg drew as bands)."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator, QSvgRenderer
from PySide6.QtWidgets import QApplication, QWidget

from gui.export import bake_cosmetic_strokes

SVG = "{http://www.w3.org/2000/svg}"
MENU_WORDS = {"File", "Edit", "Presets", "View", "Help", "Overview", "Surfaces", "Logits"}
WIDEST_PEN = 4.5  # the halo under the "barely learns" outline, the widest pen a view draws


@pytest.fixture(params=["overview", "surfaces"])
def view(request, window):
    window.resize(1280, 800)
    window.set_view(request.param)
    for _ in range(3):
        QApplication.processEvents()
    return window.findChild(QWidget, f"{request.param}View")


def plot_rects(view: QWidget) -> list[QRect]:
    """Where the view's plots are on screen, in the view's coordinates (computed here)."""
    return [
        QRect(p.mapTo(view, QPoint(0, 0)), p.size())
        for p in view.findChildren(pg.GraphicsView)
        if p.isVisible()
    ]


def effective_stroke_widths(root: ET.Element) -> list[float]:
    """Each stroked shape's stroke width in the picture's coordinates for a renderer that
    knows no vector-effect: the inherited width times the scale of every enclosing transform."""
    widths: list[float] = []

    def walk(e: ET.Element, scale: float, width: float, stroked: bool) -> None:
        t = e.get("transform")
        if t:
            a, b, c, d, *_ = (float(v) for v in re.findall(r"[-+0-9.eE]+", t))
            scale *= math.sqrt(abs(a * d - b * c))
        width = float(e.get("stroke-width", width))
        stroked = e.get("stroke", "none" if not stroked else "x") != "none"
        if stroked and e.tag[len(SVG) :] in ("path", "polyline", "polygon", "line", "rect"):
            widths.append(width * scale)
        for child in e:
            walk(child, scale, width, stroked)

    walk(root, 1.0, 1.0, False)
    return widths


def test_an_svg_export_is_the_plots_with_true_stroke_widths(window, view, tmp_path):
    path = tmp_path / "view.svg"
    window.export(path)
    text = path.read_text()
    assert "non-scaling-stroke" not in text
    root = ET.fromstring(text)  # well-formed
    area = QRect()
    for r in plot_rects(view):
        area = area.united(r)
    assert [float(v) for v in root.get("viewBox").split()] == [0, 0, area.width(), area.height()]
    words = {t.strip() for e in root.iter(f"{SVG}text") for t in e.itertext() if t.strip()}
    assert words, "no text at all (titles, tick labels)"
    assert not (words & MENU_WORDS), words & MENU_WORDS  # no menu bar, no tab bar
    widths = effective_stroke_widths(root)
    assert len(widths) > 50
    assert max(widths) <= WIDEST_PEN + 0.01, sorted(widths)[-5:]


def test_a_png_export_is_the_plot_area_as_on_screen(window, view, tmp_path):
    rects = plot_rects(view)
    area = QRect()
    for r in rects:
        area = area.united(r)
    for scale in (1, 2):
        path = tmp_path / f"view{scale}.png"
        window.export(path, scale=scale)
        image = QImage(str(path))
        assert (image.width(), image.height()) == (scale * area.width(), scale * area.height())
        assert image.size() != window.size() * scale and image.size() != view.size() * scale
    # Each plot sits where it is on screen relative to the others, drawn as it is on screen
    image = QImage(str(tmp_path / "view1.png")).convertToFormat(QImage.Format.Format_RGB32)
    for plot, r in zip(
        [p for p in view.findChildren(pg.GraphicsView) if p.isVisible()], rects, strict=True
    ):
        shown = plot.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        part = image.copy(r.translated(-area.topLeft()))
        assert rgb(part).shape == rgb(shown).shape
        assert np.mean(np.abs(rgb(part) - rgb(shown)) > 24) < 0.002, plot.objectName()


def rgb(image: QImage) -> np.ndarray:
    h, w, row = image.height(), image.width(), image.bytesPerLine() // 4
    words = np.frombuffer(image.constBits(), np.uint32, count=h * row).reshape(h, row)[:, :w]
    return np.stack([(words >> s) & 255 for s in (16, 8, 0)], axis=-1).astype(int)


def test_baking_the_strokes_keeps_the_drawing(window, view):
    """Qt's own renderer honours vector-effect: the SVG before and after the rewrite must look
    the same to it (the rewrite only moves transforms into coordinates)."""
    plot = next(p for p in view.findChildren(pg.GraphicsView) if p.isVisible())
    raw = QByteArray()
    buffer = QBuffer(raw)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buffer)
    gen.setSize(plot.size())
    gen.setViewBox(QRect(QPoint(0, 0), plot.size()))
    painter = QPainter(gen)
    QWidget.render(plot, painter, QPoint(0, 0))
    painter.end()
    before = bytes(raw.data())
    after = bake_cosmetic_strokes(before)
    assert b"non-scaling-stroke" in before and b"non-scaling-stroke" not in after
    images = []
    for data in (before, after):
        image = QImage(plot.size(), QImage.Format.Format_RGB32)
        image.fill(0)
        p = QPainter(image)
        QSvgRenderer(QByteArray(data)).render(p, QRectF(0, 0, plot.width(), plot.height()))
        p.end()
        images.append(rgb(image))
    differ = np.abs(images[0] - images[1]).max(axis=-1) > 40
    assert differ.mean() < 0.002, differ.mean()
    assert len(np.unique(images[1].reshape(-1, 3), axis=0)) > 100  # a drawing, not a blank


def test_one_plot_exports_alone(window, tmp_path):
    window.resize(1280, 800)
    window.set_view("surfaces")
    QApplication.processEvents()
    plot = window.findChild(pg.GraphicsView, "mseGradSurface")
    svg, png = tmp_path / "one.svg", tmp_path / "one.png"
    window.export(svg, plot_name="mseGradSurface")
    window.export(png, plot_name="mseGradSurface", scale=3)
    root = ET.parse(svg).getroot()
    assert [float(v) for v in root.get("viewBox").split()] == [0, 0, plot.width(), plot.height()]
    assert max(effective_stroke_widths(root)) <= WIDEST_PEN + 0.01
    assert QImage(str(png)).size() == plot.size() * 3
