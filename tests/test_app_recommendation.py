"""AppTest of pages/recommendation.py: decision, warnings, ranking, charts, method switch, download,
shareable link. Expected results come from the engine, so the tests follow the knowledge base."""

from __future__ import annotations

import io
import itertools
import json
import re
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from scoring.answers import Answers, default_answers, parse_answers
from scoring.engine import Recommendation, recommend, score_batch
from scoring.knowledge_base import CRITERIA, default_knowledge_base
from scoring.report import ENCODING, report_filename
from ui.links import decode_query, encode_query
from ui.text import md

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "pages" / "recommendation.py"
KB = default_knowledge_base()
HOSTILE_ORG = (
    '=HYPERLINK("http://evil.example","x") **bold** [link](javascript:alert(1)) <b>b</b> '
    "$x^2$ :red[red] :smile: `code` # heading | a | b | @SUM(1) +1 -1 ~~s~~ "
)
HOSTILE_ORG = (HOSTILE_ORG * 2)[:200]


def build(**fields: Any) -> Answers:
    fields.setdefault("output_modalities", ["text"])
    return parse_answers(KB, fields)


EDGE_CASES: dict[str, Answers] = {
    "defaults": default_answers(KB),
    "all_modalities": build(
        input_modalities=list(KB.choice_ids("input_modalities")),
        output_modalities=list(KB.choice_ids("output_modalities")),
        tasks=list(KB.choice_ids("tasks")),
    ),
    "nothing_meets_on_premises": build(
        output_modalities=list(KB.choice_ids("output_modalities")),
        deployment="must_be_on_premises",
        data_sensitivity="regulated",
    ),
    "priorities": build(
        priorities={"modality": 2, "efficiency": 1, "accuracy": 5, "data_privacy": 4, "cost": 3}
    ),
    "hostile_organisation": build(
        organization=HOSTILE_ORG, use_case="line one\n# Heading\n- item\n=1+1", industry="legal"
    ),
}


def unescape(markdown: str) -> str:
    """Undo ``ui.text.md`` to compare shown text with knowledge-base text."""
    return re.sub(r"\\(.)", r"\1", markdown)


def open_page(
    answers: Answers | None = None,
    method: str = "wsm",
    normalization: str = "vector",
    query: dict[str, str] | None = None,
    context: dict[str, Any] | None = None,
) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    if answers is not None:
        at.query_params = encode_query(answers.to_dict(), method, normalization)  # type: ignore[arg-type]
    if query is not None:
        at.query_params = dict(query)
    if context is not None:
        at.context = context
    return at.run()


def adopt_heading(at: AppTest) -> str:
    headings = [h.value for h in at.header if h.value.startswith("Adopt: ")]
    assert len(headings) == 1, [h.value for h in at.header]
    return unescape(headings[0])


def expected_heading(rec: Recommendation) -> str:
    return f"Adopt: {KB.option(rec.top.option).adopt}"


def ranking_table(at: AppTest) -> pd.DataFrame:
    tables = [d.value for d in at.dataframe if "Option" in d.value.columns]
    assert len(tables) == 1
    return tables[0]


def plotly_specs(at: AppTest) -> list[dict[str, Any]]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def plotly_by_key(at: AppTest) -> dict[str, dict[str, Any]]:
    """Each chart's figure by the key the page gave it (the element id ends with ``-<key>``)."""
    return {
        chart.proto.id.rsplit("-", 1)[-1]: json.loads(chart.proto.spec)
        for chart in at.get("plotly_chart")
    }


def all_markdown(at: AppTest) -> list[str]:
    kinds = ("markdown", "caption", "header", "subheader", "title", "warning", "error", "info")
    return [element.value for kind in kinds for element in at.get(kind)]


# --- every edge case runs cleanly and shows the engine's answer ------------------------------------


@pytest.mark.parametrize("name", list(EDGE_CASES))
def test_page_runs_and_shows_the_engines_top_option(name: str) -> None:
    answers = EDGE_CASES[name]
    at = open_page(answers)
    assert not at.exception, at.exception
    assert not at.error
    rec = recommend(KB, answers)
    assert adopt_heading(at) == expected_heading(rec)
    table = ranking_table(at)
    assert table["Option"].tolist() == [r.label for r in rec.ranking]
    assert table["Score"].tolist() == pytest.approx([round(r.score, 1) for r in rec.ranking])
    # A second run (any rerun) must not lose or break anything.
    at.run()
    assert not at.exception
    assert adopt_heading(at) == expected_heading(rec)


def test_page_runs_without_any_query_string() -> None:
    at = open_page()
    assert not at.exception
    assert adopt_heading(at) == expected_heading(recommend(KB, default_answers(KB)))
    assert not at.warning


