"""Head-to-head on the recommendation page: any two listed solutions, criterion by criterion, with
the knowledge base's reasons and sources ("why not the self-hosted one?").

Until the person picks a pair, it compares the top solution with its runner-up, and keeps doing so
when what-if weights change them.
"""

from __future__ import annotations

import streamlit as st

from scoring.criteria import criterion_evidence
from scoring.engine import Recommendation
from scoring.head_to_head import HeadToHead, head_to_head
from scoring.knowledge import KnowledgeBase
from ui.common import state
from ui.common.chart_view import chart_with_table
from ui.common.text import md, points
from ui.trust.charts import head_to_head_figure
from ui.trust.text import POINTS_COLUMN, duel_frame, duel_sentence, labels_by_id

A_KEY = "h2h_a"
B_KEY = "h2h_b"
HEADING = "Compare two solutions head to head"


def default_pair(rec: Recommendation) -> tuple[str, str]:
    """The top solution and its real alternative (the next one when it has none)."""
    rival = rec.runner_up or rec.ranking[1]
    return rec.top.option, rival.option


def _picked() -> None:
    """Selectbox callback: the person chose the pair, so it no longer follows the ranking (and the
    link carries it)."""
    state.set_pair((st.session_state[A_KEY], st.session_state[B_KEY]))


def _follow_the_ranking(rec: Recommendation, ids: list[str]) -> None:
    """Until the person picks a pair, compare the current top solution with its runner-up, also
    after what-if weights change them (a widget's ``index`` only applies when it is created). A
    picked pair seeds the boxes only when they have no state (after another tab or a link), never
    over what they hold; a pair from other answers, not listed now, is dropped."""
    chosen = state.pair()
    if chosen is not None and all(option in ids for option in chosen):
        st.session_state.setdefault(A_KEY, chosen[0])
        st.session_state.setdefault(B_KEY, chosen[1])
        return
    state.set_pair(None)
    st.session_state[A_KEY], st.session_state[B_KEY] = default_pair(rec)


def _sources(kb: KnowledgeBase, components: tuple[str, ...], criterion: str) -> str:
    evidence = criterion_evidence(kb, components, criterion)
    return "; ".join(dict.fromkeys(cite for e in evidence for cite in kb.citations(e)))


def _reasons(rec: Recommendation, duel: HeadToHead) -> None:
    """Per criterion: both scores and points, and each solution's reason with its sources."""
    kb = rec.kb
    by_id = {r.option: r for r in rec.ranking}
    labels = labels_by_id(rec)
    a, b = md(labels[duel.option_a]), md(labels[duel.option_b])
    for row in duel.duels:
        winner = md(labels[row.winner]) if row.winner else "neither"
        st.markdown(
            f"**{md(kb.criterion(row.criterion).name)}**: {a} {row.score_a:.0f} vs {b} "
            f"{row.score_b:.0f}, {row.points:+.1f} points; ahead: {winner}."
        )
        lines = [
            f"- {label}: {md(reason.strip())} (Sources: "
            f"{md(_sources(kb, by_id[option].components, row.criterion))})"
            for label, reason, option in (
                (a, row.reason_a, duel.option_a),
                (b, row.reason_b, duel.option_b),
            )
        ]
        st.markdown("\n".join(lines))


def section(kb: KnowledgeBase, rec: Recommendation) -> None:
    st.subheader(HEADING)
    if len(rec.ranking) < 2:
        st.info("Only one solution is listed, so there is nothing to compare it with.")
        return
    ids = [r.option for r in rec.ranking]
    ranked = {r.option: f"{r.rank}. {r.label}" for r in rec.ranking}
    _follow_the_ranking(rec, ids)
    left, right = st.columns(2)
    option_a = left.selectbox(
        "Solution", ids, format_func=ranked.__getitem__, key=A_KEY, on_change=_picked
    )
    option_b = right.selectbox(
        "Compared with", ids, format_func=ranked.__getitem__, key=B_KEY, on_change=_picked
    )
    if option_a == option_b:
        st.info("Pick two different solutions to compare.", icon=":material/info:")
        return
    duel = head_to_head(rec, option_a, option_b)
    labels = labels_by_id(rec)
    a, b = md(labels[option_a]), md(labels[option_b])
    st.markdown(f"**Why {a} rather than {b}?** {md(duel_sentence(rec, duel))}")
    chart_with_table(
        head_to_head_figure(rec, duel), "head_to_head", duel_frame(rec, duel), folded=False
    )
    st.caption(
        f"The table gives the chart's numbers. Score columns: each solution's 0 to 100 score. "
        f"{POINTS_COLUMN}: what the criterion adds to the first solution's total minus what it "
        f"adds to the second's (as in the contribution chart), positive where {a} gains; they add "
        f"up to its lead of {points(duel.lead)} points."
    )
    with st.expander(
        f"The reasons, criterion by criterion: {a} and {b}", icon=":material/menu_book:"
    ):
        _reasons(rec, duel)
