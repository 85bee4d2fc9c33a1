"""Deterministic ranking shared by every method and analysis.

Rule (README, method page): solutions that meet every hard requirement come first, then those that
can do the job (produce, read and do what is needed) but fail fewer other requirements, then those
that cannot; within each group a higher total ranks higher; totals equal to 9 decimal places
are a tie, kept in catalogue order (single components in the order of data/components/, then
combinations). The rule is the same for one answer set, a batch and every robustness sample, so
their rankings always agree.
"""

from __future__ import annotations

import numpy as np

TIE_DECIMALS = 9


def rank_order(totals: np.ndarray, failed: np.ndarray) -> np.ndarray:
    """Solution indices best first, along the last axis.

    ``totals`` (..., solutions) and ``failed`` (..., solutions), each solution's failure key
    (:func:`scoring.requirements.rank_failures`: 0 when it meets every requirement; a bool
    ``~meets`` works too); the result holds catalogue positions, so ``order[..., 0]`` is the top.
    """
    # One stable sort on (failures, -total): ties stay in catalogue order.
    return np.argsort(ranking_key(totals, failed), axis=-1, kind="stable")


def ranking_key(totals: np.ndarray, failed: np.ndarray) -> np.ndarray:
    """The key :func:`rank_order` sorts on (lower is better): a failure weighs more than any
    difference of totals (they lie in 0-100); totals equal to 9 decimals tie."""
    totals = np.asarray(totals, dtype=float)
    failed = np.broadcast_to(np.asarray(failed).astype(np.int64), totals.shape)
    return failed * 1000.0 - np.round(totals, TIE_DECIMALS)


def top_two(
    totals: np.ndarray, failed: np.ndarray, meets: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row of (rows, solutions): the top solution, the runner-up and whether there is one,
    without sorting every row (a batch needs no more).

    The top is :func:`rank_order`'s first (``argmin`` keeps the earliest of equal keys, as the
    stable sort does). The runner-up follows :attr:`scoring.engine.Recommendation.runner_up`:
    when the top meets the requirements, the best other solution that meets them (none if none
    does); otherwise the second in the ranking.
    """
    key = ranking_key(totals, failed)
    rows = np.arange(key.shape[0])
    first = key.argmin(axis=-1)
    others = np.ones(key.shape, dtype=bool)
    others[rows, first] = False
    top_meets = meets[rows, first]
    candidates = np.where(top_meets[:, None], others & meets, others)
    second = np.where(candidates, key, np.inf).argmin(axis=-1)
    return first, second, candidates.any(axis=-1)


def ranks_from_order(order: np.ndarray) -> np.ndarray:
    """Invert :func:`rank_order`: 1-based rank of each solution, shape ``(..., solutions)``."""
    ranks = np.empty_like(order)
    positions = np.broadcast_to(np.arange(1, order.shape[-1] + 1), order.shape)
    np.put_along_axis(ranks, order, positions, axis=-1)
    return ranks


def reference_set(meets: np.ndarray) -> np.ndarray:
    """The solutions a method compares against: those that qualify; all of them when fewer than
    two do (one solution cannot be both the ideal and the anti-ideal point)."""
    meets = np.asarray(meets, dtype=bool)
    return np.where(meets.sum(axis=-1, keepdims=True) >= 2, meets, True)
