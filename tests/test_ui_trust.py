"""Trust sentences (ui/trust_text.py) and figures (ui/trust_charts.py), pure.

Figures must carry data in every trace: an empty trace, or a chart without the numbers the page
talks about, fails here before it can fail in a browser.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import plotly.graph_objects as go
import pytest
from business_cases import TOSS_UP_FIELDS

from scoring.answers import parse_answers
from scoring.engine import Recommendation, recommend
from scoring.head_to_head import head_to_head
from scoring.knowledge_base import CRITERIA, default_knowledge_base
from scoring.robustness import LEANING_SHARE, ROBUST_SHARE
from scoring.trust import TrustAnalysis, analyse_trust
from ui.trust_charts import (
    HOLDS_NAME,
    TAKEN_NAME,
    WEIGHT_NAME,
    acceptability_figure,
    head_to_head_figure,
    ordinal,
    stability_figure,
)
from ui.trust_text import (
    CERTAINTY_LEVELS,
    DEFAULT_CERTAINTY,
    POINTS_COLUMN,
    duel_frame,
    duel_sentence,
    method_note,
    robustness_verdict,
    sampling_sentence,
    share_text,
    thresholds_sentence,
    typical_spread,
)

KB = default_knowledge_base()
ROBUST = {"output_modalities": ["text"], "accuracy_need": "low", "data_sensitivity": "public",
          "budget": "minimal", "volume": "low"}  # fmt: skip
TOSS_UP = TOSS_UP_FIELDS


def rec_for(fields: dict[str, Any], method: str = "wsm") -> Recommendation:
    return recommend(KB, parse_answers(KB, fields), method)  # type: ignore[arg-type]


def trust_for(rec: Recommendation) -> TrustAnalysis:
    return analyse_trust(KB, rec, samples=4_000)


def with_first_rank(trust: TrustAnalysis, shares: dict[str, float]) -> TrustAnalysis:
    """The same analysis with chosen first-rank shares (the label follows the top's share)."""
    first = np.array([shares.get(o, 0.0) for o in KB.option_ids])
    top = trust.robustness.top_option_index
    share = float(first[top])
    label = (
        "robust" if share >= ROBUST_SHARE else "leaning" if share >= LEANING_SHARE else "toss-up"
    )
    robustness = dataclasses.replace(
        trust.robustness, first_rank=first, top_share=share, label=label
    )
    return dataclasses.replace(trust, robustness=robustness)


def assert_every_trace_has_data(figure: go.Figure) -> None:
    assert figure.data, "figure without traces"
    for trace in figure.data:
        values = [v for v in (trace.x or ()) if v is not None]
        assert values, f"trace {trace.name!r} has no data"
        assert trace.y is not None and len(trace.y) == len(values), trace.name


# --- robustness in words --------------------------------------------------------------------------


def test_share_text_never_rounds_across_a_threshold() -> None:
    assert share_text(0.8269) == "83 %"
    assert share_text(0.7996) == "79.9 %"
    assert share_text(0.8) == "80 %"
    assert share_text(0.4999) == "49.9 %"
    assert share_text(0.9999) == "over 99.5 %"
    assert share_text(1.0) == "100 %"


def test_robust_verdict_in_plain_words() -> None:
    rec = rec_for(ROBUST)
    verdict = robustness_verdict(KB, trust_for(rec))
    assert (verdict.label, verdict.title) == ("robust", "Robust")
    assert verdict.top == rec.top.option
    assert verdict.sentence.startswith(f"{rec.top.label} comes out on top in ")
    assert "would rarely change the advice" in verdict.sentence


def test_leaning_verdict_names_the_rival() -> None:
    trust = trust_for(rec_for(TOSS_UP))
    top = KB.option_ids[trust.robustness.top_option_index]
    rival = next(o for o in ("llm_api", "llm_self_hosted") if o != top)
    verdict = robustness_verdict(KB, with_first_rank(trust, {top: 0.65, rival: 0.35}))
    assert verdict.title == "Leaning"
    assert "65 %" in verdict.sentence
    assert f"{KB.option(rival).label} (first in 35 %)" in verdict.sentence


def test_toss_up_verdict_says_the_choice_hinges_on_the_weights() -> None:
    rec = rec_for(TOSS_UP)
    trust = trust_for(rec)
    assert trust.label == "toss-up", "the scenario must be a toss-up"
    verdict = robustness_verdict(KB, trust)
    assert verdict.title == "Toss-up"
    assert "only" in verdict.sentence and "head to head" in verdict.sentence
    assert "Hosted LLM API (first in" in verdict.sentence


def test_thresholds_and_sampling_are_documented() -> None:
    text = thresholds_sentence()
    assert "at least 80 %" in text and "50 %" in text and "Toss-up" in text
    trust = trust_for(rec_for(ROBUST))
    sampling = sampling_sentence(trust, DEFAULT_CERTAINTY)
    assert "4,000 sets of weights" in sampling and "concentration 50" in sampling
    assert "about 6 percentage points" in sampling


def test_certainty_levels_loosen_and_tighten() -> None:
    concentrations = list(CERTAINTY_LEVELS.values())
    assert concentrations == sorted(concentrations)
    spreads = [typical_spread(c) for c in concentrations]
    assert spreads == sorted(spreads, reverse=True)
    assert CERTAINTY_LEVELS[DEFAULT_CERTAINTY] == 50


def test_topsis_note_only_under_topsis() -> None:
    assert method_note(rec_for(ROBUST)) is None
    note = method_note(rec_for(ROBUST, "topsis"))
    assert note is not None
    assert "use TOPSIS with vector normalisation" in note and "numerically" in note


# --- charts ---------------------------------------------------------------------------------------


def test_acceptability_figure_stacks_every_rank_to_100_per_option() -> None:
    rec = rec_for(TOSS_UP)
    trust = trust_for(rec)
    figure = acceptability_figure(KB, rec, trust)
    assert_every_trace_has_data(figure)
    assert figure.layout.barmode == "stack"
    assert [t.name for t in figure.data][:3] == ["1st", "2nd", "3rd"]
    labels = list(figure.data[0].y)
    assert labels == [f"{r.rank}. {r.label}" for r in rec.ranking]
    totals = np.sum([list(t.x) for t in figure.data], axis=0)
    assert totals == pytest.approx([100] * len(labels))
    first = dict(zip(labels, figure.data[0].x, strict=True))
    assert first[f"1. {rec.top.label}"] == pytest.approx(100 * trust.robustness.top_share)


def test_stability_figure_ranges_and_takers() -> None:
    rec = rec_for(TOSS_UP)
    trust = trust_for(rec)
    figure = stability_figure(KB, trust)
    assert_every_trace_has_data(figure)
    holds = next(t for t in figure.data if t.name == HOLDS_NAME)
    assert len(holds.y) == len(CRITERIA)
    for base, width, interval in zip(holds.base, holds.x, trust.intervals, strict=True):
        assert base == pytest.approx(100 * interval.low)
        assert base + width == pytest.approx(100 * interval.high)
    marker = next(t for t in figure.data if t.name == WEIGHT_NAME)
    assert list(marker.x) == pytest.approx([100 * rec.weights[c] for c in CRITERIA])
    takers = {text for t in figure.data if t.name == TAKEN_NAME for text in t.text}
    assert "Hosted LLM API" in takers
    assert all(KB.criterion(c).name in label for c, label in zip(CRITERIA, holds.y, strict=True))


def test_stability_figure_when_nothing_takes_over_has_no_empty_trace() -> None:
    rec = rec_for(ROBUST)
    trust = trust_for(rec)
    figure = stability_figure(KB, trust)
    assert_every_trace_has_data(figure)
    below = [iv for iv in trust.intervals if iv.taker_below is not None]
    above = [iv for iv in trust.intervals if iv.taker_above is not None]
    taken = [t for t in figure.data if t.name == TAKEN_NAME]
    assert len(taken) == bool(below) + bool(above)


def test_head_to_head_figure_and_table_add_up_to_the_lead() -> None:
    rec = rec_for(TOSS_UP)
    duel = head_to_head(KB, rec, "llm_self_hosted", "image_generation")
    figure = head_to_head_figure(KB, duel)
    assert_every_trace_has_data(figure)
    shown = sum(x for t in figure.data for x in t.x)
    assert shown == pytest.approx(duel.lead)
    names = {t.name for t in figure.data}
    assert "Self-hosted open-weight LLM gains" in names
    frame = duel_frame(KB, duel)
    assert list(frame.index) == [KB.criterion(c).name for c in CRITERIA]
    assert frame[POINTS_COLUMN].sum() == pytest.approx(duel.lead, abs=0.05)
    assert frame["Self-hosted open-weight LLM"].tolist() == pytest.approx(
        [round(d.score_a, 1) for d in duel.duels]
    )


def test_duel_sentence_says_who_leads_and_where() -> None:
    rec = rec_for(TOSS_UP)
    duel = head_to_head(KB, rec, "image_generation", "llm_self_hosted")
    sentence = duel_sentence(KB, duel)
    assert sentence.startswith(
        f"Self-hosted open-weight LLM leads Image generation by {-duel.lead:.1f} points"
    )
    assert "Self-hosted open-weight LLM gains on" in sentence


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd"
    ]  # fmt: skip


