"""``python -m scoring recommend``: the command line as a user runs it (SPEC, Command line).

Most tests call ``scoring.cli.main`` in this process (``support.run_cli``: same code, real
streams swapped for in-memory ones); a few run a real ``python -m scoring`` subprocess, so the
entry point, exit status and the absence of a traceback are checked end to end. The batch command
has its own file, tests/test_batch.py.

Golden files: tests/golden/ holds the CLI's JSON and CSV for examples/clinic_documentation.json
and examples/marketing_campaigns.json, and its batch output for examples/batch.csv, generated from
the CLI, so a refactor that changes any output shows up here. When an output is meant to change
(new data, a model change), regenerate them deliberately and review the diff:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q -p no:cacheprovider tests/test_cli.py -k golden
    git diff tests/golden/

JSON numbers are compared to 1e-9 (so float noise of another CPU does not count as a change);
every other JSON value, key and key order exactly; CSV cells as text, exactly, except the
report's ``generated_at`` timestamp, which is blanked in the golden file.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from support import (
    CLOSED,
    EXAMPLES,
    PRODUCT_KEYS,
    assert_bad_input,
    read_report,
    run_cli,
    run_module,
)

from scoring.answers import parse_answers
from scoring.engine import recommend
from scoring.knowledge import KnowledgeBase
from scoring.methods import METHODS, get_method
from scoring.report import report_columns
from scoring.report_headers import FIXED_HEADERS
from scoring.shortlist import shortlist_for

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"
EXAMPLE_ANSWERS = sorted(EXAMPLES.glob("*.json"))
GOLDEN_EXAMPLES = ("clinic_documentation", "marketing_campaigns")
BOM = b"\xef\xbb\xbf"
GOOD_JSON = b'{"organization": "Acme", "output_modalities": ["text"]}'
GOOD_CSV = b"organization,output_modalities,volume\r\nAcme,text,low\r\n"
TOP_LEVEL_KEYS = {
    "outcome",
    "method",
    "normalization",
    "kb_version",
    "budget_ceiling",
    "weights",
    "weights_source",
    "ranking",
}
SOLUTION_KEYS = {
    "rank",
    "option",
    "label",
    "score",
    "meets_requirements",
    "unmet_requirements",
    "to_qualify",
    "components",
    "approaches",
    "deployments",
    "criteria",
    "contributions",
    "monthly_cost",
    "shortlist",
}


def write(tmp_path: Path, content: str | bytes, name: str = "answers.json") -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def recommend_json(*args: str, stdin: bytes | None = None) -> dict[str, Any]:
    result = run_cli("recommend", *args, stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


# --- the JSON output (SPEC version 2) --------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLE_ANSWERS, ids=lambda p: p.stem)
def test_recommend_prints_every_listed_solution_best_first_in_the_v2_shape(
    kb: KnowledgeBase, path: Path
) -> None:
    output = recommend_json(str(path))
    assert set(output) >= TOP_LEVEL_KEYS
    assert output["method"] == "wsm"
    assert output["kb_version"] == kb.version
    assert list(output["weights"]) == list(kb.criterion_ids)
    assert sum(output["weights"].values()) == pytest.approx(1)
    answers = parse_answers(kb, json.loads(path.read_text(encoding="utf-8")))
    ceiling = kb.money.budget_ceilings.values[answers.budget]
    assert output["budget_ceiling"] == (None if ceiling is None else pytest.approx(ceiling))

    ranking = output["ranking"]
    assert [r["rank"] for r in ranking] == list(range(1, len(ranking) + 1))
    assert len({r["option"] for r in ranking}) == len(ranking)
    listed = {c for r in ranking for c in r["components"]}
    assert listed == set(kb.component_ids), "every component appears in a listed solution"
    qualifying = sum(r["meets_requirements"] for r in ranking)
    expected_outcome = (
        "recommend" if qualifying >= 2 else "only_option" if qualifying == 1 else "no_fit"
    )
    assert output["outcome"] == expected_outcome
    flags = [r["meets_requirements"] for r in ranking]
    assert flags == sorted(flags, reverse=True), "qualifying solutions first"
    for r in ranking:
        assert set(r) >= SOLUTION_KEYS, r["option"]
        assert r["option"] == "+".join(r["components"])
        components = [kb.component(c) for c in r["components"]]
        assert r["approaches"] == [c.approach for c in components]
        assert r["deployments"] == [c.deployment for c in components]
        assert 0 <= r["score"] <= 100
        assert list(r["criteria"]) == list(kb.criterion_ids)
        assert all(0 <= v <= 100 for v in r["criteria"].values())
        assert sum(r["contributions"].values()) == pytest.approx(r["score"], abs=1e-9)
        assert r["meets_requirements"] == (r["unmet_requirements"] == [])
        assert all(isinstance(s, str) and s for s in r["unmet_requirements"])
        assert len(r["to_qualify"]) == len(r["unmet_requirements"])
        cost = r["monthly_cost"]
        assert cost["currency"] == "USD"
        assert 0 <= cost["low"] <= cost["high"]
        assert list(r["shortlist"]) == r["components"]
        for component in components:
            products = r["shortlist"][component.id]
            shown = shortlist_for(kb, component.id, answers)
            assert [p["name"] for p in products] == [p.name for p in shown]
            assert len(products) >= 1
            for product in products:
                assert set(product) >= PRODUCT_KEYS
                assert product["commercial_use"] in ("yes", "limited", "no")


@pytest.mark.parametrize("method", list(METHODS))
def test_recommend_json_is_the_engine_s_recommendation(kb: KnowledgeBase, method: str) -> None:
    path = EXAMPLES / "marketing_campaigns.json"
    output = recommend_json(str(path), "--method", method)
    answers = parse_answers(kb, json.loads(path.read_text(encoding="utf-8")))
    expected = recommend(kb, answers, method).to_dict()
    assert output == json.loads(json.dumps(expected))
    assert output["normalization"] == (get_method(method).normalizations or (None,))[0]


@pytest.mark.parametrize(
    ("method", "normalization"),
    [(m.name, n) for m in METHODS.values() for n in m.normalizations],
)
def test_recommend_reads_stdin_and_names_the_method_and_normalisation(
    kb: KnowledgeBase, method: str, normalization: str
) -> None:
    data = (EXAMPLES / "marketing_campaigns.json").read_bytes()
    output = recommend_json("-", "--method", method, "--normalization", normalization, stdin=data)
    assert (output["method"], output["normalization"]) == (method, normalization)
    expected = recommend(kb, parse_answers(kb, json.loads(data)), method, normalization)
    assert [r["option"] for r in output["ranking"]] == [r.option for r in expected.ranking]


def test_recommend_csv_format_is_the_report(kb: KnowledgeBase) -> None:
    path = EXAMPLES / "marketing_campaigns.json"
    result = run_cli("recommend", str(path), "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert not result.stdout_bytes.startswith(BOM), "no byte-order mark in the middle of a pipe"
    frame = read_report(result.stdout_bytes)
    expected = recommend(kb, parse_answers(kb, json.loads(path.read_text(encoding="utf-8"))))
    assert list(frame["option"]) == [r.option for r in expected.ranking]
    assert list(frame.columns[: len(report_columns(kb.criterion_ids))]) == report_columns(
        kb.criterion_ids
    )
    assert set(frame["answer_organization"]) == {"Brightwave Retail"}


@pytest.mark.parametrize("path", EXAMPLE_ANSWERS, ids=lambda p: p.stem)
def test_version_1_answers_files_still_work(kb: KnowledgeBase, path: Path) -> None:
    """The examples predate version 2 (no ``monthly_requests``, only version-1 tasks)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert "monthly_requests" not in raw
    for method in METHODS:
        output = recommend_json(str(path), "--method", method)
        assert output["ranking"] and output["outcome"]


