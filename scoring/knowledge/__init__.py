"""The knowledge base in ``data/``: loaded, validated once where it enters, and compiled to arrays.

Everything the engine and the pages know about criteria, approaches, deployments, components,
money, questions and rules comes from here. A broken file raises :class:`KnowledgeBaseError`
whose one-line message names the file, the entry and the field.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from scoring.knowledge.checks import ParsedFiles, run_checks
from scoring.knowledge.compiled import KbArrays, compile_arrays, component_score
from scoring.knowledge.files import KnowledgeBaseError, parse_file
from scoring.knowledge.schema import (
    Approach,
    ApproachesFile,
    Cited,
    ComplianceFile,
    ComplianceNote,
    Component,
    ComponentsFile,
    CriteriaFile,
    Criterion,
    Deployment,
    DeploymentsFile,
    Fact,
    FactsFile,
    IndustriesFile,
    IndustryUse,
    ManifestFile,
    ModelFile,
    MoneyFile,
    Question,
    QuestionnaireFile,
    ReviewedScore,
    Seed,
    SourcesFile,
)

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"
DATA_DIR_ENV = "ADVISOR_DATA_DIR"
"""Environment variable naming another knowledge-base folder (a reviewer's draft, a test's copy)."""
FACTS_FILES = ("facts_2026.yaml",)
COMPONENTS_DIR = "components"


@dataclass(frozen=True)
class KnowledgeBase:
    """The validated knowledge base plus numeric arrays compiled once for the engine."""

    version: str
    reviewed: str
    criteria: tuple[Criterion, ...]
    approaches: tuple[Approach, ...]
    deployments: tuple[Deployment, ...]
    components: tuple[Component, ...]  # catalogue order: by approach, then by deployment
    questions: tuple[Question, ...]  # the order asked
    steps: tuple[tuple[str, str], ...]
    model: ModelFile
    money: MoneyFile
    seeds: Mapping[str, Seed]
    facts: Mapping[str, Fact]
    industries: Mapping[str, tuple[IndustryUse, ...]]
    compliance: tuple[ComplianceNote, ...]  # data/compliance.yaml, the brief's legal notes
    arrays: KbArrays

    # -- ids and look-ups -----------------------------------------------------------------------

    @cached_property
    def criterion_ids(self) -> tuple[str, ...]:
        """The criteria's ids, in the order of every array, table and chart."""
        return tuple(c.id for c in self.criteria)

    @cached_property
    def component_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.components)

    def criterion(self, criterion_id: str) -> Criterion:
        return self.criteria[self.criterion_ids.index(criterion_id)]

    def component(self, component_id: str) -> Component:
        return self.components[self.component_ids.index(component_id)]

    def approach(self, approach_id: str) -> Approach:
        return next(a for a in self.approaches if a.id == approach_id)

    def deployment(self, deployment_id: str) -> Deployment:
        return next(d for d in self.deployments if d.id == deployment_id)

    def score_of(self, component: Component, criterion_id: str) -> ReviewedScore | None:
        """A component's reviewed score (its own, else its deployment's); None for computed."""
        return component_score(component, self.deployment(component.deployment), criterion_id)

    def question(self, field: str) -> Question:
        return next(q for q in self.questions if q.id == field)

    def choice_ids(self, field: str) -> tuple[str, ...]:
        return tuple(c.id for c in self.question(field).choices)

    def choice_label(self, field: str, choice_id: str) -> str:
        return next(c.label for c in self.question(field).choices if c.id == choice_id)

    # -- citations ------------------------------------------------------------------------------

    def cite(self, source: str, section: str | None = None) -> str:
        """One-line human reference for a citation, as shown next to a rationale."""
        seed = self.seeds.get(source)
        if seed is not None:
            where = f', section "{section}"' if section else ""
            return f'{seed.publisher}, "{seed.title}" ({seed.file}{where}), {seed.date}'
        fact = self.facts[source]
        return f"{fact.what}: {fact.figure} ({fact.reported_by}, {fact.date})"

    def citations(self, sourced: Cited) -> list[str]:
        return [self.cite(c.source, c.section) for c in sourced.sources]


