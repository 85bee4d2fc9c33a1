"""Head-to-head: where one solution beats another, criterion by criterion, and by how much.

Answers "why this solution rather than that one?" with the recommendation's own numbers: on each
criterion the difference of the two solutions' contributions (the points that criterion adds to each
total, as in the contribution chart), which adds up to the difference of their totals. Under the
weighted sum a contribution is weight x score; under TOPSIS it is the total shared out in proportion
to weight x score, so the comparison always agrees with the ranking. Next to the points: each
solution's rationale from the knowledge base and whether it meets the hard requirements.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.criteria import criterion_reason
from scoring.engine import Recommendation

TIE_POINTS = 0.05  # differences smaller than this many points are shown as even


@dataclass(frozen=True)
class CriterionDuel:
    criterion: str
    weight: float
    score_a: float
    score_b: float
    points: float  # A's contribution minus B's: what this criterion adds to A's lead
    winner: str | None  # solution id, or None when even
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


def head_to_head(recommendation: Recommendation, option_a: str, option_b: str) -> HeadToHead:
    """Compare two ranked solutions of ``recommendation`` under its weights."""
    kb = recommendation.kb
    by_id = {r.option: r for r in recommendation.ranking}
    for option_id in (option_a, option_b):
        if option_id not in by_id:
            raise ValueError(f"unknown solution {option_id!r}: it is not in this ranking")
    a, b = by_id[option_a], by_id[option_b]
    duels = []
    for criterion in kb.criterion_ids:
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
                reason_a=criterion_reason(kb, a.components, criterion),
                reason_b=criterion_reason(kb, b.components, criterion),
            )
        )
    return HeadToHead(
        option_a,
        option_b,
        tuple(duels),
        method=recommendation.method,
        unmet_a=a.unmet_sentences,
        unmet_b=b.unmet_sentences,
    )
