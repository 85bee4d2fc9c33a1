"""AppTest of app.py: navigation, answers kept across pages, the URL kept in sync on every page, and
every page running from the entry point (also on a knowledge base with a sixth criterion).

With ``st.navigation`` and a ``pages/`` folder, AppTest has been known to take its legacy multipage
path, where elements drawn by the entry point vanish on a second run. app.py draws nothing itself
(page config and navigation only), so these tests check the pages' own elements across reruns.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest
from support import open_page, page_text, unescape

from scoring.answers import Answers, default_answers, parse_answers
from scoring.engine import recommend
from scoring.knowledge import default_knowledge_base
from ui.common.layout import PRODUCT_NAME
from ui.common.links import encode_query
from ui.questionnaire.form import widget_key

QUESTIONNAIRE = "pages/questionnaire.py"
RECOMMENDATION = "pages/recommendation.py"
KNOWLEDGE_BASE = "pages/knowledge_base.py"
KB_TITLE = "Knowledge base and method"
KB = default_knowledge_base()


def open_app(query: dict[str, str] | None = None) -> AppTest:
    return open_page("app", query)


def headline(at: AppTest) -> str:
    headers = [unescape(h.value) for h in at.header]
    assert len(headers) == 1, headers
    return headers[0]


def expected_headline(answers: Answers) -> str:
    rec = recommend(KB, answers)
    assert rec.outcome == "recommend", "the scenario must have a recommendation"
    return f"Adopt: {rec.top.label}"


def visit(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_the_questionnaire_is_the_default_page_and_survives_reruns() -> None:
    at = open_app()
    assert not at.exception
    for _ in range(3):
        assert [t.value for t in at.title] == [PRODUCT_NAME]
        assert any(c.value.startswith("Step 1 of") for c in at.caption)
        at.run()
        assert not at.exception


def test_every_page_runs_from_the_entry_point() -> None:
    at = open_app()
    visit(at, RECOMMENDATION)
    assert headline(at) == expected_headline(default_answers(KB))
    visit(at, KNOWLEDGE_BASE)
    assert [t.value for t in at.title] == [KB_TITLE]
    visit(at, QUESTIONNAIRE)
    assert [t.value for t in at.title] == [PRODUCT_NAME]


def test_answers_persist_across_page_switches() -> None:
    at = open_app()
    at.pills(key=widget_key("output_modalities")).set_value(["text", "image"]).run()
    at.button(key="nav_next").click().run()
    at.segmented_control(key=widget_key("accuracy_need")).set_value("critical").run()
    at.segmented_control(key=widget_key("deployment")).set_value("prefer_on_premises").run()
    answers = parse_answers(
        KB,
        {
            "output_modalities": ["text", "image"],
            "accuracy_need": "critical",
            "deployment": "prefer_on_premises",
        },
    )

    visit(at, KNOWLEDGE_BASE)
    visit(at, RECOMMENDATION)
    assert headline(at) == expected_headline(answers)
    visit(at, QUESTIONNAIRE)
    assert any(c.value.startswith("Step 2 of") for c in at.caption), "the step is kept too"
    assert at.segmented_control(key=widget_key("accuracy_need")).value == "critical"
    assert at.segmented_control(key=widget_key("deployment")).value == "prefer_on_premises"
    at.button(key="nav_back").click().run()
    assert at.pills(key=widget_key("output_modalities")).value == ["text", "image"]


def test_the_url_is_rewritten_on_every_page_even_when_navigation_drops_it() -> None:
    answers = parse_answers(
        KB, {"output_modalities": ["audio"], "budget": "minimal", "monthly_requests": 800}
    )
    expected = encode_query(answers.to_dict(), "wsm", None)
    at = open_app(expected)
    assert at.query_params == expected
    for page in (RECOMMENDATION, KNOWLEDGE_BASE, QUESTIONNAIRE, RECOMMENDATION):
        at.query_params = {}  # a browser drops the query string when the sidebar changes page
        visit(at, page)
        assert at.query_params == expected, page


def test_method_choice_is_kept_in_the_url_across_pages() -> None:
    at = visit(open_app(), RECOMMENDATION)
    at.segmented_control(key="w_method").set_value("topsis").run()
    visit(at, KNOWLEDGE_BASE)
    assert at.query_params["method"] == "topsis"
    visit(at, RECOMMENDATION)
    assert at.segmented_control(key="w_method").value == "topsis"


def test_a_link_opened_on_one_page_is_kept_on_the_others() -> None:
    answers = parse_answers(
        KB,
        {
            "output_modalities": ["text"],
            "input_modalities": ["audio"],  # transcription needs recordings to transcribe
            "tasks": ["transcribe_speech"],
            "latency": "batch_ok",
        },
    )
    at = open_app(encode_query(answers.to_dict(), "wsm", None))
    visit(at, KNOWLEDGE_BASE)
    visit(at, RECOMMENDATION)
    assert headline(at) == expected_headline(answers)


def test_invalid_answers_on_the_recommendation_page_name_the_field() -> None:
    at = open_app()
    at.pills(key=widget_key("output_modalities")).set_value([]).run()
    visit(at, RECOMMENDATION)
    errors = [unescape(e.value) for e in at.error]
    assert len(errors) == 1
    assert KB.question("output_modalities").question in errors[0]
    assert "output_modalities" not in errors[0] and "text, image" not in errors[0], "no ids"
    assert not at.header, "no headline for answers that are not complete"
    assert [link.proto.page for link in at.get("page_link")], "a way back to the questionnaire"


def test_every_page_runs_on_a_knowledge_base_with_a_sixth_criterion(
    sixth_criterion_data: Path,
) -> None:
    at = open_app({"output_modalities": "text"})
    assert not at.exception, at.exception
    visit(at, RECOMMENDATION)
    weights = next(d.value for d in at.dataframe if "Swing range" in d.value.columns)
    assert "Explainability" in weights.index
    visit(at, KNOWLEDGE_BASE)
    assert [t.value for t in at.title] == [KB_TITLE]
    assert "Explainability" in page_text(at)
    visit(at, QUESTIONNAIRE)
    assert [t.value for t in at.title] == [PRODUCT_NAME]
