"""The appendix's business case: the formulas, this workshop's figures, the shares per verdict and
each touchpoint's own, the build effort per effort class with its basis, and the value bands.
Pure: numbers in the workshop's locale, every band said as a reader would ("below 1,600"), never
an empty band ("0 hours or more")."""

from __future__ import annotations

from typing import Any

from babel import Locale, UnknownLocaleError

from assess.economics import HOURS_PER_FTE, PriorityRule
from assess.files import money
from assess.i18n import N_, _, current, ngettext
from assess.method.value import Appraisal
from assess.method.words import nowrap, number, percent
from assess.models import Questionnaire
from assess.report.businesscase import share_notes

FORMULAS = (
    N_(
        "today's hours a year = contacts a month × 12 × minutes per contact ÷ 60 × share a "
        "person handles"
    ),
    N_("hours freed a year = today's hours × share of time taken away"),
    N_(
        "full-time people = hours freed ÷ hours a person works a year; saving a year = hours "
        "freed × cost of an hour"
    ),
    N_(
        "build cost = person-days for the effort × day rate (or the touchpoint's own); running "
        "cost a year = build cost × running share (or its own)"
    ),
    N_(
        "net a year = saving − running cost; net over the horizon = net a year × years − build "
        "cost; payback in months = build cost ÷ (net a year ÷ 12)"
    ),
)


def _percent(value: float) -> str:
    return nowrap(percent(value))


def bands_text(rule: PriorityRule, locale: str) -> str:
    """Each value band as a reader says it: 'High value: 1,600 expected hours a year or more;
    Lower value: below 1,600.'"""
    parts = []
    above: float | None = None
    for band in rule.bands:
        said = {
            "band": band.label,
            "hours": money.number(band.min_hours, locale),
            "above": money.number(above or 0, locale),
        }
        if above is None:
            parts.append(_("%(band)s: %(hours)s expected hours a year or more") % said)
        elif band.min_hours > 0:
            parts.append(_("%(band)s: %(hours)s to below %(above)s") % said)
        else:
            parts.append(_("%(band)s: below %(above)s") % said)
        above = band.min_hours
    return "; ".join(parts) + "."


def workshop_line(appraisal: Appraisal) -> str:
    e = appraisal.economics
    if e is None:
        return _(
            "This workshop has no economics: hours and full-time people are counted with "
            "%(hours)s hours a full-time person works a year, and nothing is priced."
        ) % {"hours": money.number(HOURS_PER_FTE, current().locale)}
    loc = e.locale
    digits = 2 if e.cost_per_hour % 1 else 0
    parts = [
        _("%(currency)s, %(cost)s an hour")
        % {"currency": e.currency, "cost": money.number(e.cost_per_hour, loc, digits)},
        _("%(hours)s hours a full-time person works a year")
        % {"hours": money.number(e.hours_per_fte, loc)},
    ]
    if e.build_day_rate is not None:
        rate = money.money(e.build_day_rate, e.currency, loc)
        parts.append(_("%(rate)s a day to build") % {"rate": rate})
    if e.run_share is not None:
        share = _percent(e.run_share)
        parts.append(_("running costs %(share)s of the build cost a year") % {"share": share})
    parts.append(
        ngettext("the net over %(n)s year", "the net over %(n)s years", e.horizon_years)
        % {"n": e.horizon_years}
    )
    return _("This workshop: %(figures)s; numbers written for %(locale)s.") % {
        "figures": ", ".join(parts),
        "locale": _locale_name(loc),
    }


def _locale_name(loc: str) -> str:
    """A locale as a reader names it, in the report's language ('Deutsch (Deutschland)'), with
    its identifier as given where Babel does not know it."""
    try:
        name = Locale.parse(loc).get_display_name(current().locale)
    except (ValueError, UnknownLocaleError):
        return loc
    return name or loc


def _build(appraisal: Appraisal, efforts: dict[str, str]) -> dict[str, Any] | None:
    case, e = appraisal.case, appraisal.economics
    build = case.build if case else None
    if build is None:
        return None
    own = e.run_share if e else None
    said = {"share": _percent(build.run_share), "basis": build.run_basis}
    run = _("%(share)s of the build cost a year. %(basis)s") % said
    if own is not None and own != build.run_share:
        run = _(
            "This workshop counts %(own)s of the build cost a year; the questionnaire's "
            "planning figure is %(share)s of the build cost a year. %(basis)s"
        ) % {**said, "own": _percent(own)}
    return {
        "rows": [
            (efforts.get(key, key), ", ".join(number(x) for x in (d.low, d.expected, d.high)))
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
        "formulas": [_(f) for f in FORMULAS],
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
        "default_effort": effort_labels(q).get(
            case.priority.default_effort, case.priority.default_effort
        )
        if case.priority
        else None,
        "bands": bands_text(case.priority, loc) if case.priority else None,
    }
