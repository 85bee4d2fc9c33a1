"""The brief as a downloadable file: its name and its bytes in either format, for the Export tab
and the command line alike."""

from __future__ import annotations

from datetime import datetime
from pathlib import PurePath
from typing import Literal

from brief.content import build_brief
from brief.html import brief_html
from scoring.engine import Recommendation
from scoring.knowledge import KnowledgeBase
from scoring.report import report_filename
from scoring.trust import TrustAnalysis

Format = Literal["html", "pdf"]
FORMATS: tuple[Format, ...] = ("html", "pdf")
MIME: dict[Format, str] = {"html": "text/html", "pdf": "application/pdf"}


def brief_filename(organization: str, generated_at: datetime, fmt: Format) -> str:
    """The CSV report's safe name with ``brief`` for ``advice`` and the format's suffix, e.g.
    ``genai-brief_acme-clinic_2026-12-02.pdf``."""
    stem = PurePath(report_filename(organization, generated_at)).stem
    return f"{stem.replace('genai-advice', 'genai-brief', 1)}.{fmt}"


def brief_bytes(
    kb: KnowledgeBase,
    rec: Recommendation,
    trust: TrustAnalysis,
    generated_at: datetime,
    fmt: Format,
) -> bytes:
    """The brief of ``rec`` in ``fmt``: UTF-8 HTML or a PDF; never fails on odd text."""
    from brief.pdf import brief_pdf  # fpdf2 and its fonts load on the first PDF, not at start-up

    brief = build_brief(kb, rec, trust, generated_at)
    if fmt == "html":  # a lone surrogate (valid JSON, not text) becomes "?" rather than an error
        return brief_html(brief).encode("utf-8", "replace")
    return brief_pdf(brief)
