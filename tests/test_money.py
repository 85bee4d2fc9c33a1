"""Monthly cost in US dollars (SPEC, "Money"): figures worked by hand from the knowledge base's
stated prices, the volume levels and ``monthly_requests``, staff, combinations, the cost
criterion's log scale and the budget ceilings."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from support import by_option

from scoring.criteria.cost import central_cost, cost_score
from scoring.encoding import encode_answers
from scoring.engine import recommend
from scoring.money import component_costs, cost_curve, work_quantities
from scoring.requirements import money

LOW, HIGH = 0, 1


def month(kb, answers, component_id: str):
    """(usage, infrastructure, staff, integration, total): each a (low, high) array."""
    costs = component_costs(kb, encode_answers(kb, [answers]))
    c = kb.component_ids.index(component_id)
    parts = (costs.usage, costs.infrastructure, costs.staff, costs.integration, costs.total)
    return tuple(part[0, c] for part in parts)


def extra_integration(kb) -> np.ndarray:
    extra = kb.money.combination_integration
    return np.array([extra.low, extra.high]) / extra.months


# --- a component's month, worked by hand ------------------------------------------------------------


def test_hosted_text_llm_at_200000_requests_worked_by_hand(kb, answers) -> None:
    """200,000 requests of 2,000 tokens are 400 M tokens: at $0.20 to $4 per 1M tokens that is
    $80 to $1,600 of usage; plus $0 to $50 of infrastructure, 0 to 0.1 of an engineer at
    $9,000 to $16,000 a month, and $0 to $10,000 of integration spread over 24 months."""
    component = kb.component("text_llm:hosted_api")
    (usage,) = component.cost.usage
    assert kb.money.work[0].id == usage.work == "text_requests"
    assert (usage.units_per_item, usage.price.low, usage.price.high) == (0.002, 0.2, 4.0)
    assert usage.minimum_units == 0
    staff = kb.money.staff_monthly_cost
    assert (staff.low, staff.high) == (9000, 16000)
    fixed = component.cost.fixed
    assert (fixed.infrastructure.low, fixed.infrastructure.high) == (0, 50)
    assert (fixed.staff_fte.low, fixed.staff_fte.high) == (0.0, 0.1)
    assert (fixed.integration.low, fixed.integration.high, fixed.integration.months) == (
        0,
        10000,
        24,
    )
    assert kb.money.work[0].volume["high"] == 200_000

    for a in (answers(volume="high"), answers(volume="low", monthly_requests=200_000)):
        usage_, infrastructure, staff_, integration, total = month(kb, a, "text_llm:hosted_api")
        assert usage_ == pytest.approx([80.0, 1600.0])
        assert infrastructure == pytest.approx([0.0, 50.0])
        assert staff_ == pytest.approx([0.0, 1600.0])
        assert integration == pytest.approx([0.0, 10000 / 24])
        assert total == pytest.approx([80.0, 1600 + 50 + 1600 + 10000 / 24])
        ranked = by_option(recommend(kb, a))["text_llm:hosted_api"]
        assert ranked.monthly_cost == pytest.approx((80.0, 3666.6667), abs=1e-3)


def test_every_component_month_is_the_sum_of_its_parts(kb, answers) -> None:
    """Each usage line's units (items times units per item, at least its minimum) times its
    price, recomputed here from the knowledge base's entries, not its arrays."""
    for a in (answers(volume="low"), answers(volume="very_high", in_house_ml_expertise="none")):
        costs = component_costs(kb, encode_answers(kb, [a]))
        quantities = {w.id: w.volume[a.volume] for w in kb.money.work}
        factor = kb.money.ml_staff_factor.values[a.in_house_ml_expertise]
        staff_cost = kb.money.staff_monthly_cost
        for c, component in enumerate(kb.components):
            usage = np.zeros(2)
            for line in component.cost.usage:
                units = max(quantities[line.work] * line.units_per_item, line.minimum_units)
                usage += units * np.array([line.price.low, line.price.high])
            fixed = component.cost.fixed
            share = factor if component.needs.ml_team != "none" else 1.0
            staff = share * np.array(
                [fixed.staff_fte.low * staff_cost.low, fixed.staff_fte.high * staff_cost.high]
            )
            spread = np.array([fixed.integration.low, fixed.integration.high])
            spread = spread / fixed.integration.months
            infrastructure = np.array([fixed.infrastructure.low, fixed.infrastructure.high])
            assert costs.usage[0, c] == pytest.approx(usage), component.id
            assert costs.staff[0, c] == pytest.approx(staff), component.id
            assert costs.total[0, c] == pytest.approx(usage + infrastructure + staff + spread)


