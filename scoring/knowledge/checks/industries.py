"""data/industries.yaml: one entry per industry choice; uses point at known approaches."""

from __future__ import annotations

from scoring.knowledge.checks.context import Checker


def check_industries(check: Checker) -> None:
    industries = check.files.industries.industries
    ids = [i.id for i in industries]
    check.unique("industries.yaml", "industries", ids)
    check.same_keys(
        "industries.yaml",
        "industries",
        ids,
        check.files.choices("industry"),
        "the choices of industry in data/questionnaire.yaml",
    )
    approaches = [a.id for a in check.files.approaches.approaches]
    for n, industry in enumerate(industries, start=1):
        for k, use in enumerate(industry.uses, start=1):
            where = f"industries entry {n} (id '{industry.id}'), uses entry {k}"
            check.subset(
                "industries.yaml", f"{where}, field approaches", use.approaches, approaches
            )
            check.citations("industries.yaml", where, use)
