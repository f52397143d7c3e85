"""model.race: every descent step against independent gradients, PRODUCT's reference table to the
step, steps_to, the settings (validation and session round trip), slices and the cache.

The oracles: the 50-digit mpmath gradients of oracle.py (the textbook MSE formula, not the
model's rearranged one), an explicit Jacobian-vector product in float64, and central finite
differences of losses written directly in mpmath.
"""

import json
import math

import mpmath
import numpy as np
import oracle
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mpf

from model import losses, race
from model.race import RaceJob, RaceSettings, RaceSettingsError, RaceVerdict

ULP = mpf(2) ** -52


@pytest.fixture(autouse=True)
def _empty_cache():
    race.clear_cache()
    yield
    race.clear_cache()


# --- each step is z - lr * (the exact gradient at z) -------------------------------------------
def _step_failures(traj, target, loss, lr):
    """Steps t whose z_{t+1} is not z_t - lr * grad(z_t) by the mpmath oracle: within the
    rounding of the final add, plus lr times the gradient standard (1e-12 of the value, or for
    MSE at j != p of the size of its terms)."""
    bad = []
    for t in range(len(traj) - 1):
        ref = oracle.reference(traj[t], target)
        grad = ref.ce_grad if loss == "ce" else ref.mse_grad
        for j, g in enumerate(grad):
            want = mpf(float(traj[t, j])) - mpf(lr) * g
            if loss == "mse" and j != target:
                scale = ref.mse_grad_terms[j]
            else:
                scale = g
            tol = ULP * abs(want) + mpf(lr) * oracle.bound(g, scale)
            if oracle.err(traj[t + 1, j], want) > tol:
                bad.append((t, j, float(traj[t + 1, j]), float(want)))
    return bad


STARTS = [
    ((-2.0, 1.0, 0.5), 0, 1.0),
    ((-8.0, 4.0, 0.0), 0, 10.0),  # MSE's chaotic regime: each step is still exact
    ((-4.0, 4.0, 0.0), 1, 0.3),
    ((-1000.0, 1000.0, 0.0), 0, 1.0),  # exponentials far out of range: the shift is renewed
    ((60.0, 65.0, 68.0), 0, 100.0),  # in range at first, out of range after a step
    ((-20.0, -15.0, -16.0), 2, 1.0),  # below range from the start
    ((-700.0, -740.0, -690.0), 1, 1.0),  # exp(z) would lose the target (subnormal) unshifted
    ((0.0, 0.0), 1, 100.0),
]


@pytest.mark.parametrize("loss", ["ce", "mse"])
@pytest.mark.parametrize(("z0", "target", "lr"), STARTS)
def test_every_step_is_an_exact_gradient_step(z0, target, lr, loss):
    traj = race.descend(z0, target, loss, lr, 40)
    assert traj.shape == (41, len(z0))
    assert traj[0].tolist() == list(z0)
    assert _step_failures(traj, target, loss, lr) == []


@pytest.mark.parametrize("loss", ["ce", "mse"])
def test_every_step_is_exact_at_k20(loss):
    z0 = np.random.default_rng(7).normal(0.0, 3.0, 20)
    for lr in (0.01, 1.0, 30.0):
        traj = race.descend(z0, 13, loss, lr, 25)
        assert _step_failures(traj, 13, loss, lr) == []