# --- monthly_requests ------------------------------------------------------------------------------


def test_monthly_requests_bounds_are_accepted_and_override_the_volume(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    question = kb.question("monthly_requests")
    costs = {}
    for count in (question.min, question.max, None):
        raw = {"output_modalities": ["text"], "volume": "medium", "monthly_requests": count}
        output = recommend_json(write(tmp_path, json.dumps(raw)))
        costs[count] = {r["option"]: r["monthly_cost"]["high"] for r in output["ranking"]}
    for option, high in costs[question.max].items():
        assert costs[question.min][option] <= costs[None][option] <= high, option
    assert costs[question.max] != costs[None]


@pytest.mark.parametrize(
    ("value", "needles"),
    [
        ("0", ["is 0", "at least 1"]),
        ("-5", ["is -5", "at least 1"]),
        ("2000000000", ["2,000,000,000", "at most 1,000,000,000"]),
        ('"abc"', ["whole number", "'abc'"]),
        ("1.5", ["whole number", "1.5"]),
        ("true", ["whole number", "True"]),
        ('"1000"', ["whole number", "'1000'"]),
        ("[1]", ["whole number"]),
    ],
    ids=["zero", "negative", "too-many", "text", "fraction", "boolean", "quoted", "list"],
)
def test_a_bad_monthly_requests_is_one_line_naming_the_field(
    tmp_path: Path, value: str, needles: list[str]
) -> None:
    path = write(tmp_path, '{"output_modalities": ["text"], "monthly_requests": ' + value + "}")
    assert_bad_input(run_cli("recommend", path), path, "'monthly_requests'", *needles)


# --- bad input: exit 2, one line naming the file and the field, never a traceback --------------------


@pytest.mark.parametrize(
    ("content", "needles"),
    [
        ('{"output_modalities": ["text"], "volume": "huge"}', ["'volume'", "huge", "very_high"]),
        ('{"output_modalities": ["text"], "colour": "red"}', ["'colour'", "unknown field"]),
        ('{"output_modalities": ["text"], "tasks": ["dance"]}', ["'tasks'", "dance"]),
        ('{"output_modalities": ["smell"]}', ["'output_modalities'", "smell"]),
        ('{"output_modalities": []}', ["'output_modalities'"]),
        ("{}", ["'output_modalities'", "required"]),
        ('{"output_modalities": ["text"], "priorities": {"cost": 7}}', ["priorities", "cost"]),
        ('{"output_modalities": ["text"], "priorities": {"speed": 3}}', ["priorities", "speed"]),
        ('{"output_modalities": ["text"], "organization": 5}', ["'organization'", "text"]),
        ('{"output_modalities": ["text"],', ["invalid JSON", "line 1"]),
        ("[1, 2]", ["JSON object"]),
        ("[" * 100_000, ["invalid JSON", "nested too deeply"]),
        ('{"priorities": {"cost": ' + "1" * 5000 + "}}", ["invalid JSON", "digits"]),
        ("", ["invalid JSON"]),
    ],
    ids=[
        "unknown-value",
        "unknown-field",
        "unknown-task",
        "unknown-modality",
        "no-outputs",
        "empty-object",
        "priority-out-of-range",
        "unknown-criterion",
        "text-not-text",
        "truncated",
        "not-an-object",
        "deep",
        "huge-number",
        "empty-file",
    ],
)
def test_recommend_rejects_bad_answers_with_one_line(
    tmp_path: Path, content: str, needles: list[str]
) -> None:
    path = write(tmp_path, content)
    assert_bad_input(run_cli("recommend", path), path, *needles)


def test_an_unknown_value_lists_the_allowed_ones(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = write(tmp_path, '{"output_modalities": ["text"], "budget": "lavish"}')
    line = assert_bad_input(run_cli("recommend", path), path, "'budget'", "lavish")
    for allowed in kb.choice_ids("budget"):
        assert allowed in line


def test_recommend_missing_file() -> None:
    assert_bad_input(
        run_cli("recommend", "no/such/answers.json"), "no/such/answers.json", "no such file"
    )


@pytest.mark.parametrize("command", ["recommend", "batch"])
def test_a_directory_or_no_name_as_input_is_one_line(tmp_path: Path, command: str) -> None:
    assert_bad_input(run_cli(command, str(tmp_path)), str(tmp_path), "is a directory")
    assert_bad_input(run_cli(command, ""), "no file name")


@pytest.mark.parametrize("command", ["recommend", "batch"])
def test_closed_stdin_is_one_line(command: str) -> None:
    assert_bad_input(run_cli(command, "-", stdin=CLOSED), "<stdin>", "closed")


def test_unknown_command_and_options_exit_2_with_one_line() -> None:
    assert_bad_input(run_cli("frobnicate"), "invalid choice")
    assert_bad_input(run_cli("recommend", "x.json", "--method", "magic"), "magic")
    assert_bad_input(run_cli("recommend", "x.json", "--normalization", "zscore"), "zscore")
    assert_bad_input(run_cli("recommend", "x.json", "--format", "xml"), "xml")
    assert_bad_input(run_cli("recommend"), "answers")


# --- encodings ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("via_stdin", [False, True], ids=["file", "stdin"])
@pytest.mark.parametrize("command", ["recommend", "batch"])
def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path, command: str, via_stdin: bool) -> None:
    data = BOM + (GOOD_JSON if command == "recommend" else GOOD_CSV)
    if via_stdin:
        result = run_cli(command, "-", stdin=data)
    else:
        result = run_cli(command, write(tmp_path, data, "in"))
    assert result.returncode == 0, result.stderr
    if command == "recommend":
        assert json.loads(result.stdout)["ranking"]
    else:
        table = pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)
        assert list(table["organization"]) == ["Acme"]
        assert list(table["error"]) == [""]


