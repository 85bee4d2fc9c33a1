"""Batch scoring of a CSV of answer sets: one output row per input row, in order, nothing dropped.

The runner-up is the real alternative: when the top option meets the hard requirements, the best
other option that meets them (empty when there is none); when nothing meets them, the second.
The margin is the top score minus the runner-up's. A row that fails
validation keeps its place with an ``error`` saying which row and field; the valid
rows are scored together in one vectorised call.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoring.answers import Answers, AnswersError, parse_flat_answers
from scoring.engine import Method, score_batch
from scoring.knowledge_base import ANSWER_FIELDS, KnowledgeBase
from scoring.report import escape_cell

OUTPUT_COLUMNS = (
    "row",
    "organization",
    "top_option",
    "top_label",
    "top_score",
    "top_meets_requirements",
    "runner_up",
    "runner_up_score",
    "runner_up_meets_requirements",
    "margin",
    "method",
    "error",
)


class BatchFileError(ValueError):
    """The CSV as a whole cannot be read (not a row-level problem)."""


@dataclass(frozen=True)
class ParsedBatch:
    answers: list[Answers | None]  # None where the row failed validation
    errors: list[str]  # "" where the row is valid
    organizations: list[str]  # as written, even in a row that failed, so the output names it


def read_rows(text: str) -> Iterator[dict[str, str]]:
    """Rows of CSV text keyed by column, lazily; the header is checked before the first row."""
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames
    if not header:
        raise BatchFileError("the file is empty; expected a header row with answers fields")
    unknown = [name for name in header if name not in ANSWER_FIELDS]
    if unknown:
        raise BatchFileError(
            f"unknown column {unknown[0]!r}; allowed columns: {', '.join(ANSWER_FIELDS)}"
        )
    if len(set(header)) != len(header):
        raise BatchFileError("a column appears twice in the header")
    return _rows(reader)


def _rows(reader: csv.DictReader) -> Iterator[dict[str, str]]:
    for number, row in enumerate(reader, start=1):
        if None in row:  # more cells than header columns
            yield {
                "organization": row.get("organization") or "",
                "__error__": f"row {number}: has more cells than the header has columns",
            }
        else:
            yield {k: v for k, v in row.items() if v is not None}


def parse_rows(kb: KnowledgeBase, rows: Iterable[dict[str, str]]) -> ParsedBatch:
    answers: list[Answers | None] = []
    errors: list[str] = []
    organizations: list[str] = []
    for number, row in enumerate(rows, start=1):
        organizations.append(row.get("organization", ""))
        if "__error__" in row:
            answers.append(None)
            errors.append(row["__error__"])
            continue
        try:
            answers.append(parse_flat_answers(kb, row))
            errors.append("")
        except AnswersError as problem:
            answers.append(None)
            errors.append(f"row {number}: {problem}")
    return ParsedBatch(answers, errors, organizations)


def runner_up_positions(order: np.ndarray, meets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the runner-up's option index and whether there is one.

    Same rule as :attr:`scoring.engine.Recommendation.runner_up`: when the top option meets the
    requirements, the best other option that meets them too (none if there is none); otherwise the
    second in the ranking.
    """
    meets_sorted = np.take_along_axis(meets, order, axis=1)
    top_meets = meets_sorted[:, 0]
    later_meeting = meets_sorted[:, 1:]
    first_meeting = later_meeting.argmax(axis=1) + 1  # position in order of the first True
    has_meeting = later_meeting.any(axis=1)
    position = np.where(top_meets, first_meeting, 1)
    has_second = ~top_meets | has_meeting
    return order[np.arange(len(order)), position], has_second


def score_parsed(kb: KnowledgeBase, parsed: ParsedBatch, method: Method = "wsm") -> pd.DataFrame:
    """The output table: valid rows scored in one call, invalid rows kept with their error."""
    valid = [i for i, a in enumerate(parsed.answers) if a is not None]
    count = len(parsed.answers)
    table = pd.DataFrame({"row": np.arange(1, count + 1)})
    table["organization"] = [escape_cell(name) for name in parsed.organizations]
    for column in ("top_option", "top_label", "runner_up"):
        table[column] = ""
    for column in ("top_score", "runner_up_score", "margin"):
        table[column] = np.nan
    for column in ("top_meets_requirements", "runner_up_meets_requirements"):
        table[column] = pd.Series([pd.NA] * count, dtype="boolean")
    table["method"] = method
    table["error"] = [escape_cell(e) for e in parsed.errors]
    if valid:
        result = score_batch(kb, [parsed.answers[i] for i in valid], method)
        rows = np.arange(len(valid))
        first = result.order[:, 0]
        second, has_second = runner_up_positions(result.order, result.meets)
        top_scores = result.totals[rows, first]
        runner_scores = np.where(has_second, result.totals[rows, second], np.nan)
        ids = np.array(kb.option_ids, dtype=object)
        labels = np.array([o.label for o in kb.options], dtype=object)
        table.loc[valid, "top_option"] = ids[first]
        table.loc[valid, "top_label"] = labels[first]
        table.loc[valid, "top_score"] = np.round(top_scores, 4)
        table.loc[valid, "top_meets_requirements"] = result.meets[rows, first]
        table.loc[valid, "runner_up"] = np.where(has_second, ids[second], "")
        table.loc[valid, "runner_up_score"] = np.round(runner_scores, 4)
        table.loc[valid, "runner_up_meets_requirements"] = pd.array(
            np.where(has_second, result.meets[rows, second], False), dtype="boolean"
        )
        table.loc[np.array(valid)[~has_second], "runner_up_meets_requirements"] = pd.NA
        table.loc[valid, "margin"] = np.round(top_scores - runner_scores, 4)
    return table[list(OUTPUT_COLUMNS)]