@pytest.mark.parametrize("loss", ["ce", "mse"])
@pytest.mark.parametrize(
    ("z0", "target"),
    [
        ((40.0, 0.0, 0.0), 0),  # right: the others' updates are ~1e-18, seen against z = 0
        ((0.0, -40.0, -40.0), 0),  # right: the target's update is 1 - s_p ~ 1e-17 from z = 0
        ((0.0, -300.0, -320.0, -310.0), 0),  # 1 - s_p ~ 1e-130: the saturated tail
        ((0.0, 300.0, 290.0), 0),  # wrong: s_p ~ 5e-131, MSE's target update ~ its square
    ],
)
def test_tiny_updates_keep_full_relative_precision(z0, target, loss):
    """Where a start logit is 0 the first step's change is seen in full: ``1 - s_p`` computed
    as ``1`` minus ``s_p`` (or MSE's target gradient by its textbook cancelling form) gives 0
    or noise here."""
    traj = race.descend(z0, target, loss, 1.0, 1)
    ref = oracle.reference(traj[0], target)
    grad = ref.ce_grad if loss == "ce" else ref.mse_grad
    for j, z in enumerate(z0):
        if z == 0.0:
            assert traj[1, j] != 0.0
            assert oracle.within(-traj[1, j], grad[j]), (j, traj[1, j], grad[j])


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(-30, 30, allow_nan=False), min_size=2, max_size=20),
    st.integers(0, 19),
    st.floats(0.001, 100.0),
    st.sampled_from(["ce", "mse"]),
)
def test_random_starts_step_exactly(z0, target, lr, loss):
    target %= len(z0)
    traj = race.descend(z0, target, loss, lr, 4)
    assert _step_failures(traj, target, loss, lr) == []


def _softmax64(z):
    e = np.exp(z - z.max())
    return e / e.sum()


@pytest.mark.parametrize(
    "z0", [(-2.0, 1.0, 0.5), (0.3, -0.2, 1.1, 0.0, -1.5), tuple(np.linspace(-2, 2, 20))]
)
def test_steps_follow_the_jacobian_vector_product(z0):
    """MSE's gradient is 2 J (s - y) with the softmax Jacobian J = diag(s) - s s^T, CE's is
    s - y: written out in float64 here, as matrices, where nothing cancels badly."""
    lr, p, steps = 0.5, 1, 30
    for loss in ("ce", "mse"):
        traj = race.descend(z0, p, loss, lr, steps)
        for t in range(steps):
            s = _softmax64(traj[t])
            y = np.zeros_like(s)
            y[p] = 1.0
            jac = np.diag(s) - np.outer(s, s)
            want = s - y if loss == "ce" else 2.0 * jac @ (s - y)
            got = (traj[t] - traj[t + 1]) / lr
            # the difference of two logits of size ~|z| carries ~|z| * 2^-52 of rounding
            tol = 8 * 2.0**-52 * np.abs(traj[t]).max() / lr + 1e-15
            np.testing.assert_allclose(got, want, rtol=0, atol=tol)


def _ce_mp(z, p):
    return mpmath.log(mpmath.fsum(mpmath.exp(v) for v in z)) - z[p]


def _mse_mp(z, p):
    total = mpmath.fsum(mpmath.exp(v) for v in z)
    return mpmath.fsum((mpmath.exp(v) / total - (1 if k == p else 0)) ** 2 for k, v in enumerate(z))


@pytest.mark.parametrize("loss", ["ce", "mse"])
@pytest.mark.parametrize(("z0", "p"), [((-2.0, 1.0, 0.5), 0), ((-8.0, 4.0, 0.0, 1.0), 2)])
def test_one_step_is_minus_lr_times_the_finite_difference_gradient(z0, p, loss):
    lr = 0.25
    traj = race.descend(z0, p, loss, lr, 1)
    f = _ce_mp if loss == "ce" else _mse_mp
    with mpmath.workdps(60):
        z = [mpf(v) for v in z0]
        h = mpf("1e-20")
        for j in range(len(z)):
            up, down = list(z), list(z)
            up[j] += h
            down[j] -= h
            fd = (f(up, p) - f(down, p)) / (2 * h)
            got = (mpf(z0[j]) - mpf(float(traj[1, j]))) / lr  # exact in mpmath
            assert abs(got - fd) <= mpf("1e-14") * (abs(z[j]) + 1) / lr, (j, got, fd)


# --- PRODUCT's reference table (K = 3, p = 0, one learning rate, target 0.9) -------------------
REFERENCE = [
    ((-2.0, 1.0, 0.5), 1.0, 1000, 9, 26),
    ((-4.0, 4.0, 0.0), 1.0, 1000, 11, 210),
    ((-4.0, 4.0, 0.0), 10.0, 1000, 1, 26),
    ((-8.0, 4.0, 0.0), 1.0, 10_000, 14, 9825),
    ((-10.0, 10.0, 0.0), 1.0, 100_000, 17, None),
]