def test_score_and_margin_over_the_runner_up_are_shown() -> None:
    rec = recommend(KB, EDGE_CASES["defaults"])
    at = open_page(EDGE_CASES["defaults"])
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Score (Weighted sum)"] == f"{rec.top.score:.1f} / 100"
    assert metrics["Lead over the runner-up"] == f"{rec.margin:.1f} points"


def test_rationale_names_the_summary_and_its_sources() -> None:
    answers = EDGE_CASES["defaults"]
    rec = recommend(KB, answers)
    at = open_page(answers)
    text = " ".join(unescape(m) for m in all_markdown(at))
    option = KB.option(rec.top.option)
    assert option.summary.strip() in text
    assert f"by {rec.margin:.1f} points" in text
    expander = next(e for e in at.expander if e.label == "Sources of this rationale")
    shown = unescape(" ".join(m.value for m in expander.markdown))
    assert KB.citations(option.capabilities)[0] in shown


# --- hard requirements ------------------------------------------------------------------------------


def test_no_option_meeting_the_requirements_is_warned_and_flagged() -> None:
    answers = EDGE_CASES["nothing_meets_on_premises"]
    rec = recommend(KB, answers)
    assert not any(r.meets_requirements for r in rec.ranking), "scenario must fail everyone"
    at = open_page(answers)
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any("No option meets every hard requirement" in w for w in warnings), warnings
    table = ranking_table(at)
    assert not table["Meets requirements"].any()
    assert all(reason for reason in table["Fails because"])
    assert any("off premises" in reason for reason in table["Fails because"])


def test_flagged_options_rank_below_and_carry_their_reason() -> None:
    answers = build(output_modalities=["image"])
    rec = recommend(KB, answers)
    at = open_page(answers)
    table = ranking_table(at)
    meets = table["Meets requirements"].tolist()
    assert meets == sorted(meets, reverse=True), "every failing option ranks below the others"
    assert not any(w for w in at.warning if "No option meets" in w.value)
    for (_, row), ranked in zip(table.iterrows(), rec.ranking, strict=True):
        assert bool(row["Meets requirements"]) == ranked.meets_requirements
        assert row["Fails because"] == "; ".join(ranked.unmet)
        if not ranked.meets_requirements:
            assert "cannot produce: images" in row["Fails because"]


# --- charts -----------------------------------------------------------------------------------------


def test_radar_small_multiples_and_contribution_charts() -> None:
    answers = EDGE_CASES["defaults"]
    rec = recommend(KB, answers)
    charts = plotly_by_key(open_page(answers))
    radar, contributions, profiles = (
        charts["radar_top"],
        charts["contributions"],
        charts["profiles"],
    )
    assert [t["type"] for t in radar["data"]] == ["scatterpolar"] * 4
    # The top option is drawn last of the options (on top of them), the needs line over all.
    assert radar["data"][2]["name"] == f"1. {rec.top.label}"
    assert radar["data"][2]["r"][:5] == pytest.approx([rec.top.criteria[c] for c in CRITERIA])
    assert max(radar["data"][-1]["r"]) == pytest.approx(100)
    assert [t["type"] for t in profiles["data"]] == ["scatterpolar"] * len(KB.options)
    subplots = {t["subplot"] for t in profiles["data"]}
    assert len(subplots) == len(KB.options)
    assert all(name in profiles["layout"] for name in subplots)
    assert {t["type"] for t in contributions["data"]} == {"bar"}
    assert contributions["layout"]["barmode"] == "stack"
    totals = [sum(t["x"][i] for t in contributions["data"]) for i in range(5)]
    assert totals == pytest.approx([r.score for r in rec.ranking[:5]])


# --- method switch ----------------------------------------------------------------------------------


def _grid() -> list[Answers]:
    outputs = [["text"], ["image"], ["text", "image"], ["audio"], ["video"], ["tabular"]]
    return [
        build(
            output_modalities=o,
            accuracy_need=a,
            data_sensitivity=s,
            deployment=d,
            budget=b,
            volume=v,
        )
        for o, a, s, d, b, v in itertools.product(
            outputs,
            KB.choice_ids("accuracy_need"),
            KB.choice_ids("data_sensitivity"),
            KB.choice_ids("deployment"),
            KB.choice_ids("budget"),
            ("low", "very_high"),
        )
    ]


@cache
def disagreement(kind: str) -> Answers:
    """First answers (in a fixed grid) where WSM and TOPSIS disagree on the top option, or agree
    on the top but order the rest differently."""
    grid = _grid()
    wsm, topsis = score_batch(KB, grid, "wsm"), score_batch(KB, grid, "topsis", "vector")
    for row, answers in enumerate(grid):
        top_differs = wsm.order[row, 0] != topsis.order[row, 0]
        order_differs = (wsm.order[row] != topsis.order[row]).any()
        if (kind == "top" and top_differs) or (
            kind == "order" and order_differs and not top_differs
        ):
            return answers
    raise AssertionError(f"no answers in the grid where the methods disagree on the {kind}")


