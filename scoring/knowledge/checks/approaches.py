"""data/approaches.yaml: capabilities drawn from the questionnaire's choices, and every task doable."""

from __future__ import annotations

from scoring.knowledge.checks.context import Checker


def check_approaches(check: Checker) -> None:
    approaches = check.files.approaches.approaches
    check.unique("approaches.yaml", "approaches", [a.id for a in approaches])
    modalities = check.files.choices("output_modalities")
    tasks = check.files.choices("tasks")
    for n, approach in enumerate(approaches, start=1):
        where = f"approaches entry {n} (id '{approach.id}')"
        if "+" in approach.id or ":" in approach.id:
            check.fail("approaches.yaml", f"{where}, field id", "may not contain '+' or ':'")
        check.subset("approaches.yaml", f"{where}, field reads", approach.reads, modalities)
        check.subset("approaches.yaml", f"{where}, field writes", approach.writes, modalities)
        check.subset("approaches.yaml", f"{where}, field tasks", approach.tasks, tasks)
        check.subset(
            "approaches.yaml", f"{where}, field front_end", approach.front_end, approach.reads
        )
        for k, making in enumerate(approach.makes, start=1):
            field = f"{where}, field makes, entry {k}"
            check.subset("approaches.yaml", f"{field}, reads", making.reads, approach.reads)
            check.subset("approaches.yaml", f"{field}, writes", making.writes, approach.writes)
        made = {m for making in approach.makes for m in making.writes}
        if approach.makes and made != set(approach.writes):
            missing = ", ".join(m for m in approach.writes if m not in made)
            check.fail(
                "approaches.yaml", f"{where}, field makes", f"no entry makes {missing} it writes"
            )
        check.citations("approaches.yaml", f"{where}, field capabilities", approach.capabilities)
    for task in tasks:
        if not any(task in a.tasks for a in approaches):
            check.fail(
                "approaches.yaml",
                "approaches",
                f"no approach does the task {task!r} offered by data/questionnaire.yaml",
            )
