"""Every chart has a title and a text alternative: a table built from the same numbers that names the
same things the chart draws (solutions, criteria), so a person who cannot see the chart loses
nothing. Each builder pair is checked on the outcomes it is drawn for, and the helper that draws a
chart with its table is checked in a real script run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest
from support import NO_FIT_FIELDS, ONLY_OPTION_FIELDS, TOSS_UP_FIELDS

from scoring.answers import parse_answers
from scoring.engine import Recommendation, recommend
from scoring.head_to_head import head_to_head
from scoring.knowledge import default_knowledge_base
from scoring.trust import analyse_trust
from ui.common.chart_view import TABLE_LABEL, chart_with_table, title_text
from ui.recommendation.charts import (
    TOTAL_COLUMN,
    VOLUME_SCALES,
    contribution_figure,
    contribution_frame,
    cost_volume_figure,
    cost_volume_frame,
    profile_figures,
    profiles_frame,
    radar_figure,
    value_figure,
    value_frame,
)
from ui.trust.charts import acceptability_figure, head_to_head_figure, stability_figure
from ui.trust.text import acceptability_frame, duel_frame, stability_frame
from ui.weights.whatif import WEIGHT_COLUMN, radar_frame

KB = default_knowledge_base()
RECS = {
    "recommend": recommend(KB, parse_answers(KB, TOSS_UP_FIELDS)),
    "only_option": recommend(KB, parse_answers(KB, ONLY_OPTION_FIELDS)),
    "no_fit": recommend(KB, parse_answers(KB, NO_FIT_FIELDS)),
}
CLOSE = RECS["recommend"]
TRUST = analyse_trust(CLOSE, samples=2_000)
DUEL = head_to_head(CLOSE, CLOSE.top.option, CLOSE.ranking[1].option)


def unwrapped(text: str) -> str:
    """A label as written, without the line breaks a figure wraps it with."""
    return " ".join(text.replace("<br>", " ").split())


@dataclass(frozen=True)
class Pair:
    """A figure (or small multiples), its table, and what each says it shows (in the order it
    shows them)."""

    figure: Callable[[Recommendation], Any]
    table: Callable[[Recommendation], pd.DataFrame]
    drawn: Callable[[Any], list[str]]
    listed: Callable[[pd.DataFrame], list[str]]
    outcomes: tuple[str, ...] = tuple(RECS)


def trace_names(figure: go.Figure) -> list[str]:
    return [t.name for t in figure.data]


def first_trace_rows(figure: go.Figure) -> list[str]:
    return [unwrapped(y) for y in figure.data[0].y]


def every_trace_row(figure: go.Figure) -> list[str]:
    return list(dict.fromkeys(unwrapped(y) for t in figure.data for y in t.y))


def index(frame: pd.DataFrame) -> list[str]:
    return [str(i) for i in frame.index]


PAIRS: dict[str, Pair] = {
    "radar": Pair(
        lambda rec: radar_figure(KB, rec),
        lambda rec: radar_frame(KB, rec),
        # solutions, drawn in reverse rank order under the needs line
        lambda fig: [unwrapped(t.name) for t in fig.data if t.line.dash != "dash"][::-1],
        lambda frame: [c for c in frame.columns if c != WEIGHT_COLUMN],
    ),
    "profiles": Pair(
        lambda rec: profile_figures(KB, rec),
        lambda rec: profiles_frame(KB, rec),
        lambda figures: [title_text(f) for f in figures],
        lambda frame: list(frame.columns),
    ),
    "contributions, criteria": Pair(
        lambda rec: contribution_figure(KB, rec),
        lambda rec: contribution_frame(KB, rec),
        trace_names,
        lambda frame: [c for c in frame.columns if c != TOTAL_COLUMN],
    ),
    "contributions, solutions": Pair(
        lambda rec: contribution_figure(KB, rec),
        lambda rec: contribution_frame(KB, rec),
        first_trace_rows,
        index,
    ),
    "cost_volume": Pair(
        lambda rec: cost_volume_figure(KB, rec),
        lambda rec: cost_volume_frame(KB, rec),
        lambda fig: [unwrapped(t.name) for t in fig.data if t.mode == "lines"],
        index,
    ),
    "value": Pair(
        lambda rec: value_figure(KB, rec),
        lambda rec: value_frame(KB, rec),
        lambda fig: list(fig.data[0].text),
        index,
    ),
    "acceptability": Pair(
        lambda rec: acceptability_figure(rec, TRUST),
        lambda rec: acceptability_frame(rec, TRUST),
        first_trace_rows,
        index,
        ("recommend",),
    ),
    "stability": Pair(
        lambda rec: stability_figure(rec, TRUST),
        lambda rec: stability_frame(rec, TRUST),
        # the chart's rows say the weight too ("Cost: 20 %"); the table has it in a column
        lambda fig: [
            row.rsplit(":", 1)[0]
            for row in fig.layout.yaxis.categoryarray
            if row in every_trace_row(fig)
        ],
        index,
        ("recommend",),
    ),
    "head_to_head": Pair(
        lambda rec: head_to_head_figure(rec, DUEL),
        lambda rec: duel_frame(rec, DUEL),
        lambda fig: sorted(every_trace_row(fig)),
        lambda frame: sorted(index(frame)),
        ("recommend",),
    ),
}
CASES = [(name, outcome) for name, pair in PAIRS.items() for outcome in pair.outcomes]


def test_the_scenarios_give_their_outcomes() -> None:
    assert {outcome: rec.outcome for outcome, rec in RECS.items()} == {o: o for o in RECS}


@pytest.mark.parametrize(("name", "outcome"), CASES)
def test_every_chart_has_a_title_and_a_table_naming_what_it_draws(name: str, outcome: str) -> None:
    pair, rec = PAIRS[name], RECS[outcome]
    figure, table = pair.figure(rec), pair.table(rec)
    for each in figure if isinstance(figure, list) else [figure]:
        assert title_text(each), name
    drawn = pair.drawn(figure)
    assert drawn, f"{name}: the figure draws nothing to compare"
    assert pair.listed(table) == drawn


def test_the_tables_carry_the_charts_numbers() -> None:
    """Spot checks that the tables are the figures' own numbers, rounded, not a second estimate."""
    bars = contribution_figure(KB, CLOSE).data
    contributions = contribution_frame(KB, CLOSE)
    for trace in bars:
        assert contributions[trace.name].tolist() == pytest.approx(list(trace.x), abs=0.05)
    assert contributions[TOTAL_COLUMN].tolist() == pytest.approx(
        [sum(t.x[i] for t in bars) for i in range(len(contributions))], abs=0.1
    )

    (point,) = value_figure(KB, CLOSE).data
    value = value_frame(KB, CLOSE)
    assert value.iloc[:, 0].tolist() == pytest.approx(list(point.x), abs=0.5)
    assert value.iloc[:, 1].tolist() == pytest.approx(list(point.y), abs=0.05)

    lines = [t for t in cost_volume_figure(KB, CLOSE).data if t.mode == "lines"]
    costs = cost_volume_frame(KB, CLOSE)
    middle = list(VOLUME_SCALES).index(1.0)
    assert costs.iloc[:, 0].tolist() == pytest.approx([t.y[0] for t in lines], abs=0.5)
    assert costs.iloc[:, 1].tolist() == pytest.approx([t.y[middle] for t in lines], abs=0.5)
    assert costs.iloc[:, 2].tolist() == pytest.approx([t.y[-1] for t in lines], abs=0.5)

    profiles = profiles_frame(KB, CLOSE)
    for column, figure in zip(profiles.columns, profile_figures(KB, CLOSE), strict=True):
        assert profiles[column].tolist() == pytest.approx(list(figure.data[0].r[:-1]), abs=0.05)


