"""Weight stability intervals: how far can one weight move before the recommendation changes?

For criterion ``c`` the weight ``w_c`` moves to ``t`` in [0, 1] and every other weight is rescaled by
``(1 - t) / (1 - w_c)``, so the others keep their proportions and the weights still sum to 1. When
``w_c`` is 1 the other weights are all zero and have no proportions to keep; the freed weight
``1 - t`` is then shared equally among the other criteria (the neutral choice).

Under the weighted sum every option's total is linear in ``t``:

    T_i(t) = R_i + t * (s_ic - R_i),   R_i = sum_{k != c} w_k s_ik / (1 - w_c)

so the interval where the current top option stays first is found exactly from the crossing points
of straight lines, with no sampling. The ranking rule is :func:`scoring.ranking.rank_order`'s:
a solution can only overtake the top one if it fails exactly as many hard requirements (fewer
would already rank above it, more never can), and at an exact tie the solution earlier in the
catalogue ranks first.

TOPSIS totals are not linear in ``t``, so for TOPSIS (any ``totals_of``) the interval is found
numerically instead: the top option is checked on a grid of ``GRID_POINTS`` weights over [0, 1]
(plus the current weight), and every change of winner next to the current weight is narrowed down
by bisection to ``BISECTION_STEPS`` halvings. The interval is then the unbroken range around the
current weight where the top option stays first; a rival that could win only inside a single grid
step (under 0.25 percentage point wide) can be missed, which is why the exact path is preferred
whenever the method allows it.

In the exact case the interval is the set ``{t in [0, 1] : the current top option is ranked first}``. It always
contains the current weight and is an interval because each rival is beaten on a half-line. An
endpoint is included when the top option still ranks first there, i.e. when at that exact crossing
it ties with the rival and comes earlier in the catalogue (``low_included`` / ``high_included``
say which). Endpoints are computed in exact arithmetic; ``rank_order`` treats totals equal to 9
decimal places as ties, which can shift where it flips by about ``1e-9 / |slope|`` in ``t``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from scoring.ranking import rank_order
from scoring.robustness import TotalsFunction

ZERO_TOLERANCE = 1e-12
"""Slopes and remaining weights below this are treated as exactly zero."""

CROSSING_TOLERANCE = 1e-9
"""Crossing points closer than this (in weight) are the same point, so that exact ties computed
with rounding noise (e.g. two options tying exactly at weight 0) are recognised as ties."""

GRID_POINTS = 401
"""Numeric path (TOPSIS): weights checked on [0, 1], a step of 0.25 percentage point."""

BISECTION_STEPS = 16
"""Numeric path: halvings of a grid step around each change of winner (to about 4e-8)."""


@dataclass(frozen=True)
class StabilityInterval:
    """Range of one criterion's weight over which the current top option stays first.

    ``taker_below`` is the option that ranks first once the weight drops below ``low`` (or reaches
    ``low`` when ``low_included`` is False); None when the top option holds all the way to 0.
    ``taker_above`` is the same for rising above ``high``; None when it holds all the way to 1.
    """

    criterion: int
    weight: float
    low: float
    high: float
    low_included: bool
    high_included: bool
    taker_below: int | None
    taker_above: int | None
    top: int

    @property
    def holds_everywhere(self) -> bool:
        """True when no weight for this criterion changes the recommendation."""
        return self.taker_below is None and self.taker_above is None


Bound = tuple[float, bool, int | None]
"""One end of an interval: (endpoint, endpoint included, option taking over past it or None)."""


def reweight(weights: np.ndarray, criterion: int, t: float | np.ndarray) -> np.ndarray:
    """The weight vector with ``weights[criterion]`` moved to ``t`` and the others rescaled.

    Shows exactly which weights a point of a stability interval stands for. ``t`` may be an array
    of weights, giving one weight vector per row.
    """
    weights = np.asarray(weights, dtype=float)
    t = np.asarray(t, dtype=float)
    others = np.delete(np.arange(weights.size), criterion)
    rest = weights[others].sum()
    result = np.empty((*t.shape, weights.size))
    result[..., criterion] = t
    kept = (
        weights[others] / rest if rest > ZERO_TOLERANCE else np.full(others.size, 1 / others.size)
    )
    result[..., others] = (1.0 - t)[..., None] * kept
    return result


def _rest_totals(scores: np.ndarray, weights: np.ndarray, criterion: int) -> np.ndarray:
    """``R_i``: each option's total over the other criteria, with their weights rescaled to 1."""
    shares = reweight(weights, criterion, 0.0)
    return scores @ shares


