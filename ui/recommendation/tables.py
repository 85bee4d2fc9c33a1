"""DataFrames the recommendation page shows with ``st.dataframe`` (pure; cells are plain text,
never markup)."""

from __future__ import annotations

import pandas as pd

from scoring.answers import Answers
from scoring.encoding import encode_answers
from scoring.engine import RankedSolution, Recommendation
from scoring.knowledge import KnowledgeBase
from scoring.money import HIGH, LOW, component_costs
from scoring.requirements import money
from ui.common.rules import fired_rules
from ui.recommendation.selection import excluded_solutions

SOLUTION_COLUMN = "Solution"
COST_COLUMN = "Monthly cost (USD)"
FLAG_COLUMN = "Fails because"
RELAX_COLUMN = "Would qualify if you"
WEIGHT_COLUMN = "Weight (%)"
WHATIF_WEIGHT_COLUMN = "What-if weight (%)"


def cost_text(cost: tuple[float, float]) -> str:
    return f"{money(cost[0])} to {money(cost[1])}"


def ranking_frame(kb: KnowledgeBase, rec: Recommendation) -> pd.DataFrame:
    """The qualifying solutions, best first: score, monthly cost and criterion scores."""
    qualifying = [r for r in rec.ranking if r.meets_requirements]
    rows = [
        {
            "Rank": ranked.rank,
            SOLUTION_COLUMN: ranked.label,
            "Score": round(ranked.score, 1),
            COST_COLUMN: cost_text(ranked.monthly_cost),
            **{kb.criterion(c).short: round(ranked.criteria[c], 1) for c in kb.criterion_ids},
        }
        for ranked in qualifying
    ]
    columns = ["Rank", SOLUTION_COLUMN, "Score", COST_COLUMN, *(c.short for c in kb.criteria)]
    return pd.DataFrame(rows, columns=columns).set_index("Rank")


def excluded_frame(rec: Recommendation) -> pd.DataFrame:
    """Solutions that fail a hard requirement, nearest first, with why and what would change it."""
    rows = [
        {
            "Rank": ranked.rank,
            SOLUTION_COLUMN: ranked.label,
            FLAG_COLUMN: " ".join(ranked.unmet_sentences),
            RELAX_COLUMN: "; ".join(u.relax for u in ranked.unmet),
            COST_COLUMN: cost_text(ranked.monthly_cost),
        }
        for ranked in excluded_solutions(rec)
    ]
    columns = ["Rank", SOLUTION_COLUMN, FLAG_COLUMN, RELAX_COLUMN, COST_COLUMN]
    return pd.DataFrame(rows, columns=columns).set_index("Rank")


def shortlist_frame(rec: Recommendation, ranked: RankedSolution) -> pd.DataFrame:
    """The named products of every component of a solution that read the business's inputs,
    with licence and dated price."""
    kb = rec.kb
    rows = []
    for component_id in ranked.components:
        component = kb.component(component_id)
        part = (
            f"{kb.approach(component.approach).label}, {kb.deployment(component.deployment).label}"
        )
        for product in rec.shortlist(component_id):
            note = f" ({product.commercial_note})" if product.commercial_note else ""
            rows.append(
                {
                    "Part": part,
                    "Product": product.name,
                    "Vendor": product.vendor,
                    "Licence": product.licence,
                    "Commercial use": f"{product.commercial_use}{note}",
                    "Price": f"{product.price:g} {product.price_unit}",
                    "Price date": product.price_date,
                    "Source": kb.cite(product.source),
                }
            )
    return pd.DataFrame(rows)


