"""The aggregation methods behind one registry (scoring.methods): what each method says about
itself, the weighted sum, and TOPSIS measured against the solutions that qualify."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from support import by_option

from scoring.engine import recommend
from scoring.methods import (
    DEFAULT_METHOD,
    METHODS,
    NORMALIZATION_NAMES,
    get_method,
    method_names,
    resolve_normalization,
)
from scoring.methods.base import apportioned
from scoring.methods.topsis import closeness, normalize
from scoring.methods.weighted_sum import weighted_sum
from scoring.ranking import reference_set

WSM, TOPSIS = METHODS["wsm"], METHODS["topsis"]


@st.composite
def problems(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Scores on 0-100 (ties and constant columns included), weights summing to 1 and a
    reference set with at least one solution in it."""
    solutions = draw(st.integers(2, 9))
    criteria = draw(st.integers(1, 6))
    matrix = draw(arrays(float, (solutions, criteria), elements=st.integers(0, 100)))
    raw = draw(arrays(float, criteria, elements=st.integers(1, 20)))
    reference = draw(arrays(bool, solutions))
    reference[draw(st.integers(0, solutions - 1))] = True
    return matrix, raw / raw.sum(), reference


# --- the registry ---------------------------------------------------------------------------------


def test_the_registry_offers_both_spec_methods_with_a_default() -> None:
    assert {"wsm", "topsis"} <= set(METHODS)
    assert DEFAULT_METHOD in METHODS
    assert method_names() == tuple(METHODS)
    for name, method in METHODS.items():
        assert method.name == name
        assert method.label and method.describe.endswith(".")
        assert isinstance(method.normalizations, tuple)
        assert isinstance(method.exact_stability, bool)
    assert WSM.exact_stability and not TOPSIS.exact_stability
    assert WSM.normalizations == () and TOPSIS.normalizations[0] == "vector"
    assert set(TOPSIS.normalizations) <= set(NORMALIZATION_NAMES)


def test_unknown_method_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="unknown method 'ahp'") as info:
        get_method("ahp")
    for name in METHODS:
        assert name in str(info.value)


def test_normalisation_defaults_to_the_first_and_is_none_without_one() -> None:
    assert resolve_normalization(WSM, None) is None
    assert resolve_normalization(WSM, "vector") is None
    assert resolve_normalization(TOPSIS, None) == "vector"
    assert resolve_normalization(TOPSIS, "minmax") == "minmax"
    with pytest.raises(ValueError, match="unknown normalisation 'sum' for TOPSIS"):
        resolve_normalization(TOPSIS, "sum")


# --- weighted sum -------------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(problems())
def test_weighted_sum_is_score_times_weight_added_up(problem) -> None:
    matrix, weights, reference = problem
    totals = WSM.totals(matrix, weights, reference, None)
    np.testing.assert_allclose(
        totals, [sum(w * s for w, s in zip(weights, row, strict=True)) for row in matrix]
    )
    contributions = WSM.contributions(matrix, weights, totals)
    np.testing.assert_allclose(contributions, matrix * weights)
    np.testing.assert_allclose(contributions.sum(axis=-1), totals)
    # The reference set plays no part in a weighted sum.
    np.testing.assert_allclose(WSM.totals(matrix, weights, ~reference | reference, None), totals)


def test_weighted_sum_broadcasts_over_many_weight_vectors() -> None:
    rng = np.random.default_rng(1)
    scores = rng.uniform(0, 100, (4, 7, 3))
    weights = rng.dirichlet(np.ones(3), size=4)
    expected = np.stack([scores[i] @ weights[i] for i in range(4)])
    np.testing.assert_allclose(weighted_sum(scores, weights), expected)


def test_raising_one_score_never_lowers_a_weighted_total() -> None:
    rng = np.random.default_rng(2)
    for _ in range(50):
        scores = rng.uniform(0, 90, (5, 4))
        weights = rng.dirichlet(np.ones(4))
        better = scores.copy()
        better[2, rng.integers(4)] += 10
        assert weighted_sum(better, weights)[2] >= weighted_sum(scores, weights)[2]


# --- TOPSIS and its reference set ----------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(problems(), st.sampled_from(["vector", "minmax"]))
def test_removing_a_solution_outside_the_reference_never_moves_the_others(
    problem, normalization
) -> None:
    """SPEC, Method: the ideal points come from the qualifying solutions only."""
    matrix, weights, reference = problem
    outside = np.flatnonzero(~reference)
    if not len(outside):
        return
    keep = np.delete(np.arange(len(matrix)), outside[0])
    full = TOPSIS.totals(matrix, weights, reference, normalization)
    fewer = TOPSIS.totals(matrix[keep], weights, reference[keep], normalization)
    np.testing.assert_allclose(full[keep], fewer, atol=1e-9)


@settings(max_examples=100, deadline=None)
@given(problems(), st.sampled_from(["vector", "minmax"]))
def test_reference_solutions_score_as_if_alone(problem, normalization) -> None:
    matrix, weights, reference = problem
    full = closeness(matrix, weights, reference, normalization)
    alone = closeness(matrix[reference], weights, np.ones(reference.sum(), bool), normalization)
    np.testing.assert_allclose(full[reference], alone, atol=1e-9)


@settings(max_examples=100, deadline=None)
@given(problems(), st.sampled_from(["vector", "minmax"]))
def test_topsis_totals_lie_in_0_100_and_contributions_add_up(problem, normalization) -> None:
    matrix, weights, reference = problem
    totals = TOPSIS.totals(matrix, weights, reference, normalization)
    assert ((totals >= -1e-9) & (totals <= 100 + 1e-9))[reference].all()
    contributions = TOPSIS.contributions(matrix, weights, totals)
    np.testing.assert_allclose(contributions.sum(axis=-1), totals, atol=1e-9)


