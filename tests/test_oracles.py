"""Published worked examples (../shared/reference/facts.md) reproduced by the engine's methods
(scoring.methods), its ranking rule (scoring.ranking) and AHP (scoring.ahp)."""

from __future__ import annotations

import numpy as np
import pytest
from support import DRINKS, DRINKS_WEIGHTS
from support import DRINKS_MATRIX as SAATY_DRINKS_MATRIX

from scoring.ahp import SAATY_RANDOM_INDEX, ahp_weights
from scoring.methods import METHODS
from scoring.methods.topsis import closeness
from scoring.methods.weighted_sum import weighted_sum
from scoring.ranking import rank_order, ranks_from_order

# TOPSIS, Tzeng and Huang (2011): all criteria to maximise, vector normalisation.
TZENG_X = np.array([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], dtype=float)
TZENG_W = np.array([0.3, 0.4, 0.3])
TZENG_CLOSENESS = [0.5037, 0.6581, 0.7482, 0.3340]
TZENG_RANKS = [3, 2, 1, 4]

# Opricovic and Tzeng (2004): the first criterion is a cost, the second a benefit.
OPRICOVIC_X = np.array([[1, 3000], [2, 3750], [5, 4500]], dtype=float)
OPRICOVIC_W = np.array([0.5, 0.5])

# Weighted sum textbook example: A2 and A3 tie at 22.00.
WSM_X = np.array([[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]], dtype=float)
WSM_W = np.array([0.2, 0.15, 0.4, 0.25])

# Saaty's drinks example (tests/support.py); facts.md gives the weights and consistency.
DRINKS_MATRIX = np.array(SAATY_DRINKS_MATRIX)


def everyone(rows: int) -> np.ndarray:
    """A reference set holding every row: the textbook TOPSIS, with no requirement to meet."""
    return np.ones(rows, dtype=bool)


def ranks(totals: np.ndarray, failed: np.ndarray | None = None) -> list[int]:
    failed = np.zeros(len(totals), dtype=int) if failed is None else failed
    return ranks_from_order(rank_order(totals, failed)).tolist()


# --- TOPSIS -----------------------------------------------------------------------------------------


def test_topsis_tzeng_huang_closeness_and_ranks() -> None:
    result = closeness(TZENG_X, TZENG_W, everyone(4), "vector")
    assert result == pytest.approx(TZENG_CLOSENESS, abs=5e-5)
    assert ranks(result) == TZENG_RANKS


def test_topsis_method_is_the_closeness_times_100_with_vector_by_default() -> None:
    topsis = METHODS["topsis"]
    assert topsis.normalizations[0] == "vector"
    totals = topsis.totals(TZENG_X, TZENG_W, everyone(4), None)
    assert totals == pytest.approx([100 * c for c in TZENG_CLOSENESS], abs=5e-3)


def opricovic(normalization: str) -> np.ndarray:
    """Every criterion of the engine is a benefit; a cost column enters negated. Min-max is
    shift-invariant and vector normalisation divides by the same norm, so the ideal and
    anti-ideal swap sides exactly as a cost column's do (distances are unchanged)."""
    benefit = OPRICOVIC_X * np.array([-1.0, 1.0])
    return closeness(benefit, OPRICOVIC_W, everyone(3), normalization)


def test_minmax_normalisation_makes_a2_win() -> None:
    result = opricovic("minmax")
    assert result == pytest.approx([0.500, 0.617, 0.500], abs=5e-4)
    assert int(np.argmax(result)) == 1


def test_vector_normalisation_makes_a1_win() -> None:
    result = opricovic("vector")
    assert result == pytest.approx([0.7621, 0.7222, 0.2379], abs=5e-5)
    assert ranks(result) == [1, 2, 3]


def test_the_cost_column_matters() -> None:
    """Read as a benefit, the first column gives another answer: the sign above is honoured."""
    as_benefit = closeness(OPRICOVIC_X, OPRICOVIC_W, everyone(3), "vector")
    assert as_benefit != pytest.approx([0.7621, 0.7222, 0.2379], abs=5e-4)
    assert int(np.argmax(as_benefit)) == 2


