"""What-if weights and pairwise (AHP) weighting: the pure side of the recommendation page's weight
controls (no Streamlit here).

A person sets one importance from 0 to 100 per criterion (sliders or a link); the weights are the
importances divided by their total and are shown in percent. The sliders start from the weights
the answers give, as whole percentages. Pairwise weighting compares the criteria two at a time on
Saaty's 1-9 scale; its eigenvector weights can be applied as what-if importances (whole
percentages). The criteria are always the knowledge base's (``kb.criterion_ids``), never a fixed
list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations

import pandas as pd

from scoring.ahp import (
    CR_WARNING_THRESHOLD,
    RANDOM_INDEX_SOURCE,
    SAATY_RANDOM_INDEX,
    AhpResult,
    ahp_from_judgements,
)
from scoring.engine import Recommendation
from scoring.knowledge import KnowledgeBase
from ui.common.text import percent, points
from ui.recommendation.selection import shown_solutions

SLIDER_PREFIX = "whatif_"
AHP_PREFIX = "ahp_"
RADAR_SOLUTIONS = 3
WEIGHT_COLUMN = "Your weight (%)"


def slider_key(criterion: str) -> str:
    return f"{SLIDER_PREFIX}{criterion}"


def importance_from_weights(weights: Mapping[str, float]) -> dict[str, int]:
    """Weights as whole percentages, the sliders' starting positions (same criteria, same order)."""
    return {c: round(100 * w) for c, w in weights.items()}


def weights_from_importance(importance: Mapping[str, float]) -> dict[str, float] | None:
    """Importances divided by their total; None when every importance is zero."""
    total = sum(float(v) for v in importance.values())
    if total <= 0:
        return None
    return {c: float(v) / total for c, v in importance.items()}


def slider_positions(importance: Mapping[str, float]) -> dict[str, int]:
    """Importances as whole numbers for the 0-100 sliders (a link may carry decimals)."""
    return {c: int(min(max(round(float(v)), 0), 100)) for c, v in importance.items()}


def weights_line(kb: KnowledgeBase, weights: Mapping[str, float]) -> str:
    """``Modality 30 %, Efficiency 20 %, ...`` in the knowledge base's criteria order (plain text)."""
    return ", ".join(f"{kb.criterion(c).short} {percent(weights[c])}" for c in kb.criterion_ids)


RESULTING_WEIGHTS = "Resulting weights"


def weights_sentence(kb: KnowledgeBase, weights: Mapping[str, float]) -> str:
    """``Resulting weights: Modality 30 %, ...``: the one wording of the three places that set
    weights on three scales (the questionnaire's 1-5 priorities, the 0-100 what-if sliders and
    Saaty's 1-9 pairwise comparisons), so the same weights read the same everywhere."""
    return f"{RESULTING_WEIGHTS}: {weights_line(kb, weights)}"


# --- what the weights recommend, in words -------------------------------------------------------


def advice(rec: Recommendation) -> str:
    """The decision in a few words, by outcome: never "Adopt" when nothing qualifies."""
    label = rec.top.label
    if rec.outcome == "no_fit":
        return f"nothing meets every requirement; nearest: {label}"
    if rec.outcome == "only_option":
        return f"{label}, the only solution that meets your requirements"
    return f"Adopt {label}"


def outcome_line(rec: Recommendation) -> str:
    """What the weights shown recommend, with the score and the lead over the runner-up."""
    which = (
        "these what-if weights"
        if rec.weights_source == "custom"
        else "the weights from your answers"
    )
    lead = (
        f", {points(rec.margin)} points ahead of {rec.runner_up.label}"
        if rec.outcome == "recommend" and rec.runner_up is not None and rec.margin is not None
        else ""
    )
    return f"With {which}: {advice(rec)} (score {points(rec.top.score)}{lead})."


def radar_frame(
    kb: KnowledgeBase, rec: Recommendation, count: int = RADAR_SOLUTIONS
) -> pd.DataFrame:
    """The radar as a table: per criterion the weight in percent and the scores of the solutions
    the radar draws (the top qualifying ones, or the nearest when none qualifies)."""
    columns: dict[str, list[float]] = {
        WEIGHT_COLUMN: [round(100 * rec.weights[c], 1) for c in kb.criterion_ids]
    }
    for ranked in shown_solutions(rec, count):
        columns[f"{ranked.rank}. {ranked.label}"] = [
            round(ranked.criteria[c], 1) for c in kb.criterion_ids
        ]
    index = pd.Index([kb.criterion(c).name for c in kb.criterion_ids], name="Criterion")
    return pd.DataFrame(columns, index=index)


