"""The engine: answers in, ranked solutions out, for one answer set or many at once.

:func:`score_arrays` is the single vectorised path: it groups the answer sets by the solutions they
list and scores each group in one pass. :func:`recommend` is that path on a batch of one, so a
recommendation and a batch row can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

import numpy as np

from scoring.answers import Answers
from scoring.criteria import ScoringContext, criterion_scores
from scoring.criteria.reviewed import component_scores
from scoring.encoding import AnswerArrays, encode_answers
from scoring.inputs import assumed_inputs
from scoring.knowledge import KnowledgeBase
from scoring.knowledge.compiled import bit_masks
from scoring.knowledge.schema import Product
from scoring.methods import get_method, resolve_normalization
from scoring.money import HIGH, LOW, budget_ceilings, component_costs, cost_drivers
from scoring.ranking import rank_order, ranks_from_order, reference_set
from scoring.requirements import Unmet, failures, rank_failures, unmet_requirements
from scoring.shortlist import shortlist_for
from scoring.solutions import SolutionSet, group_by_solutions, solution_id, solution_label
from scoring.weights import derive_weights, fired

Outcome = Literal["recommend", "only_option", "no_fit"]
OUTCOMES: tuple[Outcome, ...] = ("recommend", "only_option", "no_fit")


def outcome_of(qualifying: int) -> Outcome:
    """SPEC: two or more qualifying solutions recommend, one is the only option, none is no fit."""
    return "recommend" if qualifying >= 2 else "only_option" if qualifying == 1 else "no_fit"


@dataclass(frozen=True, eq=False)
class GroupScores:
    """Every number the engine computes for a group of answer sets that list the same solutions.

    Arrays are (answers, solutions[, criteria | requirements | 2]); ``rows`` are the answer sets'
    positions in the batch.
    """

    rows: np.ndarray
    solutions: SolutionSet
    method: str
    normalization: str | None
    weights: np.ndarray  # (A, K)
    scores: np.ndarray  # (A, S, K), 0-100
    totals: np.ndarray  # (A, S), 0-100
    failed: np.ndarray  # (A, S, requirements) bool
    monthly: np.ndarray  # (A, S, 2) USD, low and high
    component_costs: np.ndarray  # (A, C, 2) USD a month of each component, low and high
    made: np.ndarray  # (A, S) uint64 outputs each solution makes from what the business gives
    used: np.ndarray  # (A, S) uint64 inputs each solution puts to use for the outputs needed

    # A batch reads only the top two of each row, so the full order and the contributions are
    # computed when first asked for: sorting every row was a fifth of a batch's scoring time.

    @cached_property
    def order(self) -> np.ndarray:
        """(A, S) solution positions, best first (:func:`scoring.ranking.rank_order`)."""
        return rank_order(self.totals, self.failure_key)

    @cached_property
    def contributions(self) -> np.ndarray:
        """(A, S, K) each criterion's part of the total (sums to the total)."""
        return get_method(self.method).contributions(self.scores, self.weights, self.totals)

    @property
    def failures(self) -> np.ndarray:
        """(A, S) how many hard requirements each solution fails."""
        return self.failed.sum(axis=-1)

    @property
    def failure_key(self) -> np.ndarray:
        """(A, S) the ranking's failure key: capability failures first, then the others."""
        return rank_failures(self.failed)

    @property
    def meets(self) -> np.ndarray:
        return ~self.failed.any(axis=-1)


@dataclass(frozen=True, eq=False)
class AnswerFacts:
    """What depends on the answers but not on the solutions: weights, component scores after the
    score rules, component costs. Computed once for a whole batch, then sliced per group."""

    weights: np.ndarray  # (A, K)
    component_scores: np.ndarray  # (A, C, K)
    component_costs: np.ndarray  # (A, C, 2)

    @classmethod
    def of(
        cls, kb: KnowledgeBase, arrays: AnswerArrays, weights: np.ndarray | None = None
    ) -> AnswerFacts:
        """The facts of every answer set, each computed once per distinct set of the answers it
        depends on (a batch holds few distinct volumes and teams, and fewer rule patterns)."""
        return cls(
            weights=derive_weights(kb, arrays) if weights is None else weights,
            component_scores=_once_per_distinct(
                arrays,
                bit_masks(fired(arrays, kb.arrays.score_rules)),
                lambda a: component_scores(kb, a),
            ),
            component_costs=_once_per_distinct(
                arrays, cost_drivers(arrays), lambda a: component_costs(kb, a).total
            ),
        )

    def take(self, rows: np.ndarray) -> AnswerFacts:
        return AnswerFacts(
            weights=self.weights[rows],
            component_scores=self.component_scores[rows],
            component_costs=self.component_costs[rows],
        )


