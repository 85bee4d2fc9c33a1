"""What a person clicks through, in a real browser against ``streamlit run app.py``.

Expected recommendations come from the engine (``scoring.engine.recommend``) for the same answers
the test clicks, so the tests follow the knowledge base instead of hard-coding its results. Tests
that only read the recommendation page share one loaded page (a page with many charts takes
seconds to load in a fresh browser); each test still checks one behaviour.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlencode, urlsplit

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from scoring.answers import Answers, parse_answers
from scoring.engine import Recommendation, recommend
from scoring.knowledge import default_knowledge_base
from ui.common.links import encode_query
from ui.questionnaire.form import question_label

from .conftest import (
    REPO_ROOT,
    StreamlitServer,
    assert_healthy,
    assert_radar_drawn,
    choice_button,
    dataframe_after,
    dataframe_rows,
    horizontal_overflow,
    is_polar_chart,
    new_page,
    open_app,
    open_tab,
    plotly_figure,
    screenshot,
    screenshot_if_failed,
    set_choice,
    wait_for_app_idle,
)

pytestmark = pytest.mark.browser

KB = default_knowledge_base()
STEPS = KB.steps  # ((id, title), ...)
QUESTION = {q.id: question_label(q) for q in KB.questions}
"""Each question's label as the page shows it (a required one marked)."""
CLICKED = parse_answers(
    KB, {"output_modalities": ["text", "image"], "tasks": ["generate_creative_content"]}
)
"""What the click-through chooses: text and images, to generate creative content."""
COST_TITLE = "Monthly cost against volume"


def label(field: str, choice: str) -> str:
    """The visible label of a choice, as the questionnaire shows it."""
    return KB.choice_label(field, choice)


def expected(answers: Answers, method: str = "wsm") -> Recommendation:
    rec = recommend(KB, answers, method)
    assert rec.outcome == "recommend", "the scenario must have a recommendation"
    return rec


def headline(page: Page):
    return page.get_by_test_id("stHeading").filter(has_text=re.compile(r"^\s*Adopt: "))


def expect_headline(page, rec: Recommendation) -> None:
    heading = headline(page)
    expect(heading).to_have_count(1)
    expect(heading).to_have_text(re.compile(rf"^\s*Adopt: {re.escape(rec.top.label)}\s*$"))


def expect_step(page, number: int) -> None:
    title = STEPS[number - 1][1]
    expect(page.get_by_text(f"Step {number} of {len(STEPS)}: {title}", exact=True)).to_be_visible()


def click_next(page, to_step: int) -> None:
    page.get_by_role("button", name="Next").click()
    expect_step(page, to_step)
    wait_for_app_idle(page)


def link(answers: Answers, method: str = "wsm", normalization: str | None = None) -> str:
    return urlencode(encode_query(answers.to_dict(), method, normalization))


@pytest.fixture
def page(module_context, request: pytest.FixtureRequest) -> Iterator[Page]:
    """Here a new page in the module's browser context (instead of a new context per test): a
    Streamlit session of its own, with the browser's cache of Streamlit's scripts kept warm
    between tests (a fresh context fetches and parses megabytes of chart code again)."""
    page = new_page(module_context)
    yield page
    screenshot_if_failed(page, request)
    page.close()


# --- the questionnaire --------------------------------------------------------------------------------


def test_first_screen_is_the_questionnaire(page, app_url, request):
    open_app(page, app_url)
    expect(page.get_by_role("heading", name="GenAI Decision Advisor")).to_be_visible()
    expect_step(page, 1)
    expect(page.get_by_test_id("stProgress")).to_be_visible()
    expect(page.get_by_role("button", name="Back")).to_be_disabled()
    expect(page.get_by_role("button", name="Next")).to_be_enabled()
    expect(page.get_by_role("button", name="See recommendation")).to_be_enabled()
    # The suggested output is pre-selected, so the defaults already give a recommendation.
    text = choice_button(page, QUESTION["output_modalities"], label("output_modalities", "text"))
    expect(text).to_have_attribute("data-selected", "true")
    screenshot(page, request, "questionnaire")
    assert_healthy(page)


