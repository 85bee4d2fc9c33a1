"""What every chart of the pages shares: a title and labels that read whole on a phone."""

from __future__ import annotations

import textwrap
from typing import Any

TITLE_LINE_CHARS = 42
"""About what a 15-pixel title fits across a phone (390 pixels less the page's padding)."""


def chart_title(text: str) -> dict[str, Any]:
    """A figure's title, left-aligned, wrapped onto lines a phone shows whole (Plotly never wraps
    a title, it cuts it off). Each break keeps a space before it, so the title read without markup
    is the sentence as written. It sits just above the plot and pushes the plot down as far as its
    lines need.
    """
    lines = textwrap.wrap(text, TITLE_LINE_CHARS)
    return {
        "text": " <br>".join(lines),
        "x": 0,
        "xanchor": "left",
        "font": {"size": 15},
        "automargin": True,
        "yref": "paper",
        "y": 1,
        "yanchor": "bottom",
        "pad": {"b": 12},
    }


def wrap_label(label: str, width: int) -> str:
    """A label over lines of at most ``width`` characters (Plotly breaks lines only at ``<br>``).

    Pipelines have long labels that differ only at the end ("..., enterprise cloud + image
    generation, public API"), so cutting them short makes two solutions look alike; and one long
    line is wider than a phone's whole chart (cut off at its left edge beside bars).
    """
    lines = textwrap.wrap(label, width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(lines) or label
