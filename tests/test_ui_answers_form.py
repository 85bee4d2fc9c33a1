"""The questionnaire as data (ui/questionnaire/form.py) and field labels (ui/common/fields.py),
pure: steps, widget kinds, seeding and reading back widget values so the canonical answers survive
widgets being forgotten."""

from __future__ import annotations

import pytest

from scoring.answers import default_answers, parse_answers
from scoring.knowledge import default_knowledge_base
from scoring.knowledge.checks.questionnaire import ANSWER_FIELDS
from ui.common.fields import field_label
from ui.questionnaire.form import (
    DEFAULT_PRIORITY,
    PRIORITIES_TOGGLE,
    priority_key,
    seed_values,
    steps,
    uses_buttons,
    uses_text_area,
    validate,
    value_from_widgets,
    widget_key,
)

KB = default_knowledge_base()
CRITERIA = KB.criterion_ids
SAMPLE = parse_answers(
    KB,
    {
        "organization": "Acme",
        "output_modalities": ["image", "text"],
        "tasks": ["translate", "classify_or_predict"],
        "industry": "legal",
        "deployment": "must_be_on_premises",
        "monthly_requests": 25_000,
        "priorities": {"cost": 5, "accuracy": 4},
    },
).to_dict()


def test_the_steps_cover_every_field_once_in_order() -> None:
    all_steps = steps(KB)
    assert [s.title for s in all_steps] == [title for _, title in KB.steps]
    fields = [q.id for s in all_steps for q in s.questions]
    assert sorted(fields) == sorted(ANSWER_FIELDS)
    assert all(s.questions for s in all_steps)
    assert "monthly_requests" in fields


def test_widget_kinds_follow_the_contract() -> None:
    assert not uses_buttons(KB.question("industry"))  # many choices: a selectbox
    for field in ("accuracy_need", "deployment", "volume", "budget", "latency"):
        assert uses_buttons(KB.question(field)), field
    assert not uses_buttons(KB.question("output_modalities"))  # a list field: pills
    assert not uses_buttons(KB.question("monthly_requests"))  # a count: a number box
    assert uses_text_area(KB.question("use_case"))
    assert not uses_text_area(KB.question("organization"))


@pytest.mark.parametrize("field", ANSWER_FIELDS)
def test_seed_then_read_back_gives_the_answer(field: str) -> None:
    question = KB.question(field)
    state = seed_values(question, SAMPLE, CRITERIA)
    assert value_from_widgets(question, state, None, CRITERIA) == SAMPLE[field]


def test_keys() -> None:
    assert widget_key("deployment") == "q_deployment"
    assert priority_key("cost") == "q_priority_cost"
    question = KB.question("priorities")
    assert set(seed_values(question, SAMPLE, CRITERIA)) == {PRIORITIES_TOGGLE} | {
        priority_key(c) for c in CRITERIA
    }


def test_a_widget_that_reports_nothing_keeps_the_previous_answer() -> None:
    question = KB.question("deployment")
    assert value_from_widgets(question, {}, "cloud_ok", CRITERIA) == "cloud_ok"
    assert value_from_widgets(question, {"q_deployment": None}, "cloud_ok", CRITERIA) == "cloud_ok"


def test_an_empty_number_box_means_the_volume_level() -> None:
    question = KB.question("monthly_requests")
    key = widget_key("monthly_requests")
    assert seed_values(question, {"monthly_requests": None}, CRITERIA) == {key: None}
    assert value_from_widgets(question, {key: None}, 5000, CRITERIA) is None
    assert value_from_widgets(question, {}, 5000, CRITERIA) is None
    assert value_from_widgets(question, {key: 12.0}, None, CRITERIA) == 12
    assert isinstance(value_from_widgets(question, {key: 12.0}, None, CRITERIA), int)


def test_list_answers_keep_the_questionnaire_order() -> None:
    question = KB.question("output_modalities")
    state = {"q_output_modalities": ["video", "text", "video"]}
    assert value_from_widgets(question, state, None, CRITERIA) == ["text", "video"]


def test_priorities_off_is_none_and_sliders_remember_the_draft() -> None:
    question = KB.question("priorities")
    assert value_from_widgets(question, {PRIORITIES_TOGGLE: False}, {"cost": 5}, CRITERIA) is None
    seeded = seed_values(question, {"priorities": None}, CRITERIA, {"cost": 4})
    assert seeded[PRIORITIES_TOGGLE] is False
    assert seeded[priority_key("cost")] == 4
    assert seeded[priority_key("accuracy")] == DEFAULT_PRIORITY


def test_priorities_cover_whatever_criteria_the_knowledge_base_has() -> None:
    question = KB.question("priorities")
    criteria = (*CRITERIA, "explainability")
    seeded = seed_values(question, {"priorities": {"explainability": 5}}, criteria)
    assert seeded[priority_key("explainability")] == 5
    read = value_from_widgets(question, seeded, None, criteria)
    assert list(read) == list(criteria)
    assert read["explainability"] == 5


def test_validate_names_the_field() -> None:
    answers, problem = validate(KB, default_answers(KB).to_dict())
    assert answers is not None and problem is None
    answers, problem = validate(KB, default_answers(KB).to_dict() | {"output_modalities": []})
    assert answers is None and problem is not None
    assert problem.field == "output_modalities"
    _, problem = validate(KB, default_answers(KB).to_dict() | {"monthly_requests": 0})
    assert problem is not None and problem.field == "monthly_requests"


def test_field_label() -> None:
    assert field_label(KB, "budget") == KB.question("budget").question
    assert field_label(KB, "monthly_requests") == KB.question("monthly_requests").question
    assert field_label(KB, "not_a_field") == "not_a_field"
