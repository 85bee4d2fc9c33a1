"""Plotly figure builders (ui/recommendation/charts.py), pure: every figure has a title; the radar,
profiles and contributions show the top qualifying solutions; the cost chart has one line per
shown solution on log axes, marks "your volume", the budget and the breakeven of self-hosting; the
value-for-money chart plots the qualifying solutions."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest

from scoring.answers import parse_answers
from scoring.engine import Recommendation, recommend
from scoring.knowledge import default_knowledge_base
from scoring.methods import METHODS
from ui.recommendation.charts import (
    FAILS_COLOUR,
    LABEL_PLACES,
    LABEL_SIZE,
    LEGEND_NAME_WIDTH,
    MEETS_COLOUR,
    NEEDS_NAME,
    PLOT_SIZES,
    RADAR_SOLUTIONS,
    VOLUME_SCALES,
    WHATIF_NEEDS_NAME,
    benefit_without_cost,
    breakeven,
    contribution_figure,
    cost_lines,
    cost_volume_figure,
    label_places,
    needs_profile,
    profile_figures,
    radar_figure,
    value_figure,
)
from ui.recommendation.selection import shown_solutions

KB = default_knowledge_base()
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CRITERIA = KB.criterion_ids
AXES = [KB.criterion(c).short for c in CRITERIA]


def rec_for(**fields: object) -> Recommendation:
    fields.setdefault("output_modalities", ["text"])
    return recommend(KB, parse_answers(KB, fields))


CASES = {
    "recommend": rec_for(output_modalities=["text", "image"]),
    "only_option": rec_for(
        input_modalities=["tabular"], output_modalities=["tabular"], tasks=["classify_or_predict"]
    ),
    "no_fit": rec_for(
        output_modalities=["video"], deployment="must_be_on_premises", budget="minimal"
    ),
}
SELF_HOSTING_PAYS = rec_for(volume="very_high", in_house_ml_expertise="strong", budget="enterprise")
"""Text only, at very high volume, with a strong ML team: a self-hosted LLM becomes the cheaper
one within the chart's range of volumes."""
REC = CASES["recommend"]
FIGURES: dict[str, Callable[[object, Recommendation], go.Figure]] = {
    "radar": radar_figure,
    "profile": lambda kb, rec: profile_figures(kb, rec)[0],
    "contributions": contribution_figure,
    "cost_volume": cost_volume_figure,
    "value": value_figure,
}


@pytest.mark.parametrize("outcome", list(CASES))
@pytest.mark.parametrize("name", list(FIGURES))
def test_every_figure_has_a_title_and_data(name: str, outcome: str) -> None:
    assert CASES[outcome].outcome == outcome, "the scenario must still give this outcome"
    figure = FIGURES[name](KB, CASES[outcome])
    assert figure.layout.title.text, name
    assert figure.data, name


def test_needs_profile_scales_the_largest_weight_to_100() -> None:
    weights = dict(zip(CRITERIA, (0.4, 0.2, 0.2, 0.1, 0.1), strict=True))
    assert needs_profile(KB, weights) == pytest.approx([100, 50, 50, 25, 25])
    assert needs_profile(KB, dict.fromkeys(CRITERIA, 0.0)) == [0.0] * len(CRITERIA)


# --- radar ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("outcome", list(CASES))
def test_radar_has_needs_and_the_top_qualifying_solutions(outcome: str) -> None:
    rec = CASES[outcome]
    figure = radar_figure(KB, rec)
    traces = figure.data
    shown = shown_solutions(rec, RADAR_SOLUTIONS)
    if rec.qualifying:
        assert all(r.meets_requirements for r in shown)
    assert [t.type for t in traces] == ["scatterpolar"] * (len(shown) + 1)
    needs = traces[-1]
    assert needs.name == NEEDS_NAME
    assert list(needs.theta) == [*AXES, AXES[0]]
    # Solutions are drawn in reverse rank order, so the recommended one is on top of the others.
    for trace, ranked in zip(reversed(traces[:-1]), shown, strict=True):
        assert trace.name.replace("<br>", " ") == f"{ranked.rank}. {ranked.label}"
        assert list(trace.r) == pytest.approx(
            [*(ranked.criteria[c] for c in CRITERIA), ranked.criteria[CRITERIA[0]]]
        )
    assert list(figure.layout.polar.radialaxis.range) == [0, 100]


def test_radar_draws_the_recommended_solution_last_but_lists_it_first() -> None:
    figure = radar_figure(KB, REC)
    filled = [t for t in figure.data if t.fill == "toself"]
    assert filled[-1].name.replace("<br>", " ") == f"1. {REC.top.label}"
    legend = sorted(figure.data, key=lambda t: t.legendrank)
    assert [t.name for t in legend][:2] == [NEEDS_NAME, filled[-1].name]


def test_radar_names_what_if_weights() -> None:
    custom = recommend(KB, REC.answers, weights=dict.fromkeys(CRITERIA, 1.0))
    assert radar_figure(KB, custom).data[-1].name == WHATIF_NEEDS_NAME


