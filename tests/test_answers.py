"""Answers: defaults, strict validation, the version-2 fields, the flat (CSV / link) form and
lenient parsing."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import EXAMPLES, V2_TASKS, answer_objects

from scoring.answers import (
    Answers,
    AnswersError,
    default_answers,
    parse_answers,
    parse_flat_answers,
    parse_flat_answers_leniently,
)
from scoring.knowledge import default_knowledge_base
from scoring.knowledge.checks.questionnaire import ANSWER_FIELDS

SPEC_DEFAULTS = {
    "organization": "",
    "use_case": "",
    "industry": "other",
    "input_modalities": (),  # no input constraint; the page pre-selects text
    "tasks": (),
    "accuracy_need": "medium",
    "creativity_need": "medium",
    "data_sensitivity": "internal",
    "deployment": "cloud_ok",
    "volume": "medium",
    "monthly_requests": None,  # version 2: the volume level's quantities apply
    "latency": "interactive",
    "budget": "moderate",
    "in_house_ml_expertise": "some",
    "domain_specialization": "some",
    "priorities": None,
}
V1_TASKS = (
    "generate_creative_content",
    "answer_questions",
    "summarize_documents",
    "draft_documents",
    "chat_with_customers",
    "translate",
    "personalize_marketing",
    "generate_synthetic_data",
    "reconstruct_3d",
    "analyze_media",
    "write_code",
)
MAX_REQUESTS = 10**9


def error(kb, raw) -> AnswersError:
    with pytest.raises(AnswersError) as info:
        parse_answers(kb, raw)
    return info.value


def flat_error(kb, row) -> AnswersError:
    with pytest.raises(AnswersError) as info:
        parse_flat_answers(kb, row)
    return info.value


def test_the_schema_is_the_spec_version_2(kb) -> None:
    assert {q.id for q in kb.questions} == set(ANSWER_FIELDS)
    assert set(SPEC_DEFAULTS) | {"output_modalities"} == set(ANSWER_FIELDS)
    assert kb.choice_ids("tasks") == V1_TASKS + V2_TASKS
    count = kb.question("monthly_requests")
    assert count.kind == "count" and (count.min, count.max) == (1, MAX_REQUESTS)


def test_only_output_modalities_is_needed_and_the_rest_defaults(kb) -> None:
    answers = parse_answers(kb, {"output_modalities": ["image"]})
    assert answers.output_modalities == ("image",)
    for field, value in SPEC_DEFAULTS.items():
        assert getattr(answers, field) == value, field


def test_default_answers_suggest_text_output(kb) -> None:
    answers = default_answers(kb)
    assert answers.output_modalities == ("text",)
    assert answers.industry == "other"
    assert answers.monthly_requests is None


def test_valid_answers_keep_every_value(kb) -> None:
    raw = {
        "organization": "Acme Clinic",
        "use_case": "Draft discharge letters",
        "industry": "healthcare",
        "input_modalities": ["text", "image"],
        "output_modalities": ["text"],
        "tasks": ["draft_documents", "summarize_documents", "transcribe_speech"],
        "accuracy_need": "critical",
        "creativity_need": "low",
        "data_sensitivity": "regulated",
        "deployment": "prefer_on_premises",
        "volume": "high",
        "monthly_requests": 12_500,
        "latency": "batch_ok",
        "budget": "substantial",
        "in_house_ml_expertise": "strong",
        "domain_specialization": "deep",
        "priorities": {c: 3 for c in kb.criterion_ids},
    }
    answers = parse_answers(kb, raw)
    ordered = ["summarize_documents", "draft_documents", "transcribe_speech"]  # questionnaire order
    assert answers.to_dict() == dict(raw, tasks=ordered)
    assert list(answers.to_dict()) == list(ANSWER_FIELDS)


def test_lists_keep_questionnaire_order_and_drop_repeats(kb) -> None:
    a = parse_answers(kb, {"output_modalities": ["image", "text", "image"]})
    b = parse_answers(kb, {"output_modalities": ["text", "image"]})
    assert a.output_modalities == ("text", "image")
    assert a == b


def test_unknown_field_is_named_with_the_allowed_fields(kb) -> None:
    problem = error(kb, {"output_modalities": ["text"], "colour": "blue"})
    assert problem.field == "colour"
    assert "field 'colour'" in str(problem)
    for field in ANSWER_FIELDS:
        assert field in str(problem)


@pytest.mark.parametrize(
    ("field", "value", "allowed"),
    [
        ("industry", "mining", ["healthcare", "public_sector", "other"]),
        ("accuracy_need", "extreme", ["low", "medium", "high", "critical"]),
        ("deployment", "on_the_moon", ["cloud_ok", "prefer_on_premises", "must_be_on_premises"]),
        ("volume", "HIGH", ["low", "medium", "high", "very_high"]),
        ("tasks", ["translate", "juggle"], ["translate", "write_code", *V2_TASKS]),
        ("input_modalities", ["smell"], ["text", "image", "audio", "video", "3d", "tabular"]),
        ("output_modalities", ["text", "smell"], ["text", "3d", "tabular"]),
    ],
)
def test_unknown_value_lists_the_allowed_values(kb, field, value, allowed) -> None:
    problem = error(kb, {"output_modalities": ["text"], field: value})
    assert problem.field == field
    bad = value[-1] if isinstance(value, list) else value
    assert repr(bad) in problem.message
    for choice in allowed:
        assert choice in problem.message


@pytest.mark.parametrize("value", [None, 3, "text", [1], {"text": True}])
def test_wrong_types_are_rejected(kb, value) -> None:
    problem = error(kb, {"output_modalities": value})
    assert problem.field == "output_modalities"


def test_output_modalities_is_required(kb) -> None:
    problem = error(kb, {"industry": "legal"})
    assert problem.field == "output_modalities"
    assert "required" in problem.message


def test_output_modalities_must_not_be_empty(kb) -> None:
    problem = error(kb, {"output_modalities": []})
    assert problem.field == "output_modalities"
    assert "at least one" in problem.message


def test_other_lists_may_be_empty(kb) -> None:
    answers = parse_answers(
        kb, {"output_modalities": ["text"], "tasks": [], "input_modalities": []}
    )
    assert answers.tasks == () and answers.input_modalities == ()


@pytest.mark.parametrize(("field", "limit"), [("organization", 200), ("use_case", 2000)])
def test_text_length_limits(kb, field, limit) -> None:
    at_limit = parse_answers(kb, {"output_modalities": ["text"], field: "x" * limit})
    assert len(getattr(at_limit, field)) == limit
    problem = error(kb, {"output_modalities": ["text"], field: "x" * (limit + 1)})
    assert problem.field == field
    assert str(limit) in problem.message


def test_text_must_be_text(kb) -> None:
    assert error(kb, {"output_modalities": ["text"], "organization": 42}).field == "organization"


def test_formula_like_text_is_kept_verbatim(kb) -> None:
    answers = parse_answers(kb, {"output_modalities": ["text"], "organization": "=1+1 <b>"})
    assert answers.organization == "=1+1 <b>"


def test_answers_object_must_be_a_mapping(kb) -> None:
    with pytest.raises(AnswersError):
        parse_answers(kb, ["output_modalities"])  # type: ignore[arg-type]


# --- version 2: new tasks and monthly_requests ------------------------------------------------------


@pytest.mark.parametrize("task", V2_TASKS)
def test_each_new_task_is_accepted(kb, task) -> None:
    assert parse_answers(kb, {"output_modalities": ["text"], "tasks": [task]}).tasks == (task,)


@pytest.mark.parametrize("requests", [1, 7, 200_000, MAX_REQUESTS])
def test_monthly_requests_within_bounds_are_kept(kb, requests) -> None:
    answers = parse_answers(kb, {"output_modalities": ["text"], "monthly_requests": requests})
    assert answers.monthly_requests == requests
    assert answers.to_dict()["monthly_requests"] == requests


def test_monthly_requests_may_be_null(kb) -> None:
    answers = parse_answers(kb, {"output_modalities": ["text"], "monthly_requests": None})
    assert answers.monthly_requests is None


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (0, "at least 1"),
        (-5, "at least 1"),
        (MAX_REQUESTS + 1, "at most 1,000,000,000"),
        (10**30, "at most"),
        (2.5, "whole number"),
        (1000.0, "whole number"),
        ("1000", "whole number"),  # JSON is typed: text is not a number
        ("1,000", "whole number"),
        (True, "whole number"),
        ([1000], "whole number"),
        ({"per": "month"}, "whole number"),
    ],
)
def test_bad_monthly_requests_name_the_field(kb, value, fragment) -> None:
    problem = error(kb, {"output_modalities": ["text"], "monthly_requests": value})
    assert problem.field == "monthly_requests"
    assert str(problem).startswith("field 'monthly_requests': ")
    assert fragment in problem.message


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1,000", 1000),
        ("2,000,000", 2_000_000),
        ("1_000", 1000),
        (" 250 ", 250),
        ("1000000000", MAX_REQUESTS),
        ("", None),
        ("   ", None),
    ],
)
def test_flat_monthly_requests_accepts_grouped_digits(kb, cell, expected) -> None:
    answers = parse_flat_answers(kb, {"output_modalities": "text", "monthly_requests": cell})
    assert answers.monthly_requests == expected


@pytest.mark.parametrize(
    ("cell", "fragment"),
    [
        ("0", "at least 1"),
        ("-3", "at least 1"),
        ("1000000001", "at most"),
        ("9" * 40, "over the maximum"),
        ("1e3", "whole number"),
        ("12.5", "whole number"),
        ("about 100", "whole number"),
        ("+5", "whole number"),
    ],
)
def test_flat_monthly_requests_rejects_the_rest_naming_the_field(kb, cell, fragment) -> None:
    problem = flat_error(kb, {"output_modalities": "text", "monthly_requests": cell})
    assert problem.field == "monthly_requests"
    assert fragment in problem.message


@pytest.mark.parametrize("cell", ["²", "1²", "-²"])
def test_flat_monthly_requests_with_a_superscript_digit_is_an_answers_error(kb, cell) -> None:
    problem = flat_error(kb, {"output_modalities": "text", "monthly_requests": cell})
    assert problem.field == "monthly_requests"
    _, problems = parse_flat_answers_leniently(
        kb, {"output_modalities": "text", "monthly_requests": cell}
    )
    assert [p.field for p in problems] == ["monthly_requests"]


def test_flat_form_of_monthly_requests(kb) -> None:
    given_ = parse_answers(kb, {"output_modalities": ["text"], "monthly_requests": 4_000})
    assert given_.to_flat()["monthly_requests"] == "4000"
    assert parse_flat_answers(kb, given_.to_flat()) == given_
    absent = parse_answers(kb, {"output_modalities": ["text"]})
    assert absent.to_flat()["monthly_requests"] == ""
    assert parse_flat_answers(kb, absent.to_flat()) == absent


def test_version_1_answers_files_still_parse(kb) -> None:
    """An answers file written before version 2 (old tasks only, no monthly_requests)."""
    for path in sorted(EXAMPLES.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        if "monthly_requests" in raw or not set(raw.get("tasks", [])) <= set(V1_TASKS):
            continue
        answers = parse_answers(kb, raw)
        assert answers.monthly_requests is None, path.name
        assert answers.to_dict()["monthly_requests"] is None
    v1 = {
        "organization": "Old Co",
        "output_modalities": ["text", "image"],
        "input_modalities": ["text"],
        "tasks": list(V1_TASKS),
        "volume": "very_high",
        "priorities": {"cost": 5},
    }
    answers = parse_answers(kb, v1)
    assert answers.tasks == V1_TASKS and answers.monthly_requests is None
    assert answers.volume == "very_high"
    flat_v1 = {k: v for k, v in answers.to_flat().items() if k != "monthly_requests"}
    assert parse_flat_answers(kb, flat_v1) == answers  # a version-1 batch CSV has no such column


# --- priorities ---------------------------------------------------------------------------------


def test_priorities_fill_missing_criteria_with_the_minimum(kb) -> None:
    answers = parse_answers(kb, {"output_modalities": ["text"], "priorities": {"cost": 5}})
    assert answers.priorities == {c: 5 if c == "cost" else 1 for c in kb.criterion_ids}


def test_empty_priorities_mean_none(kb) -> None:
    assert parse_answers(kb, {"output_modalities": ["text"], "priorities": {}}).priorities is None
    assert parse_answers(kb, {"output_modalities": ["text"], "priorities": None}).priorities is None


@pytest.mark.parametrize(
    ("priorities", "fragment"),
    [
        ({"cost": 0}, "'cost' is 0; allowed 1 to 5"),
        ({"cost": 6}, "'cost' is 6; allowed 1 to 5"),
        ({"cost": 2.5}, "integer 1-5"),
        ({"cost": "3"}, "integer 1-5"),
        ({"cost": True}, "integer 1-5"),
        ({"speed": 3}, "unknown criterion 'speed'"),
        ([3, 3, 3, 3, 3], "object mapping criterion"),
    ],
)
def test_priorities_validation(kb, priorities, fragment) -> None:
    problem = error(kb, {"output_modalities": ["text"], "priorities": priorities})
    assert problem.field == "priorities"
    assert fragment in problem.message
    if "unknown criterion" in fragment:
        assert all(c in problem.message for c in kb.criterion_ids)


# --- flat form (CSV rows, shared links) -----------------------------------------------------------


def test_flat_form_joins_lists_and_pairs(kb) -> None:
    answers = parse_answers(
        kb,
        {
            "output_modalities": ["text", "image"],
            "tasks": [],
            "priorities": {"accuracy": 5, "cost": 2},
        },
    )
    flat = answers.to_flat()
    assert set(flat) == set(ANSWER_FIELDS)
    assert all(isinstance(v, str) for v in flat.values())
    assert flat["output_modalities"] == "text;image"
    assert flat["tasks"] == ""
    expected = {c: 5 if c == "accuracy" else 2 if c == "cost" else 1 for c in kb.criterion_ids}
    assert flat["priorities"] == ";".join(f"{c}={v}" for c, v in expected.items())
    assert flat["industry"] == "other"


def test_flat_parsing_tolerates_spaces_and_empty_cells(kb) -> None:
    answers = parse_flat_answers(
        kb,
        {
            "output_modalities": " text ; image ;",
            "volume": " high ",
            "industry": "",
            "priorities": " cost = 4 ; accuracy=2 ",
        },
    )
    assert answers.output_modalities == ("text", "image")
    assert answers.volume == "high"
    assert answers.industry == "other"
    assert answers.priorities is not None
    assert answers.priorities["cost"] == 4 and answers.priorities["accuracy"] == 2


@pytest.mark.parametrize(
    ("field", "cell", "fragment"),
    [
        ("priorities", "cost:4", "criterion=importance pairs"),
        ("priorities", "cost=high", "must be an integer"),
        ("volume", "loads", "allowed: low, medium, high, very_high"),
        ("tasks", "translate;dance", "'dance'"),
    ],
)
def test_flat_parsing_is_strict_about_values(kb, field, cell, fragment) -> None:
    problem = flat_error(kb, {"output_modalities": "text", field: cell})
    assert problem.field == field
    assert fragment in problem.message


def test_flat_form_requires_output_modalities(kb) -> None:
    assert flat_error(kb, {"output_modalities": ""}).field == "output_modalities"


def test_flat_round_trip_examples(kb) -> None:
    for raw in (
        {"output_modalities": ["video"]},
        {"output_modalities": ["text", "tabular"], "tasks": ["translate", "write_code"]},
        {"output_modalities": ["audio"], "organization": "A;B=C", "priorities": {"cost": 3}},
        {"output_modalities": ["text"], "tasks": list(V2_TASKS), "monthly_requests": 99},
    ):
        answers = parse_answers(kb, raw)
        assert parse_flat_answers(kb, answers.to_flat()) == answers


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_flat_round_trip_property(data) -> None:
    kb = default_knowledge_base()
    answers = parse_answers(kb, data.draw(answer_objects(kb)))
    again = parse_flat_answers(kb, answers.to_flat())
    assert again == answers
    assert again.to_dict() == answers.to_dict()


def test_flat_round_trip_of_an_empty_input_list(kb) -> None:
    answers = parse_answers(kb, {"output_modalities": ["text"], "input_modalities": []})
    assert parse_flat_answers(kb, answers.to_flat()) == answers


def test_no_list_field_has_a_non_empty_default(kb) -> None:
    """The flat form cannot tell an empty list from an empty cell; that is only safe while an
    empty cell's default is the empty list."""
    for question in kb.questions:
        if question.kind == "multi" and not question.required:
            assert question.default == [], question.id


