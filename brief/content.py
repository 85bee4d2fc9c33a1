"""What the brief says, as plain data built from one recommendation (pure: no Streamlit, no markup).

Every sentence comes from the helpers the recommendation page uses (the cards' reasons and source
notes, the How sure verdict, the nearest solutions of a no-fit), so the brief never words a
finding differently from the page. The renderers in :mod:`brief.html` and :mod:`brief.pdf` only
lay this model out and escape it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from itertools import zip_longest

from brief.compliance import compliance_notes
from scoring.answers import Answers
from scoring.engine import Outcome, RankedSolution, Recommendation
from scoring.knowledge import KnowledgeBase
from scoring.knowledge.schema import ML_TEAM_LEVELS
from scoring.methods import NORMALIZATION_NAMES, get_method
from scoring.requirements import money
from scoring.trust import TrustAnalysis
from ui.common.fields import field_label
from ui.recommendation.explain import (
    Card,
    SourceNotes,
    monthly_range,
    nearest_solutions,
    solution_risks,
    strongest_criteria,
    summary_cards,
)
from ui.recommendation.tables import answers_frame
from ui.trust.text import robustness_verdict, share_text

TOP_COUNT = 3
PRODUCTS_SHOWN = 4
"""Named products per solution: the first of each part's shortlist, then the seconds, up to this
many (a pipeline of three parts would otherwise fill a card; the page lists them all)."""
RISK_COUNT = 3
CAVEAT = (
    "Costs are estimates at the stated volume from dated prices; compliance notes are "
    "orientation, not legal advice."
)
WEIGHTS_SOURCES = {
    "derived": "derived from your answers",
    "priorities": "from your own priorities",
    "custom": "set by you for a what-if comparison",
}
"""Where the weights come from, as the brief's method line says it (the page's Why tab says
more)."""
SOLUTIONS_HEADINGS: dict[Outcome, str] = {
    "recommend": "The top qualifying solutions",
    "only_option": "The only qualifying solution",
    "no_fit": "The nearest solutions, and what each lacks",
}


@dataclass(frozen=True)
class BriefSolution:
    """One of the top qualifying solutions (or, for a no-fit, one of the nearest)."""

    rank: int
    label: str
    score: float
    monthly_cost: tuple[float, float]
    cost_text: str
    products: tuple[str, ...]
    reasons: tuple[str, ...]  # the card's bullets (with [n] marks), or what it lacks
    risk: str
    first_share: str | None  # how often it comes first in the robustness samples (recommend only)
    qualifies: bool


@dataclass(frozen=True)
class ComplianceItem:
    title: str
    text: str
    mark: str  # `` [4, 5]``: its numbered source notes


@dataclass(frozen=True)
class Brief:
    """The one-page brief, in reading order."""

    organization: str
    outcome: Outcome
    decision: str
    solutions: tuple[BriefSolution, ...]
    solutions_heading: str
    sure_title: str
    sure_text: str
    risks: tuple[str, ...]
    compliance: tuple[ComplianceItem, ...]
    next_steps: tuple[str, ...]
    source_notes: tuple[str, ...]
    answers: tuple[tuple[str, str], ...]
    method: str
    kb_version: str
    kb_reviewed: str
    generated: str
    caveat: str = CAVEAT

    @property
    def title(self) -> str:
        return (
            f"AI decision brief: {self.organization}" if self.organization else "AI decision brief"
        )


def decision_sentence(rec: Recommendation) -> str:
    """The decision in one sentence, as SPEC's outcomes allow: only a real choice says "Adopt"."""
    top = rec.top
    cost = monthly_range(top.monthly_cost)
    if rec.outcome == "recommend":
        runner_up = rec.runner_up
        lead = (
            f", {rec.margin:.1f} points ahead of {runner_up.label}"
            if runner_up is not None and rec.margin is not None
            else ""
        )
        return f"Adopt {top.label}: it meets all your requirements{lead}, at about {cost}."
    if rec.outcome == "only_option":
        return f"{top.label} is the only solution that meets your requirements, at about {cost}."
    near = nearest_solutions(rec, 1)
    relax = (
        f"; the nearest, {top.label}, would qualify if you {'; '.join(near[0].relax)}"
        if near
        else ""
    )
    return f"No solution meets every requirement{relax}."


def products(rec: Recommendation, ranked: RankedSolution) -> tuple[str, ...]:
    """``Name (Vendor)`` (``Name, Vendor`` when the vendor has brackets of its own) for the first
    products of each part's shortlist, taken in turn: every part is named at least once."""
    lists = [rec.shortlist(c) for c in ranked.components]
    taken = [p for rank in zip_longest(*lists) for p in rank if p is not None]
    limit = max(PRODUCTS_SHOWN, len(lists))
    return tuple(
        f"{p.name}, {p.vendor}" if "(" in p.vendor else f"{p.name} ({p.vendor})"
        for p in taken[:limit]
    )


