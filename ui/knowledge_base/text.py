"""Markdown for the knowledge-base page and the reasons on other pages (pure).

Every piece of data text is escaped with ``md``: rationales quote prices such as ``$0.15``, which
Streamlit would otherwise read as LaTeX. Counts, names and labels come from the knowledge base,
never from literals here, so a new approach, deployment or criterion shows up without code changes.
"""

from __future__ import annotations

from collections.abc import Iterable

from scoring.knowledge import KnowledgeBase
from scoring.knowledge.schema import (
    Approach,
    ComplianceNote,
    Component,
    Criterion,
    Deployment,
    Rule,
    Usage,
)
from scoring.requirements import REQUIREMENTS, money
from scoring.solutions import lower_first
from ui.common.rules import (
    describe_condition,
    rule_components,
    sourced_paragraph,
    sources_line,
)
from ui.common.text import md

KIND_MEANINGS = {
    "reviewed": "every component states a score with an uncertainty band (its own, or its "
    "deployment's); no answer changes it",
    "mixed": "reviewed like the above, then moved by the score rules that your answers fire",
    "computed": "the engine computes it from your answers and the components' facts",
}
"""What each kind of criterion of data/criteria.yaml means (the schema's three kinds)."""

COMPUTATION_MEANINGS = {
    "weakest_component": "a solution scores what its weakest component scores",
    "modality_fit": "what the components read, write and do together, against what you need, "
    "less a penalty for each extra component",
    "monthly_cost": "the solution's monthly cost at your volume, on a log scale (higher = cheaper)",
}
"""Plain words for the engine's registered criterion computations (scoring.criteria)."""


# --- small building blocks ----------------------------------------------------------------------


def bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def labels(kb: KnowledgeBase, field: str, ids: Iterable[str]) -> str:
    """Choice ids as the questionnaire labels them, comma-separated (plain text)."""
    return ", ".join(kb.choice_label(field, i) for i in ids)


def dollars(low: float, high: float) -> str:
    """``$0 to $50`` (plain text: escape before markdown)."""

    def one(amount: float) -> str:
        return "$0" if amount == 0 else money(amount)

    return one(low) if low == high else f"{one(low)} to {one(high)}"


def number(value: float) -> str:
    """A quantity without trailing zeros and with thousands separators: ``0.002``, ``1,200``."""
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return text or "0"


def yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def requirement_number(requirement: str) -> int:
    """A hard requirement's number as SPEC.md and the method section count them (1-based)."""
    return REQUIREMENTS.index(requirement) + 1


# --- rules (data/model.yaml) ---------------------------------------------------------------------


def applies_to_line(kb: KnowledgeBase, rule: Rule) -> str:
    """Which components a score rule moves, by label (escaped), or that it moves none."""
    chosen = rule_components(kb, rule)
    if not chosen:
        return "*Applies to:* no component of the current catalogue."
    names = "; ".join(md(component_label(kb, c)) for c in chosen)
    return f"*Applies to {len(chosen)} of {len(kb.components)} components:* {names}."


# --- overview and criteria -----------------------------------------------------------------------


def counts(kb: KnowledgeBase) -> dict[str, int]:
    """What the knowledge base holds, counted from the data."""
    return {
        "Criteria": len(kb.criteria),
        "Approaches": len(kb.approaches),
        "Deployments": len(kb.deployments),
        "Components": len(kb.components),
        "Named products": sum(len(c.shortlist) for c in kb.components),
        "Dated facts": len(kb.facts),
        "Seed articles": len(kb.seeds),
    }


def overview_markdown(kb: KnowledgeBase) -> str:
    n = counts(kb)
    pairs = len(kb.approaches) * len(kb.deployments)
    return (
        f"Version **{md(kb.version)}**, reviewed **{md(kb.reviewed)}**. The catalogue has "
        f"{n['Approaches']} approaches in {n['Deployments']} deployments: "
        f"{n['Components']} of the {pairs} possible pairs are offered as components, naming "
        f"{n['Named products']} products. Every number has a rationale in the project's own "
        f"words and a source: a section of one of the {n['Seed articles']} seed articles, or "
        f"one of {n['Dated facts']} dated facts. The CSV report names this version."
    )


def swing_markdown(kb: KnowledgeBase, criterion: Criterion) -> str:
    """How far the criterion moves across the catalogue, and where that figure comes from."""
    k = kb.criterion_ids.index(criterion.id)
    swing = float(kb.arrays.swing[k])
    if criterion.kind == "computed":
        return f"{swing:g} points, stated: {md(criterion.swing_basis or '')}"
    column = kb.arrays.reviewed[:, k]
    low, high = int(column.argmin()), int(column.argmax())
    return (
        f"{swing:g} points, from the catalogue: highest minus lowest reviewed score (at least 1), "
        f"from {column[low]:g} ({md(component_label(kb, kb.components[low]))}) to "
        f"{column[high]:g} ({md(component_label(kb, kb.components[high]))})."
    )


