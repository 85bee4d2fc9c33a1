"""The server in front of the dashboard (``serve.py``): what happens before a page's script runs.

Streamlit alone cannot do these, because they happen before any session exists:

- **Odd addresses.** ``/questionnaire`` (the first page's name; Streamlit serves it at ``/`` and
  showed "Page not found" over it), ``/recommendation/x`` (a blank page: the browser looks for the
  app's code under ``/recommendation/``) and any other unknown path are redirected to the page
  they name, or to the questionnaire, with the link's query kept and a ``notice`` saying what was
  done, which the page shows.
- **Links over Streamlit's caps.** Streamlit ignores a query string of more than 524,288
  characters or 1,000 parameters without a word; such a request is redirected to its page with
  a ``notice`` instead. (Anything much over 100 KB is already refused by the HTTP server with
  "400 Bad Request"; the longest valid link is about 30 KB.)
- **Private metrics.** ``/_stcore/metrics`` answers only a client on this machine that did not
  come through a proxy (no ``Forwarded``/``X-Forwarded-For`` header); everyone else gets 404.
- **A broken knowledge base at start-up.** :func:`lifespan` loads ``data/`` before the server
  takes requests. When it is broken, the problem is printed once on stderr, every page is one
  error page naming the file (HTTP 503) and ``/_stcore/health`` answers 503 with the same line,
  so neither a person nor a load balancer takes the server for healthy.

Pure ASGI and standard library (plus the knowledge-base loader): no Streamlit script runs here.
"""

from __future__ import annotations

import html
import ipaddress
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import quote

from scoring.knowledge import KnowledgeBaseError, load_knowledge_base

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

PAGES = ("recommendation", "knowledge-base")
"""The ``url_path`` of app.py's pages other than the questionnaire (which is served at ``/``)."""
QUESTIONNAIRE_NAME = "questionnaire"
RESERVED_SEGMENTS = frozenset({"_stcore", "static", "media", "component"})
STATIC_FILES = ("favicon.png", "manifest.json", "index.html")
METRICS_PATH = "/_stcore/metrics"
HEALTH_PATH = "/_stcore/health"
NOTICE_PARAM = "notice"
"""Query parameter carrying what the server did with an odd address (read by ``ui.state``)."""
MOVED = "moved:"
DROPPED = "dropped:"
NOTICE_PATH_CHARS = 200

try:  # Streamlit's own caps, so the check matches what it would silently ignore
    from streamlit.runtime.state.query_params import (
        CLIENT_STATE_QUERY_STRING_MAX_FIELDS as MAX_QUERY_FIELDS,
    )
    from streamlit.runtime.state.query_params import (
        CLIENT_STATE_QUERY_STRING_MAX_LENGTH as MAX_QUERY_CHARS,
    )
except ImportError:  # pragma: no cover - an older or newer Streamlit: its documented values
    MAX_QUERY_CHARS = 512 * 1024
    MAX_QUERY_FIELDS = 1000

_state: dict[str, str | None] = {"kb_problem": None}


def knowledge_base_problem() -> str | None:
    """The knowledge-base problem found at start-up (one line), or None."""
    return _state["kb_problem"]


def set_knowledge_base_problem(problem: str | None) -> None:
    _state["kb_problem"] = problem


def check_knowledge_base() -> str | None:
    """Load ``data/`` as the pages will; the problem as one line, or None when it loads."""
    try:
        load_knowledge_base()
    except KnowledgeBaseError as problem:
        return " ".join(str(problem).split())
    return None


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """Start-up: check the knowledge base once, before the first request, and say so."""
    problem = check_knowledge_base()
    set_knowledge_base_problem(problem)
    if problem is not None:
        print(
            f"error: knowledge base: {problem} (every page shows this error until the data is "
            "fixed and the server restarted)",
            file=sys.stderr,
            flush=True,
        )
    yield


# --- decisions (pure) ---------------------------------------------------------------------------


def is_local(client: tuple[str, int] | None, headers: dict[str, str]) -> bool:
    """A client on this machine that did not come through a proxy."""
    if "forwarded" in headers or "x-forwarded-for" in headers or client is None:
        return False
    try:
        return ipaddress.ip_address(client[0]).is_loopback
    except ValueError:
        return False


