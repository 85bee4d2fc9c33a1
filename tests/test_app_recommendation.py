"""AppTest of pages/recommendation.py: the outcome headline (recommend, only option, no fit), its
metrics, the rationale with sources, the named products, costs, charts, the ranking and the excluded
solutions, weights, the method control (and a method registered later), the CSV download, the
shareable link, bad and version-1 links, and a knowledge base with a sixth criterion.

Expected results come from the engine for the same answers, so the tests follow the knowledge base.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from support import (
    link_warnings,
    open_page,
    page_text,
    read_report,
    record_downloads,
    show_tab,
    unescape,
)

from scoring.answers import Answers, default_answers, parse_answers
from scoring.engine import Recommendation, recommend
from scoring.knowledge import default_knowledge_base
from scoring.methods import METHODS, register
from scoring.methods.base import apportioned
from scoring.report import report_filename
from scoring.requirements import money
from scoring.shortlist import shortlist_notes
from ui.common.links import decode_query, encode_query
from ui.common.page_view import TABS
from ui.common.text import md
from ui.trust.head_to_head_view import A_KEY, B_KEY
from ui.trust.view import CERTAINTY_KEY
from ui.weights.whatif import pair_key, pairs

KB = default_knowledge_base()
CRITERIA = KB.criterion_ids
HOSTILE_ORG = (
    '=HYPERLINK("http://evil.example","x") **bold** [link](javascript:alert(1)) <b>b</b> '
    "$x^2$ :red[red] :smile: `code` # heading | a | b | @SUM(1) +1 -1 ~~s~~ "
)
HOSTILE_ORG = (HOSTILE_ORG * 2)[:200]


def build(**fields: Any) -> Answers:
    fields.setdefault("output_modalities", ["text"])
    return parse_answers(KB, fields)


RECOMMEND = build(output_modalities=["text", "image"], organization="Acme Clinic")
ONLY_OPTION = build(
    input_modalities=["tabular"], output_modalities=["tabular"], tasks=["classify_or_predict"]
)
NO_FIT = build(output_modalities=["video"], deployment="must_be_on_premises", budget="minimal")
OUTCOMES = {"recommend": RECOMMEND, "only_option": ONLY_OPTION, "no_fit": NO_FIT}
HOSTILE = build(
    organization=HOSTILE_ORG, use_case="line one\n# Heading\n- item\n=1+1", industry="legal"
)
PRIORITIES = build(priorities=dict(zip(CRITERIA, (2, 1, 5, 4, 3), strict=False)))


def headline(rec: Recommendation) -> str:
    """The headline SPEC's outcomes prescribe."""
    if rec.outcome == "recommend":
        return f"Adopt: {rec.top.label}"
    if rec.outcome == "only_option":
        return f"{rec.top.label}: the only solution that meets your requirements"
    return "No solution meets every requirement"


def headers(at: AppTest) -> list[str]:
    return [unescape(h.value) for h in at.header]


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def table(at: AppTest, column: str) -> pd.DataFrame:
    """The one dataframe on the page with this column."""
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0]


def expander(at: AppTest, prefix: str) -> Any:
    found = [e for e in at.expander if unescape(e.label).startswith(prefix)]
    assert len(found) == 1, [e.label for e in at.expander]
    return found[0]


def charts(at: AppTest) -> dict[str, dict[str, Any]]:
    """Each Plotly figure by the key the page gave it (the element id ends with ``-<key>``)."""
    return {
        chart.proto.id.rsplit("-", 1)[-1]: json.loads(chart.proto.spec)
        for chart in at.get("plotly_chart")
    }


@pytest.fixture(scope="module")
def pages() -> dict[str, AppTest]:
    """One run of the page per outcome, shared by the read-only tests below."""
    return {name: open_page(answers=answers) for name, answers in OUTCOMES.items()}


# --- the three outcomes -------------------------------------------------------------------------------


