"""How a page names and fits an answers field: by the question the person saw (not the internal
id), and text cut to what the field takes, counted the same way in the browser, links and CLI."""

from __future__ import annotations

from scoring.knowledge import KnowledgeBase
from scoring.knowledge.schema import Question


def field_label(kb: KnowledgeBase, field: str) -> str:
    """The question text for a field id, or the id itself when unknown (a tampered link)."""
    try:
        return kb.question(field).question
    except StopIteration:
        return field


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
