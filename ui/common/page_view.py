"""What the recommendation page shows beyond the answers, as a link carries it: its tabs, the
certainty of the weights, the head-to-head pair and the pairwise judgements (see
``ui.common.links.PageView``). The one place that knows their allowed values."""

from __future__ import annotations

from scoring.knowledge import KnowledgeBase
from ui.common.links import ViewOptions
from ui.trust.text import CERTAINTY_LEVELS, DEFAULT_CERTAINTY
from ui.weights.whatif import AHP_PREFIX, JUDGEMENT_CODES, pair_key, pairs

TABS: dict[str, str] = {
    "why": "Why",
    "sure": "How sure",
    "compare": "Compare",
    "weights": "Adjust weights",
    "costs": "Costs",
    "export": "Export",
}
"""Tab id (as a link carries it) -> label; the first is the one a page opens on."""
DEFAULT_TAB = next(iter(TABS))


def certainty_id(label: str) -> str:
    """``Fairly sure`` -> ``fairly_sure`` (a link's value)."""
    return label.lower().replace(" ", "_")


CERTAINTY_IDS = {certainty_id(label): label for label in CERTAINTY_LEVELS}
DEFAULT_CERTAINTY_ID = certainty_id(DEFAULT_CERTAINTY)


def judgement_id(key: str) -> str:
    """An AHP pair's widget key without its prefix (a link's name for the pair)."""
    return key.removeprefix(AHP_PREFIX)


def view_options(kb: KnowledgeBase) -> ViewOptions:
    return ViewOptions(
        tabs=tuple(TABS),
        certainties=tuple(CERTAINTY_IDS),
        judgement_pairs=tuple(judgement_id(pair_key(p)) for p in pairs(kb)),
        judgement_codes=JUDGEMENT_CODES,
    )
