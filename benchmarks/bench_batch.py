"""Benchmark: `batch` scoring of 100,000 answer sets (target: engine at most 1 s, memory <= 500 MB).

Run: ``.venv/bin/python benchmarks/bench_batch.py [--rows 100000] [--repeats 5]``

Reports medians of repeated runs for the three stages separately: CSV parsing and validation
(text -> Answers), encoding (Answers -> arrays) and scoring (arrays -> ranked totals). "Engine" is
encoding plus scoring, the part that does not depend on the input format. Memory is the peak
resident set size of one real ``python -m scoring batch`` run on the same 100,000-row file, in a
child process, so it counts everything a user's run holds (interpreter, pandas, rows, results).
"""

from __future__ import annotations

import argparse
import csv
import io
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scoring.batch import parse_rows, read_rows
from scoring.encoding import encode_answers
from scoring.engine import score_arrays
from scoring.knowledge import default_knowledge_base
from scoring.knowledge.checks.questionnaire import ANSWER_FIELDS


def random_csv(rows: int, seed: int = 0) -> str:
    """A batch CSV of random but valid answer sets drawn from the questionnaire's choices."""
    kb = default_knowledge_base()
    rng = np.random.default_rng(seed)
    columns: dict[str, list[str]] = {}
    for question in kb.questions:
        ids = [c.id for c in question.choices]
        if question.kind == "choice":
            columns[question.id] = list(rng.choice(ids, size=rows))
        elif question.kind == "multi":
            hot = rng.random((rows, len(ids))) < 0.3
            if question.required:
                hot[np.arange(rows), rng.integers(0, len(ids), rows)] = True
            columns[question.id] = [";".join(np.array(ids)[row]) for row in hot]
        elif question.kind == "count":
            columns[question.id] = [
                str(v) if rng.random() < 0.2 else "" for v in rng.integers(1, 10**6, rows)
            ]
        elif question.kind == "text":
            columns[question.id] = [
                f"Org {i}" if question.id == "organization" else "" for i in range(rows)
            ]
        else:
            columns[question.id] = [
                ";".join(f"{c}={v}" for c, v in zip(("modality", "cost"), row, strict=True))
                if rng.random() < 0.2
                else ""
                for row in rng.integers(1, 6, (rows, 2))
            ]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(ANSWER_FIELDS)
    writer.writerows(zip(*(columns[f] for f in ANSWER_FIELDS), strict=True))
    return out.getvalue()


def cli_peak_memory_mb(text: str) -> float:
    """Peak RSS of a child ``python -m scoring batch`` on ``text`` (Linux reports KiB)."""
    repo = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder, "in.csv"), Path(folder, "out.csv")
        source.write_text(text, encoding="utf-8")
        subprocess.run(
            [sys.executable, "-m", "scoring", "batch", str(source), "-o", str(target)],
            cwd=repo,
            check=True,
        )
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    kb = default_knowledge_base()
    text = random_csv(args.rows)
    timings: dict[str, list[float]] = {"parse": [], "encode": [], "score": []}
    for _ in range(args.repeats):
        start = time.perf_counter()
        parsed = parse_rows(kb, read_rows(text))
        answers = [a for a in parsed.answers if a is not None]
        parsed_at = time.perf_counter()
        arrays = encode_answers(kb, answers)
        encoded_at = time.perf_counter()
        groups = score_arrays(kb, arrays)
        scored_at = time.perf_counter()
        assert sum(len(g.rows) for g in groups) == args.rows
        timings["parse"].append(parsed_at - start)
        timings["encode"].append(encoded_at - parsed_at)
        timings["score"].append(scored_at - encoded_at)
        del parsed, answers, arrays, groups  # free before the next run, as a fresh process would
    engine = [e + s for e, s in zip(timings["encode"], timings["score"], strict=True)]
    peak_mb = cli_peak_memory_mb(text)
    median = {k: statistics.median(v) for k, v in timings.items()}
    print(
        f"batch of {args.rows:,} answer sets, median of {args.repeats} runs: "
        f"engine {statistics.median(engine):.3f} s (encode {median['encode']:.3f} s + "
        f"score {median['score']:.3f} s); CSV parsing and validation {median['parse']:.3f} s; "
        f"CLI peak RSS {peak_mb:.0f} MB (targets: engine <= 1 s, memory <= 500 MB)"
    )


if __name__ == "__main__":
    main()
