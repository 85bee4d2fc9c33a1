"""Which solutions are listed (SPEC, "What is ranked"): every component alone, and the minimal
combinations of two or three, checked against a brute-force search written here from the
approaches' reads, writes, tasks and front ends in plain Python sets."""

from __future__ import annotations

from itertools import combinations, product

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import answer_objects, by_option, outputs_made_by, sample_answers

from scoring.answers import parse_answers
from scoring.encoding import encode_answers
from scoring.engine import recommend, score_arrays
from scoring.inputs import inputs_given
from scoring.knowledge import default_knowledge_base
from scoring.solutions import group_by_solutions, solution_id

MAX_COMPONENTS = 3  # SPEC: a combination of two or three components
ONE_APPROACH_MEETING_EVERY_NEED_EXCLUDES_COMBINATIONS = True
"""SPEC lists combinations only for needs no single component meets, and so does the engine."""


def needs_of(kb, answers) -> set[tuple[str, str]]:
    return (
        {("writes", m) for m in answers.output_modalities}
        | {("reads", m) for m in inputs_given(kb, answers)}
        | {("does", t) for t in answers.tasks}
    )


def offers(kb, approach_ids, answers) -> set[tuple[str, str]]:
    """What approaches do for this business: the outputs they make from its inputs and a prompt
    (a speech recogniser writes text only from recordings), what they read and the tasks."""
    out: set[tuple[str, str]] = set()
    for approach_id in approach_ids:
        a = kb.approach(approach_id)
        made = outputs_made_by([a], inputs_given(kb, answers))
        out |= {("writes", m) for m in made} | {("reads", m) for m in a.reads}
        out |= {("does", t) for t in a.tasks}
    return out


def minimal_approach_sets(kb, answers) -> list[tuple[str, ...]]:
    """Every set of two or three approaches that covers every coverable need no single approach
    covers, where each member covers a need the others do not and earns its place: it does a
    named task (when tasks are named) or makes an output no other member makes (when none is), or
    it is the only member that turns one of the given inputs into text for the others (its
    ``front_end``: transcription or OCR before a language model)."""
    approaches = [a.id for a in kb.approaches]
    needed = needs_of(kb, answers) & offers(kb, approaches, answers)
    found: list[tuple[str, ...]] = []
    if ONE_APPROACH_MEETING_EVERY_NEED_EXCLUDES_COMBINATIONS and any(
        needed <= offers(kb, [a], answers) for a in approaches
    ):
        return found
    for size in range(2, MAX_COMPONENTS + 1):
        for chosen in combinations(approaches, size):
            if not needed <= offers(kb, chosen, answers):
                continue
            rest = [tuple(a for a in chosen if a != m) for m in chosen]
            if any(needed <= offers(kb, others, answers) for others in rest):
                continue
            if not all(serves(kb, answers, m, chosen) for m in chosen):
                continue
            found.append(chosen)
    return found


def serves(kb, answers, member: str, chosen: tuple[str, ...]) -> bool:
    """A member of a pipeline does a named task, or alone makes a required output (with tasks
    named, only a general generator, not a specialised tool), or alone reads a given input for
    the others as their front end."""
    approach = kb.approach(member)
    others = [kb.approach(a) for a in chosen if a != member]
    others_write = outputs_made_by(others, inputs_given(kb, answers))
    made = outputs_made_by([approach], inputs_given(kb, answers))
    makes_alone = bool(set(answers.output_modalities) & (made - others_write))
    if answers.tasks:
        if set(answers.tasks) & set(approach.tasks):
            return True
        if makes_alone and not approach.specialised:
            return True
    elif makes_alone:
        return True
    others = {m for a in chosen if a != member for m in kb.approach(a).reads}
    return bool(set(inputs_given(kb, answers)) & (set(approach.front_end) - others))


def expected_ids(kb, answers) -> set[str]:
    """Every component alone plus every deployment choice of every minimal approach set."""
    ids = set(kb.component_ids)
    for chosen in minimal_approach_sets(kb, answers):
        per_approach = [[c for c in kb.components if c.approach == a] for a in chosen]
        for members in product(*per_approach):
            ordered = sorted(members, key=lambda c: kb.component_ids.index(c.id))
            ids.add("+".join(c.id for c in ordered))
    return ids


def listed_ids(kb, answers) -> list[str]:
    """The solutions the engine lists, in its listing (catalogue) order."""
    ranking = recommend(kb, answers).ranking
    return [r.option for r in sorted(ranking, key=lambda r: r.index)]


# --- worked examples -------------------------------------------------------------------------------


def test_every_component_is_listed_alone_first_in_catalogue_order(kb, answers) -> None:
    for a in (
        answers(),
        answers(output_modalities=["text", "image"]),
        answers(tasks=["translate"]),
    ):
        listed = listed_ids(kb, a)
        assert listed[: len(kb.components)] == list(kb.component_ids)


