"""Pairwise weighting (AHP) on the recommendation page: the second way to set the weights.

The criteria are compared one pair at a time ("pair 3 of 10"): which of the two matters more, and
by how much on Saaty's scale, each answer naming the criterion it favours. A pair nobody answered
stays unanswered (it is not "equal"), so the eigenvector weights, the consistency ratio with the
pinned random index and, above 0.10, the comparison to revisit appear only once every pair is
answered; a button then applies the weights as the what-if weights. The answers are kept in the
session state (like the answers) and carried by the link, so they survive a visit to another page.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from scoring.knowledge import KnowledgeBase
from ui.common import state
from ui.common.text import md
from ui.weights import whatif_view
from ui.weights.whatif import (
    Pair,
    ahp_result,
    ahp_weights_dict,
    consistency_sentence,
    importance_from_weights,
    inconsistency,
    inconsistency_sentence,
    option_label,
    pair_key,
    pair_options,
    pairs,
    unanswered,
    weights_sentence,
)

CODES = state.JUDGEMENTS
CURRENT = "ahp_current_pair"
"""Session key: the index of the pair on screen (not a widget, so it outlives other pages)."""
APPLY_KEY = "ahp_apply"
APPLY_LABEL = "Use these weights"
PREVIOUS_KEY = "ahp_previous"
NEXT_KEY = "ahp_next"
REVISIT_KEY = "ahp_revisit"
EXPANDER_LABEL = "Or compare the criteria in pairs (AHP) to set the weights"


def codes(kb: KnowledgeBase) -> dict[str, int]:
    """The answered pairs of this knowledge base's criteria (answer codes by pair key); a pair
    the person has not answered is absent."""
    stored = st.session_state.get(CODES) or {}
    return {pair_key(p): stored[pair_key(p)] for p in pairs(kb) if pair_key(p) in stored}


def _commit(key: str) -> None:
    """Radio callback: the pair's answer joins the judgements (the URL follows)."""
    judgements = dict(st.session_state.get(CODES) or {})
    code = st.session_state.get(key)
    if code is None:
        judgements.pop(key, None)
    else:
        judgements[key] = code
    st.session_state[CODES] = judgements


def _go(index: int) -> None:
    """Button callback: show another pair."""
    st.session_state[CURRENT] = index


def _apply(weights: Mapping[str, float]) -> None:
    """Button callback: the pairwise weights, as whole percentages, become the what-if weights."""
    importance = importance_from_weights(weights)
    state.set_custom_weights({c: float(v) for c, v in importance.items()})
    whatif_view.move_sliders(importance)


def _current(kb: KnowledgeBase, judgements: Mapping[str, int]) -> int:
    """The pair on screen: the one last shown, else the first unanswered one."""
    all_pairs = pairs(kb)
    if CURRENT not in st.session_state:
        missing = unanswered(kb, judgements)
        st.session_state[CURRENT] = all_pairs.index(missing[0]) if missing else 0
    return min(max(int(st.session_state[CURRENT]), 0), len(all_pairs) - 1)


def _question(kb: KnowledgeBase, pair: Pair, code: int | None) -> None:
    """One pair's question: its answers from the first criterion's end of the scale to the
    second's, none chosen until the person chooses (seeded from the saved answer only when the
    radio has no state: it is drawn afresh each time its pair comes back on screen)."""
    key = pair_key(pair)
    options = pair_options(code)
    first, second = (kb.criterion(c) for c in pair)
    st.radio(
        f"{first.short} or {second.short}: which matters more to you, and by how much?",
        options,
        index=None if code is None else options.index(code),
        format_func=lambda option: option_label(kb, pair, option),
        help=f"{first.name}: {first.definition}\n\n{second.name}: {second.definition}",
        key=key,
        on_change=_commit,
        args=(key,),
    )


def _navigation(index: int, count: int) -> None:
    back, forward = st.columns(2)
    back.button(
        "Previous pair",
        key=PREVIOUS_KEY,
        disabled=index == 0,
        on_click=_go,
        args=(index - 1,),
        icon=":material/arrow_back:",
        width="stretch",
    )
    forward.button(
        "Next pair",
        key=NEXT_KEY,
        disabled=index == count - 1,
        on_click=_go,
        args=(index + 1,),
        icon=":material/arrow_forward:",
        width="stretch",
    )


def _missing_line(kb: KnowledgeBase, missing: tuple[Pair, ...]) -> str:
    """``Not answered yet: pairs 2, 5 and 9.``, or the one pair left by name (plain text)."""
    numbers = [str(pairs(kb).index(p) + 1) for p in missing]
    if len(missing) == 1:
        first, second = (kb.criterion(c).short for c in missing[0])
        return f"Not answered yet: pair {numbers[0]} ({first} or {second})."
    return f"Not answered yet: pairs {', '.join(numbers[:-1])} and {numbers[-1]}."


def _result(kb: KnowledgeBase, judgements: Mapping[str, int]) -> None:
    """Once every pair is answered: the weights, the consistency and the way to apply them."""
    result = ahp_result(kb, judgements)
    weights = ahp_weights_dict(kb, result)
    st.markdown(md(weights_sentence(kb, weights)))
    found = inconsistency(kb, result)
    if found is None:
        st.caption(md(consistency_sentence(result)))
    else:
        st.warning(
            md(consistency_sentence(result)) + "\n\n" + md(inconsistency_sentence(kb, found)),
            icon=":material/warning:",
        )
        number = pairs(kb).index(found.pair) + 1
        st.button(
            f"Revisit pair {number}",
            key=REVISIT_KEY,
            on_click=_go,
            args=(number - 1,),
            icon=":material/undo:",
        )
    st.button(
        APPLY_LABEL,
        key=APPLY_KEY,
        on_click=_apply,
        args=(weights,),
        icon=":material/done:",
        help="Sets the what-if sliders to these weights (whole percentages).",
    )


def pairwise(kb: KnowledgeBase) -> None:
    with st.expander(EXPANDER_LABEL, icon=":material/compare_arrows:"):
        st.caption(
            "Compare the criteria two at a time: for each pair, choose which matters more and by "
            "how much, on Saaty's scale (equal, moderately, strongly, very strongly or extremely "
            "more important: 1, 3, 5, 7, 9 times). The weights are the principal eigenvector of "
            "the comparisons (Saaty's analytic hierarchy process), in percent like the sliders."
        )
        all_pairs = pairs(kb)
        judgements = codes(kb)
        index = _current(kb, judgements)
        pair = all_pairs[index]
        st.progress((index + 1) / len(all_pairs))
        st.caption(
            f"Pair {index + 1} of {len(all_pairs)} · {len(judgements)} of {len(all_pairs)} answered"
        )
        _question(kb, pair, judgements.get(pair_key(pair)))
        _navigation(index, len(all_pairs))
        missing = unanswered(kb, judgements)
        if missing:
            st.info(
                "The weights and the consistency ratio appear once every pair is answered; a "
                f"pair you skip is not taken as equal. {md(_missing_line(kb, missing))}",
                icon=":material/pending:",
            )
            return
        _result(kb, judgements)
