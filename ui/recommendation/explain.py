"""Plain-language reasons for a recommendation, each with its sources (pure).

Everything here is drawn from the knowledge base: component summaries, the rationales behind each
criterion score, and the rules of ``data/model.yaml`` that fired for the answers. Nothing is
invented at display time, so every sentence can be traced to a cited source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from scoring.criteria import criterion_evidence
from scoring.engine import RankedSolution, Recommendation
from scoring.knowledge import KnowledgeBase
from scoring.requirements import money
from scoring.solutions import lower_first
from ui.common.text import ELLIPSIS, clip, percent

STRONGEST_COUNT = 2
NEAREST_COUNT = 3


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


def strongest_criteria(
    kb: KnowledgeBase, ranked: RankedSolution, count: int = STRONGEST_COUNT
) -> list[str]:
    """The criteria that add most to the solution's total (ties keep the criteria order)."""
    return sorted(kb.criterion_ids, key=lambda c: -ranked.contributions[c])[:count]


def _clause(text: str) -> str:
    """A rationale's first sentence as a clause inside a sentence (the rest is one click away,
    under the sources): no trailing full stop."""
    first = re.split(r"(?<=[a-z0-9)%])\. (?=[A-Z])", " ".join(text.split()), maxsplit=1)[0]
    return first.strip().rstrip(".")


def monthly_range(cost: tuple[float, float]) -> str:
    """``$120 to $2,400 a month``."""
    return f"{money(cost[0])} to {money(cost[1])} a month"


def solution_summary(kb: KnowledgeBase, ranked: RankedSolution) -> str:
    """What the solution is, from its components' summaries."""
    components = [kb.component(c) for c in ranked.components]
    if len(components) == 1:
        return components[0].summary.strip()
    parts = [
        f"{kb.approach(c.approach).noun} ({kb.deployment(c.deployment).label})" for c in components
    ]
    return (
        f"A pipeline of {len(parts)} parts, because no single system does everything you asked: "
        + ", plus ".join(parts)
        + "."
    )


def recommendation_rationale(kb: KnowledgeBase, rec: Recommendation) -> Explanation:
    """Two to four sentences on why the top solution comes first, with the sources they rest on."""
    top = rec.top
    strongest = strongest_criteria(kb, top)
    evidence = {c: criterion_evidence(kb, top.components, c) for c in strongest}
    reasons = "; ".join(
        f"{kb.criterion(c).name.lower()} scores {top.criteria[c]:.0f} of 100 at "
        f"{percent(rec.weights[c])} of the weight ({_clause(evidence[c][0].rationale)})"
        for c in strongest
    )
    sentences = [
        solution_summary(kb, top),
        f"It gains most where your needs weigh: {reasons}.",
        f"At your volume it costs about {monthly_range(top.monthly_cost)}.",
    ]
    runner_up = rec.runner_up
    if rec.outcome == "no_fit":
        sentences.append(
            "No solution meets every hard requirement; this is the nearest: "
            + " ".join(top.unmet_sentences)
        )
    elif rec.outcome == "only_option":
        sentences.append("It is the only solution that meets all your requirements.")
    elif runner_up is not None:
        sentences.append(f"It leads the runner-up, {runner_up.label}, by {rec.margin:.1f} points.")
    sources = _unique(
        cite for c in strongest for sourced in evidence[c] for cite in kb.citations(sourced)
    )
    return Explanation(tuple(sentences), sources)


@dataclass(frozen=True)
class NearMiss:
    """A failing solution near the top: what it lacks and what would let it qualify."""

    label: str
    lacks: tuple[str, ...]
    relax: tuple[str, ...]


def nearest_solutions(rec: Recommendation, count: int = NEAREST_COUNT) -> tuple[NearMiss, ...]:
    """For a no-fit outcome: the nearest solutions, each with what it lacks and what to relax."""
    return tuple(
        NearMiss(r.label, r.unmet_sentences, tuple(u.relax for u in r.unmet))
        for r in rec.ranking[:count]
        if not r.meets_requirements
    )


def weights_origin(rec: Recommendation) -> str:
    """One sentence on where the weights come from."""
    if rec.weights_source == "priorities":
        return "Your own priorities (1 to 5 per criterion), each divided by their total."
    if rec.weights_source == "custom":
        return "Weights you set for a what-if comparison."
    return (
        "Derived from your answers: each criterion starts from base points, the rules below add or "
        "remove points, no criterion falls below the floor, and each criterion's points are "
        "divided by how far its scores spread across the catalogue (its swing), then by their total."
    )


