"""What a person clicks through, in a real browser against ``streamlit run app.py``.

Expected recommendations are computed with the engine (``scoring.engine.recommend``) from the same
answers the test clicks, so the tests follow the knowledge base instead of hard-coding its results.
Selectors follow docs/ui-contract.md.
"""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from scoring.answers import Answers, default_answers, parse_flat_answers_leniently
from scoring.engine import Recommendation, recommend
from scoring.knowledge_base import ANSWER_FIELDS, default_knowledge_base
from scoring.report import report_columns
from ui.links import encode_query

from .conftest import (
    REPO_ROOT,
    StreamlitServer,
    assert_healthy,
    assert_radar_drawn,
    choice_button,
    is_polar_chart,
    new_page,
    open_app,
    screenshot,
    set_choice,
    wait_for_app_idle,
)

pytestmark = pytest.mark.browser

KB = default_knowledge_base()
DEFAULTS = default_answers(KB)
STEPS = KB.steps  # ((id, title), ...)
QUESTION = {q.id: q.question for q in KB.questions}


def label(field: str, choice: str) -> str:
    """The visible label of a choice, as the questionnaire shows it."""
    return KB.choice_label(field, choice)


def adopt(option: str) -> str:
    return next(o.adopt for o in KB.options if o.id == option)


def expected(answers: Answers, method: str = "wsm") -> Recommendation:
    return recommend(KB, answers, method)  # type: ignore[arg-type]


def adopt_heading(page: Page):
    return page.get_by_test_id("stHeading").filter(has_text=re.compile(r"^\s*Adopt: "))


def expect_adopt(page: Page, option: str) -> None:
    """The "Adopt: <phrase>" heading names ``option``."""
    heading = adopt_heading(page)
    expect(heading).to_have_count(1)
    expect(heading).to_have_text(re.compile(rf"^\s*Adopt: {re.escape(adopt(option))}\s*$"))


def expect_step(page: Page, number: int) -> None:
    title = STEPS[number - 1][1]
    expect(page.get_by_text(f"Step {number} of {len(STEPS)}: {title}", exact=True)).to_be_visible()


def click_next(page: Page, to_step: int) -> None:
    page.get_by_role("button", name="Next").click()
    expect_step(page, to_step)
    wait_for_app_idle(page)


def current_step(page: Page) -> int:
    caption = page.get_by_text(re.compile(rf"^Step \d+ of {len(STEPS)}: "))
    expect(caption).to_have_count(1)
    return int(re.search(r"Step (\d+)", caption.inner_text()).group(1))


def go_to_step(page: Page, number: int) -> None:
    """Click Next or Back until the questionnaire shows step ``number``."""
    while (step := current_step(page)) != number:
        page.get_by_role("button", name="Next" if step < number else "Back").click()
        expect_step(page, step + (1 if step < number else -1))
        wait_for_app_idle(page)


