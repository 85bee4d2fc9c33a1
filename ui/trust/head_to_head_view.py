"""Head-to-head on the recommendation page: any two options, criterion by criterion, with the
knowledge base's reasons ("why not image generation?")."""

from __future__ import annotations

import streamlit as st

from scoring.engine import Recommendation
from scoring.head_to_head import head_to_head
from scoring.knowledge_base import KnowledgeBase
from ui.explain import criterion_evidence
from ui.text import md, points
from ui.trust_charts import head_to_head_figure
from ui.trust_text import duel_frame, duel_sentence

A_KEY = "h2h_a"
B_KEY = "h2h_b"
PICKED_KEY = "h2h_picked"
HEADING = "Compare two options head to head"


def _default_rival(rec: Recommendation) -> str:
    rival = rec.runner_up or rec.ranking[1]
    return rival.option


def _citations(kb: KnowledgeBase, rec: Recommendation, option: str, criterion: str) -> list[str]:
    evidence = criterion_evidence(kb, kb.option(option), criterion, rec.answers)
    return list(dict.fromkeys(cite for sourced in evidence for cite in kb.citations(sourced)))


def _picked() -> None:
    """Selectbox callback: the person chose the pair, so it no longer follows the ranking."""
    st.session_state[PICKED_KEY] = True


def _follow_the_ranking(rec: Recommendation) -> None:
    """Until the person picks a pair, compare the current top option with its runner-up, also
    after what-if weights change them (a widget's ``index`` only applies when it is created)."""
    unset = A_KEY not in st.session_state or B_KEY not in st.session_state
    if unset or not st.session_state.get(PICKED_KEY):
        st.session_state[A_KEY] = rec.top.option
        st.session_state[B_KEY] = _default_rival(rec)
        st.session_state[PICKED_KEY] = False


def section(kb: KnowledgeBase, rec: Recommendation) -> None:
    st.subheader(HEADING)
    ids = list(kb.option_ids)
    label = {o.id: o.label for o in kb.options}
    _follow_the_ranking(rec)
    left, right = st.columns(2)
    option_a = left.selectbox(
        "Option", ids, format_func=label.__getitem__, key=A_KEY, on_change=_picked
    )
    option_b = right.selectbox(
        "Compared with", ids, format_func=label.__getitem__, key=B_KEY, on_change=_picked
    )
    if option_a == option_b:
        st.info("Pick two different options to compare.", icon=":material/info:")
        return
    duel = head_to_head(kb, rec, option_a, option_b)
    a, b = label[option_a], label[option_b]
    st.markdown(f"**Why {md(a)} rather than {md(b)}?** {md(duel_sentence(kb, duel))}")
    st.plotly_chart(head_to_head_figure(kb, duel), key="head_to_head", width="stretch")
    st.dataframe(duel_frame(kb, duel), width="stretch")
    per_criterion = (
        "the weight times the difference of the two scores"
        if duel.method == "wsm"
        else "the difference of the two TOPSIS totals shared out over the criteria in proportion "
        "to weight times score"
    )
    st.caption(
        f"Score columns: each option's 0 to 100 score. Lead points: {per_criterion}, positive "
        f"where {md(a)} gains; they add up to its lead of {points(duel.lead)} points."
    )
    with st.expander(
        f"The reasons, criterion by criterion: {md(a)} and {md(b)}", icon=":material/menu_book:"
    ):
        for duel_row in duel.duels:
            criterion = kb.criterion(duel_row.criterion)
            winner = label[duel_row.winner] if duel_row.winner else "neither"
            st.markdown(
                f"**{md(criterion.name)}**: {md(a)} {duel_row.score_a:.0f} vs {md(b)} "
                f"{duel_row.score_b:.0f}, {duel_row.points:+.1f} points; ahead: {md(winner)}."
            )
            sources_a = "; ".join(_citations(kb, rec, option_a, duel_row.criterion))
            sources_b = "; ".join(_citations(kb, rec, option_b, duel_row.criterion))
            st.markdown(
                f"- {md(a)}: {md(duel_row.reason_a.strip())} (Sources: {md(sources_a)})\n"
                f"- {md(b)}: {md(duel_row.reason_b.strip())} (Sources: {md(sources_b)})"
            )
