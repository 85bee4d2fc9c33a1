"""Plotly figures for trust in the recommendation (pure: data in, figure out).

- rank acceptability: for the top few qualifying solutions, the share of plausible weightings and
  scores ranking each 1st, 2nd, ... (dozens of solutions are ranked; a bar for each says nothing);
- weight stability: per criterion, the range its weight can take before the top solution changes,
  with the current weight marked and the solution that takes over named beyond each end;
- head-to-head: per criterion, the points of the total it adds to either solution's lead.

The analyses index the listed solutions by position (``RankedSolution.index``); names come from
:func:`scoring.trust.solution_labels`. Every figure has a title, and every trace carries data
(empty groups are left out rather than drawn as empty traces). Traces and layout are plain dicts
validated once by ``go.Figure``: about twice as fast as ``add_trace``/``update_layout``, which
matters on a page that reruns at every slider move.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from scoring.engine import Recommendation
from scoring.head_to_head import HeadToHead
from scoring.methods import get_method
from scoring.stability import StabilityInterval
from scoring.trust import TrustAnalysis, solution_labels
from ui.common.figures import chart_title, wrap_label
from ui.common.text import percent
from ui.trust.text import (
    ACCEPTABILITY_SOLUTIONS,
    LOWER_RANKS,
    acceptability_shares,
    labels_by_id,
    score_name,
)

HOLDS_COLOUR = "#54a24b"
TAKEN_COLOUR = "#f58518"
WEIGHT_COLOUR = "#222222"
LOWER_COLOUR = "#d9d9d9"
A_COLOUR = "#1f77b4"
B_COLOUR = "#ff7f0e"
EVEN_COLOUR = "#9e9e9e"
HOLDS_NAME = "Recommendation holds"
TAKEN_NAME = "Another solution takes over"
WEIGHT_NAME = "Your weight now"
ACCEPTABILITY_TITLE = "How often each top solution ranks 1st, 2nd, 3rd ..."
STABILITY_TITLE = "How far each weight can move before the top solution changes"
HEAD_TO_HEAD_TITLE = "Where each solution gains, criterion by criterion"
LABEL_WIDTH = 24
"""Characters per line of a solution's label beside its bars: a third of a phone's chart."""
LEGEND_WIDTH = 40
"""Characters per line of a legend entry: a phone's chart less the entry's colour mark."""
AXIS_NAME_WIDTH = 36
"""Characters of a solution's name in an axis title: what a phone shows across its chart."""


