"""Plotly figure builders for the recommendation page (pure: data in, figure out).

All scores are 0-100 and the criteria always appear in the knowledge base's order, so a chart can be
read against the ranking table and the CSV report.
"""

from __future__ import annotations

import copy
import math
from functools import lru_cache
from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from scoring.engine import Recommendation
from scoring.knowledge_base import CRITERIA, KnowledgeBase

RADAR_OPTIONS = 3
CONTRIBUTION_OPTIONS = 5
PROFILE_COLUMNS = 3
OPTION_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c")
NEEDS_COLOUR = "#444444"
FAILS_COLOUR = "#9e9e9e"
MEETS_COLOUR = "#1f77b4"
CRITERION_COLOURS = {
    "modality": "#4c78a8",
    "efficiency": "#f58518",
    "accuracy": "#54a24b",
    "data_privacy": "#b279a2",
    "cost": "#e45756",
}
NEEDS_NAME = "Your needs (weights, largest = 100)"
WHATIF_NEEDS_NAME = "Your what-if weights (largest = 100)"


def _axes(kb: KnowledgeBase) -> list[str]:
    return [kb.criterion(c).short for c in CRITERIA]


def _closed(values: list[float]) -> list[float]:
    """Repeat the first point so the polygon closes."""
    return [*values, values[0]]


def needs_profile(weights: dict[str, float]) -> list[float]:
    """Weights scaled so the most important criterion reaches 100, to share the radar's scale."""
    largest = max(weights.values())
    return [100 * weights[c] / largest if largest > 0 else 0.0 for c in CRITERIA]


def needs_name(rec: Recommendation) -> str:
    """The radar's needs trace: says so when the weights are what-if weights."""
    return WHATIF_NEEDS_NAME if rec.weights_source == "custom" else NEEDS_NAME


def radar_figure(kb: KnowledgeBase, rec: Recommendation, count: int = RADAR_OPTIONS) -> go.Figure:
    """The business's weighted needs against the top options, on the five criteria.

    Filled polygons overlap, and later traces are drawn on top: the options go in reverse rank
    order so the recommended one is drawn last of them and stays visible, with the dashed needs
    line over everything. The legend keeps the reading order (needs, then 1., 2., 3.).
    """
    theta = _closed(_axes(kb))
    traces: list[dict[str, Any]] = []
    top = list(enumerate(rec.ranking[:count]))
    for position, ranked in reversed(top):
        flag = "" if ranked.meets_requirements else " (fails a requirement)"
        traces.append(
            dict(
                type="scatterpolar",
                r=_closed([ranked.criteria[c] for c in CRITERIA]),
                theta=theta,
                name=f"{ranked.rank}. {ranked.label}{flag}",
                fill="toself",
                opacity=0.55,
                line={"color": OPTION_COLOURS[position % len(OPTION_COLOURS)]},
                legendrank=position + 2,
                hovertemplate=f"%{{theta}}: %{{r:.0f}}<extra>{ranked.label}</extra>",
            )
        )
    traces.append(
        dict(
            type="scatterpolar",
            r=_closed(needs_profile(rec.weights)),
            theta=theta,
            name=needs_name(rec),
            line={"color": NEEDS_COLOUR, "dash": "dash", "width": 2},
            legendrank=1,
            hovertemplate="%{theta}: %{r:.0f}<extra>Your needs</extra>",
        )
    )
    layout = dict(
        polar={"radialaxis": {"range": [0, 100], "tickvals": [25, 50, 75, 100]}},
        legend={"orientation": "h", "yanchor": "top", "y": -0.08, "x": 0},
        margin={"l": 50, "r": 50, "t": 30, "b": 30},
        height=470,
    )
    return go.Figure(data=traces, layout=layout)


