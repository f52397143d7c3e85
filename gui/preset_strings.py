"""The presets' titles and descriptions, for Qt's translation tools.

model/presets.py holds them (the model knows no Qt); the window looks them up with ``tr`` under
the empty context, so pyside6-lupdate must find them here as literals.
tests/gui/test_i18n.py keeps the two lists equal.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP

# QT_TRANSLATE_NOOP returns its text; PySide6's stubs say "object".
PRESET_TEXTS = cast(
    list[str],
    [
        QT_TRANSLATE_NOOP("", "Article, prediction A"),
        QT_TRANSLATE_NOOP("", "s = (0.8, 0.1, 0.1): MSE 0.060, CE 0.223"),
        QT_TRANSLATE_NOOP("", "Article, prediction B"),
        QT_TRANSLATE_NOOP(
            "",
            "s = (0.8, 0.15, 0.05): MSE 0.065, CE 0.223 — MSE prefers A, CE cannot tell them apart",
        ),
        QT_TRANSLATE_NOOP("", "Confidently wrong"),
        QT_TRANSLATE_NOOP("", "CE pulls hard, MSE barely moves"),
        QT_TRANSLATE_NOOP("", "Uniform"),
        QT_TRANSLATE_NOOP("", "every class at 1/3"),
        QT_TRANSLATE_NOOP("", "Nearly right"),
        QT_TRANSLATE_NOOP("", "s_p ≈ 0.91"),
        QT_TRANSLATE_NOOP("", "Saturated right"),
        QT_TRANSLATE_NOOP("", "both gradients vanish: nothing left to learn"),
    ],
)
