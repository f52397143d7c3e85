"""English and Simplified Chinese: the translation files against the code, the switch at run
time, Qt's own dialog texts, the font, and which language a run picks.

The .ts is checked against a fresh pyside6-lupdate run over the code (a string added to the
code and not translated fails here, with its text), and the .qm against pyside6-lrelease.
"""

from __future__ import annotations

import html
import importlib.util
import itertools
import locale
import os
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtGui import QAction, QFont, QRawFont
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMenu, QToolBar

from gui import i18n, lesson_strings
from gui.i18n import choose_language, set_language, system_language
from gui.main_window import MainWindow
from gui.preset_strings import PRESET_TEXTS
from model.presets import PRESETS
from tests.gui.conftest import run_fresh

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
TS = TRANSLATIONS / "losslab_zh_CN.ts"
QM = TRANSLATIONS / "losslab_zh_CN.qm"
BIN = Path(sys.executable).parent
CJK = re.compile(r"[\u4e00-\u9fff]")
# What a translation must carry over unchanged: Qt's and Python's placeholders, HTML tags, and
# the maths names that the explain panel turns into subscripts (gui/views/explain.py's pattern).
KEPT = re.compile(r"%\d+|%p%|\{[a-z]+\}|</?[a-z]+>|\b[sLzR]_[A-Za-z]+")


