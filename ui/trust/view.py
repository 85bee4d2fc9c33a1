"""How sure is the recommendation? Robustness in words and as rank acceptability, and how far each
weight can move before the advice changes (stability intervals), on the recommendation page.

Both follow the outcome: with two or more qualifying solutions they say how sure the choice is;
with one there is no close call to weigh, and with none there is nothing qualifying to be sure
about, so neither chart is drawn.
"""

from __future__ import annotations

import json

import streamlit as st

from scoring.engine import Recommendation
from scoring.knowledge import KnowledgeBase
from scoring.robustness import LABEL_LEANING, LABEL_ONLY, LABEL_ROBUST, LABEL_TOSS_UP
from scoring.trust import TrustAnalysis, analyse_trust
from ui.common import state
from ui.common.chart_view import chart_with_table
from ui.common.text import md
from ui.trust.charts import acceptability_figure, stability_figure
from ui.trust.text import (
    CERTAINTY_LEVELS,
    DEFAULT_CERTAINTY,
    Verdict,
    acceptability_frame,
    method_note,
    robustness_verdict,
    sampling_sentence,
    stability_frame,
    thresholds_sentence,
)

CERTAINTY_KEY = "trust_certainty"
CERTAINTY_LABEL = "How sure are you of your weights?"
ROBUSTNESS_HEADING = "How sure is this recommendation?"
STABILITY_HEADING = "How far can each weight move?"
CACHED_ANALYSES = 64


def certainty() -> str:
    """The chosen certainty (kept in the session state and the link; its select slider is drawn
    later, and only in the How sure tab)."""
    return state.certainty()


def _commit_certainty() -> None:
    state.set_certainty(st.session_state.get(CERTAINTY_KEY, DEFAULT_CERTAINTY))


@st.cache_resource(max_entries=CACHED_ANALYSES, show_spinner=False)
def _cached_analysis(
    kb_id: int,
    method: str,
    normalization: str | None,
    weights: tuple[tuple[str, float], ...],
    answers: str,
    concentration: float,
    _rec: Recommendation,
) -> TrustAnalysis:
    # cache_resource, not cache_data: the analysis is immutable (frozen, read-only arrays), so it
    # is shared rather than copied at every rerun. ``_rec`` is not hashed; the arguments before it
    # say everything that determines it.
    return analyse_trust(_rec, concentration=concentration)


def analysis(kb: KnowledgeBase, rec: Recommendation) -> TrustAnalysis:
    """Robustness and stability around the weights shown, at the chosen certainty; computed once
    per method, normalisation, weights, answers and certainty."""
    return _cached_analysis(
        id(kb),
        rec.method,
        rec.normalization,
        tuple(rec.weights.items()),
        json.dumps(rec.answers.to_dict(), sort_keys=True),
        CERTAINTY_LEVELS[certainty()],
        _rec=rec,
    )


def _verdict_box(verdict: Verdict) -> None:
    text = f"**{md(verdict.title)}.** {md(verdict.sentence)}"
    if verdict.label == LABEL_ROBUST:
        st.success(text, icon=":material/verified:")
    elif verdict.label == LABEL_LEANING:
        st.info(text, icon=":material/balance:")
    elif verdict.label == LABEL_TOSS_UP:
        st.warning(text, icon=":material/casino:")
    elif verdict.label == LABEL_ONLY:
        st.info(text, icon=":material/filter_1:")
    else:
        st.warning(text, icon=":material/block:")


def _certainty_control(trust: TrustAnalysis) -> None:
    st.session_state.setdefault(CERTAINTY_KEY, certainty())
    st.select_slider(
        CERTAINTY_LABEL,
        options=list(CERTAINTY_LEVELS),
        key=CERTAINTY_KEY,
        on_change=_commit_certainty,
        help="The less sure you are, the further the plausible weightings stray from yours.",
    )
    st.caption(md(thresholds_sentence()))
    st.caption(md(sampling_sentence(trust, certainty())))


def _acceptability(rec: Recommendation, trust: TrustAnalysis) -> None:
    """The chart of the top qualifying solutions, and the same shares as a table."""
    chart_with_table(
        acceptability_figure(rec, trust),
        "rank_acceptability",
        acceptability_frame(rec, trust),
        folded=False,
    )
    st.caption(
        "Rank acceptability: for each of the top qualifying solutions, the share of samples "
        "(percent) that rank it 1st, 2nd, 3rd and so on. Every solution's 1st-place share is in "
        "the CSV report."
    )


def robustness(kb: KnowledgeBase, rec: Recommendation, trust: TrustAnalysis) -> None:
    """The verdict in plain words; with a real choice, the certainty control and the chart."""
    st.subheader(ROBUSTNESS_HEADING)
    _verdict_box(robustness_verdict(rec, trust))
    if rec.outcome != "recommend":
        return
    note = method_note(rec)
    if note:
        st.caption(md(note))
    left, right = st.columns([1, 2], gap="large")
    with left:
        _certainty_control(trust)
    with right:
        _acceptability(rec, trust)


def stability(kb: KnowledgeBase, rec: Recommendation, trust: TrustAnalysis) -> None:
    """One sentence per criterion and the chart of the ranges (the sentences are its text)."""
    st.subheader(STABILITY_HEADING)
    top = md(rec.top.label)
    if rec.outcome == "only_option":
        st.markdown(
            f"No weight can change the advice: {top} is the only solution that meets your "
            "requirements, and the others rank below it whatever the weights."
        )
        return
    if rec.outcome == "no_fit":
        st.markdown(
            "No solution meets your requirements, so there is no recommendation for the weights "
            "to change. Relaxing a requirement (see the ranking) is what would change the advice."
        )
        return
    whose = "your what-if weights" if rec.weights_source == "custom" else "your weights"
    st.markdown(
        f"Starting from {whose}, one weight at a time moves while the others keep their "
        f"proportions. {top} stays first within the green range:"
    )
    st.markdown("\n".join(f"- {md(sentence)}" for sentence in trust.sentences))
    chart_with_table(stability_figure(rec, trust), "stability", stability_frame(rec, trust))
    how = (
        "exact (a sum of points)"
        if trust.exact
        else "found numerically (checked every 0.25 percentage point, then narrowed down)"
    )
    st.caption(
        "Green: the recommendation holds. Orange: beyond the green range, the named solution is "
        f"the first to take over. The mark is the weight now. The ranges are {how}, and in the "
        "CSV report."
    )
