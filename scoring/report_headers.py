"""Readable headers for the CSV report: what a manager sees when the appendix opens in a spreadsheet.

The report is built with short column ids (``score_accuracy``, ``stability_cost_low``) that code and
tests address; only the written file carries these headers. The answers keep SPEC's ``answer_<field>``
names, so a report's answers can be read back as a batch CSV row. Every header maps back to exactly
one id (:func:`column_ids`), which is how a program reads a report it wrote.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

FIXED_HEADERS: dict[str, str] = {
    "rank": "Rank",
    "option": "Solution id",
    "label": "Solution",
    "components": "Components",
    "score": "Score (0-100)",
    "meets_requirements": "Meets every requirement",
    "unmet_requirements": "Requirements it fails",
    "to_qualify": "Would qualify if you",
    "monthly_cost_low": "Monthly cost, low (USD)",
    "monthly_cost_high": "Monthly cost, high (USD)",
    "first_rank_acceptability": "Comes first in (share of weight samples)",
    "robustness_label": "How sure",
    "stability_exact": "Stability computed exactly",
    "robustness_samples": "Weight samples",
    "robustness_concentration": "Weight sampling concentration",
    "outcome": "Outcome",
    "budget_ceiling": "Budget ceiling (USD a month)",
    "method": "Method",
    "normalization": "Normalisation",
    "weights_source": "Weights from",
    "kb_version": "Knowledge base version",
    "generated_at": "Generated at",
}
"""Column id -> header for the columns that do not depend on the criteria."""

PER_CRITERION: tuple[tuple[str, str, str], ...] = (
    ("score_", "", "{name} score (0-100)"),
    ("weight_", "", "{name} weight (share, weights sum to 1)"),
    ("contribution_", "", "{name} contribution (points)"),
    ("stability_", "_low", "{name} weight: same top from (share)"),
    ("stability_", "_high", "{name} weight: same top up to (share)"),
    ("stability_", "_taker_below", "{name} weight: takes over below"),
    ("stability_", "_taker_above", "{name} weight: takes over above"),
)
"""(prefix, suffix, header template) of the columns repeated for each criterion."""

SHORTLIST_PREFIX = "shortlist_"
ANSWER_PREFIX = "answer_"


def column_header(column: str, criterion_names: Mapping[str, str]) -> str:
    """The header written for one column id; an id this module does not know is kept as it is,
    so a column added elsewhere is never dropped or renamed to something wrong."""
    if column in FIXED_HEADERS:
        return FIXED_HEADERS[column]
    if column.startswith(ANSWER_PREFIX):
        return column
    if column.startswith(SHORTLIST_PREFIX) and column[len(SHORTLIST_PREFIX) :].isdigit():
        return f"Products, component {column[len(SHORTLIST_PREFIX) :]}"
    for prefix, suffix, template in PER_CRITERION:
        if column.startswith(prefix) and column.endswith(suffix):
            criterion = column[len(prefix) : len(column) - len(suffix) or None]
            if criterion in criterion_names:
                return template.format(name=criterion_names[criterion])
    return column


def readable_headers(columns: Sequence[str], criterion_names: Mapping[str, str]) -> dict[str, str]:
    """Column id -> header for a whole report; refuses two ids that would share a header, since a
    spreadsheet could not tell them apart."""
    headers = {column: column_header(column, criterion_names) for column in columns}
    seen: dict[str, str] = {}
    for column, header in headers.items():
        if header in seen:
            raise ValueError(
                f"report columns {seen[header]!r} and {column!r} share header {header!r}"
            )
        seen[header] = column
    return headers


def column_id(header: str, criterion_names: Mapping[str, str]) -> str:
    """The id behind one header (the inverse of :func:`column_header`), for a program that reads
    back a report it wrote; an unknown header is taken as an id."""
    fixed = {text: column for column, text in FIXED_HEADERS.items()}
    if header in fixed:
        return fixed[header]
    shortlist = "Products, component "
    if header.startswith(shortlist) and header[len(shortlist) :].isdigit():
        return SHORTLIST_PREFIX + header[len(shortlist) :]
    for criterion, name in criterion_names.items():
        for prefix, suffix, template in PER_CRITERION:
            if header == template.format(name=name):
                return f"{prefix}{criterion}{suffix}"
    return header
