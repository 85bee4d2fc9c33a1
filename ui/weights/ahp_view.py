"""Pairwise weighting (AHP) on the recommendation page: the second way to set the weights.

One select slider per pair of criteria (ten for five criteria), on Saaty's 1-9 scale; the eigenvector weights, the
consistency ratio with the pinned random index, a warning above 0.10 that names the comparison to
revisit and the value the other comparisons point to; and a button that applies the weights as the
what-if weights. The judgements are kept in the session state (like the answers), so they survive
a visit to another page.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from scoring.knowledge import KnowledgeBase
from ui.common import state
from ui.common.text import md
from ui.weights import whatif_view
from ui.weights.whatif import (
    JUDGEMENT_CODES,
    ahp_result,
    ahp_weights_dict,
    code_label,
    consistency_sentence,
    default_codes,
    importance_from_weights,
    inconsistency,
    inconsistency_sentence,
    pair_key,
    pairs,
    weights_line,
)

CODES = state.JUDGEMENTS
APPLY_KEY = "ahp_apply"
APPLY_LABEL = "Use these weights"
EXPANDER_LABEL = "Or compare the criteria in pairs (AHP) to set the weights"


def codes(kb: KnowledgeBase) -> dict[str, int]:
    """The judgements (slider codes by pair key), equal until the person changes them; a pair the
    stored judgements lack (another knowledge base's criteria) starts equal."""
    stored = st.session_state.get(CODES) or {}
    current = {key: stored.get(key, 1) for key in default_codes(kb)}
    st.session_state[CODES] = current
    return current


def _commit(keys: list[str]) -> None:
    st.session_state[CODES] = {key: st.session_state.get(key, 1) for key in keys}


def _apply(weights: Mapping[str, float]) -> None:
    """Button callback: the pairwise weights, as whole percentages, become the what-if weights."""
    importance = importance_from_weights(weights)
    state.set_custom_weights({c: float(v) for c, v in importance.items()})
    whatif_view.move_sliders(importance)


def pairwise(kb: KnowledgeBase) -> None:
    with st.expander(EXPANDER_LABEL, icon=":material/compare_arrows:"):
        st.caption(
            "For each pair, slide towards the criterion that matters more, and by how much, on "
            "Saaty's scale: 1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more "
            "important (2, 4, 6, 8 in between). The weights are the principal eigenvector of the "
            "comparison matrix (Saaty's analytic hierarchy process)."
        )
        judgements = codes(kb)
        keys = [pair_key(p) for p in pairs(kb)]
        columns = st.columns(2)
        for index, pair in enumerate(pairs(kb)):
            key = pair_key(pair)
            st.session_state.setdefault(key, judgements.get(key, 1))
            first, second = (kb.criterion(c).name for c in pair)
            with columns[index % 2]:
                st.select_slider(
                    f"{first} vs {second}",
                    options=JUDGEMENT_CODES,
                    format_func=lambda code, pair=pair: code_label(kb, pair, code),
                    key=key,
                    on_change=_commit,
                    args=(keys,),
                )
        result = ahp_result(kb, judgements)
        weights = ahp_weights_dict(kb, result)
        st.markdown(f"**Weights from these comparisons:** {md(weights_line(kb, weights))}")
        found = inconsistency(kb, result)
        if found is None:
            st.caption(md(consistency_sentence(result)))
        else:
            st.warning(
                md(consistency_sentence(result)) + "\n\n" + md(inconsistency_sentence(kb, found)),
                icon=":material/warning:",
            )
        st.button(
            APPLY_LABEL,
            key=APPLY_KEY,
            on_click=_apply,
            args=(weights,),
            icon=":material/done:",
            help="Sets the what-if sliders to these weights (whole percentages).",
        )
