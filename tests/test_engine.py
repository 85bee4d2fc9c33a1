"""Unit tests of the engine: weights, criterion scores, hard requirements 1-6 in plain words,
ranking, outcomes, the JSON shape, and batch scoring against one-by-one recommendations."""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pytest
from support import PRODUCT_KEYS, by_option, inputs_used_by, outputs_made_by, sample_answers

from scoring.answers import default_answers
from scoring.encoding import encode_answers
from scoring.engine import OUTCOMES, recommend, score_arrays, score_batch
from scoring.inputs import inputs_given
from scoring.methods import METHODS
from scoring.requirements import CAPABILITY, REQUIREMENTS
from scoring.solutions import solution_id

SPEC_REQUIREMENTS = ("outputs", "inputs", "tasks", "on_premises", "contract", "budget")


def scores_of(kb, answers) -> dict[str, dict[str, float]]:
    return {r.option: r.criteria for r in recommend(kb, answers).ranking}


# --- an independent reading of data/model.yaml ----------------------------------------------------


def rule_fires(answers, rule) -> bool:
    """Every condition holds: a choice is one of the values, a list contains one of them."""
    for field, condition in rule.when.items():
        values = condition if isinstance(condition, list) else [condition]
        given = getattr(answers, field)
        chosen = given if isinstance(given, tuple) else (given,)
        if not set(values) & set(chosen):
            return False
    return True


def swing(kb, criterion) -> float:
    if criterion.kind == "computed":
        return criterion.swing_range
    values = [kb.score_of(c, criterion.id).value for c in kb.components]
    return max(max(values) - min(values), 1.0)


def expected_weights(kb, answers) -> dict[str, float]:
    if answers.priorities:
        total = sum(answers.priorities.values())
        return {c: answers.priorities[c] / total for c in kb.criterion_ids}
    points = dict(kb.model.base_points.values)
    for rule in kb.model.weight_rules:
        if rule_fires(answers, rule):
            for criterion, add in rule.add.items():
                points[criterion] += add
    scaled = {c.id: max(points[c.id], kb.model.min_points) / swing(kb, c) for c in kb.criteria}
    total = sum(scaled.values())
    return {c: v / total for c, v in scaled.items()}


TRAITS = {
    "fine_tunable": lambda kb, c: c.fine_tunable,
    "needs_ml_team": lambda kb, c: c.needs.ml_team != "none",
    "needs_gpus": lambda kb, c: c.needs.gpus > 0,
    "creative": lambda kb, c: kb.approach(c.approach).creative,
    "specialised": lambda kb, c: kb.approach(c.approach).specialised,
    "grounded": lambda kb, c: kb.approach(c.approach).grounded,
    "on_premises": lambda kb, c: kb.deployment(c.deployment).on_premises,
    "standard_terms": lambda kb, c: kb.deployment(c.deployment).standard_terms,
}


def expected_component_score(kb, answers, component, criterion: str) -> float:
    value = kb.score_of(component, criterion).value
    for rule in kb.model.score_rules:
        if rule_fires(answers, rule) and TRAITS[rule.components_with](kb, component):
            value += rule.add.get(criterion, 0.0)
    return min(max(value, 0.0), 100.0)


# --- weights ---------------------------------------------------------------------------------------


def test_derived_weights_follow_base_points_rules_and_swing(kb) -> None:
    for a in sample_answers(kb, 40, seed=7):
        rec = recommend(kb, a)
        assert rec.weights == pytest.approx(expected_weights(kb, a)), a
        assert rec.weights_source == ("priorities" if a.priorities else "derived")
        assert list(rec.weights) == list(kb.criterion_ids)
        assert sum(rec.weights.values()) == pytest.approx(1.0)
        assert min(rec.weights.values()) > 0


