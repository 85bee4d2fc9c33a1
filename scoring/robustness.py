"""How robust is the recommendation? SMAA rank acceptability, as pure array functions.

A business states its priorities only roughly, and many of the knowledge base's scores are
judgements. Following SMAA (Lahdelma, Hokkanen and Salminen 1998; SMAA-2, Operations Research
49(3), 2001) we sample many plausible weight vectors around the business's weights, and the
scores within their uncertainty bands, and count how often each solution lands at each rank.

Weights are drawn from a Dirichlet distribution centred on the business's weights:
``alpha = concentration * weights + ALPHA_FLOOR``. Its mean is (almost exactly) the business's
weights and ``concentration`` sets how tightly the samples cluster: the standard deviation of a
weight ``w`` is about ``sqrt(w (1 - w) / (concentration + 1))``. ``ALPHA_FLOOR`` keeps every alpha
positive so a zero weight still gives a valid distribution. Scores are drawn uniformly within
their bands (see :mod:`scoring.trust`, which builds the samples from the knowledge base).

Every sample is ranked with :func:`scoring.ranking.rank_order`, the rule of the recommendation
itself (fewer failed requirements first, then total, ties in catalogue order).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from scoring.ranking import rank_order, ranks_from_order

ROBUST_SHARE = 0.80
"""The top solution ranks first in at least this share of samples: call the choice "robust"."""

LEANING_SHARE = 0.50
"""The top solution ranks first in at least this share (but under ``ROBUST_SHARE``): "leaning".
Below this share the result is a "toss-up"."""

LABEL_ROBUST = "robust"
LABEL_LEANING = "leaning"
LABEL_TOSS_UP = "toss-up"
LABEL_ONLY = "only qualifying solution"
"""No robustness to speak of: exactly one solution meets the requirements (SPEC, outcomes)."""
LABEL_NO_FIT = "no qualifying solution"

DEFAULT_SAMPLES = 10_000
"""Enough samples that a share is known to about +/- 1 percentage point (95 %)."""

DEFAULT_CONCENTRATION = 50.0
"""Dirichlet concentration: with 50, a weight of 0.20 varies with a standard deviation of about
0.056, roughly one step on the questionnaire's 1-5 importance scale."""

ALPHA_FLOOR = 1e-3

TotalsFunction = Callable[[np.ndarray, np.ndarray], np.ndarray]
"""``(scores (..., solutions, criteria), weights (..., criteria)) -> totals (..., solutions)``,
leading axes broadcasting: the recommendation's own method with its reference set bound in."""


@dataclass(frozen=True, eq=False)
class RobustnessResult:
    """Rank acceptability of every solution (catalogue positions of the listed solutions).

    ``acceptability[i, r]`` is the share of samples in which solution ``i`` ranks ``r + 1``;
    ``first_rank`` its first column; ``top_share`` how often the recommended solution stays first.
    """

    acceptability: np.ndarray
    first_rank: np.ndarray
    top_index: int
    top_share: float
    label: str
    samples: int
    concentration: float
    seed: int


def robustness_label(top_share: float, qualifying: int) -> str:
    """Plain-language verdict; no robustness label when one or no solution qualifies."""
    if qualifying == 0:
        return LABEL_NO_FIT
    if qualifying == 1:
        return LABEL_ONLY
    if top_share >= ROBUST_SHARE:
        return LABEL_ROBUST
    if top_share >= LEANING_SHARE:
        return LABEL_LEANING
    return LABEL_TOSS_UP


def sample_weights(
    weights: np.ndarray, samples: int, concentration: float, rng: np.random.Generator
) -> np.ndarray:
    """(samples, criteria) weight vectors around ``weights`` (normalised gamma draws).

    A sample whose gammas all underflow to zero (possible only with a tiny concentration) falls
    back to the central weights rather than producing NaN.
    """
    weights = np.asarray(weights, dtype=float)
    alpha = concentration * weights + ALPHA_FLOOR
    gammas = rng.standard_gamma(np.broadcast_to(alpha, (samples, weights.size)))
    sums = gammas.sum(axis=-1, keepdims=True)
    empty = sums == 0.0
    if np.any(empty):
        gammas = np.where(empty, weights, gammas)
        sums = np.where(empty, weights.sum(), sums)
    return gammas / sums


def sample_within(
    centre: np.ndarray, band: np.ndarray, samples: int, rng: np.random.Generator
) -> np.ndarray:
    """(samples, *centre.shape) uniform draws in ``centre +/- band``, clipped to 0-100."""
    draws = rng.uniform(-1.0, 1.0, size=(samples, *np.shape(centre)))
    return np.clip(centre + draws * band, 0.0, 100.0)


def acceptability_from_ranks(ranks: np.ndarray) -> np.ndarray:
    """Turn 1-based ranks ``(samples, solutions)`` into shares ``(solutions, ranks)``."""
    samples, count = ranks.shape
    codes = np.arange(count) * count + (ranks - 1)
    counts = np.bincount(codes.ravel(), minlength=count * count)
    return (counts.reshape(count, count) / samples).astype(float)


def rank_acceptability(
    sampled_totals: np.ndarray,
    sampled: np.ndarray,
    central_order: np.ndarray,
    failed: np.ndarray,
    top_index: int,
    *,
    concentration: float,
    seed: int,
) -> RobustnessResult:
    """Acceptability of every solution from the totals of the sampled ones.

    ``sampled_totals`` (samples, len(sampled)) are the totals of the solutions at positions
    ``sampled`` (the ones that meet the requirements, or all when none does); ``central_order``
    is the recommendation's order of all solutions and ``failed`` their failed-requirement
    counts. The sampled solutions take the first ranks in each sample's own order (fewer failures,
    then total); the others keep their central ranks below them, as they can never rise above a
    solution that qualifies.
    """
    samples = sampled_totals.shape[0]
    count = central_order.size
    within = rank_order(sampled_totals, failed[sampled][None, :])  # (samples, sampled) positions
    acceptability = np.zeros((count, count))
    block = acceptability_from_ranks(ranks_from_order(within))  # (sampled, sampled ranks)
    acceptability[np.ix_(sampled, np.arange(sampled.size))] = block
    rest = central_order[~np.isin(central_order, sampled)]
    acceptability[rest, np.arange(sampled.size, count)] = 1.0
    first_rank = acceptability[:, 0].copy()
    acceptability.setflags(write=False)
    first_rank.setflags(write=False)
    share = float(first_rank[top_index])
    qualifying = int((np.asarray(failed) == 0).sum())
    return RobustnessResult(
        acceptability=acceptability,
        first_rank=first_rank,
        top_index=top_index,
        top_share=share,
        label=robustness_label(share, qualifying),
        samples=samples,
        concentration=float(concentration),
        seed=seed,
    )
