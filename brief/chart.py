"""The brief's one chart, as geometry both renderers share: each solution's score on 0-100 and its
monthly cost range on a log scale (costs span cents to tens of thousands of dollars, so a linear
axis would flatten all but the dearest). Positions are fractions of a panel's width (0 to 1)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from brief.content import BriefSolution
from scoring.requirements import money

SCORE_TICKS = (0, 50, 100)
TITLE = "Score (0-100) and monthly cost (USD, log scale)"


@dataclass(frozen=True)
class Bar:
    label: str
    score: float  # 0-1 of the score panel
    score_text: str
    cost_low: float  # 0-1 of the cost panel
    cost_high: float
    cost_text: str
    qualifies: bool


@dataclass(frozen=True)
class CostAxis:
    """Whole powers of ten around every cost shown, so the ticks read $10, $100, $1,000 ..."""

    low: int  # exponent of the left end
    high: int  # exponent of the right end

    def position(self, amount: float) -> float:
        value = math.log10(max(amount, 10.0**self.low))
        return min(1.0, max(0.0, (value - self.low) / (self.high - self.low)))

    @property
    def ticks(self) -> tuple[tuple[float, str], ...]:
        return tuple(
            ((e - self.low) / (self.high - self.low), tick_text(e))
            for e in range(self.low, self.high + 1)
        )


def tick_text(exponent: int) -> str:
    """``$1``, ``$10``, ``$1k``, ``$100k``, ``$1M``: short enough for ticks a decade apart."""
    if exponent >= 6:
        return f"${10 ** (exponent - 6):,}M"
    if exponent >= 3:
        return f"${10 ** (exponent - 3):,}k"
    return f"${10**exponent:,}" if exponent >= 0 else money(10.0**exponent)


def cost_axis(solutions: Sequence[BriefSolution]) -> CostAxis:
    amounts = [max(a, 1.0) for s in solutions for a in s.monthly_cost] or [1.0, 10.0]
    low = math.floor(math.log10(min(amounts)))
    high = max(math.ceil(math.log10(max(amounts))), low + 1)
    return CostAxis(low, high)


def bars(solutions: Sequence[BriefSolution]) -> tuple[CostAxis, tuple[Bar, ...]]:
    """The axis and one bar pair per solution, in the brief's order."""
    axis = cost_axis(solutions)
    return axis, tuple(
        Bar(
            label=f"{s.rank}. {s.label}",
            score=min(1.0, max(0.0, s.score / 100)),
            score_text=f"{s.score:.1f}",
            cost_low=axis.position(s.monthly_cost[0]),
            cost_high=axis.position(s.monthly_cost[1]),
            cost_text=f"{money(s.monthly_cost[0])}–{money(s.monthly_cost[1])}",
            qualifies=s.qualifies,
        )
        for s in solutions
    )
