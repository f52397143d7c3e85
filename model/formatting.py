"""How numbers are written wherever the app shows them (the value table, the explain panel).

Pure Python, so the model can format the numbers it puts into sentences and the views and
the explain panel agree digit for digit.
"""

from __future__ import annotations

__all__ = ["fmt", "fmt_ratio"]


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
