"""Which notes of data/compliance.yaml apply to a solution for an answer set (pure)."""

from __future__ import annotations

from collections.abc import Iterable

from scoring.answers import Answers
from scoring.knowledge import KnowledgeBase
from scoring.knowledge.schema import ComplianceNote


def _holds(answers: Answers, field: str, condition: str | list[str]) -> bool:
    """A condition as model.yaml's rules read it: one of the values, or a list field holding one."""
    wanted = condition if isinstance(condition, list) else [condition]
    value = getattr(answers, field)
    if isinstance(value, list | tuple):
        return any(v in wanted for v in value)
    return value in wanted


def applies(
    kb: KnowledgeBase, note: ComplianceNote, answers: Answers, components: Iterable[str]
) -> bool:
    """Every answer condition holds and, when the note names approaches or deployments, one of the
    solution's components has one of them."""
    parts = [kb.component(c) for c in components]
    if not all(_holds(answers, field, cond) for field, cond in note.when.items()):
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
