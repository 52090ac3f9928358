"""Months, KPI values and shares as the plan page writes them (issue 28). Pure.

Months are named in the reader's language, as the workshop's locale writes them where that
locale is in the same language (a month is never named in another language than the report's);
numbers follow the workshop's locale, as everywhere in the report.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_interval, format_skeleton
from babel.numbers import format_decimal, format_percent

from assess import i18n
from assess.economics import Economics


def number_locale(economics: Economics | None) -> str:
    return economics.locale if economics else i18n.current().locale


def date_locale(economics: Economics | None) -> str:
    """The locale months are named in: the workshop's where it writes the reader's language
    (en_US), else the language's own."""
    language = i18n.current()
    locale = economics.locale if economics else language.locale
    return locale if locale.split("_")[0] == language.code else language.locale


def first_day(month: int) -> dt.date:
    """The first day of a month counted as :func:`assess.plans.month_number` counts it."""
    return dt.date(month // 12, month % 12 + 1, 1)


def month_name(month: int, locale: str) -> str:
    """February 2027, Februar 2027."""
    return format_skeleton("yMMMM", first_day(month), locale=locale)


def months_name(first: int, last: int, locale: str) -> str:
    """February – April 2027; a single month as itself."""
    if first == last:
        return month_name(first, locale)
    return format_interval(first_day(first), first_day(last), "yMMMM", locale=locale)


def measure(value: float, unit: str | None, locale: str) -> str:
    """A KPI's value with its unit: 45%, 3.5 days, 1,200."""
    shown = format_decimal(value, format="#,##0.##", locale=locale).replace("\u00a0", " ")
    if not unit:
        return shown
    return f"{shown}{unit}" if unit == "%" else f"{shown} {unit}"


def percent(share: float, locale: str) -> str:
    return format_percent(share, format="#,##0%", locale=locale).replace("\u00a0", " ")


def percent_span(low: float, high: float, locale: str) -> str:
    """'9–16%', '9–16 %': the percent sign once, after the range."""
    if round(low, 2) == round(high, 2):
        return percent(low, locale)
    first, last = percent(low, locale), percent(high, locale)
    sign = last[len(last.rstrip("% ")) :]  # "%" or " %", as the locale writes it
    if sign and first.endswith(sign) and last[: -len(sign)][-1:].isdigit():
        first = first[: -len(sign)]
    return f"{first}\u2013{last}"
