"""Criterion weights for each answer set: the person's own priorities, or derived from the answers.

Derived weights start from the base points of ``data/model.yaml``; each weight rule whose answer
matches adds its points; points are floored at ``min_points`` (so no criterion is ignored) and
normalised to sum to 1.
"""

from __future__ import annotations

import numpy as np

from scoring.encoding import AnswerArrays
from scoring.knowledge_base import CompiledRule, KnowledgeBase


def fired(arrays: AnswerArrays, rules: tuple[CompiledRule, ...]) -> np.ndarray:
    """(answers, rules) bool: which rules match each answer set."""
    if not rules:
        return np.zeros((arrays.count, 0), dtype=bool)
    return np.stack([arrays.matches(r.field, r.value_index) for r in rules], axis=1)


def derived_points(kb: KnowledgeBase, arrays: AnswerArrays) -> np.ndarray:
    """(answers, criteria) importance points from the answers, floored, before normalising."""
    rules = kb.arrays.weight_rules
    points = np.broadcast_to(kb.arrays.base_points, (arrays.count, kb.arrays.base_points.size))
    if rules:
        adds = np.stack([r.add for r in rules])  # (rules, criteria)
        points = points + fired(arrays, rules).astype(float) @ adds
    return np.maximum(points, kb.model.min_points)


def derive_weights(kb: KnowledgeBase, arrays: AnswerArrays) -> np.ndarray:
    """(answers, criteria) weights, non-negative and summing to 1 on each row."""
    points = derived_points(kb, arrays)
    derived = points / points.sum(axis=1, keepdims=True)
    own = (
        arrays.priorities
        / np.where(arrays.has_priorities, arrays.priorities.sum(axis=1), 1.0)[:, None]
    )
    return np.where(arrays.has_priorities[:, None], own, derived)
