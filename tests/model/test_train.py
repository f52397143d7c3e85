"""F11's model: toy data, the tiny network's exact weight gradients, runs, presets, settings.

Oracles: central finite differences of the batch loss, and a second backpropagation written
here sample by sample with explicit loops and the softmax Jacobian matrix (no numpy
broadcasting, no model.losses); accuracies and regions recomputed here from the weights.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from model import train
from model.datasets import (
    BOX,
    CLASS_COUNTS,
    DATA_EXTENT,
    DATASETS,
    DatasetError,
    make_dataset,
)
from model.train import (
    RegionGrid,
    RunCache,
    TrainRun,
    TrainSettings,
    TrainSettingsError,
    epoch_frame,
    initial_weights,
    loss_and_grad,
    point_logits,
    region_image,
    run_curves,
)


# --- an independent network, one sample at a time ---------------------------------------------
def ref_logits(weights, model, x):
    """Logits of one point by explicit sums."""
    if model == "linear":
        w, b = weights
        return [b[k] + x[0] * w[0][k] + x[1] * w[1][k] for k in range(len(b))], None
    w1, b1, w2, b2 = weights
    hidden = [math.tanh(b1[j] + x[0] * w1[0][j] + x[1] * w1[1][j]) for j in range(len(b1))]
    z = [b2[k] + sum(hidden[j] * w2[j][k] for j in range(len(hidden))) for k in range(len(b2))]
    return z, hidden


def ref_softmax(z):
    m = max(z)
    e = [math.exp(v - m) for v in z]
    total = sum(e)
    return [v / total for v in e]


def ref_loss_and_grad(weights, model, xs, ys, loss):
    """The batch mean loss and its weight gradient, sample by sample: dL/ds from the loss's
    definition, dL/dz = Jᵀ dL/ds with the softmax Jacobian J = diag(s) − s sᵀ, then the
    chain rule through each weight by loops."""
    weights = [np.array(w, dtype=float).tolist() for w in weights]
    grads = [np.zeros(np.shape(w)) for w in weights]
    total = 0.0
    m = len(ys)
    for x, y in zip(xs.tolist(), ys.tolist(), strict=True):
        z, hidden = ref_logits(weights, model, x)
        k = len(z)
        s = ref_softmax(z)
        onehot = [1.0 if c == y else 0.0 for c in range(k)]
        if loss == "ce":
            total += -math.log(s[y])
            dl_ds = [-onehot[c] / s[c] for c in range(k)]
        else:
            total += sum((s[c] - onehot[c]) ** 2 for c in range(k))
            dl_ds = [2.0 * (s[c] - onehot[c]) for c in range(k)]
        jac = [[s[a] * ((1.0 if a == b else 0.0) - s[b]) for b in range(k)] for a in range(k)]
        dl_dz = [sum(jac[a][b] * dl_ds[a] for a in range(k)) / m for b in range(k)]
        if model == "linear":
            for c in range(k):
                grads[1][c] += dl_dz[c]
                for d in range(2):
                    grads[0][d][c] += x[d] * dl_dz[c]
            continue
        w2 = weights[2]
        for c in range(k):
            grads[3][c] += dl_dz[c]
            for j in range(len(hidden)):
                grads[2][j][c] += hidden[j] * dl_dz[c]
        for j in range(len(hidden)):
            dl_dh = sum(w2[j][c] * dl_dz[c] for c in range(k))
            dl_da = dl_dh * (1.0 - hidden[j] ** 2)
            grads[1][j] += dl_da
            for d in range(2):
                grads[0][d][j] += x[d] * dl_da
    return total / m, grads


def batch_loss(weights, model, xs, ys, loss):
    """The batch loss alone, from the independent forward pass (for finite differences)."""
    return ref_loss_and_grad(weights, model, xs, ys, loss)[0]


def small_problem(model, scale=1.0, n=60, dataset="blobs"):
    data = make_dataset(dataset, n, seed=3)
    w = initial_weights(model, data.k, seed=5, init_scale=scale)
    rng = np.random.default_rng(11)
    # Non-zero biases too, so that their gradients are tested away from the start.
    w = tuple(a + (0.3 * rng.standard_normal(a.shape) if a.ndim == 1 else 0.0) for a in w)
    return data, w


CASES = [(m, loss) for m in ("linear", "mlp") for loss in ("ce", "mse")]


# --- gradients -------------------------------------------------------------------------------
@pytest.mark.parametrize(("model", "loss"), CASES)
def test_weight_gradients_match_central_finite_differences(model, loss):
    data, w = small_problem(model, n=50, dataset="moons")
    _, grads = loss_and_grad(w, model, data.x, data.y, loss)
    h = 1e-5
    for i, wi in enumerate(w):
        fd = np.zeros(wi.shape)
        for idx in np.ndindex(wi.shape):
            plus = [a.copy() for a in w]
            minus = [a.copy() for a in w]
            plus[i][idx] += h
            minus[i][idx] -= h
            fd[idx] = (
                batch_loss(plus, model, data.x, data.y, loss)
                - batch_loss(minus, model, data.x, data.y, loss)
            ) / (2 * h)
        scale = np.abs(fd).max()
        assert scale > 1e-4, "a gradient this small would test nothing"
        np.testing.assert_allclose(grads[i], fd, rtol=1e-6, atol=1e-6 * scale)


@pytest.mark.parametrize(("model", "loss"), CASES)
@pytest.mark.parametrize("scale", [0.3, 4.0])
def test_weight_gradients_match_a_per_sample_jacobian_backprop(model, loss, scale):
    data, w = small_problem(model, scale=scale, n=90, dataset="spirals")
    value, grads = loss_and_grad(w, model, data.x, data.y, loss)
    ref_value, ref_grads = ref_loss_and_grad(w, model, data.x, data.y, loss)
    assert value == pytest.approx(ref_value, rel=1e-12)
    for g, r in zip(grads, ref_grads, strict=True):
        assert g.shape == r.shape
        np.testing.assert_allclose(g, r, rtol=1e-9, atol=1e-12 * max(np.abs(r).max(), 1e-300))


def test_saturated_mse_gradient_is_far_smaller_than_ce():
    """At a saturated, confidently wrong start, MSE's weight gradient nearly vanishes."""
    s = TrainSettings().with_preset("saturated")
    run = TrainRun(s)
    w = run.weights("ce", 0)
    _, g_ce = loss_and_grad(w, "linear", run.data.x, run.data.y, "ce")
    _, g_mse = loss_and_grad(w, "linear", run.data.x, run.data.y, "mse")
    _, r_mse = ref_loss_and_grad(w, "linear", run.data.x, run.data.y, "mse")
    np.testing.assert_allclose(g_mse[0], r_mse[0], rtol=1e-9, atol=1e-15)
    assert np.abs(g_ce[0]).max() > 20 * np.abs(g_mse[0]).max()


