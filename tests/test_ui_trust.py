"""Trust sentences (ui/trust/text.py) and figures (ui/trust/charts.py), pure.

Figures must carry data in every trace and a title: an empty trace, or a chart without the
numbers the page talks about, fails here before it can fail in a browser. Expected values come
from the engine, so the tests follow the knowledge base.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import plotly.graph_objects as go
import pytest
from support import NO_FIT_FIELDS, ONLY_OPTION_FIELDS, TOSS_UP_FIELDS

from scoring.answers import parse_answers
from scoring.engine import Recommendation, recommend
from scoring.head_to_head import head_to_head
from scoring.knowledge import default_knowledge_base
from scoring.robustness import LEANING_SHARE, ROBUST_SHARE, robustness_label
from scoring.trust import TrustAnalysis, analyse_trust, solution_labels
from ui.trust.charts import (
    AXIS_NAME_WIDTH,
    HOLDS_NAME,
    LABEL_WIDTH,
    TAKEN_NAME,
    WEIGHT_NAME,
    acceptability_figure,
    head_to_head_figure,
    short,
    stability_figure,
)
from ui.trust.text import (
    ACCEPTABILITY_SOLUTIONS,
    CERTAINTY_LEVELS,
    DEFAULT_CERTAINTY,
    LOWER_RANKS,
    POINTS_COLUMN,
    acceptability_frame,
    acceptability_shares,
    duel_frame,
    duel_sentence,
    method_note,
    ordinal,
    robustness_verdict,
    sampling_sentence,
    scores_sentence,
    share_text,
    thresholds_sentence,
    typical_spread,
)

KB = default_knowledge_base()
CRITERIA = KB.criterion_ids


def rec_for(fields: dict[str, Any], method: str = "wsm") -> Recommendation:
    return recommend(KB, parse_answers(KB, fields), method)


def trust_for(rec: Recommendation) -> TrustAnalysis:
    return analyse_trust(rec, samples=2_000)


@pytest.fixture(scope="module")
def close() -> tuple[Recommendation, TrustAnalysis]:
    rec = rec_for(TOSS_UP_FIELDS)
    assert rec.outcome == "recommend"
    return rec, trust_for(rec)


def with_first_rank(rec: Recommendation, trust: TrustAnalysis, shares: dict[int, float]):
    """The same analysis with chosen first-rank shares by solution index (the label follows)."""
    first = np.zeros(len(trust.robustness.first_rank))
    for index, share in shares.items():
        first[index] = share
    top = float(first[trust.robustness.top_index])
    robustness = dataclasses.replace(
        trust.robustness,
        first_rank=first,
        top_share=top,
        label=robustness_label(top, len(rec.qualifying)),
    )
    return dataclasses.replace(trust, robustness=robustness)


def assert_every_trace_has_data(figure: go.Figure) -> None:
    assert figure.data, "figure without traces"
    for trace in figure.data:
        values = [v for v in (trace.x or ()) if v is not None]
        assert values, f"trace {trace.name!r} has no data"
        assert trace.y is not None and len(trace.y) == len(values), trace.name


def assert_titled(figure: go.Figure) -> None:
    assert figure.layout.title.text, "figure without a title"


# --- robustness in words --------------------------------------------------------------------------


def test_share_text_never_rounds_across_a_threshold() -> None:
    assert share_text(0.8269) == "83 %"
    assert share_text(0.7996) == "79.9 %"
    assert share_text(0.8) == "80 %"
    assert share_text(0.4999) == "49.9 %"
    assert share_text(0.9999) == "over 99.5 %"
    assert share_text(1.0) == "100 %"


def test_robust_verdict_in_plain_words(close) -> None:
    rec, trust = close
    robust = with_first_rank(rec, trust, {rec.top.index: 0.9, rec.runner_up.index: 0.1})
    verdict = robustness_verdict(rec, robust)
    assert (verdict.label, verdict.title) == ("robust", "Robust")
    assert verdict.top == rec.top.option
    assert verdict.sentence.startswith(f"{rec.top.label} comes out on top in 90 % of 2,000 ")
    assert "plausible weightings and scores" in verdict.sentence
    assert "would rarely change the advice" in verdict.sentence


def test_leaning_verdict_names_the_rival(close) -> None:
    rec, trust = close
    leaning = with_first_rank(rec, trust, {rec.top.index: 0.65, rec.runner_up.index: 0.35})
    verdict = robustness_verdict(rec, leaning)
    assert verdict.title == "Leaning"
    assert "65 %" in verdict.sentence
    assert f"{rec.runner_up.label} (first in 35 %)" in verdict.sentence


def test_toss_up_verdict_says_the_choice_hinges_on_the_weights(close) -> None:
    rec, trust = close
    toss = with_first_rank(rec, trust, {rec.top.index: 0.4, rec.runner_up.index: 0.3})
    verdict = robustness_verdict(rec, toss)
    assert verdict.title == "Toss-up"
    assert "only 40 %" in verdict.sentence and "head to head" in verdict.sentence
    assert f"the closest rival is {rec.runner_up.label} (first in 30 %)" in verdict.sentence


def test_the_verdict_names_solutions_by_their_index(close) -> None:
    """The rival is found by its position among the listed solutions, never the catalogue's."""
    rec, trust = close
    last = rec.ranking[-1]
    verdict = robustness_verdict(
        rec, with_first_rank(rec, trust, {rec.top.index: 0.6, last.index: 0.4})
    )
    assert f"{solution_labels(rec)[last.index]} (first in 40 %)" in verdict.sentence
    assert solution_labels(rec)[last.index] == last.label