def _encoded(command: str, data: bytes | None) -> bytes:
    """A file whose second line holds ``data`` (or, for None, a whole UTF-16 file)."""
    if command == "recommend":
        if data is None:
            return GOOD_JSON.decode().encode("utf-16")
        return b'{"output_modalities": ["text"],\n"organization": "' + data + b'"}'
    if data is None:
        return GOOD_CSV.decode().encode("utf-16")
    return b"organization,output_modalities\n" + data + b",text\n"


@pytest.mark.parametrize(
    ("data", "needles"),
    [
        pytest.param("Caf\u00e9".encode("latin-1"), ["not UTF-8", "0xe9", "line 2"], id="latin-1"),
        pytest.param(b"\xff", ["not UTF-8", "0xff", "line 2"], id="stray-byte"),
        pytest.param(None, ["not UTF-8", "UTF-16"], id="utf-16"),
    ],
)
@pytest.mark.parametrize("via_stdin", [False, True], ids=["file", "stdin"])
@pytest.mark.parametrize("command", ["recommend", "batch"])
def test_input_that_is_not_utf8_is_one_line(
    tmp_path: Path, command: str, via_stdin: bool, data: bytes | None, needles: list[str]
) -> None:
    content = _encoded(command, data)
    if via_stdin:
        assert_bad_input(run_cli(command, "-", stdin=content), "<stdin>", *needles)
    else:
        path = write(tmp_path, content, "in")
        assert_bad_input(run_cli(command, path), path, *needles)


