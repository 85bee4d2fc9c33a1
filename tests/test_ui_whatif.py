"""What-if weights and pairwise weighting helpers (ui/weights/whatif.py), pure.

The criteria always come from the knowledge base: a copy with a sixth criterion gets a sixth
slider and five more pairs."""

from __future__ import annotations

from itertools import combinations

import pytest
from support import NO_FIT_FIELDS, ONLY_OPTION_FIELDS, TOSS_UP_FIELDS

from scoring.ahp import CR_WARNING_THRESHOLD, SAATY_RANDOM_INDEX, ahp_from_judgements
from scoring.answers import default_answers, parse_answers
from scoring.engine import Recommendation, recommend
from scoring.knowledge import KnowledgeBase, default_knowledge_base
from ui.recommendation.selection import shown_solutions
from ui.weights.whatif import (
    ANCHOR_CODES,
    JUDGEMENT_CODES,
    RADAR_SOLUTIONS,
    WEIGHT_COLUMN,
    Inconsistency,
    advice,
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
    option_label,
    outcome_line,
    pair_key,
    pair_options,
    pairs,
    radar_frame,
    ratio_text,
    slider_key,
    slider_positions,
    unanswered,
    weights_from_importance,
    weights_line,
    weights_sentence,
)

KB = default_knowledge_base()
CRITERIA = KB.criterion_ids


def rec_for(fields: dict, **kwargs) -> Recommendation:
    return recommend(KB, parse_answers(KB, fields), **kwargs)


def test_slider_keys_follow_the_contract() -> None:
    assert [slider_key(c) for c in CRITERIA] == [f"whatif_{c}" for c in CRITERIA]


def test_importance_and_weights() -> None:
    rec = recommend(KB, default_answers(KB))
    positions = importance_from_weights(rec.weights)
    assert list(positions) == list(CRITERIA)
    assert all(isinstance(v, int) and 0 <= v <= 100 for v in positions.values())
    assert positions == {c: round(100 * rec.weights[c]) for c in CRITERIA}
    weights = weights_from_importance(positions)
    assert weights is not None and sum(weights.values()) == pytest.approx(1)
    assert weights == pytest.approx(rec.weights, abs=0.01)
    assert weights_from_importance(dict.fromkeys(CRITERIA, 0)) is None
    assert weights_from_importance(dict.fromkeys(CRITERIA, 7)) == pytest.approx(
        dict.fromkeys(CRITERIA, 1 / len(CRITERIA))
    )


def test_slider_positions_are_whole_numbers_within_range() -> None:
    importance = {**dict.fromkeys(CRITERIA, 12.6), CRITERIA[-1]: 140.0, CRITERIA[0]: -3.0}
    assert slider_positions(importance) == {
        **dict.fromkeys(CRITERIA, 13),
        CRITERIA[-1]: 100,
        CRITERIA[0]: 0,
    }


def test_weights_line_names_every_criterion_in_percent() -> None:
    line = weights_line(KB, dict.fromkeys(CRITERIA, 0.2))
    assert line == ", ".join(f"{KB.criterion(c).short} 20 %" for c in CRITERIA)


def test_a_sixth_criterion_gets_its_weight_and_its_pairs(six: KnowledgeBase) -> None:
    rec = recommend(six, parse_answers(six, TOSS_UP_FIELDS))
    assert list(importance_from_weights(rec.weights)) == list(six.criterion_ids)
    assert "Explain" in weights_line(six, rec.weights)
    assert len(pairs(six)) == 15 and pairs(six)[-1] == ("cost", "explainability")
    result = ahp_result(six, default_codes(six))
    assert ahp_weights_dict(six, result) == pytest.approx(dict.fromkeys(six.criterion_ids, 1 / 6))
    assert "RI(6) = 1.25" in consistency_sentence(result)
    assert list(radar_frame(six, rec).index) == [c.name for c in six.criteria]


# --- the advice in words --------------------------------------------------------------------------


def test_advice_and_outcome_line_follow_the_outcome() -> None:
    rec = rec_for(TOSS_UP_FIELDS)
    assert rec.outcome == "recommend"
    assert advice(rec) == f"Adopt {rec.top.label}"
    line = outcome_line(rec)
    assert line.startswith(f"With the weights from your answers: Adopt {rec.top.label} (score ")
    assert f"points ahead of {rec.runner_up.label}" in line

    only = rec_for(ONLY_OPTION_FIELDS)
    assert only.outcome == "only_option"
    assert advice(only) == f"{only.top.label}, the only solution that meets your requirements"
    assert "ahead of" not in outcome_line(only)

    none = rec_for(NO_FIT_FIELDS)
    assert none.outcome == "no_fit"
    assert "Adopt" not in advice(none) and "Adopt" not in outcome_line(none)
    assert advice(none) == f"nothing meets every requirement; nearest: {none.top.label}"


def test_outcome_line_says_when_the_weights_are_what_if() -> None:
    answers = parse_answers(KB, TOSS_UP_FIELDS)
    rec = recommend(KB, answers, weights=dict.fromkeys(CRITERIA, 1.0))
    assert outcome_line(rec).startswith("With these what-if weights: ")