def switch_method(at: AppTest, method: str) -> AppTest:
    return at.segmented_control(key="w_method").set_value(method).run()


def test_method_switch_changes_the_top_option_where_the_methods_disagree() -> None:
    answers = disagreement("top")
    wsm, topsis = recommend(KB, answers, "wsm"), recommend(KB, answers, "topsis")
    assert wsm.top.option != topsis.top.option
    at = open_page(answers)
    control = at.segmented_control(key="w_method")
    assert control.label == "Method"
    assert control.options == ["Weighted sum", "TOPSIS"]
    assert adopt_heading(at) == expected_heading(wsm)
    switch_method(at, "topsis")
    assert not at.exception
    assert adopt_heading(at) == expected_heading(topsis)
    assert ranking_table(at)["Option"].tolist() == [r.label for r in topsis.ranking]
    assert at.query_params["method"] == "topsis"
    assert any("vector normalisation" in unescape(c.value) for c in at.caption)
    switch_method(at, "wsm")
    assert adopt_heading(at) == expected_heading(wsm)
    assert at.query_params["method"] == "wsm"


def test_method_switch_reorders_the_ranking_where_only_the_order_differs() -> None:
    answers = disagreement("order")
    wsm, topsis = recommend(KB, answers, "wsm"), recommend(KB, answers, "topsis")
    at = open_page(answers)
    before = ranking_table(at)["Option"].tolist()
    assert before == [r.label for r in wsm.ranking]
    after = ranking_table(switch_method(at, "topsis"))["Option"].tolist()
    assert after == [r.label for r in topsis.ranking]
    assert after != before


def test_topsis_normalisation_is_selectable_and_named() -> None:
    answers = disagreement("top")
    minmax = recommend(KB, answers, "topsis", "minmax")
    at = switch_method(open_page(answers), "topsis")
    normalisation = at.segmented_control(key="w_normalization")
    assert normalisation.label == "Normalisation"
    normalisation.set_value("minmax").run()
    assert not at.exception
    assert any("min-max normalisation" in unescape(c.value) for c in at.caption)
    assert adopt_heading(at) == expected_heading(minmax)
    assert ranking_table(at)["Option"].tolist() == [r.label for r in minmax.ranking]
    assert at.query_params["normalization"] == "minmax"


def test_a_link_with_topsis_opens_with_topsis() -> None:
    answers = disagreement("top")
    at = open_page(answers, method="topsis", normalization="minmax")
    assert at.segmented_control(key="w_method").value == "topsis"
    assert adopt_heading(at) == expected_heading(recommend(KB, answers, "topsis", "minmax"))


def test_weighted_sum_has_no_normalisation_control() -> None:
    at = open_page(EDGE_CASES["defaults"])
    assert not [s for s in at.segmented_control if s.key == "w_normalization"]


# --- weights and where they come from ---------------------------------------------------------------


def weights_table(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "Weight (%)" in d.value.columns)


def test_derived_weights_list_the_rules_that_fired() -> None:
    answers = build(accuracy_need="critical", data_sensitivity="regulated", budget="minimal")
    rec = recommend(KB, answers)
    at = open_page(answers)
    table = weights_table(at)
    assert table["Weight (%)"].tolist() == pytest.approx(
        [round(100 * rec.weights[c], 1) for c in CRITERIA]
    )
    expander = next(e for e in at.expander if e.label.startswith("Rules that set these weights"))
    shown = unescape(" ".join(m.value for m in expander.markdown))
    for rule in KB.model.weight_rules:
        ((field, value),) = rule.when.items()
        fired = getattr(answers, field) == value or value in (getattr(answers, field) or ())
        assert (rule.rationale.strip() in shown) == fired, rule.when


def test_own_priorities_are_named_as_the_source_of_the_weights() -> None:
    answers = EDGE_CASES["priorities"]
    at = open_page(answers)
    assert any("Your own priorities" in unescape(m.value) for m in at.markdown)
    table = weights_table(at)
    assert table["Your importance (1-5)"].tolist() == [answers.priorities[c] for c in CRITERIA]
    assert not [e for e in at.expander if e.label.startswith("Rules that set these weights")]


# --- user text is never markup ----------------------------------------------------------------------


def test_hostile_organisation_is_only_shown_escaped() -> None:
    answers = EDGE_CASES["hostile_organisation"]
    at = open_page(answers)
    assert not at.exception
    shown = all_markdown(at)
    assert not [s for s in shown if HOSTILE_ORG in s], "organisation rendered as raw markdown"
    assert not [s for s in shown if "# Heading" in s]
    assert any(md(HOSTILE_ORG) in s for s in shown), "organisation shown (escaped) on the page"
    assert not at.get("html")


