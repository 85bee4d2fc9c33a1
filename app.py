"""Entry point of the GenAI Decision Advisor: page config and navigation only.

Pages draw everything themselves (see docs/ui-contract.md); elements drawn here could vanish in
AppTest's multipage path, so this file stays this small on purpose.
"""

from pathlib import Path

import streamlit as st

# The icon ships with the app and is served from its own host (/media/...): a Material icon here
# would make the browser fetch it from a font host on every page load.
ICON = Path(__file__).resolve().parent / "ui" / "assets" / "icon.png"

st.set_page_config(
    page_title="GenAI Decision Advisor",
    page_icon=str(ICON),
    layout="wide",
    initial_sidebar_state="auto",
)

navigation = st.navigation(
    [
        st.Page(
            "pages/questionnaire.py",
            title="Questionnaire",
            url_path="questionnaire",
            icon=":material/checklist:",
            default=True,
        ),
        st.Page(
            "pages/recommendation.py",
            title="Recommendation",
            url_path="recommendation",
            icon=":material/recommend:",
        ),
        st.Page(
            "pages/knowledge_base.py",
            title="Knowledge base",
            url_path="knowledge-base",
            icon=":material/menu_book:",
        ),
    ]
)
navigation.run()
