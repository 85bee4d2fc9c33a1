"""TOPSIS: closeness to the ideal solution, measured against the solutions that qualify.

Hwang and Yoon's method: normalise each criterion column, weight it, and measure each solution's
Euclidean distance to the ideal point (the best weighted value of each column) and to the
anti-ideal (the worst); closeness = d- / (d+ + d-), times 100. Normalisation and both points come
from the ``reference`` solutions (those that meet the hard requirements; all when fewer than two
do, as a single solution would be both the ideal and the anti-ideal), so
removing a solution the business cannot use never changes the others' order (SPEC, Method version
2). Solutions outside the reference are measured against the same points. Every criterion here is
a benefit (cost is scored as cheapness).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.methods.base import apportioned

NORMALIZATION_NAMES = {
    "vector": "vector normalisation (each column divided by its Euclidean norm)",
    "minmax": "min-max normalisation (each column rescaled to [0, 1])",
}


def normalize(matrix: np.ndarray, reference: np.ndarray, normalization: str) -> np.ndarray:
    """Normalise each criterion column over the solutions axis (-2) using the reference rows.

    A column with no spread among the reference rows cannot discriminate and becomes 0.
    """
    everyone = bool(np.all(reference))
    ref = reference[..., :, None]
    if normalization == "vector":
        squares = matrix**2 if everyone else np.where(ref, matrix**2, 0.0)
        norm = np.sqrt(squares.sum(axis=-2, keepdims=True))
        return np.divide(matrix, norm, out=np.zeros_like(matrix, dtype=float), where=norm > 0)
    low = (matrix if everyone else np.where(ref, matrix, np.inf)).min(axis=-2, keepdims=True)
    high = (matrix if everyone else np.where(ref, matrix, -np.inf)).max(axis=-2, keepdims=True)
    spread = high - low
    return np.divide(matrix - low, spread, out=np.zeros_like(matrix, dtype=float), where=spread > 0)


def closeness(
    matrix: np.ndarray, weights: np.ndarray, reference: np.ndarray, normalization: str
) -> np.ndarray:
    """(..., solutions) relative closeness in [0, 1]; 0.5 where every reference solution is alike."""
    reference = np.broadcast_to(reference, matrix.shape[:-1])
    weighted = normalize(matrix, reference, normalization) * weights[..., None, :]
    if np.all(reference):  # the common case of the robustness samples: no masking needed
        best = weighted.max(axis=-2, keepdims=True)
        worst = weighted.min(axis=-2, keepdims=True)
    else:
        ref = reference[..., :, None]
        best = np.where(ref, weighted, -np.inf).max(axis=-2, keepdims=True)
        worst = np.where(ref, weighted, np.inf).min(axis=-2, keepdims=True)
    to_best = np.sqrt(np.square(weighted - best).sum(axis=-1))
    to_worst = np.sqrt(np.square(weighted - worst).sum(axis=-1))
    total = to_best + to_worst
    return np.divide(to_worst, total, out=np.full_like(total, 0.5), where=total > 0)


@dataclass(frozen=True)
class Topsis:
    name: str = "topsis"
    label: str = "TOPSIS"
    normalizations: tuple[str, ...] = ("vector", "minmax")
    exact_stability: bool = False
    describe: str = (
        "TOPSIS: closeness to the ideal solution, times 100, with the ideal and anti-ideal points "
        "taken from the solutions that meet your requirements."
    )

    def totals(
        self,
        scores: np.ndarray,
        weights: np.ndarray,
        reference: np.ndarray,
        normalization: str | None = "vector",
    ) -> np.ndarray:
        return 100.0 * closeness(scores, weights, reference, normalization or "vector")

    def contributions(
        self, scores: np.ndarray, weights: np.ndarray, totals: np.ndarray
    ) -> np.ndarray:
        return apportioned(scores, weights, totals)
