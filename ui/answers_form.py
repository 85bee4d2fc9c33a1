"""The questionnaire as data: steps, widget keys and the mapping between widget values and the
canonical answers (pure).

The canonical answers live in one session-state dict in the JSON form of ``scoring.answers``;
widgets only mirror it. Streamlit forgets the state of widgets that are not drawn (another step or
page), so every render re-seeds the widget keys from the canonical dict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scoring.answers import Answers, AnswersError, parse_answers
from scoring.kb_schema import Question
from scoring.knowledge_base import CRITERIA, KnowledgeBase

PRIORITIES_TOGGLE = "q_priorities"
DEFAULT_PRIORITY = 3
SEGMENTED_MAX_CHOICES = 6
"""Single choices with at most this many values are buttons; longer lists (industry) a selectbox."""
TEXT_INPUT_MAX_LENGTH = 200
"""Text fields allowing more characters than this (the use case) get a text area."""


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


def uses_buttons(question: Question) -> bool:
    return question.kind == "choice" and len(question.choices) <= SEGMENTED_MAX_CHOICES


def uses_text_area(question: Question) -> bool:
    return question.kind == "text" and (question.max_length or 0) > TEXT_INPUT_MAX_LENGTH


def default_priorities() -> dict[str, int]:
    return dict.fromkeys(CRITERIA, DEFAULT_PRIORITY)


def seed_values(
    question: Question, raw: Mapping[str, Any], draft: Mapping[str, int] | None = None
) -> dict[str, Any]:
    """Widget key -> value that shows the canonical answer for this question.

    ``draft`` holds the last slider positions, so switching own priorities off and on again keeps
    them.
    """
    value = raw.get(question.id)
    if question.kind == "multi":
        return {widget_key(question.id): list(value or [])}
    if question.kind == "priorities":
        levels = {**default_priorities(), **(draft or {}), **(value or {})}
        return {
            PRIORITIES_TOGGLE: value is not None,
            **{priority_key(c): int(levels[c]) for c in CRITERIA},
        }
    return {widget_key(question.id): value if value is not None else question.default}


def value_from_widgets(question: Question, state: Mapping[str, Any], previous: Any) -> Any:
    """The canonical answer for a question, read back from its widgets' state.

    A widget that reports nothing (a single choice cleared, a widget not drawn) keeps the previous
    answer, so the canonical answers never hold a value the engine does not know.
    """
    if question.kind == "priorities":
        if not state.get(PRIORITIES_TOGGLE, False):
            return None
        return {c: int(state.get(priority_key(c), DEFAULT_PRIORITY)) for c in CRITERIA}
    key = widget_key(question.id)
    if key not in state or state[key] is None:
        return previous
    value = state[key]
    if question.kind == "multi":
        return [c.id for c in question.choices if c.id in set(value)]
    return value


CUT_SHOWN = 40
"""How much of a cut-off tail a message quotes."""


def fit_text(question: Question, value: str) -> tuple[str, str]:
    """``(kept, cut)``: text longer than the question allows keeps its first ``max_length``
    characters; ``cut`` is the rest ("" when it fits).

    Characters are Unicode code points, counted by Python's ``len`` as the link decoder and the
    command line count them (a browser's ``maxlength`` counts UTF-16 units, so an emoji would count
    twice there; the widgets therefore set no ``max_chars``).
    """
    limit = question.max_length
    if limit is None or len(value) <= limit:
        return value, ""
    return value[:limit], value[limit:]


def cut_message(question: Question, kept: str, cut: str) -> str:
    """One sentence (plain text, to be escaped) saying what was cut from an over-long text."""
    tail = cut if len(cut) <= CUT_SHOWN else cut[:CUT_SHOWN] + "…"
    return (
        f"{question.question} takes at most {question.max_length:,} characters; the text had "
        f"{len(kept) + len(cut):,}, so the first {len(kept):,} are kept and the last "
        f"{len(cut):,} were cut: “{tail}”"
    )


def validate(
    kb: KnowledgeBase, raw: Mapping[str, Any]
) -> tuple[Answers | None, AnswersError | None]:
    """Strict validation of the canonical answers, as the CLI would do it."""
    try:
        return parse_answers(kb, raw), None
    except AnswersError as problem:
        return None, problem


def field_label(kb: KnowledgeBase, field: str) -> str:
    """The question text for a field id, or the id itself when unknown (a tampered link)."""
    try:
        return kb.question(field).question
    except StopIteration:
        return field
