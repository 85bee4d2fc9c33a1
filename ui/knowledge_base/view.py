"""The knowledge-base page's sections, so that any number on the recommendation can be traced to
its rationale and source: criteria, the catalogue by approach, deployments, money, the method,
industries and sources. Builders live in text, method and frames; this module only draws."""

from __future__ import annotations

import streamlit as st

from scoring.knowledge import KnowledgeBase
from scoring.knowledge.schema import Approach, Component
from ui.common import rules
from ui.common.text import md
from ui.knowledge_base import frames, method, text

SECTIONS = {
    "criteria": "Criteria",
    "catalogue": "Catalogue",
    "deployments": "Deployments",
    "money": "Money",
    "method": "Method",
    "industries": "Industries",
    "sources": "Sources",
}
"""Anchors and titles of the page's sections, in order (the contents line links to them)."""


def section(anchor: str) -> None:
    st.header(SECTIONS[anchor], anchor=anchor, divider="gray")


def overview(kb: KnowledgeBase) -> None:
    st.title("Knowledge base and method", anchor="top")
    st.markdown(text.overview_markdown(kb))
    with st.container(horizontal=True, gap="medium"):  # wraps on a phone instead of stacking
        for label, count in text.counts(kb).items():
            st.metric(label, count, width="content")
    st.markdown(" · ".join(f"[{title}](#{anchor})" for anchor, title in SECTIONS.items()))


def criteria(kb: KnowledgeBase) -> None:
    section("criteria")
    for criterion in kb.criteria:
        st.markdown(text.criterion_markdown(kb, criterion))


def catalogue(kb: KnowledgeBase) -> None:
    section("catalogue")
    st.markdown(
        "Approaches in catalogue order; within each, its components (the approach in a "
        "deployment). This is also the tie-break order of the ranking. Pairs marked *not offered* "
        "are not sold or not run that way; no solution contains them."
    )
    st.table(frames.offer_frame(kb))
    if warning := frames.stale_warning(kb, kb.components):
        st.warning(md(warning), icon=":material/schedule:")
    st.markdown("**Reviewed scores at a glance** (value ± uncertainty band, 0 to 100)")
    st.dataframe(frames.scores_frame(kb), width="stretch", height="content")
    for approach in kb.approaches:
        approach_expander(kb, approach)


def approach_expander(kb: KnowledgeBase, approach: Approach) -> None:
    components = text.approach_components(kb, approach)
    offered = ", ".join(kb.deployment(c.deployment).label for c in components)
    flag = " ⚠" if frames.stale_prices(kb, components) else ""
    with st.expander(f"{approach.label} ({approach.id}): {offered}{flag}"):
        st.markdown(text.approach_markdown(kb, approach))
        tabs = st.tabs([kb.deployment(c.deployment).label for c in components])
        for tab, component in zip(tabs, components, strict=True):
            with tab:
                component_details(kb, component)


def component_details(kb: KnowledgeBase, component: Component) -> None:
    """One component: summary, needs, scores, cost model, shortlist and risks."""
    st.markdown(f"**{md(text.component_label(kb, component))}** (`{component.id}`)")
    st.markdown(md(component.summary.strip()))
    st.markdown(text.needs_markdown(kb, component))
    st.markdown("**Scores**")
    for paragraph in text.score_paragraphs(kb, component):
        st.markdown(paragraph)
    if note := text.computed_note(kb):
        st.markdown(note)
    st.markdown("**Cost model** (US dollars)")
    for usage in component.cost.usage:
        st.markdown(text.usage_paragraph(kb, usage))
    for paragraph in text.fixed_paragraphs(kb, component):
        st.markdown(paragraph)
    st.markdown("**Shortlist**")
    if warning := frames.stale_warning(kb, [component]):
        st.warning(md(warning), icon=":material/schedule:")
    st.table(frames.shortlist_frame(kb, component))
    st.markdown(text.price_sources_markdown(kb, component))
    st.markdown(text.risks_markdown(component))


def deployments(kb: KnowledgeBase) -> None:
    section("deployments")
    for deployment in kb.deployments:
        with st.expander(f"{deployment.label} ({deployment.id})"):
            st.markdown(text.deployment_markdown(kb, deployment))


