"""AppTest of the weight and trust sections the recommendation page draws: what-if sliders and
radar, pairwise (AHP) weighting, robustness in words and as rank acceptability, the stability
sentences and chart, and head-to-head.

A small app (:func:`trust_app`) calls the views in the page's order, so these tests do not depend
on the rest of the page. Expected results come from the engine (``recommend``, ``analyse_trust``),
so the tests follow the knowledge base.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from support import TOSS_UP_FIELDS, add_sixth_criterion, open_page

from scoring.answers import Answers, parse_answers
from scoring.criteria import criterion_reason
from scoring.engine import Recommendation, recommend
from scoring.knowledge import DATA_DIR, default_knowledge_base
from scoring.trust import analyse_trust
from ui.common import state
from ui.questionnaire.form import PRIORITIES_TOGGLE, priority_key
from ui.trust import view as trust_view
from ui.trust.text import CERTAINTY_LEVELS, LABEL_TITLES, scores_sentence
from ui.weights.whatif import (
    ahp_result,
    ahp_weights_dict,
    importance_from_weights,
    judgement_code,
    pair_key,
    pairs,
    slider_key,
    weights_from_importance,
)

KB = default_knowledge_base()
CRITERIA = KB.criterion_ids
CLOSE = parse_answers(KB, TOSS_UP_FIELDS)
ONLY_OPTION = parse_answers(
    KB,
    {
        "output_modalities": ["audio"],
        "tasks": ["transcribe_speech", "speak_text"],
        "deployment": "must_be_on_premises",
        "budget": "moderate",
    },
)
NO_FIT = parse_answers(KB, {"output_modalities": ["3d"], "input_modalities": ["3d"]})


def trust_app(
    answers: dict,
    method: str = "wsm",
    normalization: str | None = None,
    custom: dict | None = None,
    data_dir: str | None = None,
) -> None:
    """The page's weight and trust sections, in its order, for one answer set (run as a script by
    AppTest, hence the imports inside and annotations that need no import)."""
    import streamlit as st

    from scoring.answers import parse_answers
    from scoring.knowledge import default_knowledge_base, load_knowledge_base
    from ui.common import state
    from ui.trust import head_to_head_view
    from ui.trust import view as trust_view
    from ui.trust.text import robustness_verdict
    from ui.weights import ahp_view, whatif_view

    kb = load_knowledge_base(data_dir) if data_dir else default_knowledge_base()
    if "seeded" not in st.session_state:
        st.session_state["seeded"] = True
        state.set_custom_weights(custom)
    rec, base = whatif_view.recommendations(kb, parse_answers(kb, answers), method, normalization)
    trust = trust_view.analysis(kb, rec)
    st.metric("How sure", robustness_verdict(rec, trust).title)
    st.metric("Top", rec.top.option)
    whatif_view.custom_note(kb, rec, base)
    whatif_view.section(kb, rec, base)
    ahp_view.pairwise(kb)
    trust_view.robustness(kb, rec, trust)
    trust_view.stability(kb, rec, trust)
    head_to_head_view.section(kb, rec)


def open_app(
    answers: Answers = CLOSE,
    method: str = "wsm",
    custom: dict[str, float] | None = None,
    data_dir: Path | None = None,
) -> AppTest:
    at = AppTest.from_function(
        trust_app,
        default_timeout=60,
        args=(json.loads(json.dumps(answers.to_dict())), method, None, custom),
        kwargs={"data_dir": str(data_dir) if data_dir else None},
    )
    at.run()
    assert not at.exception, at.exception
    return at


def unescape(markdown: str) -> str:
    """The text a person reads: bold markers dropped, ``ui.common.text.md`` escapes undone."""
    return re.sub(r"\\(.)", r"\1", re.sub(r"(?<!\\)\*\*", "", markdown))


def texts(at: AppTest, *kinds: str) -> list[str]:
    kinds = kinds or ("markdown", "caption", "success", "info", "warning", "error")
    return [unescape(element.value) for kind in kinds for element in at.get(kind)]


def metric(at: AppTest, label: str) -> str:
    return {m.label: m.value for m in at.metric}[label]


def charts(at: AppTest) -> dict[str, dict[str, Any]]:
    return {
        chart.proto.id.rsplit("-", 1)[-1]: json.loads(chart.proto.spec)
        for chart in at.get("plotly_chart")
    }


def assert_drawn_with_title(spec: dict[str, Any]) -> None:
    """Every trace of a figure has data, and the figure has a title."""
    assert spec["layout"]["title"]["text"], "chart without a title"
    assert spec["data"], "no traces"
    for trace in spec["data"]:
        values = trace.get("x") or trace.get("r") or []
        assert len(values) > 0, f"trace {trace.get('name')!r} without data"


def slider_positions(at: AppTest) -> dict[str, int]:
    return {c: at.slider(key=slider_key(c)).value for c in CRITERIA}


def move(at: AppTest, criterion: str, value: int) -> AppTest:
    at.slider(key=slider_key(criterion)).set_value(value).run()
    assert not at.exception, at.exception
    return at


def whatif_rec(answers: Answers, importance: dict[str, float], method: str = "wsm"):
    return recommend(KB, answers, method, weights=weights_from_importance(importance))


def changing_move(answers: Answers, method: str = "wsm") -> tuple[str, Recommendation]:
    """A criterion whose slider at 100 changes the top solution, and the recommendation then."""
    base = recommend(KB, answers, method)
    positions = importance_from_weights(base.weights)
    for criterion in CRITERIA:
        moved = whatif_rec(answers, {**positions, criterion: 100}, method)
        if moved.top.option != base.top.option:
            return criterion, moved
    raise AssertionError("no slider at 100 changes the recommendation of this business")


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    trust_view._cached_analysis.clear()


# --- robustness -------------------------------------------------------------------------------------


def test_a_close_call_says_how_sure_in_words_and_charts_the_top_solutions() -> None:
    rec = recommend(KB, CLOSE)
    trust = analyse_trust(rec)
    at = open_app()
    title = LABEL_TITLES[trust.label]
    assert metric(at, "How sure") == title
    verdict = next(t for t in texts(at, "success", "info", "warning") if t.startswith(f"{title}. "))
    assert f"{rec.top.label} comes out on top in " in verdict
    assert "plausible weightings and scores" in verdict
    shown = " ".join(texts(at, "caption"))
    assert "at least 80 %" in shown and "Toss-up: in under 50 %" in shown
    assert scores_sentence() in shown
    spec = charts(at)["rank_acceptability"]
    assert_drawn_with_title(spec)
    rows = [y.replace("<br>", " ") for y in spec["data"][0]["y"]]  # labels wrapped for a phone
    assert rows == [f"{r.rank}. {r.label}" for r in rec.qualifying[: len(rows)]]
    assert 2 <= len(rows) <= 5 < len(rec.ranking)
    first = dict(zip(rows, spec["data"][0]["x"], strict=True))
    assert first[f"1. {rec.top.label}"] == pytest.approx(100 * trust.robustness.top_share)
    table = next(d.value for d in at.dataframe if "1st" in d.value.columns)
    assert list(table.index) == rows


def test_being_surer_narrows_the_samples() -> None:
    rec = recommend(KB, CLOSE)
    very_sure = analyse_trust(rec, concentration=CERTAINTY_LEVELS["Very sure"])
    at = open_app()
    control = at.select_slider(key=trust_view.CERTAINTY_KEY)
    assert control.label == "How sure are you of your weights?"
    assert control.value == "Fairly sure"
    control.set_value("Very sure").run()
    assert not at.exception
    assert metric(at, "How sure") == LABEL_TITLES[very_sure.label]
    assert any("concentration 200" in c for c in texts(at, "caption"))


def test_the_only_qualifying_solution_is_said_so_without_a_label() -> None:
    rec = recommend(KB, ONLY_OPTION)
    assert rec.outcome == "only_option"
    at = open_app(ONLY_OPTION)
    assert metric(at, "How sure") == "Only option"
    boxes = " ".join(texts(at, "success", "info", "warning"))
    assert f"{rec.top.label} is the only solution that meets your requirements" in boxes
    for label in ("Robust.", "Leaning.", "Toss-up."):
        assert label not in boxes
    assert "rank_acceptability" not in charts(at) and "stability" not in charts(at)
    assert not [s for s in at.select_slider if s.key == trust_view.CERTAINTY_KEY]
    assert any(m.startswith("No weight can change the advice") for m in texts(at, "markdown"))


def test_no_fit_never_says_adopt_and_has_nothing_to_be_sure_about() -> None:
    rec = recommend(KB, NO_FIT)
    assert rec.outcome == "no_fit"
    at = open_app(NO_FIT)
    assert metric(at, "How sure") == "No fit"
    shown = texts(at)
    assert not [t for t in shown if "Adopt" in t], [t for t in shown if "Adopt" in t]
    assert any("nothing qualifying to be sure about" in t for t in texts(at, "warning"))
    assert any("nearest: " + rec.top.label in t for t in texts(at, "markdown"))
    assert "rank_acceptability" not in charts(at) and "stability" not in charts(at)


# --- stability --------------------------------------------------------------------------------------


def test_stability_sentences_and_chart() -> None:
    rec = recommend(KB, CLOSE)
    trust = analyse_trust(rec)
    at = open_app()
    shown = " ".join(texts(at, "markdown"))
    for sentence in trust.sentences:
        assert sentence in shown
    spec = charts(at)["stability"]
    assert_drawn_with_title(spec)
    holds = next(t for t in spec["data"] if t["name"] == "Recommendation holds")
    assert holds["base"] == pytest.approx([100 * iv.low for iv in trust.intervals])


# --- what-if sliders --------------------------------------------------------------------------------


def test_sliders_start_at_the_answers_weights_and_reset_is_off() -> None:
    rec = recommend(KB, CLOSE)
    at = open_app()
    assert slider_positions(at) == importance_from_weights(rec.weights)
    assert [s.label for s in at.slider if s.key.startswith("whatif_")] == [
        c.name for c in KB.criteria
    ]
    assert at.button(key="whatif_reset").disabled
    assert not [i for i in texts(at, "info") if i.startswith("What-if weights are on")]
    weights = next(c for c in texts(at, "caption") if c.startswith("Resulting weights: "))
    assert weights.endswith("(from your answers)")
    assert f"{KB.criterion(CRITERIA[0]).short} {round(100 * rec.weights[CRITERIA[0]])} %" in weights
    assert metric(at, "Top") == rec.top.option


def test_moving_a_slider_changes_the_top_solution_and_the_radar() -> None:
    criterion, expected = changing_move(CLOSE)
    at = move(open_app(), criterion, 100)
    assert metric(at, "Top") == expected.top.option
    assert any(
        m.startswith(f"With these what-if weights: Adopt {expected.top.label}")
        for m in texts(at, "markdown")
    )
    assert any(i.startswith("What-if weights are on") for i in texts(at, "info"))
    assert state.WEIGHTS in at.session_state and at.session_state[state.WEIGHTS][criterion] == 100
    radar = charts(at)["radar_top"]
    assert_drawn_with_title(radar)
    needs = radar["data"][-1]
    assert needs["name"].startswith("Your what-if weights")
    assert needs["r"][CRITERIA.index(criterion)] == pytest.approx(100)
    table = next(d.value for d in at.dataframe if "Your weight (%)" in d.value.columns)
    assert table["Your weight (%)"].tolist() == pytest.approx(
        [round(100 * expected.weights[c], 1) for c in CRITERIA]
    )
    assert not at.button(key="whatif_reset").disabled


def test_reset_restores_the_answers_weights() -> None:
    base = recommend(KB, CLOSE)
    criterion, _ = changing_move(CLOSE)
    at = move(open_app(), criterion, 100)
    at.button(key="whatif_reset").click().run()
    assert not at.exception
    assert metric(at, "Top") == base.top.option
    assert slider_positions(at) == importance_from_weights(base.weights)
    assert at.session_state[state.WEIGHTS] is None
    assert at.button(key="whatif_reset").disabled


def test_moving_a_slider_back_drops_the_what_if() -> None:
    base = recommend(KB, CLOSE)
    criterion = CRITERIA[-1]
    start = importance_from_weights(base.weights)[criterion]
    at = move(open_app(), criterion, 60 if start != 60 else 70)
    assert at.session_state[state.WEIGHTS] is not None
    move(at, criterion, start)
    assert at.session_state[state.WEIGHTS] is None
    assert metric(at, "Top") == base.top.option


def test_all_zero_sliders_warn_and_keep_the_answers_weights() -> None:
    at = open_app()
    for criterion in CRITERIA:
        move(at, criterion, 0)
    assert any("Every what-if weight is 0" in w for w in texts(at, "warning"))
    assert metric(at, "Top") == recommend(KB, CLOSE).top.option
    assert not at.button(key="whatif_reset").disabled


def test_what_if_under_topsis() -> None:
    criterion, expected = changing_move(CLOSE, "topsis")
    at = move(open_app(method="topsis"), criterion, 100)
    assert metric(at, "Top") == expected.top.option
    assert any("use TOPSIS with vector normalisation" in c for c in texts(at, "caption"))


def test_what_if_weights_set_elsewhere_are_restored() -> None:
    weights = {c: float(10 * (k + 1)) for k, c in enumerate(CRITERIA)}
    expected = whatif_rec(CLOSE, weights)
    at = open_app(custom=weights)
    assert metric(at, "Top") == expected.top.option
    assert slider_positions(at) == weights
    note = next(i for i in texts(at, "info") if i.startswith("What-if weights are on: "))
    first = KB.criterion(CRITERIA[0]).short
    assert f"{first} {round(100 * expected.weights[CRITERIA[0]])} %" in note


# --- pairwise weighting (AHP) -----------------------------------------------------------------------


def pair_on_screen(at: AppTest) -> tuple[int, int]:
    """(number, count) of the pair the AHP section shows, from its "Pair N of M" caption."""
    caption = next(c.value for c in at.caption if c.value.startswith("Pair "))
    number, count = re.match(r"Pair (\d+) of (\d+)", caption).groups()
    return int(number), int(count)


def go_to_pair(at: AppTest, number: int) -> AppTest:
    """Step with "Previous pair" and "Next pair" until pair ``number`` (1-based) is on screen."""
    while (current := pair_on_screen(at)[0]) != number:
        at.button(key="ahp_next" if current < number else "ahp_previous").click().run()
        assert not at.exception, at.exception
    return at


def set_judgements(at: AppTest, codes: dict[str, int]) -> AppTest:
    """Answer pairs one at a time as a person does: go to the pair, choose an answer."""
    for number, pair in enumerate(pairs(KB), start=1):
        if pair_key(pair) in codes:
            go_to_pair(at, number)
            at.radio(key=pair_key(pair)).set_value(codes[pair_key(pair)]).run()
            assert not at.exception, at.exception
    return at


def weights_shown(at: AppTest, kinds: tuple[str, ...] = ("markdown", "caption")) -> list[str]:
    """Every "Resulting weights: ..." the page shows, without what follows the percentages."""
    return [
        re.sub(r" \(.*\)$", "", t) for t in texts(at, *kinds) if t.startswith("Resulting weights: ")
    ]


POINTS = {c: 1 for c in CRITERIA} | {CRITERIA[-2]: 9, CRITERIA[0]: 3}
"""Importances whose ratios are all on Saaty's worded scale (1, 3, 9), so the pairs can say them."""


