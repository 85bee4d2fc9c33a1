"""Criterion computations, registered by the name data/criteria.yaml gives them.

A criterion's ``computation`` names one of these; the knowledge base refuses an unknown name at
load. Each takes the scoring context of a group of answer sets and the criterion's position, and
returns (answers, solutions) scores on 0-100. Adding a criterion of an existing kind is data only;
a new kind of computation is one module here and one line below.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from scoring.criteria.context import ScoringContext
from scoring.criteria.cost import cost_evidence, monthly_cost
from scoring.criteria.modality import modality_evidence, modality_fit
from scoring.criteria.reviewed import weakest_component, weakest_evidence
from scoring.knowledge import KnowledgeBase
from scoring.knowledge.schema import Sourced

Computation = Callable[[ScoringContext, int], np.ndarray]
Evidence = Callable[[KnowledgeBase, tuple[str, ...], str], tuple[Sourced, ...]]
"""``(kb, component ids of a solution, criterion id) -> the entries its score rests on``."""

COMPUTATIONS: dict[str, Computation] = {
    "weakest_component": weakest_component,
    "modality_fit": modality_fit,
    "monthly_cost": monthly_cost,
}
EVIDENCE: dict[str, Evidence] = {
    "weakest_component": weakest_evidence,
    "modality_fit": modality_evidence,
    "monthly_cost": cost_evidence,
}


def criterion_evidence(
    kb: KnowledgeBase, components: tuple[str, ...], criterion: str
) -> tuple[Sourced, ...]:
    """The knowledge-base entries (rationale and sources) behind a solution's score."""
    return EVIDENCE[kb.criterion(criterion).computation](kb, components, criterion)


def criterion_reason(kb: KnowledgeBase, components: tuple[str, ...], criterion: str) -> str:
    """The rationale behind a solution's score on one criterion, in the knowledge base's words."""
    return " ".join(e.rationale for e in criterion_evidence(kb, components, criterion))


def criterion_scores(context: ScoringContext) -> np.ndarray:
    """(answers, solutions, criteria) scores of every solution on every criterion.

    A computation that depends only on the answers may return one row for a context whose
    component scores or costs carry many rows (robustness samples of one answer set): rows
    broadcast.
    """
    columns = [
        COMPUTATIONS[criterion.computation](context, k)
        for k, criterion in enumerate(context.kb.criteria)
    ]
    return np.stack(np.broadcast_arrays(*columns), axis=-1)


__all__ = [
    "COMPUTATIONS",
    "EVIDENCE",
    "Computation",
    "Evidence",
    "ScoringContext",
    "criterion_evidence",
    "criterion_reason",
    "criterion_scores",
]