def _interval_for_criterion(
    scores: np.ndarray, weights: np.ndarray, failed: np.ndarray, top: int, criterion: int
) -> StabilityInterval:
    w_c = float(weights[criterion])
    rest = _rest_totals(scores, weights, criterion)
    slope = scores[:, criterion] - rest
    rivals = np.flatnonzero((failed == failed[top]) & (np.arange(scores.shape[0]) != top))
    # D_i(t) = a_i + b_i t = T_top(t) - T_i(t); the top option beats rival i where D_i > 0.
    a = rest[top] - rest[rivals]
    b = slope[top] - slope[rivals]
    return _assemble(
        criterion,
        w_c,
        top,
        _bound(a, b, rivals, top, w_c, below=True),
        _bound(a, b, rivals, top, w_c, below=False),
    )


def _assemble(
    criterion: int, weight: float, top: int, low: Bound, high: Bound
) -> StabilityInterval:
    return StabilityInterval(
        criterion=criterion,
        weight=weight,
        low=low[0],
        high=high[0],
        low_included=low[1],
        high_included=high[1],
        taker_below=low[2],
        taker_above=high[2],
        top=top,
    )


def _bound(
    a: np.ndarray, b: np.ndarray, rivals: np.ndarray, top: int, w_c: float, *, below: bool
) -> Bound:
    """One end of the interval: (endpoint, endpoint included, taker or None).

    Rivals gaining on the top option as ``t`` falls (``b > 0``) bound it below; rivals gaining as
    ``t`` rises (``b < 0``) bound it above. Crossings on the wrong side of ``w_c`` can only be
    floating-point noise from a tie at ``w_c`` (the top option is first there), so they are clamped.
    """
    binding = b > ZERO_TOLERANCE if below else b < -ZERO_TOLERANCE
    edge = 0.0 if below else 1.0
    if not np.any(binding):
        return edge, True, None
    crossings = -a[binding] / b[binding]
    for anchor in (edge, w_c):
        crossings = np.where(np.abs(crossings - anchor) <= CROSSING_TOLERANCE, anchor, crossings)
    crossings = np.minimum(crossings, w_c) if below else np.maximum(crossings, w_c)
    endpoint = float(crossings.max() if below else crossings.min())
    beyond = endpoint < 0.0 if below else endpoint > 1.0
    if beyond:
        return edge, True, None
    at_end = np.abs(crossings - endpoint) <= CROSSING_TOLERANCE
    candidates = rivals[binding][at_end]
    steepness = np.abs(b[binding][at_end])
    # At the current weight the top option is first by definition; elsewhere it keeps a tie only
    # if it comes earlier in the catalogue than every rival crossing there.
    included = endpoint == w_c or bool(np.all(top < candidates))
    if endpoint == edge:
        if included:
            return edge, True, None
        # Nothing lies beyond 0 or 1: the tie at the edge itself decides, by catalogue order
        # (candidates are in catalogue order already).
        return edge, False, int(candidates[0])
    # Just beyond the endpoint the rival pulling away fastest ranks first; identical lines fall
    # back on catalogue order.
    fastest = np.flatnonzero(steepness >= steepness.max() - ZERO_TOLERANCE)[0]
    return endpoint, included, int(candidates[fastest])


# --- numeric path (TOPSIS and any other non-additive aggregation) ----------------------------


def _tops(
    scores: np.ndarray,
    weights: np.ndarray,
    failed: np.ndarray,
    criterion: int,
    ts: np.ndarray,
    totals_of: TotalsFunction,
) -> np.ndarray:
    """The option ranked first at each weight in ``ts`` for ``criterion``."""
    return rank_order(totals_of(scores, reweight(weights, criterion, ts)), failed)[..., 0]


def _narrow(
    holds: float, loses: float, top: int, winner_at: Callable[[float], int]
) -> tuple[float, float]:
    """Bisect between a weight where ``top`` is first and one where it is not: (holds, loses)."""
    for _ in range(BISECTION_STEPS):
        middle = (holds + loses) / 2
        if winner_at(middle) == top:
            holds = middle
        else:
            loses = middle
    return holds, loses


def _numeric_bound(
    grid: np.ndarray,
    tops: np.ndarray,
    here: int,
    top: int,
    winner_at: Callable[[float], int],
    *,
    below: bool,
) -> Bound:
    """One end of the numeric interval: (endpoint, endpoint included, taker or None)."""
    edge = 0.0 if below else 1.0
    steps = range(here - 1, -1, -1) if below else range(here + 1, grid.size)
    lost = next((i for i in steps if tops[i] != top), None)
    if lost is None:
        return edge, True, None
    inside = lost + 1 if below else lost - 1
    holds, loses = _narrow(float(grid[inside]), float(grid[lost]), top, winner_at)
    if loses == edge:  # lost only at the edge itself (a tie there settled by catalogue order)
        return edge, False, winner_at(edge)
    return holds, True, winner_at(loses)


