"""Plain-language sentences and tables about how sure a recommendation is (pure, plain text).

Robustness (SMAA rank acceptability), the weights' stability intervals and the head-to-head
comparison come from :mod:`scoring.trust` and :mod:`scoring.head_to_head`; this module only words
them for a person who is not an expert. The analyses index the listed solutions by position
(``RankedSolution.index``); their names come from :func:`scoring.trust.solution_labels`. The
wording follows the outcome: one qualifying solution is "the only one", never "robust"; none
qualifying is never "Adopt".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from scoring.engine import Recommendation
from scoring.head_to_head import HeadToHead
from scoring.knowledge.schema import JUDGEMENT_BAND_MIN, SOURCED_BAND_MAX
from scoring.methods import NORMALIZATION_NAMES, Method, get_method
from scoring.robustness import (
    DEFAULT_CONCENTRATION,
    LABEL_LEANING,
    LABEL_NO_FIT,
    LABEL_ONLY,
    LABEL_ROBUST,
    LABEL_TOSS_UP,
    LEANING_SHARE,
    ROBUST_SHARE,
)
from scoring.trust import TrustAnalysis, solution_labels
from ui.common.text import percent, points

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

ACCEPTABILITY_SOLUTIONS = 5
"""The acceptability chart and table show this many qualifying solutions (dozens are ranked)."""
LOWER_RANKS = "Lower"
SOLUTION_COLUMN = "Solution"
POINTS_COLUMN = "Lead points"

LABEL_TITLES = {
    LABEL_ROBUST: "Robust",
    LABEL_LEANING: "Leaning",
    LABEL_TOSS_UP: "Toss-up",
    LABEL_ONLY: "Only option",
    LABEL_NO_FIT: "No fit",
}


def ordinal(rank: int) -> str:
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


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


def score_name(method: Method) -> str:
    """What a method's total is called in a sentence: ``weighted sum score``, ``TOPSIS score``."""
    label = method.label if method.label.isupper() else method.label.lower()
    return f"{label} score"


# --- robustness -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    label: str  # the analysis's label: robust / leaning / toss-up / only ... / no ...
    title: str  # Robust / Leaning / Toss-up / Only option / No fit
    sentence: str  # the verdict in plain words
    top: str  # solution id the verdict is about (the top of the ranking)


def _challenger(rec: Recommendation, trust: TrustAnalysis) -> tuple[str, float] | None:
    """The solution most often first apart from the top one, with its share (None if never)."""
    first = trust.robustness.first_rank
    top = trust.robustness.top_index
    others = [i for i in range(len(first)) if i != top and first[i] > 0]
    if not others:
        return None
    best = max(others, key=lambda i: (first[i], -i))
    return solution_labels(rec)[best], float(first[best])


def _ranked_sentence(rec: Recommendation, trust: TrustAnalysis) -> str:
    """Robust, leaning or toss-up: how often the top solution stays first, and the closest rival."""
    result = trust.robustness
    top = rec.top.label
    share = share_text(result.top_share)
    around = f"{result.samples:,} plausible weightings and scores around yours"
    challenger = _challenger(rec, trust)
    rival = f"{challenger[0]} (first in {share_text(challenger[1])})" if challenger else None
    if result.label == LABEL_ROBUST:
        return (
            f"{top} comes out on top in {share} of {around}. Weighing the criteria a little "
            "differently would rarely change the advice."
        )
    if result.label == LABEL_LEANING:
        return (
            f"{top} comes out on top in {share} of {around}: more often than not, but a somewhat "
            f"different reading of your priorities could favour {rival or 'another solution'}."
        )
    closest = f"; the closest rival is {rival}" if rival else ""
    return (
        f"{top} comes out on top in only {share} of {around}, so the choice hinges on exactly "
        f"how you weigh the criteria{closest}. Compare them head to head before deciding."
    )