# --- runs ------------------------------------------------------------------------------------
@pytest.mark.parametrize("model", ["linear", "mlp"])
def test_a_run_is_gradient_descent_from_the_shared_start(model):
    s = TrainSettings(model=model, lr_ce=0.7, lr_mse=2.0, linked=False, init_scale=1.5)
    run = TrainRun(s)
    w0 = initial_weights(model, run.k, s.seed, s.init_scale)
    for c in ("ce", "mse"):
        for a, b in zip(run.weights(c, 0), w0, strict=True):
            np.testing.assert_array_equal(a, b)
    for c, lr in (("ce", 0.7), ("mse", 2.0)):
        w = [a.copy() for a in w0]
        for t in range(5):
            _, g = ref_loss_and_grad(w, model, run.data.x, run.data.y, c)
            w = [a - lr * ga for a, ga in zip(w, g, strict=True)]
            for a, b in zip(run.weights(c, t + 1), w, strict=True):
                np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-13)


@pytest.mark.parametrize("model", ["linear", "mlp"])
def test_same_seed_same_weights_after_100_epochs(model):
    s = TrainSettings(model=model, dataset="xor", seed=7, init_scale=2.0)
    a, b = TrainRun(s), TrainRun(s)
    a.extend_to(100)
    for t in range(0, 101, 20):  # b in uneven slices: the result must not depend on them
        b.extend_to(t)
    b.extend_to(100)
    for c in ("ce", "mse"):
        for wa, wb in zip(a.weights(c, 100), b.weights(c, 100), strict=True):
            np.testing.assert_array_equal(wa, wb)
        np.testing.assert_array_equal(a.loss(c), b.loss(c))
    other = TrainRun(TrainSettings(model=model, dataset="xor", seed=8, init_scale=2.0))
    assert not np.array_equal(other.weights("ce", 100)[0], a.weights("ce", 100)[0])


