"""data/money.yaml: one quantity per volume level, one ceiling per budget level, one staff factor
per expertise level."""

from __future__ import annotations

from scoring.knowledge.checks.context import Checker

QUESTIONNAIRE = "the choices of %s in data/questionnaire.yaml"


def check_money(check: Checker) -> None:
    money = check.files.money
    volumes = check.files.choices("volume")
    check.unique("money.yaml", "work", [w.id for w in money.work])
    for n, work in enumerate(money.work, start=1):
        where = f"work entry {n} (id '{work.id}')"
        check.same_keys(
            "money.yaml", f"{where}, field volume", work.volume, volumes, QUESTIONNAIRE % "volume"
        )
        quantities = [work.volume[v] for v in volumes]
        if any(q < 0 for q in quantities) or quantities != sorted(quantities):
            check.fail(
                "money.yaml",
                f"{where}, field volume",
                "quantities must be non-negative and rise with the volume level",
            )
        check.citations("money.yaml", where, work)
    budgets = check.files.choices("budget")
    check.same_keys(
        "money.yaml",
        "budget_ceilings.values",
        money.budget_ceilings.values,
        budgets,
        QUESTIONNAIRE % "budget",
    )
    ceilings = [money.budget_ceilings.values[b] for b in budgets]
    finite = [c for c in ceilings if c is not None]
    if finite != sorted(finite) or (None in ceilings and ceilings.index(None) != len(ceilings) - 1):
        check.fail(
            "money.yaml",
            "budget_ceilings.values",
            "ceilings must rise with the budget level (only the last may be null: no ceiling)",
        )
    check.citations("money.yaml", "budget_ceilings", money.budget_ceilings)
    check.same_keys(
        "money.yaml",
        "ml_staff_factor.values",
        money.ml_staff_factor.values,
        check.files.choices("in_house_ml_expertise"),
        QUESTIONNAIRE % "in_house_ml_expertise",
    )
    for name in ("staff_monthly_cost", "ml_staff_factor", "combination_integration", "cost_score"):
        check.citations("money.yaml", name, getattr(money, name))
