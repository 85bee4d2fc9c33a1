"""The shipped knowledge base in data/: complete, sourced, and its loader's error messages."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from scoring.kb_schema import UNDATED, Sourced
from scoring.knowledge_base import (
    CRITERIA,
    DATA_DIR,
    KnowledgeBase,
    KnowledgeBaseError,
    load_knowledge_base,
)

SPEC_OPTION_IDS = {
    "llm_api",
    "llm_self_hosted",
    "multimodal_llm",
    "image_generation",
    "video_generation",
    "audio_generation",
    "3d_generation",
    "synthetic_data_generation",
    "llm_genai_pipeline",
}
MODALITIES = {"text", "image", "audio", "video", "3d", "tabular"}
SEEDS_DIR = Path(os.environ.get("SEEDS_DIR", Path(__file__).resolve().parents[2] / "shared/seeds"))

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
    """Every reason the product can show, with a readable location."""
    for option in kb.options:
        yield f"{option.id}.traits_basis", option.traits_basis
        yield f"{option.id}.capabilities", option.capabilities
        for key, score in option.scores:
            yield f"{option.id}.scores.{key}", score
    model = kb.model
    yield "model.base_points", model.base_points
    yield "model.modality_fit", model.modality_fit
    yield "model.cost_per_use_share", model.cost_per_use_share
    for group in ("weight_rules", "score_rules"):
        for n, rule in enumerate(getattr(model, group), start=1):
            yield f"model.{group}[{n}]", rule


# --- the shipped knowledge base ------------------------------------------------------------------------


def test_shipped_knowledge_base_loads_with_version(kb) -> None:
    assert re.fullmatch(r"\d{4}\.\d+\.\d+", kb.version)
    assert tuple(c.id for c in kb.criteria) == CRITERIA
    assert load_knowledge_base(DATA_DIR).option_ids == kb.option_ids


def test_every_spec_option_is_present_once(kb) -> None:
    assert set(kb.option_ids) >= SPEC_OPTION_IDS
    assert len(set(kb.option_ids)) == len(kb.option_ids)


def test_options_read_and_write_known_modalities(kb) -> None:
    for option in kb.options:
        assert option.writes and set(option.writes) <= MODALITIES, option.id
        assert option.reads and set(option.reads) <= MODALITIES, option.id


def test_spec_descriptions_match_capabilities(kb) -> None:
    """The spec's one-line definitions, as facts about reads/writes/traits."""
    o = kb.option
    assert o("llm_api").writes == ("text",) and not o("llm_api").traits.self_hosted
    assert o("llm_self_hosted").traits.self_hosted and o("llm_self_hosted").traits.fine_tunable
    assert o("multimodal_llm").writes == ("text",)
    assert {"image", "audio", "video"} <= set(o("multimodal_llm").reads)
    assert "image" in o("image_generation").writes
    assert "video" in o("video_generation").writes
    assert "audio" in o("audio_generation").writes
    assert "3d" in o("3d_generation").writes and "image" in o("3d_generation").reads
    assert "generate_synthetic_data" in o("synthetic_data_generation").tasks
    pipeline = set(o("llm_genai_pipeline").writes)
    assert "text" in pipeline and pipeline & {"image", "audio", "video"}


def test_every_score_is_0_to_100_with_rationale_and_citation(kb) -> None:
    for option in kb.options:
        for key, score in option.scores:
            assert 0 <= score.value <= 100, (option.id, key)
    entries = list(sourced_entries(kb))
    assert len(entries) >= 9 * 6 + 5
    for where, sourced in entries:
        assert len(sourced.rationale.split()) >= 3, where
        assert sourced.sources, where
        for line in kb.citations(sourced):
            assert len(line) > 20, where


def test_every_citation_names_a_known_source(kb) -> None:
    seeds = {s.id: s for s in kb.sources.seeds}
    facts = {f.id: f for f in kb.sources.facts}
    for where, sourced in sourced_entries(kb):
        for cite in sourced.sources:
            if cite.source in seeds:
                assert cite.section in seeds[cite.source].sections, (where, cite)
            else:
                assert cite.source in facts, (where, cite)
                assert cite.section is None, (where, cite)
                # A year as facts.md gives it, or the explicit marker of a fact it leaves undated.
                date = facts[cite.source].date
                assert re.match(r"\d{4}", date) or date == UNDATED, cite.source


