"""How numbers are written wherever the app shows them (the value table, the explain panel).

Pure Python, so the model can format the numbers it puts into sentences and the views and
the explain panel agree digit for digit.
"""

from __future__ import annotations

__all__ = ["fmt", "fmt_ratio", "short"]


def fmt(v: float) -> str:
    """At least 4 significant digits, scientific when tiny (the tails are the point)."""
    return f"{v:.6g}" if v != 0 else "0"


def fmt_ratio(r: float) -> str:
    """A ratio of two gradients for a sentence: "11.2", "773", "9,825", "1.27e+20"."""
    if r != r:
        return "nan"
    if r >= 1e6:
        return f"{r:.3g}"
    if r >= 100:
        return f"{r:,.0f}"
    return f"{r:.3g}"


def short(v: float) -> str:
    """A loss beside a marker, as the article writes it: three decimals ("0.060", "0.223"),
    or three significant digits below 0.01, where three decimals would hide the difference."""
    return f"{v:.3f}" if abs(v) >= 0.01 or v == 0 else f"{v:.3g}"
