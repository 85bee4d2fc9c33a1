"""Odd links, over-long pastes, private metrics and a broken knowledge base, against the real server.

Every odd link lands on a page that says what it did: ``/questionnaire`` (Streamlit showed "Page
not found" over it), ``/recommendation/x`` (a blank page), a link over Streamlit's caps and an
empty ``output_modalities=`` (both fell back to the defaults without a word). A broken knowledge
base is found at start-up: one error page, ``/_stcore/health`` not ok, one line in the log.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from .conftest import REPO_ROOT, StreamlitServer, assert_healthy, new_page, open_app

pytestmark = pytest.mark.browser

EMOJI = "\N{GRINNING FACE}"


def http_get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def alerts(page: Page) -> str:
    return "\n".join(page.get_by_test_id("stAlert").all_inner_texts())


def no_page_not_found(page: Page) -> None:
    expect(page.get_by_text("Page not found")).to_have_count(0)


# --- odd links ------------------------------------------------------------------------------------


def test_slash_questionnaire_is_the_questionnaire_without_page_not_found(
    page: Page, app_url: str
) -> None:
    open_app(page, f"{app_url}/questionnaire?organization=Acme")
    expect(page.get_by_test_id("stAlert").filter(has_text="first page")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Step 1 of "))).to_be_visible()
    no_page_not_found(page)
    assert urlsplit(page.url).path == "/"
    assert parse_qs(urlsplit(page.url).query).get("organization") == ["Acme"]
    assert "notice" not in parse_qs(urlsplit(page.url).query)
    assert_healthy(page)


def test_a_path_under_a_page_lands_on_that_page_and_says_so(page: Page, app_url: str) -> None:
    open_app(page, f"{app_url}/recommendation/x?organization=Acme&output_modalities=image")
    expect(page.get_by_test_id("stAlert").filter(has_text="/recommendation/x")).to_be_visible()
    expect(page.get_by_test_id("stHeading").filter(has_text="Adopt: ")).to_have_count(1)
    assert urlsplit(page.url).path == "/recommendation"
    assert parse_qs(urlsplit(page.url).query).get("output_modalities") == ["image"]
    no_page_not_found(page)
    assert_healthy(page)


def test_an_unknown_page_lands_on_the_questionnaire_and_says_so(page: Page, app_url: str) -> None:
    open_app(page, f"{app_url}/pricing")
    expect(page.get_by_test_id("stAlert").filter(has_text="/pricing")).to_be_visible()
    no_page_not_found(page)
    assert_healthy(page)


def test_a_link_over_streamlits_parameter_cap_says_it_was_not_read(
    page: Page, app_url: str
) -> None:
    junk = "&".join(f"j{i}=1" for i in range(1001))
    open_app(page, f"{app_url}/recommendation?organization=Acme&{junk}")
    expect(page.get_by_test_id("stAlert").filter(has_text="1,002 parameters")).to_be_visible()
    expect(page.get_by_test_id("stHeading").filter(has_text="Adopt: ")).to_have_count(1)
    assert_healthy(page)


def test_an_empty_output_list_in_a_link_is_reported(page: Page, app_url: str) -> None:
    open_app(page, f"{app_url}/recommendation?output_modalities=&volume=low")
    expect(page.get_by_test_id("stAlert").filter(has_text="is empty")).to_be_visible()
    assert "output_modalities" in alerts(page)
    assert_healthy(page)


# --- typed input ----------------------------------------------------------------------------------


def organization_box(page: Page):
    return page.get_by_label("Organization name", exact=True)


def test_an_over_long_paste_keeps_what_fits_and_says_what_was_cut(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    pasted = "North " * 41 + "Clinic"  # 252 characters
    box = organization_box(page)
    box.fill(pasted)
    box.press("Tab")
    expect(page.get_by_test_id("stAlert").filter(has_text="were cut")).to_be_visible()
    expect(box).to_have_value(pasted[:200])
    expect(page.get_by_test_id("stAlert").filter(has_text="last 52 were cut")).to_be_visible()
    assert_healthy(page)


def test_150_emoji_can_be_typed_like_they_can_be_linked(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    box = organization_box(page)
    box.fill(EMOJI * 150)
    box.press("Tab")
    page.wait_for_url(re.compile("organization=" + "%F0%9F%98%80" * 150), timeout=20_000)
    expect(box).to_have_value(EMOJI * 150)
    expect(page.get_by_test_id("stAlert").filter(has_text="were cut")).to_have_count(0)
    assert_healthy(page)


# --- settings ---------------------------------------------------------------------------------------


def test_metrics_answer_this_machine_only(app_url: str) -> None:
    status, text = http_get(f"{app_url}/_stcore/metrics")
    assert status == 200 and "session" in text
    status, _ = http_get(f"{app_url}/_stcore/metrics", {"X-Forwarded-For": "203.0.113.9"})
    assert status == 404, "behind a proxy the metrics are private"


# --- a broken knowledge base at start-up ------------------------------------------------------------

APP_FILES = ("app.py", "serve.py", "pages", "ui", "scoring", "data", ".streamlit")


def broken_copy(tmp_path: Path) -> Path:
    """The app with a binary file in place of data/criteria.yaml."""
    root = tmp_path / "app"
    for name in APP_FILES:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            root.mkdir(exist_ok=True)
            shutil.copy(source, root / name)
    (root / "data" / "criteria.yaml").write_bytes(bytes(range(256)) * 4)
    return root


def test_a_broken_knowledge_base_is_reported_at_start_up(new_context, tmp_path: Path) -> None:
    root = broken_copy(tmp_path)
    server = StreamlitServer(root / "serve.py", cwd=root)
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            server.command(),
            cwd=root,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            deadline = time.monotonic() + 60
            status, text = 0, ""
            while time.monotonic() < deadline and status == 0:
                try:
                    status, text = http_get(f"{server.url}/_stcore/health")
                except OSError:
                    time.sleep(0.3)
            assert status == 503, (status, text, log.read_text())
            assert text.startswith("knowledge base: data/criteria.yaml: not UTF-8 text")
            page = new_page(new_context())
            page.goto(f"{server.url}/recommendation?organization=Acme")
            expect(page.get_by_role("heading", level=1)).to_contain_text("knowledge base")
            expect(page.locator("body")).to_contain_text("data/criteria.yaml: not UTF-8 text")
        finally:
            process.terminate()
            process.wait(timeout=15)
    errors = [line for line in log.read_text().splitlines() if "knowledge base" in line]
    assert len(errors) == 1 and errors[0].startswith("error: knowledge base: data/criteria.yaml")
    assert "Traceback" not in log.read_text()

    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "scoring",
            "recommend",
            str(REPO_ROOT / "examples" / "clinic_documentation.json"),
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert cli.returncode == 2, cli.stderr
    lines = cli.stderr.strip().splitlines()
    assert len(lines) == 1 and "data/criteria.yaml: not UTF-8 text" in lines[0], cli.stderr