# --- profiles and contributions -------------------------------------------------------------------


@pytest.mark.parametrize("outcome", list(CASES))
def test_profiles_give_each_top_solution_its_own_radar(outcome: str) -> None:
    rec = CASES[outcome]
    figures = profile_figures(KB, rec)
    shown = shown_solutions(rec, 6)
    assert len(figures) == len(shown)
    titles = [f.layout.title.text.replace(" <br>", " ") for f in figures]
    assert titles == [f"{r.rank}. {r.label}" for r in shown], "whole labels, never cut short"
    for figure, ranked in zip(figures, shown, strict=True):
        (trace,) = figure.data
        assert trace.type == "scatterpolar" and list(trace.theta) == [*AXES, AXES[0]]
        assert list(trace.r) == [
            *(ranked.criteria[c] for c in CRITERIA),
            ranked.criteria[CRITERIA[0]],
        ]
        assert figure.layout.polar.radialaxis.range == (0, 100)
        assert trace.line.color == (MEETS_COLOUR if ranked.meets_requirements else FAILS_COLOUR)


@pytest.mark.parametrize("method", list(METHODS))
def test_contributions_stack_to_each_total(method: str) -> None:
    rec = recommend(KB, REC.answers, method)
    figure = contribution_figure(KB, rec)
    assert [t.name for t in figure.data] == [c.name for c in KB.criteria]
    assert figure.layout.barmode == "stack"
    shown = shown_solutions(rec, len(figure.data[0].x))
    for i, ranked in enumerate(shown):
        assert sum(t.x[i] for t in figure.data) == pytest.approx(ranked.score)
        assert figure.data[0].y[i].replace("<br>", " ") == f"{ranked.rank}. {ranked.label}"


# --- cost against volume ----------------------------------------------------------------------------


def lines(figure: go.Figure) -> list:
    return [t for t in figure.data if t.mode == "lines"]


@pytest.mark.parametrize("rec", [*CASES.values(), SELF_HOSTING_PAYS], ids=[*CASES, "self_hosting"])
def test_cost_chart_has_one_line_per_shown_solution_with_points_on_log_axes(
    rec: Recommendation,
) -> None:
    figure = cost_volume_figure(KB, rec)
    shown, _ = cost_lines(KB, rec)
    drawn = lines(figure)
    assert len(drawn) == len(shown)
    for trace, ranked in zip(drawn, shown, strict=True):  # whole labels, wrapped for a phone
        assert trace.name.replace("<br>", " ") == f"{ranked.rank}. {ranked.label}"
        assert all(len(line) <= LEGEND_NAME_WIDTH for line in trace.name.split("<br>"))
    for trace in drawn:
        assert len(trace.y) == len(trace.x) == len(VOLUME_SCALES)
        assert all(math.isfinite(y) and y >= 1.0 for y in trace.y)
    assert figure.layout.xaxis.type == figure.layout.yaxis.type == "log"
    assert len(figure.data) == 2 * len(shown), "each line has its shaded low-high band"


def test_cost_chart_lines_pass_through_the_monthly_cost_at_your_volume() -> None:
    figure = cost_volume_figure(KB, REC)
    at_yours = int(np.argmin(np.abs(VOLUME_SCALES - 1.0)))
    assert VOLUME_SCALES[at_yours] == pytest.approx(1.0)
    for trace, ranked in zip(lines(figure), shown_solutions(REC, 4), strict=True):
        low, high = (max(v, 1.0) for v in ranked.monthly_cost)
        assert trace.y[at_yours] == pytest.approx(math.sqrt(low * high), rel=1e-6)
        assert list(trace.y) == sorted(trace.y), "cost never falls as volume grows"


def test_cost_chart_marks_your_volume_and_the_budget() -> None:
    figure = cost_volume_figure(KB, REC)
    labels = [a.text for a in figure.layout.annotations]
    assert "your volume" in labels
    marker = figure.layout.annotations[labels.index("your volume")]
    assert marker.x == 0  # log10 of 1: annotations on a log axis take the exponent
    assert any(s.x0 == 1.0 and s.x1 == 1.0 for s in figure.layout.shapes)
    assert REC.budget_ceiling is not None
    assert any(s.y0 == s.y1 == REC.budget_ceiling for s in figure.layout.shapes)
    assert "self-hosting becomes cheaper" not in labels
    assert breakeven(KB, *cost_lines(KB, REC)) is None


def test_no_budget_line_without_a_ceiling() -> None:
    assert SELF_HOSTING_PAYS.budget_ceiling is None
    shapes = cost_volume_figure(KB, SELF_HOSTING_PAYS).layout.shapes
    assert not any(s.xref == "paper" for s in shapes)


