"""The Export tab's one-page brief: two download buttons, HTML and PDF, each built only when
clicked (``on_click="ignore"``: a click neither reruns the page nor builds the other file)."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from brief.export import FORMATS, MIME, Format, brief_bytes, brief_filename
from scoring.engine import Recommendation
from scoring.knowledge import KnowledgeBase
from scoring.trust import TrustAnalysis
from ui.common.text import md

BRIEF_HEADING = "One-page brief"
BRIEF_LABELS: dict[Format, str] = {"html": "Download brief (HTML)", "pdf": "Download brief (PDF)"}


def brief_downloads(kb: KnowledgeBase, rec: Recommendation, trust: TrustAnalysis) -> None:
    """The brief a manager forwards, as a self-contained web page and as a PDF."""
    generated_at = datetime.now().astimezone()
    st.subheader(BRIEF_HEADING)
    for column, fmt in zip(st.columns(len(FORMATS)), FORMATS, strict=True):

        def build(fmt: Format = fmt) -> bytes:
            return brief_bytes(kb, rec, trust, generated_at, fmt)

        column.download_button(
            BRIEF_LABELS[fmt],
            data=build,
            file_name=brief_filename(rec.answers.organization, generated_at, fmt),
            mime=MIME[fmt],
            on_click="ignore",
            icon=":material/description:",
            width="stretch",
        )
    st.caption(
        f"The decision, the top solutions with their monthly costs and products, why (with "
        f"sources), how sure, risks and compliance notes, next steps for a pilot and your answers, "
        f"on one A4 page; knowledge base {md(kb.version)}."
    )
