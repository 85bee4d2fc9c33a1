"""One questionnaire widget per field kind, as docs/ui-contract.md prescribes.

Each widget is seeded from the canonical answers just before it is drawn and writes back through an
``on_change`` callback (callbacks run before the script, so the page always draws the new value).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from scoring.knowledge import KnowledgeBase
from scoring.knowledge.schema import Question
from ui.common import state
from ui.questionnaire.form import (
    PRIORITIES_TOGGLE,
    priority_key,
    seed_values,
    uses_buttons,
    uses_text_area,
    value_from_widgets,
    widget_key,
)


def _commit(question: Question, criteria: tuple[str, ...]) -> None:
    """Callback: copy a widget's value into the canonical answers."""
    previous = state.raw_answers().get(question.id)
    if question.kind == "priorities":
        drafted = {c: st.session_state.get(priority_key(c)) for c in criteria}
        st.session_state[state.PRIORITY_DRAFT] = {c: v for c, v in drafted.items() if v}
    state.set_answer(
        question.id, value_from_widgets(question, st.session_state, previous, criteria)
    )


def _seed(question: Question, criteria: tuple[str, ...]) -> None:
    draft = st.session_state.get(state.PRIORITY_DRAFT)
    for key, value in seed_values(question, state.raw_answers(), criteria, draft).items():
        st.session_state[key] = value


def _labeller(question: Question) -> Callable[[str], str]:
    labels = {c.id: c.label for c in question.choices}
    return lambda choice: labels.get(choice, choice)


def render_question(kb: KnowledgeBase, question: Question) -> None:
    """Draw the widget(s) for one question, with its help text from the knowledge base."""
    _seed(question, kb.criterion_ids)
    common = {"help": question.help, "on_change": _commit, "args": (question, kb.criterion_ids)}
    key = widget_key(question.id)
    ids = [c.id for c in question.choices]
    if uses_text_area(question):
        st.text_area(question.question, key=key, max_chars=question.max_length, **common)
    elif question.kind == "text":
        st.text_input(question.question, key=key, max_chars=question.max_length, **common)
    elif question.kind == "multi":
        st.pills(
            question.question,
            ids,
            selection_mode="multi",
            format_func=_labeller(question),
            key=key,
            **common,
        )
    elif uses_buttons(question):
        st.segmented_control(
            question.question,
            ids,
            format_func=_labeller(question),
            required=True,
            key=key,
            **common,
        )
    elif question.kind == "choice":
        st.selectbox(question.question, ids, format_func=_labeller(question), key=key, **common)
    elif question.kind == "count":
        st.number_input(
            question.question,
            value=None,  # always clearable: emptying the box means "use the volume level"
            min_value=question.min,
            max_value=question.max,
            step=1,
            format="%d",
            placeholder="Use the volume level",
            key=key,
            **common,
        )
    else:
        _render_priorities(kb, question)


def _render_priorities(kb: KnowledgeBase, question: Question) -> None:
    """An opt-in toggle; when on, one 1-5 slider per criterion replaces the derived weights."""
    on = st.toggle(
        "Set my own priorities",
        key=PRIORITIES_TOGGLE,
        help=question.help,
        on_change=_commit,
        args=(question, kb.criterion_ids),
    )
    if not on:
        st.caption("Off: the weights are derived from your other answers.")
        return
    for criterion in kb.criteria:
        st.slider(
            criterion.name,
            min_value=question.min or 1,
            max_value=question.max or 5,
            step=1,
            key=priority_key(criterion.id),
            help=criterion.definition,
            on_change=_commit,
            args=(question, kb.criterion_ids),
        )
