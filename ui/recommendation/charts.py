"""Plotly figure builders for the recommendation page (pure: data in, figure out).

All scores are 0-100 and the criteria always appear in the knowledge base's order, so a chart can be
read against the ranking table and the CSV report. Every figure carries a title, and each has a
``*_frame`` twin built from the same numbers: its text alternative, which the page shows beside it
as a table (a person who cannot see the chart reads the table instead).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from scoring.criteria.cost import central_cost
from scoring.engine import RankedSolution, Recommendation
from scoring.knowledge import KnowledgeBase
from scoring.money import cost_curve
from ui.common.figures import chart_title, wrap_label
from ui.recommendation.selection import shown_solutions

RADAR_SOLUTIONS = 3
CONTRIBUTION_SOLUTIONS = 5
PROFILE_SOLUTIONS = 6
PROFILE_COLUMNS = 3
PROFILE_HEIGHT = 320
PROFILES_TITLE = "Profiles of the top solutions"
COST_SOLUTIONS = 4
CONTRIBUTION_LABEL_WIDTH = 30
LEGEND_NAME_WIDTH = 40
SOLUTION_COLOURS = ("#1f4e9c", "#c2410c", "#15803d", "#7c3aed")
NEEDS_COLOUR = "#333333"
FAILS_COLOUR = "#757575"
MEETS_COLOUR = "#1f4e9c"
CRITERION_PALETTE = ("#4c78a8", "#f58518", "#54a24b", "#b279a2", "#e45756", "#72b7b2", "#9d755d")
TOTAL_COLUMN = "Total (0-100)"
NEEDS_NAME = "Your needs (weights, largest = 100)"
WHATIF_NEEDS_NAME = "Your what-if weights (largest = 100)"
VOLUME_SCALES = np.geomspace(0.1, 10.0, 41)
"""The cost chart's volumes: 1/10 to 10 times the business's, 20 steps per decade."""


def _axes(kb: KnowledgeBase) -> list[str]:
    return [c.short for c in kb.criteria]


def _closed(values: list[float]) -> list[float]:
    """Repeat the first point so the polygon closes."""
    return [*values, values[0]]


def criterion_colour(kb: KnowledgeBase, criterion: str) -> str:
    return CRITERION_PALETTE[kb.criterion_ids.index(criterion) % len(CRITERION_PALETTE)]


def needs_profile(kb: KnowledgeBase, weights: dict[str, float]) -> list[float]:
    """Weights scaled so the most important criterion reaches 100, to share the radar's scale."""
    largest = max(weights.values())
    return [100 * weights[c] / largest if largest > 0 else 0.0 for c in kb.criterion_ids]


def needs_name(rec: Recommendation) -> str:
    """The radar's needs trace: says so when the weights are what-if weights."""
    return WHATIF_NEEDS_NAME if rec.weights_source == "custom" else NEEDS_NAME


def radar_figure(kb: KnowledgeBase, rec: Recommendation, count: int = RADAR_SOLUTIONS) -> go.Figure:
    """The business's weighted needs against the top qualifying solutions (the nearest ones when
    none qualifies), on every criterion.

    Filled polygons overlap, and later traces are drawn on top: the solutions go in reverse rank
    order so the recommended one is drawn last and stays visible, with the dashed needs line over
    everything. The legend keeps the reading order (needs, then 1., 2., 3.).
    """
    theta = _closed(_axes(kb))
    traces: list[dict[str, Any]] = []
    top = list(enumerate(shown_solutions(rec, count)))
    for position, ranked in reversed(top):
        traces.append(
            dict(
                type="scatterpolar",
                r=_closed([ranked.criteria[c] for c in kb.criterion_ids]),
                theta=theta,
                name=wrap_label(_ranked_name(ranked), LEGEND_NAME_WIDTH),  # whole on a phone
                fill="toself",
                opacity=0.5,
                line={"color": SOLUTION_COLOURS[position % len(SOLUTION_COLOURS)]},
                legendrank=position + 2,
                hovertemplate=f"%{{theta}}: %{{r:.0f}}<extra>{ranked.label}</extra>",
            )
        )
    traces.append(
        dict(
            type="scatterpolar",
            r=_closed(needs_profile(kb, rec.weights)),
            theta=theta,
            name=needs_name(rec),
            line={"color": NEEDS_COLOUR, "dash": "dash", "width": 2},
            legendrank=1,
            hovertemplate="%{theta}: %{r:.0f}<extra>Your needs</extra>",
        )
    )
    layout = dict(
        title=chart_title("Your needs against the top solutions (0-100 on every criterion)"),
        # the scale's numbers over the filled polygons, not hidden under them
        polar={
            "radialaxis": {
                "range": [0, 100],
                "tickvals": [25, 50, 75, 100],
                "layer": "above traces",
            }
        },
        legend={"orientation": "h", "yanchor": "top", "y": -0.08, "x": 0},
        margin={"l": 60, "r": 70, "t": 20, "b": 30},  # room for the axes' names at the sides
        height=500,
    )
    return go.Figure(data=traces, layout=layout)


