"""data/deployments.yaml: unique ids; scores only for criteria that components score."""

from __future__ import annotations

from scoring.knowledge.checks.context import Checker


def check_deployments(check: Checker) -> None:
    deployments = check.files.deployments.deployments
    check.unique("deployments.yaml", "deployments", [d.id for d in deployments])
    for n, deployment in enumerate(deployments, start=1):
        where = f"deployments entry {n} (id '{deployment.id}')"
        for criterion, score in deployment.scores.items():
            if criterion not in check.files.scored_criteria:
                check.fail(
                    "deployments.yaml",
                    f"{where}, field scores.{criterion}",
                    "not a reviewed or mixed criterion of data/criteria.yaml; allowed: "
                    + ", ".join(check.files.scored_criteria),
                )
            check.citations("deployments.yaml", f"{where}, field scores.{criterion}", score)