CARD_COUNT = 3
CARD_CLAUSE_CHARS = 110
"""A card's reason keeps the first words of its rationale (the whole one is under Why)."""
COST = "cost"
"""The criterion whose card reason starts with the monthly cost."""
CARD_CITATIONS = 3
"""A card's reason cites its first few sources; the Why tab lists all of them."""


@dataclass(frozen=True)
class Card:
    """One of the top qualifying solutions at a glance: what, cost, why in three bullets (with
    numbered source notes), main risk."""

    rank: int
    label: str
    score: float
    cost: str
    bullets: tuple[str, ...]
    risk: str


class SourceNotes:
    """Numbered source notes shared by every card, so a source cited twice has one number."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}

    def mark(self, citations: Iterable[str]) -> str:
        """`` [1, 3]`` for these citations (numbering new ones), or nothing when there are none."""
        numbers = [self._numbers.setdefault(c, len(self._numbers) + 1) for c in citations]
        return f" [{', '.join(str(n) for n in dict.fromkeys(numbers))}]" if numbers else ""

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(self._numbers)


def _reason(kb: KnowledgeBase, ranked: RankedSolution, criterion: str, notes: SourceNotes) -> str:
    evidence = criterion_evidence(kb, ranked.components, criterion)
    citations = list(_unique(cite for sourced in evidence for cite in kb.citations(sourced)))
    first = _clause(evidence[0].rationale) if evidence else ""
    if criterion == COST:  # a manager reads the money first, then what it is priced from
        first = f"{monthly_range(ranked.monthly_cost)} at your volume" + (
            f"; {lower_first(first)}" if first else ""
        )
    clause = clip(first, CARD_CLAUSE_CHARS, at_word=True)
    name = kb.criterion(criterion).name
    mark = notes.mark(citations[:CARD_CITATIONS])
    stop = "" if clause.endswith(ELLIPSIS) else "."
    return f"{name} {ranked.criteria[criterion]:.0f}/100: {clause}{stop}{mark}"


def _standing(kb: KnowledgeBase, rec: Recommendation, ranked: RankedSolution) -> str:
    """Where the solution stands against the others, in one sentence."""
    if ranked.option == rec.top.option:
        runner_up = rec.runner_up
        if rec.outcome == "only_option" or runner_up is None:
            return "The only solution that meets all your requirements."
        return f"Leads the runner-up, {runner_up.label}, by {rec.margin:.1f} points."
    behind = rec.top.score - ranked.score
    ahead = [c for c in kb.criterion_ids if ranked.criteria[c] > rec.top.criteria[c] + 0.5]
    better = max(ahead, key=lambda c: ranked.criteria[c] - rec.top.criteria[c], default=None)
    if better is None:
        return f"{behind:.1f} points behind the recommendation, and no better on any criterion."
    return (
        f"{behind:.1f} points behind the recommendation, but better on "
        f"{kb.criterion(better).name.lower()} ({ranked.criteria[better]:.0f} against "
        f"{rec.top.criteria[better]:.0f})."
    )


def solution_risks(kb: KnowledgeBase, ranked: RankedSolution) -> tuple[str, ...]:
    """The risks of a solution's components, each once, in component order (the first is the
    card's main risk)."""
    return tuple(dict.fromkeys(r for c in ranked.components for r in kb.component(c).risks))


def summary_cards(
    kb: KnowledgeBase, rec: Recommendation, count: int = CARD_COUNT
) -> tuple[tuple[Card, ...], tuple[str, ...]]:
    """The top qualifying solutions as cards, and the numbered source notes their bullets cite.

    A no-fit outcome has no cards: nothing qualifies, and the nearest solutions are listed with
    what each lacks instead.
    """
    notes = SourceNotes()
    cards = []
    for ranked in [r for r in rec.ranking if r.meets_requirements][:count]:
        first, second = strongest_criteria(kb, ranked)
        risks = solution_risks(kb, ranked)
        cards.append(
            Card(
                rank=ranked.rank,
                label=ranked.label,
                score=ranked.score,
                cost=monthly_range(ranked.monthly_cost),
                bullets=(
                    _reason(kb, ranked, first, notes),
                    _reason(kb, ranked, second, notes),
                    _standing(kb, rec, ranked),
                ),
                risk=risks[0] if risks else "",
            )
        )
    return tuple(cards), notes.notes
