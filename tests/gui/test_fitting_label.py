"""FittingLabel: the longest of its texts that fits, chosen again on a resize or a new font."""

from __future__ import annotations

from PySide6.QtGui import QFont

from gui.views.fitting_label import FittingLabel


def test_it_shows_the_longest_text_that_fits_and_follows_its_width_and_font(qtbot):
    label = FittingLabel()
    qtbot.addWidget(label)
    long, short = "CE 93.3 % right", "CE 93.3 %"
    metrics = label.fontMetrics()
    label.resize(metrics.horizontalAdvance(long) + 4, 40)
    label.show()
    label.set_texts((long, short))
    assert label.text() == long
    label.resize(metrics.horizontalAdvance(long) - 4, 40)
    assert label.text() == short
    label.resize(2, 40)  # nothing fits: the last, the shortest
    assert label.text() == short
    label.resize(metrics.horizontalAdvance(long) + 4, 40)
    assert label.text() == long
    big = QFont(label.font())
    big.setPointSize(label.font().pointSize() * 2)
    label.setFont(big)  # the same width no longer holds the long text
    assert label.text() == short


def test_until_given_texts_it_is_a_plain_label(qtbot):
    label = FittingLabel()
    qtbot.addWidget(label)
    label.setText("Epoch 3 / 500")
    label.resize(5, 20)
    assert label.text() == "Epoch 3 / 500"


def test_the_form_is_chosen_by_the_widest_value_so_it_does_not_change_with_the_number(qtbot):
    label = FittingLabel()
    qtbot.addWidget(label)
    widest = ("CE 100.0 % right", "CE 100.0 %")
    metrics = label.fontMetrics()
    label.resize(metrics.horizontalAdvance(widest[0]) - 2, 40)  # "CE 9.3 % right" would fit
    label.show()
    assert metrics.horizontalAdvance("CE 9.3 % right") < label.contentsRect().width()
    label.set_texts(("CE 9.3 % right", "CE 9.3 %"), widest)
    assert label.text() == "CE 9.3 %"
    label.resize(metrics.horizontalAdvance(widest[0]) + 2, 40)
    assert label.text() == "CE 9.3 % right"
