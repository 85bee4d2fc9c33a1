"""Answer sets as numpy arrays, so weights and scores are computed for many at once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from scoring.answers import Answers
from scoring.inputs import with_assumed_inputs
from scoring.knowledge import KnowledgeBase
from scoring.knowledge.compiled import Condition, bit_masks

MAX_CHOICES = 64
"""Choices per question are bits of a uint64 mask, so there are at most 64."""


@dataclass(frozen=True, eq=False)
class AnswerArrays:
    """``choices[field]`` is (answers,) int index into the field's choices; ``lists[field]`` is
    (answers, choices) bool and ``masks[field]`` the same as one bit mask per answer set (bit i set
    when choice i is selected), which makes coverage counts a fast popcount; ``counts[field]`` is
    (answers,) float, NaN where not given; ``priorities`` is (answers, criteria) float, valid where
    ``has_priorities``."""

    count: int
    choices: dict[str, np.ndarray]
    lists: dict[str, np.ndarray]
    masks: dict[str, np.ndarray]
    counts: dict[str, np.ndarray]
    priorities: np.ndarray
    has_priorities: np.ndarray

    def matches(self, condition: Condition) -> np.ndarray:
        """(answers,) bool: the field's value is one of the condition's (a list field: contains
        one of them)."""
        values = list(condition.values)
        if condition.field in self.lists:
            return self.lists[condition.field][:, values].any(axis=1)
        table = np.zeros(MAX_CHOICES, dtype=bool)  # a look-up beats np.isin on many rows
        table[values] = True
        return table[self.choices[condition.field]]

    def take(self, rows: np.ndarray) -> AnswerArrays:
        """The answer sets at ``rows`` (an index array), in that order."""
        return AnswerArrays(
            count=len(rows),
            choices={k: v[rows] for k, v in self.choices.items()},
            lists={k: v[rows] for k, v in self.lists.items()},
            masks={k: v[rows] for k, v in self.masks.items()},
            counts={k: v[rows] for k, v in self.counts.items()},
            priorities=self.priorities[rows],
            has_priorities=self.has_priorities[rows],
        )


def encode_answers(kb: KnowledgeBase, answers: Sequence[Answers]) -> AnswerArrays:
    """Encode validated answers; the order of ``answers`` is kept on the first axis."""
    columns = {q.id: [getattr(a, q.id) for a in answers] for q in kb.questions}
    return encode_columns(kb, columns, len(answers))


def encode_columns(
    kb: KnowledgeBase, columns: Mapping[str, Sequence[Any]], count: int
) -> AnswerArrays:
    """Encode validated values given column by column (one list of ``count`` per field, in the
    answers' own form: a choice id, a tuple of ids, a number or None, a priorities mapping).

    Each distinct value of a column is encoded once, so a batch column with a few hundred
    distinct values costs a few hundred look-ups, not one per row. The inputs include those the
    tasks imply (:mod:`scoring.inputs`): every hard requirement and score reads the same ones.
    """
    choices: dict[str, np.ndarray] = {}
    lists: dict[str, np.ndarray] = {}
    counts: dict[str, np.ndarray] = {}
    for question in kb.questions:
        ids = [c.id for c in question.choices]
        position = {c: i for i, c in enumerate(ids)}
        column = columns[question.id]
        if question.kind == "choice":
            choices[question.id] = np.fromiter(
                (position[v] for v in column), dtype=np.int16, count=count
            )
        elif question.kind == "multi":
            distinct = {value: i for i, value in enumerate(dict.fromkeys(column))}
            hot = np.zeros((len(distinct), len(ids)), dtype=bool)
            for value, i in distinct.items():
                hot[i, [position[v] for v in value]] = True
            which = np.fromiter((distinct[v] for v in column), dtype=np.int64, count=count)
            lists[question.id] = hot[which]
        elif question.kind == "count":
            counts[question.id] = np.fromiter(
                (np.nan if v is None else v for v in column), dtype=float, count=count
            )
    criteria = kb.criterion_ids
    priorities = np.zeros((count, len(criteria)))
    has_priorities = np.zeros(count, dtype=bool)
    for row, given in enumerate(columns["priorities"]):
        if given:
            has_priorities[row] = True
            priorities[row] = [given[c] for c in criteria]
    lists["input_modalities"] = with_assumed_inputs(kb, lists["tasks"], lists["input_modalities"])
    masks = {name: bit_masks(hot) for name, hot in lists.items()}
    return AnswerArrays(count, choices, lists, masks, counts, priorities, has_priorities)