@pytest.mark.parametrize(
    ("criterion", "field", "low", "high"),
    [
        ("data_privacy", "data_sensitivity", "internal", "regulated"),
        ("data_privacy", "data_sensitivity", "public", "confidential"),
        ("data_privacy", "deployment", "cloud_ok", "prefer_on_premises"),
        ("cost", "volume", "medium", "very_high"),
        ("cost", "budget", "enterprise", "minimal"),
        ("efficiency", "latency", "interactive", "real_time"),
        ("efficiency", "latency", "batch_ok", "interactive"),
        ("accuracy", "accuracy_need", "medium", "critical"),
        ("modality", "creativity_need", "medium", "high"),
    ],
)
def test_answers_raise_the_weight_of_their_criterion(
    kb, answers, criterion, field, low, high
) -> None:
    before = recommend(kb, answers(**{field: low})).weights
    after = recommend(kb, answers(**{field: high})).weights
    assert after[criterion] > before[criterion]
    also_up = {"efficiency"} if high == "very_high" else set()
    others = [c for c in kb.criterion_ids if c != criterion and c not in also_up]
    assert all(after[c] < before[c] for c in others)


def test_regulated_data_kept_in_house_makes_privacy_the_heaviest_criterion(kb, answers) -> None:
    weights = recommend(
        kb, answers(data_sensitivity="regulated", deployment="prefer_on_premises")
    ).weights
    assert max(weights, key=weights.get) == "data_privacy"


def test_monthly_requests_change_cost_not_weights(kb, answers) -> None:
    level = recommend(kb, answers(volume="medium"))
    exact = recommend(kb, answers(volume="medium", monthly_requests=5_000_000))
    assert exact.weights == level.weights
    for option, ranked in by_option(exact).items():
        before = by_option(level)[option]
        assert ranked.monthly_cost[1] >= before.monthly_cost[1]
        for criterion in kb.criterion_ids:
            if kb.criterion(criterion).computation != "monthly_cost":
                assert ranked.criteria[criterion] == before.criteria[criterion], option


def test_priorities_replace_derived_weights(kb, answers) -> None:
    priorities = dict.fromkeys(kb.criterion_ids, 1) | {"accuracy": 5, "efficiency": 2}
    total = sum(priorities.values())
    for extra in ({}, {"data_sensitivity": "regulated", "volume": "very_high"}):
        rec = recommend(kb, answers(priorities=priorities, **extra))
        assert rec.weights == pytest.approx({c: v / total for c, v in priorities.items()})
        assert rec.weights_source == "priorities"
    assert recommend(kb, answers()).weights_source == "derived"


def test_equal_priorities_give_equal_weights(kb, answers) -> None:
    rec = recommend(kb, answers(priorities=dict.fromkeys(kb.criterion_ids, 4)))
    assert list(rec.weights.values()) == pytest.approx([1 / len(kb.criteria)] * len(kb.criteria))


def test_weights_override_is_normalised(kb, answers) -> None:
    custom = dict.fromkeys(kb.criterion_ids, 0.0) | {"modality": 2, "accuracy": 1, "cost": 1}
    rec = recommend(kb, answers(priorities={"cost": 5}), weights=custom)
    assert rec.weights == pytest.approx({c: v / 4 for c, v in custom.items()})
    assert rec.weights_source == "custom"
    for r in rec.ranking:
        assert r.score == pytest.approx(sum(rec.weights[c] * r.criteria[c] for c in custom))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda w: w | {"modality": -1}, "non-negative and not all zero"),
        (lambda w: dict.fromkeys(w, 0), "non-negative and not all zero"),
        (lambda w: w | {"cost": math.nan}, "finite"),
        (lambda w: {k: v for k, v in w.items() if k != "cost"}, "missing ['cost']"),
        (lambda w: w | {"speed": 1}, "unknown ['speed']"),
    ],
)
def test_bad_weights_override_is_rejected(kb, answers, change, message) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        recommend(kb, answers(), weights=change(dict.fromkeys(kb.criterion_ids, 1.0)))


# --- criterion scores --------------------------------------------------------------------------------


def test_single_components_score_as_the_knowledge_base_and_score_rules_say(kb) -> None:
    reviewed = [c.id for c in kb.criteria if c.kind != "computed"]
    for a in sample_answers(kb, 20, seed=2):
        ranked = by_option(recommend(kb, a))
        for component in kb.components:
            for criterion in reviewed:
                expected = expected_component_score(kb, a, component, criterion)
                got = ranked[component.id].criteria[criterion]
                assert got == pytest.approx(expected), (component.id, criterion, a)


