"""The business case in words a board reads: page 2's figures (investment, net a year, payback,
net over the horizon), today's baseline, how firm the figures are, where freed people can go,
and each touchpoint's line. Pure: an appraisal in, sentences out, in the workshop's locale.

Ranges are rounded to two significant figures (a ±40% range is never written to the euro); the
exact figures are in the JSON and the CSV. Keep-human is never savings: it is what the freed time
can go to. A change to people's roles is never called a reduction of headcount.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assess.economics import PROTECT, Economics
from assess.files import money
from assess.files.rounded import (
    money_span,
    month_count,
    month_span,
    months_text,
    number_span,
    roles,
)
from assess.method.value import Appraisal, Months, Move, Span
from assess.method.worth import GIVEN

#: Said where the workshop has facts but no cost of an hour.
NO_PRICE = (
    "A cost per hour would add what these hours are worth a year, and with a day rate for "
    "building, the investment, the net and the payback: give the workshop its economics "
    "(currency and cost_per_hour; build_day_rate)."
)
#: Said where the workshop prices hours but knows no build cost.
NO_COST = (
    "A day rate for building (build_day_rate in the workshop's economics), or a build cost per "
    "touchpoint, would add the investment, the net and the payback."
)


@dataclass(frozen=True)
class Figure:
    """One of page 2's headline figures: what it is, the rounded range, and what it counts."""

    label: str
    value: str
    note: str


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _money(span: Span, economics: Economics) -> str:
    return money_span(span.low, span.high, economics.currency, economics.locale)


def figures(appraisal: Appraisal) -> list[Figure]:
    """The headline figures: the investment, the net a year, the payback and the net over the
    horizon where a build cost is known; else the gross saving; else the hours alone."""
    t, e = appraisal.totals, appraisal.economics
    assert t is not None
    loc = e.locale if e else "en_GB"
    hours = Figure(
        "Hours freed a year",
        number_span(t.hours_per_year.low, t.hours_per_year.high, loc),
        roles(t.fte.expected, loc).capitalize(),
    )
    if e is None or t.cost_per_year is None:
        today = t.baseline_hours_per_year.expected
        return [
            hours,
            Figure(
                "Staff time today",
                f"{number_span(today, today, loc)} hours a year",
                f"on the {_count(t.sized, 'sized touchpoint')}",
            ),
        ]
    gross = Figure("Gross saving a year", _money(t.cost_per_year, e), "handling time freed")
    if not (t.build_cost and t.net_per_year and t.net_over_horizon and t.payback_months):
        return [gross, hours]
    estimated = t.estimated_build_share or 0
    build_note = f"to build {_count(t.costed, 'change')}" + (
        ", estimated from effort" if estimated >= 0.5 else ""
    )
    return [
        Figure("Investment", _money(t.build_cost, e), build_note),
        Figure("Net a year", _money(t.net_per_year, e), "saving less running costs"),
        payback_figure(t.payback_months, loc),
        Figure(
            f"Net over {_count(t.horizon_years or 0, 'year')}",
            _money(t.net_over_horizon, e),
            "net a year over the horizon, less the investment",
        ),
    ]


def payback_figure(months: Months, locale: str) -> Figure:
    """The payback as a short figure, with what the range leaves out in its note."""
    low, expected, high = months.values()
    if low is None:
        return Figure("Payback", "none", "the net a year is not positive even in the best case")
    if expected is None:
        return Figure(
            "Payback",
            f"{month_count(low, locale)} at best",
            "on the expected figures it does not pay back",
        )
    if high is None:
        return Figure(
            "Payback", month_span(low, expected, locale), "in the low case it does not pay back"
        )
    return Figure("Payback", month_span(low, high, locale), "investment over net a year")


def baseline(appraisal: Appraisal) -> str:
    """Today's work on the sized touchpoints, and what the plan frees of it."""
    t, e = appraisal.totals, appraisal.economics
    assert t is not None
    loc = e.locale if e else "en_GB"
    b, h = t.baseline_hours_per_year, t.hours_per_year
    these = "This touchpoint takes" if t.sized == 1 else f"These {t.sized} touchpoints take"
    return (
        f"{these} {number_span(b.expected, b.expected, loc)} hours a year of staff time today; "
        f"the plan frees {number_span(h.low, h.high, loc)} of them."
    )


def _percent(share: float | None) -> str:
    return f"{round((share or 0) * 100)}%"


