"""Criterion weights for each answer set: the person's own priorities, or derived from the answers.

Derived weights start from the base points of ``data/model.yaml``; each weight rule whose
conditions all hold adds its points; points are floored at ``min_points`` (so no criterion is
ignored). Points are swing points (SPEC, Method version 2): a point means the same move of a total
on every criterion, from the catalogue's worst score to its best. So each criterion's points are
divided by its swing range (data/criteria.yaml) before normalising to sum to 1. The person's own
priorities are weights already and are only normalised.
"""

from __future__ import annotations

import numpy as np

from scoring.encoding import AnswerArrays
from scoring.knowledge import KnowledgeBase
from scoring.knowledge.compiled import CompiledRule


def fired(arrays: AnswerArrays, rules: tuple[CompiledRule, ...]) -> np.ndarray:
    """(answers, rules) bool: which rules have every condition met by each answer set."""
    hits = np.ones((arrays.count, len(rules)), dtype=bool)
    for r, rule in enumerate(rules):
        for condition in rule.conditions:
            hits[:, r] &= arrays.matches(condition)
    return hits


def derived_points(kb: KnowledgeBase, arrays: AnswerArrays) -> np.ndarray:
    """(answers, criteria) swing points from the answers, floored, before normalising."""
    rules = kb.arrays.weight_rules
    points = np.broadcast_to(kb.arrays.base_points, (arrays.count, kb.arrays.base_points.size))
    if rules:
        adds = np.stack([r.add for r in rules])  # (rules, criteria)
        points = points + fired(arrays, rules).astype(float) @ adds
    return np.maximum(points, kb.model.min_points)


def points_to_weights(kb: KnowledgeBase, points: np.ndarray) -> np.ndarray:
    """Swing points (..., criteria) -> weights on the 0-100 scores, summing to 1."""
    scaled = points / kb.arrays.swing
    return scaled / scaled.sum(axis=-1, keepdims=True)


def derive_weights(kb: KnowledgeBase, arrays: AnswerArrays) -> np.ndarray:
    """(answers, criteria) weights, non-negative and summing to 1 on each row."""
    derived = points_to_weights(kb, derived_points(kb, arrays))
    own = (
        arrays.priorities
        / np.where(arrays.has_priorities, arrays.priorities.sum(axis=1), 1.0)[:, None]
    )
    return np.where(arrays.has_priorities[:, None], own, derived)