def test_only_option_is_never_called_robust() -> None:
    rec = rec_for(ONLY_OPTION_FIELDS)
    assert rec.outcome == "only_option"
    verdict = robustness_verdict(rec, trust_for(rec))
    assert verdict.title == "Only option"
    assert "the only solution that meets your requirements" in verdict.sentence
    for word in ("robust", "leaning", "toss-up", "Robust", "Leaning", "Toss-up"):
        assert word not in verdict.title + verdict.sentence


def test_no_fit_never_says_adopt() -> None:
    rec = rec_for(NO_FIT_FIELDS)
    assert rec.outcome == "no_fit"
    verdict = robustness_verdict(rec, trust_for(rec))
    assert verdict.title == "No fit"
    assert "Adopt" not in verdict.sentence and "adopt" not in verdict.sentence
    assert "nothing qualifying to be sure about" in verdict.sentence
    assert f"The nearest is {rec.top.label}" in verdict.sentence


def test_thresholds_and_sampling_are_documented(close) -> None:
    text = thresholds_sentence()
    assert "at least 80 %" in text and "50 %" in text and "Toss-up" in text
    _, trust = close
    sampling = sampling_sentence(trust, DEFAULT_CERTAINTY)
    assert "2,000 sets of weights" in sampling and "concentration 50" in sampling
    assert "about 6 percentage points" in sampling
    assert scores_sentence() in sampling
    assert "then by weighted sum score" in sampling


def test_score_sampling_is_one_sentence_on_sourced_and_judged_bands() -> None:
    sentence = scores_sentence()
    assert sentence.count(". ") == 0 and sentence.endswith(".")
    assert "narrow" in sentence and "sourced" in sentence
    assert "wide" in sentence and "judgement" in sentence


def test_certainty_levels_loosen_and_tighten() -> None:
    concentrations = list(CERTAINTY_LEVELS.values())
    assert concentrations == sorted(concentrations)
    spreads = [typical_spread(c) for c in concentrations]
    assert spreads == sorted(spreads, reverse=True)
    assert CERTAINTY_LEVELS[DEFAULT_CERTAINTY] == 50


def test_method_note_only_under_a_method_that_is_not_a_sum() -> None:
    assert method_note(rec_for(TOSS_UP_FIELDS)) is None
    note = method_note(rec_for(TOSS_UP_FIELDS, "topsis"))
    assert note is not None
    assert "use TOPSIS with vector normalisation" in note and "numerically" in note


