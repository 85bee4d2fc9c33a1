"""Shared page furniture: the product name and its one-line purpose."""

from __future__ import annotations

import streamlit as st
from streamlit import config
from streamlit.errors import StreamlitPageNotFoundError

try:  # internal API: if a Streamlit release moves it, the pages still run (without the fix below)
    from streamlit.runtime.pages_manager import PagesManager
except ImportError:  # pragma: no cover
    PagesManager = None  # type: ignore[assignment,misc]

PRODUCT_NAME = "GenAI Decision Advisor"
PURPOSE = (
    "Find out whether your business should adopt a text LLM, a media generator, a multimodal "
    "model or a pipeline of them, with the reasons and sources behind every number."
)


def ensure_entry_point() -> None:
    """Rerun through app.py when Streamlit ran this page by the legacy ``pages/`` folder rule.

    A fresh server that has a ``pages/`` folder starts in Streamlit's old multipage mode: until some
    session has run app.py (whose ``st.navigation`` switches the mode off for the whole server), a
    first request for ``/recommendation`` runs the page file alone, without the page config and
    with a file-name sidebar. A shared link is exactly such a first request, so the page switches
    the mode off and reruns; the rerun goes through app.py and lands on the same page.

    AppTest resets the mode before every run (its documented multipage quirk) and would lose a
    button click to the rerun, so under AppTest the pages simply run as they are.
    """
    legacy = bool(getattr(PagesManager, "uses_pages_directory", False))
    if legacy and not config.get_option("global.appTest"):
        PagesManager.uses_pages_directory = False  # type: ignore[union-attr]
        st.rerun()


def product_header(compact: bool = False) -> None:
    """The product name and purpose; full on the first screen, a caption elsewhere."""
    if compact:
        st.caption(f"{PRODUCT_NAME}: {PURPOSE}")
        return
    st.title(PRODUCT_NAME)
    st.markdown(PURPOSE)


def page_link(page: str, label: str, icon: str | None = None) -> None:
    """``st.page_link`` that degrades to a caption when the page runs outside ``st.navigation``
    (AppTest on a single page file): a missing link must never break the page."""
    try:
        st.page_link(page, label=label, icon=icon)
    except StreamlitPageNotFoundError:
        st.caption(f"{label}: open it from the navigation.")
