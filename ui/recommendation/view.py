"""The recommendation page's sections, one function each, drawn in the order the page lists them.

Everything the weights change is drawn by :func:`decision`, a fragment: moving a what-if slider,
choosing pairwise judgements, the certainty of the robustness analysis or the head-to-head pair
reruns only the fragment, never the method controls above it or the page's set-up. The fragment
draws the whole weight-dependent block (headline to CSV and shareable link), so every part of the
page always shows the same weights.
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from scoring.aggregation import NORMALIZATION_NAMES, NORMALIZATIONS, Normalization
from scoring.answers import Answers
from scoring.engine import METHOD_NAMES, METHODS, Method, Recommendation
from scoring.knowledge_base import CRITERIA, KnowledgeBase
from scoring.report import report_csv, report_filename, report_frame
from scoring.trust import TrustAnalysis, trust_report_columns
from ui import ahp_view, head_to_head_view, state, trust_view, whatif_view
from ui.answers_form import field_label, validate
from ui.charts import contribution_figure, profiles_figure
from ui.explain import (
    fired_rules,
    recommendation_rationale,
    requirements_summary,
    weights_origin,
)
from ui.kb_text import rule_paragraph, sourced_paragraph, values_line
from ui.layout import page_link
from ui.links import share_url
from ui.tables import FLAG_COLUMN, MEETS_COLUMN, answers_frame, ranking_frame, weights_frame
from ui.text import md, points
from ui.trust_text import robustness_verdict

QUESTIONNAIRE_PAGE = "pages/questionnaire.py"
METHOD_WIDGET = "w_method"
NORMALIZATION_WIDGET = "w_normalization"
NORMALIZATION_SHORT = {"vector": "Vector", "minmax": "Min-max"}
DOWNLOAD_LABEL = "Download CSV report"
SHARE_HEADING = "Copy shareable link"


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _sources_markdown(citations: list[str] | tuple[str, ...]) -> str:
    return _bullets([md(c) for c in citations])


def valid_answers_or_stop(kb: KnowledgeBase) -> Answers:
    """The canonical answers, validated; an invalid set (e.g. no output chosen) stops the page
    with the field named and a way back, never a traceback."""
    answers, problem = validate(kb, state.raw_answers())
    if answers is not None:
        return answers
    assert problem is not None
    st.error(
        f"The answers are not complete yet. Please fix **{md(field_label(kb, problem.field))}** "
        f"({md(problem.field)}): {md(problem.message)}",
        icon=":material/error:",
    )
    page_link(QUESTIONNAIRE_PAGE, "Back to the questionnaire", ":material/arrow_back:")
    st.stop()


def _commit_method() -> None:
    st.session_state[state.METHOD] = st.session_state.get(METHOD_WIDGET) or state.method()


def _commit_normalization() -> None:
    chosen = st.session_state.get(NORMALIZATION_WIDGET) or state.normalization()
    st.session_state[state.NORMALIZATION] = chosen


def method_controls() -> tuple[Method, Normalization]:
    """Method switch (and TOPSIS normalisation), seeded from and written to the session state."""
    left, right = st.columns([1, 2], vertical_alignment="top")
    st.session_state[METHOD_WIDGET] = state.method()
    with left:
        st.segmented_control(
            "Method",
            METHODS,
            format_func=lambda m: METHOD_NAMES[m],
            required=True,
            key=METHOD_WIDGET,
            on_change=_commit_method,
            help="How the five criterion scores and weights become one total score. "
            "The knowledge base page explains both.",
        )
    method, normalization = state.method(), state.normalization()
    with right:
        if method == "topsis":
            st.session_state[NORMALIZATION_WIDGET] = normalization
            st.segmented_control(
                "Normalisation",
                NORMALIZATIONS,
                format_func=lambda n: NORMALIZATION_SHORT[n],
                required=True,
                key=NORMALIZATION_WIDGET,
                on_change=_commit_normalization,
                help="How TOPSIS puts the criteria on a common scale before measuring distances.",
            )
            st.caption(
                f"TOPSIS with {md(NORMALIZATION_NAMES[normalization])}: closeness to the ideal "
                "option, times 100."
            )
        else:
            st.caption(
                "Weighted sum: each criterion score times its weight, added up. No normalisation "
                "is needed, as every score is already on the same 0 to 100 scale."
            )
    return method, normalization


def requirements_warning(kb: KnowledgeBase, rec: Recommendation) -> None:
    """Say plainly when nothing meets every hard requirement, and which requirements those are."""
    if any(r.meets_requirements for r in rec.ranking):
        return
    st.warning(
        "**No option meets every hard requirement.** "
        + md(requirements_summary(kb, rec.answers))
        + " The ranking below still orders the options by score, each flagged with what it "
        "lacks. Consider relaxing a requirement on the questionnaire.",
        icon=":material/warning:",
    )


def headline(kb: KnowledgeBase, rec: Recommendation, trust: TrustAnalysis) -> None:
    """The decision in one line, its score, its lead over the runner-up and how sure it is."""
    top, runner_up = rec.top, rec.runner_up
    st.header(f"Adopt: {md(kb.option(top.option).adopt)}")
    if rec.answers.organization:
        st.caption(f"Prepared for {md(rec.answers.organization)}")
    score, margin, meets, sure = st.columns(4)
    score.metric(f"Score ({METHOD_NAMES[rec.method]})", f"{points(top.score)} / 100")
    if runner_up is None:
        margin.metric(
            "Lead over the runner-up",
            "No rival",
            help="Every other option fails a hard requirement, so none is a real alternative.",
        )
    else:
        margin.metric(
            "Lead over the runner-up",
            f"{points(rec.margin)} points",
            help=f"Runner-up: {runner_up.label} with {points(runner_up.score)}.",
        )
    meets.metric("Meets every hard requirement", "Yes" if top.meets_requirements else "No")
    verdict = robustness_verdict(kb, trust)
    sure.metric(
        "How sure",
        verdict.title,
        help=f"{md(verdict.sentence)} See \u201c{trust_view.ROBUSTNESS_HEADING}\u201d below.",
    )
    if runner_up is not None:
        st.caption(f"Runner-up: {md(runner_up.label)} ({points(runner_up.score)})")
    else:
        st.caption("Runner-up: none that meets every hard requirement")


def rationale(kb: KnowledgeBase, rec: Recommendation) -> None:
    explanation = recommendation_rationale(kb, rec)
    st.markdown(md(explanation.text))
    with st.expander("Sources of this rationale", expanded=False, icon=":material/menu_book:"):
        st.markdown(_sources_markdown(explanation.sources))


def charts(kb: KnowledgeBase, rec: Recommendation) -> None:
    """Per-criterion contributions of the top five, and every option's profile."""
    st.subheader("What each criterion adds to the score")
    st.plotly_chart(contribution_figure(kb, rec), key="contributions", width="stretch")
    st.caption(
        "Weighted sum: weight times score. TOPSIS is not additive, so its total is shared out "
        "in proportion to weight times score."
    )
    st.subheader("Every option's profile")
    st.plotly_chart(profiles_figure(kb, rec), key="profiles", width="stretch")


