"""Questionnaire: the answers, one step at a time; every step can go straight to the recommendation."""

import streamlit as st

from ui.common import state
from ui.common.fields import field_label
from ui.common.knowledge import knowledge_base
from ui.common.layout import ensure_entry_point, product_header
from ui.common.text import md
from ui.questionnaire.form import steps, validate
from ui.questionnaire.widgets import render_question

RECOMMENDATION_PAGE = "pages/recommendation.py"


def _move(delta: int, count: int) -> None:
    """Button callback: go to the previous or next step (runs before the page is drawn)."""
    st.session_state[state.STEP] = min(
        max(st.session_state.get(state.STEP, 0) + delta, 0), count - 1
    )


ensure_entry_point()
kb = knowledge_base()
state.sync(kb)
product_header()
state.show_link_problems(kb)

all_steps = steps(kb)
index = min(max(st.session_state.get(state.STEP, 0), 0), len(all_steps) - 1)
step = all_steps[index]
st.progress((index + 1) / len(all_steps))
st.caption(f"Step {index + 1} of {len(all_steps)}: {step.title}")
st.subheader(step.title)

for question in step.questions:
    render_question(kb, question)

back, forward, see = st.columns([1, 1, 2], vertical_alignment="center")
back.button(
    "Back",
    key="nav_back",
    disabled=index == 0,
    on_click=_move,
    args=(-1, len(all_steps)),
    icon=":material/arrow_back:",
    width="stretch",
)
forward.button(
    "Next",
    key="nav_next",
    disabled=index == len(all_steps) - 1,
    on_click=_move,
    args=(1, len(all_steps)),
    icon=":material/arrow_forward:",
    width="stretch",
)
if see.button("See recommendation", key="see_recommendation", type="primary", width="stretch"):
    _, problem = validate(kb, state.raw_answers())
    if problem is not None:
        st.error(
            f"Please fix **{md(field_label(kb, problem.field))}** ({md(problem.field)}): "
            f"{md(problem.message)}",
            icon=":material/error:",
        )
    else:
        st.switch_page(
            RECOMMENDATION_PAGE,
            query_params=state.query_params(),
        )