def messages(ts: Path) -> list[tuple[str, str, str | None, ET.Element]]:
    """(context, source, disambiguation, translation element) of every message."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            translation = m.find("translation")
            assert translation is not None
            out.append((name, m.findtext("source") or "", m.findtext("comment"), translation))
    return out


def _update_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update", TRANSLATIONS / "update.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_lupdate(ts: Path) -> None:
    """lupdate as resources/translations/update.py runs it (its sources, its options)."""
    _update_script().lupdate(ts)


def settle() -> None:
    QCoreApplication.sendPostedEvents()  # LanguageChange is posted to every top-level widget
    QApplication.processEvents()


# --- the files -------------------------------------------------------------------------------
def test_lupdate_finds_exactly_the_committed_strings_under_the_contexts_looked_up(tmp_path):
    fresh = tmp_path / "fresh.ts"
    run_lupdate(fresh)
    found = {(c, s, d) for c, s, d, _ in messages(fresh)}
    committed = {(c, s, d) for c, s, d, _ in messages(TS)}
    # The code asks for strings under these two contexts only: anything filed elsewhere would
    # be translated in the .ts and still shown in English.
    assert {c for c, _, _ in found} == {i18n.CONTEXT, lesson_strings.CONTEXT}
    new = sorted(s for _, s, _ in found - committed)
    gone = sorted(s for _, s, _ in committed - found)
    assert not new, f"strings without a translation (run resources/translations/update.py): {new}"
    assert not gone, f"translations of strings the code no longer has: {gone}"


def test_committed_ts_is_finished():
    text = TS.read_text(encoding="utf-8")
    for state in ("unfinished", "obsolete", "vanished"):
        assert f'type="{state}"' not in text
    for _, source, _, translation in messages(TS):
        assert (translation.text or "").strip(), f"empty translation of {source!r}"


def test_qm_is_what_lrelease_makes_of_the_ts(tmp_path):
    qm = tmp_path / QM.name
    subprocess.run([BIN / "pyside6-lrelease", "-silent", TS, "-qm", qm], check=True, timeout=120)
    assert qm.read_bytes() == QM.read_bytes(), "stale .qm: run resources/translations/update.py"


def test_translations_keep_placeholders_markup_symbols_and_one_mnemonic():
    for _, source, _, translation in messages(TS):
        target = translation.text or ""
        assert sorted(KEPT.findall(target)) == sorted(KEPT.findall(source)), (source, target)
        assert target.count("&") == source.count("&"), (source, target)
        if "&" in source:  # Chinese style: the key letter after the text, "文件(&F)"
            key = source[source.index("&") + 1]
            assert f"(&{key.upper()})" in target, (source, target)
        # A piece joined to another ("Opened " + path) keeps a gap there, or a Chinese
        # punctuation mark that brings its own ("预设：").
        if source.startswith(" "):
            assert target[:1] in (" ", "（", "—"), (source, target)
        if source.endswith(" "):
            assert target[-1:] in (" ", "："), (source, target)


def test_every_translation_is_chinese_unless_it_is_symbols():
    """A translation may equal its source only when the source has no English word in it."""
    words = re.compile(r"[A-Za-z]{2,}")
    symbols = {"CE", "MSE", "log", "const"}
    for _, source, _, translation in messages(TS):
        target = translation.text or ""
        if CJK.search(target):
            continue
        assert set(words.findall(_without_maths(source))) <= symbols, (source, target)


def _without_maths(text: str) -> str:
    return re.sub(r"\b[sLzRy]_[A-Za-z]+|∂\S*", "", text)


def test_presets_are_marked_for_translation_as_the_model_has_them():
    assert PRESET_TEXTS == [t for p in PRESETS for t in (p.title, p.description)]


def test_builtin_lesson_captions_translate_under_their_context(english_after):
    set_language("zh")
    for caption in [lesson_strings.BUILTIN_TITLE, *lesson_strings.BUILTIN_CAPTIONS]:
        assert CJK.search(QCoreApplication.translate("Lesson", caption)), caption
    # Under the empty context the same text is not there: the context is what finds it.
    assert QCoreApplication.translate("", lesson_strings.BUILTIN_TITLE) == (
        lesson_strings.BUILTIN_TITLE
    )


# --- the font --------------------------------------------------------------------------------
def test_chinese_font_has_every_glyph_of_every_translation(qapp, english_after):
    set_language("zh")
    family = i18n.chinese_family()
    assert family is not None, "no Simplified Chinese font installed (fonts-wqy-microhei)"
    assert QApplication.font().family() == family
    # pyqtgraph's text items take QFont(), the application font.
    raw = QRawFont.fromFont(QFont())
    assert raw.familyName() == family
    text = "".join((t.text or "") for _, _, _, t in messages(TS))
    # QRawFont.supportsCharacter takes a code point: PySide6 turns a str into a wrong one.
    missing = sorted({ch for ch in text if not ch.isspace() and not raw.supportsCharacter(ord(ch))})
    assert not missing, f"{family} lacks {missing}"
    set_language("en")
    assert QApplication.font().family() != family


# --- the window ------------------------------------------------------------------------------
def window_texts(window: MainWindow) -> dict[str, str]:
    """Every text the main window sets itself: menu titles, its actions, dock titles, tabs."""
    texts = {}
    for menu in window.findChildren(QMenu):
        if menu.objectName():
            texts[menu.objectName()] = menu.title()
    for act in window.findChildren(QAction):
        if act.objectName() and act.parent() is window:
            texts[act.objectName()] = act.text()
            if act.toolTip() != act.text().replace("&", ""):
                texts[act.objectName() + ".toolTip"] = act.toolTip()
    for toolbar in window.findChildren(QToolBar):
        texts[toolbar.objectName()] = toolbar.windowTitle()
    for dock in (window.dock, window.scene_dock, window.explain_dock):
        texts[dock.objectName()] = dock.windowTitle()
    for i in range(window.tabs.count()):
        texts[f"tab{i}"] = window.tabs.tabText(i)
    return texts


NATIVE = {"actionLanguage_en", "actionLanguage_zh"}  # each language named in itself


def test_set_language_turns_the_window_chinese_and_back_without_a_restart(window, english_after):
    english = window_texts(window)
    assert "languageMenu" in english and "actionUndo" in english
    set_language("zh")
    settle()
    chinese = window_texts(window)
    assert chinese.keys() == english.keys()
    stayed = {k: v for k, v in chinese.items() if k not in NATIVE and not CJK.search(v)}
    assert not stayed, f"still English under zh: {stayed}"
    bar_titles = [a.text() for a in window.menuBar().actions()]
    assert bar_titles and all(CJK.search(t) for t in bar_titles), bar_titles
    assert window.findChild(QAction, "actionLanguage_zh").isChecked()
    set_language("en")
    settle()
    assert window_texts(window) == english
    assert window.findChild(QAction, "actionLanguage_en").isChecked()


def test_the_loss_texts_are_sentences_with_chinese_brackets(window, english_after):
    """The overview's loss axis was "损失 (CE 纳特, MSE 求和)" and the panel's MSE line
    "MSE 1.4394 (求和)", assembled in code with ASCII brackets; each is one translated sentence
    now (the axis as the race's is)."""
    import pyqtgraph as pg

    axis = window.findChild(pg.PlotWidget, "lossCurvePlot").getPlotItem().getAxis("left")
    assert axis.labelText == "loss (CE nats, MSE sum)"
    set_language("zh")
    settle()
    assert axis.labelText.startswith("损失（") and axis.labelText.endswith("）")
    assert "(" not in axis.labelText and "," not in axis.labelText
    mse = window.findChild(QLabel, "mseLossLabel")
    assert mse is not None and mse.text().endswith("（求和）"), mse.text() if mse else None


def test_retranslate_sets_the_texts_the_window_was_built_with(window):
    """__init__ and retranslate() both write the texts: they must agree."""
    before = window_texts(window)
    window.retranslate()
    assert window_texts(window) == before


def test_undo_text_follows_the_language(window, english_after):
    window.findChild(QAction, "actionPreset_uniform").trigger()
    undo = window.findChild(QAction, "actionUndo")
    assert undo.text() == "&Undo Preset: Uniform"
    set_language("zh")
    settle()
    # The entry made in English is named in Chinese now, in the menu and in the stack.
    assert undo.text() == "撤销(&U) 预设：均匀"
    assert window.undo_stack.text(0) == "预设：均匀"
    window.findChild(QAction, "actionPreset_nearly_right").trigger()
    assert undo.text() == "撤销(&U) 预设：接近正确"
    undo.trigger()
    assert window.findChild(QAction, "actionRedo").text() == "重做(&R) 预设：接近正确"
    set_language("en")
    settle()
    assert window.findChild(QAction, "actionRedo").text() == "&Redo Preset: Nearly right"
    assert [window.undo_stack.text(i) for i in range(2)] == [
        "Preset: Uniform",
        "Preset: Nearly right",
    ]


def test_language_menu_switches_saves_and_is_exclusive(window, english_after):
    zh = window.findChild(QAction, "actionLanguage_zh")
    en = window.findChild(QAction, "actionLanguage_en")
    menu = window.findChild(QMenu, "languageMenu")
    assert menu is not None and {a.objectName() for a in menu.actions()} == NATIVE
    assert en.isChecked() and not zh.isChecked() and en.isCheckable() and zh.isCheckable()
    zh.trigger()
    settle()
    assert i18n.current_language() == "zh" and zh.isChecked() and not en.isChecked()
    assert QSettings().value(i18n.SETTINGS_KEY) == "zh"
    assert window.findChild(QMenu, "fileMenu").title() == "文件(&F)"
    en.trigger()
    settle()
    assert i18n.current_language() == "en" and QSettings().value(i18n.SETTINGS_KEY) == "en"
    assert window.findChild(QMenu, "fileMenu").title() == "&File"


def test_standard_dialog_buttons_are_chinese(qapp, english_after):
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    set_language("zh")
    settle()
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok).text()
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel).text()
    assert (ok.replace("&", ""), cancel.replace("&", "")) == ("确定", "取消")
    set_language("en")
    settle()
    assert buttons.button(QDialogButtonBox.StandardButton.Ok).text().replace("&", "") == "OK"