@pytest.mark.parametrize("outcome", list(OUTCOMES))
def test_each_outcome_has_its_headline_and_metrics(pages: dict[str, AppTest], outcome: str) -> None:
    rec = recommend(KB, OUTCOMES[outcome])
    assert rec.outcome == outcome, "the scenario must still give this outcome"
    at = pages[outcome]
    assert not at.exception, at.exception
    assert not at.error
    assert headers(at) == [headline(rec)]
    shown = metrics(at)
    assert shown["Score (Weighted sum)"] == f"{rec.top.score:.1f} / 100"
    low, high = rec.top.monthly_cost
    assert shown["Monthly cost"] == f"{money(low)}–{money(high)}"
    if outcome == "recommend":
        assert shown["Lead over the runner-up"] == f"{rec.margin:.1f} points"
    else:
        assert shown["Qualifying solutions"] == str(len(rec.qualifying))
    assert "How sure" in shown


def test_no_fit_never_says_adopt_and_names_what_to_relax(pages: dict[str, AppTest]) -> None:
    rec = recommend(KB, NO_FIT)
    at = pages["no_fit"]
    text = page_text(at)
    assert "Adopt" not in text
    assert metrics(at)["How sure"] != "Robust"
    nearest = [r for r in rec.ranking[:3] if not r.meets_requirements]
    assert nearest
    for ranked in nearest:
        line = next(
            unescape(m.value) for m in at.markdown if f"**{ranked.label}**" in unescape(m.value)
        )
        assert all(sentence in line for sentence in ranked.unmet_sentences)
        assert "It would qualify if you " + "; ".join(u.relax for u in ranked.unmet) in line
    show_tab(at, "compare")
    assert any("None meets every hard requirement" in i.value for i in at.info)


def test_only_option_is_never_called_robust(pages: dict[str, AppTest]) -> None:
    at = pages["only_option"]
    assert metrics(at)["How sure"] != "Robust"
    assert "only solution that meets all your requirements" in page_text(at)


def test_a_rerun_keeps_the_page() -> None:
    at = open_page(answers=RECOMMEND)
    first = headers(at)
    at.run()
    assert not at.exception
    assert headers(at) == first


def test_without_a_query_string_the_defaults_are_recommended() -> None:
    at = open_page()
    assert not at.exception
    assert not link_warnings(at)
    assert headers(at) == [headline(recommend(KB, default_answers(KB)))]


TAB_SECTIONS = {
    "why": ("Named products to shortlist", "Weights and where they come from"),
    "sure": ("How sure is this recommendation?", "How far can each weight move?"),
    "compare": (
        "Ranking of the solutions that meet your requirements",
        "Compare two solutions head to head",
    ),
    "weights": ("Try other weights",),
    "costs": ("Costs",),
    "export": ("Report", "Copy shareable link"),
}


@pytest.mark.parametrize("outcome", list(OUTCOMES))
def test_every_section_is_in_its_tab_and_only_the_open_tab_is_drawn(
    pages: dict[str, AppTest], outcome: str
) -> None:
    at = pages[outcome]
    assert [t.label for t in at.tabs] == list(TABS.values())
    for tab, headings in TAB_SECTIONS.items():
        show_tab(at, tab)
        assert not at.exception, at.exception
        subheaders = [unescape(s.value) for s in at.subheader]
        assert set(headings) <= set(subheaders), (tab, subheaders)
        others = {h for t, hs in TAB_SECTIONS.items() if t != tab for h in hs}
        assert not others & set(subheaders), (tab, "another tab's section is drawn")
        assert at.query_params.get("tab", "why") == tab, "the link names the open tab"
    show_tab(at, "weights")
    assert [s.key for s in at.slider if s.key.startswith("whatif_")] == [
        f"whatif_{c}" for c in CRITERIA
    ], "one what-if slider per criterion"
    assert "radar_top" in charts(at), "what-if radar"
    assert expander(at, "Or compare the criteria in pairs"), "pairwise (AHP) weights"
    show_tab(at, "compare")
    assert "head_to_head" in charts(at)
    show_tab(at, "export")
    assert expander(at, "Your answers").dataframe[0].value.index.tolist() == [
        q.question for q in KB.questions
    ]
    show_tab(at, "why")


