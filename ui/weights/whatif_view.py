"""What-if weights on the recommendation page: one slider per criterion next to the radar, a reset,
and the note that tells the rest of the page the weights are the person's own what-if.

The sliders are drawn inside the page's fragment, so moving one reruns only the fragment. Their
positions are seeded from the canonical what-if weights in the session state (or from the answers'
weights) before they are drawn, and each move writes all of them back through a callback, which
runs before the fragment does: the URL, headline, charts and CSV of that same run already use the
new weights.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from scoring.answers import Answers
from scoring.engine import Recommendation, recommend
from scoring.knowledge import KnowledgeBase
from ui.common import state
from ui.common.chart_view import chart_with_table
from ui.common.text import md
from ui.recommendation.charts import radar_figure
from ui.weights.whatif import (
    advice,
    importance_from_weights,
    outcome_line,
    radar_frame,
    slider_key,
    slider_positions,
    weights_from_importance,
    weights_line,
    weights_sentence,
)

RESET_KEY = "whatif_reset"
RESET_LABEL = "Reset to the weights from your answers"
WHATIF_HEADING = "Try other weights"


def recommendations(
    kb: KnowledgeBase, answers: Answers, method: str, normalization: str | None
) -> tuple[Recommendation, Recommendation]:
    """(shown, base): the recommendation under the what-if weights when set, and the one under the
    answers' own weights. All-zero what-if weights cannot be normalised: the answers' apply."""
    base = recommend(kb, answers, method, normalization)
    custom = state.custom_weights()
    if custom is None:
        return base, base
    weights = weights_from_importance(custom)
    if weights is None:
        st.warning(
            "Every what-if weight is 0, so the weights from your answers apply until you raise "
            "one of them.",
            icon=":material/warning:",
        )
        return base, base
    return recommend(kb, answers, method, normalization, weights=weights), base


def custom_note(kb: KnowledgeBase, rec: Recommendation, base: Recommendation) -> None:
    """Under the headline: what-if weights are on, what they are, and what the answers' weights
    would recommend."""
    if rec.weights_source != "custom":
        return
    same = rec.top.option == base.top.option and rec.outcome == base.outcome
    outcome = "the same advice" if same else f"different advice: {md(advice(base))}"
    st.info(
        f"**What-if weights are on:** {md(weights_line(kb, rec.weights))}. Everything below, "
        "including the CSV report and the shareable link, uses them. The weights from your "
        f"answers give {outcome}. To go back, use \u201c{RESET_LABEL}\u201d under "
        f"\u201c{WHATIF_HEADING}\u201d.",
        icon=":material/tune:",
    )


def _commit(base_positions: Mapping[str, int]) -> None:
    """Slider callback: the positions become the what-if weights (back at the answers' positions,
    there is nothing to override)."""
    moved = {c: st.session_state.get(slider_key(c), p) for c, p in base_positions.items()}
    same = moved == dict(base_positions)
    state.set_custom_weights(None if same else {c: float(v) for c, v in moved.items()})


def _reset(base_positions: Mapping[str, int]) -> None:
    """Button callback: back to the answers' weights, the sliders with them."""
    state.set_custom_weights(None)
    move_sliders(base_positions)


def move_sliders(positions: Mapping[str, int]) -> None:
    """Put the sliders at these positions: only from a callback (the reset, AHP's "use these
    weights"), which runs before the sliders are drawn and is the one time the page, not the
    person, moves them."""
    for criterion, position in positions.items():
        st.session_state[slider_key(criterion)] = position


def _seed(positions: Mapping[str, int]) -> None:
    """Seed a slider only when it has no state yet (first drawn in this session, or after a visit
    to another page). Assigning a slider's state on every run pushes it to the browser and undoes
    the key presses sent meanwhile: ten quick ArrowRight presses moved a slider by 3."""
    for criterion, position in positions.items():
        st.session_state.setdefault(slider_key(criterion), position)


def sliders(kb: KnowledgeBase, rec: Recommendation, base: Recommendation) -> None:
    """One 0-100 importance slider per criterion, the weights they give in percent, and the reset."""
    base_positions = importance_from_weights(base.weights)
    custom = state.custom_weights()
    _seed(slider_positions(custom) if custom is not None else base_positions)
    st.subheader(WHATIF_HEADING)
    st.caption(
        "Disagree with the weights? Say how much each criterion matters (0 to 100); the weights "
        "are these numbers divided by their total, in percent below. The whole recommendation "
        "follows at once."
    )
    for criterion in kb.criteria:
        st.slider(
            criterion.name,
            min_value=0,
            max_value=100,
            step=1,
            key=slider_key(criterion.id),
            help=criterion.definition,
            on_change=_commit,
            args=(base_positions,),
        )
    source = "what-if" if rec.weights_source == "custom" else "from your answers"
    st.caption(f"{md(weights_sentence(kb, rec.weights))} ({source})")
    st.button(
        RESET_LABEL,
        key=RESET_KEY,
        on_click=_reset,
        args=(base_positions,),
        disabled=custom is None,
        icon=":material/restart_alt:",
    )


def outcome(rec: Recommendation, base: Recommendation) -> None:
    """What the weights shown recommend, right next to the sliders."""
    st.markdown(f"**{md(outcome_line(rec))}**")
    if rec.weights_source == "custom" and rec.top.option != base.top.option:
        st.caption(f"With the weights from your answers: {md(advice(base))}.")


def radar(kb: KnowledgeBase, rec: Recommendation) -> None:
    """The radar (its title is its heading), and the same numbers as a table (its text
    alternative)."""
    chart_with_table(radar_figure(kb, rec), "radar_top", radar_frame(kb, rec), folded=False)
    weights = (
        "your what-if weights"
        if rec.weights_source == "custom"
        else "how much each criterion weighs for you"
    )
    st.caption(
        f"Dashed: {weights} (largest weight = 100). Filled: each solution's 0 to 100 score on "
        "that criterion; the recommended one is drawn on top. The table gives the same numbers."
    )


def section(kb: KnowledgeBase, rec: Recommendation, base: Recommendation) -> None:
    """Sliders on the left; the outcome and the radar on the right."""
    left, right = st.columns([2, 3], gap="large")
    with left:
        sliders(kb, rec, base)
    with right:
        radar(kb, rec)
        outcome(rec, base)
