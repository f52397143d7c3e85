"""Several 3D views under a real X server (Xvfb) with OpenGL, in a process of their own.

Run by tests/gui/test_surface3d.py. Prints one JSON line: what each of two 3D views open at once
rendered, whether closing destroyed them and what an edit of the main window costs before a
3D view was opened and after one was closed (figures only, for the record), and the resident
memory after each of ten open-and-close cycles. Saves a grab of the screen with both open.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["QT_QPA_PLATFORM"] = "xcb"

CYCLES = 10


def main(out_dir: str) -> int:
    import numpy as np
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtGui import QImage
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QComboBox, QDoubleSpinBox, QPushButton, QWidget

    from gui.app import create_app
    from gui.main_window import MainWindow
    from gui.views import surface3d

    app = create_app()
    window = MainWindow()
    window.resize(1280, 800)
    window.move(0, 0)
    window.show()
    window.set_view("surfaces")
    button = window.findChild(QPushButton, "surface3dButton")
    spin = window.findChild(QDoubleSpinBox, "logitSpin1")

    def settle(n: int = 10) -> None:
        for _ in range(n):
            app.processEvents()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def rss_mib() -> float:
        gc.collect()
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    def edit_ms(n: int = 21) -> float:
        times = []
        for i in range(n):
            start = time.perf_counter()
            spin.setValue(1.0 + 0.05 * (i % 7))
            app.processEvents()
            times.append(time.perf_counter() - start)
        return round(1000 * statistics.median(times), 1)

    def rendered(view: QWidget) -> dict[str, int]:
        """How many colours the view drew (one: the background alone, or black)."""
        frame = view.grabFramebuffer().convertToFormat(QImage.Format.Format_RGB32)
        w, h, row = frame.width(), frame.height(), frame.bytesPerLine() // 4
        words = np.frombuffer(frame.constBits(), np.uint32, count=h * row).reshape(h, row)
        return {"colours": int(np.unique(words[:, :w] & 0xFFFFFF).size)}

    settle(20)
    report: dict[str, object] = {"edit_ms_before": edit_ms()}
    button.click()
    settle(20)
    button.click()
    settle(20)
    views = surface3d.open_views()
    report["open"] = [d.objectName() for d in views]
    for i, dialog in enumerate(views):
        dialog.move(1280 * i // 2, 40 + 380 * i)
    settle(20)
    gl_views = [
        d.findChild(QWidget, f"surface3dView{'' if i == 0 else i + 1}") for i, d in enumerate(views)
    ]
    report["rendered"] = [rendered(v) for v in gl_views]
    names = [w.objectName() for d in [window, *views] for w in d.findChildren(QWidget)]
    names = [n for n in names if n and not n.startswith("qt_")]
    report["duplicate_names"] = sorted({n for n in names if names.count(n) > 1})
    # the second view on another surface, then an edit: both follow the state
    views[1].findChild(QComboBox, "surface3dCombo2").setCurrentIndex(3)
    spin.setValue(2.5)
    settle(10)
    report["rendered_after_edit"] = [rendered(v) for v in gl_views]
    window.screen().grabWindow(0).save(str(Path(out_dir) / "two-3d-views.png"))
    # Esc closes the first (the GL view has the focus), the close button the second
    views[0].activateWindow()
    gl_views[0].setFocus()
    for _ in range(100):  # the window system's focus change arrives as an event
        if QApplication.activeWindow() is views[0]:
            break
        settle(1)
        time.sleep(0.01)
    report["active_for_esc"] = QApplication.activeWindow() is views[0]
    QTest.keyClick(gl_views[0], Qt.Key.Key_Escape)
    views[1].close()
    settle(20)
    report["destroyed"] = [not shiboken6.isValid(d) for d in views]
    report["open_after_close"] = [d.objectName() for d in surface3d.open_views()]
    del views, gl_views
    report["main_window_surface"] = str(window.windowHandle().surfaceType().name)
    report["edit_ms_after"] = edit_ms()
    memory = []
    for _ in range(CYCLES):
        button.click()
        settle(20)
        surface3d.close_all()
        settle(20)
        memory.append(round(rss_mib(), 1))
    report["rss_mib"] = memory
    print(json.dumps(report), flush=True)
    window.close()
    settle()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