# --- rationale, sources, risks --------------------------------------------------------------------


def test_rationale_names_the_solution_its_cost_and_its_sources(pages: dict[str, AppTest]) -> None:
    rec = recommend(KB, RECOMMEND)
    at = show_tab(pages["recommend"], "why")
    text = page_text(at)
    assert "A pipeline of 2 parts" in text
    assert f"by {rec.margin:.1f} points" in text
    assert f"{money(rec.top.monthly_cost[0])} to {money(rec.top.monthly_cost[1])} a month" in text
    sources = unescape(" ".join(m.value for m in expander(at, "Sources").markdown))
    assert sources.strip()
    risks = unescape(" ".join(m.value for m in expander(at, "Main risks").markdown))
    for component in rec.top.components:
        assert all(risk in risks for risk in KB.component(component).risks)


def test_organisation_and_industry_are_named_under_the_headline(pages: dict[str, AppTest]) -> None:
    industry = KB.choice_label("industry", RECOMMEND.industry)
    shown = [unescape(c.value) for c in pages["recommend"].caption]
    assert f"Prepared for Acme Clinic · Industry: {industry}" in shown


def test_the_industry_is_named_without_an_organisation_or_a_budget_ceiling() -> None:
    answers = build(output_modalities=["text"], industry="healthcare", budget="enterprise")
    at = open_page(answers=answers)
    assert not at.exception
    shown = [unescape(c.value) for c in at.caption]
    assert f"Industry: {KB.choice_label('industry', 'healthcare')}" in shown


# --- named products and costs -----------------------------------------------------------------------


@pytest.mark.parametrize("outcome", list(OUTCOMES))
def test_named_products_of_the_top_solutions_components_with_price_dates(
    pages: dict[str, AppTest], outcome: str
) -> None:
    rec = recommend(KB, OUTCOMES[outcome])
    products = table(show_tab(pages[outcome], "why"), "Product")
    expected = [p for c in rec.top.components for p in rec.shortlist(c)]
    assert products["Product"].tolist() == [p.name for p in expected]
    notes = shortlist_notes(KB, rec.top.components, rec.answers)
    captions = [unescape(c.value) for c in pages[outcome].caption]
    assert all(any(note in caption for caption in captions) for note in notes)
    assert products["Price date"].tolist() == [p.price_date for p in expected]
    assert products["Vendor"].tolist() == [p.vendor for p in expected]
    assert all(products["Licence"]) and all(products["Source"])


def test_cost_chart_breakdown_and_value_for_money(pages: dict[str, AppTest]) -> None:
    rec = recommend(KB, RECOMMEND)
    at = show_tab(pages["recommend"], "costs")
    figures = charts(at)
    cost = figures["cost_volume"]
    lines = [t for t in cost["data"] if t.get("mode") == "lines"]
    assert lines and all(len(t["y"]) == len(t["x"]) > 0 for t in lines)
    assert lines[0]["name"].replace("<br>", " ") == f"1. {rec.top.label}"  # wrapped for a phone
    assert cost["layout"]["xaxis"]["type"] == cost["layout"]["yaxis"]["type"] == "log"
    assert "your volume" in [a["text"] for a in cost["layout"]["annotations"]]
    parts = table(at, "Usage")
    assert len(parts) == len(rec.top.components) + (len(rec.top.components) > 1)
    value = figures["value_for_money"]["data"][0]
    assert len(value["x"]) == len(rec.qualifying)


