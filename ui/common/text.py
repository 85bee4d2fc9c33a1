"""Text helpers for markdown-rendering elements.

Streamlit renders markdown, LaTeX (``$``), colour directives (``:red[...]``) and emoji shortcodes in
most text elements. User text and knowledge-base prose (which contains prices such as ``$0.15``)
must therefore be escaped before it reaches ``st.markdown``, ``st.caption``, ``st.warning`` or
``st.error``.
"""

from __future__ import annotations

import string

_PUNCTUATION = frozenset(string.punctuation)
ELLIPSIS = "…"


def md(text: str) -> str:
    """Escape every ASCII punctuation mark so the text renders literally.

    CommonMark lets any ASCII punctuation be backslash-escaped, so this neutralises emphasis,
    links, images, headings, lists, LaTeX, directives and shortcodes alike. Line breaks become spaces
    so one value cannot start a new block.
    """
    flat = " ".join(text.splitlines())
    return "".join("\\" + ch if ch in _PUNCTUATION else ch for ch in flat)


def clip(text: str, limit: int = 120, *, at_word: bool = False) -> str:
    """Shorten text for one-line messages (a tampered link may carry kilobytes); ``at_word`` cuts
    after the last whole word that fits, for prose."""
    if len(text) <= limit:
        return text
    kept = text[: limit - 1]
    if at_word and " " in kept:
        kept = kept.rsplit(" ", 1)[0].rstrip(",;:(")
    return kept + ELLIPSIS


def percent(share: float) -> str:
    """A weight as a whole percentage, e.g. ``0.314`` -> ``31 %``."""
    return f"{100 * share:.0f} %"


def points(value: float) -> str:
    """A 0-100 score with one decimal, as everywhere on the pages."""
    return f"{value:.1f}"
