"""Plotly figure builders (ui/charts.py), pure: traces, scales and the numbers they carry."""

from __future__ import annotations

import pytest

from scoring.answers import parse_answers
from scoring.engine import recommend
from scoring.knowledge_base import CRITERIA, default_knowledge_base
from ui.charts import (
    NEEDS_NAME,
    WHATIF_NEEDS_NAME,
    contribution_figure,
    needs_profile,
    profiles_figure,
    radar_figure,
)

KB = default_knowledge_base()
REC = recommend(KB, parse_answers(KB, {"output_modalities": ["text", "image"]}))
AXES = [KB.criterion(c).short for c in CRITERIA]


def test_needs_profile_scales_the_largest_weight_to_100() -> None:
    profile = needs_profile(
        {"modality": 0.4, "efficiency": 0.2, "accuracy": 0.2, "data_privacy": 0.1, "cost": 0.1}
    )
    assert profile == pytest.approx([100, 50, 50, 25, 25])


def test_radar_has_needs_and_the_top_three_closed_polygons() -> None:
    figure = radar_figure(KB, REC)
    traces = figure.data
    assert [t.type for t in traces] == ["scatterpolar"] * 4
    needs = traces[-1]
    assert needs.name == NEEDS_NAME
    assert list(needs.theta) == [*AXES, AXES[0]]
    # Options are drawn in reverse rank order, so the recommended one is on top of the others.
    options = list(reversed(traces[:-1]))
    for trace, ranked in zip(options, REC.ranking[:3], strict=True):
        assert ranked.label in trace.name
        assert list(trace.r) == pytest.approx(
            [*(ranked.criteria[c] for c in CRITERIA), ranked.criteria[CRITERIA[0]]]
        )
    assert list(figure.layout.polar.radialaxis.range) == [0, 100]


def test_radar_draws_the_recommended_option_last_but_lists_it_first() -> None:
    figure = radar_figure(KB, REC)
    filled = [t for t in figure.data if t.fill == "toself"]
    assert filled[-1].name.startswith(f"1. {REC.top.label}")
    legend = sorted(figure.data, key=lambda t: t.legendrank)
    assert [t.name for t in legend][:2] == [NEEDS_NAME, filled[-1].name]


def test_radar_names_what_if_weights() -> None:
    custom = recommend(KB, REC.answers, weights=dict.fromkeys(CRITERIA, 1.0))
    assert radar_figure(KB, custom).data[-1].name == WHATIF_NEEDS_NAME


def test_small_multiples_give_every_option_its_own_polar_subplot() -> None:
    figure = profiles_figure(KB, REC)
    assert len(figure.data) == len(KB.options)
    subplots = [t.subplot for t in figure.data]
    assert len(set(subplots)) == len(subplots)
    for name in subplots:
        assert figure.layout[name].radialaxis.range == (0, 100)
    titles = [a.text for a in figure.layout.annotations]
    assert titles[0] == f"1. {REC.ranking[0].label}"
    failing = [r for r in REC.ranking if not r.meets_requirements]
    assert failing and all(any(r.label in t and "fails" in t for t in titles) for r in failing)


def test_small_multiples_do_not_share_layout_between_calls() -> None:
    first = profiles_figure(KB, REC)
    first.layout.polar.domain.x = (0.0, 0.01)
    assert profiles_figure(KB, REC).layout.polar.domain.x != (0.0, 0.01)


def test_contributions_stack_to_each_total() -> None:
    for method in ("wsm", "topsis"):
        rec = recommend(KB, REC.answers, method)  # type: ignore[arg-type]
        figure = contribution_figure(KB, rec)
        assert [t.name for t in figure.data] == [KB.criterion(c).name for c in CRITERIA]
        assert figure.layout.barmode == "stack"
        for i, ranked in enumerate(rec.ranking[:5]):
            assert sum(t.x[i] for t in figure.data) == pytest.approx(ranked.score)
