"""A chart drawn with its text alternative, so that no page shows a chart a person who cannot see
it has no way to read: the figure named after its title (for screen readers), and the same numbers
as a table right under it."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

TABLE_LABEL = "Chart as a table"


def title_text(figure: go.Figure) -> str:
    """A figure's title as read aloud: without the line breaks and markup it is wrapped with."""
    title = figure.layout.title.text or ""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", title)).strip()


def chart_with_table(
    figure: go.Figure, key: str, table: pd.DataFrame, *, folded: bool = True
) -> None:
    """The figure, named by its title, and ``table`` (built from the same numbers) under it.

    Folded, the table waits in an expander named after the chart, for charts whose reading is
    plain from the text around them; unfolded, it is part of the section (the numbers there are
    what a person compares).
    """
    title = _plot(figure, key)
    if not folded:
        st.dataframe(table, width="stretch")
        return
    _folded_table(title, table)


def small_multiples_with_table(
    title: str,
    figures: Sequence[go.Figure],
    key: str,
    table: pd.DataFrame,
    *,
    columns: int = 3,
) -> None:
    """Small charts under one heading, ``columns`` across (Streamlit stacks columns one under
    another on a phone, so each keeps a readable size), then their numbers as one folded table.
    Each chart's key is ``key`` and its place, from 1."""
    st.markdown(f"**{title}**")
    for start in range(0, len(figures), columns):
        row = figures[start : start + columns]
        for place, (column, figure) in enumerate(
            zip(st.columns(columns), row, strict=False), start + 1
        ):
            with column:
                _plot(figure, f"{key}_{place}")
    _folded_table(title, table)


def _plot(figure: go.Figure, key: str) -> str:
    """Draw the figure named by its title, which it must have; return the title."""
    title = title_text(figure)
    if not title:
        raise ValueError(f"chart {key!r} has no title to name it by")
    st.plotly_chart(figure, key=key, width="stretch", alt=title)
    return title


def _folded_table(title: str, table: pd.DataFrame) -> None:
    with st.expander(f"{TABLE_LABEL}: {title}", icon=":material/table:"):
        st.dataframe(table, width="stretch")
