"""Rationale (ui/recommendation/explain.py) and rule tracing (ui/common/rules.py), pure. The rationale fits the outcome;
the nearest solutions of a no-fit say what each lacks and what to relax; the rules the page lists as
fired are exactly those the engine applied (weight and score rules, one condition or several)."""

from __future__ import annotations

import numpy as np
import pytest
from support import sample_answers

from scoring.answers import Answers, parse_answers
from scoring.criteria import criterion_evidence
from scoring.encoding import encode_answers
from scoring.engine import Recommendation, recommend
from scoring.knowledge import default_knowledge_base
from scoring.weights import derived_points, fired
from ui.common.rules import (
    describe_adds,
    describe_condition,
    describe_trait,
    fired_rules,
    rule_fires,
)
from ui.recommendation.explain import (
    NEAREST_COUNT,
    monthly_range,
    nearest_solutions,
    recommendation_rationale,
    solution_summary,
    strongest_criteria,
    weights_origin,
)
from ui.recommendation.tables import weights_frame

KB = default_knowledge_base()
CRITERIA = KB.criterion_ids


def build(**fields: object) -> Answers:
    fields.setdefault("output_modalities", ["text"])
    return parse_answers(KB, fields)


RECOMMEND = recommend(KB, build(output_modalities=["text", "image"], accuracy_need="high"))
ONLY_OPTION = recommend(
    KB,
    build(
        input_modalities=["tabular"], output_modalities=["tabular"], tasks=["classify_or_predict"]
    ),
)
NO_FIT = recommend(
    KB, build(output_modalities=["video"], deployment="must_be_on_premises", budget="minimal")
)

GRID = sample_answers(KB, 600, seed=3)
"""Seeded answer sets of every kind of field (tests/support.py)."""


# --- rules ------------------------------------------------------------------------------------------


def test_rule_fires_exactly_where_the_engine_applies_a_rule() -> None:
    arrays = encode_answers(KB, GRID)
    for rules, compiled in (
        (KB.model.weight_rules, KB.arrays.weight_rules),
        (KB.model.score_rules, KB.arrays.score_rules),
    ):
        engine = fired(arrays, compiled)
        page = np.array([[rule_fires(rule, answers) for rule in rules] for answers in GRID])
        assert (page == engine).all()
        assert page.any(axis=0).all(), "every rule fires somewhere in the grid"
        assert (~page).any(axis=0).all(), "and not everywhere"


def test_fired_rules_rebuild_the_engines_derived_weights() -> None:
    derived = [answers for answers in GRID if answers.priorities is None][::6]
    points = derived_points(KB, encode_answers(KB, derived))
    for row, answers in enumerate(derived):
        rec = recommend(KB, answers)
        frame = weights_frame(KB, rec)
        assert frame["Points"].to_numpy() == pytest.approx(points[row]), answers
        scaled = frame["Points"].to_numpy() / KB.arrays.swing
        assert scaled / scaled.sum() == pytest.approx(np.array([rec.weights[c] for c in CRITERIA]))


def two_conditions():  # type: ignore[no-untyped-def]
    rule = next(r for r in KB.model.score_rules if len(r.when) > 1)
    (first, want), (second, also) = rule.when.items()
    return rule, first, want, second, also


def test_a_rule_with_several_conditions_needs_all_of_them() -> None:
    rule, first, want, second, also = two_conditions()
    assert rule_fires(rule, build(**{first: want, second: also}))
    other = next(v for v in KB.choice_ids(second) if v != also)
    assert not rule_fires(rule, build(**{first: want, second: other}))
    other = next(v for v in KB.choice_ids(first) if v != want)
    assert not rule_fires(rule, build(**{first: other, second: also}))


def test_a_condition_on_a_list_field_or_with_several_values() -> None:
    rule = next(r for r in KB.model.score_rules if "tasks" in r.when)
    task = rule.when["tasks"]
    assert rule_fires(rule, build(tasks=["translate", task]))
    assert not rule_fires(rule, build(tasks=["translate"]))
    assert not rule_fires(rule, build(tasks=[]))
    either = rule.model_copy(update={"when": {"accuracy_need": ["high", "critical"]}})
    assert rule_fires(either, build(accuracy_need="critical"))
    assert rule_fires(either, build(accuracy_need="high"))
    assert not rule_fires(either, build(accuracy_need="low"))
    both = rule.model_copy(update={"when": {"tasks": ["speak_text", task], "volume": "high"}})
    assert rule_fires(both, build(tasks=[task], volume="high"))
    assert not rule_fires(both, build(tasks=[task], volume="low"))


def test_fired_rules_for_critical_accuracy() -> None:
    answers = build(accuracy_need="critical", budget="enterprise")
    whens = [r.when for r in fired_rules(KB.model.weight_rules, answers)]
    assert {"accuracy_need": "critical"} in whens
    assert {"budget": "enterprise"} in whens
    assert {"accuracy_need": "high"} not in whens


def test_describe_a_rule_with_one_condition() -> None:
    rule = next(r for r in KB.model.weight_rules if r.when == {"accuracy_need": "critical"})
    question = KB.question("accuracy_need").question
    label = KB.choice_label("accuracy_need", "critical")
    assert describe_condition(KB, rule) == f'"{question}" is {label}'
    amount = rule.add["accuracy"]
    assert describe_adds(KB, rule, "points") == f"{amount:+g} importance points for accuracy"