def test_every_chart_is_drawn_with_a_title(pages: dict[str, AppTest]) -> None:
    for outcome, at in pages.items():
        figures = {}
        for tab in TABS:
            figures.update(charts(show_tab(at, tab)))
        show_tab(at, "why")
        for key in ("cost_volume", "value_for_money", "contributions", "profile_1", "radar_top"):
            assert key in figures, (outcome, key)
        for key, figure in figures.items():
            assert figure["layout"]["title"]["text"], (outcome, key)
            assert figure["data"], (outcome, key)


def test_contributions_stack_to_the_top_totals(pages: dict[str, AppTest]) -> None:
    rec = recommend(KB, RECOMMEND)
    bars = charts(show_tab(pages["recommend"], "why"))["contributions"]["data"]
    assert [t["name"] for t in bars] == [c.name for c in KB.criteria]
    shown = [r for r in rec.ranking if r.meets_requirements][: len(bars[0]["x"])]
    totals = [sum(t["x"][i] for t in bars) for i in range(len(shown))]
    assert totals == pytest.approx([r.score for r in shown])


# --- ranking and the excluded solutions ---------------------------------------------------------------


@pytest.mark.parametrize("outcome", list(OUTCOMES))
def test_ranking_lists_the_qualifying_and_the_excluded_say_why(
    pages: dict[str, AppTest], outcome: str
) -> None:
    rec = recommend(KB, OUTCOMES[outcome])
    at = show_tab(pages[outcome], "compare")
    qualifying = [r for r in rec.ranking if r.meets_requirements]
    failing = [r for r in rec.ranking if not r.meets_requirements]
    if qualifying:
        ranking = table(at, "Score")
        assert ranking["Solution"].tolist() == [r.label for r in qualifying]
        assert ranking["Score"].tolist() == pytest.approx([round(r.score, 1) for r in qualifying])
        assert ranking.columns[-len(CRITERIA) :].tolist() == [c.short for c in KB.criteria]
    block = expander(at, "Excluded, and why")
    assert block.label == f"Excluded, and why ({len(failing)})"
    (excluded,) = block.dataframe
    frame = excluded.value
    assert frame["Solution"].tolist() == [r.label for r in failing]
    assert frame["Fails because"].tolist() == [" ".join(r.unmet_sentences) for r in failing]
    assert all(frame["Would qualify if you"])


# --- weights ----------------------------------------------------------------------------------------


def test_derived_weights_with_swing_range_and_the_rules_that_fired(
    pages: dict[str, AppTest],
) -> None:
    rec = recommend(KB, NO_FIT)
    at = show_tab(pages["no_fit"], "why")
    weights = table(at, "Swing range")
    assert weights["Weight (%)"].tolist() == pytest.approx(
        [round(100 * rec.weights[c], 1) for c in CRITERIA]
    )
    assert weights["Swing range"].tolist() == pytest.approx(
        [round(float(s), 1) for s in KB.arrays.swing]
    )
    shown = unescape(
        " ".join(m.value for m in expander(at, "Rules that set these weights").markdown)
    )
    for rule in KB.model.weight_rules:
        fired = all(getattr(NO_FIT, field) == value for field, value in rule.when.items())
        assert (rule.rationale.strip() in shown) == fired, rule.when


def test_own_priorities_are_named_as_the_source_of_the_weights() -> None:
    at = open_page(answers=PRIORITIES)
    assert "Your own priorities" in page_text(at)
    weights = table(at, "Your importance (1-5)")
    assert weights["Your importance (1-5)"].tolist() == [PRIORITIES.priorities[c] for c in CRITERIA]
    assert not [e for e in at.expander if e.label.startswith("Rules that set these weights")]


# --- the method control -----------------------------------------------------------------------------


