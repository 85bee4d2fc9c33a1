"""Answer sets as numpy arrays, so weights and scores are computed for many at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scoring.answers import Answers
from scoring.knowledge_base import CRITERIA, KnowledgeBase


@dataclass(frozen=True)
class AnswerArrays:
    """``choices[field]`` is (answers,) int index into the field's choices; ``lists[field]`` is
    (answers, choices) bool and ``masks[field]`` the same as one bit mask per answer set (bit i set
    when choice i is selected), which makes coverage counts a fast popcount; ``priorities`` is
    (answers, criteria) float, valid where ``has_priorities``."""

    count: int
    choices: dict[str, np.ndarray]
    lists: dict[str, np.ndarray]
    masks: dict[str, np.ndarray]
    priorities: np.ndarray
    has_priorities: np.ndarray

    def matches(self, field: str, value_index: int) -> np.ndarray:
        """(answers,) bool: the field equals (or, for a list field, contains) the value."""
        if field in self.lists:
            return self.lists[field][:, value_index]
        return self.choices[field] == value_index


def encode_answers(kb: KnowledgeBase, answers: Sequence[Answers]) -> AnswerArrays:
    """Encode validated answers; the order of ``answers`` is kept on the first axis."""
    count = len(answers)
    choices: dict[str, np.ndarray] = {}
    lists: dict[str, np.ndarray] = {}
    for question in kb.questions:
        ids = [c.id for c in question.choices]
        if question.kind == "choice":
            position = {c: i for i, c in enumerate(ids)}
            choices[question.id] = np.fromiter(
                (position[getattr(a, question.id)] for a in answers), dtype=np.int16, count=count
            )
        elif question.kind == "multi":
            hot = np.zeros((count, len(ids)), dtype=bool)
            position = {c: i for i, c in enumerate(ids)}
            for row, a in enumerate(answers):
                for value in getattr(a, question.id):
                    hot[row, position[value]] = True
            lists[question.id] = hot
    priorities = np.zeros((count, len(CRITERIA)))
    has_priorities = np.zeros(count, dtype=bool)
    for row, a in enumerate(answers):
        if a.priorities:
            has_priorities[row] = True
            priorities[row] = [a.priorities[c] for c in CRITERIA]
    masks = {name: bit_masks(hot) for name, hot in lists.items()}
    return AnswerArrays(count, choices, lists, masks, priorities, has_priorities)


def bit_masks(hot: np.ndarray) -> np.ndarray:
    """(rows, k) bool -> (rows,) uint64 with bit i set where column i is True (k <= 64)."""
    return hot.astype(np.uint64) @ (np.uint64(1) << np.arange(hot.shape[1], dtype=np.uint64))
