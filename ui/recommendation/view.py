"""The recommendation page's sections, one function each, drawn in the order the page lists them.

Everything the weights change is drawn by :func:`decision`, a fragment: moving a what-if slider,
choosing pairwise judgements, the certainty of the robustness analysis or the head-to-head pair
reruns only the fragment, never the method controls above it or the page's set-up.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from brief.compliance import compliance_notes
from scoring.answers import Answers
from scoring.engine import RankedSolution, Recommendation, recommend
from scoring.inputs import assumed_inputs
from scoring.knowledge import KnowledgeBase
from scoring.methods import METHODS, NORMALIZATION_NAMES, get_method
from scoring.report import report_bytes, report_filename
from scoring.requirements import money
from scoring.shortlist import shortlist_notes
from scoring.trust import TrustAnalysis, trust_report_columns
from ui.common import state
from ui.common.chart_view import chart_with_table, small_multiples_with_table
from ui.common.fields import field_label
from ui.common.layout import page_link
from ui.common.links import share_url
from ui.common.page_view import TABS
from ui.common.rules import fired_rules, rule_paragraph
from ui.common.text import md, points
from ui.questionnaire.form import problem_text, validate
from ui.recommendation.brief_view import brief_downloads
from ui.recommendation.charts import (
    PROFILES_TITLE,
    breakeven,
    contribution_figure,
    contribution_frame,
    cost_lines,
    cost_volume_figure,
    cost_volume_frame,
    profile_figures,
    profiles_frame,
    value_figure,
    value_frame,
)
from ui.recommendation.explain import (
    monthly_range,
    nearest_solutions,
    recommendation_rationale,
    solution_risks,
    summary_cards,
    weights_origin,
)
from ui.recommendation.tables import (
    COST_COLUMN,
    FLAG_COLUMN,
    RELAX_COLUMN,
    answers_frame,
    cost_breakdown_frame,
    excluded_frame,
    ranking_frame,
    shortlist_frame,
    weights_frame,
)
from ui.trust import head_to_head_view
from ui.trust import view as trust_view
from ui.trust.text import robustness_verdict
from ui.weights import ahp_view, whatif_view

QUESTIONNAIRE_PAGE = "pages/questionnaire.py"
KNOWLEDGE_BASE_PAGE = "pages/knowledge_base.py"
METHOD_WIDGET = "w_method"
NORMALIZATION_WIDGET = "w_normalization"
TAB_WIDGET = "w_tab"
DOWNLOAD_LABEL = "Download CSV report"
SHARE_HEADING = "Copy shareable link"
NORMALIZATION_SHORT = {"vector": "Vector", "minmax": "Min-max"}


def valid_answers_or_stop(kb: KnowledgeBase) -> Answers:
    """The canonical answers, validated; an invalid set (e.g. no output chosen) stops the page
    with the field named and a way back, never a traceback."""
    answers, problem = validate(kb, state.raw_answers())
    if answers is not None:
        return answers
    assert problem is not None
    raw = state.raw_answers().get(problem.field)
    text = problem_text(kb, problem, raw).replace("options above", "options on the questionnaire")
    st.error(f"The answers are not complete yet. {md(text)}", icon=":material/error:")
    page_link(QUESTIONNAIRE_PAGE, "Back to the questionnaire", ":material/arrow_back:")
    st.stop()


def _commit_method() -> None:
    st.session_state[state.METHOD] = st.session_state.get(METHOD_WIDGET) or state.method()
    st.session_state[state.NORMALIZATION] = None
    st.session_state.pop(NORMALIZATION_WIDGET, None)  # the new method's default shows


def _commit_normalization() -> None:
    chosen = st.session_state.get(NORMALIZATION_WIDGET) or state.normalization()
    st.session_state[state.NORMALIZATION] = chosen


def method_agreement(kb: KnowledgeBase, rec: Recommendation) -> dict[str, RankedSolution]:
    """The top solution under every other method, with the same answers and weights."""
    custom = tuple(rec.weights.items()) if rec.weights_source == "custom" else None
    answers = json.dumps(rec.answers.to_dict(), sort_keys=True)
    return _cached_agreement(id(kb), tuple(METHODS), rec.method, custom, answers, _kb=kb, _rec=rec)


@st.cache_resource(max_entries=64, show_spinner=False)
def _cached_agreement(
    kb_id: int,
    methods: tuple[str, ...],
    method: str,
    custom: tuple[tuple[str, float], ...] | None,
    answers: str,
    _kb: KnowledgeBase,
    _rec: Recommendation,
) -> dict[str, RankedSolution]:
    # Once per answers, method and what-if weights, not on every rerun of the page (a full
    # recommendation per other method); the arguments before ``_kb`` say all that determines it.
    weights = dict(custom) if custom is not None else None
    return {
        name: recommend(_kb, _rec.answers, name, None, weights=weights).top
        for name in methods
        if name != method
    }


def agreement_badge(kb: KnowledgeBase, rec: Recommendation) -> None:
    """Whether the methods put the same solution first: if they do, the method does not matter."""
    others = method_agreement(kb, rec)
    differ = {name: top for name, top in others.items() if top.option != rec.top.option}
    if not differ:
        label = "Both methods agree" if len(others) == 1 else "Every method agrees"
        st.badge(label, icon=":material/check_circle:", color="green")
        return
    for name, top in differ.items():
        st.badge(
            f"{METHODS[name].label} puts {md(top.label)} first",
            icon=":material/call_split:",
            color="orange",
        )


def method_controls(kb: KnowledgeBase, rec: Recommendation) -> None:
    """Method switch (and its normalisation, if it has one) under Advanced: most people never
    need it, and the badge says whether it would change the answer."""
    method = get_method(state.method())
    agreement_badge(kb, rec)
    with st.expander(f"Advanced: method ({method.label})", icon=":material/functions:"):
        st.session_state.setdefault(METHOD_WIDGET, method.name)
        st.segmented_control(
            "Method",
            tuple(METHODS),
            format_func=lambda m: METHODS[m].label,
            required=True,
            key=METHOD_WIDGET,
            on_change=_commit_method,
            help="How the criterion scores and weights become one total score. The knowledge "
            "base page explains each method.",
        )
        normalization = state.normalization()
        if method.normalizations:
            st.session_state.setdefault(NORMALIZATION_WIDGET, normalization)
            st.segmented_control(
                "Normalisation",
                method.normalizations,
                format_func=lambda n: NORMALIZATION_SHORT.get(n, n),
                required=True,
                key=NORMALIZATION_WIDGET,
                on_change=_commit_normalization,
                help="How the criteria are put on a common scale before measuring distances.",
            )
            st.caption(f"{md(method.describe)} With {md(NORMALIZATION_NAMES[normalization])}.")
        else:
            st.caption(md(method.describe))


def defaults_banner(kb: KnowledgeBase) -> None:
    """Say when the advice rests on defaults: questions nobody answered, with a way back (free
    text such as the organisation's name does not move the advice, so it is not counted)."""
    unanswered = [q for q in kb.questions if q.kind != "text" and q.id not in state.answered()]
    if not unanswered:
        return
    names = ", ".join(field_label(kb, q.id) for q in unanswered[:6])
    more = f" and {len(unanswered) - 6} more" if len(unanswered) > 6 else ""
    count = len(unanswered)
    st.info(
        f"**Based on defaults: {count} question{'s' if count != 1 else ''} unanswered** "
        f"({md(names)}{more}). The advice uses the default answer for each; answer them for "
        "advice about your business.",
        icon=":material/rule:",
    )
    page_link(QUESTIONNAIRE_PAGE, "Answer the questions", ":material/edit:")


def assumed_inputs_note(kb: KnowledgeBase, answers: Answers) -> None:
    """Say which inputs the chosen tasks imply (:mod:`scoring.inputs`), so advice that reads
    recordings or documents the business did not tick comes with its reason."""
    notes = assumed_inputs(kb, answers)
    if notes:
        st.info(" ".join(md(n.sentence) for n in notes), icon=":material/input:")


def headline(kb: KnowledgeBase, rec: Recommendation, trust: TrustAnalysis) -> None:
    """The decision in one line, as SPEC's outcomes say it, with its cost and how sure it is."""
    top = rec.top
    if rec.outcome == "recommend":
        st.header(f"Adopt: {md(top.label)}")
    elif rec.outcome == "only_option":
        st.header(f"{md(top.label)}: the only solution that meets your requirements")
    else:
        st.header("No solution meets every requirement")
        st.markdown("The nearest solutions are below, each with what it lacks.")
    industry = f"Industry: {md(kb.choice_label('industry', rec.answers.industry))}"
    if rec.answers.organization:
        st.caption(f"Prepared for {md(rec.answers.organization)} · {industry}")
    else:
        st.caption(industry)
    score, cost, lead, sure = st.columns(4)
    score.metric(f"Score ({get_method(rec.method).label})", f"{points(top.score)} / 100")
    cost.metric(
        "Monthly cost",
        f"{money(top.monthly_cost[0])}–{money(top.monthly_cost[1])}",
        help="Estimated at your volume: usage at dated prices, infrastructure, the share of staff "
        "it needs and its integration spread over its period. The Costs section shows the parts.",
    )
    runner_up = rec.runner_up
    if rec.outcome == "recommend" and runner_up is not None:
        lead.metric(
            "Lead over the runner-up",
            f"{points(rec.margin)} points",
            help=f"Runner-up: {runner_up.label} with {points(runner_up.score)}.",
        )
    else:
        lead.metric("Qualifying solutions", str(len(rec.qualifying)))
    verdict = robustness_verdict(rec, trust)
    sure.metric("How sure", verdict.title, help=md(verdict.sentence))
    if rec.budget_ceiling is not None:
        st.caption(f"Your budget's ceiling: {money(rec.budget_ceiling)} a month.")


def no_fit_help(rec: Recommendation) -> None:
    """For a no-fit outcome: the nearest solutions, what each lacks, what to relax."""
    if rec.outcome != "no_fit":
        return
    for near in nearest_solutions(rec):
        st.markdown(
            f"- **{md(near.label)}**: {md(' '.join(near.lacks))} It would qualify if you "
            f"{md('; '.join(near.relax))}."
        )
    page_link(QUESTIONNAIRE_PAGE, "Change your answers", ":material/edit:")


def rationale(kb: KnowledgeBase, rec: Recommendation) -> None:
    explanation = recommendation_rationale(kb, rec)
    st.markdown(md(explanation.text))
    with st.expander("Sources of this rationale", icon=":material/menu_book:"):
        st.markdown("\n".join(f"- {md(c)}" for c in explanation.sources))
    risks = solution_risks(kb, rec.top)
    if risks:
        with st.expander("Main risks", icon=":material/warning:"):
            st.markdown("\n".join(f"- {md(r)}" for r in risks))
    notes = compliance_notes(kb, rec.answers, rec.top.components)
    if notes:
        with st.expander(f"Compliance notes ({len(notes)})", icon=":material/gavel:"):
            for note in notes:
                cited = "; ".join(kb.citations(note))
                st.markdown(f"- **{md(note.title)}.** {md(note.note)} *{md(cited)}*")


def products(kb: KnowledgeBase, rec: Recommendation) -> None:
    """The named products of the recommended solution, with licences and dated prices."""
    st.subheader("Named products to shortlist")
    st.caption(
        f"For each part of {md(rec.top.label)}: real products or open models, their licence "
        f"(and any limit on commercial use) and a dated price. Knowledge base reviewed {kb.reviewed}."
    )
    st.dataframe(shortlist_frame(rec, rec.top), hide_index=True, width="stretch")
    notes = shortlist_notes(kb, rec.top.components, rec.answers)
    if notes:
        st.caption(" ".join(md(n) for n in notes))


def costs(kb: KnowledgeBase, rec: Recommendation) -> None:
    """Monthly cost of the top solutions against volume, the breakeven of self-hosting, the
    recommended solution's cost parts and value for money."""
    st.subheader("Costs")
    chart_with_table(cost_volume_figure(kb, rec), "cost_volume", cost_volume_frame(kb, rec))
    shown, curves = cost_lines(kb, rec)
    crossing = breakeven(kb, shown, curves)
    lines = [f"{r.rank}. {r.label}: {monthly_range(r.monthly_cost)} at your volume." for r in shown]
    if crossing is not None:
        lines.append(
            f"At about {crossing[0]:.2g} times your volume, {crossing[1]} becomes cheaper than "
            f"{crossing[2]}."
        )
    else:
        lines.append(
            "No self-hosted solution becomes the cheaper one between 1/10 and 10 times your volume."
        )
    st.markdown("\n".join(f"- {md(line)}" for line in lines))
    st.markdown(f"**What {md(rec.top.label)} costs a month, part by part**")
    st.dataframe(cost_breakdown_frame(kb, rec, rec.top), width="stretch")
    chart_with_table(value_figure(kb, rec), "value_for_money", value_frame(kb, rec))
    st.caption(
        "Up and to the left is better: more benefit for less money. Benefit is the weighted score "
        "of every criterion but cost. The numbers are ranks; the large orange dot is the "
        f"recommendation, {md(rec.top.label)}."
    )


def charts(kb: KnowledgeBase, rec: Recommendation) -> None:
    """Contributions of each criterion to the top totals."""
    chart_with_table(contribution_figure(kb, rec), "contributions", contribution_frame(kb, rec))
    st.caption(
        "Each bar is a solution's total split by criterion (weighted sum: weight times score; "
        "other methods share their total out in proportion to weight times score)."
    )


def profiles(kb: KnowledgeBase, rec: Recommendation) -> None:
    """The top solutions' profiles, one small radar each, with the numbers as a table (the radar
    of needs against them is under Adjust weights, where the sliders move it)."""
    small_multiples_with_table(
        PROFILES_TITLE, profile_figures(kb, rec), "profile", profiles_frame(kb, rec)
    )


def ranking(kb: KnowledgeBase, rec: Recommendation) -> None:
    st.subheader("Ranking of the solutions that meet your requirements")
    frame = ranking_frame(kb, rec)
    if frame.empty:
        st.info("None meets every hard requirement; see the excluded solutions below.")
    else:
        st.dataframe(
            frame,
            width="stretch",
            column_config={
                "Score": st.column_config.ProgressColumn(
                    "Score", min_value=0, max_value=100, format="%.1f"
                ),
                COST_COLUMN: st.column_config.TextColumn(COST_COLUMN),
            },
        )
    excluded = excluded_frame(rec)
    with st.expander(f"Excluded, and why ({len(excluded)})", icon=":material/block:"):
        st.dataframe(
            excluded,
            width="stretch",
            column_config={
                FLAG_COLUMN: st.column_config.TextColumn(FLAG_COLUMN, width="large"),
                RELAX_COLUMN: st.column_config.TextColumn(RELAX_COLUMN, width="medium"),
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
    if base.weights_source == "derived":
        fired = fired_rules(kb.model.weight_rules, rec.answers)
        with st.expander(
            f"Rules that set these weights ({len(fired)} fired)", icon=":material/rule:"
        ):
            if not fired:
                st.markdown("No rule fired for these answers, so the base points decide.")
            for rule in fired:
                st.markdown(rule_paragraph(kb, rule, "points"))
    adjusted = fired_rules(kb.model.score_rules, rec.answers)
    if adjusted:
        with st.expander(
            f"Rules that adjusted component scores ({len(adjusted)} fired)", icon=":material/tune:"
        ):
            for rule in adjusted:
                st.markdown(rule_paragraph(kb, rule, "score"))


def report_extra(rec: Recommendation, trust: TrustAnalysis) -> dict[str, list[object]]:
    """The trust columns of the CSV report and the sampling behind the acceptability."""
    rows = len(rec.ranking)
    return {
        **{name: list(values) for name, values in trust_report_columns(rec, trust).items()},
        "robustness_samples": [trust.robustness.samples] * rows,
        "robustness_concentration": [trust.robustness.concentration] * rows,
    }


def download(kb: KnowledgeBase, rec: Recommendation, trust: TrustAnalysis) -> None:
    """The CSV report, named after the organisation and the date; built only when clicked."""
    generated_at = datetime.now().astimezone()
    name = report_filename(rec.answers.organization, generated_at)
    st.subheader("Report")

    def build() -> bytes:
        return report_bytes(rec, generated_at, report_extra(rec, trust))

    st.download_button(
        DOWNLOAD_LABEL,
        data=build,
        file_name=name,
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        type="primary",
    )
    st.caption(
        f"File {md(name)}: one row per listed solution with its monthly cost, named products, "
        "scores, weights, contributions, how often it comes first, the stability of each weight, "
        f"the method, knowledge base version {md(kb.version)} and your answers."
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


def cards(kb: KnowledgeBase, rec: Recommendation) -> None:
    """The top qualifying solutions side by side: what, monthly cost, why in three bullets with
    numbered source notes, main risk."""
    shown, notes = summary_cards(kb, rec)
    if not shown:
        return
    for column, card in zip(st.columns(len(shown)), shown, strict=True):
        with column.container(border=True):
            st.markdown(f"**{card.rank}. {md(card.label)}**")
            st.markdown(f"{md(card.cost)} \u00b7 score {points(card.score)}")
            st.markdown("\n".join(f"- {md(bullet)}" for bullet in card.bullets))
            if card.risk:
                st.markdown(f"*Main risk:* {md(card.risk)}")
    with st.expander(f"Source notes ({len(notes)})", icon=":material/menu_book:"):
        st.markdown("\n".join(f"{n}. {md(note)}" for n, note in enumerate(notes, 1)))


def _commit_tab() -> None:
    label = st.session_state.get(TAB_WIDGET)
    state.set_tab(next((i for i, lab in TABS.items() if lab == label), state.tab()))


def tabs() -> dict[str, DeltaGenerator]:
    """The tabs under the summary; only the open one is drawn (a tab switch reruns the fragment),
    so a page opens fast and a link can name its tab."""
    st.session_state.setdefault(TAB_WIDGET, TABS[state.tab()])
    containers = st.tabs(list(TABS.values()), key=TAB_WIDGET, on_change=_commit_tab)
    return dict(zip(TABS, containers, strict=True))


def summary(
    kb: KnowledgeBase, rec: Recommendation, base: Recommendation, trust: TrustAnalysis
) -> None:
    """What a manager reads first: the outcome, the top three, the method and whether it matters."""
    headline(kb, rec, trust)
    with st.container():
        defaults_banner(kb)
    with st.container():
        assumed_inputs_note(kb, rec.answers)
    with st.container():
        no_fit_help(rec)
    with st.container():
        whatif_view.custom_note(kb, rec, base)
    with st.container():
        cards(kb, rec)
    with st.container():
        method_controls(kb, rec)


def decision_body(kb: KnowledgeBase, answers: Answers) -> None:
    """Everything the weights, the method and the tabs change, in page order (the body of the
    :func:`decision` fragment).

    Each section draws into a container of its own, so a section that grows or shrinks (the
    what-if note appearing, a warning going) never moves the sections after it: a moved widget is
    a new widget to the browser, which loses the focus and the key presses on their way.

    The summary's container comes first on the page but is filled last: it needs the robustness
    analysis (10,000 samples, the largest cost of a rerun), and drawing the open tab before it lets
    a what-if radar reach the browser without waiting for it.
    """
    state.write_url()  # a slider, reset, AHP or tab callback may have changed the view
    method, normalization = state.method(), state.normalization()
    with st.container():
        rec, base = whatif_view.recommendations(kb, answers, method, normalization)
    summary_box = st.container()

    @cache
    def trust() -> TrustAnalysis:
        return trust_view.analysis(kb, rec)

    sections = {
        "why": (
            lambda: rationale(kb, rec),
            lambda: products(kb, rec),
            lambda: weights(kb, rec, base),
            lambda: charts(kb, rec),
        ),
        "sure": (
            lambda: trust_view.robustness(kb, rec, trust()),
            lambda: trust_view.stability(kb, rec, trust()),
        ),
        "compare": (
            lambda: ranking(kb, rec),
            lambda: profiles(kb, rec),
            lambda: head_to_head_view.section(kb, rec),
        ),
        "weights": (
            lambda: whatif_view.section(kb, rec, base),
            lambda: ahp_view.pairwise(kb),
        ),
        "costs": (lambda: costs(kb, rec),),
        "export": (
            lambda: download(kb, rec, trust()),
            lambda: brief_downloads(kb, rec, trust()),
            share_link,
            lambda: your_answers(kb, answers),
        ),
    }
    for tab_id, container in tabs().items():
        if not container.open:
            continue
        with container:
            for section in sections[tab_id]:
                with st.container():
                    section()
    with summary_box:
        summary(kb, rec, base, trust())


@st.fragment
def decision(kb: KnowledgeBase, answers: Answers) -> None:
    """The decision as a fragment: its widgets (method, tabs, sliders) rerun only this function."""
    decision_body(kb, answers)
