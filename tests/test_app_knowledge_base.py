"""AppTest of pages/knowledge_base.py: every criterion, option number, rule and source is on the
page, so any number of the recommendation can be traced; a broken data file is a message."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import ui.kb
from scoring.aggregation import NORMALIZATION_NAMES
from scoring.knowledge_base import DATA_DIR, default_knowledge_base, load_knowledge_base
from scoring.ranking import TIE_DECIMALS

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "pages" / "knowledge_base.py"
KB = default_knowledge_base()


def unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.fixture(scope="module")
def page() -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=60).run()
    assert not at.exception, at.exception
    return at


@pytest.fixture(scope="module")
def text(page: AppTest) -> str:
    """All markdown of the page (inside expanders too), unescaped."""
    return "\n".join(unescape(m.value) for m in page.get("markdown"))


def test_version_and_criteria_definitions(page: AppTest, text: str) -> None:
    assert KB.version in text
    for criterion in KB.criteria:
        assert f"**{criterion.name}** ({criterion.id}): {criterion.definition}" in text


def test_every_option_with_its_numbers_rationales_and_sources(page: AppTest, text: str) -> None:
    labels = [e.label for e in page.expander]
    for option in KB.options:
        assert f"{option.label} ({option.id})" in labels
        assert option.summary.strip() in text
        assert option.capabilities.rationale.strip() in text
        for _, score in option.scores:
            assert f": {score.value:g}." in text
            assert score.rationale.strip() in text
            for citation in KB.citations(score):
                assert citation in text


def test_every_option_shows_why_it_has_its_traits(text: str) -> None:
    for option in KB.options:
        assert option.traits_basis.rationale.strip() in text, option.id
        for citation in KB.citations(option.traits_basis):
            assert citation in text, option.id


def test_every_rule_with_its_rationale_and_sources(text: str) -> None:
    model = KB.model
    for sourced in (model.base_points, model.modality_fit, model.cost_per_use_share):
        assert sourced.rationale.strip() in text
    for rule in (*model.weight_rules, *model.score_rules):
        assert rule.rationale.strip() in text
        for citation in KB.citations(rule):
            assert citation in text
    assert f"{model.min_points:g}" in text


def test_method_names_both_aggregations_normalisations_ties_and_requirements(text: str) -> None:
    assert "Weighted sum" in text and "TOPSIS" in text
    for description in NORMALIZATION_NAMES.values():
        assert description in text
    assert f"{TIE_DECIMALS} decimal places" in text
    assert "catalogue order" in text
    assert "off premises" in text


def test_sources_list_every_seed_and_fact(page: AppTest) -> None:
    frames = [d.value for d in page.dataframe]
    ids = {i for frame in frames for i in frame.index}
    assert {s.id for s in KB.sources.seeds} <= ids
    assert {f.id for f in KB.sources.facts} <= ids
    facts = next(f for f in frames if "Figure" in f.columns)
    assert facts.loc[KB.sources.facts[0].id, "Date"] == KB.sources.facts[0].date


def test_a_broken_data_file_is_a_clear_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "data"
    shutil.copytree(DATA_DIR, broken)
    (broken / "criteria.yaml").write_text("criteria: [unclosed", encoding="utf-8")
    monkeypatch.setattr(ui.kb, "load_knowledge_base", lambda: load_knowledge_base(broken))
    ui.kb._cached_knowledge_base.clear()
    try:
        at = AppTest.from_file(str(PAGE), default_timeout=60).run()
        assert not at.exception
        errors = [unescape(e.value) for e in at.error]
        assert len(errors) == 1 and "criteria.yaml" in errors[0], errors
    finally:
        ui.kb._cached_knowledge_base.clear()
