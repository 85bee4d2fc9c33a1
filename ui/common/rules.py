"""How the pages word the knowledge base's rules and reasons (pure): the weight and score rules
of data/model.yaml, and a rationale with its sources. The knowledge-base page and the
recommendation page both show them, so they live here once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scoring.answers import Answers
from scoring.knowledge import KnowledgeBase
from scoring.knowledge.schema import Cited, ComplianceNote, Component, Rule, Sourced
from ui.common.text import md

TRAIT_PHRASES = {
    "fine_tunable": "can be fine-tuned on your data",
    "needs_ml_team": "need machine-learning staff",
    "needs_gpus": "need GPUs",
    "creative": "generate novel media",
    "specialised": "are specialised tools",
    "grounded": "answer from your own documents with citations",
    "on_premises": "run on your own infrastructure",
    "standard_terms": "run on a public API's standard terms",
}
"""Component traits a score rule may select (``components_with``), as the end of 'components
that ...'."""


def sources_line(kb: KnowledgeBase, cited: Cited) -> str:
    """'Sources: a; b' in small print, escaped (so no citation can open a directive)."""
    return ":small[*Sources:* " + "; ".join(md(c) for c in kb.citations(cited)) + "]"


def sourced_paragraph(kb: KnowledgeBase, lead: str, sourced: Sourced) -> str:
    """A bold lead, the rationale, and its sources (``lead`` is trusted markdown)."""
    return f"**{lead}** {md(sourced.rationale.strip())}  \n{sources_line(kb, sourced)}"


def values_line(values: Mapping[str, float], names: Mapping[str, str] | None = None) -> str:
    """``a 3, b 2`` with each key shown by its name when given (escaped)."""
    names = names or {}
    return ", ".join(f"{md(names.get(k, k))} {v:g}" for k, v in values.items())


def describe_trait(trait: str) -> str:
    """A component trait as the end of 'components that ...'."""
    return TRAIT_PHRASES.get(trait, trait.replace("_", " "))


def describe_condition(kb: KnowledgeBase, rule: Rule | ComplianceNote) -> str:
    """Every condition of a rule (or a compliance note) as a person reads it, joined by 'and'
    (plain text):
    '"How costly is ...?" is Critical and "..." is Some or Strong'."""
    parts = []
    for field, condition in rule.when.items():
        question = kb.question(field)
        values = condition if isinstance(condition, list) else [condition]
        shown = " or ".join(kb.choice_label(field, v) for v in values)
        verb = "includes" if question.kind == "multi" else "is"
        parts.append(f'"{question.question}" {verb} {shown}')
    return " and ".join(parts)


def describe_adds(kb: KnowledgeBase, rule: Rule, unit: str) -> str:
    """What a rule changes: importance points (``unit="points"``) or component scores."""
    parts = []
    for criterion, amount in rule.add.items():
        name = kb.criterion(criterion).name.lower()
        if unit == "points":
            parts.append(f"{amount:+g} importance points for {name}")
        else:
            parts.append(f"{amount:+g} to the {name} score")
    return ", ".join(parts)


def rule_components(kb: KnowledgeBase, rule: Rule) -> list[Component]:
    """The components a score rule moves (all for a rule without ``components_with``)."""
    if not rule.components_with:
        return list(kb.components)
    selected = kb.arrays.traits[rule.components_with]
    return [c for c, on in zip(kb.components, selected, strict=True) if on]


def rule_paragraph(kb: KnowledgeBase, rule: Rule, unit: str) -> str:
    """A rule: when it fires, what it changes (and for which components), why, and the sources."""
    target = (
        f" for components that {md(describe_trait(rule.components_with))}"
        if rule.components_with
        else ""
    )
    lead = f"When {md(describe_condition(kb, rule))}: {md(describe_adds(kb, rule, unit))}{target}."
    return sourced_paragraph(kb, lead, rule)


def _matches(answer: object, values: list[str]) -> bool:
    if isinstance(answer, tuple):
        return any(v in answer for v in values)
    return answer in values


def rule_fires(rule: Rule | ComplianceNote, answers: Answers) -> bool:
    """A rule (or a compliance note's ``when``) fires when every condition holds (a list field:
    it contains one of the values)."""
    return all(
        _matches(getattr(answers, field), value if isinstance(value, list) else [value])
        for field, value in rule.when.items()
    )


def fired_rules(rules: Sequence[Rule], answers: Answers) -> list[Rule]:
    return [rule for rule in rules if rule_fires(rule, answers)]