def consistent_codes(points: dict[str, int]) -> dict[str, int]:
    return {pair_key(p): judgement_code(points[p[0]] / points[p[1]]) for p in pairs(KB)}


def test_pairs_come_one_at_a_time_naming_both_criteria_unanswered_until_chosen() -> None:
    at = open_app()
    assert pair_on_screen(at) == (1, len(pairs(KB)))
    assert [r.key for r in at.radio if r.key.startswith("ahp_")] == [pair_key(pairs(KB)[0])]
    first, second = (KB.criterion(c) for c in pairs(KB)[0])
    question = at.radio(key=pair_key(pairs(KB)[0]))
    assert question.value is None, "untouched is unanswered, not equal"
    assert question.label.startswith(f"{first.short} or {second.short}: which matters more")
    assert first.definition in question.help and second.definition in question.help
    assert question.options[0].startswith(first.short) and question.options[-1].startswith(
        second.short
    ), "the first criterion at one end of the scale, the second at the other"
    assert "Both matter equally" in question.options
    assert at.button(key="ahp_previous").disabled and not at.button(key="ahp_next").disabled
    assert "ahp_apply" not in [b.key for b in at.button], "nothing to apply yet"


def test_consistency_and_weights_are_hidden_until_every_pair_is_answered() -> None:
    codes = consistent_codes(POINTS)
    last = pair_key(pairs(KB)[-1])
    at = set_judgements(open_app(), {k: v for k, v in codes.items() if k != last})
    assert not any("Consistency ratio" in t for t in texts(at)), "one pair still unanswered"
    assert not weights_shown(at, ("markdown",))
    assert "ahp_apply" not in [b.key for b in at.button]
    waiting = next(i for i in texts(at, "info") if i.startswith("The weights and the consistency"))
    a, b = (KB.criterion(c).short for c in pairs(KB)[-1])
    assert f"pair {len(pairs(KB))} ({a} or {b})" in waiting
    assert at.session_state[state.JUDGEMENTS] == {k: v for k, v in codes.items() if k != last}
    # Answered "equal" on every pair but one is still not a complete set.
    at = set_judgements(open_app(), {k: 1 for k in codes if k != last})
    assert not any("Consistency ratio" in t for t in texts(at))
    at = set_judgements(at, {last: 1})
    assert any("Consistency ratio 0.00 (consistent enough" in c for c in texts(at, "caption"))


