"""Markdown for the method: weights, scores, combinations, requirements, ranking, outcomes, the
aggregation methods and robustness (pure).

Figures come from the knowledge base and the engine's own constants and registries (the methods'
``describe``, the normalisations, the tie precision, the sampling defaults), so the page cannot
drift from what the engine does.
"""

from __future__ import annotations

import math

from scoring.engine import OUTCOMES
from scoring.knowledge import KnowledgeBase
from scoring.knowledge.checks.questionnaire import CHOICES_THE_REQUIREMENTS_NAME
from scoring.knowledge.schema import JUDGEMENT_BAND_MIN, SOURCED_BAND_MAX
from scoring.methods import METHODS, NORMALIZATION_NAMES
from scoring.ranking import TIE_DECIMALS
from scoring.requirements import REQUIREMENTS, money
from scoring.robustness import (
    DEFAULT_CONCENTRATION,
    DEFAULT_SAMPLES,
    LABEL_NO_FIT,
    LABEL_ONLY,
)
from scoring.solutions import MAX_COMPONENTS
from scoring.trust import LABEL_EXPLANATIONS
from ui.common.rules import values_line
from ui.common.text import md
from ui.knowledge_base.text import bullets, dollars, number

MODALITY_PART_NAMES = {
    "outputs": "required outputs produced",
    "inputs": "inputs read",
    "tasks": "tasks served",
    "focus": "focus (share of its outputs you need)",
}
"""The parts of the modality fit (data/model.yaml ``modality_fit``), in plain words."""

NO_TASK_KIND_NAMES = {
    "general": "a general model",
    "specialised": "a solution made only of specialised tools",
}

OUTCOME_MEANINGS = {
    "recommend": "two or more solutions meet every hard requirement: the top one is recommended, "
    "with its margin over the runner-up and how robust that is",
    "only_option": "exactly one solution meets them: the page says it is the only option and "
    "never calls it robust",
    "no_fit": "none meets them: the page never says 'adopt'; it names the nearest solutions and, "
    "for each, the requirement whose relaxing would let it qualify",
}
"""What each outcome of scoring.engine means for the page (SPEC, outcomes)."""


def weights_markdown(kb: KnowledgeBase) -> str:
    """Where weights come from, and how swing points become weights."""
    return (
        "**Weights.** Your own priorities (1 to 5 per criterion), AHP comparisons or what-if "
        "weights, when you give them, divided by their total. Otherwise they are derived from your "
        "answers in *swing points*: each criterion starts from its base points, every weight rule "
        "whose conditions all hold adds its points, and no criterion falls below "
        f"**{kb.model.min_points:g}** points, so none is ignored. A point is stated against the "
        "criterion's swing range (how far its score moves across the catalogue, see the "
        "criteria), so a point means the same on every criterion: "
        "`weight = (points / swing range) / sum over criteria of (points / swing range)`. "
        "Weights are non-negative and sum to 1."
    )


def modality_markdown(kb: KnowledgeBase) -> str:
    """How the modality and task fit is put together, with its shares and penalty."""
    shares = kb.model.modality_fit.values
    formula = " + ".join(f"{v:g} × {k}" for k, v in shares.items())
    penalty = kb.model.integration_penalty.points
    return (
        "**Modality and task fit** = `100 × outputs × ("
        f"{formula}) − {penalty:g} × (components − 1)`, kept within 0 to 100, where each part "
        "is a share from 0 to 1: "
        f"{values_line(shares, MODALITY_PART_NAMES)}. Multiplying by the share of the required "
        "outputs produced means a solution that produces none of them scores 0."
    )


def no_task_lead(kb: KnowledgeBase) -> str:
    """The tasks part when no task is named (markdown lead, escaped)."""
    values = kb.model.no_task_fit.values
    return f"No task named: the tasks part is then {values_line(values, NO_TASK_KIND_NAMES)}."


def penalty_lead(kb: KnowledgeBase) -> str:
    return (
        f"Integration penalty: {kb.model.integration_penalty.points:g} points of modality fit "
        "for each component beyond the first."
    )


