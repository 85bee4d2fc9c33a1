"""DataFrames of the knowledge-base page (pure; cells are plain text, never markup).

Tables hold what a person compares across rows: which pairs are offered, the reviewed scores, a
shortlist with its prices and their age, the volume levels, the budget ceilings and the sources.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from scoring.knowledge import KnowledgeBase
from scoring.knowledge.checks.components import months_between, parse_partial_date
from scoring.knowledge.schema import Component, Product
from scoring.requirements import money
from scoring.shortlist import product_reads, product_writes
from scoring.weights import points_to_weights
from ui.knowledge_base.text import approach_components, component_label, number

PRICE_FLAG_MONTHS = 12
"""SPEC, Named products: a price older than this at the review date is flagged on this page."""

PRICE_AGE_COLUMN = "Price age"
STALE_MARK = "⚠"
OFFERED, NOT_OFFERED = "offered", "not offered"
PRODUCT_KINDS = {
    "api": "API",
    "cloud_service": "cloud service",
    "open_weights": "open weights",
    "open_source": "open source",
    "saas": "SaaS",
}


# --- prices and their age -------------------------------------------------------------------------


def price_age_months(kb: KnowledgeBase, price_date: str) -> int:
    """Whole months from a price's date to the review date, reading a partial date (``2026``,
    ``2026-03``) as its first day, as the loader does when it refuses prices over 18 months."""
    return months_between(parse_partial_date(price_date), date.fromisoformat(kb.reviewed))


def is_stale(kb: KnowledgeBase, product: Product) -> bool:
    return price_age_months(kb, product.price_date) > PRICE_FLAG_MONTHS


def price_age(kb: KnowledgeBase, product: Product) -> str:
    """``3 months``, or ``⚠ 13 months: over 12`` for a price to check again."""
    months = price_age_months(kb, product.price_date)
    text = f"{months} month{'s' if months != 1 else ''}"
    return f"{STALE_MARK} {text}: over {PRICE_FLAG_MONTHS}" if is_stale(kb, product) else text


def stale_prices(kb: KnowledgeBase, components: list[Component] | None = None) -> list[str]:
    """``Product (Component label): 2025-11, 13 months`` for every flagged price (plain text)."""
    return [
        f"{p.name} ({component_label(kb, c)}): priced {p.price_date}, "
        f"{price_age_months(kb, p.price_date)} months before the review"
        for c in (kb.components if components is None else components)
        for p in c.shortlist
        if is_stale(kb, p)
    ]


def stale_warning(kb: KnowledgeBase, components: list[Component]) -> str | None:
    """One plain sentence naming every flagged price among ``components``; None when none is."""
    stale = stale_prices(kb, components)
    if not stale:
        return None
    verb, pronoun = ("s are", "them") if len(stale) > 1 else (" is", "it")
    return (
        f"{len(stale)} shortlisted price{verb} over {PRICE_FLAG_MONTHS} months old at the review "
        f"date {kb.reviewed}; check {pronoun} before relying on {pronoun}: {'; '.join(stale)}."
    )


def commercial_use(product: Product) -> str:
    """``yes``, or ``limited: the limits`` (the note is shown whenever there is one)."""
    note = product.commercial_note.strip()
    return f"{product.commercial_use}: {note}" if note else product.commercial_use


def shortlist_frame(kb: KnowledgeBase, component: Component) -> pd.DataFrame:
    """A component's named products: licence, commercial use, price with unit, date and age.
    ``Reads`` and ``Writes``: what the product takes in and gives out (a product may do less than
    its approach).
    ``Source`` is the id of the dated fact behind the price (listed in full under the table and in
    the sources), so long citations do not squeeze the table."""
    rows = [
        {
            "Name": p.name,
            "Vendor": p.vendor,
            "Kind": PRODUCT_KINDS.get(p.kind, p.kind.replace("_", " ")),
            "Reads": ", ".join(product_reads(kb, component.id, p)),
            "Writes": ", ".join(product_writes(kb, component.id, p)),
            "Licence": p.licence,
            "Commercial use": commercial_use(p),
            "Price": number(p.price),
            "Unit": p.price_unit,
            "Price date": p.price_date,
            PRICE_AGE_COLUMN: price_age(kb, p),
            "Source": p.source,
        }
        for p in component.shortlist
    ]
    return pd.DataFrame(rows).set_index("Name")


# --- the catalogue at a glance ----------------------------------------------------------------------


def offer_frame(kb: KnowledgeBase) -> pd.DataFrame:
    """Approaches x deployments: which pairs the catalogue offers as components."""
    rows = []
    for approach in kb.approaches:
        offered = {c.deployment for c in approach_components(kb, approach)}
        row = {"Approach": approach.label}
        row.update({d.label: OFFERED if d.id in offered else NOT_OFFERED for d in kb.deployments})
        rows.append(row)
    return pd.DataFrame(rows).set_index("Approach")


def scores_frame(kb: KnowledgeBase) -> pd.DataFrame:
    """Every component's reviewed scores (value ± band), needs and shortlist size."""
    stated = [c for c in kb.criteria if c.kind != "computed"]
    rows = []
    for component in kb.components:
        row: dict[str, object] = {"Component": component_label(kb, component)}
        for criterion in stated:
            score = kb.score_of(component, criterion.id)
            row[criterion.short] = "" if score is None else f"{score.value:g} ± {score.band:g}"
        row["ML team"] = kb.choice_label("in_house_ml_expertise", component.needs.ml_team)
        row["GPUs"] = component.needs.gpus
        row["Products"] = len(component.shortlist)
        rows.append(row)
    return pd.DataFrame(rows).set_index("Component")


