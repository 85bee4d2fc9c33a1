"""AppTest of pages/questionnaire.py: steps, one widget per field kind, defaults and help texts,
the monthly-requests number box, answers kept across steps, validation, links. Going on to the
recommendation needs st.navigation, so that test starts from app.py.

Expectations come from the knowledge base (questions, steps, choices), never from literals, so a
question or a choice added to data/ is covered without touching the tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from support import V2_TASKS, open_page, unescape

from scoring.answers import Answers, default_answers, parse_answers
from scoring.engine import recommend
from scoring.knowledge import default_knowledge_base
from scoring.knowledge.schema import Question
from ui.common.layout import PRODUCT_NAME, PURPOSE
from ui.questionnaire.form import PRIORITIES_TOGGLE, priority_key, widget_key

KB = default_knowledge_base()
STEP_TITLES = [title for _, title in KB.steps]
DEFAULTS = default_answers(KB)


def step_caption(at: AppTest) -> str:
    captions = [c.value for c in at.caption if c.value.startswith("Step ")]
    assert len(captions) == 1, [c.value for c in at.caption]
    return captions[0]


def step_of(field: str) -> int:
    """The 1-based step that asks ``field``."""
    step = KB.question(field).step
    return next(n for n, (step_id, _) in enumerate(KB.steps, start=1) if step_id == step)


def go_to_step(at: AppTest, number: int) -> AppTest:
    while (current := int(step_caption(at).split()[1])) != number:
        at.button(key="nav_next" if current < number else "nav_back").click().run()
        assert not at.exception
    return at


def widget(at: AppTest, question: Question) -> Any:
    """The widget docs/ui-contract.md prescribes for a question, found by its key."""
    key = widget_key(question.id)
    if question.kind == "priorities":
        return at.toggle(key=PRIORITIES_TOGGLE)
    if question.kind == "text":
        kind = "text_area" if (question.max_length or 0) > 200 else "text_input"
    elif question.kind == "multi":
        kind = "pills"
    elif question.kind == "count":
        kind = "number_input"
    elif len(question.choices) > 6:
        kind = "selectbox"
    else:
        kind = "segmented_control"
    return getattr(at, kind)(key=key)


def shown_answer(at: AppTest, question: Question) -> Any:
    value = widget(at, question).value
    return tuple(value) if question.kind == "multi" else value


def requests_box(at: AppTest) -> Any:
    return go_to_step(at, step_of("monthly_requests")).number_input(
        key=widget_key("monthly_requests")
    )


# --- first screen -----------------------------------------------------------------------------------


def test_first_screen_names_the_product_and_its_purpose() -> None:
    at = open_page("questionnaire")
    assert not at.exception
    assert [t.value for t in at.title] == [PRODUCT_NAME]
    assert PURPOSE in [m.value for m in at.markdown]
    assert step_caption(at) == f"Step 1 of {len(STEP_TITLES)}: {STEP_TITLES[0]}"
    assert at.get("progress")[0].value == round(100 / len(STEP_TITLES))


def test_buttons_back_next_and_see_recommendation() -> None:
    at = open_page("questionnaire")
    assert at.button(key="nav_back").label == "Back"
    assert at.button(key="nav_back").disabled
    assert at.button(key="nav_next").label == "Next"
    assert not at.button(key="nav_next").disabled
    see = at.button(key="see_recommendation")
    assert see.label == "See recommendation"
    assert see.proto.type == "primary"


def test_every_step_renders_in_order_with_progress_and_see_recommendation() -> None:
    at = open_page("questionnaire")
    for number, title in enumerate(STEP_TITLES, start=1):
        go_to_step(at, number)
        assert not at.exception
        assert step_caption(at) == f"Step {number} of {len(STEP_TITLES)}: {title}"
        assert [s.value for s in at.subheader] == [title]
        assert at.get("progress")[0].value == round(100 * number / len(STEP_TITLES))
        assert at.button(key="see_recommendation").label == "See recommendation"
    assert at.button(key="nav_next").disabled
    assert not at.button(key="nav_back").disabled


# --- every field, its widget, help text, labels and default -----------------------------------------


def test_every_answers_field_has_its_widget_help_and_default_on_its_step() -> None:
    at = open_page("questionnaire")
    seen: list[str] = []
    for number, (step_id, _) in enumerate(KB.steps, start=1):
        go_to_step(at, number)
        for question in (q for q in KB.questions if q.step == step_id):
            element = widget(at, question)
            assert element.help == question.help, question.id
            seen.append(question.id)
            if question.kind == "priorities":
                assert element.label == "Set my own priorities"
                assert element.value is False
                continue
            marked = f"{question.question} (required)" if question.required else question.question
            assert element.label == marked
            assert shown_answer(at, question) == getattr(DEFAULTS, question.id), question.id
            if question.kind in ("choice", "multi"):
                assert element.options == [c.label for c in question.choices], question.id
    assert sorted(seen) == sorted(q.id for q in KB.questions)


def test_output_modalities_preselects_the_suggested_outputs() -> None:
    question = KB.question("output_modalities")
    at = open_page("questionnaire")
    assert list(widget(at, question).value) == list(question.suggested or [])


def test_the_version_2_tasks_are_offered() -> None:
    at = open_page("questionnaire")
    go_to_step(at, step_of("tasks"))
    options = at.pills(key=widget_key("tasks")).options
    for task in V2_TASKS:
        assert KB.choice_label("tasks", task) in options, task
    at.pills(key=widget_key("tasks")).set_value(["extract_from_documents", "speak_text"]).run()
    assert at.session_state["answers"]["tasks"] == ["extract_from_documents", "speak_text"]
    assert at.query_params["tasks"] == "extract_from_documents;speak_text"


def test_priorities_toggle_shows_one_slider_per_criterion_that_sets_the_weights() -> None:
    at = go_to_step(open_page("questionnaire"), step_of("priorities"))
    assert not at.slider
    at.toggle(key=PRIORITIES_TOGGLE).set_value(True).run()
    assert [s.key for s in at.slider] == [priority_key(c) for c in KB.criterion_ids]
    assert [s.label for s in at.slider] == [c.name for c in KB.criteria]
    at.slider(key=priority_key("cost")).set_value(5).run()
    assert at.session_state["answers"]["priorities"]["cost"] == 5
    assert "cost=5" in at.query_params["priorities"]
    at.toggle(key=PRIORITIES_TOGGLE).set_value(False).run()
    assert at.session_state["answers"]["priorities"] is None
    assert at.query_params["priorities"] == ""
    at.toggle(key=PRIORITIES_TOGGLE).set_value(True).run()
    assert at.slider(key=priority_key("cost")).value == 5, "slider positions are remembered"


# --- monthly requests: a number box, empty = use the volume level ------------------------------------


def test_monthly_requests_is_an_empty_number_box_by_default() -> None:
    question = KB.question("monthly_requests")
    box = requests_box(open_page("questionnaire"))
    assert box.label == question.question
    assert box.value is None
    assert box.proto.placeholder == "Use the volume level"
    assert (box.min, box.max) == (question.min, question.max)
    assert box.step == 1


def test_a_monthly_number_commits_to_the_answers_and_the_link() -> None:
    at = open_page("questionnaire")
    requests_box(at).set_value(250_000).run()
    assert not at.exception
    assert at.session_state["answers"]["monthly_requests"] == 250_000
    assert at.query_params["monthly_requests"] == "250000"
    go_to_step(at, 1)
    assert requests_box(at).value == 250_000, "kept when the step is left and drawn again"


def test_emptying_the_number_box_goes_back_to_the_volume_level() -> None:
    at = open_page("questionnaire")
    requests_box(at).set_value(40_000).run()
    requests_box(at).set_value(None).run()
    assert not at.exception
    assert at.session_state["answers"]["monthly_requests"] is None
    assert at.query_params["monthly_requests"] == ""
    assert requests_box(at).value is None


def test_monthly_requests_change_the_recommendations_cost() -> None:
    at = open_page("app")
    requests_box(at).set_value(5_000_000).run()
    at.button(key="see_recommendation").click().run()
    assert not at.exception
    answers = parse_answers(KB, {**DEFAULTS.to_dict(), "monthly_requests": 5_000_000})
    expected = recommend(KB, answers).top
    assert expected.monthly_cost != recommend(KB, DEFAULTS).top.monthly_cost
    cost = {m.label: m.value for m in at.metric}["Monthly cost"]
    assert cost.endswith(f"{expected.monthly_cost[1]:,.0f}"), cost


# --- answers survive moving between steps -----------------------------------------------------------


def test_answers_survive_moving_between_steps() -> None:
    at = open_page("questionnaire")
    at.pills(key=widget_key("output_modalities")).set_value(["text", "video"]).run()
    at.text_input(key=widget_key("organization")).input("Acme").run()
    at.selectbox(key=widget_key("industry")).set_value("legal").run()
    go_to_step(at, step_of("deployment"))
    at.segmented_control(key=widget_key("deployment")).set_value("must_be_on_premises").run()
    requests_box(at).set_value(1234).run()
    go_to_step(at, len(STEP_TITLES))
    go_to_step(at, 1)
    assert at.pills(key=widget_key("output_modalities")).value == ["text", "video"]
    assert at.text_input(key=widget_key("organization")).value == "Acme"
    assert at.selectbox(key=widget_key("industry")).value == "legal"
    go_to_step(at, step_of("deployment"))
    assert at.segmented_control(key=widget_key("deployment")).value == "must_be_on_premises"
    assert requests_box(at).value == 1234
    assert at.query_params["deployment"] == "must_be_on_premises"
    assert at.query_params["output_modalities"] == "text;video"
    assert at.query_params["monthly_requests"] == "1234"


# --- See recommendation -----------------------------------------------------------------------------


def in_order(at: AppTest) -> list[Any]:
    """The main area's elements in the order the page draws them (depth first)."""
    found: list[Any] = []

    def walk(node: Any) -> None:
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)
        else:
            found.append(node)

    walk(at.main)
    return found


