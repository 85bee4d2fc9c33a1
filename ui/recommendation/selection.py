"""Which solutions a chart or card shows: the top qualifying ones, or the nearest when none
qualifies (pure). Dozens of solutions are ranked; a chart of all of them says nothing."""

from __future__ import annotations

from scoring.engine import RankedSolution, Recommendation


def shown_solutions(rec: Recommendation, count: int) -> list[RankedSolution]:
    """The best ``count`` qualifying solutions; when none qualifies, the nearest ``count``."""
    qualifying = [r for r in rec.ranking if r.meets_requirements]
    return (qualifying or list(rec.ranking))[:count]


def excluded_solutions(rec: Recommendation) -> list[RankedSolution]:
    """Solutions that fail a hard requirement, nearest first (fewer failures, then score)."""
    return [r for r in rec.ranking if not r.meets_requirements]
