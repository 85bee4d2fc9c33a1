"""Tables the recommendation page shows (ui/recommendation/tables.py), pure: the qualifying ranking,
the excluded solutions with why, the named products, a solution's cost parts, the weights with the
swing range, and the answers (the monthly count included)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from scoring.answers import default_answers, parse_answers
from scoring.engine import Recommendation, recommend
from scoring.knowledge import default_knowledge_base
from ui.recommendation.tables import (
    COST_COLUMN,
    FLAG_COLUMN,
    RELAX_COLUMN,
    SOLUTION_COLUMN,
    WEIGHT_COLUMN,
    WHATIF_WEIGHT_COLUMN,
    answers_frame,
    cost_breakdown_frame,
    cost_text,
    excluded_frame,
    ranking_frame,
    rule_points,
    shortlist_frame,
    weights_frame,
)

KB = default_knowledge_base()
CRITERIA = KB.criterion_ids


def rec_for(**fields: object) -> Recommendation:
    fields.setdefault("output_modalities", ["text"])
    return recommend(KB, parse_answers(KB, fields))


PIPELINE = rec_for(output_modalities=["text", "image"])
NO_FIT = rec_for(output_modalities=["video"], deployment="must_be_on_premises", budget="minimal")


def dollars(text: str) -> tuple[float, float]:
    """``"$8.00 to $1,600"`` -> (8.0, 1600.0)."""
    low, high = (float(part.replace("$", "").replace(",", "")) for part in text.split(" to "))
    return low, high


def test_cost_text() -> None:
    assert cost_text((8.0, 1600.4)) == "$8.00 to $1,600"
    assert dollars(cost_text((0.5, 25_000))) == (0.5, 25_000)


def test_ranking_frame_lists_only_the_qualifying_best_first() -> None:
    frame = ranking_frame(KB, PIPELINE)
    qualifying = [r for r in PIPELINE.ranking if r.meets_requirements]
    assert frame.index.name == "Rank"
    assert frame.index.tolist() == [r.rank for r in qualifying]
    assert frame.index.tolist() == list(range(1, len(qualifying) + 1))
    assert frame[SOLUTION_COLUMN].tolist() == [r.label for r in qualifying]
    assert frame["Score"].tolist() == [round(r.score, 1) for r in qualifying]
    assert frame[COST_COLUMN].tolist() == [cost_text(r.monthly_cost) for r in qualifying]
    assert frame.columns[-len(CRITERIA) :].tolist() == [c.short for c in KB.criteria]
    top = frame.iloc[0]
    assert [top[KB.criterion(c).short] for c in CRITERIA] == [
        round(PIPELINE.top.criteria[c], 1) for c in CRITERIA
    ]


def test_ranking_frame_is_empty_but_shaped_when_nothing_qualifies() -> None:
    frame = ranking_frame(KB, NO_FIT)
    assert frame.empty
    assert frame.columns.tolist() == [
        SOLUTION_COLUMN,
        "Score",
        COST_COLUMN,
        *(c.short for c in KB.criteria),
    ]


@pytest.mark.parametrize("rec", [PIPELINE, NO_FIT], ids=["recommend", "no_fit"])
def test_excluded_frame_says_why_and_what_to_relax(rec: Recommendation) -> None:
    frame = excluded_frame(rec)
    failing = [r for r in rec.ranking if not r.meets_requirements]
    assert frame.index.tolist() == [r.rank for r in failing]
    assert frame[SOLUTION_COLUMN].tolist() == [r.label for r in failing]
    assert frame[FLAG_COLUMN].tolist() == [" ".join(r.unmet_sentences) for r in failing]
    assert frame[RELAX_COLUMN].tolist() == ["; ".join(u.relax for u in r.unmet) for r in failing]
    assert all(frame[FLAG_COLUMN]) and all(frame[RELAX_COLUMN])
    assert frame[COST_COLUMN].tolist() == [cost_text(r.monthly_cost) for r in failing]


def test_excluded_frame_ranks_fewer_failures_first() -> None:
    counts = [r.failed_count for r in NO_FIT.ranking if not r.meets_requirements]
    assert counts == sorted(counts)
    assert len(excluded_frame(NO_FIT)) == len(NO_FIT.ranking)


@pytest.mark.parametrize(
    "rec",
    [PIPELINE, NO_FIT, rec_for(), rec_for(input_modalities=["text", "audio"])],
    ids=["pipeline", "no_fit", "single", "audio_in"],
)
def test_shortlist_frame_names_every_products_that_reads_the_inputs(rec: Recommendation) -> None:
    ranked = rec.top
    frame = shortlist_frame(rec, ranked)
    products = [(c, p) for c in ranked.components for p in rec.shortlist(c)]
    assert frame["Product"].tolist() == [p.name for _, p in products]
    assert frame["Vendor"].tolist() == [p.vendor for _, p in products]
    assert frame["Licence"].tolist() == [p.licence for _, p in products]
    assert frame["Price date"].tolist() == [p.price_date for _, p in products]
    assert frame["Source"].tolist() == [KB.cite(p.source) for _, p in products]
    for (component, product), part, use, price in zip(
        products, frame["Part"], frame["Commercial use"], frame["Price"], strict=True
    ):
        c = KB.component(component)
        assert part == f"{KB.approach(c.approach).label}, {KB.deployment(c.deployment).label}"
        assert use.startswith(product.commercial_use)
        if product.commercial_note:
            assert product.commercial_note in use
        assert price == f"{product.price:g} {product.price_unit}"
    assert frame["Part"].nunique() == len(ranked.components)


def test_cost_breakdown_of_a_pipeline_adds_up_to_its_monthly_cost() -> None:
    top = PIPELINE.top
    assert len(top.components) == 2
    frame = cost_breakdown_frame(KB, PIPELINE, top)
    assert frame.index.tolist()[-1] == "joining 2 parts"
    assert len(frame) == len(top.components) + 1
    assert frame.columns.tolist() == ["Usage", "Infrastructure", "Staff", "Integration (spread)"]
    cells = [dollars(cell) for cell in frame.to_numpy().ravel() if cell]
    low, high = (sum(cell[k] for cell in cells) for k in (0, 1))
    tolerance = 0.5 * len(cells)  # each cell is rounded to whole dollars
    assert low == pytest.approx(top.monthly_cost[0], abs=tolerance)
    assert high == pytest.approx(top.monthly_cost[1], abs=tolerance)


def test_cost_breakdown_of_one_component_has_no_joining_row() -> None:
    rec = rec_for()
    assert len(rec.top.components) == 1
    frame = cost_breakdown_frame(KB, rec, rec.top)
    assert len(frame) == 1
    assert not any(name.startswith("joining") for name in frame.index)


# --- weights ----------------------------------------------------------------------------------------


def test_weights_frame_shows_how_derived_weights_were_reached() -> None:
    rec = rec_for(accuracy_need="critical", data_sensitivity="regulated", budget="minimal")
    frame = weights_frame(KB, rec)
    assert frame.columns.tolist() == [
        "Base points",
        "Added by your answers",
        "Points",
        "Swing range",
        WEIGHT_COLUMN,
    ]
    assert frame.index.tolist() == [c.name for c in KB.criteria]
    added = rule_points(KB, rec.answers)
    assert frame["Added by your answers"].tolist() == [added[c] for c in CRITERIA]
    assert frame["Swing range"].tolist() == pytest.approx(
        [round(float(s), 1) for s in KB.arrays.swing]
    )
    scaled = frame["Points"].to_numpy() / KB.arrays.swing
    assert scaled / scaled.sum() == pytest.approx(np.array([rec.weights[c] for c in CRITERIA]))
    assert frame[WEIGHT_COLUMN].sum() == pytest.approx(100, abs=0.3)


def test_weights_frame_points_are_base_plus_rules_at_least_the_floor() -> None:
    rec = rec_for(accuracy_need="low", latency="batch_ok", data_sensitivity="public")
    frame = weights_frame(KB, rec)
    raw = frame["Base points"] + frame["Added by your answers"]
    assert (frame["Points"] == np.maximum(raw, KB.model.min_points)).all()


def test_weights_frame_for_priorities() -> None:
    rec = rec_for(priorities={"cost": 5, "accuracy": 3})
    frame = weights_frame(KB, rec)
    assert frame["Your importance (1-5)"].tolist() == [rec.answers.priorities[c] for c in CRITERIA]
    assert "Swing range" not in frame.columns
    assert frame[WEIGHT_COLUMN].sum() == pytest.approx(100, abs=0.3)


def test_weights_frame_with_what_if_weights_shows_both() -> None:
    answers = parse_answers(KB, {"output_modalities": ["text"], "data_sensitivity": "regulated"})
    base = recommend(KB, answers)
    custom = recommend(KB, answers, weights=dict.fromkeys(CRITERIA, 1.0))
    frame = weights_frame(KB, custom, base)
    assert WEIGHT_COLUMN not in frame.columns
    assert frame[WHATIF_WEIGHT_COLUMN].tolist() == [round(100 / len(CRITERIA), 1)] * len(CRITERIA)
    assert frame["From your answers (%)"].tolist() == [
        round(100 * base.weights[c], 1) for c in CRITERIA
    ]
    assert {"Added by your answers", "Swing range"} <= set(frame.columns)
    assert (
        weights_frame(KB, base, base).columns.tolist() == weights_frame(KB, base).columns.tolist()
    )


# --- answers ----------------------------------------------------------------------------------------


def test_answers_frame_shows_labels_counts_and_plain_text() -> None:
    answers = parse_answers(
        KB,
        {
            "output_modalities": ["text", "image"],
            "tasks": ["classify_or_predict"],
            "organization": "**Acme** =1+1",
            "monthly_requests": 1_250_000,
        },
    )
    frame = answers_frame(KB, answers)
    assert frame.index.tolist() == [q.question for q in KB.questions]

    def shown(field: str) -> str:
        return frame.loc[KB.question(field).question, "Answer"]

    outputs = ", ".join(KB.choice_label("output_modalities", v) for v in ("text", "image"))
    assert shown("output_modalities") == outputs
    assert shown("tasks") == KB.choice_label("tasks", "classify_or_predict")
    assert shown("organization") == "**Acme** =1+1"
    assert shown("monthly_requests") == "1,250,000"
    assert shown("industry") == KB.choice_label("industry", answers.industry)


def test_answers_frame_says_what_empty_answers_mean() -> None:
    frame = answers_frame(KB, default_answers(KB))

    def shown(field: str) -> str:
        return frame.loc[KB.question(field).question, "Answer"]

    assert shown("priorities").startswith("(derived")
    assert shown("monthly_requests") == "(the volume level's quantities)"
    assert shown("tasks") == "(none)"
    assert shown("organization") == "(not given)"
    assert not any(re.search(r"<[a-z]", str(v)) for v in frame["Answer"])
