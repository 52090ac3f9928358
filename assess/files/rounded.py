"""Numbers as a board reads them: rounded to two significant figures, money in the locale's short
form (``1,2–2,0 Mio. €`` in de_DE, ``€1.2–2.0m`` in en_GB), full-time people in words ("about
half a full-time role"), and months to pay back. Pure; Babel knows every locale's patterns.

A planning range of ±40% is never written to the euro: the exact figures are in the JSON, the
CSV and each touchpoint's page.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.numbers import parse_pattern

from assess.files.money import money, number
from assess.i18n import N_, _, ngettext
from assess.method.value import Months

DIGITS = 2
DASH = "\u2060\u2013\u2060"
#: A formatted number: what comes before its first digit, its digits, and what follows.
_PARTS = re.compile(r"^(\D*)(\d(?:.*\d)?)(\D*)$")
#: A minus sign before the digits: two negative figures keep theirs ('-130 to -6.6 k'), as
#: '-130–6.6 k' would read as a range from minus to plus.
_MINUS = re.compile("[-\u2212]")


def significant(value: float, digits: int = DIGITS) -> Decimal:
    """`value` rounded to `digits` significant figures (0 stays 0)."""
    if value == 0:
        return Decimal(0)
    exact = Decimal(repr(float(value)))
    step = Decimal(1).scaleb(exact.adjusted() + 1 - digits)
    # Half up, as people round (1,050,000 is 1.1 million, not banker's 1.0).
    return exact.quantize(step, rounding=ROUND_HALF_UP)


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _unit(value: float, locale: Locale) -> tuple[str, int] | None:
    """The locale's short pattern for numbers as large as `value` and what it divides them by,
    or None where the locale writes such a number in full (German has no short form below a
    million)."""
    formats = locale.compact_currency_formats["short"]["other"]
    for magnitude in sorted((int(m) for m in formats), reverse=True):
        if abs(value) < magnitude:
            continue
        text = formats[str(magnitude)].pattern
        zeros = re.search(r"0+", text)
        if zeros is None or text.strip() == "0" or "¤" not in text:
            return None
        return text, magnitude // 10 ** (len(zeros.group()) - 1)
    return None


def money_about(value: float, currency: str, locale: str, unit_of: float | None = None) -> str:
    """An amount to two significant figures, in the locale's short form where it has one; with
    `unit_of`, in the unit that number would take (so both ends of a range share one)."""
    loc = Locale.parse(locale)
    rounded = significant(value)
    unit = _unit(float(significant(unit_of if unit_of is not None else value)), loc)
    if unit is None or 0 < abs(rounded) * 10 < unit[1]:
        if unit_of is not None:
            return money_about(value, currency, locale)
        return money(float(rounded), currency, locale)
    text, divisor = unit
    scaled = significant(float(rounded) / divisor)
    places = max(DIGITS - 1 - scaled.adjusted(), 0) if scaled else 0
    zeros = re.search(r"0+", text)
    assert zeros is not None
    body = "0" + ("." + "0" * places if places else "")
    pattern = parse_pattern(text[: zeros.start()] + body + text[zeros.end() :])
    return _plain(pattern.apply(scaled, loc, currency=currency, currency_digits=False))


def joined(low: str, high: str) -> str:
    """Two formatted figures as one range: '1,2–2,0 Mio. €' where they share what surrounds
    their digits; '-0,54 to 3,9 Mio. €' where only a minus sign tells them apart (a dash would
    read as one), and '-130 to -6,6 k €' where both are negative; else 'low to high'."""
    if low == high:
        return low
    a, b = _PARTS.match(low), _PARTS.match(high)
    if a is None or b is None or a.group(3) != b.group(3):
        return _("%(low)s to %(high)s") % {"low": low, "high": high}
    if a.group(1) == b.group(1) and not _MINUS.search(a.group(1)):
        return f"{a.group(1)}{a.group(2)}{DASH}{b.group(2)}{a.group(3)}"
    ends = {"low": f"{a.group(1)}{a.group(2)}", "high": f"{b.group(1)}{b.group(2)}"}
    return _("%(low)s to %(high)s") % ends + a.group(3)


def money_span(low: float, high: float, currency: str, locale: str) -> str:
    top = max(abs(low), abs(high))
    return joined(money_about(low, currency, locale, top), money_about(high, currency, locale, top))


def number_about(value: float, locale: str) -> str:
    rounded = significant(value)
    places = max(DIGITS - 1 - rounded.adjusted(), 0) if rounded else 0
    return number(float(rounded), locale, places)


def number_span(low: float, high: float, locale: str) -> str:
    """Hours or people as a range to two significant figures: '7.000–12.000'."""
    return joined(number_about(low, locale), number_about(high, locale))


def month_count(months: float, locale: str) -> str:
    """Months to pay back, as a board reads them: whole months, rounded up from the tenth (it
    has paid back by then; 4.01 is 4), and 'under a month'."""
    if months < 1:
        return _("under a month")
    whole = math.ceil(round(months, 1))
    return ngettext("%(n)s month", "%(n)s months", whole) % {"n": number(whole, locale)}


def month_span(low: float, high: float, locale: str) -> str:
    if high < 1:
        return _("under a month")
    if low < 1:
        return _("up to %(months)s") % {"months": month_count(high, locale)}
    first, last = math.ceil(round(low, 1)), math.ceil(round(high, 1))
    if first == last:
        return month_count(high, locale)
    span = {"low": number(first, locale), "high": number(last, locale)}
    return ngettext("%(low)s–%(high)s month", "%(low)s–%(high)s months", last) % span


def months_text(months: Months, locale: str) -> str:
    """When a change pays back, as a short clause; never a payback where the net is not
    positive."""
    low, expected, high = months.values()
    if low is None:
        return _("no payback in this range")
    if expected is None:
        return _("payback %(months)s in the best case only") % {"months": month_count(low, locale)}
    if high is None:
        return _("payback %(months)s, none in the low case") % {
            "months": month_span(low, expected, locale)
        }
    return _("payback %(months)s") % {"months": month_span(low, high, locale)}


#: Full-time people below two, as a person says them.
_FRACTIONS = (
    (0.35, N_("about a quarter of a full-time role")),
    (0.625, N_("about half a full-time role")),
    (0.875, N_("about three quarters of a full-time role")),
    (1.25, N_("about one full-time role")),
    (1.75, N_("about one and a half full-time roles")),
)
#: Hours a full-time person works in a week, to say a sliver of a role in hours.
HOURS_A_WEEK = 40


def roles(fte: float, locale: str) -> str:
    """Full-time people in words: 'about half a full-time role', 'about 41 full-time roles';
    a sliver of a role as hours a week."""
    if fte < 0.2:
        hours = fte * HOURS_A_WEEK
        if hours < 1:
            return _("less than an hour a week of one person's time")
        return ngettext(
            "about %(n)s hour a week of one person's time",
            "about %(n)s hours a week of one person's time",
            round(hours),
        ) % {"n": number(round(hours), locale)}
    for bound, words in _FRACTIONS:
        if fte < bound:
            return _(words)
    whole = float(significant(round(fte)))
    return ngettext("about %(n)s full-time role", "about %(n)s full-time roles", int(whole)) % {
        "n": number(whole, locale)
    }
