"""Small app paired with test_trust.py: the recommendation page's weight and trust sections for
one close business, drawn in a fragment as the page draws them."""

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[2]
for folder in (TESTS.parent, TESTS):  # the repository (ui, scoring) and tests/ (support)
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import streamlit as st  # noqa: E402
from support import TOSS_UP_FIELDS  # noqa: E402

from scoring.answers import parse_answers  # noqa: E402
from scoring.knowledge import default_knowledge_base  # noqa: E402
from ui.trust import view as trust_view  # noqa: E402
from ui.trust.text import robustness_verdict  # noqa: E402
from ui.weights import whatif_view  # noqa: E402


@st.fragment
def sections() -> None:
    kb = default_knowledge_base()
    answers = parse_answers(kb, TOSS_UP_FIELDS)
    rec, base = whatif_view.recommendations(kb, answers, "wsm", None)
    trust = trust_view.analysis(kb, rec)
    st.header(f"Top: {rec.top.label}")
    st.caption(f"How sure: {robustness_verdict(rec, trust).title}")
    whatif_view.section(kb, rec, base)
    trust_view.robustness(kb, rec, trust)
    trust_view.stability(kb, rec, trust)


sections()