def test_every_option_entry_rests_on_a_seed_section_or_a_dated_fact(kb) -> None:
    """An undated fact may add context to an option's reason but never stands alone."""
    dated = {f.id for f in kb.sources.facts if f.date != UNDATED}
    for option in kb.options:
        entries = [("traits_basis", option.traits_basis), ("capabilities", option.capabilities)]
        for where, sourced in [*entries, *option.scores]:
            assert any(c.section is not None or c.source in dated for c in sourced.sources), (
                option.id,
                where,
            )


def test_every_option_explains_its_traits(kb) -> None:
    """The traits decide the on-premises requirement and the score rules, so each is reasoned."""
    for option in kb.options:
        assert len(option.traits_basis.rationale.split()) >= 20, option.id
        assert option.traits_basis.sources, option.id


def test_seed_sections_are_real_headings_of_the_seed_articles(kb) -> None:
    assert {s.file for s in kb.sources.seeds} == set(SEED_HEADINGS)
    for seed in kb.sources.seeds:
        assert set(seed.sections) <= SEED_HEADINGS[seed.file], seed.id
    cited = {
        (cite.source, cite.section)
        for _, sourced in sourced_entries(kb)
        for cite in sourced.sources
        if cite.section is not None
    }
    files = {s.id: s.file for s in kb.sources.seeds}
    for source, section in cited:
        assert section in SEED_HEADINGS[files[source]], (source, section)


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"seed articles not found in {SEEDS_DIR}")
def test_seed_headings_appear_as_lines_in_the_seed_files(kb) -> None:
    for seed in kb.sources.seeds:
        lines = {line.strip() for line in (SEEDS_DIR / seed.file).read_text().splitlines()}
        assert SEED_HEADINGS[seed.file] <= lines, seed.file
        assert set(seed.sections) <= lines, seed.id


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"seed articles not found in {SEEDS_DIR}")
def test_rationales_are_in_our_own_words(kb) -> None:
    """No rationale copies eight consecutive words from a seed article."""

    def shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z0-9']+", text.lower())
        return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}

    seed_text = set().union(*(shingles(p.read_text()) for p in SEEDS_DIR.glob("*.txt")))
    assert seed_text
    for where, sourced in sourced_entries(kb):
        assert not shingles(sourced.rationale) & seed_text, where


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"seed articles not found in {SEEDS_DIR}")
def test_every_industry_choice_has_uses_from_the_seeds_in_our_words(kb) -> None:
    assert set(kb.industries) == set(kb.choice_ids("industry"))
    described = [i for i, uses in kb.industries.items() if uses]
    assert len(described) >= 10, "the articles discuss at least ten sectors"
    seed_words = " ".join(p.read_text().lower() for p in SEEDS_DIR.glob("*.txt"))
    for industry, uses in kb.industries.items():
        for use in uses:
            assert all(option in kb.option_ids for option in use.options), industry
            words = re.findall(r"[a-z0-9']+", use.text.lower())
            runs = {" ".join(words[i : i + 8]) for i in range(len(words) - 7)}
            assert not any(run in seed_words for run in runs), (industry, use.text)


def test_model_shares_and_points(kb) -> None:
    assert sum(kb.model.modality_fit.values.values()) == pytest.approx(1.0)
    shares = [kb.model.cost_per_use_share.values[v] for v in kb.choice_ids("volume")]
    assert shares == sorted(shares), "price per use weighs more as volume grows"
    assert all(v > 0 for v in kb.model.base_points.values.values())


# --- broken copies of data/ ------------------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def corrupt(data: Path, file: str, old: str, new: str) -> None:
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"fixture text {old!r} not found in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def load_error(data: Path) -> str:
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge_base(data)
    return str(info.value)


