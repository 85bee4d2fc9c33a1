"""Session state <-> answers and the URL: the one place that reads and writes them.

The canonical answers are a JSON-form dict under ``ANSWERS`` (never a widget key, so Streamlit's
clean-up of undrawn widgets cannot delete it). Every page calls :func:`sync` first. The URL is read
on a session's first run only: a link opened in the browser (typed, pasted, followed, reloaded, or
reconnected after the server restarted) is a page load, and a page load starts a new session. After
that the URL only ever holds the app's own writes, and a rerun can carry a stale copy of them (the
browser sends a widget change before it has applied the previous URL update), so reading it again
would put old answers over new ones. From then on the URL is only rewritten from the answers, so the
address bar is always a shareable link, on every page.

What-if weights (criterion -> importance 0-100, see ``ui.common.links``) live under ``WEIGHTS`` the same
way; None means the weights come from the answers. Changing an answer clears them: the derived
weights (or the person's own priorities) follow the answers, and a what-if set for other answers
would silently override them.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from scoring.answers import default_answers
from scoring.knowledge import KnowledgeBase
from scoring.methods import DEFAULT_METHOD, get_method, resolve_normalization
from ui.common.fields import field_label
from ui.common.links import (
    NOTICE_PARAM,
    WEIGHTS_PARAM,
    Importance,
    LinkProblem,
    PageView,
    decode_query,
    describe_notice,
    encode_query,
    is_link,
)
from ui.common.page_view import (
    CERTAINTY_IDS,
    DEFAULT_CERTAINTY_ID,
    DEFAULT_TAB,
    TABS,
    certainty_id,
    judgement_id,
    view_options,
)
from ui.common.text import md
from ui.weights.whatif import AHP_PREFIX

ANSWERS = "answers"
METHOD = "method"
NORMALIZATION = "normalization"
LINK_PROBLEMS = "link_problems"
NOTICE = "server_notice"
PRIORITY_DRAFT = "priority_draft"
WEIGHTS = "custom_weights"
STEP = "step"
TAB = "view_tab"
CERTAINTY = "view_certainty"
PAIR = "view_pair"
JUDGEMENTS = "ahp_codes"
ANSWERED = "answered_fields"


def sync(kb: KnowledgeBase) -> None:
    """On a session's first run, load the answers from the link in the URL (leniently) or take the
    defaults; on every later run keep them. Then write the URL."""
    if ANSWERS not in st.session_state:
        params = st.query_params.to_dict()
        notice = params.pop(NOTICE_PARAM, None)
        if notice is not None:
            st.session_state[NOTICE] = describe_notice(notice)
        if is_link(params):
            decoded = decode_query(kb, params, view_options(kb))
            st.session_state[ANSWERS] = decoded.answers.to_dict()
            st.session_state[METHOD] = decoded.method
            st.session_state[NORMALIZATION] = decoded.normalization
            st.session_state[WEIGHTS] = decoded.weights
            st.session_state[LINK_PROBLEMS] = list(decoded.problems)
            # A link's answers are the sender's, empty ones included (an empty optional field
            # is an answer too); only a field the link lacks takes the default unasked.
            st.session_state[ANSWERED] = {q.id for q in kb.questions if q.id in params}
            _set_view(decoded.view)
        else:
            st.session_state[ANSWERS] = default_answers(kb).to_dict()
    st.session_state.setdefault(METHOD, DEFAULT_METHOD)
    st.session_state.setdefault(NORMALIZATION, None)
    write_url()


def query_params() -> dict[str, str]:
    """The link: answers, method, what-if weights when they can be used (not all zero), and what
    the recommendation page shows beyond its defaults."""
    custom = custom_weights()
    usable = custom if custom is not None and any(custom.values()) else None
    return encode_query(raw_answers(), method(), normalization(), usable, view())


def _set_view(view: PageView) -> None:
    st.session_state[TAB] = view.tab or DEFAULT_TAB
    st.session_state[CERTAINTY] = view.certainty or DEFAULT_CERTAINTY_ID
    st.session_state[PAIR] = view.pair
    if view.judgements:
        st.session_state[JUDGEMENTS] = {AHP_PREFIX + k: v for k, v in view.judgements.items()}


def view() -> PageView:
    """What the recommendation page shows beyond the answers (defaults left out of the link)."""
    judgements = st.session_state.get(JUDGEMENTS) or {}
    return PageView(
        tab=None if tab() == DEFAULT_TAB else tab(),
        certainty=None if _certainty_id() == DEFAULT_CERTAINTY_ID else _certainty_id(),
        pair=pair(),
        judgements={judgement_id(k): v for k, v in judgements.items()} or None,
    )


def tab() -> str:
    """The open tab's id."""
    chosen = st.session_state.get(TAB, DEFAULT_TAB)
    return chosen if chosen in TABS else DEFAULT_TAB


