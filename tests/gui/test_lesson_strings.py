"""The built-in lesson's text is where Qt's translation tools find it (PRODUCT.md F7, F10)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from gui.lesson_strings import BUILTIN_CAPTIONS, BUILTIN_TITLE, CONTEXT
from model.lesson import builtin_lesson

ROOT = Path(__file__).resolve().parents[2]


def test_the_lesson_file_and_the_translatable_strings_agree() -> None:
    lesson = builtin_lesson()
    assert lesson.title == BUILTIN_TITLE
    assert [s.caption for s in lesson.scenes] == BUILTIN_CAPTIONS


def test_lupdate_finds_every_caption_in_the_lesson_context(tmp_path: Path) -> None:
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    assert lupdate is not None, "pyside6-lupdate comes with PySide6"
    ts = tmp_path / "lesson.ts"
    proc = subprocess.run(
        [lupdate, str(ROOT / "gui" / "lesson_strings.py"), "-ts", str(ts)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    contexts = {
        c.findtext("name"): [m.findtext("source") for m in c.iter("message")]
        for c in ET.parse(ts).getroot().iter("context")
    }
    assert contexts == {CONTEXT: [BUILTIN_TITLE, *BUILTIN_CAPTIONS]}
