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
from assess.i18n import N_, _, ngettext
from assess.method.value import Appraisal, Months, Move, Span
from assess.method.words import capfirst, nowrap, percent, quoted
from assess.method.worth import GIVEN

#: Said where the workshop has facts but no cost of an hour.
NO_PRICE = N_(
    "A cost per hour would add what these hours are worth a year, and with a day rate for "
    "building, the investment, the net and the payback: give the workshop its economics "
    "(currency and cost_per_hour; build_day_rate)."
)
#: Said where the workshop prices hours but knows no build cost.
NO_COST = N_(
    "A day rate for building (build_day_rate in the workshop's economics), or a build cost per "
    "touchpoint, would add the investment, the net and the payback."
)


@dataclass(frozen=True)
class Figure:
    """One of page 2's headline figures: what it is, the rounded range, and what it counts."""

    label: str
    value: str
    note: str


def _money(span: Span, economics: Economics) -> str:
    return money_span(span.low, span.high, economics.currency, economics.locale)


def _hours_figures(appraisal: Appraisal, loc: str) -> list[Figure]:
    t = appraisal.totals
    assert t is not None
    hours = Figure(
        _("Hours freed a year"),
        number_span(t.hours_per_year.low, t.hours_per_year.high, loc),
        capfirst(roles(t.fte.expected, loc)),
    )
    today = t.baseline_hours_per_year.expected
    return [
        hours,
        Figure(
            _("Staff time today"),
            _("%(hours)s hours a year") % {"hours": number_span(today, today, loc)},
            ngettext("on the %(n)s sized touchpoint", "on the %(n)s sized touchpoints", t.sized)
            % {"n": t.sized},
        ),
    ]


def figures(appraisal: Appraisal) -> list[Figure]:
    """The headline figures: the investment, the net a year, the payback and the net over the
    horizon where a build cost is known; else the gross saving; else the hours alone."""
    t, e = appraisal.totals, appraisal.economics
    assert t is not None
    loc = e.locale if e else "en_GB"
    if e is None or t.cost_per_year is None:
        return _hours_figures(appraisal, loc)
    gross = Figure(_("Gross saving a year"), _money(t.cost_per_year, e), _("handling time freed"))
    if not (t.build_cost and t.net_per_year and t.net_over_horizon and t.payback_months):
        return [gross, _hours_figures(appraisal, loc)[0]]
    if (t.estimated_build_share or 0) >= 0.5:
        build_note = ngettext(
            "to build %(n)s change, estimated from effort",
            "to build %(n)s changes, estimated from effort",
            t.costed,
        )
    else:
        build_note = ngettext("to build %(n)s change", "to build %(n)s changes", t.costed)
    years = t.horizon_years or 0
    return [
        Figure(_("Investment"), _money(t.build_cost, e), build_note % {"n": t.costed}),
        Figure(_("Net a year"), _money(t.net_per_year, e), _("saving less running costs")),
        payback_figure(t.payback_months, loc),
        Figure(
            ngettext("Net over %(n)s year", "Net over %(n)s years", years) % {"n": years},
            _money(t.net_over_horizon, e),
            _("net a year over the horizon, less the investment"),
        ),
    ]


def payback_figure(months: Months, locale: str) -> Figure:
    """The payback as a short figure, with what the range leaves out in its note."""
    low, expected, high = months.values()
    label = _("Payback")
    if low is None:
        return Figure(label, _("none"), _("the net a year is not positive even in the best case"))
    if expected is None:
        return Figure(
            label,
            _("%(months)s at best") % {"months": month_count(low, locale)},
            _("on the expected figures it does not pay back"),
        )
    if high is None:
        return Figure(
            label, month_span(low, expected, locale), _("in the low case it does not pay back")
        )
    return Figure(label, month_span(low, high, locale), _("investment over net a year"))


def baseline(appraisal: Appraisal) -> str:
    """Today's work on the sized touchpoints, and what the plan frees of it."""
    t, e = appraisal.totals, appraisal.economics
    assert t is not None
    loc = e.locale if e else "en_GB"
    b, h = t.baseline_hours_per_year, t.hours_per_year
    return ngettext(
        "This touchpoint takes %(hours)s hours a year of staff time today; the plan frees "
        "%(freed)s of them.",
        "These %(n)s touchpoints take %(hours)s hours a year of staff time today; the plan "
        "frees %(freed)s of them.",
        t.sized,
    ) % {
        "n": t.sized,
        "hours": number_span(b.expected, b.expected, loc),
        "freed": number_span(h.low, h.high, loc),
    }


