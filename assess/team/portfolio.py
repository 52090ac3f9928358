"""One view across a company's journeys: each journey's verdict mix and value, and the company's
totals, which are the sums of each journey's `score` summary. Pure: loaded journeys in, data out.

Each journey is priced with its own rates (its cost of an hour, the hours of a full-time role,
its build day rate and horizon): its figures are exactly those of its own `assess score`, and
the company's are their sums. Money is never converted: journeys priced in different currencies
are refused. The numbers are written in one locale: the one asked for, else the first priced
journey's, else the language's. The same file given twice (by two spellings or through a link)
is refused, so nothing is counted twice. Journeys may use different questionnaires; the
portfolio names them.

Every moment that stays human is counted, in every journey, priced or not (its contacts a month
where a volume is known). The top moves across journeys leave out the moves the plan puts off
("not now"); they are ranked by what they are worth a year where every one of them is priced,
else by the hours they free (the one measure every journey has).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assess.economics import HOURS_PER_FTE, Economics
from assess.errors import AssessError
from assess.files.loader import Loaded, identity
from assess.files.output import to_dict
from assess.method.measured import MeasuredShare, measured_shares
from assess.method.scoring import Assessment, Judge, assess
from assess.method.totals import totals
from assess.method.value import Appraisal, Move, Totals, appraise, combine
from assess.models import UNSCORED, VERDICTS

#: How many moves across all journeys the board sees first.
TOP_MOVES = 10
#: The priority of a move the plan puts off; never among the top moves.
NOT_NOW = "not-now"
KEEP_HUMAN = "keep-human"
#: Where the portfolio's locale comes from: --locale, the first priced journey, the language.
FROM_OPTION, FROM_JOURNEY, FROM_LANGUAGE = "option", "journey", "language"
#: How the top moves are ranked: by the money they are worth a year, or by the hours they free.
BY_WORTH, BY_HOURS = "worth", "hours"
WAVES = (1, 2, 3)


@dataclass(frozen=True)
class Rates:
    """What a journey is priced with: its own economics (hours of a full-time role are 1,600
    where it has none)."""

    currency: str | None
    cost_per_hour: float | None
    hours_per_fte: float
    locale: str | None
    build_day_rate: float | None
    horizon_years: int | None

    @staticmethod
    def of(economics: Economics | None) -> Rates:
        if economics is None:
            return Rates(None, None, HOURS_PER_FTE, None, None, None)
        e = economics
        return Rates(
            e.currency,
            e.cost_per_hour,
            e.hours_per_fte,
            e.locale,
            e.build_day_rate,
            e.horizon_years,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "currency": self.currency,
            "cost_per_hour": self.cost_per_hour,
            "hours_per_fte": self.hours_per_fte,
            "locale": self.locale,
            "build_day_rate": self.build_day_rate,
            "horizon_years": self.horizon_years,
        }


@dataclass(frozen=True)
class KeptHuman:
    """The moments that stay human: how many, their contacts a month where a volume is known,
    and how many have none."""

    moments: int = 0
    contacts_per_month: int = 0
    without_volume: int = 0

    @staticmethod
    def of(assessment: Assessment) -> KeptHuman:
        kept = [r.touchpoint for r in assessment.results if r.recommendation == KEEP_HUMAN]
        known = [tp.volume for tp in kept if tp.volume is not None]
        return KeptHuman(len(kept), sum(known), len(kept) - len(known))

    @staticmethod
    def total(items: Iterable[KeptHuman]) -> KeptHuman:
        found = list(items)
        return KeptHuman(
            sum(k.moments for k in found),
            sum(k.contacts_per_month for k in found),
            sum(k.without_volume for k in found),
        )

    def as_dict(self) -> dict[str, int]:
        return {
            "moments": self.moments,
            "contacts_per_month": self.contacts_per_month,
            "without_volume": self.without_volume,
        }


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

    @property
    def economics(self) -> Economics | None:
        return self.assessment.workshop.economics

    @property
    def rates(self) -> Rates:
        return Rates.of(self.economics)

    @property
    def kept(self) -> KeptHuman:
        return KeptHuman.of(self.assessment)


@dataclass(frozen=True)
class Cover:
    """What the board's cover says: the title (None: the default, in the reader's language),
    the organisation and the date."""

    title: str | None
    organisation: str | None
    date: dt.date


@dataclass(frozen=True)
class WaveTotal:
    """One wave across the company: its moves, the journeys they are in, and their totals
    (each journey's moves priced with its own rates, then summed)."""

    wave: int
    moves: int
    journeys: int
    totals: Totals


@dataclass(frozen=True)
class Portfolio:
    journeys: tuple[Journey, ...]
    summary: dict[str, Any]
    currency: str | None
    locale: str
    #: FROM_OPTION, FROM_JOURNEY or FROM_LANGUAGE.
    locale_from: str
    cover: Cover

    @property
    def questionnaires(self) -> dict[str, list[Journey]]:
        found: dict[str, list[Journey]] = {}
        for j in self.journeys:
            found.setdefault(j.questionnaire, []).append(j)
        return found

    @property
    def kept(self) -> KeptHuman:
        return KeptHuman.total(j.kept for j in self.journeys)

    @property
    def totals(self) -> Totals | None:
        """The company's totals: the journeys' own, combined; None when none is sized or
        priced."""
        return company_totals(self.journeys)

    @property
    def priced(self) -> list[Journey]:
        return [j for j in self.journeys if j.economics is not None]

    @property
    def locale_journey(self) -> Journey | None:
        """The journey whose locale the numbers are written in, where they are."""
        if self.locale_from != FROM_JOURNEY:
            return None
        return next((j for j in self.priced if j.rates.locale == self.locale), None)

    def moves(self) -> list[tuple[Journey, Move]]:
        return [(j, m) for j in self.journeys for m in j.appraisal.moves]

    def _candidates(self) -> list[tuple[Journey, Move]]:
        return [
            (j, m)
            for j, m in self.moves()
            if m.value is not None and m.wave is not None and m.priority != NOT_NOW
        ]

    @property
    def ranked_by(self) -> str:
        """BY_WORTH where every candidate move is priced, else BY_HOURS."""
        found = self._candidates()
        priced = all(m.value is not None and m.value.cost_per_year for _, m in found)
        return BY_WORTH if found and priced else BY_HOURS

    def top_moves(self, n: int = TOP_MOVES) -> list[tuple[Journey, Move]]:
        """The biggest moves across journeys, none the plan puts off."""
        by_worth = self.ranked_by == BY_WORTH

        def size(pair: tuple[Journey, Move]) -> float:
            v = pair[1].value
            assert v is not None
            if by_worth and v.cost_per_year is not None:
                return v.cost_per_year.expected
            return v.hours_per_year.expected

        return sorted(self._candidates(), key=lambda pair: -size(pair))[:n]

    def waves(self) -> list[WaveTotal]:
        """Each wave with moves in it, across the company."""
        found = []
        for wave in WAVES:
            per_journey = [
                (j, [m for m in j.appraisal.moves if m.wave == wave and m.value is not None])
                for j in self.journeys
            ]
            held = [(j, ms) for j, ms in per_journey if ms]
            if not held:
                continue
            summed = combine([totals(ms, j.appraisal.economics) for j, ms in held])
            found.append(WaveTotal(wave, sum(len(ms) for _, ms in held), len(held), summed))
        return found


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
    currencies = {str(j.file): j.economics.currency for j in journeys if j.economics is not None}
    if len(set(currencies.values())) > 1:
        shown = "; ".join(f"{file}: {c}" for file, c in currencies.items())
        raise AssessError(
            f"the journeys are priced in different currencies ({shown}); assess converts no "
            "money: give every journey the same currency"
        )
    return next(iter(currencies.values()), None)


def company_totals(journeys: Sequence[Journey]) -> Totals | None:
    found = [j.appraisal.totals for j in journeys if j.appraisal.totals is not None]
    return combine(found) if found else None


def summed(journeys: Sequence[Journey]) -> dict[str, Any]:
    """The company's summary: each count summed over the journeys, `value` the journeys'
    totals combined (each figure that adds up summed; the payback from the summed build and
    net; null when no journey is sized or priced), and `keep_human` every moment that stays
    human, in every journey."""
    found: dict[str, Any] = {v: 0 for v in (*VERDICTS, UNSCORED)}
    for j in journeys:
        for verdict in (*VERDICTS, UNSCORED):
            found[verdict] += j.summary[verdict]
    company = company_totals(journeys)
    found["value"] = company.as_dict() if company else None
    found["keep_human"] = KeptHuman.total(j.kept for j in journeys).as_dict()
    return found


def journey_of(item: Loaded, judges: list[Judge] | None = None) -> Journey:
    """One journey, assessed; with `judges`, by the judge of its questionnaire among them
    (added if none is), so that journeys with one questionnaire decide each set of answers
    once."""
    judge = None
    if judges is not None:
        same = (j for j in judges if j.questionnaire == item.questionnaire)
        judge = next(same, None)
        if judge is None:
            judge = Judge(item.questionnaire)
            judges.append(judge)
    assessment = assess(item.questionnaire, item.workshop, judge)
    return Journey(item.path, assessment, appraise(assessment), to_dict(assessment)["summary"])


def shared_organisation(journeys: Sequence[Journey]) -> str | None:
    """The organisation every journey that names one names (ignoring case and spacing)."""
    named = [j.assessment.workshop.organisation for j in journeys]
    found = [n for n in named if n]
    if not found or len({identity(n) for n in found}) > 1:
        return None
    return found[0]


def build(
    loaded: Sequence[Loaded],
    cover: Cover,
    locale: str | None = None,
    language_locale: str = "en_GB",
) -> Portfolio:
    """The portfolio of these journeys. `locale`: the one the numbers are written in (--locale);
    without it the first priced journey's, else `language_locale`. A cover without an
    organisation takes the one every journey names."""
    judges: list[Judge] = []
    journeys = [journey_of(item, judges) for item in loaded]
    currency = check_currency(journeys)
    first = next((j.economics.locale for j in journeys if j.economics is not None), None)
    if locale is not None:
        chosen, source = locale, FROM_OPTION
    elif first is not None:
        chosen, source = first, FROM_JOURNEY
    else:
        chosen, source = language_locale, FROM_LANGUAGE
    if cover.organisation is None:
        cover = Cover(cover.title, shared_organisation(journeys), cover.date)
    return Portfolio(tuple(journeys), summed(journeys), currency, chosen, source, cover)


def measured(portfolio: Portfolio) -> list[MeasuredShare]:
    """What the journeys' outcomes measured, per questionnaire and verdict (issue 28)."""
    return measured_shares([(j.title, j.assessment, j.appraisal) for j in portfolio.journeys])