def ranking(kb: KnowledgeBase, rec: Recommendation) -> None:
    st.subheader("Full ranking")
    st.caption(
        "Options that fail a hard requirement are ranked below every option that meets them, with "
        "the reason."
    )
    st.dataframe(
        ranking_frame(kb, rec),
        width="stretch",
        column_config={
            "Score": st.column_config.ProgressColumn(
                "Score", min_value=0, max_value=100, format="%.1f"
            ),
            MEETS_COLUMN: st.column_config.CheckboxColumn(MEETS_COLUMN),
            FLAG_COLUMN: st.column_config.TextColumn(FLAG_COLUMN, width="large"),
            **{
                kb.criterion(c).short: st.column_config.NumberColumn(
                    kb.criterion(c).short, help=kb.criterion(c).definition, width="small"
                )
                for c in CRITERIA
            },
        },
    )


def weights(kb: KnowledgeBase, rec: Recommendation, base: Recommendation) -> None:
    """The weights and where they come from: the rules that fired, or the person's priorities;
    with what-if weights on, those next to the weights from the answers."""
    st.subheader("Weights and where they come from")
    st.markdown(md(weights_origin(rec)))
    if rec.weights_source == "custom":
        st.markdown(md("For comparison, the weights from your answers. " + weights_origin(base)))
    st.dataframe(weights_frame(kb, rec, base), width="stretch")
    model = kb.model
    if base.weights_source == "derived":
        fired = fired_rules(model.weight_rules, rec.answers)
        with st.expander(
            f"Rules that set these weights ({len(fired)} fired)", icon=":material/rule:"
        ):
            names = {c.id: c.name for c in kb.criteria}
            lead = f"Base points: {values_line(model.base_points.values, names)}."
            st.markdown(sourced_paragraph(kb, lead, model.base_points))
            if not fired:
                st.markdown("No rule fired for these answers, so the base points decide.")
            for rule in fired:
                st.markdown(rule_paragraph(kb, rule, "points"))
    adjusted = fired_rules(model.score_rules, rec.answers)
    if adjusted:
        with st.expander(
            f"Rules that adjusted option scores ({len(adjusted)} fired)", icon=":material/tune:"
        ):
            for rule in adjusted:
                st.markdown(rule_paragraph(kb, rule, "score"))


