"""AHP pairwise weighting: turn "A matters more than B" judgements into criterion weights.

A person who finds a 1-5 importance slider too blunt can compare the criteria two at a time on
Saaty's 1-9 scale (1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more important;
the reciprocals 1/3 ... 1/9 for the other direction). The judgements fill a reciprocal matrix
``a_ji = 1 / a_ij``; the weights are its principal eigenvector (Saaty's eigenvector method) and the
consistency ratio ``CR = CI / RI(n)`` with ``CI = (lambda_max - n) / (n - 1)`` says whether the
judgements hang together. Above ``CR_WARNING_THRESHOLD`` the person is shown the one judgement
that disagrees most with the rest, and the value that would agree with it.

Pure functions on arrays (:func:`compute_ahp`) are kept apart from the validating entry points
(:func:`ahp_weights`, :func:`pairwise_matrix`, :func:`matrix_from_judgements`), which raise
``ValueError`` with a message a person can act on.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

SAATY_RANDOM_INDEX: Mapping[int, float] = {
    1: 0.0,
    2: 0.0,
    3: 0.52,
    4: 0.89,
    5: 1.11,
    6: 1.25,
    7: 1.35,
    8: 1.40,
    9: 1.45,
    10: 1.49,
}
"""Random index RI(n): mean CI of random reciprocal matrices of order n, as published by Saaty.

This is the table Saaty uses in his later writing, e.g. "Theory and Applications of the Analytic
Network Process" (RWS Publications, 2005, p. 31) and alongside the drinks example in "Decision
making with the analytic hierarchy process" (Int. J. Services Sciences 1(1), 2008); the same values
are AHPy's ``random_index='saaty'`` table. It is pinned because RI tables differ between sources
(for n = 3: 0.58 in Saaty 1980, 0.52 here, 0.4914 in Donegan and Dodd 1991), and it is the table
under which Saaty's drinks example has CR 0.022 (RI(7) = 1.35).
"""

RANDOM_INDEX_SOURCE = (
    "Saaty (2005, 2008): RI 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49 (n=3-10)"
)

CR_WARNING_THRESHOLD = 0.10
"""Saaty's rule of thumb: a consistency ratio above 10 % means the judgements should be revisited."""

SAATY_SCALE: tuple[float, ...] = tuple(
    [1.0 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)]
)
"""The 17 admissible judgement values 1/9, 1/8, ..., 1/2, 1, 2, ..., 9."""

SCALE_MIN = 1.0 / 9.0
SCALE_MAX = 9.0
RECIPROCAL_TOLERANCE = 1e-6
CONSISTENT_TOLERANCE = 1e-9
"""A judgement deviating from the weights by less than this (in log ratio) counts as consistent."""


@dataclass(frozen=True)
class InconsistentJudgement:
    """The judgement that disagrees most with the weights derived from all of them.

    ``given`` is ``a_ij`` (how much more important item ``i`` was judged than item ``j``),
    ``implied`` the ratio ``w_i / w_j`` of the derived weights, and ``suggested`` the Saaty scale
    value nearest to ``implied`` (nearest as a ratio, i.e. in log terms).

    The derived weights are themselves pulled towards the odd judgement, so ``implied`` only goes
    part of the way. ``indirect`` is what the *other* judgements say about the pair: the geometric
    mean of ``a_ik * a_kj`` over every third item ``k`` (equal to ``implied`` when ``n == 2``);
    ``indirect_suggested`` is its nearest scale value. For a single slip in otherwise consistent
    judgements it recovers the intended value exactly.
    """

    i: int
    j: int
    given: float
    implied: float
    suggested: float
    indirect: float
    indirect_suggested: float


@dataclass(frozen=True)
class AhpResult:
    """Weights and consistency of one set of pairwise judgements."""

    weights: tuple[float, ...]
    lambda_max: float
    consistency_index: float
    random_index: float
    consistency_ratio: float
    most_inconsistent: InconsistentJudgement | None

    @property
    def acceptable(self) -> bool:
        """True when the consistency ratio is within Saaty's 10 % threshold."""
        return self.consistency_ratio <= CR_WARNING_THRESHOLD


# --- pure computation ------------------------------------------------------------------------


def principal_eigen(matrix: np.ndarray) -> tuple[float, np.ndarray]:
    """Largest eigenvalue and its eigenvector normalised to sum 1 (Perron vector of a positive
    matrix, so all its entries share one sign and normalising by the sum makes them positive)."""
    values, vectors = np.linalg.eig(matrix)
    k = int(np.argmax(values.real))
    vector = vectors[:, k].real
    return float(values[k].real), vector / vector.sum()