def short(label: str, limit: int = 40) -> str:
    """A solution label clipped for an axis title (legends and tables keep the whole label)."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "\u2026"


def wrapped(label: str, width: int = LABEL_WIDTH) -> str:
    """A solution's label over lines a phone's chart has room for beside its bars."""
    return wrap_label(label, width)


def rank_colours(count: int) -> list[str]:
    """Darkest blue for 1st, fading to pale for the last rank shown."""
    if count == 1:
        return sample_colorscale("Blues", [1.0])
    return sample_colorscale("Blues", [1.0 - 0.85 * k / (count - 1) for k in range(count)])


# --- rank acceptability ---------------------------------------------------------------------------


def _rank_bar(labels: list[str], name: str, shares: list[float], colour: str) -> dict[str, Any]:
    first = name == "1st"
    return dict(
        type="bar",
        y=labels,
        x=shares,
        name=name,
        orientation="h",
        marker={"color": colour},
        text=[f"{share:.0f} %" if share >= 12 else "" for share in shares] if first else None,
        textposition="inside",
        textangle=0,
        insidetextanchor="start",
        hovertemplate=f"%{{y}}: {name} in %{{x:.1f}} % of samples<extra></extra>",
    )


def acceptability_figure(
    rec: Recommendation, trust: TrustAnalysis, count: int = ACCEPTABILITY_SOLUTIONS
) -> go.Figure:
    """Stacked bars, one per top qualifying solution (ranking order): the share of samples at
    each of the first ``count`` ranks, the rest as "Lower"."""
    names, columns = acceptability_shares(rec, trust, count)
    labels = [wrapped(name) for name in names]
    ranks = [name for name in columns if name != LOWER_RANKS]
    colours = dict(zip(ranks, rank_colours(len(ranks)), strict=True))
    colours[LOWER_RANKS] = LOWER_COLOUR
    traces = [
        _rank_bar(labels, name, shares, colours[name])
        for name, shares in columns.items()
        if any(shares)
    ]
    layout = dict(
        title=chart_title(ACCEPTABILITY_TITLE),
        barmode="stack",
        # a share too small to read in its bar is left out, not shrunk to a smudge
        uniformtext={"minsize": 10, "mode": "hide"},
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={
            "range": [0, 100],
            "title": {"text": "Share of samples (%)"},
        },
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": -0.3,
            "x": 0,
            "title": {"text": "Ranked"},
            "traceorder": "normal",
        },
        margin={"l": 10, "r": 10, "t": 20, "b": 10},
        # each row as tall as its label's lines need (at least the 34 pixels a bar needs)
        height=220
        + max(34, 8 + 15 * max((label.count("<br>") + 1 for label in labels), default=1))
        * len(labels),
    )
    return go.Figure(data=traces, layout=layout)


# --- weight stability -----------------------------------------------------------------------------


def _criterion_rows(rec: Recommendation, trust: TrustAnalysis) -> list[str]:
    """One row name per criterion: its name and current weight."""
    kb = rec.kb
    return [
        f"{kb.criterion(kb.criterion_ids[iv.criterion]).name}: {percent(iv.weight)}"
        for iv in trust.intervals
    ]


def _taken_bar(
    rows: list[str],
    intervals: tuple[StabilityInterval, ...],
    labels: list[str],
    *,
    below: bool,
    show_legend: bool,
) -> dict[str, Any] | None:
    """The orange bar beyond one end of each interval, named after the solution taking over
    there; None when nothing takes over at that end of any criterion."""
    beyond = [
        (row, iv, iv.taker_below if below else iv.taker_above)
        for row, iv in zip(rows, intervals, strict=True)
    ]
    beyond = [(row, iv, taker) for row, iv, taker in beyond if taker is not None]
    if not beyond:
        return None
    edges = [100 * (iv.low if below else iv.high) for _, iv, _ in beyond]
    direction = "below" if below else "above"
    return dict(
        type="bar",
        y=[row for row, _, _ in beyond],
        x=[edge if below else 100 - edge for edge in edges],
        base=[0.0 if below else edge for edge in edges],
        name=TAKEN_NAME,
        legendgroup="taken",
        showlegend=show_legend,
        orientation="h",
        marker={"color": TAKEN_COLOUR},
        text=[labels[taker] for _, _, taker in beyond],
        textposition="inside",
        insidetextanchor="middle",
        customdata=edges,
        hovertemplate=(
            f"%{{y}} {direction} %{{customdata:.1f}} %: %{{text}} is the first to take over"
            "<extra></extra>"
        ),
    )


def _holds_bar(
    rows: list[str], intervals: tuple[StabilityInterval, ...], top: str
) -> dict[str, Any]:
    """The green range of each criterion's weight over which the top solution stays first."""
    return dict(
        type="bar",
        y=rows,
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


def _weight_marker(rows: list[str], intervals: tuple[StabilityInterval, ...]) -> dict[str, Any]:
    """A tick at each criterion's current weight."""
    return dict(
        type="scatter",
        y=rows,
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


def _stability_layout(rows: list[str]) -> dict[str, Any]:
    return dict(
        title=chart_title(STABILITY_TITLE),
        barmode="overlay",
        yaxis={"autorange": "reversed", "categoryorder": "array", "categoryarray": rows},
        xaxis={"range": [0, 100], "title": {"text": "Weight (% of the decision)"}},
        uniformtext={"minsize": 9, "mode": "hide"},
        legend={"orientation": "h", "yanchor": "top", "y": -0.3, "x": 0},
        margin={"l": 10, "r": 10, "t": 20, "b": 10},
        height=180 + 52 * len(rows),
    )


def stability_figure(rec: Recommendation, trust: TrustAnalysis) -> go.Figure:
    """Per criterion a 0-100 % bar: where the recommendation holds (green), where another
    solution takes over (orange, named), and a mark at the current weight."""
    rows = _criterion_rows(rec, trust)
    labels = solution_labels(rec)
    intervals = trust.intervals
    below = _taken_bar(rows, intervals, labels, below=True, show_legend=True)
    above = _taken_bar(rows, intervals, labels, below=False, show_legend=below is None)
    holds = _holds_bar(rows, intervals, labels[trust.robustness.top_index])
    traces = [t for t in (below, holds, above, _weight_marker(rows, intervals)) if t is not None]
    return go.Figure(data=traces, layout=_stability_layout(rows))


# --- head-to-head ---------------------------------------------------------------------------------


def _duel_bars(duel: HeadToHead, names: dict[str, str], a: str, b: str) -> list[dict[str, Any]]:
    """One bar trace per side (A gains, B gains, even), each with its criteria's points."""
    traces: list[dict[str, Any]] = []
    groups = (
        (duel.option_a, wrapped(f"{a} gains", LEGEND_WIDTH), A_COLOUR),
        (duel.option_b, wrapped(f"{b} gains", LEGEND_WIDTH), B_COLOUR),
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
    return traces


def head_to_head_figure(rec: Recommendation, duel: HeadToHead) -> go.Figure:
    """Diverging bars: per criterion, the points of the total that favour A (right) or
    B (left); they add up to A's lead."""
    kb = rec.kb
    labels = labels_by_id(rec)
    a, b = labels[duel.option_a], labels[duel.option_b]
    names = {d.criterion: kb.criterion(d.criterion).name for d in duel.duels}
    traces = _duel_bars(duel, names, a, b)
    reach = max((abs(d.points) for d in duel.duels), default=0.0)
    reach = max(reach * 1.3, 1.0)
    total = score_name(get_method(duel.method))
    layout = dict(
        title=chart_title(HEAD_TO_HEAD_TITLE),
        barmode="relative",
        yaxis={
            "autorange": "reversed",
            "categoryorder": "array",
            "categoryarray": [kb.criterion(c).name for c in kb.criterion_ids],
        },
        xaxis={
            "range": [-reach, reach],
            "zeroline": True,
            "zerolinewidth": 2,
            "zerolinecolor": "#555555",
            # one line per side: on one line both names ran off a phone's chart at either end
            "title": {
                "text": f"Points of the {total}<br>\u2190 {short(b, AXIS_NAME_WIDTH)}<br>"
                f"{short(a, AXIS_NAME_WIDTH)} \u2192"
            },
            "automargin": True,
        },
        # below the axis title's three lines
        legend={"orientation": "h", "yanchor": "top", "y": -0.55, "x": 0},
        margin={"l": 10, "r": 10, "t": 20, "b": 10},
        height=420,
    )
    return go.Figure(data=traces, layout=layout)
