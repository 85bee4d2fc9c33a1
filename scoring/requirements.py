"""The hard requirements of SPEC.md (version 2): which solutions fail which, and why in plain words.

A solution fails a requirement when it (1) cannot produce a required output, (2) cannot read a
given input, (3) cannot do a selected task, (4) has a component off premises when the data must
stay on the business's infrastructure, (5) has a component on a public API's standard terms when
the data is regulated, or (6) costs more than the budget's ceiling even at the low end. A failing
solution is still scored and shown, flagged with every failure, below every solution that meets them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.encoding import AnswerArrays
from scoring.knowledge import KnowledgeBase
from scoring.knowledge.checks.questionnaire import CHOICES_THE_REQUIREMENTS_NAME
from scoring.money import LOW, budget_ceilings
from scoring.solutions import (
    NO_MEMBER,
    SolutionSet,
    component_label,
    lower_first,
)

REQUIREMENTS: tuple[str, ...] = (
    "outputs",
    "inputs",
    "tasks",
    "on_premises",
    "contract",
    "budget",
)
"""Hard requirements in the order of SPEC.md; the last axis of :func:`failures`."""

CAPABILITY = ("outputs", "inputs", "tasks")
"""Requirements about what a solution can do at all. A solution that cannot produce, read or do
what the business needs ranks below one that can, whatever else either fails (issue "Advice a CTO
would sign": a solution failing to read an input or do a task never outranks one that can)."""


def rank_failures(failed: np.ndarray) -> np.ndarray:
    """(..., solutions) int: the ranking's failure key from (..., solutions, requirements) flags.

    Fewer capability failures first, then fewer other failures (SPEC: fewer failed requirements
    rank first); 0 for a solution that meets every requirement.
    """
    capability = np.array([r in CAPABILITY for r in REQUIREMENTS])
    return failed[..., capability].sum(axis=-1) * (len(REQUIREMENTS) + 1) + failed[
        ..., ~capability
    ].sum(axis=-1)


def _any_member(members: np.ndarray, flags: np.ndarray) -> np.ndarray:
    """(solutions,) bool: some member component has the flag."""
    padded = np.append(flags, False)
    return padded[np.where(members == NO_MEMBER, -1, members)].any(axis=1)


def failures(
    kb: KnowledgeBase,
    answers: AnswerArrays,
    solutions: SolutionSet,
    monthly: np.ndarray,
    made: np.ndarray,
    used: np.ndarray,
) -> np.ndarray:
    """(answers, solutions, requirements) bool: True where the solution fails the requirement.

    ``monthly`` is the solutions' (answers, solutions, 2) monthly cost, low and high; ``made``
    the (answers, solutions) outputs each makes from what the business gives it
    (:func:`scoring.solutions.outputs_made`); ``used`` the inputs it puts to use for the outputs
    needed (:func:`scoring.solutions.inputs_used`): reading an input only to make something
    nobody asked for does not count.
    """
    traits = kb.arrays.traits
    on_premises = kb.choice_ids("deployment").index(CHOICES_THE_REQUIREMENTS_NAME["deployment"])
    regulated = kb.choice_ids("data_sensitivity").index(
        CHOICES_THE_REQUIREMENTS_NAME["data_sensitivity"]
    )
    must_stay = (answers.choices["deployment"] == on_premises)[:, None]
    is_regulated = (answers.choices["data_sensitivity"] == regulated)[:, None]
    off_premises = _any_member(solutions.members, ~traits["on_premises"])[None, :]
    standard_terms = _any_member(solutions.members, traits["standard_terms"])[None, :]
    masks = answers.masks
    return np.stack(
        [
            (masks["output_modalities"][:, None] & ~made) != 0,
            (masks["input_modalities"][:, None] & ~used) != 0,
            (masks["tasks"][:, None] & ~solutions.tasks[None, :]) != 0,
            must_stay & off_premises,
            is_regulated & standard_terms,
            monthly[:, :, LOW] > budget_ceilings(kb, answers)[:, None],
        ],
        axis=-1,
    )


# --- plain words for one solution ----------------------------------------------------------------


def _labels(kb: KnowledgeBase, field: str, mask: int) -> list[str]:
    ids = kb.choice_ids(field)
    return [lower_first(kb.choice_label(field, ids[i])) for i in range(len(ids)) if mask >> i & 1]


def _join(items: list[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``; every item after the first starts in lower case."""
    items = [items[0], *(lower_first(i) for i in items[1:])]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def money(amount: float) -> str:
    """``$1,234`` (whole dollars) or ``$0.50`` under ten dollars."""
    return f"${amount:,.2f}" if amount < 10 else f"${amount:,.0f}"


@dataclass(frozen=True)
class Unmet:
    """One failed requirement of one solution: the sentence, and what would let it qualify."""

    requirement: str
    sentence: str
    relax: str


@dataclass(frozen=True)
class FailedCase:
    """Everything a sentence about one failed requirement may need."""

    kb: KnowledgeBase
    masks: dict[str, int]  # the answer set's list fields as bit masks
    solutions: SolutionSet
    s: int
    members: tuple[int, ...]
    ceiling: float
    monthly_low: float
    made: int  # the outputs it makes from what the business gives it
    used: int  # the inputs it puts to use for the outputs needed


def _missing(case: FailedCase, field: str, offered: int) -> str:
    return _join(_labels(case.kb, field, case.masks[field] & ~offered))


def _sources_of(case: FailedCase, output: str) -> list[str]:
    """The inputs from which a member that transforms content makes ``output``."""
    approaches = {case.kb.components[c].approach for c in case.members}
    return [
        source
        for source in case.kb.choice_ids("input_modalities")
        if any(
            source in making.reads and output in making.writes
            for approach in approaches
            for making in case.kb.approach(approach).makes
        )
    ]


def _outputs(case: FailedCase) -> Unmet:
    """Outputs it cannot write at all, and outputs it writes only from an input the business
    does not give it (speech recognition's text comes from recordings)."""
    kb = case.kb
    required = case.masks["output_modalities"] & ~case.made
    never = required & ~int(case.solutions.writes[case.s])
    sentences, relax = [], []
    if never:
        missing = _join(_labels(kb, "output_modalities", never))
        sentences.append(f"It cannot produce {missing}.")
        relax.append(f"drop {missing} from the outputs")
    for i, output_id in enumerate(kb.choice_ids("output_modalities")):
        if (required & ~never) >> i & 1:
            output = _join(_labels(kb, "output_modalities", 1 << i))
            inputs = kb.choice_ids("input_modalities")
            sources = sum(1 << inputs.index(m) for m in _sources_of(case, output_id))
            given = _join(_labels(kb, "input_modalities", sources))
            sentences.append(f"It makes {output} only from {given}, which you do not give it.")
            relax.append(f"give it {given} or drop {output} from the outputs")
    return Unmet("outputs", " ".join(sentences), "; ".join(relax))


def _inputs(case: FailedCase) -> Unmet:
    """Inputs it cannot read at all, and inputs a member reads only to make something the
    business did not ask for."""
    kb = case.kb
    unused = case.masks["input_modalities"] & ~case.used
    never = unused & ~int(case.solutions.reads[case.s])
    sentences, relax = [], []
    if never:
        missing = _join(_labels(kb, "input_modalities", never))
        sentences.append(f"It cannot read {missing}.")
        relax.append(f"drop {missing} from the inputs")
    approaches = {kb.components[c].approach for c in case.members}
    index = {p.id: n for n, p in enumerate(kb.approaches)}
    for i in range(len(kb.choice_ids("input_modalities"))):
        if (unused & ~never) >> i & 1:
            given = _join(_labels(kb, "input_modalities", 1 << i))
            makes = 0
            for approach in approaches:
                if int(kb.arrays.approach_reads[index[approach]]) >> i & 1:
                    makes |= int(kb.arrays.approach_makes[index[approach], i])
            made = _join(_labels(kb, "output_modalities", makes))
            sentences.append(f"It reads {given} only to make {made}, which you do not ask for.")
            relax.append(f"drop {given} from the inputs")
    return Unmet("inputs", " ".join(sentences), "; ".join(relax))


def _tasks(case: FailedCase) -> Unmet:
    missing = _missing(case, "tasks", int(case.solutions.tasks[case.s]))
    return Unmet("tasks", f"It cannot {missing}.", f"drop the task {missing}")


def _named(case: FailedCase, trait: str, having: bool) -> str:
    flags = case.kb.arrays.traits[trait]
    return _join([component_label(case.kb, c) for c in case.members if bool(flags[c]) == having])


def _on_premises(case: FailedCase) -> Unmet:
    return Unmet(
        "on_premises",
        f"{_named(case, 'on_premises', False)} sends data off your premises, but it must stay on "
        "your own infrastructure.",
        "allow processing outside your premises",
    )


def _contract(case: FailedCase) -> Unmet:
    return Unmet(
        "contract",
        f"{_named(case, 'standard_terms', True)} runs on standard terms, but regulated data "
        "needs a signed BAA/DPA or zero retention.",
        "treat the data as less than regulated (only if it truly is)",
    )


def _budget(case: FailedCase) -> Unmet:
    return Unmet(
        "budget",
        f"It costs more than your ceiling of {money(case.ceiling)} a month even at the low end "
        f"of its estimate ({money(case.monthly_low)}).",
        _budget_relax(case.kb, case.monthly_low),
    )


SENTENCES = {
    "outputs": _outputs,
    "inputs": _inputs,
    "tasks": _tasks,
    "on_premises": _on_premises,
    "contract": _contract,
    "budget": _budget,
}
"""One sentence builder per hard requirement, by the requirement's id."""


def unmet_requirements(
    kb: KnowledgeBase,
    answers: AnswerArrays,
    row: int,
    solutions: SolutionSet,
    s: int,
    failed: np.ndarray,
    monthly_low: float,
    made: int,
    used: int,
) -> tuple[Unmet, ...]:
    """Plain sentences for the requirements solution ``s`` fails for answer set ``row``;
    ``made`` and ``used`` are its outputs made and inputs put to use, as the scoring found them."""
    if not np.any(failed):
        return ()
    case = FailedCase(
        kb=kb,
        masks={k: int(v[row]) for k, v in answers.masks.items()},
        solutions=solutions,
        s=s,
        members=solutions.component_indices(s),
        ceiling=float(budget_ceilings(kb, answers)[row]),
        monthly_low=monthly_low,
        made=made,
        used=used,
    )
    return tuple(SENTENCES[r](case) for r, fails in zip(REQUIREMENTS, failed, strict=True) if fails)


def _budget_relax(kb: KnowledgeBase, monthly_low: float) -> str:
    for budget, ceiling in kb.money.budget_ceilings.values.items():
        if ceiling is None or ceiling >= monthly_low:
            label = kb.choice_label("budget", budget).lower()
            return f"raise the budget to {label}" + (
                f" (up to {money(ceiling)} a month)" if ceiling is not None else ""
            )
    return "raise the budget"  # pragma: no cover - the last level has no ceiling
