"""Inputs a task implies: transcribing needs recordings, extracting fields needs documents.

A new user picks "Transcribe speech" and leaves "What will you give it as input?" empty. Read
literally, speech recognition then has nothing to work from, and the business is sold a language
model beside it, or told nothing fits. A task's ``works_from`` (data/questionnaire.yaml) names the
inputs it works from; when the business names none of them, the first counts as given. The engine
applies this to its arrays (:func:`with_assumed_inputs`), the pages and the CLI say it in words
(:func:`assumed_inputs`), and the product shortlist reads the same inputs (:func:`inputs_given`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.answers import Answers
from scoring.knowledge import KnowledgeBase


@dataclass(frozen=True)
class TaskInputs:
    """One task that works from content: its index among the tasks, the indices of the inputs it
    works from (the first is assumed), and why, in the questionnaire's words."""

    task: str
    task_index: int
    inputs: tuple[str, ...]
    input_indices: tuple[int, ...]
    because: str


@dataclass(frozen=True)
class AssumedInput:
    """An input counted as given because of a task, with the sentence that says so."""

    input: str
    task: str
    sentence: str


def task_inputs(kb: KnowledgeBase) -> tuple[TaskInputs, ...]:
    """The tasks of the knowledge base that work from content (a loop over a few choices)."""
    tasks = kb.choice_ids("tasks")
    inputs = kb.choice_ids("input_modalities")
    return tuple(
        TaskInputs(
            task=choice.id,
            task_index=tasks.index(choice.id),
            inputs=choice.works_from,
            input_indices=tuple(inputs.index(i) for i in choice.works_from),
            because=choice.works_from_because or "",
        )
        for choice in kb.question("tasks").choices
        if choice.works_from
    )


def with_assumed_inputs(kb: KnowledgeBase, tasks: np.ndarray, inputs: np.ndarray) -> np.ndarray:
    """(rows, inputs) bool: the given inputs plus, for each picked task that works from content
    the row gives none of, the first input it works from. ``tasks`` is (rows, tasks) bool."""
    result = inputs.copy()
    for rule in task_inputs(kb):
        lacking = tasks[:, rule.task_index] & ~result[:, list(rule.input_indices)].any(axis=1)
        result[lacking, rule.input_indices[0]] = True
    return result


def assumed_inputs(kb: KnowledgeBase, answers: Answers) -> tuple[AssumedInput, ...]:
    """What :func:`with_assumed_inputs` adds for one answer set, each with a plain sentence such as
    "Audio counts as an input: speech is transcribed from recordings (you chose Transcribe speech)."
    """
    given = set(answers.input_modalities)
    assumed: list[AssumedInput] = []
    for rule in task_inputs(kb):
        if rule.task not in answers.tasks or given & set(rule.inputs):
            continue
        first = rule.inputs[0]
        given.add(first)
        label = kb.choice_label("input_modalities", first)
        task = kb.choice_label("tasks", rule.task)
        sentence = f"{label} counts as an input: {rule.because} (you chose {task})."
        assumed.append(AssumedInput(first, rule.task, sentence))
    return tuple(assumed)


def inputs_given(kb: KnowledgeBase, answers: Answers) -> tuple[str, ...]:
    """The business's inputs with those its tasks imply, in the questionnaire's order."""
    given = set(answers.input_modalities) | {a.input for a in assumed_inputs(kb, answers)}
    return tuple(i for i in kb.choice_ids("input_modalities") if i in given)
