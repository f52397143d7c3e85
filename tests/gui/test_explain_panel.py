"""The explain panel alone: its text carries the value table's numbers (fmt of model.losses,
computed here separately), follows the view, and is re-set only when it changes."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QTextBrowser

from gui.views.explain import VIEWS, ExplainPanel
from model import losses
from model.explain import explain_numbers
from model.formatting import fmt
from model.presets import PRESETS

CLASSES = ("cat", "tiger", "dog")
rng = np.random.default_rng(11)
STATES = [(p.logits, 0, CLASSES) for p in PRESETS]
STATES += [
    (tuple(rng.normal(0, 3, size=k)), int(rng.integers(0, k)), tuple(f"c{i}" for i in range(k)))
    for k in (2, 4, 7, 20)
]


@pytest.fixture
def panel(qtbot):
    p = ExplainPanel()
    qtbot.addWidget(p)
    p.resize(460, 800)
    p.show()
    return p


@pytest.mark.parametrize(("logits", "target", "classes"), STATES)
@pytest.mark.parametrize(("unit", "reduction"), [("nats", "sum"), ("bits", "mean")])
def test_gradient_argument_has_the_tables_numbers(qtbot, logits, target, classes, unit, reduction):
    panel = ExplainPanel()
    qtbot.addWidget(panel)
    z = np.array(logits)
    k = z.size
    cf = 1 / math.log(2) if unit == "bits" else 1.0
    mf = 1 / k if reduction == "mean" else 1.0
    s_p = float(losses.softmax(z)[target])
    ce_g = float(losses.cross_entropy_grad(z, target)[target]) * cf
    mse = float(losses.mse(z, target, reduction))
    mse_g = float(losses.mse_grad(z, target, reduction)[target])
    article = float(losses.mse_grad_article(z, target)) * mf
    panel.show_explain(explain_numbers(z, target, unit, reduction, classes), "overview")
    text = panel.toPlainText()
    if unit == "nats":
        assert f"= sp − 1 = {fmt(s_p)} − 1 = {fmt(ce_g)}" in text
    else:
        assert f"({fmt(s_p)} − 1) / 0.693147 = {fmt(ce_g)}" in text
    assert f"= −2 sp LMSE = −2 × {fmt(s_p)} × {fmt(mse)} = {fmt(mse_g)}" in text
    assert fmt(article) in text
    if mse_g != 0:
        assert fmt(abs(ce_g) / abs(mse_g)) in text


@pytest.mark.parametrize(("logits", "target", "classes"), STATES[:6])
def test_every_view_has_its_section_and_the_verdict(panel, logits, target, classes):
    n = explain_numbers(logits, target, classes=classes)
    seen = set()
    for view in VIEWS:
        panel.show_explain(n, view)
        panel.flush()  # not waiting out the frame between views
        text = panel.toPlainText()
        seen.add(text)
        assert f"sp = {fmt(n.s_p)}" in text  # the verdict
    assert len(seen) == 4  # overview and surfaces share the gradient argument


def test_simplex_section_has_a_and_b(panel):
    n = explain_numbers((-2.0, 1.0, 0.5), 0, classes=CLASSES)
    panel.show_explain(n, "simplex")
    text = panel.toPlainText()
    ce = float(losses.cross_entropy(np.log([0.8, 0.1, 0.1]), 0))
    assert f"= −log 0.8 = {fmt(ce)}" in text
    assert f"= {fmt(float(losses.mse(np.log([0.8, 0.1, 0.1]), 0)))}" in text
    assert f"= {fmt(float(losses.mse(np.log([0.8, 0.15, 0.05]), 0)))}" in text
    assert fmt(float(losses.cross_entropy(np.array([-2.0, 1.0, 0.5]), 0))) in text


def test_race_section_has_the_first_steps(panel):
    n = explain_numbers((-2.0, 1.0, 0.5), 0, "bits", "mean", CLASSES)
    panel.show_explain(n, "race")
    text = panel.toPlainText()
    z = np.array([-2.0, 1.0, 0.5])
    # the race's units whatever the display's: nats and a sum
    assert fmt(-float(losses.cross_entropy_grad(z, 0)[0])) in text
    assert fmt(-float(losses.mse_grad(z, 0)[0])) in text


def test_verdict_follows_the_state(panel):
    texts = {}
    for name, logits in (
        ("wrong", (-4.0, 4.0, 0.0)),
        ("unsure", (0.0, 0.4, 0.0)),
        ("right", (3.0, 0.0, 0.0)),
    ):
        panel.show_explain(explain_numbers(logits, 0, classes=CLASSES), "overview")
        panel.flush()
        texts[name] = panel.toPlainText().split("\n")[0]
    assert "confidently wrong" in texts["wrong"]
    assert "773" in texts["wrong"] or "774" in texts["wrong"]
    assert "unsure" in texts["unsure"] and "tiger" in texts["unsure"]
    assert "right" in texts["right"] and "confidently" not in texts["right"]


def test_text_is_reset_only_when_it_changes_and_at_most_once_a_frame(panel, qtbot):
    changes = []
    panel.textChanged.connect(lambda: changes.append(1))
    a = explain_numbers((-2.0, 1.0, 0.5), 0, classes=CLASSES)
    panel.show_explain(a, "overview")
    assert len(changes) == 1
    panel.show_explain(a, "overview")
    panel.show_explain(explain_numbers((-2.0, 1.0, 0.5), 0, classes=CLASSES), "overview")
    assert len(changes) == 1
    # a drag: several new states within one frame show the last, once
    for zp in (-1.9, -1.8, -1.7):
        panel.show_explain(explain_numbers((zp, 1.0, 0.5), 0, classes=CLASSES), "overview")
    last = explain_numbers((-1.7, 1.0, 0.5), 0, classes=CLASSES)
    assert len(changes) == 1  # the first change of a burst waits for the frame
    qtbot.waitUntil(lambda: len(changes) == 2, timeout=1000)
    assert f"sp = {fmt(last.s_p)}" in panel.toPlainText()
    qtbot.wait(60)
    assert len(changes) == 2


def test_scroll_position_is_kept(qtbot):
    panel = ExplainPanel()
    qtbot.addWidget(panel)
    panel.resize(300, 200)
    panel.show()
    panel.show_explain(explain_numbers((-2.0, 1.0, 0.5), 0), "overview")
    bar = panel.verticalScrollBar()
    assert bar.maximum() > 100
    bar.setValue(120)
    qtbot.wait(30)
    new = explain_numbers((-1.0, 1.0, 0.5), 0)
    panel.show_explain(new, "overview")
    qtbot.waitUntil(lambda: f"sp = {fmt(new.s_p)}" in panel.toPlainText())
    assert bar.value() == 120


def test_object_name_and_read_only(panel):
    assert panel.objectName() == "explainText" and isinstance(panel, QTextBrowser)
    assert panel.isReadOnly()


class Marking(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):
        return f"«{source}»" if context == "" else None


def test_strings_go_through_the_translation_context(qtbot):
    translator = Marking()
    QCoreApplication.installTranslator(translator)
    try:
        panel = ExplainPanel()
        qtbot.addWidget(panel)
        panel.show_explain(explain_numbers((-2.0, 1.0, 0.5), 0), "simplex")
        text = panel.toPlainText()
        assert text.startswith("«The model is confidently wrong")
        assert "«The first argument: what each loss rewards»" in text
    finally:
        QCoreApplication.removeTranslator(translator)


def laid_out_lines(panel: ExplainPanel) -> list[list[str]]:
    """Each paragraph of the panel as the lines it is laid out in, at the panel's width."""
    doc = panel.document()
    doc.documentLayout().documentSize()  # lays out what is not yet
    paragraphs = []
    block = doc.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        lines = [layout.lineAt(i) for i in range(layout.lineCount())]
        paragraphs.append([text[ln.textStart() : ln.textStart() + ln.textLength()] for ln in lines])
        block = block.next()
    return paragraphs


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize(("logits", "target", "classes"), STATES[:1] + STATES[-2:])
def test_a_narrow_panel_breaks_lines_between_words_and_formulas_before_an_equals_sign(
    qtbot, view, logits, target, classes
):
    """At the narrowest the window makes the panel (the logit dock's width, 240 px, on a
    screen too small for more), a formula breaks only before an "=", and any other line
    between words. Qt's default broke formulas between any two terms, and narrower still
    inside a number ("0.9699|412" for 0.969941²) or a fraction ("∂L_CE/|∂s_p")."""
    panel = ExplainPanel()
    qtbot.addWidget(panel)
    panel.resize(240, 800)
    panel.show()
    panel.show_explain(explain_numbers(np.array(logits), target, "nats", "sum", classes), view)
    formulas = 0
    for lines in laid_out_lines(panel):
        # a break at a space (Qt keeps it at the end of the line before), never in a word
        assert all(before.endswith(" ") for before in lines[:-1]), lines
        if len(lines) > 1 and lines[1].startswith("="):
            formulas += 1
            for i, line in enumerate(lines[1:], 1):
                # In a formula a plain space comes only before an "=" (its terms are joined by
                # no-break spaces); one before anything else starts its note, which is text.
                note_begun = re.search(r" (?!=)", "".join(lines[:i]).rstrip()) is not None
                assert line.startswith("=") or note_begun, lines
    assert formulas > 0 or view in ("race", "train")  # their formulas fit on one line
    assert panel.horizontalScrollBar().maximum() == 0  # and nothing is wider than the panel
