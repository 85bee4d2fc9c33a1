"""CSV in and out, the one safe way (the batch output, the report and every CSV the CLI prints).

Writing: RFC 4180 records ending in CRLF. Python's csv writer quotes a field that holds a character of
the line terminator, so with CRLF any field holding a CR *or* an LF is quoted and stays one cell (with
a bare LF terminator a lone CR went out unquoted and started a new row in a spreadsheet, carrying
whatever followed it, such as ``=cmd|...``, past the formula escaping). Text is encoded as strict
UTF-8: a value that is not valid Unicode (a lone surrogate) is an error that names its cell, never a
mangled byte. Formula escaping is not done here: callers escape text cells first with
:func:`scoring.report.escape_cell`.

Reading: :func:`read_records` gives each record with the line of the file where it starts, and
refuses a file that ends inside a quoted field. The csv module in its default (non-strict) mode
silently takes everything after an opening quote that is never closed, later rows included, as one
cell; here that is an :class:`UnterminatedQuoteError` naming the line where the quote opened.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Iterator

import pandas as pd

LINE_END = "\r\n"
ENCODING = "utf-8"
BOM = "\ufeff"
QUOTE = '"'


class CsvEncodingError(ValueError):
    """A text cell cannot be written as UTF-8 (a lone surrogate); the message names the cell."""


class UnterminatedQuoteError(ValueError):
    """The text ends inside a quoted field; ``line`` is the line where that field's quote opened."""

    def __init__(self, line: int, record_line: int, last_line: int) -> None:
        span = f"line {line}" if line == last_line else f"lines {line} to {last_line}"
        super().__init__(
            f"a quoted cell opened on line {line} is never closed, so {span} cannot be read "
            f'as rows; add the closing " (and write a " inside a quoted cell as "")'
        )
        self.line = line
        self.record_line = record_line
        self.last_line = last_line


# --- writing --------------------------------------------------------------------------------------


def frame_to_csv(frame: pd.DataFrame, header: bool = True) -> str:
    """The CSV text of a table: a header (unless a later chunk), then one CRLF-terminated record
    per row."""
    return frame.to_csv(index=False, header=header, lineterminator=LINE_END)


def _bad_cell(frame: pd.DataFrame) -> str:
    """Where the first value that UTF-8 cannot encode sits, e.g. ``row 1, column 'organization'``."""
    for column in frame.columns:
        for position, value in enumerate(frame[column]):
            if isinstance(value, str):
                try:
                    value.encode(ENCODING)
                except UnicodeEncodeError as exc:
                    character = value[exc.start]
                    return (
                        f"row {position + 1}, column {str(column)!r} holds {character!r} "
                        f"(character {exc.start + 1}), a lone surrogate that is not text"
                    )
    return "a value is not valid Unicode text"  # pragma: no cover - a column name, say


def frame_to_bytes(frame: pd.DataFrame, bom: bool = False, header: bool = True) -> bytes:
    """The CSV as UTF-8 bytes (with a byte-order mark when ``bom``, as spreadsheets like it;
    without the header for a later chunk of a long table).

    Raises :class:`CsvEncodingError` naming the row and column of a value that is not valid
    Unicode text.
    """
    text = frame_to_csv(frame, header)
    try:
        return ((BOM if bom else "") + text).encode(ENCODING)
    except UnicodeEncodeError:
        raise CsvEncodingError(f"cannot be written as UTF-8: {_bad_cell(frame)}") from None


# --- reading --------------------------------------------------------------------------------------


Record = tuple[int, list[str] | None, str]
"""``(line where the record starts, cells or None, problem)``; cells ``[]`` for a blank line."""


def _line_ends(text: str, start: int = 0, end: int | None = None) -> int:
    """How many line ends (CRLF, CR or LF, as the csv reader counts lines) ``text[start:end]`` has."""
    end = len(text) if end is None else end
    return (
        text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)
    )


@contextlib.contextmanager
def _field_limit(text: str) -> Iterator[None]:
    """No cell of ``text`` is too long for the reader while this lasts; then the process-wide
    limit is back as it was, so other users of the csv module see no change."""
    saved = csv.field_size_limit(max(csv.field_size_limit(), len(text)) + 1)
    try:
        yield
    finally:
        csv.field_size_limit(saved)


def _records_of(text: str) -> list[list[str]]:
    with _field_limit(text):
        return list(csv.reader(io.StringIO(text, newline="")))


def ends_inside_quotes(record_text: str) -> bool:
    """Does this text, the last record of a file, end inside a quoted field?

    Closing the quote changes nothing exactly then: with a ``"`` and a line end appended, a file
    that ends inside a quoted field reads the same records as before, while any other ending gains
    a record, a field or a character (a quote after a closed quoted field even reads as an escaped
    quote). So the check is the csv module's own reading, not a second parser that could disagree
    with it.
    """
    return _records_of(record_text) == _records_of(record_text + QUOTE + "\n")


def opening_quote_line(text: str, last_cell: str) -> int:
    """The line where the unterminated quoted field that ends ``text`` (holding ``last_cell``)
    opened: the field is its quote, then the cell with every ``"`` doubled, up to the end."""
    raw_length = 1 + len(last_cell) + last_cell.count(QUOTE)
    start = max(len(text) - raw_length, 0)
    return _line_ends(text, 0, start) + 1


_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")
"""One line with its ending (CRLF, CR or LF), as ``io.StringIO(text, newline="")`` splits them."""


class _Lines:
    """The lines of ``text`` one at a time, counting the characters handed out so far.

    Read straight from the string: an ``io.StringIO`` of the whole text keeps a copy of up to four
    bytes a character, which for a large batch was most of the memory the CLI used.
    """

    def __init__(self, text: str) -> None:
        self._matches = _LINE.finditer(text)
        self.consumed = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        match = next(self._matches)
        self.consumed = match.end()
        return match.group()


def read_records(text: str) -> Iterator[Record]:
    """Each CSV record of ``text`` with the line where it starts, lazily.

    No cell is too long for the reader (the whole text is already in memory; the caller decides
    what is too long); the process-wide csv limit is raised only while a record is read. Raises
    :class:`UnterminatedQuoteError` after the last record when the text ends inside a quoted
    field.
    """
    lines = _Lines(text)
    reader = csv.reader(lines)
    limit = max(csv.field_size_limit(), len(text)) + 1
    last: tuple[int, int, list[str] | None] | None = None  # line, offset, cells
    while True:
        start = reader.line_num + 1
        offset = lines.consumed
        saved = csv.field_size_limit(limit)  # inline, not _field_limit: this runs once a row
        try:
            cells, problem = next(reader), ""
        except StopIteration:
            break
        except csv.Error as exc:  # defensive: the default dialect hardly ever raises
            cells, problem = None, f"cannot be read as CSV ({exc})"
        finally:
            csv.field_size_limit(saved)
        last = (start, offset, cells)
        yield start, cells, problem
    if last is not None:
        line, offset, cells = last
        if cells and ends_inside_quotes(text[offset:]):
            opened = opening_quote_line(text, cells[-1])
            raise UnterminatedQuoteError(opened, line, reader.line_num)
