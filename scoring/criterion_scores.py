"""Each option's 0-100 score on each criterion, for each answer set, and the hard requirements."""

from __future__ import annotations

import numpy as np

from scoring.encoding import AnswerArrays
from scoring.knowledge_base import CRITERIA, KnowledgeBase
from scoring.weights import fired

MODALITY = CRITERIA.index("modality")
COST = CRITERIA.index("cost")


def _coverage(required: np.ndarray, offered: np.ndarray) -> np.ndarray:
    """(answers, options) share of the required items each option offers; 1 when none required.

    Both arguments are bit masks (answers,) and (options,), so the counts are popcounts.
    """
    needed = np.bitwise_count(required)[:, None].astype(float)
    covered = np.bitwise_count(required[:, None] & offered[None, :])
    return np.divide(covered, needed, out=np.ones(covered.shape), where=needed > 0)


def output_coverage(kb: KnowledgeBase, arrays: AnswerArrays) -> np.ndarray:
    return _coverage(arrays.masks["output_modalities"], kb.arrays.masks["writes"])


def _weighted_coverage(kb: KnowledgeBase, arrays: AnswerArrays, coverage: np.ndarray) -> np.ndarray:
    """(answers, options) outputs, inputs, tasks and focus covered, mixed by the model's shares."""
    shares = kb.arrays.modality_fit
    outputs = arrays.masks["output_modalities"]
    writes = kb.arrays.masks["writes"]
    # Focus: the share of what an option produces that the business actually needs.
    focus = np.bitwise_count(outputs[:, None] & writes[None, :]) / np.bitwise_count(writes)
    return (
        shares["outputs"] * coverage
        + shares["inputs"] * _coverage(arrays.masks["input_modalities"], kb.arrays.masks["reads"])
        + shares["tasks"] * _coverage(arrays.masks["tasks"], kb.arrays.masks["tasks"])
        + shares["focus"] * focus
    )


def criterion_scores(kb: KnowledgeBase, arrays: AnswerArrays) -> np.ndarray:
    """(answers, options, criteria) scores in [0, 100] for these businesses.

    Modality is 100 x the shares' mix plus the score rules' bonuses, clipped to 0-100, times the
    share of the required outputs the option produces: reading the inputs and serving the tasks are
    worth nothing for outputs it cannot make, so an option that produces none of them fits 0, one
    that produces half at most 50, and one that produces them all is not scaled at all (nor can
    the creativity and fine-tuning bonuses lift an option that produces none above 0).
    """
    coverage = output_coverage(kb, arrays)
    base = kb.arrays.base_scores
    scores = np.broadcast_to(base, (arrays.count, *base.shape)).copy()
    scores[:, :, MODALITY] = 100.0 * _weighted_coverage(kb, arrays, coverage)
    per_use_share = kb.arrays.cost_per_use_share[arrays.choices["volume"]][:, None]
    scores[:, :, COST] = (
        1 - per_use_share
    ) * kb.arrays.cost_to_adopt + per_use_share * kb.arrays.cost_per_use
    rules = kb.arrays.score_rules
    if rules:
        hits = fired(arrays, rules).astype(float)  # (answers, rules)
        per_option = np.stack(
            [r.options[:, None] * r.add for r in rules]
        )  # (rules, options, criteria)
        scores += np.einsum("ar,roc->aoc", hits, per_option)
    scores = np.clip(scores, 0.0, 100.0)
    scores[:, :, MODALITY] *= coverage
    return scores


def requirement_checks(kb: KnowledgeBase, arrays: AnswerArrays) -> dict[str, np.ndarray]:
    """Named (answers, options) bool arrays, True where the option passes that hard requirement."""
    must_stay = kb.choice_ids("deployment").index("must_be_on_premises")
    on_premises_needed = arrays.choices["deployment"] == must_stay
    return {
        "produces_required_outputs": output_coverage(kb, arrays) >= 1.0 - 1e-12,
        "keeps_data_on_premises": ~on_premises_needed[:, None] | kb.arrays.traits["self_hosted"],
    }


def meets_requirements(kb: KnowledgeBase, arrays: AnswerArrays) -> np.ndarray:
    """(answers, options) bool: the option passes every hard requirement."""
    checks = requirement_checks(kb, arrays)
    return np.logical_and.reduce(list(checks.values()))
