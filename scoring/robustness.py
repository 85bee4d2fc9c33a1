"""How robust is the recommendation to the weights? SMAA-style rank acceptability.

A business states its priorities only roughly, so the weights the engine derives are a best guess.
Following SMAA (Lahdelma, Hokkanen and Salminen 1998; SMAA-2, Operations Research 49(3), 2001) we
sample many plausible weight vectors around that guess and count how often each option lands at each
rank. The sampling is a Dirichlet distribution centred on the business's weights:

    alpha = concentration * weights + ALPHA_FLOOR

Its mean is (almost exactly) the business's weights and ``concentration`` sets how tightly the
samples cluster: the standard deviation of a weight ``w`` is about ``sqrt(w (1 - w) / (concentration
+ 1))``. ``ALPHA_FLOOR`` is a tiny positive amount added to every alpha because a Dirichlet needs
alpha > 0: without it a criterion the business gave zero weight would make sampling fail. The floor
is small enough that such a criterion still gets (almost always) negligible weight in the samples.

Every sample is aggregated with the recommendation's own method (weighted sum by default, TOPSIS
when ``totals_of`` says so) and ranked with :func:`scoring.ranking.rank_order`, the same rule as the
recommendation itself (requirements first, then total, ties in catalogue order), so the analysis
and the ranking never disagree. The module is split scikit-criteria style: pure functions on arrays that trust their
input (:func:`compute_rank_acceptability`, :func:`compute_rank_acceptability_batch`) and validating
wrappers that raise ``ValueError`` with a clear message (:func:`rank_acceptability`,
:func:`rank_acceptability_batch`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from scoring.ranking import rank_order, ranks_from_order

ROBUST_SHARE = 0.80
"""The top option ranks first in at least this share of samples: call the choice "robust".

Four plausible weightings in five agree on the winner, so a person can act on it without
agonising over the exact weights.
"""

LEANING_SHARE = 0.50
"""The top option ranks first in at least this share of samples (but under ``ROBUST_SHARE``):
"leaning". It still wins more often than all the alternatives together, but a different reading of
the priorities could well change the answer. Below this share the result is a "toss-up"."""

LABEL_ROBUST = "robust"
LABEL_LEANING = "leaning"
LABEL_TOSS_UP = "toss-up"

DEFAULT_SAMPLES = 10_000
"""Enough samples that a share is known to about +/- 1 percentage point (95 %)."""

DEFAULT_CONCENTRATION = 50.0
"""Dirichlet concentration: with 50, a weight of 0.20 varies with a standard deviation of about
0.056, i.e. roughly one step on the questionnaire's 1-5 importance scale."""

ALPHA_FLOOR = 1e-3
"""Added to every Dirichlet alpha so that zero weights still give a valid distribution."""

SCORE_MIN = 0.0
SCORE_MAX = 100.0
WEIGHT_SUM_TOLERANCE = 1e-6

TotalsFunction = Callable[[np.ndarray, np.ndarray], np.ndarray]
"""``(scores (..., options, criteria), weights (..., criteria)) -> totals (..., options)``, leading
axes broadcasting: how a weight vector turns scores into totals. ``None`` means the weighted sum;
pass ``scoring.engine.aggregate_totals`` bound to TOPSIS to analyse a TOPSIS recommendation with
TOPSIS itself."""


@dataclass(frozen=True, eq=False)
class RobustnessResult:
    """Rank acceptability of every option under sampled weights.

    ``acceptability[i, r]`` is the share of samples in which option ``i`` (catalogue position) is
    ranked ``r + 1``. ``first_rank`` is its first column. ``top_option_index`` is the option ranked
    first under the business's own weights and ``top_share`` is how often it stays first.
    Arrays are read-only.
    """

    acceptability: np.ndarray
    first_rank: np.ndarray
    top_option_index: int
    top_share: float
    label: str
    samples: int
    concentration: float
    seed: int


def robustness_label(top_share: float) -> str:
    """Plain-language verdict for the share of samples in which the recommended option stays first."""
    if top_share >= ROBUST_SHARE:
        return LABEL_ROBUST
    if top_share >= LEANING_SHARE:
        return LABEL_LEANING
    return LABEL_TOSS_UP


def dirichlet_alpha(weights: np.ndarray, concentration: float) -> np.ndarray:
    """Dirichlet parameters centred on ``weights`` (any leading batch axes are kept)."""
    return concentration * np.asarray(weights, dtype=float) + ALPHA_FLOOR


def sample_weights(
    weights: np.ndarray, samples: int, concentration: float, rng: np.random.Generator
) -> np.ndarray:
    """Draw weight vectors around ``weights``: shape ``(..., samples, criteria)``.

    ``weights`` may carry leading batch axes ``(..., criteria)``. Sampling normalises independent
    gamma draws (the textbook Dirichlet construction), which vectorises over a batch. A row whose
    gammas all underflow to zero (possible only with a tiny concentration) falls back to the
    central weights rather than producing NaN.
    """
    weights = np.asarray(weights, dtype=float)
    alpha = dirichlet_alpha(weights, concentration)[..., None, :]
    shape = (*weights.shape[:-1], samples, weights.shape[-1])
    gammas = rng.standard_gamma(np.broadcast_to(alpha, shape), size=shape)
    sums = gammas.sum(axis=-1, keepdims=True)
    empty = sums == 0.0
    if np.any(empty):
        gammas = np.where(empty, np.broadcast_to(weights[..., None, :], shape), gammas)
        sums = np.where(empty, weights.sum(axis=-1)[..., None, None], sums)
    return gammas / sums