def test_cost_chart_marks_where_self_hosting_becomes_cheaper() -> None:
    shown, curves = cost_lines(KB, SELF_HOSTING_PAYS)
    crossing = breakeven(KB, shown, curves)
    assert crossing is not None, "the scenario must have a breakeven"
    scale, cheaper, dearer = crossing
    owned = next(i for i, r in enumerate(shown) if r.label == cheaper)
    hosted = next(i for i, r in enumerate(shown) if r.label == dearer)
    assert all(c.endswith(":self_hosted") for c in shown[owned].components)
    assert not all(c.endswith(":self_hosted") for c in shown[hosted].components)
    drawn = lines(cost_volume_figure(KB, SELF_HOSTING_PAYS))
    own, other = (np.array(drawn[i].y) for i in (owned, hosted))
    first = int(np.argmin(np.abs(VOLUME_SCALES - scale)))
    assert own[first] < other[first], "cheaper from the crossing"
    assert own[0] >= other[0], "dearer at a tenth of the volume"
    assert own[-1] < other[-1]
    figure = cost_volume_figure(KB, SELF_HOSTING_PAYS)
    labels = [a.text for a in figure.layout.annotations]
    assert "self-hosting becomes cheaper" in labels
    mark = figure.layout.annotations[labels.index("self-hosting becomes cheaper")]
    assert mark.x == pytest.approx(math.log10(scale))
    assert any(s.x0 == pytest.approx(scale) for s in figure.layout.shapes)


# --- value for money --------------------------------------------------------------------------------


@pytest.mark.parametrize("outcome", list(CASES))
def test_value_figure_plots_the_qualifying_solutions(outcome: str) -> None:
    rec = CASES[outcome]
    (trace,) = value_figure(KB, rec).data
    plotted = [r for r in rec.ranking if r.meets_requirements] or list(rec.ranking[:10])
    assert list(trace.text) == [f"{r.rank}. {r.label}" for r in plotted]
    assert list(trace.y) == pytest.approx([benefit_without_cost(KB, rec, r) for r in plotted])
    assert list(trace.x) == pytest.approx(
        [math.sqrt(max(r.monthly_cost[0], 1) * max(r.monthly_cost[1], 1)) for r in plotted]
    )
    assert trace.marker.size[0] > trace.marker.size[-1] or len(plotted) == 1
    assert value_figure(KB, rec).layout.xaxis.type == "log"


def test_benefit_leaves_cost_out_and_stays_on_the_0_100_scale() -> None:
    cost = next(c.id for c in KB.criteria if c.computation == "monthly_cost")
    for ranked in REC.ranking:
        benefit = benefit_without_cost(KB, REC, ranked)
        kept = [c for c in CRITERIA if c != cost]
        assert min(ranked.criteria[c] for c in kept) - 1e-9 <= benefit
        assert benefit <= max(ranked.criteria[c] for c in kept) + 1e-9
    cheap = max(REC.ranking, key=lambda r: r.criteria[cost])
    moved = dict(cheap.criteria, **{cost: 0.0})
    assert benefit_without_cost(KB, REC, cheap) == pytest.approx(
        sum(moved[c] * REC.weights[c] for c in CRITERIA if c != cost)
        / sum(REC.weights[c] for c in CRITERIA if c != cost)
    )


def test_rank_labels_of_close_solutions_take_different_places() -> None:
    places = label_places([(0.5, 0.5), (0.5, 0.5), (0.52, 0.49), (0.9, 0.1)], labelled=4)
    assert places[0] == "top center"  # the first label goes where it always went
    assert len(set(places[:3])) == 3, "three solutions in one spot: three places"
    assert places[3] == "top center", "a solution on its own keeps the usual place"
    assert label_places([(0.1, 0.1), (0.1, 0.1)], labelled=1) == ["top center"] * 2


def test_value_figure_rank_labels_do_not_overlap_on_a_phone_or_a_wide_screen() -> None:
    """Marketing campaigns: many solutions cost and score about the same (its ranks 7 to 10 sit
    within a few pixels of each other on a phone)."""
    answers = json.loads((EXAMPLES / "marketing_campaigns.json").read_text(encoding="utf-8"))
    rec = recommend(KB, parse_answers(KB, answers))
    (trace,) = value_figure(KB, rec).data
    x = np.log10(trace.x)
    points = list(
        zip((x - x.min()) / np.ptp(x), (trace.y - np.min(trace.y)) / np.ptp(trace.y), strict=True)
    )
    labelled = [i for i, text in enumerate(trace.texttemplate) if text]
    assert len(labelled) == 10
    for plot_width, plot_height in PLOT_SIZES:
        centres = [
            (
                points[i][0] * plot_width + LABEL_PLACES[trace.textposition[i]][0],
                points[i][1] * plot_height + LABEL_PLACES[trace.textposition[i]][1],
            )
            for i in labelled
        ]
        width, height = LABEL_SIZE
        for a, (ax, ay) in enumerate(centres):
            for bx, by in centres[a + 1 :]:
                assert abs(ax - bx) >= width or abs(ay - by) >= height, (
                    plot_width,
                    trace.textposition,
                )