@lru_cache(maxsize=8)
def _polar_grid(rows: int, cols: int) -> dict[str, Any]:
    """Layout of a grid of polar subplots (domains of polar, polar2, ...), made once per shape.

    ``make_subplots`` takes about 40 ms for a 3 x 3 polar grid, nearly half the page's time budget,
    so the layout it computes is cached and only the traces are built on each run.
    """
    grid = make_subplots(
        rows=rows,
        cols=cols,
        specs=[[{"type": "polar"}] * cols for _ in range(rows)],
        horizontal_spacing=0.16,
        vertical_spacing=0.32 / rows,
    )
    layout = grid.layout.to_plotly_json()
    layout.pop("template", None)  # the default template applies anyway; copying it is slow
    return layout


def _subplot_name(index: int) -> str:
    return "polar" if index == 0 else f"polar{index + 1}"


def profiles_figure(kb: KnowledgeBase, rec: Recommendation) -> go.Figure:
    """Small multiples: every option's criterion profile for these answers, in rank order."""
    count = len(rec.ranking)
    rows = math.ceil(count / PROFILE_COLUMNS)
    layout = copy.deepcopy(_polar_grid(rows, PROFILE_COLUMNS))
    theta = _closed(_axes(kb))
    traces, titles = [], []
    for index, ranked in enumerate(rec.ranking):
        subplot = _subplot_name(index)
        colour = MEETS_COLOUR if ranked.meets_requirements else FAILS_COLOUR
        traces.append(
            dict(
                type="scatterpolar",
                r=_closed([ranked.criteria[c] for c in CRITERIA]),
                theta=theta,
                subplot=subplot,
                name=ranked.label,
                fill="toself",
                line={"color": colour},
                showlegend=False,
                hovertemplate=f"%{{theta}}: %{{r:.0f}}<extra>{ranked.label}</extra>",
            )
        )
        domain = layout[subplot]["domain"]
        flag = "" if ranked.meets_requirements else " (fails)"
        titles.append(
            {
                "text": f"{ranked.rank}. {ranked.label}{flag}",
                "x": sum(domain["x"]) / 2,
                "y": domain["y"][1],
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "bottom",
                "yshift": 14,
                "showarrow": False,
                "font": {"size": 13},
            }
        )
    for index in range(rows * PROFILE_COLUMNS):
        layout[_subplot_name(index)].update(
            radialaxis={"range": [0, 100], "showticklabels": False, "tickvals": [50, 100]},
            angularaxis={"tickfont": {"size": 10}},
        )
    for index in range(count, rows * PROFILE_COLUMNS):
        layout.pop(_subplot_name(index))  # no empty polar frames in a short last row
    layout.update(
        annotations=titles, height=300 * rows, margin={"l": 60, "r": 60, "t": 50, "b": 20}
    )
    return go.Figure(data=traces, layout=layout)


def contribution_figure(
    kb: KnowledgeBase, rec: Recommendation, count: int = CONTRIBUTION_OPTIONS
) -> go.Figure:
    """Stacked horizontal bars: how many points each criterion adds to each top option's total."""
    top = rec.ranking[:count]
    labels = [f"{r.rank}. {r.label}" for r in top]
    traces: list[dict[str, Any]] = []
    for criterion in CRITERIA:
        name = kb.criterion(criterion).name
        traces.append(
            dict(
                type="bar",
                y=labels,
                x=[r.contributions[criterion] for r in top],
                name=name,
                orientation="h",
                marker={"color": CRITERION_COLOURS.get(criterion)},
                hovertemplate=f"{name}: %{{x:.1f}} points<extra>%{{y}}</extra>",
            )
        )
    layout = dict(
        barmode="stack",
        yaxis={"autorange": "reversed"},
        xaxis={"title": {"text": "Points of the total score (0-100)"}},
        legend={"orientation": "h", "yanchor": "top", "y": -0.25, "x": 0, "traceorder": "normal"},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        height=120 + 48 * len(top),
    )
    return go.Figure(data=traces, layout=layout)