def test_method_control_offers_every_method_and_topsis_reranks() -> None:
    answers = RECOMMEND
    at = open_page(answers=answers, tab="compare")
    control = at.segmented_control(key="w_method")
    assert control.label == "Method"
    assert control.options == [m.label for m in METHODS.values()]
    assert not [s for s in at.segmented_control if s.key == "w_normalization"]
    control.set_value("topsis").run()
    assert not at.exception
    topsis = recommend(KB, answers, "topsis")
    assert table(at, "Score")["Solution"].tolist() == [r.label for r in topsis.qualifying]
    assert headers(at) == [headline(topsis)]
    assert at.query_params["method"] == "topsis"
    at.segmented_control(key="w_normalization").set_value("minmax").run()
    assert not at.exception
    assert at.query_params["normalization"] == "minmax"
    assert any("min-max normalisation" in unescape(c.value) for c in at.caption)
    minmax = recommend(KB, answers, "topsis", "minmax")
    assert table(at, "Score")["Solution"].tolist() == [r.label for r in minmax.qualifying]


def test_a_link_with_topsis_opens_with_topsis() -> None:
    at = open_page(answers=RECOMMEND, method="topsis", normalization="minmax")
    assert at.segmented_control(key="w_method").value == "topsis"
    assert at.segmented_control(key="w_normalization").value == "minmax"
    assert headers(at) == [headline(recommend(KB, RECOMMEND, "topsis", "minmax"))]


class WeakestLink:
    """A toy third method: a solution is as good as its weakest weighted criterion."""

    name = "weakest"
    label = "Weakest link"
    normalizations: tuple[str, ...] = ()
    exact_stability = False
    describe = "Weakest link: each solution scores its lowest criterion among those that weigh."

    def totals(
        self, scores: np.ndarray, weights: np.ndarray, reference: np.ndarray, normalization=None
    ) -> np.ndarray:
        weighs = weights[..., None, :] > 0
        return np.where(weighs, scores, 100.0).min(axis=-1)

    def contributions(
        self, scores: np.ndarray, weights: np.ndarray, totals: np.ndarray
    ) -> np.ndarray:
        return apportioned(scores, weights, totals)


@pytest.fixture
def third_method() -> Iterator[WeakestLink]:
    """Register the toy method for one test, then restore the registry as it was."""
    saved = dict(METHODS)
    method = WeakestLink()
    register(method)
    yield method
    METHODS.clear()
    METHODS.update(saved)


def test_a_registered_third_method_is_offered_and_works(third_method: WeakestLink) -> None:
    at = open_page(answers=RECOMMEND)
    control = at.segmented_control(key="w_method")
    assert third_method.label in control.options
    control.set_value(third_method.name).run()
    assert not at.exception, at.exception
    assert at.query_params["method"] == third_method.name
    assert metrics(at)[f"Score ({third_method.label})"]
    assert headers(at) == [headline(recommend(KB, RECOMMEND, third_method.name))]


# --- user text is never markup ----------------------------------------------------------------------


def test_hostile_organisation_is_only_shown_escaped() -> None:
    at = open_page(answers=HOSTILE)
    assert not at.exception
    kinds = ("markdown", "caption", "header", "subheader", "warning", "error", "info")
    raw = [e.value for kind in kinds for e in at.get(kind)]
    assert not [s for s in raw if HOSTILE_ORG in s], "organisation rendered as raw markdown"
    assert not [s for s in raw if "# Heading" in s]
    assert any(md(HOSTILE_ORG) in s for s in raw), "organisation shown (escaped) on the page"
    assert not at.get("html")


# --- the CSV download -------------------------------------------------------------------------------


def test_download_builds_the_report_only_when_clicked(monkeypatch: pytest.MonkeyPatch) -> None:
    downloads = record_downloads(monkeypatch)
    rec = recommend(KB, RECOMMEND)
    today = datetime.now().astimezone()
    at = open_page(answers=RECOMMEND, tab="export")
    (button,) = [b for b in at.get("download_button") if b.label == "Download CSV report"]
    assert button.proto.deferred_file_id, "the report is a callable, built on the click"
    (entry,) = [d for d in downloads if d["mimetype"] == "text/csv"]
    assert entry["file_name"] == report_filename("Acme Clinic", today)
    report = read_report(entry["build"]())
    assert len(report) == len(rec.ranking), "one row per listed solution"
    assert report["option"].tolist() == [r.option for r in rec.ranking]
    assert set(report["outcome"]) == {"recommend"}
    assert set(report["answer_organization"]) == {"Acme Clinic"}
    assert report.loc[0, "monthly_cost_low"] == pytest.approx(rec.top.monthly_cost[0], rel=1e-6)