def open_page_from_sidebar(page: Page, title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
    wait_for_app_idle(page)


def see_recommendation(page: Page) -> None:
    page.get_by_role("button", name="See recommendation").click()
    page.wait_for_url(re.compile(r"/recommendation(\?|$)"))
    expect(adopt_heading(page)).to_be_visible()
    wait_for_app_idle(page)


def option_label(option: str) -> str:
    return next(o.label for o in KB.options if o.id == option)


def expect_radars(page: Page, top: str) -> None:
    """Every radar on the page is drawn (none empty), and the first one shows the top option."""
    charts = page.get_by_test_id("stPlotlyChart")
    expect(charts.first).to_be_visible()
    radars = [chart for chart in charts.all() if is_polar_chart(chart)]
    assert radars, "no radar (Scatterpolar) chart on the recommendation page"
    names = assert_radar_drawn(page, radars[0])
    assert any(option_label(top) in name for name in names), (
        f"the first radar does not show the top option {option_label(top)!r}: {names}"
    )
    for radar in radars[1:]:
        assert_radar_drawn(page, radar)


def main_text(page: Page) -> str:
    return page.get_by_test_id("stMain").inner_text()


def shown_share_link(page: Page, base_url: str) -> str:
    """The link the "Copy shareable link" area shows (absolute, or made absolute)."""
    area = page.get_by_text(re.compile(r"output_modalities=")).first
    expect(area).to_be_visible()
    match = re.search(r"(https?://\S+|\?\S+)", area.inner_text())
    assert match, f"no link in the shareable-link area: {area.inner_text()!r}"
    link = match.group(1)
    return link if link.startswith("http") else f"{base_url}/recommendation{link}"


# --- the first screen ---------------------------------------------------------------------------------


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


# --- the main flow ------------------------------------------------------------------------------------


def test_answers_change_the_recommendation_then_topsis_download_and_share(
    page, app_url, new_context, request, tmp_path
):
    answers = dataclasses.replace(
        DEFAULTS, output_modalities=("text", "image"), accuracy_need="high"
    )
    wsm, topsis = expected(answers, "wsm"), expected(answers, "topsis")
    assert wsm.top.option != expected(DEFAULTS).top.option, "scenario must change the top option"

    open_app(page, app_url)
    expect_step(page, 1)
    set_choice(page, QUESTION["output_modalities"], label("output_modalities", "image"))
    screenshot(page, request, "questionnaire-step1")
    click_next(page, 2)
    set_choice(page, QUESTION["accuracy_need"], label("accuracy_need", "high"))
    screenshot(page, request, "questionnaire-step2")
    see_recommendation(page)

    expect_adopt(page, wsm.top.option)
    expect_radars(page, wsm.top.option)
    screenshot(page, request, "recommendation-wsm")
    assert_healthy(page)

    # Switch the method: the ranking is recomputed with TOPSIS and its normalisation is named.
    before = main_text(page)
    set_choice(page, "Method", "TOPSIS")
    page.wait_for_url(re.compile(r"[?&]method=topsis"))
    expect_adopt(page, topsis.top.option)
    expect(page.get_by_test_id("stMain")).to_contain_text(re.compile(r"vector", re.IGNORECASE))
    assert main_text(page) != before, "switching to TOPSIS did not change the page"
    expect_radars(page, topsis.top.option)
    screenshot(page, request, "recommendation-topsis")

    # Download the CSV report: it parses, ranks like the engine and has the report's columns.
    button = page.get_by_test_id("stDownloadButton").filter(has_text="Download CSV report")
    expect(button).to_be_visible()
    with page.expect_download() as download_info:
        button.locator("button, a").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    report = pd.read_csv(path)
    base = report_columns()
    assert [c for c in report.columns if c in base] == base, list(report.columns)
    assert {f"answer_{f}" for f in ANSWER_FIELDS} <= set(report.columns)
    assert len(report) == len(KB.options)
    assert report.loc[0, "option"] == topsis.top.option
    assert report.loc[0, "rank"] == 1
    assert report.loc[0, "score"] == pytest.approx(topsis.top.score, abs=0.01)
    assert report.loc[0, "method"] == "TOPSIS"
    assert report.loc[0, "answer_output_modalities"] == "text;image"
    assert report.loc[0, "answer_accuracy_need"] == "high"
    assert list(report["option"]) == [r.option for r in topsis.ranking]
    wait_for_app_idle(page)
    assert_healthy(page)

    # The shared link: the address bar and the link the page shows carry the answers and method.
    query = parse_qs(urlsplit(page.url).query, keep_blank_values=True)
    assert set(ANSWER_FIELDS) <= set(query), f"answers fields missing from {page.url}"
    assert query.get("output_modalities") == ["text;image"], page.url
    assert query.get("method") == ["topsis"], page.url
    shown = shown_share_link(page, app_url)
    assert parse_qs(urlsplit(shown).query).get("output_modalities") == ["text;image"], shown

    for name, link in (("address-bar", page.url), ("shown-link", shown)):
        other = new_page(new_context())  # a second person: fresh context, no session
        open_app(other, link)
        expect_adopt(other, topsis.top.option)
        expect_radars(other, topsis.top.option)
        screenshot(other, request, f"shared-{name}")
        assert_healthy(other)


def test_keeping_data_on_premises_recommends_self_hosting(page, app_url, request):
    answers = dataclasses.replace(
        DEFAULTS, data_sensitivity="regulated", deployment="must_be_on_premises"
    )
    top = expected(answers).top.option
    assert top != expected(DEFAULTS).top.option, "scenario must change the top option"

    open_app(page, app_url)
    click_next(page, 2)
    set_choice(page, QUESTION["data_sensitivity"], label("data_sensitivity", "regulated"))
    set_choice(page, QUESTION["deployment"], label("deployment", "must_be_on_premises"))
    see_recommendation(page)
    expect_adopt(page, top)
    expect_radars(page, top)
    screenshot(page, request, "recommendation")
    assert_healthy(page)

    # Back on the questionnaire (through the sidebar), the answers are still there.
    open_page_from_sidebar(page, "Questionnaire")
    go_to_step(page, 2)
    choice = choice_button(page, QUESTION["deployment"], label("deployment", "must_be_on_premises"))
    expect(choice).to_have_attribute("data-selected", "true")
    assert_healthy(page)


# --- links and the other pages ------------------------------------------------------------------------


def test_a_tampered_link_warns_and_still_recommends(page, app_url, request):
    raw = {"volume": "huge", "output_modalities": "banana"}
    answers, problems = parse_flat_answers_leniently(KB, raw)
    assert {p.field for p in problems} == set(raw)

    open_app(page, f"{app_url}/recommendation?volume=huge&output_modalities=banana")
    warning = page.get_by_test_id("stAlert").filter(has_text="volume")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("output_modalities")
    expect_adopt(page, expected(answers).top.option)
    expect_radars(page, expected(answers).top.option)
    screenshot(page, request, "recommendation")
    assert_healthy(page)


def test_a_nasty_link_warns_briefly_and_still_recommends(page, app_url, request):
    # Bytes that are not UTF-8, a repeated parameter, an over-long text, a pile of unknown
    # parameters: Streamlit's own query-string parsing, which AppTest skips, sees all of them.
    junk = "&".join(f"junk{i}=1" for i in range(40))
    query = (
        f"organization=%FF%FE%3Dcmd&volume=low&volume=huge&use_case={'x' * 2001}"
        f"&output_modalities=text&{junk}"
    )
    open_app(page, f"{app_url}/recommendation?{query}")
    warning = page.get_by_test_id("stAlert").filter(has_text="use their defaults")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("use_case")
    expect(warning).to_contain_text("and 32 more")
    expect(adopt_heading(page)).to_have_count(1)
    expect_radars(page, expected(DEFAULTS).top.option)
    screenshot(page, request, "recommendation")
    assert_healthy(page)


def test_a_shared_link_as_a_new_servers_first_request(new_context, request):
    # A shared link opened before anyone has visited the app takes Streamlit's first-request path
    # (see ui/layout.py); the session server has long been warmed up by other tests, so this one
    # starts its own.
    answers = dataclasses.replace(DEFAULTS, output_modalities=("text", "image"))
    params = encode_query(answers.to_dict(), "topsis", "vector")
    server = StreamlitServer(REPO_ROOT / "app.py")
    try:
        server.start()
        page = new_page(new_context())
        open_app(page, f"{server.url}/recommendation?{urlencode(params)}")
        top = expected(answers, "topsis").top.option
        expect_adopt(page, top)
        expect_radars(page, top)
        screenshot(page, request, "first-request")
        assert_healthy(page)
    finally:
        server.stop()


def test_knowledge_base_page_renders(page, app_url, request):
    open_app(page, f"{app_url}/knowledge-base")
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("Knowledge base")
    for criterion in KB.criteria:
        expect(main).to_contain_text(criterion.name)
    for option in KB.options:
        expect(main).to_contain_text(option.label)
    screenshot(page, request, "knowledge-base")
    assert_healthy(page)