def _once_per_distinct(
    arrays: AnswerArrays, key: np.ndarray, compute: Callable[[AnswerArrays], np.ndarray]
) -> np.ndarray:
    """``compute`` on one answer set per distinct ``key`` (answers,), spread back to all."""
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return compute(arrays.take(first))[inverse.reshape(-1)]


def score_group(
    kb: KnowledgeBase,
    arrays: AnswerArrays,
    solutions: SolutionSet,
    method: str = "wsm",
    normalization: str | None = None,
    weights: np.ndarray | None = None,
    rows: np.ndarray | None = None,
    facts: AnswerFacts | None = None,
) -> GroupScores:
    """Score answer sets that list the same ``solutions``; ``weights`` (answers, criteria)
    overrides the derived ones; ``facts`` are the answers' precomputed facts, if a batch has them."""
    chosen = get_method(method)
    normalization = resolve_normalization(chosen, normalization)
    if facts is None:
        facts = AnswerFacts.of(kb, arrays, weights)
    weights = facts.weights
    costs = facts.component_costs
    context = ScoringContext(kb, arrays, solutions, facts.component_scores, costs)
    scores = criterion_scores(context)
    failed = failures(kb, arrays, solutions, context.monthly_costs, context.made, context.used)
    reference = reference_set(~failed.any(axis=-1))
    totals = chosen.totals(scores, weights, reference, normalization)
    return GroupScores(
        rows=np.arange(arrays.count) if rows is None else rows,
        solutions=solutions,
        method=method,
        normalization=normalization,
        weights=weights,
        scores=scores,
        totals=totals,
        failed=failed,
        monthly=context.monthly_costs,
        component_costs=costs,
        made=context.made,
        used=context.used,
    )


def score_arrays(
    kb: KnowledgeBase,
    arrays: AnswerArrays,
    method: str = "wsm",
    normalization: str | None = None,
) -> list[GroupScores]:
    """Score encoded answer sets, one result per group of answer sets listing the same solutions."""
    get_method(method)  # fail before any work on an unknown method
    facts = AnswerFacts.of(kb, arrays)
    return [
        score_group(
            kb,
            arrays.take(g.rows),
            g.solutions,
            method,
            normalization,
            rows=g.rows,
            facts=facts.take(g.rows),
        )
        for g in group_by_solutions(kb, arrays)
    ]


def score_batch(
    kb: KnowledgeBase,
    answers: Sequence[Answers],
    method: str = "wsm",
    normalization: str | None = None,
) -> list[GroupScores]:
    return score_arrays(kb, encode_answers(kb, answers), method, normalization)


# --- one recommendation -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RankedSolution:
    rank: int
    option: str  # the solution id (SPEC: the ``option`` key holds it)
    label: str
    components: tuple[str, ...]
    score: float
    meets_requirements: bool
    unmet: tuple[Unmet, ...]
    criteria: dict[str, float]
    contributions: dict[str, float]
    monthly_cost: tuple[float, float]  # US dollars a month, low and high
    index: int  # position in the listed solutions (catalogue order)

    @property
    def failed_count(self) -> int:
        return len(self.unmet)

    @property
    def unmet_sentences(self) -> tuple[str, ...]:
        return tuple(u.sentence for u in self.unmet)


@dataclass(frozen=True, eq=False)
class Recommendation:
    """One answer set's full result, in the spec's JSON shape via :meth:`to_dict`."""

    kb: KnowledgeBase
    answers: Answers
    method: str
    normalization: str | None
    weights: dict[str, float]
    weights_source: Literal["derived", "priorities", "custom"]
    ranking: tuple[RankedSolution, ...]
    budget_ceiling: float | None
    group: GroupScores  # the arrays behind the ranking (one answer set)

    @property
    def kb_version(self) -> str:
        return self.kb.version

    @property
    def top(self) -> RankedSolution:
        return self.ranking[0]

    @property
    def qualifying(self) -> tuple[RankedSolution, ...]:
        return tuple(r for r in self.ranking if r.meets_requirements)

    @property
    def outcome(self) -> Outcome:
        return outcome_of(len(self.qualifying))

    @property
    def runner_up(self) -> RankedSolution | None:
        """The real alternative to the top solution: the best other qualifying solution when the
        top qualifies (None when it is the only one); when nothing qualifies, the second nearest."""
        if not self.top.meets_requirements:
            return self.ranking[1] if len(self.ranking) > 1 else None
        return next((r for r in self.ranking[1:] if r.meets_requirements), None)

    @property
    def margin(self) -> float | None:
        runner_up = self.runner_up
        return None if runner_up is None else self.top.score - runner_up.score

    def shortlist(self, component_id: str) -> tuple[Product, ...]:
        """The component's named products that read this answer set's inputs."""
        return shortlist_for(self.kb, component_id, self.answers)

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "method": self.method,
            "normalization": self.normalization,
            "kb_version": self.kb_version,
            "budget_ceiling": self.budget_ceiling,
            "weights": self.weights,
            "weights_source": self.weights_source,
            "assumed_inputs": [a.sentence for a in assumed_inputs(self.kb, self.answers)],
            "ranking": [self._solution_dict(r) for r in self.ranking],
        }

    def _solution_dict(self, r: RankedSolution) -> dict[str, Any]:
        components = [self.kb.component(c) for c in r.components]
        return {
            "rank": r.rank,
            "option": r.option,
            "label": r.label,
            "score": r.score,
            "meets_requirements": r.meets_requirements,
            "unmet_requirements": list(r.unmet_sentences),
            "to_qualify": [u.relax for u in r.unmet],
            "components": list(r.components),
            "approaches": [c.approach for c in components],
            "deployments": [c.deployment for c in components],
            "criteria": r.criteria,
            "contributions": r.contributions,
            "monthly_cost": {
                "low": r.monthly_cost[0],
                "high": r.monthly_cost[1],
                "currency": "USD",
            },
            "shortlist": {
                c.id: [product_dict(p) for p in self.shortlist(c.id)] for c in components
            },
        }


