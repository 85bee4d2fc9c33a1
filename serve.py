"""Run the dashboard behind its guard: ``streamlit run serve.py`` (what ``scripts/run-app.sh`` does).

``app.py`` stays the Streamlit entry point (page config and navigation); this file wraps it in an
ASGI app whose middleware and start-up hook (``ui/common/guard.py``) handle what happens before a page's
script runs: odd addresses, links over Streamlit's caps, private metrics, and a broken knowledge
base reported at start-up. ``streamlit run app.py`` still works, without those.
"""

from __future__ import annotations

import streamlit as st
from starlette.middleware import Middleware

from ui.common.guard import Guard, lifespan

app = st.App("app.py", lifespan=lifespan, middleware=[Middleware(Guard)])
