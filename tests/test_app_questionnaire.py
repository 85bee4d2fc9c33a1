"""AppTest of pages/questionnaire.py: steps, widgets per docs/ui-contract.md, defaults, help texts,
answers kept across steps, validation, links. Going on to the recommendation needs st.navigation,
so those tests start from app.py."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from scoring.answers import Answers, default_answers, parse_answers
from scoring.engine import recommend
from scoring.kb_schema import Question
from scoring.knowledge_base import CRITERIA, default_knowledge_base
from ui.answers_form import PRIORITIES_TOGGLE, priority_key, widget_key
from ui.layout import PRODUCT_NAME, PURPOSE
from ui.links import encode_query

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "pages" / "questionnaire.py"
APP = ROOT / "app.py"
KB = default_knowledge_base()
STEP_TITLES = [title for _, title in KB.steps]
DEFAULTS = default_answers(KB)


def open_page(
    answers: Answers | None = None, query: dict[str, str] | None = None, path: Path = PAGE
) -> AppTest:
    at = AppTest.from_file(str(path), default_timeout=60)
    if answers is not None:
        at.query_params = encode_query(answers.to_dict(), "wsm", "vector")
    if query is not None:
        at.query_params = dict(query)
    return at.run()


def unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def step_caption(at: AppTest) -> str:
    captions = [c.value for c in at.caption if c.value.startswith("Step ")]
    assert len(captions) == 1, [c.value for c in at.caption]
    return captions[0]


def go_to_step(at: AppTest, number: int) -> AppTest:
    while (current := int(step_caption(at).split()[1])) != number:
        at.button(key="nav_next" if current < number else "nav_back").click().run()
        assert not at.exception
    return at


def widget(at: AppTest, question: Question) -> Any:
    """The widget the contract prescribes for a question, found by its key."""
    key = widget_key(question.id)
    if question.kind == "text":
        kind = "text_area" if (question.max_length or 0) > 200 else "text_input"
    elif question.kind == "multi":
        kind = "pills"
    elif question.kind == "priorities":
        return at.toggle(key=PRIORITIES_TOGGLE)
    elif len(question.choices) > 6:
        kind = "selectbox"
    else:
        kind = "segmented_control"
    return getattr(at, kind)(key=key)


def shown_answer(at: AppTest, question: Question) -> Any:
    value = widget(at, question).value
    return tuple(value) if question.kind == "multi" else value


# --- first screen -----------------------------------------------------------------------------------


def test_first_screen_names_the_product_and_its_purpose() -> None:
    at = open_page()
    assert not at.exception
    assert [t.value for t in at.title] == [PRODUCT_NAME]
    assert PURPOSE in [m.value for m in at.markdown]
    assert step_caption(at) == f"Step 1 of {len(STEP_TITLES)}: {STEP_TITLES[0]}"
    assert at.get("progress")[0].value == round(100 / len(STEP_TITLES))


def test_buttons_back_next_and_see_recommendation() -> None:
    at = open_page()
    assert at.button(key="nav_back").label == "Back"
    assert at.button(key="nav_back").disabled
    assert at.button(key="nav_next").label == "Next"
    assert not at.button(key="nav_next").disabled
    see = at.button(key="see_recommendation")
    assert see.label == "See recommendation"
    assert see.proto.type == "primary"


def test_steps_in_order_with_progress_and_see_recommendation_on_every_step() -> None:
    at = open_page()
    for number, title in enumerate(STEP_TITLES, start=1):
        go_to_step(at, number)
        assert step_caption(at) == f"Step {number} of {len(STEP_TITLES)}: {title}"
        assert at.get("progress")[0].value == round(100 * number / len(STEP_TITLES))
        assert at.button(key="see_recommendation").label == "See recommendation"
    assert at.button(key="nav_next").disabled
    assert not at.button(key="nav_back").disabled


# --- every field, its widget, help text, labels and default -----------------------------------------


def test_every_answers_field_has_its_widget_help_and_default_on_its_step() -> None:
    at = open_page()
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
            assert element.label == question.question
            assert shown_answer(at, question) == getattr(DEFAULTS, question.id), question.id
            if question.kind in ("choice", "multi"):
                assert element.options == [c.label for c in question.choices], question.id
    assert sorted(seen) == sorted(q.id for q in KB.questions)


def test_output_modalities_preselects_the_suggested_outputs() -> None:
    question = KB.question("output_modalities")
    at = open_page()
    assert list(widget(at, question).value) == list(question.suggested or [])


def test_priorities_toggle_shows_five_sliders_that_set_the_weights() -> None:
    at = go_to_step(open_page(), len(STEP_TITLES))
    assert not at.slider
    at.toggle(key=PRIORITIES_TOGGLE).set_value(True).run()
    assert [s.key for s in at.slider] == [priority_key(c) for c in CRITERIA]
    assert [s.label for s in at.slider] == [c.name for c in KB.criteria]
    at.slider(key=priority_key("cost")).set_value(5).run()
    assert at.session_state["answers"]["priorities"]["cost"] == 5
    assert "cost=5" in at.query_params["priorities"]
    at.toggle(key=PRIORITIES_TOGGLE).set_value(False).run()
    assert at.session_state["answers"]["priorities"] is None
    assert at.query_params["priorities"] == ""
    at.toggle(key=PRIORITIES_TOGGLE).set_value(True).run()
    assert at.slider(key=priority_key("cost")).value == 5, "slider positions are remembered"


# --- answers survive moving between steps -----------------------------------------------------------


def test_answers_survive_moving_between_steps() -> None:
    at = open_page()
    at.pills(key=widget_key("output_modalities")).set_value(["text", "video"]).run()
    at.text_input(key=widget_key("organization")).input("Acme").run()
    at.selectbox(key=widget_key("industry")).set_value("legal").run()
    go_to_step(at, 2)
    at.segmented_control(key=widget_key("deployment")).set_value("must_be_on_premises").run()
    go_to_step(at, 4)
    go_to_step(at, 1)
    assert at.pills(key=widget_key("output_modalities")).value == ["text", "video"]
    assert at.text_input(key=widget_key("organization")).value == "Acme"
    assert at.selectbox(key=widget_key("industry")).value == "legal"
    go_to_step(at, 2)
    assert at.segmented_control(key=widget_key("deployment")).value == "must_be_on_premises"
    assert at.query_params["deployment"] == "must_be_on_premises"
    assert at.query_params["output_modalities"] == "text;video"


# --- See recommendation -----------------------------------------------------------------------------


def test_empty_outputs_are_named_in_an_error_not_a_traceback() -> None:
    at = open_page()
    at.pills(key=widget_key("output_modalities")).set_value([]).run()
    at.button(key="see_recommendation").click().run()
    assert not at.exception
    errors = [unescape(e.value) for e in at.error]
    assert len(errors) == 1
    assert "output_modalities" in errors[0]
    assert KB.question("output_modalities").question in errors[0]
    assert step_caption(at).startswith("Step 1 of"), "the page stays on the questionnaire"


def test_see_recommendation_switches_to_the_recommendation_page() -> None:
    at = open_page(path=APP)
    at.pills(key=widget_key("output_modalities")).set_value(["image"]).run()
    go_to_step(at, 2)
    at.segmented_control(key=widget_key("accuracy_need")).set_value("high").run()
    at.button(key="see_recommendation").click().run()
    assert not at.exception
    answers = parse_answers(KB, {"output_modalities": ["image"], "accuracy_need": "high"})
    top = recommend(KB, answers).top
    headings = [unescape(h.value) for h in at.header]
    assert f"Adopt: {KB.option(top.option).adopt}" in headings
    assert at.query_params["output_modalities"] == "image"
    assert at.query_params["accuracy_need"] == "high"


# --- links ------------------------------------------------------------------------------------------


EDGE_LINKS = {
    "all_modalities": parse_answers(
        KB,
        {
            "input_modalities": list(KB.choice_ids("input_modalities")),
            "output_modalities": list(KB.choice_ids("output_modalities")),
            "tasks": list(KB.choice_ids("tasks")),
        },
    ),
    "on_premises": parse_answers(
        KB, {"output_modalities": ["video"], "deployment": "must_be_on_premises"}
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
    answers = EDGE_LINKS[name]
    at = open_page(answers)
    assert not at.exception
    assert not at.warning
    for number, (step_id, _) in enumerate(KB.steps, start=1):
        go_to_step(at, number)
        for question in (q for q in KB.questions if q.step == step_id):
            if question.kind == "priorities":
                assert widget(at, question).value is (answers.priorities is not None)
                if answers.priorities:
                    levels = [at.slider(key=priority_key(c)).value for c in CRITERIA]
                    assert levels == [answers.priorities[c] for c in CRITERIA]
                continue
            assert shown_answer(at, question) == getattr(answers, question.id), question.id


def test_a_tampered_link_warns_and_keeps_the_good_fields() -> None:
    at = open_page(query={"industry": "space_piracy", "budget": "enterprise", "x": "1"})
    assert not at.exception
    warning = unescape(" ".join(w.value for w in at.warning))
    assert "industry" in warning and "space_piracy" in warning and "x" in warning
    assert at.selectbox(key=widget_key("industry")).value == DEFAULTS.industry
    go_to_step(at, 3)
    assert at.segmented_control(key=widget_key("budget")).value == "enterprise"


def test_the_warning_goes_once_the_person_edits_an_answer() -> None:
    at = open_page(query={"volume": "huge"})
    assert at.warning
    at.text_input(key=widget_key("organization")).input("Acme").run()
    assert not at.warning
