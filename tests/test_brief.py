"""The one-page brief: what it says for each outcome (the page's own sentences), and its two files:
a self-contained HTML page and a PDF that renders to one A4 page that is not blank."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from brief_checks import external_references, has_colour, ink, pdf_pages, pdf_text
from PIL import Image
from support import NO_FIT_FIELDS, ONLY_OPTION_FIELDS, TOSS_UP_FIELDS

from brief.content import Brief, build_brief
from brief.export import brief_bytes, brief_filename
from brief.html import brief_html
from brief.pdf import MISSING, MISSING_NOTE, brief_pdf, printable
from scoring.answers import Answers
from scoring.engine import Recommendation, recommend
from scoring.knowledge import KnowledgeBase
from scoring.trust import TrustAnalysis, analyse_trust
from ui.recommendation.explain import summary_cards
from ui.trust.text import robustness_verdict

AT = datetime(2026, 12, 2, 16, 30, tzinfo=UTC)
MEDIA_CHAT = {
    "organization": "Brightwave Retail",
    "output_modalities": ["text", "image"],
    "tasks": ["chat_with_customers", "generate_creative_content"],
}
ROBUSTNESS_TITLES = {"Robust", "Leaning", "Toss-up"}
MEETS_BLUE = (31, 78, 156)


def analysed(
    kb: KnowledgeBase, answers: Callable[..., Answers], fields: dict
) -> tuple[Recommendation, TrustAnalysis]:
    rec = recommend(kb, answers(**fields))
    return rec, analyse_trust(rec, samples=2000)


def brief_for(kb: KnowledgeBase, answers: Callable[..., Answers], fields: dict) -> Brief:
    rec, trust = analysed(kb, answers, fields)
    return build_brief(kb, rec, trust, AT)


def all_text(brief: Brief) -> str:
    """Every sentence of the brief, joined (what a reader can read in either file)."""
    parts = [
        brief.title,
        brief.decision,
        brief.sure_title,
        brief.sure_text,
        brief.solutions_heading,
    ]
    for s in brief.solutions:
        parts += [s.label, s.cost_text, s.risk, s.first_share or "", *s.products, *s.reasons]
    parts += [*brief.risks, *brief.next_steps, *brief.source_notes]
    parts += [f"{c.title} {c.text}" for c in brief.compliance]
    return " ".join(parts)


# --- content, by outcome ------------------------------------------------------------------------


def test_recommend_adopts_the_top_and_shows_three_qualifying_with_their_shares(kb, answers):
    rec, trust = analysed(kb, answers, MEDIA_CHAT)
    assert rec.outcome == "recommend"
    brief = build_brief(kb, rec, trust, AT)
    assert brief.decision.startswith(f"Adopt {rec.top.label}:")
    assert [s.label for s in brief.solutions] == [r.label for r in rec.qualifying[:3]]
    assert all(s.qualifies and s.first_share for s in brief.solutions)
    verdict = robustness_verdict(rec, trust)
    assert (brief.sure_title, brief.sure_text) == (verdict.title, verdict.sentence)
    assert brief.sure_title in ROBUSTNESS_TITLES
    top = brief.solutions[0]
    assert top.monthly_cost == rec.top.monthly_cost
    assert top.products, "named products"
    assert any(name in p for name in ("GPT", "Claude", "Gemini") for p in top.products)
    assert "Pilot" in brief.next_steps[0] and rec.top.label in brief.next_steps[0]


def test_only_option_has_no_adopt_and_no_robustness_label(kb, answers):
    rec, trust = analysed(kb, answers, ONLY_OPTION_FIELDS)
    assert rec.outcome == "only_option"
    brief = build_brief(kb, rec, trust, AT)
    assert brief.decision.startswith(f"{rec.top.label} is the only solution")
    assert brief.sure_title == "Only option"
    text = all_text(brief)
    assert "Adopt" not in text
    assert not any(re.search(rf"\b{t}\b", text) for t in ROBUSTNESS_TITLES | {"robust"}), text
    assert [s.first_share for s in brief.solutions] == [None]


def test_no_fit_names_the_nearest_and_what_to_relax_never_adopt(kb, answers, tmp_path):
    rec, trust = analysed(kb, answers, NO_FIT_FIELDS)
    assert rec.outcome == "no_fit"
    brief = build_brief(kb, rec, trust, AT)
    assert brief.decision.startswith("No solution meets every requirement; the nearest")
    assert rec.top.unmet[0].relax in brief.decision
    assert brief.solutions and not any(s.qualifies for s in brief.solutions)
    assert all(s.reasons[-1].startswith("Would qualify if you") for s in brief.solutions)
    assert "Adopt" not in all_text(brief)
    assert "Adopt" not in brief_html(brief)
    assert "Adopt" not in pdf_text(brief_pdf(brief), tmp_path)
    assert "Pilot" not in " ".join(brief.next_steps)


def test_reasons_are_the_cards_and_every_mark_names_a_source_note(kb, answers):
    rec, trust = analysed(kb, answers, TOSS_UP_FIELDS)
    brief = build_brief(kb, rec, trust, AT)
    cards, notes = summary_cards(kb, rec)
    assert [s.reasons for s in brief.solutions] == [c.bullets for c in cards]
    assert brief.source_notes[: len(notes)] == notes
    marks = [m for s in brief.solutions for r in s.reasons for m in re.findall(r"\[([\d, ]+)\]", r)]
    marks += [c.mark for c in brief.compliance]
    numbers = {int(n) for m in marks for n in re.findall(r"\d+", m)}
    assert numbers == set(range(1, len(brief.source_notes) + 1)), "each note cited, none missing"


def test_compliance_notes_follow_the_knowledge_base(kb, answers):
    brief = brief_for(kb, answers, MEDIA_CHAT)
    titles = {c.title: c for c in brief.compliance}
    by_id = {n.id: n for n in kb.compliance}
    chat, media = by_id["ai_act_chatbot_disclosure"], by_id["ai_act_synthetic_media"]
    assert chat.title in titles and media.title in titles
    assert "2 August 2026" in titles[chat.title].text
    number = int(re.findall(r"\d+", titles[chat.title].mark)[0])
    assert "Article 50" in brief.source_notes[number - 1]
    quiet = brief_for(kb, answers, {"tasks": ["draft_documents"], "industry": "retail_ecommerce"})
    assert [c.title for c in quiet.compliance] == [by_id["ai_act_ai_literacy"].title]


def test_answers_and_provenance(kb, answers):
    brief = brief_for(kb, answers, MEDIA_CHAT)
    assert len(brief.answers) == len(kb.questions)
    assert dict(brief.answers)[kb.question("organization").question] == "Brightwave Retail"
    assert (brief.kb_version, brief.kb_reviewed) == (kb.version, kb.reviewed)
    assert brief.generated.startswith("2026-12-02 16:30")
    assert brief.title == "AI decision brief: Brightwave Retail"
    assert brief.method == "Weighted sum; weights derived from your answers"
    what_if = recommend(
        kb, answers(**MEDIA_CHAT), "topsis", weights=dict.fromkeys(kb.criterion_ids, 1.0)
    )
    custom = build_brief(kb, what_if, analyse_trust(what_if, samples=500), AT)
    assert custom.method.startswith("TOPSIS") and custom.method.endswith("what-if comparison")


# --- HTML -------------------------------------------------------------------------------------------


HOSTILE = '<script src="https://evil.example/x.js"></script><img src=http://x/y.png> & "q"'


def test_html_is_self_contained_and_shows_any_name_as_text(kb, answers):
    brief = brief_for(kb, answers, {**MEDIA_CHAT, "organization": HOSTILE})
    html = brief_html(brief)
    assert external_references(html) == []
    assert html.count("<svg") == 1 and "<rect" in html, "the chart is inline SVG"
    assert "&lt;script src=&quot;https://evil.example/x.js&quot;&gt;" in html
    assert brief.decision.replace(",", "") in html.replace(",", "") or brief.decision[:40] in html


def test_the_self_containment_check_catches_what_it_must():
    """The checker itself: each way of loading something from elsewhere is reported."""
    for bad in (
        '<script src="a.js"></script>',
        '<link rel="stylesheet" href="https://x/s.css">',
        '<img src="http://x/p.png">',
        "<style>@import url(https://x/f.css);</style>",
        '<div style="background: url(http://x/b.png)"></div>',
        '<svg><image href="https://x/i.png"/></svg>',
    ):
        assert external_references(f"<html><body>{bad}</body></html>"), bad


# --- PDF --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [MEDIA_CHAT, ONLY_OPTION_FIELDS, NO_FIT_FIELDS, TOSS_UP_FIELDS],
    ids=["recommend", "only_option", "no_fit", "toss_up"],
)
def test_pdf_is_one_a4_page_with_ink_and_the_chart(kb, answers, tmp_path, fields):
    brief = brief_for(kb, answers, fields)
    data = brief_pdf(brief)
    assert data.startswith(b"%PDF-")
    pages = pdf_pages(data, tmp_path)
    assert len(pages) == 1, f"{len(pages)} pages"
    assert ink(pages[0]) > 0.03, "the page is blank"
    width, height = Image.open(pages[0]).size
    assert height / width == pytest.approx(297 / 210, rel=0.01), "A4 portrait"
    colour = MEETS_BLUE if brief.outcome != "no_fit" else (117, 117, 117)
    assert has_colour(pages[0], colour, tolerance=12), "the chart's bars are drawn"
    text = pdf_text(data, tmp_path)
    assert brief.sure_title in text and "Next steps" in text and kb.version in text


HEAVY = {
    "industry": "education",
    "output_modalities": ["text", "audio", "tabular"],
    "input_modalities": ["text", "tabular"],
    "tasks": ["chat_with_customers", "classify_or_predict", "speak_text", "personalize_marketing"],
    "deployment": "must_be_on_premises",
    "data_sensitivity": "confidential",
    "budget": "enterprise",
    "volume": "very_high",
}
"""Three-part pipelines, four compliance notes and ten sources: more than one page holds."""


def test_a_heavy_brief_takes_two_pages_at_most_with_the_answers_whole(kb, answers, tmp_path):
    brief = brief_for(kb, answers, HEAVY)
    assert len(brief.compliance) >= 4 and len(brief.solutions[0].label) > 80
    data = brief_pdf(brief)
    pages = pdf_pages(data, tmp_path)
    assert len(pages) <= 2
    last = pdf_text(data, tmp_path, page=len(pages))
    assert "Your answers" in last
    assert all(answer[:25] in last for _, answer in brief.answers if len(answer) < 30)
    assert brief.sure_text[:40] in pdf_text(data, tmp_path, page=1)


ODD_NAMES = [
    "Café Zürich — Ærø ĳ",
    "東京デザイン研究所 🚀🌟",
    "שלום עולם مرحبا",
    "Zero\u200bwidth\u200d joiner \ufeff bom",
    "Bell\x07 and tab\t and\nnew line",
    "x" * 200,
    "\U0001f3f3\ufe0f\u200d\U0001f308 \U0010fffd private use",
]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_pdf_never_fails_on_an_odd_name(kb, answers, tmp_path, name):
    rec, trust = analysed(kb, answers, TOSS_UP_FIELDS)
    rec = dataclasses.replace(rec, answers=dataclasses.replace(rec.answers, organization=name))
    data = brief_pdf(build_brief(kb, rec, trust, AT))
    pages = pdf_pages(data, tmp_path)
    assert 1 <= len(pages) <= 2 and ink(pages[0]) > 0.03
    shown, replaced = printable(name)
    text = pdf_text(data, tmp_path)
    assert set(shown.split()[0][:20]) <= set(text), "the name is printed (RTL in visual order)"
    assert (MISSING_NOTE.split(";")[0] in text) == replaced


def test_printable_keeps_what_the_font_has_and_boxes_the_rest():
    assert printable("Ærø €5 – “ok” • Ωλ ж") == ("Ærø €5 – “ok” • Ωλ ж", False)
    assert printable("東京 ok") == (f"{MISSING}{MISSING} ok", True)
    assert printable("a\x00b\u200bc\n d") == ("abc d", False)


# --- files ------------------------------------------------------------------------------------------


def test_file_names_and_bytes(kb, answers):
    rec, trust = analysed(kb, answers, MEDIA_CHAT)
    assert brief_filename("Acme Clinic", AT, "pdf") == "genai-brief_acme-clinic_2026-12-02.pdf"
    assert brief_filename("東京", AT, "html") == "genai-brief_report_2026-12-02.html"
    html = brief_bytes(kb, rec, trust, AT, "html").decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Brightwave Retail" in html
    assert brief_bytes(kb, rec, trust, AT, "pdf").startswith(b"%PDF-")


def test_brief_modules_do_not_import_streamlit():
    """The content model and renderers are pure: the CLI builds them without a page."""
    for module in Path("brief").glob("*.py"):
        assert "streamlit" not in module.read_text(encoding="utf-8"), module