def test_pairwise_comparisons_give_weights_in_percent_and_apply_them() -> None:
    at = open_app()
    codes = consistent_codes(POINTS)
    set_judgements(at, codes)
    weights = ahp_weights_dict(KB, ahp_result(KB, codes))
    total = sum(POINTS.values())
    assert weights[CRITERIA[-2]] == pytest.approx(9 / total)
    heavy = KB.criterion(CRITERIA[-2]).short
    shown = weights_shown(at, ("markdown",))
    assert len(shown) == 1 and f"{heavy} {round(100 * 9 / total)} %" in shown[0]
    assert any("Consistency ratio 0.00 (consistent enough" in c for c in texts(at, "caption"))

    at.button(key="ahp_apply").click().run()
    assert not at.exception
    applied = importance_from_weights(weights)
    assert slider_positions(at) == applied
    assert metric(at, "Top") == whatif_rec(CLOSE, applied).top.option


def test_inconsistent_comparisons_warn_and_point_at_the_bad_pair() -> None:
    points = {c: 1 for c in CRITERIA} | {CRITERIA[0]: 9, CRITERIA[1]: 3}
    codes = consistent_codes(points)
    codes[pair_key((CRITERIA[0], CRITERIA[1]))] = -9
    at = set_judgements(open_app(), codes)
    result = ahp_result(KB, codes)
    warning = " ".join(w for w in texts(at, "warning") if "Consistency ratio" in w)
    assert f"Consistency ratio {result.consistency_ratio:.2f} (not consistent enough" in warning
    first, second = (KB.criterion(c).short for c in CRITERIA[:2])
    assert f"{first} vs {second}" in warning
    assert f"you said {second} 9x as important as {first}" in warning
    assert f"point to {first} 3x as important as {second}" in warning
    at.button(key="ahp_revisit").click().run()
    assert pair_on_screen(at)[0] == 1, "the button opens the pair to revisit"
    assert at.radio(key=pair_key((CRITERIA[0], CRITERIA[1]))).value == -9