def test_title_text_reads_a_wrapped_title_as_one_sentence() -> None:
    figure = go.Figure(layout={"title": {"text": "How often each <br>top solution <b>ranks</b>"}})
    assert title_text(figure) == "How often each top solution ranks"
    assert title_text(go.Figure()) == ""


def _page_with_a_chart(title: str, folded: bool) -> None:
    import pandas as pd
    import plotly.graph_objects as go

    from ui.common.chart_view import chart_with_table

    figure = go.Figure(data=[{"type": "bar", "x": [1, 2], "y": ["a", "b"]}])
    figure.update_layout(title={"text": title})
    chart_with_table(figure, "demo", pd.DataFrame({"x": [1, 2]}, index=["a", "b"]), folded=folded)


@pytest.mark.parametrize("folded", [True, False])
def test_the_helper_names_the_chart_and_puts_its_table_under_it(folded: bool) -> None:
    at = AppTest.from_function(_page_with_a_chart, args=("Two <br>bars", folded)).run()
    assert not at.exception
    (chart,) = at.get("plotly_chart")
    assert chart.proto.alt == "Two bars"
    (frame,) = at.dataframe
    assert frame.value.index.tolist() == ["a", "b"]
    labels = [e.label for e in at.expander]
    assert labels == ([f"{TABLE_LABEL}: Two bars"] if folded else [])


def test_the_helper_refuses_a_chart_without_a_title() -> None:
    with pytest.raises(ValueError, match="no title"):
        chart_with_table(go.Figure(), "untitled", pd.DataFrame())


def _page_with_small_multiples(count: int) -> None:
    import pandas as pd
    import plotly.graph_objects as go

    from ui.common.chart_view import small_multiples_with_table

    figures = [
        go.Figure(data=[{"type": "bar", "x": [n], "y": ["a"]}], layout={"title": {"text": f"{n}"}})
        for n in range(1, count + 1)
    ]
    table = pd.DataFrame({"x": list(range(1, count + 1))})
    small_multiples_with_table("Small ones", figures, "small", table, columns=3)


def test_small_multiples_go_three_across_each_named_then_one_table() -> None:
    at = AppTest.from_function(_page_with_small_multiples, args=(5,)).run()
    assert not at.exception
    charts = at.get("plotly_chart")
    assert [c.proto.id.rsplit("-", 1)[-1] for c in charts] == [f"small_{n}" for n in range(1, 6)]
    assert [c.proto.alt for c in charts] == ["1", "2", "3", "4", "5"]
    # two rows of three columns, the last one empty
    assert [len(column.get("plotly_chart")) for column in at.columns] == [1, 1, 1, 1, 1, 0]
    assert [e.label for e in at.expander] == [f"{TABLE_LABEL}: Small ones"]
    assert at.expander[0].dataframe[0].value["x"].tolist() == [1, 2, 3, 4, 5]
