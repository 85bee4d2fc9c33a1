"""The CSV report (scoring/report.py; SPEC, The CSV report): one row per listed solution, best
first, with its components, costs, shortlists, scores, weights and contributions, the method and
the answers; opens in pandas and spreadsheets; text that looks like a formula is escaped."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
from support import add_sixth_criterion, read_report, unescape_cell

from scoring.answers import Answers
from scoring.engine import Recommendation, recommend
from scoring.knowledge import KnowledgeBase, load_knowledge_base
from scoring.knowledge.checks.questionnaire import ANSWER_FIELDS
from scoring.methods import METHODS, get_method
from scoring.report import (
    ENCODING,
    FORMULA_TRIGGERS,
    RELAX_SEPARATOR,
    UNMET_SEPARATOR,
    escape_cell,
    report_bytes,
    report_columns,
    report_csv,
    report_filename,
    report_frame,
)
from scoring.solutions import MAX_COMPONENTS

WHEN = datetime(2026, 11, 23, 14, 5, 9, tzinfo=UTC)
TRIGGERS = ["=", "+", "-", "@", "\t", "\r", "\n"]
BOM = b"\xef\xbb\xbf"
MakeAnswers = Callable[..., Answers]


@pytest.fixture
def rec(kb: KnowledgeBase, answers: MakeAnswers) -> Recommendation:
    """A business needing text and images with regulated data: combinations, failures of several
    kinds, a budget ceiling."""
    return recommend(
        kb,
        answers(
            organization="Acme Clinic",
            output_modalities=["text", "image"],
            accuracy_need="high",
            data_sensitivity="regulated",
            budget="moderate",
        ),
    )


def csv_of(rec: Recommendation, **extra: list) -> pd.DataFrame:
    return read_report(report_csv(report_frame(rec, WHEN, extra=extra or None)))


# --- columns and rows -------------------------------------------------------------------------------


def test_the_spec_s_columns_in_order(kb: KnowledgeBase, rec: Recommendation) -> None:
    criteria = kb.criterion_ids
    frame = report_frame(rec, WHEN)
    expected = report_columns(criteria) + [f"answer_{f}" for f in ANSWER_FIELDS]
    assert list(frame.columns) == expected
    head = [
        "rank",
        "option",
        "label",
        "components",
        "score",
        "meets_requirements",
        "unmet_requirements",
        "to_qualify",
        "monthly_cost_low",
        "monthly_cost_high",
        *(f"shortlist_{n}" for n in range(1, MAX_COMPONENTS + 1)),
    ]
    assert expected[: len(head)] == head
    blocks = expected[len(head) : len(head) + 3 * len(criteria)]
    assert blocks == [
        f"{kind}_{c}" for kind in ("score", "weight", "contribution") for c in criteria
    ]
    tail = expected[len(head) + 3 * len(criteria) :]
    assert tail[:7] == [
        "outcome",
        "budget_ceiling",
        "method",
        "normalization",
        "weights_source",
        "kb_version",
        "generated_at",
    ]
    assert tail[7:] == [f"answer_{f}" for f in ANSWER_FIELDS]


def test_extra_columns_go_before_the_metadata(kb: KnowledgeBase, rec: Recommendation) -> None:
    frame = report_frame(rec, WHEN, extra={"robust_share": [0.5] * len(rec.ranking)})
    columns = list(frame.columns)
    last_contribution = columns.index(f"contribution_{kb.criterion_ids[-1]}")
    assert last_contribution < columns.index("robust_share") < columns.index("outcome")


def test_one_row_per_listed_solution_best_first(rec: Recommendation) -> None:
    frame = report_frame(rec, WHEN)
    assert len(frame) == len(rec.ranking)
    assert list(frame["option"]) == [r.option for r in rec.ranking]
    assert list(frame["rank"]) == list(range(1, len(rec.ranking) + 1))
    assert frame["meets_requirements"].tolist() == sorted(
        frame["meets_requirements"].tolist(), reverse=True
    )


def test_each_row_says_what_the_recommendation_says(kb: KnowledgeBase, rec: Recommendation) -> None:
    frame = report_frame(rec, WHEN)
    assert {r.meets_requirements for r in rec.ranking} == {True, False}, "both kinds of row"
    assert max(len(r.components) for r in rec.ranking) > 1, "a combination is listed"
    flat = rec.answers.to_flat()
    for (_, row), ranked in zip(frame.iterrows(), rec.ranking, strict=True):
        assert row["label"] == ranked.label
        assert row["components"] == " + ".join(ranked.components)
        assert row["score"] == pytest.approx(ranked.score, abs=1e-4)
        assert row["meets_requirements"] == ranked.meets_requirements
        assert row["unmet_requirements"] == UNMET_SEPARATOR.join(ranked.unmet_sentences)
        assert row["to_qualify"] == RELAX_SEPARATOR.join(u.relax for u in ranked.unmet)
        assert (row["unmet_requirements"] == "") == ranked.meets_requirements
        assert row["monthly_cost_low"] == pytest.approx(ranked.monthly_cost[0], abs=0.005)
        assert row["monthly_cost_high"] == pytest.approx(ranked.monthly_cost[1], abs=0.005)
        for n in range(1, MAX_COMPONENTS + 1):
            cell = row[f"shortlist_{n}"]
            if n > len(ranked.components):
                assert cell == ""
                continue
            component = ranked.components[n - 1]
            assert cell.startswith(f"{component}: ")
            for product in rec.shortlist(component):
                assert product.name in cell and f"{product.price:g}" in cell
                assert product.price_unit in cell and str(product.price_date) in cell
        for c in kb.criterion_ids:
            assert row[f"score_{c}"] == pytest.approx(ranked.criteria[c], abs=1e-4)
            assert row[f"weight_{c}"] == pytest.approx(rec.weights[c], abs=1e-6)
            assert row[f"contribution_{c}"] == pytest.approx(ranked.contributions[c], abs=1e-4)
        assert row["outcome"] == rec.outcome
        assert row["budget_ceiling"] == rec.budget_ceiling
        assert row["method"] == get_method(rec.method).label
        assert row["weights_source"] == rec.weights_source
        assert row["kb_version"] == kb.version
        assert row["generated_at"] == "2026-11-23T14:05:09+00:00"
        assert {name: row[f"answer_{name}"] for name in flat} == flat


def test_a_no_fit_report_says_how_each_solution_could_qualify(
    kb: KnowledgeBase, answers: MakeAnswers
) -> None:
    rec = recommend(kb, answers(output_modalities=["video"], budget="minimal", volume="very_high"))
    assert rec.outcome == "no_fit"
    back = csv_of(rec)
    assert set(back["outcome"]) == {"no_fit"}
    assert not back["meets_requirements"].any()
    assert (back["to_qualify"] != "").all() and (back["unmet_requirements"] != "").all()
    assert back["budget_ceiling"].tolist() == [rec.budget_ceiling] * len(back)


def test_a_sixth_criterion_gets_its_own_columns(data_copy: Path, answers: MakeAnswers) -> None:
    add_sixth_criterion(data_copy)
    kb = load_knowledge_base(data_copy)
    assert len(kb.criterion_ids) == 6
    rec = recommend(kb, answers(output_modalities=["text"]))
    back = csv_of(rec)
    for kind in ("score", "weight", "contribution"):
        assert [c for c in back.columns if c.startswith(f"{kind}_")] == [
            f"{kind}_{c}" for c in kb.criterion_ids
        ]
    contributions = back[[f"contribution_{c}" for c in kb.criterion_ids]].sum(axis=1)
    assert contributions.tolist() == pytest.approx(back["score"].tolist(), abs=1e-3)


# --- round trip -------------------------------------------------------------------------------------


def test_read_csv_round_trip_keeps_numbers_booleans_and_text(
    kb: KnowledgeBase, rec: Recommendation
) -> None:
    frame = report_frame(rec, WHEN)
    back = read_report(report_csv(frame))
    assert list(back.columns) == list(frame.columns)
    numeric = [
        "rank",
        "score",
        "monthly_cost_low",
        "monthly_cost_high",
        "budget_ceiling",
        *(f"{kind}_{c}" for kind in ("score", "weight", "contribution") for c in kb.criterion_ids),
    ]
    for column in numeric:
        assert pd.api.types.is_numeric_dtype(back[column]), column
        assert back[column].tolist() == pytest.approx(frame[column].tolist(), abs=1e-9), column
    assert back["meets_requirements"].tolist() == frame["meets_requirements"].tolist()
    for column in ("option", "label", "components", "unmet_requirements", "shortlist_1"):
        assert back[column].map(unescape_cell).tolist() == frame[column].tolist(), column
    assert set(back["answer_organization"]) == {"Acme Clinic"}
    assert set(back["answer_output_modalities"]) == {"text;image"}
    assert set(back["method"]) == {get_method(rec.method).label}


def test_no_ceiling_is_an_empty_cell(kb: KnowledgeBase, answers: MakeAnswers) -> None:
    unlimited = [b for b, c in kb.money.budget_ceilings.values.items() if c is None]
    rec = recommend(kb, answers(budget=unlimited[0]))
    assert rec.budget_ceiling is None
    data = report_csv(report_frame(rec, WHEN))
    back = pd.read_csv(io.BytesIO(data), encoding=ENCODING)
    assert back["budget_ceiling"].isna().all()


def test_weights_in_the_report_sum_to_one(kb: KnowledgeBase, rec: Recommendation) -> None:
    back = csv_of(rec)
    weights = back[[f"weight_{c}" for c in kb.criterion_ids]].sum(axis=1)
    assert weights.tolist() == pytest.approx([1.0] * len(back), abs=1e-5)


@pytest.mark.parametrize(
    ("method", "normalization"),
    [(m.name, n) for m in METHODS.values() for n in (m.normalizations or (None,))],
)
def test_the_report_names_the_method_and_normalisation(
    kb: KnowledgeBase, answers: MakeAnswers, method: str, normalization: str | None
) -> None:
    rec = recommend(kb, answers(), method=method, normalization=normalization)
    back = csv_of(rec)
    assert set(back["method"]) == {get_method(method).label}
    assert set(back["normalization"]) == {normalization or ""}


# --- formula escaping -------------------------------------------------------------------------------


@pytest.mark.parametrize("trigger", TRIGGERS, ids=repr)
def test_text_starting_like_a_formula_is_prefixed(
    kb: KnowledgeBase, answers: MakeAnswers, trigger: str
) -> None:
    organization = f'{trigger}HYPERLINK("http://evil.example","x")'
    rec = recommend(kb, answers(organization=organization, use_case=f"{trigger}1+1"))
    back = csv_of(rec)
    assert set(back["answer_organization"]) == {"'" + organization}
    assert set(back["answer_use_case"]) == {f"'{trigger}1+1"}


def test_the_report_and_the_engine_agree_on_the_triggers() -> None:
    assert set(FORMULA_TRIGGERS) == set(TRIGGERS)


@pytest.mark.parametrize("trigger", TRIGGERS, ids=repr)
def test_escape_cell_prefixes_each_trigger(trigger: str) -> None:
    assert escape_cell(f"{trigger}SUM(A1)") == f"'{trigger}SUM(A1)"
    assert unescape_cell(escape_cell(f"{trigger}SUM(A1)")) == f"{trigger}SUM(A1)"


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
    back = csv_of(rec, delta=[-1.5] * count, delta_text=["-1.5"] * count)
    assert pd.api.types.is_float_dtype(back["delta"])
    assert back["delta"].tolist() == [-1.5] * count
    assert back["delta_text"].tolist() == ["'-1.5"] * count


def test_no_unescaped_formula_cell_anywhere(kb: KnowledgeBase, answers: MakeAnswers) -> None:
    """Every text cell of a report from hostile answers, including the knowledge base's own text
    (labels, requirement sentences, product lines)."""
    rec = recommend(
        kb,
        answers(
            organization="=1+2",
            use_case="@SUM(1)\n-3",
            output_modalities=["text", "video"],
            data_sensitivity="regulated",
            budget="minimal",
        ),
    )
    back = csv_of(rec)
    for column in back.columns:
        for cell in back[column]:
            if isinstance(cell, str):
                assert not cell.startswith(tuple(TRIGGERS)), (column, cell)


# --- encoding ---------------------------------------------------------------------------------------


def test_the_report_is_utf8_with_a_byte_order_mark(kb: KnowledgeBase, answers: MakeAnswers) -> None:
    name = "Clínica São José — 東京 ☕"
    rec = recommend(kb, answers(organization=name, use_case="Übersetzung für Ärzte"))
    data = report_csv(report_frame(rec, WHEN))
    assert data.startswith(BOM), "a byte-order mark lets spreadsheets detect UTF-8"
    assert ENCODING == "utf-8-sig"
    data[len(BOM) :].decode("utf-8")  # the rest is plain UTF-8
    back = read_report(data)
    assert set(back["answer_organization"]) == {name}
    assert set(back["answer_use_case"]) == {"Übersetzung für Ärzte"}


@pytest.mark.parametrize("text", ["Acme\rClinic", "a\r\nb", "first line\nsecond line"], ids=repr)
def test_line_breaks_inside_text_stay_inside_their_cell(
    kb: KnowledgeBase, answers: MakeAnswers, text: str
) -> None:
    rec = recommend(kb, answers(organization=text, use_case=text))
    data = report_csv(report_frame(rec, WHEN))
    assert data.endswith(b"\r\n")
    back = read_report(data)
    assert len(back) == len(rec.ranking)
    assert set(back["answer_organization"]) == {text}
    assert set(back["answer_use_case"]) == {text}
    assert b'"' + text.encode() + b'"' in data  # quoted, so the record stays whole


def test_records_end_with_crlf(rec: Recommendation) -> None:
    data = report_csv(report_frame(rec, WHEN))
    lines = data.split(b"\r\n")
    assert lines[-1] == b""
    assert len(lines) - 1 == len(rec.ranking) + 1  # header + one line per solution (no breaks)


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


# --- readable headers (issue 12: the appendix a manager opens) ----------------------------------------


def _headers(data: bytes) -> list[str]:
    return list(pd.read_csv(io.BytesIO(data), encoding=ENCODING, nrows=0).columns)


def test_the_file_has_readable_headers_that_map_back_to_the_ids(
    kb: KnowledgeBase, rec: Recommendation
) -> None:
    from scoring.report_headers import ANSWER_PREFIX, column_id

    frame = report_frame(rec, WHEN, extra={"first_rank_acceptability": [0.5] * len(rec.ranking)})
    data = report_bytes(rec, WHEN, extra={"first_rank_acceptability": [0.5] * len(rec.ranking)})
    headers = _headers(data)
    names = {c.id: c.name for c in kb.criteria}
    assert len(headers) == len(set(headers)) == len(frame.columns)
    assert [column_id(h, names) for h in headers] == list(frame.columns)
    for header in headers:
        if header.startswith(ANSWER_PREFIX):
            continue  # SPEC: the answers are answer_<field> columns, readable back as a batch row
        assert "_" not in header and header[0].isupper(), header
    assert headers[:5] == ["Rank", "Solution id", "Solution", "Components", "Score (0-100)"]
    assert "Accuracy score (0-100)" in headers and "Cost contribution (points)" in headers
    assert "Comes first in (share of weight samples)" in headers


def test_trust_columns_get_readable_headers(kb: KnowledgeBase) -> None:
    from scoring.report_headers import column_header

    names = {c.id: c.name for c in kb.criteria}
    assert column_header("stability_data_privacy_low", names) == (
        "Data privacy weight: same top from (share)"
    )
    assert column_header("stability_cost_taker_above", names) == "Cost weight: takes over above"
    assert column_header("shortlist_2", names) == "Products, component 2"
    assert column_header("something_new", names) == "something_new", "unknown ids are kept"


def test_two_ids_sharing_a_header_are_refused() -> None:
    from scoring.report_headers import readable_headers

    with pytest.raises(ValueError, match="share header"):
        readable_headers(["Rank", "rank"], {})