def test_the_same_weights_read_the_same_in_percent_in_all_three_places() -> None:
    """The questionnaire's 1-5 priorities, the 0-100 what-if sliders and the 1-9 pairs."""
    levels = {c: 1 for c in CRITERIA} | {CRITERIA[2]: 3}  # ratios 3 and 1: on every scale
    questionnaire = open_page("questionnaire")
    while not [t for t in questionnaire.toggle if t.key == PRIORITIES_TOGGLE]:
        questionnaire.button(key="nav_next").click().run()
    questionnaire.toggle(key=PRIORITIES_TOGGLE).set_value(True).run()
    for criterion, level in levels.items():
        questionnaire.slider(key=priority_key(criterion)).set_value(level).run()
    assert not questionnaire.exception
    from_priorities = weights_shown(questionnaire)
    assert len(from_priorities) == 1

    own = parse_answers(KB, {**TOSS_UP_FIELDS, "priorities": levels})
    engine = recommend(KB, own).weights
    assert engine[CRITERIA[2]] == pytest.approx(3 / 7)
    at = open_app(own)
    from_sliders = weights_shown(at, ("caption",))
    set_judgements(at, consistent_codes(levels))
    from_pairs = weights_shown(at, ("markdown",))
    expected = "Resulting weights: " + ", ".join(
        f"{KB.criterion(c).short} {round(100 * engine[c])} %" for c in CRITERIA
    )
    assert from_priorities == from_sliders == from_pairs == [expected]

    at = open_app(CLOSE, custom={c: 10.0 * v for c, v in levels.items()})  # what-if 30, 10, ...
    assert weights_shown(at, ("caption",)) == [expected]


