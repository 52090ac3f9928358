"""A journey's business case in total, and a company's across journeys. Pure.

Every figure that adds up is the sum of the touchpoints' own (so a reader can check it); the
payback is the total build over the total net, never a sum of paybacks. How firm the total is
is said as shares of the expected hours freed: how much rests on measured volumes and handle
times, how much on a pilot's share, and how much of the build cost is an estimate from effort.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from assess.economics import Economics
from assess.method.span import PLACES, ZERO, Months, Span, payback
from assess.method.worth import ESTIMATED, KEEP_HUMAN, Case, Move, Value


def _sum(spans: Iterable[Span | None]) -> Span | None:
    found = [s for s in spans if s is not None]
    return Span.total(found) if found else None


def _ratio(part: float, whole: float) -> float | None:
    return round(part / whole, PLACES) if whole > 0 else None


@dataclass(frozen=True)
class Totals:
    """Sums over the sized touchpoints (those with a volume and a handle time)."""

    hours_per_year: Span
    fte: Span
    #: None without economics.
    cost_per_year: Span | None
    currency: str | None
    sized: int
    #: Contacts a month that stay with people (keep-human touchpoints with a volume).
    protected_per_month: int
    #: Today's hours of staff time on every sized touchpoint, and on the keep-human ones.
    baseline_hours_per_year: Span
    protected_hours_per_year: Span
    #: Sums over the costed touchpoints (those with a build cost); None when none is.
    build_cost: Span | None = None
    run_cost_per_year: Span | None = None
    net_per_year: Span | None = None
    net_over_horizon: Span | None = None
    payback_months: Months | None = None
    horizon_years: int | None = None
    costed: int = 0
    #: Expected hours freed that rest on measured facts and on pilot shares, and the expected
    #: build cost that is an estimate from effort (shares of these are in the JSON).
    measured_hours: float = 0
    pilot_hours: float = 0
    estimated_build: float = 0

    @property
    def measured_share(self) -> float | None:
        return _ratio(self.measured_hours, self.hours_per_year.expected)

    @property
    def pilot_share(self) -> float | None:
        return _ratio(self.pilot_hours, self.hours_per_year.expected)

    @property
    def estimated_build_share(self) -> float | None:
        build = self.build_cost.expected if self.build_cost else 0
        return _ratio(self.estimated_build, build)

    def as_dict(self) -> dict[str, Any]:
        def shown(value: Span | Months | None) -> Any:
            return None if value is None else value.as_dict()

        return {
            "hours_per_year": self.hours_per_year.as_dict(),
            "fte": self.fte.as_dict(),
            "cost_per_year": shown(self.cost_per_year),
            "currency": self.currency,
            "touchpoints_sized": self.sized,
            "protected_per_month": self.protected_per_month,
            "baseline_hours_per_year": self.baseline_hours_per_year.as_dict(),
            "protected_hours_per_year": self.protected_hours_per_year.as_dict(),
            "build_cost": shown(self.build_cost),
            "run_cost_per_year": shown(self.run_cost_per_year),
            "net_per_year": shown(self.net_per_year),
            "net_over_horizon": shown(self.net_over_horizon),
            "payback_months": shown(self.payback_months),
            "horizon_years": self.horizon_years,
            "touchpoints_costed": self.costed,
            "measured_share": self.measured_share,
            "pilot_share": self.pilot_share,
            "estimated_build_share": self.estimated_build_share,
        }


def _costs(cases: Sequence[Case], horizon: int | None) -> dict[str, Any]:
    """The cost side's sums, and the payback of the sums."""
    if not cases:
        return {}
    build = Span.total(c.build_cost for c in cases)
    net = Span.total(c.net_per_year for c in cases)
    return {
        "build_cost": build,
        "run_cost_per_year": Span.total(c.run_cost_per_year for c in cases),
        "net_per_year": net,
        "net_over_horizon": Span.total(c.net_over_horizon for c in cases),
        "payback_months": payback(build, net),
        "horizon_years": horizon,
        "costed": len(cases),
        "estimated_build": round(
            sum(c.build_cost.expected for c in cases if c.build_cost_basis == ESTIMATED), PLACES
        ),
    }


def totals(moves: Sequence[Move], economics: Economics | None) -> Totals:
    sized: list[Value] = [m.value for m in moves if m.value is not None]
    kept = [m.value for m in moves if m.value is not None and m.result.recommendation == KEEP_HUMAN]
    return Totals(
        hours_per_year=Span.total(v.hours_per_year for v in sized),
        fte=Span.total(v.fte for v in sized),
        cost_per_year=_sum(v.cost_per_year for v in sized) if economics else None,
        currency=economics.currency if economics else None,
        sized=len(sized),
        protected_per_month=sum(v.volume_per_month for v in kept),
        baseline_hours_per_year=Span.total(v.baseline_hours_per_year for v in sized),
        protected_hours_per_year=Span.total(v.baseline_hours_per_year for v in kept),
        measured_hours=round(sum(v.hours_per_year.expected for v in sized if v.measured), PLACES),
        pilot_hours=round(
            sum(v.hours_per_year.expected for v in sized if v.share_basis is not None), PLACES
        ),
        **_costs(
            [v.case for v in sized if v.case is not None],
            economics.horizon_years if economics else None,
        ),
    )


def combine(items: Sequence[Totals]) -> Totals:
    """A company's totals over its journeys' totals: each figure that adds up summed, the
    payback recomputed from the summed build and net, and a horizon only where every costed
    journey has the same one."""

    def total(name: str) -> Span | None:
        return _sum(getattr(t, name) for t in items)

    def count(name: str) -> Any:
        return round(sum(getattr(t, name) for t in items), PLACES)

    build, net = total("build_cost"), total("net_per_year")
    horizons = {t.horizon_years for t in items if t.costed}
    return Totals(
        hours_per_year=total("hours_per_year") or ZERO,
        fte=total("fte") or ZERO,
        cost_per_year=total("cost_per_year"),
        currency=next((t.currency for t in items if t.currency), None),
        sized=count("sized"),
        protected_per_month=count("protected_per_month"),
        baseline_hours_per_year=total("baseline_hours_per_year") or ZERO,
        protected_hours_per_year=total("protected_hours_per_year") or ZERO,
        build_cost=build,
        run_cost_per_year=total("run_cost_per_year"),
        net_per_year=net,
        net_over_horizon=total("net_over_horizon"),
        payback_months=payback(build, net) if build and net else None,
        horizon_years=horizons.pop() if len(horizons) == 1 else None,
        costed=count("costed"),
        measured_hours=count("measured_hours"),
        pilot_hours=count("pilot_hours"),
        estimated_build=count("estimated_build"),
    )
