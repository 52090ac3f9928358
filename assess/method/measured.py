"""What outcomes measured across journeys (issue 28): the share of staff time each verdict's
changes took away, against the share the questionnaire assumes, and a suggested
``business_case.shares`` for the questionnaire's owner. Pure. Nothing here, or anywhere in
assess, changes a questionnaire: the suggestion is for a person to weigh and copy by hand.

Counted: every automate or assist move whose latest outcome measured a share of time (the
touchpoint has a handle time before the change; see :mod:`assess.method.actual`) at a month
when all of its change was due (from the month after its wave; any month without a plan's
dates). Per questionnaire and verdict: how many moves, in how many journeys, the lowest, the
median and the highest share, and the months of the first and last outcome. A share is
suggested where at least :data:`MIN_MOVES` moves were measured; below that the measure is
reported, and nothing is suggested.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assess.economics import Share
from assess.method.actual import SHARE_PLACES, track
from assess.method.plan import schedule
from assess.method.scoring import Assessment
from assess.method.value import Appraisal
from assess.plans import month_number

#: The fewest moves a suggested share rests on.
MIN_MOVES = 3
VERDICTS = ("automate", "assist")


@dataclass(frozen=True)
class Measurement:
    journey: str
    touchpoint: str
    date: str
    share: float


@dataclass(frozen=True)
class MeasuredShare:
    """The shares measured for one verdict of one questionnaire, and what it assumes."""

    questionnaire: str
    version: str
    verdict: str
    assumed: Share
    measurements: tuple[Measurement, ...]

    @property
    def moves(self) -> int:
        return len(self.measurements)

    @property
    def journeys(self) -> int:
        return len({m.journey for m in self.measurements})

    @property
    def low(self) -> float:
        return min(m.share for m in self.measurements)

    @property
    def expected(self) -> float:
        return round(statistics.median(m.share for m in self.measurements), SHARE_PLACES)

    @property
    def high(self) -> float:
        return max(m.share for m in self.measurements)

    @property
    def first(self) -> str:
        return min((m.date for m in self.measurements), key=month_number)

    @property
    def last(self) -> str:
        return max((m.date for m in self.measurements), key=month_number)

    @property
    def suggested(self) -> bool:
        return self.moves >= MIN_MOVES

    def as_dict(self) -> dict[str, Any]:
        return {
            "questionnaire": {"name": self.questionnaire, "version": self.version},
            "verdict": self.verdict,
            "moves": self.moves,
            "journeys": self.journeys,
            "measured": {"low": self.low, "expected": self.expected, "high": self.high},
            "assumed": {
                "low": self.assumed.low,
                "expected": self.assumed.expected,
                "high": self.assumed.high,
            },
            "first": self.first,
            "last": self.last,
            "suggested": self.suggested,
            "outcomes": [
                {"journey": m.journey, "touchpoint": m.touchpoint, "date": m.date, "share": m.share}
                for m in self.measurements
            ],
        }


def _measurements(
    title: str, assessment: Assessment, appraisal: Appraisal
) -> list[tuple[str, Measurement]]:
    tracking = track(appraisal, schedule(appraisal, assessment.workshop))
    found = []
    for move in appraisal.moves:
        verdict = move.result.recommendation
        actual = tracking.of(move)
        if verdict not in VERDICTS or actual is None or actual.share_of_time is None:
            continue
        if actual.due < 1:
            continue
        found.append(
            (
                verdict,
                Measurement(title, move.result.touchpoint.name, actual.date, actual.share_of_time),
            )
        )
    return found


def measured_shares(
    journeys: Sequence[tuple[str, Assessment, Appraisal]],
) -> list[MeasuredShare]:
    """Per questionnaire (in the journeys' order) and verdict, what the outcomes measured."""
    groups: dict[tuple[str, str, str], list[Measurement]] = {}
    assumed: dict[tuple[str, str, str], Share] = {}
    for title, assessment, appraisal in journeys:
        q = assessment.questionnaire
        if q.business_case is None:
            continue
        for verdict, found in _measurements(title, assessment, appraisal):
            key = (q.name, q.version, verdict)
            groups.setdefault(key, []).append(found)
            assumed.setdefault(key, q.business_case.share(verdict))
    order = {v: n for n, v in enumerate(VERDICTS)}
    names = list(dict.fromkeys((k[0], k[1]) for k in groups))
    keys = sorted(groups, key=lambda k: (names.index((k[0], k[1])), order[k[2]]))
    return [MeasuredShare(k[0], k[1], k[2], assumed[k], tuple(groups[k])) for k in keys]


def fragment(shares: Sequence[MeasuredShare], today: str) -> list[dict[str, Any]]:
    """One suggested fragment per questionnaire with a share to suggest: its
    `business_case.shares` for each verdict measured in :data:`MIN_MOVES` moves or more
    (the questionnaire's own `basis`, and as `evidence` what the measure rests on), and under
    `measured` every outcome counted."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for s in shares:
        if not s.suggested:
            continue
        doc = found.setdefault(
            (s.questionnaire, s.version),
            {
                "questionnaire": {"name": s.questionnaire, "version": s.version},
                "business_case": {"shares": {}},
                "measured": {},
            },
        )
        doc["business_case"]["shares"][s.verdict] = {
            "low": s.low,
            "expected": s.expected,
            "high": s.high,
            "basis": s.assumed.basis,
            "evidence": (
                f"Measured in {s.moves} moves across {s.journeys} "
                f"{'journey' if s.journeys == 1 else 'journeys'}, outcomes from {s.first} to "
                f"{s.last} (assess portfolio, {today}): the share of staff time per contact "
                "taken away, against the handle time and staffed share before each change. "
                f"The planning share it replaces: {s.assumed.low:g}, {s.assumed.expected:g}, "
                f"{s.assumed.high:g} ({s.assumed.evidence})"
            ),
        }
        doc["measured"][s.verdict] = {
            "moves": s.moves,
            "journeys": s.journeys,
            "first": s.first,
            "last": s.last,
            "outcomes": [
                {"journey": m.journey, "touchpoint": m.touchpoint, "date": m.date, "share": m.share}
                for m in s.measurements
            ],
        }
    return list(found.values())
