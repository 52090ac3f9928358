"""The appendix's business case: the formulas, this workshop's figures, the shares per verdict and
each touchpoint's own, the build effort per effort class with its basis, and the value bands.
Pure: numbers in the workshop's locale, every band said as a reader would ("below 1,600"), never
an empty band ("0 hours or more")."""

from __future__ import annotations

from typing import Any

from assess.economics import HOURS_PER_FTE, PriorityRule
from assess.files import money
from assess.method.value import Appraisal
from assess.models import Questionnaire
from assess.report.businesscase import share_notes

FORMULAS = (
    "today's hours a year = contacts a month × 12 × minutes per contact ÷ 60 × share a person "
    "handles",
    "hours freed a year = today's hours × share of time taken away",
    "full-time people = hours freed ÷ hours a person works a year; "
    "saving a year = hours freed × cost of an hour",
    "build cost = person-days for the effort × day rate (or the touchpoint's own); "
    "running cost a year = build cost × running share (or its own)",
    "net a year = saving − running cost; net over the horizon = net a year × years − build "
    "cost; payback in months = build cost ÷ (net a year ÷ 12)",
)


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def bands_text(rule: PriorityRule, locale: str) -> str:
    """Each value band as a reader says it: 'High value: 1,600 expected hours a year or more;
    Lower value: below 1,600.'"""
    parts = []
    above: float | None = None
    for band in rule.bands:
        shown = money.number(band.min_hours, locale)
        if above is None:
            parts.append(f"{band.label}: {shown} expected hours a year or more")
        elif band.min_hours > 0:
            parts.append(f"{band.label}: {shown} to below {money.number(above, locale)}")
        else:
            parts.append(f"{band.label}: below {money.number(above, locale)}")
        above = band.min_hours
    return "; ".join(parts) + "."


def workshop_line(appraisal: Appraisal) -> str:
    e = appraisal.economics
    if e is None:
        return (
            f"This workshop has no economics: hours and full-time people are counted with "
            f"{money.number(HOURS_PER_FTE, 'en_GB')} hours a full-time person works a year, "
            "and nothing is priced."
        )
    loc = e.locale
    parts = [
        f"{e.currency}, {money.number(e.cost_per_hour, loc, 2 if e.cost_per_hour % 1 else 0)} "
        "an hour",
        f"{money.number(e.hours_per_fte, loc)} hours a full-time person works a year",
    ]
    if e.build_day_rate is not None:
        parts.append(f"{money.money(e.build_day_rate, e.currency, loc)} a day to build")
    if e.run_share is not None:
        parts.append(f"running costs {_percent(e.run_share)} of the build cost a year")
    parts.append(f"the net over {e.horizon_years} years")
    return f"This workshop: {', '.join(parts)}; numbers written for {loc}."


def _build(appraisal: Appraisal, efforts: dict[str, str]) -> dict[str, Any] | None:
    case, e = appraisal.case, appraisal.economics
    build = case.build if case else None
    if build is None:
        return None
    own = e.run_share if e else None
    run = f"{_percent(build.run_share)} of the build cost a year. {build.run_basis}"
    if own is not None and own != build.run_share:
        run = (
            f"This workshop counts {_percent(own)} of the build cost a year; the "
            f"questionnaire's planning figure is {run}"
        )
    return {
        "rows": [
            (efforts.get(key, key), f"{d.low:g}, {d.expected:g}, {d.high:g}")
            for key, d in build.days.items()
        ],
        "basis": build.basis,
        "run": run,
    }


def effort_labels(q: Questionnaire) -> dict[str, str]:
    rule = q.business_case.priority if q.business_case else None
    if rule is None or rule.effort_input not in q.input_ids:
        return {}
    return {o.id: o.label for o in q.optional_input(rule.effort_input).options}


def value_appendix(appraisal: Appraisal, q: Questionnaire) -> dict[str, Any] | None:
    """What the appendix shows of the business case; None where nothing is sized or priced."""
    case = appraisal.case
    if case is None or appraisal.totals is None:
        return None
    loc = appraisal.economics.locale if appraisal.economics else "en_GB"
    shares = case.shares
    return {
        "summary": case.summary,
        "formulas": FORMULAS,
        "workshop": workshop_line(appraisal),
        "shares": [
            (verdict, ", ".join(_percent(v) for v in (s.low, s.expected, s.high)), s)
            for verdict, s in (
                ("automate", shares.automate),
                ("assist", shares.assist),
                ("keep-human", shares.keep_human),
            )
        ],
        "own_shares": share_notes(appraisal.moves),
        "build": _build(appraisal, effort_labels(q)),
        "priority": case.priority,
        "bands": bands_text(case.priority, loc) if case.priority else None,
    }
