"""Published worked examples (../shared/reference/facts.md) reproduced by scoring.aggregation."""

from __future__ import annotations

import numpy as np
import pytest

from scoring.aggregation import topsis, weighted_sum
from scoring.ranking import rank_order, ranks_from_order

# TOPSIS, Tzeng and Huang (2011): all criteria to maximise, vector normalisation.
TZENG_X = np.array([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], dtype=float)
TZENG_W = np.array([0.3, 0.4, 0.3])
TZENG_CLOSENESS = [0.5037, 0.6581, 0.7482, 0.3340]
TZENG_RANKS = [3, 2, 1, 4]

# Opricovic and Tzeng (2004): the first criterion is a cost, the second a benefit.
OPRICOVIC_X = np.array([[1, 3000], [2, 3750], [5, 4500]], dtype=float)
OPRICOVIC_W = np.array([0.5, 0.5])
OPRICOVIC_BENEFIT = np.array([False, True])

# Weighted sum textbook example: A2 and A3 tie at 22.00.
WSM_X = np.array([[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]], dtype=float)
WSM_W = np.array([0.2, 0.15, 0.4, 0.25])


def _ranks(totals: np.ndarray) -> list[int]:
    return ranks_from_order(rank_order(totals, np.ones_like(totals, dtype=bool))).tolist()


def test_topsis_tzeng_huang_closeness_and_ranks() -> None:
    closeness = topsis(TZENG_X, TZENG_W, normalization="vector")
    assert closeness == pytest.approx(TZENG_CLOSENESS, abs=5e-4)
    assert _ranks(closeness) == TZENG_RANKS


def test_topsis_is_the_default_vector_normalisation() -> None:
    assert topsis(TZENG_X, TZENG_W) == pytest.approx(topsis(TZENG_X, TZENG_W, "vector"))


def test_minmax_normalisation_makes_a2_win() -> None:
    closeness = topsis(OPRICOVIC_X, OPRICOVIC_W, "minmax", OPRICOVIC_BENEFIT)
    assert closeness == pytest.approx([0.500, 0.617, 0.500], abs=5e-4)
    assert int(np.argmax(closeness)) == 1


def test_vector_normalisation_makes_a1_win() -> None:
    closeness = topsis(OPRICOVIC_X, OPRICOVIC_W, "vector", OPRICOVIC_BENEFIT)
    assert closeness == pytest.approx([0.7621, 0.7222, 0.2379], abs=5e-4)
    assert _ranks(closeness) == [1, 2, 3]


def test_cost_flag_matters() -> None:
    """Treating the cost criterion as a benefit gives a different answer (the flag is honoured)."""
    as_benefit = topsis(OPRICOVIC_X, OPRICOVIC_W, "vector", np.array([True, True]))
    assert as_benefit != pytest.approx([0.7621, 0.7222, 0.2379], abs=5e-4)
    assert int(np.argmax(as_benefit)) == 2


def test_weighted_sum_textbook_totals_tie() -> None:
    totals = weighted_sum(WSM_X, WSM_W)
    assert totals == pytest.approx([21.50, 22.00, 22.00], abs=5e-4)


def test_tied_options_keep_catalogue_order() -> None:
    totals = weighted_sum(WSM_X, WSM_W)
    assert rank_order(totals, np.ones(3, dtype=bool)).tolist() == [1, 2, 0]
    # Same options listed in the other order: the tie now goes the other way, by catalogue position.
    swapped = weighted_sum(WSM_X[[0, 2, 1]], WSM_W)
    assert rank_order(swapped, np.ones(3, dtype=bool)).tolist() == [1, 2, 0]
    assert ranks_from_order(rank_order(totals, np.ones(3, dtype=bool))).tolist() == [3, 1, 2]


def test_tie_within_a_requirement_group_and_requirements_first() -> None:
    totals = weighted_sum(WSM_X, WSM_W)
    # A2 fails a hard requirement: A3 (tied with it) and even A1 (lower total) rank above it.
    assert rank_order(totals, np.array([True, False, True])).tolist() == [2, 0, 1]
    # Only A1 meets them: it is first despite the lowest total; the tied pair keeps catalogue order.
    assert rank_order(totals, np.array([True, False, False])).tolist() == [0, 1, 2]


def test_totals_differing_below_nine_decimals_are_a_tie() -> None:
    order = rank_order(np.array([0.5, 0.5 + 1e-12, 0.4]), np.ones(3, dtype=bool))
    assert order.tolist() == [0, 1, 2]
    order = rank_order(np.array([0.5, 0.5 + 1e-6, 0.4]), np.ones(3, dtype=bool))
    assert order.tolist() == [1, 0, 2]


# --- validation of the public wrappers ---------------------------------------------------------------


@pytest.mark.parametrize("method", ["wsm", "topsis"])
@pytest.mark.parametrize(
    ("matrix", "weights", "message"),
    [
        (np.array([1.0, 2.0, 3.0]), np.array([0.5, 0.25, 0.25]), "matrix must be"),
        (np.ones((3, 2)), np.array([0.5, 0.25, 0.25]), "3 weights for 2 criteria"),
        (np.ones((3, 2)), np.array([1.2, -0.2]), "non-negative"),
        (np.ones((3, 2)), np.array([0.5, 0.4]), "sum to 1"),
        (np.ones((3, 2)), np.array([0.5, 0.6]), "sum to 1"),
        (np.array([[1.0, np.nan], [2.0, 3.0]]), np.array([0.5, 0.5]), "finite"),
        (np.ones((3, 2)), np.array([np.inf, 0.5]), "finite"),
    ],
)
def test_wrappers_reject_bad_input(method, matrix, weights, message) -> None:
    with pytest.raises(ValueError, match=message):
        if method == "wsm":
            weighted_sum(matrix, weights)
        else:
            topsis(matrix, weights)


def test_topsis_rejects_unknown_normalisation() -> None:
    with pytest.raises(ValueError, match="unknown normalisation 'sum'"):
        topsis(TZENG_X, TZENG_W, normalization="sum")  # type: ignore[arg-type]


def test_topsis_rejects_benefit_flags_of_wrong_length() -> None:
    with pytest.raises(ValueError, match="one flag per criterion"):
        topsis(TZENG_X, TZENG_W, benefit=np.array([True, False]))


def test_vector_topsis_rejects_negative_values_but_minmax_accepts_them() -> None:
    shifted = TZENG_X - 6
    with pytest.raises(ValueError, match="non-negative values"):
        topsis(shifted, TZENG_W, "vector")
    # Min-max is shift-invariant, so the shifted matrix gives the same closeness.
    assert topsis(shifted, TZENG_W, "minmax") == pytest.approx(topsis(TZENG_X, TZENG_W, "minmax"))


def test_weights_summing_to_one_within_rounding_are_accepted() -> None:
    weights = np.array([0.1] * 10)  # sums to 0.9999999999999999 in floating point
    assert weighted_sum(np.ones((2, 10)), weights) == pytest.approx([1.0, 1.0])
