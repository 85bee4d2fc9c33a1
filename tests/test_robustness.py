"""SMAA rank acceptability as array functions: published invariants (SMAA-2), the sampling of
weights and of scores within their bands, and the plain label by outcome."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from scoring.methods import get_method
from scoring.ranking import rank_order, reference_set
from scoring.robustness import (
    LABEL_LEANING,
    LABEL_NO_FIT,
    LABEL_ONLY,
    LABEL_ROBUST,
    LABEL_TOSS_UP,
    LEANING_SHARE,
    ROBUST_SHARE,
    acceptability_from_ranks,
    rank_acceptability,
    robustness_label,
    sample_weights,
    sample_within,
)

CRITERIA = 5


def weighted_sum(scores: np.ndarray, weights: np.ndarray) -> np.ndarray:
    return get_method("wsm").totals(scores, weights, np.ones(scores.shape[-2], bool), None)


def analyse(
    scores: np.ndarray,
    weights: np.ndarray,
    failed: np.ndarray,
    samples: int = 1_000,
    concentration: float = 50.0,
    seed: int = 0,
    method: str = "wsm",
):
    """SMAA the way scoring.trust runs it, with the scores held at their centre: the qualifying
    solutions (all, when none qualifies) are sampled, the others keep their central ranks."""
    chosen = get_method(method)
    normalization = chosen.normalizations[0] if chosen.normalizations else None
    reference = reference_set(failed == 0)
    order = rank_order(chosen.totals(scores, weights, reference, normalization), failed)
    positions = np.flatnonzero(reference)
    rng = np.random.default_rng(seed)
    sampled = chosen.totals(
        scores[positions],
        sample_weights(weights, samples, concentration, rng),
        np.ones(positions.size, dtype=bool),
        normalization,
    )
    return rank_acceptability(
        sampled, positions, order, failed, int(order[0]), concentration=concentration, seed=seed
    )


def _instance(seed: int, solutions: int = 9) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    scores = rng.uniform(0, 100, (solutions, CRITERIA))
    weights = rng.dirichlet(np.ones(CRITERIA))
    return scores, weights, np.zeros(solutions, dtype=np.int64)


@st.composite
def decision(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    solutions = draw(st.integers(2, 9))
    scores = draw(arrays(float, (solutions, CRITERIA), elements=st.floats(0, 100)))
    raw = draw(arrays(float, CRITERIA, elements=st.floats(0, 1)))
    if raw.sum() == 0:
        raw[0] = 1.0
    failed = draw(arrays(np.int64, solutions, elements=st.integers(0, 3)))
    return scores, raw / raw.sum(), failed


@settings(max_examples=40, deadline=None)
@given(decision())
def test_acceptabilities_sum_to_one_over_ranks_and_over_solutions(case) -> None:
    result = analyse(*case, samples=500)
    np.testing.assert_allclose(result.acceptability.sum(axis=1), 1.0)
    np.testing.assert_allclose(result.acceptability.sum(axis=0), 1.0)
    np.testing.assert_array_equal(result.first_rank, result.acceptability[:, 0])


@settings(max_examples=40, deadline=None)
@given(decision(), st.integers(0, 8), st.floats(0.01, 20))
def test_solution_dominated_on_every_criterion_is_never_first(case, victim, margin) -> None:
    scores, weights, _ = case
    victim %= scores.shape[0]
    dominator = (victim + 1) % scores.shape[0]
    scores = scores.copy()
    scores[dominator] = np.clip(scores[dominator], margin, 100)
    scores[victim] = scores[dominator] - margin
    failed = np.zeros(scores.shape[0], dtype=np.int64)
    result = analyse(scores, weights, failed, samples=500, concentration=2.0)
    assert result.first_rank[victim] == 0.0


def test_failing_fewer_requirements_always_ranks_first() -> None:
    scores, weights, failed = _instance(3)
    best = int(rank_order(weighted_sum(scores, weights), failed)[0])
    failed = failed.copy()
    failed[best] = 1
    worst = (best + 1) % len(failed)
    failed[worst] = 2
    result = analyse(scores, weights, failed, samples=2_000)
    assert result.first_rank[best] == 0.0
    assert result.acceptability[best, -2] == 1.0  # one failure: always just above two failures
    assert result.acceptability[worst, -1] == 1.0


def test_high_concentration_keeps_a_clear_winner_first() -> None:
    # Solution 0 wins under the central weights but loses if accuracy gets much more weight.
    scores = np.array([[90, 80, 40, 70, 70], [50, 50, 90, 60, 60.0]])
    weights = np.array([0.25, 0.25, 0.2, 0.15, 0.15])
    failed = np.zeros(2, dtype=np.int64)
    tight = analyse(scores, weights, failed, concentration=10_000)
    loose = analyse(scores, weights, failed, concentration=1.0)
    assert tight.top_index == 0
    assert tight.top_share > 0.999
    assert tight.label == LABEL_ROBUST
    assert loose.top_share < tight.top_share


def test_top_share_is_the_recommended_solutions_first_rank() -> None:
    scores, weights, failed = _instance(11)
    result = analyse(scores, weights, failed)
    assert result.top_index == int(rank_order(weighted_sum(scores, weights), failed)[0])
    assert result.top_share == result.first_rank[result.top_index]
    assert result.label == robustness_label(result.top_share, len(failed))


def test_identical_solutions_tie_and_catalogue_order_wins() -> None:
    scores = np.tile(np.array([[50, 60, 70, 80, 90.0]]), (3, 1))
    result = analyse(scores, np.full(CRITERIA, 0.2), np.zeros(3, dtype=np.int64))
    np.testing.assert_array_equal(result.acceptability, np.eye(3))
    assert result.label == LABEL_ROBUST


def test_acceptability_from_ranks_counts_shares() -> None:
    ranks = np.array([[1, 2, 3], [2, 1, 3], [1, 3, 2], [1, 2, 3]])
    np.testing.assert_allclose(
        acceptability_from_ranks(ranks),
        [[0.75, 0.25, 0.0], [0.25, 0.5, 0.25], [0.0, 0.25, 0.75]],
    )


def test_zero_weights_are_sampled_near_zero_without_failing() -> None:
    weights = np.array([0.5, 0.5, 0.0, 0.0, 0.0])
    sampled = sample_weights(weights, 2000, 50.0, np.random.default_rng(0))
    assert np.all(np.isfinite(sampled))
    np.testing.assert_allclose(sampled.sum(axis=1), 1.0)
    assert sampled[:, 2:].mean() < 1e-3
    np.testing.assert_allclose(sampled.mean(axis=0)[:2], 0.5, atol=0.01)


def test_weights_spread_as_documented() -> None:
    weights = np.full(CRITERIA, 0.2)
    sampled = sample_weights(weights, 20_000, 50.0, np.random.default_rng(1))
    expected = np.sqrt(0.2 * 0.8 / 51)
    np.testing.assert_allclose(sampled.std(axis=0), expected, rtol=0.05)


def test_scores_are_drawn_within_their_bands_and_clipped() -> None:
    centre = np.array([[50.0, 95.0, 3.0], [70.0, 20.0, 60.0]])
    band = np.array([[5.0, 15.0, 10.0], [0.0, 20.0, 2.0]])
    drawn = sample_within(centre, band, 5_000, np.random.default_rng(2))
    assert drawn.shape == (5_000, *centre.shape)
    assert np.all(drawn >= np.clip(centre - band, 0, 100) - 1e-9)
    assert np.all(drawn <= np.clip(centre + band, 0, 100) + 1e-9)
    np.testing.assert_array_equal(drawn[:, 1, 0], 70.0)  # no band: the score itself
    assert drawn[:, 0, 0].std() < drawn[:, 1, 1].std()  # narrow band moves less than a wide one
    np.testing.assert_allclose(drawn[:, 0, 0].mean(), 50.0, atol=0.2)


def test_results_are_read_only() -> None:
    result = analyse(*_instance(1), samples=100)
    with pytest.raises(ValueError):
        result.acceptability[0, 0] = 1.0
    with pytest.raises(ValueError):
        result.first_rank[0] = 1.0


@pytest.mark.parametrize(
    ("share", "qualifying", "label"),
    [
        (1.0, 2, LABEL_ROBUST),
        (ROBUST_SHARE, 5, LABEL_ROBUST),
        (np.nextafter(ROBUST_SHARE, 0), 5, LABEL_LEANING),
        (LEANING_SHARE, 5, LABEL_LEANING),
        (np.nextafter(LEANING_SHARE, 0), 5, LABEL_TOSS_UP),
        (0.0, 5, LABEL_TOSS_UP),
        (1.0, 1, LABEL_ONLY),
        (0.3, 0, LABEL_NO_FIT),
    ],
)
def test_label_thresholds_and_outcomes(share: float, qualifying: int, label: str) -> None:
    assert robustness_label(share, qualifying) == label


def test_thresholds_are_the_documented_ones() -> None:
    assert (ROBUST_SHARE, LEANING_SHARE) == (0.80, 0.50)


def test_one_qualifying_solution_is_labelled_so_whatever_its_share() -> None:
    scores, weights, _ = _instance(4, solutions=4)
    failed = np.array([0, 1, 1, 2])
    result = analyse(scores, weights, failed)
    assert result.top_index == 0 and result.top_share == 1.0
    assert result.label == LABEL_ONLY


# --- the recommendation's own method: TOPSIS -----------------------------------------------------


def topsis_for(failed: np.ndarray):
    reference = reference_set(failed == 0)
    topsis = get_method("topsis")

    def totals(scores: np.ndarray, weights: np.ndarray) -> np.ndarray:
        return topsis.totals(scores, weights, reference, "vector")

    return totals


@settings(max_examples=25, deadline=None)
@given(decision())
def test_topsis_acceptabilities_keep_the_smaa_invariants(case) -> None:
    scores, weights, failed = case
    result = analyse(scores, weights, failed, samples=400, method="topsis")
    np.testing.assert_allclose(result.acceptability.sum(axis=1), 1.0)
    np.testing.assert_allclose(result.acceptability.sum(axis=0), 1.0)
    central = topsis_for(failed)(scores, weights)
    assert result.top_index == int(rank_order(central, failed)[0])


def test_topsis_robustness_counts_topsis_winners() -> None:
    # Weighted sum: A0 58, A1 50, A2 55; TOPSIS puts A2 first (53.3 against A0's 46.7).
    scores = np.array([[30, 90, 80], [40, 60, 60], [90, 0, 50.0]])
    weights = np.array([0.5, 0.3, 0.2])
    failed = np.zeros(3, dtype=np.int64)
    by_sum = analyse(scores, weights, failed, samples=2_000)
    by_topsis = analyse(scores, weights, failed, samples=2_000, method="topsis")
    assert by_sum.top_index == 0 and by_topsis.top_index == 2
    assert by_topsis.first_rank[2] > by_sum.first_rank[2]
    sampled = sample_weights(weights, 2_000, 50.0, np.random.default_rng(0))
    winners = rank_order(topsis_for(failed)(scores, sampled), failed)[:, 0]
    np.testing.assert_allclose(by_topsis.first_rank, np.bincount(winners, minlength=3) / 2_000)


def test_failing_solutions_keep_their_central_ranks_below_the_qualifying_ones() -> None:
    scores, weights, _ = _instance(6, solutions=6)
    failed = np.array([0, 2, 0, 1, 0, 1])
    result = analyse(scores, weights, failed)
    order = rank_order(weighted_sum(scores, weights), failed)
    for rank, solution in enumerate(order[3:], start=3):
        assert result.acceptability[solution, rank] == 1.0
    assert result.acceptability[[0, 2, 4], :3].sum() == pytest.approx(3.0)
