"""Benchmark: what a person waits for on the recommendation page, in headless Chromium, side by side
with a bare Streamlit page doing the same (issue 12's browser targets).

Run: ``.venv/bin/python benchmarks/bench_browser_page.py [--runs 9] [--json FILE]``

Two measurements, each as the median of ``--runs`` alternated with its baseline (ABBA order):

- **key press -> radar**: on the recommendation's Adjust weights tab, with a what-if slider focused,
  the time from pressing an arrow key until the radar's data in the browser has changed. Baseline:
  ``benchmarks/bare_slider_radar_app.py``, one slider and a radar that follows it. Target: at most
  2 times the baseline.
- **first render from a link**: the time from ``page.goto`` of a shared link (fresh browser context)
  until every Plotly chart of the page is drawn and the script has finished. Baseline:
  ``benchmarks/bare_charts_app.py`` with the same number of Plotly charts. Target: at most 1.5 times.

The presses alternate right and left, so the slider stays in range and every press changes the
weights. A radar is found by its ``scatterpolar`` traces; its data are compared as JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import Browser, Locator, Page, sync_playwright

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from scoring.answers import parse_answers  # noqa: E402
from scoring.engine import recommend  # noqa: E402
from scoring.knowledge import default_knowledge_base  # noqa: E402
from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, StreamlitServer  # noqa: E402
from ui.common.links import encode_query  # noqa: E402
from ui.weights.whatif import importance_from_weights  # noqa: E402

TIMEOUT_MS = 60_000
KEY_TARGET, RENDER_TARGET = 2.0, 1.5
VIEWPORT = {"width": 1400, "height": 900}
BUSINESS = {"output_modalities": ["text", "image"], "tasks": ["generate_creative_content"]}

RADAR_DATA = """() => JSON.stringify([...document.querySelectorAll('.js-plotly-plot')]
    .flatMap(plot => (plot.data || []).filter(t => t.type === 'scatterpolar'))
    .map(t => Array.from(t.r || [])))"""
CHARTS_DRAWN = """(count) => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning'
        && document.querySelectorAll('.js-plotly-plot .main-svg').length >= count
        && !document.querySelector('[data-testid="stSkeleton"]');
}"""
CHART_COUNT = "() => document.querySelectorAll('.js-plotly-plot').length"


def slider(page: Page, label: str) -> Locator:
    """The thumb of the slider labelled exactly ``label``."""
    labelled = page.get_by_test_id("stWidgetLabel").filter(has_text=label)
    return page.get_by_test_id("stSlider").filter(has=labelled).get_by_role("slider").first


def press_and_wait(page: Page, key: str) -> float:
    """Milliseconds from an arrow key press on the focused slider to a changed radar."""
    before = page.evaluate(RADAR_DATA)
    start = time.perf_counter()
    page.keyboard.press(key)
    page.wait_for_function(
        "(before) => (" + RADAR_DATA + ")() !== before",
        arg=before,
        polling="raf",
        timeout=TIMEOUT_MS,
    )
    return (time.perf_counter() - start) * 1000


def open_settled(page: Page, url: str) -> None:
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    page.wait_for_function(CHARTS_DRAWN, arg=1, polling="raf", timeout=TIMEOUT_MS)
    page.wait_for_timeout(1500)  # lazily loaded chart code and late reruns settle


def first_render(browser: Browser, url: str, charts: int) -> float:
    """Milliseconds from ``goto`` to every chart drawn, in a fresh context."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function(CHARTS_DRAWN, arg=charts, polling="raf", timeout=TIMEOUT_MS)
        return (time.perf_counter() - start) * 1000
    finally:
        context.close()


def alternate(runs: int, a: Callable[[], float], b: Callable[[], float]) -> tuple[list, list]:
    """ABBA: each pair in turn, so drift on a noisy machine falls on both sides alike."""
    first: list[float] = []
    second: list[float] = []
    for index in range(runs):
        pair = ((first, a), (second, b)) if index % 2 == 0 else ((second, b), (first, a))
        for out, measure in pair:
            out.append(measure())
    return first, second


def summary(name: str, product: list[float], bare: list[float], target: float) -> dict:
    medians = statistics.median(product), statistics.median(bare)
    ratio = medians[0] / medians[1]
    verdict = "OK" if ratio <= target else "OVER TARGET"
    print(
        f"{name}: product median {medians[0]:.0f} ms [{min(product):.0f}-{max(product):.0f}], "
        f"bare median {medians[1]:.0f} ms [{min(bare):.0f}-{max(bare):.0f}], "
        f"ratio {ratio:.2f} (target <= {target}) {verdict}"
    )
    return {"product_ms": product, "bare_ms": bare, "ratio": ratio, "target": target}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="measurements per side (>= 5)")
    parser.add_argument("--json", type=Path, help="also write every measurement to this file")
    args = parser.parse_args()
    if args.runs < 5:
        parser.error("--runs must be at least 5")

    kb = default_knowledge_base()
    business = parse_answers(kb, BUSINESS)
    positions = importance_from_weights(recommend(kb, business).weights)
    criterion = min(positions, key=lambda c: abs(positions[c] - 50))  # room both ways
    query = urlencode(encode_query(business.to_dict(), "wsm", None))
    servers = {
        "product": StreamlitServer(REPO_ROOT / "app.py"),
        "radar": StreamlitServer(REPO_ROOT / "benchmarks" / "bare_slider_radar_app.py"),
        "charts": StreamlitServer(REPO_ROOT / "benchmarks" / "bare_charts_app.py"),
    }
    results: dict[str, dict] = {}
    try:
        for server in servers.values():
            try:
                server.start()
            except RuntimeError as error:
                raise SystemExit(str(error)) from None
        link = f"{servers['product'].url}/recommendation?{query}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            context = browser.new_context(viewport=VIEWPORT)
            product, bare = context.new_page(), context.new_page()
            open_settled(product, f"{link}&tab=weights")
            open_settled(bare, servers["radar"].url)
            thumbs = {
                "product": slider(product, kb.criterion(criterion).name),
                "bare": slider(bare, "Weight"),
            }
            keys = {"product": ["ArrowRight", "ArrowLeft"], "bare": ["ArrowRight", "ArrowLeft"]}

            def key_press(name: str, page: Page) -> Callable[[], float]:
                def run() -> float:
                    page.bring_to_front()
                    thumbs[name].focus()
                    key = keys[name][0]
                    keys[name].reverse()
                    took = press_and_wait(page, key)
                    page.wait_for_timeout(400)  # the rerun after the change ends before the next
                    return took

                return run

            key_press("product", product)()  # warm up, not counted
            key_press("bare", bare)()
            results["key_press"] = summary(
                "key press -> radar",
                *alternate(args.runs, key_press("product", product), key_press("bare", bare)),
                KEY_TARGET,
            )
            context.close()

            probe = browser.new_context(viewport=VIEWPORT).new_page()
            open_settled(probe, link)
            charts = probe.evaluate(CHART_COUNT)
            probe.context.close()
            bare_url = f"{servers['charts'].url}/?charts={charts}"
            first_render(browser, link, charts)  # warm up, not counted
            first_render(browser, bare_url, charts)
            results["first_render"] = summary(
                f"first render from a link ({charts} Plotly charts)",
                *alternate(
                    args.runs,
                    lambda: first_render(browser, link, charts),
                    lambda: first_render(browser, bare_url, charts),
                ),
                RENDER_TARGET,
            )
            browser.close()
    finally:
        for server in servers.values():
            server.stop()
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"runs": args.runs, **results}, indent=2))


if __name__ == "__main__":
    main()