def test_no_combination_when_one_approach_covers_everything(kb, answers) -> None:
    """Each of these needs is met by one approach alone, and no other pair is irreducible."""
    for a in (
        answers(),
        answers(input_modalities=["text"], tasks=["summarize_documents"]),
        answers(output_modalities=["image"], tasks=["generate_creative_content"]),
    ):
        assert listed_ids(kb, a) == list(kb.component_ids)


def one_approach_covers_everything(kb, answers) -> bool:
    approaches = [a.id for a in kb.approaches]
    needed = needs_of(kb, answers) & offers(kb, approaches, answers)
    return any(needed <= offers(kb, [a], answers) for a in approaches)


@pytest.mark.parametrize(
    "fields",
    [
        # Speech AI: text from the recordings, audio from the prompt.
        {"output_modalities": ["text", "audio"], "input_modalities": ["audio"]},
        {"input_modalities": ["text", "image"], "tasks": ["summarize_documents"]},
    ],
)
def test_no_combination_is_listed_when_a_single_approach_meets_every_need(
    kb, answers, fields
) -> None:
    a = answers(**fields)
    assert one_approach_covers_everything(kb, a)  # speech AI; the multimodal LLM
    assert listed_ids(kb, a) == list(kb.component_ids)


def test_text_and_image_outputs_list_the_text_llm_and_image_generator_pipeline(kb, answers) -> None:
    rec = recommend(kb, answers(output_modalities=["text", "image"]))
    pipeline = by_option(rec)["text_llm:hosted_api+image_generation:hosted_api"]
    assert pipeline.components == ("text_llm:hosted_api", "image_generation:hosted_api")
    assert pipeline.label == "Text LLM, public API + image generation, public API"
    assert pipeline.meets_requirements
    assert not by_option(rec)["text_llm:hosted_api"].meets_requirements


def test_a_tool_that_transforms_content_makes_nothing_from_what_it_is_not_given(kb, answers):
    """Speech recognition writes text from recordings and extraction from documents: for text and
    images with neither, only a language model writes the text (found by a review, 2026-12-02:
    "Speech AI + image generation" came third)."""
    rec = recommend(kb, answers(output_modalities=["text", "image"]))
    transformers = {a.id for a in kb.approaches if a.makes}
    assert transformers == {"speech_ai", "document_ai"}
    for r in rec.qualifying:
        assert not {kb.component(c).approach for c in r.components} & transformers, r.option
    speech = by_option(rec)["speech_ai:hosted_api"]
    assert speech.unmet_sentences == (
        "It cannot produce images. It makes text only from audio (speech, music, sound), which "
        "you do not give it.",
    )
    with_recordings = recommend(kb, answers(output_modalities=["text"], input_modalities=["audio"]))
    assert by_option(with_recordings)["speech_ai:hosted_api"].meets_requirements
    voice = recommend(kb, answers(output_modalities=["audio"], tasks=["speak_text"]))
    assert by_option(voice)["speech_ai:hosted_api"].meets_requirements, "it reads text it is handed"


def test_3d_and_voice_list_exactly_the_speech_and_3d_pairs(kb, answers) -> None:
    a = answers(output_modalities=["3d", "audio"], tasks=["speak_text", "reconstruct_3d"])
    pairs = [r for r in recommend(kb, a).ranking if len(r.components) > 1]
    speech = [c.id for c in kb.components if c.approach == "speech_ai"]
    three_d = [c.id for c in kb.components if c.approach == "3d_generation"]
    assert len(pairs) == len(speech) * len(three_d)
    for r in pairs:
        assert {kb.component(c).approach for c in r.components} == {"speech_ai", "3d_generation"}
    assert {r.option for r in pairs} == {f"{s}+{d}" for s, d in product(speech, three_d)}


def test_a_member_that_does_no_named_task_is_no_pipeline(kb, answers) -> None:
    """Without the voice task, music generation may supply the audio; with it, it may not."""
    free = {r.option for r in recommend(kb, answers(output_modalities=["3d", "audio"])).ranking}
    assert any("audio_generation" in o and "3d_generation" in o for o in free)
    tasked = answers(output_modalities=["3d", "audio"], tasks=["speak_text", "reconstruct_3d"])
    assert not any(
        "audio_generation" in r.option and "+" in r.option for r in recommend(kb, tasked).ranking
    )


def test_three_components_when_three_approaches_are_needed(kb, answers) -> None:
    a = answers(output_modalities=["text", "image", "video"])
    triples = [r for r in recommend(kb, a).ranking if len(r.components) == 3]
    assert triples
    for r in triples:
        approaches = {kb.component(c).approach for c in r.components}
        assert len(approaches) == 3 and {"image_generation", "video_generation"} <= approaches


