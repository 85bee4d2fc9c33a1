"""``python -m scoring recommend ANSWERS --brief FILE``: the one-page brief beside the usual
output, in the format its name says; a bad name is one line and exit status 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from brief_checks import external_references, ink, pdf_pages, pdf_text
from support import EXAMPLES, assert_bad_input, run_cli

from brief.content import decision_sentence
from scoring.answers import parse_answers
from scoring.engine import recommend
from scoring.knowledge import KnowledgeBase

EXAMPLE = EXAMPLES / "marketing_campaigns.json"


def test_html_brief_is_written_beside_the_json(kb: KnowledgeBase, tmp_path: Path) -> None:
    target = tmp_path / "brief.html"
    result = run_cli("recommend", str(EXAMPLE), "--brief", str(target))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["outcome"] == "recommend", "stdout is unchanged"
    html = target.read_text(encoding="utf-8")
    assert external_references(html) == []
    rec = recommend(kb, parse_answers(kb, json.loads(EXAMPLE.read_text(encoding="utf-8"))))
    assert decision_sentence(rec).replace("&", "&amp;") in html


def test_pdf_brief_renders_to_one_page(kb: KnowledgeBase, tmp_path: Path) -> None:
    target = tmp_path / "Brief.PDF"
    result = run_cli("recommend", str(EXAMPLE), "--format", "csv", "--brief", str(target))
    assert result.returncode == 0, result.stderr
    data = target.read_bytes()
    pages = pdf_pages(data, tmp_path)
    assert len(pages) == 1 and ink(pages[0]) > 0.03
    assert "Next steps" in pdf_text(data, tmp_path)


def test_a_lone_surrogate_in_the_name_still_writes_both(tmp_path: Path) -> None:
    answers = tmp_path / "odd.json"
    answers.write_text('{"organization": "A\\ud800B", "output_modalities": ["text"]}')
    for name in ("odd.html", "odd.pdf"):
        result = run_cli("recommend", str(answers), "--brief", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name).stat().st_size > 1000


@pytest.mark.parametrize(
    ("name", "needles"),
    [
        ("brief.docx", ["--brief", "brief.docx", ".html or .pdf"]),
        ("brief", ["--brief", ".html or .pdf"]),
        ("no/such/dir/brief.pdf", ["no/such/dir/brief.pdf", "non-existent directory"]),
    ],
)
def test_a_bad_brief_name_is_one_line(tmp_path: Path, name: str, needles: list[str]) -> None:
    target = name if "/" in name else str(tmp_path / name)
    result = run_cli("recommend", str(EXAMPLE), "--brief", target)
    assert_bad_input(result, *needles)
    assert result.stdout == "", "nothing is printed when the brief cannot be written"