def test_copied_values_are_in_the_interface_language(window, english_after):
    set_language("zh")
    settle()
    window.findChild(QAction, "actionCopyValues").trigger()
    text = QApplication.clipboard().text()
    assert "真实类别" in text and "纳特" in text


# --- which language a run picks --------------------------------------------------------------
@pytest.mark.parametrize(
    ("cli", "saved", "system", "want"),
    [
        (None, None, "en", "en"),
        (None, None, "zh", "zh"),
        (None, "en", "zh", "en"),
        (None, "zh", "en", "zh"),
        ("en", "zh", "zh", "en"),
        ("zh", "en", "en", "zh"),
        (None, "klingon", "zh", "zh"),  # a damaged setting is passed over
    ],
)
def test_lang_wins_over_saved_which_wins_over_system(cli, saved, system, want):
    assert choose_language(cli, saved, system) == want


@pytest.mark.parametrize(
    ("ui", "want"),
    [
        (["zh-Hans-CN", "zh-CN"], "zh"),
        (["zh-Hant-TW"], "zh"),
        (["de-DE", "zh-CN", "en-US"], "zh"),
        (["fr-FR", "en-GB", "zh-CN"], "en"),
        (["de-DE"], "en"),
        (["C"], "en"),
        ([], "en"),
    ],
)
def test_system_language_is_the_first_one_spoken(ui, want):
    assert system_language(ui) == want