def test_with_no_rule_firing_scores_are_the_reviewed_values(kb, answers) -> None:
    a = answers(domain_specialization="some", in_house_ml_expertise="some")
    assert not any(rule_fires(a, rule) for rule in kb.model.score_rules)
    ranked = by_option(recommend(kb, a))
    for component in kb.components:
        for criterion in kb.criteria:
            if criterion.kind != "computed":
                expected = kb.score_of(component, criterion.id).value
                assert ranked[component.id].criteria[criterion.id] == expected


def test_only_mixed_criteria_move_with_the_answers(kb, answers) -> None:
    calm = by_option(recommend(kb, answers()))
    stirred = by_option(
        recommend(
            kb,
            answers(
                in_house_ml_expertise="none",
                domain_specialization="deep",
                creativity_need="low",
                tasks=["answer_from_company_documents"],
            ),
        )
    )
    moved = set()
    for component in kb.component_ids:
        for criterion in kb.criteria:
            if criterion.kind == "computed":
                continue
            before = calm[component].criteria[criterion.id]
            after = stirred[component].criteria[criterion.id]
            if criterion.kind == "reviewed":
                assert before == after, (component, criterion.id)
            elif before != after:
                moved.add(criterion.id)
    assert moved, "the answers above fire score rules"


def test_no_ml_team_lowers_components_that_need_one(kb, answers) -> None:
    none = by_option(recommend(kb, answers(in_house_ml_expertise="none")))
    some = by_option(recommend(kb, answers(in_house_ml_expertise="some")))
    for component in kb.components:
        efficiency = (
            none[component.id].criteria["efficiency"],
            some[component.id].criteria["efficiency"],
        )
        if component.needs.ml_team != "none":
            assert efficiency[0] < efficiency[1], component.id
            assert none[component.id].criteria["cost"] < some[component.id].criteria["cost"]
        else:
            assert efficiency[0] == efficiency[1], component.id


def test_a_combination_is_as_good_as_its_weakest_component(kb, answers) -> None:
    weakest = [c.id for c in kb.criteria if c.computation == "weakest_component"]
    assert weakest
    for fields in (
        {"output_modalities": ["text", "image"], "domain_specialization": "deep"},
        {"output_modalities": ["3d", "audio"], "in_house_ml_expertise": "none"},
        {"output_modalities": ["text", "image", "video"], "creativity_need": "low"},
    ):
        ranked = by_option(recommend(kb, answers(**fields)))
        combos = [r for r in ranked.values() if len(r.components) > 1]
        assert combos
        for r in combos:
            for criterion in weakest:
                expected = min(ranked[c].criteria[criterion] for c in r.components)
                assert r.criteria[criterion] == expected, (r.option, criterion)


def test_modality_fit_worked_by_hand(kb, answers) -> None:
    """Outputs text, inputs text and video, tasks translate and analyse media: the text LLM
    produces every output, reads half the inputs, does half the tasks, and all it writes is
    needed; the multimodal LLM does it all."""
    shares = kb.model.modality_fit.values
    text_llm, multimodal = kb.approach("text_llm"), kb.approach("multimodal_llm")
    assert text_llm.writes == ("text",) and "video" not in text_llm.reads
    assert "translate" in text_llm.tasks and "analyze_media" not in text_llm.tasks
    assert "video" in multimodal.reads and "analyze_media" in multimodal.tasks
    a = answers(input_modalities=["text", "video"], tasks=["translate", "analyze_media"])
    scores = scores_of(kb, a)
    expected = 100 * (shares["outputs"] + shares["inputs"] / 2 + shares["tasks"] / 2)
    expected += 100 * shares["focus"]
    assert scores["text_llm:hosted_api"]["modality"] == pytest.approx(expected)
    assert scores["multimodal_llm:hosted_api"]["modality"] == pytest.approx(100.0)


