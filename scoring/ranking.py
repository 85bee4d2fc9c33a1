"""Deterministic ranking shared by every method and analysis.

Rule (documented in the README): options that meet the hard requirements come first; within each
group a higher total score ranks higher; totals equal to 9 decimal places are a tie, and ties keep
the knowledge base's catalogue order (the order of ``data/options.yaml``). The rule is the same for a
single answer set, a batch and every robustness sample, so their rankings always agree.
"""

from __future__ import annotations

import numpy as np

TIE_DECIMALS = 9


def rank_order(totals: np.ndarray, meets: np.ndarray) -> np.ndarray:
    """Option indices best first, along the last axis.

    ``totals`` and ``meets`` have shape ``(..., options)``; the result has the same shape and holds
    option indices (catalogue positions), so ``order[..., 0]`` is the top option.
    """
    totals = np.asarray(totals, dtype=float)
    meets = np.broadcast_to(np.asarray(meets, dtype=bool), totals.shape)
    # Sort keys, least significant first for a stable argsort chain: catalogue index is implicit in
    # the stable sort, then the rounded total (descending), then requirements (meeting first).
    rounded = np.round(totals, TIE_DECIMALS)
    by_score = np.argsort(-rounded, axis=-1, kind="stable")
    failed_sorted = np.take_along_axis(~meets, by_score, axis=-1)
    by_requirements = np.argsort(failed_sorted, axis=-1, kind="stable")
    return np.take_along_axis(by_score, by_requirements, axis=-1)


def ranks_from_order(order: np.ndarray) -> np.ndarray:
    """Invert :func:`rank_order`: 1-based rank of each option, shape ``(..., options)``."""
    ranks = np.empty_like(order)
    positions = np.broadcast_to(np.arange(1, order.shape[-1] + 1), order.shape)
    np.put_along_axis(ranks, order, positions, axis=-1)
    return ranks