@pytest.mark.parametrize("outcome", ["only_option", "no_fit"])
def test_download_names_the_outcome(monkeypatch: pytest.MonkeyPatch, outcome: str) -> None:
    downloads = record_downloads(monkeypatch)
    open_page(answers=OUTCOMES[outcome], tab="export")
    report = read_report(next(d for d in downloads if d["mimetype"] == "text/csv")["build"]())
    assert set(report["outcome"]) == {outcome}


def test_download_escapes_a_formula_organisation(monkeypatch: pytest.MonkeyPatch) -> None:
    downloads = record_downloads(monkeypatch)
    open_page(answers=HOSTILE, tab="export")
    data = next(d for d in downloads if d["mimetype"] == "text/csv")["build"]()
    report = read_report(data)
    assert set(report["answer_organization"]) == {"'" + HOSTILE_ORG}


# --- the shareable link -----------------------------------------------------------------------------


def shown_link(at: AppTest) -> str:
    links = [c.value for c in at.code if "output_modalities=" in c.value]
    assert len(links) == 1
    return links[0]


@pytest.mark.parametrize(
    "answers",
    [
        RECOMMEND,
        PRIORITIES,
        HOSTILE,
        build(output_modalities=["audio"], tasks=["transcribe_speech"], monthly_requests=123_456),
    ],
    ids=["recommend", "priorities", "hostile", "monthly_requests"],
)
def test_shareable_link_restores_the_same_answers(answers: Answers) -> None:
    at = open_page(answers=answers, method="topsis", tab="export")
    assert "Copy shareable link" in [s.value for s in at.subheader]
    query = dict(parse_qsl(urlsplit(shown_link(at)).query, keep_blank_values=True))
    decoded = decode_query(KB, query)
    assert decoded.answers == answers
    assert decoded.method == "topsis"
    assert not decoded.problems
    again = open_page(query=query)  # a fresh session opens the link
    assert headers(again) == headers(at)
    assert metrics(again)["Monthly cost"] == metrics(at)["Monthly cost"]


def test_shareable_link_is_absolute_when_the_browser_sends_its_url() -> None:
    at = open_page(
        answers=RECOMMEND, context={"url": "https://advisor.example/recommendation"}, tab="export"
    )
    assert shown_link(at).startswith("https://advisor.example/recommendation?")


# --- bad links and old links ------------------------------------------------------------------------


def test_tampered_link_warns_names_the_fields_and_falls_back_to_defaults() -> None:
    query = {
        "volume": "huge",
        "output_modalities": "banana;text",
        "priorities": "cost=99",
        "monthly_requests": "-3",
        "method": "magic",
        "budget": "enterprise",
        "evil_param": "<script>alert(1)</script>",
    }
    at = open_page(query=query)
    assert not at.exception
    warning = " ".join(link_warnings(at))
    for name in ("volume", "output_modalities", "priorities", "monthly_requests", "method"):
        assert name in warning, name
    assert "evil_param" in warning
    expected = recommend(KB, build(budget="enterprise"))  # the good field is kept
    assert headers(at) == [headline(expected)]
    assert at.query_params["volume"] == "medium"
    assert at.query_params["method"] == "wsm"
    assert at.query_params["budget"] == "enterprise"
    assert at.query_params["monthly_requests"] == ""
    assert "evil_param" not in at.query_params


