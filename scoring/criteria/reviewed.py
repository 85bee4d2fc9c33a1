"""Reviewed and mixed criteria: scores stated per component in data/, moved by the score rules the
answers fire (mixed criteria only), and for a solution the score of its weakest component."""

from __future__ import annotations

import numpy as np

from scoring.criteria.context import ScoringContext
from scoring.encoding import AnswerArrays
from scoring.knowledge import KnowledgeBase
from scoring.knowledge.schema import Sourced
from scoring.solutions import NO_MEMBER
from scoring.weights import fired


def component_scores(kb: KnowledgeBase, arrays: AnswerArrays) -> np.ndarray:
    """(answers, components, criteria) reviewed scores plus fired score rules, clipped to 0-100."""
    base = kb.arrays.reviewed
    rules = kb.arrays.score_rules
    if not rules:
        return np.clip(np.broadcast_to(base, (arrays.count, *base.shape)), 0.0, 100.0)
    hits = fired(arrays, rules).astype(float)  # (answers, rules)
    moves = np.stack([np.outer(r.components, r.add) for r in rules])  # (R, C, K)
    scores = (hits @ moves.reshape(len(rules), -1)).reshape(arrays.count, *base.shape)
    scores += base
    return np.clip(scores, 0.0, 100.0, out=scores)


def weakest_of(values: np.ndarray, members: np.ndarray) -> np.ndarray:
    """(answers, solutions) minimum of per-component ``values`` (answers, components) over each
    solution's members (padding ignored)."""
    # A missing member stands in as the first member again: the minimum is unchanged, and no
    # padded copy of ``values`` is made (a robustness analysis calls this on 10,000 rows).
    index = np.where(members == NO_MEMBER, members[:, :1], members)
    return values[:, index].min(axis=2)


def weakest_component(context: ScoringContext, criterion: int) -> np.ndarray:
    """A solution is as fast, reliable and private as its weakest component."""
    return weakest_of(context.component_scores[:, :, criterion], context.solutions.members)


def weakest_evidence(
    kb: KnowledgeBase, components: tuple[str, ...], criterion: str
) -> tuple[Sourced, ...]:
    """The reviewed score of the solution's weakest component: what its score rests on."""
    scored = [kb.score_of(kb.component(c), criterion) for c in components]
    return (min((s for s in scored if s is not None), key=lambda score: score.value),)
