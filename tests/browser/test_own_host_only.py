"""No page loads anything from a host other than the app's own (SPEC: privacy, nothing downloaded).

Every request and WebSocket of a full walk, questionnaire -> recommendation (both methods, the
CSV download) -> knowledge base, is recorded; any other host fails the test. The page icon used to
come from a font host on every page load.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from scoring.knowledge import default_knowledge_base

from .conftest import (
    assert_healthy,
    new_page,
    open_app,
    open_tab,
    set_choice,
    wait_for_app_idle,
)

pytestmark = pytest.mark.browser

KB = default_knowledge_base()
LOCAL_SCHEMES = ("data", "blob", "about")


def test_a_full_walk_requests_nothing_from_another_host(
    new_context, app_url: str, tmp_path
) -> None:
    context = new_context()
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    page = new_page(context)
    page.on("websocket", lambda socket: seen.append(socket.url))

    open_app(page, app_url)
    for number in range(2, len(KB.steps) + 1):
        page.get_by_role("button", name="Next").click()
        expect(page.get_by_text(re.compile(rf"^Step {number} of "))).to_be_visible()
        wait_for_app_idle(page)
    page.get_by_role("button", name="See recommendation").click()
    page.wait_for_url(re.compile(r"/recommendation(\?|$)"))
    wait_for_app_idle(page)
    expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible()
    page.get_by_test_id("stExpander").filter(has_text="Advanced: method").locator("summary").click()
    set_choice(page, "Method", "TOPSIS")
    open_tab(page, "Export")
    button = page.get_by_test_id("stDownloadButton").filter(has_text="Download CSV report")
    with page.expect_download() as download:
        button.locator("button, a").first.click()
    download.value.save_as(tmp_path / "report.csv")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Knowledge base").click()
    wait_for_app_idle(page)
    expect(page.get_by_test_id("stMain")).to_contain_text(KB.criteria[0].name)
    assert_healthy(page)

    own = urlsplit(app_url).netloc
    elsewhere = sorted(
        {
            url
            for url in seen
            if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != own
        }
    )
    assert len(seen) > 20, f"the walk recorded too few requests to mean anything: {seen}"
    assert not elsewhere, f"requests to other hosts: {elsewhere}"
    assert any("/media/" in url for url in seen), "the icon and the download come from /media"