def test_an_intact_copy_loads(data_copy: Path, kb) -> None:
    copy = load_knowledge_base(data_copy)
    assert copy.option_ids == kb.option_ids
    assert (copy.arrays.base_scores == kb.arrays.base_scores).all()


LLM_API_EFFICIENCY = "      efficiency:\n        value: 85\n"


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        pytest.param(
            "options.yaml",
            LLM_API_EFFICIENCY,
            "      efficiency:\n        value: 120\n",
            [
                "options.yaml",
                "id 'llm_api'",
                "scores.efficiency.value",
                "less than or equal to 100",
            ],
            id="score-of-120",
        ),
        pytest.param(
            "options.yaml",
            "sources: [{source: westlink, section: Efficiency & Accuracy}, {source: speed_llm}]",
            "sources: [{source: westlink, section: Efficiency & Accuracy}, {source: blog_post}]",
            ["options.yaml", "id 'llm_api'", "scores.efficiency", "unknown source 'blog_post'"],
            id="unknown-source-id",
        ),
        pytest.param(
            "options.yaml",
            "sources: [{source: westlink, section: Efficiency & Accuracy}, {source: speed_llm}]",
            "sources: [{source: westlink, section: Speed of LLMs}, {source: speed_llm}]",
            ["options.yaml", "id 'llm_api'", "scores.efficiency", "'Speed of LLMs'", "westlink"],
            id="unknown-seed-section",
        ),
        pytest.param(
            "options.yaml",
            "    label: Hosted LLM API\n",
            "",
            ["options.yaml", "id 'llm_api'", "field label", "Field required"],
            id="missing-field",
        ),
        pytest.param(
            "options.yaml",
            "    writes: [text]\n",
            "    writes: [text, hologram]\n",
            ["options.yaml", "id 'llm_api'", "field writes", "'hologram'", "tabular"],
            id="unknown-modality-written",
        ),
        pytest.param(
            "options.yaml",
            "    tasks: [answer_questions, summarize_documents,",
            "    tasks: [tell_fortunes, summarize_documents,",
            ["options.yaml", "id 'llm_api'", "field tasks", "'tell_fortunes'"],
            id="unknown-task",
        ),
        pytest.param(
            "options.yaml",
            "  - id: llm_self_hosted\n",
            "  - id: llm_api\n",
            ["options.yaml", "duplicate id 'llm_api'"],
            id="duplicate-option",
        ),
        pytest.param(
            "options.yaml",
            "  - id: video_generation\n",
            "  - id: video_maker\n",
            ["options.yaml", "video_generation", "missing"],
            id="spec-option-missing",
        ),
        pytest.param(
            "options.yaml",
            "sources: [{source: westlink, section: Efficiency & Accuracy}, {source: speed_llm}]",
            "sources: [{source: westlink, section: Efficiency & Accuracy}, "
            "{source: speed_llm, section: Speed}]",
            ["options.yaml", "id 'llm_api'", "fact 'speed_llm' takes no section"],
            id="fact-with-section",
        ),
        pytest.param(
            "options.yaml",
            "        sources: [{source: cost_small_llm}, {source: privacy_self_hosted}]\n",
            "        sources: []\n",
            ["options.yaml", "id 'llm_api'", "scores.cost_to_adopt.sources", "at least 1"],
            id="score-without-citation",
        ),
        pytest.param(
            "options.yaml",
            "    traits: {self_hosted: false, fine_tunable: false, creative: false, "
            "needs_ml_team: false}\n",
            "    traits: {self_hosted: maybe, fine_tunable: false, creative: false, "
            "needs_ml_team: false}\n",
            ["options.yaml", "id 'llm_api'", "traits.self_hosted"],
            id="trait-not-boolean",
        ),
        pytest.param(
            "options.yaml",
            "      sources: [{source: privacy_hosted_api}, {source: infobip, section: Examples of LLMs}",
            "      sources: [{source: privacy_hosted_api}, {source: infobip, section: LLM APIs}",
            ["options.yaml", "id 'llm_api'", "field traits_basis", "'LLM APIs'", "infobip"],
            id="trait-reason-cites-unknown-section",
        ),
        pytest.param(
            "options.yaml",
            "      sources: [{source: privacy_hosted_api}, {source: infobip, section: Examples of LLMs}",
            "      sources: [{source: vendor_blog}, {source: infobip, section: Examples of LLMs}",
            ["options.yaml", "id 'llm_api'", "field traits_basis", "unknown source 'vendor_blog'"],
            id="trait-reason-cites-unknown-source",
        ),
        pytest.param(
            "sources.yaml",
            '    reported_by: project research note (reference facts)\n    date: "undated in facts.md"\n',
            '    reported_by: project research note (reference facts)\n    date: "recently"\n',
            ["sources.yaml", "id 'media_accuracy_gap'", "field date", "'recently'", UNDATED],
            id="fact-date-not-a-date",
        ),
        pytest.param(
            "model.yaml",
            "  - when: {accuracy_need: low}\n",
            "  - when: {mood: low}\n",
            ["model.yaml", "weight_rules entry 1", "field when", "'mood'"],
            id="rule-on-unknown-field",
        ),
        pytest.param(
            "model.yaml",
            "  - when: {accuracy_need: low}\n",
            "  - when: {organization: low}\n",
            ["model.yaml", "weight_rules entry 1", "'organization' is not a choice field"],
            id="rule-on-text-field",
        ),
        pytest.param(
            "model.yaml",
            "  - when: {accuracy_need: low}\n",
            "  - when: {accuracy_need: extreme}\n",
            ["model.yaml", "weight_rules entry 1", "when.accuracy_need", "'extreme'", "critical"],
            id="rule-on-unknown-value",
        ),
        pytest.param(
            "model.yaml",
            "    add: {accuracy: -1}\n",
            "    add: {speed: -1}\n",
            ["model.yaml", "weight_rules entry 1", "field add", "'speed'"],
            id="rule-adds-to-unknown-criterion",
        ),
        pytest.param(
            "model.yaml",
            "    options_with: fine_tunable\n",
            "    options_with: open_source\n",
            ["model.yaml", "score_rules entry 1", "options_with", "'open_source'"],
            id="score-rule-on-unknown-trait",
        ),
        pytest.param(
            "model.yaml",
            "values: {modality: 3,",
            "values: {modality: 3, speed: 1,",
            ["model.yaml", "base_points.values", "speed"],
            id="base-points-unknown-criterion",
        ),
        pytest.param(
            "model.yaml",
            "focus: 0.1}",
            "focus: 0.2}",
            ["model.yaml", "modality_fit.values", "sum to 1"],
            id="fit-shares-not-summing-to-1",
        ),
        pytest.param(
            "model.yaml",
            "min_points: 0.5",
            "min_points: 0",
            ["model.yaml", "min_points", "greater than 0"],
            id="min-points-zero",
        ),
        pytest.param(
            "questionnaire.yaml",
            "  - id: budget\n",
            "  - id: money\n",
            ["questionnaire.yaml", "fields", "missing ['budget']", "unknown ['money']"],
            id="questionnaire-missing-field",
        ),
        pytest.param(
            "questionnaire.yaml",
            "    default: medium\n    question: How much originality",
            "    default: huge\n    question: How much originality",
            ["questionnaire.yaml", "id 'creativity_need'", "'huge'"],
            id="question-default-not-a-choice",
        ),
        pytest.param(
            "criteria.yaml",
            "  - id: data_privacy\n",
            "  - id: privacy\n",
            ["criteria.yaml", "criteria", "modality, efficiency, accuracy, data_privacy, cost"],
            id="criteria-renamed",
        ),
        pytest.param(
            "sources.yaml",
            "      - Multimodal LLMs\n",
            "",
            ["options.yaml", "'Multimodal LLMs'", "infobip"],
            id="seed-heading-removed-from-sources",
        ),
        pytest.param(
            "industries.yaml",
            "        options: [synthetic_data_generation]\n",
            "        options: [quantum_oracle]\n",
            [
                "industries.yaml",
                "id 'software_ai_development'",
                "uses entry 1",
                "options",
                "quantum_oracle",
            ],
            id="industry-use-names-unknown-option",
        ),
        pytest.param(
            "industries.yaml",
            "  - id: public_sector\n    uses: []\n",
            "",
            ["industries.yaml", "industries", "public_sector"],
            id="industry-choice-without-entry",
        ),
        pytest.param(
            "manifest.yaml",
            'version: "',
            'edition: "',
            ["manifest.yaml", "version"],
            id="manifest-without-version",
        ),
    ],
)
def test_broken_data_fails_naming_file_entry_and_field(
    data_copy: Path, file: str, old: str, new: str, expected: list[str]
) -> None:
    corrupt(data_copy, file, old, new)
    message = load_error(data_copy)
    for part in expected:
        assert part in message, f"{part!r} not in: {message}"
    assert "Traceback" not in message