def error_after(at: AppTest, key: str) -> str | None:
    """The error drawn right after the widget with ``key`` (None when something else follows)."""
    elements = in_order(at)
    index = next(i for i, e in enumerate(elements) if getattr(e, "key", None) == key)
    following = elements[index + 1] if index + 1 < len(elements) else None
    return unescape(following.value) if getattr(following, "type", "") == "error" else None


def test_the_required_question_is_marked_in_its_label_with_a_legend() -> None:
    required = [q for q in KB.questions if q.required]
    assert [q.id for q in required] == ["output_modalities"], "SPEC: the one field without default"
    at = open_page("questionnaire")
    for number in range(1, len(STEP_TITLES) + 1):
        go_to_step(at, number)
        legend = "Only questions marked (required) need an answer"
        assert any(c.value.startswith(legend) for c in at.caption), number
    go_to_step(at, step_of("output_modalities"))
    pills = at.pills(key=widget_key("output_modalities"))
    assert pills.label == f"{KB.question('output_modalities').question} (required)"
    assert not any("(required)" in at.pills(key=widget_key(q)).label for q in ("input_modalities",))


def test_no_output_chosen_is_shown_at_the_question_in_its_words() -> None:
    question = KB.question("output_modalities")
    key = widget_key("output_modalities")
    at = open_page("questionnaire")
    assert error_after(at, key) is None, "an untouched default is fine"
    at.pills(key=key).set_value([]).run()
    assert error_after(at, key) is not None, "emptied: said at once, under the question"
    go_to_step(at, len(STEP_TITLES))  # the button works (and checks) from any step
    assert not at.error
    at.button(key="see_recommendation").click().run()
    assert not at.exception
    assert step_caption(at).startswith(f"Step {step_of('output_modalities')} of"), (
        "the questionnaire opens the step of the question to fix"
    )
    errors = [unescape(e.value) for e in at.error]
    assert len(errors) == 1
    assert error_after(at, key) == errors[0], "right under the question, not under the buttons"
    assert f"“{question.question}” needs at least one answer" in errors[0]
    assert "output_modalities" not in errors[0] and "_" not in errors[0], "no internal names"
    at.pills(key=key).set_value(["image"]).run()
    assert not at.error, "fixed: the error goes"


