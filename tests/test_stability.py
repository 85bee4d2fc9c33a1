"""Weight stability intervals, checked against brute-force re-ranking with rank_order.

Solutions carry the number of hard requirements they fail; only a solution failing as many as the
top one can take over from it."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from scoring.methods import get_method
from scoring.ranking import rank_order, reference_set
from scoring.robustness import TotalsFunction
from scoring.stability import (
    StabilityInterval,
    compute_stability_intervals,
    describe_interval,
    reweight,
)

EPS = 1e-6
CRITERIA = 5
NAMES = ["modality", "efficiency", "accuracy", "data privacy", "cost"]


def topsis_for(failed: np.ndarray) -> TotalsFunction:
    """The engine's TOPSIS (vector normalisation) against the qualifying solutions, broadcasting
    over weight vectors: the totals function scoring.trust binds for a recommendation."""
    reference = reference_set(np.asarray(failed) == 0)

    def totals(scores: np.ndarray, weights: np.ndarray) -> np.ndarray:
        return get_method("topsis").totals(scores, weights, reference, "vector")

    return totals


def weighted_sum_totals(scores: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The weighted sum as a ``totals_of`` function, to force the numeric path."""
    return get_method("wsm").totals(scores, weights, np.ones(scores.shape[-2], bool), None)


def stability_intervals(scores, weights, failed, totals_of=None):
    return compute_stability_intervals(
        np.asarray(scores, dtype=float), np.asarray(weights, dtype=float), failed, totals_of
    )


def top_at(
    scores: np.ndarray,
    weights: np.ndarray,
    failed: np.ndarray,
    c: int,
    t: float,
    totals_of: TotalsFunction | None = None,
) -> int:
    """Brute force: the solution ranked first when criterion c's weight is t."""
    moved = reweight(weights, c, t)
    totals = scores @ moved if totals_of is None else totals_of(scores, moved)
    return int(rank_order(totals, failed)[0])


