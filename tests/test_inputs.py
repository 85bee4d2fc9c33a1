"""Inputs a task implies (scoring/inputs.py, works_from in data/questionnaire.yaml): a business that
picks a task working from content and names none of its inputs is taken to give the first, in the
engine's arrays and in the sentences shown, the same way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import edit_yaml, knowledge_base_error

from scoring.answers import Answers
from scoring.encoding import encode_answers
from scoring.engine import recommend
from scoring.inputs import assumed_inputs, inputs_given, task_inputs
from scoring.knowledge import KnowledgeBase
from scoring.shortlist import job

MakeAnswers = Callable[..., Answers]


def test_transcribing_with_no_inputs_counts_recordings_as_given(
    kb: KnowledgeBase, answers: MakeAnswers
) -> None:
    business = answers(tasks=["transcribe_speech"], input_modalities=[])
    (note,) = assumed_inputs(kb, business)
    assert note.input == "audio" and note.task == "transcribe_speech"
    assert note.sentence.startswith("Audio (speech, music, sound) counts as an input: ")
    assert note.sentence.endswith("(you chose Transcribe speech).")
    assert inputs_given(kb, business) == ("audio",)


def test_an_input_the_task_works_from_already_given_adds_nothing(
    kb: KnowledgeBase, answers: MakeAnswers
) -> None:
    assert (
        assumed_inputs(kb, answers(tasks=["extract_from_documents"], input_modalities=["text"]))
        == ()
    )
    assert (
        assumed_inputs(kb, answers(tasks=["transcribe_speech"], input_modalities=["audio"])) == ()
    )
    assert assumed_inputs(kb, answers(tasks=["summarize_documents"], input_modalities=[])) == ()


def test_documents_with_nothing_named_are_taken_as_scans(
    kb: KnowledgeBase, answers: MakeAnswers
) -> None:
    business = answers(tasks=["extract_from_documents"], output_modalities=["tabular"])
    assert [a.input for a in assumed_inputs(kb, business)] == ["image"]
    rec = recommend(kb, business)
    assert rec.outcome != "no_fit" and rec.top.components[0].startswith("document_ai:")
    assert job(kb, rec.top.components[0], business).reads == ("image",)


def test_the_json_says_what_was_assumed(kb: KnowledgeBase, answers: MakeAnswers) -> None:
    rec = recommend(kb, answers(tasks=["transcribe_speech"]))
    (sentence,) = rec.to_dict()["assumed_inputs"]
    assert "transcribed from recordings" in sentence
    assert recommend(kb, answers()).to_dict()["assumed_inputs"] == []


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_the_arrays_and_the_sentences_agree(kb: KnowledgeBase, data: st.DataObject) -> None:
    from scoring.answers import parse_answers

    tasks = data.draw(st.lists(st.sampled_from(kb.choice_ids("tasks")), unique=True, max_size=4))
    inputs = data.draw(
        st.lists(st.sampled_from(kb.choice_ids("input_modalities")), unique=True, max_size=3)
    )
    business = parse_answers(
        kb, {"output_modalities": ["text"], "tasks": tasks, "input_modalities": inputs}
    )
    hot = encode_answers(kb, [business]).lists["input_modalities"][0]
    ids = kb.choice_ids("input_modalities")
    assert tuple(i for i, on in zip(ids, hot, strict=True) if on) == inputs_given(kb, business)
    assert set(inputs) <= set(inputs_given(kb, business))


def test_every_rule_names_real_inputs_and_tasks(kb: KnowledgeBase) -> None:
    rules = task_inputs(kb)
    assert {r.task for r in rules} >= {"transcribe_speech", "extract_from_documents"}
    for rule in rules:
        assert rule.because and set(rule.inputs) <= set(kb.choice_ids("input_modalities"))
        assert np.all(np.array(rule.input_indices) >= 0)


def _task(data: dict[str, Any], task: str) -> dict[str, Any]:
    question = next(q for q in data["fields"] if q["id"] == "tasks")
    return next(c for c in question["choices"] if c["id"] == task)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"works_from": ["speech"]}, "'speech' is not one of"),
        ({"works_from_because": None}, "works_from needs works_from_because"),
    ],
)
def test_a_bad_works_from_is_refused_naming_the_choice(
    data_copy: Path, change: dict[str, Any], expected: str
) -> None:
    def edit(data: dict[str, Any]) -> None:
        choice = _task(data, "transcribe_speech")
        for key, value in change.items():
            if value is None:
                choice.pop(key)
            else:
                choice[key] = value

    edit_yaml(data_copy / "questionnaire.yaml", edit)
    message = knowledge_base_error(data_copy)
    assert "questionnaire.yaml" in message and expected in message


def test_the_page_says_what_it_assumed(kb: KnowledgeBase, answers: MakeAnswers) -> None:
    from support import open_page, page_text

    at = open_page(answers=answers(tasks=["transcribe_speech"]))
    assert not at.exception
    info = [str(e.value) for e in at.info]
    assert any("counts as an input" in i and "Transcribe speech" in i for i in info), info
    plain = open_page(answers=answers(input_modalities=["audio"], tasks=["transcribe_speech"]))
    assert "counts as an input" not in page_text(plain)