def combination_markdown(kb: KnowledgeBase) -> str:
    """How a combination of components is formed and scored."""
    weakest = ", ".join(c.name.lower() for c in kb.criteria if c.computation == "weakest_component")
    extra = kb.money.combination_integration
    per_month = dollars(extra.low / extra.months, extra.high / extra.months)
    return (
        "**Combinations.** A solution is one component, or two to "
        f"{MAX_COMPONENTS} components of different approaches that together meet needs no single "
        "component meets. Only minimal combinations are listed: every component covers something "
        "the others do not and, when you name tasks, does one of them. A combination is scored "
        "from its components: modality fit from what they read, write and do together (the "
        "union), less the integration penalty per extra component; "
        f"{md(weakest)}: those of its weakest component; cost from the summed monthly cost of its "
        "components plus, for each extra component, the integration of "
        f"{md(dollars(extra.low, extra.high))} spread over {extra.months} months "
        f"({md(per_month)} a month)."
    )


def _modalities(kb: KnowledgeBase, ids: tuple[str, ...]) -> str:
    return " and ".join(kb.choice_label("output_modalities", m).split(" (")[0].lower() for m in ids)


def requirement_sentences(kb: KnowledgeBase) -> dict[str, str]:
    """Each hard requirement of scoring.requirements in plain words, with the knowledge base's
    labels for the answers and deployments it names."""
    on_premises = CHOICES_THE_REQUIREMENTS_NAME["deployment"]
    regulated = CHOICES_THE_REQUIREMENTS_NAME["data_sensitivity"]
    away = ", ".join(d.label for d in kb.deployments if not d.on_premises) or "none"
    standard = ", ".join(d.label for d in kb.deployments if d.standard_terms) or "none"
    return {
        "outputs": "cannot produce an output you require from what you give it: a generator "
        "makes its outputs from a request, while a tool that transforms content makes each "
        "output only from what it is given ("
        + "; ".join(
            f"{a.label}: "
            + ", ".join(
                f"{_modalities(kb, m.writes)} from "
                + (
                    f"the {_modalities(kb, m.reads)} it is handed"
                    if m.from_prompt
                    else f"{_modalities(kb, m.reads)} you give"
                )
                for m in a.makes
            )
            for a in kb.approaches
            if a.makes
        )
        + ")",
        "inputs": "cannot read an input you give, or reads it only to make something you did "
        "not ask for (a part counts when it makes a required output, or text another part "
        "takes on, from the input)",
        "tasks": "cannot do a task you select",
        "on_premises": f'has a component off your premises ({away}) when "'
        f'{kb.question("deployment").question}" is {kb.choice_label("deployment", on_premises)}',
        "contract": f"has a component on a vendor's standard terms ({standard}) when \""
        f'{kb.question("data_sensitivity").question}" is '
        f"{kb.choice_label('data_sensitivity', regulated)}: regulated data needs a signed BAA/DPA "
        "or zero retention",
        "budget": "costs more than your budget's monthly ceiling even at the low end of its "
        "estimate",
    }


def requirements_markdown(kb: KnowledgeBase) -> str:
    sentences = requirement_sentences(kb)
    numbered = "\n".join(
        f"{n}. {md(sentences.get(r, r.replace('_', ' ')))}." for n, r in enumerate(REQUIREMENTS, 1)
    )
    return (
        "**Hard requirements.** A solution fails one when it:\n\n"
        f"{numbered}\n\n"
        "A failing solution is still scored and shown, flagged with every requirement it fails in "
        "plain words. Lacking an ML team is not a requirement but a named risk and a score rule."
    )


def ranking_markdown() -> str:
    return (
        "**Ranking.** Solutions that meet every hard requirement come first, then those that fail "
        "fewer of them. Within each group a higher total ranks higher; totals equal to "
        f"{TIE_DECIMALS} decimal places are a tie, and ties keep the catalogue order (single "
        "components in the order of this page, then combinations). Every method and every "
        "robustness sample ranks by this same rule."
    )


def outcomes_markdown() -> str:
    return "**Outcomes.**\n\n" + bullets(
        f"`{outcome}`: {md(OUTCOME_MEANINGS.get(outcome, outcome))}." for outcome in OUTCOMES
    )


