"""The 3D view: as often as it is opened, several at once, each destroyed when closed, drawing
what the controller hands it. The OpenGL parts run under Xvfb in a process of their own
(tests/gui/surface3d_app.py); the rest offscreen, where the view says OpenGL is missing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from gui.views import surface3d
from model import losses
from tests.gui.conftest import flush_deletes

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("surface3d_app.py")
GROWTH_LIMIT_MIB = 20


def open_3d(window) -> QWidget:
    window.set_view("surfaces")
    before = set(map(id, surface3d.open_views()))
    window.findChild(QPushButton, "surface3dButton").click()
    (new,) = [d for d in surface3d.open_views() if id(d) not in before]
    return new


def test_two_views_at_once_have_unique_names_and_go_when_closed(window):
    a, b = open_3d(window), open_3d(window)
    assert (a.objectName(), b.objectName()) == ("surface3dDialog", "surface3dDialog2")
    assert a.findChild(QLabel, "surface3dMessage") is not None  # offscreen: no OpenGL
    assert b.findChild(QLabel, "surface3dMessage2") is not None
    a.close()
    flush_deletes()
    assert not shiboken6.isValid(a)  # destroyed, not hidden
    c = open_3d(window)  # the free name is taken again
    assert c.objectName() == "surface3dDialog"
    window.close()  # the main window takes its 3D views with it
    flush_deletes()
    assert surface3d.open_views() == []
    assert not shiboken6.isValid(b) and not shiboken6.isValid(c)


def test_the_controller_hands_a_3d_view_the_surface(window):
    """The mesh a 3D view draws, against the losses computed here from the logits at each of
    its grid points (an independent route: the textbook formulas on a full logit vector)."""
    controller = window.controller
    state = window.state
    for kind, loss in (
        ("ce", lambda z: losses.cross_entropy(z, 0)),
        ("mse_grad", lambda z: losses.mse_grad(z, 0)[0]),
    ):
        mesh = controller.surface_mesh(kind)
        assert mesh.z.shape == (len(mesh.y), len(mesh.x)) and len(mesh.x) <= 101
        z0 = np.array(state.logits)
        others = np.delete(z0, 0)
        for i, j in ((0, 0), (17, 64), (100, 3)):
            z = z0 + (mesh.y[i] - others.mean())  # the others shifted together to y
            z[0] = mesh.x[j]
            assert mesh.z[i, j] == pytest.approx(float(loss(z)), rel=1e-9, abs=1e-300)
        zp, y, value = mesh.point
        assert (zp, y) == (state.logits[0], pytest.approx(others.mean()))
        assert value == pytest.approx(float(loss(z0)), rel=1e-12)
    # a move of z_p alone keeps the surface and moves the point
    first = controller.surface_mesh("ce")
    window.findChild(QWidget, "logitSpin0").setValue(1.5)
    moved = controller.surface_mesh("ce")
    assert moved.z is first.z and moved.point[0] == 1.5


def test_esc_closes_the_view(window, qtbot):
    dialog = open_3d(window)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.keyClick(dialog.findChild(QWidget, "surface3dCombo"), Qt.Key.Key_Escape)
    flush_deletes()
    assert not shiboken6.isValid(dialog)


# --- with OpenGL, under Xvfb ----------------------------------------------------------------
def _command(out: Path) -> list[str]:
    cmd = [sys.executable, str(SCRIPT), str(out)]
    if os.environ.get("DISPLAY"):
        return cmd
    xvfb = shutil.which("xvfb-run")
    assert xvfb, "xvfb-run is needed for the OpenGL tests (apt-get install xvfb xauth)"
    return [xvfb, "-a", "-s", "-screen 0 1920x1200x24", *cmd]


@pytest.fixture(scope="module")
def gl_run(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("surface3d")
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    proc = subprocess.run(
        _command(out), capture_output=True, text=True, timeout=300, env=env, cwd=ROOT
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for bad in ("GLError", "Error while drawing", "Traceback"):
        assert bad not in proc.stderr, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    report["out"] = out
    return report


def test_two_open_3d_views_both_render(gl_run, qapp):
    assert gl_run["open"] == ["surface3dDialog", "surface3dDialog2"]
    for key in ("rendered", "rendered_after_edit"):
        for i, frame in enumerate(gl_run[key]):
            # a surface in colours, not one flat colour (the second view used to be black)
            assert frame["colours"] > 200, (key, i, frame)
    assert gl_run["duplicate_names"] == []
    assert (gl_run["out"] / "two-3d-views.png").is_file()


def test_closed_3d_views_are_destroyed_and_leave_the_main_window_alone(gl_run, qapp):
    assert gl_run["active_for_esc"]
    assert gl_run["destroyed"] == [True, True]  # Esc closed one, the close button the other
    assert gl_run["open_after_close"] == []
    # the main window still paints as it did (a 3D view among its children had switched it
    # to OpenGL composition for good, ~10x the cost of every later edit under Xvfb)
    assert gl_run["main_window_surface"] == "RasterSurface"
    print("edit before a 3D view:", gl_run["edit_ms_before"], "ms; after:", gl_run["edit_ms_after"])


def test_memory_is_flat_over_ten_openings(gl_run, qapp):
    rss = gl_run["rss_mib"]
    assert len(rss) == 10
    assert max(rss) - rss[0] < GROWTH_LIMIT_MIB, rss