def firmness(appraisal: Appraisal) -> list[str]:
    """How much of the expected value rests on measured facts and pilot shares, and how much of
    the money is an estimate."""
    t = appraisal.totals
    assert t is not None
    measured, pilot = t.measured_share or 0, t.pilot_share or 0
    if measured == 0 and pilot == 0:
        found = [
            "None of the expected hours rests yet on measured volumes and handle times or on a "
            "pilot: every figure is a planning estimate."
        ]
    else:
        found = [
            f"{_percent(measured)} of the expected hours freed rest on measured volumes and "
            f"handle times, and {_percent(pilot)} on shares measured in a pilot; the rest on "
            "estimates and the questionnaire's planning shares."
        ]
    estimated = [m for m in appraisal.moves if m.case and m.case.build_cost_basis != GIVEN]
    if t.costed and estimated:
        found.append(
            f"The investment is estimated from effort for {len(estimated)} of the "
            f"{_count(t.costed, 'change')} ({_percent(t.estimated_build_share)} of it), and "
            "running costs from a share of it: planning figures until quotes replace them."
        )
    return found


def people(appraisal: Appraisal) -> list[str]:
    """The freed capacity in words, beside the hours the moments that stay human take today,
    and the questionnaire's sentence on discussing roles with employee representatives."""
    t, e, case = appraisal.totals, appraisal.economics, appraisal.case
    assert t is not None
    loc = e.locale if e else "en_GB"
    per_fte = e.hours_per_fte if e else 1600
    text = (
        f"The time freed adds up to {roles(t.fte.expected, loc)}: capacity, not a count of people."
    )
    kept = [m for m in appraisal.moves if m.priority == PROTECT and m.value]
    if kept:
        hours = t.protected_hours_per_year.expected
        moments = (
            "one moment that stays human takes"
            if len(kept) == 1
            else (f"{len(kept)} moments that stay human take")
        )
        text += (
            f" The {moments} "
            f"{number_span(hours, hours, loc)} hours a year today "
            f"({roles(hours / per_fte, loc)}): freed time can go there first, so those "
            "customers get more of a person's time."
        )
    found = [text]
    if case and case.representatives:
        found.append(case.representatives)
    return found


def share_notes(moves: Sequence[Move]) -> list[str]:
    """Each touchpoint whose share comes from its own evidence, with where it comes from."""
    return [
        f"\u201c{m.result.touchpoint.name}\u201d: {m.value.share_basis}"
        for m in moves
        if m.value and m.value.share_basis
    ]


# --- each touchpoint's line ---------------------------------------------------------------------


def _hours(move: Move, loc: str) -> str:
    assert move.value is not None
    v = move.value
    h, b = v.hours_per_year, v.baseline_hours_per_year.expected
    text = f"Frees {number_span(h.low, h.high, loc)} of {number_span(b, b, loc)} staff hours a year"
    if move.case is None:  # room to say it in people: no money follows
        text += f" ({roles(v.fte.expected, loc)})"
    return text


def _costs(move: Move, e: Economics) -> str:
    """Build, net and payback in one clause; nothing where the change is not costed."""
    case = move.case
    if case is None:
        return ""
    c, loc = e.currency, e.locale
    given = " (given)" if case.build_cost_basis == GIVEN else ""
    net = case.net_per_year
    return (
        f"; build {money_span(case.build_cost.low, case.build_cost.high, c, loc)}{given}, "
        f"net {money_span(net.low, net.high, c, loc)} a year, "
        f"{months_text(case.payback_months, loc)}"
    )


def touchpoint_line(move: Move, appraisal: Appraisal, wave: int | None = None) -> str | None:
    """The business case of one touchpoint in two lines or so (its page has little room); None
    where nothing can be said (no business case, neither economics nor facts, or not yet
    assessed). The share of contacts a person handles is in today's staff hours."""
    if appraisal.totals is None or not move.result.scored:
        return None
    e = appraisal.economics
    loc = e.locale if e else "en_GB"
    v = move.value
    if move.priority == PROTECT:
        if v is None:
            return "Protect: this moment stays with people."
        b = v.baseline_hours_per_year.expected
        return (
            f"Protect: {money.number(v.volume_per_month, loc)} contacts a month stay with "
            f"people ({number_span(b, b, loc)} hours a year of staff time today)."
        )
    if v is None:
        return money.SIZE_THIS
    text = _hours(move, loc)
    if e and v.cost_per_year:
        worth = money_span(v.cost_per_year.low, v.cost_per_year.high, e.currency, loc)
        text += f", worth {worth} a year{_costs(move, e)}"
    text += "."
    if v.share_basis:
        text += f" Its own share: {v.share_basis}."
    if v.measured:
        text += " Facts measured."
    plan = money.wave_text(move, wave)  # `wave`: the dated plan's (issue 28)
    return f"{text} {plan[:1].upper()}{plan[1:]}." if plan else text
