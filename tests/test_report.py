"""The CSV report (scoring/report.py), pure: columns, round trip, formula escaping, file name."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pandas as pd
import pytest

from scoring.answers import Answers, parse_answers
from scoring.engine import Recommendation, recommend
from scoring.knowledge_base import ANSWER_FIELDS, CRITERIA, KnowledgeBase
from scoring.report import (
    ENCODING,
    escape_cell,
    report_columns,
    report_csv,
    report_filename,
    report_frame,
)

WHEN = datetime(2026, 11, 23, 14, 5, 9, tzinfo=UTC)
TRIGGERS = ["=", "+", "-", "@", "\t", "\r", "\n"]


def make_answers(kb: KnowledgeBase, **fields: object) -> Answers:
    fields.setdefault("output_modalities", ["text", "image"])
    return parse_answers(kb, fields)


def read_back(data: bytes) -> pd.DataFrame:
    """Read the report as a spreadsheet importer would: text kept as text, no NA guessing."""
    return pd.read_csv(io.BytesIO(data), encoding=ENCODING, keep_default_na=False)


@pytest.fixture
def rec(kb: KnowledgeBase) -> Recommendation:
    return recommend(kb, make_answers(kb, organization="Acme Clinic", accuracy_need="high"))


# --- columns and rows -------------------------------------------------------------------------------


def test_columns_and_their_order(rec: Recommendation) -> None:
    frame = report_frame(rec, WHEN)
    expected = report_columns() + [f"answer_{f}" for f in ANSWER_FIELDS]
    assert list(frame.columns) == expected
    assert expected[:6] == [
        "rank",
        "option",
        "label",
        "score",
        "meets_requirements",
        "unmet_requirements",
    ]
    assert expected[6:11] == [f"score_{c}" for c in CRITERIA]
    assert expected[11:16] == [f"weight_{c}" for c in CRITERIA]
    assert expected[16:21] == [f"contribution_{c}" for c in CRITERIA]


def test_extra_columns_go_before_the_metadata(rec: Recommendation) -> None:
    count = len(rec.ranking)
    frame = report_frame(rec, WHEN, extra={"robust_share": [0.5] * count})
    columns = list(frame.columns)
    assert columns.index("contribution_cost") < columns.index("robust_share")
    assert columns.index("robust_share") < columns.index("method")


def test_one_row_per_option_best_first(kb: KnowledgeBase, rec: Recommendation) -> None:
    frame = report_frame(rec, WHEN)
    assert len(frame) == len(kb.options)
    assert list(frame["option"]) == [r.option for r in rec.ranking]
    assert list(frame["rank"]) == list(range(1, len(kb.options) + 1))
    assert frame.loc[0, "score"] == pytest.approx(rec.top.score, abs=1e-4)


# --- round trip -------------------------------------------------------------------------------------


def test_read_csv_round_trip_keeps_numbers_booleans_and_text(rec: Recommendation) -> None:
    frame = report_frame(rec, WHEN)
    back = read_back(report_csv(frame))
    assert list(back.columns) == list(frame.columns)
    for column in ["rank", "score", *(f"weight_{c}" for c in CRITERIA)]:
        assert pd.api.types.is_numeric_dtype(back[column]), column
        assert back[column].tolist() == pytest.approx(frame[column].tolist(), abs=1e-9)
    assert back["meets_requirements"].tolist() == frame["meets_requirements"].tolist()
    assert back["answer_organization"].tolist() == ["Acme Clinic"] * len(frame)
    assert back["answer_output_modalities"].iloc[0] == "text;image"
    assert back["method"].iloc[0] == "Weighted sum"
    assert back["generated_at"].iloc[0] == "2026-11-23T14:05:09+00:00"


def test_weights_in_the_report_sum_to_one(rec: Recommendation) -> None:
    back = read_back(report_csv(report_frame(rec, WHEN)))
    assert back[[f"weight_{c}" for c in CRITERIA]].sum(axis=1).tolist() == pytest.approx(
        [1.0] * len(back), abs=1e-5
    )


def test_topsis_report_names_method_and_normalisation(kb: KnowledgeBase) -> None:
    rec = recommend(kb, make_answers(kb), method="topsis", normalization="minmax")
    back = read_back(report_csv(report_frame(rec, WHEN)))
    assert set(back["method"]) == {"TOPSIS"}
    assert set(back["normalization"]) == {"minmax"}


# --- formula escaping -------------------------------------------------------------------------------


@pytest.mark.parametrize("trigger", TRIGGERS, ids=repr)
def test_text_starting_like_a_formula_is_prefixed(kb: KnowledgeBase, trigger: str) -> None:
    organization = f'{trigger}HYPERLINK("http://evil.example","x")'
    rec = recommend(kb, make_answers(kb, organization=organization, use_case=f"{trigger}1+1"))
    back = read_back(report_csv(report_frame(rec, WHEN)))
    assert set(back["answer_organization"]) == {"'" + organization}
    assert set(back["answer_use_case"]) == {f"'{trigger}1+1"}


@pytest.mark.parametrize("trigger", TRIGGERS, ids=repr)
def test_escape_cell_prefixes_each_trigger(trigger: str) -> None:
    assert escape_cell(f"{trigger}SUM(A1)") == f"'{trigger}SUM(A1)"


@pytest.mark.parametrize(
    "value", ["Acme", "a=b", "x-1", "", " =leading space", "'already quoted", "ü=1"], ids=repr
)
def test_escape_cell_leaves_safe_text_alone(value: str) -> None:
    assert escape_cell(value) == value


@pytest.mark.parametrize("value", [-1, -2.5, 0, 3.25, True, None], ids=repr)
def test_escape_cell_leaves_non_text_alone(value: object) -> None:
    assert escape_cell(value) is value


def test_negative_numbers_stay_numbers_but_negative_looking_text_is_escaped(
    rec: Recommendation,
) -> None:
    count = len(rec.ranking)
    extra = {"delta": [-1.5] * count, "delta_text": ["-1.5"] * count}
    back = read_back(report_csv(report_frame(rec, WHEN, extra=extra)))
    assert pd.api.types.is_float_dtype(back["delta"])
    assert back["delta"].tolist() == [-1.5] * count
    assert back["delta_text"].tolist() == ["'-1.5"] * count


def test_no_unescaped_formula_cell_anywhere(kb: KnowledgeBase) -> None:
    """Scan every text cell of a report made from hostile answers."""
    rec = recommend(kb, make_answers(kb, organization="=1+2", use_case="@SUM(1)\n-3"))
    back = read_back(report_csv(report_frame(rec, WHEN)))
    for column in back.columns:
        for cell in back[column]:
            if isinstance(cell, str):
                assert not cell.startswith(tuple(TRIGGERS)), (column, cell)


# --- encoding ---------------------------------------------------------------------------------------


def test_non_ascii_text_round_trips_in_utf8(kb: KnowledgeBase) -> None:
    name = "Clínica São José — 東京 ☕"
    rec = recommend(kb, make_answers(kb, organization=name, use_case="Übersetzung für Ärzte"))
    data = report_csv(report_frame(rec, WHEN))
    assert data.startswith(b"\xef\xbb\xbf"), "a byte-order mark lets spreadsheets detect UTF-8"
    back = read_back(data)
    assert set(back["answer_organization"]) == {name}
    assert set(back["answer_use_case"]) == {"Übersetzung für Ärzte"}


def test_a_carriage_return_inside_text_keeps_the_row_whole(kb: KnowledgeBase) -> None:
    rec = recommend(kb, make_answers(kb, organization="Acme\rClinic", use_case="a\r\nb"))
    back = read_back(report_csv(report_frame(rec, WHEN)))
    assert len(back) == len(kb.options)
    assert set(back["answer_organization"]) == {"Acme\rClinic"}


def test_records_end_with_crlf_and_line_breaks_stay_inside_quoted_cells(
    kb: KnowledgeBase,
) -> None:
    rec = recommend(kb, make_answers(kb, use_case="first line\nsecond line"))
    data = report_csv(report_frame(rec, WHEN))
    assert data.endswith(b"\r\n")
    assert b'"first line\nsecond line"' in data
    assert len(read_back(data)) == len(kb.options)


# --- file name --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("organization", "expected"),
    [
        ("Acme Clinic", "genai-advice_acme-clinic_2026-11-23.csv"),
        ("", "genai-advice_report_2026-11-23.csv"),
        ("Ångström Café", "genai-advice_angstrom-cafe_2026-11-23.csv"),
        ("=cmd|' /C calc'!A0", "genai-advice_cmd-c-calc-a0_2026-11-23.csv"),
        ("東京", "genai-advice_report_2026-11-23.csv"),
        ("../../etc/passwd", "genai-advice_etc-passwd_2026-11-23.csv"),
    ],
)
def test_file_name_from_organisation_and_date(organization: str, expected: str) -> None:
    assert report_filename(organization, WHEN) == expected


def test_file_name_is_short_and_safe_for_a_long_hostile_name() -> None:
    name = report_filename("**[x](javascript:alert(1))** " * 7, WHEN)
    assert re.fullmatch(r"genai-advice_[a-z0-9-]{1,40}_2026-11-23\.csv", name), name
