"""Named products follow the business's inputs (scoring/shortlist.py): a product that cannot read
the recordings is not put forward for them, and the page says what was left out and why."""

from __future__ import annotations

import pytest

from scoring.answers import parse_answers
from scoring.engine import recommend
from scoring.knowledge import default_knowledge_base
from scoring.shortlist import left_out, product_reads, shortlist_for, shortlist_notes, unread_inputs

KB = default_knowledge_base()
INPUTS = ["text", "image", "audio", "video", "tabular"]


def test_audio_in_keeps_only_products_that_hear_it() -> None:
    shown = shortlist_for(KB, "multimodal_llm:private_cloud", ["text", "audio"])
    assert [p.name for p in shown] == ["Gemini 2.5 Flash on Google Vertex AI"]
    dropped = {
        p.name: missing for p, missing in left_out(KB, "multimodal_llm:private_cloud", ["audio"])
    }
    assert dropped["Claude Sonnet 4.6 on Amazon Bedrock"] == ("audio",)
    notes = shortlist_notes(KB, ["multimodal_llm:private_cloud"], ["audio"])
    assert notes == [
        "Not listed for the multimodal LLM, enterprise cloud: Claude Sonnet 4.6 on Amazon Bedrock "
        "(does not read audio), Claude Haiku 4.5 on Amazon Bedrock (does not read audio) and "
        "Azure OpenAI (GPT-6 models) (does not read audio)."
    ]


def test_image_in_keeps_every_vision_model() -> None:
    component = KB.component("multimodal_llm:hosted_api")
    assert shortlist_for(KB, component.id, ["image", "text"]) == component.shortlist
    assert shortlist_notes(KB, [component.id], ["image", "text"]) == []


def test_an_input_no_product_reads_is_said_not_hidden() -> None:
    assert unread_inputs(KB, "3d_generation:hosted_api", ["video"]) == ("video",)
    (note,) = shortlist_notes(KB, ["3d_generation:hosted_api"], ["video"])
    assert note.startswith(
        "None of the products listed for the 3D generation, public API reads video"
    )


@pytest.mark.parametrize("component", [c.id for c in KB.components])
@pytest.mark.parametrize("given", [[m] for m in INPUTS] + [INPUTS, ["text", "audio"]])
def test_the_shown_shortlist_is_never_empty_and_reads_the_most(
    component: str, given: list[str]
) -> None:
    shown = shortlist_for(KB, component, given)
    assert shown
    reach = [
        len(set(given) & set(product_reads(KB, component, p)))
        for p in KB.component(component).shortlist
    ]
    assert all(len(set(given) & set(product_reads(KB, component, p))) == max(reach) for p in shown)


def test_the_recommendation_and_its_json_carry_the_filtered_shortlist() -> None:
    answers = parse_answers(
        KB,
        {
            "use_case": "Summarise recorded patient visits into notes.",
            "industry": "healthcare",
            "input_modalities": ["text", "audio"],
            "output_modalities": ["text"],
            "tasks": ["summarize_documents"],
            "data_sensitivity": "regulated",
        },
    )
    rec = recommend(KB, answers)
    for ranked in rec.ranking:
        for component in ranked.components:
            listed = rec.to_dict()["ranking"][ranked.rank - 1]["shortlist"][component]
            assert [p["name"] for p in listed] == [p.name for p in rec.shortlist(component)]
            approach = KB.approach(KB.component(component).approach)
            if "audio" in approach.reads:
                assert all(
                    "audio" in product_reads(KB, component, p) for p in rec.shortlist(component)
                )
