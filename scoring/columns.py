"""Batch answers, parsed column by column: each distinct cell value is validated once.

A batch column holds a few hundred distinct values however many rows it has, so validating each
row on its own (as :func:`scoring.answers.parse_flat_answers` does) repeats the same work tens of
thousands of times. Here every column's distinct values go through the same per-field parser
(:func:`scoring.answers.parse_field`) once, a row's error is its first failing field in the
questionnaire's order (the message the row-by-row parser gives), and the valid rows are encoded
straight into the engine's arrays without building an answers object per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import numpy as np

from scoring.answers import MISSING, AnswersError, parse_field
from scoring.encoding import AnswerArrays, encode_columns
from scoring.knowledge import KnowledgeBase

LINE_KEY = "__line__"  # in a row from scoring.batch.read_rows: the line where the row starts
ERROR_KEY = "__error__"  # in such a row: why it cannot be used at all


@dataclass(frozen=True, eq=False)
class ParsedColumns:
    """Rows of a batch: the valid ones as arrays (in row order), every row's error ("" when valid)
    and organisation as written (even in a row that failed, so the output names it)."""

    arrays: AnswerArrays
    valid: np.ndarray  # (rows,) bool
    errors: list[str]
    organizations: list[str]


def row_label(number: int, line: int | str | None = None) -> str:
    """How an error names a row: data rows count from 1, file lines count the header too."""
    return f"row {number}" if line is None else f"row {number} (line {line} of the file)"


def _parsed_column(
    kb: KnowledgeBase, field: str, column: Sequence[Any]
) -> tuple[list[Any], list[AnswersError | None]]:
    """Every cell of a column parsed (None where it fails) and its error, each distinct cell once."""
    question = kb.question(field)
    if question.kind == "text":  # free text: often a new value on every row, and only a length
        limit = question.max_length or 0  # to check, so only an over-long cell goes to the parser
        column = [c if not isinstance(c, str) or len(c) > limit else "" for c in column]
    outcome: dict[Any, tuple[Any, AnswersError | None]] = {}
    for cell in dict.fromkeys(column):
        try:
            outcome[cell] = (parse_field(kb, question, cell, flat=True), None)
        except AnswersError as problem:
            outcome[cell] = (None, problem)
    return [outcome[c][0] for c in column], [outcome[c][1] for c in column]


def parse_columns(
    kb: KnowledgeBase, rows: Sequence[dict[str, Any]], first_number: int = 1
) -> ParsedColumns:
    """Parse rows of a batch (dicts of column -> cell, as ``read_rows`` gives them: every row that
    can be used holds every column of the header); rows are numbered from ``first_number`` in
    error messages."""
    errors = [r.get(ERROR_KEY, "") for r in rows]
    organizations = [r.get("organization", "") for r in rows]
    usable = [i for i, e in enumerate(errors) if not e]
    given = [q.id for q in kb.questions if usable and q.id in rows[usable[0]]]
    cells = dict(zip(given, _transpose([rows[i] for i in usable], given), strict=True))
    columns: dict[str, list[Any]] = {}
    for question in kb.questions:
        raw = cells.get(question.id) or [MISSING] * len(usable)
        values, problems = _parsed_column(kb, question.id, raw)
        for i, problem in zip(usable, problems, strict=True):
            if problem is not None and not errors[i]:
                errors[i] = f"{row_label(first_number + i, rows[i].get(LINE_KEY))}: {problem}"
        columns[question.id] = values
    keep = [k for k, i in enumerate(usable) if not errors[i]]  # positions among the usable rows
    arrays = encode_columns(
        kb, {field: [values[k] for k in keep] for field, values in columns.items()}, len(keep)
    )
    valid = np.array([not e for e in errors], dtype=bool)
    return ParsedColumns(arrays, valid, errors, organizations)


def _transpose(rows: Sequence[dict[str, Any]], fields: Sequence[str]) -> list[list[Any]]:
    """The columns ``fields`` of ``rows``, one list each (one C-level pass, not a loop per cell)."""
    if not fields or not rows:
        return [[] for _ in fields]
    picked = list(map(itemgetter(*fields), rows))
    if len(fields) == 1:
        return [picked]
    return [list(column) for column in zip(*picked, strict=True)]
