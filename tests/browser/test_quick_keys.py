"""Quick key presses on the recommendation page are never lost, and the focus stays put.

A what-if slider used to be re-seeded from the saved weights on every rerun: each seed is pushed to
the browser and undoes the presses sent meanwhile (ten ArrowRight presses moved a slider by 3, 1
and 1 in three runs), and the page's blocks shifted under the slider when the what-if note
appeared, so the browser drew a new slider and the focus fell to the page. Here, against the real
app, ten presses as fast as Playwright sends them must move the slider by ten, with the focus on
the slider throughout and the link carrying the new weight.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Page, expect

from scoring.answers import parse_answers
from scoring.engine import recommend
from scoring.knowledge import default_knowledge_base
from ui.common.links import WEIGHTS_PARAM, encode_query
from ui.weights.whatif import importance_from_weights

from .conftest import assert_healthy, open_app, screenshot, slider_thumb, wait_for_app_idle

pytestmark = pytest.mark.browser

KB = default_knowledge_base()
BUSINESS = parse_answers(
    KB, {"output_modalities": ["text", "image"], "tasks": ["generate_creative_content"]}
)
PRESSES = 10


def focused_is(page: Page, thumb) -> bool:
    return thumb.evaluate("element => document.activeElement === element")


def test_ten_quick_arrow_presses_move_a_what_if_slider_by_ten(page, app_url, request):
    positions = importance_from_weights(recommend(KB, BUSINESS).weights)
    criterion = min(positions, key=lambda c: positions[c])  # room for ten steps up
    start = positions[criterion]
    query = urlencode(encode_query(BUSINESS.to_dict(), "wsm", None))
    open_app(page, f"{app_url}/recommendation?{query}&tab=weights")

    thumb = slider_thumb(page, KB.criterion(criterion).name)
    thumb.scroll_into_view_if_needed()
    expect(thumb).to_have_attribute("aria-valuetext", str(start))
    thumb.focus()
    for _ in range(PRESSES):
        page.keyboard.press("ArrowRight")
    wait_for_app_idle(page, settle_ms=600)

    thumb = slider_thumb(page, KB.criterion(criterion).name)
    expect(thumb).to_have_attribute("aria-valuetext", str(start + PRESSES))
    assert focused_is(page, thumb), "the focus left the slider"
    page.keyboard.press("ArrowRight")  # the focus still moves it
    wait_for_app_idle(page, settle_ms=600)
    expect(thumb).to_have_attribute("aria-valuetext", str(start + PRESSES + 1))

    carried = parse_qs(urlsplit(page.url).query).get(WEIGHTS_PARAM, [""])[0]
    assert f"{criterion}={start + PRESSES + 1}" in carried, carried
    screenshot(page, request, "slider")
    assert_healthy(page)
