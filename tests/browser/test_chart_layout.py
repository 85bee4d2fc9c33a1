"""On a phone (390 by 844 pixels) and on a wide screen (1400 by 900) every chart of the
recommendation page reads whole: no text of a chart on another (titles, tick labels, legend entries, rank labels, the names over small
multiples), no text past a chart's edges, no title over its plot, and no page wider than the
phone. Checked on a close call (short names) and on the marketing example, whose pipelines have the
longest names ("Multimodal LLM, enterprise cloud + image generation, enterprise cloud") and whose
solutions crowd together on the value-for-money chart.

The check reads where the browser drew each piece of text in each Plotly chart, so it fails on
what a person would see: a name cut at the left, two labels printed on each other.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page
from support import TOSS_UP_FIELDS

from scoring.answers import parse_answers
from scoring.knowledge import default_knowledge_base
from ui.common.links import encode_query
from ui.common.page_view import TABS

from .conftest import (
    assert_healthy,
    horizontal_overflow,
    new_page,
    open_app,
    open_tab,
    screenshot,
    screenshot_if_failed,
)

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "wide": {"width": 1400, "height": 900}}
KB = default_knowledge_base()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BUSINESSES = {
    "close_call": TOSS_UP_FIELDS,
    "marketing": json.loads((EXAMPLES / "marketing_campaigns.json").read_text(encoding="utf-8")),
}
CHART_TABS = [label for tab, label in TABS.items() if tab != "export"]

TEXT_PROBE = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
    const edges = plot.querySelector('.main-svg').getBoundingClientRect();
    const shown = (t) => {
        const style = getComputedStyle(t), box = t.getBoundingClientRect();
        return t.textContent.trim() && style.display !== 'none' && style.visibility !== 'hidden'
            && box.width > 0 && box.height > 0;
    };
    const texts = [...plot.querySelectorAll('svg text')].filter(shown)
        .map(t => ({text: t.textContent.trim().slice(0, 50), box: t.getBoundingClientRect()}));
    const problems = [];
    for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
            const a = texts[i].box, b = texts[j].box;
            const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (across > 2 && down > 2) {
                problems.push(`"${texts[i].text}" on "${texts[j].text}"`);
            }
        }
        const box = texts[i].box;
        if (box.left < edges.left - 1 || box.right > edges.right + 1) {
            problems.push(`"${texts[i].text}" runs past the chart's edge`);
        }
    }
    const title = plot.querySelector('.gtitle'), area = plot.querySelector('.nsewdrag');
    if (title && area
        && title.getBoundingClientRect().bottom > area.getBoundingClientRect().top + 1) {
        problems.push('the title lies over the plot');
    }
    return {title: title ? title.textContent : '(no title)', problems};
})"""


@pytest.fixture(params=list(VIEWPORTS))
def sized_page(browser: Browser, request: pytest.FixtureRequest):
    """A fresh page the size of a phone, then of a wide screen."""
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    page = new_page(context)
    yield page
    screenshot_if_failed(page, request)
    context.close()


def charts_read_whole(page: Page) -> list[str]:
    return [
        f"{chart['title']}: {problem}"
        for chart in page.evaluate(TEXT_PROBE)
        for problem in chart["problems"]
    ]


@pytest.mark.parametrize("business", list(BUSINESSES))
def test_every_chart_reads_whole_on_a_phone_and_a_wide_screen(
    sized_page: Page, app_url: str, business: str, request: pytest.FixtureRequest
) -> None:
    answers = parse_answers(KB, BUSINESSES[business])
    query = urlencode(encode_query(answers.to_dict(), "wsm", None))
    open_app(sized_page, f"{app_url}/recommendation?{query}")
    found = []
    for label in CHART_TABS:
        open_tab(sized_page, label)
        assert sized_page.get_by_test_id("stPlotlyChart").count(), f"no chart on {label}"
        found += [f"[{label}] {problem}" for problem in charts_read_whole(sized_page)]
        overflow = horizontal_overflow(sized_page)
        if overflow:
            found.append(f"[{label}] the page scrolls sideways: {overflow}")
        assert_healthy(sized_page)
        screenshot(sized_page, request, label.replace(" ", "_"))
    assert not found, "\n".join(found)
