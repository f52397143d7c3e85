"""Run under a real X server (Xvfb): the real window, a screenshot, and the 3D view with OpenGL.

Prints one line per check and exits 0 only if every check passed (tests/gui/test_real_window.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ["QT_QPA_PLATFORM"] = "xcb"


def main(out_dir: str) -> int:
    import numpy as np
    from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

    from gui.app import set_attributes
    from gui.main_window import MainWindow
    from gui.views import surface3d

    set_attributes()
    app = QApplication([sys.argv[0]])
    assert app.platformName() == "xcb", app.platformName()
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    for _ in range(20):
        app.processEvents()
    shot = window.screen().grabWindow(window.winId())
    path = Path(out_dir) / "window.png"
    shot.save(str(path))
    image = shot.toImage()
    print("WINDOW", image.width(), image.height(), flush=True)

    window.set_view("surfaces")
    app.processEvents()
    window.findChild(QPushButton, "surface3dButton").click()
    for _ in range(20):
        app.processEvents()
    (dialog,) = surface3d.open_views()
    message = dialog.findChild(QLabel, "surface3dMessage")
    if message is not None:
        print("NO-GL", message.text().replace("\n", " "), flush=True)
        return 1
    gl_view = dialog.findChild(QWidget, "surface3dView")
    frame = gl_view.grabFramebuffer()
    pixels = np.array(
        [frame.pixel(x, y) for x in range(0, frame.width(), 7) for y in range(0, frame.height(), 7)]
    )
    frame.save(str(Path(out_dir) / "surface3d.png"))
    print("GL-COLOURS", len(np.unique(pixels)), flush=True)
    combo = dialog.findChild(QWidget, "surface3dCombo")
    combo.setCurrentIndex(3)  # the MSE gradient
    for _ in range(5):
        app.processEvents()
    dialog.close()
    window.close()
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