def accuracy_here(run, contestant, epoch):
    w = [np.asarray(a).tolist() for a in run.weights(contestant, epoch)]
    right = 0
    for x, y in zip(run.data.x.tolist(), run.data.y.tolist(), strict=True):
        z, _ = ref_logits(w, run.model, x)
        right += int(max(range(len(z)), key=lambda k: z[k]) == y)
    return right / run.data.n


def test_saturated_preset_ce_learns_mse_stalls():
    s = TrainSettings().with_preset("saturated")
    assert (s.dataset, s.model, s.preset) == ("blobs", "linear", "saturated")
    run = TrainRun(s)
    run.extend_to(200)
    ce, mse = accuracy_here(run, "ce", 200), accuracy_here(run, "mse", 200)
    assert ce >= 0.90
    assert mse <= 0.60
    assert run.accuracy("ce")[200] == pytest.approx(ce, abs=1e-12)
    assert run.accuracy("mse")[200] == pytest.approx(mse, abs=1e-12)


def test_easy_preset_both_learn():
    run = TrainRun(TrainSettings().with_preset("easy"))
    run.extend_to(200)
    assert accuracy_here(run, "ce", 200) >= 0.9
    assert accuracy_here(run, "mse", 200) >= 0.9


def test_losses_recorded_are_each_contestants_own_batch_loss():
    run = TrainRun(TrainSettings(model="mlp", init_scale=2.0))
    run.extend_to(30)
    for c in ("ce", "mse"):
        w = run.weights(c, 30)
        assert run.loss(c)[30] == pytest.approx(
            batch_loss(w, "mlp", run.data.x, run.data.y, c), rel=1e-12
        )
    assert len(run.loss("ce")) == 31 and run.computed == 30


def test_runs_grow_past_their_first_buffer_and_stop_at_the_limit():
    run = TrainRun(TrainSettings(max_epochs=1000))
    run.extend_to(70)
    w70 = [a.copy() for a in run.weights("mse", 70)]
    run.extend_to(300)
    for a, b in zip(run.weights("mse", 70), w70, strict=True):
        np.testing.assert_array_equal(a, b)
    assert run.loss("ce").shape == (301,)
    with pytest.raises(TrainSettingsError, match="at most"):
        run.extend_to(train.MAX_EPOCHS + 1)


def test_run_arrays_are_read_only():
    run = TrainRun(TrainSettings())
    run.extend_to(3)
    with pytest.raises(ValueError):
        run.weights("ce", 2)[0][0, 0] = 1.0
    with pytest.raises(ValueError):
        run.loss("ce")[0] = 1.0


def test_run_cache_memoises_by_what_changes_a_run():
    cache = RunCache(size=2)
    s = TrainSettings()
    r = cache.run(s)
    assert cache.run(s.edited(epoch=40)) is r  # the epoch shown changes no run
    assert cache.run(s.edited(speed="4", log_loss=True, max_epochs=900)) is r
    r2 = cache.run(s.edited(init_scale=3.0))
    assert r2 is not r
    assert cache.run(s) is r
    cache.run(s.edited(seed=4))  # a third run: the least recently used (r2) goes
    assert cache.run(s) is r
    assert cache.run(s.edited(init_scale=3.0)) is not r2


# --- what the view is given -------------------------------------------------------------------
@pytest.mark.parametrize("model", ["linear", "mlp"])
def test_region_image_is_each_cells_prediction(model):
    run = TrainRun(TrainSettings(model=model, dataset="spirals", init_scale=3.0))
    w = run.weights("ce", 25)
    grid = RegionGrid(-3.0, 3.0, 40)
    region = region_image(w, model, grid)
    assert region.classes.shape == region.confidence.shape == (40, 40)
    assert region.k == 3
    wl = [np.asarray(a).tolist() for a in w]
    step = 6.0 / 40
    margins = []
    for iy in range(40):
        for ix in range(40):
            x = [-3.0 + step * (ix + 0.5), -3.0 + step * (iy + 0.5)]  # row 0 = lowest y
            z, _ = ref_logits(wl, model, x)
            s = ref_softmax(z)
            order = sorted(range(3), key=lambda k: -z[k])
            margins.append(z[order[0]] - z[order[1]])
            assert region.confidence[iy, ix] == pytest.approx(max(s), rel=1e-5)
            if margins[-1] > 1e-4:  # float32 may flip a near-tie
                assert region.classes[iy, ix] == order[0]
    assert len(set(region.classes.ravel().tolist())) >= 2  # a picture with a boundary


