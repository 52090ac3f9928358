"""The board's view across journeys as HTML: company totals, each journey's verdict mix and
value, the top moves across all of them, every moment that stays human, and what to decide
first. Pure apart from reading the bundled templates; the PDF is :mod:`assess.pdf.publish`'s."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from assess import __version__
from assess.files import money, resources
from assess.files.brand import Brand
from assess.files.output import VERDICT_LABELS, VERDICT_MARKS
from assess.files.rounded import money_about, money_span, roles
from assess.i18n import current
from assess.models import UNSCORED, VERDICTS
from assess.report.decision import human_reason, plan_text
from assess.report.html import VERDICT_COLOURS, template
from assess.report.measuredshares import measured_section
from assess.team.portfolio import Journey, Portfolio, measured

TEMPLATE = "portfolio.html.j2"
STYLESHEET = "report.css"


def _worth(portfolio: Portfolio, value: dict[str, Any] | None) -> str:
    """The money a year as a range rounded for reading; empty where nothing is priced."""
    cost = value.get("cost_per_year") if value else None
    if not cost or portfolio.currency is None:
        return ""
    return money_span(cost["low"], cost["high"], portfolio.currency, portfolio.locale)


def _expected(portfolio: Portfolio, value: dict[str, Any] | None) -> str:
    cost = value.get("cost_per_year") if value else None
    if not cost or portfolio.currency is None:
        return ""
    return money_about(cost["expected"], portfolio.currency, portfolio.locale)


def _people(journey: Journey, keep: bool) -> list[dict[str, Any]]:
    rules = {r.id: r.title for r in journey.assessment.questionnaire.rules}
    return [
        {"name": m.result.touchpoint.name, "why": human_reason(m, rules)}
        for m in journey.appraisal.moves
        if (m.result.recommendation == "keep-human") == keep
        and (keep or m.decide_first)
        and m.result.scored
    ]


def context(
    portfolio: Portfolio,
    brand: Brand | None,
    today: dt.date | None = None,
    shares_file: Path | None = None,
) -> dict[str, Any]:
    value = portfolio.summary["value"]
    loc = portfolio.locale
    return {
        "portfolio": portfolio,
        "summary": portfolio.summary,
        "worth": lambda v: _worth(portfolio, v),
        "expected": lambda v: _expected(portfolio, v),
        "fte": roles(value["fte"]["expected"], loc) if value else None,
        "protected": money.number(value["protected_per_month"], loc) if value else None,
        "top": [
            {
                "journey": j,
                "move": m,
                "worth": money_about(m.value.cost_per_year.expected, portfolio.currency, loc)
                if m.value and m.value.cost_per_year and portfolio.currency
                else "",
                "plan": plan_text(m),
            }
            for j, m in portfolio.top_moves()
        ],
        "human": [(j, _people(j, keep=True)) for j in portfolio.journeys],
        "decide": [(j, _people(j, keep=False)) for j in portfolio.journeys],
        "questionnaires": portfolio.questionnaires,
        "verdicts": VERDICTS,
        "unscored": UNSCORED,
        "labels": VERDICT_LABELS,
        "marks": VERDICT_MARKS,
        "colours": VERDICT_COLOURS,
        "brand": brand,
        "generated": (today or dt.date.today()).isoformat(),
        "version": __version__,
        "lang": current().code,
        # What the outcomes measured across journeys (issue 28).
        "measured": measured_section(measured(portfolio), loc, shares_file),
    }


def portfolio_html(
    portfolio: Portfolio,
    brand: Brand | None = None,
    today: dt.date | None = None,
    shares_file: Path | None = None,
) -> str:
    css = resources.template_file(STYLESHEET).read_text(encoding="utf-8")
    return template(TEMPLATE).render(css=css, **context(portfolio, brand, today, shares_file))
