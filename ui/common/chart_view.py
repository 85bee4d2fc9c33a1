"""A chart drawn with its text alternative, so that no page shows a chart a person who cannot see
it has no way to read: the figure named after its title (for screen readers), and the same numbers
as a table right under it."""

from __future__ import annotations

import re

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
    title = title_text(figure)
    if not title:
        raise ValueError(f"chart {key!r} has no title to name it by")
    st.plotly_chart(figure, key=key, width="stretch", alt=title)
    if not folded:
        st.dataframe(table, width="stretch")
        return
    with st.expander(f"{TABLE_LABEL}: {title}", icon=":material/table:"):
        st.dataframe(table, width="stretch")
