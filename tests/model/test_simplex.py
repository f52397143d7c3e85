"""model/simplex.py against computations written differently here.

The oracle for a triangle point: the full K-vector of probabilities built by hand (the true
class gets b_top, the bottom-left class b_left, and the bottom-right's classes b_right times
their internal distribution r, computed here with plain exp/sum), then model.losses on log s
(model.losses is itself checked against a 50-digit mpmath oracle) or the textbook sum
Σ (s_k − y_k)² where a coordinate is 0. Geometry is checked with plain Euclidean distances.
"""

import math

import numpy as np
import pytest

from model import losses
from model import simplex as S

H = math.sqrt(3) / 2
TOP = np.array([0.5, H])
K7_LOGITS = [-2.0, 1.0, 0.5, 0.3, -1.0, 2.0, 0.0]


def rest_distribution(logits, rest):
    z = np.array([logits[c] for c in rest])
    e = np.exp(z - z.max())
    return e / e.sum()


def full_probabilities(logits, target, left, rest, b):
    """The K probabilities of triangle coordinates b (rows), by hand."""
    b = np.atleast_2d(b)
    k = len(logits)
    s = np.zeros((b.shape[0], k))
    s[:, target] = b[:, 0]
    s[:, left] = b[:, 1]
    if rest:
        s[:, list(rest)] = b[:, 2:3] * rest_distribution(logits, rest)[None, :]
    return s


def textbook_mse(s, target):
    y = np.zeros(s.shape[-1])
    y[target] = 1.0
    return ((s - y) ** 2).sum(axis=-1)


CASES = [
    # logits, target, competitor, expected left vertex, expected rest classes
    ([-2.0, 1.0, 0.5], 0, 1, 1, (2,)),
    ([-2.0, 1.0, 0.5], 2, 1, 0, (1,)),
    ([0.3, -1.0, 2.0], 1, 2, 0, (2,)),
    (K7_LOGITS, 0, 5, 5, (1, 2, 3, 4, 6)),
    (K7_LOGITS, 3, 1, 1, (0, 2, 4, 5, 6)),
]


@pytest.mark.parametrize(("logits", "target", "competitor", "left", "rest"), CASES)
def test_frame_layout(logits, target, competitor, left, rest):
    f = S.frame_of(logits, target, competitor)
    assert (f.left, f.rest) == (left, rest)
    r = rest_distribution(logits, rest)
    assert f.rho == pytest.approx(float(np.sum(r * r)), rel=1e-13)
    assert np.allclose(np.exp(f.rest_log_r), r, rtol=1e-13, atol=0)


def test_coordinates_are_the_equilateral_triangle():
    corners = np.eye(3)
    x, y = S.xy_of(corners)
    pts = np.stack([x, y], axis=1)
    assert np.allclose(pts, [TOP, [0, 0], [1, 0]], atol=1e-15)
    sides = [np.linalg.norm(pts[i] - pts[(i + 1) % 3]) for i in range(3)]
    assert sides == pytest.approx([1.0, 1.0, 1.0], abs=1e-15)
    rng = np.random.default_rng(1)
    b = rng.dirichlet([1, 1, 1], size=200)
    x, y = S.xy_of(b)
    # the point is the b-weighted mean of the corners
    assert np.allclose(np.stack([x, y], axis=1), b @ pts, atol=1e-15)
    assert np.allclose(S.barycentric_of(x, y), b, atol=1e-15)


@pytest.mark.parametrize(("logits", "target", "competitor", "left", "rest"), CASES)
@pytest.mark.parametrize(("ce_unit", "reduction"), [("nats", "sum"), ("bits", "mean")])
def test_loss_fields_match_losses_at_random_interior_points(
    logits, target, competitor, left, rest, ce_unit, reduction
):
    frame = S.frame_of(logits, target, competitor)
    k = len(logits)
    cf = 1 / math.log(2) if ce_unit == "bits" else 1.0
    mf = 1 / k if reduction == "mean" else 1.0
    rng = np.random.default_rng(k + target)
    b = rng.dirichlet([1.0, 1.0, 1.0], size=300)
    b = b[(b > 1e-4).all(axis=1)]
    s = full_probabilities(logits, target, left, rest, b)
    ce_ref = losses.cross_entropy(np.log(s), target) * cf
    mse_ref = losses.mse(np.log(s), target, reduction)
    ce, mse = S.field_losses(frame, b, *S.unit_factors(k, ce_unit, reduction))
    assert np.allclose(ce, ce_ref, rtol=1e-12, atol=0)
    assert np.allclose(mse, mse_ref, rtol=1e-12, atol=0)
    assert np.allclose(mse_ref, textbook_mse(s, target) * mf, rtol=1e-12)


