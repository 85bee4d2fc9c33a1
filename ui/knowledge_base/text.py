"""Markdown for the knowledge-base page (pure). Every piece of data text is escaped with ``md``:
rationales quote prices such as ``$0.15``, which Streamlit would otherwise read as LaTeX."""

from __future__ import annotations

from collections.abc import Iterable

from scoring.aggregation import NORMALIZATION_NAMES
from scoring.engine import METHOD_NAMES, REQUIREMENT_REASONS
from scoring.kb_schema import Cited, Option, Rule, Sourced
from scoring.knowledge_base import CRITERIA, KnowledgeBase
from scoring.ranking import TIE_DECIMALS
from ui.explain import describe_adds, describe_condition, describe_trait
from ui.text import md

NUMBER_NAMES = {
    "efficiency": "Efficiency",
    "accuracy": "Accuracy",
    "data_privacy": "Data privacy",
    "cost_to_adopt": "Cost to adopt (higher = cheaper)",
    "cost_per_use": "Cost per use (higher = cheaper)",
}


def bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def sources_line(kb: KnowledgeBase, sourced: Cited) -> str:
    """'Sources: a; b' in small print, escaped."""
    return "*Sources:* " + "; ".join(md(c) for c in kb.citations(sourced))


def sourced_paragraph(kb: KnowledgeBase, lead: str, sourced: Sourced) -> str:
    """A bold lead, the rationale, and its sources (``lead`` is trusted markdown)."""
    return f"**{lead}** {md(sourced.rationale.strip())}  \n{sources_line(kb, sourced)}"


def labels(kb: KnowledgeBase, field: str, ids: Iterable[str]) -> str:
    return ", ".join(kb.choice_label(field, i) for i in ids)


def option_facts(kb: KnowledgeBase, option: Option) -> str:
    """What an option reads, writes and does, and its traits, as a short list."""
    traits = [describe_trait(name) for name, on in option.traits if on]
    return bullets(
        [
            f"**Reads:** {md(labels(kb, 'input_modalities', option.reads))}",
            f"**Writes:** {md(labels(kb, 'output_modalities', option.writes))}",
            f"**Tasks:** {md(labels(kb, 'tasks', option.tasks))}",
            f"**Options like this:** {md('; '.join(traits) or 'no special traits')}",
            f"**Strengths:** {md(' '.join(option.strengths))}",
            f"**Weaknesses:** {md(' '.join(option.weaknesses))}",
        ]
    )


def option_traits(kb: KnowledgeBase, option: Option) -> str:
    """Every trait of an option, yes or no, with why it has them and the sources: the traits decide
    the on-premises requirement and which score rules apply to it."""
    traits = "; ".join(
        f"{md(describe_trait(name))}: {'yes' if on else 'no'}" for name, on in option.traits
    )
    return sourced_paragraph(kb, f"Traits ({traits}).", option.traits_basis)


def option_numbers(kb: KnowledgeBase, option: Option) -> list[str]:
    """One paragraph per reviewed number: value, rationale and sources."""
    return [
        sourced_paragraph(kb, f"{md(NUMBER_NAMES.get(key, key))}: {score.value:g}.", score)
        for key, score in option.scores
    ]


def rule_paragraph(kb: KnowledgeBase, rule: Rule, unit: str) -> str:
    """A rule of data/model.yaml: when it fires, what it changes, why, and the sources."""
    target = (
        f" for options that {md(describe_trait(rule.options_with))}" if rule.options_with else ""
    )
    lead = f"When {md(describe_condition(kb, rule))}: {md(describe_adds(kb, rule, unit))}{target}."
    return sourced_paragraph(kb, lead, rule)


def values_line(values: dict[str, float], names: dict[str, str] | None = None) -> str:
    names = names or {}
    return ", ".join(f"{md(names.get(k, k))} {v:g}" for k, v in values.items())


def method_markdown(kb: KnowledgeBase) -> str:
    """How scores become a ranking: aggregation, normalisation, requirements and ties."""
    normalisations = bullets(
        f"**{name}**: {md(text)}" for name, text in NORMALIZATION_NAMES.items()
    )
    reasons = bullets(
        md(text.format(missing="<the missing outputs>")) for text in REQUIREMENT_REASONS.values()
    )
    criteria = ", ".join(md(kb.criterion(c).name) for c in CRITERIA)
    return f"""
**Criterion scores.** Each option gets a 0 to 100 score on each criterion ({criteria}).
Efficiency, accuracy and data privacy start from the option's reviewed numbers. Modality and task
fit mixes what the option reads, writes and does by the shares shown under *Modality and task
fit*, and is then multiplied, after the score rules, by the share of the required outputs the option
produces, so an option that produces none of them scores 0. Cost mixes the cost to adopt and the cost per use, the share of the cost per use set
by the volume. The score rules that fire then move some options' scores, and every score is kept
within 0 to 100.

**Weights.** Your own priorities (1 to 5, divided by their total) when you set them; otherwise base
points plus the points of every weight rule that fires, floored at {kb.model.min_points:g} so no
criterion is ignored, divided by their total. Weights are non-negative and sum to 1.

**{METHOD_NAMES["wsm"]}.** Total = the sum over criteria of weight times score (0 to 100). The
contribution of a criterion is its weight times its score, so the contributions add up to the total.

**{METHOD_NAMES["topsis"]}.** The scores are normalised per criterion, weighted, and each option's
distance to the ideal option (best on every criterion) and to the anti-ideal (worst on every criterion)
is measured; the total is 100 times the relative closeness to the ideal. All criteria are benefits
(cost is scored so that higher is cheaper). Two normalisations are offered:

{normalisations}

TOPSIS is not additive, so the page shares its total out to the criteria in proportion to weight times
score.

**Hard requirements.** An option fails when it:

{reasons}

It is still scored and shown, flagged with the reason, and ranked below every option that meets them.

**Ties.** Options that meet the requirements come first; within each group a higher total ranks
higher; totals equal to {TIE_DECIMALS} decimal places are a tie, and ties keep the catalogue order of
the options (the order on this page).
"""


def industry_uses_markdown(kb: KnowledgeBase, industry: str) -> str:
    """How the seed articles say a sector uses these technologies, with the options each use points
    to and its sources; a sector they do not discuss says so rather than showing nothing."""
    uses = kb.industries.get(industry, ())
    if not uses:
        return (
            "The two source articles do not discuss this sector; the general comparison behind "
            "every score still applies."
        )
    lines = []
    for use in uses:
        options = ", ".join(kb.option(o).label for o in use.options)
        lines.append(f"{md(use.text)} *Points to:* {md(options)}.  \n{sources_line(kb, use)}")
    return bullets(lines)
