"""Unit tests of the engine: weights, criterion scores, requirements, aggregation and output shape."""

from __future__ import annotations

import json

import numpy as np
import pytest

from scoring.answers import default_answers
from scoring.encoding import encode_answers
from scoring.engine import METHODS, recommend, score_batch
from scoring.knowledge_base import CRITERIA

C = {c: i for i, c in enumerate(CRITERIA)}


def weights_of(kb, answers) -> dict[str, float]:
    return recommend(kb, answers).weights


def scores_of(kb, answers) -> dict[str, dict[str, float]]:
    return {r.option: r.criteria for r in recommend(kb, answers).ranking}


# --- weights ------------------------------------------------------------------------------------------------


def test_default_weights_from_base_points_and_default_answers(kb, answers) -> None:
    # Base points 3/2/2/2/2; the defaults 'interactive' (+1 efficiency) and 'moderate' budget
    # (+1 cost) fire; nothing else does. 13 points in all.
    expected = np.array([3, 3, 2, 2, 3]) / 13
    got = weights_of(kb, answers())
    assert [got[c] for c in CRITERIA] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("criterion", "field", "low", "high"),
    # Each answer moves only its own criterion up (very high volume also raises efficiency).
    [
        ("data_privacy", "data_sensitivity", "internal", "regulated"),
        ("data_privacy", "data_sensitivity", "public", "confidential"),
        ("data_privacy", "deployment", "cloud_ok", "must_be_on_premises"),
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
    before = weights_of(kb, answers(**{field: low}))
    after = weights_of(kb, answers(**{field: high}))
    assert after[criterion] > before[criterion]
    also_up = {"efficiency"} if high == "very_high" else set()
    others = [c for c in CRITERIA if c != criterion and c not in also_up]
    assert all(after[c] < before[c] for c in others)


def test_regulated_data_makes_privacy_the_heaviest_criterion(kb, answers) -> None:
    weights = weights_of(kb, answers(data_sensitivity="regulated", deployment="prefer_on_premises"))
    assert max(weights, key=weights.get) == "data_privacy"


def test_media_analysis_raises_the_modality_weight(kb, answers) -> None:
    plain = weights_of(kb, answers(tasks=["summarize_documents"]))
    media = weights_of(kb, answers(tasks=["summarize_documents", "analyze_media"]))
    assert media["modality"] > plain["modality"]


def test_priorities_replace_derived_weights(kb, answers) -> None:
    priorities = {"modality": 1, "efficiency": 2, "accuracy": 5, "data_privacy": 1, "cost": 1}
    for extra in ({}, {"data_sensitivity": "regulated", "volume": "very_high"}):
        rec = recommend(kb, answers(priorities=priorities, **extra))
        assert rec.weights == pytest.approx({c: v / 10 for c, v in priorities.items()})
        assert rec.weights_source == "priorities"
    assert recommend(kb, answers()).weights_source == "derived"


def test_equal_priorities_give_equal_weights(kb, answers) -> None:
    rec = recommend(kb, answers(priorities={c: 4 for c in CRITERIA}))
    assert list(rec.weights.values()) == pytest.approx([0.2] * 5)


def test_weights_override_is_normalised(kb, answers) -> None:
    custom = {"modality": 2, "efficiency": 0, "accuracy": 1, "data_privacy": 1, "cost": 0}
    rec = recommend(kb, answers(priorities={"cost": 5}), weights=custom)
    assert rec.weights == pytest.approx({c: v / 4 for c, v in custom.items()})
    assert rec.weights_source == "custom"
    totals = {r.option: r.score for r in rec.ranking}
    crit = {r.option: r.criteria for r in rec.ranking}
    for option, total in totals.items():
        expected = sum(rec.weights[c] * crit[option][c] for c in CRITERIA)
        assert total == pytest.approx(expected)


@pytest.mark.parametrize(
    "custom",
    [
        {"modality": -1, "efficiency": 1, "accuracy": 1, "data_privacy": 1, "cost": 1},
        dict.fromkeys(CRITERIA, 0),
    ],
)
def test_bad_weights_override_is_rejected(kb, answers, custom) -> None:
    with pytest.raises(ValueError, match="non-negative and not all zero"):
        recommend(kb, answers(), weights=custom)


# --- criterion scores ------------------------------------------------------------------------------------


def test_modality_fit_is_the_weighted_coverage(kb, answers) -> None:
    shares = kb.model.modality_fit.values
    a = answers(
        output_modalities=["text"],
        input_modalities=["text", "image"],
        tasks=["translate", "analyze_media"],
    )
    scores = scores_of(kb, a)
    # llm_api: writes text (all outputs, and all it writes is needed), reads text not image,
    # translates but cannot analyse media.
    expected_api = 100 * (shares["outputs"] + shares["inputs"] / 2 + shares["tasks"] / 2)
    expected_api += 100 * shares["focus"]
    assert scores["llm_api"]["modality"] == pytest.approx(expected_api)
    assert scores["multimodal_llm"]["modality"] == pytest.approx(100.0)
    # The pipeline writes text, image and audio: only a third of what it produces is needed.
    assert scores["llm_genai_pipeline"]["modality"] == pytest.approx(
        100 * (1 - shares["focus"] * 2 / 3 - shares["tasks"] / 2)
    )


def test_modality_fit_follows_outputs(kb, answers) -> None:
    text = scores_of(kb, answers(output_modalities=["text"]))
    image = scores_of(kb, answers(output_modalities=["image"]))
    assert text["llm_api"]["modality"] > text["image_generation"]["modality"]
    assert image["image_generation"]["modality"] > image["llm_api"]["modality"]
    assert image["image_generation"]["modality"] == pytest.approx(100.0)


def test_modality_fit_is_scaled_by_the_share_of_outputs_produced(kb, answers) -> None:
    shares = kb.model.modality_fit.values
    a = answers(
        output_modalities=["text", "image"],
        input_modalities=["text"],
        tasks=["personalize_marketing"],
        creativity_need="medium",
    )
    scores = scores_of(kb, a)
    # llm_api writes text only and image_generation image only: half the outputs. Both read text and
    # personalise marketing, and all they write is needed, so only the outputs part of the mix is
    # short; the whole mix is then halved.
    mix = shares["outputs"] / 2 + shares["inputs"] + shares["tasks"] + shares["focus"]
    half = 100 * 0.5 * mix
    assert scores["llm_api"]["modality"] == pytest.approx(half)
    assert scores["image_generation"]["modality"] == pytest.approx(half)
    assert half <= 50
    # Audio, video, 3D and tabular generators produce neither: no fit at all.
    for option in ("audio_generation", "video_generation", "3d_generation"):
        assert scores[option]["modality"] == 0.0, option
    assert scores["synthetic_data_generation"]["modality"] == 0.0
    # The pipeline produces both and is not scaled; a third of what it writes (audio) is unneeded.
    assert scores["llm_genai_pipeline"]["modality"] == pytest.approx(
        100 * (1 - shares["focus"] / 3)
    )


def test_score_rules_cannot_lift_an_option_producing_none_of_the_outputs(kb, answers) -> None:
    # High creativity (+ creative options) and deep specialisation (+ fine-tunable options) add to
    # the modality score, but not for an option that cannot write the text the business needs.
    a = answers(output_modalities=["text"], creativity_need="high", domain_specialization="deep")
    scores = scores_of(kb, a)
    for option in kb.options:
        if "text" not in option.writes:
            assert scores[option.id]["modality"] == 0.0, option.id
    # They still apply where the outputs are produced: half of (mix + creativity bonus), clipped.
    both = answers(output_modalities=["text", "image"], creativity_need="high")
    plain = answers(output_modalities=["text", "image"], creativity_need="medium")
    lifted = scores_of(kb, both)["image_generation"]["modality"]
    assert lifted > scores_of(kb, plain)["image_generation"]["modality"]
    assert lifted <= 50


def test_modality_fit_follows_inputs_and_tasks(kb, answers) -> None:
    base = scores_of(kb, answers(input_modalities=["text"], tasks=["summarize_documents"]))
    photos = scores_of(
        kb, answers(input_modalities=["text", "image"], tasks=["summarize_documents"])
    )
    assert photos["llm_api"]["modality"] < base["llm_api"]["modality"]
    assert photos["multimodal_llm"]["modality"] == base["multimodal_llm"]["modality"]
    three_d = scores_of(kb, answers(input_modalities=["text"], tasks=["reconstruct_3d"]))
    assert three_d["llm_api"]["modality"] < base["llm_api"]["modality"]


def test_no_inputs_or_tasks_required_means_full_coverage(kb, answers) -> None:
    scores = scores_of(kb, answers(output_modalities=["3d"], input_modalities=[], tasks=[]))
    assert scores["3d_generation"]["modality"] == pytest.approx(100.0)


def test_deep_domain_specialisation_favours_fine_tunable_options(kb, answers) -> None:
    none = scores_of(kb, answers(domain_specialization="none"))
    deep = scores_of(kb, answers(domain_specialization="deep"))
    for option in kb.options:
        delta = deep[option.id]["accuracy"] - none[option.id]["accuracy"]
        if option.traits.fine_tunable:
            assert delta > 0, option.id
        else:
            assert delta == 0, option.id
    assert deep["llm_self_hosted"]["modality"] > none["llm_self_hosted"]["modality"]
    assert deep["llm_api"]["modality"] == none["llm_api"]["modality"]


def test_no_ml_team_penalises_options_that_need_one(kb, answers) -> None:
    none = scores_of(kb, answers(in_house_ml_expertise="none"))
    strong = scores_of(kb, answers(in_house_ml_expertise="strong"))
    assert none["llm_self_hosted"]["cost"] < strong["llm_self_hosted"]["cost"]
    assert none["llm_self_hosted"]["efficiency"] < strong["llm_self_hosted"]["efficiency"]
    assert none["llm_api"] == strong["llm_api"]


def test_cost_blends_adoption_and_use_by_volume(kb, answers) -> None:
    api = kb.option("llm_api").scores
    hosted = kb.option("llm_self_hosted").scores
    share = kb.model.cost_per_use_share.values
    costs = {}
    for volume in kb.choice_ids("volume"):
        scores = scores_of(kb, answers(volume=volume))
        s = share[volume]
        assert scores["llm_api"]["cost"] == pytest.approx(
            (1 - s) * api.cost_to_adopt.value + s * api.cost_per_use.value
        )
        costs[volume] = scores["llm_self_hosted"]["cost"]
    # Self-hosting is dear to set up and cheap to run: it gets cheaper, relatively, with volume.
    assert list(costs.values()) == sorted(costs.values())
    assert hosted.cost_to_adopt.value < hosted.cost_per_use.value


def test_creativity_rules_move_creative_options(kb, answers) -> None:
    low = scores_of(kb, answers(output_modalities=["image"], creativity_need="low"))
    high = scores_of(kb, answers(output_modalities=["image"], creativity_need="high"))
    assert high["image_generation"]["modality"] > low["image_generation"]["modality"]
    assert high["image_generation"]["accuracy"] > low["image_generation"]["accuracy"]
    assert high["llm_api"] == low["llm_api"]


def test_base_scores_come_from_the_knowledge_base(kb, answers) -> None:
    scores = scores_of(kb, answers(domain_specialization="none", creativity_need="medium"))
    for option in kb.options:
        for criterion in ("efficiency", "accuracy", "data_privacy"):
            expected = getattr(option.scores, criterion).value
            assert scores[option.id][criterion] == pytest.approx(expected), (option.id, criterion)


def test_scores_are_clipped_to_0_100(kb, answers) -> None:
    a = answers(in_house_ml_expertise="none", volume="low", domain_specialization="deep")
    for option, criteria in scores_of(kb, a).items():
        assert all(0 <= v <= 100 for v in criteria.values()), option


# --- requirements ---------------------------------------------------------------------------------------------


def test_missing_output_is_an_unmet_requirement_with_a_reason(kb, answers) -> None:
    rec = recommend(kb, answers(output_modalities=["text", "video"]))
    by_id = {r.option: r for r in rec.ranking}
    assert not by_id["llm_api"].meets_requirements
    assert by_id["llm_api"].unmet == ("cannot produce: video",)
    assert by_id["image_generation"].unmet == ("cannot produce: text, video",)
    assert all(not r.meets_requirements for r in rec.ranking)


def test_must_stay_on_premises_flags_hosted_options(kb, answers) -> None:
    rec = recommend(kb, answers(deployment="must_be_on_premises"))
    by_id = {r.option: r for r in rec.ranking}
    assert by_id["llm_self_hosted"].meets_requirements and by_id["llm_self_hosted"].unmet == ()
    assert by_id["llm_api"].unmet == (
        "sends data off premises, but it must stay on your infrastructure",
    )
    rec = recommend(kb, answers(output_modalities=["video"], deployment="must_be_on_premises"))
    reasons = {r.option: r.unmet for r in rec.ranking}
    assert reasons["llm_api"] == (
        "cannot produce: video",
        "sends data off premises, but it must stay on your infrastructure",
    )
    assert reasons["video_generation"] == reasons["llm_api"][1:]


def test_unmet_reasons_agree_with_the_flag(kb, answers) -> None:
    for outputs in (["text"], ["image", "audio"], ["3d"], ["tabular", "text"]):
        for deployment in kb.choice_ids("deployment"):
            rec = recommend(kb, answers(output_modalities=outputs, deployment=deployment))
            for r in rec.ranking:
                assert r.meets_requirements == (not r.unmet), (outputs, deployment, r.option)


def test_requirements_come_before_score(kb, answers) -> None:
    rec = recommend(kb, answers(output_modalities=["image"], tasks=["translate"]))
    flags = [r.meets_requirements for r in rec.ranking]
    assert flags == sorted(flags, reverse=True)
    flagged_best = max(r.score for r in rec.ranking if not r.meets_requirements)
    assert flagged_best > rec.ranking[0].score  # a flagged option can outscore the winner


# --- methods and output shape -------------------------------------------------------------------------------


def test_unknown_method_and_normalisation_are_rejected(kb, answers) -> None:
    with pytest.raises(ValueError, match="unknown method 'ahp'"):
        recommend(kb, answers(), method="ahp")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown normalisation 'sum'"):
        recommend(kb, answers(), method="topsis", normalization="sum")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown method"):
        score_batch(kb, [answers()], method="WSM")  # type: ignore[arg-type]


def test_normalisation_is_reported_only_for_topsis(kb, answers) -> None:
    assert recommend(kb, answers()).normalization is None
    assert recommend(kb, answers(), method="topsis").normalization == "vector"
    assert recommend(kb, answers(), "topsis", "minmax").normalization == "minmax"
    vector = recommend(kb, answers(), "topsis", "vector")
    minmax = recommend(kb, answers(), "topsis", "minmax")
    assert [r.score for r in vector.ranking] != pytest.approx([r.score for r in minmax.ranking])


def test_topsis_contributions_are_apportioned_by_weight_times_score(kb, answers) -> None:
    rec = recommend(kb, answers(), method="topsis")
    for r in rec.ranking:
        parts = np.array([rec.weights[c] * r.criteria[c] for c in CRITERIA])
        expected = r.score * parts / parts.sum()
        assert [r.contributions[c] for c in CRITERIA] == pytest.approx(expected)


@pytest.mark.parametrize("method", METHODS)
def test_to_dict_has_the_spec_json_shape(kb, answers, method) -> None:
    rec = recommend(kb, answers(output_modalities=["text", "image"]), method=method)
    data = json.loads(json.dumps(rec.to_dict()))
    assert data["method"] == method
    assert set(data["weights"]) == set(CRITERIA)
    assert sum(data["weights"].values()) == pytest.approx(1.0)
    assert data["kb_version"] == kb.version
    ranking = data["ranking"]
    assert [r["rank"] for r in ranking] == list(range(1, len(kb.options) + 1))
    assert sorted(r["option"] for r in ranking) == sorted(kb.option_ids)
    spec_keys = {"rank", "option", "label", "score", "meets_requirements", "criteria",
                 "contributions"}  # fmt: skip
    for row in ranking:
        assert spec_keys <= set(row)
        assert row["label"] == kb.option(row["option"]).label
        assert isinstance(row["meets_requirements"], bool)
        assert 0 <= row["score"] <= 100
        assert set(row["criteria"]) == set(CRITERIA) == set(row["contributions"])
        assert all(0 <= v <= 100 for v in row["criteria"].values())
        assert sum(row["contributions"].values()) == pytest.approx(row["score"])
        assert (row["unmet_requirements"] == []) == row["meets_requirements"]
    meets = [r["meets_requirements"] for r in ranking]
    assert meets == sorted(meets, reverse=True)
    for group in (True, False):
        scores = [r["score"] for r in ranking if r["meets_requirements"] is group]
        assert scores == sorted(scores, reverse=True)


def test_margin_and_top(kb, answers) -> None:
    rec = recommend(kb, answers())
    assert rec.top is rec.ranking[0]
    assert rec.margin == pytest.approx(rec.ranking[0].score - rec.ranking[1].score)
    assert rec.margin >= 0


def test_empty_batch_has_empty_arrays(kb) -> None:
    result = score_batch(kb, [])
    assert result.totals.shape == (0, len(kb.options))
    assert result.weights.shape == (0, len(CRITERIA))


def test_encoding_keeps_order_and_values(kb, answers) -> None:
    sets = [answers(volume="low"), answers(volume="very_high", tasks=["translate"])]
    arrays = encode_answers(kb, sets)
    volumes = kb.choice_ids("volume")
    assert [volumes[i] for i in arrays.choices["volume"]] == ["low", "very_high"]
    tasks = kb.choice_ids("tasks")
    assert arrays.lists["tasks"][1, tasks.index("translate")]
    assert not arrays.lists["tasks"][0].any()


def test_default_answers_are_scored_like_the_parsed_defaults(kb, answers) -> None:
    assert (
        recommend(kb, default_answers(kb)).to_dict()
        == recommend(kb, answers(input_modalities=["text"])).to_dict()
    )


def test_runner_up_is_the_best_other_option_meeting_the_requirements(kb, answers) -> None:
    # Text and images together: only the pipeline produces both, so nothing else is a rival, even
    # though text LLMs score higher while failing the requirement.
    alone = recommend(kb, answers(output_modalities=["text", "image"]))
    assert alone.top.option == "llm_genai_pipeline"
    assert alone.ranking[1].score > alone.top.score
    assert alone.runner_up is None and alone.margin is None
    # Text only: several options qualify; the runner-up is the second and the margin is positive.
    rivals = recommend(kb, answers())
    assert rivals.runner_up == rivals.ranking[1]
    assert rivals.margin == pytest.approx(rivals.top.score - rivals.ranking[1].score)
    # Nothing meets the requirements (text and video): the second in the ranking is the runner-up.
    nothing = recommend(kb, answers(output_modalities=["text", "video"]))
    assert not nothing.top.meets_requirements
    assert nothing.runner_up == nothing.ranking[1]
