"""Real-browser test harness: `streamlit run` servers, Debian's Chromium, and page helpers.

In the spirit of Streamlit's own ``e2e_playwright``: each small test app in ``apps/`` is paired with a
test module, one server per app is started once per session, and every test gets a fresh browser
context and page. Chromium is Debian's (``/usr/bin/chromium``); Playwright's bundled browsers are
never used.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import time
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .server import CHROMIUM, CHROMIUM_ARGS, StreamlitServer

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:  # the tests import the engine (scoring) to compute expectations
    sys.path.insert(0, str(REPO_ROOT))
APPS_DIR = Path(__file__).resolve().parent / "apps"
SCREENSHOT_DIR = REPO_ROOT / "test-artifacts" / "screenshots"
DEFAULT_TIMEOUT_MS = 20_000
MAX_SCREENSHOT_HEIGHT = 8_000

try:  # the import is cheap; a missing package is reported by the browser fixture
    from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

    expect.set_options(timeout=DEFAULT_TIMEOUT_MS)
except ImportError:  # pragma: no cover - reported below
    sync_playwright = None  # type: ignore[assignment]


# --- marker -----------------------------------------------------------------------------------------


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/browser is a browser test, even if a module forgets its pytestmark."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


# --- streamlit servers ------------------------------------------------------------------------------


_SERVERS: dict[str, StreamlitServer] = {}  # by base URL, to attach server logs to failures


def server_log_for(url: str) -> str:
    for base, server in _SERVERS.items():
        if url.startswith(base):
            return server.output()[-3000:]
    return ""


@pytest.fixture(scope="session")
def streamlit_server() -> Iterator[Callable]:
    """Factory: ``streamlit_server(path)`` starts (once per session) and returns a server."""
    servers: dict[Path, StreamlitServer] = {}

    def start(script: Path) -> StreamlitServer:
        script = script.resolve()
        if script not in servers:
            if not script.exists():
                pytest.fail(f"{script.relative_to(REPO_ROOT)} does not exist")
            server = StreamlitServer(script)
            try:
                server.start()
            except RuntimeError as error:
                pytest.fail(str(error), pytrace=False)
            servers[script] = server
            _SERVERS[server.url] = server
        return servers[script]

    yield start
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="session")
def app_server(streamlit_server) -> StreamlitServer:
    """The product as ``scripts/run-app.sh`` runs it: ``streamlit run serve.py`` (app.py behind
    its guard, ``ui/common/guard.py``)."""
    return streamlit_server(REPO_ROOT / "serve.py")


@pytest.fixture(scope="session")
def app_url(app_server: StreamlitServer) -> str:
    return app_server.url


# --- browser ----------------------------------------------------------------------------------------


def _chromium_unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so browser tests may not be skipped)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session", autouse=True)
def _fresh_screenshot_dir() -> None:
    """Screenshots describe this run only: drop the PNGs of earlier runs."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOT_DIR.glob("*.png"):
        old.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if sync_playwright is None:
        _chromium_unavailable("the playwright Python package is not installed")
    if not CHROMIUM.exists():
        _chromium_unavailable(
            f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        )
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
    except Exception as error:
        playwright.stop()
        _chromium_unavailable(f"{CHROMIUM} failed to launch: {error}")
    yield browser
    browser.close()
    playwright.stop()


_PAGE_ERRORS: weakref.WeakKeyDictionary[Page, list[str]] = weakref.WeakKeyDictionary()


