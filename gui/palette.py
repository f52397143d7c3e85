"""Every colour, dash pattern, line width and plot font the views draw with, as plain data.

Two profiles: "dark" (the everyday look: dark plots, Okabe & Ito's colours as they are) and
"projector" (lecture mode: a white background, the darker Okabe–Ito variants, lines twice as
thick, plot text at least 1/50 of the window's height). No Qt here, so the contrast of every
pair of colours drawn together is checked by a fast unit test (tests/gui/test_palette.py):
WCAG 2.x contrast ratios, text ≥ 7:1 (projector) or 4.5:1 (dark), graphics ≥ 3:1 in both.

Lines drawn over a colour map (contours, the "barely learns" outline, the crosshair) are two
tones, a core over a wider halo, whose contrast with each other is at least 9:1: then on any
background one of the two stands out by at least 3:1 (the background's luminance cannot be
within a factor 3 of both), so the colour maps need no checking colour by colour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Literal, NamedTuple

ProfileName = Literal["dark", "projector"]
Kind = Literal["text", "graphic"]
Rgb = tuple[int, int, int]

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

# Minimum contrast ratios (WCAG 2.x: 1.4.3 and 1.4.6 for text, 1.4.11 for graphics).
MIN_TEXT = {"dark": 4.5, "projector": 7.0}
MIN_GRAPHIC = 3.0
MIN_CORE_HALO = 9.0  # a two-tone line shows at >= 3:1 on any background (see above)

# Dash patterns in units of the pen's width (QPen.setDashPattern's convention): () is solid.
SOLID: tuple[float, ...] = ()
DASHED: tuple[float, ...] = (4.0, 2.0)
# Whole numbers: with fractions Qt's dash stroker started a pattern differently in a partial
# repaint than in a full one (stale pixels where a curve was repainted in part).
DASH_DOT: tuple[float, ...] = (4.0, 2.0, 1.0, 2.0)


@dataclass(frozen=True)
class Profile:
    """One look. Colours are opaque "#RRGGBB"."""

    name: ProfileName
    # The window and its widgets.
    window: str  # the window's background (docks, tool bars, the caption bar's surroundings)
    window_text: str  # labels and menus on it
    base: str  # the background of spin boxes, line edits and the value table
    base_text: str
    focus_ring: str  # drawn around the focused control, over the window or a base
    highlight_text: str  # text on the focus ring's colour (a selected row, a selection)
    caption_text: str  # the lesson's caption bar, "3 / 8" included
    caption_background: str
    # Plots.
    background: str  # every plot's background (and the theme background of an export)
    axis_text: str  # ticks, axis labels, titles, legends, the bars' value labels
    zero_line: str  # the zero line and other reference lines
    grid: str
    ce: str  # CE's curves, bars and markers
    mse: str  # MSE's (the exact gradient)
    article: str  # the article's one-path MSE term
    ce_text: str  # CE's direct label at its curve, its legend entry and its number in the panel
    mse_text: str
    article_text: str
    target_bar: str  # the true class's probability bar
    other_bar: str  # the other classes' bars
    point: str  # the current point's line across the curve plots
    marker_edge: str  # the outline of the current point's markers (drawn on their own curve)
    # Over the colour maps: a core line over a wider halo line.
    contour: str
    contour_halo: str
    slow_outline: str  # "MSE barely learns here"
    slow_halo: str
    map_point: str  # the crosshair and its dot
    map_point_halo: str
    map_label_text: str  # the "MSE barely learns here" label, on its own box
    map_label_background: str
    loss_map: str  # colour maps (colour-blind safe, perceptually uniform)
    grad_map: str
    # Pens and fonts.
    ce_dash: tuple[float, ...]
    mse_dash: tuple[float, ...]
    article_dash: tuple[float, ...]
    point_dash: tuple[float, ...]
    line_width_factor: float  # multiplies every line width the views choose
    plot_font_pt: float  # plot text at least this size
    font_height_divisor: int  # ... and at least the window's height / this (0: no such rule)

    def colours(self) -> dict[str, str]:
        """Every colour field by name."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if isinstance(getattr(self, f.name), str) and getattr(self, f.name).startswith("#")
        }