@pytest.mark.parametrize(("logits", "target", "competitor", "left", "rest"), CASES)
def test_field_images_inside_and_outside(logits, target, competitor, left, rest):
    frame = S.frame_of(logits, target, competitor)
    xs, ys, ce_img, mse_img = S.field_images(frame, 101)
    assert ce_img.shape == mse_img.shape == (ys.size, xs.size)
    assert ys.size == math.ceil(H * 101)
    xx, yy = np.meshgrid(xs, ys)
    # barycentric coordinates by hand: distance to each edge over the height
    top = yy / H
    right = (math.sqrt(3) * xx - yy) / (2 * H)  # distance to the left edge / height
    left_c = 1 - top - right
    b = np.stack([top, left_c, right], axis=-1)
    deep = (b > 0.02).all(axis=-1)
    far = (b < -0.03).any(axis=-1)
    assert deep.sum() > 2000 and far.sum() > 2000
    s = full_probabilities(logits, target, left, rest, b[deep])
    assert np.allclose(ce_img[deep], losses.cross_entropy(np.log(s), target), rtol=1e-12)
    assert np.allclose(mse_img[deep], losses.mse(np.log(s), target), rtol=1e-12)
    assert np.isnan(ce_img[far]).all() and np.isnan(mse_img[far]).all()
    # every pixel touching the triangle is coloured: no gaps under the outline
    assert np.isfinite(ce_img[(b > -0.004).all(axis=-1)]).all()


def _finite_points(line):
    x, y = line
    keep = np.isfinite(x)
    return x[keep], y[keep]


def _pieces(line):
    """The NaN-separated pieces of a polyline, each as an (n, 2) array."""
    x, y = line
    out, cur = [], []
    for px, py in zip(x, y, strict=True):
        if np.isnan(px):
            if cur:
                out.append(np.array(cur))
            cur = []
        else:
            cur.append((px, py))
    if cur:
        out.append(np.array(cur))
    return out


def _losses_along(line, logits, target, left, rest):
    """CE and MSE at each drawn vertex, by hand (0 coordinates on the edges allowed)."""
    x, y = _finite_points(line)
    top = y / H
    right = (math.sqrt(3) * x - y) / (2 * H)
    b = np.stack([top, 1 - top - right, right], axis=1)
    assert (b > -1e-12).all(), "a drawn point lies outside the triangle"
    s = full_probabilities(logits, target, left, rest, np.maximum(b, 0.0))
    with np.errstate(divide="ignore"):  # an MSE curve may reach the bottom edge, s_p = 0
        ce = -np.log(s[:, target])
    return ce, textbook_mse(s, target), b


@pytest.mark.parametrize(("logits", "target", "competitor", "left", "rest"), CASES)
def test_every_contour_is_its_level_set(logits, target, competitor, left, rest):
    classes = [f"c{i}" for i in range(len(logits))]
    d = S.simplex_display(logits, target, competitor, classes)
    frame = d.frame
    ce_panel, mse_panel = d.panels["ce"], d.panels["mse"]
    assert len(ce_panel.contour_levels) >= 5 and len(mse_panel.contour_levels) >= 5
    for level in ce_panel.contour_levels:
        ce, _, b = _losses_along(S.ce_level_line(level), logits, target, left, rest)
        assert ce.size == 2
        assert np.abs(ce - level).max() < 1e-9
        assert np.abs(np.sort(b[:, 1:], axis=1)[:, 0]).max() < 1e-12  # ends on the edges
    drawn = 0
    for level in mse_panel.contour_levels:
        curve = S.mse_level_curve(level, frame)
        _, mse, b = _losses_along(curve, logits, target, left, rest)
        drawn += mse.size
        assert mse.size == 0 or np.abs(mse - level).max() < 1e-9
        # each piece starts and ends on an edge
        for piece in _pieces(curve):
            for end in (piece[0], piece[-1]):
                bb = S.barycentric_of(end[0], end[1])
                assert abs(bb.min()) < 1e-12
        # completeness: where the level crosses the left edge (s_right = 0,
        # MSE = 2 (1 - s_p)^2), a piece ends there
        sp = 1 - math.sqrt(level / 2)
        ends = np.array([p[i] for p in _pieces(curve) for i in (0, -1)])
        if 0 < sp < 1:
            want = np.array([0.5 * sp, H * sp])
            assert np.min(np.linalg.norm(ends - want, axis=1)) < 1e-12
    assert drawn > 100
    # the joined polylines the view draws hold exactly these points
    joined = _finite_points(mse_panel.contours)[0].size
    assert joined == sum(
        _finite_points(S.mse_level_curve(v, frame))[0].size for v in mse_panel.contour_levels
    )


