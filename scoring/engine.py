"""The engine: answers in, ranked options out, for one answer set or many at once.

``score_arrays`` is the single vectorised path; ``recommend`` is that path on a batch of one, so a
recommendation and a batch row can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from scoring.aggregation import NORMALIZATIONS, Normalization, topsis_pure, weighted_sum_pure
from scoring.answers import Answers
from scoring.criterion_scores import criterion_scores, meets_requirements, requirement_checks
from scoring.encoding import AnswerArrays, encode_answers
from scoring.knowledge_base import CRITERIA, KnowledgeBase
from scoring.ranking import rank_order, ranks_from_order
from scoring.weights import derive_weights

Method = Literal["wsm", "topsis"]
METHODS: tuple[Method, ...] = ("wsm", "topsis")
METHOD_NAMES = {"wsm": "Weighted sum", "topsis": "TOPSIS"}
REQUIREMENT_REASONS = {
    "produces_required_outputs": "cannot produce: {missing}",
    "keeps_data_on_premises": "sends data off premises, but it must stay on your infrastructure",
}


@dataclass(frozen=True)
class BatchScores:
    """Every number the engine computes, as arrays over (answers, options, criteria)."""

    method: Method
    normalization: Normalization | None
    weights: np.ndarray  # (answers, criteria)
    scores: np.ndarray  # (answers, options, criteria), 0-100
    totals: np.ndarray  # (answers, options), 0-100
    contributions: np.ndarray  # (answers, options, criteria), sums to totals
    meets: np.ndarray  # (answers, options) bool
    order: np.ndarray  # (answers, options) option indices, best first


def aggregate_totals(
    scores: np.ndarray, weights: np.ndarray, method: Method, normalization: Normalization = "vector"
) -> np.ndarray:
    """(..., options) 0-100 totals for scores (..., options, criteria) and weights (..., criteria).

    Leading axes broadcast, so the robustness analysis can rank one score matrix under many
    sampled weight vectors with the very method the recommendation uses.
    """
    if method == "wsm":
        return weighted_sum_pure(scores, weights)
    benefit = np.ones(scores.shape[-1], dtype=bool)
    return 100.0 * topsis_pure(scores, weights, normalization, benefit)


def aggregate(
    scores: np.ndarray, weights: np.ndarray, method: Method, normalization: Normalization = "vector"
) -> tuple[np.ndarray, np.ndarray]:
    """(totals, contributions) for scores (..., options, criteria) and weights (..., criteria).

    Weighted-sum contributions are weight times score. TOPSIS totals are 100 x closeness; TOPSIS is
    not additive, so its total is apportioned to criteria in proportion to weight times score.
    """
    additive = scores * weights[..., None, :]
    totals = aggregate_totals(scores, weights, method, normalization)
    if method == "wsm":
        return totals, additive
    shares = additive.sum(axis=-1, keepdims=True)
    apportioned = np.divide(
        additive, shares, out=np.full_like(additive, 1.0 / scores.shape[-1]), where=shares > 0
    )
    return totals, apportioned * totals[..., None]


def score_arrays(
    kb: KnowledgeBase,
    arrays: AnswerArrays,
    method: Method = "wsm",
    normalization: Normalization = "vector",
    weights: np.ndarray | None = None,
) -> BatchScores:
    """Score encoded answer sets; ``weights`` (answers, criteria) overrides the derived ones."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; use one of {', '.join(METHODS)}")
    if normalization not in NORMALIZATIONS:
        raise ValueError(
            f"unknown normalisation {normalization!r}; use {', '.join(NORMALIZATIONS)}"
        )
    if weights is None:
        weights = derive_weights(kb, arrays)
    scores = criterion_scores(kb, arrays)
    totals, contributions = aggregate(scores, weights, method, normalization)
    meets = meets_requirements(kb, arrays)
    return BatchScores(
        method=method,
        normalization=normalization if method == "topsis" else None,
        weights=weights,
        scores=scores,
        totals=totals,
        contributions=contributions,
        meets=meets,
        order=rank_order(totals, meets),
    )


def score_batch(
    kb: KnowledgeBase,
    answers: Sequence[Answers],
    method: Method = "wsm",
    normalization: Normalization = "vector",
) -> BatchScores:
    return score_arrays(kb, encode_answers(kb, answers), method, normalization)


# --- one recommendation ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RankedOption:
    rank: int
    option: str
    label: str
    score: float
    meets_requirements: bool
    unmet: tuple[str, ...]
    criteria: dict[str, float]
    contributions: dict[str, float]


