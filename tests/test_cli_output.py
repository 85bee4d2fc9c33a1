"""The command line's output when things go wrong on the way out, and CSV rows that must stay whole.

Standard output full (``> /dev/full``), closed (``>&-``) or cut short by its reader (``| head``), a
lone surrogate that UTF-8 cannot encode, a carriage return inside a cell, a quote never closed: each
is exit status 2 with one line on stderr (or, for ``| head``, a quiet success), never a traceback,
and never a row lost without a word.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
RECOMMEND = ["recommend", str(EXAMPLES / "clinic_documentation.json")]
COMMANDS = {
    "recommend-json": RECOMMEND,
    "recommend-csv": [*RECOMMEND, "--format", "csv"],
    "batch": ["batch", str(EXAMPLES / "batch.csv")],
}


def run(args: list[str], stdout=subprocess.PIPE, close_stdout: bool = False, **kwargs):
    def close() -> None:
        os.close(1)

    return subprocess.run(
        [sys.executable, "-m", "scoring", *args],
        cwd=REPO,
        stdout=stdout,
        stderr=subprocess.PIPE,
        preexec_fn=close if close_stdout else None,
        timeout=120,
        **kwargs,
    )


def one_line(result: subprocess.CompletedProcess, *needles: str) -> str:
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("command", COMMANDS)
def test_a_full_disk_on_standard_output_is_one_line(command: str) -> None:
    with open("/dev/full", "wb") as full:
        result = run(COMMANDS[command], stdout=full)
    one_line(result, "standard output cannot be written", "No space left on device")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_closed_standard_output_is_one_line(command: str) -> None:
    result = run(COMMANDS[command], stdout=None, close_stdout=True)
    one_line(result, "standard output is closed")


def test_batch_to_a_file_needs_no_standard_output(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = run([*COMMANDS["batch"], "-o", str(out)], stdout=None, close_stdout=True)
    assert result.returncode == 0, result.stderr
    assert len(pd.read_csv(out)) == len(pd.read_csv(EXAMPLES / "batch.csv"))


@pytest.mark.parametrize("command", COMMANDS)
def test_a_reader_that_stops_early_is_not_an_error(command: str) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "scoring", *COMMANDS[command]],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()  # like `| head -c 10`
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0, stderr
    assert stderr == ""


def test_a_lone_surrogate_with_csv_output_is_one_line_naming_the_field(tmp_path: Path) -> None:
    source = tmp_path / "answers.json"
    source.write_text('{"organization": "Acme \\ud800", "output_modalities": ["text"]}')
    result = run(["recommend", str(source), "--format", "csv"])
    one_line(result, str(source), "'organization'", "surrogate")
    assert result.stdout == b""
    # JSON output does not echo the answers, so it has nothing it cannot write
    assert run(["recommend", str(source)]).returncode == 0


def test_a_carriage_return_keeps_its_cell_and_smuggles_no_formula(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "organization,output_modalities\n\"Acme\r=cmd|' /C calc'!A0\",text\nBeta,text\n",
        newline="",
    )
    out = tmp_path / "out.csv"
    result = run(["batch", str(source), "-o", str(out)])
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    records = list(csv.reader(io.StringIO(data.decode(), newline="")))
    assert [r[1] for r in records] == ["organization", "Acme\r=cmd|' /C calc'!A0", "Beta"]
    assert data.count(b"\r\n") == 3  # the header and two rows, each ending in CRLF
    assert len(pd.read_csv(out)) == 2
    # standard output is written the same way
    printed = run(["batch", str(source)]).stdout
    assert printed == data


def test_an_unterminated_quote_is_exit_2_naming_the_line_and_writes_nothing(
    tmp_path: Path,
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        'organization,use_case,output_modalities\nAcme,"never closed,text\nB,x,text\nC,y,text\n'
    )
    out = tmp_path / "out.csv"
    result = run(["batch", str(source), "-o", str(out)])
    one_line(result, str(source), "opened on line 2", "never closed")
    assert not out.exists()