# --- head-to-head -----------------------------------------------------------------------------------


def test_head_to_head_defaults_to_the_top_two_and_follows_the_choice() -> None:
    rec = recommend(KB, CLOSE)
    at = open_app()
    assert at.selectbox(key="h2h_a").value == rec.top.option
    assert at.selectbox(key="h2h_b").value == rec.runner_up.option
    rival = rec.ranking[-1]
    at.selectbox(key="h2h_b").set_value(rival.option).run()
    assert not at.exception
    shown = " ".join(texts(at, "markdown"))
    assert f"Why {rec.top.label} rather than {rival.label}?" in shown
    spec = charts(at)["head_to_head"]
    assert_drawn_with_title(spec)
    assert sum(x for t in spec["data"] for x in t["x"]) == pytest.approx(
        rec.top.score - rival.score
    )
    table = next(d.value for d in at.dataframe if "Lead points" in d.value.columns)
    assert rival.label in table.columns and rec.top.label in table.columns
    reasons = next(e for e in at.expander if e.label.startswith("The reasons"))
    text = unescape(" ".join(m.value for m in reasons.markdown))
    for criterion in CRITERIA:
        assert criterion_reason(KB, rival.components, criterion).strip() in text
    assert "(Sources: " in text


def test_head_to_head_follows_the_top_solution_until_the_person_picks_a_pair() -> None:
    criterion, expected = changing_move(CLOSE)
    at = move(open_app(), criterion, 100)
    assert at.selectbox(key="h2h_a").value == expected.top.option
    assert at.selectbox(key="h2h_b").value == expected.runner_up.option
    picked = expected.ranking[-1].option
    at.selectbox(key="h2h_b").set_value(picked).run()
    move(at, criterion, 0)
    assert at.selectbox(key="h2h_a").value == expected.top.option, "a picked pair stays"
    assert at.selectbox(key="h2h_b").value == picked