def test_a_person_clicks_through_the_questionnaire_to_the_recommendation(page, app_url, request):
    rec = expected(CLICKED)
    open_app(page, app_url)
    set_choice(page, QUESTION["output_modalities"], label("output_modalities", "image"))
    set_choice(page, QUESTION["tasks"], label("tasks", "generate_creative_content"))
    screenshot(page, request, "step1")
    for number in range(2, len(STEPS) + 1):
        click_next(page, number)
    screenshot(page, request, f"step{len(STEPS)}")
    page.get_by_role("button", name="See recommendation").click()
    page.wait_for_url(re.compile(r"/recommendation\?"))
    expect_headline(page, rec)
    wait_for_app_idle(page)
    query = parse_qs(urlsplit(page.url).query, keep_blank_values=True)
    assert query["output_modalities"] == ["text;image"], page.url
    assert query["tasks"] == ["generate_creative_content"], page.url
    # The two questions clicked are answered; free text does not move the advice.
    unanswered = len([q for q in KB.questions if q.kind != "text"]) - 2
    expect(page.get_by_test_id("stAlert").filter(has_text="Based on defaults")).to_contain_text(
        f"{unanswered} questions unanswered"
    )
    screenshot(page, request, "summary")
    open_tab(page, "Adjust weights")
    radars = [c for c in page.get_by_test_id("stPlotlyChart").all() if is_polar_chart(c)]
    assert radars, "no radar on the recommendation page"
    names = [name.replace("<br>", " ") for name in assert_radar_drawn(page, radars[-1])]
    assert any(rec.top.label in name for name in names)
    screenshot(page, request, "recommendation")
    assert_healthy(page)


def test_the_monthly_number_box_sets_and_clears_the_count(page, app_url, request):
    step = next(n for n, (s, _) in enumerate(STEPS, 1) if s == KB.question("monthly_requests").step)
    open_app(page, app_url)
    for number in range(2, step + 1):
        click_next(page, number)
    box = page.get_by_role("spinbutton", name=QUESTION["monthly_requests"])
    expect(box).to_have_value("")
    expect(box).to_have_attribute("placeholder", "Use the volume level")
    box.fill("25000")
    box.press("Enter")
    page.wait_for_url(re.compile(r"[?&]monthly_requests=25000(&|$)"))
    wait_for_app_idle(page)
    box.fill("")
    box.press("Enter")
    page.wait_for_url(re.compile(r"[?&]monthly_requests=(&|$)"))
    wait_for_app_idle(page)
    expect(box).to_have_value("")
    screenshot(page, request, "cleared")
    assert_healthy(page)


# --- the recommendation page, loaded once for the tests that read it ------------------------------------


@pytest.fixture(scope="module")
def loaded(module_context, app_url) -> Page:
    """The recommendation for the click-through's answers, opened from its link."""
    page = new_page(module_context)
    open_app(page, f"{app_url}/recommendation?{link(CLICKED)}")
    return page


@pytest.fixture
def recommendation(loaded: Page, request: pytest.FixtureRequest):
    yield loaded
    screenshot_if_failed(loaded, request)


def test_the_cost_chart_has_a_line_with_points_for_each_solution(recommendation, request):
    rec = expected(CLICKED)
    open_tab(recommendation, "Costs")
    figure = plotly_figure(recommendation, COST_TITLE)
    assert figure["xaxis"] == figure["yaxis"] == "log"
    assert "your volume" in figure["annotations"]
    lines = [t for t in figure["traces"] if t["mode"] == "lines"]
    qualifying = [r for r in rec.ranking if r.meets_requirements]
    assert 1 <= len(lines) <= len(qualifying)
    assert lines[0]["name"].replace("<br>", " ") == f"1. {rec.top.label}"  # wrapped for a phone
    for trace in figure["traces"]:  # the lines and their shaded ranges
        assert trace["x"] and len(trace["y"]) == len(trace["x"]), trace["name"]
        assert all(isinstance(y, int | float) and y >= 1 for y in trace["y"]), trace["name"]
    chart = recommendation.get_by_test_id("stPlotlyChart").filter(
        has=recommendation.locator(".gtitle", has_text=COST_TITLE)
    )
    chart.scroll_into_view_if_needed()
    paths = chart.locator(".scatterlayer path.js-line")
    expect(paths.first).to_be_attached()
    assert paths.count() >= len(lines), "every line is drawn in the SVG"
    screenshot(recommendation, request, "costs")


