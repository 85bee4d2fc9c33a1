"""Plain-language sentences and tables about how sure a recommendation is (pure, plain text).

Robustness (SMAA rank acceptability), the weights' stability intervals and the head-to-head
comparison come from :mod:`scoring.trust` and :mod:`scoring.head_to_head`; this module only words
them for a person who is not an expert. All of them use the recommendation's own method; under
TOPSIS the page says how that changes their reading (:func:`method_note`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from scoring.aggregation import NORMALIZATION_NAMES
from scoring.engine import METHOD_NAMES, Recommendation
from scoring.head_to_head import HeadToHead
from scoring.knowledge_base import KnowledgeBase
from scoring.robustness import (
    DEFAULT_CONCENTRATION,
    LABEL_LEANING,
    LABEL_ROBUST,
    LABEL_TOSS_UP,
    LEANING_SHARE,
    ROBUST_SHARE,
)
from scoring.trust import TrustAnalysis
from ui.text import percent, points

CERTAINTY_LEVELS: dict[str, float] = {
    "Not sure": 8.0,
    "Somewhat sure": 20.0,
    "Fairly sure": DEFAULT_CONCENTRATION,
    "Very sure": 200.0,
}
"""'How sure are you of your weights?' -> Dirichlet concentration of the sampled weightings.

The less sure, the lower the concentration and the further the sampled weights stray from the
person's own: a 20 % weight varies by about +/- 13, 9, 6 and 3 percentage points respectively."""
DEFAULT_CERTAINTY = "Fairly sure"
EXAMPLE_WEIGHT = 0.20

POINTS_COLUMN = "Lead points"

LABEL_TITLES = {LABEL_ROBUST: "Robust", LABEL_LEANING: "Leaning", LABEL_TOSS_UP: "Toss-up"}


def typical_spread(concentration: float, weight: float = EXAMPLE_WEIGHT) -> float:
    """Standard deviation of a sampled weight around ``weight`` (Dirichlet marginal)."""
    return math.sqrt(weight * (1 - weight) / (concentration + 1))


def share_text(share: float) -> str:
    """A share as a percentage that never rounds across a label's threshold (79.96 % is not 80 %)."""
    shown = round(100 * share)
    if shown in (100 * ROBUST_SHARE, 100 * LEANING_SHARE) and 100 * share < shown:
        return f"{math.floor(1000 * share) / 10:.1f} %"
    if shown == 100 and share < 1:
        return "over 99.5 %"
    return f"{shown:.0f} %"


@dataclass(frozen=True)
class Verdict:
    label: str  # robust / leaning / toss-up
    title: str  # Robust / Leaning / Toss-up
    sentence: str  # the verdict in plain words
    top: str  # option id the verdict is about (the recommended option)


def _challenger(kb: KnowledgeBase, trust: TrustAnalysis) -> tuple[str, float] | None:
    """The option most often first apart from the top one, with its share (None if never)."""
    first = trust.robustness.first_rank
    top = trust.robustness.top_option_index
    others = [i for i in range(len(first)) if i != top and first[i] > 0]
    if not others:
        return None
    best = max(others, key=lambda i: (first[i], -i))
    return kb.options[best].label, float(first[best])


def robustness_verdict(kb: KnowledgeBase, trust: TrustAnalysis) -> Verdict:
    """How sure the recommendation is, in words a non-expert can act on."""
    result = trust.robustness
    top = kb.options[result.top_option_index]
    share = share_text(result.top_share)
    samples = f"{result.samples:,}"
    challenger = _challenger(kb, trust)
    rival = f"{challenger[0]} (first in {share_text(challenger[1])})" if challenger else None
    if result.label == LABEL_ROBUST:
        sentence = (
            f"{top.label} comes out on top in {share} of {samples} plausible weightings around "
            f"your weights. Weighing the criteria a little differently would rarely change the advice."
        )
    elif result.label == LABEL_LEANING:
        sentence = (
            f"{top.label} comes out on top in {share} of {samples} plausible weightings around "
            f"your weights: more often than not, but a somewhat different reading of your "
            f"priorities could favour {rival or 'another option'}."
        )
    else:
        sentence = (
            f"{top.label} comes out on top in only {share} of {samples} plausible weightings "
            f"around your weights, so the choice hinges on exactly how you weigh the criteria"
            f"{f'; the closest rival is {rival}' if rival else ''}. Compare them head to head "
            f"before deciding."
        )
    return Verdict(result.label, LABEL_TITLES[result.label], sentence, top.id)


