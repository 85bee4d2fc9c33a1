"""Head-to-head: where one option beats another, criterion by criterion, and by how much.

Answers "why this option rather than that one?" with the recommendation's own numbers: on each
criterion the difference of the two options' contributions (the points that criterion adds to each
total, as in the contribution chart), which adds up to the difference of their totals. Under the
weighted sum a contribution is weight x score; under TOPSIS it is the total shared out in proportion
to weight x score, so the comparison always agrees with the ranking. Next to the points: each
option's rationale from the knowledge base and whether it meets the hard requirements.
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
    points: float  # A's contribution minus B's: what this criterion adds to A's lead
    winner: str | None  # option id, or None when even
    reason_a: str
    reason_b: str


@dataclass(frozen=True)
class HeadToHead:
    option_a: str
    option_b: str
    duels: tuple[CriterionDuel, ...]
    method: str = "wsm"
    unmet_a: tuple[str, ...] = ()  # why A fails the hard requirements (empty: it meets them)
    unmet_b: tuple[str, ...] = ()

    @property
    def lead(self) -> float:
        """A's lead over B in points of the total (negative when B is ahead)."""
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
        points = a.contributions[criterion] - b.contributions[criterion]
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
    return HeadToHead(
        option_a,
        option_b,
        tuple(duels),
        method=recommendation.method,
        unmet_a=() if a.meets_requirements else a.unmet,
        unmet_b=() if b.meets_requirements else b.unmet,
    )
