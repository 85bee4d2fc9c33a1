"""SMAA rank acceptability: published invariants (facts.md, SMAA-2) and the plain label."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from scoring.engine import aggregate_totals
from scoring.ranking import rank_order
from scoring.robustness import (
    LABEL_LEANING,
    LABEL_ROBUST,
    LABEL_TOSS_UP,
    LEANING_SHARE,
    ROBUST_SHARE,
    compute_rank_acceptability,
    rank_acceptability,
    rank_acceptability_batch,
    robustness_label,
    sample_weights,
)

CRITERIA = 5


def _instance(seed: int, options: int = 9) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    scores = rng.uniform(0, 100, (options, CRITERIA))
    weights = rng.dirichlet(np.ones(CRITERIA))
    return scores, weights, np.ones(options, dtype=bool)


@st.composite
def decision(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    options = draw(st.integers(2, 9))
    scores = draw(arrays(float, (options, CRITERIA), elements=st.floats(0, 100)))
    raw = draw(arrays(float, CRITERIA, elements=st.floats(0, 1)))
    if raw.sum() == 0:
        raw[0] = 1.0
    meets = draw(arrays(bool, options))
    return scores, raw / raw.sum(), meets


@settings(max_examples=40, deadline=None)
@given(decision())
def test_acceptabilities_sum_to_one_over_ranks_and_over_options(case) -> None:
    result = rank_acceptability(*case, samples=500)
    np.testing.assert_allclose(result.acceptability.sum(axis=1), 1.0)
    np.testing.assert_allclose(result.acceptability.sum(axis=0), 1.0)


@settings(max_examples=40, deadline=None)
@given(decision(), st.integers(0, 8), st.floats(0.01, 20))
def test_option_dominated_on_every_criterion_is_never_first(case, victim, margin) -> None:
    scores, weights, _ = case
    victim %= scores.shape[0]
    dominator = (victim + 1) % scores.shape[0]
    scores = scores.copy()
    scores[dominator] = np.clip(scores[dominator], margin, 100)
    scores[victim] = scores[dominator] - margin
    meets = np.ones(scores.shape[0], dtype=bool)
    result = rank_acceptability(scores, weights, meets, samples=500, concentration=2.0)
    assert result.first_rank[victim] == 0.0


def test_option_failing_requirements_is_never_first_when_another_meets_them() -> None:
    scores, weights, meets = _instance(3)
    best = int(rank_order(scores @ weights, meets)[0])
    meets[best] = False
    result = rank_acceptability(scores, weights, meets, samples=2000)
    assert result.first_rank[best] == 0.0
    assert result.acceptability[best, -1] == 1.0  # the only failing option is always last


def test_same_seed_same_result_and_different_seed_can_differ() -> None:
    scores = np.array([[60, 40, 50, 50, 50], [40, 60, 50, 50, 50], [50, 50, 50, 50, 50.0]])
    weights = np.full(CRITERIA, 0.2)
    meets = np.ones(3, dtype=bool)
    first = rank_acceptability(scores, weights, meets, seed=7)
    again = rank_acceptability(scores, weights, meets, seed=7)
    other = rank_acceptability(scores, weights, meets, seed=8)
    np.testing.assert_array_equal(first.acceptability, again.acceptability)
    assert first.top_share == again.top_share
    assert not np.array_equal(first.acceptability, other.acceptability)


def test_high_concentration_keeps_a_clear_winner_first() -> None:
    # Option 0 wins under the central weights but loses if accuracy gets much more weight.
    scores = np.array([[90, 80, 40, 70, 70], [50, 50, 90, 60, 60.0]])
    weights = np.array([0.25, 0.25, 0.2, 0.15, 0.15])
    meets = np.ones(2, dtype=bool)
    tight = rank_acceptability(scores, weights, meets, concentration=10_000)
    loose = rank_acceptability(scores, weights, meets, concentration=1.0)
    assert tight.top_option_index == 0
    assert tight.top_share > 0.999
    assert tight.label == LABEL_ROBUST
    assert loose.top_share < tight.top_share


def test_top_option_is_the_recommendation_under_central_weights() -> None:
    scores, weights, meets = _instance(11)
    result = rank_acceptability(scores, weights, meets)
    assert result.top_option_index == int(rank_order(scores @ weights, meets)[0])
    assert result.top_share == result.first_rank[result.top_option_index]
    assert result.label == robustness_label(result.top_share)


def test_identical_options_tie_and_catalogue_order_wins() -> None:
    scores = np.tile(np.array([[50, 60, 70, 80, 90.0]]), (3, 1))
    result = rank_acceptability(scores, np.full(CRITERIA, 0.2), np.ones(3, dtype=bool))
    np.testing.assert_array_equal(result.acceptability, np.eye(3))
    assert result.label == LABEL_ROBUST


def test_zero_weights_are_sampled_near_zero_without_failing() -> None:
    weights = np.array([0.5, 0.5, 0.0, 0.0, 0.0])
    sampled = sample_weights(weights, 2000, 50.0, np.random.default_rng(0))
    assert np.all(np.isfinite(sampled))
    np.testing.assert_allclose(sampled.sum(axis=1), 1.0)
    assert sampled[:, 2:].mean() < 1e-3
    np.testing.assert_allclose(sampled.mean(axis=0)[:2], 0.5, atol=0.01)


def test_results_are_read_only() -> None:
    result = rank_acceptability(*_instance(1), samples=100)
    with pytest.raises(ValueError):
        result.acceptability[0, 0] = 1.0


def test_batch_of_one_equals_single_answer_set() -> None:
    scores, weights, meets = _instance(5)
    single = compute_rank_acceptability(scores, weights, meets, samples=1000, seed=3)
    (batched,) = rank_acceptability_batch(
        scores[None], weights[None], meets[None], samples=1000, seed=3
    )
    np.testing.assert_array_equal(single.acceptability, batched.acceptability)


def test_batch_answers_are_analysed_independently() -> None:
    cases = [_instance(seed) for seed in range(4)]
    scores, weights, meets = (np.stack(parts) for parts in zip(*cases, strict=True))
    results = rank_acceptability_batch(scores, weights, meets, samples=4000)
    for (s, w, m), result in zip(cases, results, strict=True):
        assert result.top_option_index == int(rank_order(s @ w, m)[0])
        np.testing.assert_allclose(result.acceptability.sum(axis=1), 1.0)


@pytest.mark.parametrize(
    ("share", "label"),
    [
        (1.0, LABEL_ROBUST),
        (ROBUST_SHARE, LABEL_ROBUST),
        (np.nextafter(ROBUST_SHARE, 0), LABEL_LEANING),
        (LEANING_SHARE, LABEL_LEANING),
        (np.nextafter(LEANING_SHARE, 0), LABEL_TOSS_UP),
        (0.0, LABEL_TOSS_UP),
    ],
)
def test_label_thresholds(share: float, label: str) -> None:
    assert robustness_label(share) == label


def test_thresholds_are_the_documented_ones() -> None:
    assert (ROBUST_SHARE, LEANING_SHARE) == (0.80, 0.50)


GOOD_SCORES = [[10.0, 20.0], [30.0, 40.0]]
GOOD_WEIGHTS = [0.5, 0.5]
GOOD_MEETS = [True, False]


@pytest.mark.parametrize(
    ("scores", "weights", "meets", "kwargs", "message"),
    [
        ([10.0, 20.0], GOOD_WEIGHTS, GOOD_MEETS, {}, "2-D"),
        (GOOD_SCORES, [0.5, 0.3, 0.2], GOOD_MEETS, {}, r"weights must have shape \(2,\)"),
        (GOOD_SCORES, GOOD_WEIGHTS, [True], {}, r"meets must have shape \(2,\)"),
        ([[10.0, 120.0], [0.0, 0.0]], GOOD_WEIGHTS, GOOD_MEETS, {}, "within 0-100"),
        ([[10.0, -1.0], [0.0, 0.0]], GOOD_WEIGHTS, GOOD_MEETS, {}, "within 0-100"),
        ([[10.0, np.nan], [0.0, 0.0]], GOOD_WEIGHTS, GOOD_MEETS, {}, "finite"),
        (GOOD_SCORES, [0.6, 0.6], GOOD_MEETS, {}, "sum to 1"),
        (GOOD_SCORES, [1.2, -0.2], GOOD_MEETS, {}, "non-negative"),
        (GOOD_SCORES, GOOD_WEIGHTS, ["yes", "no"], {}, "booleans"),
        (GOOD_SCORES, GOOD_WEIGHTS, GOOD_MEETS, {"samples": 0}, "samples"),
        (GOOD_SCORES, GOOD_WEIGHTS, GOOD_MEETS, {"samples": 2.5}, "samples"),
        (GOOD_SCORES, GOOD_WEIGHTS, GOOD_MEETS, {"concentration": 0}, "concentration"),
        (GOOD_SCORES, GOOD_WEIGHTS, GOOD_MEETS, {"concentration": "x"}, "concentration"),
    ],
)
def test_validation_errors_are_clear(scores, weights, meets, kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        rank_acceptability(scores, weights, meets, **kwargs)


def test_batch_validation_names_the_answer_set() -> None:
    scores = np.full((2, 2, 2), 50.0)
    weights = np.array([[0.5, 0.5], [0.9, 0.9]])
    with pytest.raises(ValueError, match="answer set 1"):
        rank_acceptability_batch(scores, weights, np.ones((2, 2), dtype=bool))


# --- the recommendation's own method: TOPSIS -----------------------------------------------------


def topsis_totals(scores: np.ndarray, weights: np.ndarray) -> np.ndarray:
    return aggregate_totals(scores, weights, "topsis", "vector")


@settings(max_examples=25, deadline=None)
@given(decision())
def test_topsis_acceptabilities_keep_the_smaa_invariants(case) -> None:
    result = rank_acceptability(*case, samples=400, totals_of=topsis_totals)
    np.testing.assert_allclose(result.acceptability.sum(axis=1), 1.0)
    np.testing.assert_allclose(result.acceptability.sum(axis=0), 1.0)
    scores, weights, meets = case
    assert result.top_option_index == int(rank_order(topsis_totals(scores, weights), meets)[0])


def test_topsis_robustness_counts_topsis_winners() -> None:
    # Weighted sum: A0 58, A1 50, A2 55; TOPSIS puts A2 first (53.3 against A0's 46.7).
    scores = np.array([[30, 90, 80], [40, 60, 60], [90, 0, 50.0]])
    weights = np.array([0.5, 0.3, 0.2])
    meets = np.ones(3, dtype=bool)
    by_sum = rank_acceptability(scores, weights, meets, samples=2_000)
    by_topsis = rank_acceptability(scores, weights, meets, samples=2_000, totals_of=topsis_totals)
    assert by_sum.top_option_index == 0 and by_topsis.top_option_index == 2
    assert by_topsis.first_rank[2] > by_sum.first_rank[2]
    # Each sample's winner is the TOPSIS winner for that sample's weights.
    sampled = sample_weights(weights, 2_000, 50.0, np.random.default_rng(0))
    winners = rank_order(topsis_totals(scores, sampled), meets)[:, 0]
    np.testing.assert_allclose(by_topsis.first_rank, np.bincount(winners, minlength=3) / 2_000)