@pytest.mark.parametrize(
    "query",
    [
        {"output_modalities": ";;;"},
        {"priorities": "==;;cost=;modality=abc"},
        {"priorities": "cost=1;cost=5;nonsense=3"},
        {"monthly_requests": "9" * 400},
        {"organization": "x" * 5000},
        {"use_case": "\x00\u202e\ufeff"},
        {"industry": "../../etc/passwd"},
        {"normalization": "quantum", "method": "topsis"},
        {"weights": "modality=1e999;cost=nan"},
        {"tasks": "write_code;" * 500},
    ],
    ids=lambda query: repr(query)[:40],
)
def test_malformed_links_never_crash(query: dict[str, str]) -> None:
    at = open_page(query=query)
    assert not at.exception
    assert not at.error
    assert len(at.header) == 1


V1_LINK = {
    "organization": "Old Co",
    "use_case": "",
    "industry": "legal",
    "input_modalities": "text",
    "output_modalities": "text;image",
    "tasks": "draft_documents;summarize_documents",
    "accuracy_need": "high",
    "creativity_need": "medium",
    "data_sensitivity": "confidential",
    "deployment": "cloud_ok",
    "volume": "high",
    "latency": "interactive",
    "budget": "substantial",
    "in_house_ml_expertise": "some",
    "domain_specialization": "some",
    "priorities": "",
    "method": "topsis",
    "normalization": "vector",
}
"""A link as version 1 wrote it: every field of its time, none of version 2 (monthly_requests)."""


def test_a_version_1_link_still_opens_without_a_warning() -> None:
    at = open_page(query=V1_LINK)
    assert not at.exception
    assert not link_warnings(at)
    decoded = decode_query(KB, V1_LINK)
    assert not decoded.problems
    answers = decoded.answers
    assert answers.monthly_requests is None
    assert answers.output_modalities == ("text", "image")
    assert headers(at) == [headline(recommend(KB, answers, "topsis", "vector"))]
    assert at.query_params["monthly_requests"] == "", "the link gains the new field, empty"


# --- extensibility: a sixth criterion in the data -----------------------------------------------------


def test_a_sixth_criterion_is_weighted_scored_and_shown(sixth_criterion_data: Path) -> None:
    at = open_page(query={"output_modalities": "text;image"})
    assert not at.exception, at.exception
    weights = table(at, "Swing range")
    assert weights.index.tolist()[-1] == "Explainability"
    assert len(weights) == len(CRITERIA) + 1
    assert weights["Weight (%)"].sum() == pytest.approx(100, abs=0.5)
    assert table(show_tab(at, "compare"), "Score").columns[-1] == "Explain"
    radar = charts(show_tab(at, "weights"))["radar_top"]["data"]
    assert all("Explain" in trace["theta"] for trace in radar)
    assert [s.key for s in at.slider if s.key.startswith("whatif_")][-1] == "whatif_explainability"


# --- the link carries what the page shows ---------------------------------------------------------


def test_a_link_opens_the_tab_certainty_pair_and_judgements_it_carries() -> None:
    rec = recommend(KB, RECOMMEND)
    third, fourth = (r.option for r in rec.qualifying[2:4])
    pair_id = "modality__cost"
    view = {
        "tab": "sure",
        "certainty": "not_sure",
        "pair": f"{third};{fourth}",
        "ahp": f"{pair_id}=5",
    }
    at = open_page(query={**encode_query(RECOMMEND.to_dict(), "wsm", None), **view})
    assert not at.exception and not link_warnings(at)
    assert at.select_slider(key=CERTAINTY_KEY).value == "Not sure"
    assert {k: at.query_params.get(k) for k in view} == view, "the URL keeps the view"
    show_tab(at, "compare")
    assert (at.selectbox(key=A_KEY).value, at.selectbox(key=B_KEY).value) == (third, fourth)
    show_tab(at, "weights")
    assert at.session_state["ahp_codes"] == {f"ahp_{pair_id}": 5}
    show_tab(at, "sure")
    assert at.select_slider(key=CERTAINTY_KEY).value == "Not sure", "kept across tabs"


