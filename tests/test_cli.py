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
    assert_bad_input(result, str(source), "row 2", "volume", "huge")
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