def basis_counts(kb: KnowledgeBase) -> dict[str, int]:
    """How many of the components' reviewed scores are sourced and how many judgement."""
    tally = {"sourced": 0, "judgement": 0}
    for component in kb.components:
        for criterion in kb.criteria:
            score = kb.score_of(component, criterion.id)
            if criterion.kind != "computed" and score is not None:
                tally[score.basis] = tally.get(score.basis, 0) + 1
    return tally


# --- money ---------------------------------------------------------------------------------------


def volume_frame(kb: KnowledgeBase) -> pd.DataFrame:
    """Kinds of work x volume levels: the monthly quantity each level stands for."""
    levels = kb.question("volume").choices
    rows = []
    for work in kb.money.work:
        row = {"Work": work.label, "Unit": work.unit, "Units per request": number(work.per_request)}
        row.update({level.label: number(work.volume[level.id]) for level in levels})
        rows.append(row)
    return pd.DataFrame(rows).set_index("Work")


def ceiling_text(ceiling: float | None) -> str:
    return "no ceiling" if ceiling is None else money(ceiling)


def ceilings_frame(kb: KnowledgeBase) -> pd.DataFrame:
    """Budget levels and the monthly ceiling each stands for."""
    ceilings = kb.money.budget_ceilings.values
    rows = [
        {"Budget": choice.label, "Monthly ceiling (USD)": ceiling_text(ceilings[choice.id])}
        for choice in kb.question("budget").choices
    ]
    return pd.DataFrame(rows).set_index("Budget")


def base_weights_frame(kb: KnowledgeBase) -> pd.DataFrame:
    """Base points, swing range and the weight they give when no rule fires."""
    points = np.array([kb.model.base_points.values[c] for c in kb.criterion_ids], dtype=float)
    weights = points_to_weights(kb, np.maximum(points, kb.model.min_points))
    rows = [
        {
            "Criterion": criterion.name,
            "Base points": f"{points[k]:g}",
            "Swing range": f"{kb.arrays.swing[k]:g}",
            "Weight when no rule fires (%)": f"{100 * float(weights[k]):.1f}",
        }
        for k, criterion in enumerate(kb.criteria)
    ]
    return pd.DataFrame(rows).set_index("Criterion")


# --- sources ----------------------------------------------------------------------------------------


def seeds_frame(kb: KnowledgeBase) -> pd.DataFrame:
    """The seed articles, cited by file name and section heading."""
    rows = [
        {
            "Id": seed.id,
            "Title": seed.title,
            "Publisher": seed.publisher,
            "Date": seed.date,
            "File": seed.file,
            "Sections (headings)": "; ".join(seed.sections),
        }
        for seed in kb.seeds.values()
    ]
    return pd.DataFrame(rows).set_index("Id")


def facts_frame(kb: KnowledgeBase) -> pd.DataFrame:
    """Every dated fact (data/sources.yaml, the facts files and data/components/), official or
    third party."""
    rows = [
        {
            "Id": fact.id,
            "Date": fact.date,
            "Source kind": "official" if fact.official else "third party",
            "What": fact.what,
            "Figure": fact.figure,
            "Reported by": fact.reported_by,
        }
        for fact in kb.facts.values()
    ]
    return pd.DataFrame(rows).set_index("Id")