def _solutions(
    kb: KnowledgeBase, rec: Recommendation, trust: TrustAnalysis, cards: tuple[Card, ...]
) -> tuple[BriefSolution, ...]:
    if rec.outcome == "no_fit":
        nearest = {n.label: n for n in nearest_solutions(rec, TOP_COUNT)}
        return tuple(
            BriefSolution(
                rank=r.rank,
                label=r.label,
                score=r.score,
                monthly_cost=r.monthly_cost,
                cost_text=monthly_range(r.monthly_cost),
                products=products(rec, r),
                reasons=(
                    *nearest[r.label].lacks,
                    f"Would qualify if you {'; '.join(nearest[r.label].relax)}.",
                ),
                risk=next(iter(solution_risks(kb, r)), ""),
                first_share=None,
                qualifies=False,
            )
            for r in rec.ranking[:TOP_COUNT]
        )
    return tuple(
        BriefSolution(
            rank=card.rank,
            label=card.label,
            score=card.score,
            monthly_cost=ranked.monthly_cost,
            cost_text=card.cost,
            products=products(rec, ranked),
            reasons=card.bullets,
            risk=card.risk,
            first_share=(
                share_text(trust.first_rank_share(ranked.index))
                if rec.outcome == "recommend"
                else None
            ),
            qualifies=True,
        )
        for card, ranked in zip(cards, rec.qualifying, strict=False)
    )


def _next_steps(
    kb: KnowledgeBase, rec: Recommendation, sure_label: str, compliance: tuple[ComplianceItem, ...]
) -> tuple[str, ...]:
    """What to do in the next weeks: a pilot for a choice, the requirement to relax for a no-fit."""
    top = rec.top
    steps: list[str] = []
    if rec.outcome == "no_fit":
        steps.append(
            "Decide which requirement you can relax: each nearest solution above says what it "
            "lacks and what would let it qualify."
        )
        steps.append("Change those answers in the advisor and run it again before any pilot.")
    else:
        named = [p.name for c in top.components for p in rec.shortlist(c)[:1]]
        with_products = f" with {' and '.join(named)}" if named else ""
        steps.append(
            f"Pilot {top.label}{with_products} on a small, real slice of the work, with a named "
            "owner and an end date."
        )
        measured = ", ".join(kb.criterion(c).name.lower() for c in strongest_criteria(kb, top))
        ceiling = (
            f" and your budget's ceiling of {money(rec.budget_ceiling)} a month"
            if rec.budget_ceiling is not None
            else ""
        )
        steps.append(
            f"Measure what decided it ({measured}) on your own cases, and hold the monthly bill "
            f"against the estimate of {monthly_range(top.monthly_cost)}{ceiling}."
        )
        runner_up = rec.runner_up
        if rec.outcome == "recommend" and runner_up is not None and sure_label != "robust":
            steps.append(
                f"Try the runner-up, {runner_up.label}, on the same cases: the choice is not "
                "clear-cut."
            )
        needs = max(ML_TEAM_LEVELS.index(kb.component(c).needs.ml_team) for c in top.components)
        if needs > ML_TEAM_LEVELS.index(rec.answers.in_house_ml_expertise):
            team = kb.choice_label("in_house_ml_expertise", ML_TEAM_LEVELS[needs])
            steps.append(
                f"Line up the machine-learning skills it needs ({team.lower()}): hire, contract "
                "or train before the pilot starts."
            )
    if compliance:
        notes = f"{len(compliance)} compliance notes" if len(compliance) > 1 else "compliance note"
        steps.append(f"Settle the {notes} above before real data or public output reach a pilot.")
    return tuple(steps)


def text_safe(answers: Answers) -> Answers:
    """The answers with any lone surrogate in their free text (valid JSON, not text) as ``?``, so
    that no table, file or font meets a character that cannot be encoded."""
    return dataclasses.replace(
        answers,
        **{
            name: value.encode("utf-8", "replace").decode("utf-8")
            for name in ("organization", "use_case")
            if isinstance(value := getattr(answers, name), str)
        },
    )


def _answers(kb: KnowledgeBase, answers: Answers) -> tuple[tuple[str, str], ...]:
    """Each answer as the questionnaire asked it and as the page's answers table shows it."""
    frame = answers_frame(kb, answers)
    return tuple((field_label(kb, q.id), str(frame.iloc[n, 0])) for n, q in enumerate(kb.questions))


def build_brief(
    kb: KnowledgeBase, rec: Recommendation, trust: TrustAnalysis, generated_at: datetime
) -> Brief:
    """The brief of ``rec`` (with its trust analysis), made at ``generated_at``."""
    answers = text_safe(rec.answers)
    cards, card_notes = summary_cards(kb, rec, TOP_COUNT)
    notes = SourceNotes()
    notes.mark(card_notes)  # the cards' numbers stay the same here
    compliance = tuple(
        ComplianceItem(n.title, n.note.strip(), notes.mark(kb.citations(n)))
        for n in compliance_notes(kb, rec.answers, rec.top.components)
    )
    verdict = robustness_verdict(rec, trust)
    method = get_method(rec.method)
    normalization = NORMALIZATION_NAMES.get(rec.normalization or "", "")
    method_name = method.label + (f", {normalization}" if normalization else "")
    method_name += f"; weights {WEIGHTS_SOURCES[rec.weights_source]}"
    return Brief(
        organization=answers.organization.strip(),
        outcome=rec.outcome,
        decision=decision_sentence(rec),
        solutions=_solutions(kb, rec, trust, cards),
        solutions_heading=SOLUTIONS_HEADINGS[rec.outcome],
        sure_title=verdict.title,
        sure_text=verdict.sentence,
        risks=solution_risks(kb, rec.top)[:RISK_COUNT],
        compliance=compliance,
        next_steps=_next_steps(kb, rec, trust.label, compliance),
        source_notes=notes.notes,
        answers=_answers(kb, answers),
        method=method_name,
        kb_version=kb.version,
        kb_reviewed=kb.reviewed,
        generated=generated_at.strftime("%Y-%m-%d %H:%M %Z").strip(),
    )