def nearest_scale_value(ratio: float) -> float:
    """The Saaty scale value closest to ``ratio`` in log terms (so 1/3 and 3 are equally far
    from 1)."""
    logs = np.log(np.asarray(SAATY_SCALE))
    return SAATY_SCALE[int(np.argmin(np.abs(logs - math.log(ratio))))]


def most_inconsistent_judgement(
    matrix: np.ndarray, weights: np.ndarray
) -> InconsistentJudgement | None:
    """The pair ``i < j`` maximising ``|log(a_ij * w_j / w_i)|``; None if all judgements agree."""
    n = matrix.shape[0]
    if n < 2:
        return None
    upper_i, upper_j = np.triu_indices(n, k=1)
    implied = weights[upper_i] / weights[upper_j]
    deviation = np.abs(np.log(matrix[upper_i, upper_j] / implied))
    k = int(np.argmax(deviation))
    if deviation[k] <= CONSISTENT_TOLERANCE:
        return None
    i, j = int(upper_i[k]), int(upper_j[k])
    indirect = indirect_judgement(matrix, i, j) if n > 2 else float(implied[k])
    return InconsistentJudgement(
        i=i,
        j=j,
        given=float(matrix[i, j]),
        implied=float(implied[k]),
        suggested=nearest_scale_value(float(implied[k])),
        indirect=indirect,
        indirect_suggested=nearest_scale_value(indirect),
    )


def indirect_judgement(matrix: np.ndarray, i: int, j: int) -> float:
    """Geometric mean of ``a_ik * a_kj`` over the third items ``k``: the other judgements'
    verdict on ``i`` versus ``j``."""
    third = [k for k in range(matrix.shape[0]) if k not in (i, j)]
    return float(np.exp(np.mean(np.log(matrix[i, third] * matrix[third, j]))))


def compute_ahp(matrix: np.ndarray) -> AhpResult:
    """Eigenvector weights and consistency of a positive reciprocal matrix; input is trusted.

    CI is clamped at 0 (``lambda_max >= n`` for every positive reciprocal matrix; rounding can dip
    just below). For ``n <= 2`` every reciprocal matrix is consistent, so CR is 0. For ``n`` beyond
    the pinned table CR is NaN (the validating wrapper refuses such input).
    """
    matrix = np.asarray(matrix, dtype=float)
    n = matrix.shape[0]
    lambda_max, weights = principal_eigen(matrix)
    ci = max(0.0, (lambda_max - n) / (n - 1)) if n > 1 else 0.0
    ri = SAATY_RANDOM_INDEX.get(n, math.nan)
    cr = ci / ri if ri > 0 else (0.0 if n <= 2 else math.nan)
    return AhpResult(
        weights=tuple(float(x) for x in weights),
        lambda_max=lambda_max,
        consistency_index=ci,
        random_index=ri,
        consistency_ratio=cr,
        most_inconsistent=most_inconsistent_judgement(matrix, weights),
    )


def reciprocal_matrix(upper: Sequence[float], n: int) -> np.ndarray:
    """Fill an ``n x n`` reciprocal matrix from its upper triangle, row by row:
    ``a_01, a_02, ..., a_0(n-1), a_12, ...``; input is trusted."""
    matrix = np.ones((n, n))
    i, j = np.triu_indices(n, k=1)
    values = np.asarray(upper, dtype=float)
    matrix[i, j] = values
    matrix[j, i] = 1.0 / values
    return matrix


# --- validation and public entry points ------------------------------------------------------


def _check_value(value: float, where: str) -> None:
    if not math.isfinite(value) or not SCALE_MIN - 1e-9 <= value <= SCALE_MAX + 1e-9:
        raise ValueError(
            f"judgement {where} is {value!r}; judgements must be on Saaty's scale, "
            f"between 1/9 and 9"
        )


def _order_from_count(count: int) -> int:
    """``n`` such that ``n (n - 1) / 2 == count``, or ValueError."""
    n = round((1 + math.sqrt(1 + 8 * count)) / 2)
    if n * (n - 1) // 2 != count or n < 2:
        raise ValueError(
            f"{count} judgements given; a full set of pairwise judgements has n(n-1)/2 values "
            f"(1, 3, 6, 10, 15, ...)"
        )
    return n


def _check_order(n: int) -> None:
    if n > max(SAATY_RANDOM_INDEX):
        raise ValueError(
            f"{n} items is too many to compare pairwise; the pinned random-index table covers "
            f"at most {max(SAATY_RANDOM_INDEX)}"
        )