@dataclass(frozen=True)
class Recommendation:
    """One answer set's full result, in the spec's JSON shape via :meth:`to_dict`."""

    answers: Answers
    method: Method
    normalization: Normalization | None
    weights: dict[str, float]
    weights_source: Literal["derived", "priorities", "custom"]
    ranking: tuple[RankedOption, ...]
    kb_version: str

    @property
    def top(self) -> RankedOption:
        return self.ranking[0]

    @property
    def runner_up(self) -> RankedOption | None:
        """The real alternative to the top option.

        When the top option meets the hard requirements, the best other option that also meets
        them (an option that fails them is no alternative), or None when there is none. When nothing
        meets them, simply the second in the ranking.
        """
        if not self.top.meets_requirements:
            return self.ranking[1]
        return next((r for r in self.ranking[1:] if r.meets_requirements), None)

    @property
    def margin(self) -> float | None:
        """Points between the top option and the runner-up; None when there is no runner-up."""
        runner_up = self.runner_up
        return None if runner_up is None else self.top.score - runner_up.score

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "normalization": self.normalization,
            "kb_version": self.kb_version,
            "weights": self.weights,
            "weights_source": self.weights_source,
            "ranking": [
                {
                    "rank": r.rank,
                    "option": r.option,
                    "label": r.label,
                    "score": r.score,
                    "meets_requirements": r.meets_requirements,
                    "unmet_requirements": list(r.unmet),
                    "criteria": r.criteria,
                    "contributions": r.contributions,
                }
                for r in self.ranking
            ],
        }


def unmet_requirements(
    kb: KnowledgeBase, answers: Answers, arrays: AnswerArrays
) -> list[tuple[str, ...]]:
    """For each option (catalogue order), the plain-language reasons it fails a hard requirement."""
    checks = requirement_checks(kb, arrays)
    reasons: list[tuple[str, ...]] = []
    for index, option in enumerate(kb.options):
        missing = [m for m in answers.output_modalities if m not in option.writes]
        labels = ", ".join(kb.choice_label("output_modalities", m).lower() for m in missing)
        reasons.append(
            tuple(
                template.format(missing=labels)
                for name, template in REQUIREMENT_REASONS.items()
                if not checks[name][0, index]
            )
        )
    return reasons


def recommend(
    kb: KnowledgeBase,
    answers: Answers,
    method: Method = "wsm",
    normalization: Normalization = "vector",
    weights: Mapping[str, float] | None = None,
) -> Recommendation:
    """Rank every option for one answer set. ``weights`` (criterion -> weight) overrides the derived
    or prioritised ones, for what-if analysis; it is normalised to sum to 1."""
    arrays = encode_answers(kb, [answers])
    override = None
    if weights is not None:
        missing = [c for c in CRITERIA if c not in weights]
        unknown = [c for c in weights if c not in CRITERIA]
        if missing or unknown:
            raise ValueError(
                f"custom weights need exactly the criteria {', '.join(CRITERIA)}; "
                f"missing {missing}, unknown {unknown}"
            )
        vector = np.array([float(weights[c]) for c in CRITERIA])
        if (vector < 0).any() or vector.sum() <= 0:
            raise ValueError("custom weights must be non-negative and not all zero")
        override = (vector / vector.sum())[None, :]
    result = score_arrays(kb, arrays, method, normalization, override)
    ranks = ranks_from_order(result.order)[0]
    unmet = unmet_requirements(kb, answers, arrays)
    ranking = []
    for index in result.order[0]:
        option = kb.options[index]
        ranking.append(
            RankedOption(
                rank=int(ranks[index]),
                option=option.id,
                label=option.label,
                score=float(result.totals[0, index]),
                meets_requirements=bool(result.meets[0, index]),
                unmet=unmet[index],
                criteria={c: float(result.scores[0, index, k]) for k, c in enumerate(CRITERIA)},
                contributions={
                    c: float(result.contributions[0, index, k]) for k, c in enumerate(CRITERIA)
                },
            )
        )
    source = (
        "custom" if weights is not None else ("priorities" if answers.priorities else "derived")
    )
    return Recommendation(
        answers=answers,
        method=method,
        normalization=result.normalization,
        weights={c: float(result.weights[0, k]) for k, c in enumerate(CRITERIA)},
        weights_source=source,
        ranking=tuple(ranking),
        kb_version=kb.version,
    )
