"""Head-to-head: where one option beats another, criterion by criterion, and by how much.

Answers "why this option rather than that one?" with the weighted-sum view: on each criterion the
difference of the two weighted contributions (weight x score), which adds up to the difference of
their weighted-sum totals, next to each option's rationale from the knowledge base.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.engine import Recommendation
from scoring.kb_schema import Option
from scoring.knowledge_base import CRITERIA, KnowledgeBase

TIE_POINTS = 0.05  # differences smaller than this many points are shown as even


@dataclass(frozen=True)
class CriterionDuel:
    criterion: str
    weight: float
    score_a: float
    score_b: float
    points: float  # weight x (score_a - score_b): what this criterion adds to A's lead
    winner: str | None  # option id, or None when even
    reason_a: str
    reason_b: str


@dataclass(frozen=True)
class HeadToHead:
    option_a: str
    option_b: str
    duels: tuple[CriterionDuel, ...]

    @property
    def lead(self) -> float:
        """A's weighted-sum lead over B (negative when B is ahead)."""
        return sum(d.points for d in self.duels)


def criterion_reason(option: Option, criterion: str) -> str:
    """The knowledge base's rationale behind an option's score on one criterion."""
    if criterion == "modality":
        return option.capabilities.rationale
    if criterion == "cost":
        return (
            f"To adopt: {option.scores.cost_to_adopt.rationale} "
            f"Per use: {option.scores.cost_per_use.rationale}"
        )
    return getattr(option.scores, criterion).rationale


def head_to_head(
    kb: KnowledgeBase, recommendation: Recommendation, option_a: str, option_b: str
) -> HeadToHead:
    """Compare two ranked options of ``recommendation`` under its weights."""
    by_id = {r.option: r for r in recommendation.ranking}
    for option_id in (option_a, option_b):
        if option_id not in by_id:
            raise ValueError(f"unknown option {option_id!r}; allowed: {', '.join(kb.option_ids)}")
    a, b = by_id[option_a], by_id[option_b]
    duels = []
    for criterion in CRITERIA:
        weight = recommendation.weights[criterion]
        points = weight * (a.criteria[criterion] - b.criteria[criterion])
        winner = None if abs(points) < TIE_POINTS else (option_a if points > 0 else option_b)
        duels.append(
            CriterionDuel(
                criterion=criterion,
                weight=weight,
                score_a=a.criteria[criterion],
                score_b=b.criteria[criterion],
                points=points,
                winner=winner,
                reason_a=criterion_reason(kb.option(option_a), criterion),
                reason_b=criterion_reason(kb.option(option_b), criterion),
            )
        )
    return HeadToHead(option_a, option_b, tuple(duels))