def random_instance(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    solutions = int(rng.integers(2, 10))
    scores = rng.uniform(0, 100, (solutions, CRITERIA))
    weights = rng.dirichlet(np.ones(CRITERIA))
    if rng.random() < 0.3:  # some zero weights
        weights[rng.integers(CRITERIA)] = 0.0
        weights /= weights.sum()
    failed = np.where(rng.random(solutions) < 0.7, 0, rng.integers(1, 3, solutions))
    return scores, weights, failed


def check_against_brute_force(
    scores: np.ndarray,
    weights: np.ndarray,
    failed: np.ndarray,
    iv: StabilityInterval,
    totals_of: TotalsFunction | None = None,
) -> None:
    c, top = iv.criterion, iv.top

    def top_at(
        scores: np.ndarray, weights: np.ndarray, failed: np.ndarray, c: int, t: float
    ) -> int:
        return globals()["top_at"](scores, weights, failed, c, t, totals_of)

    assert iv.low <= iv.weight <= iv.high
    assert top_at(scores, weights, failed, c, iv.weight) == top
    if iv.high - iv.low > 2 * EPS:
        assert top_at(scores, weights, failed, c, iv.low + EPS) == top
        assert top_at(scores, weights, failed, c, iv.high - EPS) == top
    if iv.taker_below is None:
        assert iv.low == 0.0
        assert top_at(scores, weights, failed, c, 0.0) == top
    elif iv.low == 0.0:  # lost only at the edge itself, to a tie decided by catalogue order
        assert not iv.low_included
        assert top_at(scores, weights, failed, c, 0.0) == iv.taker_below
    elif iv.low - EPS >= 0.0:
        assert top_at(scores, weights, failed, c, iv.low - EPS) == iv.taker_below
    if iv.taker_above is None:
        assert iv.high == 1.0
        assert top_at(scores, weights, failed, c, 1.0) == top
    elif iv.high == 1.0:
        assert not iv.high_included
        assert top_at(scores, weights, failed, c, 1.0) == iv.taker_above
    elif iv.high + EPS <= 1.0:
        assert top_at(scores, weights, failed, c, iv.high + EPS) == iv.taker_above


@pytest.mark.parametrize("seed", range(300))
def test_intervals_match_brute_force_on_random_instances(seed: int) -> None:
    scores, weights, failed = random_instance(np.random.default_rng(seed))
    intervals = stability_intervals(scores, weights, failed)
    assert [iv.criterion for iv in intervals] == list(range(CRITERIA))
    for iv in intervals:
        check_against_brute_force(scores, weights, failed, iv)


@pytest.mark.parametrize("seed", range(60))
def test_numeric_intervals_under_topsis_match_brute_force(seed: int) -> None:
    scores, weights, failed = random_instance(np.random.default_rng(seed))
    topsis_totals = topsis_for(failed)
    intervals = stability_intervals(scores, weights, failed, topsis_totals)
    top = int(rank_order(topsis_totals(scores, weights), failed)[0])
    for iv in intervals:
        assert iv.top == top
        check_against_brute_force(scores, weights, failed, iv, topsis_totals)


@pytest.mark.parametrize("seed", range(60))
def test_numeric_path_agrees_with_the_exact_one_on_the_weighted_sum(seed: int) -> None:
    scores, weights, failed = random_instance(np.random.default_rng(seed))
    exact = stability_intervals(scores, weights, failed)
    numeric = stability_intervals(scores, weights, failed, weighted_sum_totals)
    for e, n in zip(exact, numeric, strict=True):
        assert (n.top, n.taker_below, n.taker_above) == (e.top, e.taker_below, e.taker_above)
        assert n.low == pytest.approx(e.low, abs=1e-7)
        assert n.high == pytest.approx(e.high, abs=1e-7)


def test_topsis_intervals_are_about_topsis_own_top_solution() -> None:
    # Weighted sum: A0 58, A1 50, A2 55. TOPSIS (vector): A2 53.3 ahead of A0 46.7. The intervals
    # must describe the solution TOPSIS recommends, not the weighted sum's.
    scores = np.array([[30, 90, 80], [40, 60, 60], [90, 0, 50.0]])
    weights = np.array([0.5, 0.3, 0.2])
    failed = np.zeros(3, dtype=np.int64)
    topsis_totals = topsis_for(failed)
    assert int(rank_order(scores @ weights, failed)[0]) == 0
    intervals = stability_intervals(scores, weights, failed, topsis_totals)
    assert all(iv.top == 2 for iv in intervals)
    assert stability_intervals(scores, weights, failed)[0].top == 0
    for iv in intervals:
        check_against_brute_force(scores, weights, failed, iv, topsis_totals)
    # Less weight on the first criterion (A2's strength) hands it back to A0.
    assert intervals[0].taker_below == 0 and 0.0 < intervals[0].low < 0.5


@settings(max_examples=60, deadline=None)
@given(
    arrays(float, (4, 3), elements=st.integers(0, 100).map(float)),
    arrays(float, 3, elements=st.integers(0, 5).map(float)).filter(lambda w: w.sum() > 0),
    arrays(np.int64, 4, elements=st.integers(0, 2)),
)
def test_interval_is_exactly_where_the_top_solution_holds_on_a_grid(scores, raw, failed) -> None:
    weights = raw / raw.sum()
    for iv in stability_intervals(scores, weights, failed):
        for t in np.linspace(0, 1, 201):
            inside = iv.low < t < iv.high
            near_end = min(abs(t - iv.low), abs(t - iv.high)) < 1e-6
            if near_end:
                continue
            assert (top_at(scores, weights, failed, iv.criterion, t) == iv.top) == inside


def test_top_that_wins_everywhere_holds_for_all_weights() -> None:
    scores = np.array([[90, 90, 90, 90, 90], [10, 20, 30, 40, 50.0], [50, 40, 30, 20, 10.0]])
    weights = np.full(CRITERIA, 0.2)
    for iv in stability_intervals(scores, weights, np.zeros(3, dtype=np.int64)):
        assert (iv.low, iv.high) == (0.0, 1.0)
        assert iv.taker_below is None and iv.taker_above is None
        assert iv.holds_everywhere
        assert iv.low_included and iv.high_included


def test_solution_failing_requirements_never_takes_over_from_one_meeting_them() -> None:
    scores = np.array([[50, 50, 50, 50, 50], [100, 100, 100, 100, 100.0]])
    failed = np.array([0, 1])
    for iv in stability_intervals(scores, np.full(CRITERIA, 0.2), failed):
        assert iv.top == 0 and iv.holds_everywhere


def test_textbook_tie_is_held_by_catalogue_order_at_the_current_weights() -> None:
    # facts.md weighted sum: totals 21.50, 22.00, 22.00; A2 and A3 tie, A2 is earlier.
    scores = np.array([[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10.0]])
    weights = np.array([0.2, 0.15, 0.4, 0.25])
    failed = np.zeros(3, dtype=np.int64)
    intervals = stability_intervals(scores, weights, failed)
    assert all(iv.top == 1 for iv in intervals)
    for iv in intervals:
        # The tie sits exactly at the current weight, so one end is the current weight itself
        # (included, A2 wins the tie) and A3 takes over right past it.
        assert iv.weight in (iv.low, iv.high)
        if iv.low == iv.weight:
            assert iv.low_included and iv.taker_below == 2
        else:
            assert iv.high_included and iv.taker_above == 2
        check_against_brute_force(scores, weights, failed, iv)
    cost = intervals[3]
    # At 100 % on the last criterion A1 and A2 tie at 30 and A1 comes first in the catalogue.
    assert cost.high == 1.0 and not cost.high_included and cost.taker_above == 0
    assert top_at(scores, weights, failed, 3, 1.0) == 0


def test_simultaneous_crossings_hand_over_to_the_fastest_rival() -> None:
    # Criterion 0 weight t: A0 = 50, A1 = 45 + 10 t, A2 = 40 + 20 t; all equal at t = 0.5.
    scores = np.array([[50, 50], [55, 45], [60, 40.0]])
    weights = np.array([0.2, 0.8])
    failed = np.zeros(3, dtype=np.int64)
    iv = stability_intervals(scores, weights, failed)[0]
    assert iv.top == 0
    assert iv.high == pytest.approx(0.5) and iv.high_included  # A0 wins the three-way tie
    assert iv.taker_above == 2  # A2 pulls away fastest, although A1 is earlier in the catalogue
    assert iv.low == 0.0 and iv.taker_below is None
    check_against_brute_force(scores, weights, failed, iv)


def test_crossing_inside_the_interval_rules_endpoint_and_taker() -> None:
    # Two solutions, criterion 0 weight t: A0 = 50 + 10 t, A1 = 40 + 30 t; equal at t = 0.5.
    scores = np.array([[60, 50], [70, 40.0]])
    failed = np.zeros(2, dtype=np.int64)
    iv = stability_intervals(scores, np.array([0.2, 0.8]), failed)[0]
    assert iv.top == 0
    assert iv.high == pytest.approx(0.5)
    assert iv.high_included  # A0 wins the tie at 0.5: it is earlier in the catalogue
    assert iv.taker_above == 1 and iv.taker_below is None
    # Swap the catalogue order: now the top solution (A1 at index 1) loses the tie at 0.5.
    swapped = stability_intervals(scores[::-1], np.array([0.2, 0.8]), failed)[0]
    assert swapped.top == 1
    assert swapped.high == pytest.approx(0.5) and not swapped.high_included
    assert top_at(scores[::-1], np.array([0.2, 0.8]), failed, 0, 0.5) == 0


def test_tie_at_the_edge_goes_to_the_earliest_in_the_catalogue() -> None:
    # Criterion 0 at 100 %: all three score 100 and tie. A1 leads elsewhere; A2 gains fastest as
    # the weight rises, but at the edge itself the tie is A0's, the earliest in the catalogue.
    scores = np.array([[100, 50], [100, 70], [100, 40.0]])
    failed = np.zeros(3, dtype=np.int64)
    iv = stability_intervals(scores, np.array([0.5, 0.5]), failed)[0]
    assert iv.top == 1
    assert iv.high == 1.0 and not iv.high_included and iv.taker_above == 0
    check_against_brute_force(scores, np.array([0.5, 0.5]), failed, iv)


def test_weight_of_one_shares_the_rest_equally() -> None:
    scores = np.array([[80, 0, 0], [60, 100, 100.0], [70, 60, 0]])
    weights = np.array([1.0, 0.0, 0.0])
    np.testing.assert_allclose(reweight(weights, 0, 0.4), [0.4, 0.3, 0.3])
    failed = np.zeros(3, dtype=np.int64)
    intervals = stability_intervals(scores, weights, failed)
    first = intervals[0]
    assert first.top == 0 and first.high == 1.0 and first.taker_above is None
    assert first.taker_below == 1
    check_against_brute_force(scores, weights, failed, first)
    for iv in intervals:
        check_against_brute_force(scores, weights, failed, iv)


def test_reweight_keeps_proportions_and_sum() -> None:
    weights = np.array([0.1, 0.2, 0.3, 0.4])
    moved = reweight(weights, 2, 0.6)
    assert moved[2] == 0.6
    assert moved.sum() == pytest.approx(1.0)
    assert moved[1] / moved[0] == pytest.approx(2.0)
    np.testing.assert_allclose(reweight(weights, 2, 0.3), weights)


def _interval(**changes: object) -> StabilityInterval:
    base: dict[str, object] = {
        "criterion": 3,
        "weight": 0.3,
        "low": 0.0,
        "high": 1.0,
        "low_included": True,
        "high_included": True,
        "taker_below": None,
        "taker_above": None,
        "top": 0,
    }
    base.update(changes)
    return StabilityInterval(**base)  # type: ignore[arg-type]


LABELS = ["the self-hosted LLM", "the hosted API", "the pipeline"]


@pytest.mark.parametrize(
    ("changes", "sentence"),
    [
        ({}, "The recommendation holds whatever weight data privacy gets."),
        (
            {"low": 0.12, "taker_below": 1},
            "The recommendation holds unless data privacy drops below 12 % of the decision, "
            "when the hosted API takes over.",
        ),
        (
            {"high": 0.6, "taker_above": 2},
            "The recommendation holds unless data privacy rises above 60 % of the decision, "
            "when the pipeline takes over.",
        ),
        (
            {"low": 0.12, "taker_below": 1, "high": 0.6, "taker_above": 2},
            "The recommendation holds unless data privacy drops below 12 % of the decision, "
            "when the hosted API takes over, or rises above 60 %, when the pipeline does.",
        ),
        (
            {"low": 0.0, "low_included": False, "taker_below": 1},
            "The recommendation holds unless data privacy drops to 0 % of the decision, "
            "when the hosted API takes over.",
        ),
        (
            {"high": 0.302, "taker_above": 2},
            "The recommendation holds unless data privacy rises above 30.2 % of the decision, "
            "when the pipeline takes over.",
        ),
        (
            {"low": 0.003, "taker_below": 1},
            "The recommendation holds unless data privacy drops below 0.3 % of the decision, "
            "when the hosted API takes over.",
        ),
    ],
)
def test_describe_interval(changes: dict[str, object], sentence: str) -> None:
    assert describe_interval(_interval(**changes), NAMES, LABELS) == sentence


def test_more_failures_never_take_over_and_fewer_always_rank_above() -> None:
    # A1 fails two requirements and beats the top on every criterion; A2 fails one, like the top.
    scores = np.array([[50, 50, 50], [100, 100, 100], [40, 60, 50.0]])
    failed = np.array([1, 2, 1])
    weights = np.full(3, 1 / 3)
    for iv in stability_intervals(scores, weights, failed):
        assert iv.top == 0
        assert 1 not in (iv.taker_below, iv.taker_above)
        check_against_brute_force(scores, weights, failed, iv)