def test_see_recommendation_switches_to_the_recommendation_page() -> None:
    at = open_page("app")
    at.pills(key=widget_key("output_modalities")).set_value(["text", "image"]).run()
    go_to_step(at, step_of("accuracy_need"))
    at.segmented_control(key=widget_key("accuracy_need")).set_value("high").run()
    at.button(key="see_recommendation").click().run()
    assert not at.exception
    answers = parse_answers(KB, {"output_modalities": ["text", "image"], "accuracy_need": "high"})
    rec = recommend(KB, answers)
    assert rec.outcome == "recommend"
    assert f"Adopt: {rec.top.label}" in [unescape(h.value) for h in at.header]
    assert at.query_params["output_modalities"] == "text;image"
    assert at.query_params["accuracy_need"] == "high"


# --- links ------------------------------------------------------------------------------------------


EDGE_LINKS = {
    "all_modalities_and_tasks": parse_answers(
        KB,
        {
            "input_modalities": list(KB.choice_ids("input_modalities")),
            "output_modalities": list(KB.choice_ids("output_modalities")),
            "tasks": list(KB.choice_ids("tasks")),
        },
    ),
    "on_premises_video": parse_answers(
        KB, {"output_modalities": ["video"], "deployment": "must_be_on_premises"}
    ),
    "monthly_requests": parse_answers(
        KB, {"output_modalities": ["text"], "monthly_requests": KB.question("monthly_requests").max}
    ),
    "priorities": parse_answers(
        KB, {"output_modalities": ["text"], "priorities": {"cost": 5, "accuracy": 2}}
    ),
    "hostile_organisation": parse_answers(
        KB,
        {
            "output_modalities": ["text"],
            "organization": ("=1+1 **b** [x](y) $z$ :red[r] <i>" * 8)[:200],
            "use_case": "# Title\n- item\n@SUM(A1)",
        },
    ),
}