def report(tmp_path: Path, *args: str, saved: str | None = None, **env: str) -> str:
    """``--report text`` in a subprocess with its own settings folder and locale."""
    config = tmp_path / "config"
    if saved is not None:
        (config / "LossLab").mkdir(parents=True, exist_ok=True)
        (config / "LossLab" / "LossLab.conf").write_text(f"[General]\nlanguage={saved}\n")
    base = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    for name in ("LANGUAGE", "LANG", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        base.pop(name, None)
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--report", "text", *args],
        cwd=ROOT,
        env={**base, "XDG_CONFIG_HOME": str(config), "LANG": "C.UTF-8", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    return proc.stdout


def is_chinese_report(text: str) -> bool:
    if "真实类别（*）" in text and "纳特" in text:
        return True
    assert "true class (*)" in text and " nats" in text, text
    return False


def test_report_text_in_chinese_keeps_every_number(tmp_path):
    english = report(tmp_path, "--lang", "en", "--logits", "-8,4,0")
    chinese = report(tmp_path, "--lang", "zh", "--logits", "-8,4,0")
    assert not is_chinese_report(english) and is_chinese_report(chinese)
    number = re.compile(r"-?\d+(?:,\d{3})*(?:\.\d+)?(?:e[+-]\d+)?")
    assert number.findall(chinese) == number.findall(english)
    table = chinese.splitlines()[:4]
    assert table[0].split() == ["类别", "z_k", "s_k", "dCE/dz_k", "dMSE/dz_k"]
    # The columns line up in a terminal, where a Chinese character takes two columns.
    columns = [sum(2 if unicodedata.east_asian_width(c) == "W" else 1 for c in r) for r in table]
    assert len(set(columns)) == 1, table


@pytest.mark.parametrize(
    ("args", "saved", "env", "chinese"),
    [
        ((), None, {"LANG": "zh_CN.UTF-8"}, True),  # the system's language
        ((), None, {"LANGUAGE": "zh_CN:en"}, True),
        ((), None, {}, False),
        ((), "en", {"LANG": "zh_CN.UTF-8"}, False),  # the saved choice over the system's
        ((), "zh", {}, True),
        (("--lang", "zh"), "en", {}, True),  # --lang over both
        (("--lang", "en"), "zh", {"LANG": "zh_CN.UTF-8"}, False),
    ],
)
def test_report_language_precedence(tmp_path, args, saved, env, chinese):
    assert is_chinese_report(report(tmp_path, *args, saved=saved, **env)) == chinese


def test_html_in_translations_is_well_formed():
    for _, source, _, translation in messages(TS):
        if "<" in source and ">" in source:
            ET.fromstring(f"<p>{html.unescape(translation.text or '')}</p>")


# --- the command line's other paths ----------------------------------------------------------
def test_launch_with_lang_zh_shows_chinese_and_saves_no_choice(tmp_path):
    code = """
        from PySide6.QtCore import QSettings
        from PySide6.QtGui import QAction
        from PySide6.QtWidgets import QApplication
        import gui.app
        import main

        seen = {}
        real = gui.app.restore_and_show

        def probe(*args):
            window = real(*args)
            seen["file"] = window.menuBar().actions()[0].text()
            seen["zh checked"] = window.findChild(QAction, "actionLanguage_zh").isChecked()
            seen["font"] = QApplication.font().family()
            return window

        gui.app.restore_and_show = probe
        QApplication.exec = lambda *_args: 0
        rc = main.main(["--lang", "zh"])
        seen["saved"] = QSettings().value("language")
        print(rc, sorted(seen.items()))
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    out = run_fresh(code, env)
    family = i18n.chinese_family()
    # --lang is for this run; the saved choice is the menu's.
    assert out == (
        f"0 [('file', '文件(&F)'), ('font', {family!r}), ('saved', None), ('zh checked', True)]"
    )


def test_export_with_lang_zh_draws_chinese_text_in_the_chinese_font(tmp_path):
    svg = tmp_path / "overview.svg"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--lang", "zh", "--export", svg, "--size",
         "1280x800"],
        cwd=ROOT, env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path)}, capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    texts = {
        (el.text or "").strip(): el.get("font-family")
        for el in ET.parse(svg).getroot().iter("{http://www.w3.org/2000/svg}text")
    }
    chinese = {t: f for t, f in texts.items() if CJK.search(t)}
    assert "真实类别" in chinese
    assert set(chinese.values()) == {i18n.chinese_family()}


# --- numbers never follow the locale ---------------------------------------------------------
@pytest.fixture
def german() -> Iterator[bool]:
    """Qt's default locale German (decimal comma), and C's LC_NUMERIC too where the system has
    a German locale: yields whether it has."""
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    before = locale.setlocale(locale.LC_NUMERIC)
    has_c_locale = False
    for name in ("de_DE.UTF-8", "de_DE.utf8", "de_DE"):
        try:
            locale.setlocale(locale.LC_NUMERIC, name)
        except locale.Error:
            continue
        has_c_locale = True
        break
    try:
        yield has_c_locale
    finally:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        locale.setlocale(locale.LC_NUMERIC, before)


def read_csv(path: Path, width: int | None = None) -> tuple[list[str], list[list[float]]]:
    """Every cell after the header parsed with float(); each row ``width`` cells (the
    header's count by default), as a decimal comma would not leave them."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    rows = [[float(cell) for cell in line.split(",")] for line in lines[1:]]
    want = len(header) if width is None else width
    assert rows and all(len(r) == want for r in rows), "a decimal comma split a cell"
    return header, rows


def test_csv_and_copied_values_use_a_point_under_a_german_locale(window, german, tmp_path):
    assert QLocale().toString(1.5) == "1,5"  # the locale the app would follow, if it did
    if german:
        assert locale.localeconv()["decimal_point"] == ","
    window.export(tmp_path / "grad.csv", plot_name="gradCurvePlot")
    header, rows = read_csv(tmp_path / "grad.csv")
    assert header[0] == "z_p"
    # The grid written as the state has it: z_p from -10 to 10 (an independent linspace).
    grid = [r[0] for r in rows]
    assert len(grid) > 100 and grid[0] == -10.0 and grid[-1] == 10.0
    assert all(b > a for a, b in itertools.pairwise(grid))
    window.set_view("surfaces")
    settle()
    window.export(tmp_path / "surface.csv", plot_name="ceLossSurface")
    _, rows = read_csv(tmp_path / "surface.csv", width=202)
    xs = rows[0][1:]
    assert xs == [pytest.approx(v, abs=1e-12) for v in [-10 + 0.1 * i for i in range(201)]]
    window.findChild(QAction, "actionCopyValues").trigger()
    copied = QApplication.clipboard().text().splitlines()
    cells = [cell for line in copied[1:4] for cell in line.split()[1:]]
    assert len(cells) == 12 and all(float(c) == float(c) for c in cells)
    ce = next(line for line in copied if line.startswith("CE  = "))
    assert float(ce.split()[2]) == pytest.approx(3.504596902, rel=1e-9)
