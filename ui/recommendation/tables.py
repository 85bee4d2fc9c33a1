"""DataFrames the pages show with ``st.dataframe`` (pure; cells are plain text, never markup)."""

from __future__ import annotations

import pandas as pd

from scoring.answers import Answers
from scoring.engine import Recommendation
from scoring.kb_schema import Option
from scoring.knowledge_base import CRITERIA, KnowledgeBase
from ui.explain import fired_rules

MEETS_COLUMN = "Meets requirements"
FLAG_COLUMN = "Fails because"
WEIGHT_COLUMN = "Weight (%)"
WHATIF_WEIGHT_COLUMN = "What-if weight (%)"


def ranking_frame(kb: KnowledgeBase, rec: Recommendation) -> pd.DataFrame:
    """One row per option, best first: score, requirements flag with the reason, criterion scores."""
    rows = [
        {
            "Rank": ranked.rank,
            "Option": ranked.label,
            "Score": round(ranked.score, 1),
            MEETS_COLUMN: ranked.meets_requirements,
            FLAG_COLUMN: "; ".join(ranked.unmet),
            **{kb.criterion(c).short: round(ranked.criteria[c], 1) for c in CRITERIA},
        }
        for ranked in rec.ranking
    ]
    return pd.DataFrame(rows).set_index("Rank")


def rule_points(kb: KnowledgeBase, answers: Answers) -> dict[str, float]:
    """Importance points the fired weight rules add to each criterion."""
    added = dict.fromkeys(CRITERIA, 0.0)
    for rule in fired_rules(kb.model.weight_rules, answers):
        for criterion, amount in rule.add.items():
            added[criterion] += amount
    return added


def weights_frame(
    kb: KnowledgeBase, rec: Recommendation, base: Recommendation | None = None
) -> pd.DataFrame:
    """How each weight was reached: base and rule points (derived) or importance (priorities).

    With what-if weights (``rec.weights_source == "custom"``), ``base`` is the recommendation under
    the answers' own weights: its columns come first, then the what-if weight in its own column.
    """
    origin = base if base is not None and rec.weights_source == "custom" else rec
    rows = []
    added = rule_points(kb, origin.answers)
    for criterion in CRITERIA:
        row: dict[str, object] = {"Criterion": kb.criterion(criterion).name}
        if origin.weights_source == "priorities" and origin.answers.priorities:
            row["Your importance (1-5)"] = origin.answers.priorities[criterion]
        elif origin.weights_source == "derived":
            base_points = kb.model.base_points.values[criterion]
            row["Base points"] = base_points
            row["Added by your answers"] = added[criterion]
            row["Points"] = max(base_points + added[criterion], kb.model.min_points)
        if origin is not rec:
            row["From your answers (%)"] = round(100 * origin.weights[criterion], 1)
            row[WHATIF_WEIGHT_COLUMN] = round(100 * rec.weights[criterion], 1)
        else:
            row[WEIGHT_COLUMN] = round(100 * rec.weights[criterion], 1)
        rows.append(row)
    return pd.DataFrame(rows).set_index("Criterion")


def option_numbers_frame(kb: KnowledgeBase, option: Option) -> pd.DataFrame:
    """An option's reviewed numbers, each with its rationale and sources."""
    names = {
        "efficiency": "Efficiency",
        "accuracy": "Accuracy",
        "data_privacy": "Data privacy",
        "cost_to_adopt": "Cost to adopt (higher = cheaper)",
        "cost_per_use": "Cost per use (higher = cheaper)",
    }
    return pd.DataFrame(
        [
            {
                "Number": names.get(key, key),
                "Value (0-100)": score.value,
                "Rationale": score.rationale.strip(),
                "Sources": "; ".join(kb.citations(score)),
            }
            for key, score in option.scores
        ]
    ).set_index("Number")


def seeds_frame(kb: KnowledgeBase) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Id": seed.id,
                "Title": seed.title,
                "Publisher": seed.publisher,
                "Date": seed.date,
                "File": seed.file,
                "Sections (headings)": "; ".join(seed.sections),
            }
            for seed in kb.sources.seeds
        ]
    ).set_index("Id")


def facts_frame(kb: KnowledgeBase) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Id": fact.id,
                "What": fact.what,
                "Figure": fact.figure,
                "Reported by": fact.reported_by,
                "Date": fact.date,
            }
            for fact in kb.sources.facts
        ]
    ).set_index("Id")


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
        else:
            shown = value or "(not given)"
        rows.append({"Question": question.question, "Answer": shown})
    return pd.DataFrame(rows).set_index("Question")
