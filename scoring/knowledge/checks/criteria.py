"""data/criteria.yaml: unique ids, each with a computation the engine knows for its kind."""

from __future__ import annotations

from scoring.knowledge.checks.context import Checker

REVIEWED_COMPUTATION = "weakest_component"
"""The one computation for reviewed and mixed criteria: a solution is as good as its weakest part."""


def check_criteria(check: Checker) -> None:
    criteria = check.files.criteria.criteria
    check.unique("criteria.yaml", "criteria", [c.id for c in criteria])
    known = sorted(check.files.computations)
    for n, criterion in enumerate(criteria, start=1):
        where = f"criteria entry {n} (id '{criterion.id}'), field computation"
        if criterion.computation not in check.files.computations:
            check.fail(
                "criteria.yaml",
                where,
                f"no computation {criterion.computation!r}; the engine knows {', '.join(known)}",
            )
        reviewed = criterion.kind != "computed"
        if reviewed != (criterion.computation == REVIEWED_COMPUTATION):
            check.fail(
                "criteria.yaml",
                where,
                f"a {criterion.kind} criterion is computed by "
                + (
                    f"'{REVIEWED_COMPUTATION}'"
                    if reviewed
                    else f"one of {', '.join(c for c in known if c != REVIEWED_COMPUTATION)}"
                ),
            )
