"""The Export tab's brief buttons under AppTest: both are deferred (the file is built only when
clicked, so opening the tab costs nothing), named after the organisation, and build the brief of
the recommendation shown, for every outcome."""

from __future__ import annotations

from datetime import datetime

import pytest
from brief_checks import external_references
from support import NO_FIT_FIELDS, ONLY_OPTION_FIELDS, open_page, record_downloads

from brief.content import decision_sentence
from brief.export import MIME, brief_filename
from scoring.answers import parse_answers
from scoring.engine import recommend
from scoring.knowledge import default_knowledge_base
from ui.recommendation.brief_view import BRIEF_LABELS

KB = default_knowledge_base()
OUTCOMES = {
    "recommend": {"organization": "Acme Clinic", "output_modalities": ["text", "image"]},
    "only_option": ONLY_OPTION_FIELDS,
    "no_fit": NO_FIT_FIELDS,
}


@pytest.mark.parametrize("outcome", list(OUTCOMES))
def test_brief_buttons_build_the_brief_only_when_clicked(
    monkeypatch: pytest.MonkeyPatch, outcome: str
) -> None:
    downloads = record_downloads(monkeypatch)
    answers = parse_answers(KB, dict(OUTCOMES[outcome]))
    rec = recommend(KB, answers)
    assert rec.outcome == outcome
    at = open_page(answers=answers, tab="export")
    assert not at.exception, at.exception
    buttons = {b.label: b for b in at.get("download_button")}
    today = datetime.now().astimezone()
    for fmt, label in BRIEF_LABELS.items():
        assert buttons[label].proto.deferred_file_id, f"{fmt}: built on the click, not before"
        (entry,) = [d for d in downloads if d["mimetype"] == MIME[fmt]]
        assert entry["file_name"] == brief_filename(answers.organization, today, fmt)
        data = entry["build"]()
        if fmt == "html":
            html = data.decode("utf-8")
            assert external_references(html) == []
            assert decision_sentence(rec).replace("&", "&amp;") in html
            assert ("Adopt" in html) == (outcome == "recommend")
        else:
            assert data.startswith(b"%PDF-")
