"""model.state: the default state and every edit (session files: test_session.py)."""

import math
import struct
from dataclasses import FrozenInstanceError

import numpy as np
import pytest

from model.state import AppState, StateError


def _bits(values):
    return [struct.pack("<d", float(v)) for v in values]


def _largest_wrong(logits, target):
    wrong = [k for k in range(len(logits)) if k != target]
    return max(wrong, key=lambda k: logits[k])


def _assert_valid(s):
    assert 2 <= s.k <= 20
    assert len(s.classes) == s.k
    assert 0 <= s.target < s.k
    assert 0 <= s.surface.competitor < s.k
    assert s.surface.competitor != s.target


# --- the default state ----------------------------------------------------------------------------
def test_default_state_is_products_default():
    s = AppState()
    assert s.k == 3
    assert s.classes == ("cat", "tiger", "dog")
    assert s.logits == (-2.0, 1.0, 0.5)
    assert s.target == 0
    assert s.surface.mode == "shift"
    assert s.surface.competitor == 1 == _largest_wrong(s.logits, s.target)  # tiger
    assert s.surface.x_range == (-10.0, 10.0)
    assert s.surface.y_range == (-10.0, 10.0)
    assert s.surface.resolution == 201
    assert s.ce_unit == "nats"
    assert s.mse_reduction == "sum"
    z = s.z()
    assert z.dtype == np.float64 and z.tolist() == [-2.0, 1.0, 0.5]
    x = s.surface.x_axis()
    assert x.shape == (201,) and x[0] == -10.0 and x[-1] == 10.0 and x[100] == 0.0
    assert s.surface.y_axis().shape == (201,)
    assert s.second_axis() == 0.75


def test_state_is_frozen():
    s = AppState()
    with pytest.raises(FrozenInstanceError):
        s.target = 1  # type: ignore[misc]


# --- edits -----------------------------------------------------------------------------------
def test_with_logit_keeps_full_precision_and_the_original():
    s = AppState()
    v = 0.1 + 0.2  # 0.30000000000000004: must not be rounded for display
    t = s.with_logit(2, v)
    assert t.logits == (-2.0, 1.0, v)
    assert _bits(t.logits)[2] == _bits([v])[0]
    assert s.logits == (-2.0, 1.0, 0.5)  # a new state; the old one is untouched
    assert s.with_logit(0, 1000.0).logits[0] == 1000.0
    assert s.with_logit(0, -1000.0).logits[0] == -1000.0


@pytest.mark.parametrize(
    ("value", "pattern"),
    [
        (1000.5, r"within ±1000"),
        (-1e6, r"within ±1000"),
        (float("nan"), r"finite"),
        (float("inf"), r"finite"),
    ],
)
def test_with_logit_rejects_bad_values(value, pattern):
    with pytest.raises(StateError, match=pattern):
        AppState().with_logit(1, value)


def test_with_logits_replaces_all_and_checks_the_count():
    s = AppState().with_logits([3, -1, 2])
    assert s.logits == (3.0, -1.0, 2.0)
    assert all(type(v) is float for v in s.logits)
    with pytest.raises(StateError, match=r"3 class names for 4 logits"):
        AppState().with_logits([0.0, 1.0, 2.0, 3.0])


def test_with_target_moves_a_clashing_competitor_to_the_largest_wrong_class():
    s = AppState()  # competitor 1 (tiger)
    t = s.with_target(1)
    assert t.target == 1
    assert t.surface.competitor == 2 == _largest_wrong(t.logits, 1)  # dog (0.5) beats cat (-2)
    u = s.with_target(2)  # no clash: the user's competitor stays
    assert u.target == 2 and u.surface.competitor == 1
    v = s.with_logits([5.0, 1.0, 0.5]).with_surface(competitor=2).with_target(2)
    assert v.surface.competitor == 0  # cat now has the largest wrong logit


@pytest.mark.parametrize("target", [3, -1, 20])
def test_with_target_out_of_range_raises(target):
    with pytest.raises(StateError, match=r"true class must be 0…2"):
        AppState().with_target(target)


def test_with_class_count_grows_with_class_k_at_logit_0():
    s = AppState().with_class_count(5)
    assert s.k == 5
    assert s.classes == ("cat", "tiger", "dog", "class 3", "class 4")
    assert s.logits == (-2.0, 1.0, 0.5, 0.0, 0.0)
    assert s.target == 0 and s.surface.competitor == 1
    s20 = s.with_class_count(20)
    assert s20.k == 20 and s20.classes[-1] == "class 19" and s20.logits[-1] == 0.0