def robustness_verdict(rec: Recommendation, trust: TrustAnalysis) -> Verdict:
    """How sure the recommendation is, in words a non-expert can act on, by outcome."""
    top = rec.top
    if rec.outcome == "only_option":
        sentence = (
            f"{top.label} is the only solution that meets your requirements, so there is no "
            "close call to weigh: every other solution fails at least one of them."
        )
    elif rec.outcome == "no_fit":
        sentence = (
            "No solution meets every requirement, so there is nothing qualifying to be sure "
            f"about. The nearest is {top.label}; the ranking says which requirement to relax."
        )
    else:
        sentence = _ranked_sentence(rec, trust)
    return Verdict(trust.label, LABEL_TITLES[trust.label], sentence, top.option)


def thresholds_sentence() -> str:
    """The documented thresholds of the three labels."""
    return (
        f"Robust: the top solution comes first in at least {percent(ROBUST_SHARE)} of plausible "
        f"weightings and scores. Leaning: in {percent(LEANING_SHARE)} up to "
        f"{percent(ROBUST_SHARE)}. Toss-up: in under {percent(LEANING_SHARE)}."
    )


def scores_sentence() -> str:
    """The one sentence on score sampling: sourced numbers move little, judgements more."""
    return (
        "Each sample also redraws every component's score within its uncertainty band, narrow "
        f"(at most {SOURCED_BAND_MAX:g} points either way) where the number is sourced and wide "
        f"({JUDGEMENT_BAND_MIN:g} points or more) where it is our judgement, and its monthly cost "
        "within its low-high estimate."
    )


def sampling_sentence(trust: TrustAnalysis, certainty: str) -> str:
    """What 'plausible weightings and scores' means, with the spread the chosen certainty gives."""
    result = trust.robustness
    spread = 100 * typical_spread(result.concentration)
    method = get_method(trust.method)
    return (
        f"Plausible weightings: {result.samples:,} sets of weights drawn at random around yours "
        f"(a Dirichlet distribution with concentration {result.concentration:g}, seed "
        f"{result.seed}). At '{certainty}', a weight of {percent(EXAMPLE_WEIGHT)} typically "
        f"moves by about {spread:.0f} percentage points either way. {scores_sentence()} Each "
        "sample ranks the solutions exactly like the recommendation: those meeting your "
        f"requirements first, then by {score_name(method)}."
    )


def method_note(rec: Recommendation) -> str | None:
    """Under a method that is not a sum of points (TOPSIS): the analyses use it too, and what that
    changes in reading them. None under a linear method."""
    method = get_method(rec.method)
    if method.exact_stability:
        return None
    normalization = (
        f" with {NORMALIZATION_NAMES.get(rec.normalization, rec.normalization)}"
        if rec.normalization
        else ""
    )
    return (
        f"Like the recommendation, robustness, stability and the head-to-head use "
        f"{method.label}{normalization}. It is not a sum of points, so the stability ranges are "
        "found numerically (checked every 0.25 percentage point, then narrowed down) rather than "
        "solved exactly, and head-to-head points are each total shared out over the criteria in "
        "proportion to weight times score."
    )


def acceptability_shares(
    rec: Recommendation, trust: TrustAnalysis, count: int = ACCEPTABILITY_SOLUTIONS
) -> tuple[list[str], dict[str, list[float]]]:
    """The top ``count`` qualifying solutions (``"1. label"``) and, per rank column (``1st`` ...
    and ``Lower``), the percentage of samples placing each of them there."""
    shown = rec.qualifying[:count]
    rows = [trust.robustness.acceptability[r.index] for r in shown]
    columns = {
        ordinal(rank + 1): [100 * float(shares[rank]) for shares in rows]
        for rank in range(min(count, trust.robustness.acceptability.shape[1]))
    }
    columns[LOWER_RANKS] = [100 * float(shares[count:].sum()) for shares in rows]
    return [f"{r.rank}. {r.label}" for r in shown], columns


