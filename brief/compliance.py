"""Which notes of data/compliance.yaml apply to a solution for an answer set (pure)."""

from __future__ import annotations

from collections.abc import Iterable

from scoring.answers import Answers
from scoring.knowledge import KnowledgeBase
from scoring.knowledge.schema import ComplianceNote
from ui.common.rules import rule_fires


def applies(
    kb: KnowledgeBase, note: ComplianceNote, answers: Answers, components: Iterable[str]
) -> bool:
    """Every answer condition holds and, when the note names approaches or deployments, one of the
    solution's components has one of them."""
    parts = [kb.component(c) for c in components]
    if not rule_fires(note, answers):
        return False
    if note.approaches and not any(p.approach in note.approaches for p in parts):
        return False
    return not note.deployments or any(p.deployment in note.deployments for p in parts)


def compliance_notes(
    kb: KnowledgeBase, answers: Answers, components: Iterable[str]
) -> tuple[ComplianceNote, ...]:
    """The knowledge base's notes that apply, in the file's order."""
    members = tuple(components)
    return tuple(note for note in kb.compliance if applies(kb, note, answers, members))
