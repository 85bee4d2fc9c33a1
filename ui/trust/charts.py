"""Plotly figures for trust in the recommendation (pure: data in, figure out).

- rank acceptability: per option, the share of plausible weightings ranking it 1st, 2nd, ...;
- weight stability: per criterion, the range its weight can take before the top option changes,
  with the current weight marked and the option that takes over named beyond each end;
- head-to-head: per criterion, the points of the total it adds to either option's lead.

Every trace carries data (empty groups are left out rather than drawn as empty traces). Traces
and layout are built as plain dicts and validated once by ``go.Figure``: about twice as fast as
``add_trace``/``update_layout``, which matters on a page that reruns at every slider move.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from scoring.engine import Recommendation
from scoring.head_to_head import HeadToHead
from scoring.knowledge_base import CRITERIA, KnowledgeBase
from scoring.trust import TrustAnalysis
from ui.text import percent

HOLDS_COLOUR = "#54a24b"
TAKEN_COLOUR = "#f58518"
WEIGHT_COLOUR = "#222222"
A_COLOUR = "#1f77b4"
B_COLOUR = "#ff7f0e"
EVEN_COLOUR = "#9e9e9e"
HOLDS_NAME = "Recommendation holds"
TAKEN_NAME = "Another option takes over"
TOTAL_WORDS = {"wsm": "weighted total", "topsis": "TOPSIS total"}
WEIGHT_NAME = "Your weight now"


def ordinal(rank: int) -> str:
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def rank_colours(count: int) -> list[str]:
    """Darkest blue for 1st, fading to pale for the last rank."""
    if count == 1:
        return sample_colorscale("Blues", [1.0])
    return sample_colorscale("Blues", [1.0 - 0.85 * k / (count - 1) for k in range(count)])


def acceptability_figure(kb: KnowledgeBase, rec: Recommendation, trust: TrustAnalysis) -> go.Figure:
    """Stacked bars, one per option (ranking order): the share of weightings at each rank."""
    acceptability = trust.robustness.acceptability
    rows = [kb.option_ids.index(r.option) for r in rec.ranking]
    labels = [f"{r.rank}. {r.label}" for r in rec.ranking]
    ranks = acceptability.shape[1]
    colours = rank_colours(ranks)
    traces: list[dict[str, Any]] = []
    for rank in range(ranks):
        shares = [100 * float(acceptability[row, rank]) for row in rows]
        if not any(shares):
            continue
        traces.append(
            dict(
                type="bar",
                y=labels,
                x=shares,
                name=ordinal(rank + 1),
                orientation="h",
                marker={"color": colours[rank]},
                text=[f"{share:.0f} %" if share >= 8 else "" for share in shares]
                if rank == 0
                else None,
                textposition="inside",
                insidetextanchor="start",
                hovertemplate=(
                    f"%{{y}}: {ordinal(rank + 1)} in %{{x:.1f}} % of weightings<extra></extra>"
                ),
            )
        )
    layout = dict(
        barmode="stack",
        yaxis={"autorange": "reversed"},
        xaxis={"range": [0, 100], "title": {"text": "Share of plausible weightings (%)"}},
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": -0.22,
            "x": 0,
            "title": {"text": "Ranked"},
            "traceorder": "normal",
        },
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        height=150 + 34 * len(labels),
    )
    return go.Figure(data=traces, layout=layout)


def stability_figure(kb: KnowledgeBase, trust: TrustAnalysis) -> go.Figure:
    """Per criterion a 0-100 % bar: where the recommendation holds (green), where another option
    takes over (orange, named), and a marker at the current weight."""
    intervals = trust.intervals
    names = [
        f"{kb.criterion(c).name}: {percent(iv.weight)}"
        for c, iv in zip(CRITERIA, intervals, strict=True)
    ]
    labels = [o.label for o in kb.options]
    top = labels[intervals[0].top] if intervals else ""
    traces: list[dict[str, Any]] = []
    below = [(i, iv) for i, iv in enumerate(intervals) if iv.taker_below is not None]
    if below:
        traces.append(
            dict(
                type="bar",
                y=[names[i] for i, _ in below],
                x=[100 * iv.low for _, iv in below],
                base=[0.0] * len(below),
                name=TAKEN_NAME,
                legendgroup="taken",
                orientation="h",
                marker={"color": TAKEN_COLOUR},
                text=[labels[iv.taker_below] for _, iv in below],  # type: ignore[index]
                textposition="inside",
                insidetextanchor="middle",
                hovertemplate=(
                    "%{y} below %{x:.1f} %: %{text} is the first to take over<extra></extra>"
                ),
            )
        )
    traces.append(
        dict(
            type="bar",
            y=names,
            x=[100 * (iv.high - iv.low) for iv in intervals],
            base=[100 * iv.low for iv in intervals],
            name=HOLDS_NAME,
            orientation="h",
            marker={"color": HOLDS_COLOUR},
            customdata=[[100 * iv.low, 100 * iv.high] for iv in intervals],
            hovertemplate=(
                f"from %{{customdata[0]:.1f}} % to %{{customdata[1]:.1f}} %: {top} stays "
                "first<extra></extra>"
            ),
        )
    )
    above = [(i, iv) for i, iv in enumerate(intervals) if iv.taker_above is not None]
    if above:
        traces.append(
            dict(
                type="bar",
                y=[names[i] for i, _ in above],
                x=[100 * (1 - iv.high) for _, iv in above],
                base=[100 * iv.high for _, iv in above],
                name=TAKEN_NAME,
                legendgroup="taken",
                showlegend=not below,
                orientation="h",
                marker={"color": TAKEN_COLOUR},
                text=[labels[iv.taker_above] for _, iv in above],  # type: ignore[index]
                textposition="inside",
                insidetextanchor="middle",
                customdata=[100 * iv.high for _, iv in above],
                hovertemplate=(
                    "%{y} above %{customdata:.1f} %: %{text} is the first to take over"
                    "<extra></extra>"
                ),
            )
        )
    traces.append(
        dict(
            type="scatter",
            y=names,
            x=[100 * iv.weight for iv in intervals],
            name=WEIGHT_NAME,
            mode="markers",
            marker={
                "color": WEIGHT_COLOUR,
                "symbol": "line-ns-open",
                "size": 30,
                "line": {"width": 4, "color": WEIGHT_COLOUR},
            },
            cliponaxis=False,
            hovertemplate="your weight now: %{x:.1f} %<extra></extra>",
        )
    )
    layout = dict(
        barmode="overlay",
        yaxis={"autorange": "reversed", "categoryorder": "array", "categoryarray": names},
        xaxis={"range": [0, 100], "title": {"text": "Weight of the criterion (% of the decision)"}},
        uniformtext={"minsize": 9, "mode": "hide"},
        legend={"orientation": "h", "yanchor": "top", "y": -0.3, "x": 0},
        margin={"l": 10, "r": 10, "t": 24, "b": 10},
        height=150 + 52 * len(names),
    )
    return go.Figure(data=traces, layout=layout)


def head_to_head_figure(kb: KnowledgeBase, duel: HeadToHead) -> go.Figure:
    """Diverging bars: per criterion, the points of the total that favour A (right) or
    B (left); they add up to A's lead."""
    a, b = kb.option(duel.option_a).label, kb.option(duel.option_b).label
    names = {d.criterion: kb.criterion(d.criterion).name for d in duel.duels}
    traces: list[dict[str, Any]] = []
    groups = (
        (duel.option_a, f"{a} gains", A_COLOUR),
        (duel.option_b, f"{b} gains", B_COLOUR),
        (None, "Even", EVEN_COLOUR),
    )
    for winner, name, colour in groups:
        won = [d for d in duel.duels if d.winner == winner]
        if not won:
            continue
        traces.append(
            dict(
                type="bar",
                y=[names[d.criterion] for d in won],
                x=[d.points for d in won],
                name=name,
                orientation="h",
                marker={"color": colour},
                customdata=[[d.score_a, d.score_b, 100 * d.weight] for d in won],
                text=[f"{d.points:+.1f}" for d in won],
                textposition="outside",
                cliponaxis=False,
                hovertemplate=(
                    f"%{{y}} (weight %{{customdata[2]:.0f}} %): {a} %{{customdata[0]:.0f}} vs "
                    f"{b} %{{customdata[1]:.0f}}, %{{x:+.2f}} points<extra></extra>"
                ),
            )
        )
    reach = max((abs(d.points) for d in duel.duels), default=0.0)
    reach = max(reach * 1.3, 1.0)
    layout = dict(
        barmode="relative",
        yaxis={
            "autorange": "reversed",
            "categoryorder": "array",
            "categoryarray": [names[c] for c in CRITERIA],
        },
        xaxis={
            "range": [-reach, reach],
            "zeroline": True,
            "zerolinewidth": 2,
            "zerolinecolor": "#555555",
            "title": {"text": f"Points of the {TOTAL_WORDS[duel.method]}: \u2190 {b} | {a} \u2192"},
        },
        legend={"orientation": "h", "yanchor": "top", "y": -0.3, "x": 0},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        height=360,
    )
    return go.Figure(data=traces, layout=layout)
