"""The portfolio's business case in words a board reads: the company's headline figures, each
journey's row (its rates, baseline, hours, roles, worth, net and payback), how the journeys are
priced and written, the waves across the company and the top moves. Pure: a portfolio in,
sentences and table cells out, every number in the portfolio's one locale and currency.

Ranges are rounded to two significant figures, as on page 2 of a report; the exact figures are
in the JSON and the CSV. Each journey keeps the figures its own rates give: nothing is
re-priced, and money is never converted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from babel import Locale
from babel.numbers import format_currency

from assess.economics import PROTECT
from assess.files import money
from assess.files.rounded import DASH, money_about, money_span, number_about, number_span
from assess.i18n import N_, _, current, ngettext
from assess.method.span import Months, Span
from assess.method.value import Move, Totals
from assess.method.words import quoted
from assess.report.businesscase import Figure
from assess.team.portfolio import (
    BY_WORTH,
    FROM_JOURNEY,
    FROM_OPTION,
    Journey,
    Portfolio,
    Rates,
)
from assess.team.portfolio_files import owner_of

#: A move's place in the plan, as its priority says it.
PLAN_LABELS = {
    "quick-win": N_("quick win"),
    "big-bet": N_("big bet"),
    "fill-in": N_("fill-in"),
    "not-now": N_("not now"),
    PROTECT: N_("protect"),
}
#: Full-time roles below this are said as "under 0.1".
SLIVER = 0.1
#: When each wave starts, until the journeys' plans give dates.
WHEN = {1: N_("now"), 2: N_("next"), 3: N_("later")}


@dataclass(frozen=True)
class Numbers:
    """How the portfolio writes numbers: its currency (None: nothing is priced) and locale."""

    currency: str | None
    locale: str

    def span(self, span: Span | None) -> str:
        if span is None or self.currency is None:
            return ""
        return money_span(span.low, span.high, self.currency, self.locale)

    def about(self, amount: float) -> str:
        return money_about(amount, self.currency or "", self.locale) if self.currency else ""

    def hours(self, span: Span) -> str:
        return number_span(span.low, span.high, self.locale)

    def rate(self, amount: float, currency: str) -> str:
        """A rate exactly as given (cents kept): 40 €, 42,50 €."""
        whole = float(amount).is_integer()
        pattern = Locale.parse(self.locale).currency_formats["standard"].pattern.split(";")[0]
        if whole:
            pattern = pattern.replace(".00", "")
        shown = format_currency(
            amount, currency, format=pattern, locale=self.locale, currency_digits=False
        )
        return shown.replace("\u00a0", " ").replace("\u202f", " ")

    def roles(self, span: Span) -> str:
        """Full-time roles as a range; a sliver of one is said as such, not as 0,010."""
        if span.high < SLIVER:
            return _("under %(n)s") % {"n": money.number(SLIVER, self.locale, 1)}
        return number_span(span.low, span.high, self.locale)

    def count(self, value: float) -> str:
        return money.number(value, self.locale, 0 if float(value).is_integer() else 1)


def numbers(portfolio: Portfolio) -> Numbers:
    return Numbers(portfolio.currency, portfolio.locale)


def months(span: Months, locale: str) -> str:
    """A payback range in whole months (rounded up: it has paid back by then); said where it
    does not pay back."""
    low, expected, high = span.values()
    if low is None:
        return _("does not pay back")
    if expected is None:
        return _("%(months)s at best") % {"months": _month_range(low, low, locale)}
    if high is None:
        shown = _month_range(low, expected, locale)
        return _("%(months)s; none in the low case") % {"months": shown}
    return _month_range(low, high, locale)


def _month_range(low: float, high: float, locale: str) -> str:
    first, last = math.ceil(round(low, 1)), math.ceil(round(high, 1))
    if last < 1:
        return _("under a month")
    if first == last or first < 1:
        return ngettext("%(n)s month", "%(n)s months", last) % {"n": money.number(last, locale)}
    text = _("%(low)s–%(high)s months") % {
        "low": money.number(first, locale),
        "high": money.number(last, locale),
    }
    return text.replace("–", DASH)  # never broken at the dash


# --- each journey -------------------------------------------------------------------------------


def rates_line(rates: Rates, n: Numbers) -> str:
    """What a journey is priced with, under its name."""
    if rates.currency is None or rates.cost_per_hour is None:
        return _("not priced · %(hours)s hours a full-time role") % {
            "hours": n.count(rates.hours_per_fte)
        }
    return _("%(rate)s an hour · %(hours)s hours a full-time role · %(locale)s") % {
        "rate": n.rate(rates.cost_per_hour, rates.currency),
        "hours": n.count(rates.hours_per_fte),
        "locale": rates.locale or "",
    }


@dataclass(frozen=True)
class Column:
    """A column of a figures table: its key in each row's cells, heading and width (% of the
    table)."""

    key: str
    heading: str
    width: int


@dataclass(frozen=True)
class CaseRow:
    """A journey's business case in the portfolio's table (None: the company's row)."""

    journey: Journey | None
    title: str
    rates: str
    cells: dict[str, str]


def _spread(columns: list[Column], share: int) -> list[Column]:
    """The columns widened in proportion to take `share` % of the table between them, so a
    table with fewer figures gives them room rather than its first column."""
    used = sum(c.width for c in columns)
    return [Column(c.key, c.heading, c.width * share // used) for c in columns]


def case_columns(portfolio: Portfolio) -> list[Column]:
    """The business case's columns: money only where some journey is priced, net and payback
    only where some change is costed."""
    found = [
        Column("today", _("Staff hours today"), 11),
        Column("hours", _("Hours freed a year"), 17),
    ]
    if portfolio.priced:
        found.append(Column("worth", _("Worth a year"), 17))
    if any(j.appraisal.costed for j in portfolio.journeys):
        found += [Column("net", _("Net a year"), 17), Column("payback", _("Payback"), 13)]
    return _spread(found, 75)


def _case_cells(t: Totals | None, n: Numbers, priced: bool) -> dict[str, str]:
    if t is None or t.sized == 0:
        return {"today": _("not sized")}
    return {
        "today": number_about(t.baseline_hours_per_year.expected, n.locale),
        "hours": n.hours(t.hours_per_year),
        "roles": _("%(roles)s full-time roles") % {"roles": n.roles(t.fte)},
        "worth": (n.span(t.cost_per_year) if priced else "") or _("not priced"),
        "net": n.span(t.net_per_year) if t.net_per_year else "",
        "payback": months(t.payback_months, n.locale) if t.payback_months and t.costed else "",
    }


def case_row(j: Journey, n: Numbers) -> CaseRow:
    cells = _case_cells(j.appraisal.totals, n, j.economics is not None)
    return CaseRow(j, j.title, rates_line(j.rates, n), cells)


def company_row(portfolio: Portfolio, n: Numbers) -> CaseRow:
    cells = _case_cells(portfolio.totals, n, bool(portfolio.priced))
    return CaseRow(None, _("The company"), "", cells)


# --- the company --------------------------------------------------------------------------------


def figures(portfolio: Portfolio) -> list[Figure]:
    """The company's headline figures: the investment, net, payback and net over the horizon
    where changes are costed; else the gross saving and hours; else the hours alone."""
    n, totals = numbers(portfolio), portfolio.totals
    if totals is None or totals.sized == 0:
        return []
    hours = Figure(
        _("Hours freed a year"),
        n.hours(totals.hours_per_year),
        _("%(roles)s full-time roles") % {"roles": n.roles(totals.fte)},
    )
    if totals.cost_per_year is None or n.currency is None:
        today = number_about(totals.baseline_hours_per_year.expected, n.locale)
        return [hours, Figure(_("Staff hours today"), today, _("a year, on the sized touchpoints"))]
    gross = Figure(_("Gross saving a year"), n.span(totals.cost_per_year), _("handling time freed"))
    t = totals
    if not (t.costed and t.build_cost and t.net_per_year and t.payback_months):
        return [gross, hours]
    found = [
        Figure(
            _("Investment"),
            n.span(t.build_cost),
            ngettext("to build %(n)s change", "to build %(n)s changes", t.costed) % {"n": t.costed},
        ),
        Figure(_("Net a year"), n.span(t.net_per_year), _("saving less running costs")),
        Figure(_("Payback"), months(t.payback_months, n.locale), _("investment over net a year")),
    ]
    if t.horizon_years and t.net_over_horizon:
        found.append(
            Figure(
                ngettext("Net over %(n)s year", "Net over %(n)s years", t.horizon_years)
                % {"n": t.horizon_years},
                n.span(t.net_over_horizon),
                _("less the investment"),
            )
        )
    return found


def _locale_name(code: str) -> str:
    try:
        shown = Locale.parse(code).get_display_name(current().locale)
    except (ValueError, TypeError):
        shown = None
    return f"{shown}, {code}" if shown else code


def pricing(portfolio: Portfolio) -> list[str]:
    """How the journeys are priced and how their numbers are written, in a few sentences."""
    n = numbers(portfolio)
    priced = portfolio.priced
    found = []
    if not priced:
        found.append(
            _(
                "No journey is priced yet: give each workshop its economics (currency and the "
                "cost of an hour) to see money."
            )
        )
    elif len({(j.rates.cost_per_hour, j.rates.hours_per_fte) for j in priced}) == 1:
        r = priced[0].rates
        assert r.cost_per_hour is not None and r.currency is not None
        found.append(
            _(
                "Every priced journey uses the same rates: %(rate)s an hour of a person's time "
                "and %(hours)s hours a full-time role."
            )
            % {"rate": n.rate(r.cost_per_hour, r.currency), "hours": n.count(r.hours_per_fte)}
        )
    else:
        found.append(
            _(
                "Each journey is priced with its own rates, shown under its name: the cost of an "
                "hour and the hours of a full-time role differ between journeys. The company's "
                "figures add up each journey's own; nothing is re-priced."
            )
        )
    unpriced = len(portfolio.journeys) - len(priced)
    if priced and unpriced:
        found.append(
            ngettext(
                "%(n)s journey is not priced: its hours count, its money does not.",
                "%(n)s journeys are not priced: their hours count, their money does not.",
                unpriced,
            )
            % {"n": unpriced}
        )
    found.append(_locale_sentence(portfolio))
    return found


def _locale_sentence(portfolio: Portfolio) -> str:
    shown = _locale_name(portfolio.locale)
    if portfolio.locale_from == FROM_OPTION:
        text = _("Numbers are written in %(locale)s, as asked.") % {"locale": shown}
    elif portfolio.locale_from == FROM_JOURNEY:
        first = portfolio.locale_journey
        text = _("Numbers are written in %(locale)s, as %(journey)s writes them.") % {
            "locale": shown,
            "journey": quoted(first.title) if first else "",
        }
    else:
        text = _("Numbers are written in %(locale)s, the language's.") % {"locale": shown}
    others = [j for j in portfolio.priced if j.rates.locale != portfolio.locale]
    if others:
        text += " " + ngettext(
            "%(n)s journey writes its own in another locale; only the writing differs, never "
            "a figure.",
            "%(n)s journeys write their own in another locale; only the writing differs, never "
            "a figure.",
            len(others),
        ) % {"n": len(others)}
    return text


# --- waves and top moves ------------------------------------------------------------------------


def wave_columns(portfolio: Portfolio) -> list[Column]:
    """The waves' money columns: worth where some journey is priced, build and net where some
    change is costed."""
    found = [Column("hours", _("Hours freed a year"), 16)]
    if portfolio.priced:
        found.append(Column("worth", _("Worth a year"), 15))
    if any(j.appraisal.costed for j in portfolio.journeys):
        found += [Column("build", _("Build"), 15), Column("net", _("Net a year"), 15)]
    return _spread(found, 61)


def wave_rows(portfolio: Portfolio) -> list[dict[str, Any]]:
    """Each wave across the company, by number; `when` is where the plan's dates will go."""
    n = numbers(portfolio)
    rows = []
    for w in portfolio.waves():
        t = w.totals
        rows.append(
            {
                "wave": w.wave,
                "when": _(WHEN[w.wave]) if w.wave in WHEN else "",
                "moves": w.moves,
                "journeys": w.journeys,
                "hours": n.hours(t.hours_per_year),
                "worth": n.span(t.cost_per_year),
                "build": n.span(t.build_cost),
                "net": n.span(t.net_per_year),
            }
        )
    return rows


def plan_text(move: Move) -> str:
    label = _(PLAN_LABELS[move.priority]) if move.priority in PLAN_LABELS else ""
    return _("%(plan)s, decide first") % {"plan": label} if move.decide_first else label


def top_rows(portfolio: Portfolio) -> list[dict[str, Any]]:
    n = numbers(portfolio)
    rows = []
    for j, m in portfolio.top_moves():
        v = m.value
        assert v is not None
        rows.append(
            {
                "journey": j,
                "move": m,
                "owner": owner_of(m) or "",
                "hours": number_about(v.hours_per_year.expected, n.locale),
                "worth": n.about(v.cost_per_year.expected) if v.cost_per_year else "",
                "plan": plan_text(m),
            }
        )
    return rows


def top_note(portfolio: Portfolio) -> str:
    if portfolio.ranked_by == BY_WORTH:
        return _(
            "Ranked by what each move is worth a year, priced with its own journey's rates. "
            "Moves the plan puts off (not now) are left out; expected figures, rounded."
        )
    return _(
        "Ranked by the hours each move frees a year: not every journey is priced, and hours "
        "count alike in every journey. Moves the plan puts off (not now) are left out; expected "
        "figures, rounded."
    )
