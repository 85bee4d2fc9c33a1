"""The weight and trust sections in a real browser, against ``streamlit run apps/trust_app.py``:
moving a what-if slider redraws the radar with the new top solution, and the robustness section
draws its rank-acceptability chart with data.

Expected results come from the engine (``recommend``, ``analyse_trust``) for the same answers and
weights, so the tests follow the knowledge base.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from support import TOSS_UP_FIELDS

from scoring.answers import parse_answers
from scoring.engine import recommend
from scoring.knowledge import default_knowledge_base
from scoring.trust import analyse_trust
from ui.trust.charts import ACCEPTABILITY_TITLE
from ui.trust.text import LABEL_TITLES
from ui.weights.whatif import importance_from_weights, weights_from_importance

from .conftest import (
    assert_bars_drawn,
    assert_healthy,
    assert_radar_drawn,
    is_polar_chart,
    open_app,
    plotly_chart_with_trace,
    screenshot,
    slider_thumb,
    wait_for_app_idle,
)

pytestmark = pytest.mark.browser

APP = Path(__file__).resolve().parent / "apps" / "trust_app.py"
KB = default_knowledge_base()
CLOSE = parse_answers(KB, TOSS_UP_FIELDS)


@pytest.fixture(scope="module")
def trust_url(streamlit_server) -> str:
    return streamlit_server(APP).url


def top_heading(page: Page):
    return page.get_by_test_id("stHeading").filter(has_text=re.compile(r"^\s*Top: "))


def radar(page: Page):
    charts = page.get_by_test_id("stPlotlyChart")
    expect(charts.first).to_be_visible()
    return next(chart for chart in charts.all() if is_polar_chart(chart))


def test_moving_a_weight_slider_redraws_the_radar(page, trust_url, request):
    base = recommend(KB, CLOSE)
    positions = importance_from_weights(base.weights)
    criterion, expected = next(
        (c, moved)
        for c in KB.criterion_ids
        if (
            moved := recommend(KB, CLOSE, weights=weights_from_importance({**positions, c: 100}))
        ).top.option
        != base.top.option
    )

    open_app(page, trust_url)
    expect(top_heading(page)).to_have_text(re.compile(rf"Top: {re.escape(base.top.label)}\s*$"))
    names = assert_radar_drawn(page, radar(page), min_traces=2)
    assert not any("what-if" in name for name in names)

    thumb = slider_thumb(page, KB.criterion(criterion).name)
    expect(thumb).to_have_attribute("aria-valuetext", str(positions[criterion]))
    thumb.focus()
    page.keyboard.press("End")  # to 100
    expect(thumb).to_have_attribute("aria-valuetext", "100")
    wait_for_app_idle(page)

    expect(top_heading(page)).to_have_text(re.compile(rf"Top: {re.escape(expected.top.label)}\s*$"))
    names = assert_radar_drawn(page, radar(page), min_traces=2)
    assert any(name.startswith("Your what-if weights") for name in names)
    assert any(expected.top.label in name.replace("<br>", " ") for name in names)
    screenshot(page, request, "what-if")
    assert_healthy(page)


def test_the_robustness_section_draws_its_chart(page, trust_url, request):
    rec = recommend(KB, CLOSE)
    trust = analyse_trust(rec)
    open_app(page, trust_url)
    verdict = page.get_by_test_id("stAlert").filter(
        has_text=re.compile(rf"{re.escape(LABEL_TITLES[trust.label])}\.\s")
    )
    expect(verdict).to_be_visible()
    expect(verdict).to_contain_text(f"{rec.top.label} comes out on top in")

    chart = plotly_chart_with_trace(page, "1st")
    chart.scroll_into_view_if_needed()
    expect(chart.locator(".gtitle")).to_have_text(ACCEPTABILITY_TITLE)
    assert_bars_drawn(page, chart, min_bars=2)
    screenshot(page, request, "robustness")
    assert_healthy(page)