def _numeric_interval_for_criterion(
    scores: np.ndarray,
    weights: np.ndarray,
    failed: np.ndarray,
    top: int,
    criterion: int,
    totals_of: TotalsFunction,
) -> StabilityInterval:
    w_c = float(weights[criterion])
    grid = np.union1d(np.linspace(0.0, 1.0, GRID_POINTS), [w_c])
    tops = _tops(scores, weights, failed, criterion, grid, totals_of)
    here = int(np.searchsorted(grid, w_c))

    def winner_at(t: float) -> int:
        return int(_tops(scores, weights, failed, criterion, np.array([t]), totals_of)[0])

    return _assemble(
        criterion,
        w_c,
        top,
        _numeric_bound(grid, tops, here, top, winner_at, below=True),
        _numeric_bound(grid, tops, here, top, winner_at, below=False),
    )


# --- public API ------------------------------------------------------------------------------


def compute_stability_intervals(
    scores: np.ndarray,
    weights: np.ndarray,
    failed: np.ndarray,
    totals_of: TotalsFunction | None = None,
) -> tuple[StabilityInterval, ...]:
    """Pure computation, one interval per criterion, in criterion order; inputs are trusted.

    ``totals_of`` None is the weighted sum, solved exactly; any other aggregation (TOPSIS) is
    solved numerically (see the module docstring).
    """
    scores = np.asarray(scores, dtype=float)
    weights = np.asarray(weights, dtype=float)
    failed = np.asarray(failed, dtype=np.int64)
    if totals_of is None:
        top = int(rank_order(scores @ weights, failed)[0])
        return tuple(
            _interval_for_criterion(scores, weights, failed, top, c) for c in range(weights.size)
        )
    top = int(rank_order(totals_of(scores, weights), failed)[0])
    return tuple(
        _numeric_interval_for_criterion(scores, weights, failed, top, c, totals_of)
        for c in range(weights.size)
    )


# --- plain language --------------------------------------------------------------------------


def _percent(value: float, avoid: Sequence[float] = ()) -> str:
    """Format a share as a percentage with the fewest decimals (0-2) that keep it distinct.

    A bound that rounds to 0 %, 100 % or to the current weight's percentage would read as
    nonsense ("drops below 20 %" when the weight is 20 %), so more decimals are shown then.
    """
    for decimals in (0, 1, 2):
        shown = round(value * 100, decimals)
        others = [x for x in avoid if x != value]
        clashes = [0.0, 100.0, *(round(x * 100, decimals) for x in others)]
        if all(shown != clash for clash in clashes) or decimals == 2:
            return f"{shown:.{decimals}f} %"
    raise AssertionError("unreachable")


def describe_interval(
    interval: StabilityInterval,
    criterion_names: Sequence[str],
    option_labels: Sequence[str],
) -> str:
    """One sentence a non-expert can act on, e.g. "The recommendation holds unless data privacy
    drops below 12 % of the decision, when the hosted API takes over."

    ``criterion_names`` and ``option_labels`` are indexed by criterion and option position.
    """
    name = criterion_names[interval.criterion]
    if interval.holds_everywhere:
        return f"The recommendation holds whatever weight {name} gets."
    if interval.taker_above is None:
        taker = option_labels[interval.taker_below]  # type: ignore[index]
        return (
            f"The recommendation holds unless {name} {_below_phrase(interval)} of the decision, "
            f"when {taker} takes over."
        )
    if interval.taker_below is None:
        taker = option_labels[interval.taker_above]
        return (
            f"The recommendation holds unless {name} {_above_phrase(interval)} of the decision, "
            f"when {taker} takes over."
        )
    under = option_labels[interval.taker_below]
    over = option_labels[interval.taker_above]
    return (
        f"The recommendation holds unless {name} {_below_phrase(interval)} of the decision, "
        f"when {under} takes over, or {_above_phrase(interval)}, when {over} does."
    )


def _below_phrase(interval: StabilityInterval) -> str:
    if interval.low == 0.0:
        return "drops to 0 %"
    return f"drops below {_percent(interval.low, [interval.weight])}"


def _above_phrase(interval: StabilityInterval) -> str:
    if interval.high == 1.0:
        return "rises to 100 %"
    return f"rises above {_percent(interval.high, [interval.weight])}"
