"""Businesses that several test modules open, defined once so they cannot drift apart."""

from __future__ import annotations

TOSS_UP_FIELDS = {
    "output_modalities": ["text"],
    "data_sensitivity": "public",
    "deployment": "prefer_on_premises",
    "budget": "enterprise",
    "volume": "low",
}
"""A text-only business on public data with a large budget: the hosted and the self-hosted LLM
come out nearly level, so the robustness label is a toss-up (the trust tests rely on that)."""
