"""What a criterion computation sees: one group of answer sets and the solutions they list."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from scoring.encoding import AnswerArrays
from scoring.knowledge import KnowledgeBase
from scoring.money import solution_costs
from scoring.solutions import SolutionSet, inputs_used, outputs_made


@dataclass(frozen=True, eq=False)
class ScoringContext:
    """``component_scores`` (answers, components, criteria) are the reviewed scores after the
    score rules the answers fire (NaN for computed criteria); ``component_costs`` (answers,
    components, 2) the monthly cost of every component for these answers, low and high (or
    (samples, components, 1): one drawn value, as a robustness analysis samples it)."""

    kb: KnowledgeBase
    answers: AnswerArrays
    solutions: SolutionSet
    component_scores: np.ndarray
    component_costs: np.ndarray

    @cached_property
    def made(self) -> np.ndarray:
        """(answers, solutions) uint64 outputs each solution makes from what the business gives."""
        return outputs_made(self.kb, self.answers, self.solutions)

    @cached_property
    def used(self) -> np.ndarray:
        """(answers, solutions) uint64 inputs each solution puts to use for the outputs needed."""
        return inputs_used(self.kb, self.answers, self.solutions)

    @cached_property
    def monthly_costs(self) -> np.ndarray:
        """(answers, solutions, 2) US dollars a month, low and high."""
        return solution_costs(self.kb, self.component_costs, self.solutions)
