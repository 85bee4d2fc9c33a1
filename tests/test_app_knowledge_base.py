"""AppTest of pages/knowledge_base.py: every criterion, approach, component, price, rule, method
and source is on the page, so any number of the recommendation can be traced; flagged prices are
visible; a sixth criterion appears without code changes; a broken data file is a message.

Expectations come from the knowledge base, never from literals.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support import add_sixth_criterion

import ui.common.knowledge
from scoring.knowledge import (
    DATA_DIR,
    DATA_DIR_ENV,
    KnowledgeBase,
    default_knowledge_base,
    load_knowledge_base,
)
from scoring.knowledge.checks.components import parse_partial_date
from scoring.methods import METHODS, NORMALIZATION_NAMES
from scoring.ranking import TIE_DECIMALS
from scoring.requirements import REQUIREMENTS, money
from ui.knowledge_base import frames, text

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "pages" / "knowledge_base.py"
KB = default_knowledge_base()


def unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def run_page() -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=60).run()
    assert not at.exception, at.exception
    return at


def all_text(at: AppTest) -> str:
    """All markdown and captions of the page (inside expanders and tabs too), unescaped."""
    parts = [m.value for m in at.get("markdown")] + [c.value for c in at.caption]
    return "\n".join(unescape(p) for p in parts)


@pytest.fixture(scope="module")
def page() -> AppTest:
    return run_page()


@pytest.fixture(scope="module")
def shown(page: AppTest) -> str:
    return all_text(page)


@pytest.fixture
def serve(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., AppTest]]:
    """Run the page on another knowledge base: a data folder (``ADVISOR_DATA_DIR``, as the app
    reads it) or, for one that the loader would refuse, a loader standing in for it."""

    def run(
        folder: Path | None = None, loader: Callable[[], KnowledgeBase] | None = None
    ) -> AppTest:
        if folder is not None:
            monkeypatch.setenv(DATA_DIR_ENV, str(folder))
        if loader is not None:
            monkeypatch.setattr(ui.common.knowledge, "load_knowledge_base", lambda *_: loader())
        ui.common.knowledge._cached_knowledge_base.clear()
        return AppTest.from_file(str(PAGE), default_timeout=60).run()

    yield run
    ui.common.knowledge._cached_knowledge_base.clear()


def expander(at: AppTest, prefix: str):  # type: ignore[no-untyped-def]
    return next(e for e in at.expander if e.label.startswith(prefix))


# --- overview and criteria -------------------------------------------------------------------------


def test_overview_shows_version_review_date_and_counts_from_the_data(
    page: AppTest, shown: str
) -> None:
    assert page.title[0].value.startswith("Knowledge base")
    assert KB.version in shown and KB.reviewed in shown
    metrics = {m.label: m.value for m in page.metric}
    assert metrics == {label: str(count) for label, count in text.counts(KB).items()}
    assert metrics["Components"] == str(len(KB.components))


def test_every_criterion_with_definition_kind_computation_and_swing(shown: str) -> None:
    for k, criterion in enumerate(KB.criteria):
        assert f"**{criterion.name}** (`{criterion.id}`): {criterion.definition.strip()}" in shown
        assert f"*Kind:* {criterion.kind}" in shown
        assert f"`{criterion.computation}`" in shown
        assert f"*Swing range:* {KB.arrays.swing[k]:g} points" in shown


# --- the catalogue ---------------------------------------------------------------------------------


def test_catalogue_is_grouped_by_approach_with_a_tab_per_component(page: AppTest) -> None:
    for approach in KB.approaches:
        block = expander(page, f"{approach.label} ({approach.id})")
        components = [c for c in KB.components if c.approach == approach.id]
        assert [t.label for t in block.tabs] == [
            KB.deployment(c.deployment).label for c in components
        ]
        inside = all_text(block)
        assert approach.summary.strip() in inside
        assert approach.capabilities.rationale.strip() in inside
        for tab, component in zip(block.tabs, components, strict=True):
            in_tab = all_text(tab)
            assert component.summary.strip() in in_tab
            assert component.needs.rationale.strip() in in_tab
            for criterion in KB.criteria:
                score = KB.score_of(component, criterion.id)
                if criterion.kind != "computed" and score is not None:
                    assert f"{criterion.name}: {score.value:g} ± {score.band:g}" in in_tab
                    assert score.rationale.strip() in in_tab
            assert all(u.rationale.strip() in in_tab for u in component.cost.usage)
            assert all(r in in_tab for r in component.risks)
            (table,) = tab.table
            assert table.value.index.tolist() == [p.name for p in component.shortlist]
            assert all(KB.cite(p.source) in in_tab for p in component.shortlist)


def test_pairs_not_offered_are_shown(page: AppTest, shown: str) -> None:
    offer = next(t.value for t in page.table if t.value.index.name == "Approach")
    assert offer.equals(frames.offer_frame(KB))
    for approach in KB.approaches:
        missing = text.not_offered(KB, approach)
        if missing:
            assert f"*Not offered as:* {', '.join(d.label for d in missing)}." in shown


def test_reviewed_scores_at_a_glance(page: AppTest) -> None:
    frame = next(d.value for d in page.dataframe if d.value.index.name == "Component")
    assert frame.index.tolist() == [text.component_label(KB, c) for c in KB.components]
    stated = [c.short for c in KB.criteria if c.kind != "computed"]
    assert set(stated) <= set(frame.columns)


def test_flagged_prices_are_warned_about_on_the_shipped_knowledge_base(page: AppTest) -> None:
    flagged = frames.stale_prices(KB)
    warnings = [unescape(w.value) for w in page.warning]
    if flagged:
        assert any(all(f in w for f in flagged) for w in warnings)
    else:
        assert not any("shortlisted price" in w for w in warnings)


def test_old_prices_are_flagged_in_the_table_and_a_warning(serve) -> None:  # type: ignore[no-untyped-def]
    products = [p for c in KB.components for p in c.shortlist]
    newest = max(parse_partial_date(p.price_date) for p in products)
    later = f"{newest.year + 2}-{newest.month:02d}-01"  # every price is now over 12 months old
    at = serve(loader=lambda: dataclasses.replace(KB, reviewed=later))
    assert not at.exception, at.exception
    warnings = [unescape(w.value) for w in at.warning]
    assert any(f"{len(products)} shortlisted prices are over" in w for w in warnings)
    shortlists = [t.value for t in at.table if frames.PRICE_AGE_COLUMN in t.value.columns]
    assert len(shortlists) == len(KB.components)
    for frame in shortlists:
        assert all(age.startswith(frames.STALE_MARK) for age in frame[frames.PRICE_AGE_COLUMN])


# --- deployments and money --------------------------------------------------------------------------


def test_deployments_with_their_contract_and_privacy(page: AppTest) -> None:
    for deployment in KB.deployments:
        inside = all_text(expander(page, f"{deployment.label} ({deployment.id})"))
        assert deployment.summary.strip() in inside
        for criterion_id, score in deployment.scores.items():
            assert f"{KB.criterion(criterion_id).name}: {score.value:g} ± {score.band:g}" in inside
            assert score.rationale.strip() in inside


def test_money_volume_levels_ceilings_staff_and_cost_anchors(page: AppTest, shown: str) -> None:
    tables = {t.value.index.name: t.value for t in page.table}
    assert tables["Work"].equals(frames.volume_frame(KB))
    assert tables["Budget"].equals(frames.ceilings_frame(KB))
    m = KB.money
    assert all(w.rationale.strip() in shown for w in m.work)
    assert text.dollars(m.staff_monthly_cost.low, m.staff_monthly_cost.high) in shown
    assert m.ml_staff_factor.rationale.strip() in shown
    extra = m.combination_integration
    assert f"{text.dollars(extra.low, extra.high)} per extra component" in shown
    assert money(m.cost_score.cheap) in shown and money(m.cost_score.dear) in shown
    assert f"log10({text.number(m.cost_score.dear)})" in shown


# --- the method ----------------------------------------------------------------------------------------


def test_every_rule_with_its_rationale_and_sources(shown: str) -> None:
    model = KB.model
    for sourced in (
        model.base_points,
        model.modality_fit,
        model.no_task_fit,
        model.integration_penalty,
    ):
        assert sourced.rationale.strip() in shown
    for rule in (*model.weight_rules, *model.score_rules):
        assert rule.rationale.strip() in shown
        assert all(c in shown for c in KB.citations(rule))
    assert f"{model.min_points:g}" in shown


def test_method_requirements_ranking_methods_and_robustness(shown: str) -> None:
    assert all(f"\n{n}. " in shown for n in range(1, len(REQUIREMENTS) + 1))
    assert f"{TIE_DECIMALS} decimal places" in shown
    for method in METHODS.values():
        assert method.describe in shown
    for description in NORMALIZATION_NAMES.values():
        assert description in shown
    assert "meet your requirements, or from all solutions when none does" in shown
    assert "Robustness (SMAA)" in shown and "within its band" in shown


# --- industries and sources ----------------------------------------------------------------------------------


def test_every_industry_has_its_uses(page: AppTest) -> None:
    labels = [e.label for e in page.expander]
    for choice in KB.question("industry").choices:
        assert choice.label in labels
        inside = all_text(expander(page, choice.label))
        for use in KB.industries.get(choice.id, ()):
            assert use.text in inside


def test_sources_list_every_seed_and_fact(page: AppTest) -> None:
    seeds = next(t.value for t in page.table if "Sections (headings)" in t.value.columns)
    assert seeds.index.tolist() == list(KB.seeds)
    facts = next(d.value for d in page.dataframe if "Figure" in d.value.columns)
    assert facts.index.tolist() == list(KB.facts)
    first = next(iter(KB.facts.values()))
    assert facts.loc[first.id, "Date"] == first.date
    assert set(facts["Source kind"]) <= {"official", "third party"}


# --- other knowledge bases ------------------------------------------------------------------------------------


def test_a_sixth_criterion_appears_without_code_changes(serve, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    add_sixth_criterion(data)
    six = load_knowledge_base(data)
    at = serve(folder=data)
    assert not at.exception, at.exception
    extra = six.criteria[-1]
    assert f"**{extra.name}** (`{extra.id}`)" in all_text(at)
    assert {m.label: m.value for m in at.metric}["Criteria"] == str(len(six.criteria))
    glance = next(d.value for d in at.dataframe if d.value.index.name == "Component")
    assert extra.short in glance.columns


def test_a_broken_data_file_is_a_clear_message_not_a_traceback(serve, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "data"
    shutil.copytree(DATA_DIR, broken)
    (broken / "criteria.yaml").write_text("criteria: [unclosed", encoding="utf-8")
    at = serve(folder=broken)
    assert not at.exception
    errors = [unescape(e.value) for e in at.error]
    assert len(errors) == 1 and "criteria.yaml" in errors[0], errors
