"""Trust glue and head-to-head on a real recommendation: the figures the page and the CSV report
show. Indices are positions among the listed solutions (``RankedSolution.index``)."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd
import pytest
from support import NO_FIT_FIELDS, ONLY_OPTION_FIELDS, TOSS_UP_FIELDS

from scoring.answers import parse_answers
from scoring.criteria import criterion_reason
from scoring.engine import Recommendation, recommend
from scoring.head_to_head import head_to_head
from scoring.knowledge import default_knowledge_base
from scoring.report import report_csv, report_frame
from scoring.robustness import LABEL_NO_FIT, LABEL_ONLY
from scoring.stability import reweight
from scoring.trust import analyse_trust, solution_labels, trust_report_columns

KB = default_knowledge_base()
CRITERIA = KB.criterion_ids


def rec_for(fields: dict[str, Any], method: str = "wsm", **kwargs: Any) -> Recommendation:
    return recommend(KB, parse_answers(KB, fields), method, **kwargs)


@pytest.fixture(scope="module")
def close() -> Recommendation:
    rec = rec_for(TOSS_UP_FIELDS)
    assert rec.outcome == "recommend" and len(rec.ranking) > len(rec.qualifying)
    return rec


def test_labels_are_indexed_by_solution_position(close) -> None:
    labels = solution_labels(close)
    assert len(labels) == len(close.ranking)
    for ranked in close.ranking:
        assert labels[ranked.index] == ranked.label


def test_the_analysis_is_about_the_recommended_solution(close) -> None:
    trust = analyse_trust(close, samples=2_000)
    assert trust.robustness.top_index == close.top.index
    assert all(iv.top == close.top.index for iv in trust.intervals)
    assert len(trust.intervals) == len(trust.sentences) == len(CRITERIA)
    assert trust.robustness.acceptability.shape == (len(close.ranking),) * 2
    assert trust.robustness.first_rank.sum() == pytest.approx(1)
    failing = [r.index for r in close.ranking if not r.meets_requirements]
    assert trust.robustness.first_rank[failing].sum() == 0.0


def test_same_seed_same_result_and_another_seed_differs(close) -> None:
    first = analyse_trust(close, samples=1_000, seed=7)
    again = analyse_trust(close, samples=1_000, seed=7)
    other = analyse_trust(close, samples=1_000, seed=8)
    np.testing.assert_array_equal(first.robustness.acceptability, again.robustness.acceptability)
    assert not np.array_equal(first.robustness.acceptability, other.robustness.acceptability)


def test_scores_are_sampled_as_well_as_weights(close) -> None:
    """With the weights all but fixed, the scores' bands alone still move the ranking."""
    trust = analyse_trust(close, samples=2_000, concentration=1e9)
    assert trust.robustness.top_share < 1.0


def test_outcome_labels() -> None:
    only = rec_for(ONLY_OPTION_FIELDS)
    assert only.outcome == "only_option"
    trust = analyse_trust(only, samples=500)
    assert trust.label == LABEL_ONLY and trust.robustness.top_share == 1.0
    assert all(iv.holds_everywhere for iv in trust.intervals)
    none = rec_for(NO_FIT_FIELDS)
    assert none.outcome == "no_fit"
    assert analyse_trust(none, samples=500).label == LABEL_NO_FIT


def test_trust_report_columns_have_one_value_per_ranked_solution(close) -> None:
    trust = analyse_trust(close, samples=2_000)
    columns = trust_report_columns(close, trust)
    assert all(len(values) == len(close.ranking) for values in columns.values())
    assert columns["first_rank_acceptability"] == [
        round(trust.first_rank_share(r.index), 4) for r in close.ranking
    ]
    assert set(columns["robustness_label"]) == {trust.label}
    ids = {r.index: r.option for r in close.ranking}
    for interval in trust.intervals:
        criterion = CRITERIA[interval.criterion]
        low = columns[f"stability_{criterion}_low"][0]
        high = columns[f"stability_{criterion}_high"][0]
        assert low <= close.weights[criterion] + 1e-4 and close.weights[criterion] <= high + 1e-4
        below = columns[f"stability_{criterion}_taker_below"][0]
        assert below == ("" if interval.taker_below is None else ids[interval.taker_below])


