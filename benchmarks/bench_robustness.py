"""Time the trust analyses for one answer set: run ``python benchmarks/bench_robustness.py``.

Target (SPEC quality bars): a 10,000-sample robustness analysis for one answer set in at most 50 ms
median, under the weighted sum and under TOPSIS (each sample ranks the solutions with the
recommendation's own method, with weights, component scores and costs drawn within their bands).
The stability intervals (exact for the weighted sum, numeric for TOPSIS) are timed alongside for
the README. The business is a marketing team that needs copy and images (a combination, so dozens
of solutions are listed and about twenty qualify).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scoring.answers import parse_answers
from scoring.engine import recommend
from scoring.knowledge import default_knowledge_base
from scoring.stability import compute_stability_intervals
from scoring.trust import method_totals, robustness

SAMPLES = 10_000
REPEATS = 30
WARM_UP = 3
TARGET_MS = 50.0
BUSINESS = {
    "output_modalities": ["text", "image"],
    "input_modalities": ["text"],
    "tasks": ["generate_creative_content", "personalize_marketing"],
    "volume": "high",
}


def time_ms(func: Callable[[], object], repeats: int = REPEATS) -> list[float]:
    """Wall-clock milliseconds of ``repeats`` calls after ``WARM_UP`` untimed ones."""
    for _ in range(WARM_UP):
        func()
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        timings.append((time.perf_counter() - start) * 1000.0)
    return timings


def main() -> int:
    kb = default_knowledge_base()
    answers = parse_answers(kb, BUSINESS)
    verdicts = []
    for method in ("wsm", "topsis"):
        rec = recommend(kb, answers, method)
        group = rec.group
        smaa = time_ms(lambda r=rec: robustness(r, samples=SAMPLES))
        totals_of = None if method == "wsm" else method_totals(rec)
        stab = time_ms(
            lambda g=group, t=totals_of: compute_stability_intervals(
                g.scores[0], g.weights[0], g.failure_key[0], t
            )
        )
        median = statistics.median(smaa)
        verdict = "PASS" if median <= TARGET_MS else "FAIL"
        verdicts.append(verdict)
        print(
            f"{method}: robustness ({SAMPLES:,} samples, {len(rec.ranking)} solutions, "
            f"{len(rec.qualifying)} qualifying): median {median:.1f} ms, min {min(smaa):.1f} ms "
            f"over {REPEATS} runs (target <= {TARGET_MS:.0f} ms: {verdict}); stability "
            f"intervals: median {statistics.median(stab):.1f} ms"
        )
    return 0 if all(v == "PASS" for v in verdicts) else 1


if __name__ == "__main__":
    raise SystemExit(main())