def _ranked_name(ranked: RankedSolution) -> str:
    return f"{ranked.rank}. {ranked.label}"


def profile_figure(kb: KnowledgeBase, ranked: RankedSolution) -> go.Figure:
    """One small multiple: a solution's criterion profile, titled with its rank and whole name.

    Each profile is a figure of its own, so the page can set them side by side in columns, which
    Streamlit stacks one under another on a phone; one figure with a grid of polar subplots kept
    three across at any width, and on a phone their names and axis labels ran into each other.
    """
    trace = dict(
        type="scatterpolar",
        r=_closed([ranked.criteria[c] for c in kb.criterion_ids]),
        theta=_closed(_axes(kb)),
        name=ranked.label,
        fill="toself",
        line={"color": MEETS_COLOUR if ranked.meets_requirements else FAILS_COLOUR},
        showlegend=False,
        hovertemplate=f"%{{theta}}: %{{r:.0f}}<extra>{ranked.label}</extra>",
    )
    layout = dict(
        title=chart_title(_ranked_name(ranked)),
        polar={
            "radialaxis": {"range": [0, 100], "showticklabels": False, "tickvals": [50, 100]},
            "angularaxis": {"tickfont": {"size": 11}},
        },
        margin={"l": 60, "r": 60, "t": 20, "b": 30},
        height=PROFILE_HEIGHT,
    )
    return go.Figure(data=[trace], layout=layout)


def profile_figures(
    kb: KnowledgeBase, rec: Recommendation, count: int = PROFILE_SOLUTIONS
) -> list[go.Figure]:
    """Small multiples: the criterion profile of each of the top solutions, in rank order."""
    return [profile_figure(kb, ranked) for ranked in shown_solutions(rec, count)]


def profiles_frame(
    kb: KnowledgeBase, rec: Recommendation, count: int = PROFILE_SOLUTIONS
) -> pd.DataFrame:
    """The profiles as a table: per criterion, each shown solution's 0-100 score."""
    columns = {
        _ranked_name(r): [round(r.criteria[c], 1) for c in kb.criterion_ids]
        for r in shown_solutions(rec, count)
    }
    index = pd.Index([kb.criterion(c).name for c in kb.criterion_ids], name="Criterion")
    return pd.DataFrame(columns, index=index)


def contribution_figure(
    kb: KnowledgeBase, rec: Recommendation, count: int = CONTRIBUTION_SOLUTIONS
) -> go.Figure:
    """Stacked bars: how many points each criterion adds to each top solution's total."""
    top = shown_solutions(rec, count)
    labels = [wrap_label(_ranked_name(r), CONTRIBUTION_LABEL_WIDTH) for r in top]
    traces: list[dict[str, Any]] = []
    for criterion in kb.criteria:
        traces.append(
            dict(
                type="bar",
                y=labels,
                x=[r.contributions[criterion.id] for r in top],
                name=criterion.name,
                orientation="h",
                marker={"color": criterion_colour(kb, criterion.id)},
                hovertemplate=f"{criterion.name}: %{{x:.1f}} points<extra>%{{y}}</extra>",
            )
        )
    layout = dict(
        title=chart_title("What each criterion adds to the score"),
        barmode="stack",
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"title": {"text": "Points of the total (0-100)"}},
        legend={"orientation": "h", "yanchor": "top", "y": -0.25, "x": 0, "traceorder": "normal"},
        margin={"l": 10, "r": 10, "t": 20, "b": 10},
        height=170 + 56 * len(top),  # room for labels over three lines
    )
    return go.Figure(data=traces, layout=layout)