def acceptability_from_ranks(ranks: np.ndarray) -> np.ndarray:
    """Turn 1-based ranks ``(..., samples, options)`` into shares ``(..., options, ranks)``."""
    *batch, samples, options = ranks.shape
    flat = ranks.reshape(-1, samples, options)
    codes = np.arange(options) * options + (flat - 1)  # (option, rank) -> one integer
    offsets = (np.arange(flat.shape[0]) * options * options)[:, None, None]
    counts = np.bincount((codes + offsets).ravel(), minlength=flat.shape[0] * options * options)
    return (counts.reshape(*batch, options, options) / samples).astype(float)


def compute_rank_acceptability_batch(
    scores: np.ndarray,
    weights: np.ndarray,
    meets: np.ndarray,
    *,
    samples: int = DEFAULT_SAMPLES,
    concentration: float = DEFAULT_CONCENTRATION,
    seed: int = 0,
    totals_of: TotalsFunction | None = None,
) -> list[RobustnessResult]:
    """Pure computation for ``answers`` answer sets at once; inputs are trusted.

    Shapes: ``scores (answers, options, criteria)``, ``weights (answers, criteria)``,
    ``meets (answers, options)``. All answer sets draw from one generator seeded with ``seed``, so
    a batch of one gives exactly :func:`compute_rank_acceptability`'s result. ``totals_of`` is the
    aggregation (default: weighted sum).
    """
    scores = np.asarray(scores, dtype=float)
    weights = np.asarray(weights, dtype=float)
    meets = np.asarray(meets, dtype=bool)
    rng = np.random.default_rng(seed)
    sampled = sample_weights(weights, samples, concentration, rng)  # (A, S, C)
    if totals_of is None:
        totals = sampled @ np.swapaxes(scores, -1, -2)  # (A, S, O)
        central = np.einsum("aoc,ac->ao", scores, weights)
    else:
        totals = totals_of(scores[:, None], sampled)
        central = totals_of(scores, weights)
    ranks = ranks_from_order(rank_order(totals, meets[:, None, :]))
    acceptability = acceptability_from_ranks(ranks)  # (A, O, O)
    central_top = rank_order(central, meets)[:, 0]
    return [
        _result(acceptability[a], int(central_top[a]), samples, concentration, seed)
        for a in range(scores.shape[0])
    ]


def compute_rank_acceptability(
    scores: np.ndarray,
    weights: np.ndarray,
    meets: np.ndarray,
    *,
    samples: int = DEFAULT_SAMPLES,
    concentration: float = DEFAULT_CONCENTRATION,
    seed: int = 0,
    totals_of: TotalsFunction | None = None,
) -> RobustnessResult:
    """Pure computation for one answer set; inputs are trusted (see :func:`rank_acceptability`)."""
    return compute_rank_acceptability_batch(
        np.asarray(scores, dtype=float)[None],
        np.asarray(weights, dtype=float)[None],
        np.asarray(meets, dtype=bool)[None],
        samples=samples,
        concentration=concentration,
        seed=seed,
        totals_of=totals_of,
    )[0]


def _result(
    acceptability: np.ndarray, top: int, samples: int, concentration: float, seed: int
) -> RobustnessResult:
    acceptability = np.array(acceptability, dtype=float)
    first_rank = acceptability[:, 0].copy()
    acceptability.setflags(write=False)
    first_rank.setflags(write=False)
    share = float(first_rank[top])
    return RobustnessResult(
        acceptability=acceptability,
        first_rank=first_rank,
        top_option_index=top,
        top_share=share,
        label=robustness_label(share),
        samples=samples,
        concentration=float(concentration),
        seed=seed,
    )


# --- validation ------------------------------------------------------------------------------


