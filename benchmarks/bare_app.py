"""A bare one-widget Streamlit page: the baseline for benchmarks/bench_startup.py."""

import streamlit as st

st.text_input("Organization name")
