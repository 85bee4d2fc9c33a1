"""Trust in the recommendation, in a real browser against ``streamlit run app.py``: what-if weight
sliders, the robustness label, the stability, rank-acceptability and head-to-head charts.

Expected results come from the engine (``recommend``, ``analyse_trust``) for the same answers and
weights the test sets, so the tests follow the knowledge base. Selectors follow docs/ui-contract.md.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from business_cases import TOSS_UP_FIELDS
from playwright.sync_api import Page, expect
from streamlit.proto.BackMsg_pb2 import BackMsg

from scoring.answers import default_answers, parse_answers
from scoring.engine import recommend
from scoring.knowledge_base import default_knowledge_base
from scoring.trust import analyse_trust
from ui.links import encode_query, format_weights
from ui.links import share_url as build_share_url
from ui.trust_charts import HOLDS_NAME, WEIGHT_NAME
from ui.trust_text import CERTAINTY_LEVELS
from ui.whatif import importance_from_weights, weights_from_importance

from .conftest import (
    assert_bars_drawn,
    assert_healthy,
    assert_radar_drawn,
    is_polar_chart,
    new_page,
    open_app,
    plotly_chart_with_trace,
    screenshot,
    slider_thumb,
    wait_for_app_idle,
)

pytestmark = pytest.mark.browser

KB = default_knowledge_base()
DEFAULTS = default_answers(KB)
TOSS_UP = parse_answers(KB, TOSS_UP_FIELDS)


def adopt_heading(page: Page):
    return page.get_by_test_id("stHeading").filter(has_text=re.compile(r"^\s*Adopt: "))


def expect_adopt(page: Page, option: str) -> None:
    heading = adopt_heading(page)
    expect(heading).to_have_count(1)
    phrase = KB.option(option).adopt
    expect(heading).to_have_text(re.compile(rf"^\s*Adopt: {re.escape(phrase)}\s*$"))


def link(base_url: str, answers=DEFAULTS, weights=None) -> str:
    params = encode_query(answers.to_dict(), "wsm", "vector", weights)
    return build_share_url(f"{base_url}/recommendation", params)


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query, keep_blank_values=True)


def record_reruns(page: Page) -> list[BackMsg]:
    """Every rerun request the browser sends from now on (decoded ``BackMsg``s)."""
    reruns: list[BackMsg] = []

    def sent(payload) -> None:
        if isinstance(payload, bytes | bytearray):
            message = BackMsg.FromString(bytes(payload))
            if message.WhichOneof("type") == "rerun_script":
                reruns.append(message)

    page.on("websocket", lambda ws: ws.on("framesent", sent))
    return reruns


def radar(page: Page):
    charts = page.get_by_test_id("stPlotlyChart")
    expect(charts.first).to_be_visible()
    return next(chart for chart in charts.all() if is_polar_chart(chart))


def main_text(page: Page) -> str:
    return page.get_by_test_id("stMain").inner_text()


def test_moving_a_weight_slider_changes_the_recommendation(
    page, app_url, new_context, request, tmp_path
):
    base = recommend(KB, DEFAULTS)
    moved = {**importance_from_weights(base.weights), "data_privacy": 100}
    expected = recommend(KB, DEFAULTS, weights=weights_from_importance(moved))
    assert expected.top.option != base.top.option, "the move must change the recommendation"

    reruns = record_reruns(page)
    open_app(page, f"{app_url}/recommendation")
    expect_adopt(page, base.top.option)
    thumb = slider_thumb(page, "Data privacy")
    expect(thumb).to_have_count(1)
    start = str(round(100 * base.weights["data_privacy"]))
    expect(thumb).to_have_attribute("aria-valuetext", start)
    reruns.clear()

    # Keyboard: focus the thumb and press End (to 100).
    thumb.focus()
    page.keyboard.press("End")
    expect(thumb).to_have_attribute("aria-valuetext", "100")
    wait_for_app_idle(page)
    expect_adopt(page, expected.top.option)
    page.wait_for_url(re.compile(r"[?&]weights="))
    assert query(page)["weights"] == [format_weights(moved)]
    expect(page.get_by_test_id("stAlert").filter(has_text="What-if weights are on")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^With these what-if weights: Adopt "))).to_be_visible()
    names = assert_radar_drawn(page, radar(page), min_traces=4)
    assert any(expected.top.label in name for name in names)
    # The browser asked for a rerun of the fragment only, not of the whole page.
    assert reruns, "moving the slider sent no rerun"
    assert all(message.rerun_script.fragment_id for message in reruns), [
        message.rerun_script.fragment_id for message in reruns
    ]
    screenshot(page, request, "what-if")
    assert_healthy(page)

    # The CSV report follows the what-if weights and carries the trust columns.
    button = page.get_by_test_id("stDownloadButton").filter(has_text="Download CSV report")
    with page.expect_download() as download_info:
        button.locator("button, a").first.click()
    path = tmp_path / "report.csv"
    download_info.value.save_as(path)
    report = pd.read_csv(path)
    assert list(report["option"]) == [r.option for r in expected.ranking]
    assert set(report["weights_source"]) == {"custom"}
    assert {"first_rank_acceptability", "robustness_label", "stability_cost_low"} <= set(
        report.columns
    )
    wait_for_app_idle(page)

    # A second person opening the address bar's link sees the same what-if recommendation.
    other = new_page(new_context())
    open_app(other, page.url)
    expect_adopt(other, expected.top.option)
    expect(slider_thumb(other, "Data privacy")).to_have_attribute("aria-valuetext", "100")
    assert_healthy(other)

    # Reset: back to the weights from the answers.
    page.get_by_role("button", name="Reset to the weights from your answers").click()
    wait_for_app_idle(page)
    expect_adopt(page, base.top.option)
    expect(thumb).to_have_attribute("aria-valuetext", start)
    assert "weights" not in query(page)
    assert_healthy(page)


def test_robustness_stability_and_head_to_head_are_drawn(page, app_url, request):
    rec = recommend(KB, TOSS_UP)
    trust = analyse_trust(KB, rec)
    assert trust.label == "toss-up"
    very_sure = analyse_trust(KB, rec, concentration=CERTAINTY_LEVELS["Very sure"])
    assert very_sure.label != trust.label, "the scenario must change label when surer"

    open_app(page, link(app_url, TOSS_UP))
    expect_adopt(page, rec.top.option)
    verdict = page.get_by_test_id("stAlert").filter(has_text=re.compile(r"Toss-up\.\s"))
    expect(verdict).to_be_visible()
    expect(verdict).to_contain_text(f"{rec.top.label} comes out on top in only")

    # Rank acceptability: one bar per option and rank.
    acceptability = plotly_chart_with_trace(page, "1st")
    acceptability.scroll_into_view_if_needed()
    assert_bars_drawn(page, acceptability, min_bars=len(KB.options))

    # Stability: the sentences and the chart (one green range per criterion, weights marked).
    for sentence in trust.sentences:
        expect(page.get_by_text(sentence, exact=True)).to_be_visible()
    stability = plotly_chart_with_trace(page, HOLDS_NAME)
    stability.scroll_into_view_if_needed()
    names = assert_bars_drawn(page, stability, min_bars=len(KB.criteria))
    assert HOLDS_NAME in names
    markers = stability.locator(".scatterlayer .trace .point")
    assert markers.count() == len(KB.criteria), f"{WEIGHT_NAME} markers missing"

    # Head-to-head: pick the rival, see the criteria where each gains.
    rival = KB.option("image_generation").label
    box = page.get_by_test_id("stSelectbox").filter(has_text="Compared with")
    box.scroll_into_view_if_needed()
    box.locator("input").first.click()
    page.get_by_role("option", name=rival, exact=True).click()
    wait_for_app_idle(page)
    expect(page.get_by_text(f"Why {rec.top.label} rather than {rival}?")).to_be_visible()
    duel = plotly_chart_with_trace(page, f"{rec.top.label} gains")
    duel.scroll_into_view_if_needed()
    assert_bars_drawn(page, duel, min_bars=3)
    screenshot(page, request, "trust")

    # Being surer of the weights narrows the plausible weightings, and the label follows.
    certainty = slider_thumb(page, "How sure are you of your weights?")
    certainty.focus()
    page.keyboard.press("End")
    wait_for_app_idle(page)
    title = {"robust": "Robust", "leaning": "Leaning", "toss-up": "Toss-up"}[very_sure.label]
    expect(
        page.get_by_test_id("stAlert").filter(has_text=re.compile(rf"{title}\.\s"))
    ).to_be_visible()
    assert "concentration 200" in main_text(page)
    assert_healthy(page)


def test_a_bad_weights_link_warns_and_uses_the_answers_weights(page, app_url, request):
    url = link(app_url) + "&weights=" + "modality%3D500"
    open_app(page, url)
    warning = page.get_by_test_id("stAlert").filter(has_text="What-if weights")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("weights from the answers apply")
    expect_adopt(page, recommend(KB, DEFAULTS).top.option)
    assert "weights" not in query(page)
    assert_healthy(page)