@pytest.mark.parametrize(("z0", "lr", "steps", "ce", "mse"), REFERENCE)
def test_reference_table_exact_to_the_step(z0, lr, steps, ce, mse):
    for loss, want in (("ce", ce), ("mse", mse)):
        traj = race.descend(z0, 0, loss, lr, steps)
        assert race.steps_to(traj, 0, 0.9) == want, loss
    run = race.run_race(z0, 0, RaceSettings(lr_ce=lr, lr_mse=lr, max_steps=steps))
    assert (run.ce_steps, run.mse_steps) == (ce, mse)


def test_reference_table_chaotic_row():
    """z0 = (-8, 4, 0), lr = 10: CE 2, MSE about 1,150 (float64 variants give 1,148-1,159)."""
    run = race.run_race((-8.0, 4.0, 0.0), 0, RaceSettings(lr_ce=10.0, lr_mse=10.0, max_steps=2000))
    assert run.ce_steps == 2
    assert run.mse_steps is not None and 1140 <= run.mse_steps <= 1165


def test_mse_reaches_never_within_the_step_count_but_ce_does():
    run = race.run_race((-10.0, 10.0, 0.0), 0, RaceSettings(max_steps=1000))
    assert run.ce_steps == 17 and run.mse_steps is None
    assert run.mse.s_p.max() < 0.9  # a real plateau, not an off-by-one at the end
    assert run.mse.s_p[-1] > run.mse.s_p[0]  # ... on which MSE does move


# --- steps_to ------------------------------------------------------------------------------------
def test_steps_to_at_the_start_is_zero():
    traj = race.descend((5.0, 0.0, 0.0), 0, "mse", 1.0, 10)  # s_p = 0.987 already
    assert race.steps_to(traj, 0, 0.9) == 0


def test_steps_to_never_is_none():
    traj = np.tile([-3.0, 1.0, 0.0], (50, 1))
    assert race.steps_to(traj, 0, 0.5) is None
    assert race.steps_to(np.zeros((0, 3)), 0, 0.5) is None


def test_steps_to_counts_equality_as_reached():
    traj = np.array([[-1.0, 0.0], [0.0, 0.0], [1.0, 0.0]])  # s_p = ..., exactly 0.5, ...
    assert losses.softmax(traj[1])[0] == 0.5
    assert race.steps_to(traj, 0, 0.5) == 1


def test_steps_to_is_the_first_crossing_even_if_it_falls_back():
    traj = np.array([[-1.0, 0.0], [3.0, 0.0], [-1.0, 0.0], [4.0, 0.0]])
    assert race.steps_to(traj, 0, 0.9) == 1


@pytest.mark.parametrize("bad", [1.5, -0.1, float("nan"), "0.9", True])
def test_steps_to_rejects_bad_probabilities(bad):
    with pytest.raises(ValueError, match="probability"):
        race.steps_to(np.zeros((3, 3)), 0, bad)


def test_steps_to_rejects_a_single_logit_vector():
    with pytest.raises(ValueError, match="trajectory"):
        race.steps_to(np.zeros(3), 0, 0.9)


# --- descend's input -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "match"),
    [
        (((1.0, 2.0), 0, "mae", 1.0, 5), "loss"),
        (((1.0, 2.0), 0, "ce", 0.0, 5), "lr"),
        (((1.0, 2.0), 0, "ce", float("inf"), 5), "lr"),
        (((1.0, 2.0), 0, "ce", float("nan"), 5), "lr"),
        (((1.0, 2.0), 0, "ce", -1.0, 5), "lr"),
        (((1.0, 2.0), 0, "ce", 1.0, -1), "steps"),
        (((1.0, 2.0), 0, "ce", 1.0, 2.5), "steps"),
        (((1.0, 2.0), 0, "ce", 1.0, True), "steps"),
        (((1.0, 2.0), 2, "ce", 1.0, 5), "target"),
        (((1.0, 2.0), True, "ce", 1.0, 5), "target"),
        (((1.0,), 0, "ce", 1.0, 5), "2 classes"),
        (((1.0, float("nan")), 0, "ce", 1.0, 5), "finite"),
        ((((1.0, 2.0), (3.0, 4.0)), 0, "ce", 1.0, 5), "shape"),
    ],
)
def test_descend_rejects_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        race.descend(*args)


