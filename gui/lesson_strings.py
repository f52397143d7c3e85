"""The built-in lesson's title and captions, for Qt's translation tools.

resources/lessons/article.json holds the same English text (tests/gui/test_lesson_builtin.py
keeps the two equal); the window looks each caption up in the "Lesson" context, so pyside6-lupdate
must find them here as literals.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP

CONTEXT = "Lesson"

# QT_TRANSLATE_NOOP returns its text; PySide6's stubs say "object".
BUILTIN_TITLE = cast(str, QT_TRANSLATE_NOOP("Lesson", "The article: why cross-entropy beats MSE"))

BUILTIN_CAPTIONS = cast(
    list[str],
    [
        QT_TRANSLATE_NOOP(
            "Lesson", "Cat, tiger or dog? The true class is cat; the model says tiger"
        ),
        QT_TRANSLATE_NOOP(
            "Lesson", "A and B: the same CE, yet MSE prefers A's evenly spread mistake"
        ),
        QT_TRANSLATE_NOOP("Lesson", "MSE's gradient carries the softmax factor s_p(1 − s_p)"),
        QT_TRANSLATE_NOOP(
            "Lesson", "CE's gradient is s_p − 1: strongest where the model is most wrong"
        ),
        QT_TRANSLATE_NOOP(
            "Lesson", "Confidently wrong, on a log scale: MSE's gradient all but vanishes"
        ),
        QT_TRANSLATE_NOOP(
            "Lesson", "The outlined region: the model is wrong, yet MSE barely learns"
        ),
        QT_TRANSLATE_NOOP(
            "Lesson", "The race from confidently wrong: CE needs 14 steps, MSE 9,825"
        ),
        QT_TRANSLATE_NOOP("Lesson", "The article's one-path MSE gradient beside the exact one"),
    ],
)
