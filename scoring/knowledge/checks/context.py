"""What every cross-file check shares: the parsed files and one way to fail."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from scoring.knowledge.files import KnowledgeBaseError
from scoring.knowledge.schema import (
    ApproachesFile,
    Cited,
    ComplianceFile,
    ComponentsFile,
    CriteriaFile,
    DeploymentsFile,
    Fact,
    IndustriesFile,
    ManifestFile,
    ModelFile,
    MoneyFile,
    Question,
    QuestionnaireFile,
    SourcesFile,
)


@dataclass(frozen=True)
class ParsedFiles:
    """Every file of the knowledge base, parsed; ``components`` maps a file name to its content."""

    manifest: ManifestFile
    sources: SourcesFile
    facts_2026: Mapping[str, tuple[Fact, ...]]  # file name -> facts (facts files and components)
    criteria: CriteriaFile
    questionnaire: QuestionnaireFile
    approaches: ApproachesFile
    deployments: DeploymentsFile
    components: Mapping[str, ComponentsFile]
    money: MoneyFile
    model: ModelFile
    industries: IndustriesFile
    compliance: ComplianceFile
    computations: frozenset[str] = field(default_factory=frozenset)

    def question(self, field_id: str) -> Question | None:
        return next((q for q in self.questionnaire.fields if q.id == field_id), None)

    def choices(self, field_id: str) -> list[str]:
        question = self.question(field_id)
        return [c.id for c in question.choices] if question else []

    @property
    def criterion_ids(self) -> list[str]:
        return [c.id for c in self.criteria.criteria]

    @property
    def scored_criteria(self) -> list[str]:
        """Criteria that components score themselves (reviewed and mixed)."""
        return [c.id for c in self.criteria.criteria if c.kind != "computed"]


class Checker:
    """Raises :class:`KnowledgeBaseError` naming the file, the entry and the field."""

    def __init__(self, files: ParsedFiles) -> None:
        self.files = files
        self._seeds = {s.id: set(s.sections) for s in files.sources.seeds}
        self._facts = {f.id for f in files.sources.facts}
        for facts in files.facts_2026.values():
            self._facts.update(f.id for f in facts)

    @staticmethod
    def fail(file: str, where: str, message: str) -> None:
        raise KnowledgeBaseError(f"data/{file}: {where}: {message}")

    def is_fact(self, source: str) -> bool:
        return source in self._facts

    def citations(self, file: str, where: str, sourced: Cited) -> None:
        for n, cite in enumerate(sourced.sources, start=1):
            here = f"{where}, sources entry {n}"
            if cite.source in self._seeds:
                if cite.section not in self._seeds[cite.source]:
                    self.fail(
                        file,
                        here,
                        f"section {cite.section!r} is not a heading listed for seed "
                        f"'{cite.source}' in data/sources.yaml",
                    )
            elif cite.source in self._facts:
                if cite.section is not None:
                    self.fail(file, here, f"fact '{cite.source}' takes no section")
            else:
                self.fail(file, here, f"unknown source {cite.source!r} (no seed or fact has it)")

    def subset(self, file: str, where: str, values: Iterable[str], allowed: Iterable[str]) -> None:
        allowed = tuple(allowed)
        for value in values:
            if value not in allowed:
                self.fail(file, where, f"{value!r} is not one of {', '.join(allowed)}")

    def same_keys(
        self,
        file: str,
        where: str,
        keys: Iterable[str],
        expected: Iterable[str],
        expected_from: str = "",
    ) -> None:
        """Keys that must match a list defined elsewhere; ``expected_from`` names where (e.g.
        "the criteria of data/criteria.yaml"), so an edit there is traced to its file."""
        keys, expected = list(keys), tuple(expected)
        missing = [k for k in expected if k not in keys]
        unknown = [k for k in keys if k not in expected]
        if missing or unknown:
            origin = f" ({expected_from})" if expected_from else ""
            self.fail(
                file,
                where,
                f"keys must be exactly {', '.join(expected)}{origin}; "
                f"missing {missing}, unknown {unknown}",
            )

    def unique(self, file: str, what: str, ids: Iterable[str]) -> None:
        seen: set[str] = set()
        for n, ident in enumerate(ids, start=1):
            if ident in seen:
                self.fail(file, f"{what} entry {n}", f"duplicate id {ident!r}")
            seen.add(ident)