def test_descend_zero_steps_and_integer_logits():
    traj = race.descend([1, 2, 3], 0, "ce", 1, 0)
    assert traj.shape == (1, 3) and traj.dtype == np.float64
    assert traj.tolist() == [[1.0, 2.0, 3.0]]


def test_the_race_runs_the_same_descents_as_descend():
    z0, s = (-4.0, 4.0, 0.0, 1.0), RaceSettings(lr_ce=0.5, lr_mse=2.0, linked=False, max_steps=300)
    run = race.run_race(z0, 2, s)
    np.testing.assert_allclose(run.ce.logits, race.descend(z0, 2, "ce", 0.5, 300), rtol=1e-14)
    np.testing.assert_allclose(run.mse.logits, race.descend(z0, 2, "mse", 2.0, 300), rtol=1e-14)
    # what it derives per step is model.losses' own evaluation of those logits
    for c in (run.ce, run.mse):
        np.testing.assert_array_equal(c.s_p, losses.softmax(c.logits)[:, 2])
        np.testing.assert_array_equal(c.ce, losses.cross_entropy(c.logits, 2))
        np.testing.assert_array_equal(c.mse, losses.mse(c.logits, 2))
    assert run.ce.own_loss() is run.ce.ce and run.mse.own_loss() is run.mse.mse
    np.testing.assert_allclose(run.ce.loss_in("bits"), run.ce.ce / math.log(2))
    np.testing.assert_allclose(run.mse.loss_in(mse_reduction="mean"), run.mse.mse / 4)
    assert run.steps.tolist() == list(range(301))


def test_descend_both_is_two_descends():
    z0 = np.random.default_rng(5).normal(0, 2, 7)
    ce, mse = race.descend_both(z0, 2, 0.7, 3.0, 200)
    np.testing.assert_allclose(ce, race.descend(z0, 2, "ce", 0.7, 200), rtol=1e-14, atol=1e-14)
    np.testing.assert_allclose(mse, race.descend(z0, 2, "mse", 3.0, 200), rtol=1e-14, atol=1e-14)
    with pytest.raises(ValueError, match="lr_mse"):
        race.descend_both(z0, 2, 0.7, 0.0, 10)


def test_losses_fall_along_each_descent():
    """Gradient descent at a small rate: each contestant's own loss never rises."""
    run = race.run_race((-2.0, 1.0, 0.5), 0, RaceSettings(lr_ce=0.1, lr_mse=0.1, max_steps=500))
    assert np.all(np.diff(run.ce.ce) <= 0) and np.all(np.diff(run.mse.mse) <= 0)


# --- slices and the cache ------------------------------------------------------------------------
def test_slices_give_the_same_race_as_one_go():
    z0, s = np.random.default_rng(3).normal(0, 2, 20), RaceSettings(max_steps=5000)
    job = RaceJob(z0, 4, s)
    done = []
    while not job.advance(777):
        done.append(job.done)
    assert done == list(range(777, 5000, 777)) and job.done == job.total == 5000
    sliced = job.result()
    race.clear_cache()
    whole = race.run_race(z0, 4, s)
    assert sliced is not whole
    for a, b in ((sliced.ce, whole.ce), (sliced.mse, whole.mse)):
        for name in ("logits", "s_p", "ce", "mse"):
            np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert (sliced.ce_steps, sliced.mse_steps) == (whole.ce_steps, whole.mse_steps)


def test_an_unfinished_job_has_no_result_and_stays_out_of_the_cache():
    s = RaceSettings(max_steps=1000)
    job = RaceJob((-2.0, 1.0, 0.5), 0, s)
    assert not job.advance(10) and job.done == 10
    with pytest.raises(RuntimeError, match="not finished"):
        job.result()
    assert race.cached_race((-2.0, 1.0, 0.5), 0, s) is None
    assert job.advance(10**9) and job.done == 1000
    assert race.cached_race((-2.0, 1.0, 0.5), 0, s) is not None


