"""``python -m scoring batch`` and scoring/batch.py (SPEC, Command line): one output row per input
row, in order, nothing dropped; a row that fails keeps its place with an ``error``; each scored row
is exactly what ``recommend`` says for that answer set.

The CLI runs in this process (``support.run_cli``); tests/test_cli.py runs real subprocesses.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from support import EXAMPLES, answer_objects, assert_bad_input, method_choices, run_cli

from scoring.answers import Answers, parse_answers, parse_flat_answers
from scoring.batch import OUTPUT_COLUMNS, read_rows, score_rows
from scoring.columns import parse_columns
from scoring.encoding import encode_answers
from scoring.engine import Recommendation, recommend
from scoring.knowledge import KnowledgeBase, default_knowledge_base
from scoring.knowledge.checks.questionnaire import ANSWER_FIELDS
from scoring.methods import METHODS
from scoring.ranking import rank_order, top_two

EXAMPLE = EXAMPLES / "batch.csv"
SPEC_COLUMNS = (
    "row",
    "organization",
    "top_option",
    "top_score",
    "runner_up",
    "margin",
    "outcome",
    "top_monthly_cost_low",
    "top_monthly_cost_high",
    "error",
)
"""What SPEC (Command line) asks of every output row, version 2 included."""


def read_output(path: Path | str) -> pd.DataFrame:
    """The batch output as text cells, exactly as written (empty cells stay empty)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def run_batch(tmp_path: Path, content: str | bytes, *options: str) -> tuple[Any, pd.DataFrame, str]:
    """Run the batch command on ``content``; returns the result, the output table and the input
    file's name."""
    source = tmp_path / "in.csv"
    if isinstance(content, bytes):
        source.write_bytes(content)
    else:
        source.write_text(content, encoding="utf-8", newline="")
    out = tmp_path / "out.csv"
    result = run_cli("batch", str(source), "-o", str(out), *options)
    table = read_output(out) if out.exists() else pd.DataFrame()
    return result, table, str(source)


def assert_row_is_the_recommendation(row: dict[str, Any], rec: Recommendation) -> None:
    """One output row (as text) says what ``recommend`` says."""
    top, runner_up = rec.top, rec.runner_up
    assert row["error"] == ""
    assert row["outcome"] == rec.outcome
    assert row["top_option"] == top.option
    assert row["top_label"] == top.label
    assert float(row["top_score"]) == pytest.approx(top.score, abs=1e-4)
    assert row["top_meets_requirements"] == str(top.meets_requirements)
    # rounded to cents: at most half a cent off, plus float noise at the half-cent itself
    assert float(row["top_monthly_cost_low"]) == pytest.approx(top.monthly_cost[0], abs=0.0051)
    assert float(row["top_monthly_cost_high"]) == pytest.approx(top.monthly_cost[1], abs=0.0051)
    assert row["method"] == rec.method
    if runner_up is None:
        assert row["runner_up"] == row["runner_up_score"] == row["margin"] == ""
        assert row["runner_up_meets_requirements"] == ""
    else:
        assert row["runner_up"] == runner_up.option
        assert float(row["runner_up_score"]) == pytest.approx(runner_up.score, abs=1e-4)
        assert row["runner_up_meets_requirements"] == str(runner_up.meets_requirements)
        assert float(row["margin"]) == pytest.approx(rec.margin, abs=2e-4)


# --- the example file (version-1 columns: no monthly_requests) ------------------------------------


@pytest.mark.parametrize(("method", "normalization"), method_choices())
def test_the_example_batch_scores_each_row_in_order_as_recommend_does(
    kb: KnowledgeBase, tmp_path: Path, method: str, normalization: str | None
) -> None:
    options = ["--method", method] + (["--normalization", normalization] if normalization else [])
    result, table, _ = run_batch(tmp_path, EXAMPLE.read_text(encoding="utf-8"), *options)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert list(table.columns) == list(OUTPUT_COLUMNS)
    assert set(SPEC_COLUMNS) <= set(table.columns)
    source = pd.read_csv(EXAMPLE, dtype=str, keep_default_na=False)
    assert "monthly_requests" not in source.columns  # a version-1 file still works
    assert list(table["row"]) == [str(n) for n in range(1, len(source) + 1)]
    assert list(table["organization"]) == list(source["organization"])
    for (_, row), (_, raw) in zip(table.iterrows(), source.iterrows(), strict=True):
        answers = parse_flat_answers(kb, raw.to_dict())
        assert_row_is_the_recommendation(
            row.to_dict(), recommend(kb, answers, method, normalization)
        )


