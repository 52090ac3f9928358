"""What one touchpoint's change is worth, costs and nets. Pure: no I/O, no formatting.

For a touchpoint with a volume and a handle time, each figure low / expected / high:

* ``baseline_hours_per_year = volume x 12 x handle_minutes / 60 x staffed_share`` (today's
  work; ``staffed_share`` absent is 1, 0 is pure self-service);
* ``hours_per_year = baseline x share`` (the touchpoint's own ``share`` where a pilot gave one,
  else the verdict's planning share; keep-human takes nothing away);
* ``fte = hours_per_year / hours_per_fte``; ``cost_per_year = hours_per_year x cost_per_hour``
  (null without the workshop's economics);
* ``build_cost``: the touchpoint's own, else person-days for its effort x ``build_day_rate``;
  ``run_cost_per_year``: its own, else ``run_share x build_cost``;
* ``net_per_year = cost_per_year - run_cost_per_year`` (low: the low saving with the high
  running cost); ``net_over_horizon = net_per_year x horizon_years - build_cost`` (low: the low
  net with the high build); ``payback_months = build_cost / (net_per_year / 12)`` (see
  :func:`assess.method.span.payback`).

Keep-human is never turned into savings: its share is 0 and it has no build, run or net.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assess.economics import HOURS_PER_FTE, BusinessCase, Economics
from assess.journeys import Touchpoint
from assess.method.scoring import Result
from assess.method.span import Months, Span, payback

KEEP_HUMAN = "keep-human"
#: Where a build or running cost comes from.
GIVEN, ESTIMATED = "given", "estimated"
MINUTES_AN_HOUR, MONTHS_A_YEAR = 60, 12


@dataclass(frozen=True)
class Case:
    """What a change costs to build and run, what it nets a year and over the horizon, and
    when it pays back."""

    build_cost: Span
    #: GIVEN (the touchpoint's own) or ESTIMATED (from its effort).
    build_cost_basis: str
    run_cost_per_year: Span
    run_cost_basis: str
    net_per_year: Span
    net_over_horizon: Span
    payback_months: Months


@dataclass(frozen=True)
class Value:
    volume_per_month: int
    handle_minutes: float
    staffed_share: float
    #: "measured" or "estimated": how the volume and handle time were found.
    evidence: str
    share_of_time: Span
    #: Where the touchpoint's own share comes from; None: the verdict's planning share.
    share_basis: str | None
    baseline_hours_per_year: Span
    hours_per_year: Span
    fte: Span
    #: None without the workshop's economics (nothing can be priced).
    cost_per_year: Span | None
    currency: str | None
    #: None for keep-human, without economics, or without a build cost.
    case: Case | None = None

    @property
    def measured(self) -> bool:
        return self.evidence == "measured"

    def as_dict(self) -> dict[str, Any]:
        """The JSON `value`: every key always there, null where it does not apply."""
        c = self.case
        return {
            "volume_per_month": self.volume_per_month,
            "handle_minutes": self.handle_minutes,
            "staffed_share": self.staffed_share,
            "evidence": self.evidence,
            "share_of_time": self.share_of_time.as_dict(),
            "share_basis": self.share_basis,
            "baseline_hours_per_year": self.baseline_hours_per_year.as_dict(),
            "hours_per_year": self.hours_per_year.as_dict(),
            "fte": self.fte.as_dict(),
            "cost_per_year": self.cost_per_year.as_dict() if self.cost_per_year else None,
            "currency": self.currency,
            "build_cost": c.build_cost.as_dict() if c else None,
            "build_cost_basis": c.build_cost_basis if c else None,
            "run_cost_per_year": c.run_cost_per_year.as_dict() if c else None,
            "run_cost_basis": c.run_cost_basis if c else None,
            "net_per_year": c.net_per_year.as_dict() if c else None,
            "net_over_horizon": c.net_over_horizon.as_dict() if c else None,
            "payback_months": c.payback_months.as_dict() if c else None,
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

    @property
    def case(self) -> Case | None:
        return self.value.case if self.value else None


def share_of(case: BusinessCase, verdict: str, tp: Touchpoint) -> tuple[Span, str | None]:
    """The share of handling time the change takes away, and where it comes from."""
    if tp.share is not None and verdict != KEEP_HUMAN:
        return Span(tp.share.low, tp.share.expected, tp.share.high), tp.share_basis
    share = case.share(verdict)
    return Span(share.low, share.expected, share.high), None


def build_of(
    case: BusinessCase, economics: Economics, tp: Touchpoint, effort: str | None
) -> tuple[Span, str] | None:
    """The touchpoint's own build cost, else its effort's person-days at the day rate."""
    if tp.build_cost is not None:
        return Span.flat(tp.build_cost), GIVEN
    days = case.build.days.get(effort or "") if case.build else None
    if days is None or economics.build_day_rate is None:
        return None
    return Span(days.low, days.expected, days.high).times(economics.build_day_rate), ESTIMATED


def run_of(
    case: BusinessCase, economics: Economics, tp: Touchpoint, build: Span
) -> tuple[Span, str] | None:
    """The touchpoint's own running cost a year, else a share of its build cost."""
    if tp.run_cost_per_year is not None:
        return Span.flat(tp.run_cost_per_year), GIVEN
    share = economics.run_share
    if share is None and case.build is not None:
        share = case.build.run_share
    return None if share is None else (build.times(share), ESTIMATED)


def case_of(
    case: BusinessCase, economics: Economics, tp: Touchpoint, effort: str | None, saving: Span
) -> Case | None:
    """Build, run, net and payback; None where the build or running cost is not known."""
    build = build_of(case, economics, tp, effort)
    run = run_of(case, economics, tp, build[0]) if build else None
    if build is None or run is None:
        return None
    net = saving.less(run[0])
    return Case(
        build_cost=build[0],
        build_cost_basis=build[1],
        run_cost_per_year=run[0],
        run_cost_basis=run[1],
        net_per_year=net,
        net_over_horizon=net.times(economics.horizon_years).less(build[0]),
        payback_months=payback(build[0], net),
    )


def value_of(
    case: BusinessCase,
    economics: Economics | None,
    verdict: str,
    tp: Touchpoint,
    effort: str | None = None,
) -> Value:
    """The value of a touchpoint that has a volume and a handle time."""
    assert tp.volume is not None and tp.handle_minutes is not None
    staffed = 1.0 if tp.staffed_share is None else tp.staffed_share
    share, basis = share_of(case, verdict, tp)
    baseline = Span.flat(tp.volume * MONTHS_A_YEAR * tp.handle_minutes / MINUTES_AN_HOUR * staffed)
    hours = baseline.by(share)
    hours_per_fte = economics.hours_per_fte if economics else HOURS_PER_FTE
    cost = hours.times(economics.cost_per_hour) if economics else None
    found = None
    if economics is not None and cost is not None and verdict != KEEP_HUMAN:
        found = case_of(case, economics, tp, effort, cost)
    return Value(
        volume_per_month=tp.volume,
        handle_minutes=tp.handle_minutes,
        staffed_share=staffed,
        evidence=tp.evidence or "estimated",
        share_of_time=share,
        share_basis=basis,
        baseline_hours_per_year=baseline,
        hours_per_year=hours,
        fte=hours.over(hours_per_fte),
        cost_per_year=cost,
        currency=economics.currency if economics else None,
        case=found,
    )
