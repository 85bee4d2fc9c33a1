"""The guard in front of the dashboard (ui/common/guard.py), as pure functions and as ASGI middleware."""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from scoring.knowledge import KnowledgeBaseError
from ui.common import guard
from ui.common.links import describe_notice

PAGE = Path(__file__).resolve().parent.parent / "pages" / "questionnaire.py"

REPO = Path(__file__).resolve().parent.parent


def run_async(make_coroutine) -> Any:
    """Run a coroutine to completion in a thread of its own: the browser tests' Playwright keeps
    an event loop running in this one when the whole suite runs."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


def test_the_guard_knows_the_pages_app_py_declares() -> None:
    paths = re.findall(r'url_path="([^"]+)"', (REPO / "app.py").read_text())
    assert set(paths) == {guard.QUESTIONNAIRE_NAME, *guard.PAGES}


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        ("/", "organization=Acme", None),
        ("/recommendation", "method=topsis", None),
        ("/knowledge-base", "", None),
        ("/recommendation/", "", None),  # Streamlit redirects the trailing slash itself
        ("/questionnaire", "organization=Acme", "/?organization=Acme&notice=moved:/questionnaire"),
        ("/recommendation/x", "a=1", "/recommendation?a=1&notice=moved:/recommendation/x"),
        ("/knowledge-base/a/b", "", "/knowledge-base?notice=moved:/knowledge-base/a/b"),
        ("/foo", "", "/?notice=moved:/foo"),
        ("/caf\u00e9 <b>", "", "/?notice=moved:/caf%C3%A9%20%3Cb%3E"),
    ],
)
def test_odd_addresses_go_to_the_page_they_name_with_a_notice(
    path: str, query: str, expected: str | None
) -> None:
    assert guard.redirect_for(path, query) == expected


def test_links_over_streamlits_caps_are_redirected_with_a_notice() -> None:
    many = "&".join(f"j{i}=1" for i in range(guard.MAX_QUERY_FIELDS + 1))
    assert guard.redirect_for("/recommendation", many) == (
        f"/recommendation?notice=dropped:parameters:{guard.MAX_QUERY_FIELDS + 1}"
    )
    long = "use_case=" + "x" * guard.MAX_QUERY_CHARS
    assert guard.redirect_for("/", long) == f"/?notice=dropped:characters:{len(long)}"
    at_the_cap = "&".join(f"j{i}=1" for i in range(guard.MAX_QUERY_FIELDS))
    assert guard.redirect_for("/", at_the_cap) is None


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("/", True),
        ("/foo", True),
        ("/recommendation/x", True),
        ("/_stcore/health", False),
        ("/recommendation/_stcore/host-config", False),  # the browser looking for the server
        ("/static/js/index.js", False),
        ("/media/abc.png", False),
        ("/favicon.png", False),
        ("/recommendation/favicon.png", False),
    ],
)
def test_only_page_addresses_are_the_guards(path: str, page: bool) -> None:
    assert guard.is_page_path(path) is page


@pytest.mark.parametrize(
    ("notice", "needle"),
    [
        ("moved:/recommendation/x", "you are on the recommendation instead"),
        ("moved:/foo", "you are on the questionnaire instead"),
        ("moved:/questionnaire", "first page, at /"),
        ("dropped:parameters:1203", "1,203 parameters, more than the 1,000"),
        ("dropped:characters:600000", "600,000 characters"),
    ],
)
def test_every_notice_is_a_sentence(notice: str, needle: str) -> None:
    assert needle in (describe_notice(notice) or "")


@pytest.mark.parametrize("notice", ["", "junk", "moved:", "moved:x", "dropped:bytes:1"])
def test_a_forged_notice_says_nothing(notice: str) -> None:
    assert describe_notice(notice) is None


# --- the middleware -------------------------------------------------------------------------------


def call(
    path: str,
    *,
    client: tuple[str, int] | None = ("127.0.0.1", 5000),
    headers: dict[str, str] | None = None,
    kind: str = "http",
    query: str = "",
) -> tuple[list[dict[str, Any]], bool]:
    """Run one request through the guard; the messages it sent, and whether Streamlit got it."""
    reached = []

    async def app(scope, receive, send) -> None:
        reached.append(scope["path"])

    sent: list[dict[str, Any]] = []

    async def send(message) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    scope = {
        "type": kind,
        "method": "GET",
        "path": path,
        "query_string": query.encode(),
        "client": client,
        "headers": [(k.encode(), v.encode()) for k, v in (headers or {}).items()],
    }
    run_async(lambda: guard.Guard(app)(scope, receive, send))
    return sent, bool(reached)


def status(sent: list[dict[str, Any]]) -> int:
    return sent[0]["status"]


def body(sent: list[dict[str, Any]]) -> str:
    return b"".join(m.get("body", b"") for m in sent).decode()


@pytest.fixture
def broken_kb():
    guard.set_knowledge_base_problem("data/criteria.yaml: not UTF-8 text <script>x</script>")
    yield
    guard.set_knowledge_base_problem(None)


def test_metrics_answer_only_this_machine_not_through_a_proxy() -> None:
    assert call(guard.METRICS_PATH)[1], "a local client reaches Streamlit's metrics"
    assert call(guard.METRICS_PATH, client=("::1", 5000))[1]
    for kwargs in (
        {"client": ("10.0.0.5", 5000)},
        {"client": None},
        {"headers": {"x-forwarded-for": "203.0.113.9"}},
        {"headers": {"forwarded": "for=203.0.113.9"}},
    ):
        sent, reached = call(guard.METRICS_PATH, **kwargs)
        assert not reached and status(sent) == 404, kwargs


def test_a_page_address_is_redirected_and_everything_else_passes() -> None:
    sent, reached = call("/recommendation/x", query="organization=Acme")
    assert not reached and status(sent) == 307
    location = dict(sent[0]["headers"])[b"location"].decode()
    assert location == "/recommendation?organization=Acme&notice=moved:/recommendation/x"
    for path in ("/", "/recommendation", "/_stcore/health", "/static/js/a.js"):
        assert call(path)[1], path
    assert call("/_stcore/stream", kind="websocket")[1]


def test_a_broken_knowledge_base_is_one_error_page_and_an_unhealthy_server(broken_kb) -> None:
    sent, reached = call("/recommendation")
    assert not reached and status(sent) == 503
    page = body(sent)
    assert "data/criteria.yaml: not UTF-8 text" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http" not in page.replace("http-equiv", ""), "the error page loads nothing"
    sent, reached = call("/_stcore/health")
    assert not reached and status(sent) == 503
    assert body(sent).startswith("knowledge base: data/criteria.yaml")
    assert call("/static/js/a.js")[1], "assets still pass"


def test_the_start_up_check_prints_one_line_and_remembers_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken() -> None:
        raise KnowledgeBaseError("data/model.yaml: not valid YAML at line 3,\n column 1: oops")

    monkeypatch.setattr(guard, "load_knowledge_base", broken)

    async def start() -> None:
        async with guard.lifespan(None):
            assert guard.knowledge_base_problem() == (
                "data/model.yaml: not valid YAML at line 3, column 1: oops"
            )

    try:
        run_async(start)
    finally:
        guard.set_knowledge_base_problem(None)
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: knowledge base: data/model.yaml")


def test_a_sound_knowledge_base_starts_quietly(capsys: pytest.CaptureFixture[str]) -> None:
    async def start() -> None:
        async with guard.lifespan(None):
            assert guard.knowledge_base_problem() is None

    run_async(start)
    assert capsys.readouterr().err == ""


# --- the page says what the server did ------------------------------------------------------------


def unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.mark.parametrize(
    ("notice", "needle"),
    [
        ("moved:/questionnaire", "first page"),
        ("moved:/recommendation/x", "not a page of the advisor"),
        ("dropped:parameters:1001", "1,001 parameters"),
    ],
)
def test_the_servers_notice_is_shown_and_not_taken_for_a_link_field(
    notice: str, needle: str
) -> None:
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.query_params = {"notice": notice, "organization": "Acme"}
    at.run()
    assert not at.exception
    assert any(needle in unescape(i.value) for i in at.info), [i.value for i in at.info]
    assert not at.warning, "the notice is not an unknown link parameter"
    assert at.session_state["answers"]["organization"] == "Acme"
    assert "notice" not in at.query_params, "the page's own link drops the notice"
