"""What-if weights and pairwise weighting helpers (ui/whatif.py), pure."""

from __future__ import annotations

import pytest

from scoring.ahp import CR_WARNING_THRESHOLD, SAATY_RANDOM_INDEX, ahp_from_judgements
from scoring.answers import default_answers
from scoring.engine import recommend
from scoring.knowledge_base import CRITERIA, default_knowledge_base
from ui.whatif import (
    JUDGEMENT_CODES,
    Inconsistency,
    ahp_result,
    ahp_weights_dict,
    code_label,
    consistency_sentence,
    default_codes,
    describe_judgement,
    importance_from_weights,
    inconsistency,
    inconsistency_sentence,
    judgement_code,
    judgement_value,
    pair_key,
    pairs,
    ratio_text,
    slider_key,
    slider_positions,
    weights_from_importance,
    weights_line,
)

KB = default_knowledge_base()


def test_slider_keys_follow_the_contract() -> None:
    assert [slider_key(c) for c in CRITERIA] == [f"whatif_{c}" for c in CRITERIA]


def test_importance_and_weights() -> None:
    rec = recommend(KB, default_answers(KB))
    positions = importance_from_weights(rec.weights)
    assert all(isinstance(v, int) and 0 <= v <= 100 for v in positions.values())
    assert positions == {c: round(100 * rec.weights[c]) for c in CRITERIA}
    weights = weights_from_importance(positions)
    assert sum(weights.values()) == pytest.approx(1)
    assert weights == pytest.approx(rec.weights, abs=0.01)
    assert weights_from_importance(dict.fromkeys(CRITERIA, 0)) is None
    assert weights_from_importance(dict.fromkeys(CRITERIA, 7)) == pytest.approx(
        dict.fromkeys(CRITERIA, 0.2)
    )


def test_slider_positions_are_whole_numbers_within_range() -> None:
    positions = slider_positions({**dict.fromkeys(CRITERIA, 12.6), "cost": 100.0})
    assert positions == {**dict.fromkeys(CRITERIA, 13), "cost": 100}


def test_weights_line_names_every_criterion() -> None:
    line = weights_line(KB, dict.fromkeys(CRITERIA, 0.2))
    assert line == ", ".join(f"{KB.criterion(c).short} 20 %" for c in CRITERIA)


# --- pairwise -------------------------------------------------------------------------------------


def test_ten_pairs_in_the_matrix_order() -> None:
    assert len(pairs()) == 10
    assert pairs()[0] == ("modality", "efficiency")
    assert pairs()[-1] == ("data_privacy", "cost")
    assert len({pair_key(p) for p in pairs()}) == 10


def test_codes_map_to_saaty_values_and_back() -> None:
    assert len(JUDGEMENT_CODES) == 17
    values = [judgement_value(code) for code in JUDGEMENT_CODES]
    assert values == sorted(values, reverse=True)
    assert values[0] == 9 and values[-1] == pytest.approx(1 / 9) and 1.0 in values
    for code in JUDGEMENT_CODES:
        assert judgement_code(judgement_value(code)) == code
    assert judgement_code(1 / 3) == -3


def test_labels_say_which_criterion_matters_more() -> None:
    pair = ("data_privacy", "cost")
    assert code_label(KB, pair, 1) == "equal"
    assert code_label(KB, pair, 5) == "Privacy 5x"
    assert code_label(KB, pair, -3) == "Cost 3x"
    assert describe_judgement(KB, pair, 5) == "Privacy 5x as important as Cost (strongly)"
    assert describe_judgement(KB, pair, -4) == "Cost 4x as important as Privacy"
    assert describe_judgement(KB, pair, 1) == "Privacy and Cost equally important"


def test_all_equal_judgements_give_equal_weights_and_no_warning() -> None:
    result = ahp_result(default_codes())
    assert ahp_weights_dict(result) == pytest.approx(dict.fromkeys(CRITERIA, 0.2))
    assert result.consistency_ratio == pytest.approx(0, abs=1e-9)
    assert inconsistency(result) is None
    assert "Consistency ratio 0.00 (consistent enough" in consistency_sentence(result)


def consistent_codes() -> dict[str, int]:
    """Judgements from the weights 8:4:2:1:1 (exactly consistent on the 1-9 scale)."""
    points = {"modality": 8, "efficiency": 4, "accuracy": 2, "data_privacy": 1, "cost": 1}
    return {pair_key(p): judgement_code(points[p[0]] / points[p[1]]) for p in pairs()}


def test_consistent_judgements_give_the_implied_weights() -> None:
    result = ahp_result(consistent_codes())
    assert ahp_weights_dict(result) == pytest.approx(
        {
            "modality": 0.5,
            "efficiency": 0.25,
            "accuracy": 0.125,
            "data_privacy": 1 / 16,
            "cost": 1 / 16,
        }
    )
    assert inconsistency(result) is None


def test_one_slip_is_named_with_the_value_the_others_point_to() -> None:
    codes = consistent_codes()
    slip = pair_key(("modality", "efficiency"))
    assert codes[slip] == 2
    codes[slip] = -9  # "efficiency is 9x as important as modality": contradicts everything else
    result = ahp_result(codes)
    assert result.consistency_ratio > CR_WARNING_THRESHOLD
    found = inconsistency(result)
    assert found is not None
    assert found.pair == ("modality", "efficiency")
    assert found.given_code == -9
    assert found.suggested_code == 2
    sentence = inconsistency_sentence(KB, found)
    assert "Modality vs Efficiency" in sentence
    assert "Efficiency 9x as important as Modality" in sentence
    assert "Modality 2x as important as Efficiency" in sentence
    ratio = consistency_sentence(result)
    assert f"{result.consistency_ratio:.2f}" in ratio and "not consistent enough" in ratio
    assert f"RI(5) = {SAATY_RANDOM_INDEX[5]:.2f}" in ratio and "Saaty" in ratio


def test_results_match_the_engine() -> None:
    codes = consistent_codes()
    codes[pair_key(("accuracy", "cost"))] = -5
    judgements = {p: judgement_value(codes[pair_key(p)]) for p in pairs()}
    expected = ahp_from_judgements(judgements, CRITERIA)
    assert ahp_result(codes).weights == pytest.approx(expected.weights)


def test_ratio_never_reads_as_the_threshold_it_misses() -> None:
    assert ratio_text(0.0234) == "0.02"
    assert ratio_text(0.1004) == "0.1004"
    assert ratio_text(0.0996) == "0.0996"
    assert ratio_text(0.1) == "0.10"


def test_a_judgement_already_at_the_end_of_the_scale_gets_no_same_value_suggestion() -> None:
    nine = judgement_code(9.0)
    found = Inconsistency(("modality", "data_privacy"), nine, nine)
    sentence = inconsistency_sentence(KB, found)
    assert "even further that way than the scale goes" in sentence
    assert "point to" not in sentence
