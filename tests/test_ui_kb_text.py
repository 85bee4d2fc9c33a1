"""Markdown of the knowledge-base page (ui/kb_text.py), pure: everything escaped and traceable."""

from __future__ import annotations

import re

from scoring.aggregation import NORMALIZATION_NAMES
from scoring.knowledge_base import default_knowledge_base
from scoring.ranking import TIE_DECIMALS
from ui.explain import describe_trait
from ui.kb_text import (
    method_markdown,
    option_facts,
    option_numbers,
    option_traits,
    rule_paragraph,
)

KB = default_knowledge_base()


def unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def test_prices_are_escaped_so_they_are_not_latex() -> None:
    paragraphs = [p for o in KB.options for p in option_numbers(KB, o)]
    with_dollars = [p for p in paragraphs if "$" in p]
    assert with_dollars, "the knowledge base quotes prices"
    assert all(not re.search(r"(?<!\\)\$", p) for p in with_dollars)


def test_option_numbers_carry_value_rationale_and_sources() -> None:
    option = KB.option("llm_self_hosted")
    paragraphs = [unescape(p) for p in option_numbers(KB, option)]
    for (_, score), paragraph in zip(option.scores, paragraphs, strict=True):
        assert f"{score.value:g}." in paragraph
        assert score.rationale.strip() in paragraph
        assert all(c in paragraph for c in KB.citations(score))


def test_option_facts_use_choice_labels() -> None:
    facts = unescape(option_facts(KB, KB.option("multimodal_llm")))
    assert "Images" in facts and "Analyze images, audio or video" in facts
    assert describe_trait("self_hosted") not in facts  # multimodal_llm is hosted


def test_option_traits_show_every_trait_with_its_rationale_and_sources() -> None:
    for option in KB.options:
        text = unescape(option_traits(KB, option))
        for name, on in option.traits:
            assert f"{describe_trait(name)}: {'yes' if on else 'no'}" in text, (option.id, name)
        assert option.traits_basis.rationale.strip() in text
        assert all(c in text for c in KB.citations(option.traits_basis))
    hosted = unescape(option_traits(KB, KB.option("multimodal_llm")))
    assert f"{describe_trait('self_hosted')}: no" in hosted


def test_score_rules_name_the_options_they_apply_to() -> None:
    rule = next(r for r in KB.model.score_rules if r.options_with)
    text = unescape(rule_paragraph(KB, rule, "score"))
    assert f"for options that {describe_trait(rule.options_with)}" in text
    assert rule.rationale.strip() in text


def test_method_markdown() -> None:
    text = unescape(method_markdown(KB))
    for description in NORMALIZATION_NAMES.values():
        assert description in text
    assert f"{TIE_DECIMALS} decimal places" in text
    assert f"floored at {KB.model.min_points:g}" in text


def test_industry_uses_name_options_and_sources() -> None:
    from scoring import default_knowledge_base
    from ui.kb_text import industry_uses_markdown
    from ui.text import md

    kb = default_knowledge_base()
    text = industry_uses_markdown(kb, "healthcare")
    assert "medical paperwork" in text
    assert md("Self-hosted open-weight LLM") in text
    assert md("000_03ea011f5ca9663b.txt") in text and "Healthcare" in text
    assert "do not discuss this sector" in industry_uses_markdown(kb, "public_sector")
