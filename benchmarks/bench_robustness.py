"""Time the trust analyses for one answer set: run ``python benchmarks/bench_robustness.py``.

Target (SPEC quality bars): a 10,000-sample robustness analysis for one answer set in at most 50 ms
median, for the weighted sum and for TOPSIS (each sample ranked with the recommendation's own
method). The stability intervals (exact for the weighted sum, numeric for TOPSIS) are timed
alongside for the README. Scores are random: the cost depends only on the shape (9 options x 5
criteria), not the values.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scoring.engine import aggregate_totals
from scoring.robustness import rank_acceptability
from scoring.stability import stability_intervals

OPTIONS = 9
CRITERIA = 5
SAMPLES = 10_000
REPEATS = 30
WARM_UP = 3
TARGET_MS = 50.0


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
    rng = np.random.default_rng(2024)
    scores = rng.uniform(0, 100, (OPTIONS, CRITERIA))
    weights = rng.dirichlet(np.ones(CRITERIA))
    meets = rng.random(OPTIONS) < 0.8
    meets[0] = True

    def topsis(s: np.ndarray, w: np.ndarray) -> np.ndarray:
        return aggregate_totals(s, w, "topsis", "vector")

    verdicts = []
    for name, totals_of in (("weighted sum", None), ("TOPSIS", topsis)):
        smaa = time_ms(
            lambda t=totals_of: rank_acceptability(
                scores, weights, meets, samples=SAMPLES, totals_of=t
            )
        )
        stab = time_ms(lambda t=totals_of: stability_intervals(scores, weights, meets, t))
        smaa_median = statistics.median(smaa)
        verdict = "PASS" if smaa_median <= TARGET_MS else "FAIL"
        verdicts.append(verdict)
        print(
            f"{name}: robustness ({SAMPLES:,} samples, {OPTIONS}x{CRITERIA}): median "
            f"{smaa_median:.2f} ms, min {min(smaa):.2f} ms over {REPEATS} runs (target <= "
            f"{TARGET_MS:.0f} ms: {verdict}); stability intervals ({CRITERIA} criteria): median "
            f"{statistics.median(stab):.3f} ms"
        )
    verdict = "PASS" if all(v == "PASS" for v in verdicts) else "FAIL"
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
