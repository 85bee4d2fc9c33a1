"""How a page names an answers field: by the question the person saw, not the internal id."""

from __future__ import annotations

from scoring.knowledge import KnowledgeBase


def field_label(kb: KnowledgeBase, field: str) -> str:
    """The question text for a field id, or the id itself when unknown (a tampered link)."""
    try:
        return kb.question(field).question
    except StopIteration:
        return field
