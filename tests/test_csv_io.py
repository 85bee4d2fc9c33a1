"""CSV in and out (scoring.csv_io) and the batch command on any CSV a person or a tool could write.

The reference reader below is the csv module's default dialect written out as a state machine, one
character at a time, independently of ``scoring.csv_io``; it also remembers the line where each
quoted field opened. The properties compare the real reader and the whole ``batch`` command with it:
one output row per input record, or exit status 2 naming the line where a quote was never closed.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from scoring.batch import MAX_FIELD_CHARS, BatchFileError, read_rows
from scoring.cli import main
from scoring.csv_io import (
    UnterminatedQuoteError,
    frame_to_bytes,
    frame_to_csv,
    read_records,
)
from scoring.report import escape_cell

PROFILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- an independent reference reader -----------------------------------------------------------------


@dataclass
class Reading:
    records: list[list[str]]  # blank lines included, as []
    record_lines: list[int]  # the line where each record starts
    unterminated_at: int | None  # the line where a quote opened that the text never closes


def reference_read(text: str) -> Reading:
    """The csv module's default dialect (non-strict), one character at a time, each line followed
    by an end-of-line mark (None); a record is complete when a line leaves the reader at the start
    of a record."""
    lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z", text)
    records: list[list[str]] = []
    starts: list[int] = []
    fields: list[str] = []
    field = ""
    state = "record"
    opened = 0

    def end_field(c: str | None) -> None:
        nonlocal field, state
        fields.append(field)
        field = ""
        state = "start" if c == "," else "record" if c is None else "crnl"

    for number, line in enumerate(lines, start=1):
        if state == "record":
            starts.append(number)
        for c in [*line, None]:
            newline = c in ("\r", "\n")
            if state == "record":
                if c is None:
                    break
                if newline:
                    state = "crnl"
                    continue
                state = "start"
            if state == "start":
                if newline or c is None or c == ",":
                    end_field(c)
                elif c == '"':
                    state, opened = "quoted", number
                else:
                    field += c
                    state = "field"
            elif state == "field":
                if newline or c is None or c == ",":
                    end_field(c)
                else:
                    field += c
            elif state == "quoted":
                if c == '"':
                    state = "quote"
                elif c is not None:
                    field += c
            elif state == "quote":
                if c == '"':
                    field += c
                    state = "quoted"
                elif newline or c is None or c == ",":
                    end_field(c)
                else:
                    field += c
                    state = "field"
            elif state == "crnl" and c is None:
                state = "record"
        if state == "record":
            records.append(fields)
            fields = []
    unterminated = None
    if state == "quoted":
        fields.append(field)
        records.append(fields)
        unterminated = opened
    return Reading(records, starts, unterminated)


def real_read(text: str) -> Reading:
    records, starts = [], []
    try:
        for line, cells, problem in read_records(text):
            assert not problem and cells is not None
            records.append(cells)
            starts.append(line)
    except UnterminatedQuoteError as error:
        return Reading(records, starts, error.line)
    return Reading(records, starts, None)


# --- generated CSV text -------------------------------------------------------------------------------

PIECES = st.sampled_from(
    ["a", "Acme", ",", '"', '""', "\r", "\n", "\r\n", "\x00", "\ufeff", " ", "=cmd|' /C calc'!A0"]
)
TEXTS = st.lists(PIECES, max_size=40).map("".join)
LINE_ENDS = st.sampled_from(["\n", "\r\n", "\r"])
CELL_TEXT = st.one_of(
    st.sampled_from(["", "text", "image;text", "Acme", "huge", "=1+1", "@SUM(A1)", "-2"]),
    st.text(alphabet=st.sampled_from('ab,"\r\n\x00\ufeff=+-@\t;é€😀'), max_size=12),
)
HUGE = st.sampled_from([MAX_FIELD_CHARS, MAX_FIELD_CHARS + 1]).map(lambda n: "x" * n)


@st.composite
def cells(draw) -> str:
    """One cell as written: quoted properly, or left raw (a stray quote or line end stays); now
    and then a huge one, at or just over the longest cell accepted."""
    value = draw(HUGE) if draw(st.integers(0, 15)) == 0 else draw(CELL_TEXT)
    how = draw(st.sampled_from(["quoted", "raw", "raw", "unclosed"]))
    if how == "quoted":
        return '"' + value.replace('"', '""') + '"'
    if how == "unclosed":
        return '"' + value.replace('"', '""')
    return value


@st.composite
def batch_files(draw) -> str:
    """A batch CSV: an optional byte-order mark, the header, rows of generated cells, blank lines
    and any line ends, perhaps with no line end at the very end."""
    bom = draw(st.sampled_from(["", "\ufeff"]))
    end = draw(LINE_ENDS)
    rows = draw(st.lists(st.lists(cells(), min_size=1, max_size=4), min_size=1, max_size=6))
    body = ""
    for row in rows:
        body += ",".join(row) + draw(LINE_ENDS)
        body += draw(st.sampled_from(["", "", end]))  # a blank line now and then
    if draw(st.booleans()):
        body = body.rstrip("\r\n")
    return bom + "organization,use_case,output_modalities" + end + body


# --- reading ------------------------------------------------------------------------------------------


@PROFILE
@given(TEXTS)
@example('a\r\n"b\rc\r\n\r\nd')
@example('"')
@example('x,"')
@example('""""')
@example('"ab"c"d')
def test_the_reader_agrees_with_the_reference_and_names_the_opening_line(text: str) -> None:
    assert real_read(text) == reference_read(text)