def test_batch_writes_to_standard_output_without_o(kb: KnowledgeBase) -> None:
    result = run_cli("batch", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)
    assert list(table.columns) == list(OUTPUT_COLUMNS)
    assert len(table) == len(pd.read_csv(EXAMPLE))


# --- any valid answers, through a CSV and back -----------------------------------------------------

KB = default_knowledge_base()
ROWS = st.lists(answer_objects(KB).map(lambda raw: parse_answers(KB, raw)), min_size=1, max_size=6)


def to_csv_text(rows: list[Answers]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(ANSWER_FIELDS), lineterminator="\r\n")
    writer.writeheader()
    for answers in rows:
        writer.writerow(answers.to_flat())
    return buffer.getvalue()


@settings(
    max_examples=15,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(rows=ROWS, method=st.sampled_from(method_choices()))
def test_any_valid_answers_survive_the_csv_and_score_as_recommend_does(
    rows: list[Answers], method: tuple[str, str | None]
) -> None:
    read = list(read_rows(to_csv_text(rows)))
    parsed = parse_columns(KB, read)
    assert parsed.errors == [""] * len(rows)
    expected = encode_answers(KB, rows)  # the flat text form round-trips every field
    for name, values in expected.choices.items():
        np.testing.assert_array_equal(parsed.arrays.choices[name], values)
    for name, values in expected.lists.items():
        np.testing.assert_array_equal(parsed.arrays.lists[name], values)
    for name, values in expected.counts.items():
        np.testing.assert_array_equal(parsed.arrays.counts[name], values)
    np.testing.assert_array_equal(parsed.arrays.priorities, expected.priorities)
    table = score_rows(KB, read, 1, *method)
    assert len(table) == len(rows)
    for (_, row), answers in zip(table.iterrows(), rows, strict=True):
        rec = recommend(KB, answers, *method)
        text = {k: "" if pd.isna(v) else str(v) for k, v in row.to_dict().items()}
        assert_row_is_the_recommendation(text, rec)


# --- rows that fail keep their place --------------------------------------------------------------


def test_a_bad_row_keeps_its_place_and_the_rest_are_scored(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    result, table, source = run_batch(
        tmp_path,
        "organization,output_modalities,volume\n"
        "Good One,text,low\n"
        "=Bad Row,text,huge\n"
        "Good Two,image,high\n",
    )
    assert_bad_input(result, source, "row 2", "line 3 of the file", "'volume'", "huge")
    assert list(table["row"]) == ["1", "2", "3"]
    assert list(table["organization"]) == ["Good One", "'=Bad Row", "Good Two"]
    bad = table.loc[1].to_dict()
    assert "'volume'" in bad["error"] and bad["error"].startswith("row 2 (line 3 of the file): ")
    for column in OUTPUT_COLUMNS:
        if column not in ("row", "organization", "method", "error"):
            assert bad[column] == "", column
    for position, raw in (
        (0, {"output_modalities": "text", "volume": "low"}),
        (2, {"output_modalities": "image", "volume": "high"}),
    ):
        rec = recommend(kb, parse_flat_answers(kb, raw))
        assert_row_is_the_recommendation(table.loc[position].to_dict(), rec)


def test_several_bad_rows_are_counted_in_the_one_line(tmp_path: Path) -> None:
    result, table, source = run_batch(
        tmp_path,
        "organization,output_modalities,budget\nA,text,lavish\nB,text,low\nC,text,moderate\n",
    )
    assert_bad_input(result, source, "row 1", "'budget'", "lavish", "2 rows failed")
    assert [e != "" for e in table["error"]] == [True, True, False]
    assert table.loc[2, "top_option"] != ""


@pytest.mark.parametrize(
    ("value", "needles"),
    [
        ("0", ["is 0", "at least 1"]),
        ("-5", ["is -5", "at least 1"]),
        ("2000000000", ["at most 1,000,000,000"]),
        ("abc", ["whole number", "'abc'"]),
        ("1.5", ["whole number", "'1.5'"]),
        ("1e6", ["whole number", "'1e6'"]),
        ("9" * 40, ["over the maximum"]),
    ],
    ids=["zero", "negative", "too-many", "text", "fraction", "exponent", "huge"],
)
def test_a_bad_monthly_requests_fails_its_row_naming_row_line_and_field(
    tmp_path: Path, value: str, needles: list[str]
) -> None:
    result, table, source = run_batch(
        tmp_path, f"organization,output_modalities,monthly_requests\nA,text,1000\nB,text,{value}\n"
    )
    line = assert_bad_input(result, source, "row 2 (line 3 of the file)", "'monthly_requests'")
    for needle in needles:
        assert needle in line
    assert len(line) < 500  # a long value is not echoed in full
    assert table.loc[0, "error"] == "" and table.loc[0, "top_option"] != ""
    assert "'monthly_requests'" in table.loc[1, "error"]


def test_monthly_requests_in_a_row_may_be_empty_or_use_thousands_separators(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    result, table, _ = run_batch(
        tmp_path,
        'organization,output_modalities,monthly_requests\nA,text,"20,000"\nB,text,\nC,text,20000\n',
    )
    assert result.returncode == 0, result.stderr
    with_count = recommend(
        kb, parse_flat_answers(kb, {"output_modalities": "text", "monthly_requests": "20000"})
    )
    default = recommend(kb, parse_flat_answers(kb, {"output_modalities": "text"}))
    assert_row_is_the_recommendation(table.loc[0].to_dict(), with_count)
    assert_row_is_the_recommendation(table.loc[1].to_dict(), default)
    assert_row_is_the_recommendation(table.loc[2].to_dict(), with_count)


def test_a_row_with_too_many_cells_is_reported_and_a_short_row_takes_defaults(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    result, table, source = run_batch(
        tmp_path, "organization,output_modalities,volume\nA,text\nB,text,low,extra\n"
    )
    assert_bad_input(result, source, "row 2", "more cells")
    assert list(table["organization"]) == ["A", "B"]
    default = recommend(kb, parse_flat_answers(kb, {"output_modalities": "text"}))
    assert_row_is_the_recommendation(table.loc[0].to_dict(), default)
    assert table.loc[1, "top_option"] == ""


def test_errors_name_the_data_row_and_the_line_of_the_file(tmp_path: Path) -> None:
    """A quoted cell over two lines and a blank line: the data row and the file line differ."""
    result, table, source = run_batch(
        tmp_path, 'organization,output_modalities,volume\n"Two\nlines",text,low\n\nBad,text,huge\n'
    )
    assert_bad_input(result, source, "row 2 (line 5 of the file)", "volume", "huge")
    assert list(table["organization"]) == ["Two\nlines", "Bad"]
    assert table.loc[1, "error"].startswith("row 2 (line 5 of the file): ")


def test_crlf_line_ends_and_line_breaks_inside_cells_lose_nothing(tmp_path: Path) -> None:
    content = (
        "organization,use_case,output_modalities\r\n"
        'A,"first\r\nsecond",text\r\n'
        'B,"carriage\rreturn",image\r\n'
        "C,,text\r\n"
    )
    result, table, _ = run_batch(tmp_path, content)
    assert result.returncode == 0, result.stderr
    assert list(table["organization"]) == ["A", "B", "C"]
    assert (table["error"] == "").all()


@pytest.mark.parametrize(
    ("cells", "field"),
    [
        (['B,text,"{long}"'], "volume"),  # a quoted cell
        (["B,text,{long}"], "volume"),  # an unquoted cell
        (['"{long}",text,low'], "organization"),
        (['"multi\nline {long}",text,low'], "organization"),  # a quoted cell over two lines
    ],
    ids=["quoted", "unquoted", "organization", "multi-line"],
)
def test_a_cell_over_the_csv_field_limit_fails_only_its_row(
    tmp_path: Path, cells: list[str], field: str
) -> None:
    long = "x" * 200_000  # over the csv module's 131,072 default
    body = "".join(cell.format(long=long) + "\n" for cell in cells)
    result, table, source = run_batch(
        tmp_path, f"organization,output_modalities,volume\nA,text,low\n{body}C,image,high\n"
    )
    assert_bad_input(
        result, source, "row 2 (line 3 of the file)", repr(field), "longer than 131,072 characters"
    )
    assert len(result.stderr) < 500  # the long value is not echoed
    assert list(table["row"]) == ["1", "2", "3"]
    assert table.loc[1, "top_option"] == ""
    assert table.loc[0, "top_option"] != "" and table.loc[2, "top_option"] != ""
    assert "longer than" in table.loc[1, "error"]
    assert table.loc[1, "organization"] in ("", "B")
    assert table.loc[2, "organization"] == "C"


def test_reading_a_long_cell_leaves_the_csv_module_limit_alone() -> None:
    before = csv.field_size_limit()
    rows = list(read_rows("organization,volume\n" + "x" * 200_000 + ",low\nB,low\n"))
    assert [row.get("__error__", "")[:5] for row in rows] == ["row 1", ""]
    assert csv.field_size_limit() == before


def test_text_that_starts_like_a_formula_is_escaped_in_the_output(tmp_path: Path) -> None:
    result, table, _ = run_batch(
        tmp_path,
        'organization,output_modalities\n"=HYPERLINK(""x"")",text\n@SUM(1),text\n+1,text\n',
    )
    assert result.returncode == 0, result.stderr
    assert list(table["organization"]) == ['\'=HYPERLINK("x")', "'@SUM(1)", "'+1"]


# --- the file as a whole cannot be read: one line, nothing written ----------------------------------


@pytest.mark.parametrize(
    ("content", "needles"),
    [
        ("", ["empty"]),
        ("\n\n", ["empty"]),
        ("organization,colour\nAcme,red\n", ["unknown column 'colour'", "line 1"]),
        ("organization,organization\nA,B\n", ["'organization'", "twice"]),
        ("organization,output_modalities\n", ["no data rows"]),
        ("organization,output_modalities", ["no data rows"]),  # no newline at the end
        ("\norganization,output_modalities\n\n\n", ["no data rows"]),  # blank lines around it
    ],
    ids=[
        "empty",
        "blank-lines",
        "unknown-column",
        "repeated-column",
        "header-only",
        "header-only-no-newline",
        "header-only-blank-lines",
    ],
)
def test_a_file_that_cannot_be_read_is_one_line_and_writes_nothing(
    tmp_path: Path, content: str, needles: list[str]
) -> None:
    result, _, source = run_batch(tmp_path, content)
    assert_bad_input(result, source, *needles)
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize(
    ("output", "needles"),
    [
        ("missing/dir/out.csv", ["cannot be written", "directory"]),
        (".", ["cannot be written", "directory"]),
    ],
)
def test_an_unwritable_output_says_why(tmp_path: Path, output: str, needles: list[str]) -> None:
    target = str(tmp_path / output)
    result = run_cli("batch", str(EXAMPLE), "-o", target)
    assert_bad_input(result, target, *needles)
    assert "None" not in result.stderr


def test_every_method_is_offered_to_batch() -> None:
    for method in METHODS:
        result = run_cli("batch", str(EXAMPLE), "--method", method)
        assert result.returncode == 0, result.stderr
        table = pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)
        assert set(table["method"]) == {method}


@settings(max_examples=200, deadline=None)
@given(
    totals=arrays(np.float64, (6, 5), elements=st.sampled_from([0.0, 12.5, 50.0, 50.0, 99.9])),
    failures=arrays(np.int64, (6, 5), elements=st.integers(0, 2)),
)
def test_top_two_agrees_with_the_full_ranking(totals: np.ndarray, failures: np.ndarray) -> None:
    """The batch's top and runner-up, found without sorting, are the full order's (ties and
    failures included): the runner-up is the best other qualifying solution when the top
    qualifies, else the second."""
    meets = failures == 0
    order = rank_order(totals, failures)
    first, second, has = top_two(totals, failures, meets)
    assert first.tolist() == order[:, 0].tolist()
    for row in range(len(order)):
        top = order[row, 0]
        if meets[row, top]:
            rest = [s for s in order[row, 1:] if meets[row, s]]
        else:
            rest = list(order[row, 1:2])
        assert bool(has[row]) == bool(rest)
        if rest:
            assert second[row] == rest[0]
