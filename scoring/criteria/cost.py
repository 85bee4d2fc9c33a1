"""The cost criterion: a solution's monthly cost on a log scale, 100 at the cheap anchor of
data/money.yaml and 0 at the dear one, so a tenfold difference counts the same at every size."""

from __future__ import annotations

import numpy as np

from scoring.criteria.context import ScoringContext
from scoring.knowledge import KnowledgeBase
from scoring.knowledge.schema import Sourced


def cost_score(kb: KnowledgeBase, monthly: np.ndarray) -> np.ndarray:
    """0-100 score of a monthly cost in US dollars (any shape)."""
    anchors = kb.money.cost_score
    low, high = np.log10(anchors.cheap), np.log10(anchors.dear)
    spent = np.log10(np.maximum(monthly, anchors.cheap))
    return np.clip(100.0 * (high - spent) / (high - low), 0.0, 100.0)


def central_cost(monthly_range: np.ndarray) -> np.ndarray:
    """The geometric mean of a (..., 2) low-high range: the middle of the range on a log scale."""
    return np.sqrt(np.maximum(monthly_range[..., 0], 1.0) * np.maximum(monthly_range[..., 1], 1.0))


def monthly_cost(context: ScoringContext, criterion: int) -> np.ndarray:
    return cost_score(context.kb, central_cost(context.monthly_costs))


def cost_evidence(
    kb: KnowledgeBase, components: tuple[str, ...], criterion: str
) -> tuple[Sourced, ...]:
    """What the monthly cost rests on: each component's usage prices."""
    return tuple(u for c in components for u in kb.component(c).cost.usage)