# --- lenient parsing (shared links) -------------------------------------------------------------


def test_lenient_parsing_falls_back_per_field_and_reports_each(kb) -> None:
    answers, problems = parse_flat_answers_leniently(
        kb,
        {
            "output_modalities": "text;image",
            "volume": "enormous",
            "tasks": "translate;juggle",
            "priorities": "cost=9",
            "monthly_requests": "0",
            "budget": "enterprise",
            "hacked": "1",
        },
    )
    assert isinstance(answers, Answers)
    assert sorted(p.field for p in problems) == [
        "hacked",
        "monthly_requests",
        "priorities",
        "tasks",
        "volume",
    ]
    assert answers.output_modalities == ("text", "image")  # good fields are kept
    assert answers.budget == "enterprise"
    assert answers.volume == "medium"  # bad ones take the default
    assert answers.tasks == ()
    assert answers.priorities is None
    assert answers.monthly_requests is None


def test_lenient_parsing_without_outputs_uses_the_suggestion(kb) -> None:
    answers, problems = parse_flat_answers_leniently(kb, {"output_modalities": "smell"})
    assert answers.output_modalities == ("text",)
    assert [p.field for p in problems] == ["output_modalities"]
    answers, problems = parse_flat_answers_leniently(kb, {})
    assert answers.output_modalities == ("text",) and problems == []


def test_lenient_parsing_of_good_input_reports_nothing(kb) -> None:
    good = parse_answers(
        kb, {"output_modalities": ["audio"], "volume": "low", "monthly_requests": 10}
    )
    answers, problems = parse_flat_answers_leniently(kb, good.to_flat())
    assert problems == [] and answers == good


def test_strict_flat_parsing_raises_where_lenient_reports(kb) -> None:
    row = {"output_modalities": "text", "latency": "instant"}
    with pytest.raises(AnswersError, match="latency"):
        parse_flat_answers(kb, row)
    _, problems = parse_flat_answers_leniently(kb, row)
    assert [p.field for p in problems] == ["latency"]