def test_the_reference_reader_is_the_csv_module_where_quotes_are_closed() -> None:
    for text in ['a,b\r\n"c\nd",e\n\n', '"ab"c"d,x\r\r', "\x00,\ufeff\r\n", ',,\n"x""y",z']:
        assert reference_read(text).records == list(csv.reader(io.StringIO(text, newline="")))


def test_an_unterminated_quote_names_the_line_it_opened_on() -> None:
    text = 'organization,use_case\nAcme,"ok\nstill ok"\nBeta,"never closed\nGamma,x\nDelta,y\n'
    with pytest.raises(BatchFileError, match=r"opened on line 4 .*lines 4 to 6"):
        list(read_rows(text))
    # a header that opens a quote is refused before any row is read
    with pytest.raises(BatchFileError, match="opened on line 1"):
        read_rows('"organization,use_case\nAcme,x\n')


def test_a_closed_quote_at_the_very_end_is_fine() -> None:
    rows = list(read_rows('organization,output_modalities\n"A ""B""",text'))
    assert rows[0]["organization"] == 'A "B"'


# --- writing ------------------------------------------------------------------------------------------


@PROFILE
@given(st.lists(st.tuples(st.text(max_size=20), st.text(max_size=20)), max_size=8))
@example([("Acme\r=cmd|' /C calc'!A0", "x")])
@example([("\r", "\n"), ("\r\n", '"')])
def test_every_written_cell_reads_back_whole(rows: list[tuple[str, str]]) -> None:
    frame = pd.DataFrame(rows, columns=["a", "b"], dtype=object)
    text = frame_to_csv(frame)
    back = list(csv.reader(io.StringIO(text, newline="")))
    assert back == [["a", "b"], *[list(r) for r in rows]]
    assert text.endswith("\r\n")


def test_a_lone_surrogate_is_named_not_written() -> None:
    frame = pd.DataFrame({"organization": ["Acme", "B\ud800"]}, dtype=object)
    with pytest.raises(ValueError, match=r"row 2, column 'organization' holds '\\ud800'"):
        frame_to_bytes(frame)


# --- the batch command end to end -------------------------------------------------------------------


def run_batch(text: str, folder: Path) -> tuple[int, str, Path]:
    source, out = folder / "in.csv", folder / "out.csv"
    out.unlink(missing_ok=True)
    source.write_bytes(text.encode("utf-8"))
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        status = main(["batch", str(source), "-o", str(out)])
    return status, stderr.getvalue(), out


@settings(PROFILE, max_examples=100)
@given(batch_files())
@example("organization,use_case,output_modalities\nAcme\r=cmd|' /C calc'!A0,x,text\n")
@example('organization,use_case,output_modalities\nAcme,"never closed\nB,x,text\nC,y,text\n')
def test_batch_writes_one_row_per_record_or_exits_2_naming_the_line(text: str) -> None:
    reading = reference_read(text.removeprefix("\ufeff"))
    rows = [r for r in reading.records[1:] if r]
    with tempfile.TemporaryDirectory() as folder:
        status, stderr, out = run_batch(text, Path(folder))
        assert status in (0, 2), stderr
        lines = stderr.splitlines()
        assert len(lines) == (status == 2), stderr
        if reading.unterminated_at is not None:
            assert status == 2
            assert f"opened on line {reading.unterminated_at} " in stderr
            assert not out.exists(), "a file with an unclosed quote must not produce output"
            return
        if not rows:
            assert status == 2 and "no data rows" in stderr
            return
        assert out.exists(), stderr
        data = out.read_bytes()
    saved = csv.field_size_limit(len(data) + 1)  # an error may quote a huge cell
    try:
        written = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    finally:
        csv.field_size_limit(saved)
    assert len(written) == 1 + len(rows), "one output row per input record"
    header = written[0]
    table = [dict(zip(header, record, strict=True)) for record in written[1:]]
    assert [r["row"] for r in table] == [str(i) for i in range(1, len(rows) + 1)]
    for cells_in, row in zip(rows, table, strict=True):
        # the organisation as written; one over the cell limit may be left out of its error row
        kept = {escape_cell(cells_in[0])} | ({""} if len(cells_in[0]) > MAX_FIELD_CHARS else set())
        assert row["organization"] in kept
    assert (status == 2) == any(r["error"] for r in table)
    assert data.endswith(b"\r\n") and data.count(b"\r\n") >= len(written)