def test_with_class_count_shrinks_and_moves_a_vanished_target_to_class_0():
    s = AppState().with_class_count(5).with_logits([0.0, 2.0, 1.0, 3.0, -1.0]).with_target(4)
    assert s.surface.competitor == 1  # unchanged: no clash
    t = s.with_class_count(3)
    assert t.classes == ("cat", "tiger", "dog")
    assert t.logits == (0.0, 2.0, 1.0)
    assert t.target == 0
    assert t.surface.competitor == 1
    _assert_valid(t)


def test_with_class_count_replaces_a_vanished_competitor_with_the_largest_wrong():
    s = AppState().with_class_count(5).with_logits([0.0, 2.0, 1.0, 3.0, 2.5])
    s = s.with_surface(competitor=4)
    t = s.with_class_count(3)
    assert t.target == 0
    assert t.surface.competitor == 1 == _largest_wrong(t.logits, 0)
    # target vanishes and the competitor was class 0: the competitor must move off the target
    u = AppState().with_class_count(4).with_target(3).with_surface(competitor=0)
    v = u.with_class_count(2)
    assert v.target == 0 and v.surface.competitor == 1


@pytest.mark.parametrize("k", [1, 21, 0, -3])
def test_with_class_count_out_of_range_raises(k):
    with pytest.raises(StateError, match=r"number of classes must be 2…20"):
        AppState().with_class_count(k)


def test_random_edit_sequences_keep_the_state_valid():
    rng = np.random.default_rng(123)
    s = AppState()
    for _ in range(400):
        op = rng.integers(4)
        if op == 0:
            s = s.with_class_count(int(rng.integers(2, 21)))
        elif op == 1:
            s = s.with_target(int(rng.integers(s.k)))
        elif op == 2:
            s = s.with_logit(int(rng.integers(s.k)), float(rng.uniform(-1000, 1000)))
        else:
            s = s.with_surface(mode=str(rng.choice(["shift", "competitor"])))
        _assert_valid(s)


def test_with_class_name_and_empty_names():
    s = AppState().with_class_name(1, "猫科")
    assert s.classes == ("cat", "猫科", "dog")
    for bad in ("", "   "):
        with pytest.raises(StateError, match=r"name of class 0 is empty"):
            AppState().with_class_name(0, bad)


# The editor's rule (PRODUCT.md F1): one line of 1…40 printable characters. Each of these breaks
# something: a newline splits --report text's table, a lone surrogate (a JSON "\ud800", or a
# byte of --classes that is not UTF-8) cannot be printed or saved as UTF-8.
BAD_NAMES = {
    "newline": ("ca\nt", r"control character \(U\+000A\)"),
    "carriage return": ("cat\r", r"control character \(U\+000D\)"),
    "tab": ("c\tat", r"control character \(U\+0009\)"),
    "NUL": ("\x00", r"control character \(U\+0000\)"),
    "escape": ("\x1b[31mred", r"control character \(U\+001B\)"),
    "DEL": ("cat\x7f", r"control character \(U\+007F\)"),
    "next line (C1)": ("cat\x85dog", r"control character \(U\+0085\)"),
    "line separator": ("cat\u2028dog", r"line break \(U\+2028\)"),
    "paragraph separator": ("cat\u2029", r"paragraph break \(U\+2029\)"),
    "lone high surrogate": ("\ud800", r"lone surrogate.*\(U\+D800\)"),
    "undecodable byte from argv": ("ca\udcfft", r"lone surrogate.*\(U\+DCFF\)"),
    "41 characters": ("x" * 41, r"longer than 40 characters"),
    "21 characters beyond U+FFFF": ("😀" * 21, r"longer than 40 characters"),
    "only spaces": (" \u3000 ", r"is empty"),
    "not text": (3, r"is not text"),
}
GOOD_NAMES = ["x" * 40, "😀" * 20, "猫科 動物", "class 0", "naïve café", "👩‍💻 coder", "Ω", " a "]


@pytest.mark.parametrize("case", list(BAD_NAMES))
def test_a_class_name_that_is_not_one_line_of_printable_text_is_refused(case):
    name, pattern = BAD_NAMES[case]
    with pytest.raises(StateError, match=pattern) as info:
        AppState().with_class_name(1, name)
    with pytest.raises(StateError, match=pattern):
        AppState(classes=("cat", name, "dog"))  # every path: the state checks itself
    with pytest.raises(StateError, match=pattern):
        AppState().with_classes(("a", "b", name, "d"), (0.0, 1.0, 2.0, 3.0), 0)
    message = str(info.value)
    assert "name of class 1" in message
    # The message itself is one printable line, whatever the name held.
    assert message.isprintable() and message.encode("utf-8")


