"""The board's view across journeys as HTML: a company cover, the company at a glance (its
figures, how the journeys are priced and written, the people), what changed since the last
portfolio, each journey's verdicts and business case, the waves and top moves across the
company, every moment that stays human and what to decide first. Pure apart from reading the
bundled templates; the PDF is :mod:`assess.pdf.publish`'s.

Journeys are named by their titles, never their files. Each section's data is one entry of
:func:`context`, and each section one block of the template, so a section can be added beside
them without touching the others.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from babel.dates import format_date

from assess import __version__
from assess.files import money, resources
from assess.files.brand import Brand
from assess.files.output import VERDICT_MARKS
from assess.files.rounded import DASH
from assess.i18n import N_, _, current, ngettext
from assess.method.value import Move
from assess.models import UNSCORED, VERDICTS
from assess.report import boardcase, boardsince
from assess.report.decision import human_reason
from assess.report.html import VERDICT_COLOURS, template
from assess.report.measuredshares import measured_section
from assess.report.script import direction
from assess.report.words import page_counter, verdict_labels
from assess.team.portfolio import Journey, Portfolio, measured
from assess.team.since import Since

TEMPLATE = "portfolio.html.j2"
STYLESHEET = "report.css"
#: Journeys the cover names; past these it says how many more (page 2 lists them all).
COVER_JOURNEYS = 12


def _count(n: int, portfolio: Portfolio) -> str:
    """A count as the portfolio's locale writes it (2.000 in de_DE)."""
    return money.number(n, portfolio.locale)


def title_of(portfolio: Portfolio) -> str:
    """The title given, else "Portfolio: N journeys" in the reader's language."""
    if portfolio.cover.title:
        return portfolio.cover.title
    n = len(portfolio.journeys)
    return ngettext("Portfolio: %(n)s journey", "Portfolio: %(n)s journeys", n) % {"n": n}


#: The PDF's subject and keywords (the report's own), in the reader's language.
SUBJECT = N_("Automate, assist or keep human: a touchpoint-by-touchpoint assessment")
KEYWORDS = (N_("customer experience"), N_("automation"), N_("touchpoints"))


def metadata(portfolio: Portfolio, brand: Brand | None) -> dict[str, Any]:
    """The document's title, author, subject and keywords, for both ways it is written."""
    organisation = portfolio.cover.organisation
    keywords = [*(_(k) for k in KEYWORDS), "assess", *([organisation] if organisation else [])]
    return {
        "title": title_of(portfolio),
        "author": (brand.name if brand else None) or organisation or "",
        "subject": _(SUBJECT),
        "keywords": tuple(keywords),
    }


def long_date(day: dt.date, portfolio: Portfolio) -> str:
    """A date as the reader's language writes dates: in the portfolio's locale where it is of
    that language (en_US: March 1, 2027), never a month named in another language."""
    language = current()
    locale = portfolio.locale
    if locale.split("_")[0] != language.code:
        locale = language.locale
    return format_date(day, format="long", locale=locale)


def cover(portfolio: Portfolio) -> dict[str, Any]:
    journeys = portfolio.journeys
    touchpoints = sum(len(j.assessment.results) for j in journeys)
    shown = [j.title for j in journeys[:COVER_JOURNEYS]]
    return {
        "title": title_of(portfolio),
        "organisation": portfolio.cover.organisation,
        "date": long_date(portfolio.cover.date, portfolio),
        "scope": ngettext("%(n)s customer journey", "%(n)s customer journeys", len(journeys))
        % {"n": _count(len(journeys), portfolio)}
        + " · "
        + ngettext("%(n)s touchpoint", "%(n)s touchpoints", touchpoints)
        % {"n": _count(touchpoints, portfolio)},
        "journeys": shown,
        "more": len(journeys) - len(shown),
    }


def lead(portfolio: Portfolio) -> list[str]:
    s = portfolio.summary
    n = len(portfolio.journeys)
    touchpoints = sum(s[v] for v in (*VERDICTS, UNSCORED))
    found = [
        ngettext(
            "%(n)s journey, %(touchpoints)s touchpoints: %(automate)s to automate, "
            "%(assist)s to assist and %(human)s to keep human.",
            "%(n)s journeys, %(touchpoints)s touchpoints: %(automate)s to automate, "
            "%(assist)s to assist and %(human)s to keep human.",
            n,
        )
        % {
            "n": _count(n, portfolio),
            "touchpoints": _count(touchpoints, portfolio),
            "automate": _count(s["automate"], portfolio),
            "assist": _count(s["assist"], portfolio),
            "human": _count(s["keep-human"], portfolio),
        }
    ]
    if s[UNSCORED]:
        found.append(
            ngettext(
                "%(n)s touchpoint is not yet assessed.",
                "%(n)s touchpoints are not yet assessed.",
                s[UNSCORED],
            )
            % {"n": _count(s[UNSCORED], portfolio)}
        )
    return found


