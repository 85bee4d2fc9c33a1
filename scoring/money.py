"""Monthly cost in US dollars, low and high, of every component and solution at each business's
volume (SPEC, "Money"), vectorised over answer sets.

A component's month is its usage (quantity of its kind of work times units per item times the
price per unit, at least its minimum units, e.g. one GPU always on), plus infrastructure, plus its
share of an engineer (more without ML staff when it needs them), plus its one-off integration spread
over its stated months. A combination adds its components' months and the integration of each
extra component. The quantity of work is the volume level's (data/money.yaml) unless the business
gives ``monthly_requests``, which counts requests or items of any kind.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.encoding import AnswerArrays
from scoring.knowledge import KnowledgeBase
from scoring.solutions import NO_MEMBER, SolutionSet

MONTHLY_REQUESTS = "monthly_requests"
LATENCY = "latency"
BATCH_LATENCY = "batch_ok"
"""The latency answer that lets a usage line take its batch price (checked in checks/money.py)."""
LOW, HIGH = 0, 1


@dataclass(frozen=True, eq=False)
class ComponentCosts:
    """(answers, components, 2) US dollars a month, low and high, by part."""

    usage: np.ndarray
    infrastructure: np.ndarray
    staff: np.ndarray
    integration: np.ndarray

    @property
    def total(self) -> np.ndarray:
        return self.usage + self.infrastructure + self.staff + self.integration


def cost_drivers(arrays: AnswerArrays) -> np.ndarray:
    """(answers,) int64: one number for the answers a component's month depends on: the exact
    monthly requests (0 when not given; at most 10^9, so 30 bits), the volume level, the latency
    and the ML expertise (a few bits each)."""
    requests = arrays.counts[MONTHLY_REQUESTS]
    exact = np.where(np.isnan(requests), 0, requests).astype(np.int64)
    volume = arrays.choices["volume"].astype(np.int64)
    latency = arrays.choices[LATENCY].astype(np.int64)
    expertise = arrays.choices["in_house_ml_expertise"].astype(np.int64)
    return (exact << 24) | (volume << 16) | (latency << 8) | expertise


def usage_prices(kb: KnowledgeBase, arrays: AnswerArrays) -> np.ndarray:
    """(answers, components, usage lines, 2) the price per unit each business pays: the batch
    price where it accepts batch processing, the live price otherwise."""
    a = kb.arrays
    batch = arrays.choices[LATENCY] == kb.choice_ids(LATENCY).index(BATCH_LATENCY)
    return np.where(batch[:, None, None, None], a.usage_batch_price, a.usage_price)


def work_quantities(kb: KnowledgeBase, arrays: AnswerArrays) -> np.ndarray:
    """(answers, kinds of work) monthly quantity of each kind of work."""
    a = kb.arrays
    by_level = a.work_volume[:, arrays.choices["volume"]].T  # (answers, W)
    requests = arrays.counts[MONTHLY_REQUESTS]
    given = ~np.isnan(requests)
    override = np.where(given, requests, 0.0)[:, None] * a.work_per_request[None, :]
    return np.where(given[:, None], override, by_level)


def component_costs(
    kb: KnowledgeBase, arrays: AnswerArrays, scale: np.ndarray | None = None
) -> ComponentCosts:
    """Each component's month for each answer set; ``scale`` (answers,) multiplies the volume
    (the cost-versus-volume chart asks what 1/10 to 10 times the business's volume would cost)."""
    a = kb.arrays
    quantities = work_quantities(kb, arrays)  # (A, W)
    if scale is not None:
        quantities = quantities * np.asarray(scale, dtype=float)[:, None]
    items = quantities[:, a.usage_work]  # (A, C, U)
    units = np.maximum(items * a.usage_units, a.usage_minimum) * a.usage_valid  # (A, C, U)
    usage = (units[..., None] * usage_prices(kb, arrays)).sum(axis=2)  # (A, C, 2)
    factor = np.where(
        a.traits["needs_ml_team"][None, :],
        a.ml_staff_factor[arrays.choices["in_house_ml_expertise"]][:, None],
        1.0,
    )  # (A, C)
    staff = a.staff_fte[None, :, :] * a.staff_monthly_cost[None, None, :] * factor[:, :, None]
    shape = usage.shape
    return ComponentCosts(
        usage=usage,
        infrastructure=np.broadcast_to(a.infrastructure, shape),
        staff=staff,
        integration=np.broadcast_to(a.integration, shape),
    )


def solution_costs(kb: KnowledgeBase, totals: np.ndarray, solutions: SolutionSet) -> np.ndarray:
    """(answers, solutions, 2) monthly cost of each solution from component totals (A, C, 2)."""
    padded = np.concatenate([totals, np.zeros_like(totals[:, :1])], axis=1)  # pad index -1
    members = np.where(solutions.members == NO_MEMBER, totals.shape[1], solutions.members)
    summed = padded[:, members].sum(axis=2)  # (A, S, 2)
    extra = (solutions.size - 1)[None, :, None] * kb.arrays.combination_integration
    return summed + extra


def budget_ceilings(kb: KnowledgeBase, arrays: AnswerArrays) -> np.ndarray:
    """(answers,) monthly ceiling in US dollars (inf: none)."""
    return kb.arrays.budget_ceiling[arrays.choices["budget"]]


def cost_curve(
    kb: KnowledgeBase, arrays: AnswerArrays, solutions: SolutionSet, scales: np.ndarray
) -> np.ndarray:
    """(scales, solutions, 2) monthly cost of every solution of one answer set at each multiple
    of its volume: monthly cost never falls as volume rises (every price is non-negative)."""
    repeated = arrays.take(np.zeros(len(scales), dtype=np.int64))
    totals = component_costs(kb, repeated, scales).total
    return solution_costs(kb, totals, solutions)