@pytest.mark.parametrize("name", list(EDGE_LINKS))
def test_a_link_fills_every_widget(name: str) -> None:
    answers: Answers = EDGE_LINKS[name]
    at = open_page("questionnaire", answers=answers)
    assert not at.exception
    assert not at.warning
    for number, (step_id, _) in enumerate(KB.steps, start=1):
        go_to_step(at, number)
        for question in (q for q in KB.questions if q.step == step_id):
            if question.kind == "priorities":
                assert widget(at, question).value is (answers.priorities is not None)
                if answers.priorities:
                    levels = [at.slider(key=priority_key(c)).value for c in KB.criterion_ids]
                    assert levels == [answers.priorities[c] for c in KB.criterion_ids]
                continue
            assert shown_answer(at, question) == getattr(answers, question.id), question.id
    assert not at.get("html"), "nothing is rendered as raw HTML"


def test_a_tampered_link_warns_and_keeps_the_good_fields() -> None:
    at = open_page(
        "questionnaire",
        {"industry": "space_piracy", "budget": "enterprise", "monthly_requests": "lots", "x": "1"},
    )
    assert not at.exception
    warning = unescape(" ".join(w.value for w in at.warning))
    for said in ("industry", "space_piracy", "monthly_requests", "lots", "'x'"):
        assert said in warning, said
    assert at.selectbox(key=widget_key("industry")).value == DEFAULTS.industry
    assert requests_box(at).value is None
    go_to_step(at, step_of("budget"))
    assert at.segmented_control(key=widget_key("budget")).value == "enterprise"


@pytest.mark.parametrize("value", ["0", "-5", "1e3", "2.5", str(10**12), "%00"])
def test_an_out_of_range_monthly_number_in_a_link_falls_back_with_a_warning(value: str) -> None:
    at = open_page("questionnaire", {"monthly_requests": value, "budget": "minimal"})
    assert not at.exception
    warning = unescape(" ".join(w.value for w in at.warning))
    assert "monthly_requests" in warning
    assert KB.question("monthly_requests").question in warning
    assert at.session_state["answers"]["monthly_requests"] is None
    assert at.session_state["answers"]["budget"] == "minimal"


def test_the_warning_goes_once_the_person_edits_an_answer() -> None:
    at = open_page("questionnaire", {"volume": "huge"})
    assert at.warning
    at.text_input(key=widget_key("organization")).input("Acme").run()
    assert not at.warning


# --- extensibility: a sixth criterion in the data -----------------------------------------------------


def test_a_sixth_criterion_gets_its_own_priority_slider(sixth_criterion_data: Path) -> None:
    at = open_page("questionnaire")
    assert not at.exception, at.exception
    go_to_step(at, step_of("priorities"))
    at.toggle(key=PRIORITIES_TOGGLE).set_value(True).run()
    assert not at.exception
    assert len(at.slider) == len(KB.criteria) + 1
    assert at.slider[-1].label == "Explainability"
    at.slider(key=priority_key("explainability")).set_value(5).run()
    assert at.session_state["answers"]["priorities"]["explainability"] == 5
    assert "explainability=5" in at.query_params["priorities"]
