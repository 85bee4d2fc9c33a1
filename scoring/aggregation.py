"""Aggregation methods: weighted sum and TOPSIS, as pure array functions plus validating wrappers.

The pure functions (``*_pure``) assume valid input and broadcast over leading axes, so the engine can
call them on (answers, options, criteria) arrays without per-call checks; the public wrappers check
shapes and values first and are what tests and other callers use on arbitrary matrices.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

Normalization = Literal["vector", "minmax"]
NORMALIZATIONS: tuple[Normalization, ...] = ("vector", "minmax")
NORMALIZATION_NAMES = {
    "vector": "vector normalisation (each column divided by its Euclidean norm)",
    "minmax": "min-max normalisation (each column rescaled to [0, 1])",
}


# --- pure functions -----------------------------------------------------------------------------------


def weighted_sum_pure(matrix: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """(..., options) totals of (..., options, criteria) scores under (..., criteria) weights."""
    return np.einsum("...oc,...c->...o", matrix, weights)


def normalize_pure(
    matrix: np.ndarray, normalization: Normalization, benefit: np.ndarray
) -> np.ndarray:
    """Normalise each criterion column over the options axis (-2); cost columns are reversed.

    A column with no spread (all zero for vector, constant for min-max) cannot discriminate and
    becomes 0 for every option rather than a division by zero.
    """
    if normalization == "vector":
        norm = np.sqrt((matrix**2).sum(axis=-2, keepdims=True))
        return np.divide(matrix, norm, out=np.zeros_like(matrix, dtype=float), where=norm > 0)
    low = matrix.min(axis=-2, keepdims=True)
    high = matrix.max(axis=-2, keepdims=True)
    spread = high - low
    raised = np.where(benefit, matrix - low, high - matrix)
    return np.divide(raised, spread, out=np.zeros_like(matrix, dtype=float), where=spread > 0)


def topsis_pure(
    matrix: np.ndarray, weights: np.ndarray, normalization: Normalization, benefit: np.ndarray
) -> np.ndarray:
    """(..., options) relative closeness to the ideal solution, in [0, 1].

    With min-max normalisation cost columns are already reversed, so every column is then a benefit;
    with vector normalisation the ideal of a cost column is its minimum. Where an option is as far
    from the ideal as from the anti-ideal at zero distance (every option identical), closeness is 0.5.
    """
    normalized = normalize_pure(matrix, normalization, benefit)
    weighted = normalized * weights[..., None, :]
    as_benefit = benefit if normalization == "vector" else np.ones_like(benefit)
    best = np.where(
        as_benefit, weighted.max(axis=-2, keepdims=True), weighted.min(axis=-2, keepdims=True)
    )
    worst = np.where(
        as_benefit, weighted.min(axis=-2, keepdims=True), weighted.max(axis=-2, keepdims=True)
    )
    to_best = np.sqrt(((weighted - best) ** 2).sum(axis=-1))
    to_worst = np.sqrt(((weighted - worst) ** 2).sum(axis=-1))
    total = to_best + to_worst
    return np.divide(to_worst, total, out=np.full_like(total, 0.5), where=total > 0)


# --- validating wrappers --------------------------------------------------------------------------------


def _validated(
    matrix: np.ndarray, weights: np.ndarray, benefit: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    matrix = np.asarray(matrix, dtype=float)
    weights = np.asarray(weights, dtype=float)
    if matrix.ndim < 2:
        raise ValueError(f"matrix must be (options, criteria); got shape {matrix.shape}")
    if weights.shape[-1] != matrix.shape[-1]:
        raise ValueError(f"{weights.shape[-1]} weights for {matrix.shape[-1]} criteria")
    if not (np.isfinite(matrix).all() and np.isfinite(weights).all()):
        raise ValueError("matrix and weights must be finite numbers")
    if (weights < 0).any():
        raise ValueError("weights must be non-negative")
    if not np.allclose(weights.sum(axis=-1), 1.0):
        raise ValueError("weights must sum to 1")
    benefit = (
        np.ones(matrix.shape[-1], dtype=bool) if benefit is None else np.asarray(benefit, bool)
    )
    if benefit.shape != (matrix.shape[-1],):
        raise ValueError(f"benefit must have one flag per criterion ({matrix.shape[-1]})")
    return matrix, weights, benefit


def weighted_sum(matrix: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Validated weighted sum (all criteria to maximise)."""
    matrix, weights, _ = _validated(matrix, weights, None)
    return weighted_sum_pure(matrix, weights)


def topsis(
    matrix: np.ndarray,
    weights: np.ndarray,
    normalization: Normalization = "vector",
    benefit: np.ndarray | None = None,
) -> np.ndarray:
    """Validated TOPSIS closeness; ``benefit[c]`` False marks a criterion to minimise."""
    if normalization not in NORMALIZATIONS:
        raise ValueError(f"unknown normalisation {normalization!r}; use one of {NORMALIZATIONS}")
    matrix, weights, benefit = _validated(matrix, weights, benefit)
    if normalization == "vector" and (matrix < 0).any():
        raise ValueError("vector normalisation needs non-negative values")
    return topsis_pure(matrix, weights, normalization, benefit)