# --- pairwise comparisons (AHP) ------------------------------------------------------------------

SCALE_WORDS = {1: "equal", 3: "moderately", 5: "strongly", 7: "very strongly", 9: "extremely"}
"""Saaty's verbal scale; the even values lie between their neighbours."""

JUDGEMENT_CODES: tuple[int, ...] = (9, 8, 7, 6, 5, 4, 3, 2, 1, -2, -3, -4, -5, -6, -7, -8, -9)
"""The select slider's positions, left to right: ``n`` > 1 means the first criterion of the pair is
``n`` times as important, ``-n`` that the second one is, ``1`` that they matter equally."""


Pair = tuple[str, str]


def pairs(kb: KnowledgeBase) -> tuple[Pair, ...]:
    """Every pair of criteria, in the upper-triangle order of the AHP matrix."""
    return tuple(combinations(kb.criterion_ids, 2))


def pair_key(pair: Pair) -> str:
    return f"{AHP_PREFIX}{pair[0]}__{pair[1]}"


def judgement_value(code: int) -> float:
    """Slider code -> ``a_ij`` (how many times the first criterion outweighs the second)."""
    return float(code) if code >= 1 else 1.0 / -code


def judgement_code(value: float) -> int:
    """``a_ij`` -> the nearest slider code (``1/3`` -> ``-3``)."""
    if value >= 1:
        return int(min(round(value), 9))
    return -int(min(round(1.0 / value), 9)) if round(1.0 / value) > 1 else 1


def describe_judgement(kb: KnowledgeBase, pair: Pair, code: int) -> str:
    """``Privacy 5x as important as Cost (strongly)`` or ``Privacy and Cost equally important``."""
    first, second = (kb.criterion(c).short for c in pair)
    if code == 1:
        return f"{first} and {second} equally important"
    winner, loser, times = (first, second, code) if code > 1 else (second, first, -code)
    words = f" ({SCALE_WORDS[times]})" if times in SCALE_WORDS else ""
    return f"{winner} {times}x as important as {loser}{words}"


def code_label(kb: KnowledgeBase, pair: Pair, code: int) -> str:
    """Short text for a slider position: ``Privacy 5x``, ``equal`` or ``Cost 3x``."""
    if code == 1:
        return "equal"
    criterion = pair[0] if code > 1 else pair[1]
    return f"{kb.criterion(criterion).short} {abs(code)}x"


ANCHOR_CODES: tuple[int, ...] = tuple(c for c in JUDGEMENT_CODES if abs(c) in SCALE_WORDS)
"""The answers a pair offers, from its first criterion's end to its second's: Saaty's worded
values (9, 7, 5, 3, equal, then the other way). An in-between value (2, 4, 6, 8) a link carries is
offered too, in its place, for the pair that holds it."""


def pair_options(code: int | None) -> tuple[int, ...]:
    """The answers offered for a pair whose current answer is ``code`` (None: unanswered)."""
    if code is None or code in ANCHOR_CODES:
        return ANCHOR_CODES
    return tuple(c for c in JUDGEMENT_CODES if c in ANCHOR_CODES or c == code)


def option_label(kb: KnowledgeBase, pair: Pair, code: int) -> str:
    """One answer to a pair, naming the criterion it favours: ``Privacy matters strongly more
    (5x)``, ``Both matter equally``, ``Cost matters more, 4x (between moderately and strongly)``."""
    if code == 1:
        return "Both matter equally"
    name = kb.criterion(pair[0] if code > 1 else pair[1]).short
    times = abs(code)
    if times in SCALE_WORDS:
        return f"{name} matters {SCALE_WORDS[times]} more ({times}x)"
    return (
        f"{name} matters more, {times}x (between {SCALE_WORDS[times - 1]} and "
        f"{SCALE_WORDS[times + 1]})"
    )


