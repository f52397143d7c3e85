"""A 3D view of any surface (pyqtgraph.opengl), or a clear message where OpenGL is missing.

The dialog draws what the controller hands it (``Controller.surface_mesh``) and computes
nothing. It is destroyed when closed (each one holds an OpenGL context and its buffers), and
several can be open at once: the application shares OpenGL contexts between them
(``gui.app.set_attributes``), without which the second one drew black.

It is a window of its own, not a child of the main window (only its transient: it stays above
it): a QOpenGLWidget anywhere among a window's child widgets, a dialog's included, switches
that window to OpenGL composition for good, and under a software renderer every later edit of
the main window then cost ~10x as much, long after the 3D view was closed.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt, SignalInstance
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QKeySequence,
    QOffscreenSurface,
    QOpenGLContext,
    QShortcut,
    QVector3D,
)
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gui import theme
from gui.i18n import tr
from gui.palette import DARK  # the 3D window keeps its dark GL background in either profile
from model.display import SurfaceMesh

BOX = 20.0  # the mesh fills a BOX × BOX square of the floor grid ...
HEIGHT = 10.0  # ... and rises to HEIGHT at the top of its colour range
TICKS = 5  # values written along each floor axis and up the height


class MeshSource(Protocol):
    """What a 3D view needs from the controller."""

    state_changed: SignalInstance

    def surface_mesh(self, kind: str) -> SurfaceMesh: ...

    def second_axis_label(self) -> str: ...

    def units(self) -> dict[str, str]: ...


def opengl_problem() -> str | None:
    """Why a 3D view cannot be shown here, or None when it can."""
    try:
        import pyqtgraph.opengl  # noqa: F401  (PyOpenGL and its libGL must load)
    except Exception as exc:  # any import failure means the same thing to the user
        return tr("OpenGL is not available (%1).").replace("%1", str(exc) or type(exc).__name__)
    platform = QGuiApplication.platformName()
    if platform in ("offscreen", "minimal"):
        return tr("OpenGL is not available on the '%1' display platform.").replace("%1", platform)
    ctx = QOpenGLContext()
    surface = QOffscreenSurface()
    surface.create()
    if not ctx.create() or not ctx.makeCurrent(surface):
        return tr("No OpenGL context could be created on this display.")
    ctx.doneCurrent()
    return None


def _kinds() -> list[tuple[str, str]]:
    return [
        (tr("CE loss L_CE"), "ce"),
        (tr("MSE loss L_MSE"), "mse"),
        (tr("CE gradient ∂L_CE/∂z_p"), "ce_grad"),
        (tr("MSE gradient ∂L_MSE/∂z_p"), "mse_grad"),
    ]


_OPEN: list[Surface3DDialog] = []  # parentless windows: Python keeps them while they are open


def open_views() -> list[Surface3DDialog]:
    """The 3D views open now."""
    return list(_OPEN)


def close_all() -> None:
    for dialog in open_views():
        dialog.close()


def _free_suffix() -> str:
    """The first 3D view open is named surface3dDialog, the next ones surface3dDialog2, 3, ...:
    object names stay unique however many are open (a closed one's name is free again)."""
    taken = {d.objectName() for d in _OPEN}
    n = 1
    while f"surface3dDialog{'' if n == 1 else n}" in taken:
        n += 1
    return "" if n == 1 else str(n)


def _to_box(values: Any, lo: float, hi: float, size: float) -> Any:
    """Data coordinates -> the box's, ``lo``…``hi`` onto -size/2…size/2."""
    return (values - lo) / (hi - lo) * size - size / 2


class Surface3DDialog(QDialog):
    def __init__(self, source: MeshSource, transient_for: QWidget | None = None) -> None:
        super().__init__(None)  # no parent: see the module's docstring
        # Each view holds an OpenGL context and its buffers: freed on close.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # the main window's call
        suffix = _free_suffix()
        self.setObjectName(f"surface3dDialog{suffix}")
        _OPEN.append(self)
        if transient_for is not None:
            self.winId()  # its window handle now, to stay above the main window
            self.windowHandle().setTransientParent(transient_for.window().windowHandle())
        self.resize(900, 700)
        self._source = source
        self._mesh: SurfaceMesh | None = None
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName(f"surface3dCombo{suffix}")
        for _label, kind in _kinds():
            self.kind_combo.addItem("", kind)
        layout = QVBoxLayout(self)
        layout.addWidget(self.kind_combo)
        # Esc closes, whichever child has the focus (the GL view keeps some keys for itself).
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.gl_view: Any = None  # a GLViewWidget where OpenGL works
        self.message: QLabel | None = None
        self._problem = problem = opengl_problem()
        self.retranslate()
        if problem is not None:
            self.message = QLabel()
            self.retranslate()
            self.message.setObjectName(f"surface3dMessage{suffix}")
            self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.message.setWordWrap(True)
            layout.addWidget(self.message, 1)
            self.kind_combo.setEnabled(False)
            return
        import pyqtgraph.opengl as gl

        self._gl = gl
        self.gl_view = gl.GLViewWidget()
        self.gl_view.setObjectName(f"surface3dView{suffix}")
        self.gl_view.setCameraPosition(
            pos=QVector3D(0, 0, HEIGHT / 3), distance=48, elevation=28, azimuth=-60
        )
        self.gl_view.addItem(gl.GLGridItem(size=QVector3D(BOX, BOX, 1)))
        self.surface_item = gl.GLSurfacePlotItem(computeNormals=False, smooth=False)
        self.gl_view.addItem(self.surface_item)
        # The current point, and a line down to the floor so its place on the grid reads.
        self.point_item = gl.GLScatterPlotItem(
            pos=np.zeros((1, 3)), size=14, color=(0.94, 0.89, 0.26, 1.0), pxMode=True
        )
        self.stem_item = gl.GLLinePlotItem(
            pos=np.zeros((2, 3)), color=(0.94, 0.89, 0.26, 1.0), width=2, antialias=True
        )
        for item in (self.point_item, self.stem_item):
            # Drawn over the surface: the point lies on it, and half of it would be hidden.
            item.setGLOptions("additive")
        half = BOX / 2
        self.height_axis = gl.GLLinePlotItem(
            pos=np.array([[-half, -half, 0.0], [-half, -half, HEIGHT]]),
            color=QColor(DARK.axis_text),
            width=1,
        )
        for item in (self.point_item, self.stem_item, self.height_axis):
            self.gl_view.addItem(item)
        self._labels: list[QObject] = []
        self._labels_key: tuple[object, ...] = ()

        self.bar_view = pg.GraphicsLayoutWidget()
        self.bar_view.setObjectName(f"surface3dColourBar{suffix}")
        self.bar_view.setFixedWidth(110)
        self.bar = pg.ColorBarItem(values=(0, 1), interactive=False, width=16)
        self.bar.axis.enableAutoSIPrefix(False)
        self.bar_view.addItem(self.bar)
        row = QHBoxLayout()
        row.addWidget(self.gl_view, 1)
        row.addWidget(self.bar_view)
        layout.addLayout(row, 1)
        self.kind_combo.currentIndexChanged.connect(self._redraw)
        source.state_changed.connect(self._redraw)
        self._redraw()

    def retranslate(self) -> None:
        """The title, the surfaces' names and the axes' texts in the current language."""
        self.setWindowTitle(tr("3D surface"))
        for label, kind in _kinds():
            self.kind_combo.setItemText(self.kind_combo.findData(kind), label)
        if self.message is not None and self._problem is not None:
            self.message.setText(
                self._problem + "\n" + tr("The 2D surfaces and every other view work as usual.")
            )
        if self.gl_view is not None and self._mesh is not None:
            self._labels_key = ()
            kind = self.kind()
            self._show_mesh(kind, self._source.surface_mesh(kind))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def done(self, result: int) -> None:
        """Closing (Esc, the close button, close()): stop following the state at once, before
        the deferred deletion (a closed view must cost an edit nothing)."""
        if self in _OPEN:
            _OPEN.remove(self)
            if self.gl_view is not None:
                self._source.state_changed.disconnect(self._redraw)
        super().done(result)

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def _redraw(self, *_args: object) -> None:
        kind = self.kind()
        mesh = self._source.surface_mesh(kind)
        if self._mesh is None or mesh.z is not self._mesh.z or mesh.x is not self._mesh.x:
            self._show_mesh(kind, mesh)
        self._mesh = mesh
        self._show_point(mesh)

    def _show_mesh(self, kind: str, mesh: SurfaceMesh) -> None:
        lo, hi = mesh.levels
        unit = np.clip((mesh.z - lo) / (hi - lo), 0.0, 1.0)  # (ny, nx)
        cmap = pg.colormap.get(theme.LOSS_MAP if kind in ("ce", "mse") else theme.GRAD_MAP)
        colours = cmap.map(unit.T.ravel(), mode="float")  # one RGBA per vertex, x major
        self.surface_item.setData(
            x=_to_box(mesh.x, mesh.x[0], mesh.x[-1], BOX),
            y=_to_box(mesh.y, mesh.y[0], mesh.y[-1], BOX),
            z=np.ascontiguousarray(unit.T * HEIGHT),
            colors=colours,
        )
        self.bar.setColorMap(cmap)
        self.bar.setLevels(values=(lo, hi))
        unit_label = self._source.units()[kind]
        title = {k: label for label, k in _kinds()}[kind]
        theme.set_label(self.bar.axis, f"{title} ({unit_label})" if unit_label else title)
        self._label_axes(mesh)

    def _label_axes(self, mesh: SurfaceMesh) -> None:
        """The axes' names and a few values along them: z_p along the front left edge, the
        second axis along the front right one, the height up the left corner (the camera's
        view leaves those clear of the surface)."""
        second = self._source.second_axis_label()
        key = (mesh.x[0], mesh.x[-1], mesh.y[0], mesh.y[-1], mesh.levels, self.kind(), second)
        if key == self._labels_key:
            return
        self._labels_key = key
        gl = self._gl
        for item in self._labels:
            self.gl_view.removeItem(item)
        half = BOX / 2
        a = Qt.AlignmentFlag
        below, left, right = a.AlignHCenter | a.AlignTop, a.AlignLeft | a.AlignVCenter, a.AlignRight
        texts: list[tuple[tuple[float, float, float], str, Qt.AlignmentFlag]] = [
            ((0.0, -half - 3.0, 0.0), "z_p", below),
            ((half + 1.5, -half - 2.5, 0.0), second, below),  # under the front corner
            ((-half - 0.8, -half - 0.8, HEIGHT + 2.5), self.kind_combo.currentText(), a.AlignLeft),
        ]
        for value in np.linspace(mesh.x[0], mesh.x[-1], TICKS):
            bx = float(_to_box(value, mesh.x[0], mesh.x[-1], BOX))
            texts.append(((bx, -half - 1.0, 0.0), f"{value:.3g}", below))
        for value in np.linspace(mesh.y[0], mesh.y[-1], TICKS):
            by = float(_to_box(value, mesh.y[0], mesh.y[-1], BOX))
            texts.append(((half + 1.0, by, 0.0), f"{value:.3g}", left))
        lo, hi = mesh.levels
        for value in np.linspace(lo, hi, TICKS):
            height = (value - lo) / (hi - lo) * HEIGHT
            texts.append(
                ((-half - 0.8, -half - 0.8, height), f"{value:.3g}", right | a.AlignVCenter)
            )
        colour = QColor(DARK.axis_text)
        self._labels = [
            gl.GLTextItem(pos=np.array(pos), text=text, color=colour, alignment=align)
            for pos, text, align in texts
        ]
        for item in self._labels:
            self.gl_view.addItem(item)

    def _show_point(self, mesh: SurfaceMesh) -> None:
        x, y, value = mesh.point
        lo, hi = mesh.levels
        # Outside the plotted ranges the point sits on the box's edge, where it left it.
        bx = float(np.clip(_to_box(x, mesh.x[0], mesh.x[-1], BOX), -BOX / 2, BOX / 2))
        by = float(np.clip(_to_box(y, mesh.y[0], mesh.y[-1], BOX), -BOX / 2, BOX / 2))
        bz = float(np.clip((value - lo) / (hi - lo), 0.0, 1.0)) * HEIGHT
        self.point_item.setData(pos=np.array([[bx, by, bz]]))
        self.stem_item.setData(pos=np.array([[bx, by, 0.0], [bx, by, bz]]))
