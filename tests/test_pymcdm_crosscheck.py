"""Cross-check of scoring.methods against pymcdm 1.4 on random decision matrices.

Conventions compared (read from pymcdm's source, methods/topsis.py, methods/wsm.py,
normalizations.py):

* TOPSIS. The engine's :func:`scoring.methods.topsis.closeness` takes a reference set (the
  solutions that meet the requirements); with every row in it, it is the textbook method and
  agrees with pymcdm's TOPSIS with all criteria benefits (the engine scores cost as cheapness,
  so every criterion is a benefit). With a smaller reference set, the reference rows' closeness
  is pymcdm's on those rows alone.
* Min-max normalisation: a constant column becomes 1 in pymcdm and 0 here; either way it adds
  nothing to any distance, so closeness agrees.
* Degenerate cases differ: when every row is identical (or a vector-normalised column is all
  zero) pymcdm divides 0 by 0 and returns NaN, while the engine returns closeness 0.5 (and a zero
  column). The random matrices below avoid those cases; the engine's own behaviour is tested too.
* Weighted sum. pymcdm's ``WSM()`` normalises each column by its sum by default; the engine's
  weighted sum aggregates the raw scores (they already share one 0-100 scale). The raw sums agree
  with pymcdm's WSM given an identity normalisation, and pymcdm's default equals our weighted sum
  of the sum-normalised matrix; the two conventions can rank differently (shown below).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from pymcdm import normalizations as pn
from pymcdm.methods import TOPSIS, WSM
from support import sample_answers

from scoring.encoding import encode_answers
from scoring.engine import score_arrays
from scoring.methods.topsis import closeness
from scoring.methods.weighted_sum import weighted_sum

NORMALIZATIONS = {"vector": pn.vector_normalization, "minmax": pn.minmax_normalization}


def _identity(x: np.ndarray, cost: bool = False) -> np.ndarray:
    return np.asarray(x, dtype=float)


def everyone(rows: int) -> np.ndarray:
    return np.ones(rows, dtype=bool)


def pymcdm_topsis(matrix: np.ndarray, weights: np.ndarray, normalization: str) -> np.ndarray:
    method = TOPSIS(NORMALIZATIONS[normalization])
    return method(matrix, weights, np.ones(matrix.shape[1]), validation=False)


@st.composite
def problems(draw: st.DrawFn, low: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Integer matrices on the engine's 0-100 scale (ties and constant columns included), weights
    and a reference set of at least two rows."""
    rows = draw(st.integers(2, 9))
    criteria = draw(st.integers(1, 6))
    matrix = draw(arrays(float, (rows, criteria), elements=st.integers(low, 100)))
    raw = draw(arrays(float, criteria, elements=st.integers(1, 20)))
    reference = draw(arrays(bool, rows))
    reference[:2] = True
    return matrix, raw / raw.sum(), reference


