"""The modality-and-task fit: what a solution's components read, write and do, together, against
what the business needs; less a penalty for every extra component to integrate."""

from __future__ import annotations

import numpy as np

from scoring.criteria.context import ScoringContext
from scoring.knowledge import KnowledgeBase
from scoring.knowledge.schema import Sourced
from scoring.solutions import NO_MEMBER


def coverage(required: np.ndarray, offered: np.ndarray) -> np.ndarray:
    """(answers, solutions) share of the required bits offered, by solutions (solutions,) or by
    answer set and solution (answers, solutions); 1 where nothing is required."""
    needed = np.bitwise_count(required)[:, None].astype(float)
    covered = np.bitwise_count(required[:, None] & np.atleast_2d(offered))
    return np.divide(covered, needed, out=np.ones(covered.shape), where=needed > 0)


def specialised_solutions(context: ScoringContext) -> np.ndarray:
    """(solutions,) bool: every component is a specialised tool (extraction, speech, ...)."""
    a = context.kb.arrays
    specialised = np.append(a.approach_specialised[a.component_approach], True)  # pad counts as yes
    members = context.solutions.members
    return specialised[np.where(members == NO_MEMBER, -1, members)].all(axis=1)


def modality_fit(context: ScoringContext, criterion: int) -> np.ndarray:
    kb, answers, solutions = context.kb, context.answers, context.solutions
    shares = kb.model.modality_fit.values
    outputs = answers.masks["output_modalities"]
    made = context.made  # (answers, solutions): what it makes from what this business gives
    produced = coverage(outputs, made)
    tasks = answers.masks["tasks"]
    no_task = kb.model.no_task_fit.values
    when_unnamed = np.where(
        specialised_solutions(context), no_task["specialised"], no_task["general"]
    )
    served = np.where(
        (tasks == 0)[:, None], when_unnamed[None, :], coverage(tasks, solutions.tasks)
    )
    focus = np.bitwise_count(outputs[:, None] & made) / np.maximum(np.bitwise_count(made), 1)
    mix = (
        shares["outputs"] * produced
        + shares["inputs"] * coverage(answers.masks["input_modalities"], context.used)
        + shares["tasks"] * served
        + shares["focus"] * focus
    )
    penalty = kb.model.integration_penalty.points * (solutions.size - 1)[None, :]
    return np.clip(100.0 * produced * mix - penalty, 0.0, 100.0)


def modality_evidence(
    kb: KnowledgeBase, components: tuple[str, ...], criterion: str
) -> tuple[Sourced, ...]:
    """What the solution's approaches read, write and do, in the knowledge base's words."""
    approaches = dict.fromkeys(kb.component(c).approach for c in components)
    return tuple(kb.approach(a).capabilities for a in approaches)