# --- volume levels and monthly_requests -------------------------------------------------------------


def test_volume_levels_stand_for_the_stated_quantities(kb, answers) -> None:
    for level in kb.choice_ids("volume"):
        quantities = work_quantities(kb, encode_answers(kb, [answers(volume=level)]))[0]
        assert quantities == pytest.approx([w.volume[level] for w in kb.money.work]), level


def test_monthly_requests_override_every_volume_level(kb, answers) -> None:
    """Requests or items of any kind, converted to each kind of work by its per_request."""
    expected = [1000 * w.per_request for w in kb.money.work]
    totals = []
    for level in kb.choice_ids("volume"):
        a = answers(volume=level, monthly_requests=1000)
        assert work_quantities(kb, encode_answers(kb, [a]))[0] == pytest.approx(expected)
        totals.append(component_costs(kb, encode_answers(kb, [a])).total[0])
    for other in totals[1:]:
        np.testing.assert_allclose(other, totals[0])


def test_per_request_conversion_of_video_worked_by_hand(kb, answers) -> None:
    """Ten clips a month at 8 seconds a clip are 80 seconds of video: at $0.05 to $0.40 a second,
    $4 to $32 of usage."""
    work = {w.id: w for w in kb.money.work}
    assert work["video_seconds"].per_request == 8
    (line,) = kb.component("video_generation:hosted_api").cost.usage
    assert line.work == "video_seconds" and line.units_per_item == 1.0
    assert (line.price.low, line.price.high) == (0.05, 0.4)
    usage = month(kb, answers(monthly_requests=10), "video_generation:hosted_api")[0]
    assert usage == pytest.approx([4.0, 32.0])


def test_one_request_a_month_costs_less_than_a_billion(kb, answers) -> None:
    small = component_costs(kb, encode_answers(kb, [answers(monthly_requests=1)])).total[0]
    huge = component_costs(kb, encode_answers(kb, [answers(monthly_requests=10**9)])).total[0]
    assert (small <= huge).all()
    assert (huge[:, HIGH] > small[:, HIGH]).any()
    assert np.isfinite(huge).all()


def test_cost_never_falls_as_volume_rises(kb, answers) -> None:
    levels = kb.choice_ids("volume")
    totals = [component_costs(kb, encode_answers(kb, [answers(volume=v)])).total[0] for v in levels]
    for smaller, larger in itertools.pairwise(totals):
        assert (larger >= smaller - 1e-9).all()
    rec = recommend(kb, answers(output_modalities=["text", "image"]))
    arrays = encode_answers(kb, [rec.answers])
    curve = cost_curve(kb, arrays, rec.group.solutions, np.array([0.1, 1.0, 10.0]))
    assert (np.diff(curve, axis=0) >= -1e-9).all()
    np.testing.assert_allclose(curve[1], rec.group.monthly[0])


# --- GPUs, staff and integration -----------------------------------------------------------------


def test_self_hosted_text_llm_pays_a_gpu_always_on(kb, answers) -> None:
    """One GPU always on is 730 hours a month at $1.40 to $3.99 an hour, whatever the volume
    until it needs more than 730 hours (2,920,000 requests at 0.00025 hours each)."""
    (line,) = kb.component("text_llm:self_hosted").cost.usage
    assert line.unit == "GPU hour" and line.minimum_units == 730
    assert (line.units_per_item, line.price.low, line.price.high) == (0.00025, 1.4, 3.99)
    floor = [730 * 1.4, 730 * 3.99]
    for a in (answers(volume="low"), answers(volume="very_high"), answers(monthly_requests=1)):
        assert month(kb, a, "text_llm:self_hosted")[0] == pytest.approx(floor)
    busy = month(kb, answers(monthly_requests=10_000_000), "text_llm:self_hosted")[0]
    assert busy == pytest.approx([2500 * 1.4, 2500 * 3.99])


def test_every_gpu_floor_applies_at_one_request(kb, answers) -> None:
    usage = component_costs(kb, encode_answers(kb, [answers(monthly_requests=1)])).usage[0]
    for c, component in enumerate(kb.components):
        for line in component.cost.usage:
            if line.minimum_units and len(component.cost.usage) == 1:
                expected = [
                    line.minimum_units * line.price.low,
                    line.minimum_units * line.price.high,
                ]
                assert usage[c] == pytest.approx(expected), component.id


