"""One questionnaire response: parsing, validation and the flat text form.

The same definition (``data/questionnaire.yaml``) validates answers from a JSON file, a batch CSV row, a
shared link and the questionnaire page. Two entry points share one per-field parser: a strict one
that rejects the first bad field (CLI, batch) and a lenient one that falls back to the default for each
bad field and reports it (shared links, so a tampered link still opens).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from scoring.knowledge import KnowledgeBase
from scoring.knowledge.checks.questionnaire import ANSWER_FIELDS
from scoring.knowledge.schema import Question

LIST_SEPARATOR = ";"
PAIR_SEPARATOR = "="


class AnswersError(ValueError):
    """A field of an answers object is invalid; ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"field '{field}': {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class Answers:
    """A validated answers object; every field holds an allowed value.

    Built only by the parsers below, which take defaults from the questionnaire definition.
    """

    organization: str
    use_case: str
    industry: str
    input_modalities: tuple[str, ...]
    output_modalities: tuple[str, ...]
    tasks: tuple[str, ...]
    accuracy_need: str
    creativity_need: str
    data_sensitivity: str
    deployment: str
    volume: str
    monthly_requests: int | None
    latency: str
    budget: str
    in_house_ml_expertise: str
    domain_specialization: str
    priorities: Mapping[str, int] | None = field(hash=False)

    def to_dict(self) -> dict[str, Any]:
        """The spec's JSON form (lists as lists, priorities as an object or null)."""
        data = asdict(self)
        out: dict[str, Any] = {}
        for name in ANSWER_FIELDS:
            value = data[name]
            out[name] = list(value) if isinstance(value, tuple) else value
        if self.priorities is not None:
            out["priorities"] = dict(self.priorities)
        return out

    def to_flat(self) -> dict[str, str]:
        """The text form used by batch CSV columns and shared links (lists joined by ';')."""
        return {name: format_flat(value) for name, value in self.to_dict().items()}


def format_flat(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, Mapping):
        return LIST_SEPARATOR.join(f"{k}{PAIR_SEPARATOR}{v}" for k, v in value.items())
    return str(value)


# --- per-field parsing --------------------------------------------------------------------------------


def _allowed(question: Question) -> str:
    return ", ".join(c.id for c in question.choices)


def _parse_text(question: Question, value: Any, flat: bool, criteria: tuple[str, ...]) -> str:
    if not isinstance(value, str):
        raise AnswersError(question.id, f"must be text, got {type(value).__name__}")
    if question.max_length is not None and len(value) > question.max_length:
        raise AnswersError(
            question.id, f"is {len(value)} characters long; at most {question.max_length} allowed"
        )
    return value


def _parse_choice(question: Question, value: Any, flat: bool, criteria: tuple[str, ...]) -> str:
    allowed = [c.id for c in question.choices]
    if not isinstance(value, str):
        raise AnswersError(question.id, f"must be one of {_allowed(question)}; got {value!r}")
    value = value.strip() if flat else value
    if value not in allowed:
        raise AnswersError(question.id, f"unknown value {value!r}; allowed: {_allowed(question)}")
    return value


def _parse_multi(
    question: Question, value: Any, flat: bool, criteria: tuple[str, ...]
) -> tuple[str, ...]:
    if flat and isinstance(value, str):
        value = [v.strip() for v in value.split(LIST_SEPARATOR) if v.strip()]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise AnswersError(question.id, f"must be a list of values from: {_allowed(question)}")
    allowed = [c.id for c in question.choices]
    for item in value:
        if item not in allowed:
            raise AnswersError(
                question.id, f"unknown value {item!r}; allowed: {_allowed(question)}"
            )
    if question.required and not value:
        raise AnswersError(question.id, f"must name at least one of: {_allowed(question)}")
    # Keep the questionnaire's order and drop repeats, so equal answers compare equal.
    return tuple(c for c in allowed if c in value)


def _parse_count(
    question: Question, value: Any, flat: bool, criteria: tuple[str, ...]
) -> int | None:
    """An optional whole number within the question's bounds (``monthly_requests``)."""
    if value is None:
        return None
    if flat and isinstance(value, str):
        text = value.strip().replace(",", "").replace("_", "")
        if not text:
            return None
        digits = text.removeprefix("-")
        if not (digits.isascii() and digits.isdigit()):  # "²" is a digit to isdigit(), not to int()
            raise AnswersError(
                question.id,
                f"must be a whole number from {question.min:,} to {question.max:,}; got "
                f"{_clip(value)}",
            )
        if len(text) > 12:  # far over the maximum; also keeps int() away from huge inputs
            raise AnswersError(question.id, f"is over the maximum of {question.max:,}")
        value = int(text)
    if isinstance(value, bool) or not isinstance(value, int):
        raise AnswersError(
            question.id,
            f"must be a whole number from {question.min:,} to {question.max:,}; got {_clip(value)}",
        )
    if value < question.min:  # type: ignore[operator]
        raise AnswersError(question.id, f"is {value:,}; at least {question.min:,} is allowed")
    if value > question.max:  # type: ignore[operator]
        raise AnswersError(question.id, f"is {value:,}; at most {question.max:,} is allowed")
    return value