def contribution_frame(
    kb: KnowledgeBase, rec: Recommendation, count: int = CONTRIBUTION_SOLUTIONS
) -> pd.DataFrame:
    """The contributions as a table: per solution, the points each criterion adds, and the total."""
    top = shown_solutions(rec, count)
    columns = {c.name: [round(r.contributions[c.id], 1) for r in top] for c in kb.criteria}
    columns[TOTAL_COLUMN] = [round(r.score, 1) for r in top]
    index = pd.Index([_ranked_name(r) for r in top], name="Solution")
    return pd.DataFrame(columns, index=index)


# --- money -------------------------------------------------------------------------------------------


def cost_lines(
    kb: KnowledgeBase, rec: Recommendation, count: int = COST_SOLUTIONS
) -> tuple[list[RankedSolution], np.ndarray]:
    """The solutions the cost chart shows and their (scales, solutions, 2) monthly costs."""
    from scoring.encoding import encode_answers

    shown = shown_solutions(rec, count)
    curves = cost_curve(kb, encode_answers(kb, [rec.answers]), rec.group.solutions, VOLUME_SCALES)
    return shown, curves[:, [r.index for r in shown], :]


def breakeven(
    kb: KnowledgeBase, shown: list[RankedSolution], curves: np.ndarray
) -> tuple[float, str, str] | None:
    """Where a solution with a self-hosted component becomes cheaper than one without, if it does
    within the chart: (volume multiple, cheaper one, dearer one) at the first crossing."""
    central = np.sqrt(np.maximum(curves[:, :, 0], 1.0) * np.maximum(curves[:, :, 1], 1.0))
    on_premises = kb.arrays.traits["on_premises"]
    owned = [
        i
        for i, r in enumerate(shown)
        if all(on_premises[kb.component_ids.index(c)] for c in r.components)
    ]
    hosted = [i for i in range(len(shown)) if i not in owned]
    for i in owned:
        for j in hosted:
            cheaper = central[:, i] < central[:, j]
            if cheaper[-1] and not cheaper[0]:
                first = int(np.argmax(cheaper))
                return float(VOLUME_SCALES[first]), shown[i].label, shown[j].label
    return None


def _cost_name(ranked: RankedSolution) -> str:
    """A line's name in the legend: the whole label over lines a phone shows whole (the legend
    does not wrap, and a pipeline's name on one line ran off a phone's chart)."""
    return wrap_label(_ranked_name(ranked), LEGEND_NAME_WIDTH)


def _cost_traces(shown: list[RankedSolution], curves: np.ndarray) -> list[dict[str, Any]]:
    """Per solution: its low-high band (shaded) and the middle of its estimate (a line)."""
    traces: list[dict[str, Any]] = []
    for position, ranked in enumerate(shown):
        colour = SOLUTION_COLOURS[position % len(SOLUTION_COLOURS)]
        low, high = np.maximum(curves[:, position, 0], 1.0), np.maximum(curves[:, position, 1], 1.0)
        middle = central_cost(np.stack([low, high], axis=-1))  # the estimate's middle, log axis
        traces.append(
            dict(
                type="scatter",
                x=list(VOLUME_SCALES) + list(VOLUME_SCALES[::-1]),
                y=list(high) + list(low[::-1]),
                fill="toself",
                fillcolor=colour,
                opacity=0.12,
                line={"width": 0},
                hoverinfo="skip",
                showlegend=False,
                name=f"{ranked.label} (range)",
            )
        )
        traces.append(
            dict(
                type="scatter",
                x=list(VOLUME_SCALES),
                y=list(middle),
                mode="lines",
                line={"color": colour, "width": 2},
                name=_cost_name(ranked),
                hovertemplate="%{x:.2g} x your volume: $%{y:,.0f} a month<extra></extra>",
            )
        )
    return traces