LLM_API_TRAITS_BASIS = re.compile(r"    traits_basis:\n      rationale: >-\n(?:        .*\n)+")


def test_a_missing_trait_rationale_names_file_entry_and_field(data_copy: Path) -> None:
    path = data_copy / "options.yaml"
    text = path.read_text(encoding="utf-8")
    block = LLM_API_TRAITS_BASIS.search(text)
    assert block and text.index(block.group(0)) < text.index("  - id: llm_self_hosted\n")
    path.write_text(text.replace(block.group(0), "    traits_basis:\n", 1), encoding="utf-8")
    message = load_error(data_copy)
    for part in (
        "options.yaml",
        "options entry 1 (id 'llm_api')",
        "field traits_basis.rationale",
        "Field required",
    ):
        assert part in message, f"{part!r} not in: {message}"


def test_a_trait_rationale_too_short_or_without_sources_is_rejected(data_copy: Path) -> None:
    path = data_copy / "options.yaml"
    text = path.read_text(encoding="utf-8")
    block = LLM_API_TRAITS_BASIS.search(text)
    assert block
    short = text.replace(block.group(0), "    traits_basis:\n      rationale: Hosted.\n", 1)
    path.write_text(short, encoding="utf-8")
    message = load_error(data_copy)
    assert "id 'llm_api'" in message and "traits_basis.rationale" in message, message
    assert "at least 10 characters" in message, message


