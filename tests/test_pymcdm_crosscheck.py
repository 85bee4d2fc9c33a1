"""Cross-check of scoring.aggregation against pymcdm 1.4 on random decision matrices.

Conventions compared (read from pymcdm's source, methods/topsis.py, methods/wsm.py,
normalizations.py):

* TOPSIS, vector normalisation. pymcdm turns a cost column into ``1 - x / ||x||`` and then takes the
  column maximum as the ideal; our engine keeps ``x / ||x||`` and takes the column *minimum* as the
  ideal of a cost column. The two are reflections of each other, which preserves every distance, so
  the closeness coefficients are identical.
* TOPSIS, min-max normalisation. Same formula. A constant column becomes 1 in pymcdm and 0 here;
  either way it adds nothing to any distance, so closeness agrees.
* Degenerate cases differ: when every option is identical (or a vector-normalised column is all
  zero) pymcdm divides 0 by 0 and returns NaN, while the engine returns closeness 0.5 (and a zero
  column). The random matrices below avoid those cases; the engine's own behaviour is tested here
  too.
* Weighted sum. pymcdm's ``WSM()`` normalises each column by its sum by default; our
  ``weighted_sum`` aggregates the raw matrix (the engine's criterion scores already share one
  0-100 scale). The raw sums agree with pymcdm's WSM given an identity normalisation, and pymcdm's
  default equals our weighted sum of the sum-normalised matrix; the two conventions can rank
  differently (shown below).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from pymcdm import normalizations as pn
from pymcdm.methods import TOPSIS, WSM

from scoring.aggregation import topsis, weighted_sum
from scoring.answers import parse_answers
from scoring.engine import score_batch


def _identity(x: np.ndarray, cost: bool = False) -> np.ndarray:
    return np.asarray(x, dtype=float)


def _types(benefit: np.ndarray) -> np.ndarray:
    return np.where(benefit, 1, -1)


@st.composite
def problems(draw: st.DrawFn, low: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Integer matrices on the engine's 0-100 scale (ties and constant columns included)."""
    options = draw(st.integers(2, 9))
    criteria = draw(st.integers(1, 6))
    matrix = draw(arrays(float, (options, criteria), elements=st.integers(low, 100)))
    raw = draw(arrays(float, criteria, elements=st.integers(1, 20)))
    benefit = draw(arrays(bool, criteria))
    return matrix, raw / raw.sum(), benefit


def _random_problem(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    options, criteria = rng.integers(2, 12), rng.integers(2, 8)
    matrix = rng.uniform(0.01, 1000.0, size=(options, criteria))
    weights = rng.dirichlet(np.ones(criteria))
    benefit = rng.random(criteria) < 0.6
    return matrix, weights, benefit


@settings(max_examples=150, deadline=None)
@given(problems())
def test_topsis_vector_matches_pymcdm(problem) -> None:
    matrix, weights, benefit = problem
    assume(not (matrix == matrix[0]).all())  # pymcdm returns NaN when all options are identical
    ours = topsis(matrix, weights, "vector", benefit)
    theirs = TOPSIS(pn.vector_normalization)(matrix, weights, _types(benefit), validation=False)
    np.testing.assert_allclose(ours, theirs, atol=1e-9)


@settings(max_examples=150, deadline=None)
@given(problems(low=0))
def test_topsis_minmax_matches_pymcdm(problem) -> None:
    matrix, weights, benefit = problem
    assume(not (matrix == matrix[0]).all())
    ours = topsis(matrix, weights, "minmax", benefit)
    theirs = TOPSIS(pn.minmax_normalization)(matrix, weights, _types(benefit), validation=False)
    np.testing.assert_allclose(ours, theirs, atol=1e-9)


@pytest.mark.parametrize("seed", range(20))
def test_topsis_matches_pymcdm_on_continuous_matrices(seed: int) -> None:
    matrix, weights, benefit = _random_problem(np.random.default_rng(seed))
    types = _types(benefit)
    for ours, norm in (("vector", pn.vector_normalization), ("minmax", pn.minmax_normalization)):
        np.testing.assert_allclose(
            topsis(matrix, weights, ours, benefit),
            TOPSIS(norm)(matrix, weights, types, validation=False),
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
    matrix, weights, _ = _random_problem(np.random.default_rng(seed))
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
        theirs = TOPSIS(pn.vector_normalization)(identical, weights, np.ones(2), validation=False)
    assert np.isnan(theirs).all()
    assert topsis(identical, weights, "vector").tolist() == [0.5, 0.5, 0.5]
    assert topsis(identical, weights, "minmax").tolist() == [0.5, 0.5, 0.5]
    # An all-zero column carries no information for vector TOPSIS: same result as without it.
    with_zero = np.array([[1.0, 0.0], [3.0, 0.0], [2.0, 0.0]])
    np.testing.assert_allclose(
        topsis(with_zero, weights, "vector"), topsis(with_zero[:, :1], np.array([1.0]), "vector")
    )


@pytest.mark.parametrize("seed", range(5))
def test_engine_totals_on_knowledge_base_matrices_match_pymcdm(kb, seed: int) -> None:
    """The engine's own path (aggregate over the KB's score matrices) agrees with pymcdm."""
    rng = np.random.default_rng(seed)
    sets = []
    for _ in range(8):
        raw = {
            "output_modalities": list(rng.choice(kb.choice_ids("output_modalities"), 2)),
            "input_modalities": list(rng.choice(kb.choice_ids("input_modalities"), 2)),
            "tasks": list(rng.choice(kb.choice_ids("tasks"), 3)),
        }
        for field in ("accuracy_need", "data_sensitivity", "volume", "latency", "budget"):
            raw[field] = str(rng.choice(kb.choice_ids(field)))
        sets.append(parse_answers(kb, raw))
    for normalization, norm in (
        ("vector", pn.vector_normalization),
        ("minmax", pn.minmax_normalization),
    ):
        result = score_batch(kb, sets, "topsis", normalization)
        wsm = score_batch(kb, sets, "wsm")
        for row in range(len(sets)):
            scores, weights = result.scores[row], result.weights[row]
            types = np.ones(scores.shape[1])
            theirs = TOPSIS(norm)(scores, weights, types, validation=False)
            np.testing.assert_allclose(result.totals[row], 100 * theirs, atol=1e-8)
            theirs_wsm = WSM(_identity)(scores, weights, types, validation=False)
            np.testing.assert_allclose(wsm.totals[row], theirs_wsm, atol=1e-8)