def report_extra(
    kb: KnowledgeBase, rec: Recommendation, trust: TrustAnalysis
) -> dict[str, list[object]]:
    """The trust columns of the CSV report: first-rank acceptability, the robustness label, each
    weight's stability interval, and the sampling behind the acceptability."""
    rows = len(rec.ranking)
    return {
        **{name: list(values) for name, values in trust_report_columns(kb, rec, trust).items()},
        "robustness_samples": [trust.robustness.samples] * rows,
        "robustness_concentration": [trust.robustness.concentration] * rows,
    }


def download(kb: KnowledgeBase, rec: Recommendation, trust: TrustAnalysis) -> None:
    """The CSV report, named after the organisation and the date, with the trust columns."""
    generated_at = datetime.now().astimezone()
    name = report_filename(rec.answers.organization, generated_at)
    st.subheader("Report")
    st.download_button(
        DOWNLOAD_LABEL,
        data=report_csv(report_frame(rec, generated_at, report_extra(kb, rec, trust))),
        file_name=name,
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        type="primary",
    )
    weights = "your what-if weights" if rec.weights_source == "custom" else "weights"
    st.caption(
        f"File {md(name)}: one row per option with scores, {weights}, contributions, how often "
        "each option comes first (first-rank acceptability), the robustness label, the stability "
        f"range of each weight, the method, knowledge base version {md(kb.version)} and your "
        "answers."
    )


def share_link() -> None:
    """The URL with the answers in its query string (absolute when the browser sent its URL)."""
    st.subheader(SHARE_HEADING)
    url = share_url(st.context.url, state.query_params())
    st.code(url, language=None, wrap_lines=True)
    what = "answers, method, what-if weights" if state.custom_weights() else "answers, method"
    st.caption(f"Opening this link shows the same {what} and recommendation.")


def your_answers(kb: KnowledgeBase, answers: Answers) -> None:
    with st.expander("Your answers", icon=":material/list_alt:"):
        st.dataframe(answers_frame(kb, answers), width="stretch")
        page_link(QUESTIONNAIRE_PAGE, "Change your answers", ":material/edit:")


def decision_body(
    kb: KnowledgeBase, answers: Answers, method: Method, normalization: Normalization
) -> None:
    """Everything the weights change, in page order (the body of the :func:`decision` fragment)."""
    state.write_url()  # a slider, reset or AHP callback may have changed the what-if weights
    rec, base = whatif_view.recommendations(kb, answers, method, normalization)
    trust = trust_view.analysis(kb, rec)
    requirements_warning(kb, rec)
    headline(kb, rec, trust)
    whatif_view.custom_note(kb, rec, base)
    rationale(kb, rec)
    whatif_view.section(kb, rec, base)
    ahp_view.pairwise(kb)
    trust_view.robustness(kb, rec, trust)
    trust_view.stability(kb, rec, trust)
    charts(kb, rec)
    ranking(kb, rec)
    weights(kb, rec, base)
    head_to_head_view.section(kb, rec)
    download(kb, rec, trust)
    share_link()


@st.fragment
def decision(
    kb: KnowledgeBase, answers: Answers, method: Method, normalization: Normalization
) -> None:
    """The weight-dependent block as a fragment: its widgets rerun only this function."""
    decision_body(kb, answers, method, normalization)
