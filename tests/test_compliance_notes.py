"""data/compliance.yaml: the brief's legal notes are validated on load like every data file (a
broken note names the file, the entry and the field) and apply only where their conditions hold."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import edit_yaml, knowledge_base_error

from brief.compliance import compliance_notes
from scoring.answers import Answers
from scoring.knowledge import KnowledgeBase

FILE = "compliance.yaml"


def _note(index: int, **change: Any) -> Callable[[Any], None]:
    def edit(data: Any) -> None:
        data["notes"][index].update(change)

    return edit


def _drop(index: int, key: str) -> Callable[[Any], None]:
    def edit(data: Any) -> None:
        del data["notes"][index][key]

    return edit


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        pytest.param(
            _note(0, when={"tasks": ["juggle"]}),
            ["notes entry 1", "id 'ai_act_chatbot_disclosure'", "when.tasks", "'juggle'"],
            id="unknown-task",
        ),
        pytest.param(
            _note(1, when={"organization": "x"}),
            ["notes entry 2", "field when", "'organization' is not a choice field"],
            id="free-text-field",
        ),
        pytest.param(
            _note(1, approaches=["quantum_oracle"]),
            ["notes entry 2", "field approaches", "quantum_oracle"],
            id="unknown-approach",
        ),
        pytest.param(
            _note(4, deployments=["moon"]),
            ["notes entry 5", "field deployments", "moon"],
            id="unknown-deployment",
        ),
        pytest.param(
            _note(0, sources=[{"source": "rumour"}]),
            ["notes entry 1", "sources entry 1", "unknown source 'rumour'"],
            id="unknown-source",
        ),
        pytest.param(
            _drop(2, "rationale"),
            ["notes entry 3", "id 'ai_act_public_interest_text'", "rationale", "Field required"],
            id="no-rationale",
        ),
        pytest.param(
            _note(3, applies_from="December 2027"),
            ["notes entry 4", "applies_from"],
            id="date-not-iso",
        ),
        pytest.param(
            _note(5, id="ai_act_chatbot_disclosure"),
            ["notes entry 6", "duplicate id 'ai_act_chatbot_disclosure'"],
            id="duplicate-id",
        ),
        pytest.param(
            _note(0, colour="red"),
            ["notes entry 1", "colour", "Extra inputs are not permitted"],
            id="unknown-key",
        ),
    ],
)
def test_broken_note_names_file_entry_and_field(
    data_copy: Path, edit: Callable[[Any], None], expected: list[str]
) -> None:
    edit_yaml(data_copy / FILE, edit)
    message = knowledge_base_error(data_copy)
    assert message.startswith(f"data/{FILE}: "), message
    for part in expected:
        assert part in message, f"{part!r} not in: {message}"


def test_missing_file_is_named(data_copy: Path) -> None:
    (data_copy / FILE).unlink()
    assert knowledge_base_error(data_copy) == f"data/{FILE}: missing (the knowledge base needs it)"


def _ids(kb: KnowledgeBase, answers: Answers, *components: str) -> set[str]:
    return {n.id for n in compliance_notes(kb, answers, components)}


def test_notes_apply_by_answers_approach_and_deployment(
    kb: KnowledgeBase, answers: Callable[..., Answers]
) -> None:
    text = answers(tasks=["draft_documents"], industry="retail_ecommerce")
    assert _ids(kb, text, "text_llm:hosted_api") == {"ai_act_ai_literacy"}
    chat = answers(tasks=["chat_with_customers"])
    assert "ai_act_chatbot_disclosure" in _ids(kb, chat, "text_llm:hosted_api")
    images = answers(output_modalities=["text", "image"])
    assert "ai_act_synthetic_media" in _ids(
        kb, images, "text_llm:hosted_api", "image_generation:hosted_api"
    )
    assert "ai_act_synthetic_media" not in _ids(kb, images, "text_llm:hosted_api")
    regulated = answers(data_sensitivity="regulated")
    assert "regulated_data_agreement" in _ids(kb, regulated, "text_llm:private_cloud")
    assert "regulated_data_agreement" not in _ids(kb, regulated, "text_llm:self_hosted")


def test_knowledge_base_page_words_each_note_with_its_scope_and_sources(kb: KnowledgeBase) -> None:
    from ui.knowledge_base.text import compliance_markdown, compliance_scope

    by_id = {n.id: n for n in kb.compliance}
    assert compliance_scope(kb, by_id["ai_act_ai_literacy"]) == "to every recommendation"
    media = compliance_scope(kb, by_id["ai_act_synthetic_media"])
    assert media.startswith('when "What must the system produce?" includes Images')
    assert "for solutions with image generation or video generation" in media
    regulated = compliance_scope(kb, by_id["regulated_data_agreement"])
    assert "is Regulated, with a part run as enterprise cloud or public API" in regulated
    text = compliance_markdown(kb, by_id["ai_act_chatbot_disclosure"])
    assert "from 2026\\-08\\-02" in text and "*Why:*" in text and ":small[*Sources:*" in text
    assert "Article 50 transparency duties" in text
