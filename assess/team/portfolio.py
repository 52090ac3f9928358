"""One view across a company's journeys: each journey's verdict mix and value, and the company's
totals, which are the sums of each journey's `score` summary. Pure: loaded journeys in, data out.

Money is never converted: journeys priced in different currencies are refused. The same file
given twice (by two spellings or through a link) is refused, so nothing is counted twice.
Journeys may use different questionnaires; the portfolio names them.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assess.errors import AssessError
from assess.files.loader import Loaded
from assess.files.output import SUMMARY_VALUE_COLUMNS, to_dict, value_cells
from assess.method.measured import MeasuredShare, measured_shares
from assess.method.scoring import Assessment, assess
from assess.method.value import Appraisal, Move, appraise, by_value, combine
from assess.models import UNSCORED, VERDICTS
from assess.textsafety import for_csv

#: How many moves across all journeys the board sees first.
TOP_MOVES = 10


@dataclass(frozen=True)
class Journey:
    file: Path
    assessment: Assessment
    appraisal: Appraisal
    #: Exactly what `assess score --format json` gives as its summary.
    summary: dict[str, Any]

    @property
    def title(self) -> str:
        return self.assessment.workshop.title

    @property
    def questionnaire(self) -> str:
        q = self.assessment.questionnaire
        return f"{q.name} {q.version}"


@dataclass(frozen=True)
class Portfolio:
    journeys: tuple[Journey, ...]
    summary: dict[str, Any]
    currency: str | None
    locale: str

    @property
    def questionnaires(self) -> dict[str, list[Journey]]:
        found: dict[str, list[Journey]] = {}
        for j in self.journeys:
            found.setdefault(j.questionnaire, []).append(j)
        return found

    def moves(self) -> list[tuple[Journey, Move]]:
        return [(j, m) for j in self.journeys for m in j.appraisal.moves]

    def top_moves(self, n: int = TOP_MOVES) -> list[tuple[Journey, Move]]:
        journey_of = {id(m): j for j, m in self.moves()}
        return [(journey_of[id(m)], m) for m in by_value(m for _, m in self.moves())[:n]]


def check_distinct(paths: Sequence[Path]) -> None:
    """The same file twice, by any spelling, through a symlink or a hard link, is refused."""
    seen: dict[tuple[int, int], Path] = {}
    for path in paths:
        found = os.stat(path)
        key = (found.st_dev, found.st_ino)
        if key in seen:
            raise AssessError(
                f"{path} is the same file as {seen[key]}: give each journey once, or its "
                "numbers would be counted twice"
            )
        seen[key] = path


def check_currency(journeys: Sequence[Journey]) -> str | None:
    """The one currency of every priced journey; different currencies are refused."""
    currencies = {
        str(j.file): j.assessment.workshop.economics.currency
        for j in journeys
        if j.assessment.workshop.economics is not None
    }
    if len(set(currencies.values())) > 1:
        shown = "; ".join(f"{file}: {c}" for file, c in currencies.items())
        raise AssessError(
            f"the journeys are priced in different currencies ({shown}); assess converts no "
            "money: give every journey the same currency"
        )
    return next(iter(currencies.values()), None)


def summed(journeys: Sequence[Journey]) -> dict[str, Any]:
    """The company's summary: each count summed over the journeys, and `value` the journeys'
    totals combined (each figure that adds up summed; the payback from the summed build and
    net); `value` is null when no journey is sized or priced."""
    found: dict[str, Any] = {v: 0 for v in (*VERDICTS, UNSCORED)}
    for j in journeys:
        for verdict in (*VERDICTS, UNSCORED):
            found[verdict] += j.summary[verdict]
    totals = [j.appraisal.totals for j in journeys if j.appraisal.totals is not None]
    found["value"] = combine(totals).as_dict() if totals else None
    return found


def build(loaded: Sequence[Loaded]) -> Portfolio:
    journeys = []
    for item in loaded:
        assessment = assess(item.questionnaire, item.workshop)
        journeys.append(
            Journey(item.path, assessment, appraise(assessment), to_dict(assessment)["summary"])
        )
    currency = check_currency(journeys)
    locale = next(
        (
            j.assessment.workshop.economics.locale
            for j in journeys
            if j.assessment.workshop.economics
        ),
        "en_GB",
    )
    return Portfolio(tuple(journeys), summed(journeys), currency, locale)


def journey_dict(j: Journey) -> dict[str, Any]:
    q = j.assessment.questionnaire
    return {
        "title": j.title,
        "file": str(j.file),
        "questionnaire": {"name": q.name, "version": q.version},
        "summary": j.summary,
    }


def portfolio_dict(portfolio: Portfolio) -> dict[str, Any]:
    def move(j: Journey, m: Move) -> dict[str, Any]:
        return {
            "journey": j.title,
            "file": str(j.file),
            "touchpoint": m.result.touchpoint.name,
            "recommendation": m.result.recommendation,
            "cost_per_year": m.value.cost_per_year.as_dict()
            if m.value and m.value.cost_per_year
            else None,
            "priority": m.priority,
            "wave": m.wave,
        }

    def named(pairs: Iterable[tuple[Journey, Move]]) -> list[dict[str, Any]]:
        return [
            {"journey": j.title, "file": str(j.file), "touchpoint": m.result.touchpoint.name}
            for j, m in pairs
        ]

    moves = portfolio.moves()
    return {
        "journeys": [journey_dict(j) for j in portfolio.journeys],
        "summary": portfolio.summary,
        "top_moves": [move(j, m) for j, m in portfolio.top_moves()],
        "keep_human": named((j, m) for j, m in moves if m.result.recommendation == "keep-human"),
        "decide_first": named((j, m) for j, m in moves if m.decide_first and m.result.scored),
        "measured_shares": [s.as_dict() for s in measured(portfolio)],  # issue 28
    }


def measured(portfolio: Portfolio) -> list[MeasuredShare]:
    """What the journeys' outcomes measured, per questionnaire and verdict (issue 28)."""
    return measured_shares([(j.title, j.assessment, j.appraisal) for j in portfolio.journeys])


def portfolio_csv(portfolio: Portfolio) -> str:
    """One row per journey: its file, title, questionnaire, verdict counts and value totals."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    value_keys = [column for column, _ in SUMMARY_VALUE_COLUMNS]
    writer.writerow(["file", "title", "questionnaire", "version", *VERDICTS, UNSCORED, *value_keys])
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
            ]
        )
    return out.getvalue()