def test_modality_fit_is_scaled_by_the_share_of_outputs_produced(kb, answers) -> None:
    shares = kb.model.modality_fit.values
    a = answers(output_modalities=["text", "image"], tasks=["generate_creative_content"])
    scores = scores_of(kb, a)
    # The text LLM writes text only: half the outputs, every other part full, then halved.
    mix = shares["outputs"] / 2 + shares["inputs"] + shares["tasks"] + shares["focus"]
    assert scores["text_llm:hosted_api"]["modality"] == pytest.approx(100 * 0.5 * mix)
    assert scores["image_generation:hosted_api"]["modality"] == pytest.approx(100 * 0.5 * mix)
    # Something that produces neither output has no fit at all.
    assert scores["video_generation:hosted_api"]["modality"] == 0.0
    # The pipeline produces both; it loses only the integration penalty of one extra component.
    penalty = kb.model.integration_penalty.points
    pipeline = scores["text_llm:hosted_api+image_generation:hosted_api"]["modality"]
    assert pipeline == pytest.approx(100.0 - penalty)


def test_integration_penalty_grows_with_each_extra_component(kb, answers) -> None:
    penalty = kb.model.integration_penalty.points
    a = answers(output_modalities=["text", "image", "video"])
    checked = 0
    for r in recommend(kb, a).ranking:
        writes = {m for c in r.components for m in kb.approach(kb.component(c).approach).writes}
        if len(r.components) == 3 and writes == set(a.output_modalities):  # all it writes is needed
            assert r.criteria["modality"] == pytest.approx(100.0 - 2 * penalty), r.option
            checked += 1
    assert checked


def test_with_no_task_named_a_specialised_tool_fits_worse(kb, answers) -> None:
    no_task = kb.model.no_task_fit.values
    assert no_task["general"] > no_task["specialised"]
    scores = scores_of(kb, answers(output_modalities=["tabular"]))
    general = scores["text_llm:hosted_api"]["modality"]  # writes no tabular: no fit
    assert general == 0.0
    for component in kb.components:
        approach = kb.approach(component.approach)
        if approach.writes == ("tabular",):
            expected = 100 * (
                1 - kb.model.modality_fit.values["tasks"] * (1 - no_task["specialised"])
            )
            if approach.specialised:
                assert scores[component.id]["modality"] == pytest.approx(expected), component.id


def test_scores_are_clipped_to_0_100(kb) -> None:
    for a in sample_answers(kb, 15, seed=4):
        for r in recommend(kb, a).ranking:
            assert all(0 <= v <= 100 for v in r.criteria.values()), r.option
            assert 0 <= r.score <= 100


# --- hard requirements 1-6 in plain words --------------------------------------------------------------


def test_the_requirements_are_the_spec_six_in_order() -> None:
    assert REQUIREMENTS == SPEC_REQUIREMENTS


@pytest.mark.parametrize(
    ("fields", "option", "requirement", "sentence", "relax"),
    [
        (
            {"output_modalities": ["text", "video"]},
            "text_llm:hosted_api",
            "outputs",
            "It cannot produce video.",
            "drop video from the outputs",
        ),
        (
            {"input_modalities": ["text", "audio"]},
            "text_llm:hosted_api",
            "inputs",
            "It cannot read audio (speech, music, sound).",
            "drop audio (speech, music, sound) from the inputs",
        ),
        (
            {"tasks": ["translate", "transcribe_speech"]},
            "text_llm:hosted_api",
            "tasks",
            "It cannot transcribe speech.",
            "drop the task transcribe speech",
        ),
        (
            {"deployment": "must_be_on_premises"},
            "text_llm:private_cloud",
            "on_premises",
            "Text LLM, enterprise cloud sends data off your premises, but it must stay on your "
            "own infrastructure.",
            "allow processing outside your premises",
        ),
        (
            {"data_sensitivity": "regulated"},
            "text_llm:hosted_api",
            "contract",
            "Text LLM, public API runs on standard terms, but regulated data needs a signed "
            "BAA/DPA or zero retention.",
            "treat the data as less than regulated (only if it truly is)",
        ),
        (
            {"budget": "minimal"},
            "text_llm:self_hosted",
            "budget",
            "It costs more than your ceiling of $500 a month even at the low end of its estimate "
            "($",
            "raise the budget to moderate (up to $5,000 a month)",
        ),
    ],
)
def test_each_requirement_gives_a_plain_sentence_and_what_would_qualify(
    kb, answers, fields, option, requirement, sentence, relax
) -> None:
    rec = recommend(kb, answers(**fields))
    ranked = by_option(rec)[option]
    assert not ranked.meets_requirements
    (unmet,) = [u for u in ranked.unmet if u.requirement == requirement]
    assert unmet.sentence.startswith(sentence), unmet.sentence
    assert unmet.sentence.endswith(".") and "_" not in unmet.sentence
    assert unmet.relax == relax
    data = rec.to_dict()["ranking"]
    row = next(r for r in data if r["option"] == option)
    assert unmet.sentence in row["unmet_requirements"] and relax in row["to_qualify"]