def product_dict(product: Product) -> dict[str, Any]:
    return {
        "name": product.name,
        "vendor": product.vendor,
        "kind": product.kind,
        "licence": product.licence,
        "commercial_use": product.commercial_use,
        "commercial_note": product.commercial_note,
        "price": product.price,
        "price_unit": product.price_unit,
        "price_date": product.price_date,
        "source": product.source,
    }


def custom_weight_vector(kb: KnowledgeBase, weights: Mapping[str, float]) -> np.ndarray:
    """(1, criteria) weights from a criterion -> weight mapping, normalised to sum to 1."""
    criteria = kb.criterion_ids
    missing = [c for c in criteria if c not in weights]
    unknown = [c for c in weights if c not in criteria]
    if missing or unknown:
        raise ValueError(
            f"custom weights need exactly the criteria {', '.join(criteria)}; "
            f"missing {missing}, unknown {unknown}"
        )
    vector = np.array([float(weights[c]) for c in criteria])
    if not np.isfinite(vector).all() or (vector < 0).any() or vector.sum() <= 0:
        raise ValueError("custom weights must be finite, non-negative and not all zero")
    return (vector / vector.sum())[None, :]


def recommend(
    kb: KnowledgeBase,
    answers: Answers,
    method: str = "wsm",
    normalization: str | None = None,
    weights: Mapping[str, float] | None = None,
) -> Recommendation:
    """Rank every listed solution for one answer set. ``weights`` (criterion -> weight) overrides
    the derived or prioritised ones, for what-if analysis; it is normalised to sum to 1."""
    arrays = encode_answers(kb, [answers])
    override = None if weights is None else custom_weight_vector(kb, weights)
    (group,) = group_by_solutions(kb, arrays)
    result = score_group(kb, arrays, group.solutions, method, normalization, override)
    return build_recommendation(kb, answers, arrays, result, weights is not None)


def build_recommendation(
    kb: KnowledgeBase,
    answers: Answers,
    arrays: AnswerArrays,
    result: GroupScores,
    custom: bool = False,
) -> Recommendation:
    """The :class:`Recommendation` of the first answer set of a scored group."""
    criteria = kb.criterion_ids
    ranks = ranks_from_order(result.order)[0]
    ranking = []
    for s in result.order[0]:
        members = result.solutions.component_indices(int(s))
        low, high = (float(result.monthly[0, s, LOW]), float(result.monthly[0, s, HIGH]))
        ranking.append(
            RankedSolution(
                rank=int(ranks[s]),
                option=solution_id(kb, members),
                label=solution_label(kb, members),
                components=tuple(kb.component_ids[c] for c in members),
                score=float(result.totals[0, s]),
                meets_requirements=bool(result.meets[0, s]),
                unmet=unmet_requirements(
                    kb,
                    arrays,
                    0,
                    result.solutions,
                    int(s),
                    result.failed[0, s],
                    low,
                    int(result.made[0, s]),
                    int(result.used[0, s]),
                ),
                criteria={c: float(result.scores[0, s, k]) for k, c in enumerate(criteria)},
                contributions={
                    c: float(result.contributions[0, s, k]) for k, c in enumerate(criteria)
                },
                monthly_cost=(low, high),
                index=int(s),
            )
        )
    source = "custom" if custom else ("priorities" if answers.priorities else "derived")
    ceiling = float(budget_ceilings(kb, arrays)[0])
    return Recommendation(
        kb=kb,
        answers=answers,
        method=result.method,
        normalization=result.normalization,
        weights={c: float(result.weights[0, k]) for k, c in enumerate(criteria)},
        weights_source=source,
        ranking=tuple(ranking),
        budget_ceiling=None if np.isinf(ceiling) else ceiling,
        group=result,
    )
