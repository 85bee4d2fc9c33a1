"""Trust in one recommendation: robustness (SMAA) and the weights' stability intervals.

Glue between a :class:`~scoring.engine.Recommendation` and the array analyses of
:mod:`scoring.robustness` and :mod:`scoring.stability`, so the page, the CLI and the CSV report
show the same figures. Both use the recommendation's own method and reference set.

Robustness samples the weights around the business's (Dirichlet) and, per component and criterion,
the reviewed score within its band (narrow where the number is sourced, wide where it is our
judgement) and the monthly cost within its low-high range (uniform on a log scale). Each sample's
solution scores are recomputed by the very criterion computations the engine uses, so a pipeline
is still as good as its weakest component in every sample. The hard requirements are fixed, so
only the solutions that meet them (all, when none does) are sampled: the others can never rank
above them and keep their ranks below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scoring.criteria import ScoringContext, criterion_scores
from scoring.criteria.reviewed import component_scores
from scoring.encoding import encode_answers
from scoring.engine import Recommendation
from scoring.methods import get_method
from scoring.ranking import reference_set
from scoring.robustness import (
    DEFAULT_CONCENTRATION,
    DEFAULT_SAMPLES,
    LABEL_LEANING,
    LABEL_ROBUST,
    LABEL_TOSS_UP,
    RobustnessResult,
    TotalsFunction,
    rank_acceptability,
    sample_weights,
    sample_within,
)
from scoring.solutions import NO_MEMBER, solution_label
from scoring.stability import StabilityInterval, compute_stability_intervals, describe_interval

LABEL_EXPLANATIONS = {
    LABEL_ROBUST: "the top solution stays first in at least 80 % of plausible weightings and scores",
    LABEL_LEANING: "the top solution stays first in 50 to 80 % of plausible weightings and scores",
    LABEL_TOSS_UP: "the top solution stays first in fewer than half of plausible weightings and scores",
}


@dataclass(frozen=True, eq=False)
class TrustAnalysis:
    """Everything the page and report say about how sure the recommendation is. Indices are the
    listed solutions' catalogue positions (``RankedSolution.index``)."""

    robustness: RobustnessResult
    intervals: tuple[StabilityInterval, ...]  # one per criterion
    sentences: tuple[str, ...]  # one per criterion
    method: str
    exact: bool  # stability intervals exact (a linear method) or found numerically

    @property
    def label(self) -> str:
        return self.robustness.label

    def first_rank_share(self, index: int) -> float:
        return float(self.robustness.first_rank[index])


def method_totals(recommendation: Recommendation) -> TotalsFunction:
    """The recommendation's aggregation, with its reference set and normalisation bound in."""
    method = get_method(recommendation.method)
    reference = reference_set(recommendation.group.meets[0])

    def totals(scores: np.ndarray, weights: np.ndarray) -> np.ndarray:
        return method.totals(scores, weights, reference, recommendation.normalization)

    return totals


