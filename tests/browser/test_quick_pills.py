"""Quick pill clicks on the questionnaire all take.

Each click on a pill reruns the page, and a rerun that pushed the saved answers back into the
widgets would undo the clicks sent while it ran (the browser holds four selected, the next run
says one). The pills are seeded from the saved answers only when they have no state yet, so here
four clicks as fast as Playwright sends them must leave four pills selected, in the widgets and in
the link (the app's saved answers); then four more clicks clear them again. Several rounds, since
a lost click depends on how the reruns happen to overlap.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page

from scoring.answers import default_answers
from scoring.knowledge import default_knowledge_base
from ui.questionnaire.form import question_label

from .conftest import assert_healthy, choice_button, open_app, screenshot, wait_for_app_idle

pytestmark = pytest.mark.browser

KB = default_knowledge_base()
FIELD = "tasks"
QUESTION = KB.question(FIELD)
DEFAULT = set(getattr(default_answers(KB), FIELD))
PICKED = [c for c in QUESTION.choices if c.id not in DEFAULT][:4]
ROUNDS = 3
SETTLE_S = 20.0


def differences(page: Page, wanted: set[str]) -> list[str]:
    """Where the pills or the link differ from ``wanted`` (the picked choices selected)."""
    found = []
    for choice in PICKED:
        selected = (
            choice_button(page, question_label(QUESTION), choice.label).get_attribute(
                "data-selected"
            )
            == "true"
        )
        if selected != (choice.id in wanted):
            found.append(f"pill {choice.id} {'selected' if selected else 'not selected'}")
    query = parse_qs(urlsplit(page.url).query, keep_blank_values=True)
    linked = set(filter(None, query.get(FIELD, [""])[0].split(";")))
    if linked != DEFAULT | wanted:
        found.append(f"the link carries {sorted(linked)}")
    return found


def click_all(page: Page) -> None:
    """The four pills, one click each, without waiting in between."""
    for choice in PICKED:
        choice_button(page, question_label(QUESTION), choice.label).click()


def test_four_quick_pill_clicks_all_take(
    page: Page, app_url: str, request: pytest.FixtureRequest
) -> None:
    assert len(PICKED) == 4, "the question needs four choices that are not preselected"
    open_app(page, app_url)
    everything = {c.id for c in PICKED}
    for round_number in range(1, ROUNDS + 1):
        for wanted in (everything, set()):
            click_all(page)
            deadline = time.monotonic() + SETTLE_S
            while (lost := differences(page, wanted)) and time.monotonic() < deadline:
                page.wait_for_timeout(250)
            wait_for_app_idle(page, settle_ms=400)
            lost = lost or differences(page, wanted)
            if lost:
                screenshot(page, request, f"round-{round_number}")
            state = "selected" if wanted else "cleared"
            assert not lost, f"round {round_number}: four quick clicks, not all {state}: {lost}"
    assert_healthy(page)
