"""AppTest of the recommendation page's trust sections: robustness in words, stability sentences
and chart, what-if weight sliders, pairwise (AHP) weighting, head-to-head, the shareable link and
the CSV report. Expected results come from the engine (``recommend``, ``analyse_trust``), so the
tests follow the knowledge base."""

from __future__ import annotations

import io
import itertools
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from business_cases import TOSS_UP_FIELDS
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from scoring.answers import Answers, default_answers, parse_answers
from scoring.engine import Recommendation, recommend
from scoring.head_to_head import head_to_head
from scoring.knowledge_base import CRITERIA, default_knowledge_base
from scoring.report import ENCODING
from scoring.trust import analyse_trust
from ui.links import encode_query, format_weights
from ui.trust_text import CERTAINTY_LEVELS
from ui.whatif import (
    ahp_result,
    ahp_weights_dict,
    importance_from_weights,
    judgement_code,
    pair_key,
    pairs,
    slider_key,
    weights_from_importance,
)

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "pages" / "recommendation.py"
APP = ROOT / "app.py"
KB = default_knowledge_base()
DEFAULTS = default_answers(KB)
TOSS_UP = parse_answers(KB, TOSS_UP_FIELDS)


def unescape(markdown: str) -> str:
    """The text a person reads: bold markers dropped, ``ui.text.md`` escapes undone."""
    return re.sub(r"\\(.)", r"\1", re.sub(r"(?<!\\)\*\*", "", markdown))


def open_page(
    answers: Answers | None = None,
    method: str = "wsm",
    weights: dict[str, float] | None = None,
    query: dict[str, str] | None = None,
) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    if answers is not None:
        at.query_params = encode_query(answers.to_dict(), method, "vector", weights)  # type: ignore[arg-type]
    if query is not None:
        at.query_params = dict(query)
    at.run()
    assert not at.exception, at.exception
    return at


def adopt_heading(at: AppTest) -> str:
    headings = [unescape(h.value) for h in at.header if h.value.startswith("Adopt: ")]
    assert len(headings) == 1, headings
    return headings[0]


def expected_heading(rec: Recommendation) -> str:
    return f"Adopt: {KB.option(rec.top.option).adopt}"


def ranking_options(at: AppTest) -> list[str]:
    return next(d.value for d in at.dataframe if "Option" in d.value.columns)["Option"].tolist()


def texts(at: AppTest, *kinds: str) -> list[str]:
    kinds = kinds or ("markdown", "caption", "success", "info", "warning", "error")
    return [unescape(element.value) for kind in kinds for element in at.get(kind)]


def charts(at: AppTest) -> dict[str, dict[str, Any]]:
    return {
        chart.proto.id.rsplit("-", 1)[-1]: json.loads(chart.proto.spec)
        for chart in at.get("plotly_chart")
    }