# --- download ---------------------------------------------------------------------------------------


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Record what the page hands to Streamlit's media file manager (the download's bytes)."""
    captured: list[dict[str, Any]] = []
    original = MediaFileManager.add

    def add(self, path_or_data, mimetype, coordinates, file_name=None, **kwargs):
        captured.append({"data": path_or_data, "mimetype": mimetype, "file_name": file_name})
        return original(self, path_or_data, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", add)
    return captured


def test_download_button_with_file_name_from_organisation_and_date(downloads) -> None:
    answers = build(organization="Acme Clinic", output_modalities=["text", "image"])
    rec = recommend(KB, answers)
    today = datetime.now().astimezone()
    at = open_page(answers)
    buttons = [b for b in at.get("download_button") if b.label == "Download CSV report"]
    assert len(buttons) == 1
    csv_files = [d for d in downloads if d["mimetype"] == "text/csv"]
    assert len(csv_files) == 1
    assert csv_files[0]["file_name"] == report_filename("Acme Clinic", today)
    assert csv_files[0]["file_name"].startswith("genai-advice_acme-clinic_")
    report = pd.read_csv(io.BytesIO(csv_files[0]["data"]), encoding=ENCODING)
    assert report["option"].tolist() == [r.option for r in rec.ranking]
    assert set(report["answer_organization"]) == {"Acme Clinic"}


def test_download_escapes_a_formula_organisation(downloads) -> None:
    open_page(EDGE_CASES["hostile_organisation"])
    data = next(d["data"] for d in downloads if d["mimetype"] == "text/csv")
    report = pd.read_csv(io.BytesIO(data), encoding=ENCODING)
    assert set(report["answer_organization"]) == {"'" + HOSTILE_ORG}


# --- shareable link ---------------------------------------------------------------------------------


def shown_link(at: AppTest) -> str:
    links = [c.value for c in at.code if "output_modalities=" in c.value]
    assert len(links) == 1
    return links[0]


@pytest.mark.parametrize("name", ["all_modalities", "priorities", "hostile_organisation"])
def test_shareable_link_restores_the_same_answers(name: str) -> None:
    answers = EDGE_CASES[name]
    at = open_page(answers, method="topsis")
    assert [s.value for s in at.subheader if s.value == "Copy shareable link"]
    link = shown_link(at)
    decoded = decode_query(KB, dict(parse_qsl(urlsplit(link).query, keep_blank_values=True)))
    assert decoded.answers == answers
    assert decoded.method == "topsis"
    assert not decoded.problems
    # Opening it in a fresh session shows the same recommendation.
    again = open_page(query=dict(parse_qsl(urlsplit(link).query, keep_blank_values=True)))
    assert adopt_heading(again) == adopt_heading(at)


def test_shareable_link_is_absolute_when_the_browser_sends_its_url() -> None:
    at = open_page(
        EDGE_CASES["defaults"], context={"url": "https://advisor.example/recommendation"}
    )
    assert shown_link(at).startswith("https://advisor.example/recommendation?")


# --- tampered links ---------------------------------------------------------------------------------


def test_tampered_link_warns_names_the_fields_and_falls_back_to_defaults() -> None:
    query = {
        "volume": "huge",
        "output_modalities": "banana;text",
        "priorities": "cost=99",
        "method": "magic",
        "budget": "enterprise",
        "evil_param": "<script>alert(1)</script>",
    }
    at = open_page(query=query)
    assert not at.exception
    warning = unescape(" ".join(w.value for w in at.warning))
    for name in ("volume", "output_modalities", "priorities", "method", "evil_param"):
        assert name in warning, name
    expected = recommend(KB, build(budget="enterprise"))  # the good field is kept
    assert adopt_heading(at) == expected_heading(expected)
    assert at.query_params["volume"] == "medium"
    assert at.query_params["method"] == "wsm"
    assert at.query_params["budget"] == "enterprise"
    assert "evil_param" not in at.query_params


@pytest.mark.parametrize(
    "query",
    [
        {"output_modalities": ";;;"},
        {"priorities": "==;;cost=;modality=abc"},
        {"priorities": "cost=1;cost=5;nonsense=3"},
        {"organization": "x" * 5000},
        {"use_case": "\x00\u202e\ufeff"},
        {"industry": "../../etc/passwd"},
        {"normalization": "quantum", "method": "topsis"},
        {"tasks": "write_code;" * 500},
    ],
    ids=repr,
)
def test_malformed_links_never_crash(query: dict[str, str]) -> None:
    at = open_page(query=query)
    assert not at.exception
    assert adopt_heading(at).startswith("Adopt: ")
