"""Run inside ``dbus-run-session`` with a display: launch the app, then find its window and a
logit spin box through AT-SPI from outside the process (the ``gdbus`` command line, the way a
screen reader asks), and print what was found as one JSON object.

tests/gui/test_atspi.py runs it; run by hand it shows the accessible tree's names.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHILD = re.compile(r"\('([^']*)', (?:objectpath )?'([^']*)'\)")  # gdbus names the type once
ATSPI_ROOT = "/org/a11y/atspi/accessible/root"
WANTED = {"frame": "LossLab", "spin box": "Logit of cat (z_0)"}


def gdbus(*args: str) -> str:
    done = subprocess.run(
        ["gdbus", "call", *args], capture_output=True, text=True, timeout=10, check=False
    )
    return done.stdout if done.returncode == 0 else ""


def a11y_address() -> str:
    out = gdbus(
        "--session",
        "--dest",
        "org.a11y.Bus",
        "--object-path",
        "/org/a11y/bus",
        "--method",
        "org.a11y.Bus.GetAddress",
    )
    m = re.search(r"'([^']+)'", out)
    return m.group(1) if m else ""


def ask(address: str, bus: str, path: str, method: str, *args: str) -> str:
    where = ("--address", address, "--dest", bus, "--object-path", path)
    return gdbus(*where, "--method", method, *args)


def children(address: str, bus: str, path: str) -> list[tuple[str, str]]:
    return CHILD.findall(ask(address, bus, path, "org.a11y.atspi.Accessible.GetChildren"))


def name_of(address: str, bus: str, path: str) -> str:
    out = ask(
        address,
        bus,
        path,
        "org.freedesktop.DBus.Properties.Get",
        "org.a11y.atspi.Accessible",
        "Name",
    )
    m = re.search(r"<'(.*)'>", out)
    return m.group(1) if m else ""


def role_of(address: str, bus: str, path: str) -> str:
    m = re.search(r"'(.*)'", ask(address, bus, path, "org.a11y.atspi.Accessible.GetRoleName"))
    return m.group(1) if m else ""


def search(address: str, deadline: float) -> dict[str, object]:
    """Breadth first from the registry's root, until both wanted objects are found."""
    found: dict[str, str] = {}
    apps: list[str] = []
    seen = 0
    queue = deque(children(address, "org.a11y.atspi.Registry", ATSPI_ROOT))
    while queue and time.monotonic() < deadline and len(found) < len(WANTED):
        bus, path = queue.popleft()
        seen += 1
        role, name = role_of(address, bus, path), name_of(address, bus, path)
        if role == "application":
            apps.append(name)
        if os.environ.get("ATSPI_PROBE_VERBOSE"):
            print(role, repr(name), file=sys.stderr)
        if WANTED.get(role) == name:
            found[role] = name
        queue.extend(children(address, bus, path))
    return {"found": found, "apps": apps, "visited": seen}


def main() -> int:
    env = dict(os.environ, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_QPA_PLATFORM="xcb")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    app = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    result: dict[str, object] = {"found": {}, "address": ""}
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            address = a11y_address()
            result["address"] = address
            if address:
                result = {"address": address, **search(address, deadline)}
                if len(result["found"]) == len(WANTED):  # type: ignore[arg-type]
                    break
            time.sleep(0.5)
    finally:
        app.terminate()
        try:
            app.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
