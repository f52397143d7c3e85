"""The first launch on a real X server (Xvfb) of some size, as ``losslab`` starts it.

Prints one JSON line: the screen's available geometry, the window's frame, and for each view
what is cut off (widgets clipped by their parents, plots smaller than their content); saves a
grab of the window with the surfaces showing. Run by tests/gui/test_screen_fit.py.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["QT_QPA_PLATFORM"] = "xcb"


def main(out_dir: str) -> int:
    from PySide6.QtWidgets import QApplication, QPushButton, QStatusBar, QWidget

    from gui.app import create_app, restore_and_show
    from tests.gui.test_screen_fit import clipped_by, plot_problems

    app = create_app()
    window = restore_and_show(None, None)
    for _ in range(30):
        app.processEvents()
    g = window.frameGeometry()
    a = window.screen().availableGeometry()
    report: dict[str, object] = {
        "available": [a.x(), a.y(), a.width(), a.height()],
        "frame": [g.x(), g.y(), g.width(), g.height()],
    }
    for view in ("overview", "surfaces"):
        window.set_view(view)
        for _ in range(10):
            app.processEvents()
        page = window.findChild(QWidget, f"{view}View")
        problems = plot_problems(page)
        for w in [window.findChild(QPushButton, "surface3dButton"), window.findChild(QStatusBar)]:
            if view == "surfaces" and (where := clipped_by(w)) is not None:
                problems.append(f"{w.objectName()} clipped by {where}")
        report[view] = problems
    shot = window.screen().grabWindow(window.winId())
    shot.save(str(Path(out_dir) / "surfaces.png"))
    print(json.dumps(report), flush=True)
    window.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
