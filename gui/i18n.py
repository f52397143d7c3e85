"""The one lookup of every translatable string, and the switch between English and Chinese.

pyside6-lupdate files a call of a plain function named ``tr`` under the empty context (there is
no class to name it after), so the strings are looked up under that context too: the ``.ts``
that lupdate writes then matches what the code asks for, and one English text has one Chinese
text across the window (the glossary stays consistent). Where one English word needs two
translations, the second argument tells them apart (lupdate's "disambiguation").

The built-in lesson's captions are the exception: ``gui/lesson_strings.py`` marks them with
``QT_TRANSLATE_NOOP("Lesson", …)`` and ``gui/lessons.py`` looks them up there.

``set_language`` installs (or removes) LossLab's translator and Qt's own ``qtbase`` one, so
standard dialog buttons follow; Qt then sends ``LanguageChange`` to every widget, and each
widget with text re-sets it in a ``retranslate()`` method called from its ``changeEvent``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal, cast

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

CONTEXT = ""
Language = Literal["en", "zh"]
LANGUAGES: tuple[Language, ...] = ("en", "zh")
SETTINGS_KEY = "language"
TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
QM_FILE = TRANSLATIONS / "losslab_zh_CN.qm"
# Fonts with every glyph the Chinese interface shows, best first; any other family that
# fontconfig lists for Simplified Chinese comes after them.
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei")


def tr(text: str, disambiguation: str | None = None) -> str:
    return QCoreApplication.translate(CONTEXT, text, disambiguation)


class TranslationError(Exception):
    """A translation file that should be there is missing or unreadable."""


_installed: list[QTranslator] = []
_current: Language = "en"
_latin_font: object | None = None  # the application font before Chinese replaced it


def current_language() -> Language:
    return _current


def system_language(ui_languages: Iterable[str] | None = None) -> Language:
    """The first of the system's interface languages that LossLab speaks (Chinese in any
    script or region reads the Simplified translation); English otherwise."""
    names = QLocale.system().uiLanguages() if ui_languages is None else ui_languages
    for name in names:
        low = name.lower()
        if low.startswith("zh"):
            return "zh"
        if low.startswith("en"):
            return "en"
    return "en"


def _settings() -> QSettings:
    """The app's settings; the command line's --report and --export make no QApplication of
    LossLab's own set-up, yet read the same file a launch writes."""
    if QCoreApplication.organizationName():  # the application name defaults to the program's
        return QSettings()
    return QSettings("LossLab", "LossLab")


def saved_language() -> Language | None:
    value = _settings().value(SETTINGS_KEY)
    return cast(Language, value) if value in LANGUAGES else None


def save_language(lang: Language) -> None:
    _settings().setValue(SETTINGS_KEY, lang)


def choose_language(cli: str | None, saved: str | None, system: str) -> Language:
    """``--lang`` wins over the saved choice, which wins over the system's language."""
    for candidate in (cli, saved, system):
        if candidate in LANGUAGES:
            return cast(Language, candidate)
    return "en"


def startup_language(cli: str | None) -> Language:
    return choose_language(cli, saved_language(), system_language())


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def set_language(lang: Language) -> None:
    """Show the interface in ``lang`` from now on: every widget gets ``LanguageChange``.
    Needs a QCoreApplication (a QApplication for the font)."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"no language {lang!r}; LossLab speaks {', '.join(LANGUAGES)}")
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("set_language needs a QCoreApplication")
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    if lang == "zh":
        # No parent: dropped from _installed, a translator is deleted, however often one switches.
        ours = QTranslator()
        if not ours.load(str(QM_FILE)):
            raise TranslationError(f"cannot read the Chinese translation {QM_FILE}")
        qt_own = QTranslator()
        # Qt's own dialogs' buttons; a Qt without its translations still shows LossLab's.
        loaded_qt = qt_own.load("qtbase_zh_CN", qt_translations_dir())
        for translator in (qt_own, ours) if loaded_qt else (ours,):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
    _current = lang
    _set_font(lang)


def _set_font(lang: Language) -> None:
    """In Chinese, an application font with every Chinese glyph (pyqtgraph's text items use
    QFont(), which is the application font); in English, the font the app started with."""
    global _latin_font
    from PySide6.QtGui import QFont, QGuiApplication

    if not isinstance(QCoreApplication.instance(), QGuiApplication):
        return  # a report on the command line: text, no fonts
    if lang == "zh":
        family = chinese_family()
        if family is None:
            return
        if _latin_font is None:
            _latin_font = QGuiApplication.font()
        font = QFont(QGuiApplication.font())
        font.setFamilies([family])
        QGuiApplication.setFont(font)
    elif _latin_font is not None:
        QGuiApplication.setFont(cast(QFont, _latin_font))
        _latin_font = None


def chinese_family() -> str | None:
    """The font family the Chinese interface uses, or None when the system has none."""
    from PySide6.QtGui import QFontDatabase

    have = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    for family in CJK_FAMILIES:
        if family in have:
            return family
    # Monospaced and vertical-writing ("@") faces read badly in menus and plots.
    rest = [f for f in have if "mono" not in f.lower() and not f.startswith("@")]
    return rest[0] if rest else (have[0] if have else None)


def unit_name(unit: str) -> str:
    """A unit or reduction as shown ("nats", "bits", "sum", "mean"), in the interface's
    language; anything else as it is."""
    # One lookup, not four: the labels are made on every refresh.
    if unit == "nats":
        return tr("nats")
    if unit == "bits":
        return tr("bits")
    if unit == "sum":
        return tr("sum")
    if unit == "mean":
        return tr("mean")
    return unit
