"""The scriptable report of ``--report json|text``: every number at the current logits."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

from model.display import point_values
from model.race import run_race
from model.state import AppState


def report(state: AppState) -> dict[str, Any]:
    v = point_values(state)
    return {
        "classes": list(state.classes),
        "logits": [float(x) for x in state.logits],
        "target": state.target,
        "probabilities": v.probabilities.tolist(),
        "ce": v.ce,
        "mse": v.mse,
        "ce_grad": v.ce_grad.tolist(),
        "mse_grad": v.mse_grad.tolist(),
        "mse_grad_article_p": v.mse_grad_article_p,
        "ce_unit": state.ce_unit,
        "mse_reduction": state.mse_reduction,
        "s_p": v.s_p,
        "grad_ratio_p": float(v.ce_grad[state.target] / v.mse_grad[state.target])
        if v.mse_grad[state.target] != 0
        else None,
        "race": race_report(state),
    }


def race_report(state: AppState) -> dict[str, Any]:
    """The state's race settings and where each contestant first reaches the target."""
    s = state.race
    run = run_race(state.z(), state.target, s)
    return {
        "lr_ce": s.lr_ce,
        "lr_mse": s.lr_mse,
        "target_probability": s.target_probability,
        "max_steps": s.max_steps,
        "steps_to_target": {"ce": run.ce_steps, "mse": run.mse_steps},
    }


def _width(text: str) -> int:
    """Terminal columns of ``text``: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _left(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


def _right(text: str, width: int) -> str:
    return " " * max(width - _width(text), 0) + text


def report_text(state: AppState, tr: Callable[[str], str] = lambda s: s) -> str:
    """The report as a readable table. ``tr`` translates each label (the window and main.py
    pass gui.i18n.tr; the model knows no Qt); numbers are Python's, a "." whatever the locale."""
    r = report(state)
    names = [name + ("*" if i == r["target"] else " ") for i, name in enumerate(r["classes"])]
    head = tr("class")
    width = max(_width(n) for n in [*names, head]) + 1
    lines = [
        _left(head, width)
        + "".join(" " + _right(h, 14) for h in ("z_k", "s_k", "dCE/dz_k", "dMSE/dz_k")),
    ]
    for i, name in enumerate(names):
        lines.append(
            f"{_left(name, width)} {r['logits'][i]:>14.6g} {r['probabilities'][i]:>14.6g} "
            f"{r['ce_grad'][i]:>14.6g} {r['mse_grad'][i]:>14.6g}"
        )
    unit = tr("nats") if r["ce_unit"] == "nats" else tr("bits")
    over = tr("sum over classes") if r["mse_reduction"] == "sum" else tr("mean over classes")
    lines += [
        "",
        tr("true class (*): %1").replace("%1", r["classes"][r["target"]]),
        f"CE  = {r['ce']:.10g} {unit}",
        f"MSE = {r['mse']:.10g} ({over})",
        tr("article's MSE term on z_p: %1").replace("%1", f"{r['mse_grad_article_p']:.10g}"),
    ]
    if r["grad_ratio_p"] is not None:
        lines.append(f"|dCE/dz_p| / |dMSE/dz_p| = {abs(r['grad_ratio_p']):.4g}")
    race = r["race"]
    reached = race["steps_to_target"]

    def steps(n: int | None) -> str:
        return tr("not within the race") if n is None else tr("%1 steps").replace("%1", f"{n:,}")

    line = tr("race to s_p >= %1 (learning rates %2 / %3, at most %4 steps): CE %5, MSE %6")
    for i, value in enumerate(
        (
            f"{race['target_probability']:g}",
            f"{race['lr_ce']:g}",
            f"{race['lr_mse']:g}",
            f"{race['max_steps']:,}",
            steps(reached["ce"]),
            steps(reached["mse"]),
        ),
        start=1,
    ):
        line = line.replace(f"%{i}", value)
    lines.append(line)
    return "\n".join(lines)
