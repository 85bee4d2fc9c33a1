"""The knowledge-base page: pure builders (text, method, frames) and the Streamlit view."""
