"""The one lookup of every translatable string.

pyside6-lupdate files a call of a plain function named ``tr`` under the empty context (there is
no class to name it after), so the strings are looked up under that context too: the ``.ts``
that lupdate writes then matches what the code asks for, and one English text has one Chinese
text across the window (the glossary stays consistent). Where one English word needs two
translations, the second argument tells them apart (lupdate's "disambiguation").

The built-in lesson's captions are the exception: ``gui/lesson_strings.py`` marks them with
``QT_TRANSLATE_NOOP("Lesson", …)`` and ``gui/lessons.py`` looks them up there.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = ""


def tr(text: str, disambiguation: str | None = None) -> str:
    return QCoreApplication.translate(CONTEXT, text, disambiguation)