def check_pairwise_matrix(matrix: object) -> np.ndarray:
    """Validate a full judgement matrix: square, entries on the 1/9-9 scale, ones on the
    diagonal, ``a_ji == 1 / a_ij``. Returns it as a float array."""
    try:
        array = np.asarray(matrix, dtype=float)
    except (TypeError, ValueError) as error:
        raise ValueError(f"the judgement matrix must be numeric: {error}") from None
    if array.ndim != 2 or array.shape[0] != array.shape[1] or array.shape[0] < 1:
        raise ValueError(f"the judgement matrix must be square; got shape {array.shape}")
    n = array.shape[0]
    _check_order(n)
    for i in range(n):
        if abs(array[i, i] - 1.0) > RECIPROCAL_TOLERANCE:
            raise ValueError(f"diagonal entry ({i}, {i}) must be 1; got {array[i, i]!r}")
        for j in range(i + 1, n):
            _check_value(float(array[i, j]), f"({i}, {j})")
            _check_value(float(array[j, i]), f"({j}, {i})")
            if abs(array[i, j] * array[j, i] - 1.0) > RECIPROCAL_TOLERANCE:
                raise ValueError(
                    f"judgements ({i}, {j}) = {array[i, j]!r} and ({j}, {i}) = {array[j, i]!r} "
                    f"must be reciprocal (their product must be 1)"
                )
    return array


def pairwise_matrix(judgements: Sequence[float]) -> np.ndarray:
    """Validated reciprocal matrix from the ``n(n-1)/2`` upper-triangle judgements, row by row."""
    values = [float(v) for v in judgements]
    n = _order_from_count(len(values))
    _check_order(n)
    i, j = np.triu_indices(n, k=1)
    for k, value in enumerate(values):
        _check_value(value, f"({int(i[k])}, {int(j[k])})")
    return reciprocal_matrix(values, n)


def matrix_from_judgements(
    judgements: Mapping[tuple[str, str], float], items: Sequence[str]
) -> np.ndarray:
    """Validated reciprocal matrix from ``{(item_i, item_j): a_ij}``, in the order of ``items``.

    Every unordered pair must be judged exactly once, in either direction (``("a", "b"): 3`` and
    ``("b", "a"): 1/3`` say the same thing; giving both is allowed only if they are reciprocal).
    """
    names = list(items)
    if len(set(names)) != len(names):
        raise ValueError(f"items must be distinct; got {names}")
    n = len(names)
    _check_order(n)
    index = {name: k for k, name in enumerate(names)}
    matrix = np.ones((n, n))
    seen: dict[tuple[int, int], float] = {}
    for key, value in judgements.items():
        i, j = _pair_indices(key, index, names)
        value = float(value)
        _check_value(value, f"{key!r}")
        lo, hi, upper = (i, j, value) if i < j else (j, i, 1.0 / value)
        if (lo, hi) in seen and abs(seen[(lo, hi)] * (1.0 / upper) - 1.0) > RECIPROCAL_TOLERANCE:
            raise ValueError(
                f"{names[lo]!r} vs {names[hi]!r} is judged twice with values that are not "
                f"reciprocal"
            )
        seen[(lo, hi)] = upper
        matrix[lo, hi], matrix[hi, lo] = upper, 1.0 / upper
    missing = [
        f"{names[i]!r} vs {names[j]!r}"
        for i in range(n)
        for j in range(i + 1, n)
        if (i, j) not in seen
    ]
    if missing:
        raise ValueError(f"missing judgements for: {', '.join(missing)}")
    return matrix


def _pair_indices(key: object, index: Mapping[str, int], names: list[str]) -> tuple[int, int]:
    if not isinstance(key, tuple) or len(key) != 2:
        raise ValueError(f"judgement keys must be (item, item) pairs; got {key!r}")
    unknown = [part for part in key if part not in index]
    if unknown:
        raise ValueError(f"unknown item {unknown[0]!r} in {key!r}; allowed items: {names}")
    i, j = index[key[0]], index[key[1]]
    if i == j:
        raise ValueError(f"an item cannot be compared with itself: {key!r}")
    return i, j


def ahp_weights(matrix: object) -> AhpResult:
    """Validated AHP: weights, lambda_max, CI, CR and the most inconsistent judgement."""
    return compute_ahp(check_pairwise_matrix(matrix))


def ahp_from_judgements(
    judgements: Mapping[tuple[str, str], float], items: Sequence[str]
) -> AhpResult:
    """Validated AHP straight from ``{(item_i, item_j): a_ij}``; weights follow ``items``."""
    return compute_ahp(matrix_from_judgements(judgements, items))