def test_a_link_with_some_pairs_answered_reopens_with_those_answered_and_the_rest_not() -> None:
    all_pairs = pairs(KB)
    answered = {all_pairs[1]: 1, all_pairs[3]: -7}  # "equal" is an answer too
    carried = ";".join(f"{a}__{b}={code}" for (a, b), code in answered.items())
    query = {**encode_query(RECOMMEND.to_dict(), "wsm", None), "ahp": carried}
    at = open_page(query=query, tab="weights")
    assert not at.exception and not link_warnings(at)
    assert at.query_params["ahp"] == carried, "the link keeps exactly the answered pairs"
    assert at.session_state["ahp_codes"] == {pair_key(p): c for p, c in answered.items()}
    on_screen = [r for r in at.radio if r.key.startswith("ahp_")]
    assert [r.key for r in on_screen] == [pair_key(all_pairs[0])], "the first unanswered pair"
    assert on_screen[0].value is None, "an unanswered pair stays unanswered"
    assert not any("Consistency ratio" in unescape(c.value) for c in at.caption)
    at.button(key="ahp_next").click().run()
    assert at.radio(key=pair_key(all_pairs[1])).value == 1, "the answered pair shows its answer"
    at.button(key="ahp_next").click().run()
    assert at.radio(key=pair_key(all_pairs[2])).value is None
    at.button(key="ahp_next").click().run()
    assert at.radio(key=pair_key(all_pairs[3])).value == -7
    assert at.query_params["ahp"] == carried, "looking at pairs answers none"


# --- the summary ---------------------------------------------------------------------------------


def test_the_summary_cards_show_the_top_three_qualifying_with_cost_reasons_and_risk(
    pages: dict[str, AppTest],
) -> None:
    rec = recommend(KB, RECOMMEND)
    text = page_text(pages["recommend"])
    for ranked in rec.qualifying[:3]:
        assert f"{ranked.rank}. {ranked.label}" in text
        assert f"{money(ranked.monthly_cost[0])} to {money(ranked.monthly_cost[1])} a month" in text
        risk = next(r for c in ranked.components for r in KB.component(c).risks)
        assert f"*Main risk:* {risk}" in text
    notes = expander(pages["recommend"], "Source notes")
    assert notes.label.startswith("Source notes (")
    assert "1. " in unescape(notes.markdown[0].value)


def test_no_fit_has_no_cards(pages: dict[str, AppTest]) -> None:
    assert "Main risk:" not in page_text(pages["no_fit"])


def test_the_badge_says_whether_the_methods_agree(pages: dict[str, AppTest]) -> None:
    for outcome, answers in OUTCOMES.items():
        tops = {name: recommend(KB, answers, name).top for name in METHODS}
        badges = [unescape(m.value) for m in pages[outcome].markdown if "-badge[" in m.value]
        if len({top.option for top in tops.values()}) == 1:
            assert badges == [":green-badge[:material/check_circle: Both methods agree]"]
        else:
            other = next(n for n, top in tops.items() if n != "wsm")
            assert badges == [
                f":orange-badge[:material/call_split: {METHODS[other].label} puts "
                f"{tops[other].label} first]"
            ], outcome


def test_a_page_opened_without_answers_says_it_rests_on_defaults() -> None:
    at = open_page()
    banner = [unescape(i.value) for i in at.info if "Based on defaults" in i.value]
    shaping = [q for q in KB.questions if q.kind != "text"]  # free text does not move the advice
    assert len(banner) == 1
    assert f"{len(shaping)} questions unanswered" in banner[0]


def test_a_shared_link_is_taken_as_answered() -> None:
    at = open_page(answers=RECOMMEND)
    assert not [i for i in at.info if "Based on defaults" in i.value]
