"""A bare page with a heading and N Plotly charts (``?charts=N``, default 3): the baseline for the
recommendation page's first render in benchmarks/bench_browser_page.py."""

import plotly.graph_objects as go
import streamlit as st

st.header("Bare page")
count = int(st.query_params.get("charts", "3"))
for n in range(count):
    figure = go.Figure(go.Bar(x=["a", "b", "c", "d", "e"], y=[n + 1, 3, 2, 5, 4]))
    figure.update_layout(title=f"Chart {n + 1}", height=360)
    st.plotly_chart(figure, key=f"chart_{n}", width="stretch")