def _cost_marks(
    rec: Recommendation, crossing: tuple[float, str, str] | None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Lines and labels: the business's volume, the breakeven (if any), the budget's ceiling."""
    shapes = [_volume_marker(1.0, "#333333", "dot")]
    annotations = [_marker_label(1.0, "your volume")]
    if crossing is not None:
        shapes.append(_volume_marker(crossing[0], "#b91c1c", "dash"))
        annotations.append(_marker_label(crossing[0], "self-hosting becomes cheaper"))
    if rec.budget_ceiling is not None:
        shapes.append(
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": rec.budget_ceiling,
                "y1": rec.budget_ceiling,
                "line": {"color": "#6b7280", "dash": "dashdot", "width": 1},
            }
        )
    return shapes, annotations


def cost_volume_figure(kb: KnowledgeBase, rec: Recommendation) -> go.Figure:
    """Monthly cost of the top solutions from 1/10 to 10 times the business's volume (log axes),
    with each estimate's low-high band and the breakeven of self-hosting, if there is one."""
    shown, curves = cost_lines(kb, rec)
    shapes, annotations = _cost_marks(rec, breakeven(kb, shown, curves))
    layout = dict(
        title=chart_title(
            "Monthly cost against volume (middle of each estimate, shaded low to high)"
        ),
        xaxis={"type": "log", "title": {"text": "Volume, as a multiple of yours"}},
        yaxis={
            "type": "log",
            "title": {"text": "US dollars a month"},
            "tickprefix": "$",
            "tickformat": ",.0f",
            "dtick": 1,
        },
        shapes=shapes,
        annotations=annotations,
        legend={"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0},
        margin={"l": 10, "r": 10, "t": 20, "b": 10},
        height=480,
    )
    return go.Figure(data=_cost_traces(shown, curves), layout=layout)


COST_FRAME_SCALES = {"1/10 of your volume": 0.1, "Your volume": 1.0, "10 times your volume": 10.0}
"""The cost chart's volumes that its table gives: both ends and the business's own."""


def cost_volume_frame(kb: KnowledgeBase, rec: Recommendation) -> pd.DataFrame:
    """The cost chart as a table: each line's monthly cost (the middle of the estimate, US dollars)
    at 1/10 of, at and at 10 times the business's volume."""
    shown, curves = cost_lines(kb, rec)
    rows = {
        name: int(np.argmin(np.abs(VOLUME_SCALES - scale)))
        for name, scale in COST_FRAME_SCALES.items()
    }
    middle = central_cost(curves)
    columns = {
        f"{name} (USD a month)": [round(float(middle[row, i])) for i in range(len(shown))]
        for name, row in rows.items()
    }
    return pd.DataFrame(columns, index=pd.Index([_ranked_name(r) for r in shown], name="Solution"))


def _volume_marker(x: float, colour: str, dash: str) -> dict[str, Any]:
    return {
        "type": "line",
        "x0": x,
        "x1": x,
        "yref": "paper",
        "y0": 0,
        "y1": 1,
        "line": {"color": colour, "dash": dash, "width": 1.5},
    }


def _marker_label(x: float, text: str) -> dict[str, Any]:
    return {
        "x": math.log10(x),
        "y": 0,
        "xref": "x",
        "yref": "paper",
        "text": text,
        "showarrow": False,
        # at the foot of the plot: above it, it collided with a title wrapped on a phone
        "yanchor": "bottom",
        "bgcolor": "rgba(255, 255, 255, 0.8)",
        "font": {"size": 11},
    }


def benefit_without_cost(kb: KnowledgeBase, rec: Recommendation, ranked: RankedSolution) -> float:
    """The weighted mean of every criterion but money (the cost weight shared out to the rest),
    so benefit and cost can be plotted against each other without counting cost twice."""
    kinds = {c.id: c.computation for c in kb.criteria}
    kept = {c: w for c, w in rec.weights.items() if kinds[c] != "monthly_cost"}
    total = sum(kept.values())
    return sum(ranked.criteria[c] * w / total for c, w in kept.items()) if total else 0.0


def value_points(
    kb: KnowledgeBase, rec: Recommendation
) -> tuple[list[RankedSolution], list[float], list[float]]:
    """The value chart's solutions (the qualifying ones, else the first ten), each one's monthly
    cost (middle of the estimate) and benefit without cost."""
    shown = [r for r in rec.ranking if r.meets_requirements] or list(rec.ranking[:10])
    cost = [float(central_cost(np.array(r.monthly_cost))) for r in shown]
    return shown, cost, [benefit_without_cost(kb, rec, r) for r in shown]


LABELLED_RANKS = 10
LABEL_PLACES: dict[str, tuple[float, float]] = {
    "top center": (0.0, 14.0),
    "bottom center": (0.0, -14.0),
    "middle right": (14.0, 0.0),
    "middle left": (-14.0, 0.0),
    "top right": (12.0, 12.0),
    "top left": (-12.0, 12.0),
    "bottom right": (12.0, -12.0),
    "bottom left": (-12.0, -12.0),
}
"""Where a rank label can go, and where its centre then sits from its point, in pixels (Plotly sets
text beside its marker, whatever the plot's size)."""
LABEL_SIZE = (15.0, 13.0)
"""A rank label's width and height in pixels ("10" in 12-pixel type)."""
POINT_RADIUS = 5.0
PLOT_SIZES = ((300.0, 300.0), (1300.0, 300.0))
"""The value chart's plot area in pixels on a phone and on a wide screen (the figure's height is
fixed, its width follows the page): labels clear of each other on both stay clear between."""


def label_places(points: list[tuple[float, float]], labelled: int) -> list[str]:
    """A text position for each of the first ``labelled`` points (on the plot's axes, scaled to
    0-1), so that labels neither overlap one another nor sit on a point, on a phone or a wide
    screen: each in turn takes the place that collides least with the labels placed before it
    (first) and with the points (second), the earlier place of :data:`LABEL_PLACES` on a tie.
    Solutions that cost and score about the same otherwise had their ranks printed on top of each
    other."""
    width, height = LABEL_SIZE
    places: list[str] = []

    def centre(index: int, place: str, size: tuple[float, float]) -> tuple[float, float]:
        (x, y), (dx, dy) = points[index], LABEL_PLACES[place]
        return x * size[0] + dx, y * size[1] + dy

    def collisions(index: int, place: str) -> tuple[int, int]:
        labels = dots = 0
        for size in PLOT_SIZES:
            cx, cy = centre(index, place, size)
            for other, placed in enumerate(places):
                lx, ly = centre(other, placed, size)
                labels += abs(cx - lx) < width and abs(cy - ly) < height
            for px, py in points:
                px, py = px * size[0], py * size[1]
                reach_x, reach_y = width / 2 + POINT_RADIUS, height / 2 + POINT_RADIUS
                dots += abs(cx - px) < reach_x and abs(cy - py) < reach_y
        return labels, dots

    for index in range(min(labelled, len(points))):
        places.append(min(LABEL_PLACES, key=lambda place: collisions(index, place)))
    return places + ["top center"] * (len(points) - len(places))


def _unit(values: list[float]) -> list[float]:
    """Values scaled to 0-1 over their range (all 0.5 when they are equal)."""
    low, high = min(values), max(values)
    return [(v - low) / (high - low) if high > low else 0.5 for v in values]


def value_figure(kb: KnowledgeBase, rec: Recommendation) -> go.Figure:
    """Value for money: each qualifying solution's score without cost against its monthly cost."""
    shown, cost, benefit = value_points(kb, rec)
    labelled = sum(r.rank <= LABELLED_RANKS for r in shown)
    places = label_places(
        list(zip(_unit([math.log10(c) for c in cost]), _unit(benefit), strict=True)), labelled
    )
    colours = [MEETS_COLOUR if r.rank > 1 else "#c2410c" for r in shown]
    trace = dict(
        type="scatter",
        x=cost,
        y=benefit,
        mode="markers+text",
        marker={"size": [16 if r.rank == 1 else 9 for r in shown], "color": colours},
        text=[_ranked_name(r) for r in shown],
        # ranks, not labels: labels would pile up where solutions cost the same
        texttemplate=[str(r.rank) if r.rank <= LABELLED_RANKS else "" for r in shown],
        textposition=places,
        hovertemplate="%{text}<br>$%{x:,.0f} a month, benefit %{y:.0f}<extra></extra>",
        name="Solutions",
    )
    layout = dict(
        title=chart_title("Value for money: benefit (score without cost) against monthly cost"),
        xaxis={"type": "log", "title": {"text": "US dollars a month (middle of the estimate)"}},
        yaxis={"title": {"text": "Score without cost (0-100)"}},
        margin={"l": 10, "r": 10, "t": 20, "b": 10},
        height=420,
        showlegend=False,
    )
    return go.Figure(data=[trace], layout=layout)


def value_frame(kb: KnowledgeBase, rec: Recommendation) -> pd.DataFrame:
    """The value chart as a table: per solution, its monthly cost and its benefit without cost."""
    shown, cost, benefit = value_points(kb, rec)
    return pd.DataFrame(
        {
            "Monthly cost (USD, middle of the estimate)": [round(c) for c in cost],
            "Benefit: score without cost (0-100)": [round(b, 1) for b in benefit],
        },
        index=pd.Index([_ranked_name(r) for r in shown], name="Solution"),
    )