def test_the_cache_keys_on_start_class_rates_and_steps_only():
    s = RaceSettings(max_steps=200)
    first = race.run_race((-2.0, 1.0, 0.5), 0, s)
    again = race.run_race([-2, 1, 0.5], 0, replace_settings(s, target_probability=0.6, step=5))
    assert again.ce.logits is first.ce.logits  # not recomputed
    assert again.target_probability == 0.6
    assert again.ce_steps == first.ce.steps_to(0.6)
    assert RaceJob((-2.0, 1.0, 0.5), 0, s).finished  # a cached race needs no slices
    for other in (
        race.run_race((-2.0, 1.0, 0.6), 0, s),
        race.run_race((-2.0, 1.0, 0.5), 1, s),
        race.run_race((-2.0, 1.0, 0.5), 0, s.with_rates(lr_ce=2.0)),
        race.run_race((-2.0, 1.0, 0.5), 0, s.with_max_steps(300)),
    ):
        assert other.ce.logits is not first.ce.logits


def replace_settings(s, **changes):
    from dataclasses import replace

    return replace(s, **changes)


def test_the_cache_forgets_the_least_recently_used():
    s = RaceSettings(max_steps=10)
    starts = [(float(i), 0.0, 0.0) for i in range(9)]
    for z in starts:
        race.run_race(z, 0, s)
    assert race.cached_race(starts[0], 0, s) is None  # the ninth pushed the first out
    assert all(race.cached_race(z, 0, s) is not None for z in starts[1:])
    race.run_race(starts[1], 0, s)  # used again: now the most recent
    race.run_race((99.0, 0.0, 0.0), 0, s)
    assert race.cached_race(starts[1], 0, s) is not None
    assert race.cached_race(starts[2], 0, s) is None


def test_with_target_probability_judges_the_same_descents():
    run = race.run_race((-8.0, 4.0, 0.0), 0, RaceSettings(max_steps=10_000))
    assert (run.ce_steps, run.mse_steps) == (14, 9825)
    easier = run.with_target_probability(0.5)
    assert easier.mse.logits is run.mse.logits
    # the first step with s_p >= 0.5, found here by a plain loop over the probabilities
    first = next(t for t, v in enumerate(losses.softmax(run.mse.logits)[:, 0]) if v >= 0.5)
    assert easier.mse_steps == first < 9825


# --- the verdict's numbers -----------------------------------------------------------------------
def test_verdict_of_the_reference_race():
    v = race.run_race((-8.0, 4.0, 0.0), 0, RaceSettings(max_steps=10_000)).verdict
    assert v == RaceVerdict(0.9, 10_000, 14, 9825)
    assert v.leader == "ce" and v.ratio == pytest.approx(9825 / 14)
    assert round(v.ratio) == 702


@pytest.mark.parametrize(
    ("ce", "mse", "leader", "ratio"),
    [
        (None, None, None, None),
        (14, None, "ce", None),
        (None, 30, "mse", None),
        (40, 10, "mse", 4.0),
        (7, 7, "tie", 1.0),
        (0, 5, "ce", None),  # already there: no ratio
        (0, 0, "tie", None),
    ],
)
def test_verdict_cases(ce, mse, leader, ratio):
    v = RaceVerdict(0.9, 1000, ce, mse)
    assert v.leader == leader and v.ratio == ratio