DARK = Profile(
    name="dark",
    window="#1E1E1E",
    window_text="#E8E8E8",
    base="#151515",
    base_text="#E8E8E8",
    focus_ring=OKABE_ITO["yellow"],
    highlight_text="#000000",
    caption_text="#FFFFFF",
    caption_background="#303030",
    background="#151515",
    axis_text="#D8D8D8",
    zero_line="#888888",
    grid="#6E6E6E",
    ce=OKABE_ITO["sky_blue"],
    mse=OKABE_ITO["orange"],
    article=OKABE_ITO["vermillion"],
    ce_text=OKABE_ITO["sky_blue"],
    mse_text=OKABE_ITO["orange"],
    article_text="#E8661A",  # vermillion lightened to 4.5:1 on the window as well
    target_bar=OKABE_ITO["bluish_green"],
    other_bar="#8C8C8C",
    point=OKABE_ITO["yellow"],
    marker_edge="#000000",
    contour="#FFFFFF",
    contour_halo="#000000",
    slow_outline="#FF8AE8",  # a light magenta, no Okabe–Ito hue lies on the maps' path
    slow_halo="#000000",
    map_point=OKABE_ITO["yellow"],
    map_point_halo="#000000",
    map_label_text="#FF8AE8",
    map_label_background="#151515",
    loss_map="viridis",
    grad_map="cividis",
    ce_dash=SOLID,
    mse_dash=DASHED,
    article_dash=DASH_DOT,
    point_dash=DASHED,
    line_width_factor=1.0,
    plot_font_pt=11.0,
    font_height_divisor=0,
)

PROJECTOR = Profile(
    name="projector",
    window="#FFFFFF",
    window_text="#000000",
    base="#FFFFFF",
    base_text="#000000",
    focus_ring="#00507D",  # Okabe–Ito blue, darkened so that white text on it is 7:1
    highlight_text="#FFFFFF",
    caption_text="#000000",
    caption_background="#EDEDED",
    background="#FFFFFF",
    axis_text="#000000",
    zero_line="#595959",
    grid="#8C8C8C",
    ce=OKABE_ITO["blue"],
    mse=OKABE_ITO["vermillion"],
    article="#AA4A88",  # reddish purple, darkened to 3:1 and more on white
    ce_text="#00507D",  # the same three hues, dark enough for 7:1 text on white
    mse_text="#8A3C00",
    article_text="#7A2E5C",
    target_bar=OKABE_ITO["bluish_green"],
    other_bar="#767676",
    point="#000000",
    marker_edge="#000000",
    contour="#FFFFFF",
    contour_halo="#000000",
    slow_outline="#FF8AE8",
    slow_halo="#000000",
    map_point=OKABE_ITO["yellow"],
    map_point_halo="#000000",
    map_label_text="#8B1A78",
    map_label_background="#FFFFFF",
    loss_map="viridis",
    grad_map="cividis",
    ce_dash=SOLID,
    mse_dash=DASHED,
    article_dash=DASH_DOT,
    point_dash=DASHED,
    line_width_factor=2.0,
    plot_font_pt=14.0,
    font_height_divisor=50,
)

# The training view's classes (Okabe–Ito, none of them the dark profile's CE or MSE colour;
# in the projector's, class 4 shares CE's blue, drawn in another plot); a region's colour
# fades from the class's towards the background as the network's confidence falls.
CLASS_COLOURS = ("#CC79A7", "#009E73", "#F0E442", "#0072B2")

PROFILES: dict[str, Profile] = {"dark": DARK, "projector": PROJECTOR}


def profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise KeyError(f"no profile {name!r}; known: {', '.join(PROFILES)}") from None


