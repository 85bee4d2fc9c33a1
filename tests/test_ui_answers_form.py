"""The questionnaire as data (ui/answers_form.py), pure: steps, widget kinds, seeding and reading
back widget values so the canonical answers survive widgets being forgotten."""

from __future__ import annotations

import pytest

from scoring.answers import default_answers, parse_answers
from scoring.knowledge_base import ANSWER_FIELDS, CRITERIA, default_knowledge_base
from ui.answers_form import (
    DEFAULT_PRIORITY,
    PRIORITIES_TOGGLE,
    field_label,
    priority_key,
    seed_values,
    steps,
    uses_buttons,
    validate,
    value_from_widgets,
    widget_key,
)

KB = default_knowledge_base()
SAMPLE = parse_answers(
    KB,
    {
        "organization": "Acme",
        "output_modalities": ["image", "text"],
        "tasks": ["translate"],
        "industry": "legal",
        "deployment": "must_be_on_premises",
        "priorities": {"cost": 5, "accuracy": 4},
    },
).to_dict()


def test_four_steps_cover_every_field_once_in_order() -> None:
    all_steps = steps(KB)
    assert [s.title for s in all_steps] == [title for _, title in KB.steps]
    assert len(all_steps) == 4
    fields = [q.id for s in all_steps for q in s.questions]
    assert sorted(fields) == sorted(ANSWER_FIELDS)
    assert all(s.questions for s in all_steps)


def test_widget_kinds_follow_the_contract() -> None:
    assert not uses_buttons(KB.question("industry"))  # 13 choices: a selectbox
    for field in ("accuracy_need", "deployment", "volume", "budget", "latency"):
        assert uses_buttons(KB.question(field)), field
    assert not uses_buttons(KB.question("output_modalities"))  # a list field: pills


@pytest.mark.parametrize("field", ANSWER_FIELDS)
def test_seed_then_read_back_gives_the_answer(field: str) -> None:
    question = KB.question(field)
    state = seed_values(question, SAMPLE)
    assert value_from_widgets(question, state, previous=None) == SAMPLE[field]


def test_keys() -> None:
    assert widget_key("deployment") == "q_deployment"
    assert priority_key("cost") == "q_priority_cost"
    question = KB.question("priorities")
    assert set(seed_values(question, SAMPLE)) == {PRIORITIES_TOGGLE} | {
        priority_key(c) for c in CRITERIA
    }


def test_a_widget_that_reports_nothing_keeps_the_previous_answer() -> None:
    question = KB.question("deployment")
    assert value_from_widgets(question, {}, previous="cloud_ok") == "cloud_ok"
    assert value_from_widgets(question, {"q_deployment": None}, previous="cloud_ok") == "cloud_ok"


def test_list_answers_keep_the_questionnaire_order() -> None:
    question = KB.question("output_modalities")
    state = {"q_output_modalities": ["video", "text", "video"]}
    assert value_from_widgets(question, state, previous=None) == ["text", "video"]


def test_priorities_off_is_none_and_sliders_remember_the_draft() -> None:
    question = KB.question("priorities")
    assert value_from_widgets(question, {PRIORITIES_TOGGLE: False}, previous={"cost": 5}) is None
    draft = {"cost": 4}
    seeded = seed_values(question, {"priorities": None}, draft)
    assert seeded[PRIORITIES_TOGGLE] is False
    assert seeded[priority_key("cost")] == 4
    assert seeded[priority_key("accuracy")] == DEFAULT_PRIORITY


def test_validate_names_the_field() -> None:
    answers, problem = validate(KB, default_answers(KB).to_dict())
    assert answers is not None and problem is None
    answers, problem = validate(KB, default_answers(KB).to_dict() | {"output_modalities": []})
    assert answers is None and problem is not None
    assert problem.field == "output_modalities"


def test_field_label() -> None:
    assert field_label(KB, "budget") == KB.question("budget").question
    assert field_label(KB, "not_a_field") == "not_a_field"