# --- settings --------------------------------------------------------------------------------
def test_default_settings():
    s = RaceSettings()
    assert (s.lr_ce, s.lr_mse, s.linked, s.max_steps, s.target_probability) == (
        1.0,
        1.0,
        True,
        1000,
        0.9,
    )
    assert (s.step, s.speed, s.log_step, s.log_loss, s.show_on_surfaces) == (
        0,
        "1",
        False,
        False,
        True,
    )


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"lr_ce": 0.0009, "linked": False}, "lr_ce"),
        ({"lr_mse": 100.5, "linked": False}, "lr_mse"),
        ({"lr_ce": float("nan"), "linked": False}, "lr_ce"),
        ({"lr_ce": "1", "linked": False}, "lr_ce"),
        ({"lr_ce": True, "linked": False}, "lr_ce"),
        ({"lr_ce": 2.0}, "linked"),
        ({"linked": 1}, "linked"),
        ({"max_steps": 9}, "max_steps"),
        ({"max_steps": 100_001}, "max_steps"),
        ({"max_steps": 1000.0}, "max_steps"),
        ({"max_steps": True}, "max_steps"),
        ({"target_probability": 0.49}, "target_probability"),
        ({"target_probability": 1.0}, "target_probability"),
        ({"target_probability": float("nan")}, "target_probability"),
        ({"step": -1}, "step"),
        ({"step": 1001}, "step"),
        ({"step": 1.0}, "step"),
        ({"speed": "3"}, "speed"),
        ({"speed": 1}, "speed"),
        ({"log_step": "true"}, "log_step"),
        ({"log_loss": 0}, "log_loss"),
        ({"show_on_surfaces": None}, "show_on_surfaces"),
    ],
)
def test_settings_validation(changes, match):
    with pytest.raises(RaceSettingsError, match=match):
        RaceSettings(**changes)
    assert issubclass(RaceSettingsError, ValueError)


def test_settings_limits_are_inclusive():
    RaceSettings(lr_ce=0.001, lr_mse=100, linked=False, max_steps=10, step=10)
    RaceSettings(max_steps=100_000, step=100_000, target_probability=0.999)
    assert RaceSettings(target_probability=0.5, lr_ce=3, lr_mse=3).lr_ce == 3.0


@pytest.mark.parametrize(
    "s",
    [
        RaceSettings(),
        RaceSettings(
            lr_ce=0.003,
            lr_mse=42.5,
            linked=False,
            max_steps=100_000,
            target_probability=0.999,
            step=99_999,
            speed="log",
            log_step=True,
            log_loss=True,
            show_on_surfaces=False,
        ),
        RaceSettings(lr_ce=0.1 + 0.2, lr_mse=0.1 + 0.2, speed="0.25", step=3),
    ],
)
def test_settings_round_trip_through_json(s):
    d = json.loads(json.dumps(s.to_dict()))
    assert set(d) == {
        "lr_ce",
        "lr_mse",
        "linked",
        "max_steps",
        "target_probability",
        "step",
        "speed",
        "log_step",
        "log_loss",
        "show_on_surfaces",
    }
    assert RaceSettings.from_dict(d) == s


def test_settings_from_partial_dicts():
    assert RaceSettings.from_dict({}) == RaceSettings()
    assert RaceSettings.from_dict({"lr_ce": 0.5}) == RaceSettings(lr_ce=0.5, lr_mse=0.5)
    unlinked = RaceSettings.from_dict({"linked": False, "lr_ce": 0.5})
    assert (unlinked.lr_ce, unlinked.lr_mse) == (0.5, 1.0)
    assert RaceSettings.from_dict({"speed": "2", "future_key": [1]}).speed == "2"


@pytest.mark.parametrize(
    "bad",
    [
        [],
        "race",
        None,
        {"max_steps": "1000"},
        {"linked": "yes"},
        {"lr_ce": 10**400},
        {"lr_ce": 1.0, "lr_mse": 2.0},
        {"step": 2000},
    ],
)
def test_settings_from_bad_dicts(bad):
    with pytest.raises(RaceSettingsError):
        RaceSettings.from_dict(bad)


def test_settings_edits():
    s = RaceSettings()
    assert s.with_rates(lr_ce=3.0) == RaceSettings(lr_ce=3.0, lr_mse=3.0)
    assert s.with_rates(lr_mse=0.2) == RaceSettings(lr_ce=0.2, lr_mse=0.2)
    u = RaceSettings(linked=False)
    assert u.with_rates(lr_mse=0.2) == RaceSettings(linked=False, lr_ce=1.0, lr_mse=0.2)
    assert RaceSettings(step=800).with_max_steps(500).step == 500
    assert RaceSettings(step=80).with_max_steps(500).step == 80