def default_codes(kb: KnowledgeBase) -> dict[str, int]:
    """Every pair answered "equal" (a complete set, for tests and examples)."""
    return {pair_key(p): 1 for p in pairs(kb)}


def unanswered(kb: KnowledgeBase, codes: Mapping[str, int]) -> tuple[Pair, ...]:
    """The pairs without an answer, in order. A pair nobody answered is not "equal": taking it
    so would put weights and a consistency ratio on judgements the person never made."""
    return tuple(p for p in pairs(kb) if pair_key(p) not in codes)


def ahp_result(kb: KnowledgeBase, codes: Mapping[str, int]) -> AhpResult:
    """Eigenvector weights and consistency of a complete set of judgements (codes by pair key);
    ValueError names the pairs still unanswered."""
    missing = unanswered(kb, codes)
    if missing:
        names = ", ".join(f"{kb.criterion(a).short} vs {kb.criterion(b).short}" for a, b in missing)
        raise ValueError(f"{len(missing)} pairs are not answered yet: {names}")
    judgements = {p: judgement_value(codes[pair_key(p)]) for p in pairs(kb)}
    return ahp_from_judgements(judgements, list(kb.criterion_ids))


def ahp_weights_dict(kb: KnowledgeBase, result: AhpResult) -> dict[str, float]:
    return {c: float(w) for c, w in zip(kb.criterion_ids, result.weights, strict=True)}


@dataclass(frozen=True)
class Inconsistency:
    """The judgement to revisit: what was said and what the other judgements imply."""

    pair: Pair
    given_code: int
    suggested_code: int


def inconsistency(kb: KnowledgeBase, result: AhpResult) -> Inconsistency | None:
    """The most inconsistent judgement when the consistency ratio is above the threshold."""
    bad = result.most_inconsistent
    if result.consistency_ratio <= CR_WARNING_THRESHOLD or bad is None:
        return None
    criteria = kb.criterion_ids
    pair = (criteria[bad.i], criteria[bad.j])
    return Inconsistency(pair, judgement_code(bad.given), judgement_code(bad.indirect_suggested))


def ratio_text(ratio: float) -> str:
    """Two decimals, or as many as it takes not to read as the threshold it is above or below
    (0.1004 is "0.1004", not "0.10 (not consistent enough; threshold 0.10)")."""
    for decimals in (2, 3, 4, 6):
        shown = f"{ratio:.{decimals}f}"
        if float(shown) != CR_WARNING_THRESHOLD or ratio == CR_WARNING_THRESHOLD:
            return shown
    return f"{ratio:.6f}"


def consistency_sentence(result: AhpResult) -> str:
    """The consistency ratio against Saaty's threshold, with the pinned random index."""
    n = len(result.weights)
    ratio = result.consistency_ratio
    verdict = "consistent enough" if ratio <= CR_WARNING_THRESHOLD else "not consistent enough"
    return (
        f"Consistency ratio {ratio_text(ratio)} ({verdict}; Saaty's threshold is "
        f"{CR_WARNING_THRESHOLD:.2f}). It is CI / RI with CI = (lambda_max - {n}) / {n - 1} = "
        f"{result.consistency_index:.3f} and the random index RI({n}) = "
        f"{SAATY_RANDOM_INDEX[n]:.2f} from {RANDOM_INDEX_SOURCE}."
    )


def inconsistency_sentence(kb: KnowledgeBase, found: Inconsistency) -> str:
    """Which judgement to revisit and the value the other judgements point to."""
    said = describe_judgement(kb, found.pair, found.given_code)
    implied = describe_judgement(kb, found.pair, found.suggested_code)
    first, second = (kb.criterion(c).short for c in found.pair)
    opening = (
        f"The comparison that disagrees most with the others is {first} vs {second}: "
        f"you said {said}"
    )
    if found.suggested_code == found.given_code:
        # The other judgements point beyond the end of Saaty's scale, so no value on it is better.
        return (
            f"{opening}, and your other comparisons point even further that way than the scale "
            f"goes (9x). Revisit the comparisons that lead there, or soften this one."
        )
    return (
        f"{opening}, while your other comparisons point to {implied}. Moving it towards that "
        f"makes the set more consistent."
    )