def firmness(appraisal: Appraisal) -> list[str]:
    """How much of the expected value rests on measured facts and pilot shares, and how much of
    the money is an estimate."""
    t = appraisal.totals
    assert t is not None
    measured, pilot = t.measured_share or 0, t.pilot_share or 0
    if measured == 0 and pilot == 0:
        found = [
            _(
                "None of the expected hours rests yet on measured volumes and handle times or on "
                "a pilot: every figure is a planning estimate."
            )
        ]
    else:
        found = [
            _(
                "%(measured)s of the expected hours freed rest on measured volumes and handle "
                "times, and %(pilot)s on shares measured in a pilot; the rest on estimates and "
                "the questionnaire's planning shares."
            )
            % {"measured": nowrap(percent(measured)), "pilot": nowrap(percent(pilot))}
        ]
    estimated = [m for m in appraisal.moves if m.case and m.case.build_cost_basis != GIVEN]
    if t.costed and estimated:
        found.append(
            ngettext(
                "The investment is estimated from effort for %(n)s of the %(total)s change "
                "(%(share)s of it), and running costs from a share of it: planning figures until "
                "quotes replace them.",
                "The investment is estimated from effort for %(n)s of the %(total)s changes "
                "(%(share)s of it), and running costs from a share of it: planning figures until "
                "quotes replace them.",
                t.costed,
            )
            % {
                "n": len(estimated),
                "total": t.costed,
                "share": nowrap(percent(t.estimated_build_share)),
            }
        )
    return found


def people(appraisal: Appraisal) -> list[str]:
    """The freed capacity in words, beside the hours the moments that stay human take today,
    and the questionnaire's sentence on discussing roles with employee representatives."""
    t, e, case = appraisal.totals, appraisal.economics, appraisal.case
    assert t is not None
    loc = e.locale if e else "en_GB"
    per_fte = e.hours_per_fte if e else 1600
    text = _("The time freed adds up to %(roles)s: capacity, not a count of people.") % {
        "roles": roles(t.fte.expected, loc)
    }
    kept = [m for m in appraisal.moves if m.priority == PROTECT and m.value]
    if kept:
        hours = t.protected_hours_per_year.expected
        text += " " + ngettext(
            "The one moment that stays human takes %(hours)s hours a year today (%(roles)s): "
            "freed time can go there first, so those customers get more of a person's time.",
            "The %(n)s moments that stay human take %(hours)s hours a year today (%(roles)s): "
            "freed time can go there first, so those customers get more of a person's time.",
            len(kept),
        ) % {
            "n": len(kept),
            "hours": number_span(hours, hours, loc),
            "roles": roles(hours / per_fte, loc),
        }
    found = [text]
    if case and case.representatives:
        found.append(case.representatives)
    return found


def share_notes(moves: Sequence[Move]) -> list[str]:
    """Each touchpoint whose share comes from its own evidence, with where it comes from."""
    return [
        _("%(name)s: %(basis)s")
        % {"name": quoted(m.result.touchpoint.name), "basis": m.value.share_basis}
        for m in moves
        if m.value and m.value.share_basis
    ]


# --- each touchpoint's line ---------------------------------------------------------------------


def _hours(move: Move, loc: str) -> str:
    assert move.value is not None
    v = move.value
    h, b = v.hours_per_year, v.baseline_hours_per_year.expected
    said = {
        "hours": number_span(h.low, h.high, loc),
        "baseline": number_span(b, b, loc),
        "roles": roles(v.fte.expected, loc),
    }
    if move.case is None:  # room to say it in people: no money follows
        return _("Frees %(hours)s of %(baseline)s staff hours a year (%(roles)s)") % said
    return _("Frees %(hours)s of %(baseline)s staff hours a year") % said


def _costs(move: Move, e: Economics) -> str:
    """Build, net and payback in one clause; nothing where the change is not costed."""
    case = move.case
    if case is None:
        return ""
    c, loc = e.currency, e.locale
    net = case.net_per_year
    said = {
        "build": money_span(case.build_cost.low, case.build_cost.high, c, loc),
        "net": money_span(net.low, net.high, c, loc),
        "payback": months_text(case.payback_months, loc),
    }
    if case.build_cost_basis == GIVEN:
        return _("; build %(build)s (given), net %(net)s a year, %(payback)s") % said
    return _("; build %(build)s, net %(net)s a year, %(payback)s") % said


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
            return _("Protect: this moment stays with people.")
        b = v.baseline_hours_per_year.expected
        return ngettext(
            "Protect: %(contacts)s contact a month stays with people (%(hours)s hours a year of "
            "staff time today).",
            "Protect: %(contacts)s contacts a month stay with people (%(hours)s hours a year of "
            "staff time today).",
            round(v.volume_per_month),
        ) % {
            "contacts": money.number(v.volume_per_month, loc),
            "hours": number_span(b, b, loc),
        }
    if v is None:
        return _(money.SIZE_THIS)
    text = _hours(move, loc)
    if e and v.cost_per_year:
        worth = money_span(v.cost_per_year.low, v.cost_per_year.high, e.currency, loc)
        text += _(", worth %(worth)s a year") % {"worth": worth} + _costs(move, e)
    text += "."
    if v.share_basis:
        text += " " + _("Its own share: %(basis)s.") % {"basis": v.share_basis}
    if v.measured:
        text += " " + _("Facts measured.")
    plan = money.wave_text(move, wave)  # `wave`: the dated plan's (issue 28)
    return f"{text} {capfirst(plan)}." if plan else text