def test_point_logits_and_run_logits():
    run = TrainRun(TrainSettings(model="mlp", init_scale=1.0))
    w = run.weights("mse", 10)
    wl = [np.asarray(a).tolist() for a in w]
    for i in (0, 17, 299):
        z, _ = ref_logits(wl, "mlp", run.data.x[i].tolist())
        np.testing.assert_allclose(point_logits(w, "mlp", run.data.x[i]), z, rtol=1e-12)
        np.testing.assert_allclose(run.logits("mse", 10)[i], z, rtol=1e-12)
    with pytest.raises(TrainSettingsError, match="4 weight arrays"):
        point_logits(w[:2], "mlp", [0.0, 0.0])


def test_curves_and_frames():
    s = TrainSettings(model="mlp")
    run = TrainRun(s)
    frame = epoch_frame(run, 12)  # extends the run itself
    assert run.computed == 12
    assert frame.epoch == 12
    assert frame.ce_accuracy == run.accuracy("ce")[12]
    assert frame.mse_loss == run.loss("mse")[12]
    assert frame.ce_region.classes.shape == (150, 150)
    curves = run_curves(run, s.max_epochs)
    assert curves.computed == 12 and curves.max_epochs == 500 and curves.k == 3
    assert curves.points.shape == (300, 2) and curves.box == (-BOX, BOX)
    run.extend_to(40)  # a cached run computed past a smaller max_epochs: cut at it
    short = run_curves(run, 20)
    assert short.computed == 20 and len(short.mse_accuracy) == 21
    np.testing.assert_array_equal(short.ce_loss, run.loss("ce")[:21])


# --- data sets ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("n", [50, 301, 2000])
def test_datasets_shapes_labels_and_box(name, n):
    d = make_dataset(name, n, seed=2)
    k = CLASS_COUNTS[name]
    assert d.x.shape == (n, 2) and d.y.shape == (n,) and d.k == k
    assert d.x.dtype == np.float64 and d.y.dtype == np.int64
    counts = np.bincount(d.y, minlength=k)
    assert counts.sum() == n and counts.max() - counts.min() <= 1
    assert np.abs(d.x).max() == pytest.approx(DATA_EXTENT)  # filled to the margin, not past
    assert DATA_EXTENT < BOX
    # Both classes of every pair are well mixed in index order (shuffled, not sorted).
    assert len(set(d.y[: n // 4].tolist())) == k


@pytest.mark.parametrize("name", DATASETS)
def test_datasets_are_deterministic(name):
    a, b = make_dataset(name, 300, 5), make_dataset(name, 300, 5)
    np.testing.assert_array_equal(a.x, b.x)
    np.testing.assert_array_equal(a.y, b.y)
    c = make_dataset(name, 300, 6)
    assert not np.array_equal(a.x, c.x)


def test_dataset_shapes_are_what_they_say():
    """XOR: class 0 where the signs agree (before scaling, which keeps the centre); blobs are
    separable by nearest centre."""
    d = make_dataset("xor", 400, 0)
    centre = (d.x.min(axis=0) + d.x.max(axis=0)) / 2
    same = np.sign(d.x[:, 0] - centre[0]) == np.sign(d.x[:, 1] - centre[1])
    assert (same == (d.y == 0)).mean() > 0.95
    b = make_dataset("blobs", 300, 0)
    centres = np.array([b.x[b.y == c].mean(axis=0) for c in range(3)])
    nearest = np.argmin(((b.x[:, None, :] - centres[None]) ** 2).sum(-1), axis=1)
    assert (nearest == b.y).mean() > 0.97


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("circles", 300, 0), "data set must be one of"),
        (("blobs", 49, 0), "50…2000"),
        (("blobs", 2001, 0), "50…2000"),
        (("blobs", 300.0, 0), "whole number"),
        (("blobs", True, 0), "whole number"),
        (("blobs", 300, -1), "seed"),
    ],
)
def test_dataset_rejects(args, message):
    with pytest.raises(DatasetError, match=message):
        make_dataset(*args)