@pytest.mark.parametrize(
    ("command", "data", "needles"),
    [
        ("recommend", b"[" * 100_000, ["invalid JSON", "nested too deeply"]),
        ("recommend", b'{"output_modalities": ', ["invalid JSON", "line 1"]),
        ("recommend", b'{"volume": "huge", "output_modalities": ["text"]}', ["volume", "huge"]),
        ("recommend", b'{"output_modalities": ["text"], "monthly_requests": 0}', ["monthly"]),
        ("batch", b"", ["empty"]),
        ("batch", BOM + b"organization,colour\nAcme,red\n", ["unknown column 'colour'"]),
        ("batch", b"organization,output_modalities\n", ["no data rows"]),
    ],
    ids=[
        "deep-json",
        "truncated-json",
        "bad-value",
        "bad-count",
        "empty-csv",
        "unknown-column",
        "header-only",
    ],
)
def test_stdin_errors_are_one_line_naming_stdin(
    command: str, data: bytes, needles: list[str]
) -> None:
    assert_bad_input(run_cli(command, "-", stdin=data), "<stdin>", *needles)


# --- a real process -----------------------------------------------------------------------------------


def test_a_real_process_prints_the_recommendation() -> None:
    result = run_module("recommend", str(EXAMPLES / "clinic_documentation.json"))
    assert result.returncode == 0, result.stderr
    in_process = run_cli("recommend", str(EXAMPLES / "clinic_documentation.json"))
    assert json.loads(result.stdout) == json.loads(in_process.stdout)


