"""data/compliance.yaml: notes that name known fields, values, approaches and deployments, and
rest on known sources."""

from __future__ import annotations

from scoring.knowledge.checks.context import Checker

FILE = "compliance.yaml"


def check_compliance(check: Checker) -> None:
    notes = check.files.compliance.notes
    check.unique(FILE, "notes", [n.id for n in notes])
    approaches = [a.id for a in check.files.approaches.approaches]
    deployments = [d.id for d in check.files.deployments.deployments]
    for n, note in enumerate(notes, start=1):
        where = f"notes entry {n} (id '{note.id}')"
        for field, condition in note.when.items():
            question = check.files.question(field)
            if question is None or question.kind not in ("choice", "multi"):
                check.fail(FILE, f"{where}, field when", f"{field!r} is not a choice field")
            values = condition if isinstance(condition, list) else [condition]
            check.subset(FILE, f"{where}, field when.{field}", values, check.files.choices(field))
        check.subset(FILE, f"{where}, field approaches", note.approaches, approaches)
        check.subset(FILE, f"{where}, field deployments", note.deployments, deployments)
        check.citations(FILE, where, note)
