"""Benchmark: time until the questionnaire is usable in headless Chromium, against a bare page.

Run: ``.venv/bin/python benchmarks/bench_startup.py [--runs 9] [--json benchmarks/results/startup.json]``

Starts ``app.py`` and ``benchmarks/bare_app.py`` with ``streamlit run`` the same way (headless, on
127.0.0.1, each on a free port), opens each once to warm it up (not counted), then alternates the two
side by side, in ABBA order, ``--runs`` times each, every measurement in a fresh browser context of
Debian's Chromium. A measurement is the time from ``page.goto`` until the page is usable:

- bare app: its single widget visible and enabled;
- product: the questionnaire's first question widget (the first field of the first step of
  ``data/questionnaire.yaml``, found by its label) visible and enabled, and the
  "See recommendation" button visible.

Prints one summary line with the medians and their ratio (target: questionnaire <= 1.3 x bare).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import Browser, Locator, Page, sync_playwright

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from scoring.knowledge import default_knowledge_base  # noqa: E402
from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, StreamlitServer  # noqa: E402

BARE_LABEL = "Organization name"  # the bare app's one widget (benchmarks/bare_app.py)
SUBMIT_LABEL = "See recommendation"
TARGET_RATIO = 1.3
TIMEOUT_MS = 60_000


def first_question_label() -> str:
    kb = default_knowledge_base()
    first_step = kb.steps[0][0]
    return next(q.question for q in kb.questions if q.step == first_step)


def wait_usable(widget: Locator) -> None:
    """Visible, then enabled; both waits are event/animation-frame driven, not coarse polls."""
    widget.wait_for(state="visible", timeout=TIMEOUT_MS)
    widget.element_handle(timeout=TIMEOUT_MS).wait_for_element_state("enabled", timeout=TIMEOUT_MS)


def bare_ready(page: Page) -> None:
    wait_usable(page.get_by_label(BARE_LABEL, exact=True).first)


def product_ready(page: Page, question: str) -> None:
    wait_usable(page.get_by_label(question, exact=True).first)
    page.get_by_role("button", name=SUBMIT_LABEL).first.wait_for(
        state="visible", timeout=TIMEOUT_MS
    )


def measure(browser: Browser, url: str, ready) -> float:
    """Milliseconds from page.goto to usable, in a fresh context."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        ready(page)
        return (time.perf_counter() - start) * 1000
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="measurements per app (>= 7)")
    parser.add_argument("--json", type=Path, help="also write every measurement to this file")
    parser.add_argument("--verbose", action="store_true", help="print each measurement")
    args = parser.parse_args()
    if args.runs < 7:
        parser.error("--runs must be at least 7")

    question = first_question_label()
    bare = StreamlitServer(REPO_ROOT / "benchmarks" / "bare_app.py")
    product = StreamlitServer(REPO_ROOT / "app.py")
    try:
        for server in (bare, product):
            try:
                server.start()
            except RuntimeError as error:
                raise SystemExit(str(error)) from None
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            apps = {
                "bare": lambda: measure(browser, bare.url, bare_ready),
                "questionnaire": lambda: measure(
                    browser, product.url, lambda page: product_ready(page, question)
                ),
            }
            warmup = {name: run() for name, run in apps.items()}
            times: dict[str, list[float]] = {name: [] for name in apps}
            for index in range(args.runs):
                order = ["bare", "questionnaire"] if index % 2 == 0 else ["questionnaire", "bare"]
                for name in order:
                    times[name].append(apps[name]())
                    if args.verbose:
                        print(f"  run {index + 1:2d} {name:13s} {times[name][-1]:7.1f} ms")
            browser.close()
    finally:
        bare.stop()
        product.stop()

    medians = {name: statistics.median(values) for name, values in times.items()}
    ratio = medians["questionnaire"] / medians["bare"]
    verdict = "OK" if ratio <= TARGET_RATIO else "OVER TARGET"
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "runs": args.runs,
                    "warmup_ms": warmup,
                    "times_ms": times,
                    "medians_ms": medians,
                    "ratio": ratio,
                    "target_ratio": TARGET_RATIO,
                },
                indent=2,
            )
        )
    print(
        f"startup (n={args.runs} each, ABBA, fresh context, headless Chromium): "
        f"questionnaire median {medians['questionnaire']:.0f} ms "
        f"[{min(times['questionnaire']):.0f}-{max(times['questionnaire']):.0f}], "
        f"bare median {medians['bare']:.0f} ms [{min(times['bare']):.0f}-{max(times['bare']):.0f}], "
        f"ratio {ratio:.2f} (target <= {TARGET_RATIO}) {verdict}"
    )


if __name__ == "__main__":
    main()