@pytest.mark.parametrize("logits", [[-2.0, 1.0, 0.5], K7_LOGITS])
def test_bold_contours_pass_through_a_and_b(logits):
    d = S.simplex_display(logits, 0, 5 if len(logits) > 3 else 1, [str(i) for i in logits])
    assert d.a is not None and d.b is not None
    ce_line = d.panels["ce"].bold[0]
    _, y = _finite_points(ce_line)
    assert y == pytest.approx([H * 0.8, H * 0.8], abs=1e-15)  # A and B share s_p = 0.8
    assert d.a.y == d.b.y == pytest.approx(H * 0.8, abs=1e-15)
    for marker, curve, level in zip(
        (d.a, d.b), d.panels["mse"].bold, d.panels["mse"].bold_levels, strict=True
    ):
        assert level == marker.mse
        _, mse, _ = _losses_along(curve, logits, 0, d.frame.left, d.frame.rest)
        assert np.abs(mse - marker.mse).max() < 1e-9
        # the curve passes through the marker: the nearest drawn point is a hair away
        x, y = _finite_points(curve)
        assert np.min(np.hypot(x - marker.x, y - marker.y)) < 5e-3


def test_k3_mse_contours_are_circles_around_the_true_vertex():
    frame = S.frame_of([-2.0, 1.0, 0.5], 0, 1)
    for level in (0.06, 0.065, 0.5, 1.0, 1.75):
        x, y = _finite_points(S.mse_level_curve(level, frame))
        r = np.hypot(x - TOP[0], y - TOP[1])
        assert np.allclose(r, math.sqrt(level / 2), rtol=1e-13)


def test_k7_mse_contours_are_ellipses_not_circles():
    frame = S.frame_of(K7_LOGITS, 0, 5)
    assert frame.rho < 0.5
    x, y = _finite_points(S.mse_level_curve(0.5, frame))
    r = np.hypot(x - TOP[0], y - TOP[1])
    assert r.max() / r.min() > 1.05
    # (x, y) on an ellipse centred at the vertex: a quadratic form in (x, y) − TOP is constant
    # (fit the 3 coefficients to the points, check the residual)
    dx, dy = x - TOP[0], y - TOP[1]
    m = np.stack([dx * dx, dx * dy, dy * dy], axis=1)
    coef, *_ = np.linalg.lstsq(m, np.ones_like(dx), rcond=None)
    assert np.abs(m @ coef - 1).max() < 1e-12


def test_article_predictions_to_the_digits_shown():
    art = S.article_predictions()
    assert f"{art['A'][0]:.3f}" == "0.223" and f"{art['B'][0]:.3f}" == "0.223"
    assert f"{art['A'][1]:.3f}" == "0.060"
    assert f"{art['B'][1]:.3f}" == "0.065"
    assert art["A"][0] == pytest.approx(-math.log(0.8), rel=1e-15)
    assert art["A"][1] == pytest.approx(0.2**2 + 0.1**2 + 0.1**2, rel=1e-14)
    assert art["B"][1] == pytest.approx(0.2**2 + 0.15**2 + 0.05**2, rel=1e-14)
    bits = S.article_predictions("bits", "mean")
    assert bits["A"][0] == pytest.approx(math.log2(1 / 0.8), rel=1e-14)
    assert bits["B"][1] == pytest.approx(0.065 / 3, rel=1e-13)
    d = S.simplex_display([-2.0, 1.0, 0.5], 0, 1, ["cat", "tiger", "dog"])
    assert (f"{d.a.ce:.3f}", f"{d.a.mse:.3f}") == ("0.223", "0.060")
    assert (f"{d.b.ce:.3f}", f"{d.b.mse:.3f}") == ("0.223", "0.065")
    # the K = 3 MSE is twice the squared distance to the true vertex in the drawing
    for m in (d.a, d.b):
        assert m.mse == pytest.approx(2 * ((m.x - TOP[0]) ** 2 + (m.y - TOP[1]) ** 2), rel=1e-13)


@pytest.mark.parametrize(("logits", "target", "competitor", "left", "rest"), CASES)
def test_point_to_logits_to_point(logits, target, competitor, left, rest):
    frame = S.frame_of(logits, target, competitor)
    rng = np.random.default_rng(7)
    b = rng.dirichlet([1.0, 1.0, 1.0], size=200)
    b = b[(b > 1e-5).all(axis=1)]
    x, y = S.xy_of(b)
    r_before = rest_distribution(logits, rest)
    for xi, yi in zip(x, y, strict=True):
        new = S.logits_at(logits, frame, S.barycentric_of(xi, yi))
        assert len(new) == len(logits)
        assert np.mean(new) == pytest.approx(np.mean(logits), abs=1e-12)
        s = losses.softmax(np.array(new))
        got_b = np.array([s[target], s[left], s[list(rest)].sum()])
        gx, gy = S.xy_of(got_b)
        assert abs(gx - xi) < 1e-12 and abs(gy - yi) < 1e-12
        gx2, gy2 = S.xy_of(S.triangle_coords(new, frame))
        assert abs(gx2 - xi) < 1e-12 and abs(gy2 - yi) < 1e-12
        assert np.allclose(rest_distribution(new, rest), r_before, rtol=1e-12, atol=0)