def people(portfolio: Portfolio) -> list[str]:
    """Every moment that stays human, priced or not, and the contacts they take."""
    kept = portfolio.kept
    if not kept.moments:
        return [_("No assessed touchpoint must stay fully human.")]
    found = [
        ngettext(
            "%(n)s moment stays with people across the company.",
            "%(n)s moments stay with people across the company.",
            kept.moments,
        )
        % {"n": _count(kept.moments, portfolio)}
    ]
    if kept.contacts_per_month:
        found.append(
            _("Where a volume is known they take %(contacts)s contacts a month.")
            % {"contacts": money.number(kept.contacts_per_month, portfolio.locale)}
        )
    if kept.without_volume:
        found.append(
            ngettext(
                "%(n)s of them has no volume yet.",
                "%(n)s of them have no volume yet.",
                kept.without_volume,
            )
            % {"n": _count(kept.without_volume, portfolio)}
        )
    return found


def _human(journey: Journey, locale: str) -> list[dict[str, Any]]:
    """A journey's moments that stay human, with their contacts a month where known."""
    rules = {r.id: r.title for r in journey.assessment.questionnaire.rules}
    return [
        {
            "name": m.result.touchpoint.name,
            "why": human_reason(m, rules),
            "contacts": _contacts(m, locale),
        }
        for m in journey.appraisal.moves
        if m.result.recommendation == "keep-human" and m.result.scored
    ]


def _contacts(move: Move, locale: str) -> str:
    volume = move.result.touchpoint.volume
    if volume is None:
        return ""
    return _("%(n)s a month") % {"n": money.number(volume, locale)}


def _open(journey: Journey) -> list[str]:
    return [
        m.result.touchpoint.name
        for m in journey.appraisal.moves
        if m.decide_first and m.result.scored
    ]


def context(
    portfolio: Portfolio,
    brand: Brand | None,
    since: Since | None = None,
    today: dt.date | None = None,
    shares_file: Path | None = None,
) -> dict[str, Any]:
    n = boardcase.numbers(portfolio)
    top = boardcase.top_rows(portfolio)
    return {
        "portfolio": portfolio,
        "summary": portfolio.summary,
        "cover": cover(portfolio),
        "meta": metadata(portfolio, brand),
        "lead": lead(portfolio),
        "figures": boardcase.figures(portfolio),
        "pricing": boardcase.pricing(portfolio),
        "people": people(portfolio),
        "since": boardsince.context(since, portfolio),
        "case_columns": boardcase.case_columns(portfolio),
        "cases": [boardcase.case_row(j, n) for j in portfolio.journeys],
        "company": boardcase.company_row(portfolio, n),
        "wave_columns": boardcase.wave_columns(portfolio),
        "waves": boardcase.wave_rows(portfolio),
        "top": top,
        "top_note": boardcase.top_note(portfolio),
        "owners": any(row["owner"] for row in top),
        "human": [(j, _human(j, portfolio.locale)) for j in portfolio.journeys],
        "decide": [(j, _open(j)) for j in portfolio.journeys],
        "questionnaires": portfolio.questionnaires,
        "verdicts": VERDICTS,
        "unscored": UNSCORED,
        "every_verdict": (*VERDICTS, UNSCORED),
        "dash": DASH,
        "direction": direction,
        "labels": verdict_labels(),
        "marks": VERDICT_MARKS,
        "colours": VERDICT_COLOURS,
        "brand": brand,
        "page": page_counter(),
        "number": lambda value: money.number(value, portfolio.locale),
        # What the outcomes measured across journeys (issue 28).
        "measured": measured_section(measured(portfolio), portfolio.locale, shares_file),
        "generated": long_date(today or dt.date.today(), portfolio),
        "version": __version__,
        "lang": current().code,
    }


def portfolio_html(
    portfolio: Portfolio,
    brand: Brand | None = None,
    since: Since | None = None,
    today: dt.date | None = None,
    shares_file: Path | None = None,
) -> str:
    css = resources.template_file(STYLESHEET).read_text(encoding="utf-8")
    context_ = context(portfolio, brand, since, today, shares_file)
    return template(TEMPLATE).render(css=css, **context_)