def _random_problem(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    rows, criteria = rng.integers(2, 12), rng.integers(2, 8)
    return rng.uniform(0.01, 1000.0, size=(rows, criteria)), rng.dirichlet(np.ones(criteria))


@settings(max_examples=150, deadline=None)
@given(problems(), st.sampled_from(sorted(NORMALIZATIONS)))
def test_closeness_over_every_row_matches_pymcdm(problem, normalization) -> None:
    matrix, weights, _ = problem
    assume(not (matrix == matrix[0]).all())  # pymcdm returns NaN when all rows are identical
    ours = closeness(matrix, weights, everyone(len(matrix)), normalization)
    np.testing.assert_allclose(ours, pymcdm_topsis(matrix, weights, normalization), atol=1e-9)


@settings(max_examples=150, deadline=None)
@given(problems(low=0), st.sampled_from(sorted(NORMALIZATIONS)))
def test_closeness_of_reference_rows_is_pymcdm_on_those_rows(problem, normalization) -> None:
    matrix, weights, reference = problem
    chosen = matrix[reference]
    assume(not (chosen == chosen[0]).all())
    if normalization == "vector":
        assume((np.abs(chosen).sum(axis=0) > 0).all())  # pymcdm: 0/0 on an all-zero column
    ours = closeness(matrix, weights, reference, normalization)[reference]
    np.testing.assert_allclose(ours, pymcdm_topsis(chosen, weights, normalization), atol=1e-9)


@pytest.mark.parametrize("seed", range(20))
def test_closeness_matches_pymcdm_on_continuous_matrices(seed: int) -> None:
    matrix, weights = _random_problem(np.random.default_rng(seed))
    for normalization in NORMALIZATIONS:
        np.testing.assert_allclose(
            closeness(matrix, weights, everyone(len(matrix)), normalization),
            pymcdm_topsis(matrix, weights, normalization),
            atol=1e-10,
        )


@settings(max_examples=150, deadline=None)
@given(problems(low=0))
def test_weighted_sum_matches_pymcdm_wsm_without_normalisation(problem) -> None:
    matrix, weights, _ = problem
    theirs = WSM(_identity)(matrix, weights, np.ones(matrix.shape[1]), validation=False)
    np.testing.assert_allclose(weighted_sum(matrix, weights), theirs, atol=1e-9)


@pytest.mark.parametrize("seed", range(10))
def test_pymcdm_default_wsm_is_our_sum_of_the_sum_normalised_matrix(seed: int) -> None:
    matrix, weights = _random_problem(np.random.default_rng(seed))
    theirs = WSM()(matrix, weights, np.ones(matrix.shape[1]), validation=False)
    np.testing.assert_allclose(weighted_sum(matrix / matrix.sum(axis=0), weights), theirs)


def test_wsm_conventions_can_rank_differently() -> None:
    """Raw sums (ours) and pymcdm's default sum normalisation disagree on this matrix."""
    matrix = np.array([[90.0, 10.0], [50.0, 40.0], [60.0, 20.0]])
    weights = np.array([0.5, 0.5])
    ours = weighted_sum(matrix, weights)
    theirs = WSM()(matrix, weights, np.ones(2), validation=False)
    assert int(np.argmax(ours)) == 0
    assert int(np.argmax(theirs)) == 1


def test_degenerate_problems_engine_versus_pymcdm() -> None:
    identical = np.full((3, 2), 7.0)
    weights = np.array([0.5, 0.5])
    with np.errstate(invalid="ignore", divide="ignore"):
        theirs = pymcdm_topsis(identical, weights, "vector")
    assert np.isnan(theirs).all()
    for normalization in NORMALIZATIONS:
        assert closeness(identical, weights, everyone(3), normalization).tolist() == [0.5] * 3
    # An all-zero column carries no information for vector TOPSIS: same result as without it.
    with_zero = np.array([[1.0, 0.0], [3.0, 0.0], [2.0, 0.0]])
    np.testing.assert_allclose(
        closeness(with_zero, weights, everyone(3), "vector"),
        closeness(with_zero[:, :1], np.array([1.0]), everyone(3), "vector"),
    )


@pytest.mark.parametrize("normalization", sorted(NORMALIZATIONS))
def test_engine_totals_on_knowledge_base_matrices_match_pymcdm(kb, normalization) -> None:
    """The engine's own path (scores of every listed solution for real answer sets): TOPSIS on
    the qualifying solutions is pymcdm's on those rows; the weighted sum is pymcdm's raw WSM."""
    sample = sample_answers(kb, 40, seed=17)
    arrays_ = encode_answers(kb, sample)
    checked = 0
    topsis_groups = score_arrays(kb, arrays_, "topsis", normalization)
    wsm_groups = {tuple(g.rows): g for g in score_arrays(kb, arrays_, "wsm")}
    for group in topsis_groups:
        wsm = wsm_groups[tuple(group.rows)]
        for i in range(len(group.rows)):
            scores, weights = group.scores[i], group.weights[i]
            meets = group.meets[i] if group.meets[i].any() else everyone(len(scores))
            chosen = scores[meets]
            if len(chosen) >= 2 and not (chosen == chosen[0]).all():
                theirs = pymcdm_topsis(chosen, weights, normalization)
                np.testing.assert_allclose(group.totals[i][meets], 100 * theirs, atol=1e-8)
                checked += 1
            ones = np.ones(scores.shape[1])
            theirs_wsm = WSM(_identity)(wsm.scores[i], wsm.weights[i], ones, validation=False)
            np.testing.assert_allclose(wsm.totals[i], theirs_wsm, atol=1e-8)
    assert checked >= len(sample) // 2
