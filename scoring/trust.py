"""Trust in one recommendation: robustness to the weights and the weights' stability intervals.

Glue between :mod:`scoring.engine` (a :class:`Recommendation`) and the array analyses of
:mod:`scoring.robustness` and :mod:`scoring.stability`, so the page, the CLI and the CSV report all
show the same figures. Both analyses use the recommendation's own method, so they are always about
the option the page recommends: under the weighted sum the stability intervals are exact; under
TOPSIS (not linear in the weights) they are found numerically, and the analysis says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scoring.engine import Method, Recommendation, aggregate_totals
from scoring.knowledge_base import CRITERIA, KnowledgeBase
from scoring.robustness import (
    DEFAULT_CONCENTRATION,
    DEFAULT_SAMPLES,
    RobustnessResult,
    TotalsFunction,
    rank_acceptability,
)
from scoring.stability import StabilityInterval, describe_interval, stability_intervals

LABEL_EXPLANATIONS = {
    "robust": "the top option stays first in at least 80 % of plausible weightings",
    "leaning": "the top option stays first in 50 to 80 % of plausible weightings",
    "toss-up": "the top option stays first in fewer than half of plausible weightings",
}


@dataclass(frozen=True)
class TrustAnalysis:
    """Everything the page and report say about how sure the recommendation is."""

    robustness: RobustnessResult  # indices are catalogue positions
    intervals: tuple[StabilityInterval, ...]  # one per criterion, in CRITERIA order
    sentences: tuple[str, ...]  # one per criterion
    method: Method = "wsm"  # the recommendation's method, used by both analyses

    @property
    def exact(self) -> bool:
        """True when the stability intervals are exact (weighted sum), not found numerically."""
        return self.method == "wsm"

    @property
    def label(self) -> str:
        return self.robustness.label

    def first_rank_share(self, kb: KnowledgeBase, option_id: str) -> float:
        return float(self.robustness.first_rank[kb.option_ids.index(option_id)])


def decision_arrays(
    kb: KnowledgeBase, recommendation: Recommendation
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(scores (options, criteria), weights (criteria,), meets (options,)) in catalogue order."""
    by_id = {r.option: r for r in recommendation.ranking}
    ordered = [by_id[option_id] for option_id in kb.option_ids]
    scores = np.array([[r.criteria[c] for c in CRITERIA] for r in ordered])
    weights = np.array([recommendation.weights[c] for c in CRITERIA])
    meets = np.array([r.meets_requirements for r in ordered])
    return scores, weights, meets


def analyse_trust(
    kb: KnowledgeBase,
    recommendation: Recommendation,
    *,
    samples: int = DEFAULT_SAMPLES,
    concentration: float = DEFAULT_CONCENTRATION,
    seed: int = 0,
) -> TrustAnalysis:
    """Robustness and stability of ``recommendation`` under its own method and normalisation."""
    scores, weights, meets = decision_arrays(kb, recommendation)
    totals_of = method_totals(recommendation)
    robustness = rank_acceptability(
        scores,
        weights,
        meets,
        samples=samples,
        concentration=concentration,
        seed=seed,
        totals_of=totals_of,
    )
    intervals = stability_intervals(scores, weights, meets, totals_of)
    names = [kb.criterion(c).name.lower() for c in CRITERIA]
    labels = [o.label for o in kb.options]
    sentences = tuple(describe_interval(i, names, labels) for i in intervals)
    return TrustAnalysis(robustness, intervals, sentences, recommendation.method)


def method_totals(recommendation: Recommendation) -> TotalsFunction | None:
    """The recommendation's aggregation as a ``totals_of`` function (None: the weighted sum,
    which the analyses solve with their fast exact paths)."""
    if recommendation.method == "wsm":
        return None
    normalization = recommendation.normalization or "vector"

    def topsis_totals(scores: np.ndarray, weights: np.ndarray) -> np.ndarray:
        return aggregate_totals(scores, weights, "topsis", normalization)

    return topsis_totals


def trust_report_columns(
    kb: KnowledgeBase, recommendation: Recommendation, trust: TrustAnalysis
) -> dict[str, Sequence[object]]:
    """Extra CSV report columns, one value per ranked option (ranking order).

    ``first_rank_acceptability`` is per option; the robustness label and the stability interval of
    each criterion's weight (its ends as shares, the option that takes over past each end, empty
    when none does) describe the recommendation as a whole, so they repeat on every row.
    ``stability_exact`` is False under TOPSIS, where the intervals are found numerically.
    """
    rows = len(recommendation.ranking)
    columns: dict[str, Sequence[object]] = {
        "first_rank_acceptability": [
            round(trust.first_rank_share(kb, r.option), 4) for r in recommendation.ranking
        ],
        "robustness_label": [trust.label] * rows,
    }
    for interval in trust.intervals:
        criterion = CRITERIA[interval.criterion]
        below = "" if interval.taker_below is None else kb.option_ids[interval.taker_below]
        above = "" if interval.taker_above is None else kb.option_ids[interval.taker_above]
        columns[f"stability_{criterion}_low"] = [round(interval.low, 4)] * rows
        columns[f"stability_{criterion}_high"] = [round(interval.high, 4)] * rows
        columns[f"stability_{criterion}_taker_below"] = [below] * rows
        columns[f"stability_{criterion}_taker_above"] = [above] * rows
    columns["stability_exact"] = [trust.exact] * rows
    return columns
