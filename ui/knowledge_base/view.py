"""The knowledge-base page's sections: criteria, options, rules, method and sources, so that every
number on the recommendation page can be traced to its rationale and source."""

from __future__ import annotations

import streamlit as st

from scoring.knowledge_base import KnowledgeBase
from ui.kb_text import (
    industry_uses_markdown,
    method_markdown,
    option_facts,
    option_numbers,
    option_traits,
    rule_paragraph,
    sourced_paragraph,
    values_line,
)
from ui.tables import facts_frame, seeds_frame
from ui.text import md

MODALITY_PART_NAMES = {
    "outputs": "required outputs produced",
    "inputs": "inputs read",
    "tasks": "tasks served",
    "focus": "focus (share of its outputs you need)",
}


def overview(kb: KnowledgeBase) -> None:
    st.header("Knowledge base and method")
    st.markdown(
        f"Version **{md(kb.version)}**, reviewed {md(kb.reviewed)}. Every number below has a "
        "rationale in the project's own words and a source: a section of one of the two seed "
        "articles, or a dated public fact. The CSV report names this version."
    )


def criteria(kb: KnowledgeBase) -> None:
    st.subheader("The five criteria")
    for criterion in kb.criteria:
        st.markdown(f"**{md(criterion.name)}** ({md(criterion.id)}): {md(criterion.definition)}")


def options(kb: KnowledgeBase) -> None:
    st.subheader("The options")
    st.caption("In catalogue order, which is also the tie-break order of the ranking.")
    for option in kb.options:
        with st.expander(f"{option.label} ({option.id})"):
            st.markdown(f"**Adopt:** {md(option.adopt)}. {md(option.summary.strip())}")
            st.markdown(option_facts(kb, option))
            st.markdown(option_traits(kb, option))
            st.markdown(
                sourced_paragraph(kb, "Capabilities (modality and task fit).", option.capabilities)
            )
            for paragraph in option_numbers(kb, option):
                st.markdown(paragraph)


def industries(kb: KnowledgeBase) -> None:
    st.subheader("Uses by industry")
    st.caption(
        "Context from the seed articles, shown next to a recommendation; it changes no score."
    )
    for choice in kb.question("industry").choices:
        with st.expander(choice.label):
            st.markdown(industry_uses_markdown(kb, choice.id))


def model(kb: KnowledgeBase) -> None:
    """data/model.yaml: base points, the weight rules, modality fit, cost mix and score rules."""
    m = kb.model
    names = {c.id: c.name for c in kb.criteria}
    st.subheader("How answers become weights")
    st.markdown(
        sourced_paragraph(
            kb, f"Base points: {values_line(m.base_points.values, names)}.", m.base_points
        )
    )
    st.markdown(
        f"No criterion's points fall below **{m.min_points:g}**, so every weight stays positive."
    )
    with st.expander(f"Weight rules ({len(m.weight_rules)})", expanded=True):
        for rule in m.weight_rules:
            st.markdown(rule_paragraph(kb, rule, "points"))
    st.subheader("How options are scored for your answers")
    st.markdown(
        sourced_paragraph(
            kb,
            "Modality and task fit: the share of the required outputs the option produces, "
            f"times the mix {values_line(m.modality_fit.values, MODALITY_PART_NAMES)}.",
            m.modality_fit,
        )
    )
    volumes = {c.id: c.label for c in kb.question("volume").choices}
    st.markdown(
        sourced_paragraph(
            kb,
            f"Share of the cost score taken by the cost per use, by volume: "
            f"{values_line(m.cost_per_use_share.values, volumes)}.",
            m.cost_per_use_share,
        )
    )
    with st.expander(f"Score rules ({len(m.score_rules)})", expanded=True):
        for rule in m.score_rules:
            st.markdown(rule_paragraph(kb, rule, "score"))


def method(kb: KnowledgeBase) -> None:
    st.subheader("Method")
    st.markdown(method_markdown(kb))


def sources(kb: KnowledgeBase) -> None:
    st.subheader("Sources")
    st.markdown("**Seed articles** (cited by file name and section heading)")
    st.dataframe(seeds_frame(kb), width="stretch")
    st.markdown("**Dated public facts**")
    st.dataframe(facts_frame(kb), width="stretch")