def _component_files(data_dir: Path) -> list[Path]:
    folder = data_dir / COMPONENTS_DIR
    if not folder.is_dir():
        raise KnowledgeBaseError(f"data/{COMPONENTS_DIR}/: missing (one file per approach)")
    return sorted(folder.glob("*.yaml"))


def _parse_all(data_dir: Path, computations: frozenset[str]) -> ParsedFiles:
    def parse(model, name):  # type: ignore[no-untyped-def]
        return parse_file(model, data_dir / name, data_dir)

    components = {
        f"{COMPONENTS_DIR}/{path.name}": parse_file(ComponentsFile, path, data_dir)
        for path in _component_files(data_dir)
    }
    facts = {name: parse(FactsFile, name).facts for name in FACTS_FILES}
    facts.update({name: content.facts for name, content in components.items() if content.facts})
    return ParsedFiles(
        manifest=parse(ManifestFile, "manifest.yaml"),
        sources=parse(SourcesFile, "sources.yaml"),
        facts_2026=facts,
        criteria=parse(CriteriaFile, "criteria.yaml"),
        questionnaire=parse(QuestionnaireFile, "questionnaire.yaml"),
        approaches=parse(ApproachesFile, "approaches.yaml"),
        deployments=parse(DeploymentsFile, "deployments.yaml"),
        components=components,
        money=parse(MoneyFile, "money.yaml"),
        model=parse(ModelFile, "model.yaml"),
        industries=parse(IndustriesFile, "industries.yaml"),
        compliance=parse(ComplianceFile, "compliance.yaml"),
        computations=computations,
    )


def load_knowledge_base(data_dir: Path | str = DATA_DIR) -> KnowledgeBase:
    """Read and validate every file of ``data_dir``; raise :class:`KnowledgeBaseError` if broken."""
    from scoring.criteria import COMPUTATIONS  # the engine's registry; imported late (it needs us)

    data_dir = Path(data_dir)
    files = _parse_all(data_dir, frozenset(COMPUTATIONS))
    run_checks(files)
    approaches = files.approaches.approaches
    deployments = files.deployments.deployments
    order = {
        (a.id, d.id): (i, j) for i, a in enumerate(approaches) for j, d in enumerate(deployments)
    }
    components = tuple(
        sorted(
            (c for content in files.components.values() for c in content.components),
            key=lambda c: order[(c.approach, c.deployment)],
        )
    )
    questions = {q.id: q for q in files.questionnaire.fields}
    facts = {f.id: f for f in files.sources.facts}
    for file_facts in files.facts_2026.values():
        facts.update({f.id: f for f in file_facts})
    return KnowledgeBase(
        version=files.manifest.version,
        reviewed=files.manifest.reviewed,
        criteria=files.criteria.criteria,
        approaches=approaches,
        deployments=deployments,
        components=components,
        questions=files.questionnaire.fields,
        steps=tuple((s.id, s.title) for s in files.questionnaire.steps),
        model=files.model,
        money=files.money,
        seeds={s.id: s for s in files.sources.seeds},
        facts=facts,
        industries={i.id: i.uses for i in files.industries.industries},
        compliance=files.compliance.notes,
        arrays=compile_arrays(
            files.criteria.criteria,
            approaches,
            deployments,
            components,
            questions,
            files.model,
            files.money,
        ),
    )


def data_dir() -> Path:
    """The knowledge-base folder in use: ``$ADVISOR_DATA_DIR`` when set, else the shipped ``data/``."""
    return Path(os.environ.get(DATA_DIR_ENV) or DATA_DIR)


def default_knowledge_base() -> KnowledgeBase:
    """The knowledge base in use, loaded once per process and folder (the pages also cache it)."""
    return _load_cached(data_dir())


@cache
def _load_cached(folder: Path) -> KnowledgeBase:
    return load_knowledge_base(folder)


__all__ = [
    "DATA_DIR",
    "DATA_DIR_ENV",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "data_dir",
    "default_knowledge_base",
    "load_knowledge_base",
]