def test_no_ml_team_makes_ml_staff_dearer_by_the_stated_factor(kb, answers) -> None:
    """text_llm:self_hosted needs a quarter to half an engineer: $2,250 to $8,000 a month with
    some ML staff, 1.6 times that ($3,600 to $12,800) with none, 0.8 times with a strong team."""
    factor = kb.money.ml_staff_factor.values
    assert (factor["none"], factor["some"], factor["strong"]) == (1.6, 1.0, 0.8)
    assert kb.component("text_llm:self_hosted").needs.ml_team != "none"
    staff = {
        level: month(kb, answers(in_house_ml_expertise=level), "text_llm:self_hosted")[2]
        for level in ("none", "some", "strong")
    }
    assert staff["some"] == pytest.approx([2250.0, 8000.0])
    assert staff["none"] == pytest.approx([3600.0, 12800.0])
    assert staff["strong"] == pytest.approx([1800.0, 6400.0])
    hosted = {
        level: month(kb, answers(in_house_ml_expertise=level), "text_llm:hosted_api")[2]
        for level in ("none", "some", "strong")
    }
    assert hosted["none"] == pytest.approx(hosted["some"])
    assert hosted["strong"] == pytest.approx(hosted["some"])


def test_the_staff_factor_touches_only_components_that_need_ml_staff(kb, answers) -> None:
    none = component_costs(kb, encode_answers(kb, [answers(in_house_ml_expertise="none")])).staff
    some = component_costs(kb, encode_answers(kb, [answers(in_house_ml_expertise="some")])).staff
    factor = kb.money.ml_staff_factor.values["none"] / kb.money.ml_staff_factor.values["some"]
    for c, component in enumerate(kb.components):
        expected = factor if component.needs.ml_team != "none" else 1.0
        assert none[0, c] == pytest.approx(some[0, c] * expected), component.id


# --- combinations ------------------------------------------------------------------------------------


def test_a_pipeline_adds_the_integration_of_its_extra_component(kb, answers) -> None:
    """Text LLM plus image generation, both on public APIs: the two months plus one extra
    component's integration, $0 (two tools used side by side) to $24,000 spread over 24 months
    ($0 to $1,000)."""
    extra = kb.money.combination_integration
    assert (extra.low, extra.high, extra.months) == (0, 24000, 24)
    a = answers(output_modalities=["text", "image"])
    pipeline = by_option(recommend(kb, a))["text_llm:hosted_api+image_generation:hosted_api"]
    text = month(kb, a, "text_llm:hosted_api")[4]
    image = month(kb, a, "image_generation:hosted_api")[4]
    assert pipeline.monthly_cost == pytest.approx(tuple(text + image + [0.0, 1000.0]))


def test_every_solution_costs_its_components_plus_one_integration_per_extra(kb, answers) -> None:
    cases = (
        answers(output_modalities=["text", "image", "video"], volume="high"),
        answers(output_modalities=["3d", "audio"], tasks=["speak_text", "reconstruct_3d"]),
        answers(output_modalities=["text"], tasks=["translate", "transcribe_speech"]),
    )
    sizes = set()
    for a in cases:
        totals = component_costs(kb, encode_answers(kb, [a])).total[0]
        for ranked in recommend(kb, a).ranking:
            members = [kb.component_ids.index(c) for c in ranked.components]
            expected = totals[members].sum(axis=0) + (len(members) - 1) * extra_integration(kb)
            assert ranked.monthly_cost == pytest.approx(tuple(expected)), ranked.option
            sizes.add(len(members))
    assert sizes >= {1, 2, 3}, "the cases above list singles, pairs and triples"


# --- the cost criterion: a log scale between two anchors ------------------------------------------


def test_cost_score_at_the_anchors(kb) -> None:
    anchors = kb.money.cost_score
    cheap, dear = anchors.cheap, anchors.dear
    middle = math.sqrt(cheap * dear)
    scores = cost_score(kb, np.array([cheap, dear, middle, cheap / 10, 0.0, dear * 10]))
    assert scores == pytest.approx([100.0, 0.0, 50.0, 100.0, 100.0, 0.0])
    per_decade = 100 / math.log10(dear / cheap)
    tenfold = cost_score(kb, np.array([middle, middle * 10]))
    assert tenfold[0] - tenfold[1] == pytest.approx(per_decade)


def test_cost_score_worked_by_hand(kb) -> None:
    """Anchors $10 and $1,000,000: five decades, 20 points each; $1,000 a month scores 60."""
    assert (kb.money.cost_score.cheap, kb.money.cost_score.dear) == (10, 1_000_000)
    assert cost_score(kb, np.array([1000.0, 100.0, 100_000.0])) == pytest.approx([60, 80, 20])


