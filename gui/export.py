"""Figures for slides: a view's plots or one plot as PNG (1×/2×/3×) or SVG; a plot's data as CSV.

Only plots are exported, never the window around them (menus, tabs, controls): a view's
export is its plots laid out as on screen. Pictures are rendered by Qt itself (QImage,
QSvgGenerator): pyqtgraph's SVGExporter cannot parse the SVG paths that current Qt writes, and
one code path for views and plots keeps them alike.

Qt writes a cosmetic pen (a width in pixels, whatever the scale) as ``vector-effect:
non-scaling-stroke`` inside a group that carries the data's transform. librsvg ignores the
effect and scales the stroke with the data (a contour line 1 px wide became a band 19 px wide);
so the SVG is rewritten with those transforms applied to the coordinates instead, and every
stroke has its real width in the picture's own coordinates, in every renderer.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QWidget

from gui import theme

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
NON_SCALING = "non-scaling-stroke"
KAPPA = 0.5522847498307936  # a quarter circle's cubic Bézier handle, as a fraction of r
Matrix = tuple[float, float, float, float, float, float]  # SVG's matrix(a, b, c, d, e, f)

BACKGROUNDS = ("theme", "white", "transparent")

ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)


class ExportError(RuntimeError):
    """An export that could not be written; the message names the file and the reason."""


def plots_of(view: QWidget) -> list[QWidget]:
    """The plots a view shows, in reading order."""
    plots = [p for p in view.findChildren(pg.GraphicsView) if p.isVisible()]
    return sorted(plots, key=lambda p: (_offset(p, view).y(), _offset(p, view).x()))


def _offset(widget: QWidget, view: QWidget) -> QPoint:
    return widget.mapTo(view, QPoint(0, 0))


def plot_area(view: QWidget) -> QRect:
    """The rectangle of ``view`` that its plots cover (what a view's export shows)."""
    area = QRect()
    for plot in plots_of(view):
        area = area.united(QRect(_offset(plot, view), plot.size()))
    return area


def background_colour(background: str) -> QColor:
    """An export's background: the current profile's plots' own, white, or none at all."""
    if background == "theme":
        return QColor(theme.current().background)
    if background == "white":
        return QColor(Qt.GlobalColor.white)
    if background == "transparent":
        return QColor(0, 0, 0, 0)
    raise ExportError(f"background: one of {', '.join(BACKGROUNDS)}, not {background!r}")


def export_view(view: QWidget, path: str | Path, scale: int = 1, background: str = "theme") -> None:
    """A view's plots, laid out as on screen, to PNG at ``scale``× or to SVG, on
    ``background`` (one of BACKGROUNDS)."""
    plots = plots_of(view)
    if not plots:
        raise ExportError("this view has no plot to export")
    area = plot_area(view)
    placed = [(plot, _offset(plot, view) - area.topLeft()) for plot in plots]
    _export(placed, area.size(), path, scale, background)


def export_widget(
    widget: QWidget, path: str | Path, scale: int = 1, background: str = "theme"
) -> None:
    """One plot (or any widget) alone, to PNG at ``scale``× or to SVG, on ``background``."""
    _export([(widget, QPoint(0, 0))], widget.size(), path, scale, background)


@contextmanager
def _plot_backgrounds(placed: Sequence[tuple[QWidget, QPoint]], colour: QColor) -> Iterator[None]:
    """Every plot drawn on ``colour`` for the time of the export, then as it was."""
    plots: list[pg.GraphicsView] = []
    for widget, _at in placed:
        if isinstance(widget, pg.GraphicsView):
            plots.append(widget)
        plots += widget.findChildren(pg.GraphicsView)
    saved = [QBrush(plot.backgroundBrush()) for plot in plots]
    try:
        for plot in plots:
            plot.setBackground(QBrush(colour))
        yield
    finally:
        for plot, brush in zip(plots, saved, strict=True):
            plot.setBackground(brush)


def _export(
    placed: Sequence[tuple[QWidget, QPoint]],
    size: QSize,
    path: str | Path,
    scale: int,
    background: str,
) -> None:
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ExportError(f"export to .png or .svg, not {p.suffix or 'a file without extension'}")
    colour = background_colour(background)
    if suffix == ".png":
        image = QImage(size * scale, QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(scale)
        image.fill(colour)  # the gaps between plots
        with _plot_backgrounds(placed, colour):
            _paint(placed, QPainter(image))
        if not image.save(str(p)):  # PNG, by the suffix
            raise ExportError(f"could not write {p}")
        return
    gen = QSvgGenerator()
    gen.setFileName(str(p))
    gen.setSize(size)
    gen.setViewBox(QRect(QPoint(0, 0), size))
    gen.setTitle("LossLab")
    painter = QPainter(gen)
    if colour.alpha():
        painter.fillRect(QRect(QPoint(0, 0), size), colour)  # the gaps between plots
    with _plot_backgrounds(placed, colour):
        _paint(placed, painter)
    try:
        p.write_bytes(bake_cosmetic_strokes(p.read_bytes()))
    except OSError as exc:
        raise ExportError(f"could not write {p}: {exc.strerror or exc}") from None


def _paint(placed: Sequence[tuple[QWidget, QPoint]], painter: QPainter) -> None:
    try:
        for widget, at in placed:
            QWidget.render(widget, painter, at)  # not QGraphicsView.render
    finally:
        painter.end()


# --- SVG: cosmetic strokes at their real width --------------------------------------------------
_MATRIX = re.compile(r"^\s*matrix\(([^)]*)\)\s*$")
_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_GEOMETRY = {"d", "points", "x", "y", "width", "height", "x1", "y1", "x2", "y2"}
_GEOMETRY |= {"cx", "cy", "r", "rx", "ry", "vector-effect"}


def _tag(element: ET.Element) -> str:
    return element.tag.rpartition("}")[2]


def _parse_matrix(text: str | None) -> Matrix | None:
    match = _MATRIX.match(text or "")
    if match is None:
        return None
    values = [float(v) for v in re.split(r"[\s,]+", match.group(1).strip())]
    return (values[0], values[1], values[2], values[3], values[4], values[5])


def _num(v: float) -> str:
    return f"{v:.6g}"


def _transform_path(d: str, m: Matrix) -> str | None:
    """An absolute path (Qt writes M, L, C and Z) with ``m`` applied; None for anything else."""
    a, b, c, dd, e, f = m
    out: list[str] = []
    numbers: list[float] = []
    for token in _TOKEN.findall(d):
        if token.isalpha():
            if token not in "MLCZ":
                return None
            if numbers:
                return None  # an odd count of coordinates
            out.append(token)
            continue
        numbers.append(float(token))
        if len(numbers) == 2:
            x, y = numbers
            out.append(f"{_num(a * x + c * y + e)},{_num(b * x + dd * y + f)}")
            numbers = []
    return None if numbers else " ".join(out)


def _as_path(element: ET.Element) -> str | None:
    """The element's outline as an absolute path, or None for an element that is not a shape."""
    tag, g = _tag(element), element.get
    try:
        if tag == "path":
            return g("d", "")
        if tag in ("polyline", "polygon"):
            v = [float(t) for t in re.split(r"[\s,]+", g("points", "").strip()) if t]
            pairs = [f"{v[i]},{v[i + 1]}" for i in range(0, len(v) - 1, 2)]
            if not pairs:
                return None
            return "M " + " L ".join(pairs) + (" Z" if tag == "polygon" else "")
        if tag == "line":
            return f"M {g('x1', '0')},{g('y1', '0')} L {g('x2', '0')},{g('y2', '0')}"
        if tag == "rect":
            x, y = float(g("x", "0")), float(g("y", "0"))
            w, h = float(g("width", "0")), float(g("height", "0"))
            return f"M {x},{y} L {x + w},{y} L {x + w},{y + h} L {x},{y + h} Z"
        if tag in ("circle", "ellipse"):
            cx, cy = float(g("cx", "0")), float(g("cy", "0"))
            rx = float(g("r", "0") if tag == "circle" else g("rx", "0"))
            ry = float(g("r", "0") if tag == "circle" else g("ry", "0"))
            kx, ky = KAPPA * rx, KAPPA * ry
            return (
                f"M {cx + rx},{cy} "
                f"C {cx + rx},{cy + ky} {cx + kx},{cy + ry} {cx},{cy + ry} "
                f"C {cx - kx},{cy + ry} {cx - rx},{cy + ky} {cx - rx},{cy} "
                f"C {cx - rx},{cy - ky} {cx - kx},{cy - ry} {cx},{cy - ry} "
                f"C {cx + kx},{cy - ry} {cx + rx},{cy - ky} {cx + rx},{cy} Z"
            )
    except ValueError:
        return None
    return None


def _baked(element: ET.Element, m: Matrix) -> ET.Element | None:
    """``element`` as a path in its group's parent's coordinates, or None if it cannot be."""
    outline = _as_path(element)
    d = _transform_path(outline, m) if outline is not None else None
    if d is None:
        return None
    attrib = {k: v for k, v in element.attrib.items() if k not in _GEOMETRY}
    if _tag(element) in ("polyline", "line"):
        attrib.setdefault("fill", "none")  # an open shape is never filled
    path = ET.Element(f"{{{SVG_NS}}}path", attrib)
    path.set("d", d)
    path.tail = element.tail
    return path


def bake_cosmetic_strokes(svg: bytes) -> bytes:
    """The same drawing, without ``vector-effect: non-scaling-stroke`` under a transform: each
    such shape's group transform is applied to its coordinates, in a group of its own."""
    root = ET.fromstring(svg)
    parents = {child: parent for parent in root.iter() for child in parent}
    for group in [g for g in root.iter(f"{{{SVG_NS}}}g")]:
        children = list(group)
        if not any(c.get("vector-effect") == NON_SCALING for c in children):
            continue
        m = _parse_matrix(group.get("transform")) or (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        # Runs of children, in order: baked shapes (no transform left) and the rest (as were).
        runs: list[tuple[bool, list[ET.Element]]] = []
        for child in children:
            new = _baked(child, m) if child.get("vector-effect") == NON_SCALING else None
            baked = new is not None
            if not runs or runs[-1][0] != baked:
                runs.append((baked, []))
            runs[-1][1].append(new if new is not None else child)
        parent = parents[group]
        at = list(parent).index(group)
        parent.remove(group)
        for i, (baked, elements) in enumerate(runs):
            attrib = dict(group.attrib)
            if baked:
                attrib.pop("transform", None)
            replacement = ET.Element(group.tag, attrib)
            replacement.text = group.text
            replacement.extend(elements)
            replacement.tail = group.tail
            parent.insert(at + i, replacement)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# --- numbers ---------------------------------------------------------------------------------
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
