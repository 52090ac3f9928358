"""What each verdict is worth and what to do first. Pure: no I/O, no printing, no formatting.

A touchpoint with a volume and a handle time is sized (:mod:`assess.method.worth` has the
arithmetic: today's hours, the hours a verdict's change frees, their cost, the build and running
cost, the net and the payback); a journey's totals are :mod:`assess.method.totals`. Without the
workshop's economics the hours and full-time people are still given (cost null, 1,600 hours a
full-time person).

Keep-human takes nothing away: its priority is ``protect`` and it has no wave. Automate and assist
get a priority from their expected hours against their effort (an optional question no rule may
use), and a wave from the priority; a borderline verdict or a split team is decided first and
never lands in the first wave. The verdicts never depend on any of this.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assess.economics import PROTECT, BusinessCase, Economics, PriorityRule
from assess.method.scoring import Assessment, Result
from assess.method.span import PLACES, ZERO, Months, Span
from assess.method.totals import Totals, combine, totals
from assess.method.worth import Case, Move, Value, value_of

__all__ = [
    "PLACES",
    "ZERO",
    "Appraisal",
    "Case",
    "Months",
    "Move",
    "Span",
    "Totals",
    "Value",
    "appraise",
    "by_value",
    "combine",
    "plan",
]


@dataclass(frozen=True)
class Appraisal:
    economics: Economics | None
    case: BusinessCase | None
    moves: tuple[Move, ...]
    #: None without a business case, or with neither economics nor a sized touchpoint.
    totals: Totals | None

    @property
    def priced(self) -> bool:
        """Money can be said: the workshop has economics."""
        return self.totals is not None and self.economics is not None

    @property
    def sized(self) -> bool:
        """At least one touchpoint has a volume and a handle time."""
        return self.totals is not None and self.totals.sized > 0

    @property
    def costed(self) -> bool:
        """At least one change has a build cost, so a net and a payback can be said."""
        return self.totals is not None and self.totals.costed > 0


# --- priority and wave --------------------------------------------------------------------------


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
    if case and tp.volume is not None and tp.handle_minutes is not None:
        value = value_of(case, economics, result.recommendation, tp, effort)
    if result.recommendation == "keep-human":
        return Move(result, value, PROTECT, None, effort, decide_first)
    if value is None or rule is None:
        return Move(result, value, None, None, effort, decide_first)
    priority, wave = plan(rule, value.hours_per_year.expected, effort or "", decide_first)
    return Move(result, value, priority, wave, effort, decide_first)


def appraise(assessment: Assessment) -> Appraisal:
    economics = assessment.workshop.economics
    case = assessment.questionnaire.business_case
    moves = tuple(move_of(case, economics, r) for r in assessment.results)
    sized = any(m.value is not None for m in moves)
    found = totals(moves, economics) if case and (economics or sized) else None
    return Appraisal(economics, case, moves, found)


def by_value(moves: Iterable[Move]) -> list[Move]:
    """Automate and assist moves with a value, the most expected hours freed first (the same
    order as money: every hour costs the same)."""
    sized = [m for m in moves if m.value is not None and m.wave is not None]
    return sorted(sized, key=lambda m: -(m.value.hours_per_year.expected if m.value else 0))
