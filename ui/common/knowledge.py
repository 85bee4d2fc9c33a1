"""The knowledge base, loaded once per server process and shared by every session."""

from __future__ import annotations

import streamlit as st

from scoring.knowledge import KnowledgeBase, KnowledgeBaseError, data_dir, load_knowledge_base
from ui.common.text import md


@st.cache_resource(show_spinner=False)
def _cached_knowledge_base(folder: str) -> KnowledgeBase:
    # cache_resource, not cache_data: the KB is immutable and holds numpy arrays; copying it on
    # every rerun (as cache_data would) costs time for nothing. Exceptions are not cached.
    return load_knowledge_base(folder)


def knowledge_base() -> KnowledgeBase:
    """The knowledge base in use; a broken data file stops the page with a clear message."""
    try:
        return _cached_knowledge_base(str(data_dir()))
    except KnowledgeBaseError as problem:
        st.error(
            "The knowledge base in `data/` could not be loaded, so no recommendation can be made. "
            f"Whoever maintains it can fix this: {md(str(problem))}",
            icon=":material/error:",
        )
        st.stop()
