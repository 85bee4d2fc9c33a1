"""Trust glue and head-to-head: the figures the page and the CSV report show."""

from __future__ import annotations

import io
from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from scoring import default_knowledge_base, parse_answers, recommend
from scoring.head_to_head import head_to_head
from scoring.knowledge_base import CRITERIA
from scoring.report import report_columns, report_csv, report_frame
from scoring.stability import reweight
from scoring.trust import analyse_trust, decision_arrays, trust_report_columns

KB = default_knowledge_base()


def clinic():
    return recommend(
        KB,
        parse_answers(
            KB,
            {
                "output_modalities": ["text"],
                "data_sensitivity": "regulated",
                "accuracy_need": "critical",
            },
        ),
    )


def test_decision_arrays_follow_catalogue_order() -> None:
    recommendation = clinic()
    scores, weights, meets = decision_arrays(KB, recommendation)
    assert scores.shape == (len(KB.options), len(CRITERIA))
    position = KB.option_ids.index(recommendation.top.option)
    assert scores[position] @ weights == pytest.approx(recommendation.top.score)
    assert meets[position]


def test_trust_report_columns_have_one_value_per_ranked_option() -> None:
    recommendation = clinic()
    trust = analyse_trust(KB, recommendation, samples=2_000)
    columns = trust_report_columns(KB, recommendation, trust)
    assert all(len(values) == len(recommendation.ranking) for values in columns.values())
    assert sum(columns["first_rank_acceptability"]) == pytest.approx(1, abs=1e-3)
    assert columns["first_rank_acceptability"][0] == max(columns["first_rank_acceptability"])
    assert set(columns["robustness_label"]) == {trust.label}
    for criterion in CRITERIA:
        low = columns[f"stability_{criterion}_low"][0]
        high = columns[f"stability_{criterion}_high"][0]
        assert low <= recommendation.weights[criterion] + 1e-9 <= high + 2e-9


def test_stability_sentence_matches_the_interval() -> None:
    recommendation = clinic()
    trust = analyse_trust(KB, recommendation, samples=1_000)
    assert len(trust.sentences) == len(CRITERIA)
    _, weights, _ = decision_arrays(KB, recommendation)
    privacy = CRITERIA.index("data_privacy")
    interval = trust.intervals[privacy]
    assert interval.taker_below is not None, "a clinic's choice must hinge on privacy"
    # Just below the interval the named taker is the new top under the weighted sum.
    moved = reweight(weights, privacy, interval.low - 1e-4)
    changed = recommend(KB, recommendation.answers, weights=dict(zip(CRITERIA, moved, strict=True)))
    assert changed.top.option == KB.option_ids[interval.taker_below]
    assert KB.option(changed.top.option).label in trust.sentences[privacy]


def test_report_with_trust_columns_round_trips() -> None:
    recommendation = clinic()
    trust = analyse_trust(KB, recommendation, samples=1_000)
    extra = trust_report_columns(KB, recommendation, trust)
    frame = report_frame(recommendation, datetime(2026, 11, 23, 9, 30), extra)
    back = pd.read_csv(io.BytesIO(report_csv(frame)), keep_default_na=False)
    assert list(back.columns[: len(report_columns(list(extra)))]) == report_columns(list(extra))
    assert back.loc[0, "robustness_label"] == trust.label
    assert back["first_rank_acceptability"].dtype == np.float64


def test_head_to_head_points_add_up_to_the_weighted_sum_lead() -> None:
    recommendation = clinic()
    duel = head_to_head(KB, recommendation, "llm_self_hosted", "image_generation")
    scores = {r.option: r.score for r in recommendation.ranking}
    assert duel.lead == pytest.approx(scores["llm_self_hosted"] - scores["image_generation"])
    privacy = next(d for d in duel.duels if d.criterion == "data_privacy")
    assert privacy.winner == "llm_self_hosted"
    assert privacy.points > 0
    cost = next(d for d in duel.duels if d.criterion == "cost")
    assert "To adopt:" in cost.reason_a and "Per use:" in cost.reason_a


def test_head_to_head_reversed_is_the_negative() -> None:
    recommendation = clinic()
    forward = head_to_head(KB, recommendation, "llm_api", "llm_self_hosted")
    backward = head_to_head(KB, recommendation, "llm_self_hosted", "llm_api")
    assert forward.lead == pytest.approx(-backward.lead)


def test_head_to_head_rejects_unknown_option() -> None:
    with pytest.raises(ValueError, match="unknown option 'quantum'"):
        head_to_head(KB, clinic(), "quantum", "llm_api")


def test_under_topsis_the_analyses_use_topsis() -> None:
    answers = parse_answers(KB, {"output_modalities": ["text"], "data_sensitivity": "internal"})
    recommendation = recommend(KB, answers, "topsis", "minmax")
    trust = analyse_trust(KB, recommendation, samples=1_000)
    assert trust.method == "topsis" and not trust.exact
    top = KB.option_ids.index(recommendation.top.option)
    assert trust.robustness.top_option_index == top
    assert all(iv.top == top for iv in trust.intervals)
    columns = trust_report_columns(KB, recommendation, trust)
    assert set(columns["stability_exact"]) == {False}
    for interval in trust.intervals:
        below = columns[f"stability_{CRITERIA[interval.criterion]}_taker_below"][0]
        above = columns[f"stability_{CRITERIA[interval.criterion]}_taker_above"][0]
        assert below == (
            "" if interval.taker_below is None else KB.option_ids[interval.taker_below]
        )
        assert above == (
            "" if interval.taker_above is None else KB.option_ids[interval.taker_above]
        )


def test_head_to_head_under_topsis_adds_up_to_the_topsis_lead() -> None:
    answers = parse_answers(KB, {"output_modalities": ["text"], "data_sensitivity": "internal"})
    recommendation = recommend(KB, answers, "topsis")
    first, second = recommendation.ranking[0], recommendation.ranking[1]
    duel = head_to_head(KB, recommendation, first.option, second.option)
    assert duel.method == "topsis"
    assert duel.lead == pytest.approx(first.score - second.score)
    assert duel.lead >= 0


def test_head_to_head_carries_the_requirement_status() -> None:
    recommendation = clinic()
    failing = next(r for r in recommendation.ranking if not r.meets_requirements)
    duel = head_to_head(KB, recommendation, recommendation.top.option, failing.option)
    assert duel.unmet_a == () and duel.unmet_b == failing.unmet and failing.unmet