def test_budget_sentence_names_the_low_end_of_the_estimate(kb, answers) -> None:
    ranked = by_option(recommend(kb, answers(budget="minimal")))["text_llm:self_hosted"]
    low = ranked.monthly_cost[0]
    assert low > 500
    (unmet,) = ranked.unmet
    assert unmet.sentence.endswith(f"(${low:,.0f}).")


def test_requirement_sentences_name_only_the_offending_components(kb, answers) -> None:
    rec = recommend(
        kb, answers(output_modalities=["text", "image"], deployment="must_be_on_premises")
    )
    mixed = by_option(rec)["text_llm:self_hosted+image_generation:hosted_api"]
    (unmet,) = [u for u in mixed.unmet if u.requirement == "on_premises"]
    assert unmet.sentence.startswith("Image generation, public API sends data off your premises")
    assert "Text LLM" not in unmet.sentence
    both = by_option(rec)["text_llm:hosted_api+image_generation:private_cloud"]
    (unmet,) = [u for u in both.unmet if u.requirement == "on_premises"]
    assert unmet.sentence.lower().startswith(
        "text llm, public api or image generation, enterprise cloud sends data off"
    )


def test_a_sentence_naming_two_components_reads_as_one_sentence(kb, answers) -> None:
    rec = recommend(
        kb, answers(output_modalities=["text", "image"], deployment="must_be_on_premises")
    )
    both = by_option(rec)["text_llm:hosted_api+image_generation:private_cloud"]
    (unmet,) = [u for u in both.unmet if u.requirement == "on_premises"]
    assert unmet.sentence.startswith("Text LLM, public API or image generation, enterprise cloud")


def test_requirement_sentences_keep_the_capitals_of_acronyms(kb, answers) -> None:
    rec = recommend(kb, answers(input_modalities=["3d"], tasks=["reconstruct_3d"]))
    sentences = [s for r in rec.ranking for s in r.unmet_sentences]
    assert any("3D" in s for s in sentences)
    assert not any("3d" in s for s in sentences), sentences


def test_failures_agree_with_the_knowledge_base(kb) -> None:
    """Requirements 1-5 recomputed here from the components' approaches and deployments; 6 from
    the monthly cost and the ceiling."""
    for a in sample_answers(kb, 40, seed=9):
        rec = recommend(kb, a)
        ceiling = math.inf if rec.budget_ceiling is None else rec.budget_ceiling
        for r in rec.ranking:
            components = [kb.component(c) for c in r.components]
            approaches = [kb.approach(c.approach) for c in components]
            deployments = [kb.deployment(c.deployment) for c in components]
            given = inputs_given(kb, a)  # with the inputs the tasks imply (scoring/inputs.py)
            writes = outputs_made_by(approaches, given)
            reads = inputs_used_by(approaches, a.output_modalities)
            does = {t for x in approaches for t in x.tasks}
            expected = [
                not set(a.output_modalities) <= writes,
                not set(given) <= reads,
                not set(a.tasks) <= does,
                a.deployment == "must_be_on_premises"
                and not all(d.on_premises for d in deployments),
                a.data_sensitivity == "regulated" and any(d.standard_terms for d in deployments),
                r.monthly_cost[0] > ceiling,
            ]
            failed = [req for req, bad in zip(SPEC_REQUIREMENTS, expected, strict=True) if bad]
            assert [u.requirement for u in r.unmet] == failed, (r.option, a)
            assert r.meets_requirements == (not failed)
            assert r.failed_count == len(failed)
            assert all(u.sentence and u.relax for u in r.unmet)


# --- ranking and outcomes -------------------------------------------------------------------------