def test_a_solution_outside_the_reference_is_measured_against_the_same_points() -> None:
    """Worked by hand with min-max normalisation over the two reference rows: columns become
    [0, 1, 4] and [1, 0, 5]; halved, the ideal is (0.5, 0.5) and the anti-ideal (0, 0). Both
    reference rows are 0.5 from each point (closeness 0.5); the outsider (2, 2.5) is 2.5 from
    the ideal and sqrt(10.25) from the anti-ideal."""
    matrix = np.array([[50.0, 50.0], [60.0, 40.0], [90.0, 90.0]])
    weights = np.array([0.5, 0.5])
    reference = np.array([True, True, False])
    totals = TOPSIS.totals(matrix, weights, reference, "minmax")
    outsider = np.sqrt(10.25) / (2.5 + np.sqrt(10.25))
    np.testing.assert_allclose(totals, [50.0, 50.0, 100 * outsider])


def test_all_alike_reference_solutions_are_a_tie_at_one_half() -> None:
    matrix = np.full((3, 2), 7.0)
    for normalization in ("vector", "minmax"):
        np.testing.assert_allclose(
            closeness(matrix, np.array([0.5, 0.5]), np.ones(3, bool), normalization), 0.5
        )


def test_a_column_without_spread_among_the_reference_is_ignored() -> None:
    matrix = np.array([[1.0, 5.0], [3.0, 5.0], [2.0, 5.0]])
    reference = np.ones(3, bool)
    assert normalize(matrix, reference, "minmax")[:, 1].tolist() == [0.0, 0.0, 0.0]
    np.testing.assert_allclose(
        closeness(matrix, np.array([0.5, 0.5]), reference, "minmax"),
        closeness(matrix[:, :1], np.array([1.0]), reference, "minmax"),
    )


def test_topsis_broadcasts_over_many_weight_vectors() -> None:
    rng = np.random.default_rng(3)
    scores = rng.uniform(0, 100, (6, 5, 3))
    weights = rng.dirichlet(np.ones(3), size=6)
    reference = np.array([True, False, True, True, False])
    batched = TOPSIS.totals(scores, weights, reference, "vector")
    for i in range(6):
        np.testing.assert_allclose(
            batched[i], TOPSIS.totals(scores[i], weights[i], reference, "vector")
        )


def test_apportioned_contributions_share_a_total_by_weight_times_score() -> None:
    scores = np.array([[80.0, 20.0], [0.0, 0.0]])
    weights = np.array([0.25, 0.75])
    totals = np.array([50.0, 10.0])
    shares = apportioned(scores, weights, totals)
    np.testing.assert_allclose(shares[0], [50 * 20 / 35, 50 * 15 / 35])
    np.testing.assert_allclose(shares[1], [5.0, 5.0])  # nothing to share by: equal parts


def test_the_reference_is_the_qualifying_set_or_everything() -> None:
    """The qualifying solutions when two or more qualify; everything when fewer do (a single
    point cannot be both TOPSIS's ideal and its anti-ideal)."""
    assert reference_set(np.array([True, False, True])).tolist() == [True, False, True]
    assert reference_set(np.array([False, False])).tolist() == [True, True]
    assert reference_set(np.array([False, True, False])).tolist() == [True, True, True]
    both = reference_set(np.array([[False, True, True], [False, False, False]]))
    assert both.tolist() == [[False, True, True], [True, True, True]]


# --- TOPSIS over the qualifying set, in the engine -------------------------------------------------


@pytest.mark.parametrize("normalization", ["vector", "minmax"])
def test_engine_topsis_ignores_solutions_that_do_not_qualify(kb, answers, normalization) -> None:
    """Removing a failing solution never changes the totals of the others; the qualifying ones
    score as TOPSIS over the qualifying set alone."""
    rec = recommend(
        kb, answers(output_modalities=["text", "image"], budget="minimal"), "topsis", normalization
    )
    group = rec.group
    scores, weights, meets = group.scores[0], group.weights[0], group.meets[0]
    assert meets.any() and (~meets).any()
    totals = TOPSIS.totals(scores, weights, meets, normalization)
    np.testing.assert_allclose(group.totals[0], totals)
    for dropped in np.flatnonzero(~meets)[:5]:
        keep = np.delete(np.arange(len(meets)), dropped)
        fewer = TOPSIS.totals(scores[keep], weights, meets[keep], normalization)
        np.testing.assert_allclose(group.totals[0][keep], fewer, atol=1e-9)
    alone = 100 * closeness(scores[meets], weights, np.ones(meets.sum(), bool), normalization)
    np.testing.assert_allclose(group.totals[0][meets], alone, atol=1e-9)


def test_engine_topsis_uses_every_solution_when_none_qualifies(kb, answers) -> None:
    rec = recommend(kb, answers(output_modalities=["text"], input_modalities=["3d"]), "topsis")
    assert rec.outcome == "no_fit"
    group = rec.group
    everything = np.ones(group.scores.shape[1], bool)
    np.testing.assert_allclose(
        group.totals[0], TOPSIS.totals(group.scores[0], group.weights[0], everything, "vector")
    )


def test_engine_wsm_totals_are_the_weighted_sum(kb, answers) -> None:
    rec = recommend(kb, answers(output_modalities=["text", "audio"], tasks=["speak_text"]))
    for option, ranked in by_option(rec).items():
        expected = sum(rec.weights[c] * ranked.criteria[c] for c in kb.criterion_ids)
        assert ranked.score == pytest.approx(expected), option