# --- settings ----------------------------------------------------------------------------------
def test_settings_defaults():
    s = TrainSettings()
    assert (s.dataset, s.points, s.seed, s.model) == ("blobs", 300, 0, "linear")
    assert (s.max_epochs, s.epoch, s.speed, s.linked, s.preset) == (500, 0, "1", True, None)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"dataset": "circles"}, "train.dataset"),
        ({"model": "cnn"}, "train.model"),
        ({"points": 10}, "train.points must be 50…2000"),
        ({"points": 300.5}, "train.points must be a whole number"),
        ({"seed": -3}, "train.seed"),
        ({"lr_ce": 0.0}, "train.lr_ce must be 0.001…100"),
        ({"lr_mse": 101.0, "linked": False}, "train.lr_mse"),
        ({"lr_ce": float("nan")}, "finite"),
        ({"lr_ce": "1"}, "train.lr_ce must be a number"),
        ({"init_scale": 0.001}, "train.init_scale must be 0.01…20"),
        ({"init_scale": 25.0}, "train.init_scale"),
        ({"max_epochs": 5}, "train.max_epochs must be 10…10000"),
        ({"max_epochs": 20000}, "train.max_epochs"),
        ({"epoch": 501}, "train.epoch must be 0…500"),
        ({"epoch": -1}, "train.epoch"),
        ({"epoch": True}, "whole number"),
        ({"speed": "3"}, "train.speed"),
        ({"linked": 1}, "train.linked must be true or false"),
        ({"log_loss": "yes"}, "train.log_loss"),
        ({"preset": "hard"}, "train.preset"),
    ],
)
def test_settings_validation(changes, message):
    with pytest.raises(TrainSettingsError, match=message):
        TrainSettings(**changes)
    assert issubclass(TrainSettingsError, ValueError)


def test_settings_round_trip():
    s = TrainSettings(
        dataset="spirals",
        points=1234,
        seed=99,
        model="mlp",
        lr_ce=0.25,
        lr_mse=3.0,
        linked=False,
        init_scale=7.5,
        max_epochs=2000,
        epoch=1500,
        speed="log",
        log_epoch=True,
        log_loss=True,
        preset=None,
    )
    text = json.dumps(s.to_dict())
    assert TrainSettings.from_dict(json.loads(text)) == s
    p = TrainSettings().with_preset("saturated")
    assert TrainSettings.from_dict(json.loads(json.dumps(p.to_dict()))) == p


def test_settings_from_dict_defaults_and_types():
    assert TrainSettings.from_dict({}) == TrainSettings()
    assert TrainSettings.from_dict({"points": 80, "future_key": [1]}) == TrainSettings(points=80)
    assert TrainSettings.from_dict({"lr_ce": 2}).lr_ce == 2.0  # JSON's 2 is a number too
    for bad, message in [
        ([], '"train" must be an object'),
        ({"points": "300"}, "train.points must be a whole number"),
        ({"points": True}, "train.points must be a whole number"),
        ({"linked": "true"}, "train.linked must be true or false"),
        ({"lr_ce": None}, "train.lr_ce must be a number"),
        ({"dataset": 3}, "train.dataset must be text"),
        ({"preset": 1}, "train.preset must be null"),
        ({"epoch": 600}, "train.epoch must be 0…500"),
    ]:
        with pytest.raises(TrainSettingsError, match=message):
            TrainSettings.from_dict(bad)


def test_linked_rates_and_edits():
    s = TrainSettings(lr_ce=0.2, lr_mse=9.0)  # linked: one rate serves both
    assert s.lr_mse == 0.2
    assert s.edited(lr_mse=4.0).lr_ce == 4.0  # either spin box leads
    u = s.edited(linked=False, lr_mse=4.0)
    assert (u.lr_ce, u.lr_mse) == (0.2, 4.0)
    assert u.edited(linked=True).lr_mse == 0.2


def test_edits_leave_the_preset_and_restart_where_they_should():
    p = TrainSettings().with_preset("saturated").edited(epoch=300)
    assert p.preset == "saturated" and p.epoch == 300
    assert p.edited(speed="4", log_epoch=True).preset == "saturated"  # no change of the run
    assert p.edited(speed="4").epoch == 300
    q = p.edited(init_scale=6.0)
    assert q.preset is None and q.epoch == 0
    assert p.edited(max_epochs=100).epoch == 100  # pulled in
    assert p.edited(max_epochs=100).preset is None
    assert p.edited(init_scale=5.0).preset == "saturated"  # the same value: no change
    with pytest.raises(TrainSettingsError, match="unknown"):
        p.edited(colour="red")
    with pytest.raises(TrainSettingsError, match="no training preset"):
        p.with_preset("hard")