def test_head_to_head_says_when_a_solution_fails_a_requirement() -> None:
    rec = recommend(KB, CLOSE)
    failing = next(r for r in rec.ranking if not r.meets_requirements)
    at = open_app()
    at.selectbox(key="h2h_b").set_value(failing.option).run()
    shown = " ".join(texts(at, "markdown"))
    assert f"{failing.label} does not meet every requirement: {failing.unmet_sentences[0]}" in shown


def test_head_to_head_of_a_solution_with_itself_asks_for_two() -> None:
    at = open_app()
    at.selectbox(key="h2h_b").set_value(at.selectbox(key="h2h_a").value).run()
    assert not at.exception
    assert any("Pick two different solutions" in i for i in texts(at, "info"))
    assert "head_to_head" not in charts(at)


# --- the analysis is computed once per input --------------------------------------------------------


def test_the_analysis_is_cached_on_method_weights_answers_and_certainty(monkeypatch) -> None:
    calls: list[str] = []

    def counting(rec, **kwargs):
        calls.append(rec.method)
        return analyse_trust(rec, **kwargs)

    monkeypatch.setattr(trust_view, "analyse_trust", counting)
    at = open_app()
    assert len(calls) == 1
    at.run()  # a rerun with the same inputs
    assert len(calls) == 1
    move(at, CRITERIA[0], 90)  # other weights
    assert len(calls) == 2
    at.select_slider(key=trust_view.CERTAINTY_KEY).set_value("Very sure").run()
    assert len(calls) == 3
    open_app(method="topsis")
    assert calls[-1] == "topsis"


# --- another knowledge base's criteria --------------------------------------------------------------


def test_a_sixth_criterion_gets_its_slider_pairs_and_stability_row(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    add_sixth_criterion(data)
    at = open_app(data_dir=data)
    sliders = [s for s in at.slider if s.key.startswith("whatif_")]
    assert len(sliders) == 6 and sliders[-1].label == "Explainability"
    assert pair_on_screen(at) == (1, 15)
    stability = charts(at)["stability"]["data"]
    holds = next(t for t in stability if t["name"] == "Recommendation holds")
    assert len(holds["y"]) == 6 and holds["y"][-1].startswith("Explainability: ")
