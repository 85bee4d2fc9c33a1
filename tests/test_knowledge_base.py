"""The shipped knowledge base in data/ (complete, sourced, dated) and the loader's error messages
for a broken copy: each names the file, the entry and the field (issue "Seams")."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from support import corrupt, edit_yaml, knowledge_base_error, load_yaml

from scoring.knowledge import DATA_DIR, KnowledgeBase, load_knowledge_base
from scoring.knowledge.schema import UNDATED, Cited, Sourced

SPEC_APPROACHES = {
    "text_llm",
    "rag_assistant",
    "multimodal_llm",
    "document_ai",
    "speech_ai",
    "audio_generation",
    "image_generation",
    "video_generation",
    "3d_generation",
    "synthetic_data_generation",
    "predictive_ml",
}
SPEC_DEPLOYMENTS = {"hosted_api", "private_cloud", "self_hosted"}
MODALITIES = {"text", "image", "audio", "video", "3d", "tabular"}
STALE_MONTHS = 18  # SPEC, Named products: no shortlisted price older than 18 months
SEED_FINGERPRINTS = Path(__file__).resolve().parent / "data" / "seed_fingerprints.txt"
"""Hashes of the seed articles' lines and 8-word shingles (the articles themselves live outside the
repository; the tests need only these fingerprints)."""


def _fingerprint(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def _seed_fingerprints() -> tuple[set[str], dict[str, set[str]]]:
    shingles: set[str] = set()
    lines: dict[str, set[str]] = {}
    for row in SEED_FINGERPRINTS.read_text(encoding="utf-8").splitlines():
        if row.startswith("shingle "):
            shingles.add(row.split()[1])
        elif row.startswith("line "):
            _, name, digest = row.split()
            lines.setdefault(name, set()).add(digest)
    return shingles, lines


# Section headings of the two seed articles, transcribed by hand from ../shared/seeds/ (an
# independent copy, so the check below works where the seed files are not available).
SEED_HEADINGS = {
    "000_03ea011f5ca9663b.txt": {
        "Understanding the Basics of Generative AI",
        "Defining Generative AI",
        "Key Features of Generative AI",
        "Applications of Generative AI",
        "Art & Content Creation",
        "Media & Entertainment",
        "AI Model Development",
        "Delving Into the World of LLMs",
        "Unique Characteristics of LLMs",
        "Uses of LLM in Various Industries",
        "Healthcare",
        "Customer Service",
        "Law",
        "Education",
        "The Core Differences Between Generative AI & LLMs",
        "Functionality & Performance",
        "Flexibility & Adaptability",
        "Efficiency & Accuracy",
        "Strengths & Weaknesses of Generative AI & LLM",
        "Pros & Cons of Generative AI",
        "Advantages & Disadvantages of LLMs",
        "Questions?",
    },
    "001_4a35682ad962edf4.txt": {
        "What are large language models?",
        "Examples of LLMs",
        "Multimodal LLMs",
        "What is generative AI?",
        "5 types of generative AI",
        "Examples of GenAI",
        "How do LLMs and GenAI work together?",
        "Engaging AI chatbots",
        "Personalized promotional content",
        "Translations",
        "Challenges with LLMs and GenAI",
        "Hallucinations",
        "Biased responses",
        "Data privacy",
        "How do businesses benefit from LLMs and GenAI",
    },
}


def sourced_entries(kb: KnowledgeBase) -> Iterator[tuple[str, Sourced]]:
    """Every reason the product can show (our words plus citations), with a readable location."""
    for approach in kb.approaches:
        yield f"approaches.{approach.id}.capabilities", approach.capabilities
    for deployment in kb.deployments:
        for key, score in deployment.scores.items():
            yield f"deployments.{deployment.id}.scores.{key}", score
    for c in kb.components:
        yield f"{c.id}.needs", c.needs
        for key, score in c.scores.items():
            yield f"{c.id}.scores.{key}", score
        for n, usage in enumerate(c.cost.usage, start=1):
            yield f"{c.id}.cost.usage[{n}]", usage
        for part in ("infrastructure", "staff_fte", "integration"):
            yield f"{c.id}.cost.fixed.{part}", getattr(c.cost.fixed, part)
    model = kb.model
    for part in ("base_points", "modality_fit", "no_task_fit", "integration_penalty"):
        yield f"model.{part}", getattr(model, part)
    for group in ("weight_rules", "score_rules"):
        for n, rule in enumerate(getattr(model, group), start=1):
            yield f"model.{group}[{n}]", rule
    money = kb.money
    for work in money.work:
        yield f"money.work.{work.id}", work
    for part in (
        "budget_ceilings",
        "staff_monthly_cost",
        "ml_staff_factor",
        "combination_integration",
        "cost_score",
    ):
        yield f"money.{part}", getattr(money, part)


def cited_entries(kb: KnowledgeBase) -> Iterator[tuple[str, Cited]]:
    yield from sourced_entries(kb)
    for industry, uses in kb.industries.items():
        for n, use in enumerate(uses, start=1):
            yield f"industries.{industry}[{n}]", use


def oldest_reading(text: str) -> date:
    """The first day a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` date can mean."""
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def months_before(day: date, months: int) -> date:
    """The same day of the month ``months`` earlier (clamped to the month's last day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError(day)  # pragma: no cover


# --- the shipped knowledge base ----------------------------------------------------------------------


def test_shipped_knowledge_base_loads_with_version_and_review_date(kb) -> None:
    assert re.fullmatch(r"\d{4}\.\d+\.\d+", kb.version)
    assert date.fromisoformat(kb.reviewed).isoformat() == kb.reviewed
    criteria = load_yaml(DATA_DIR / "criteria.yaml")["criteria"]
    assert kb.criterion_ids == tuple(c["id"] for c in criteria)  # the file's order, everywhere
    assert {c.kind for c in kb.criteria} <= {"reviewed", "mixed", "computed"}


def test_an_intact_copy_loads_the_same(data_copy: Path, kb) -> None:
    """With the loader as shipped (pure-Python YAML)."""
    copy = load_knowledge_base(data_copy)
    assert copy.component_ids == kb.component_ids
    assert copy.criterion_ids == kb.criterion_ids
    np.testing.assert_array_equal(copy.arrays.reviewed, kb.arrays.reviewed)
    np.testing.assert_array_equal(copy.arrays.usage_price, kb.arrays.usage_price)


def test_spec_approaches_and_deployments_are_present(kb) -> None:
    assert {a.id for a in kb.approaches} >= SPEC_APPROACHES
    assert {d.id for d in kb.deployments} >= SPEC_DEPLOYMENTS


def test_components_are_an_approach_in_a_deployment_in_catalogue_order(kb) -> None:
    approaches = [a.id for a in kb.approaches]
    deployments = [d.id for d in kb.deployments]
    assert len(set(kb.component_ids)) == len(kb.component_ids)
    for component in kb.components:
        assert component.id == f"{component.approach}:{component.deployment}"
        assert component.approach in approaches and component.deployment in deployments
    order = [(approaches.index(c.approach), deployments.index(c.deployment)) for c in kb.components]
    assert order == sorted(order)
    assert {c.approach for c in kb.components} == set(approaches), "every approach has a component"


def test_approaches_read_write_and_do_known_things(kb) -> None:
    tasks = set(kb.choice_ids("tasks"))
    assert set(kb.choice_ids("output_modalities")) == MODALITIES
    for approach in kb.approaches:
        assert approach.writes and set(approach.writes) <= MODALITIES, approach.id
        assert approach.reads and set(approach.reads) <= MODALITIES, approach.id
        assert approach.tasks and set(approach.tasks) <= tasks, approach.id
    done = {t for a in kb.approaches for t in a.tasks}
    assert done == tasks, "every task the questionnaire offers is done by some approach"


def test_spec_descriptions_match_capabilities(kb) -> None:
    """SPEC's one-line definitions of the approaches and deployments, as facts about the data."""
    a = kb.approach
    assert a("text_llm").writes == ("text",)
    assert {"draft_documents", "translate", "write_code"} <= set(a("text_llm").tasks)
    assert (
        a("rag_assistant").grounded and "answer_from_company_documents" in a("rag_assistant").tasks
    )
    assert a("multimodal_llm").writes == ("text",)
    assert {"image", "audio", "video"} <= set(a("multimodal_llm").reads)
    assert "extract_from_documents" in a("document_ai").tasks
    assert {"transcribe_speech", "speak_text"} <= set(a("speech_ai").tasks)
    assert {"text", "audio"} <= set(a("speech_ai").writes)
    assert "audio" in a("audio_generation").writes
    assert "image" in a("image_generation").writes
    assert "video" in a("video_generation").writes
    assert "3d" in a("3d_generation").writes and "image" in a("3d_generation").reads
    assert "generate_synthetic_data" in a("synthetic_data_generation").tasks
    assert a("predictive_ml").writes == ("tabular",) and not a("predictive_ml").creative
    assert "classify_or_predict" in a("predictive_ml").tasks
    d = kb.deployment
    assert d("self_hosted").on_premises and not d("self_hosted").standard_terms
    assert d("hosted_api").standard_terms and not d("hosted_api").on_premises
    assert not d("private_cloud").standard_terms and not d("private_cloud").on_premises


def test_every_component_scores_every_reviewed_and_mixed_criterion(kb) -> None:
    for component in kb.components:
        for criterion in kb.criteria:
            score = kb.score_of(component, criterion.id)
            if criterion.kind == "computed":
                assert score is None, (component.id, criterion.id)
                continue
            assert score is not None, (component.id, criterion.id)
            assert 0 <= score.value <= 100, (component.id, criterion.id)


def test_every_band_fits_its_basis(kb) -> None:
    """Sourced numbers are known to within 10 points; the team's judgement is wider."""
    scores = [s for d in kb.deployments for s in d.scores.values()]
    scores += [s for c in kb.components for s in c.scores.values()]
    assert scores
    for score in scores:
        if score.basis == "sourced":
            assert score.band <= 10, score
        else:
            assert score.basis == "judgement" and score.band >= 10, score


def test_every_reason_has_a_rationale_and_a_citation(kb) -> None:
    entries = list(sourced_entries(kb))
    assert len(entries) >= len(kb.components) * (len(kb.criteria) + 1)
    for where, sourced in entries:
        assert len(sourced.rationale.split()) >= 3, where
        assert sourced.sources, where
        for line in kb.citations(sourced):
            assert len(line) > 20, where


def test_every_citation_names_a_known_source(kb) -> None:
    for where, cited in cited_entries(kb):
        for cite in cited.sources:
            if cite.source in kb.seeds:
                assert cite.section in kb.seeds[cite.source].sections, (where, cite)
            else:
                assert cite.source in kb.facts, (where, cite)
                assert cite.section is None, (where, cite)
                date_ = kb.facts[cite.source].date
                assert re.match(r"\d{4}", date_) or date_ == UNDATED, cite.source


def test_every_reason_rests_on_a_seed_section_or_a_dated_fact(kb) -> None:
    """An undated fact may add context to a profile's reason but never stands alone (the rules
    of data/model.yaml may rest on one: they state the team's reading of it)."""
    dated = {i for i, f in kb.facts.items() if f.date != UNDATED}
    profiles = ("approaches.", "deployments.", *(f"{c}." for c in kb.component_ids))
    for where, sourced in sourced_entries(kb):
        if not where.startswith(profiles):
            continue
        assert any(c.section is not None or c.source in dated for c in sourced.sources), where


def test_seed_sections_are_real_headings_of_the_seed_articles(kb) -> None:
    assert {s.file for s in kb.seeds.values()} == set(SEED_HEADINGS)
    for seed in kb.seeds.values():
        assert set(seed.sections) <= SEED_HEADINGS[seed.file], seed.id


def test_seed_headings_appear_as_lines_in_the_seed_files(kb) -> None:
    _, lines = _seed_fingerprints()
    for seed in kb.seeds.values():
        assert {_fingerprint(h) for h in SEED_HEADINGS[seed.file]} <= lines[seed.file], seed.file
        assert {_fingerprint(h) for h in seed.sections} <= lines[seed.file], seed.id


def _shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_rationales_and_industry_uses_are_in_our_own_words(kb) -> None:
    """Nothing copies eight consecutive words from a seed article."""
    seed_text, _ = _seed_fingerprints()
    assert seed_text

    def copied(text: str) -> set[str]:
        return {_fingerprint(" ".join(s)) for s in _shingles(text)} & seed_text

    for where, sourced in sourced_entries(kb):
        assert not copied(sourced.rationale), where
    for industry, uses in kb.industries.items():
        for use in uses:
            assert not copied(use.text), (industry, use.text)


def test_the_own_words_check_catches_a_copied_sentence() -> None:
    """The fingerprints are the articles': a sentence taken from one is caught."""
    seed_text, _ = _seed_fingerprints()
    copied = (
        "Generative AI and LLMs are two powerful technologies revolutionizing various industries"
    )
    assert {_fingerprint(" ".join(s)) for s in _shingles(copied)} & seed_text


def test_every_industry_choice_has_an_entry_naming_known_approaches(kb) -> None:
    assert set(kb.industries) == set(kb.choice_ids("industry"))
    described = [i for i, uses in kb.industries.items() if uses]
    assert len(described) >= 10, "the articles discuss at least ten sectors"
    approaches = {a.id for a in kb.approaches}
    for industry, uses in kb.industries.items():
        for use in uses:
            assert set(use.approaches) <= approaches, industry


def test_model_and_money_are_consistent(kb) -> None:
    assert sum(kb.model.modality_fit.values.values()) == pytest.approx(1.0)
    assert all(v > 0 for v in kb.model.base_points.values.values())
    assert set(kb.model.base_points.values) == set(kb.criterion_ids)
    volumes = kb.choice_ids("volume")
    for work in kb.money.work:
        quantities = [work.volume[v] for v in volumes]
        assert quantities == sorted(quantities), work.id
    ceilings = [kb.money.budget_ceilings.values[b] for b in kb.choice_ids("budget")]
    finite = [c for c in ceilings if c is not None]
    assert finite == sorted(finite) and None not in ceilings[: len(finite)]
    assert kb.money.cost_score.cheap < kb.money.cost_score.dear


def test_every_component_has_usage_and_fixed_costs(kb) -> None:
    works = {w.id for w in kb.money.work}
    for component in kb.components:
        assert component.cost.usage, component.id
        for usage in component.cost.usage:
            assert usage.work in works, component.id
            assert 0 <= usage.price.low <= usage.price.high, component.id
        fixed = component.cost.fixed
        for part in (fixed.infrastructure, fixed.staff_fte, fixed.integration):
            assert 0 <= part.low <= part.high, component.id
        if component.needs.gpus:  # a GPU it runs is paid for by the hour, with a monthly floor
            assert any("GPU" in u.unit and u.minimum_units > 0 for u in component.cost.usage), (
                component.id
            )


# --- named products --------------------------------------------------------------------------------


def test_every_shortlist_names_two_to_four_sourced_products(kb) -> None:
    for component in kb.components:
        assert 2 <= len(component.shortlist) <= 4, component.id
        for product in component.shortlist:
            assert product.name and product.vendor and product.licence, (component.id, product)
            assert product.price >= 0 and len(product.price_unit) >= 3, (component.id, product)
            assert product.source in kb.facts, (component.id, product.name)


def test_every_limited_commercial_use_says_its_limits(kb) -> None:
    for component in kb.components:
        for product in component.shortlist:
            assert product.commercial_use in ("yes", "limited", "no"), product.name
            if product.commercial_use != "yes":
                assert len(product.commercial_note.split()) >= 2, (component.id, product.name)


def test_no_shortlisted_price_is_older_than_18_months_at_the_review_date(kb) -> None:
    """Checked on the shipped data directly, day by day, with the oldest reading of a partial
    date, so a stale price fails here even if the loader's own check missed it."""
    reviewed = date.fromisoformat(kb.reviewed)
    limit = months_before(reviewed, STALE_MONTHS)
    for component in kb.components:
        for product in component.shortlist:
            priced = oldest_reading(product.price_date)
            assert limit <= priced <= reviewed, (component.id, product.name, product.price_date)


# --- broken copies of data/ ----------------------------------------------------------------------------


def _component(data: Any, n: int = 0) -> dict[str, Any]:
    return data["components"][n]


class Id(str):
    """A path step that picks the list entry with this ``id`` (robust to reordering)."""


def _step(node: Any, key: Any) -> Any:
    if isinstance(key, Id):
        return next(i for i, entry in enumerate(node) if entry.get("id") == key)
    return key


def _walk(data: Any, path: tuple[Any, ...]) -> tuple[Any, Any]:
    for key in path[:-1]:
        data = data[_step(data, key)]
    return data, _step(data, path[-1])


def _set(path: tuple[Any, ...], value: Any) -> Callable[[Any], None]:
    """An edit that sets the value at ``path`` (keys, list positions or :class:`Id` steps)."""

    def change(data: Any) -> None:
        node, key = _walk(data, path)
        node[key] = value

    return change


def _delete(path: tuple[Any, ...]) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        node, key = _walk(data, path)
        del node[key]

    return change


def _append_copy(key: str, n: int, **changes: Any) -> Callable[[Any], None]:
    """An edit that appends a copy of entry ``n`` of ``data[key]`` with ``changes``."""

    def change(data: Any) -> None:
        entry = dict(data[key][n])
        entry.update(changes)
        data[key].append(entry)

    return change


@pytest.fixture
def libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse the copies with libyaml's C SafeLoader: the same YAML, several times faster, so the
    many broken copies below stay quick. Errors of the YAML itself are tested with the loader as
    shipped (the tests after the table do not use this fixture)."""
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is not None:
        monkeypatch.setattr(yaml, "safe_load", lambda stream: yaml.load(stream, Loader=loader))


TEXT_LLM = "components/text_llm.yaml"
API = ("components", 0)  # text_llm:hosted_api, the first entry of its file
API_EFFICIENCY = (*API, "scores", "efficiency")
API_PRODUCT = (*API, "shortlist", 0)  # GPT-6 Luna


@pytest.mark.parametrize(
    ("file", "edit", "expected"),
    [
        # -- scores: strict numbers, ranges, bands, every criterion scored --
        pytest.param(
            TEXT_LLM,
            _set((*API_EFFICIENCY, "value"), 120),
            ["id 'text_llm:hosted_api'", "scores.efficiency.value", "less than or equal to 100"],
            id="score-of-120",
        ),
        pytest.param(
            TEXT_LLM,
            _set((*API_EFFICIENCY, "value"), True),
            ["id 'text_llm:hosted_api'", "scores.efficiency.value", "must be a number", "True"],
            id="value-true-is-not-a-number",
        ),
        pytest.param(
            TEXT_LLM,
            _set((*API_EFFICIENCY, "value"), "85"),
            ["id 'text_llm:hosted_api'", "scores.efficiency.value", "must be a number"],
            id="value-as-text-is-not-a-number",
        ),
        pytest.param(
            TEXT_LLM,
            _set((*API_EFFICIENCY, "band"), 15),
            ["id 'text_llm:hosted_api'", "scores.efficiency", "sourced score's band is at most 10"],
            id="sourced-band-over-10",
        ),
        pytest.param(
            TEXT_LLM,
            _set((*API_EFFICIENCY, "basis"), "judgement"),
            ["id 'text_llm:hosted_api'", "scores.efficiency", "judgement's band is at least 10"],
            id="judgement-band-under-10",
        ),
        pytest.param(
            TEXT_LLM,
            _delete(API_EFFICIENCY),
            [
                "id 'text_llm:hosted_api'",
                "field scores",
                "criterion 'efficiency' is not scored",
            ],
            id="criterion-a-component-does-not-score",
        ),
        pytest.param(
            "deployments.yaml",
            _delete(("deployments", Id("hosted_api"), "scores", "data_privacy")),
            ["components/", ":hosted_api'", "field scores", "'data_privacy' is not scored"],
            id="criterion-neither-component-nor-deployment-scores",
        ),
        pytest.param(
            TEXT_LLM,
            _set(
                (*API, "scores", "cost"),
                {
                    "value": 50,
                    "band": 5,
                    "basis": "sourced",
                    "rationale": "A made-up cost score for a test.",
                    "sources": [{"source": "team_judgement"}],
                },
            ),
            ["id 'text_llm:hosted_api'", "field scores.cost", "not a reviewed or mixed criterion"],
            id="component-scores-a-computed-criterion",
        ),
        # -- citations --
        pytest.param(
            TEXT_LLM,
            _set((*API_EFFICIENCY, "sources"), [{"source": "blog_post"}]),
            ["id 'text_llm:hosted_api'", "scores.efficiency", "unknown source 'blog_post'"],
            id="unknown-source-id",
        ),
        pytest.param(
            TEXT_LLM,
            _set((*API_EFFICIENCY, "sources"), [{"source": "westlink", "section": "Speed"}]),
            ["id 'text_llm:hosted_api'", "scores.efficiency", "'Speed'", "westlink"],
            id="unknown-seed-section",
        ),
        pytest.param(
            TEXT_LLM,
            _set((*API_EFFICIENCY, "sources"), [{"source": "speed_llm", "section": "Speed"}]),
            ["id 'text_llm:hosted_api'", "scores.efficiency", "fact 'speed_llm' takes no section"],
            id="fact-with-section",
        ),
        pytest.param(
            TEXT_LLM,
            _set((*API_EFFICIENCY, "sources"), []),
            ["id 'text_llm:hosted_api'", "scores.efficiency.sources", "at least 1"],
            id="score-without-citation",
        ),
        # -- components: place, identity, needs --
        pytest.param(
            TEXT_LLM,
            _delete((*API, "summary")),
            ["id 'text_llm:hosted_api'", "field summary", "Field required"],
            id="missing-field",
        ),
        pytest.param(
            TEXT_LLM,
            _set((*API, "deployment"), "on_the_moon"),
            ["id 'text_llm:on_the_moon'", "field deployment", "unknown deployment", "self_hosted"],
            id="unknown-deployment",
        ),
        pytest.param(
            TEXT_LLM,
            _set(("components", 1, "deployment"), "hosted_api"),
            ["id 'text_llm:hosted_api'", "duplicate component"],
            id="duplicate-component",
        ),
        pytest.param(
            "components/image_generation.yaml",
            _set(("components", 0, "approach"), "text_llm"),
            [
                "components/image_generation.yaml",
                "id 'text_llm:hosted_api'",
                "field approach",
                "belongs in data/components/text_llm.yaml",
            ],
            id="component-in-the-wrong-file",
        ),
        pytest.param(
            TEXT_LLM,
            _set((*API, "needs", "ml_team"), "a few"),
            ["id 'text_llm:hosted_api'", "needs.ml_team", "'none', 'some' or 'strong'"],
            id="needs-unknown-ml-team",
        ),
        # -- costs --
        pytest.param(
            TEXT_LLM,
            _set((*API, "cost", "usage", 0, "work"), "telepathy"),
            ["id 'text_llm:hosted_api'", "cost.usage entry 1", "field work", "'telepathy'"],
            id="usage-of-unknown-work",
        ),
        pytest.param(
            TEXT_LLM,
            _set((*API, "cost", "usage", 0, "price"), {"low": 5, "high": 1}),
            ["id 'text_llm:hosted_api'", "cost.usage", "price", "low (5) is above high (1)"],
            id="price-range-upside-down",
        ),
        # -- named products --
        pytest.param(
            TEXT_LLM,
            _set((*API_PRODUCT, "source"), "vendor_blog"),
            [
                "id 'text_llm:hosted_api'",
                "shortlist entry 1 (name 'GPT-6 Luna')",
                "field source",
                "unknown fact 'vendor_blog'",
            ],
            id="unknown-fact-as-shortlist-source",
        ),
        pytest.param(
            TEXT_LLM,
            _set((*API_PRODUCT, "source"), "westlink"),
            ["shortlist entry 1 (name 'GPT-6 Luna')", "field source", "unknown fact 'westlink'"],
            id="seed-is-not-a-fact-for-a-price",
        ),
        pytest.param(
            TEXT_LLM,
            _set((*API_PRODUCT, "price_date"), "2025-01-15"),
            [
                "shortlist entry 1 (name 'GPT-6 Luna')",
                "field price_date",
                "months old",
                "more than 18 months",
            ],
            id="stale-price",
        ),
        pytest.param(
            TEXT_LLM,
            _set((*API_PRODUCT, "price_date"), "2024"),
            ["shortlist entry 1 (name 'GPT-6 Luna')", "field price_date", "months old"],
            id="stale-price-given-as-a-year",
        ),
        pytest.param(
            TEXT_LLM,
            _set((*API_PRODUCT, "price_date"), "2099-01"),
            ["shortlist entry 1 (name 'GPT-6 Luna')", "field price_date", "after the knowledge"],
            id="price-dated-after-the-review",
        ),
        pytest.param(
            TEXT_LLM,
            _set((*API_PRODUCT, "reads"), ["text", "audio"]),
            [
                "shortlist entry 1 (name 'GPT-6 Luna'), field reads",
                "'audio' is not one of text, tabular",
            ],
            id="product-reads-more-than-its-approach",
        ),
        pytest.param(
            TEXT_LLM,
            _set((*API_PRODUCT, "writes"), ["image"]),
            [
                "shortlist entry 1 (name 'GPT-6 Luna'), field writes",
                "'image' is not one of text",
            ],
            id="product-writes-more-than-its-approach",
        ),
        pytest.param(
            TEXT_LLM,
            _set((*API_PRODUCT, "price_date"), "last spring"),
            ["shortlist entry 1 (name 'GPT-6 Luna')", "field price_date", "YYYY"],
            id="price-date-not-a-date",
        ),
        pytest.param(
            TEXT_LLM,
            _delete((*API_PRODUCT, "price_date")),
            ["shortlist entry 1 (name 'GPT-6 Luna')", "field price_date", "Field required"],
            id="price-without-date",
        ),
        pytest.param(
            TEXT_LLM,
            _delete((*API_PRODUCT, "price_unit")),
            ["shortlist entry 1 (name 'GPT-6 Luna')", "field price_unit", "Field required"],
            id="price-without-unit",
        ),
        pytest.param(
            TEXT_LLM,
            _delete((*API_PRODUCT, "source")),
            ["shortlist entry 1 (name 'GPT-6 Luna')", "field source", "Field required"],
            id="price-without-source",
        ),
        pytest.param(
            TEXT_LLM,
            _set((*API_PRODUCT, "commercial_use"), "limited"),
            ["shortlist entry 1 (name 'GPT-6 Luna')", "commercial_note must say the limits"],
            id="limited-use-without-note",
        ),
        pytest.param(
            TEXT_LLM,
            _set((*API, "shortlist"), []),
            ["id 'text_llm:hosted_api'", "field shortlist", "at least 2"],
            id="empty-shortlist",
        ),
        # -- facts: one id across every file --
        pytest.param(
            TEXT_LLM,
            _append_copy("facts", 0, id="team_judgement"),
            [
                "components/text_llm.yaml",
                "facts entry",
                "duplicate id 'team_judgement'",
                "facts_2026.yaml",
            ],
            id="fact-id-repeated-across-files",
        ),
        pytest.param(
            "components/image_generation.yaml",
            _append_copy("facts", 0, id="f26_gpt6_luna"),
            ["duplicate id 'f26_gpt6_luna'", "components/"],
            id="fact-id-repeated-across-component-files",
        ),
        pytest.param(
            "sources.yaml",
            _set(("facts", Id("cost_small_llm"), "date"), "recently"),
            ["sources.yaml", "id 'cost_small_llm'", "field date", "'recently'", UNDATED],
            id="fact-date-not-a-date",
        ),
        # -- approaches --
        pytest.param(
            "approaches.yaml",
            _set(("approaches", Id("text_llm"), "writes"), ["text", "hologram"]),
            ["approaches.yaml", "id 'text_llm'", "field writes", "'hologram'", "tabular"],
            id="unknown-modality-written",
        ),
        pytest.param(
            "approaches.yaml",
            _set(("approaches", Id("text_llm"), "tasks"), ["tell_fortunes"]),
            ["approaches.yaml", "id 'text_llm'", "field tasks", "'tell_fortunes'"],
            id="unknown-task",
        ),
        pytest.param(
            "approaches.yaml",
            _set(("approaches", Id("rag_assistant"), "id"), "text_llm"),
            ["approaches.yaml", "duplicate id 'text_llm'"],
            id="duplicate-approach",
        ),
        pytest.param(
            "approaches.yaml",
            _set(("approaches", Id("speech_ai"), "front_end"), ["video"]),
            ["approaches.yaml", "id 'speech_ai'", "field front_end", "'video'"],
            id="front-end-for-an-input-it-does-not-read",
        ),
        pytest.param(
            "approaches.yaml",
            _set(
                ("approaches", Id("speech_ai"), "makes"), [{"reads": ["image"], "writes": ["text"]}]
            ),
            ["approaches.yaml", "id 'speech_ai'", "field makes, entry 1, reads", "'image'"],
            id="makes-from-an-input-it-does-not-read",
        ),
        pytest.param(
            "approaches.yaml",
            _set(
                ("approaches", Id("speech_ai"), "makes"), [{"reads": ["audio"], "writes": ["text"]}]
            ),
            ["approaches.yaml", "id 'speech_ai'", "field makes", "no entry makes audio"],
            id="makes-leaves-an-output-unmade",
        ),
        pytest.param(
            "approaches.yaml",
            _append_copy("approaches", 0, id="quantum_llm"),
            ["components/quantum_llm.yaml", "approach 'quantum_llm' has no component"],
            id="approach-without-component",
        ),
        # -- criteria and their computations --
        pytest.param(
            "criteria.yaml",
            _set(("criteria", Id("modality"), "computation"), "crystal_ball"),
            [
                "criteria.yaml",
                "id 'modality'",
                "field computation",
                "no computation 'crystal_ball'",
                "monthly_cost",
            ],
            id="criterion-with-unknown-computation",
        ),
        pytest.param(
            "criteria.yaml",
            _set(("criteria", Id("efficiency"), "computation"), "monthly_cost"),
            ["criteria.yaml", "id 'efficiency'", "field computation", "'weakest_component'"],
            id="reviewed-criterion-with-a-computed-computation",
        ),
        pytest.param(
            "criteria.yaml",
            _delete(("criteria", Id("modality"), "swing_range")),
            ["criteria.yaml", "id 'modality'", "swing_range and swing_basis"],
            id="computed-criterion-without-swing",
        ),
        pytest.param(
            "criteria.yaml",
            _set(("criteria", Id("modality"), "kind"), "guessed"),
            ["criteria.yaml", "id 'modality'", "field kind"],
            id="criterion-of-unknown-kind",
        ),
        # -- model.yaml: rules and points --
        pytest.param(
            "model.yaml",
            _set(("weight_rules", 0, "add"), {"speed": -1}),
            ["model.yaml", "weight_rules entry 1", "field add", "'speed'"],
            id="weight-rule-adds-to-unknown-criterion",
        ),
        pytest.param(
            "model.yaml",
            _set(("base_points", "values", "speed"), 1),
            ["model.yaml", "base_points.values", "unknown ['speed']"],
            id="base-point-for-unknown-criterion",
        ),
        pytest.param(
            "model.yaml",
            _delete(("base_points", "values", "cost")),
            ["model.yaml", "base_points.values", "missing ['cost']"],
            id="base-point-missing",
        ),
        pytest.param(
            "model.yaml",
            _set(("score_rules", 0, "add"), {"data_privacy": 5}),
            [
                "model.yaml",
                "score_rules entry 1",
                "field add",
                "'data_privacy' is not a mixed criterion",
            ],
            id="score-rule-moves-a-reviewed-criterion",
        ),
        pytest.param(
            "model.yaml",
            _set(("score_rules", 0, "add"), {"cost": 5}),
            ["model.yaml", "score_rules entry 1", "field add", "'cost' is not a mixed criterion"],
            id="score-rule-moves-a-computed-criterion",
        ),
        pytest.param(
            "model.yaml",
            _set(("score_rules", 0, "components_with"), "open_source"),
            ["model.yaml", "score_rules entry 1", "components_with", "'open_source'"],
            id="score-rule-on-unknown-trait",
        ),
        pytest.param(
            "model.yaml",
            _set(("weight_rules", 0, "components_with"), "creative"),
            ["model.yaml", "weight_rules entry 1", "components_with", "only score rules"],
            id="weight-rule-selecting-components",
        ),
        pytest.param(
            "model.yaml",
            _set(("weight_rules", 0, "when"), {"mood": "low"}),
            ["model.yaml", "weight_rules entry 1", "field when", "'mood'"],
            id="rule-on-unknown-field",
        ),
        pytest.param(
            "model.yaml",
            _set(("weight_rules", 0, "when"), {"organization": "low"}),
            ["model.yaml", "weight_rules entry 1", "'organization' is not a choice field"],
            id="rule-on-text-field",
        ),
        pytest.param(
            "model.yaml",
            _set(("weight_rules", 0, "when"), {"monthly_requests": "1000"}),
            ["model.yaml", "weight_rules entry 1", "'monthly_requests' is not a choice field"],
            id="rule-on-count-field",
        ),
        pytest.param(
            "model.yaml",
            _set(("weight_rules", 0, "when"), {"accuracy_need": "extreme"}),
            ["model.yaml", "weight_rules entry 1", "when.accuracy_need", "'extreme'", "critical"],
            id="rule-on-unknown-value",
        ),
        pytest.param(
            "model.yaml",
            _set(("modality_fit", "values", "focus"), 0.2),
            ["model.yaml", "modality_fit.values", "sum to 1"],
            id="fit-shares-not-summing-to-1",
        ),
        pytest.param(
            "model.yaml",
            _set(("min_points",), 0),
            ["model.yaml", "min_points", "greater than 0"],
            id="min-points-zero",
        ),
        pytest.param(
            "model.yaml",
            _set(("integration_penalty", "points"), True),
            ["model.yaml", "integration_penalty.points", "must be a number"],
            id="penalty-true-is-not-a-number",
        ),
        # -- money.yaml --
        pytest.param(
            "money.yaml",
            _set(("work", Id("text_requests"), "volume", "high"), 10),
            ["money.yaml", "id 'text_requests'", "field volume", "rise with the volume level"],
            id="volume-quantities-not-rising",
        ),
        pytest.param(
            "money.yaml",
            _set(("budget_ceilings", "values", "moderate"), None),
            ["money.yaml", "budget_ceilings.values", "only the last may be null"],
            id="budget-ceiling-null-not-last",
        ),
        pytest.param(
            "money.yaml",
            _set(("cost_score", "cheap"), 10**7),
            ["money.yaml", "cost_score", "cheap must be below dear"],
            id="cost-anchors-upside-down",
        ),
        pytest.param(
            "money.yaml",
            _delete(("ml_staff_factor", "values", "none")),
            ["money.yaml", "ml_staff_factor.values", "missing ['none']"],
            id="staff-factor-missing-a-level",
        ),
        # -- questionnaire, industries, manifest --
        pytest.param(
            "questionnaire.yaml",
            _set(("fields", Id("budget"), "id"), "money"),
            ["questionnaire.yaml", "fields", "missing ['budget']", "unknown ['money']"],
            id="questionnaire-missing-field",
        ),
        pytest.param(
            "questionnaire.yaml",
            _delete(("fields", Id("monthly_requests"), "max")),
            ["questionnaire.yaml", "id 'monthly_requests'", "needs min and max"],
            id="count-question-without-bounds",
        ),
        pytest.param(
            "industries.yaml",
            _set(("industries", Id("healthcare"), "uses", 0, "approaches"), ["quantum_oracle"]),
            ["industries.yaml", "id 'healthcare'", "uses entry 1", "approaches", "quantum_oracle"],
            id="industry-use-names-unknown-approach",
        ),
        pytest.param(
            "industries.yaml",
            _delete(("industries", Id("other"))),
            ["industries.yaml", "industries", "missing ['other']"],
            id="industry-choice-without-entry",
        ),
        pytest.param(
            "manifest.yaml",
            _delete(("version",)),
            ["manifest.yaml", "version", "Field required"],
            id="manifest-without-version",
        ),
        pytest.param(
            "manifest.yaml",
            _set(("reviewed",), "December 2026"),
            ["manifest.yaml", "reviewed"],
            id="review-date-not-iso",
        ),
    ],
)
def test_broken_data_fails_naming_file_entry_and_field(
    libyaml: None, data_copy: Path, file: str, edit: Callable[[Any], None], expected: list[str]
) -> None:
    edit_yaml(data_copy / file, edit)
    message = knowledge_base_error(data_copy)
    assert message.startswith("data/"), message
    assert f"data/{file}" in message or any("/" in part for part in expected), message
    for part in expected:
        assert part in message, f"{part!r} not in: {message}"


def test_the_entries_the_table_above_edits_by_position_are_the_ones_it_names(kb) -> None:
    """Component files are edited by position (entry 1 of text_llm.yaml); keep that honest."""
    text_llm = [c for c in kb.components if c.approach == "text_llm"]
    first, second = text_llm[0], text_llm[1]
    assert first.id == "text_llm:hosted_api" and first.shortlist[0].name == "GPT-6 Luna"
    assert first.scores["efficiency"].basis == "sourced" and first.scores["efficiency"].band < 10
    assert second.deployment != "hosted_api"
    image = next(c for c in kb.components if c.approach == "image_generation")
    assert image.deployment == "hosted_api"


def test_a_price_18_months_and_a_day_old_is_stale(libyaml: None, data_copy: Path, kb) -> None:
    day_too_old = months_before(date.fromisoformat(kb.reviewed), STALE_MONTHS) - timedelta(days=1)
    edit_yaml(data_copy / TEXT_LLM, _set((*API_PRODUCT, "price_date"), day_too_old.isoformat()))
    assert "price_date" in knowledge_base_error(data_copy)


def test_a_price_exactly_18_months_old_may_be_shortlisted(
    libyaml: None, data_copy: Path, kb
) -> None:
    limit = months_before(date.fromisoformat(kb.reviewed), STALE_MONTHS)
    edit_yaml(data_copy / TEXT_LLM, _set((*API_PRODUCT, "price_date"), limit.isoformat()))
    assert load_knowledge_base(data_copy).component("text_llm:hosted_api").shortlist


# --- files that are not YAML at all ---------------------------------------------------------------


def test_a_binary_file_is_named_not_crashed(data_copy: Path) -> None:
    (data_copy / "model.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    message = knowledge_base_error(data_copy)
    assert message.startswith("data/model.yaml: not UTF-8 text"), message
    assert "binary" in message


def test_a_non_utf8_text_file_names_the_line(data_copy: Path) -> None:
    path = data_copy / "components" / "speech_ai.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-8") + b"# caf\xe9\n")
    message = knowledge_base_error(data_copy)
    assert message.startswith("data/components/speech_ai.yaml: not UTF-8 text"), message
    assert "0xe9" in message and re.search(r"line \d+", message)


def test_a_nul_byte_is_reported_as_binary(data_copy: Path) -> None:
    path = data_copy / "criteria.yaml"
    path.write_bytes(path.read_bytes() + b"\x00\n")
    message = knowledge_base_error(data_copy)
    assert "data/criteria.yaml" in message and "NUL byte" in message


def test_invalid_yaml_names_the_file_and_line(data_copy: Path) -> None:
    corrupt(data_copy, "approaches.yaml", "    label: Text LLM\n", "    label: [Text LLM\n")
    message = knowledge_base_error(data_copy)
    assert message.startswith("data/approaches.yaml: not valid YAML"), message
    assert re.search(r"line \d+", message)


def test_missing_file_is_named(data_copy: Path) -> None:
    (data_copy / "model.yaml").unlink()
    message = knowledge_base_error(data_copy)
    assert "data/model.yaml" in message and "missing" in message


def test_missing_components_folder_is_named(data_copy: Path) -> None:
    for path in (data_copy / "components").glob("*.yaml"):
        path.unlink()
    (data_copy / "components").rmdir()
    assert "data/components/" in knowledge_base_error(data_copy)


def test_empty_file_is_reported_not_crashed(data_copy: Path) -> None:
    (data_copy / "criteria.yaml").write_text("", encoding="utf-8")
    assert "data/criteria.yaml" in knowledge_base_error(data_copy)


def test_a_component_file_that_is_a_list_is_reported(data_copy: Path) -> None:
    (data_copy / "components" / "text_llm.yaml").write_text("- 1\n- 2\n", encoding="utf-8")
    assert "data/components/text_llm.yaml" in knowledge_base_error(data_copy)


def test_every_data_file_parses_with_the_pure_python_yaml_loader_too() -> None:
    """The loader uses libyaml when PyYAML was built with it and the pure-Python parser
    otherwise; the two differ on edge cases (an unquoted ``?`` inside a flow mapping passes the
    first and fails the second), so every shipped file must parse with both."""
    for path in sorted(DATA_DIR.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=yaml.SafeLoader) is not None, path.name
