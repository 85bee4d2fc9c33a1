"""A shared link shows the recipient what the sender saw: the same headline, how-sure label and
rank acceptabilities, on the same tab and at the same certainty of the weights.

The sender opens a close call on "How sure", says they are not sure of their weights (which
changes the label and the shares), and sends the address in the bar; a second browser opens it.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect
from support import TOSS_UP_FIELDS

from scoring.answers import parse_answers
from scoring.knowledge import default_knowledge_base
from ui.common.links import encode_query
from ui.trust.view import CERTAINTY_LABEL, ROBUSTNESS_HEADING

from .conftest import (
    assert_healthy,
    dataframe_after,
    dataframe_rows,
    new_page,
    open_app,
    open_tab,
    screenshot,
    slider_thumb,
    wait_for_app_idle,
)

pytestmark = pytest.mark.browser

KB = default_knowledge_base()
CLOSE = parse_answers(KB, TOSS_UP_FIELDS)


def what_is_shown(page: Page) -> dict[str, object]:
    """Headline, the how-sure verdict and the acceptability table, as a person reads them."""
    verdict = page.get_by_test_id("stAlert").filter(
        has_text=re.compile(r"(Robust|Leaning|Toss-up)\.\s")
    )
    expect(verdict.first).to_be_visible()
    return {
        "headline": page.get_by_test_id("stHeading").first.inner_text(),
        "verdict": verdict.first.inner_text(),
        "acceptability": dataframe_rows(dataframe_after(page, ROBUSTNESS_HEADING)),
    }


def test_the_recipient_sees_what_the_sender_saw(page, new_context, app_url, request):
    query = urlencode(encode_query(CLOSE.to_dict(), "wsm", None))
    open_app(page, f"{app_url}/recommendation?{query}")
    open_tab(page, "How sure")
    before = what_is_shown(page)
    thumb = slider_thumb(page, CERTAINTY_LABEL)
    thumb.focus()
    page.keyboard.press("Home")  # "Not sure": the samples stray further from the weights
    wait_for_app_idle(page)
    sent = what_is_shown(page)
    assert sent["acceptability"] != before["acceptability"], "the certainty changed nothing"
    assert "tab=sure" in page.url and "certainty=not_sure" in page.url, page.url

    recipient = new_page(new_context())
    open_app(recipient, page.url)
    expect(recipient.get_by_role("tab", name="How sure", exact=True)).to_have_attribute(
        "aria-selected", "true"
    )
    assert what_is_shown(recipient) == sent
    screenshot(recipient, request, "recipient")
    assert_healthy(page)
    assert_healthy(recipient)
