"""The Export tab's one-page brief, downloaded as a person would: both buttons give a file (HTML
and PDF) named after the organisation, the HTML loads nothing from elsewhere and says the page's
decision, and the PDF renders to one A4 page with ink on it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

import pytest
from brief_checks import external_references, ink, pdf_pages, pdf_text
from playwright.sync_api import Page, expect

from brief.content import decision_sentence
from brief.export import brief_filename
from scoring.answers import parse_answers
from scoring.engine import recommend
from scoring.knowledge import default_knowledge_base
from ui.common.links import encode_query
from ui.recommendation.brief_view import BRIEF_LABELS

from .conftest import assert_healthy, open_app, open_tab, screenshot, wait_for_app_idle

pytestmark = pytest.mark.browser

KB = default_knowledge_base()
ANSWERS = parse_answers(
    KB,
    {
        "organization": "Ærø Café & Co",
        "output_modalities": ["text", "image"],
        "tasks": ["chat_with_customers", "generate_creative_content"],
    },
)


def download(page: Page, label: str, folder: Path) -> tuple[str, bytes]:
    """Click the download button with ``label``; the file's suggested name and its bytes."""
    button = page.get_by_test_id("stDownloadButton").filter(has_text=label)
    expect(button).to_be_visible()
    with page.expect_download() as info:
        button.get_by_role("button").click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return info.value.suggested_filename, path.read_bytes()


def test_the_brief_downloads_as_html_and_pdf(page, app_url, request, tmp_path):
    rec = recommend(KB, ANSWERS)
    query = urlencode(encode_query(ANSWERS.to_dict(), "wsm", None))
    open_app(page, f"{app_url}/recommendation?{query}")
    open_tab(page, "Export")
    screenshot(page, request, "export-tab")

    name, data = download(page, BRIEF_LABELS["html"], tmp_path)
    assert name == brief_filename(ANSWERS.organization, datetime.now().astimezone(), "html")
    assert name.startswith("genai-brief_r-cafe-co_"), "the CSV report's safe name, as brief"
    html = data.decode("utf-8")
    assert external_references(html) == []
    assert "<svg" in html
    assert decision_sentence(rec).replace("&", "&amp;") in html
    assert "Ærø Café &amp; Co" in html

    name, data = download(page, BRIEF_LABELS["pdf"], tmp_path)
    assert name.endswith(".pdf") and data.startswith(b"%PDF-")
    pages = pdf_pages(data, tmp_path)
    assert len(pages) == 1 and ink(pages[0]) > 0.03
    text = pdf_text(data, tmp_path)
    assert "AI decision brief: Ærø Café & Co" in text and rec.top.label in text

    brief_page = page.context.new_page()  # the downloaded page opens on its own, offline
    requests: list[str] = []
    brief_page.on("request", lambda r: requests.append(r.url))
    brief_page.goto(_saved(tmp_path, ".html"))
    expect(brief_page.get_by_role("heading", level=1)).to_contain_text("Ærø Café & Co")
    assert [u for u in requests if not u.startswith("file:")] == []
    screenshot(brief_page, request, "brief-html")
    wait_for_app_idle(page)
    assert_healthy(page)


def _saved(folder: Path, suffix: str) -> str:
    (path,) = folder.glob(f"genai-brief_*{suffix}")
    return path.as_uri()
