"""Pure builders of the knowledge-base page (ui/knowledge_base: text, method, frames).

Every expectation is taken from the knowledge base itself (names, counts, labels, figures), so the
tests follow the data; a copy with a sixth criterion checks nothing assumes five.
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import get_args

import numpy as np
import pytest

from scoring.criteria import COMPUTATIONS
from scoring.criteria.cost import cost_score
from scoring.engine import OUTCOMES
from scoring.knowledge import KnowledgeBase, default_knowledge_base
from scoring.knowledge.checks.components import parse_partial_date
from scoring.knowledge.checks.model import COMPONENT_TRAITS
from scoring.knowledge.checks.questionnaire import CHOICES_THE_REQUIREMENTS_NAME
from scoring.knowledge.schema import JUDGEMENT_BAND_MIN, SOURCED_BAND_MAX, CriterionKind
from scoring.methods import METHODS, NORMALIZATION_NAMES
from scoring.ranking import TIE_DECIMALS
from scoring.requirements import REQUIREMENTS, money
from scoring.robustness import DEFAULT_SAMPLES, LABEL_NO_FIT, LABEL_ONLY
from scoring.solutions import MAX_COMPONENTS
from scoring.trust import LABEL_EXPLANATIONS
from scoring.weights import points_to_weights
from ui.common import rules as wording
from ui.knowledge_base import frames, method, text

KB = default_knowledge_base()


def plain(markdown: str) -> str:
    """Markdown as a person reads it: escapes undone."""
    return re.sub(r"\\(.)", r"\1", markdown)


def every_markdown(kb: KnowledgeBase) -> list[str]:
    """Everything the builders write for the page, for checks that hold everywhere."""
    parts = [text.overview_markdown(kb)]
    parts += [text.criterion_markdown(kb, c) for c in kb.criteria]
    parts += [text.approach_markdown(kb, a) for a in kb.approaches]
    parts += [text.deployment_markdown(kb, d) for d in kb.deployments]
    for c in kb.components:
        parts += [text.needs_markdown(kb, c), text.risks_markdown(c)]
        parts += text.score_paragraphs(kb, c) + text.fixed_paragraphs(kb, c)
        parts += [text.usage_paragraph(kb, u) for u in c.cost.usage]
    for unit, rules in (("points", kb.model.weight_rules), ("score", kb.model.score_rules)):
        parts += [wording.rule_paragraph(kb, r, unit) for r in rules]
    parts += [
        method.weights_markdown(kb),
        method.modality_markdown(kb),
        method.combination_markdown(kb),
        method.requirements_markdown(kb),
        method.methods_markdown(),
        method.cost_formula(kb),
    ]
    return parts


# --- escaping -------------------------------------------------------------------------------------


def test_prices_are_escaped_so_they_are_not_latex() -> None:
    with_dollars = [p for p in every_markdown(KB) if "$" in p]
    assert with_dollars, "the knowledge base quotes prices"
    assert all(not re.search(r"(?<!\\)\$", p) for p in with_dollars)


def test_sources_are_small_print_that_no_citation_can_close() -> None:
    line = wording.sources_line(KB, KB.model.base_points)
    assert line.startswith(":small[") and line.endswith("]")
    assert "]" not in line[len(":small[") : -1].replace("\\]", "")


# --- overview and criteria -------------------------------------------------------------------------


def test_overview_counts_come_from_the_data() -> None:
    counts = text.counts(KB)
    assert counts["Criteria"] == len(KB.criteria)
    assert counts["Approaches"] == len(KB.approaches)
    assert counts["Deployments"] == len(KB.deployments)
    assert counts["Components"] == len(KB.components)
    assert counts["Dated facts"] == len(KB.facts)
    assert counts["Named products"] == sum(len(c.shortlist) for c in KB.components)
    overview = plain(text.overview_markdown(KB))
    assert KB.version in overview and KB.reviewed in overview
    pairs = len(KB.approaches) * len(KB.deployments)
    assert f"{len(KB.components)} of the {pairs} possible pairs" in overview


def test_every_kind_computation_and_trait_has_plain_words() -> None:
    assert set(get_args(CriterionKind)) <= set(text.KIND_MEANINGS)
    assert set(COMPUTATIONS) <= set(text.COMPUTATION_MEANINGS)
    assert set(COMPONENT_TRAITS) <= set(wording.TRAIT_PHRASES)


def test_criteria_state_definition_kind_computation_and_swing() -> None:
    for k, criterion in enumerate(KB.criteria):
        shown = plain(text.criterion_markdown(KB, criterion))
        assert criterion.name in shown and criterion.definition.strip() in shown
        assert f"{criterion.kind}: {text.KIND_MEANINGS[criterion.kind]}" in shown
        assert f"`{criterion.computation}`" in shown
        assert f"{KB.arrays.swing[k]:g} points" in shown
        if criterion.kind == "computed":
            assert f"stated: {criterion.swing_basis}" in shown
        else:
            column = KB.arrays.reviewed[:, k]
            low, high = KB.components[column.argmin()], KB.components[column.argmax()]
            assert f"{column.min():g} ({text.component_label(KB, low)})" in shown
            assert f"{column.max():g} ({text.component_label(KB, high)})" in shown


# --- the catalogue ----------------------------------------------------------------------------------


def test_approaches_use_the_questionnaire_labels_and_cite_their_capabilities() -> None:
    for approach in KB.approaches:
        shown = plain(text.approach_markdown(KB, approach))
        assert approach.summary.strip() in shown
        for field, ids in (
            ("input_modalities", approach.reads),
            ("output_modalities", approach.writes),
            ("tasks", approach.tasks),
        ):
            assert all(KB.choice_label(field, i) in shown for i in ids), (approach.id, field)
        assert all(s in shown for s in approach.strengths + approach.weaknesses)
        assert approach.capabilities.rationale.strip() in shown
        assert all(c in shown for c in KB.citations(approach.capabilities))


def test_pairs_not_offered_are_derived_from_the_components() -> None:
    offer = frames.offer_frame(KB)
    assert offer.index.tolist() == [a.label for a in KB.approaches]
    assert offer.columns.tolist() == [d.label for d in KB.deployments]
    for approach in KB.approaches:
        offered = {c.deployment for c in KB.components if c.approach == approach.id}
        missing = [d for d in KB.deployments if d.id not in offered]
        assert text.not_offered(KB, approach) == missing
        line = plain(text.offer_line(KB, approach))
        assert ("Not offered as" in line) == bool(missing)
        assert all(d.label in line for d in missing)
        for d in KB.deployments:
            expected = frames.OFFERED if d.id in offered else frames.NOT_OFFERED
            assert offer.loc[approach.label, d.label] == expected


def test_component_scores_carry_value_band_basis_sources_and_inheritance() -> None:
    inherited = 0
    for component in KB.components:
        paragraphs = [plain(p) for p in text.score_paragraphs(KB, component)]
        stated = [c for c in KB.criteria if c.kind != "computed"]
        assert len(paragraphs) == len(stated)
        deployment = KB.deployment(component.deployment)
        for criterion, paragraph in zip(stated, paragraphs, strict=True):
            score = KB.score_of(component, criterion.id)
            assert f"{criterion.name}: {score.value:g} ± {score.band:g} ({score.basis}" in paragraph
            assert score.rationale.strip() in paragraph
            assert all(c in paragraph for c in KB.citations(score))
            own = criterion.id in component.scores
            says = f"inherited from the {deployment.label} deployment" in paragraph
            assert says != own, (component.id, criterion.id)
            inherited += not own
    assert inherited, "SPEC: data privacy comes from the deployment unless a component states it"


def test_needs_name_the_team_gpus_and_why() -> None:
    for component in KB.components:
        shown = plain(text.needs_markdown(KB, component))
        team = KB.choice_label("in_house_ml_expertise", component.needs.ml_team)
        assert f"ML team {team}; GPUs {component.needs.gpus}" in shown
        assert component.needs.rationale.strip() in shown


def test_usage_lines_give_unit_quantity_price_range_minimum_and_sources() -> None:
    for component in KB.components:
        for usage in component.cost.usage:
            shown = plain(text.usage_paragraph(KB, usage))
            work = next(w for w in KB.money.work if w.id == usage.work)
            assert f"per {work.unit} ({work.label})" in shown
            assert f"{text.number(usage.units_per_item)} × {usage.unit}" in shown
            assert text.dollars(usage.price.low, usage.price.high) in shown
            assert ("at least" in shown) == bool(usage.minimum_units)
            if usage.batch_price:
                batch = text.dollars(usage.batch_price.low, usage.batch_price.high)
                assert f"({batch} for Batch (minutes or hours are fine))" in shown
            assert usage.rationale.strip() in shown
            assert all(c in shown for c in KB.citations(usage))


def test_fixed_costs_give_monthly_amounts() -> None:
    staff = KB.money.staff_monthly_cost
    for component in KB.components:
        fixed = component.cost.fixed
        infrastructure, people, integration = map(plain, text.fixed_paragraphs(KB, component))
        assert text.dollars(fixed.infrastructure.low, fixed.infrastructure.high) in infrastructure
        share = fixed.staff_fte
        assert f"{share.low:g} to {share.high:g} of a full-time engineer" in people
        assert text.dollars(share.low * staff.low, share.high * staff.high) in people
        assert ("ML staff factor" in people) == (component.needs.ml_team != "none")
        one_off = fixed.integration
        assert f"over {one_off.months} months" in integration
        monthly = text.dollars(one_off.low / one_off.months, one_off.high / one_off.months)
        assert monthly in integration


def test_dollars_and_numbers_read_naturally() -> None:
    assert text.dollars(0, 0) == "$0"
    assert text.dollars(0, 50) == "$0 to $50"
    assert text.dollars(1500, 1500) == money(1500)
    assert text.number(0.002) == "0.002"
    assert text.number(1200) == "1,200"
    assert text.number(0) == "0"


# --- shortlists and the age of their prices -----------------------------------------------------------


def test_shortlist_frame_has_every_product_and_the_spec_columns() -> None:
    for component in KB.components:
        frame = frames.shortlist_frame(KB, component)
        assert frame.index.tolist() == [p.name for p in component.shortlist]
        assert frame.columns.tolist() == [
            "Vendor",
            "Kind",
            "Reads",
            "Writes",
            "Licence",
            "Commercial use",
            "Price",
            "Unit",
            "Price date",
            frames.PRICE_AGE_COLUMN,
            "Source",
        ]
        for product in component.shortlist:
            row = frame.loc[product.name]
            assert row["Commercial use"].startswith(product.commercial_use)
            assert product.commercial_note.strip() in row["Commercial use"]
            assert row["Price date"] == product.price_date and row["Unit"] == product.price_unit
            assert row["Source"] == product.source and product.source in KB.facts
        cited = plain(text.price_sources_markdown(KB, component))
        for product in component.shortlist:
            assert product.name in cited
            assert f"({product.source}): {KB.cite(product.source)}" in cited
            assert cited.count(KB.cite(product.source)) == 1


def reviewed_on(day: str) -> KnowledgeBase:
    return dataclasses.replace(KB, reviewed=day)


def test_price_age_counts_months_and_flags_over_twelve() -> None:
    product = KB.components[0].shortlist[0]
    kb = reviewed_on("2026-12-02")
    for price_date, months in (
        ("2026-12-01", 0),
        ("2025-12-15", 11),  # twelve months are not complete until 15 December
        ("2025-12-02", 12),
        ("2025-11", 13),
        ("2025", 23),
    ):
        dated = product.model_copy(update={"price_date": price_date})
        assert frames.price_age_months(kb, price_date) == months
        assert frames.is_stale(kb, dated) == (months > frames.PRICE_FLAG_MONTHS)
        assert frames.price_age(kb, dated).startswith(frames.STALE_MARK) == (months > 12)


def test_stale_prices_are_named_in_one_warning() -> None:
    products = [p for c in KB.components for p in c.shortlist]
    newest = max(parse_partial_date(p.price_date) for p in products)
    later = reviewed_on(f"{newest.year + 2}-{newest.month:02d}-01")  # every price is now stale
    warning = frames.stale_warning(later, list(KB.components))
    assert warning is not None and warning.startswith(f"{len(products)} shortlisted prices are")
    assert all(p.name in warning for p in products)
    for component in KB.components:
        ages = frames.shortlist_frame(later, component)[frames.PRICE_AGE_COLUMN]
        assert all(age.startswith(frames.STALE_MARK) for age in ages)
    flagged = [p for p in products if frames.price_age_months(KB, p.price_date) > 12]
    assert len(frames.stale_prices(KB)) == len(flagged)
    assert (frames.stale_warning(KB, list(KB.components)) is None) == (not flagged)


# --- money -------------------------------------------------------------------------------------------


def test_volume_frame_is_work_by_level() -> None:
    frame = frames.volume_frame(KB)
    levels = KB.question("volume").choices
    assert frame.index.tolist() == [w.label for w in KB.money.work]
    for work in KB.money.work:
        assert frame.loc[work.label, "Units per request"] == text.number(work.per_request)
        for level in levels:
            assert frame.loc[work.label, level.label] == text.number(work.volume[level.id])


def test_ceilings_frame_shows_every_budget_level() -> None:
    frame = frames.ceilings_frame(KB)
    for choice in KB.question("budget").choices:
        ceiling = KB.money.budget_ceilings.values[choice.id]
        shown = frame.loc[choice.label].iloc[0]
        assert shown == ("no ceiling" if ceiling is None else money(ceiling))


def test_cost_formula_states_the_anchors_and_points_per_decade() -> None:
    anchors = KB.money.cost_score
    shown = plain(method.cost_formula(KB))
    assert f"log10({text.number(anchors.dear)})" in shown
    assert f"log10({text.number(anchors.cheap)})" in shown
    per_decade = 100 / (math.log10(anchors.dear) - math.log10(anchors.cheap))
    assert f"{per_decade:g} points per tenfold" in shown
    tenfold = float(cost_score(KB, np.array(anchors.cheap * 10)))
    assert tenfold == pytest.approx(100 - per_decade)


def test_base_weights_are_the_engines() -> None:
    frame = frames.base_weights_frame(KB)
    points = np.array([KB.model.base_points.values[c] for c in KB.criterion_ids], dtype=float)
    weights = points_to_weights(KB, np.maximum(points, KB.model.min_points))
    shown = [float(v) for v in frame["Weight when no rule fires (%)"]]
    assert shown == pytest.approx(100 * weights, abs=0.05)
    assert frame.index.tolist() == [c.name for c in KB.criteria]


# --- rules ---------------------------------------------------------------------------------------------


def test_rules_state_every_condition_in_plain_words() -> None:
    for unit, rules in (("points", KB.model.weight_rules), ("score", KB.model.score_rules)):
        for rule in rules:
            shown = plain(wording.rule_paragraph(KB, rule, unit))
            for field, condition in rule.when.items():
                assert f'"{KB.question(field).question}"' in shown
                values = condition if isinstance(condition, list) else [condition]
                assert " or ".join(KB.choice_label(field, v) for v in values) in shown
            assert wording.describe_adds(KB, rule, unit) in shown
            assert rule.rationale.strip() in shown
            assert all(c in shown for c in KB.citations(rule))
            if rule.components_with:
                assert (
                    f"for components that {wording.describe_trait(rule.components_with)}" in shown
                )


def test_describe_adds_names_points_or_scores() -> None:
    rule = KB.model.weight_rules[0]
    criterion, amount = next(iter(rule.add.items()))
    name = KB.criterion(criterion).name.lower()
    assert f"{amount:+g} importance points for {name}" in wording.describe_adds(KB, rule, "points")
    assert f"{amount:+g} to the {name} score" in wording.describe_adds(KB, rule, "score")


def test_score_rules_say_which_components_they_move() -> None:
    for rule in KB.model.score_rules:
        moved = wording.rule_components(KB, rule)
        expected = (
            int(KB.arrays.traits[rule.components_with].sum())
            if rule.components_with
            else len(KB.components)
        )
        assert len(moved) == expected
        line = plain(text.applies_to_line(KB, rule))
        assert all(text.component_label(KB, c) in line for c in moved)


# --- the method ------------------------------------------------------------------------------------------


def test_weights_markdown_states_floor_and_swing_formula() -> None:
    shown = plain(method.weights_markdown(KB))
    assert f"below **{KB.model.min_points:g}** points" in shown
    assert "points / swing range" in shown


def test_modality_and_combination_rules() -> None:
    shown = plain(method.modality_markdown(KB))
    for part, share in KB.model.modality_fit.values.items():
        assert f"{share:g} × {part}" in shown
    assert f"{KB.model.integration_penalty.points:g} × (components − 1)" in shown
    no_task = plain(method.no_task_lead(KB))
    assert all(f"{v:g}" in no_task for v in KB.model.no_task_fit.values.values())
    combined = plain(method.combination_markdown(KB))
    assert f"two to {MAX_COMPONENTS} components" in combined
    weakest = [c.name.lower() for c in KB.criteria if c.computation == "weakest_component"]
    assert ", ".join(weakest) + ": those of its weakest component" in combined
    extra = KB.money.combination_integration
    assert text.dollars(extra.low, extra.high) in combined and f"{extra.months} months" in combined


def test_requirements_are_numbered_with_the_knowledge_bases_labels() -> None:
    shown = plain(method.requirements_markdown(KB))
    for n in range(1, len(REQUIREMENTS) + 1):
        assert f"\n{n}. " in shown
    assert set(REQUIREMENTS) <= set(method.requirement_sentences(KB))
    for field, choice in CHOICES_THE_REQUIREMENTS_NAME.items():
        assert KB.choice_label(field, choice) in shown
    for deployment in KB.deployments:
        if not deployment.on_premises or deployment.standard_terms:
            assert deployment.label in shown


def test_ranking_and_outcomes() -> None:
    ranking = method.ranking_markdown()
    assert f"{TIE_DECIMALS} decimal places" in ranking and "fail fewer" in ranking
    assert "catalogue order" in ranking
    outcomes = plain(method.outcomes_markdown())
    assert all(f"`{o}`" in outcomes for o in OUTCOMES)
    assert set(OUTCOMES) <= set(method.OUTCOME_MEANINGS)


def test_every_registered_method_is_described_with_its_normalisations() -> None:
    shown = plain(method.methods_markdown())
    for registered in METHODS.values():
        assert registered.label in shown and registered.describe in shown
        for i, name in enumerate(registered.normalizations):
            assert NORMALIZATION_NAMES[name] + (" (default)" if i == 0 else "") in shown
    assert "meet your requirements, or from all solutions when none does" in shown


def test_robustness_says_what_is_sampled_and_how_widely() -> None:
    counts = frames.basis_counts(KB)
    stated = sum(1 for c in KB.criteria if c.kind != "computed") * len(KB.components)
    assert sum(counts.values()) == stated
    shown = plain(method.robustness_markdown(counts))
    assert f"{DEFAULT_SAMPLES:,} samples" in shown
    assert f"at most ± {SOURCED_BAND_MAX:g} points; {counts['sourced']} scores" in shown
    assert f"at least ± {JUDGEMENT_BAND_MIN:g}; {counts['judgement']} scores" in shown
    assert all(meaning in shown for meaning in LABEL_EXPLANATIONS.values())
    assert LABEL_ONLY in shown and LABEL_NO_FIT in shown


# --- industries and sources ---------------------------------------------------------------------------------


def test_industry_uses_name_approaches_and_sources() -> None:
    for choice in KB.question("industry").choices:
        shown = plain(text.industry_uses_markdown(KB, choice.id))
        uses = KB.industries.get(choice.id, ())
        if not uses:
            assert "do not discuss this sector" in shown
        for use in uses:
            assert use.text in shown
            assert all(KB.approach(a).label in shown for a in use.approaches)
            assert all(c in shown for c in KB.citations(use))


def test_sources_list_every_seed_and_every_fact_with_its_kind() -> None:
    assert frames.seeds_frame(KB).index.tolist() == list(KB.seeds)
    facts = frames.facts_frame(KB)
    assert facts.index.tolist() == list(KB.facts)
    for fact in KB.facts.values():
        assert facts.loc[fact.id, "Date"] == fact.date
        kind = "official" if fact.official else "third party"
        assert facts.loc[fact.id, "Source kind"] == kind
    cited = {p.source for c in KB.components for p in c.shortlist}
    assert cited <= set(facts.index), "component-file facts are listed too"


# --- a sixth criterion -----------------------------------------------------------------------------------------


def test_a_sixth_criterion_shows_up_everywhere(six: KnowledgeBase) -> None:
    extra = six.criteria[-1]
    assert extra.id not in KB.criterion_ids
    assert extra.name in plain(text.criterion_markdown(six, extra))
    assert extra.short in frames.scores_frame(six).columns
    assert extra.name in frames.base_weights_frame(six).index
    component = six.components[0]
    assert any(extra.name in plain(p) for p in text.score_paragraphs(six, component))
    assert text.counts(six)["Criteria"] == len(KB.criteria) + 1
