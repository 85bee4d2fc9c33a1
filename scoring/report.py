"""The CSV report: one row per listed solution, best first, safe to open in a spreadsheet.

Shared by the dashboard's download and ``python -m scoring recommend --format csv``. Text cells that a
spreadsheet would read as a formula are prefixed with ``'`` (OWASP CSV-injection guidance); numbers
stay numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import pandas as pd

from scoring.csv_io import frame_to_bytes
from scoring.engine import Recommendation
from scoring.knowledge.schema import Product
from scoring.methods import get_method
from scoring.report_headers import readable_headers
from scoring.solutions import MAX_COMPONENTS

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
ENCODING = "utf-8-sig"  # the byte-order mark makes spreadsheets read non-ASCII text as UTF-8
UNMET_SEPARATOR = " "
"""Unmet-requirement sentences end with a full stop, so a space joins them."""
RELAX_SEPARATOR = "; "


def escape_cell(value: Any) -> Any:
    """Prefix a text value that starts like a formula; leave everything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def report_columns(criteria: Sequence[str], extra: Sequence[str] = ()) -> list[str]:
    """Column order of the report; ``extra`` columns (e.g. robustness) go before the metadata."""
    return [
        "rank",
        "option",
        "label",
        "components",
        "score",
        "meets_requirements",
        "unmet_requirements",
        "to_qualify",
        "monthly_cost_low",
        "monthly_cost_high",
        *(f"shortlist_{n}" for n in range(1, MAX_COMPONENTS + 1)),
        *(f"score_{c}" for c in criteria),
        *(f"weight_{c}" for c in criteria),
        *(f"contribution_{c}" for c in criteria),
        *extra,
        "outcome",
        "budget_ceiling",
        "method",
        "normalization",
        "weights_source",
        "kb_version",
        "generated_at",
    ]


def product_line(product: Product) -> str:
    """``Name (vendor): 0.1 USD per 1M input tokens, 2026-09-22; licence``."""
    return (
        f"{product.name} ({product.vendor}): {product.price:g} {product.price_unit}, "
        f"{product.price_date}; {product.licence}"
    )


def report_frame(
    recommendation: Recommendation,
    generated_at: datetime,
    extra: Mapping[str, Sequence[Any]] | None = None,
) -> pd.DataFrame:
    """The report as a DataFrame (unescaped values); ``extra`` maps a column to one value per
    ranked option, in ranking order."""
    extra = dict(extra or {})
    rows = []
    criteria = recommendation.kb.criterion_ids
    answers = recommendation.answers.to_flat()
    for position, ranked in enumerate(recommendation.ranking):
        shortlists = [
            f"{component}: "
            + " | ".join(product_line(p) for p in recommendation.shortlist(component))
            for component in ranked.components
        ]
        shortlists += [""] * (MAX_COMPONENTS - len(shortlists))
        row: dict[str, Any] = {
            "rank": ranked.rank,
            "option": ranked.option,
            "label": ranked.label,
            "components": " + ".join(ranked.components),
            "score": round(ranked.score, 4),
            "meets_requirements": ranked.meets_requirements,
            "unmet_requirements": UNMET_SEPARATOR.join(ranked.unmet_sentences),
            "to_qualify": RELAX_SEPARATOR.join(u.relax for u in ranked.unmet),
            "monthly_cost_low": round(ranked.monthly_cost[0], 2),
            "monthly_cost_high": round(ranked.monthly_cost[1], 2),
            **{f"shortlist_{n}": text for n, text in enumerate(shortlists, start=1)},
            **{f"score_{c}": round(ranked.criteria[c], 4) for c in criteria},
            **{f"weight_{c}": round(recommendation.weights[c], 6) for c in criteria},
            **{f"contribution_{c}": round(ranked.contributions[c], 4) for c in criteria},
            **{name: values[position] for name, values in extra.items()},
            "outcome": recommendation.outcome,
            "budget_ceiling": recommendation.budget_ceiling,
            "method": get_method(recommendation.method).label,
            "normalization": recommendation.normalization or "",
            "weights_source": recommendation.weights_source,
            "kb_version": recommendation.kb_version,
            "generated_at": generated_at.isoformat(timespec="seconds"),
            **{f"answer_{name}": value for name, value in answers.items()},
        }
        rows.append(row)
    columns = report_columns(criteria, list(extra)) + [f"answer_{name}" for name in answers]
    return pd.DataFrame(rows, columns=columns)


def report_csv(frame: pd.DataFrame, headers: Mapping[str, str] | None = None) -> bytes:
    """Encode the report: escaped text cells, UTF-8 with a byte-order mark, CRLF line ends;
    ``headers`` renames columns (id -> header) in the written file only.

    Written by :mod:`scoring.csv_io`, like every CSV of the project: CRLF is RFC 4180's line end,
    and with it the csv writer quotes any field holding CR or LF, so text with line breaks stays
    inside its cell. A value that is not valid Unicode raises
    :class:`scoring.csv_io.CsvEncodingError` naming its cell.
    """
    escaped = frame.copy()
    for column in escaped.columns:
        if escaped[column].dtype == object or pd.api.types.is_string_dtype(escaped[column]):
            escaped[column] = escaped[column].map(escape_cell)
    if headers:
        escaped = escaped.rename(columns=dict(headers))
    return frame_to_bytes(escaped, bom=True)


def report_bytes(
    recommendation: Recommendation,
    generated_at: datetime,
    extra: Mapping[str, Sequence[Any]] | None = None,
) -> bytes:
    """The report file as the dashboard and the CLI hand it out: readable headers
    (:mod:`scoring.report_headers`), escaped cells, UTF-8 with a byte-order mark."""
    frame = report_frame(recommendation, generated_at, extra)
    names = {c.id: c.name for c in recommendation.kb.criteria}
    return report_csv(frame, readable_headers(list(frame.columns), names))


def report_filename(organization: str, generated_at: datetime) -> str:
    """A safe, readable file name such as ``genai-advice_acme-clinic_2026-11-23.csv``."""
    ascii_name = unicodedata.normalize("NFKD", organization).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40] or "report"
    return f"genai-advice_{slug}_{generated_at:%Y-%m-%d}.csv"
