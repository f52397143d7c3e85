"""The two colour profiles (PRODUCT.md F7): WCAG contrast of every pair drawn together.

Measured on the theme's own colours, not on screenshots. The contrast function is checked
against published values (WebAIM's contrast checker, WCAG's own examples). gui/palette.py is
plain data: these tests need no Qt, and a subprocess proves it imports none.
"""

from __future__ import annotations

import importlib.util
import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from gui import palette
from gui.palette import (
    DARK,
    OKABE_ITO,
    PROFILES,
    PROJECTOR,
    contrast_ratio,
    drawn_pairs,
    line_width,
    map_overlays,
    plot_font_px,
    profile,
    relative_luminance,
)

ROOT = Path(__file__).resolve().parents[2]
# PRODUCT.md F7's figures (WCAG 1.4.6, 1.4.3 and 1.4.11), written here, not read from the module.
TEXT = {"projector": 7.0, "dark": 4.5}
GRAPHIC = 3.0


@pytest.mark.parametrize(
    ("fg", "bg", "ratio"),
    [
        ("#000000", "#FFFFFF", 21.0),
        ("#FFFFFF", "#FFFFFF", 1.0),
        ("#777777", "#FFFFFF", 4.48),
        ("#767676", "#FFFFFF", 4.54),  # the lightest grey that passes AA on white
        ("#808080", "#FFFFFF", 3.95),
        ("#FF0000", "#FFFFFF", 4.00),
        ("#0000FF", "#FFFFFF", 8.59),
        ("#00FF00", "#000000", 15.30),
        ("#595959", "#FFFFFF", 7.00),  # the lightest grey that passes AAA on white
    ],
)
def test_contrast_ratio_matches_published_values(fg: str, bg: str, ratio: float) -> None:
    assert contrast_ratio(fg, bg) == pytest.approx(ratio, abs=0.005)
    assert contrast_ratio(bg, fg) == contrast_ratio(fg, bg)


def test_relative_luminance_and_colour_forms() -> None:
    assert relative_luminance("#000") == 0.0 and relative_luminance("#fff") == 1.0
    assert relative_luminance((255, 0, 0)) == pytest.approx(0.2126)  # the red primary's weight
    assert relative_luminance("#0000FF") == pytest.approx(0.0722)
    for bad in ("red", "#12345", "#GG0000", "", (256, 0, 0)):
        with pytest.raises(ValueError):
            relative_luminance(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["dark", "projector"])
def test_every_colour_is_an_opaque_rgb_and_every_one_is_checked(name: str) -> None:
    p = profile(name)
    colours = p.colours()
    for field, value in colours.items():
        assert len(value) == 7 and value.startswith("#"), field
        int(value[1:], 16)
    checked = set()
    for pair in drawn_pairs(p):
        fg, _, bg = pair.what.split(" ")
        checked |= {fg, bg}
        assert (getattr(p, fg), getattr(p, bg)) == (pair.foreground, pair.background)
    assert checked == set(colours), set(colours) ^ checked  # no colour drawn unchecked


@pytest.mark.parametrize("name", ["dark", "projector"])
def test_every_pair_drawn_together_meets_its_contrast(name: str) -> None:
    p = profile(name)
    failures = []
    for fg, bg, kind, what in drawn_pairs(p):
        need = TEXT[name] if kind == "text" else GRAPHIC
        got = contrast_ratio(fg, bg)
        if got < need:
            failures.append(f"{what} ({fg} on {bg}): {got:.2f} < {need}")
    assert not failures, failures
    kinds = {pair.kind for pair in drawn_pairs(p)}
    assert kinds == {"text", "graphic"}


@pytest.mark.parametrize("name", ["dark", "projector"])
def test_lines_over_a_colour_map_show_on_any_colour(name: str) -> None:
    # Any background at all: a 16-level grid of the whole RGB cube, which holds every colour
    # map's colours to within a step, and the maps' own ends.
    levels = [round(i * 255 / 15) for i in range(16)]
    backgrounds = [*itertools.product(levels, repeat=3), "#440154", "#FDE725", "#00204D", "#FFEA46"]
    for what, core, halo in map_overlays(profile(name)):
        assert contrast_ratio(core, halo) >= 9.0, what
        worst = min(max(contrast_ratio(core, bg), contrast_ratio(halo, bg)) for bg in backgrounds)
        assert worst >= GRAPHIC, f"{what}: {worst:.2f} on some background"


def test_a_core_and_halo_below_9_to_1_would_fail_somewhere() -> None:
    # The rule's other half: today's magenta outline (#FF4FD8) over black has 7.4:1, and a
    # mid-grey background hides both tones below 3:1.
    assert contrast_ratio("#FF4FD8", "#000000") < 9.0
    assert max(contrast_ratio("#FF4FD8", "#535353"), contrast_ratio("#000000", "#535353")) < 3.0


@pytest.mark.parametrize("p", [DARK, PROJECTOR], ids=["dark", "projector"])
def test_ce_and_mse_differ_by_more_than_hue(p: palette.Profile) -> None:
    assert p.ce_dash != p.mse_dash and p.ce_dash == ()  # CE solid, MSE dashed
    assert len(p.mse_dash) % 2 == 0 and all(v > 0 for v in p.mse_dash)
    assert p.article_dash not in (p.ce_dash, p.mse_dash)  # the article's term drawn apart too
    assert len({p.ce, p.mse, p.article}) == 3
    assert {p.ce, p.mse} <= set(OKABE_ITO.values())  # colour-blind safe
    assert {p.loss_map, p.grad_map} <= {"viridis", "cividis"}


def test_the_profiles_themselves() -> None:
    assert set(PROFILES) == {"dark", "projector"}
    assert relative_luminance(PROJECTOR.background) > 0.9 > relative_luminance(DARK.background)
    assert PROJECTOR.ce == "#0072B2" and DARK.ce == "#56B4E9"  # the blue and sky blue
    with pytest.raises(KeyError, match="no profile"):
        profile("neon")


def test_line_widths_double_for_the_projector() -> None:
    assert line_width(DARK, 3) == 3
    assert line_width(PROJECTOR, 3) == 6
    assert line_width(PROJECTOR, 1.25) == 2.5


def test_plot_text_is_at_least_a_fiftieth_of_the_window_in_the_projector_profile() -> None:
    assert plot_font_px(PROJECTOR, 1080) >= 22
    assert plot_font_px(PROJECTOR, 1000) == 20  # 1000 / 50 exactly, no float round-up
    for height in range(320, 8001, 7):
        assert plot_font_px(PROJECTOR, height) * 50 >= height
        assert plot_font_px(PROJECTOR, height) >= plot_font_px(DARK, height)
    assert plot_font_px(DARK, 720) == plot_font_px(DARK, 2160) == 15  # 11 pt at 96 dpi


def test_the_module_imports_no_qt() -> None:
    script = f"""
import importlib.util, sys
spec = importlib.util.spec_from_file_location("palette", {str(ROOT / "gui" / "palette.py")!r})
module = sys.modules["palette"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
loaded = [m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph")]
assert not loaded, loaded
print(module.contrast_ratio("#000000", "#FFFFFF"))
"""
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "21.0"
    assert importlib.util.find_spec("gui.palette") is not None
