"""--report text's labels go through the translation function it is given; numbers do not."""

from __future__ import annotations

import re

from model.report import report_text
from model.state import AppState

NUMBER = re.compile(r"-?\d+(?:,\d{3})*(?:\.\d+)?(?:e[+-]\d+)?")


def test_every_label_is_translated_and_no_number_is() -> None:
    asked: list[str] = []

    def shout(text: str) -> str:
        asked.append(text)
        return "«" + text.upper() + "»"

    state = AppState()
    plain, loud = report_text(state), report_text(state, shout)
    assert NUMBER.findall(loud.replace("«", "").replace("»", "")) == NUMBER.findall(plain)
    assert set(asked) >= {
        "class",
        "nats",
        "sum over classes",
        "true class (*): %1",
        "article's MSE term on z_p: %1",
        "%1 steps",
        "race to s_p >= %1 (learning rates %2 / %3, at most %4 steps): CE %5, MSE %6",
    }
    # Every line of words reads translated; the class rows and the formula lines are symbols.
    for line in loud.splitlines():
        words = re.findall(r"[a-z]{3,}", re.sub(r"\b[sz]_[a-z]+|d\w+/dz_\w+", "", line))
        names = set(state.classes)
        assert not set(words) - names, line
    assert report_text(state, lambda s: s) == plain


def test_mean_reduction_and_bits_have_their_own_labels() -> None:
    state = AppState().with_units(ce_unit="bits", mse_reduction="mean")
    text = report_text(
        state, lambda s: {"bits": "比特", "mean over classes": "对类别取平均"}.get(s, s)
    )
    assert "比特" in text and "对类别取平均" in text
