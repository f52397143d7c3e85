"""A screen reader's view from outside the process: AT-SPI over D-Bus finds the window and a
logit spin box by their accessible names (tests/gui/atspi_probe.py does the asking)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
A11Y_BUS_SERVICE = Path("/usr/share/dbus-1/services/org.a11y.Bus.service")


def missing() -> str | None:
    if not os.environ.get("DISPLAY"):
        return "no X display (Qt's AT-SPI bridge comes with the xcb platform): run under xvfb-run"
    for tool, package in (("dbus-run-session", "dbus"), ("gdbus", "libglib2.0-bin")):
        if shutil.which(tool) is None:
            return f"{tool} not found (Debian package {package})"
    if not A11Y_BUS_SERVICE.exists():
        return "no AT-SPI bus service (Debian package at-spi2-core)"
    return None


@pytest.mark.xvfb
@pytest.mark.skipif(missing() is not None, reason=str(missing()))
def test_the_window_and_a_logit_spin_box_are_found_by_name_over_atspi():
    probe = subprocess.run(
        ["dbus-run-session", "--", sys.executable, str(ROOT / "tests/gui/atspi_probe.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr
    result = json.loads(probe.stdout.strip().splitlines()[-1])
    assert "LossLab" in result["apps"], result
    assert result["found"] == {"frame": "LossLab", "spin box": "Logit of cat (z_0)"}, result