def failure_key(ranked) -> tuple[int, int]:
    """What the ranking orders failing solutions by: capability failures (cannot produce, read or
    do what is needed), then the other failures."""
    capability = sum(u.requirement in CAPABILITY for u in ranked.unmet)
    return capability, ranked.failed_count - capability


def test_ranking_puts_fewer_failures_first_then_higher_scores(kb) -> None:
    seen_failing = False
    for a in sample_answers(kb, 30, seed=13):
        ranking = recommend(kb, a).ranking
        assert [r.rank for r in ranking] == list(range(1, len(ranking) + 1))
        keys = [(*failure_key(r), -round(r.score, 9)) for r in ranking]
        assert keys == sorted(keys)
        for first, second in itertools.pairwise(ranking):
            if (*failure_key(first), round(first.score, 9)) == (
                *failure_key(second),
                round(second.score, 9),
            ):
                assert first.index < second.index  # a tie keeps catalogue order
        seen_failing |= any(not r.meets_requirements for r in ranking)
    assert seen_failing


def test_a_failing_solution_can_outscore_the_winner_yet_ranks_below(kb) -> None:
    outscored = 0
    for a in sample_answers(kb, 30, seed=14):
        rec = recommend(kb, a)
        flags = [r.meets_requirements for r in rec.ranking]
        assert flags == sorted(flags, reverse=True)
        if rec.qualifying and len(rec.qualifying) < len(rec.ranking):
            failing = max(r.score for r in rec.ranking if not r.meets_requirements)
            outscored += failing > rec.top.score
    assert outscored, "some failing solution outscores the winner in the sample"


def test_outcome_recommend_names_the_best_other_qualifying_runner_up(kb, answers) -> None:
    rec = recommend(kb, answers())
    assert rec.outcome == "recommend" and len(rec.qualifying) >= 2
    assert rec.top is rec.ranking[0] and rec.top.meets_requirements
    assert rec.runner_up == rec.qualifying[1]
    assert rec.margin == pytest.approx(rec.top.score - rec.qualifying[1].score)
    assert rec.margin >= 0


def test_outcome_only_option_has_no_runner_up(kb, answers) -> None:
    rec = recommend(
        kb,
        answers(
            output_modalities=["tabular"],
            tasks=["generate_synthetic_data"],
            deployment="must_be_on_premises",
        ),
    )
    assert rec.outcome == "only_option"
    assert [r.option for r in rec.qualifying] == [rec.top.option]
    assert rec.runner_up is None and rec.margin is None
    assert not rec.ranking[1].meets_requirements


def test_outcome_no_fit_names_the_nearest_and_what_would_let_each_qualify(kb, answers) -> None:
    rec = recommend(kb, answers(output_modalities=["video"], budget="minimal", volume="very_high"))
    assert rec.outcome == "no_fit" and rec.qualifying == ()
    assert rec.runner_up == rec.ranking[1]
    assert rec.margin == pytest.approx(rec.top.score - rec.ranking[1].score)
    for r in rec.ranking:
        assert r.unmet and all(u.relax for u in r.unmet)
    # The nearest solution fails only the budget: raising it as the relax text says qualifies it.
    (unmet,) = rec.top.unmet
    assert unmet.requirement == "budget"
    level = next(
        b for b in kb.choice_ids("budget") if kb.choice_label("budget", b).lower() in unmet.relax
    )
    raised = recommend(kb, answers(output_modalities=["video"], budget=level, volume="very_high"))
    assert by_option(raised)[rec.top.option].meets_requirements


@pytest.mark.parametrize(
    ("fields", "relaxed"),
    [
        ({"output_modalities": ["text"], "input_modalities": ["3d"]}, {"input_modalities": []}),
        (
            {
                "output_modalities": ["text"],
                "deployment": "must_be_on_premises",
                "budget": "minimal",
            },
            {"deployment": "prefer_on_premises"},
        ),
    ],
)
def test_relaxing_the_named_requirement_lets_the_nearest_qualify(
    kb, answers, fields, relaxed
) -> None:
    rec = recommend(kb, answers(**fields))
    assert rec.outcome == "no_fit"
    top = rec.top
    assert top.failed_count == 1
    after = recommend(kb, answers(**(fields | relaxed)))
    assert by_option(after)[top.option].meets_requirements
    assert after.outcome in OUTCOMES and after.outcome != "no_fit"