def test_the_data_check_catches_empty_traces() -> None:
    with pytest.raises(AssertionError):
        assert_every_trace_has_data(go.Figure())
    with pytest.raises(AssertionError):
        assert_every_trace_has_data(go.Figure(go.Bar(x=[], y=[])))
    with pytest.raises(AssertionError):
        assert_every_trace_has_data(go.Figure([go.Bar(x=[1], y=["a"]), go.Bar(x=None, y=None)]))


def test_duel_sentence_lists_the_criteria_in_plain_english() -> None:
    rec = rec_for(TOSS_UP)
    duel = head_to_head(KB, rec, "llm_self_hosted", "image_generation")
    won = sorted(
        (d for d in duel.duels if d.winner == "llm_self_hosted"), key=lambda d: -abs(d.points)
    )
    assert len(won) >= 3, "the scenario needs a list of three or more"
    items = [f"{KB.criterion(d.criterion).name.lower()} ({abs(d.points):.1f})" for d in won]
    expected = f"{', '.join(items[:-1])} and {items[-1]}"
    sentence = duel_sentence(KB, duel)
    assert f"Self-hosted open-weight LLM gains on {expected};" in sentence


def test_head_to_head_axis_names_the_method_total() -> None:
    for method, words in (("wsm", "weighted total"), ("topsis", "TOPSIS total")):
        rec = rec_for(TOSS_UP, method)
        duel = head_to_head(KB, rec, rec.ranking[0].option, rec.ranking[1].option)
        title = head_to_head_figure(KB, duel).layout.xaxis.title.text
        assert title.startswith(f"Points of the {words}: ")
