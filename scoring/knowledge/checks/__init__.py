"""Cross-file checks of the knowledge base, one concern per module, run in dependency order."""

from __future__ import annotations

from scoring.knowledge.checks.approaches import check_approaches
from scoring.knowledge.checks.compliance import check_compliance
from scoring.knowledge.checks.components import check_components
from scoring.knowledge.checks.context import Checker, ParsedFiles
from scoring.knowledge.checks.criteria import check_criteria
from scoring.knowledge.checks.deployments import check_deployments
from scoring.knowledge.checks.facts import check_facts
from scoring.knowledge.checks.industries import check_industries
from scoring.knowledge.checks.model import check_model
from scoring.knowledge.checks.money import check_money
from scoring.knowledge.checks.questionnaire import check_questionnaire

CHECKS = (
    check_facts,
    check_criteria,
    check_questionnaire,
    check_approaches,
    check_deployments,
    check_money,
    check_components,
    check_model,
    check_industries,
    check_compliance,
)


def run_checks(files: ParsedFiles) -> None:
    """Raise :class:`~scoring.knowledge.files.KnowledgeBaseError` at the first broken rule."""
    check = Checker(files)
    for run in CHECKS:
        run(check)


__all__ = ["ParsedFiles", "run_checks"]