# --- WCAG 2.x contrast -----------------------------------------------------------------------
def parse_colour(colour: str | Rgb) -> Rgb:
    """(r, g, b) in 0…255 from "#RRGGBB", "#RGB" or a tuple."""
    if isinstance(colour, tuple):
        r, g, b = colour
        if not all(isinstance(v, int) and 0 <= v <= 255 for v in (r, g, b)):
            raise ValueError(f"not an RGB colour: {colour!r}")
        return r, g, b
    text = colour.lstrip("#") if colour.startswith("#") else ""
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    try:
        if len(text) != 6:
            raise ValueError
        r, g, b = (int(text[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        raise ValueError(f"not a colour '#RRGGBB': {colour!r}") from None
    return r, g, b


def _linear(channel: int) -> float:
    """The sRGB transfer function undone (IEC 61966-2-1, with WCAG's 0.04045 threshold)."""
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str | Rgb) -> float:
    r, g, b = parse_colour(colour)
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_ratio(fg: str | Rgb, bg: str | Rgb) -> float:
    """WCAG 2.x contrast ratio (L1 + 0.05) / (L2 + 0.05), 1…21, symmetric."""
    a, b = relative_luminance(fg), relative_luminance(bg)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


# --- what is drawn on what -------------------------------------------------------------------
class Pair(NamedTuple):
    foreground: str
    background: str
    kind: Kind
    what: str  # "ce_text on background": the fields, for messages


def drawn_pairs(p: Profile) -> list[Pair]:
    """Every (foreground, background) pair of colours the views draw together."""
    pairs: list[tuple[str, str, Kind]] = [
        ("window_text", "window", "text"),
        ("base_text", "base", "text"),
        ("base_text", "caption_background", "text"),  # the value table's other rows
        ("caption_text", "caption_background", "text"),
        ("map_label_text", "map_label_background", "text"),
        ("highlight_text", "focus_ring", "text"),
        ("focus_ring", "window", "graphic"),
        ("focus_ring", "base", "graphic"),
        ("focus_ring", "background", "graphic"),  # round a focused plot
        ("marker_edge", "ce", "graphic"),  # a marker sits on its own curve
        ("marker_edge", "mse", "graphic"),
        ("contour", "contour_halo", "graphic"),
        ("slow_outline", "slow_halo", "graphic"),
        ("map_point", "map_point_halo", "graphic"),
    ]
    for text in ("axis_text", "ce_text", "mse_text", "article_text"):
        pairs.append((text, "background", "text"))
    for text in ("ce_text", "mse_text", "article_text"):  # the panel's numbers and the explain
        pairs.append((text, "window", "text"))
    for graphic in (
        "ce",
        "mse",
        "article",
        "target_bar",
        "other_bar",
        "point",
        "zero_line",
        "grid",
    ):
        pairs.append((graphic, "background", "graphic"))
    return [Pair(getattr(p, f), getattr(p, b), k, f"{f} on {b}") for f, b, k in pairs]


def map_overlays(p: Profile) -> list[tuple[str, str, str]]:
    """(what, core, halo) of every line drawn over a colour map."""
    return [
        ("contour", p.contour, p.contour_halo),
        ("slow_outline", p.slow_outline, p.slow_halo),
        ("map_point", p.map_point, p.map_point_halo),
    ]


def minimum_ratio(p: Profile, kind: Kind) -> float:
    return MIN_TEXT[p.name] if kind == "text" else MIN_GRAPHIC


# --- pens and fonts --------------------------------------------------------------------------
def line_width(p: Profile, width: float) -> float:
    """A view's line width in this profile (projector: twice as thick)."""
    return width * p.line_width_factor


def plot_font_px(p: Profile, window_height: int, px_per_pt: float = 96 / 72) -> int:
    """Plot text's pixel size: the profile's point size, and in the projector profile at least
    1/50 of the window's height (22 px at 1080 p)."""
    least = math.ceil(p.plot_font_pt * px_per_pt)
    if p.font_height_divisor:
        least = max(least, -(-window_height // p.font_height_divisor))  # exact: integers
    return least