def test_the_named_products_table_lists_the_top_solutions_products(recommendation):
    rec = expected(CLICKED)
    open_tab(recommendation, "Why")
    rows = dataframe_rows(dataframe_after(recommendation, "Named products to shortlist"))
    products = [(c, p.name) for c in rec.top.components for p in KB.component(c).shortlist]
    assert rows and len(rows) <= len(products), rows
    for row, (component, product) in zip(rows, products, strict=False):
        c = KB.component(component)
        assert row[:2] == [
            f"{KB.approach(c.approach).label}, {KB.deployment(c.deployment).label}",
            product,
        ]


def test_the_csv_report_downloads_and_reads_with_pandas(recommendation, tmp_path):
    rec = expected(CLICKED)
    open_tab(recommendation, "Export")
    button = recommendation.get_by_test_id("stDownloadButton").filter(
        has_text="Download CSV report"
    )
    expect(button).to_be_visible()
    with recommendation.expect_download() as download_info:
        button.get_by_role("button").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    report = pd.read_csv(path, encoding="utf-8-sig")
    assert len(report) == len(rec.ranking), "one row per listed solution"
    # Readable headers (scoring/report_headers.py), as a spreadsheet user sees them.
    assert report["Solution id"].tolist() == [r.option for r in rec.ranking]
    assert report["Solution"].tolist() == [r.label for r in rec.ranking]
    assert report["Rank"].tolist() == list(range(1, len(rec.ranking) + 1))
    assert set(report["Outcome"]) == {"recommend"}
    assert report.loc[0, "Score (0-100)"] == pytest.approx(rec.top.score, abs=0.01)
    assert report.loc[0, "answer_output_modalities"] == "text;image"
    wait_for_app_idle(recommendation)
    assert_healthy(recommendation)


# --- other pages, a phone, links ------------------------------------------------------------------------


def test_the_knowledge_base_page_renders(page, app_url, request):
    open_app(page, f"{app_url}/knowledge-base")
    expect(page.get_by_role("heading", name="Knowledge base and method").first).to_be_visible()
    text = page.get_by_test_id("stMain").inner_text()
    assert KB.version in text
    for name in [c.name for c in KB.criteria] + [a.label for a in KB.approaches]:
        assert name in text, name
    screenshot(page, request, "knowledge-base")
    assert_healthy(page)


def test_a_phone_shows_the_recommendation_without_sideways_scrolling(page, app_url, request):
    page.set_viewport_size({"width": 390, "height": 844})
    open_app(page, f"{app_url}/recommendation?{link(CLICKED)}&tab=costs")
    expect_headline(page, expected(CLICKED))
    plotly_figure(page, COST_TITLE)
    assert horizontal_overflow(page) == {}
    box = headline(page).bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    screenshot(page, request, "phone")
    assert_healthy(page)


def test_a_nasty_link_warns_briefly_and_keeps_the_good_answers(page, app_url, request):
    # Bytes that are not UTF-8, a repeated parameter, an over-long text, a bad count, a pile of
    # unknown parameters: Streamlit's own query-string parsing, which AppTest skips, sees them all.
    junk = "&".join(f"junk{i}=1" for i in range(40))
    query = (
        f"organization=%FF%FE%3Dcmd&volume=low&volume=huge&use_case={'x' * 2001}"
        f"&monthly_requests=-7&output_modalities=image&{junk}"
    )
    open_app(page, f"{app_url}/?{query}")
    warning = page.get_by_test_id("stAlert").filter(has_text="use their defaults")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("use_case")
    expect(warning).to_contain_text("monthly_requests")
    expect(warning).to_contain_text("and 32 more")
    image = choice_button(page, QUESTION["output_modalities"], label("output_modalities", "image"))
    expect(image).to_have_attribute("data-selected", "true")
    screenshot(page, request, "questionnaire")
    assert_healthy(page)


def test_a_shared_link_as_a_new_servers_first_request(page, request):
    # A shared link opened before anyone has visited the app takes Streamlit's first-request path
    # (see ui/common/layout.py); the session server has long been warmed up by other tests, so
    # this one starts its own.
    rec = expected(CLICKED, "topsis")
    server = StreamlitServer(REPO_ROOT / "app.py")
    try:
        server.start()
        open_app(page, f"{server.url}/recommendation?{link(CLICKED, 'topsis', 'vector')}")
        expect_headline(page, rec)
        expect(page.get_by_test_id("stSidebarNav")).to_be_attached()
        screenshot(page, request, "first-request")
        assert_healthy(page)
    finally:
        server.stop()
