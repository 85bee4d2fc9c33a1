"""Count cliffs: do near-identical answers give near-identical results?

Run: ``.venv/bin/python benchmarks/bench_cliffs.py [--sets 2000]``

Random valid answer sets are each given an exact monthly volume (log-uniform from 100 to 1,000,000
requests a month) and then scored again with 5 % more volume. A *cliff* is a result that moves a lot
for that small change: the same top solution's total moves by more than 2 points, or the top
changes to a solution more than 2 points away on the first run. Moves caused by a solution
crossing the budget's ceiling (a hard requirement: a step by design) are counted apart. Scores are
on 0-100; 5 % more volume moves a cost score by about 0.4 point on the log scale.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scoring.answers import Answers
from scoring.engine import recommend
from scoring.knowledge import default_knowledge_base

STEP = 1.05
CLIFF_POINTS = 2.0


def random_answers(count: int, seed: int) -> list[Answers]:
    """Valid answer sets drawn from the questionnaire's choices (as the batch benchmark does)."""
    from bench_batch import parse_columns_answers, random_csv  # the same generator, one place

    kb = default_knowledge_base()
    rng = np.random.default_rng(seed)
    out = []
    for answers in parse_columns_answers(kb, random_csv(count, seed)):
        volume = int(10 ** rng.uniform(2, 6))
        out.append(replace(answers, monthly_requests=volume))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    kb = default_knowledge_base()
    sets = random_answers(args.sets, args.seed)
    moves, top_changes, cliffs, budget_steps = [], 0, 0, 0
    for answers in sets:
        before = recommend(kb, answers)
        bigger = replace(answers, monthly_requests=round(answers.monthly_requests * STEP))
        after = recommend(kb, bigger)
        same = next(r for r in after.ranking if r.option == before.top.option)
        move = abs(same.score - before.top.score)
        moves.append(move)
        changed = after.top.option != before.top.option
        top_changes += changed
        gap = 0.0
        if changed:
            old = next(r for r in before.ranking if r.option == after.top.option)
            gap = abs(old.score - before.top.score)
        if move > CLIFF_POINTS or gap > CLIFF_POINTS:
            budget = [u.requirement == "budget" for r in (before.top, after.top) for u in r.unmet]
            crossed = before.top.meets_requirements != same.meets_requirements or any(budget)
            budget_steps += crossed
            cliffs += not crossed
    count = len(sets)
    print(
        f"{count:,} answer sets, volume x{STEP}: the top's total moved by median "
        f"{statistics.median(moves):.3f} points (95th percentile {np.percentile(moves, 95):.3f}, "
        f"max {max(moves):.2f}); the top changed in {top_changes} ({100 * top_changes / count:.1f} %); "
        f"cliffs (> {CLIFF_POINTS:g} points) {cliffs} ({100 * cliffs / count:.2f} %), plus "
        f"{budget_steps} steps at a budget ceiling (a hard requirement, by design)"
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