def thresholds_sentence() -> str:
    """The documented thresholds of the three labels."""
    return (
        f"Robust: the top option comes first in at least {percent(ROBUST_SHARE)} of plausible "
        f"weightings. Leaning: in {percent(LEANING_SHARE)} up to {percent(ROBUST_SHARE)}. "
        f"Toss-up: in under {percent(LEANING_SHARE)}."
    )


def sampling_sentence(trust: TrustAnalysis, certainty: str) -> str:
    """What 'plausible weightings' means, with the spread the chosen certainty gives."""
    result = trust.robustness
    spread = 100 * typical_spread(result.concentration)
    return (
        f"Plausible weightings: {result.samples:,} sets of weights drawn at random around yours "
        f"(a Dirichlet distribution with concentration {result.concentration:g}, seed "
        f"{result.seed}). At '{certainty}', a weight of {percent(EXAMPLE_WEIGHT)} typically "
        f"moves by about {spread:.0f} percentage points either way. Each set ranks the options "
        f"exactly like the recommendation: options meeting the hard requirements first, then by "
        f"{METHOD_NAMES[trust.method].lower().replace('topsis', 'TOPSIS')} score."
    )


def method_note(rec: Recommendation) -> str | None:
    """Under TOPSIS: the analyses use TOPSIS too, and what that changes in reading them."""
    if rec.method != "topsis":
        return None
    normalization = NORMALIZATION_NAMES[rec.normalization or "vector"]
    return (
        f"Like the recommendation, robustness, stability and the head-to-head use TOPSIS with "
        f"{normalization}. TOPSIS is not a sum of points, so the stability ranges are found "
        f"numerically (checked every 0.25 percentage point, then narrowed down) rather than solved "
        f"exactly, and head-to-head points are each total shared out over the criteria in "
        f"proportion to weight times score."
    )


# --- head-to-head -------------------------------------------------------------------------------


def _listing(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _gains(kb: KnowledgeBase, duel: HeadToHead, option: str) -> str:
    won = sorted((d for d in duel.duels if d.winner == option), key=lambda d: -abs(d.points))
    items = [f"{kb.criterion(d.criterion).name.lower()} ({abs(d.points):.1f})" for d in won]
    return _listing(items) if items else ""


TOTAL_NAMES = {"wsm": "the weighted sum of your weights", "topsis": "the TOPSIS score"}


def _requirements(label: str, unmet: tuple[str, ...]) -> str:
    return f" {label} fails a hard requirement ({'; '.join(unmet)}), so it ranks below every option that meets them."


def duel_sentence(kb: KnowledgeBase, duel: HeadToHead) -> str:
    """Who leads, by how much of the total, on which criteria each gains, and which of the two
    fails a hard requirement (that, not the points, then decides their order)."""
    a, b = kb.option(duel.option_a).label, kb.option(duel.option_b).label
    lead = duel.lead
    total = TOTAL_NAMES[duel.method]
    if abs(lead) < 0.05:
        opening = f"{a} and {b} are level on {total}."
    elif lead > 0:
        opening = f"{a} leads {b} by {points(lead)} points on {total}."
    else:
        opening = f"{b} leads {a} by {points(-lead)} points on {total}."
    parts = []
    for option, label in ((duel.option_a, a), (duel.option_b, b)):
        gains = _gains(kb, duel, option)
        parts.append(f"{label} gains on {gains}" if gains else f"{label} gains on no criterion")
    requirements = "".join(
        _requirements(label, unmet)
        for label, unmet in ((a, duel.unmet_a), (b, duel.unmet_b))
        if unmet
    )
    return f"{opening} Points per criterion: {'; '.join(parts)}.{requirements}"


def duel_frame(kb: KnowledgeBase, duel: HeadToHead) -> pd.DataFrame:
    """One row per criterion: weight, both scores, the points it adds to the first option's lead
    (negative: to the second's), who is ahead. Score columns are named after the options."""
    a, b = kb.option(duel.option_a).label, kb.option(duel.option_b).label
    rows = [
        {
            "Criterion": kb.criterion(d.criterion).name,
            "Weight (%)": round(100 * d.weight, 1),
            a: round(d.score_a, 1),
            b: round(d.score_b, 1),
            POINTS_COLUMN: round(d.points, 2),
            "Ahead": kb.option(d.winner).label if d.winner else "even",
        }
        for d in duel.duels
    ]
    return pd.DataFrame(rows).set_index("Criterion")
