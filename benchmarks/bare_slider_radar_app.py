"""A bare page with one slider and a radar chart that follows it: the baseline for a what-if
slider key press on the recommendation page in benchmarks/bench_browser_page.py."""

import plotly.graph_objects as go
import streamlit as st

axes = ["Modality", "Efficiency", "Accuracy", "Data privacy", "Cost"]
value = st.slider("Weight", 0, 100, 50)
figure = go.Figure(
    go.Scatterpolar(r=[value, 40, 60, 30, 50], theta=axes, fill="toself", name="Needs")
)
figure.update_layout(title="Needs", height=420, polar={"radialaxis": {"range": [0, 100]}})
st.plotly_chart(figure, key="radar", width="stretch")