def methods_markdown() -> str:
    """Every registered aggregation method, its description and normalisations."""
    items = []
    for method in METHODS.values():
        line = f"**{md(method.label)}** (`{method.name}`): {md(method.describe)}"
        if method.normalizations:
            options = "; ".join(
                f"{md(NORMALIZATION_NAMES.get(n, n))}{' (default)' if i == 0 else ''}"
                for i, n in enumerate(method.normalizations)
            )
            line += f" Normalisations: {options}."
        line += (
            " Its weight-stability intervals are exact (totals are linear in the weights)."
            if method.exact_stability
            else " Its weight-stability intervals are found numerically."
        )
        items.append(line)
    return (
        "**Aggregation methods.** Every score is on 0 to 100 and every criterion is a benefit "
        "(cost is scored so that higher is cheaper).\n\n"
        + bullets(items)
        + "\n\nA method that compares solutions with one another (such as TOPSIS's ideal and "
        "anti-ideal points, and its normalisation) takes them from the solutions that meet your "
        "requirements, or from all solutions when none does; failing solutions are measured "
        "against the same points, so a solution you cannot use never moves the others. When a "
        "method's total is not a weighted sum, it is shared out to the criteria in proportion to "
        "weight times score, so the contributions still add up to the total."
    )


def robustness_markdown(counts: dict[str, int]) -> str:
    """SMAA: what is sampled, how widely, and what the labels mean. ``counts`` is how many of
    the catalogue's reviewed scores are sourced and how many judgement."""
    labels = bullets(
        f"**{md(label)}**: {md(meaning)}." for label, meaning in LABEL_EXPLANATIONS.items()
    )
    return (
        f"**Robustness (SMAA).** {DEFAULT_SAMPLES:,} samples. Each draws the weights around yours "
        f"(Dirichlet, concentration {DEFAULT_CONCENTRATION:g}) and, per component and criterion, "
        "the reviewed score uniformly within its band: narrow where the number is sourced (at "
        f"most ± {SOURCED_BAND_MAX:g} points; {counts.get('sourced', 0)} scores in the catalogue), "
        f"wide where it is the project's judgement (at least ± {JUDGEMENT_BAND_MIN:g}; "
        f"{counts.get('judgement', 0)} scores). Each component's monthly cost is drawn within its "
        "low-high range (uniform on a log scale). The hard requirements stay fixed, and every "
        "sample is scored by the same computations and ranked by the same rule. The share of "
        "samples in which each solution ranks first is its rank acceptability:\n\n"
        f"{labels}\n\n"
        f"With one qualifying solution the label is *{md(LABEL_ONLY)}*, with none *{md(LABEL_NO_FIT)}*: neither is "
        "called robust."
    )


def cost_formula(kb: KnowledgeBase) -> str:
    """The cost criterion's formula with the anchors of data/money.yaml (markdown)."""
    score = kb.money.cost_score
    cheap, dear = number(score.cheap), number(score.dear)
    decades = math.log10(score.dear) - math.log10(score.cheap)
    return (
        f"`cost score = 100 × (log10({dear}) − log10(max(month, {cheap}))) / "
        f"(log10({dear}) − log10({cheap}))`, kept within 0 to 100, where *month* is the middle "
        "of the monthly cost range on a log scale (the geometric mean of low and high). 100 at or "
        f"below {md(money(score.cheap))} a month, 0 at or above {md(money(score.dear))}: "
        f"{100 / decades:g} points per tenfold rise in cost."
    )


def monthly_cost_markdown(kb: KnowledgeBase) -> str:
    """How a component's month adds up (scoring.money)."""
    return (
        "**A component's month** = usage + infrastructure + staff + integration. Usage is, per "
        "usage line, `max(items a month × units per item, minimum units) × price per unit`, low "
        "and high; the items a month are the volume level's quantity of that kind of work, or "
        "your requests a month times the units per request when you give them. Staff is the "
        "component's share of an engineer times the monthly cost of one, times the ML staff "
        "factor for your expertise when the component needs an ML team. Integration is the "
        "one-off cost divided by its months."
    )