def test_the_reference_set_of_all_rows_is_the_textbook_method() -> None:
    """With a requirement only A1 and A3 meet, A2 is measured against their points and the
    published figures no longer apply: the engine's reference set is what differs."""
    subset = np.array([True, False, True, True])
    result = closeness(TZENG_X, TZENG_W, subset, "vector")
    assert result != pytest.approx(TZENG_CLOSENESS, abs=5e-4)
    alone = closeness(TZENG_X[subset], TZENG_W, everyone(3), "vector")
    assert result[subset] == pytest.approx(alone)


# --- weighted sum and ties --------------------------------------------------------------------------


def test_weighted_sum_textbook_totals_tie() -> None:
    assert weighted_sum(WSM_X, WSM_W) == pytest.approx([21.50, 22.00, 22.00], abs=5e-4)
    totals = METHODS["wsm"].totals(WSM_X, WSM_W, everyone(3), None)
    assert totals == pytest.approx([21.50, 22.00, 22.00], abs=5e-4)


def test_tied_solutions_keep_catalogue_order() -> None:
    totals = weighted_sum(WSM_X, WSM_W)
    none_failed = np.zeros(3, dtype=int)
    assert rank_order(totals, none_failed).tolist() == [1, 2, 0]
    # Listed in the other order, the tie goes the other way: by catalogue position.
    swapped = weighted_sum(WSM_X[[0, 2, 1]], WSM_W)
    assert rank_order(swapped, none_failed).tolist() == [1, 2, 0]
    assert ranks(totals) == [3, 1, 2]


def test_requirements_come_before_totals_and_fewer_failures_first() -> None:
    totals = weighted_sum(WSM_X, WSM_W)
    # A2 fails one requirement: A3 (tied with it) and even A1 (lower total) rank above it.
    assert rank_order(totals, np.array([0, 1, 0])).tolist() == [2, 0, 1]
    # Only A1 meets them: first despite the lowest total; the tied pair keeps catalogue order.
    assert rank_order(totals, np.array([0, 1, 1])).tolist() == [0, 1, 2]
    # A2 fails two, A3 one: among failing solutions, fewer failures first.
    assert rank_order(totals, np.array([0, 2, 1])).tolist() == [0, 2, 1]
    # A bool "meets" works too (pass ~meets).
    assert rank_order(totals, ~np.array([True, False, True])).tolist() == [2, 0, 1]


def test_totals_differing_below_nine_decimals_are_a_tie() -> None:
    none_failed = np.zeros(3, dtype=int)
    assert rank_order(np.array([0.5, 0.5 + 1e-12, 0.4]), none_failed).tolist() == [0, 1, 2]
    assert rank_order(np.array([0.5, 0.5 + 1e-6, 0.4]), none_failed).tolist() == [1, 0, 2]


def test_ranking_broadcasts_over_samples() -> None:
    totals = np.stack([weighted_sum(WSM_X, WSM_W), np.array([1.0, 2.0, 3.0])])
    order = rank_order(totals, np.zeros((2, 3), dtype=int))
    assert order.tolist() == [[1, 2, 0], [2, 1, 0]]
    assert ranks_from_order(order).tolist() == [[3, 1, 2], [3, 2, 1]]


# --- AHP -------------------------------------------------------------------------------------------


def test_ahp_drinks_example_reproduces_saaty() -> None:
    result = ahp_weights(DRINKS_MATRIX)
    for name, weight in zip(DRINKS, result.weights, strict=True):
        assert round(weight, 3) == DRINKS_WEIGHTS[name], name
    assert round(result.lambda_max, 4) == 7.1766
    assert round(result.consistency_index, 4) == 0.0294
    assert result.random_index == SAATY_RANDOM_INDEX[7] == 1.35  # the pinned, named table
    assert round(result.consistency_ratio, 3) == 0.022
    assert result.acceptable


def test_ahp_over_the_knowledge_base_criteria(kb) -> None:
    """A consistent matrix over however many criteria the knowledge base has returns the
    weights it was built from."""
    n = len(kb.criterion_ids)
    target = np.arange(1, n + 1, dtype=float)
    target /= target.sum()
    result = ahp_weights(target[:, None] / target[None, :])
    assert result.weights == pytest.approx(tuple(target))
    assert result.consistency_ratio == pytest.approx(0.0, abs=1e-9)
