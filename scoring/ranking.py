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
    totals = np.asarray(totals, dtype=float)
    failed = np.broadcast_to(np.asarray(failed).astype(np.int64), totals.shape)
    # One stable sort on (failures, -total): totals lie in 0-100, so a failure weighs more than
    # any difference of totals; rounding first makes totals equal to 9 decimals a tie.
    key = failed * 1000.0 - np.round(totals, TIE_DECIMALS)
    return np.argsort(key, axis=-1, kind="stable")


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
