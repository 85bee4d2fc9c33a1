"""Questionnaire: the answers, one step at a time; every step can go straight to the recommendation."""

import streamlit as st

from scoring.knowledge import KnowledgeBase
from ui.common import state
from ui.common.knowledge import knowledge_base
from ui.common.layout import ensure_entry_point, product_header
from ui.questionnaire.form import REQUIRED_LEGEND, Step, steps, validate
from ui.questionnaire.widgets import CHECKED, render_question

RECOMMENDATION_PAGE = "pages/recommendation.py"


def _check(kb: KnowledgeBase, all_steps: tuple[Step, ...]) -> None:
    """Button callback: with answers that are not complete, open the step of the first question
    with a problem, where the error shows right under it (runs before the page is drawn)."""
    _, problem = validate(kb, state.raw_answers())
    st.session_state[CHECKED] = problem is not None
    if problem is not None:
        st.session_state[state.STEP] = next(
            (n for n, s in enumerate(all_steps) if any(q.id == problem.field for q in s.questions)),
            st.session_state.get(state.STEP, 0),
        )


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
st.caption(REQUIRED_LEGEND)

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
if see.button(
    "See recommendation",
    key="see_recommendation",
    type="primary",
    width="stretch",
    on_click=_check,
    args=(kb, all_steps),
) and not st.session_state.get(CHECKED):
    st.switch_page(RECOMMENDATION_PAGE, query_params=state.query_params())
