"""A 3D view of any surface (pyqtgraph.opengl), or a clear message where OpenGL is missing."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QOffscreenSurface, QOpenGLContext
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QVBoxLayout, QWidget

from gui import theme
from model import display


def tr(text: str) -> str:
    return QCoreApplication.translate("Surface3D", text)


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


class Surface3DDialog(QDialog):
    def __init__(self, controller: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("surface3dDialog")
        self.setWindowTitle(tr("3D surface"))
        self.resize(900, 700)
        self.controller = controller
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("surface3dCombo")
        for label, kind in (
            (tr("CE loss"), "ce"),
            (tr("MSE loss"), "mse"),
            (tr("CE gradient ∂L/∂z_p"), "ce_grad"),
            (tr("MSE gradient ∂L/∂z_p"), "mse_grad"),
        ):
            self.kind_combo.addItem(label, kind)
        layout = QVBoxLayout(self)
        layout.addWidget(self.kind_combo)
        problem = opengl_problem()
        self.gl_view = None
        if problem is not None:
            self.message = QLabel(
                problem + "\n" + tr("The 2D surfaces and every other view work as usual.")
            )
            self.message.setObjectName("surface3dMessage")
            self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.message.setWordWrap(True)
            layout.addWidget(self.message, 1)
            self.kind_combo.setEnabled(False)
            return
        import pyqtgraph.opengl as gl

        self.gl_view = gl.GLViewWidget()
        self.gl_view.setObjectName("surface3dView")
        self.gl_view.setCameraPosition(distance=45, elevation=28, azimuth=-60)
        self.gl_view.addItem(gl.GLGridItem(size=pg_vector(20, 20, 1)))
        self.item = gl.GLSurfacePlotItem(computeNormals=False, smooth=False)
        self.gl_view.addItem(self.item)
        layout.addWidget(self.gl_view, 1)
        self.kind_combo.currentIndexChanged.connect(self.redraw)
        controller.state_changed.connect(self.redraw)  # type: ignore[attr-defined]
        self.redraw()

    def redraw(self, *_args: object) -> None:
        if self.gl_view is None:
            return
        state = self.controller.state  # type: ignore[attr-defined]
        kind = str(self.kind_combo.currentData())
        grids = display.surface_grids(state)
        step = max(1, len(grids.x) // 101)  # a light mesh keeps rotation smooth
        x, y = grids.x[::step], grids.y[::step]
        z = np.ascontiguousarray(grids.values[kind][::step, ::step])
        lo, hi = display.colour_levels(state, kind, log=False)
        # Scale the height into the same box as the 20×20 grid so every surface reads alike.
        unit = np.clip((z - lo) / (hi - lo), 0.0, 1.0)
        cmap = pg.colormap.get(theme.LOSS_MAP if kind in ("ce", "mse") else theme.GRAD_MAP)
        colours = cmap.map(unit.T.ravel(), mode="float")  # one RGBA per vertex, (nx * ny, 4)
        # The same colours as the 2D surface, and heights in the grid's 20-unit box.
        self.item.setData(x=x - x.mean(), y=y - y.mean(), z=unit.T * 10.0, colors=colours)


def pg_vector(x: float, y: float, z: float) -> object:
    from PySide6.QtGui import QVector3D

    return QVector3D(x, y, z)
