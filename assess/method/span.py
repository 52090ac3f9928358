"""Planning ranges: low, expected and high, and the arithmetic that keeps them ordered. Pure.

Every figure is rounded to :data:`PLACES` decimals as it is made, and the next one is made from
the rounded figure, so totals are the sums of what a reader sees. Subtracting one range from
another pairs the worst case of one with the worst case of the other (low = low - high), so
low <= expected <= high holds whatever the inputs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: Decimal places kept in every figure, so totals are the sums of what a reader sees.
PLACES = 2
MONTHS_A_YEAR = 12


def _round(value: float) -> float:
    return round(value, PLACES)


@dataclass(frozen=True)
class Span:
    """A planning range: low, expected and high."""

    low: float
    expected: float
    high: float

    @staticmethod
    def flat(value: float) -> Span:
        """One given number: the same in all three."""
        return Span(_round(value), _round(value), _round(value))

    def times(self, factor: float) -> Span:
        """Each bound times a number that is not negative."""
        return Span(*(_round(v * factor) for v in self.values()))

    def over(self, divisor: float) -> Span:
        """Each bound divided by a positive number."""
        return Span(*(_round(v / divisor) for v in self.values()))

    def by(self, other: Span) -> Span:
        """Each bound times the same bound of another range; both are not negative."""
        return Span(*(_round(a * b) for a, b in zip(self.values(), other.values(), strict=True)))

    def less(self, other: Span) -> Span:
        """This range less another, each worst case with the other's: the low of the result is
        this low less the other's high; the high is this high less the other's low."""
        return Span(
            _round(self.low - other.high),
            _round(self.expected - other.expected),
            _round(self.high - other.low),
        )

    def values(self) -> tuple[float, float, float]:
        return self.low, self.expected, self.high

    def as_dict(self) -> dict[str, float]:
        return {"low": self.low, "expected": self.expected, "high": self.high}

    @staticmethod
    def total(spans: Iterable[Span]) -> Span:
        found = list(spans)
        return Span(*(_round(sum(s.values()[i] for s in found)) for i in range(3)))


ZERO = Span(0, 0, 0)


@dataclass(frozen=True)
class Months:
    """How many months a change takes to pay back: the fastest (low), expected and slowest
    (high). None where the net a year is not positive: it does not pay back in that case."""

    low: float | None
    expected: float | None
    high: float | None

    def values(self) -> tuple[float | None, float | None, float | None]:
        return self.low, self.expected, self.high

    def as_dict(self) -> dict[str, float | None]:
        return {"low": self.low, "expected": self.expected, "high": self.high}

    @property
    def never(self) -> bool:
        """It does not pay back even in the best case."""
        return self.low is None


def payback(build: Span, net: Span) -> Months:
    """build / (net a year / 12): the fastest pairs the cheapest build with the highest net,
    the slowest the dearest build with the lowest net."""

    def months(cost: float, per_year: float) -> float | None:
        return _round(cost * MONTHS_A_YEAR / per_year) if per_year > 0 else None

    return Months(
        months(build.low, net.high),
        months(build.expected, net.expected),
        months(build.high, net.low),
    )