# --- rank acceptability ---------------------------------------------------------------------------


def test_acceptability_shows_the_top_qualifying_solutions_only(close) -> None:
    rec, trust = close
    assert len(rec.ranking) > ACCEPTABILITY_SOLUTIONS, "the business must list many solutions"
    figure = acceptability_figure(rec, trust)
    assert_every_trace_has_data(figure)
    assert_titled(figure)
    assert figure.layout.barmode == "stack"
    shown = rec.qualifying[:ACCEPTABILITY_SOLUTIONS]
    labels = [f"{r.rank}. {r.label}" for r in shown]
    assert [y.replace("<br>", " ") for y in figure.data[0].y] == labels, "whole labels"
    assert all(len(line) <= LABEL_WIDTH for y in figure.data[0].y for line in y.split("<br>"))
    assert [t.name for t in figure.data][:3] == ["1st", "2nd", "3rd"]
    totals = np.sum([list(t.x) for t in figure.data], axis=0)
    assert totals == pytest.approx([100] * len(labels))
    first = dict(zip(labels, figure.data[0].x, strict=True))
    assert first[f"1. {rec.top.label}"] == pytest.approx(100 * trust.robustness.top_share)


def test_acceptability_reads_rows_by_solution_index(close) -> None:
    rec, trust = close
    labels, columns = acceptability_shares(rec, trust)
    for row, ranked in enumerate(rec.qualifying[: len(labels)]):
        shares = trust.robustness.acceptability[ranked.index]
        assert columns["1st"][row] == pytest.approx(100 * shares[0])
        assert columns[LOWER_RANKS][row] == pytest.approx(
            100 * shares[ACCEPTABILITY_SOLUTIONS:].sum()
        )


def test_acceptability_table_is_the_chart_in_numbers(close) -> None:
    rec, trust = close
    frame = acceptability_frame(rec, trust)
    figure = acceptability_figure(rec, trust)
    assert list(frame.index) == [y.replace("<br>", " ") for y in figure.data[0].y]
    for trace in figure.data:
        assert frame[trace.name].tolist() == pytest.approx(list(trace.x), abs=0.051)
    assert frame.sum(axis=1).tolist() == pytest.approx([100] * len(frame), abs=0.5)


def test_no_qualifying_solution_gives_an_empty_table() -> None:
    rec = rec_for(NO_FIT_FIELDS)
    assert acceptability_frame(rec, trust_for(rec)).empty


# --- stability ------------------------------------------------------------------------------------


def test_stability_figure_ranges_takers_and_weights(close) -> None:
    rec, trust = close
    figure = stability_figure(rec, trust)
    assert_every_trace_has_data(figure)
    assert_titled(figure)
    holds = next(t for t in figure.data if t.name == HOLDS_NAME)
    assert len(holds.y) == len(CRITERIA)
    for base, width, interval in zip(holds.base, holds.x, trust.intervals, strict=True):
        assert base == pytest.approx(100 * interval.low)
        assert base + width == pytest.approx(100 * interval.high)
    marker = next(t for t in figure.data if t.name == WEIGHT_NAME)
    assert list(marker.x) == pytest.approx([100 * rec.weights[c] for c in CRITERIA])
    labels = solution_labels(rec)
    takers = {
        labels[i]
        for iv in trust.intervals
        for i in (iv.taker_below, iv.taker_above)
        if i is not None
    }
    assert takers, "the business must have a weight that changes the advice"
    assert {text for t in figure.data if t.name == TAKEN_NAME for text in t.text} == takers
    assert all(c.name in row for c, row in zip(KB.criteria, holds.y, strict=True))


def test_stability_bars_beyond_each_end_reach_the_edges(close) -> None:
    rec, trust = close
    figure = stability_figure(rec, trust)
    taken = [t for t in figure.data if t.name == TAKEN_NAME]
    assert [t.showlegend for t in taken].count(True) == 1, "one legend entry for both sides"
    for trace in taken:
        for base, width in zip(trace.base, trace.x, strict=True):
            assert base == 0.0 or base + width == pytest.approx(100.0)