def acceptability_frame(
    rec: Recommendation, trust: TrustAnalysis, count: int = ACCEPTABILITY_SOLUTIONS
) -> pd.DataFrame:
    """The acceptability chart as a table (its text alternative), shares in percent."""
    labels, columns = acceptability_shares(rec, trust, count)
    frame = pd.DataFrame({name: [round(v, 1) for v in values] for name, values in columns.items()})
    return frame.set_axis(pd.Index(labels, name=SOLUTION_COLUMN), axis=0)


def stability_frame(rec: Recommendation, trust: TrustAnalysis) -> pd.DataFrame:
    """The stability chart as a table (its text alternative): per criterion, the weight now, the
    range over which the recommendation holds, and who takes over below and above it."""
    kb, labels = rec.kb, solution_labels(rec)

    def taker(index: int | None) -> str:
        return labels[index] if index is not None else "none"

    rows = [
        {
            "Criterion": kb.criterion(kb.criterion_ids[iv.criterion]).name,
            "Weight now (%)": round(100 * iv.weight, 1),
            "Holds from (%)": round(100 * iv.low, 1),
            "Holds to (%)": round(100 * iv.high, 1),
            "First to take over below": taker(iv.taker_below),
            "First to take over above": taker(iv.taker_above),
        }
        for iv in trust.intervals
    ]
    return pd.DataFrame(rows).set_index("Criterion")


# --- head-to-head -------------------------------------------------------------------------------


def labels_by_id(rec: Recommendation) -> dict[str, str]:
    return {r.option: r.label for r in rec.ranking}


def _listing(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _gains(rec: Recommendation, duel: HeadToHead, option: str) -> str:
    won = sorted((d for d in duel.duels if d.winner == option), key=lambda d: -abs(d.points))
    items = [f"{rec.kb.criterion(d.criterion).name.lower()} ({abs(d.points):.1f})" for d in won]
    return _listing(items) if items else ""


def _requirements(label: str, unmet: tuple[str, ...]) -> str:
    return (
        f" {label} does not meet every requirement: {' '.join(unmet)} It therefore ranks below "
        "every solution that does."
    )


def duel_sentence(rec: Recommendation, duel: HeadToHead) -> str:
    """Who leads, by how much of the total, on which criteria each gains, and which of the two
    fails a hard requirement (that, not the points, then decides their order)."""
    labels = labels_by_id(rec)
    a, b = labels[duel.option_a], labels[duel.option_b]
    lead = duel.lead
    total = f"the {score_name(get_method(duel.method))}"
    if abs(lead) < 0.05:
        opening = f"{a} and {b} are level on {total}."
    elif lead > 0:
        opening = f"{a} leads {b} by {points(lead)} points on {total}."
    else:
        opening = f"{b} leads {a} by {points(-lead)} points on {total}."
    parts = []
    for option, label in ((duel.option_a, a), (duel.option_b, b)):
        gains = _gains(rec, duel, option)
        parts.append(f"{label} gains on {gains}" if gains else f"{label} gains on no criterion")
    requirements = "".join(
        _requirements(label, unmet)
        for label, unmet in ((a, duel.unmet_a), (b, duel.unmet_b))
        if unmet
    )
    return f"{opening} Points per criterion: {'; '.join(parts)}.{requirements}"


def duel_frame(rec: Recommendation, duel: HeadToHead) -> pd.DataFrame:
    """One row per criterion: weight, both scores, the points it adds to the first solution's lead
    (negative: to the second's), who is ahead. Score columns are named after the solutions."""
    labels = labels_by_id(rec)
    a, b = labels[duel.option_a], labels[duel.option_b]
    rows = [
        {
            "Criterion": rec.kb.criterion(d.criterion).name,
            "Weight (%)": round(100 * d.weight, 1),
            a: round(d.score_a, 1),
            b: round(d.score_b, 1),
            POINTS_COLUMN: round(d.points, 2),
            "Ahead": labels[d.winner] if d.winner else "even",
        }
        for d in duel.duels
    ]
    return pd.DataFrame(rows).set_index("Criterion")