def cost_breakdown_frame(
    kb: KnowledgeBase, rec: Recommendation, ranked: RankedSolution
) -> pd.DataFrame:
    """What a solution's month is made of, per component: usage, infrastructure, staff,
    integration (low to high), plus the integration of each extra component."""
    costs = component_costs(kb, encode_answers(kb, [rec.answers]))
    rows = []
    for component_id in ranked.components:
        c = kb.component_ids.index(component_id)
        part = (
            costs.usage[0, c],
            costs.infrastructure[0, c],
            costs.staff[0, c],
            costs.integration[0, c],
        )
        component = kb.components[c]
        rows.append(
            {
                "Part": f"{kb.approach(component.approach).label}, "
                f"{kb.deployment(component.deployment).label}",
                "Usage": cost_text((part[0][LOW], part[0][HIGH])),
                "Infrastructure": cost_text((part[1][LOW], part[1][HIGH])),
                "Staff": cost_text((part[2][LOW], part[2][HIGH])),
                "Integration (spread)": cost_text((part[3][LOW], part[3][HIGH])),
            }
        )
    extra = len(ranked.components) - 1
    if extra:
        per = kb.arrays.combination_integration
        rows.append(
            {
                "Part": f"joining {extra + 1} parts",
                "Usage": "",
                "Infrastructure": "",
                "Staff": "",
                "Integration (spread)": cost_text((extra * per[LOW], extra * per[HIGH])),
            }
        )
    return pd.DataFrame(rows).set_index("Part")


def rule_points(kb: KnowledgeBase, answers: Answers) -> dict[str, float]:
    """Importance points the fired weight rules add to each criterion."""
    added = dict.fromkeys(kb.criterion_ids, 0.0)
    for rule in fired_rules(kb.model.weight_rules, answers):
        for criterion, amount in rule.add.items():
            added[criterion] += amount
    return added


def weights_frame(
    kb: KnowledgeBase, rec: Recommendation, base: Recommendation | None = None
) -> pd.DataFrame:
    """How each weight was reached: base and rule points over the swing range (derived) or
    importance (priorities). With what-if weights, ``base`` is the recommendation under the
    answers' own weights: its columns come first, then the what-if weight in its own column.
    """
    origin = base if base is not None and rec.weights_source == "custom" else rec
    rows = []
    added = rule_points(kb, origin.answers)
    for k, criterion in enumerate(kb.criterion_ids):
        row: dict[str, object] = {"Criterion": kb.criterion(criterion).name}
        if origin.weights_source == "priorities" and origin.answers.priorities:
            row["Your importance (1-5)"] = origin.answers.priorities[criterion]
        elif origin.weights_source == "derived":
            base_points = kb.model.base_points.values[criterion]
            row["Base points"] = base_points
            row["Added by your answers"] = added[criterion]
            row["Points"] = max(base_points + added[criterion], kb.model.min_points)
            row["Swing range"] = round(float(kb.arrays.swing[k]), 1)
        if origin is not rec:
            row["From your answers (%)"] = round(100 * origin.weights[criterion], 1)
            row[WHATIF_WEIGHT_COLUMN] = round(100 * rec.weights[criterion], 1)
        else:
            row[WEIGHT_COLUMN] = round(100 * rec.weights[criterion], 1)
        rows.append(row)
    return pd.DataFrame(rows).set_index("Criterion")


def answers_frame(kb: KnowledgeBase, answers: Answers) -> pd.DataFrame:
    """The answers as a person gave them: question and chosen labels (text stays plain text)."""
    rows = []
    for question in kb.questions:
        value = getattr(answers, question.id)
        if question.kind == "choice":
            shown = kb.choice_label(question.id, value)
        elif question.kind == "multi":
            shown = ", ".join(kb.choice_label(question.id, v) for v in value) or "(none)"
        elif question.kind == "priorities":
            shown = (
                ", ".join(f"{kb.criterion(c).name} {n}" for c, n in value.items())
                if value
                else "(derived from the other answers)"
            )
        elif question.kind == "count":
            shown = f"{value:,}" if value is not None else "(the volume level's quantities)"
        else:
            shown = value or "(not given)"
        rows.append({"Question": question.question, "Answer": shown})
    return pd.DataFrame(rows).set_index("Question")