def test_an_option_without_traits_basis_is_rejected(data_copy: Path) -> None:
    path = data_copy / "options.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    traits_basis:\n")
    end = text.index("    capabilities:\n", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    message = load_error(data_copy)
    for part in ("options.yaml", "id 'llm_api'", "field traits_basis", "Field required"):
        assert part in message, f"{part!r} not in: {message}"


def test_invalid_yaml_names_the_file_and_line(data_copy: Path) -> None:
    corrupt(
        data_copy, "options.yaml", "    label: Hosted LLM API\n", "    label: [Hosted LLM API\n"
    )
    message = load_error(data_copy)
    assert "options.yaml" in message
    assert "not valid YAML" in message
    assert re.search(r"line \d+", message)


def test_missing_file_is_named(data_copy: Path) -> None:
    (data_copy / "model.yaml").unlink()
    message = load_error(data_copy)
    assert "model.yaml" in message and "cannot be read" in message


def test_empty_file_is_reported_not_crashed(data_copy: Path) -> None:
    (data_copy / "criteria.yaml").write_text("", encoding="utf-8")
    message = load_error(data_copy)
    assert "criteria.yaml" in message


def test_errors_in_the_shipped_directory_use_the_short_data_path(monkeypatch, data_copy) -> None:
    """Messages about the real data dir read 'data/options.yaml', not an absolute path."""
    import scoring.knowledge_base as module

    corrupt(data_copy, "options.yaml", LLM_API_EFFICIENCY, "      efficiency:\n        value: -5\n")
    monkeypatch.setattr(module, "DATA_DIR", data_copy)
    message = load_error(data_copy)
    assert message.startswith("data/options.yaml: options entry 1 (id 'llm_api')")