# --- methods and the JSON shape ------------------------------------------------------------------------


def test_unknown_method_and_normalisation_are_rejected(kb, answers) -> None:
    with pytest.raises(ValueError, match="unknown method 'ahp'"):
        recommend(kb, answers(), method="ahp")
    with pytest.raises(ValueError, match="unknown normalisation 'sum'"):
        recommend(kb, answers(), method="topsis", normalization="sum")
    with pytest.raises(ValueError, match="unknown method"):
        score_batch(kb, [answers()], method="WSM")


def test_normalisation_is_reported_only_for_a_method_that_has_one(kb, answers) -> None:
    for method in METHODS.values():
        rec = recommend(kb, answers(), method=method.name)
        assert rec.normalization == (method.normalizations[0] if method.normalizations else None)
        for normalization in method.normalizations:
            assert (
                recommend(kb, answers(), method.name, normalization).normalization == normalization
            )
    vector = recommend(kb, answers(), "topsis", "vector")
    minmax = recommend(kb, answers(), "topsis", "minmax")
    assert [r.score for r in vector.ranking] != pytest.approx([r.score for r in minmax.ranking])


def test_topsis_contributions_are_apportioned_by_weight_times_score(kb, answers) -> None:
    rec = recommend(kb, answers(), method="topsis")
    for r in rec.ranking:
        parts = np.array([rec.weights[c] * r.criteria[c] for c in kb.criterion_ids])
        expected = r.score * parts / parts.sum()
        assert [r.contributions[c] for c in kb.criterion_ids] == pytest.approx(expected)


@pytest.mark.parametrize("method", list(METHODS))
def test_to_dict_has_the_spec_json_shape(kb, answers, method) -> None:
    rec = recommend(kb, answers(output_modalities=["text", "image"], budget="minimal"), method)
    data = json.loads(json.dumps(rec.to_dict()))
    assert {"outcome", "method", "weights", "ranking", "budget_ceiling", "kb_version"} <= set(data)
    assert data["outcome"] == rec.outcome in OUTCOMES
    assert data["method"] == method
    assert data["budget_ceiling"] == kb.money.budget_ceilings.values["minimal"]
    assert list(data["weights"]) == list(kb.criterion_ids)
    assert sum(data["weights"].values()) == pytest.approx(1.0)
    assert data["kb_version"] == kb.version
    ranking = data["ranking"]
    assert [r["rank"] for r in ranking] == list(range(1, len(ranking) + 1))
    assert {r["option"] for r in ranking} >= set(kb.component_ids)
    spec_keys = {
        "rank",
        "option",
        "label",
        "score",
        "meets_requirements",
        "criteria",
        "contributions",
        "components",
        "approaches",
        "deployments",
        "unmet_requirements",
        "monthly_cost",
        "shortlist",
    }
    for row in ranking:
        assert spec_keys <= set(row)
        assert row["option"] == "+".join(row["components"])
        assert row["approaches"] == [kb.component(c).approach for c in row["components"]]
        assert row["deployments"] == [kb.component(c).deployment for c in row["components"]]
        assert isinstance(row["meets_requirements"], bool)
        assert (row["unmet_requirements"] == []) == row["meets_requirements"]
        assert all(isinstance(s, str) and s for s in row["unmet_requirements"])
        assert 0 <= row["score"] <= 100
        assert list(row["criteria"]) == list(kb.criterion_ids) == list(row["contributions"])
        assert all(0 <= v <= 100 for v in row["criteria"].values())
        assert sum(row["contributions"].values()) == pytest.approx(row["score"])
        cost = row["monthly_cost"]
        assert set(cost) == {"low", "high", "currency"} and cost["currency"] == "USD"
        assert 0 <= cost["low"] <= cost["high"]
        assert list(row["shortlist"]) == row["components"]
        for component, products in row["shortlist"].items():
            assert 1 <= len(products) <= 4  # the products that do the job (scoring/shortlist.py)
            for product in products:
                assert set(product) >= PRODUCT_KEYS
            names = [p.name for p in rec.shortlist(component)]
            assert [p["name"] for p in products] == names
    meets = [r["meets_requirements"] for r in ranking]
    assert meets == sorted(meets, reverse=True)