def assert_drawn_with_data(spec: dict[str, Any]) -> None:
    """Every trace of a figure has data (no empty chart sent to the browser)."""
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
    weights = weights_from_importance(importance)
    return recommend(KB, answers, method, weights=weights)  # type: ignore[arg-type]


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    captured: list[dict[str, Any]] = []
    original = MediaFileManager.add

    def add(self, path_or_data, mimetype, coordinates, file_name=None, **kwargs):
        captured.append({"data": path_or_data, "mimetype": mimetype})
        return original(self, path_or_data, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", add)
    return captured


def last_report(downloads: list[dict[str, Any]]) -> pd.DataFrame:
    data = [d["data"] for d in downloads if d["mimetype"] == "text/csv"][-1]
    return pd.read_csv(io.BytesIO(data), encoding=ENCODING, keep_default_na=False)


# --- robustness -------------------------------------------------------------------------------------


def test_robust_recommendation_says_so_in_words() -> None:
    rec = recommend(KB, DEFAULTS)
    trust = analyse_trust(KB, rec)
    assert trust.label == "robust"
    at = open_page(DEFAULTS)
    boxes = texts(at, "success")
    assert len(boxes) == 1
    assert boxes[0].startswith("Robust. ")
    assert f"{rec.top.label} comes out on top in " in boxes[0]
    assert f"{round(100 * trust.robustness.top_share)} %" in boxes[0]
    assert {m.label: m.value for m in at.metric}["How sure"] == "Robust"
    shown = " ".join(texts(at, "caption"))
    assert "at least 80 %" in shown and "Toss-up: in under 50 %" in shown


def test_toss_up_is_a_warning_and_being_surer_can_change_the_label() -> None:
    rec = recommend(KB, TOSS_UP)
    assert analyse_trust(KB, rec).label == "toss-up"
    very_sure = analyse_trust(KB, rec, concentration=CERTAINTY_LEVELS["Very sure"])
    at = open_page(TOSS_UP)
    assert any(w.startswith("Toss-up. ") for w in texts(at, "warning"))
    assert {m.label: m.value for m in at.metric}["How sure"] == "Toss-up"
    control = at.select_slider(key="trust_certainty")
    assert control.label == "How sure are you of your weights?"
    assert control.value == "Fairly sure"
    control.set_value("Very sure").run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["How sure"] == very_sure.label.capitalize()
    assert any("concentration 200" in c for c in texts(at, "caption"))


def test_rank_acceptability_chart_has_the_shares() -> None:
    rec = recommend(KB, TOSS_UP)
    trust = analyse_trust(KB, rec)
    spec = charts(open_page(TOSS_UP))["rank_acceptability"]
    assert_drawn_with_data(spec)
    first = spec["data"][0]
    assert first["name"] == "1st"
    shares = dict(zip(first["y"], first["x"], strict=True))
    assert shares[f"1. {rec.top.label}"] == pytest.approx(100 * trust.robustness.top_share)


# --- stability --------------------------------------------------------------------------------------


def test_stability_sentences_and_chart() -> None:
    rec = recommend(KB, TOSS_UP)
    trust = analyse_trust(KB, rec)
    at = open_page(TOSS_UP)
    shown = " ".join(texts(at, "markdown"))
    for sentence in trust.sentences:
        assert sentence in shown
    assert any("unless data privacy drops below" in s for s in trust.sentences)
    spec = charts(at)["stability"]
    assert_drawn_with_data(spec)
    holds = next(t for t in spec["data"] if t["name"] == "Recommendation holds")
    assert holds["base"] == pytest.approx([100 * iv.low for iv in trust.intervals])


# --- what-if sliders --------------------------------------------------------------------------------


def test_sliders_start_at_the_answers_weights_and_reset_is_off() -> None:
    rec = recommend(KB, DEFAULTS)
    at = open_page(DEFAULTS)
    assert slider_positions(at) == importance_from_weights(rec.weights)
    assert [s.label for s in at.slider if s.key.startswith("whatif_")] == [
        c.name for c in KB.criteria
    ]
    assert at.button(key="whatif_reset").disabled
    assert "weights" not in at.query_params
    assert not [i for i in texts(at, "info") if i.startswith("What-if weights are on")]


def test_moving_a_slider_changes_the_top_option_ranking_link_and_report(downloads) -> None:
    base = recommend(KB, DEFAULTS)
    positions = importance_from_weights(base.weights)
    moved = {**positions, "data_privacy": 100}
    expected = whatif_rec(DEFAULTS, moved)
    assert expected.top.option != base.top.option, "the move must change the recommendation"

    at = open_page(DEFAULTS)
    before = ranking_options(at)
    move(at, "data_privacy", 100)
    assert adopt_heading(at) == expected_heading(expected)
    assert ranking_options(at) == [r.label for r in expected.ranking]
    assert ranking_options(at) != before
    assert any(
        m.startswith("With these what-if weights: Adopt " + KB.option(expected.top.option).adopt)
        for m in texts(at, "markdown")
    )
    # The radar's needs trace follows the weights and says they are what-if weights.
    needs = charts(at)["radar_top"]["data"][-1]
    assert needs["name"].startswith("Your what-if weights")
    assert needs["r"][CRITERIA.index("data_privacy")] == pytest.approx(100)
    # Said everywhere the weights are shown: the note, the weights table, the link, the CSV.
    assert any(i.startswith("What-if weights are on") for i in texts(at, "info"))
    table = next(d.value for d in at.dataframe if "What-if weight (%)" in d.value.columns)
    assert table["What-if weight (%)"].tolist() == pytest.approx(
        [round(100 * expected.weights[c], 1) for c in CRITERIA]
    )
    assert at.query_params["weights"] == format_weights(moved)
    report = last_report(downloads)
    assert report["option"].tolist() == [r.option for r in expected.ranking]
    assert set(report["weights_source"]) == {"custom"}
    assert report.loc[0, "weight_data_privacy"] == pytest.approx(
        expected.weights["data_privacy"], abs=1e-6
    )


def test_reset_restores_the_answers_weights() -> None:
    base = recommend(KB, DEFAULTS)
    at = move(open_page(DEFAULTS), "data_privacy", 100)
    assert adopt_heading(at) != expected_heading(base)
    at.button(key="whatif_reset").click().run()
    assert not at.exception
    assert adopt_heading(at) == expected_heading(base)
    assert ranking_options(at) == [r.label for r in base.ranking]
    assert slider_positions(at) == importance_from_weights(base.weights)
    assert "weights" not in at.query_params
    assert at.button(key="whatif_reset").disabled


def test_moving_a_slider_back_drops_the_what_if() -> None:
    base = recommend(KB, DEFAULTS)
    start = importance_from_weights(base.weights)["cost"]
    at = move(open_page(DEFAULTS), "cost", 60)
    assert "weights" in at.query_params
    move(at, "cost", start)
    assert "weights" not in at.query_params
    assert adopt_heading(at) == expected_heading(base)


def test_all_zero_sliders_warn_and_keep_the_answers_weights() -> None:
    at = open_page(DEFAULTS)
    for criterion in CRITERIA:
        move(at, criterion, 0)
    assert any("Every what-if weight is 0" in w for w in texts(at, "warning"))
    assert adopt_heading(at) == expected_heading(recommend(KB, DEFAULTS))
    assert "weights" not in at.query_params, "a link must never carry unusable weights"
    assert not at.button(key="whatif_reset").disabled


def test_what_if_under_topsis() -> None:
    base = recommend(KB, DEFAULTS, "topsis")
    moved = {**importance_from_weights(base.weights), "data_privacy": 100}
    expected = whatif_rec(DEFAULTS, moved, "topsis")
    at = move(open_page(DEFAULTS, method="topsis"), "data_privacy", 100)
    assert adopt_heading(at) == expected_heading(expected)
    assert ranking_options(at) == [r.label for r in expected.ranking]
    assert any("use TOPSIS with vector normalisation" in c for c in texts(at, "caption"))


# --- the link ---------------------------------------------------------------------------------------


def test_custom_weights_in_the_link_are_restored(downloads) -> None:
    weights = {"modality": 10, "efficiency": 10, "accuracy": 50, "data_privacy": 20, "cost": 10}
    expected = whatif_rec(TOSS_UP, weights)
    at = open_page(TOSS_UP, weights=weights)
    assert not any("What-if weights" in w for w in texts(at, "warning"))
    assert adopt_heading(at) == expected_heading(expected)
    assert slider_positions(at) == weights
    assert any(i.startswith("What-if weights are on: Modality 10 %") for i in texts(at, "info"))
    assert not at.button(key="whatif_reset").disabled
    shared = [c.value for c in at.code if "weights=" in c.value]
    assert len(shared) == 1 and "weights=modality%3D10%3Befficiency%3D10" in shared[0]
    report = last_report(downloads)
    assert set(report["weights_source"]) == {"custom"}
    assert report.loc[0, "weight_accuracy"] == pytest.approx(0.5)


def test_a_bad_weights_parameter_warns_and_uses_the_answers_weights() -> None:
    query = encode_query(DEFAULTS.to_dict(), "wsm", "vector")
    at = open_page(query={**query, "weights": "modality=500;cost=x"})
    warning = " ".join(texts(at, "warning"))
    assert "What-if weights" in warning and "weights from the answers apply" in warning
    assert adopt_heading(at) == expected_heading(recommend(KB, DEFAULTS))
    assert "weights" not in at.query_params
    assert at.button(key="whatif_reset").disabled


def test_changing_an_answer_drops_the_what_if_weights() -> None:
    weights = {"modality": 10, "efficiency": 10, "accuracy": 50, "data_privacy": 20, "cost": 10}
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params = encode_query(DEFAULTS.to_dict(), "wsm", "vector", weights)
    at.run()
    assert at.query_params["weights"] == format_weights(weights)
    at.pills(key="q_output_modalities").set_value(["text", "image"]).run()
    assert not at.exception
    assert "weights" not in at.query_params


# --- pairwise weighting (AHP) -----------------------------------------------------------------------


def set_judgements(at: AppTest, codes: dict[str, int]) -> AppTest:
    for key, code in codes.items():
        at.select_slider(key=key).set_value(code)
    at.run()
    assert not at.exception, at.exception
    return at


def test_pairwise_comparisons_give_weights_and_apply_them() -> None:
    at = open_page(DEFAULTS)
    keys = [pair_key(p) for p in pairs()]
    assert len([s for s in at.select_slider if s.key in keys]) == 10
    points = {"modality": 1, "efficiency": 1, "accuracy": 2, "data_privacy": 8, "cost": 2}
    codes = {pair_key(p): judgement_code(points[p[0]] / points[p[1]]) for p in pairs()}
    set_judgements(at, codes)
    weights = ahp_weights_dict(ahp_result(codes))
    assert weights["data_privacy"] == pytest.approx(8 / 14)
    shown = " ".join(texts(at, "markdown"))
    assert "Weights from these comparisons: Modality 7 %" in shown and "Privacy 57 %" in shown
    assert not any("Consistency ratio" in w for w in texts(at, "warning"))
    assert any("Consistency ratio 0.00 (consistent enough" in c for c in texts(at, "caption"))

    at.button(key="ahp_apply").click().run()
    assert not at.exception
    applied = importance_from_weights(weights)
    assert slider_positions(at) == applied
    assert at.query_params["weights"] == format_weights(applied)
    assert adopt_heading(at) == expected_heading(whatif_rec(DEFAULTS, applied))


def test_inconsistent_comparisons_warn_and_point_at_the_bad_pair() -> None:
    points = {"modality": 8, "efficiency": 4, "accuracy": 2, "data_privacy": 1, "cost": 1}
    codes = {pair_key(p): judgement_code(points[p[0]] / points[p[1]]) for p in pairs()}
    codes[pair_key(("modality", "efficiency"))] = -9
    at = set_judgements(open_page(DEFAULTS), codes)
    result = ahp_result(codes)
    warning = " ".join(w for w in texts(at, "warning") if "Consistency ratio" in w)
    assert f"Consistency ratio {result.consistency_ratio:.2f} (not consistent enough" in warning
    assert "RI(5) = 1.11" in warning
    assert "Modality vs Efficiency" in warning
    assert "you said Efficiency 9x as important as Modality" in warning
    assert "point to Modality 2x as important as Efficiency" in warning


# --- head-to-head -----------------------------------------------------------------------------------


def test_head_to_head_defaults_to_the_top_two_and_follows_the_choice() -> None:
    rec = recommend(KB, DEFAULTS)
    at = open_page(DEFAULTS)
    assert at.selectbox(key="h2h_a").value == rec.top.option
    assert at.selectbox(key="h2h_b").value == rec.runner_up.option
    at.selectbox(key="h2h_b").set_value("image_generation").run()
    assert not at.exception
    shown = " ".join(texts(at, "markdown"))
    assert f"Why {rec.top.label} rather than Image generation?" in shown
    spec = charts(at)["head_to_head"]
    assert_drawn_with_data(spec)
    scores = {r.option: r.score for r in rec.ranking}
    lead = scores[rec.top.option] - scores["image_generation"]
    assert sum(x for t in spec["data"] for x in t["x"]) == pytest.approx(lead)
    table = next(d.value for d in at.dataframe if "Lead points" in d.value.columns)
    assert "Image generation" in table.columns
    reasons = next(e for e in at.expander if e.label.startswith("The reasons"))
    text = unescape(" ".join(m.value for m in reasons.markdown))
    image = KB.option("image_generation")
    assert image.scores.accuracy.rationale.strip() in text


def test_head_to_head_follows_the_top_option_until_the_person_picks_a_pair() -> None:
    base = recommend(KB, DEFAULTS)
    moved = {**importance_from_weights(base.weights), "data_privacy": 100}
    expected = whatif_rec(DEFAULTS, moved)
    assert expected.top.option != base.top.option, "the move must change the recommendation"
    at = move(open_page(DEFAULTS), "data_privacy", 100)
    assert at.selectbox(key="h2h_a").value == expected.top.option
    assert at.selectbox(key="h2h_b").value == expected.runner_up.option
    at.selectbox(key="h2h_b").set_value("image_generation").run()
    move(at, "data_privacy", 0)
    assert at.selectbox(key="h2h_a").value == expected.top.option, "a picked pair stays"
    assert at.selectbox(key="h2h_b").value == "image_generation"


def test_head_to_head_says_when_an_option_fails_a_requirement() -> None:
    rec = recommend(KB, DEFAULTS)
    failing = next(r for r in rec.ranking if not r.meets_requirements)
    at = open_page(DEFAULTS)
    at.selectbox(key="h2h_b").set_value(failing.option).run()
    shown = " ".join(texts(at, "markdown"))
    assert f"{failing.label} fails a hard requirement ({'; '.join(failing.unmet)})" in shown


def test_head_to_head_of_an_option_with_itself_asks_for_two() -> None:
    at = open_page(DEFAULTS)
    at.selectbox(key="h2h_b").set_value(at.selectbox(key="h2h_a").value).run()
    assert not at.exception
    assert any("Pick two different options" in i for i in texts(at, "info"))
    assert "head_to_head" not in charts(at)


# --- the CSV report ---------------------------------------------------------------------------------


def test_report_has_first_rank_acceptability_label_and_stability(downloads) -> None:
    rec = recommend(KB, TOSS_UP)
    trust = analyse_trust(KB, rec)
    open_page(TOSS_UP)
    report = last_report(downloads)
    assert set(report["robustness_label"]) == {trust.label}
    expected = [round(trust.first_rank_share(KB, r.option), 4) for r in rec.ranking]
    assert report["first_rank_acceptability"].tolist() == pytest.approx(expected)
    for criterion, interval in zip(CRITERIA, trust.intervals, strict=True):
        assert report.loc[0, f"stability_{criterion}_low"] == pytest.approx(interval.low, abs=1e-4)
        assert report.loc[0, f"stability_{criterion}_high"] == pytest.approx(
            interval.high, abs=1e-4
        )
        taker = interval.taker_below
        below = report.loc[0, f"stability_{criterion}_taker_below"]
        assert below == ("" if taker is None else KB.option_ids[taker])
    assert set(report["stability_exact"]) == {True}
    assert set(report["robustness_samples"]) == {10_000}
    assert set(report["robustness_concentration"]) == {50.0}


# --- TOPSIS: every trust figure is about the option TOPSIS recommends -----------------------------


def methods_disagree() -> Answers:
    """The first of a fixed set of businesses whose top option differs between the methods."""
    for outputs, deployment, sensitivity, volume, budget in itertools.product(
        (["text"], ["text", "image"], ["image"]),
        ("cloud_ok", "prefer_on_premises"),
        ("public", "internal", "confidential", "regulated"),
        ("low", "high", "very_high"),
        ("minimal", "moderate", "enterprise"),
    ):
        answers = parse_answers(
            KB,
            {
                "output_modalities": outputs,
                "deployment": deployment,
                "data_sensitivity": sensitivity,
                "volume": volume,
                "budget": budget,
            },
        )
        if recommend(KB, answers).top.option != recommend(KB, answers, "topsis").top.option:
            return answers
    raise AssertionError("no business here where the weighted sum and TOPSIS disagree")


def test_under_topsis_robustness_stability_and_head_to_head_follow_topsis() -> None:
    answers = methods_disagree()
    rec = recommend(KB, answers, "topsis")
    trust = analyse_trust(KB, rec)
    assert KB.options[trust.robustness.top_option_index].id == rec.top.option
    assert all(iv.top == KB.option_ids.index(rec.top.option) for iv in trust.intervals)
    at = open_page(answers, method="topsis")
    assert adopt_heading(at) == expected_heading(rec)
    verdict = next(
        t
        for t in texts(at, "success", "info", "warning")
        if t.startswith(("Robust. ", "Leaning. ", "Toss-up. "))
    )
    assert f"{rec.top.label} comes out on top in " in verdict
    for sentence in trust.sentences:  # never "... when <the recommendation> takes over"
        assert f"when {rec.top.label} takes over" not in sentence
    assert at.selectbox(key="h2h_a").value == rec.top.option
    duel = head_to_head(KB, rec, rec.top.option, at.selectbox(key="h2h_b").value)
    runner_up = next(r for r in rec.ranking if r.option == duel.option_b)
    assert duel.lead == pytest.approx(rec.top.score - runner_up.score)
    assert duel.lead >= 0
    assert "on the TOPSIS score" in " ".join(texts(at, "markdown"))


# --- no option meets the requirements ---------------------------------------------------------------


def test_trust_sections_when_nothing_meets_the_requirements() -> None:
    answers = parse_answers(
        KB,
        {
            "output_modalities": list(KB.choice_ids("output_modalities")),
            "deployment": "must_be_on_premises",
        },
    )
    at = open_page(answers)
    assert texts(at, "success") or any(
        w.startswith(("Leaning. ", "Toss-up. ")) for w in texts(at, "info", "warning")
    )
    for key in ("rank_acceptability", "stability", "head_to_head", "radar_top"):
        assert_drawn_with_data(charts(at)[key])
