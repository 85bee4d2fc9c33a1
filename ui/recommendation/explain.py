"""Plain-language reasons for a recommendation, each with its sources (pure).

Everything here is drawn from the knowledge base: option summaries, the rationales behind each
criterion score, and the rules of ``data/model.yaml`` that fired for the answers. Nothing is
invented at display time, so every sentence can be traced to a cited source.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scoring.answers import Answers
from scoring.engine import RankedOption, Recommendation
from scoring.kb_schema import Option, Rule, Sourced
from scoring.knowledge_base import CRITERIA, KnowledgeBase
from ui.text import percent

STRONGEST_COUNT = 2


@dataclass(frozen=True)
class Explanation:
    """A short paragraph (already plain text, not markdown) and the sources behind it."""

    sentences: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def cost_per_use_share(kb: KnowledgeBase, answers: Answers) -> float:
    """Share of the cost score taken by the price per use, for this answer's volume."""
    return kb.model.cost_per_use_share.values[answers.volume]


def criterion_evidence(
    kb: KnowledgeBase, option: Option, criterion: str, answers: Answers
) -> tuple[Sourced, ...]:
    """The knowledge-base entries behind an option's score on a criterion, most telling first.

    Modality fit is computed from what the option reads, writes and does (its capabilities); cost
    mixes the cost to adopt and the cost per use by volume, so the larger share comes first.
    """
    if criterion == "modality":
        return (option.capabilities,)
    if criterion == "cost":
        adopt, per_use = option.scores.cost_to_adopt, option.scores.cost_per_use
        return (per_use, adopt) if cost_per_use_share(kb, answers) >= 0.5 else (adopt, per_use)
    return (getattr(option.scores, criterion),)


def strongest_criteria(ranked: RankedOption, count: int = STRONGEST_COUNT) -> list[str]:
    """The criteria that add most to the option's total (ties keep the criteria order)."""
    return sorted(CRITERIA, key=lambda c: -ranked.contributions[c])[:count]


def _clause(text: str) -> str:
    """A rationale as a clause inside a sentence: no trailing full stop."""
    return text.strip().rstrip(".")


def recommendation_rationale(kb: KnowledgeBase, rec: Recommendation) -> Explanation:
    """Two or three sentences on why the top option wins, with the sources they rest on."""
    top = rec.top
    option = kb.option(top.option)
    strongest = strongest_criteria(top)
    evidence = {c: criterion_evidence(kb, option, c, rec.answers) for c in strongest}
    reasons = "; ".join(
        f"{kb.criterion(c).name.lower()} scores {top.criteria[c]:.0f} of 100 at "
        f"{percent(rec.weights[c])} of the weight ({_clause(evidence[c][0].rationale)})"
        for c in strongest
    )
    sentences = [option.summary.strip(), f"It gains most where your needs weigh: {reasons}."]
    runner_up = rec.runner_up
    if not top.meets_requirements:
        sentences.append(
            f"No option meets every hard requirement; this one {'; '.join(top.unmet)}, and it "
            f"leads the runner-up, {runner_up.label}, by {rec.margin:.1f} points."
        )
    elif runner_up is None:
        nearest = rec.ranking[1]
        sentences.append(
            f"Every other option fails a hard requirement; the nearest, {nearest.label}, "
            f"{'; '.join(nearest.unmet)}."
        )
    else:
        sentences.append(f"It leads the runner-up, {runner_up.label}, by {rec.margin:.1f} points.")
    sources = _unique(
        cite for c in strongest for sourced in evidence[c] for cite in kb.citations(sourced)
    )
    return Explanation(tuple(sentences), sources)


def requirements_summary(kb: KnowledgeBase, answers: Answers) -> str:
    """The hard requirements these answers set, in one sentence."""
    outputs = ", ".join(
        kb.choice_label("output_modalities", m).lower() for m in answers.output_modalities
    )
    wanted = [f"produce {outputs}"]
    if answers.deployment == "must_be_on_premises":
        wanted.append("keep the data on your own infrastructure")
    return f"You need an option that can {' and '.join(wanted)}; no single option does all of that."


def rule_fires(rule: Rule, answers: Answers) -> bool:
    """A rule fires when its field has the value (for list fields: contains it)."""
    ((field, value),) = rule.when.items()
    answer = getattr(answers, field)
    return value in answer if isinstance(answer, tuple) else answer == value


def fired_rules(rules: Sequence[Rule], answers: Answers) -> list[Rule]:
    return [rule for rule in rules if rule_fires(rule, answers)]


TRAIT_PHRASES = {
    "self_hosted": "run on your own infrastructure",
    "fine_tunable": "can be fine-tuned on your data",
    "creative": "generate novel media",
    "needs_ml_team": "need machine-learning staff",
}


def describe_trait(trait: str) -> str:
    """A trait of data/options.yaml as the end of 'options that ...'."""
    return TRAIT_PHRASES.get(trait, trait.replace("_", " "))


def describe_condition(kb: KnowledgeBase, rule: Rule) -> str:
    """``accuracy_need: critical`` as a person reads it: '"How costly is ...?" is Critical'."""
    ((field, value),) = rule.when.items()
    question = kb.question(field)
    verb = "includes" if question.kind == "multi" else "is"
    return f'"{question.question}" {verb} {kb.choice_label(field, value)}'


def describe_adds(kb: KnowledgeBase, rule: Rule, unit: str) -> str:
    """What a rule changes: importance points (weight rules) or option scores (score rules)."""
    parts = []
    for criterion, amount in rule.add.items():
        name = kb.criterion(criterion).name.lower()
        if unit == "points":
            parts.append(f"{amount:+g} importance points for {name}")
        else:
            parts.append(f"{amount:+g} to the {name} score")
    return ", ".join(parts)


def weights_origin(rec: Recommendation) -> str:
    """One sentence on where the weights come from."""
    if rec.weights_source == "priorities":
        return "Your own priorities (1 to 5 per criterion), each divided by their total."
    if rec.weights_source == "custom":
        return "Weights you set for a what-if comparison."
    return (
        "Derived from your answers: each criterion starts from base points, the rules below add or "
        "remove points, no criterion falls below the floor, and points are divided by their total."
    )