def test_no_ceiling_is_null_in_json(kb, answers) -> None:
    data = json.loads(json.dumps(recommend(kb, answers(budget="enterprise")).to_dict()))
    assert data["budget_ceiling"] is None


def test_default_answers_are_scored_like_the_parsed_defaults(kb, answers) -> None:
    assert (
        recommend(kb, default_answers(kb)).to_dict()
        == recommend(kb, answers(input_modalities=["text"])).to_dict()
    )


def test_encoding_keeps_order_and_values(kb, answers) -> None:
    sets = [answers(volume="low"), answers(volume="very_high", tasks=["translate"])]
    arrays = encode_answers(kb, sets)
    volumes = kb.choice_ids("volume")
    assert [volumes[i] for i in arrays.choices["volume"]] == ["low", "very_high"]
    tasks = kb.choice_ids("tasks")
    assert arrays.lists["tasks"][1, tasks.index("translate")]
    assert not arrays.lists["tasks"][0].any()


# --- batch scoring equals one-by-one ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "normalization"), [("wsm", None), ("topsis", "vector"), ("topsis", "minmax")]
)
def test_batch_scoring_equals_one_by_one_recommendations(kb, method, normalization) -> None:
    sample = sample_answers(kb, 80, seed=21)
    groups = score_arrays(kb, encode_answers(kb, sample), method, normalization)
    assert sorted(int(r) for g in groups for r in g.rows) == list(range(len(sample)))
    for group in groups:
        ids = [
            solution_id(kb, group.solutions.component_indices(s))
            for s in range(len(group.solutions))
        ]
        for position, row in enumerate(group.rows):
            rec = recommend(kb, sample[row], method, normalization)
            assert [r.option for r in rec.ranking] == [ids[s] for s in group.order[position]]
            np.testing.assert_allclose(
                list(rec.weights.values()), group.weights[position], atol=1e-12
            )
            for r in rec.ranking:
                s = ids.index(r.option)
                assert r.score == pytest.approx(group.totals[position, s], abs=1e-9)
                assert list(r.criteria.values()) == pytest.approx(group.scores[position, s])
                assert r.monthly_cost == pytest.approx(tuple(group.monthly[position, s]))
                assert r.meets_requirements == bool(group.meets[position, s])


def test_answer_sets_listing_the_same_solutions_share_one_group(kb) -> None:
    sample = sample_answers(kb, 120, seed=8)
    groups = score_arrays(kb, encode_answers(kb, sample))
    keys = []
    for group in groups:
        ids = tuple(
            solution_id(kb, group.solutions.component_indices(s))
            for s in range(len(group.solutions))
        )
        keys.append(ids)
        assert list(group.rows) == sorted(group.rows), "each group keeps batch order"
    assert len(keys) == len(set(keys)), "two groups list the same solutions"


def test_an_empty_batch_has_no_groups(kb) -> None:
    assert score_batch(kb, []) == []


def test_reading_an_input_only_to_make_what_nobody_asked_for_does_not_count(kb, answers) -> None:
    """A webinar into blog posts and images (review of 2026-12-02): a 3D generator "reads" the
    video but only makes 3D from it, so a text LLM + image generator + 3D generator does not read
    the webinar; a multimodal LLM beside the image generator does."""
    rec = recommend(
        kb,
        answers(
            output_modalities=["text", "image"],
            input_modalities=["video", "text"],
            tasks=["generate_creative_content", "summarize_documents"],
        ),
    )
    by_id = by_option(rec)
    odd = by_id["text_llm:hosted_api+image_generation:hosted_api+3d_generation:hosted_api"]
    assert not odd.meets_requirements
    assert odd.unmet_sentences == (
        "It reads video only to make 3D models, which you do not ask for.",
    )
    assert odd.unmet[0].relax == "drop video from the inputs"
    assert rec.top.option == "multimodal_llm:hosted_api+image_generation:hosted_api"
    assert by_id["multimodal_llm:hosted_api+image_generation:hosted_api"].meets_requirements