def test_a_solution_cost_score_is_that_of_the_middle_of_its_range(kb, answers) -> None:
    """The geometric mean of low and high: the middle of the range on the log scale."""
    rec = recommend(kb, answers(output_modalities=["text", "image"], volume="high"))
    for ranked in rec.ranking:
        low, high = ranked.monthly_cost
        middle = math.sqrt(max(low, 1.0) * max(high, 1.0))
        assert ranked.criteria["cost"] == pytest.approx(float(cost_score(kb, np.array(middle))))
    assert central_cost(np.array([100.0, 10_000.0])) == pytest.approx(1000.0)


def test_a_cheaper_solution_never_scores_lower_on_cost(kb, answers) -> None:
    rec = recommend(kb, answers(output_modalities=["text", "image"]))
    by_cost = sorted(rec.ranking, key=lambda r: math.prod(max(v, 1.0) for v in r.monthly_cost))
    scores = [r.criteria["cost"] for r in by_cost]
    assert scores == sorted(scores, reverse=True)


# --- budget ceilings -------------------------------------------------------------------------------


def test_each_budget_level_has_its_ceiling(kb, answers) -> None:
    ceilings = kb.money.budget_ceilings.values
    assert ceilings == {"minimal": 500, "moderate": 5000, "substantial": 50000, "enterprise": None}
    for level in kb.choice_ids("budget"):
        rec = recommend(kb, answers(budget=level))
        assert rec.budget_ceiling == ceilings[level], level
        assert rec.to_dict()["budget_ceiling"] == ceilings[level]


def test_the_questionnaire_states_each_ceiling_it_applies(kb) -> None:
    """The person is shown the ceilings (SPEC: "in data/, shown to the person")."""
    help_text = kb.question("budget").help
    for ceiling in kb.money.budget_ceilings.values.values():
        if ceiling is not None:
            assert money(ceiling) in help_text, ceiling


def test_budget_requirement_compares_the_low_end_with_the_ceiling(kb, answers) -> None:
    seen = set()
    for level in kb.choice_ids("budget"):
        rec = recommend(kb, answers(output_modalities=["text", "video"], budget=level))
        ceiling = math.inf if rec.budget_ceiling is None else rec.budget_ceiling
        for ranked in rec.ranking:
            over = ranked.monthly_cost[LOW] > ceiling
            assert over == any(u.requirement == "budget" for u in ranked.unmet), ranked.option
            seen.add(over)
    assert seen == {True, False}


def test_recordings_that_can_wait_pay_the_batch_price_and_live_audio_the_live_one(
    kb, answers
) -> None:
    """Enterprise-cloud speech: 6,000 minutes at Chirp 3 Dynamic Batch ($0.004) when the business
    accepts batch processing; at the live floor ($0.012) otherwise (data/components/speech_ai.yaml)."""
    c = kb.component_ids.index("speech_ai:private_cloud")
    usage = {
        latency: component_costs(
            kb,
            encode_answers(
                kb, [answers(output_modalities=["text"], volume="medium", latency=latency)]
            ),
        ).usage[0, c]
        for latency in ("batch_ok", "interactive", "real_time")
    }
    assert usage["batch_ok"][0] == pytest.approx(6000 * 0.004)
    assert usage["interactive"][0] == usage["real_time"][0] == pytest.approx(6000 * 0.012)
    assert usage["batch_ok"][1] == usage["interactive"][1] == pytest.approx(6000 * 0.0225)
    hosted = kb.component_ids.index("text_llm:hosted_api")  # no batch price: the same either way
    costs = [
        component_costs(kb, encode_answers(kb, [answers(latency=latency)])).usage[0, hosted]
        for latency in ("batch_ok", "real_time")
    ]
    np.testing.assert_array_equal(costs[0], costs[1])


def test_a_batch_price_above_the_live_price_is_refused(data_copy) -> None:
    from support import edit_yaml, knowledge_base_error

    def edit(data) -> None:
        component = next(c for c in data["components"] if c["deployment"] == "private_cloud")
        component["cost"]["usage"][0]["batch_price"] = {"low": 0.5, "high": 0.5}

    edit_yaml(data_copy / "components" / "speech_ai.yaml", edit)
    message = knowledge_base_error(data_copy)
    assert "speech_ai.yaml" in message and "batch_price" in message and "above the live" in message