@pytest.mark.parametrize("name", GOOD_NAMES)
def test_a_class_name_of_1_to_40_printable_characters_is_kept_as_it_is(name):
    assert AppState().with_class_name(2, name).classes == ("cat", "tiger", name)


def test_with_surface_changes_and_validation():
    s = AppState().with_surface(mode="competitor", competitor=2, x_range=(-5.0, 3.0), resolution=11)
    assert s.surface.mode == "competitor" and s.surface.competitor == 2
    assert s.surface.x_range == (-5.0, 3.0) and s.surface.resolution == 11
    assert s.surface.y_range == (-10.0, 10.0)
    assert AppState().with_surface(resolution=801).surface.resolution == 801
    bad = [
        ({"competitor": 0}, r"competitor must be a class 0…2 other than the true class"),
        ({"competitor": 3}, r"competitor"),
        ({"mode": "diagonal"}, r"surface mode must be 'shift' or 'competitor'"),
        ({"x_range": (5.0, -5.0)}, r"x_range must go from low to high"),
        ({"y_range": (0.0, 0.0)}, r"y_range must go from low to high"),
        ({"x_range": (-1001.0, 0.0)}, r"within ±1000"),
        ({"y_range": (0.0, float("inf"))}, r"finite"),
        ({"resolution": 10}, r"resolution must be 11…801"),
        ({"resolution": 802}, r"resolution must be 11…801"),
    ]
    for changes, pattern in bad:
        with pytest.raises(StateError, match=pattern):
            AppState().with_surface(**changes)


def test_with_units():
    s = AppState().with_units(ce_unit="bits")
    assert (s.ce_unit, s.mse_reduction) == ("bits", "sum")
    t = s.with_units(mse_reduction="mean")
    assert (t.ce_unit, t.mse_reduction) == ("bits", "mean")
    with pytest.raises(StateError, match=r"ce_unit must be 'nats' or 'bits'"):
        AppState().with_units(ce_unit="bans")
    with pytest.raises(StateError, match=r"mse_reduction must be 'sum' or 'mean'"):
        AppState().with_units(mse_reduction="max")


# --- the current point on the surfaces -------------------------------------------------------
def test_with_surface_point_shift_mode_keeps_the_others_spread():
    s = AppState().with_class_count(5).with_logits([-2.0, 1.0, 0.5, -3.25, 7.0]).with_target(2)
    before = np.delete(np.array(s.logits), 2)
    t = s.with_surface_point(4.5, -6.0)
    z = np.array(t.logits)
    assert z[2] == 4.5
    after = np.delete(z, 2)
    assert math.isclose(np.mean(after), -6.0, rel_tol=0, abs_tol=1e-12)
    assert math.isclose(t.second_axis(), -6.0, rel_tol=0, abs_tol=1e-12)
    diffs_before = before[:, None] - before[None, :]
    diffs_after = after[:, None] - after[None, :]
    assert np.allclose(diffs_after, diffs_before, rtol=0, atol=1e-12)
    assert t.classes == s.classes and t.target == s.target and t.surface == s.surface


def test_with_surface_point_competitor_mode_moves_only_target_and_competitor():
    s = AppState().with_class_count(4).with_logits([0.5, 1.0, -2.0, 3.0])
    s = s.with_surface(mode="competitor", competitor=2)
    t = s.with_surface_point(-1.25, 8.5)
    assert t.logits == (-1.25, 1.0, 8.5, 3.0)
    assert t.second_axis() == 8.5


@pytest.mark.parametrize("mode", ["shift", "competitor"])
def test_with_surface_point_stays_within_the_logit_limits(mode):
    s = AppState().with_surface(mode=mode)
    t = s.with_surface_point(5000.0, -5000.0)
    assert all(abs(v) <= 1000.0 for v in t.logits)
    assert t.logits[0] == 1000.0
    _assert_valid(t)


def test_view_settings_are_edits_like_any_other():
    s = AppState()
    t = s.with_overview(log_grad=True).with_surface(log_colours=True, slow_threshold=0.02)
    t = t.with_view("surfaces")
    assert s == AppState()  # frozen: the old state is untouched
    assert (t.overview.log_grad, t.surface.log_colours, t.surface.slow_threshold) == (
        True,
        True,
        0.02,
    )
    assert t.view == "surfaces" and t != s
    with pytest.raises(StateError):
        s.with_view("charts")  # type: ignore[arg-type]
    with pytest.raises(StateError):
        s.with_surface(slow_threshold=0.0)
