"""The knowledge base as numpy arrays, compiled once at load, so scoring is pure array work.

Axes: components in catalogue order (C), criteria in data/criteria.yaml order (K), approaches (P),
usage lines per component padded to the longest (U), kinds of work (W).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from scoring.knowledge.checks.model import COMPONENT_TRAITS
from scoring.knowledge.schema import (
    Approach,
    Component,
    Criterion,
    Deployment,
    ModelFile,
    MoneyFile,
    Question,
    ReviewedScore,
    Rule,
)


@dataclass(frozen=True)
class Condition:
    """One condition of a rule: the field's value (or, for a list field, one of its values) is
    one of ``values`` (indices into the field's choices)."""

    field: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class CompiledRule:
    """A rule of data/model.yaml ready for numpy: when all conditions hold, add ``add``."""

    conditions: tuple[Condition, ...]
    add: np.ndarray  # (K,)
    components: np.ndarray  # (C,) bool: the components a score rule moves (all for weight rules)
    source: Rule


@dataclass(frozen=True, eq=False)
class KbArrays:
    approach_reads: np.ndarray  # (P,) uint64 bit masks over modalities
    approach_writes: np.ndarray  # (P,) uint64
    approach_tasks: np.ndarray  # (P,) uint64 bit masks over tasks
    approach_front_end: np.ndarray  # (P,) uint64 bit masks over modalities it hands on as text
    approach_makes: np.ndarray  # (P, M) uint64: outputs it makes from each input modality given
    approach_prompted: np.ndarray  # (P,) uint64: outputs it makes from its prompt alone
    approach_specialised: np.ndarray  # (P,) bool
    component_approach: np.ndarray  # (C,) int
    component_deployment: np.ndarray  # (C,) int
    traits: Mapping[str, np.ndarray]  # trait -> (C,) bool
    reviewed: np.ndarray  # (C, K) scores of reviewed and mixed criteria (NaN for computed ones)
    bands: np.ndarray  # (C, K) half-widths of their uncertainty bands (0 for computed ones)
    usage_work: np.ndarray  # (C, U) int index of the kind of work
    usage_units: np.ndarray  # (C, U) units per item of work
    usage_price: np.ndarray  # (C, U, 2) USD per unit, low and high
    usage_batch_price: np.ndarray  # (C, U, 2) the same for a business accepting batch processing
    usage_minimum: np.ndarray  # (C, U) units a month at least
    usage_valid: np.ndarray  # (C, U) bool: a real line, not padding
    infrastructure: np.ndarray  # (C, 2) USD a month, low and high
    staff_fte: np.ndarray  # (C, 2) share of an engineer, low and high
    integration: np.ndarray  # (C, 2) USD a month (one-off spread over its months)
    work_volume: np.ndarray  # (W, volume levels) quantity a month
    work_per_request: np.ndarray  # (W,) units one request stands for
    budget_ceiling: np.ndarray  # (budget levels,) USD a month, inf for no ceiling
    ml_staff_factor: np.ndarray  # (expertise levels,)
    staff_monthly_cost: np.ndarray  # (2,) USD, low and high
    combination_integration: np.ndarray  # (2,) USD a month per extra component
    swing: np.ndarray  # (K,) each criterion's range across the catalogue
    base_points: np.ndarray  # (K,)
    weight_rules: tuple[CompiledRule, ...]
    score_rules: tuple[CompiledRule, ...]


def bit_masks(hot: np.ndarray) -> np.ndarray:
    """(rows, k) bool -> (rows,) uint64 with bit i set where column i is True (k <= 64)."""
    return hot.astype(np.uint64) @ (np.uint64(1) << np.arange(hot.shape[1], dtype=np.uint64))


def _masks(lists: Sequence[Sequence[str]], universe: Sequence[str]) -> np.ndarray:
    return bit_masks(np.array([[item in row for item in universe] for row in lists], dtype=bool))


def _makes(approaches: Sequence[Approach], modalities: Sequence[str]) -> np.ndarray:
    """(P, M) outputs each approach makes from each input modality the business gives: a
    generator (no ``makes``) makes all it writes whatever it is given (from its prompt)."""
    table = np.zeros((len(approaches), len(modalities)), dtype=np.uint64)
    for p, approach in enumerate(approaches):
        for i, modality in enumerate(modalities):
            made = [w for m in approach.makes if modality in m.reads for w in m.writes]
            table[p, i] = _masks([made if approach.makes else approach.writes], modalities)[0]
    return table


def _prompted(approaches: Sequence[Approach], modalities: Sequence[str]) -> np.ndarray:
    """(P,) outputs each approach makes from its prompt alone, whatever the business gives."""
    made = [
        [w for m in a.makes if m.from_prompt for w in m.writes] if a.makes else a.writes
        for a in approaches
    ]
    return _masks(made, modalities)


def component_score(
    component: Component, deployment: Deployment, criterion: str
) -> ReviewedScore | None:
    """The component's own score for a criterion, else its deployment's (None for computed)."""
    return component.scores.get(criterion) or deployment.scores.get(criterion)


def compile_rules(
    rules: Sequence[Rule],
    questions: Mapping[str, Question],
    criteria: Sequence[str],
    traits: Mapping[str, np.ndarray],
    count: int,
) -> tuple[CompiledRule, ...]:
    compiled = []
    for rule in rules:
        conditions = []
        for field, condition in rule.when.items():
            ids = [c.id for c in questions[field].choices]
            values = condition if isinstance(condition, list) else [condition]
            conditions.append(Condition(field, tuple(ids.index(v) for v in values)))
        selected = (
            traits[rule.components_with] if rule.components_with else np.ones(count, dtype=bool)
        )
        compiled.append(
            CompiledRule(
                conditions=tuple(conditions),
                add=np.array([rule.add.get(c, 0.0) for c in criteria]),
                components=selected,
                source=rule,
            )
        )
    return tuple(compiled)


def _reviewed(
    criteria: Sequence[Criterion],
    components: Sequence[Component],
    deployments: Mapping[str, Deployment],
) -> tuple[np.ndarray, np.ndarray]:
    """(C, K) scores and bands of the reviewed and mixed criteria (NaN and 0 for computed ones)."""
    reviewed = np.full((len(components), len(criteria)), np.nan)
    bands = np.zeros((len(components), len(criteria)))
    for i, component in enumerate(components):
        for k, criterion in enumerate(criteria):
            score = component_score(component, deployments[component.deployment], criterion.id)
            if criterion.kind != "computed" and score is not None:
                reviewed[i, k] = score.value
                bands[i, k] = score.band
    return reviewed, bands


def _traits(
    components: Sequence[Component],
    approaches: Mapping[str, Approach],
    deployments: Mapping[str, Deployment],
) -> dict[str, np.ndarray]:
    """(C,) bool per trait a score rule may select components by."""
    traits = {
        "fine_tunable": np.array([c.fine_tunable for c in components]),
        "needs_ml_team": np.array([c.needs.ml_team != "none" for c in components]),
        "needs_gpus": np.array([c.needs.gpus > 0 for c in components]),
        "creative": np.array([approaches[c.approach].creative for c in components]),
        "specialised": np.array([approaches[c.approach].specialised for c in components]),
        "grounded": np.array([approaches[c.approach].grounded for c in components]),
        "on_premises": np.array([deployments[c.deployment].on_premises for c in components]),
        "standard_terms": np.array([deployments[c.deployment].standard_terms for c in components]),
    }
    assert set(traits) == set(COMPONENT_TRAITS)
    return traits


def _usage(components: Sequence[Component], money: MoneyFile) -> dict[str, np.ndarray]:
    """The usage lines of every component, padded to the longest: work, units, prices, minimum."""
    work_ids = [w.id for w in money.work]
    count, lines = len(components), max(len(c.cost.usage) for c in components)
    arrays = {
        "usage_work": np.zeros((count, lines), dtype=np.int64),
        "usage_units": np.zeros((count, lines)),
        "usage_price": np.zeros((count, lines, 2)),
        "usage_batch_price": np.zeros((count, lines, 2)),
        "usage_minimum": np.zeros((count, lines)),
        "usage_valid": np.zeros((count, lines), dtype=bool),
    }
    for i, component in enumerate(components):
        for u, usage in enumerate(component.cost.usage):
            arrays["usage_work"][i, u] = work_ids.index(usage.work)
            arrays["usage_units"][i, u] = usage.units_per_item
            arrays["usage_price"][i, u] = (usage.price.low, usage.price.high)
            batch = usage.batch_price or usage.price
            arrays["usage_batch_price"][i, u] = (batch.low, batch.high)
            arrays["usage_minimum"][i, u] = usage.minimum_units
            arrays["usage_valid"][i, u] = True
    return arrays


def _fixed(components: Sequence[Component]) -> dict[str, np.ndarray]:
    """(C, 2) monthly infrastructure, staff share and integration spread over its months."""
    fixed = [c.cost.fixed for c in components]
    return {
        "infrastructure": np.array([(f.infrastructure.low, f.infrastructure.high) for f in fixed]),
        "staff_fte": np.array([(f.staff_fte.low, f.staff_fte.high) for f in fixed]),
        "integration": np.array(
            [(f.integration.low, f.integration.high) for f in fixed], dtype=float
        )
        / np.array([[f.integration.months] for f in fixed], dtype=float),
    }


def _money(money: MoneyFile, questions: Mapping[str, Question]) -> dict[str, np.ndarray]:
    """Volumes, ceilings, staff cost and the integration of combinations, by answer level."""
    volumes = [c.id for c in questions["volume"].choices]
    budgets = [c.id for c in questions["budget"].choices]
    expertise = [c.id for c in questions["in_house_ml_expertise"].choices]
    ceilings = money.budget_ceilings.values
    extra = money.combination_integration
    staff = money.staff_monthly_cost
    return {
        "work_volume": np.array([[w.volume[v] for v in volumes] for w in money.work], dtype=float),
        "work_per_request": np.array([w.per_request for w in money.work], dtype=float),
        "budget_ceiling": np.array(
            [np.inf if ceilings[b] is None else float(ceilings[b]) for b in budgets]
        ),
        "ml_staff_factor": np.array([money.ml_staff_factor.values[e] for e in expertise]),
        "staff_monthly_cost": np.array([staff.low, staff.high], dtype=float),
        "combination_integration": np.array([extra.low, extra.high], dtype=float) / extra.months,
    }


def compile_arrays(
    criteria: Sequence[Criterion],
    approaches: Sequence[Approach],
    deployments: Sequence[Deployment],
    components: Sequence[Component],
    questions: Mapping[str, Question],
    model: ModelFile,
    money: MoneyFile,
) -> KbArrays:
    criterion_ids = [c.id for c in criteria]
    modalities = [c.id for c in questions["output_modalities"].choices]
    tasks = [c.id for c in questions["tasks"].choices]
    by_deployment = {d.id: d for d in deployments}
    reviewed, bands = _reviewed(criteria, components, by_deployment)
    traits = _traits(components, {a.id: a for a in approaches}, by_deployment)
    swing = np.array(
        [
            c.swing_range if c.kind == "computed" else max(float(np.ptp(reviewed[:, k])), 1.0)
            for k, c in enumerate(criteria)
        ],
        dtype=float,
    )
    approach_index = {a.id: i for i, a in enumerate(approaches)}
    deployment_index = {d.id: i for i, d in enumerate(deployments)}
    arrays = KbArrays(
        approach_reads=_masks([a.reads for a in approaches], modalities),
        approach_writes=_masks([a.writes for a in approaches], modalities),
        approach_tasks=_masks([a.tasks for a in approaches], tasks),
        approach_front_end=_masks([a.front_end for a in approaches], modalities),
        approach_makes=_makes(approaches, modalities),
        approach_prompted=_prompted(approaches, modalities),
        approach_specialised=np.array([a.specialised for a in approaches]),
        component_approach=np.array([approach_index[c.approach] for c in components]),
        component_deployment=np.array([deployment_index[c.deployment] for c in components]),
        traits=traits,
        reviewed=reviewed,
        bands=bands,
        **_usage(components, money),
        **_fixed(components),
        **_money(money, questions),
        swing=swing,
        base_points=np.array([model.base_points.values[c] for c in criterion_ids], dtype=float),
        weight_rules=compile_rules(
            model.weight_rules, questions, criterion_ids, traits, len(components)
        ),
        score_rules=compile_rules(
            model.score_rules, questions, criterion_ids, traits, len(components)
        ),
    )
    for value in vars(arrays).values():
        if isinstance(value, np.ndarray):
            value.setflags(write=False)
    return arrays
