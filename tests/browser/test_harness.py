"""Self-test of the browser harness against its paired app, apps/harness_app.py.

The helpers must see a click rerun the app, read what the product tests read (a chart's data in
the browser, sideways overflow), and fail on what the product tests rely on them to catch: an
exception on the page and a radar chart that renders empty.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import (
    APPS_DIR,
    assert_healthy,
    assert_no_exception,
    assert_radar_drawn,
    choice_button,
    horizontal_overflow,
    is_polar_chart,
    open_app,
    plotly_figure,
    plotly_figures,
    screenshot,
    set_choice,
    wait_for_app_idle,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def harness_url(streamlit_server) -> str:
    return streamlit_server(APPS_DIR / "harness_app.py").url


def test_clicks_rerun_the_app_and_the_radar_is_drawn(page, harness_url, request):
    open_app(page, harness_url)
    expect(page.get_by_text("You chose Red")).to_be_visible()
    assert_radar_drawn(page)

    set_choice(page, "Colour", "Blue")
    expect(page.get_by_text("You chose Blue")).to_be_visible()
    assert choice_button(page, "Colour", "Red").get_attribute("data-selected") != "true"

    set_choice(page, "Shapes", "Square")
    set_choice(page, "Shapes", "Circle", selected=False)
    expect(page.get_by_text("Shapes: Square")).to_be_visible()

    screenshot(page, request, "harness")
    assert_healthy(page)


def test_an_empty_chart_fails_the_radar_assertion(page, harness_url):
    open_app(page, f"{harness_url}/?empty_chart=1")
    charts = page.get_by_test_id("stPlotlyChart")
    expect(charts).to_have_count(3)
    assert len(assert_radar_drawn(page, charts.nth(0))) == 1
    assert is_polar_chart(charts.nth(0))
    assert not is_polar_chart(charts.nth(1))
    assert is_polar_chart(charts.nth(2))
    for empty in (charts.nth(1), charts.nth(2)):
        with pytest.raises(AssertionError, match="radar chart not drawn"):
            assert_radar_drawn(page, empty, timeout=2_000)


def test_an_exception_on_the_page_is_caught(page, harness_url):
    open_app(page, harness_url)
    assert_no_exception(page)
    page.get_by_role("button", name="Raise").click()
    expect(page.get_by_test_id("stException")).to_be_visible()
    wait_for_app_idle(page)
    with pytest.raises(AssertionError, match="deliberate failure for the harness self-test"):
        assert_no_exception(page)


def test_chart_data_is_read_from_the_browser(page, harness_url):
    open_app(page, f"{harness_url}/?empty_chart=1")
    figures = plotly_figures(page)
    assert len(figures) == 3
    drawn = figures[0]["traces"]
    assert [(t["type"], t["r"]) for t in drawn] == [("scatterpolar", [1, 3, 2, 4, 1])]
    assert figures[1]["traces"] == []
    assert figures[2]["traces"][0]["r"] == []
    with pytest.raises(Exception, match="Timeout"):
        plotly_figure(page, "No such title", timeout=1_000)


def test_sideways_overflow_is_measured(page, harness_url):
    open_app(page, harness_url)
    assert horizontal_overflow(page) == {}
    page.evaluate(
        """() => {
            const wide = document.createElement('div');
            wide.style.width = '3000px';
            wide.style.height = '10px';
            document.querySelector('[data-testid="stMainBlockContainer"]').appendChild(wide);
        }"""
    )
    overflow = horizontal_overflow(page)
    assert overflow and max(overflow.values()) > 1000, overflow