def _clip(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


def _parse_priorities(
    question: Question, value: Any, flat: bool, criteria: tuple[str, ...]
) -> dict[str, int] | None:
    if value is None or (flat and isinstance(value, str) and not value.strip()):
        return None
    if flat and isinstance(value, str):
        pairs: dict[str, Any] = {}
        for item in filter(None, (p.strip() for p in value.split(LIST_SEPARATOR))):
            key, sep, number = item.partition(PAIR_SEPARATOR)
            if not sep:
                raise AnswersError(
                    question.id, f"expected criterion=importance pairs; got {item!r}"
                )
            pairs[key.strip()] = _to_int(question, key.strip(), number.strip())
        value = pairs
    if not isinstance(value, Mapping):
        raise AnswersError(question.id, "must be an object mapping criterion ids to 1-5")
    result: dict[str, int] = {}
    for key, importance in value.items():
        if key not in criteria:
            raise AnswersError(
                question.id, f"unknown criterion {key!r}; allowed: {', '.join(criteria)}"
            )
        if isinstance(importance, bool) or not isinstance(importance, int):
            raise AnswersError(
                question.id, f"'{key}' must be an integer {question.min}-{question.max}"
            )
        if not question.min <= importance <= question.max:  # type: ignore[operator]
            raise AnswersError(
                question.id, f"'{key}' is {importance}; allowed {question.min} to {question.max}"
            )
        result[key] = importance
    if not result:
        return None
    # Criteria left out get the lowest importance rather than zero, so no weight vanishes silently.
    return {c: result.get(c, question.min) for c in criteria}  # type: ignore[misc]


def _to_int(question: Question, key: str, text: str) -> int | str:
    try:
        return int(text)
    except ValueError:
        raise AnswersError(
            question.id, f"'{key}' must be an integer {question.min}-{question.max}; got {text!r}"
        ) from None


_PARSERS = {
    "text": _parse_text,
    "choice": _parse_choice,
    "multi": _parse_multi,
    "priorities": _parse_priorities,
    "count": _parse_count,
}


def _default(question: Question, lenient: bool) -> Any:
    if question.required and lenient:
        return tuple(question.suggested or ())
    if question.kind == "multi":
        return tuple(question.default or ())
    return question.default


def _parse(
    kb: KnowledgeBase, raw: Mapping[str, Any], *, flat: bool, lenient: bool
) -> tuple[Answers, list[AnswersError]]:
    if not isinstance(raw, Mapping):
        raise AnswersError("(answers)", "must be a JSON object of answers fields")
    problems: list[AnswersError] = []
    for name in raw:
        if name not in ANSWER_FIELDS:
            problem = AnswersError(
                str(name), f"unknown field; allowed fields: {', '.join(ANSWER_FIELDS)}"
            )
            if not lenient:
                raise problem
            problems.append(problem)
    values: dict[str, Any] = {}
    for question in kb.questions:
        try:
            values[question.id] = parse_field(
                kb, question, raw.get(question.id, MISSING), flat=flat, lenient=lenient
            )
        except AnswersError as problem:
            if not lenient:
                raise
            problems.append(problem)
            values[question.id] = _default(question, lenient)
    return Answers(**values), problems


MISSING = object()
"""A field the answers do not give at all."""


def parse_field(
    kb: KnowledgeBase, question: Question, value: Any, *, flat: bool, lenient: bool = False
) -> Any:
    """One field's value (``MISSING`` when not given), validated; raise :class:`AnswersError`.

    An absent field (in the text form, an empty cell too) takes its default; a required one is an
    error unless ``lenient``. The batch parses each distinct cell of a column once through this.
    """
    if value is MISSING or (flat and value in ("", None)):
        if question.required and not lenient:
            raise AnswersError(
                question.id, f"is required; name at least one of: {_allowed(question)}"
            )
        return _default(question, lenient)
    return _PARSERS[question.kind](question, value, flat, kb.criterion_ids)


def parse_answers(kb: KnowledgeBase, raw: Mapping[str, Any]) -> Answers:
    """Validate a JSON answers object; raise :class:`AnswersError` on the first bad field."""
    return _parse(kb, raw, flat=False, lenient=False)[0]


def parse_flat_answers(kb: KnowledgeBase, raw: Mapping[str, Any]) -> Answers:
    """Validate the text form (a batch CSV row); empty cells take the default."""
    return _parse(kb, raw, flat=True, lenient=False)[0]


def parse_flat_answers_leniently(
    kb: KnowledgeBase, raw: Mapping[str, Any]
) -> tuple[Answers, list[AnswersError]]:
    """Like :func:`parse_flat_answers`, but each bad field falls back to its default and is reported."""
    return _parse(kb, raw, flat=True, lenient=True)


def default_answers(kb: KnowledgeBase) -> Answers:
    """What the questionnaire shows before anyone answers: defaults, with the suggested selections
    pre-filled (text in, text out) so a first recommendation needs no input at all."""
    suggested = {
        q.id: LIST_SEPARATOR.join(q.suggested) for q in kb.questions if q.suggested is not None
    }
    return _parse(kb, suggested, flat=True, lenient=False)[0]