def criterion_markdown(kb: KnowledgeBase, criterion: Criterion) -> str:
    """A criterion: definition, kind, computation and swing range."""
    kind = KIND_MEANINGS.get(criterion.kind, criterion.kind)
    computation = COMPUTATION_MEANINGS.get(criterion.computation, criterion.computation)
    return (
        f"**{md(criterion.name)}** (`{criterion.id}`): {md(criterion.definition.strip())}\n"
        + bullets(
            [
                f"*Kind:* {criterion.kind}: {md(kind)}.",
                f"*Computation:* `{criterion.computation}`: {md(computation)}.",
                f"*Swing range:* {swing_markdown(kb, criterion)}",
            ]
        )
    )


# --- the catalogue --------------------------------------------------------------------------------


def component_label(kb: KnowledgeBase, component: Component) -> str:
    """``Text LLM, self-hosted`` (plain text), as the ranking labels it."""
    return f"{kb.approach(component.approach).label}, {kb.deployment(component.deployment).label}"


def approach_components(kb: KnowledgeBase, approach: Approach) -> list[Component]:
    return [c for c in kb.components if c.approach == approach.id]


def not_offered(kb: KnowledgeBase, approach: Approach) -> list[Deployment]:
    """Deployments the catalogue has no component of this approach in."""
    offered = {c.deployment for c in approach_components(kb, approach)}
    return [d for d in kb.deployments if d.id not in offered]


def offer_line(kb: KnowledgeBase, approach: Approach) -> str:
    """Which deployments an approach is offered in, and which not (escaped)."""
    offered = ", ".join(
        kb.deployment(c.deployment).label for c in approach_components(kb, approach)
    )
    missing = ", ".join(d.label for d in not_offered(kb, approach))
    line = f"*Offered as:* {md(offered)}."
    return f"{line} *Not offered as:* {md(missing)}." if missing else line


def approach_markdown(kb: KnowledgeBase, approach: Approach) -> str:
    """What an approach reads, writes and does (questionnaire labels), its traits, strengths and
    weaknesses, and where it is offered."""
    return "\n\n".join(
        [
            md(approach.summary.strip()),
            bullets(
                [
                    f"**Reads:** {md(labels(kb, 'input_modalities', approach.reads))}",
                    f"**Writes:** {md(labels(kb, 'output_modalities', approach.writes))}",
                    f"**Tasks:** {md(labels(kb, 'tasks', approach.tasks))}",
                    f"**Specialised tool** (one job; see *no task named* in the method): "
                    f"{yes_no(approach.specialised)}",
                    f"**Generates novel media** (creative): {yes_no(approach.creative)}",
                    f"**Strengths:** {md(' '.join(approach.strengths))}",
                    f"**Weaknesses:** {md(' '.join(approach.weaknesses))}",
                ]
            ),
            sourced_paragraph(
                kb, "Capabilities (what it reads, writes and does).", approach.capabilities
            ),
            offer_line(kb, approach),
        ]
    )


def needs_markdown(kb: KnowledgeBase, component: Component) -> str:
    """What running the component takes: ML staff, GPUs, fine-tuning, and why."""
    needs = component.needs
    team = kb.choice_label("in_house_ml_expertise", needs.ml_team)
    lead = (
        f"Needs: ML team {md(team)}; GPUs {needs.gpus}; "
        f"fine-tunable {yes_no(component.fine_tunable)}."
    )
    return sourced_paragraph(kb, lead, needs)


def score_paragraphs(kb: KnowledgeBase, component: Component) -> list[str]:
    """One paragraph per reviewed or mixed criterion: value ± band, basis, rationale, sources,
    and whether the score is the deployment's (inherited)."""
    paragraphs = []
    for criterion in kb.criteria:
        score = kb.score_of(component, criterion.id)
        if criterion.kind == "computed" or score is None:
            continue
        inherited = (
            ""
            if criterion.id in component.scores
            else f", inherited from the {md(kb.deployment(component.deployment).label)} deployment"
        )
        lead = f"{md(criterion.name)}: {score.value:g} ± {score.band:g} ({score.basis}{inherited})."
        paragraphs.append(sourced_paragraph(kb, lead, score))
    return paragraphs


def computed_note(kb: KnowledgeBase) -> str:
    """Which criteria no component states, because the engine computes them for the answers."""
    names = ", ".join(c.name for c in kb.criteria if c.kind == "computed")
    return f"*{md(names)}:* computed for your answers (see the method below)." if names else ""


def usage_paragraph(kb: KnowledgeBase, usage: Usage) -> str:
    """One usage price: units per item of work, price range per unit, minimum, why, sources."""
    work = next(w for w in kb.money.work if w.id == usage.work)
    minimum = f"; at least {number(usage.minimum_units)} a month" if usage.minimum_units else ""
    batch = usage.batch_price
    waits = kb.choice_label("latency", "batch_ok")
    batch_text = f" ({md(dollars(batch.low, batch.high))} for {md(waits)})" if batch else ""
    lead = (
        f"Usage, per {md(work.unit)} ({md(work.label)}): {number(usage.units_per_item)} × "
        f"{md(usage.unit)} at {md(dollars(usage.price.low, usage.price.high))} per "
        f"{md(usage.unit)}{batch_text}{minimum}."
    )
    return sourced_paragraph(kb, lead, usage)