def test_stability_sentence_names_the_solution_that_takes_over(close) -> None:
    trust = analyse_trust(close, samples=500)
    weights = np.array([close.weights[c] for c in CRITERIA])
    moving = next(
        iv for iv in trust.intervals if iv.taker_below is not None or iv.taker_above is not None
    )
    if moving.taker_below is not None:
        t, taker = moving.low - 1e-4, moving.taker_below
    else:
        t, taker = moving.high + 1e-4, moving.taker_above
    moved = reweight(weights, moving.criterion, t)
    changed = recommend(KB, close.answers, weights=dict(zip(CRITERIA, moved.tolist(), strict=True)))
    assert changed.top.index == taker
    assert changed.top.label in trust.sentences[moving.criterion]


def test_report_with_trust_columns_round_trips(close) -> None:
    trust = analyse_trust(close, samples=500)
    extra = trust_report_columns(close, trust)
    frame = report_frame(close, datetime(2026, 11, 23, 9, 30), extra)
    back = pd.read_csv(io.BytesIO(report_csv(frame)), encoding="utf-8-sig", keep_default_na=False)
    assert back.loc[0, "robustness_label"] == trust.label
    assert back["first_rank_acceptability"].dtype == np.float64
    assert back["option"].tolist() == [r.option for r in close.ranking]


def test_under_topsis_the_analyses_use_topsis() -> None:
    rec = rec_for(TOSS_UP_FIELDS, "topsis", normalization="minmax")
    trust = analyse_trust(rec, samples=1_000)
    assert trust.method == "topsis" and not trust.exact
    assert trust.robustness.top_index == rec.top.index
    assert all(iv.top == rec.top.index for iv in trust.intervals)
    assert set(trust_report_columns(rec, trust)["stability_exact"]) == {False}


# --- head-to-head ---------------------------------------------------------------------------------


def test_head_to_head_points_add_up_to_the_lead(close) -> None:
    a, b = close.top, close.ranking[-1]
    duel = head_to_head(close, a.option, b.option)
    assert duel.lead == pytest.approx(a.score - b.score)
    assert [d.criterion for d in duel.duels] == list(CRITERIA)
    for d in duel.duels:
        assert d.reason_a == criterion_reason(KB, a.components, d.criterion)
        assert d.reason_b == criterion_reason(KB, b.components, d.criterion)
        assert d.winner in (a.option, b.option, None)


def test_head_to_head_reversed_is_the_negative(close) -> None:
    a, b = close.ranking[0].option, close.ranking[1].option
    assert head_to_head(close, a, b).lead == pytest.approx(-head_to_head(close, b, a).lead)


def test_head_to_head_rejects_an_unlisted_solution(close) -> None:
    with pytest.raises(ValueError, match="unknown solution 'quantum'"):
        head_to_head(close, "quantum", close.top.option)


def test_head_to_head_under_topsis_adds_up_to_the_topsis_lead() -> None:
    rec = rec_for(TOSS_UP_FIELDS, "topsis")
    first, second = rec.ranking[0], rec.ranking[1]
    duel = head_to_head(rec, first.option, second.option)
    assert duel.method == "topsis"
    assert duel.lead == pytest.approx(first.score - second.score)
    assert duel.lead >= 0


def test_head_to_head_carries_the_requirement_status(close) -> None:
    failing = next(r for r in close.ranking if not r.meets_requirements)
    duel = head_to_head(close, close.top.option, failing.option)
    assert duel.unmet_a == () and duel.unmet_b == failing.unmet_sentences
    assert failing.unmet_sentences
