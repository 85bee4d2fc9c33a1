"""AHP pairwise weighting: Saaty's drinks example as oracle, consistency, pointer, validation."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import DRINKS, DRINKS_WEIGHTS
from support import DRINKS_MATRIX as SAATY_DRINKS_MATRIX

from scoring.ahp import (
    CR_WARNING_THRESHOLD,
    SAATY_RANDOM_INDEX,
    SAATY_SCALE,
    ahp_from_judgements,
    ahp_weights,
    check_pairwise_matrix,
    compute_ahp,
    matrix_from_judgements,
    nearest_scale_value,
    pairwise_matrix,
)

DRINKS_MATRIX = np.array(SAATY_DRINKS_MATRIX)


def test_drinks_example_reproduces_saaty() -> None:
    result = ahp_weights(DRINKS_MATRIX)
    for name, weight in zip(DRINKS, result.weights, strict=True):
        assert round(weight, 3) == DRINKS_WEIGHTS[name], name
    assert round(result.lambda_max, 4) == 7.1766
    assert round(result.consistency_index, 4) == 0.0294
    assert result.random_index == 1.35
    assert round(result.consistency_ratio, 3) == 0.022
    assert result.acceptable


def test_drinks_example_from_a_dict_of_judgements() -> None:
    judgements = {
        (DRINKS[i], DRINKS[j]): DRINKS_MATRIX[i, j]
        for i, j in itertools.combinations(range(len(DRINKS)), 2)
    }
    result = ahp_from_judgements(judgements, DRINKS)
    assert round(result.consistency_ratio, 3) == 0.022
    np.testing.assert_allclose(matrix_from_judgements(judgements, DRINKS), DRINKS_MATRIX)


def test_drinks_from_upper_triangle_list() -> None:
    upper = [DRINKS_MATRIX[i, j] for i, j in itertools.combinations(range(7), 2)]
    np.testing.assert_allclose(pairwise_matrix(upper), DRINKS_MATRIX)


def test_judgements_may_be_given_in_either_direction() -> None:
    forward = {("a", "b"): 3, ("a", "c"): 5, ("b", "c"): 2}
    mixed = {("b", "a"): 1 / 3, ("a", "c"): 5, ("c", "b"): 1 / 2}
    np.testing.assert_allclose(
        matrix_from_judgements(forward, "abc"), matrix_from_judgements(mixed, "abc")
    )


def test_random_index_table_is_pinned() -> None:
    assert dict(SAATY_RANDOM_INDEX) == {
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
    assert CR_WARNING_THRESHOLD == 0.10


def test_all_ones_gives_equal_weights_zero_cr_and_no_pointer() -> None:
    result = pairwise_matrix([1.0] * 10)
    ahp = ahp_weights(result)
    np.testing.assert_allclose(ahp.weights, 0.2)
    assert ahp.consistency_ratio == 0.0
    assert ahp.consistency_index == 0.0
    assert ahp.most_inconsistent is None


def test_two_items_are_always_consistent() -> None:
    result = ahp_weights(pairwise_matrix([3.0]))
    np.testing.assert_allclose(result.weights, [0.75, 0.25])
    assert result.consistency_ratio == 0.0
    assert result.most_inconsistent is None


def consistent_matrix(weights: tuple[float, ...]) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    return w[:, None] / w[None, :]


@pytest.mark.parametrize("weights", [(4, 2, 2, 1, 1), (8, 4, 2, 1, 1), (6, 3, 2, 1, 1)])
def test_consistent_matrix_recovers_its_weights(weights: tuple[float, ...]) -> None:
    result = ahp_weights(consistent_matrix(weights))
    np.testing.assert_allclose(result.weights, np.asarray(weights) / sum(weights))
    assert result.consistency_ratio == pytest.approx(0.0, abs=1e-9)
    assert result.most_inconsistent is None


@pytest.mark.parametrize("weights", [(8, 4, 2, 1, 1), (4, 2, 2, 1, 1), (9, 3, 3, 1)])
def test_one_flipped_judgement_is_pointed_at(weights: tuple[float, ...]) -> None:
    base = consistent_matrix(weights)
    for i, j in itertools.combinations(range(len(weights)), 2):
        if base[i, j] == 1:
            continue
        flipped = base.copy()
        flipped[i, j], flipped[j, i] = base[j, i], base[i, j]
        pointer = ahp_weights(flipped).most_inconsistent
        assert pointer is not None
        assert (pointer.i, pointer.j) == (i, j)
        assert pointer.given == pytest.approx(base[j, i])
        # The weights' verdict moves back towards the original judgement ...
        assert math.log(pointer.implied / pointer.given) * math.log(base[i, j]) > 0
        assert pointer.suggested in SAATY_SCALE
        # ... and the other judgements recover it exactly.
        assert pointer.indirect_suggested == pytest.approx(base[i, j])


def test_grossly_inconsistent_judgements_exceed_the_threshold() -> None:
    # a > b (9), b > c (9), but c > a (9): a cycle.
    result = ahp_weights(pairwise_matrix([9.0, 1 / 9, 9.0]))
    assert result.consistency_ratio > CR_WARNING_THRESHOLD
    assert not result.acceptable
    assert result.most_inconsistent is not None


@settings(max_examples=60, deadline=None)
@given(
    st.integers(3, 7).flatmap(
        lambda n: st.lists(
            st.sampled_from(SAATY_SCALE), min_size=n * (n - 1) // 2, max_size=n * (n - 1) // 2
        )
    )
)
def test_weights_are_a_distribution_and_consistency_is_non_negative(upper: list[float]) -> None:
    result = ahp_weights(pairwise_matrix(upper))
    weights = np.asarray(result.weights)
    assert np.all(weights > 0)
    assert weights.sum() == pytest.approx(1.0)
    n = weights.size
    assert result.lambda_max >= n - 1e-9
    assert result.consistency_ratio >= 0.0
    assert result.consistency_ratio == pytest.approx(
        result.consistency_index / SAATY_RANDOM_INDEX[n]
    )
    if result.most_inconsistent is not None:
        assert result.most_inconsistent.suggested in SAATY_SCALE


@pytest.mark.parametrize(
    ("ratio", "expected"),
    [(1.0, 1.0), (2.9, 3.0), (0.34, 1 / 3), (12.0, 9.0), (0.01, 1 / 9), (1.05, 1.0)],
)
def test_nearest_scale_value(ratio: float, expected: float) -> None:
    assert nearest_scale_value(ratio) == pytest.approx(expected)


def test_pure_computation_matches_wrapper() -> None:
    assert compute_ahp(DRINKS_MATRIX) == ahp_weights(DRINKS_MATRIX)


@pytest.mark.parametrize(
    ("upper", "message"),
    [
        ([3.0, 2.0], "n\\(n-1\\)/2"),
        ([], "n\\(n-1\\)/2"),
        ([10.0], "between 1/9 and 9"),
        ([0.1], "between 1/9 and 9"),
        ([0.0], "between 1/9 and 9"),
        ([float("nan")], "between 1/9 and 9"),
        ([1.0] * 55, "too many"),
    ],
)
def test_pairwise_matrix_validation(upper: list[float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        pairwise_matrix(upper)


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ([[1.0, 2.0]], "square"),
        ([[1.0, 2.0], [2.0, 1.0]], "reciprocal"),
        ([[2.0, 2.0], [0.5, 1.0]], "diagonal"),
        ([[1.0, 20.0], [0.05, 1.0]], "between 1/9 and 9"),
        ([["a", "b"], ["c", "d"]], "numeric"),
    ],
)
def test_matrix_validation(matrix: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_pairwise_matrix(matrix)


@pytest.mark.parametrize(
    ("judgements", "message"),
    [
        ({("a", "b"): 3, ("a", "c"): 5}, "missing judgements for: 'b' vs 'c'"),
        ({("a", "b"): 3, ("a", "c"): 5, ("b", "z"): 2}, "unknown item 'z'"),
        ({("a", "a"): 1, ("a", "b"): 3, ("a", "c"): 5, ("b", "c"): 2}, "itself"),
        ({("a", "b"): 3, ("b", "a"): 3, ("a", "c"): 5, ("b", "c"): 2}, "not reciprocal"),
        ({("a", "b"): 3, ("a", "c"): 50, ("b", "c"): 2}, "between 1/9 and 9"),
        ({"ab": 3}, "pairs"),
    ],
)
def test_judgement_dict_validation(judgements: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        matrix_from_judgements(judgements, ["a", "b", "c"])


def test_duplicate_reciprocal_judgements_are_accepted() -> None:
    judgements = {("a", "b"): 3, ("b", "a"): 1 / 3, ("a", "c"): 5, ("b", "c"): 2}
    matrix = matrix_from_judgements(judgements, ["a", "b", "c"])
    assert matrix[0, 1] == 3 and matrix[1, 0] == pytest.approx(1 / 3)