def check_decision_arrays(
    scores: object, weights: object, meets: object
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validate one answer set's arrays and return them as float, float, bool numpy arrays.

    Raises ``ValueError`` naming the problem: shapes must be ``(options, criteria)``,
    ``(criteria,)`` and ``(options,)``; scores finite and within 0-100; weights finite,
    non-negative and summing to 1; ``meets`` boolean (or 0/1).
    """
    scores_arr = _as_float_array(scores, "scores")
    if scores_arr.ndim != 2 or scores_arr.shape[0] < 1 or scores_arr.shape[1] < 1:
        raise ValueError(
            f"scores must be a 2-D array (options, criteria) with at least one option and one "
            f"criterion; got shape {scores_arr.shape}"
        )
    options, criteria = scores_arr.shape
    weights_arr = _as_float_array(weights, "weights")
    if weights_arr.shape != (criteria,):
        raise ValueError(
            f"weights must have shape ({criteria},) to match the {criteria} criteria in scores; "
            f"got shape {weights_arr.shape}"
        )
    meets_arr = _as_bool_array(meets, "meets")
    if meets_arr.shape != (options,):
        raise ValueError(
            f"meets must have shape ({options},) to match the {options} options in scores; "
            f"got shape {meets_arr.shape}"
        )
    _check_scores(scores_arr)
    _check_weights(weights_arr)
    return scores_arr, weights_arr, meets_arr


def _as_float_array(value: object, name: str) -> np.ndarray:
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be numeric: {error}") from None
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite numbers (no NaN or infinity)")
    return array


def _as_bool_array(value: object, name: str) -> np.ndarray:
    array = np.asarray(value)
    if array.dtype == bool:
        return array
    if array.dtype.kind in "iuf" and np.all((array == 0) | (array == 1)):
        return array.astype(bool)
    raise ValueError(f"{name} must be booleans (True/False or 0/1)")


def _check_scores(scores: np.ndarray) -> None:
    if np.any(scores < SCORE_MIN) or np.any(scores > SCORE_MAX):
        option, criterion = np.argwhere((scores < SCORE_MIN) | (scores > SCORE_MAX))[0]
        raise ValueError(
            f"scores must be within {SCORE_MIN:g}-{SCORE_MAX:g}; option {option}, criterion "
            f"{criterion} is {scores[option, criterion]:g}"
        )


def _check_weights(weights: np.ndarray) -> None:
    if np.any(weights < 0):
        raise ValueError(f"weights must be non-negative; got {weights.tolist()}")
    total = float(weights.sum())
    if abs(total - 1.0) > WEIGHT_SUM_TOLERANCE:
        raise ValueError(
            f"weights must sum to 1 (within {WEIGHT_SUM_TOLERANCE:g}); they sum to {total:.6g}"
        )


def _check_sampling(samples: object, concentration: object) -> tuple[int, float]:
    if isinstance(samples, bool) or not isinstance(samples, int | np.integer) or samples < 1:
        raise ValueError(f"samples must be a positive integer; got {samples!r}")
    try:
        value = float(concentration)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"concentration must be a number; got {concentration!r}") from None
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"concentration must be a positive finite number; got {concentration!r}")
    return int(samples), value


# --- public, validated API -------------------------------------------------------------------


def rank_acceptability(
    scores: object,
    weights: object,
    meets: object,
    *,
    samples: int = DEFAULT_SAMPLES,
    concentration: float = DEFAULT_CONCENTRATION,
    seed: int = 0,
    totals_of: TotalsFunction | None = None,
) -> RobustnessResult:
    """Rank acceptability of each option for one answer set, after validating the input.

    ``scores`` is ``(options, criteria)`` on 0-100 (higher is better), ``weights`` ``(criteria,)``
    non-negative summing to 1, ``meets`` ``(options,)`` booleans, ``totals_of`` the aggregation
    (default: weighted sum). The result is deterministic for a given ``seed``.
    """
    scores_arr, weights_arr, meets_arr = check_decision_arrays(scores, weights, meets)
    samples, concentration = _check_sampling(samples, concentration)
    return compute_rank_acceptability(
        scores_arr,
        weights_arr,
        meets_arr,
        samples=samples,
        concentration=concentration,
        seed=seed,
        totals_of=totals_of,
    )


def rank_acceptability_batch(
    scores: object,
    weights: object,
    meets: object,
    *,
    samples: int = DEFAULT_SAMPLES,
    concentration: float = DEFAULT_CONCENTRATION,
    seed: int = 0,
) -> list[RobustnessResult]:
    """Validated batch version: ``scores (answers, options, criteria)``, ``weights (answers,
    criteria)``, ``meets (answers, options)``; one result per answer set, in order."""
    scores_arr = _as_float_array(scores, "scores")
    if scores_arr.ndim != 3:
        raise ValueError(
            f"scores must be a 3-D array (answers, options, criteria); got shape {scores_arr.shape}"
        )
    weights_arr = _as_float_array(weights, "weights")
    meets_arr = _as_bool_array(meets, "meets")
    answers, options, criteria = scores_arr.shape
    if weights_arr.shape != (answers, criteria):
        raise ValueError(
            f"weights must have shape ({answers}, {criteria}); got shape {weights_arr.shape}"
        )
    if meets_arr.shape != (answers, options):
        raise ValueError(f"meets must have shape ({answers}, {options}); got {meets_arr.shape}")
    for a in range(answers):
        try:
            check_decision_arrays(scores_arr[a], weights_arr[a], meets_arr[a])
        except ValueError as error:
            raise ValueError(f"answer set {a}: {error}") from None
    samples, concentration = _check_sampling(samples, concentration)
    return compute_rank_acceptability_batch(
        scores_arr,
        weights_arr,
        meets_arr,
        samples=samples,
        concentration=concentration,
        seed=seed,
    )
