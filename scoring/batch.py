"""Batch scoring of a CSV of answer sets: one output row per input row, in order, nothing dropped.

The runner-up is the real alternative: when the top solution meets the hard requirements, the best
other solution that meets them (empty when there is none); when nothing meets them, the second.
The margin is the top score minus the runner-up's. A row that fails validation keeps its place with
an ``error`` saying which row and field. Rows are read lazily and handled a chunk at a time: each
column's distinct values are validated once (:mod:`scoring.columns`), the valid rows are scored
together in one vectorised call, and the output is built column by column.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import pandas as pd

from scoring.answers import MISSING
from scoring.columns import ERROR_KEY, LINE_KEY, parse_columns, row_label
from scoring.csv_io import UnterminatedQuoteError, read_records
from scoring.engine import GroupScores, score_arrays
from scoring.knowledge import KnowledgeBase
from scoring.knowledge.checks.questionnaire import ANSWER_FIELDS
from scoring.money import HIGH, LOW
from scoring.ranking import top_two
from scoring.report import escape_cell
from scoring.solutions import solution_id, solution_label

OUTPUT_COLUMNS = (
    "row",
    "organization",
    "outcome",
    "top_option",
    "top_label",
    "top_score",
    "top_meets_requirements",
    "top_monthly_cost_low",
    "top_monthly_cost_high",
    "runner_up",
    "runner_up_score",
    "runner_up_meets_requirements",
    "margin",
    "method",
    "error",
)


class BatchFileError(ValueError):
    """The CSV as a whole cannot be read (not a row-level problem)."""


MAX_FIELD_CHARS = 131_072
"""The longest cell accepted (the csv module's default limit); a longer one fails its row only."""


def _shorten(text: str, limit: int = 60) -> str:
    return (
        repr(text) if len(text) <= limit else repr(text[:limit]) + f"... ({len(text):,} characters)"
    )


def _records(text: str) -> Iterator[tuple[int, list[str] | None, str]]:
    """``(line where the record starts, cells or None, problem)`` for each CSV record.

    Read by :func:`scoring.csv_io.read_records`: no cell is too long for the reader, so an
    over-long cell fails only its own row, later; a file that ends inside a quoted field (which
    would swallow every later row into one cell) is a :class:`BatchFileError` naming the line.
    """
    try:
        yield from read_records(text)
    except UnterminatedQuoteError as problem:
        raise BatchFileError(str(problem)) from None


def read_rows(text: str) -> Iterator[dict[str, str]]:
    """Rows of CSV text keyed by column, lazily; the header is checked before the first row.

    Blank lines are skipped. Each row carries ``LINE_KEY`` (the line where it starts) and, when it
    cannot be used at all, ``ERROR_KEY``; :func:`scoring.columns.parse_columns` reads both.
    """
    records = _records(text.removeprefix("\ufeff"))
    for line, header, problem in records:
        if problem:
            raise BatchFileError(f"the header (line {line}) {problem}")
        if header:
            break
    else:
        raise BatchFileError("the file is empty; expected a header row with answers fields")
    unknown = [name for name in header if name not in ANSWER_FIELDS]
    if unknown:
        next(records, None)  # a header that opens a quote never closed: that is the real problem
        raise BatchFileError(
            f"unknown column {_shorten(unknown[0])} in the header (line {line}); "
            f"allowed columns: {', '.join(ANSWER_FIELDS)}"
        )
    repeated = [name for i, name in enumerate(header) if name in header[:i]]
    if repeated:
        raise BatchFileError(f"column {repeated[0]!r} appears twice in the header (line {line})")
    return _rows(header, records, check_length=len(text) > MAX_FIELD_CHARS)


def _rows(
    header: list[str],
    records: Iterator[tuple[int, list[str] | None, str]],
    check_length: bool,
) -> Iterator[dict[str, str]]:
    width = len(header)
    org = header.index("organization") if "organization" in header else None
    number = 0
    for line, cells, problem in records:
        if cells == []:  # a blank line
            continue
        number += 1
        where = row_label(number, line)
        if cells is None:
            yield {"organization": "", LINE_KEY: str(line), ERROR_KEY: f"{where}: {problem}"}
            continue
        organization = cells[org] if org is not None and org < len(cells) else ""
        error = ""
        if len(cells) > width:
            error = f"{where}: has more cells than the header has columns"
        elif check_length and max(map(len, cells)) > MAX_FIELD_CHARS:
            column = next(i for i, cell in enumerate(cells) if len(cell) > MAX_FIELD_CHARS)
            error = (
                f"{where}: field {header[column]!r} is longer than {MAX_FIELD_CHARS:,} "
                f"characters: it has {len(cells[column]):,}"
            )
            if len(organization) > MAX_FIELD_CHARS:
                organization = ""
        if error:
            yield {"organization": organization, LINE_KEY: str(line), ERROR_KEY: error}
        else:  # a short row's missing cells are missing fields: they take their defaults
            padded = cells + [MISSING] * (width - len(cells)) if len(cells) < width else cells
            row = dict(zip(header, padded, strict=True))
            row[LINE_KEY] = str(line)
            yield row


def _group_columns(kb: KnowledgeBase, result: GroupScores) -> dict[str, np.ndarray]:
    """The output columns for one group of answer sets, in the group's row order."""
    solutions = result.solutions
    meets = result.meets
    first, second, has_second = top_two(result.totals, result.failure_key, meets)
    named = np.unique(np.concatenate([first, second[has_second]]))  # only these get names
    ids = np.empty(len(solutions), dtype=object)
    labels = np.empty(len(solutions), dtype=object)
    for s in named:
        members = solutions.component_indices(int(s))
        ids[s], labels[s] = solution_id(kb, members), solution_label(kb, members)
    rows = np.arange(len(result.rows))
    top_scores = result.totals[rows, first]
    runner_scores = np.where(has_second, result.totals[rows, second], np.nan)
    qualifying = meets.sum(axis=1)
    return {
        "outcome": np.where(
            qualifying >= 2, "recommend", np.where(qualifying == 1, "only_option", "no_fit")
        ).astype(object),
        "top_option": ids[first],
        "top_label": labels[first],
        "top_score": np.round(top_scores, 4),
        "top_meets_requirements": meets[rows, first],
        "top_monthly_cost_low": np.round(result.monthly[rows, first, LOW], 2),
        "top_monthly_cost_high": np.round(result.monthly[rows, first, HIGH], 2),
        "runner_up": np.where(has_second, ids[second], ""),
        "runner_up_score": np.round(runner_scores, 4),
        "runner_up_meets_requirements": np.where(has_second, meets[rows, second], None),
        "margin": np.round(top_scores - runner_scores, 4),
    }


CHUNK_ROWS = 20_000
"""Rows parsed, scored and written at a time: memory stays flat however long the file is."""

NUMBER_COLUMNS = (
    "top_score",
    "top_monthly_cost_low",
    "top_monthly_cost_high",
    "runner_up_score",
    "margin",
)
TEXT_COLUMNS = ("outcome", "top_option", "top_label", "runner_up")
FLAG_COLUMNS = ("top_meets_requirements", "runner_up_meets_requirements")


def score_rows(
    kb: KnowledgeBase,
    rows: Sequence[dict[str, str]],
    first_number: int = 1,
    method: str = "wsm",
    normalization: str | None = None,
) -> pd.DataFrame:
    """The output table of some rows (numbered from ``first_number``): the valid ones scored
    together, column by column; the others kept in place with their error."""
    parsed = parse_columns(kb, rows, first_number)
    count = len(rows)
    valid = np.flatnonzero(parsed.valid)
    columns: dict[str, np.ndarray] = {
        **{c: np.full(count, "", dtype=object) for c in TEXT_COLUMNS},
        **{c: np.full(count, np.nan) for c in NUMBER_COLUMNS},
        **{c: np.full(count, None, dtype=object) for c in FLAG_COLUMNS},
    }
    if valid.size:
        for result in score_arrays(kb, parsed.arrays, method, normalization):
            target = valid[result.rows]
            for column, values in _group_columns(kb, result).items():
                columns[column][target] = values
    table = pd.DataFrame(
        {
            "row": np.arange(first_number, first_number + count),
            "organization": [escape_cell(name) for name in parsed.organizations],
            **{c: columns[c] for c in TEXT_COLUMNS + NUMBER_COLUMNS},
            **{c: pd.array(columns[c], dtype="boolean") for c in FLAG_COLUMNS},
            "method": method,
            "error": [escape_cell(e) for e in parsed.errors],
        }
    )
    return table[list(OUTPUT_COLUMNS)]


def score_chunks(
    kb: KnowledgeBase,
    rows: Iterable[dict[str, str]],
    method: str = "wsm",
    normalization: str | None = None,
    chunk: int = CHUNK_ROWS,
) -> Iterator[pd.DataFrame]:
    """The output table of a batch, ``chunk`` rows at a time, in order."""
    pending: list[dict[str, str]] = []
    first = 1
    for row in rows:
        pending.append(row)
        if len(pending) == chunk:
            yield score_rows(kb, pending, first, method, normalization)
            first += len(pending)
            pending = []
    if pending:
        yield score_rows(kb, pending, first, method, normalization)