def fixed_paragraphs(kb: KnowledgeBase, component: Component) -> list[str]:
    """Infrastructure, staff share and integration, each with its monthly amount and sources."""
    fixed, staff = component.cost.fixed, kb.money.staff_monthly_cost
    share = fixed.staff_fte
    ml = (
        " (times the ML staff factor for your expertise: it needs an ML team)"
        if (component.needs.ml_team != "none")
        else ""
    )
    one_off = fixed.integration
    return [
        sourced_paragraph(
            kb,
            f"Infrastructure: {md(dollars(fixed.infrastructure.low, fixed.infrastructure.high))} "
            "a month.",
            fixed.infrastructure,
        ),
        sourced_paragraph(
            kb,
            f"Staff: {share.low:g} to {share.high:g} of a full-time engineer, "
            f"{md(dollars(share.low * staff.low, share.high * staff.high))} a month{md(ml)}.",
            share,
        ),
        sourced_paragraph(
            kb,
            f"Integration: {md(dollars(one_off.low, one_off.high))} once, spread over "
            f"{one_off.months} months: "
            f"{md(dollars(one_off.low / one_off.months, one_off.high / one_off.months))} a month.",
            one_off,
        ),
    ]


def price_sources_markdown(kb: KnowledgeBase, component: Component) -> str:
    """The shortlist's price sources in full, in small print: each fact once, after the products
    it prices, by the fact id the table shows."""
    by_source: dict[str, list[str]] = {}
    for product in component.shortlist:
        by_source.setdefault(product.source, []).append(product.name)
    lines = "; ".join(
        f"{md(', '.join(names))} ({md(source)}): {md(kb.cite(source))}"
        for source, names in by_source.items()
    )
    return f":small[*Price sources:* {lines}]"


def risks_markdown(component: Component) -> str:
    return "**Risks:**\n" + bullets(md(r) for r in component.risks)


def deployment_markdown(kb: KnowledgeBase, deployment: Deployment) -> str:
    """A deployment: summary, the contract it brings, and the scores its components inherit."""
    lines = [
        md(deployment.summary.strip()),
        bullets(
            [
                f"**On your own premises:** {yes_no(deployment.on_premises)} "
                f"(hard requirement {requirement_number('on_premises')})",
                f"**Vendor's standard terms:** {yes_no(deployment.standard_terms)} "
                f"(hard requirement {requirement_number('contract')})",
            ]
        ),
    ]
    for criterion_id, score in deployment.scores.items():
        lead = (
            f"{md(kb.criterion(criterion_id).name)}: {score.value:g} ± {score.band:g} "
            f"({score.basis}), inherited by its components unless they state their own."
        )
        lines.append(sourced_paragraph(kb, lead, score))
    return "\n\n".join(lines)


# --- industries ---------------------------------------------------------------------------------


def industry_uses_markdown(kb: KnowledgeBase, industry: str) -> str:
    """How the seed articles say a sector uses these technologies, the approaches each use points
    to and its sources; a sector they do not discuss says so rather than showing nothing."""
    uses = kb.industries.get(industry, ())
    if not uses:
        return (
            "The seed articles do not discuss this sector; the general comparison behind every "
            "score still applies."
        )
    lines = []
    for use in uses:
        approaches = ", ".join(kb.approach(a).label for a in use.approaches)
        lines.append(f"{md(use.text)} *Points to:* {md(approaches)}.  \n{sources_line(kb, use)}")
    return bullets(lines)


def compliance_scope(kb: KnowledgeBase, note: ComplianceNote) -> str:
    """When a compliance note applies, in words (plain text): the answers, then the parts."""
    parts = []
    if note.when:
        parts.append(f"when {describe_condition(kb, note)}")
    if note.approaches:
        parts.append(
            "for solutions with "
            + " or ".join(lower_first(kb.approach(a).label) for a in note.approaches)
        )
    if note.deployments:
        kinds = " or ".join(kb.deployment(d).label for d in note.deployments)
        parts.append(f"with a part run as {kinds}")
    return ", ".join(parts) if parts else "to every recommendation"


def compliance_markdown(kb: KnowledgeBase, note: ComplianceNote) -> str:
    """A note of data/compliance.yaml as the brief names it: title, when it applies and from
    which date, what to do, why, and its sources."""
    return (
        f"**{md(note.title)}** (applies {md(compliance_scope(kb, note))}; from "
        f"{md(note.applies_from)}). {md(note.note.strip())}  \n"
        f"*Why:* {md(note.rationale.strip())}  \n{sources_line(kb, note)}"
    )
