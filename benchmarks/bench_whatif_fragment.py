"""Time a what-if slider move on the recommendation page: ``python benchmarks/bench_whatif_fragment.py``.

Target (issue "trust in the recommendation"): a slider move re-renders its fragment in at most
100 ms median, server-side. Moving a what-if slider reruns only the fragment
``ui.recommendation.view.decision``, whose body is ``decision_body``: the what-if recommendation,
the 10,000-sample robustness analysis (the headline says how sure), the summary cards, the method
agreement, and the open tab, Adjust weights: the sliders, the radar and the pairwise comparison.

Method. Streamlit's AppTest has no way to rerun just one fragment, so the fragment's body is run
as a script of its own: a tiny page that puts the answers in the session state (as ``state.sync``
does on the real page) and calls ``decision_body`` once. Each timed run first moves one what-if
slider (alternating between two positions, so the weights, scores and charts really change),
then runs that page with AppTest: the slider's callback, the whole fragment body and AppTest's own
work of turning the output into an element tree. That is what the server does for a slider move,
plus AppTest's overhead, so the figure is an upper bound. Two more figures put it in context:

- the full page (``pages/recommendation.py``) rerun after the same slider move, which is what the
  move would cost without the fragment;
- a one-line page rerun with AppTest, i.e. AppTest's own floor.

Warm-up runs come first (imports, the cached knowledge base, Plotly's templates); then at least 15
timed runs each; medians are reported. The target applies to the fragment median.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

# The same business as the page benchmark, so the two figures compare (benchmarks/ is on sys.path
# when this script runs).
from bench_recommendation_page import ANSWERS  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from scoring.answers import parse_answers  # noqa: E402
from scoring.knowledge import default_knowledge_base  # noqa: E402
from ui.common.links import encode_query  # noqa: E402
from ui.weights.whatif import slider_key  # noqa: E402

PAGE = REPO_ROOT / "pages" / "recommendation.py"
TARGET_MS = 100.0
WARM_UP = 3
SLIDER = slider_key("data_privacy")
POSITIONS = (100, 5)  # far apart: every weight, score, chart and the robustness change
FRAGMENT_PAGE = """
import sys
sys.path.insert(0, {root!r})
import streamlit as st
from scoring.answers import parse_answers
from ui.common import state
from ui.common.knowledge import knowledge_base
from ui.recommendation.view import decision_body

kb = knowledge_base()
raw = parse_answers(kb, {answers!r}).to_dict()
st.session_state.setdefault(state.ANSWERS, raw)
st.session_state.setdefault(state.METHOD, {method!r})
st.session_state.setdefault(state.TAB, "weights")
decision_body(kb, parse_answers(kb, raw))
"""


def timed_ms(at: AppTest, move: bool, step: int) -> float:
    """Move the slider (when asked), then run; milliseconds of the run."""
    if move:
        at.slider(key=SLIDER).set_value(POSITIONS[step % 2])
    start = time.perf_counter()
    at.run()
    elapsed = (time.perf_counter() - start) * 1000.0
    if at.exception:
        raise SystemExit(f"the page raised: {at.exception[0].value}")
    return elapsed


def measure(at: AppTest, runs: int, move: bool = True) -> list[float]:
    at.run()
    for step in range(WARM_UP):
        timed_ms(at, move, step)
    return [timed_ms(at, move, step) for step in range(runs)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs per figure (>= 15)")
    parser.add_argument("--method", choices=("wsm", "topsis"), default="wsm")
    args = parser.parse_args()
    runs = max(args.runs, 15)
    kb = default_knowledge_base()

    with tempfile.TemporaryDirectory() as folder:
        fragment_page = Path(folder) / "whatif_fragment.py"
        source = FRAGMENT_PAGE.format(root=str(REPO_ROOT), answers=ANSWERS, method=args.method)
        fragment_page.write_text(source, encoding="utf-8")
        fragment = measure(AppTest.from_file(str(fragment_page), default_timeout=60), runs)
        bare_page = Path(folder) / "bare_page.py"
        bare_page.write_text("import streamlit as st\nst.write('ready')\n", encoding="utf-8")
        bare = measure(AppTest.from_file(str(bare_page)), runs, move=False)

    page = AppTest.from_file(str(PAGE), default_timeout=60)
    page.query_params = {
        **encode_query(parse_answers(kb, ANSWERS).to_dict(), args.method, "vector"),
        "tab": "weights",
    }
    full = measure(page, runs)

    median = statistics.median(fragment)
    verdict = "PASS" if median <= TARGET_MS else "FAIL"
    print(
        f"what-if slider move ({args.method}), fragment body: median {median:.1f} ms, "
        f"min {min(fragment):.1f} ms, max {max(fragment):.1f} ms over {runs} runs (target <= {TARGET_MS:.0f} ms: {verdict})"
    )
    print(
        f"same move, whole page rerun: median {statistics.median(full):.1f} ms; "
        f"AppTest floor (one-line page): median {statistics.median(bare):.1f} ms"
    )
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