def test_describe_a_rule_with_several_conditions_and_values() -> None:
    rule, first, want, second, also = two_conditions()
    assert describe_condition(KB, rule) == (
        f'"{KB.question(first).question}" is {KB.choice_label(first, want)} and '
        f'"{KB.question(second).question}" is {KB.choice_label(second, also)}'
    )
    assert describe_adds(KB, rule, "score").startswith(
        f"{next(iter(rule.add.values())):+g} to the "
    )
    listed = rule.model_copy(update={"when": {"tasks": ["translate", "speak_text"]}})
    question = KB.question("tasks").question
    labels = " or ".join(KB.choice_label("tasks", t) for t in ("translate", "speak_text"))
    assert describe_condition(KB, listed) == f'"{question}" includes {labels}'


def test_describe_adds_of_a_score_rule_names_each_criterion() -> None:
    rule = next(r for r in KB.model.score_rules if len(r.add) > 1)
    text = describe_adds(KB, rule, "score")
    for criterion, amount in rule.add.items():
        assert f"{amount:+g} to the {KB.criterion(criterion).name.lower()} score" in text


def test_describe_trait() -> None:
    assert describe_trait("needs_ml_team") == "need machine-learning staff"
    assert describe_trait("some_new_trait") == "some new trait"


# --- the rationale, by outcome ----------------------------------------------------------------------


def test_the_scenarios_give_their_outcomes() -> None:
    assert (RECOMMEND.outcome, ONLY_OPTION.outcome, NO_FIT.outcome) == (
        "recommend",
        "only_option",
        "no_fit",
    )


@pytest.mark.parametrize("rec", [RECOMMEND, ONLY_OPTION, NO_FIT], ids=lambda r: r.outcome)
def test_rationale_has_summary_strongest_criteria_cost_and_sources(rec: Recommendation) -> None:
    explanation = recommendation_rationale(KB, rec)
    assert len(explanation.sentences) == 4
    assert explanation.sentences[0] == solution_summary(KB, rec.top)
    for criterion in strongest_criteria(KB, rec.top):
        assert KB.criterion(criterion).name.lower() in explanation.sentences[1]
        evidence = criterion_evidence(KB, rec.top.components, criterion)[0]
        opening = " ".join(evidence.rationale.split())[:40]  # the KB's own words, quoted
        assert opening in explanation.sentences[1]
    assert monthly_range(rec.top.monthly_cost) in explanation.sentences[2]
    assert explanation.sources
    assert len(set(explanation.sources)) == len(explanation.sources)
    assert explanation.text == " ".join(explanation.sentences)


def test_rationale_of_a_recommendation_names_the_margin() -> None:
    last = recommendation_rationale(KB, RECOMMEND).sentences[-1]
    assert last == (
        f"It leads the runner-up, {RECOMMEND.runner_up.label}, by {RECOMMEND.margin:.1f} points."
    )


def test_rationale_of_the_only_option_says_so() -> None:
    last = recommendation_rationale(KB, ONLY_OPTION).sentences[-1]
    assert last == "It is the only solution that meets all your requirements."


def test_rationale_of_a_no_fit_says_what_the_nearest_lacks() -> None:
    last = recommendation_rationale(KB, NO_FIT).sentences[-1]
    assert last.startswith("No solution meets every hard requirement; this is the nearest: ")
    assert all(sentence in last for sentence in NO_FIT.top.unmet_sentences)
    assert "Adopt" not in recommendation_rationale(KB, NO_FIT).text


def test_solution_summary_of_one_component_and_of_a_pipeline() -> None:
    single = recommend(KB, build()).top
    assert len(single.components) == 1
    assert solution_summary(KB, single) == KB.component(single.components[0]).summary.strip()
    pipeline = RECOMMEND.top
    assert len(pipeline.components) == 2
    summary = solution_summary(KB, pipeline)
    assert summary.startswith("A pipeline of 2 parts")
    for component in pipeline.components:
        assert KB.approach(KB.component(component).approach).noun in summary


def test_strongest_criteria_are_the_largest_contributions() -> None:
    top = RECOMMEND.top
    strongest = strongest_criteria(KB, top)
    rest = [c for c in CRITERIA if c not in strongest]
    assert min(top.contributions[c] for c in strongest) >= max(top.contributions[c] for c in rest)
    assert len(strongest_criteria(KB, top, 3)) == 3


def test_monthly_range() -> None:
    assert monthly_range((8.0, 2226.7)) == "$8.00 to $2,227 a month"


# --- the nearest solutions --------------------------------------------------------------------------


def test_nearest_solutions_of_a_no_fit_say_what_each_lacks_and_what_to_relax() -> None:
    nearest = nearest_solutions(NO_FIT)
    assert len(nearest) == NEAREST_COUNT
    for near, ranked in zip(nearest, NO_FIT.ranking, strict=False):
        assert near.label == ranked.label
        assert near.lacks == ranked.unmet_sentences
        assert near.relax == tuple(u.relax for u in ranked.unmet)
        assert near.lacks and all(near.relax)
    assert len(nearest_solutions(NO_FIT, 1)) == 1


def test_no_nearest_solutions_when_the_top_ones_qualify() -> None:
    assert all(r.meets_requirements for r in RECOMMEND.ranking[:NEAREST_COUNT])
    assert nearest_solutions(RECOMMEND) == ()


# --- weights ----------------------------------------------------------------------------------------


def test_weights_origin_names_the_source() -> None:
    assert "Derived from your answers" in weights_origin(RECOMMEND)
    assert "swing" in weights_origin(RECOMMEND)
    own = recommend(KB, build(priorities={"cost": 5}))
    assert "Your own priorities" in weights_origin(own)
    custom = recommend(KB, build(), weights=dict.fromkeys(CRITERIA, 1.0))
    assert weights_origin(custom) == "Weights you set for a what-if comparison."
