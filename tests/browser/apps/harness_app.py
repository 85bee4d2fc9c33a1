"""Tiny app paired with test_harness.py: one widget, one chart, one deliberate exception."""

import plotly.graph_objects as go
import streamlit as st

st.title("Harness app")
choice = st.segmented_control("Colour", ["Red", "Blue"], default="Red", key="colour")
st.write(f"You chose {choice}")
shapes = st.pills(
    "Shapes", ["Circle", "Square", "Star"], selection_mode="multi", default=["Circle"], key="shapes"
)
st.write(f"Shapes: {', '.join(shapes) or 'none'}")

figure = go.Figure(
    go.Scatterpolar(r=[1, 3, 2, 4, 1], theta=["a", "b", "c", "d", "a"], fill="toself")
)
figure.update_layout(height=300, margin={"t": 20, "b": 20})
st.plotly_chart(figure)

if st.query_params.get("empty_chart") == "1":
    st.plotly_chart(go.Figure(), key="empty")  # no data at all
    st.plotly_chart(go.Figure(go.Scatterpolar(r=[], theta=[])), key="empty_radar")  # axes only

if st.button("Raise"):
    raise RuntimeError("deliberate failure for the harness self-test")