def test_radar_frame_is_the_radar_in_numbers() -> None:
    rec = rec_for(TOSS_UP_FIELDS)
    frame = radar_frame(KB, rec)
    shown = shown_solutions(rec, RADAR_SOLUTIONS)
    assert list(frame.index) == [c.name for c in KB.criteria]
    assert list(frame.columns) == [WEIGHT_COLUMN, *(f"{r.rank}. {r.label}" for r in shown)]
    assert frame[WEIGHT_COLUMN].tolist() == pytest.approx(
        [100 * rec.weights[c] for c in CRITERIA], abs=0.05
    )
    assert frame[f"1. {rec.top.label}"].tolist() == pytest.approx(
        [rec.top.criteria[c] for c in CRITERIA], abs=0.05
    )


# --- pairwise -------------------------------------------------------------------------------------


def test_pairs_in_the_matrix_order() -> None:
    assert pairs(KB) == tuple(combinations(CRITERIA, 2))
    assert len({pair_key(p) for p in pairs(KB)}) == len(pairs(KB))
    assert pair_key(("data_privacy", "cost")) == "ahp_data_privacy__cost"


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


def test_a_pair_offers_the_worded_scale_from_one_criterion_to_the_other() -> None:
    pair = ("data_privacy", "cost")
    assert ANCHOR_CODES == (9, 7, 5, 3, 1, -3, -5, -7, -9)
    labels = [option_label(KB, pair, code) for code in pair_options(None)]
    assert labels[0] == "Privacy matters extremely more (9x)"
    assert labels[3] == "Privacy matters moderately more (3x)"
    assert labels[4] == "Both matter equally"
    assert labels[-1] == "Cost matters extremely more (9x)"
    assert pair_options(5) == ANCHOR_CODES
    # An in-between value a link carries is offered in its place, so it shows and survives.
    assert pair_options(-4) == (9, 7, 5, 3, 1, -3, -4, -5, -7, -9)
    assert option_label(KB, pair, -4) == "Cost matters more, 4x (between moderately and strongly)"


def test_an_unanswered_pair_is_not_equal_and_gives_no_weights() -> None:
    codes = default_codes(KB)
    last = pairs(KB)[-1]
    del codes[pair_key(last)]
    assert unanswered(KB, codes) == (last,)
    assert unanswered(KB, {}) == pairs(KB)
    with pytest.raises(ValueError, match=r"1 pairs are not answered yet: Privacy vs Cost"):
        ahp_result(KB, codes)


def test_the_weights_sentence_is_the_weights_line_after_one_wording() -> None:
    weights = dict.fromkeys(CRITERIA, 0.2)
    assert weights_sentence(KB, weights) == f"Resulting weights: {weights_line(KB, weights)}"


def test_all_equal_judgements_give_equal_weights_and_no_warning() -> None:
    result = ahp_result(KB, default_codes(KB))
    assert ahp_weights_dict(KB, result) == pytest.approx(dict.fromkeys(CRITERIA, 1 / 5))
    assert result.consistency_ratio == pytest.approx(0, abs=1e-9)
    assert inconsistency(KB, result) is None
    assert "Consistency ratio 0.00 (consistent enough" in consistency_sentence(result)


POINTS = {"modality": 8, "efficiency": 4, "accuracy": 2, "data_privacy": 1, "cost": 1}


def consistent_codes() -> dict[str, int]:
    """Judgements from the weights 8:4:2:1:1 (exactly consistent on the 1-9 scale)."""
    return {pair_key(p): judgement_code(POINTS[p[0]] / POINTS[p[1]]) for p in pairs(KB)}


def test_consistent_judgements_give_the_implied_weights() -> None:
    result = ahp_result(KB, consistent_codes())
    assert ahp_weights_dict(KB, result) == pytest.approx({c: p / 16 for c, p in POINTS.items()})
    assert inconsistency(KB, result) is None


def test_one_slip_is_named_with_the_value_the_others_point_to() -> None:
    codes = consistent_codes()
    slip = pair_key(("modality", "efficiency"))
    assert codes[slip] == 2
    codes[slip] = -9  # "efficiency is 9x as important as modality": contradicts everything else
    result = ahp_result(KB, codes)
    assert result.consistency_ratio > CR_WARNING_THRESHOLD
    found = inconsistency(KB, result)
    assert found == Inconsistency(("modality", "efficiency"), -9, 2)
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
    judgements = {p: judgement_value(codes[pair_key(p)]) for p in pairs(KB)}
    expected = ahp_from_judgements(judgements, list(CRITERIA))
    assert ahp_result(KB, codes).weights == pytest.approx(expected.weights)


def test_ratio_never_reads_as_the_threshold_it_misses() -> None:
    assert ratio_text(0.0234) == "0.02"
    assert ratio_text(0.1004) == "0.1004"
    assert ratio_text(0.0996) == "0.0996"
    assert ratio_text(0.1) == "0.10"


def test_a_judgement_already_at_the_end_of_the_scale_gets_no_same_value_suggestion() -> None:
    nine = judgement_code(9.0)
    sentence = inconsistency_sentence(KB, Inconsistency(("modality", "data_privacy"), nine, nine))
    assert "even further that way than the scale goes" in sentence
    assert "point to" not in sentence
