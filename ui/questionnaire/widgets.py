"""One questionnaire widget per field kind, as docs/ui-contract.md prescribes.

Each widget shows the canonical answer when it is drawn afresh (see :func:`_shown`) and writes back
through an ``on_change`` callback (callbacks run before the script, so the page always draws the new value);
after drawing, the canonical answer is checked against the widget once more (see :func:`_adopt`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from scoring.knowledge import KnowledgeBase
from scoring.knowledge.schema import Question
from ui.common import state
from ui.common.fields import cut_message, fit_text
from ui.common.text import md
from ui.questionnaire.form import (
    PRIORITIES_TOGGLE,
    priority_key,
    problem_text,
    question_label,
    seed_values,
    uses_buttons,
    uses_text_area,
    validate,
    value_from_widgets,
    widget_key,
)
from ui.weights.whatif import weights_from_importance, weights_sentence

CUT_NOTES = "cut_notes"
"""Session key: field -> what was cut from its last over-long text (shown under the widget)."""
CHECKED = "answers_checked"
"""Session key: the person asked for the recommendation with answers that are not complete, so
every question with a problem shows it, touched or not."""


def _commit(question: Question, criteria: tuple[str, ...], in_callback: bool = True) -> None:
    """Callback: copy a widget's value into the canonical answers.

    Text longer than the question allows keeps what fits (the widget is set to it too, which a
    callback may do) and the page says what was cut, instead of the browser dropping the paste.
    """
    previous = state.raw_answers().get(question.id)
    widgets: Mapping[str, Any] = st.session_state
    if question.kind == "text":
        value = value_from_widgets(question, widgets, previous, criteria)
        kept, cut = fit_text(question, value) if isinstance(value, str) else (value, "")
        notes = st.session_state.setdefault(CUT_NOTES, {})
        if cut:
            notes[question.id] = cut_message(question, kept, cut)
            if in_callback:
                st.session_state[widget_key(question.id)] = kept
        else:
            notes.pop(question.id, None)
        state.set_answer(question.id, kept)
        return
    if question.kind == "priorities":
        # The sliders are on the page only while the toggle is on; the draft keeps their last
        # positions, so switching own priorities off and on again brings them back.
        draft = dict(st.session_state.get(state.PRIORITY_DRAFT) or {})
        for criterion in criteria:
            if st.session_state.get(priority_key(criterion)):
                draft[criterion] = st.session_state[priority_key(criterion)]
        st.session_state[state.PRIORITY_DRAFT] = draft
        widgets = {
            PRIORITIES_TOGGLE: st.session_state.get(PRIORITIES_TOGGLE, False),
            **{priority_key(c): v for c, v in draft.items()},
        }
    state.set_answer(question.id, value_from_widgets(question, widgets, previous, criteria))


def _shown(question: Question, criteria: tuple[str, ...]) -> dict[str, Any]:
    """Widget key -> the value a widget shows when it is drawn afresh: the canonical answer.

    It is passed as the widget's default (``value``, ``default``, ``index``), never assigned to
    ``st.session_state``: Streamlit uses a default only when the widget is not on the page yet (first
    drawn in this session, or not drawn in the last run: another step or page), while every
    assignment is pushed to the browser and overrides what the widget holds there. The browser may
    have moved on since this run began (a click or keystroke sent meanwhile; Streamlit can even
    start the next run while this one is still in its callbacks), so pushing the canonical answer
    back to a widget on the page would undo that input.
    """
    draft = st.session_state.get(state.PRIORITY_DRAFT)
    return seed_values(question, state.raw_answers(), criteria, draft)


def _adopt(question: Question, criteria: tuple[str, ...]) -> None:
    """After drawing: the canonical answer is what the widget holds. The ``on_change`` callback
    normally did this already; when two runs overlap, the later one settles it here."""
    previous = state.raw_answers().get(question.id)
    value = value_from_widgets(question, st.session_state, previous, criteria)
    if question.kind == "text" and isinstance(value, str):
        value = fit_text(question, value)[0]
    if value != previous:
        _commit(question, criteria, in_callback=False)


def _labeller(question: Question) -> Callable[[str], str]:
    labels = {c.id: c.label for c in question.choices}
    return lambda choice: labels.get(choice, choice)


def render_question(kb: KnowledgeBase, question: Question) -> None:
    """Draw the widget(s) for one question, with its help text from the knowledge base."""
    criteria = kb.criterion_ids
    shown = _shown(question, criteria)
    common = {"help": question.help, "on_change": _commit, "args": (question, criteria)}
    key = widget_key(question.id)
    ids = [c.id for c in question.choices]
    label = question_label(question)
    if uses_text_area(question):
        st.text_area(
            label,
            value=shown[key],
            key=key,
            **common,
        )
    elif question.kind == "text":
        st.text_input(
            label,
            value=shown[key],
            key=key,
            **common,
        )
    elif question.kind == "multi":
        st.pills(
            label,
            ids,
            selection_mode="multi",
            default=shown[key],
            format_func=_labeller(question),
            key=key,
            **common,
        )
    elif uses_buttons(question):
        st.segmented_control(
            label,
            ids,
            default=shown[key],
            format_func=_labeller(question),
            required=True,
            key=key,
            **common,
        )
    elif question.kind == "choice":
        st.selectbox(
            label,
            ids,
            index=ids.index(shown[key]),
            format_func=_labeller(question),
            key=key,
            **common,
        )
    elif question.kind == "count":
        # An emptied box must read as "use the volume level", so the widget's default stays
        # None (a default of 40,000 would come back when the box is emptied) and the saved
        # answer is seeded only when the widget is drawn afresh, never over what it holds.
        if key not in st.session_state:
            st.session_state[key] = shown[key]
        st.number_input(
            label,
            min_value=question.min,
            max_value=question.max,
            value=None,
            step=1,
            format="%d",
            placeholder="Use the volume level",
            key=key,
            **common,
        )
    else:
        _render_priorities(kb, question, shown)
    _adopt(question, criteria)
    note = st.session_state.get(CUT_NOTES, {}).get(question.id)
    if note:
        st.warning(md(note), icon=":material/content_cut:")
    _problem(kb, question)


def _problem(kb: KnowledgeBase, question: Question) -> None:
    """Right under the widget: what is wrong with this answer, once the person has changed it or
    asked for the recommendation (an untouched default is not scolded before then)."""
    _, problem = validate(kb, state.raw_answers())
    if problem is None or problem.field != question.id:
        return
    if question.id not in state.answered() and not st.session_state.get(CHECKED):
        return
    value = state.raw_answers().get(question.id)
    st.error(md(problem_text(kb, problem, value)), icon=":material/error:")


def _render_priorities(kb: KnowledgeBase, question: Question, shown: dict[str, Any]) -> None:
    """An opt-in toggle; when on, one 1-5 slider per criterion replaces the derived weights."""
    on = st.toggle(
        "Set my own priorities",
        value=shown[PRIORITIES_TOGGLE],
        key=PRIORITIES_TOGGLE,
        help=question.help,
        on_change=_commit,
        args=(question, kb.criterion_ids),
    )
    if not on:
        st.caption("Off: the weights are derived from your other answers.")
        return
    st.caption(
        "Say how much each criterion matters, from 1 (little) to 5 (most); the weights are these "
        "numbers divided by their total, in percent below."
    )
    levels: dict[str, float] = {}
    for criterion in kb.criteria:
        levels[criterion.id] = st.slider(
            criterion.name,
            min_value=question.min or 1,
            max_value=question.max or 5,
            step=1,
            value=shown[priority_key(criterion.id)],
            key=priority_key(criterion.id),
            help=criterion.definition,
            on_change=_commit,
            args=(question, kb.criterion_ids),
        )
    weights = weights_from_importance(levels)
    if weights is not None:  # 1 is the sliders' minimum, so never all zero
        st.caption(md(weights_sentence(kb, weights)))
