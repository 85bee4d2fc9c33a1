"""How sure is the recommendation? Robustness in words and as rank acceptability, and how far each
weight can move before the advice changes (stability intervals), on the recommendation page."""

from __future__ import annotations

import streamlit as st

from scoring.engine import Recommendation
from scoring.knowledge_base import KnowledgeBase
from scoring.robustness import LABEL_LEANING, LABEL_ROBUST
from scoring.trust import TrustAnalysis, analyse_trust
from ui.text import md
from ui.trust_charts import acceptability_figure, stability_figure
from ui.trust_text import (
    CERTAINTY_LEVELS,
    DEFAULT_CERTAINTY,
    Verdict,
    method_note,
    robustness_verdict,
    sampling_sentence,
    thresholds_sentence,
)

CERTAINTY_KEY = "trust_certainty"
CERTAINTY_LABEL = "How sure are you of your weights?"
ROBUSTNESS_HEADING = "How sure is this recommendation?"
STABILITY_HEADING = "How far can each weight move?"


def certainty() -> str:
    """The chosen certainty (the select slider's value; it is drawn later in the same run)."""
    chosen = st.session_state.get(CERTAINTY_KEY, DEFAULT_CERTAINTY)
    return chosen if chosen in CERTAINTY_LEVELS else DEFAULT_CERTAINTY


def analysis(kb: KnowledgeBase, rec: Recommendation) -> TrustAnalysis:
    """Robustness and stability around the weights shown, at the chosen certainty."""
    return analyse_trust(kb, rec, concentration=CERTAINTY_LEVELS[certainty()])


def _verdict_box(verdict: Verdict) -> None:
    text = f"**{verdict.title}.** {md(verdict.sentence)}"
    if verdict.label == LABEL_ROBUST:
        st.success(text, icon=":material/verified:")
    elif verdict.label == LABEL_LEANING:
        st.info(text, icon=":material/balance:")
    else:
        st.warning(text, icon=":material/casino:")


def robustness(kb: KnowledgeBase, rec: Recommendation, trust: TrustAnalysis) -> None:
    """The verdict in plain words, the certainty control, and the rank-acceptability chart."""
    st.subheader(ROBUSTNESS_HEADING)
    verdict = robustness_verdict(kb, trust)
    _verdict_box(verdict)
    note = method_note(rec)
    if note:
        st.caption(md(note))
    left, right = st.columns([1, 2], gap="large")
    with left:
        st.select_slider(
            CERTAINTY_LABEL,
            options=list(CERTAINTY_LEVELS),
            value=DEFAULT_CERTAINTY,
            key=CERTAINTY_KEY,
            help="The less sure you are, the further the plausible weightings stray from yours.",
        )
        st.caption(md(thresholds_sentence()))
        st.caption(md(sampling_sentence(trust, certainty())))
    with right:
        st.plotly_chart(
            acceptability_figure(kb, rec, trust), key="rank_acceptability", width="stretch"
        )
        st.caption(
            "Rank acceptability: for each option, the share of plausible weightings that rank it "
            "1st, 2nd, 3rd and so on. The 1st-place share is in the CSV report."
        )


def stability(kb: KnowledgeBase, rec: Recommendation, trust: TrustAnalysis) -> None:
    """One sentence per criterion and the chart of the ranges."""
    st.subheader(STABILITY_HEADING)
    top = kb.options[trust.robustness.top_option_index].label
    whose = "your what-if weights" if rec.weights_source == "custom" else "your weights"
    st.markdown(
        md(
            f"Starting from {whose}, one weight at a time moves while the others keep their "
            f"proportions. {top} stays first within the green range:"
        )
    )
    st.markdown("\n".join(f"- {md(sentence)}" for sentence in trust.sentences))
    st.plotly_chart(stability_figure(kb, trust), key="stability", width="stretch")
    how = (
        "exact (weighted sum)"
        if trust.exact
        else "found numerically (TOPSIS: checked every 0.25 percentage point, then narrowed down)"
    )
    st.caption(
        "Green: the recommendation holds. Orange: beyond the mark's range, the named option is the "
        f"first to take over. The mark is the weight now. The ranges are {how}, and in the CSV "
        "report."
    )
