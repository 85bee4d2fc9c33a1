"""Rationale and rule tracing (ui/explain.py), pure. The rules the page lists as fired must be
exactly those the engine applied: the weights rebuilt from them equal the engine's weights."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from scoring.answers import Answers, parse_answers
from scoring.encoding import encode_answers
from scoring.engine import recommend
from scoring.knowledge_base import CRITERIA, default_knowledge_base
from scoring.weights import derived_points
from ui.explain import (
    criterion_evidence,
    describe_adds,
    describe_condition,
    fired_rules,
    recommendation_rationale,
    rule_fires,
    strongest_criteria,
    weights_origin,
)
from ui.tables import weights_frame

KB = default_knowledge_base()


def build(**fields: object) -> Answers:
    fields.setdefault("output_modalities", ["text"])
    return parse_answers(KB, fields)


GRID = [
    build(
        accuracy_need=a,
        data_sensitivity=s,
        deployment=d,
        volume=v,
        latency=lat,
        budget=b,
        tasks=t,
        creativity_need=c,
    )
    for a, s, d, v, lat, b, t, c in itertools.product(
        KB.choice_ids("accuracy_need"),
        KB.choice_ids("data_sensitivity"),
        ("cloud_ok", "must_be_on_premises"),
        ("low", "very_high"),
        ("batch_ok", "real_time"),
        ("minimal", "enterprise"),
        ([], ["analyze_media", "translate"]),
        ("low", "high"),
    )
]


def test_fired_rules_rebuild_the_engines_derived_weights() -> None:
    points = derived_points(KB, encode_answers(KB, GRID))
    for row, answers in enumerate(GRID):
        rec = recommend(KB, answers)
        frame = weights_frame(KB, rec)
        assert frame["Points"].to_numpy() == pytest.approx(points[row]), answers
        shown = frame["Points"].to_numpy() / frame["Points"].sum()
        assert shown == pytest.approx(np.array([rec.weights[c] for c in CRITERIA]))


def test_rule_fires_on_list_fields_when_the_list_contains_the_value() -> None:
    rule = next(r for r in KB.model.weight_rules if "tasks" in r.when)
    assert rule_fires(rule, build(tasks=["translate", rule.when["tasks"]]))
    assert not rule_fires(rule, build(tasks=["translate"]))
    assert "includes" in describe_condition(KB, rule)


def test_fired_rules_for_critical_accuracy() -> None:
    answers = build(accuracy_need="critical", budget="enterprise")
    whens = [r.when for r in fired_rules(KB.model.weight_rules, answers)]
    assert {"accuracy_need": "critical"} in whens
    assert {"budget": "enterprise"} in whens
    assert {"accuracy_need": "high"} not in whens


def test_describe_a_rule() -> None:
    rule = next(r for r in KB.model.weight_rules if r.when == {"accuracy_need": "critical"})
    question = KB.question("accuracy_need").question
    assert describe_condition(KB, rule) == f'"{question}" is Critical'
    assert describe_adds(KB, rule, "points") == "+4 importance points for accuracy"
    score_rule = next(
        r for r in KB.model.score_rules if r.when == {"domain_specialization": "deep"}
    )
    assert describe_adds(KB, score_rule, "score").startswith("+15 to the accuracy score")


def test_rationale_has_summary_strongest_criteria_margin_and_sources() -> None:
    answers = build(accuracy_need="high")
    rec = recommend(KB, answers)
    explanation = recommendation_rationale(KB, rec)
    option = KB.option(rec.top.option)
    assert len(explanation.sentences) == 3
    assert explanation.sentences[0] == option.summary.strip()
    for criterion in strongest_criteria(rec.top):
        assert KB.criterion(criterion).name.lower() in explanation.sentences[1]
        evidence = criterion_evidence(KB, option, criterion, answers)[0]
        assert evidence.rationale.strip().rstrip(".") in explanation.sentences[1]
    assert f"by {rec.margin:.1f} points" in explanation.sentences[2]
    assert explanation.sources
    assert len(set(explanation.sources)) == len(explanation.sources)
    assert set(explanation.sources) <= {
        c for o in KB.options for _, s in o.scores for c in KB.citations(s)
    } | {c for o in KB.options for c in KB.citations(o.capabilities)}


def test_rationale_explains_a_winner_by_requirements() -> None:
    answers = build(output_modalities=["image"], deployment="must_be_on_premises")
    rec = recommend(KB, answers)
    if not (rec.top.meets_requirements and not rec.ranking[1].meets_requirements):
        pytest.skip("the knowledge base now has two options meeting these requirements")
    assert "fails a hard requirement" in recommendation_rationale(KB, rec).sentences[2]


def test_strongest_criteria_are_the_largest_contributions() -> None:
    rec = recommend(KB, build())
    top_two = strongest_criteria(rec.top)
    rest = [c for c in CRITERIA if c not in top_two]
    assert min(rec.top.contributions[c] for c in top_two) >= max(
        rec.top.contributions[c] for c in rest
    )


def test_cost_evidence_leads_with_the_larger_share() -> None:
    option = KB.option("llm_api")
    low = criterion_evidence(KB, option, "cost", build(volume="low"))
    high = criterion_evidence(KB, option, "cost", build(volume="very_high"))
    assert low[0] is option.scores.cost_to_adopt
    assert high[0] is option.scores.cost_per_use
    assert criterion_evidence(KB, option, "modality", build()) == (option.capabilities,)


def test_weights_origin_names_the_source() -> None:
    assert "Derived from your answers" in weights_origin(recommend(KB, build()))
    own = recommend(KB, build(priorities={"cost": 5}))
    assert "Your own priorities" in weights_origin(own)