def test_stability_figure_when_nothing_takes_over_has_no_empty_trace() -> None:
    rec = rec_for(ONLY_OPTION_FIELDS)
    trust = trust_for(rec)
    assert all(iv.holds_everywhere for iv in trust.intervals)
    figure = stability_figure(rec, trust)
    assert_every_trace_has_data(figure)
    assert TAKEN_NAME not in {t.name for t in figure.data}


# --- head-to-head ---------------------------------------------------------------------------------


def test_head_to_head_figure_and_table_add_up_to_the_lead(close) -> None:
    rec, _ = close
    first, last = rec.top, rec.ranking[-1]
    duel = head_to_head(rec, first.option, last.option)
    figure = head_to_head_figure(rec, duel)
    assert_every_trace_has_data(figure)
    assert_titled(figure)
    assert sum(x for t in figure.data for x in t.x) == pytest.approx(duel.lead)
    assert f"{first.label} gains" in {t.name.replace("<br>", " ") for t in figure.data}
    frame = duel_frame(rec, duel)
    assert list(frame.index) == [c.name for c in KB.criteria]
    assert frame[POINTS_COLUMN].sum() == pytest.approx(duel.lead, abs=0.05)
    assert frame[first.label].tolist() == pytest.approx([round(d.score_a, 1) for d in duel.duels])
    assert frame[last.label].tolist() == pytest.approx([round(d.score_b, 1) for d in duel.duels])


def test_duel_sentence_says_who_leads_where_and_what_fails(close) -> None:
    rec, _ = close
    failing = next(r for r in rec.ranking if not r.meets_requirements)
    duel = head_to_head(rec, failing.option, rec.top.option)
    sentence = duel_sentence(rec, duel)
    assert sentence.startswith(f"{rec.top.label} leads {failing.label} by {-duel.lead:.1f} points")
    assert "on the weighted sum score" in sentence
    won = sorted(
        (d for d in duel.duels if d.winner == rec.top.option), key=lambda d: -abs(d.points)
    )
    items = [f"{KB.criterion(d.criterion).name.lower()} ({abs(d.points):.1f})" for d in won]
    listing = items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
    assert f"{rec.top.label} gains on {listing}" in sentence
    assert (
        f"{failing.label} does not meet every requirement: {failing.unmet_sentences[0]}" in sentence
    )


def test_head_to_head_axis_names_the_method_total() -> None:
    for method, words in (("wsm", "weighted sum score"), ("topsis", "TOPSIS score")):
        rec = rec_for(TOSS_UP_FIELDS, method)
        duel = head_to_head(rec, rec.ranking[0].option, rec.ranking[1].option)
        title = head_to_head_figure(rec, duel).layout.xaxis.title.text
        assert title.startswith(f"Points of the {words}<br>")
        lines = title.split("<br>")[1:]  # one side a line, each short enough for a phone
        assert lines[0].startswith("\u2190") and lines[1].endswith("\u2192")
        assert all(len(line) <= AXIS_NAME_WIDTH + 2 for line in lines)
        assert "on the TOPSIS score" in duel_sentence(rec, duel) or method == "wsm"


# --- small helpers --------------------------------------------------------------------------------


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd"
    ]  # fmt: skip


def test_short_labels_keep_short_ones_whole() -> None:
    assert short("Text LLM, public API") == "Text LLM, public API"
    clipped = short("x" * 60)
    assert len(clipped) == 40 and clipped.endswith("\u2026")


def test_the_data_check_catches_empty_traces() -> None:
    with pytest.raises(AssertionError):
        assert_every_trace_has_data(go.Figure())
    with pytest.raises(AssertionError):
        assert_every_trace_has_data(go.Figure(go.Bar(x=[], y=[])))
    with pytest.raises(AssertionError):
        assert_every_trace_has_data(go.Figure([go.Bar(x=[1], y=["a"]), go.Bar(x=None, y=None)]))


def test_thresholds_are_the_engine_ones() -> None:
    assert (ROBUST_SHARE, LEANING_SHARE) == (0.80, 0.50)
