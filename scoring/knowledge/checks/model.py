"""data/model.yaml: weights and score rules that name known criteria, fields and values."""

from __future__ import annotations

from scoring.knowledge.checks.context import Checker
from scoring.knowledge.schema import Rule

MODALITY_FIT_PARTS = ("outputs", "inputs", "tasks", "focus")
NO_TASK_FIT_KINDS = ("general", "specialised")
COMPONENT_TRAITS = (
    "fine_tunable",
    "needs_ml_team",
    "needs_gpus",
    "creative",
    "specialised",
    "grounded",
    "on_premises",
    "standard_terms",
)
"""What a score rule may select components by (``components_with``)."""


def check_model(check: Checker) -> None:
    model = check.files.model
    criteria = check.files.criterion_ids
    check.same_keys(
        "model.yaml",
        "base_points.values",
        model.base_points.values,
        criteria,
        "the criteria of data/criteria.yaml",
    )
    check.citations("model.yaml", "base_points", model.base_points)
    check.same_keys(
        "model.yaml", "modality_fit.values", model.modality_fit.values, MODALITY_FIT_PARTS
    )
    if abs(sum(model.modality_fit.values.values()) - 1) > 1e-9:
        check.fail("model.yaml", "modality_fit.values", "shares must sum to 1")
    check.citations("model.yaml", "modality_fit", model.modality_fit)
    check.same_keys("model.yaml", "no_task_fit.values", model.no_task_fit.values, NO_TASK_FIT_KINDS)
    if not all(0 <= v <= 1 for v in model.no_task_fit.values.values()):
        check.fail("model.yaml", "no_task_fit.values", "shares must lie in [0, 1]")
    check.citations("model.yaml", "no_task_fit", model.no_task_fit)
    check.citations("model.yaml", "integration_penalty", model.integration_penalty)
    mixed = [c.id for c in check.files.criteria.criteria if c.kind == "mixed"]
    for n, rule in enumerate(model.weight_rules, start=1):
        where = f"weight_rules entry {n}"
        _check_conditions(check, where, rule)
        check.subset("model.yaml", f"{where}, field add", rule.add, criteria)
        if rule.components_with is not None:
            check.fail("model.yaml", f"{where}, field components_with", "only score rules take it")
        check.citations("model.yaml", where, rule)
    for n, rule in enumerate(model.score_rules, start=1):
        where = f"score_rules entry {n}"
        _check_conditions(check, where, rule)
        for criterion in rule.add:
            if criterion not in mixed:
                check.fail(
                    "model.yaml",
                    f"{where}, field add",
                    f"{criterion!r} is not a mixed criterion of data/criteria.yaml; score rules "
                    f"may move only {', '.join(mixed) or 'none'}",
                )
        check.subset(
            "model.yaml",
            f"{where}, field components_with",
            [rule.components_with or ""],
            COMPONENT_TRAITS,
        )
        check.citations("model.yaml", where, rule)


def _check_conditions(check: Checker, where: str, rule: Rule) -> None:
    for field, condition in rule.when.items():
        question = check.files.question(field)
        if question is None or question.kind not in ("choice", "multi"):
            check.fail("model.yaml", f"{where}, field when", f"{field!r} is not a choice field")
        values = condition if isinstance(condition, list) else [condition]
        check.subset(
            "model.yaml", f"{where}, field when.{field}", values, check.files.choices(field)
        )
