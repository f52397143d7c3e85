"""The scriptable report of ``--report json|text``: every number at the current logits."""

from __future__ import annotations

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


def report_text(state: AppState) -> str:
    r = report(state)
    width = max(len(c) for c in r["classes"]) + 2
    lines = [
        f"{'class':<{width}} {'z_k':>14} {'s_k':>14} {'dCE/dz_k':>14} {'dMSE/dz_k':>14}",
    ]
    for i, name in enumerate(r["classes"]):
        mark = "*" if i == r["target"] else " "
        lines.append(
            f"{name + mark:<{width}} {r['logits'][i]:>14.6g} {r['probabilities'][i]:>14.6g} "
            f"{r['ce_grad'][i]:>14.6g} {r['mse_grad'][i]:>14.6g}"
        )
    lines += [
        "",
        f"true class (*): {r['classes'][r['target']]}",
        f"CE  = {r['ce']:.10g} {r['ce_unit']}",
        f"MSE = {r['mse']:.10g} ({r['mse_reduction']} over classes)",
        f"article's MSE term on z_p: {r['mse_grad_article_p']:.10g}",
    ]
    if r["grad_ratio_p"] is not None:
        lines.append(f"|dCE/dz_p| / |dMSE/dz_p| = {abs(r['grad_ratio_p']):.4g}")
    race = r["race"]
    reached = race["steps_to_target"]

    def steps(n: int | None) -> str:
        return "not within the race" if n is None else f"{n:,} steps"

    lines.append(
        f"race to s_p >= {race['target_probability']:g} (learning rates {race['lr_ce']:g} / "
        f"{race['lr_mse']:g}, at most {race['max_steps']:,} steps): "
        f"CE {steps(reached['ce'])}, MSE {steps(reached['mse'])}"
    )
    return "\n".join(lines)
