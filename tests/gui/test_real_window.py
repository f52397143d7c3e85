"""The real app in a real X window (Xvfb), with OpenGL: what the offscreen tests cannot see."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

SCRIPT = Path(__file__).with_name("real_window_app.py")


def _command(out: Path) -> list[str]:
    cmd = [sys.executable, str(SCRIPT), str(out)]
    if os.environ.get("DISPLAY"):
        return cmd
    # No display here (a developer's shell): start a private Xvfb for this test alone.
    xvfb = shutil.which("xvfb-run")
    assert xvfb, "xvfb-run is needed for the real-window test (apt-get install xvfb xauth)"
    return [xvfb, "-a", "-s", "-screen 0 1920x1200x24", *cmd]


def test_real_window_and_3d_view(tmp_path, qapp):
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")  # Qt's shader cache: not in the user's home
    proc = subprocess.run(_command(tmp_path), capture_output=True, text=True, timeout=180, env=env)
    lines = proc.stdout.splitlines()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WINDOW 1280 800" in lines
    colours = int(next(line for line in lines if line.startswith("GL-COLOURS")).split()[1])
    assert colours > 50, "the 3D view rendered (almost) nothing"
    shot = QImage(str(tmp_path / "window.png"))
    assert (shot.width(), shot.height()) == (1280, 800)
    assert "Error while drawing" not in proc.stderr
    assert "Traceback" not in proc.stderr