def is_page_path(path: str) -> bool:
    """A path the browser opens as a page, not an API, asset or media route. The browser asks for
    those relative to the page too (``/recommendation/_stcore/health`` while it looks for the
    server), so a reserved segment anywhere in the path, or a static file name at its end, makes
    it Streamlit's to answer."""
    segments = path.split("/")
    return not (RESERVED_SEGMENTS & set(segments[:-1])) and segments[-1] not in STATIC_FILES


def page_for(path: str) -> str:
    """The page an address names: ``/``, ``/recommendation`` or ``/knowledge-base``."""
    segments = [s for s in path.split("/") if s]
    if segments and segments[0] in PAGES:
        return f"/{segments[0]}"
    return "/"


def is_known_page(path: str) -> bool:
    """A page Streamlit serves as it is (a trailing slash it redirects itself)."""
    segments = [s for s in path.split("/") if s]
    return not segments or (len(segments) == 1 and segments[0] in PAGES)


def with_notice(page: str, query: str, notice: str) -> str:
    """``page?query&notice=...`` (the notice quoted, the query kept as it came)."""
    extra = f"{NOTICE_PARAM}={quote(notice, safe=':/')}"
    return f"{page}?{query}&{extra}" if query else f"{page}?{extra}"


def over_caps(query: str) -> str | None:
    """A notice when Streamlit would silently ignore this query string, else None."""
    if len(query) > MAX_QUERY_CHARS:
        return f"{DROPPED}characters:{len(query)}"
    fields = query.count("&") + 1 if query else 0
    if fields > MAX_QUERY_FIELDS:
        return f"{DROPPED}parameters:{fields}"
    return None


def redirect_for(path: str, query: str) -> str | None:
    """Where an odd page address goes (with its notice), or None for a page served as it is."""
    dropped = over_caps(query)
    if dropped is not None:
        return with_notice(page_for(path), "", dropped)
    if is_known_page(path):
        return None
    moved = MOVED + path[:NOTICE_PATH_CHARS]
    return with_notice(page_for(path), query, moved)


def error_page(problem: str) -> bytes:
    """The one page shown while the knowledge base is broken (self-contained, nothing fetched)."""
    text = html.escape(problem)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>GenAI Decision Advisor: knowledge base error</title>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'></head>"
        "<body style='font-family: sans-serif; max-width: 46rem; margin: 3rem auto; "
        "line-height: 1.5'>"
        "<h1>The advisor cannot start: its knowledge base is broken</h1>"
        f"<p><strong>{text}</strong></p>"
        "<p>No recommendation can be made until the file named above in <code>data/</code> is "
        "fixed. Whoever maintains the knowledge base can fix it; then restart the server "
        "(<code>scripts/run-app.sh</code>).</p></body></html>"
    ).encode()


# --- the middleware ---------------------------------------------------------------------------------


async def _respond(
    send: Send, status: int, body: bytes, content_type: str, extra: list | None = None
) -> None:
    headers = [
        (b"content-type", content_type.encode()),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-cache"),
        *(extra or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware applying the rules of this module in front of Streamlit."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "/")
        query = scope.get("query_string", b"").decode("latin-1")
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if path == METRICS_PATH and not is_local(scope.get("client"), headers):
            await _respond(send, 404, b"not found", "text/plain; charset=utf-8")
            return
        problem = knowledge_base_problem()
        if problem is not None and path == HEALTH_PATH:
            line = f"knowledge base: {problem}".encode()
            await _respond(send, 503, line, "text/plain; charset=utf-8")
            return
        if is_page_path(path) and scope.get("method") in ("GET", "HEAD"):
            if problem is not None:
                await _respond(send, 503, error_page(problem), "text/html; charset=utf-8")
                return
            target = redirect_for(path, query)
            if target is not None:
                location = [(b"location", target.encode("latin-1", "replace"))]
                await _respond(send, 307, b"", "text/plain; charset=utf-8", location)
                return
        await self.app(scope, receive, send)
