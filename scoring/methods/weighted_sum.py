"""Weighted sum: each criterion score times its weight, added up. Linear in the weights."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def weighted_sum(scores: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """(..., solutions) totals of (..., solutions, criteria) scores under (..., criteria) weights."""
    return np.einsum("...sc,...c->...s", scores, weights)


@dataclass(frozen=True)
class WeightedSum:
    name: str = "wsm"
    label: str = "Weighted sum"
    normalizations: tuple[str, ...] = ()
    exact_stability: bool = True
    describe: str = (
        "Weighted sum: each criterion score times its weight, added up. No normalisation is "
        "needed, as every score is already on the same 0 to 100 scale."
    )

    def totals(
        self,
        scores: np.ndarray,
        weights: np.ndarray,
        reference: np.ndarray,
        normalization: str | None = None,
    ) -> np.ndarray:
        return weighted_sum(scores, weights)

    def contributions(
        self, scores: np.ndarray, weights: np.ndarray, totals: np.ndarray
    ) -> np.ndarray:
        return scores * weights[..., None, :]