def set_tab(tab_id: str) -> None:
    st.session_state[TAB] = tab_id


def _certainty_id() -> str:
    chosen = st.session_state.get(CERTAINTY, DEFAULT_CERTAINTY_ID)
    return chosen if chosen in CERTAINTY_IDS else DEFAULT_CERTAINTY_ID


def certainty() -> str:
    """The certainty of the weights, as its label (``Fairly sure``)."""
    return CERTAINTY_IDS[_certainty_id()]


def set_certainty(label: str) -> None:
    st.session_state[CERTAINTY] = certainty_id(label)


def pair() -> tuple[str, str] | None:
    """The head-to-head pair the person picked, or None to follow the ranking."""
    return st.session_state.get(PAIR)


def set_pair(chosen: tuple[str, str] | None) -> None:
    st.session_state[PAIR] = chosen


def answered() -> set[str]:
    """The questions the person answered (on the questionnaire or in the link they opened)."""
    return st.session_state.setdefault(ANSWERED, set())


def write_url() -> None:
    """Mirror the canonical answers into the URL (only when they differ: each write is a message)."""
    params = query_params()
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


def raw_answers() -> dict[str, Any]:
    return st.session_state[ANSWERS]


def set_answer(field: str, value: Any) -> None:
    """Change one canonical answer; a person editing answers has moved on from a bad link."""
    st.session_state[ANSWERS][field] = value
    answered().add(field)
    st.session_state.pop(LINK_PROBLEMS, None)
    st.session_state.pop(NOTICE, None)
    st.session_state[WEIGHTS] = None


def custom_weights() -> Importance | None:
    """The what-if weights (importance 0-100 per criterion), or None for the answers' weights."""
    return st.session_state.get(WEIGHTS)


def set_custom_weights(importance: Importance | None) -> None:
    """Set (or, with None, clear) the what-if weights; the URL follows on the next write."""
    st.session_state[WEIGHTS] = None if importance is None else dict(importance)


def method() -> str:
    return st.session_state.get(METHOD, DEFAULT_METHOD)


def normalization() -> str | None:
    """The normalisation of the current method (its default when none was chosen)."""
    return resolve_normalization(get_method(method()), st.session_state.get(NORMALIZATION))


WEIGHTS_LABEL = "What-if weights"


def _describe(kb: KnowledgeBase, problem: LinkProblem) -> str:
    label = WEIGHTS_LABEL if problem.field == WEIGHTS_PARAM else field_label(kb, problem.field)
    name = f"**{md(label)}** ({md(problem.field)})" if label != problem.field else md(problem.field)
    return f"{name}: {md(problem.message)}"


def show_link_problems(kb: KnowledgeBase) -> None:
    """Say what the server did with an odd address, and warn about the bad parts of a shared link
    (escaped: the values come from the URL)."""
    notice = st.session_state.get(NOTICE)
    if notice:
        st.info(md(notice), icon=":material/alt_route:")
    problems: list[LinkProblem] = st.session_state.get(LINK_PROBLEMS) or []
    if not problems:
        return
    lines = "\n".join(f"- {_describe(kb, p)}" for p in problems)
    st.warning(
        "This link had values the advisor could not use as they were. Unless a line below says "
        "otherwise, these fields use their defaults instead (and unknown parameters are "
        f"ignored):\n\n{lines}",
        icon=":material/link_off:",
    )