@pytest.mark.parametrize("logits", [[-2.0, 1.0, 0.5], K7_LOGITS])
def test_picks_keep_every_probability_at_least_1e_6(logits):
    frame = S.frame_of(logits, 0, 5 if len(logits) > 3 else 1)
    points = [(0.5, H), (0.0, 0.0), (1.0, 0.0), (0.5, 0.0), (-0.3, -0.2), (0.9, 0.8), (0.5, 2)]
    for x, y in points:
        z = S.logits_at(logits, frame, S.barycentric_of(x, y))
        s = losses.softmax(np.array(z))
        b = np.array([s[0], s[frame.left], s[list(frame.rest)].sum()])
        assert b.min() >= 1e-6 * (1 - 1e-9)
        assert b.sum() == pytest.approx(1.0, abs=1e-14)
    # outside, the pick goes to the nearest point of the triangle
    z = S.logits_at(logits, frame, S.barycentric_of(0.5, -0.4))
    bx, by = S.xy_of(S.triangle_coords(z, frame))
    assert by == pytest.approx(0.0, abs=1e-5) and bx == pytest.approx(0.5, abs=1e-5)


def test_two_classes_live_on_the_left_edge():
    logits = [0.4, -1.1]
    frame = S.frame_of(logits, 1, 0)
    assert frame.rest == ()
    z = S.logits_at(logits, frame, S.barycentric_of(0.7, 0.3))
    s = losses.softmax(np.array(z))
    assert s[1] == pytest.approx(0.3 / H, rel=1e-12)  # s_p kept from the point
    d = S.simplex_display(logits, 1, 0, ["a", "b"])
    assert d.a is None and d.b is None
    for level in d.panels["mse"].contour_levels:
        _, y = _finite_points(S.mse_level_curve(level, frame))
        sp = y / H
        assert np.allclose(2 * (1 - sp) ** 2, level, rtol=1e-12)


def test_current_point_and_hover_agree_with_losses():
    logits = K7_LOGITS
    z = np.array(logits)
    pt = S.simplex_point(logits, 0, 5, "bits", "mean")
    s = losses.softmax(z)
    assert pt.barycentric == pytest.approx((s[0], s[5], 1 - s[0] - s[5]), abs=1e-15)
    assert pt.ce == pytest.approx(-math.log2(s[0]), rel=1e-13)
    assert pt.mse == pytest.approx(textbook_mse(s[None], 0)[0] / 7, rel=1e-13)
    d = S.simplex_display(logits, 0, 5, [str(i) for i in range(7)], "bits", "mean")
    b = S.barycentric_of(0.3, 0.2)
    hv = S.hover_values(d, b)
    assert hv is not None
    new = np.array(S.logits_at(logits, d.frame, b))
    assert hv.ce == pytest.approx(float(losses.cross_entropy(new, 0)) / math.log(2), rel=1e-12)
    assert hv.mse == pytest.approx(float(losses.mse(new, 0, "mean")), rel=1e-12)
    assert S.hover_values(d, S.barycentric_of(0.5, -0.2)) is None


def test_display_key_ignores_picks_and_sees_the_rest():
    classes = [str(i) for i in range(7)]
    key = S.display_key(K7_LOGITS, 0, 5, classes, "nats", "sum")
    frame = S.frame_of(K7_LOGITS, 0, 5)
    moved = S.logits_at(K7_LOGITS, frame, S.barycentric_of(0.4, 0.3))
    assert S.display_key(moved, 0, 5, classes, "nats", "sum") == key
    other = list(K7_LOGITS)
    other[2] += 1.0
    assert S.display_key(other, 0, 5, classes, "nats", "sum") != key


def test_paths_follow_the_triangle_coordinates():
    traj = np.array([[-2.0, 1.0, 0.5], [-1.0, 0.7, 0.3], [0.0, 0.2, 0.1]])
    frame = S.frame_of(traj[0], 0, 1)
    x, y = S.path_xy(traj, frame)
    s = losses.softmax(traj)
    assert np.allclose(y, H * s[:, 0], atol=1e-15)
    assert np.allclose(x, 0.5 * s[:, 0] + s[:, 2], atol=1e-15)