def new_page(context: BrowserContext) -> Page:
    """A page that records uncaught JavaScript errors (checked by :func:`assert_healthy`)."""
    page = context.new_page()
    page.set_default_timeout(DEFAULT_TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _PAGE_ERRORS[page] = errors
    return page


@pytest.fixture
def new_context(browser: Browser) -> Iterator[Callable]:
    """Factory for extra fresh contexts (e.g. a second person opening a shared link)."""
    contexts: list[BrowserContext] = []

    def make() -> BrowserContext:
        context = browser.new_context(
            accept_downloads=True, viewport={"width": 1280, "height": 900}
        )
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def screenshot_if_failed(page: Page, request: pytest.FixtureRequest) -> None:
    """After a test: a ``-FAILED`` screenshot of its page when the test failed."""
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        screenshot(page, request, "FAILED")


@pytest.fixture
def page(new_context, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh context and page for each test; a failing test leaves a ``-FAILED`` screenshot."""
    page = new_page(new_context())
    yield page
    screenshot_if_failed(page, request)


@pytest.fixture(scope="module")
def module_context(browser: Browser) -> Iterator[BrowserContext]:
    """One context for a module's tests that read the same loaded page without changing it
    (loading a page with many charts costs seconds; reading it again costs nothing)."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    yield context
    context.close()


# --- helpers ----------------------------------------------------------------------------------------

APP_SELECTOR = '[data-testid="stApp"]'


def wait_for_app_idle(page: Page, timeout: int = DEFAULT_TIMEOUT_MS, settle_ms: int = 150) -> None:
    """Wait until Streamlit is connected, its script is not running and the page has settled.

    Reruns start asynchronously after a click, so first give the rerun a moment to begin (as
    Streamlit's own ``wait_for_app_run`` does), then wait for: the app connected and its script
    state ``notRunning``; no running indicator in the status widget; no element marked stale from
    the previous run; no ``stSkeleton`` placeholder (Streamlit draws one while a lazily loaded
    element such as a Plotly chart fetches its code, which in a fresh browser context can outlast
    the run by a second; the text check alone missed it); the main area's text unchanged over two
    readings.
    """
    page.wait_for_timeout(settle_ms)
    page.wait_for_selector(
        f'{APP_SELECTOR}[data-test-connection-state="CONNECTED"]', state="attached", timeout=timeout
    )
    page.wait_for_selector(
        f'{APP_SELECTOR}[data-test-script-state="notRunning"]', state="attached", timeout=timeout
    )
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')
                 && !document.querySelector('[data-stale="true"]')
                 && !document.querySelector('[data-testid="stSkeleton"]')""",
        timeout=timeout,
    )
    previous = None
    deadline = time.monotonic() + timeout / 1000
    while time.monotonic() < deadline:
        current = page.evaluate(
            """() => { const main = document.querySelector('[data-testid="stMain"]')
                                 || document.querySelector('[data-testid="stApp"]');
                       return main ? main.innerText : null; }"""
        )
        if current is not None and current == previous:
            return
        previous = current
        page.wait_for_timeout(settle_ms)
    raise AssertionError("the app never settled: its text kept changing")


def open_app(page: Page, url: str) -> None:
    """Go to a Streamlit URL and wait until the first run has finished."""
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(APP_SELECTOR, state="attached")
    wait_for_app_idle(page)


def assert_no_exception(page: Page) -> None:
    """No ``st.exception`` box (a traceback reaching the page) anywhere on the page."""
    exceptions = page.locator('[data-testid="stException"]')
    count = exceptions.count()
    if count:
        text = "\n---\n".join(exceptions.all_inner_texts())[:3000]
        log = server_log_for(page.url)
        raise AssertionError(
            f"{count} exception(s) on {page.url}:\n{text}\n--- server log (tail) ---\n{log}"
        )


def assert_healthy(page: Page) -> None:
    """No exception box and no uncaught JavaScript error so far."""
    assert_no_exception(page)
    errors = _PAGE_ERRORS.get(page, [])
    assert not errors, f"uncaught JavaScript errors on {page.url}: {errors}"


def screenshot(page: Page, request: pytest.FixtureRequest, name: str) -> Path:
    """Save a full-page screenshot to test-artifacts/screenshots/<test>-<name>.png."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    test = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name).strip("_")
    path = SCREENSHOT_DIR / f"{test}-{name}.png"
    with contextlib.suppress(Exception):  # a screenshot must never hide the real failure
        # Streamlit scrolls inside its main container, not the document, so full_page alone
        # captures one screen: grow the viewport to the content's height for the shot.
        viewport = page.viewport_size or {"width": 1280, "height": 900}
        height = page.evaluate(
            """() => Math.max(document.documentElement.scrollHeight,
                ...[...document.querySelectorAll(
                    '[data-testid="stMain"], [data-testid="stAppViewContainer"]')]
                    .map(e => e.scrollHeight))"""
        )
        tall = min(max(int(height), viewport["height"]), MAX_SCREENSHOT_HEIGHT)
        if tall > viewport["height"]:
            page.set_viewport_size({"width": viewport["width"], "height": tall})
            page.wait_for_timeout(400)  # let charts re-layout to the new size
        try:
            page.screenshot(path=str(path), full_page=True)
        finally:
            page.set_viewport_size(viewport)
    return path


def button_group(page: Page, question: str):
    """The segmented control or pills (``stButtonGroup``) whose label is exactly ``question``."""
    label = page.get_by_test_id("stWidgetLabel").filter(
        has_text=re.compile(rf"^\s*{re.escape(question)}\s*$")
    )
    return page.get_by_test_id("stButtonGroup").filter(has=label)


def choice_button(page: Page, question: str, choice: str):
    """One choice of a segmented control (a ``radio``) or of pills (a toggle ``button``).

    Streamlit 1.67 renders both as ``button[data-variant=segmented_control|pills]`` carrying the
    choice label; the selected ones have ``data-selected="true"``.
    """
    return (
        button_group(page, question)
        .locator("button[data-variant]")
        .filter(has_text=re.compile(rf"^\s*{re.escape(choice)}\s*$"))
    )


def is_selected(button) -> bool:
    return button.get_attribute("data-selected") == "true"


def set_choice(page: Page, question: str, choice: str, selected: bool = True) -> None:
    """Click a choice button by its visible label until it is (de)selected, then wait for the rerun."""
    button = choice_button(page, question, choice)
    expect(button).to_have_count(1)
    expect(button).to_be_enabled()
    if is_selected(button) != selected:
        button.click()
        if selected:
            expect(button).to_have_attribute("data-selected", "true")
        else:
            expect(button).not_to_have_attribute("data-selected", "true")
        wait_for_app_idle(page)


def assert_radar_drawn(
    page: Page, chart=None, min_traces: int = 1, timeout: int = DEFAULT_TIMEOUT_MS
) -> list[str]:
    """A Plotly radar is really drawn: ``Scatterpolar`` traces with data in the figure, and in its
    SVG a polar layer whose trace paths (``path.js-line``/``path.js-fill``) have non-empty ``d``.
    An empty figure, or a polar subplot without drawn traces, fails. Returns the trace names."""
    root = chart if chart is not None else page.get_by_test_id("stPlotlyChart").first
    plot = root.locator(".js-plotly-plot").first
    expect(plot).to_be_attached(timeout=timeout)
    probe = """(plot) => {
        const drawn = [...plot.querySelectorAll('.polarlayer g.trace')].filter(trace =>
            [...trace.querySelectorAll('path.js-line, path.js-fill')].some(path => {
                const d = (path.getAttribute('d') || '').trim();
                return d.length > 4 && /[0-9]/.test(d) && d !== 'M0,0Z';
            })).length;
        const traces = (plot.data || []).filter(t => t.type === 'scatterpolar'
                                                    && Array.isArray(t.r) && t.r.length > 0);
        return {drawn, data: traces.length, names: traces.map(t => String(t.name || '')),
                polar: plot.querySelectorAll('.polarlayer .polar').length};
    }"""
    handle = plot.element_handle()
    with contextlib.suppress(Exception):  # on timeout, fall through to the detailed assertion
        page.wait_for_function(
            f"(plot) => {{ const r = ({probe})(plot); return r.drawn >= {min_traces}; }}",
            arg=handle,
            timeout=timeout,
        )
    result = plot.evaluate(probe)
    assert result["data"] >= min_traces and result["drawn"] >= min_traces, (
        f"radar chart not drawn: {result['polar']} polar subplot(s), {result['data']} Scatterpolar "
        f"trace(s) with data, {result['drawn']} drawn in the SVG; expected >= {min_traces}"
    )
    expect(plot).to_be_visible()
    return result["names"]


def is_polar_chart(chart) -> bool:
    """Does this ``stPlotlyChart`` hold a figure with Scatterpolar traces (a radar)?"""
    plot = chart.locator(".js-plotly-plot").first
    expect(plot).to_be_attached()
    return plot.evaluate(
        "(plot) => (plot.data || []).some(t => t.type === 'scatterpolar')"
        " || !!plot.querySelector('.polarlayer .polar')"
    )


def assert_bars_drawn(
    page: Page, chart, min_bars: int = 1, timeout: int = DEFAULT_TIMEOUT_MS
) -> list[str]:
    """A Plotly bar chart is really drawn: ``Bar`` traces with data in the figure, and in its SVG
    at least ``min_bars`` bar paths with a non-empty ``d``. Returns the names of the bar traces."""
    plot = chart.locator(".js-plotly-plot").first
    expect(plot).to_be_attached(timeout=timeout)
    probe = """(plot) => {
        const drawn = [...plot.querySelectorAll('.barlayer .trace .point path')].filter(path => {
            const d = (path.getAttribute('d') || '').trim();
            return d.length > 4 && /[0-9]/.test(d) && d !== 'M0,0Z';
        }).length;
        const traces = (plot.data || []).filter(t => t.type === 'bar'
                                                    && Array.isArray(t.x) && t.x.length > 0);
        return {drawn, data: traces.length, names: traces.map(t => String(t.name || ''))};
    }"""
    handle = plot.element_handle()
    with contextlib.suppress(Exception):  # on timeout, fall through to the detailed assertion
        page.wait_for_function(
            f"(plot) => {{ const r = ({probe})(plot); return r.drawn >= {min_bars}; }}",
            arg=handle,
            timeout=timeout,
        )
    result = plot.evaluate(probe)
    assert result["data"] >= 1 and result["drawn"] >= min_bars, (
        f"bar chart not drawn: {result['data']} Bar trace(s) with data, {result['drawn']} bar(s) "
        f"drawn in the SVG; expected >= {min_bars}"
    )
    expect(plot).to_be_visible()
    return result["names"]


def plotly_chart_with_trace(page: Page, trace_name: str):
    """The ``stPlotlyChart`` whose figure has a trace named ``trace_name`` (exactly one)."""
    charts = page.get_by_test_id("stPlotlyChart")
    expect(charts.first).to_be_attached()
    found = []
    for chart in charts.all():
        plot = chart.locator(".js-plotly-plot").first
        expect(plot).to_be_attached()
        if plot.evaluate("(p, n) => (p.data || []).some(t => t.name === n)", trace_name):
            found.append(chart)
    assert len(found) == 1, f"{len(found)} charts with a trace named {trace_name!r}"
    return found[0]


def slider_thumb(page: Page, label: str):
    """The thumb (``input[type=range]``) of the ``st.slider``/``st.select_slider`` labelled
    exactly ``label``; focus it and press keys (arrows, Home, End) to move it."""
    widget_label = page.get_by_test_id("stWidgetLabel").filter(
        has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")
    )
    return page.get_by_test_id("stSlider").filter(has=widget_label).get_by_role("slider")


PLOTLY_PROBE = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
    const layout = plot.layout || {};
    const text = (title) => String((title && title.text) || title || '').replace(/<[^>]*>/g, '');
    const values = (v) => Array.from(v || []);
    return {
        title: text(layout.title),
        xaxis: (layout.xaxis || {}).type || null,
        yaxis: (layout.yaxis || {}).type || null,
        annotations: (layout.annotations || []).map(a => text(a)),
        traces: (plot.data || []).map(t => ({
            name: String(t.name || ''), type: t.type || 'scatter', mode: t.mode || null,
            x: values(t.x), y: values(t.y), r: values(t.r),
        })),
    };
})"""


def plotly_figures(page: Page) -> list[dict]:
    """Every Plotly figure on the page as the browser holds it (the element's ``data`` and
    ``layout``): its title without markup, axis types, annotation texts, and each trace's name,
    type, mode and x, y or r values."""
    return page.evaluate(PLOTLY_PROBE)


def plotly_figure(page: Page, title: str, timeout: int = DEFAULT_TIMEOUT_MS) -> dict:
    """The one Plotly figure whose title starts with ``title``, once the browser has drawn it."""
    page.wait_for_function(
        f"() => ({PLOTLY_PROBE})().some(f => f.title.startsWith({title!r}) && f.traces.length)",
        timeout=timeout,
    )
    found = [f for f in plotly_figures(page) if f["title"].startswith(title)]
    assert len(found) == 1, [f["title"] for f in plotly_figures(page)]
    return found[0]


def horizontal_overflow(page: Page) -> dict[str, int]:
    """How many pixels the page scrolls sideways: the document and Streamlit's main containers
    (wide tables and code blocks scroll inside their own boxes and do not count). Empty when none
    overflows."""
    return page.evaluate(
        """() => {
            const boxes = {document: document.documentElement, body: document.body};
            for (const id of ['stAppViewContainer', 'stMain', 'stMainBlockContainer']) {
                const el = document.querySelector(`[data-testid="${id}"]`);
                if (el) boxes[id] = el;
            }
            const over = {};
            for (const [name, el] of Object.entries(boxes)) {
                const width = name === 'document' ? window.innerWidth : el.clientWidth;
                if (el.scrollWidth > width + 1) over[name] = el.scrollWidth - width;
            }
            return over;
        }"""
    )


def dataframe_after(page: Page, heading: str):
    """The first ``st.dataframe`` after the heading (``st.header``/``st.subheader``) ``heading``."""
    return (
        page.get_by_test_id("stHeading")
        .filter(has_text=heading)
        .locator("xpath=following::*[@data-testid='stDataFrame'][1]")
    )


def dataframe_rows(frame) -> list[list[str]]:
    """The cells of the rows a ``st.dataframe`` shows, once it has drawn them.

    The grid draws on a canvas and fills its table for assistive technology only after it has
    been scrolled into view, and then only with the rows and columns in view; so the frame is
    scrolled to the middle of the window first (even when partly visible already).
    """
    frame.evaluate("el => el.scrollIntoView({block: 'center'})")
    expect(frame.locator('[role="gridcell"]').first).to_be_attached()
    return frame.evaluate(
        """el => [...el.querySelectorAll('[role="row"]')]
                 .map(row => [...row.querySelectorAll('[role="gridcell"]')].map(c => c.textContent))
                 .filter(cells => cells.length)"""
    )


def open_tab(page: Page, label: str) -> None:
    """Click a tab of the recommendation page by its label and wait for it to be drawn (only the
    open tab is drawn, and opening one reruns the page's fragment)."""
    page.get_by_role("tab", name=label, exact=True).click()
    expect(page.get_by_role("tab", name=label, exact=True)).to_have_attribute(
        "aria-selected", "true"
    )
    wait_for_app_idle(page)
