"""Named products follow the component's job for this business (scoring/shortlist.py): a product
that cannot hear the recordings is not put forward for them, speech recognition is not offered
for a voice, and the page says what was left out and why."""

from __future__ import annotations

import itertools

import pytest

from scoring.answers import Answers, parse_answers
from scoring.engine import recommend
from scoring.knowledge import default_knowledge_base
from scoring.knowledge.schema import Product
from scoring.shortlist import (
    Job,
    job,
    left_out,
    product_reads,
    product_writes,
    shortlist_for,
    shortlist_notes,
    unhandled,
)

KB = default_knowledge_base()
INPUTS = ["text", "image", "audio", "video", "tabular"]
OUTPUTS = ["text", "image", "audio", "video", "3d", "tabular"]


def answers(inputs: list[str], outputs: list[str] | None = None) -> Answers:
    return parse_answers(KB, {"input_modalities": inputs, "output_modalities": outputs or ["text"]})


def names(component: str, given: Answers) -> list[str]:
    return [p.name for p in shortlist_for(KB, component, given)]


def test_recordings_keep_only_the_multimodal_models_that_hear_them() -> None:
    clinic = answers(["text", "audio"])
    assert names("multimodal_llm:private_cloud", clinic) == ["Gemini 2.5 Flash on Google Vertex AI"]
    dropped = {p.name: gap for p, gap in left_out(KB, "multimodal_llm:private_cloud", clinic)}
    assert dropped["Claude Sonnet 4.6 on Amazon Bedrock"].reads == ("audio",)
    assert shortlist_notes(KB, ["multimodal_llm:private_cloud"], clinic) == [
        "Not listed for the multimodal LLM, enterprise cloud: Claude Sonnet 4.6 on Amazon Bedrock "
        "(does not read audio), Claude Haiku 4.5 on Amazon Bedrock (does not read audio) and "
        "Azure OpenAI (GPT-6 models) (does not read audio)."
    ]


def test_images_keep_every_vision_model() -> None:
    component = KB.component("multimodal_llm:hosted_api")
    given = answers(["text", "image"])
    assert shortlist_for(KB, component.id, given) == component.shortlist
    assert shortlist_notes(KB, [component.id], given) == []


def test_speech_offers_recognition_for_recordings_and_voices_for_speaking() -> None:
    transcribe = answers(["text", "audio"], ["text"])
    speak = answers(["text"], ["audio"])
    both = answers(["text", "audio"], ["text", "audio"])
    assert names("speech_ai:private_cloud", transcribe) == ["Google Cloud Speech-to-Text, Chirp 3"]
    assert names("speech_ai:private_cloud", speak) == ["Amazon Polly (neural voices)"]
    assert len(names("speech_ai:private_cloud", both)) == 2  # each does half the job
    assert shortlist_notes(KB, ["speech_ai:private_cloud"], both) == []


def test_text_counts_when_it_is_the_whole_job() -> None:
    prompt_only = answers(["text"], ["3d"])
    assert names("3d_generation:self_hosted", prompt_only) == ["Hunyuan3D-2 (2.0, 2mini)"]
    with_photos = answers(["text", "image"], ["3d"])
    assert job(KB, "3d_generation:self_hosted", with_photos).reads == ("image",)
    assert "TRELLIS.2-4B" in names("3d_generation:self_hosted", with_photos)


def test_a_part_no_product_handles_is_said_not_hidden() -> None:
    given = answers(["video"], ["3d"])
    assert unhandled(KB, "3d_generation:hosted_api", given).reads == ("video",)
    (note,) = shortlist_notes(KB, ["3d_generation:hosted_api"], given)
    assert note.startswith(
        "None of the products listed for the 3D generation, public API can read video"
    )


CASES = [
    answers(list(i), list(o))
    for i, o in itertools.product(
        [["text"], ["image"], ["audio"], ["text", "audio"], ["tabular", "image"], INPUTS],
        [["text"], ["audio"], ["text", "audio"], ["3d"], ["tabular"]],
    )
]


def handled(component: str, product: Product, work: Job) -> int:
    reads, writes = product_reads(KB, component, product), product_writes(KB, component, product)
    return sum(m in reads for m in work.reads) + sum(m in writes for m in work.writes)


@pytest.mark.parametrize("component", [c.id for c in KB.components])
def test_the_shown_shortlist_is_never_empty_and_handles_the_most(component: str) -> None:
    for given in CASES:
        shown = shortlist_for(KB, component, given)
        assert shown
        work = job(KB, component, given)
        best = max(handled(component, p, work) for p in KB.component(component).shortlist)
        assert all(handled(component, p, work) == best for p in shown)


def test_the_recommendation_and_its_json_carry_the_shown_shortlist() -> None:
    given = parse_answers(
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
    rec = recommend(KB, given)
    output = rec.to_dict()["ranking"]
    for ranked in rec.ranking:
        for component in ranked.components:
            listed = output[ranked.rank - 1]["shortlist"][component]
            assert [p["name"] for p in listed] == [p.name for p in rec.shortlist(component)]
            hears = [
                p
                for p in KB.component(component).shortlist
                if "audio" in product_reads(KB, component, p)
            ]
            if hears:  # a component none of whose products hears audio says so in a note
                assert all(
                    "audio" in product_reads(KB, component, p) for p in rec.shortlist(component)
                )