def money(kb: KnowledgeBase) -> None:
    section("money")
    m = kb.money
    st.markdown(method.monthly_cost_markdown(kb))
    st.markdown("**Volume levels**: the monthly quantity each level stands for, per kind of work")
    st.table(frames.volume_frame(kb))
    with st.expander("Why these quantities"):
        for work in m.work:
            st.markdown(rules.sourced_paragraph(kb, f"{md(work.label)}.", work))
    st.markdown("**Budget ceilings**")
    st.table(frames.ceilings_frame(kb))
    st.markdown(rules.sourced_paragraph(kb, "Budget ceilings.", m.budget_ceilings))
    staff = m.staff_monthly_cost
    st.markdown(
        rules.sourced_paragraph(
            kb,
            f"Staff: {md(text.dollars(staff.low, staff.high))} per full-time engineer a month.",
            staff,
        )
    )
    expertise = {c.id: c.label for c in kb.question("in_house_ml_expertise").choices}
    st.markdown(
        rules.sourced_paragraph(
            kb,
            "ML staff factor, by your expertise: "
            f"{rules.values_line(m.ml_staff_factor.values, expertise)}.",
            m.ml_staff_factor,
        )
    )
    extra = m.combination_integration
    st.markdown(
        rules.sourced_paragraph(
            kb,
            f"Combination integration: {md(text.dollars(extra.low, extra.high))} per extra "
            f"component, spread over {extra.months} months.",
            extra,
        )
    )
    st.markdown(rules.sourced_paragraph(kb, "Cost score.", m.cost_score))
    st.markdown(method.cost_formula(kb))


def weights_section(kb: KnowledgeBase) -> None:
    m = kb.model
    st.subheader("How answers become weights", anchor="weights")
    st.markdown(method.weights_markdown(kb))
    st.table(frames.base_weights_frame(kb))
    names = {c.id: c.name for c in kb.criteria}
    st.markdown(
        rules.sourced_paragraph(
            kb, f"Base points: {rules.values_line(m.base_points.values, names)}.", m.base_points
        )
    )
    with st.expander(f"Weight rules ({len(m.weight_rules)})"):
        for rule in m.weight_rules:
            st.markdown(rules.rule_paragraph(kb, rule, "points"))


def scores_section(kb: KnowledgeBase) -> None:
    m = kb.model
    st.subheader("How solutions are scored", anchor="scores")
    st.markdown(method.modality_markdown(kb))
    st.markdown(rules.sourced_paragraph(kb, "Why this mix.", m.modality_fit))
    st.markdown(rules.sourced_paragraph(kb, method.no_task_lead(kb), m.no_task_fit))
    st.markdown(rules.sourced_paragraph(kb, md(method.penalty_lead(kb)), m.integration_penalty))
    st.markdown(method.combination_markdown(kb))
    st.markdown("**Cost** is computed from the monthly cost: see [Money](#money).")
    with st.expander(f"Score rules ({len(m.score_rules)})"):
        for rule in m.score_rules:
            st.markdown(rules.rule_paragraph(kb, rule, "score"))
            st.caption(text.applies_to_line(kb, rule))


def method_section(kb: KnowledgeBase) -> None:
    section("method")
    weights_section(kb)
    scores_section(kb)
    st.subheader("Requirements, ranking and outcomes", anchor="ranking")
    st.markdown(method.requirements_markdown(kb))
    st.markdown(method.ranking_markdown())
    st.markdown(method.outcomes_markdown())
    st.subheader("Aggregation and robustness", anchor="aggregation")
    st.markdown(method.methods_markdown())
    st.markdown(method.robustness_markdown(frames.basis_counts(kb)))


def industries(kb: KnowledgeBase) -> None:
    section("industries")
    st.caption(
        "Context from the seed articles, shown next to a recommendation; it changes no score."
    )
    for choice in kb.question("industry").choices:
        with st.expander(choice.label):
            st.markdown(text.industry_uses_markdown(kb, choice.id))


def sources(kb: KnowledgeBase) -> None:
    section("sources")
    st.markdown("**Seed articles** (cited by file name and section heading)")
    st.table(frames.seeds_frame(kb))
    st.markdown(
        "**Dated facts** (data/sources.yaml, data/facts_2026.yaml and data/components/); "
        "*official* is the vendor's own page, which outranks a third party"
    )
    st.dataframe(frames.facts_frame(kb), width="stretch")
    st.markdown(
        "**Compliance notes** (data/compliance.yaml): what the one-page brief lists under Risks "
        "and compliance, and when; orientation, not legal advice"
    )
    for note in kb.compliance:
        st.markdown(text.compliance_markdown(kb, note))
