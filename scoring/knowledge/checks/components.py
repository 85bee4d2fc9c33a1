"""data/components/*.yaml: known approach and deployment, every scored criterion scored, dated
prices that are sourced and not stale, and at least one component for every approach."""

from __future__ import annotations

import calendar
from datetime import date

from scoring.knowledge.checks.context import Checker
from scoring.knowledge.schema import Component

STALE_PRICE_MONTHS = 18
"""A shortlisted price older than this at the review date may not be shown (SPEC, Named products)."""


def months_between(earlier: date, later: date) -> int:
    """Whole months from ``earlier`` to ``later`` (a month not yet complete does not count)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parse_partial_date(text: str) -> date:
    """The first day a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` date can mean (the oldest reading)."""
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def check_components(check: Checker) -> None:
    files = check.files
    approaches = [a.id for a in files.approaches.approaches]
    deployments = {d.id: d for d in files.deployments.deployments}
    reviewed = date.fromisoformat(files.manifest.reviewed)
    seen: dict[str, str] = {}
    for file, content in files.components.items():
        for n, component in enumerate(content.components, start=1):
            where = f"components entry {n} (id '{component.id}')"
            if component.approach not in approaches:
                check.fail(
                    file,
                    f"{where}, field approach",
                    f"unknown approach; one of {', '.join(approaches)}",
                )
            if file != f"components/{component.approach}.yaml":
                check.fail(
                    file,
                    f"{where}, field approach",
                    f"belongs in data/components/{component.approach}.yaml",
                )
            if component.deployment not in deployments:
                check.fail(
                    file,
                    f"{where}, field deployment",
                    f"unknown deployment; one of {', '.join(deployments)}",
                )
            if component.id in seen:
                check.fail(file, where, f"duplicate component (also in data/{seen[component.id]})")
            seen[component.id] = file
            _check_scores(
                check, file, where, component, set(deployments[component.deployment].scores)
            )
            _check_costs(check, file, where, component)
            _check_shortlist(check, file, where, component, reviewed)
            _check_product_inputs(check, file, where, component)
    for approach in approaches:
        if not any(c.split(":")[0] == approach for c in seen):
            check.fail(
                f"components/{approach}.yaml",
                "components",
                f"approach {approach!r} has no component",
            )


def _check_scores(
    check: Checker, file: str, where: str, component: Component, inherited: set[str]
) -> None:
    scored = check.files.scored_criteria
    for criterion, score in component.scores.items():
        if criterion not in scored:
            check.fail(
                file,
                f"{where}, field scores.{criterion}",
                f"not a reviewed or mixed criterion of data/criteria.yaml; allowed: {', '.join(scored)}",
            )
        check.citations(file, f"{where}, field scores.{criterion}", score)
    for criterion in scored:
        if criterion not in component.scores and criterion not in inherited:
            check.fail(
                file,
                f"{where}, field scores",
                f"criterion {criterion!r} is not scored (neither here nor by deployment "
                f"'{component.deployment}' in data/deployments.yaml)",
            )
    check.citations(file, f"{where}, field needs", component.needs)


def _check_costs(check: Checker, file: str, where: str, component: Component) -> None:
    work = [w.id for w in check.files.money.work]
    for k, usage in enumerate(component.cost.usage, start=1):
        here = f"{where}, field cost.usage entry {k}"
        check.subset(file, f"{here}, field work", [usage.work], work)
        check.citations(file, here, usage)
        if usage.batch_price is None:
            continue
        if "batch_ok" not in check.files.choices("latency"):
            check.fail(file, f"{here}, field batch_price", "needs the latency answer 'batch_ok'")
        if usage.batch_price.low > usage.price.low or usage.batch_price.high > usage.price.high:
            check.fail(
                file,
                f"{here}, field batch_price",
                "is above the live price: batch processing is the cheaper way or not offered",
            )
    fixed = component.cost.fixed
    for name in ("infrastructure", "staff_fte", "integration"):
        check.citations(file, f"{where}, field cost.fixed.{name}", getattr(fixed, name))


def _check_shortlist(
    check: Checker, file: str, where: str, component: Component, reviewed: date
) -> None:
    for k, product in enumerate(component.shortlist, start=1):
        here = f"{where}, field shortlist entry {k} (name '{product.name}')"
        if not check.is_fact(product.source):
            check.fail(file, f"{here}, field source", f"unknown fact {product.source!r}")
        priced = parse_partial_date(product.price_date)
        if priced > reviewed:
            check.fail(
                file,
                f"{here}, field price_date",
                f"{product.price_date} is after the knowledge base's review date {reviewed}",
            )
        if add_months(priced, STALE_PRICE_MONTHS) < reviewed:
            check.fail(
                file,
                f"{here}, field price_date",
                f"the price ({product.price_date}) is more than {STALE_PRICE_MONTHS} months "
                f"old at the review date {reviewed}: none older may be shortlisted",
            )


def _check_product_inputs(check: Checker, file: str, where: str, component: Component) -> None:
    """A product reads and writes only what its approach does (it may do less)."""
    approach = next(
        (a for a in check.files.approaches.approaches if a.id == component.approach), None
    )
    if approach is None:
        return  # reported as an unknown approach
    for k, product in enumerate(component.shortlist, start=1):
        if product.reads is not None:
            here = f"{where}, field shortlist entry {k} (name '{product.name}'), field reads"
            check.subset(file, here, product.reads, approach.reads)
        if product.writes is not None:
            here = f"{where}, field shortlist entry {k} (name '{product.name}'), field writes"
            check.subset(file, here, product.writes, approach.writes)