def sampled_scores(
    recommendation: Recommendation,
    positions: np.ndarray,
    samples: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """(samples, len(positions), criteria) scores of the solutions at ``positions`` with every
    component's reviewed scores and monthly cost drawn within their bands."""
    kb, group = recommendation.kb, recommendation.group
    answers = encode_answers(kb, [recommendation.answers])
    solutions = group.solutions.subset(positions)
    used = np.unique(solutions.members[solutions.members != NO_MEMBER])  # components in play
    centre = component_scores(kb, answers)[0]  # (C, K), NaN for computed criteria
    reviewed = np.flatnonzero(~np.isnan(centre).any(axis=0))
    drawn_scores = np.repeat(centre[None], samples, axis=0)
    block = np.ix_(used, reviewed)
    drawn_scores[:, used[:, None], reviewed[None, :]] = sample_within(
        centre[block], kb.arrays.bands[block], samples, rng
    )
    total = group.component_costs[0][used]  # (used, 2)
    low, high = np.log(np.maximum(total[:, 0], 1e-9)), np.log(np.maximum(total[:, 1], 1e-9))
    uniform = rng.uniform(size=(samples, group.component_costs.shape[1]))[:, used]
    drawn_cost = np.zeros((samples, group.component_costs.shape[1], 1))  # one drawn value each
    drawn_cost[:, used, 0] = np.exp(low + uniform * (high - low))  # only components in play
    context = ScoringContext(kb, answers, solutions, drawn_scores, drawn_cost)
    return criterion_scores(context)


def robustness(
    recommendation: Recommendation,
    *,
    samples: int = DEFAULT_SAMPLES,
    concentration: float = DEFAULT_CONCENTRATION,
    seed: int = 0,
) -> RobustnessResult:
    """SMAA rank acceptability of ``recommendation`` under its own method: weights, component
    scores and costs sampled, the qualifying solutions (all, when none qualifies) ranked per
    sample."""
    group = recommendation.group
    method = get_method(recommendation.method)
    rng = np.random.default_rng(seed)
    positions = np.flatnonzero(reference_set(group.meets[0]))
    sampled = method.totals(
        sampled_scores(recommendation, positions, samples, rng),
        sample_weights(group.weights[0], samples, concentration, rng),
        np.ones(positions.size, dtype=bool),
        recommendation.normalization,
    )
    return rank_acceptability(
        sampled,
        positions,
        group.order[0],
        group.failure_key[0],
        recommendation.top.index,
        concentration=concentration,
        seed=seed,
    )


def analyse_trust(
    recommendation: Recommendation,
    *,
    samples: int = DEFAULT_SAMPLES,
    concentration: float = DEFAULT_CONCENTRATION,
    seed: int = 0,
) -> TrustAnalysis:
    """Robustness and stability of ``recommendation`` under its own method."""
    kb, group = recommendation.kb, recommendation.group
    method = get_method(recommendation.method)
    weights = group.weights[0]
    failed = group.failure_key[0]
    acceptability = robustness(
        recommendation, samples=samples, concentration=concentration, seed=seed
    )
    totals_of = None if method.exact_stability else method_totals(recommendation)
    intervals = compute_stability_intervals(group.scores[0], weights, failed, totals_of)
    names = [c.name.lower() for c in kb.criteria]
    labels = solution_labels(recommendation)
    sentences = tuple(describe_interval(i, names, labels) for i in intervals)
    return TrustAnalysis(acceptability, intervals, sentences, method.name, method.exact_stability)


def solution_labels(recommendation: Recommendation) -> list[str]:
    """Labels of the listed solutions in catalogue order (the analyses' indices)."""
    solutions = recommendation.group.solutions
    return [
        solution_label(recommendation.kb, solutions.component_indices(s))
        for s in range(len(solutions))
    ]


def trust_report_columns(
    recommendation: Recommendation, trust: TrustAnalysis
) -> dict[str, Sequence[object]]:
    """Extra CSV report columns, one value per ranked solution (ranking order).

    ``first_rank_acceptability`` is per solution; the robustness label and each criterion weight's
    stability interval (its ends as shares, the solution that takes over past each end) describe
    the recommendation as a whole, so they repeat on every row.
    """
    kb = recommendation.kb
    rows = len(recommendation.ranking)
    ids = {r.index: r.option for r in recommendation.ranking}
    columns: dict[str, Sequence[object]] = {
        "first_rank_acceptability": [
            round(trust.first_rank_share(r.index), 4) for r in recommendation.ranking
        ],
        "robustness_label": [trust.label] * rows,
    }
    for interval in trust.intervals:
        criterion = kb.criterion_ids[interval.criterion]
        below = "" if interval.taker_below is None else ids[interval.taker_below]
        above = "" if interval.taker_above is None else ids[interval.taker_above]
        columns[f"stability_{criterion}_low"] = [round(interval.low, 4)] * rows
        columns[f"stability_{criterion}_high"] = [round(interval.high, 4)] * rows
        columns[f"stability_{criterion}_taker_below"] = [below] * rows
        columns[f"stability_{criterion}_taker_above"] = [above] * rows
    columns["stability_exact"] = [trust.exact] * rows
    return columns
