"""The explain panel: MATH.md's argument in the app's words, with the current numbers filled in.

The numbers come from model.explain (the view computes nothing), formatted as the value table
formats them (model.formatting.fmt), so a number here and the same number in the table read
alike digit for digit. Qt's rich text only: HTML with sub- and superscripts and Unicode maths.
The sections follow the view showing: the gradient argument for the overview and the surfaces,
the first argument for the simplex, the step counts for the race, the toy network for training.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QTextBrowser, QWidget

from gui.i18n import tr
from model.explain import ExplainNumbers
from model.formatting import fmt, fmt_ratio
from model.simplex import ARTICLE_A, ARTICLE_B

VIEWS = ("overview", "surfaces", "simplex", "race", "train")
# During a drag the text changes at most once per this many milliseconds (20 times a second:
# it reads as live). Setting the rich text and repainting the panel costs about as much as the
# rest of a drag step, and a text being read needs no 60 new versions a second.
FRAME_MS = 50

S_P = "s<sub>p</sub>"
Z_P = "z<sub>p</sub>"
D_CE = "∂L<sub>CE</sub>/∂z<sub>p</sub>"
D_MSE = "∂L<sub>MSE</sub>/∂z<sub>p</sub>"
L_CE = "L<sub>CE</sub>"
L_MSE = "L<sub>MSE</sub>"


def _n(v: float) -> str:
    """A number as the value table writes it."""
    return html.escape(fmt(v))


_SUBSCRIPT = re.compile(r"\b([sLzR])_([A-Za-z]+)")


# A slash between two symbols, outside a tag: a line may break after it ("∂L_CE/" then
# "∂s_p"), unless a word joiner holds the two together (one only: markup joined twice).
_SLASH = re.compile(r"(?<![<\s])/(?=[^\s<>\u2060])(?![^<]*>)")


def _t(text: str) -> str:
    """A translated sentence as markup: escaped, and the plain-text names of the maths
    (s_p, z_p, L_CE, L_MSE, s_k, ...) with their subscripts."""
    return _joined(_SUBSCRIPT.sub(r"\1<sub>\2</sub>", html.escape(text)))


def _joined(markup: str) -> str:
    return _SLASH.sub("/\u2060", markup)


def _arg(text: str, *values: str) -> str:
    """A translated sentence as markup (see _t), with %1, %2, ... replaced by ready markup."""
    out = _t(text)
    for i in range(len(values), 0, -1):  # %10 before %1
        out = out.replace(f"%{i}", values[i - 1])
    return out


_SPACE_OUTSIDE_TAGS = re.compile(r" (?![^<]*>)")


def _formula(markup: str, note: str = "") -> str:
    """A formula on an indented line of its own. Where the panel is too narrow for it, it
    breaks only before an "=", so each further line starts with one and no term is split, nor
    an operand taken from its operator; a ``note`` after it breaks as any text does."""
    sides = [_SPACE_OUTSIDE_TAGS.sub("&nbsp;", _joined(side)) for side in markup.split(" = ")]
    body = " =&nbsp;".join(sides)
    if note:
        body += " " + note
    return f"<p style='margin-left:12px'>{body}</p>"


def _heading(text: str) -> str:
    return f"<h3>{html.escape(text)}</h3>"


def _para(markup: str) -> str:
    return f"<p>{markup}</p>"


def verdict_html(n: ExplainNumbers) -> str:
    """The one plain verdict for the state at hand."""
    sp = _n(n.s_p)
    if n.verdict == "confidently_wrong":
        head = _arg(tr("The model is confidently wrong: s_p = %1."), sp)
    elif n.verdict == "right":
        head = _arg(tr("The model is right: s_p = %1."), sp)
    elif n.top_class == n.target:
        head = _arg(tr("The model leans the right way but is unsure: s_p = %1."), sp)
    else:
        top = html.escape(n.classes[n.top_class])
        head = _arg(
            tr("The model is unsure: s_p = %1, and %2 is more probable (%3)."),
            sp,
            f"<i>{top}</i>",
            _n(n.top_probability),
        )
    if n.ratio is None:
        push = _t(tr("Both gradients are 0 to float64 precision: nothing is left to learn."))
    elif n.ratio == float("inf"):
        push = _arg(tr("MSE's gradient on z_p has vanished (0) while CE's is %1."), _n(n.ce_grad_p))
    elif n.verdict == "right":
        push = _arg(
            tr("Both gradients fade as s_p → 1 (CE %1, MSE %2); CE's is still %3× MSE's."),
            _n(n.ce_grad_p),
            _n(n.mse_grad_p),
            html.escape(fmt_ratio(n.ratio)),
        )
    else:
        push = _arg(tr("CE pushes z_p up %1× harder than MSE."), html.escape(fmt_ratio(n.ratio)))
    return f"<p><b>{head} {push}</b></p>"


def _gradient_section(n: ExplainNumbers) -> str:
    sp, rest = _n(n.s_p), _n(n.one_minus_sp)
    mean = n.mse_reduction == "mean"
    per_k = " / K" if mean else ""
    per_k_value = f" / {n.k}" if mean else ""
    parts = [
        _heading(tr("Why CE keeps learning where MSE stalls")),
        _para(
            _arg(
                tr(
                    "Both losses reach the true logit %1 through the softmax, whose slope there "
                    "is the factor"
                ),
                Z_P,
            )
        ),
        _formula(
            f"∂s<sub>p</sub>/∂z<sub>p</sub> = {S_P} (1 − {S_P}) = {sp} × {rest} = "
            f"{_n(n.softmax_factor)}"
        ),
        _para(
            _t(
                tr(
                    "It vanishes where the model is confidently wrong (s_p → 0), so whatever "
                    "multiplies it has to make up for it."
                )
            )
        ),
        _para(_t(tr("Cross-entropy cancels it: ∂L_CE/∂s_p = −1/s_p, so"))),
    ]
    if n.ce_unit == "bits":
        parts.append(
            _formula(
                f"{D_CE} = ({S_P} − 1) / ln 2 = ({sp} − 1) / {_n(0.6931471805599453)} = "
                f"{_n(n.ce_grad_p)}"
            )
        )
    else:
        parts.append(_formula(f"{D_CE} = {S_P} − 1 = {sp} − 1 = {_n(n.ce_grad_p)}"))
    parts += [
        _para(
            _t(
                tr(
                    "Squared error does not. Over all K paths through the softmax its gradient "
                    "is the loss itself times −2 s_p:"
                )
            )
        ),
        _formula(f"{D_MSE} = −2 {S_P} {L_MSE} = −2 × {sp} × {_n(n.mse)} = {_n(n.mse_grad_p)}"),
        _para(
            _t(
                tr(
                    "Where the model is confidently wrong the MSE loss is at its largest, yet "
                    "its gradient on z_p goes to 0 with s_p, while CE's goes to −1. Their ratio:"
                )
            )
        ),
    ]
    if n.ratio is not None and n.ratio != float("inf"):
        parts.append(
            _formula(
                f"|{D_CE}| / |{D_MSE}| = {_n(abs(n.ce_grad_p))} / {_n(abs(n.mse_grad_p))} = "
                f"{_n(n.ratio)}"
            )
        )
    parts += [
        _para(
            _t(
                tr(
                    "The article writes −2 s_p (1 − s_p)², the one path through (1 − s_p)²; it "
                    "leaves out the K − 1 paths through the other classes' s_k²:"
                )
            )
        ),
        _formula(
            f"−2 {S_P} (1 − {S_P})<sup>2</sup>{per_k} = −2 × {sp} × {rest}<sup>2</sup>"
            f"{per_k_value} = {_n(n.article_grad_p)}",
            _t(tr("(the article's term)")),
        ),
        _formula(
            f"−2 {S_P} Σ<sub>k≠p</sub> s<sub>k</sub><sup>2</sup>{per_k} = −2 × {sp} × "
            f"{_n(n.sq_others)}{per_k_value} = {_n(n.dropped_paths)}",
            _t(tr("(the paths it drops)")),
        ),
        _formula(
            f"{_n(n.article_grad_p)} + ({_n(n.dropped_paths)}) = {_n(n.mse_grad_p)}",
            _t(tr("(exact)")),
        ),
        _para(_t(tr("Both vanish like s_p as s_p → 0, so the article's conclusion stands."))),
    ]
    return "".join(parts)


def _simplex_section(n: ExplainNumbers) -> str:
    (ce_a, mse_a), (_ce_b, mse_b) = n.article["A"], n.article["B"]
    a = ", ".join(f"{v:g}" for v in ARTICLE_A)
    b = ", ".join(f"{v:g}" for v in ARTICLE_B)
    log = "log<sub>2</sub>" if n.ce_unit == "bits" else "log"
    per3 = " / 3" if n.mse_reduction == "mean" else ""
    open_, close = ("(", ")") if per3 else ("", "")
    parts = [
        _heading(tr("The first argument: what each loss rewards")),
        _para(
            _arg(
                tr(
                    "Take the label (1, 0, 0) for (cat, tiger, dog) and two predictions, "
                    "A = (%1) and B = (%2): both give the true class 0.8."
                ),
                a,
                b,
            )
        ),
        _formula(f"{L_CE}(A) = −{log} 0.8 = {_n(ce_a)} = {L_CE}(B)"),
        _formula(
            f"{L_MSE}(A) = {open_}0.2<sup>2</sup> + 0.1<sup>2</sup> + 0.1<sup>2</sup>{close}"
            f"{per3} = {_n(mse_a)}"
        ),
        _formula(
            f"{L_MSE}(B) = {open_}0.2<sup>2</sup> + 0.15<sup>2</sup> + 0.05<sup>2</sup>{close}"
            f"{per3} = {_n(mse_b)}"
        ),
        _para(
            _t(
                tr(
                    "MSE prefers A: it rewards spreading the wrong mass evenly, though nothing "
                    "in a one-hot label says how alike the classes are (a tiger is more like a "
                    "cat than a dog is). CE looks only at the true class."
                )
            )
        ),
        _para(
            _t(
                tr(
                    "On the triangle of all predictions, CE's level sets are the lines "
                    "s_p = const and MSE's the circles around the true class's vertex; for more "
                    "than three classes, on the triangle (s_p, s_j, rest), the rest's share "
                    "enters MSE as R² ‖r‖², and the circles become ellipses."
                )
            )
        ),
        _para(
            _arg(
                tr("The current prediction: s_p = %1, L_CE = %2, L_MSE = %3."),
                _n(n.s_p),
                _n(n.ce),
                _n(n.mse),
            )
        ),
    ]
    return "".join(parts)


def _race_section(n: ExplainNumbers) -> str:
    return "".join(
        [
            _heading(tr("Why the step counts differ")),
            _para(
                _t(
                    tr(
                        "Each step of gradient descent moves the logits by −η ∇L. On the true "
                        "logit that is η (1 − s_p) under CE and η · 2 s_p L_MSE under MSE (the "
                        "race counts CE in nats and MSE as a sum)."
                    )
                )
            ),
            _para(
                _arg(
                    tr(
                        "From the current logits one step of learning rate 1 raises z_p by %1 "
                        "under CE and by %2 under MSE."
                    ),
                    _n(-n.ce_grad_p_nats),
                    _n(-n.mse_grad_p_sum),
                )
            ),
            _para(
                _t(
                    tr(
                        "CE's step stays close to η while the model is wrong, so it leaves a "
                        "wrong start in a few steps. MSE's step is as small as s_p: from a "
                        "confidently wrong start it crawls along a plateau whose length grows "
                        "like 1/s_p before it speeds up. A larger learning rate shortens the "
                        "plateau but does not remove it."
                    )
                )
            ),
        ]
    )


def _train_section(n: ExplainNumbers) -> str:
    return "".join(
        [
            _heading(tr("What the toy network shows")),
            _para(
                _t(
                    tr(
                        "Every training point is one sample of the argument: its logits come "
                        "from the network, and the gradient on its true logit is s_p − 1 under "
                        "CE and −2 s_p L_MSE under MSE. Backpropagation multiplies these into "
                        "every weight's gradient."
                    )
                )
            ),
            _para(
                _t(
                    tr(
                        "From a saturated start (large initial weights) many points are "
                        "confidently wrong. CE corrects them hardest; MSE hardly moves them, so "
                        "its network keeps them wrong for many epochs. Click a point to load "
                        "its logits into the editor and read its numbers here."
                    )
                )
            ),
        ]
    )


def explain_html(n: ExplainNumbers, view_name: str) -> str:
    """The panel's markup for the view showing ('overview', 'surfaces', 'simplex', 'race',
    'train'; anything else gets the gradient argument)."""
    if view_name == "simplex":
        body = _simplex_section(n)
    elif view_name == "race":
        body = _race_section(n)
    elif view_name == "train":
        body = _train_section(n)
    else:
        body = _gradient_section(n)
    return f"<html><body>{verdict_html(n)}{body}</body></html>"


class ExplainPanel(QTextBrowser):
    """A read-only rich-text browser (objectName "explainText") that re-sets its text only when
    the text changes, at most once per its frame of ``FRAME_MS``; the reader's scroll position
    is kept.

    ``in_frame()`` says a text was set less than a frame ago (a new one would wait), and
    ``frame_over`` is emitted when that frame ends: a caller may then skip working out a text
    that would only wait, and send the latest when the frame is over."""

    frame_over = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("explainText")
        self.setReadOnly(True)
        # Lines break between words only: a term wider than a narrow panel scrolls sideways
        # rather than being split (QTextEdit's default breaks anywhere in it, "0.9699|412").
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.setOpenLinks(False)
        self._html = ""
        self._pending: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._end_frame)
        self.retranslate()

    def retranslate(self) -> None:
        """The panel's name; its text comes from the controller, which writes it again."""
        self.setAccessibleName(tr("Explanation"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_explain(self, numbers: ExplainNumbers, view_name: str) -> None:
        markup = explain_html(numbers, view_name)
        if markup == self._html:
            self._pending = None
            return
        self._pending = markup
        if not self._timer.isActive():
            self.flush()

    def in_frame(self) -> bool:
        return self._timer.isActive()

    def _end_frame(self) -> None:
        self.flush()
        self.frame_over.emit()

    def markup(self) -> str:
        """The markup last set or waiting to be (what the panel shows within a frame)."""
        return self._pending if self._pending is not None else self._html

    def flush(self) -> None:
        """Show a change waiting for the next frame now (e.g. when the view changes)."""
        markup = self._pending
        self._pending = None
        if markup is None or markup == self._html:
            return
        self._html = markup
        bar = self.verticalScrollBar()
        at = bar.value()
        self.setHtml(markup)
        bar.setValue(min(at, bar.maximum()))
        self._timer.start()  # the next change waits for the next frame
