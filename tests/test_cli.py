"""The command line as a user runs it: a real subprocess, real files, exit status and stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from scoring.knowledge_base import CRITERIA, SPEC_OPTIONS

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scoring", *args],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_bytes(*args: str, stdin: bytes) -> subprocess.CompletedProcess[str]:
    """Like :func:`run`, with raw bytes on standard input (stdout and stderr still decoded)."""
    result = subprocess.run(
        [sys.executable, "-m", "scoring", *args],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        timeout=120,
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
    )


def assert_bad_input(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0]


def test_recommend_prints_every_option_best_first_in_the_spec_shape() -> None:
    result = run("recommend", str(EXAMPLES / "clinic_documentation.json"))
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["method"] == "wsm"
    assert set(output["weights"]) == set(CRITERIA)
    assert sum(output["weights"].values()) == pytest.approx(1)
    ranking = output["ranking"]
    assert sorted(r["option"] for r in ranking) == sorted(SPEC_OPTIONS)
    assert [r["rank"] for r in ranking] == list(range(1, len(ranking) + 1))
    # A regulated, accuracy-critical clinic keeps its notes in house (see test_scenarios).
    assert ranking[0]["option"] == "llm_self_hosted"
    for row in ranking:
        assert 0 <= row["score"] <= 100
        assert set(row["criteria"]) == set(CRITERIA)
        assert sum(row["contributions"].values()) == pytest.approx(row["score"])


def test_recommend_reads_stdin_and_names_the_topsis_normalisation() -> None:
    answers = (EXAMPLES / "marketing_campaigns.json").read_text()
    result = run("recommend", "-", "--method", "topsis", "--normalization", "minmax", stdin=answers)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert (output["method"], output["normalization"]) == ("topsis", "minmax")


def test_recommend_csv_format_is_the_report() -> None:
    result = run("recommend", str(EXAMPLES / "marketing_campaigns.json"), "--format", "csv")
    assert result.returncode == 0, result.stderr
    from io import StringIO

    frame = pd.read_csv(StringIO(result.stdout))
    assert len(frame) == len(SPEC_OPTIONS)
    assert frame.loc[0, "option"] == "llm_genai_pipeline"
    assert frame.loc[0, "answer_organization"] == "Brightwave Retail"


@pytest.mark.parametrize(
    ("content", "needles"),
    [
        ('{"output_modalities": ["text"], "volume": "huge"}', ["volume", "huge", "very_high"]),
        ('{"output_modalities": ["text"], "colour": "red"}', ["colour", "unknown field"]),
        ('{"output_modalities": []}', ["output_modalities"]),
        ("{}", ["output_modalities", "required"]),
        ('{"output_modalities": ["text"], "priorities": {"cost": 7}}', ["priorities", "cost"]),
        ('{"output_modalities": ["text"],', ["invalid JSON", "line 1"]),
        ("[1, 2]", ["JSON object"]),
        ("[" * 100_000, ["invalid JSON", "nested too deeply"]),
        ('{"priorities": {"cost": ' + "1" * 5000 + "}}", ["invalid JSON", "digits"]),
    ],
)
def test_recommend_rejects_bad_answers_with_one_line(
    tmp_path: Path, content: str, needles: list[str]
) -> None:
    path = tmp_path / "answers.json"
    path.write_text(content)
    assert_bad_input(run("recommend", str(path)), str(path), *needles)


def test_recommend_missing_file() -> None:
    assert_bad_input(
        run("recommend", "no/such/answers.json"), "no/such/answers.json", "no such file"
    )


def test_unknown_command_and_option_exit_2_without_traceback() -> None:
    assert_bad_input(run("frobnicate"), "invalid choice")
    assert_bad_input(run("recommend", "x.json", "--method", "magic"), "magic")


def test_batch_scores_each_row_in_order(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = run("batch", str(EXAMPLES / "batch.csv"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(out, keep_default_na=False)
    source = pd.read_csv(EXAMPLES / "batch.csv")
    assert list(table["row"]) == list(range(1, len(source) + 1))
    assert list(table["organization"]) == list(source["organization"])
    assert list(table["top_option"]) == [
        "llm_self_hosted",
        "llm_genai_pipeline",
        "llm_api",
        "video_generation",
    ]
    assert (table["error"] == "").all()
    # The runner-up is the real alternative: the best other option meeting the requirements.
    # The retailer needs text and images and the studio video: only one option meets that.
    assert list(table["runner_up"]) == ["llm_api", "", "llm_self_hosted", ""]
    assert list(table["margin"].astype(str))[1::2] == ["", ""]
    for _, row in table.iloc[[0, 2]].iterrows():
        assert row["runner_up_meets_requirements"] == "True"
        assert float(row["margin"]) == pytest.approx(
            float(row["top_score"]) - float(row["runner_up_score"]), abs=1e-3
        )


def test_batch_runner_up_matches_the_single_recommendation(tmp_path: Path) -> None:
    from scoring import default_knowledge_base, parse_flat_answers, recommend

    kb = default_knowledge_base()
    out = tmp_path / "out.csv"
    assert run("batch", str(EXAMPLES / "batch.csv"), "-o", str(out)).returncode == 0
    table = pd.read_csv(out, keep_default_na=False)
    source = pd.read_csv(EXAMPLES / "batch.csv", dtype=str, keep_default_na=False)
    for (_, row), (_, raw) in zip(table.iterrows(), source.iterrows(), strict=True):
        single = recommend(kb, parse_flat_answers(kb, raw.to_dict()))
        expected = single.runner_up.option if single.runner_up else ""
        assert row["runner_up"] == expected


def test_batch_keeps_a_bad_row_in_place_and_scores_the_rest(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "organization,output_modalities,volume\n"
        "Good One,text,low\n"
        "=Bad Row,text,huge\n"
        "Good Two,image,high\n"
    )
    out = tmp_path / "out.csv"
    result = run("batch", str(source), "-o", str(out))
    assert_bad_input(result, str(source), "row 2", "volume", "huge", "line 3 of the file")
    table = pd.read_csv(out, keep_default_na=False)
    assert len(table) == 3
    assert list(table["organization"]) == ["Good One", "'=Bad Row", "Good Two"]
    assert table.loc[1, "top_option"] == ""
    assert "volume" in table.loc[1, "error"]
    assert table.loc[0, "top_option"] == "llm_api"
    assert table.loc[2, "top_option"] == "image_generation"


@pytest.mark.parametrize(
    ("content", "needles"),
    [
        ("", ["empty"]),
        ("organization,colour\nAcme,red\n", ["colour", "unknown column"]),
    ],
)
def test_batch_rejects_a_bad_file(tmp_path: Path, content: str, needles: list[str]) -> None:
    source = tmp_path / "in.csv"
    source.write_text(content)
    assert_bad_input(run("batch", str(source), "-o", str(tmp_path / "out.csv")), *needles)


def test_batch_row_with_too_many_cells_is_reported(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("organization,output_modalities\nA,text\nB,text,extra\n")
    out = tmp_path / "out.csv"
    assert_bad_input(run("batch", str(source), "-o", str(out)), "row 2", "more cells")
    table = pd.read_csv(out, keep_default_na=False)
    assert list(table["organization"]) == ["A", "B"]
    assert table.loc[0, "top_option"] == "llm_api"
    assert table.loc[1, "top_option"] == ""


BOM = b"\xef\xbb\xbf"
GOOD_JSON = b'{"organization": "Acme", "output_modalities": ["text"]}'
GOOD_CSV = b"organization,output_modalities,volume\r\nAcme,text,low\r\n"


@pytest.mark.parametrize(
    ("cells", "bad_row", "field"),
    [
        (['B,text,"{long}"'], 2, "volume"),  # a quoted cell
        (["B,text,{long}"], 2, "volume"),  # an unquoted cell
        (['"{long}",text,low'], 2, "organization"),
        (['"multi\nline {long}",text,low'], 2, "organization"),  # a quoted cell over two lines
    ],
    ids=["quoted", "unquoted", "organization", "multi-line"],
)
def test_batch_cell_over_the_csv_field_limit_fails_only_its_row(
    tmp_path: Path, cells: list[str], bad_row: int, field: str
) -> None:
    long = "x" * 200_000  # over the csv module's 131,072 default
    body = "".join(cell.format(long=long) + "\n" for cell in cells)
    source = tmp_path / "in.csv"
    source.write_text(f"organization,output_modalities,volume\nA,text,low\n{body}C,image,high\n")
    out = tmp_path / "out.csv"
    result = run("batch", str(source), "-o", str(out))
    assert_bad_input(
        result,
        str(source),
        f"row {bad_row} (line {bad_row + 1} of the file)",
        repr(field),
        "longer than 131,072 characters",
    )
    assert len(result.stderr) < 500  # the long value is not echoed
    table = pd.read_csv(out, keep_default_na=False)
    assert list(table["row"]) == [1, 2, 3]
    assert list(table["top_option"]) == ["llm_api", "", "image_generation"]
    assert "longer than" in table.loc[1, "error"]
    assert table.loc[1, "organization"] in ("", "B")
    assert table.loc[2, "organization"] == "C"


def test_reading_a_long_cell_leaves_the_csv_module_limit_alone() -> None:
    import csv

    from scoring.batch import read_rows

    before = csv.field_size_limit()
    rows = list(read_rows("organization,volume\n" + "x" * 200_000 + ",low\nB,low\n"))
    assert [row.get("__error__", "")[:5] for row in rows] == ["row 1", ""]
    assert csv.field_size_limit() == before


def test_batch_errors_name_the_data_row_and_the_line_of_the_file(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    # a quoted cell over two lines and a blank line: the data row and the file line differ by more
    source.write_text(
        'organization,output_modalities,volume\n"Two\nlines",text,low\n\nBad,text,huge\n'
    )
    out = tmp_path / "out.csv"
    result = run("batch", str(source), "-o", str(out))
    assert_bad_input(result, str(source), "row 2 (line 5 of the file)", "volume", "huge")
    table = pd.read_csv(out, keep_default_na=False)
    assert list(table["organization"]) == ["Two\nlines", "Bad"]
    assert table.loc[1, "error"].startswith("row 2 (line 5 of the file): ")


@pytest.mark.parametrize("via_stdin", [False, True], ids=["file", "stdin"])
@pytest.mark.parametrize("command", ["recommend", "batch"])
def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path, command: str, via_stdin: bool) -> None:
    data = BOM + (GOOD_JSON if command == "recommend" else GOOD_CSV)
    if via_stdin:
        result = run_bytes(command, "-", stdin=data)
    else:
        source = tmp_path / "in"
        source.write_bytes(data)
        result = run(command, str(source))
    assert result.returncode == 0, result.stderr
    if command == "recommend":
        assert json.loads(result.stdout)["ranking"][0]["option"] == "llm_api"
    else:
        from io import StringIO

        table = pd.read_csv(StringIO(result.stdout), keep_default_na=False)
        assert list(table["organization"]) == ["Acme"]
        assert list(table["top_option"]) == ["llm_api"]


NOT_UTF8 = [
    pytest.param("Caf\u00e9".encode("latin-1"), ["not UTF-8", "0xe9", "line 2"], id="latin-1"),
    pytest.param(None, ["not UTF-8", "UTF-16"], id="utf-16"),
]


def _encoded(command: str, data: bytes | None) -> bytes:
    """A file whose second line holds ``data`` (or, for None, a whole UTF-16 file)."""
    if command == "recommend":
        if data is None:
            return GOOD_JSON.decode().encode("utf-16")
        return b'{"output_modalities": ["text"],\n"organization": "' + data + b'"}'
    if data is None:
        return GOOD_CSV.decode().encode("utf-16")
    return b"organization,output_modalities\n" + data + b",text\n"


@pytest.mark.parametrize(("data", "needles"), NOT_UTF8)
@pytest.mark.parametrize("command", ["recommend", "batch"])
def test_a_file_that_is_not_utf8_is_rejected_with_one_line(
    tmp_path: Path, command: str, data: bytes | None, needles: list[str]
) -> None:
    source = tmp_path / "in"
    source.write_bytes(_encoded(command, data))
    assert_bad_input(run(command, str(source)), str(source), *needles)


@pytest.mark.parametrize(
    ("command", "data", "needles"),
    [
        ("recommend", _encoded("recommend", b"\xff"), ["not UTF-8", "0xff", "line 2"]),
        ("batch", _encoded("batch", b"\xff"), ["not UTF-8", "0xff", "line 2"]),
        ("recommend", b"\xff\xfe{\x00", ["not UTF-8", "UTF-16"]),
        ("recommend", b"[" * 100_000, ["invalid JSON", "nested too deeply"]),
        ("recommend", b'{"output_modalities": ', ["invalid JSON", "line 1"]),
        ("recommend", b'{"volume": "huge", "output_modalities": ["text"]}', ["volume", "huge"]),
        ("batch", b"", ["empty"]),
        ("batch", BOM + b"organization,colour\nAcme,red\n", ["unknown column 'colour'"]),
        ("batch", b"organization,output_modalities\n", ["no data rows"]),
    ],
    ids=[
        "json-not-utf8",
        "csv-not-utf8",
        "utf16",
        "deep-json",
        "truncated-json",
        "bad-value",
        "empty-csv",
        "unknown-column",
        "header-only",
    ],
)
def test_stdin_errors_are_one_line_naming_stdin(
    command: str, data: bytes, needles: list[str]
) -> None:
    assert_bad_input(run_bytes(command, "-", stdin=data), "<stdin>", *needles)


def test_closed_stdin_is_one_line() -> None:
    import os

    result = subprocess.run(
        [sys.executable, "-m", "scoring", "recommend", "-"],
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.close(0),
    )
    assert_bad_input(result, "<stdin>", "closed")


@pytest.mark.parametrize("command", ["recommend", "batch"])
def test_a_directory_or_no_name_as_input_is_one_line(tmp_path: Path, command: str) -> None:
    assert_bad_input(run(command, str(tmp_path)), str(tmp_path), "is a directory")
    assert_bad_input(run(command, ""), "no file name")


@pytest.mark.parametrize(
    "content",
    [
        "organization,output_modalities\n",
        "organization,output_modalities",  # no newline at the end
        "\norganization,output_modalities\n\n\n",  # blank lines around the header
    ],
)
def test_batch_header_only_is_rejected_with_one_line(tmp_path: Path, content: str) -> None:
    source = tmp_path / "in.csv"
    source.write_text(content)
    out = tmp_path / "out.csv"
    assert_bad_input(run("batch", str(source), "-o", str(out)), str(source), "no data rows")
    assert not out.exists()


@pytest.mark.parametrize(
    ("output", "needles"),
    [
        ("missing/dir/out.csv", ["cannot be written", "non-existent directory"]),
        (".", ["cannot be written", "directory"]),
    ],
)
def test_batch_unwritable_output_says_why(tmp_path: Path, output: str, needles: list[str]) -> None:
    target = str(tmp_path / output)
    result = run("batch", str(EXAMPLES / "batch.csv"), "-o", target)
    assert_bad_input(result, target, *needles)
    assert "None" not in result.stderr
