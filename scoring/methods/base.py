"""What an aggregation method is: a name, a label, totals and contributions, and what it needs.

Every method turns (..., solutions, criteria) scores on 0-100 and (..., criteria) weights summing
to 1 into (..., solutions) totals on 0-100. ``reference`` (..., solutions) bool marks the
solutions that meet the hard requirements (all of them when fewer than two do): a method that compares
solutions with one another (TOPSIS's ideal points) compares them with these only, so a solution
the business cannot use never moves the others. Leading axes broadcast, so robustness sampling
ranks many weight vectors in one call.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np


class Method(Protocol):
    name: str
    """The id used in the CLI, links and reports (``wsm``, ``topsis``)."""
    label: str
    """What a person reads (``Weighted sum``)."""
    normalizations: tuple[str, ...]
    """Normalisations it offers, the first the default; empty when it needs none."""
    exact_stability: bool
    """True when totals are linear in the weights, so weight-stability intervals are exact."""
    describe: str
    """One sentence on how totals are made, for the page and the method notes."""

    def totals(
        self,
        scores: np.ndarray,
        weights: np.ndarray,
        reference: np.ndarray,
        normalization: str | None,
    ) -> np.ndarray: ...

    def contributions(
        self,
        scores: np.ndarray,
        weights: np.ndarray,
        totals: np.ndarray,
    ) -> np.ndarray:
        """(..., solutions, criteria) each criterion's part of the total; rows sum to totals."""
        ...


def apportioned(scores: np.ndarray, weights: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """A non-additive total shared out in proportion to weight times score."""
    additive = scores * weights[..., None, :]
    shares = additive.sum(axis=-1, keepdims=True)
    split = np.divide(
        additive, shares, out=np.full_like(additive, 1.0 / scores.shape[-1]), where=shares > 0
    )
    return split * totals[..., None]
