"""The portfolio as JSON (for programs) and CSV (for spreadsheets). Pure: a portfolio in, plain
data or text out. Every key is always there, null where it does not apply; numbers are plain
(the PDF rounds them for reading, these never do)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from assess.files.output import SUMMARY_VALUE_COLUMNS, value_cells
from assess.method.span import Span
from assess.method.value import Move
from assess.models import UNSCORED, VERDICTS
from assess.team.portfolio import Journey, Portfolio, WaveTotal, measured
from assess.team.since import Since, since_dict
from assess.textsafety import for_csv


def owner_of(move: Move) -> str | None:
    """Who answers for the move, where the touchpoint names someone (its `owner`)."""
    owner = getattr(move.result.touchpoint, "owner", None)
    return str(owner) if owner else None


def journey_dict(j: Journey) -> dict[str, Any]:
    q = j.assessment.questionnaire
    return {
        "title": j.title,
        "file": str(j.file),
        "questionnaire": {"name": q.name, "version": q.version},
        "rates": j.rates.as_dict(),
        "keep_human": j.kept.as_dict(),
        "summary": j.summary,
    }


def _span(span: Span | None) -> dict[str, float] | None:
    return None if span is None else span.as_dict()


def wave_dict(w: WaveTotal) -> dict[str, Any]:
    t = w.totals
    return {
        "wave": w.wave,
        "moves": w.moves,
        "journeys": w.journeys,
        "hours_per_year": t.hours_per_year.as_dict(),
        "fte": t.fte.as_dict(),
        "cost_per_year": _span(t.cost_per_year),
        "build_cost": _span(t.build_cost),
        "net_per_year": _span(t.net_per_year),
        "touchpoints_costed": t.costed,
    }


def _move(j: Journey, m: Move) -> dict[str, Any]:
    v = m.value
    return {
        "journey": j.title,
        "file": str(j.file),
        "touchpoint": m.result.touchpoint.name,
        "recommendation": m.result.recommendation,
        "owner": owner_of(m),
        "hours_per_year": v.hours_per_year.as_dict() if v else None,
        "cost_per_year": _span(v.cost_per_year) if v else None,
        "priority": m.priority,
        "wave": m.wave,
    }


def _named(pairs: Iterable[tuple[Journey, Move]]) -> list[dict[str, Any]]:
    return [
        {
            "journey": j.title,
            "file": str(j.file),
            "touchpoint": m.result.touchpoint.name,
            "volume_per_month": m.result.touchpoint.volume,
        }
        for j, m in pairs
    ]


def portfolio_dict(portfolio: Portfolio, since: Since | None = None) -> dict[str, Any]:
    moves = portfolio.moves()
    cover = portfolio.cover
    return {
        "title": cover.title,
        "organisation": cover.organisation,
        "date": cover.date.isoformat(),
        "currency": portfolio.currency,
        "locale": portfolio.locale,
        "locale_from": portfolio.locale_from,
        "journeys": [journey_dict(j) for j in portfolio.journeys],
        "summary": portfolio.summary,
        "waves": [wave_dict(w) for w in portfolio.waves()],
        "top_moves_ranked_by": portfolio.ranked_by,
        "top_moves": [_move(j, m) for j, m in portfolio.top_moves()],
        "keep_human": _named((j, m) for j, m in moves if m.result.recommendation == "keep-human"),
        "decide_first": _named((j, m) for j, m in moves if m.decide_first and m.result.scored),
        "compare": None if since is None else since_dict(since),
        "measured_shares": [s.as_dict() for s in measured(portfolio)],  # issue 28
    }


#: Columns after the value's: each journey's rates, the locale the portfolio is written in,
#: the moments that stay human, and what changed since the last portfolio (with --compare).
EXTRA_COLUMNS = [
    "cost_per_hour",
    "hours_per_fte",
    "build_day_rate",
    "locale",
    "locale_used",
    "keep_human_moments",
    "keep_human_contacts_per_month",
    "keep_human_without_volume",
    "compare_file",
    "compare_matched_by",
    "compare_moved",
    "compare_cost_per_year_from",
]


def _extra(j: Journey, portfolio: Portfolio, since: Since | None) -> list[Any]:
    r, k = j.rates, j.kept
    found = since.of(j) if since else None
    value = found.comparison.total if found else None
    return [
        r.cost_per_hour,
        r.hours_per_fte,
        r.build_day_rate,
        r.locale,
        portfolio.locale,
        k.moments,
        k.contacts_per_month,
        k.without_volume,
        str(found.old.file) if found else None,
        found.matched_by if found else None,
        len(found.comparison.moved) if found else None,
        value.old if value else None,
    ]


def portfolio_csv(portfolio: Portfolio, since: Since | None = None) -> str:
    """One row per journey: its file, title, questionnaire, verdict counts, value totals, rates,
    moments kept human and, with a last portfolio, what changed since."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    value_keys = [column for column, _ in SUMMARY_VALUE_COLUMNS]
    writer.writerow(
        [
            *("file", "title", "questionnaire", "version", *VERDICTS, UNSCORED),
            *value_keys,
            *EXTRA_COLUMNS,
        ]
    )
    for j in portfolio.journeys:
        cells = value_cells(j.summary.get("value"), SUMMARY_VALUE_COLUMNS)
        q = j.assessment.questionnaire
        writer.writerow(
            for_csv("" if cell is None else cell)
            for cell in [
                str(j.file),
                j.title,
                q.name,
                q.version,
                *(j.summary[v] for v in (*VERDICTS, UNSCORED)),
                *cells,
                *_extra(j, portfolio, since),
            ]
        )
    return out.getvalue()
