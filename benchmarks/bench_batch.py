"""Benchmark: ``batch`` on 100,000 answer sets, with combinations and costs.

Run: ``.venv/bin/python benchmarks/bench_batch.py [--rows 100000] [--repeats 5]``

Targets (issue "Advice a CTO would sign"): the engine (answers objects -> arrays -> ranked
solutions) at most 1 s; ``python -m scoring batch`` end to end at most 3 s and within 4 times a
pyarrow read and write of the same file, the two measured side by side in each repeat; peak memory
flat in the number of rows (1M rows under 1 GB), measured in fresh processes. Medians.
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

import pyarrow.csv as pacsv

from scoring.batch import read_rows
from scoring.columns import ERROR_KEY, LINE_KEY
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


def cli_run(source: Path, target: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one ``python -m scoring batch`` run in a child process."""
    repo = Path(__file__).resolve().parent.parent
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "scoring", "batch", str(source), "-o", str(target)],
        cwd=repo,
        check=True,
    )
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024  # Linux reports KiB; the peak of all children so far


def pyarrow_floor(source: Path, target: Path) -> float:
    """Seconds to read the same CSV with pyarrow and write it back: what reading and writing
    alone cost, the floor the CLI is measured against."""
    start = time.perf_counter()
    table = pacsv.read_csv(source)
    pacsv.write_csv(table, target)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--memory-rows",
        type=int,
        nargs="*",
        default=[100_000, 1_000_000],
        help="row counts whose CLI peak memory is measured (one run each)",
    )
    args = parser.parse_args()
    kb = default_knowledge_base()
    text = random_csv(args.rows)
    answers = [a for a in parse_columns_answers(kb, text)]
    encode, engine, cli, floor = [], [], [], []
    with tempfile.TemporaryDirectory() as folder:
        source, target, copy = (Path(folder, n) for n in ("in.csv", "out.csv", "copy.csv"))
        source.write_text(text, encoding="utf-8")
        for _ in range(args.repeats):
            start = time.perf_counter()
            arrays = encode_answers(kb, answers)
            encoded = time.perf_counter()
            groups = score_arrays(kb, arrays)
            encode.append(encoded - start)
            engine.append(time.perf_counter() - encoded)
            assert sum(len(g.rows) for g in groups) == len(answers)
            del groups
            floor.append(pyarrow_floor(source, copy))  # side by side with the CLI run
            cli.append(cli_run(source, target)[0])
        memory = {}
        for rows in args.memory_rows:
            source.write_text(random_csv(rows), encoding="utf-8")
            memory[rows] = peak_rss_of_a_fresh_run(source, target)
    cli_median, floor_median = statistics.median(cli), statistics.median(floor)
    print(
        f"batch of {args.rows:,} answer sets, median of {args.repeats} runs: engine (encode + "
        f"score) {statistics.median(encode) + statistics.median(engine):.2f} s (target 1 s): encoding "
        f"answers objects {statistics.median(encode):.2f} s, scoring the arrays "
        f"{statistics.median(engine):.2f} s; CLI end to end "
        f"{cli_median:.2f} s (target 3 s), pyarrow read + write of the same file "
        f"{floor_median:.2f} s, ratio {cli_median / floor_median:.1f} (target 4); CLI peak RSS "
        + ", ".join(f"{rows:,} rows {mb:.0f} MB" for rows, mb in memory.items())
        + " (target: flat, 1M rows under 1 GB)"
    )


def parse_columns_answers(kb, text: str):  # type: ignore[no-untyped-def]
    """The valid answers of a batch CSV as answers objects (the engine figure starts from them)."""
    from scoring.answers import parse_flat_answers

    for row in read_rows(text):
        row.pop(LINE_KEY, None)
        if ERROR_KEY not in row:
            yield parse_flat_answers(kb, row)


def peak_rss_of_a_fresh_run(source: Path, target: Path) -> float:
    """Peak RSS (MB) of one CLI run, measured in a process of its own (``/usr/bin/time``-free:
    a wrapper child reports its own child's peak)."""
    code = (
        "import resource, subprocess, sys;"
        f"subprocess.run([sys.executable, '-m', 'scoring', 'batch', {str(source)!r}, '-o', "
        f"{str(target)!r}], check=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    repo = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=repo, check=True, capture_output=True, text=True
    )
    return int(out.stdout.strip().splitlines()[-1]) / 1024


if __name__ == "__main__":
    main()
