"""AppTest of app.py: navigation, answers kept across pages, the URL kept in sync on every page.

With ``st.navigation`` and a ``pages/`` folder, AppTest has been known to take its legacy multipage
path, where elements drawn by the entry point vanish on a second run. app.py draws nothing itself
(page config and navigation only), so these tests check the pages' own elements across reruns.
"""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from scoring.answers import default_answers, parse_answers
from scoring.engine import recommend
from scoring.knowledge_base import default_knowledge_base
from ui.answers_form import widget_key
from ui.layout import PRODUCT_NAME
from ui.links import encode_query

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
QUESTIONNAIRE = "pages/questionnaire.py"
RECOMMENDATION = "pages/recommendation.py"
KNOWLEDGE_BASE = "pages/knowledge_base.py"
KB = default_knowledge_base()


def open_app(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    if query is not None:
        at.query_params = dict(query)
    return at.run()


def unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def adopt(at: AppTest) -> str:
    return next(unescape(h.value) for h in at.header if h.value.startswith("Adopt: "))


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
    assert adopt(at).startswith("Adopt: ")
    visit(at, KNOWLEDGE_BASE)
    assert any(h.value == "Knowledge base and method" for h in at.header)
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
    expected = f"Adopt: {KB.option(recommend(KB, answers).top.option).adopt}"

    visit(at, KNOWLEDGE_BASE)
    visit(at, RECOMMENDATION)
    assert adopt(at) == expected
    visit(at, QUESTIONNAIRE)
    assert any(c.value.startswith("Step 2 of") for c in at.caption), "the step is kept too"
    assert at.segmented_control(key=widget_key("accuracy_need")).value == "critical"
    assert at.segmented_control(key=widget_key("deployment")).value == "prefer_on_premises"
    at.button(key="nav_back").click().run()
    assert at.pills(key=widget_key("output_modalities")).value == ["text", "image"]


def test_the_url_is_rewritten_on_every_page_even_when_navigation_drops_it() -> None:
    answers = parse_answers(KB, {"output_modalities": ["audio"], "budget": "minimal"})
    expected = encode_query(answers.to_dict(), "wsm", "vector")
    at = open_app(expected)
    assert at.query_params == expected
    for page in (RECOMMENDATION, KNOWLEDGE_BASE, QUESTIONNAIRE, RECOMMENDATION):
        at.query_params = {}  # a browser drops the query string when the sidebar changes page
        visit(at, page)
        assert at.query_params == expected, page


def test_method_choice_is_kept_in_the_url_across_pages() -> None:
    at = open_app()
    visit(at, RECOMMENDATION)
    at.segmented_control(key="w_method").set_value("topsis").run()
    visit(at, KNOWLEDGE_BASE)
    assert at.query_params["method"] == "topsis"
    visit(at, RECOMMENDATION)
    assert at.segmented_control(key="w_method").value == "topsis"


def test_a_link_opened_on_one_page_is_kept_on_the_others() -> None:
    answers = parse_answers(KB, {"output_modalities": ["video"], "latency": "batch_ok"})
    at = open_app(encode_query(answers.to_dict(), "wsm", "vector"))
    visit(at, KNOWLEDGE_BASE)
    visit(at, RECOMMENDATION)
    assert adopt(at) == f"Adopt: {KB.option(recommend(KB, answers).top.option).adopt}"


def test_invalid_answers_on_the_recommendation_page_name_the_field() -> None:
    at = open_app()
    at.pills(key=widget_key("output_modalities")).set_value([]).run()
    visit(at, RECOMMENDATION)
    errors = [unescape(e.value) for e in at.error]
    assert len(errors) == 1 and "output_modalities" in errors[0]
    assert not [h for h in at.header if h.value.startswith("Adopt: ")]
    assert [link.proto.page for link in at.get("page_link")], "a way back to the questionnaire"


def test_defaults_give_a_recommendation_straight_away() -> None:
    at = visit(open_app(), RECOMMENDATION)
    top = recommend(KB, default_answers(KB)).top
    assert adopt(at) == f"Adopt: {KB.option(top.option).adopt}"
