"""Facts in several files: one id, one fact, across the whole knowledge base."""

from __future__ import annotations

from scoring.knowledge.checks.context import Checker


def check_facts(check: Checker) -> None:
    seen = {f.id: "sources.yaml" for f in check.files.sources.facts}
    seeds = {s.id for s in check.files.sources.seeds}
    for file, facts in check.files.facts_2026.items():
        for n, fact in enumerate(facts, start=1):
            if fact.id in seen or fact.id in seeds:
                other = seen.get(fact.id, "sources.yaml")
                check.fail(
                    file, f"facts entry {n}", f"duplicate id {fact.id!r} (also in data/{other})"
                )
            seen[fact.id] = file
