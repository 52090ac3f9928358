"""What each verdict is worth and what to do first. Pure: no I/O, no printing, no formatting.

For a scored touchpoint with a volume and a handle time, in a workshop with economics, the
questionnaire's business case gives the share of today's handling time the verdict's change takes
away (low, expected, high), and:

* ``hours_per_year = volume x 12 x handle_minutes / 60 x share``;
* ``fte = hours_per_year / hours_per_fte``; ``cost_per_year = hours_per_year x cost_per_hour``.

Keep-human takes nothing away: its priority is ``protect`` and it has no wave. Automate and assist
get a priority from their expected hours against their effort (an optional question no rule may
use), and a wave from the priority; a borderline verdict or a split team is decided first and
never lands in the first wave. The verdicts never depend on any of this.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any

from assess.economics import PROTECT, BusinessCase, Economics, PriorityRule
from assess.method.scoring import Assessment, Result

#: Decimal places kept in every figure, so totals are the sums of what a reader sees.
PLACES = 2


@dataclass(frozen=True)
class Span:
    """A planning range: low, expected and high."""

    low: float
    expected: float
    high: float

    def times(self, factor: float) -> Span:
        return Span(*(round(v * factor, PLACES) for v in self.values()))

    def values(self) -> tuple[float, float, float]:
        return self.low, self.expected, self.high

    def as_dict(self) -> dict[str, float]:
        return {"low": self.low, "expected": self.expected, "high": self.high}

    @staticmethod
    def total(spans: Iterable[Span]) -> Span:
        found = list(spans)
        return Span(*(round(sum(s.values()[i] for s in found), PLACES) for i in range(3)))


ZERO = Span(0, 0, 0)


@dataclass(frozen=True)
class Value:
    volume_per_month: int
    handle_minutes: float
    share_of_time: Span
    hours_per_year: Span
    fte: Span
    cost_per_year: Span
    currency: str

    def as_dict(self) -> dict[str, Any]:
        return {
            f.name: v.as_dict() if isinstance(v, Span) else v
            for f in fields(self)
            if (v := getattr(self, f.name)) is not None
        }


@dataclass(frozen=True)
class Move:
    """One touchpoint's business case: its value, priority and wave (None where they do not
    apply), the effort it counted, and whether the room must decide it first."""

    result: Result
    value: Value | None = None
    priority: str | None = None
    wave: int | None = None
    effort: str | None = None
    decide_first: bool = False

    @property
    def needs_sizing(self) -> bool:
        """An automate or assist verdict without the numbers to size it."""
        return self.result.recommendation in ("automate", "assist") and self.value is None


@dataclass(frozen=True)
class Totals:
    """Sums over the sized touchpoints."""

    hours_per_year: Span
    fte: Span
    cost_per_year: Span
    currency: str
    sized: int
    #: Contacts a month that stay with people (keep-human touchpoints with a volume).
    protected_per_month: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "hours_per_year": self.hours_per_year.as_dict(),
            "fte": self.fte.as_dict(),
            "cost_per_year": self.cost_per_year.as_dict(),
            "currency": self.currency,
            "touchpoints_sized": self.sized,
            "protected_per_month": self.protected_per_month,
        }


@dataclass(frozen=True)
class Appraisal:
    economics: Economics | None
    case: BusinessCase | None
    moves: tuple[Move, ...]
    #: None without economics (nothing can be priced).
    totals: Totals | None

    @property
    def priced(self) -> bool:
        return self.totals is not None


# --- the arithmetic ---------------------------------------------------------------------------


def value_of(
    case: BusinessCase, economics: Economics, verdict: str, volume: int, minutes: float
) -> Value:
    share = case.share(verdict)
    share_span = Span(share.low, share.expected, share.high)
    today = volume * 12 * minutes / 60  # hours a year a person spends on it now
    hours = share_span.times(today)
    return Value(
        volume_per_month=volume,
        handle_minutes=minutes,
        share_of_time=share_span,
        hours_per_year=hours,
        fte=Span(*(round(h / economics.hours_per_fte, PLACES) for h in hours.values())),
        cost_per_year=Span(*(round(h * economics.cost_per_hour, PLACES) for h in hours.values())),
        currency=economics.currency,
    )


def band_of(rule: PriorityRule, hours: float) -> str:
    """The first band (highest first) whose minimum the expected hours meet."""
    for band in rule.bands:
        if hours >= band.min_hours:
            return band.id
    return rule.bands[-1].id


def plan(rule: PriorityRule, hours: float, effort: str, decide_first: bool) -> tuple[str, int]:
    """The priority and wave of an automate or assist move."""
    priority = rule.plan[band_of(rule, hours)][effort]
    wave = rule.waves[priority]
    if decide_first:
        wave = max(wave, rule.decide_first_wave)
    return priority, wave


def effort_of(rule: PriorityRule | None, result: Result) -> str | None:
    if rule is None:
        return None
    return result.touchpoint.inputs.get(rule.effort_input) or rule.default_effort


def move_of(case: BusinessCase | None, economics: Economics | None, result: Result) -> Move:
    if not result.scored:
        return Move(result)
    rule = case.priority if case else None
    effort = effort_of(rule, result)
    decide_first = bool(result.borderline or result.open_splits or result.open_questions)
    tp = result.touchpoint
    value = None
    if case and economics and tp.volume is not None and tp.handle_minutes is not None:
        value = value_of(case, economics, result.recommendation, tp.volume, tp.handle_minutes)
    if result.recommendation == "keep-human":
        return Move(result, value, PROTECT, None, effort, decide_first)
    if value is None or rule is None:
        return Move(result, value, None, None, effort, decide_first)
    priority, wave = plan(rule, value.hours_per_year.expected, effort or "", decide_first)
    return Move(result, value, priority, wave, effort, decide_first)


def totals(moves: Sequence[Move], currency: str) -> Totals:
    sized = [m.value for m in moves if m.value is not None]
    return Totals(
        hours_per_year=Span.total(v.hours_per_year for v in sized),
        fte=Span.total(v.fte for v in sized),
        cost_per_year=Span.total(v.cost_per_year for v in sized),
        currency=currency,
        sized=len(sized),
        protected_per_month=sum(
            m.value.volume_per_month
            for m in moves
            if m.value is not None and m.result.recommendation == "keep-human"
        ),
    )


def appraise(assessment: Assessment) -> Appraisal:
    economics = assessment.workshop.economics
    case = assessment.questionnaire.business_case
    moves = tuple(move_of(case, economics, r) for r in assessment.results)
    found = totals(moves, economics.currency) if economics and case else None
    return Appraisal(economics, case, moves, found)


def by_value(moves: Iterable[Move]) -> list[Move]:
    """Automate and assist moves with a value, the most expected money first."""
    sized = [m for m in moves if m.value is not None and m.wave is not None]
    return sorted(sized, key=lambda m: -(m.value.cost_per_year.expected if m.value else 0))
