"""Invariants of the engine over every possible answer set (hypothesis).

The answers strategy is built from the questionnaire definition in the knowledge base, so a field or
choice added to data/questionnaire.yaml is covered without touching this file.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

from scoring.aggregation import weighted_sum
from scoring.answers import Answers, parse_answers
from scoring.batch import runner_up_positions
from scoring.engine import recommend, score_batch
from scoring.kb_schema import Option
from scoring.knowledge_base import CRITERIA, KnowledgeBase, default_knowledge_base

KB = default_knowledge_base()
PROFILE = settings(max_examples=120, deadline=None)


def field_strategies(kb: KnowledgeBase) -> dict[str, st.SearchStrategy]:
    """One strategy per questionnaire field, from its kind, choices and limits."""
    fields: dict[str, st.SearchStrategy] = {}
    for q in kb.questions:
        ids = [c.id for c in q.choices]
        if q.kind == "choice":
            fields[q.id] = st.sampled_from(ids)
        elif q.kind == "multi":
            fields[q.id] = st.lists(st.sampled_from(ids), min_size=1 if q.required else 0)
        elif q.kind == "text":
            fields[q.id] = st.text(max_size=20)
        else:
            fields[q.id] = st.none() | st.dictionaries(
                st.sampled_from(CRITERIA), st.integers(q.min, q.max), min_size=1
            )
    return fields


def answer_objects(kb: KnowledgeBase) -> st.SearchStrategy[dict]:
    fields = field_strategies(kb)
    required = {q.id: fields.pop(q.id) for q in kb.questions if q.required}
    return st.fixed_dictionaries(required, optional=fields)


ANSWERS: st.SearchStrategy[Answers] = answer_objects(KB).map(lambda raw: parse_answers(KB, raw))
BATCHES = st.lists(ANSWERS, min_size=1, max_size=8)
METHOD = st.sampled_from([("wsm", "vector"), ("topsis", "vector"), ("topsis", "minmax")])


def test_strategy_covers_every_questionnaire_field_and_choice() -> None:
    fields = field_strategies(KB)
    assert set(fields) == {q.id for q in KB.questions}
    quick = settings(database=None, max_examples=200)
    for q in KB.questions:
        for choice in (c.id for c in q.choices):
            found = find(fields[q.id], lambda v, c=choice: v == c or c in (v or ()), settings=quick)
            raw = {"output_modalities": ["text"], q.id: found}
            parsed = getattr(parse_answers(KB, raw), q.id)
            assert parsed == choice or choice in parsed


@PROFILE
@given(BATCHES, METHOD)
def test_weights_scores_and_totals_are_in_range(batch, method) -> None:
    result = score_batch(KB, batch, *method)
    assert (result.weights >= 0).all()
    np.testing.assert_allclose(result.weights.sum(axis=1), 1.0, atol=1e-12)
    assert ((result.scores >= 0) & (result.scores <= 100)).all()
    assert ((result.totals >= -1e-9) & (result.totals <= 100 + 1e-9)).all()
    assert np.isfinite(result.totals).all()


@PROFILE
@given(BATCHES, METHOD)
def test_contributions_sum_to_the_total(batch, method) -> None:
    result = score_batch(KB, batch, *method)
    np.testing.assert_allclose(result.contributions.sum(axis=-1), result.totals, atol=1e-9)
    assert (result.contributions >= -1e-12).all()


@PROFILE
@given(ANSWERS, st.data())
def test_raising_a_criterion_where_a_leads_never_loses_a_lead(answers, data) -> None:
    result = score_batch(KB, [answers], "wsm")
    scores, weights = result.scores[0], result.weights[0]
    n_options = scores.shape[0]
    a = data.draw(st.integers(0, n_options - 1), label="a")
    b = data.draw(st.integers(0, n_options - 1).filter(lambda j: j != a), label="b")
    leads_on = [c for c in range(len(CRITERIA)) if scores[a, c] > scores[b, c]]
    if not leads_on:
        a, b = b, a
        leads_on = [c for c in range(len(CRITERIA)) if scores[a, c] > scores[b, c]]
    if not leads_on:
        return  # identical profiles: nothing to raise
    c = data.draw(st.sampled_from(leads_on), label="criterion")
    target = data.draw(st.floats(float(weights[c]), 1.0), label="new weight")
    raised = weights * (1 - target) / (1 - weights[c]) if weights[c] < 1 else weights.copy()
    raised[c] = target
    raised = raised / raised.sum()
    before = weighted_sum(scores, weights)
    after = weighted_sum(scores, raised)
    np.testing.assert_allclose(before, result.totals[0], atol=1e-9)
    if before[a] >= before[b]:
        assert after[a] - after[b] >= -1e-9


@PROFILE
@given(BATCHES, METHOD)
def test_options_failing_requirements_never_rank_above_those_meeting_them(batch, method) -> None:
    result = score_batch(KB, batch, *method)
    for order, meets, totals in zip(result.order, result.meets, result.totals, strict=True):
        flags = meets[order]
        assert (np.diff(flags.astype(int)) <= 0).all()
        for group in (True, False):
            ranked = totals[order][flags == group]
            assert (np.diff(np.round(ranked, 9)) <= 0).all()


@PROFILE
@given(BATCHES, METHOD)
def test_batch_equals_one_by_one(batch, method) -> None:
    result = score_batch(KB, batch, *method)
    second, has_second = runner_up_positions(result.order, result.meets)
    for row, answers in enumerate(batch):
        rec = recommend(KB, answers, *method)
        ids = [r.option for r in rec.ranking]
        assert ids == [KB.options[i].id for i in result.order[row]]
        runner_up = KB.options[second[row]].id if has_second[row] else None
        assert runner_up == (rec.runner_up.option if rec.runner_up else None)
        np.testing.assert_allclose(
            [rec.weights[c] for c in CRITERIA], result.weights[row], atol=1e-9
        )
        for r in rec.ranking:
            i = KB.option_ids.index(r.option)
            assert abs(r.score - result.totals[row, i]) <= 1e-9
            assert r.meets_requirements == bool(result.meets[row, i])
            np.testing.assert_allclose(
                [r.criteria[c] for c in CRITERIA], result.scores[row, i], atol=1e-9
            )
            np.testing.assert_allclose(
                [r.contributions[c] for c in CRITERIA], result.contributions[row, i], atol=1e-9
            )


@PROFILE
@given(BATCHES, METHOD, st.randoms(use_true_random=False))
def test_scoring_is_deterministic_and_independent_of_batch_order(batch, method, rng) -> None:
    first = score_batch(KB, batch, *method)
    again = score_batch(KB, batch, *method)
    for name in ("weights", "scores", "totals", "contributions", "meets", "order"):
        np.testing.assert_array_equal(getattr(first, name), getattr(again, name))
    permutation = list(range(len(batch)))
    rng.shuffle(permutation)
    shuffled = score_batch(KB, [batch[i] for i in permutation], *method)
    np.testing.assert_array_equal(shuffled.order, first.order[permutation])
    np.testing.assert_allclose(shuffled.totals, first.totals[permutation], atol=1e-12)


@PROFILE
@given(ANSWERS)
def test_free_text_never_changes_the_result(answers) -> None:
    raw = answers.to_dict()
    raw.update(organization="Another name", use_case="Something else entirely")
    other = parse_answers(KB, raw)
    first = recommend(KB, answers).to_dict()["ranking"]
    assert recommend(KB, other).to_dict()["ranking"] == first


@PROFILE
@given(ANSWERS)
def test_must_be_on_premises_only_lets_self_hosted_options_meet(answers) -> None:
    raw = answers.to_dict()
    raw["deployment"] = "must_be_on_premises"
    rec = recommend(KB, parse_answers(KB, raw))
    for r in rec.ranking:
        option = KB.option(r.option)
        expected = option.traits.self_hosted and set(answers.output_modalities) <= set(
            option.writes
        )
        assert r.meets_requirements == expected


MODALITY = CRITERIA.index("modality")


def _share_covered(required: tuple[str, ...], offered: tuple[str, ...]) -> float:
    return len(set(required) & set(offered)) / len(set(required)) if required else 1.0


def _unscaled_modality(kb: KnowledgeBase, answers: Answers, option: Option) -> float:
    """The weighted coverage plus the modality bonuses of the score rules that fire, clipped.

    Worked out from sets rather than the engine's bit masks: the model's mix of outputs, inputs,
    tasks and focus, as data/model.yaml describes it, before any scaling by output coverage.
    """
    shares = kb.model.modality_fit.values
    needed = set(answers.output_modalities)
    mix = (
        shares["outputs"] * _share_covered(answers.output_modalities, option.writes)
        + shares["inputs"] * _share_covered(answers.input_modalities, option.reads)
        + shares["tasks"] * _share_covered(answers.tasks, option.tasks)
        + shares["focus"] * len(needed & set(option.writes)) / len(set(option.writes))
    )
    bonus = 0.0
    for rule in kb.model.score_rules:
        ((field, value),) = rule.when.items()
        answer = getattr(answers, field)
        fires = value in answer if isinstance(answer, tuple) else answer == value
        applies = rule.options_with is None or getattr(option.traits, rule.options_with)
        if fires and applies:
            bonus += rule.add.get("modality", 0.0)
    return min(max(100.0 * mix + bonus, 0.0), 100.0)


@PROFILE
@given(BATCHES)
def test_modality_score_is_at_most_the_share_of_required_outputs_produced(batch) -> None:
    """No fit without the outputs: 0 for an option producing none of them, at most 100 x coverage,
    and an option producing all of them keeps its plain weighted coverage (nothing is scaled)."""
    result = score_batch(KB, batch, "wsm")
    for row, answers in enumerate(batch):
        for i, option in enumerate(KB.options):
            coverage = _share_covered(answers.output_modalities, option.writes)
            modality = result.scores[row, i, MODALITY]
            assert modality <= 100.0 * coverage + 1e-9, (option.id, coverage, modality)
            if coverage == 0:
                assert modality == 0.0, option.id
            if coverage == 1:
                assert modality == pytest.approx(_unscaled_modality(KB, answers, option), abs=1e-9)
            assert modality == pytest.approx(
                coverage * _unscaled_modality(KB, answers, option), abs=1e-9
            )