def test_needs_nothing_can_cover_leave_no_combination(kb, answers) -> None:
    """Nothing reads 3D: the combinations still cover what can be covered, and fail the rest."""
    a = answers(output_modalities=["text"], input_modalities=["3d"])
    assert not any("3d" in a.reads for a in kb.approaches)
    rec = recommend(kb, a)
    assert listed_ids(kb, a) == list(kb.component_ids)
    assert rec.outcome == "no_fit"
    b = answers(output_modalities=["text", "image"], input_modalities=["3d"])
    combos = [r for r in recommend(kb, b).ranking if "+" in r.option]
    assert combos
    for r in combos:
        failed = [u.requirement for u in r.unmet]
        assert "inputs" in failed and "outputs" not in failed, r.option


# --- ids and labels ---------------------------------------------------------------------------------


def test_ids_join_component_ids_in_catalogue_order(kb, answers) -> None:
    for a in sample_answers(kb, 25, seed=3):
        for r in recommend(kb, a).ranking:
            positions = [kb.component_ids.index(c) for c in r.components]
            assert positions == sorted(positions), r.option
            assert r.option == "+".join(r.components)
            assert 1 <= len(r.components) <= MAX_COMPONENTS
            approaches = [kb.component(c).approach for c in r.components]
            assert len(set(approaches)) == len(approaches), r.option
            assert r.option == solution_id(kb, tuple(positions))


def test_labels_are_plain_words(kb, answers) -> None:
    rec = recommend(kb, answers(output_modalities=["text", "image", "video"]))
    for r in rec.ranking:
        parts = r.label.split(" + ")
        assert len(parts) == len(r.components)
        for part, component_id in zip(parts, r.components, strict=True):
            c = kb.component(component_id)
            approach, deployment = kb.approach(c.approach).label, kb.deployment(c.deployment).label
            assert part.lower() == f"{approach}, {deployment}".lower()
        assert r.label[0].isupper() or r.label[0].isdigit()
        assert "_" not in r.label and ":" not in r.label, r.label


# --- against the brute force -------------------------------------------------------------------------


def test_listed_solutions_are_exactly_the_minimal_ones_on_a_sample(kb) -> None:
    """Batch grouping included: every answer set of one batch lists what brute force lists."""
    sample = sample_answers(kb, 300, seed=11)
    groups = group_by_solutions(kb, encode_answers(kb, sample))
    assert sorted(int(r) for g in groups for r in g.rows) == list(range(len(sample)))
    for group in groups:
        listed = {
            solution_id(kb, group.solutions.component_indices(s))
            for s in range(len(group.solutions))
        }
        assert len(listed) == len(group.solutions), "no solution listed twice"
        for row in group.rows:
            assert listed == expected_ids(kb, sample[row]), sample[row]


def test_a_batch_lists_what_one_by_one_lists(kb) -> None:
    sample = sample_answers(kb, 60, seed=5)
    for group in score_arrays(kb, encode_answers(kb, sample)):
        ids = [
            solution_id(kb, group.solutions.component_indices(s))
            for s in range(len(group.solutions))
        ]
        for row in group.rows:
            assert ids == listed_ids(kb, sample[row])


@settings(max_examples=120, deadline=None)
@given(data=st.data())
def test_listed_solutions_are_minimal_property(data) -> None:
    kb = default_knowledge_base()
    answers = parse_answers(kb, data.draw(answer_objects(kb, list_size=4)))
    listed = listed_ids(kb, answers)
    assert set(listed) == expected_ids(kb, answers)
    assert set(kb.component_ids) <= set(listed)  # SPEC: every component appears


@pytest.mark.parametrize(
    "fields",
    [
        {"output_modalities": ["text", "audio"], "tasks": ["translate", "speak_text"]},
        {"output_modalities": ["text", "tabular"], "tasks": ["translate", "classify_or_predict"]},
        {"output_modalities": ["text", "image"], "input_modalities": ["audio"]},
        {"output_modalities": ["video", "3d", "audio"]},
    ],
)
def test_each_member_of_a_combination_covers_a_need_the_others_do_not(kb, answers, fields) -> None:
    a = answers(**fields)
    needed = needs_of(kb, a) & offers(kb, [x.id for x in kb.approaches], a)
    combos = [r for r in recommend(kb, a).ranking if len(r.components) > 1]
    assert combos, fields
    for r in combos:
        approaches = [kb.component(c).approach for c in r.components]
        assert needed <= offers(kb, approaches, a), r.option
        for member in approaches:
            others = [x for x in approaches if x != member]
            assert needed - offers(kb, others, a), (r.option, member)
            assert serves(kb, a, member, tuple(approaches)), (r.option, member)


def test_answer_sets_with_equal_keys_list_the_same_solutions(kb) -> None:
    """The batch groups answer sets by a key of their needs (``need_keys``); the key must never
    merge two needs that list different combinations."""
    from scoring.solutions import minimal_combinations, need_bits, need_keys

    batch = sample_answers(kb, 400, seed=21)
    needs = need_bits(kb, encode_answers(kb, batch))
    _, first, inverse = np.unique(need_keys(kb, needs), return_index=True, return_inverse=True)
    direct = minimal_combinations(kb, needs)
    via_keys = minimal_combinations(kb, needs[first])[inverse.reshape(-1)]
    np.testing.assert_array_equal(direct, via_keys)