def test_a_real_process_reports_bad_input_in_one_line_without_a_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, '{"output_modalities": ["text"], "monthly_requests": "abc"}')
    assert_bad_input(run_module("recommend", path), path, "'monthly_requests'", "'abc'")


def test_a_real_process_with_stdin_closed_is_one_line() -> None:
    assert_bad_input(run_module("recommend", "-", close_stdin=True), "<stdin>", "closed")


# --- golden files ---------------------------------------------------------------------------------------


def _csv_cells(data: bytes, drop: str = FIXED_HEADERS["generated_at"]) -> list[list[str]]:
    """The CSV's cells as text, with the ``drop`` column blanked (when there is one)."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    if rows and drop in rows[0]:
        position = rows[0].index(drop)
        for row in rows[1:]:
            row[position] = ""
    return rows


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)


def assert_json_matches(actual: Any, expected: Any, where: str = "$") -> None:
    """Same structure, keys in the same order, same values; numbers to 1e-9."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), where
        assert list(actual) == list(expected), where
        for key in expected:
            assert_json_matches(actual[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), where
        for n, (a, e) in enumerate(zip(actual, expected, strict=True)):
            assert_json_matches(a, e, f"{where}[{n}]")
    elif isinstance(expected, float) and not isinstance(expected, bool):
        assert isinstance(actual, int | float) and not isinstance(actual, bool), where
        assert math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-9), (where, actual, expected)
    else:
        assert type(actual) is type(expected) and actual == expected, (where, actual, expected)


@pytest.mark.parametrize("example", GOLDEN_EXAMPLES)
def test_golden_json(example: str) -> None:
    result = run_cli("recommend", str(EXAMPLES / f"{example}.json"))
    assert result.returncode == 0, result.stderr
    golden = GOLDEN / f"{example}.json"
    if UPDATE_GOLDEN:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8")
        pytest.skip(f"rewrote {golden.name}")
    assert golden.exists(), f"missing {golden}; see this file's docstring to generate it"
    assert_json_matches(json.loads(result.stdout), json.loads(golden.read_text(encoding="utf-8")))


@pytest.mark.parametrize("example", GOLDEN_EXAMPLES)
def test_golden_csv(example: str) -> None:
    result = run_cli("recommend", str(EXAMPLES / f"{example}.json"), "--format", "csv")
    assert result.returncode == 0, result.stderr
    golden = GOLDEN / f"{example}.csv"
    if UPDATE_GOLDEN:
        GOLDEN.mkdir(exist_ok=True)
        _write_csv(golden, _csv_cells(result.stdout_bytes))
        pytest.skip(f"rewrote {golden.name}")
    assert golden.exists(), f"missing {golden}; see this file's docstring to generate it"
    actual, expected = _csv_cells(result.stdout_bytes), _csv_cells(golden.read_bytes())
    assert actual[0] == expected[0], "columns changed"
    assert len(actual) == len(expected), "rows changed"
    for n, (a, e) in enumerate(zip(actual, expected, strict=True)):
        assert a == e, f"row {n} differs"


def test_golden_batch(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = run_cli("batch", str(EXAMPLES / "batch.csv"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    golden = GOLDEN / "batch.csv"
    if UPDATE_GOLDEN:
        GOLDEN.mkdir(exist_ok=True)
        _write_csv(golden, _csv_cells(out.read_bytes()))
        pytest.skip(f"rewrote {golden.name}")
    assert golden.exists(), f"missing {golden}; see this file's docstring to generate it"
    assert _csv_cells(out.read_bytes()) == _csv_cells(golden.read_bytes())
