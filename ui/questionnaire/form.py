"""The questionnaire as data: steps, widget keys and the mapping between widget values and the
canonical answers (pure).

The canonical answers live in one session-state dict in the JSON form of ``scoring.answers``;
widgets only mirror it. Streamlit forgets the state of widgets that are not drawn (another step or
page), so a widget drawn afresh starts from the canonical dict (:func:`seed_values`, passed as its
default); a widget that has state keeps it, since pushing the saved answer over it on every run
would undo the clicks sent while the run was under way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scoring.answers import Answers, AnswersError, parse_answers
from scoring.knowledge import KnowledgeBase
from scoring.knowledge.schema import Question

PRIORITIES_TOGGLE = "q_priorities"
DEFAULT_PRIORITY = 3
SEGMENTED_MAX_CHOICES = 6
"""Single choices with at most this many values are buttons; longer lists (industry) a selectbox."""
TEXT_INPUT_MAX_LENGTH = 200
"""Text fields allowing more characters than this (the use case) get a text area."""
REQUIRED_MARK = "(required)"
"""Ends the label of a question that must be answered. A word in the label itself, not a bare
"*": the label is the widget's accessible name, so a screen reader says "required" too."""
REQUIRED_LEGEND = (
    f"Only questions marked {REQUIRED_MARK} need an answer; every other question starts from a "
    "default you can keep."
)


def widget_key(field: str) -> str:
    return f"q_{field}"


def priority_key(criterion: str) -> str:
    return f"q_priority_{criterion}"


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    questions: tuple[Question, ...]


def steps(kb: KnowledgeBase) -> tuple[Step, ...]:
    """The questionnaire's steps in order, each with its questions."""
    return tuple(
        Step(step_id, title, tuple(q for q in kb.questions if q.step == step_id))
        for step_id, title in kb.steps
    )


def question_label(question: Question) -> str:
    """The label a question's widget shows: the question, marked when it must be answered."""
    return f"{question.question} {REQUIRED_MARK}" if question.required else question.question


def uses_buttons(question: Question) -> bool:
    return question.kind == "choice" and len(question.choices) <= SEGMENTED_MAX_CHOICES


def uses_text_area(question: Question) -> bool:
    return question.kind == "text" and (question.max_length or 0) > TEXT_INPUT_MAX_LENGTH


def seed_values(
    question: Question,
    raw: Mapping[str, Any],
    criteria: tuple[str, ...],
    draft: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """Widget key -> value that shows the canonical answer for this question.

    ``draft`` holds the last slider positions, so switching own priorities off and on again keeps
    them.
    """
    value = raw.get(question.id)
    if question.kind == "multi":
        return {widget_key(question.id): list(value or [])}
    if question.kind == "priorities":
        levels = {**dict.fromkeys(criteria, DEFAULT_PRIORITY), **(draft or {}), **(value or {})}
        return {
            PRIORITIES_TOGGLE: value is not None,
            **{priority_key(c): int(levels[c]) for c in criteria},
        }
    if question.kind == "count":
        return {widget_key(question.id): value}
    return {widget_key(question.id): value if value is not None else question.default}


def value_from_widgets(
    question: Question, state: Mapping[str, Any], previous: Any, criteria: tuple[str, ...]
) -> Any:
    """The canonical answer for a question, read back from its widgets' state.

    A widget that reports nothing (a single choice cleared, a widget not drawn) keeps the previous
    answer, so the canonical answers never hold a value the engine does not know.
    """
    if question.kind == "priorities":
        if not state.get(PRIORITIES_TOGGLE, False):
            return None
        return {c: int(state.get(priority_key(c), DEFAULT_PRIORITY)) for c in criteria}
    key = widget_key(question.id)
    if question.kind == "count":  # an emptied number box means "use the volume level"
        value = state.get(key)
        return None if value is None else int(value)
    if key not in state or state[key] is None:
        return previous
    value = state[key]
    if question.kind == "multi":
        return [c.id for c in question.choices if c.id in set(value)]
    return value


def problem_text(kb: KnowledgeBase, problem: AnswersError, value: Any) -> str:
    """What is wrong with one answer, in the questionnaire's words (its question, never the
    field's or choices' ids), as plain text; it is shown right under the question.

    ``value`` is the answer as it stands. A required list left empty is the one problem the
    widgets can produce; anything else (a tampered value) keeps the parser's message after the
    question.
    """
    question = kb.question(problem.field)
    if question.kind == "multi" and question.required and not value:
        return (
            f"“{question.question}” needs at least one answer: choose one or more of the "
            "options above."
        )
    return f"{question.question} {problem.message}"


def validate(
    kb: KnowledgeBase, raw: Mapping[str, Any]
) -> tuple[Answers | None, AnswersError | None]:
    """Strict validation of the canonical answers, as the CLI would do it."""
    try:
        return parse_answers(kb, raw), None
    except AnswersError as problem:
        return None, problem
