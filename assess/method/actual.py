"""Plan against actual (issue 28): what the outcomes recorded for a move measured, against what
the plan said. Pure: a move, its place in the plan and its outcomes in, figures and a status out.

Each move is judged on its latest outcome (the month measured last). Against the touchpoint's
own facts before the change (its baseline):

* staff minutes per contact = ``handle_minutes x staffed_share`` (``staffed_share`` absent: 1);
  an outcome that leaves a fact out keeps the baseline's;
* ``share_of_time = 1 - minutes per contact now / minutes per contact before``: the share of a
  person's time per contact the change took away (negative where it grew), the same measure
  as the share the plan assumed (automate: contacts now handled end to end; assist: time saved
  per contact);
* ``hours_per_year = baseline_hours_per_year x share_of_time``: the hours freed at the
  baseline's volume, so a rise or fall in demand is not counted as the change's doing and the
  figure compares with the range planned. The outcome's own volume is reported beside it.

What is due by the outcome's month: nothing before the move's wave starts, then a growing part
of the plan, month by month, over its wave, and all of it from the month after the wave ends
(``due``, 0 to 1; without a plan's dates, all of it). Hours are on track within the planned
share's low and high times ``due``, behind below and ahead above; the KPI is on track within a
tenth of the planned change (baseline to target) of the part due, behind or ahead beyond it. A
move is behind where any measure is, ahead where every measure is, else on track.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assess.journeys import Touchpoint
from assess.method.plan import Roadmap, Slot
from assess.method.span import PLACES, Span
from assess.method.value import Appraisal, Move
from assess.plans import Outcome, month_number

ON_TRACK, BEHIND, AHEAD = "on-track", "behind", "ahead"
#: How far a KPI may stray from the part of its change due and still be on track: a tenth of
#: the way from the baseline to the target.
KPI_TOLERANCE = 0.1
#: Decimal places of a measured share (a share of 0.125 is 12.5%).
SHARE_PLACES = 3
KEEP_HUMAN = "keep-human"


@dataclass(frozen=True)
class Actual:
    """What a move's latest outcome measured, and how it stands against the plan."""

    date: str
    outcomes: int
    volume_per_month: int | None
    #: Null without a handle time before the change (nothing to measure against).
    share_of_time: float | None
    #: Null without a baseline (volume and handle time), or for a moment that stays human.
    hours_per_year: float | None
    kpi: float | None
    #: (KPI - baseline) / (target - baseline): 1 is the target reached.
    kpi_progress: float | None
    #: The part of the plan due by the outcome's month, 0 to 1.
    due: float
    hours_status: str | None
    kpi_status: str | None
    status: str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "outcomes": self.outcomes,
            "volume_per_month": self.volume_per_month,
            "share_of_time": self.share_of_time,
            "hours_per_year": self.hours_per_year,
            "kpi": self.kpi,
            "kpi_progress": self.kpi_progress,
            "due": self.due,
            "hours_status": self.hours_status,
            "kpi_status": self.kpi_status,
            "status": self.status,
        }


def latest(outcomes: Sequence[Outcome]) -> Outcome | None:
    return max(outcomes, key=lambda o: month_number(o.date), default=None)


def staffed(share: float | None) -> float:
    return 1.0 if share is None else share


def measured_share(tp: Touchpoint, outcome: Outcome) -> float | None:
    """1 - staff minutes per contact now / before; None without a handle time before, or
    where no person handled a contact before (there was no staff time to take away)."""
    if tp.handle_minutes is None:
        return None
    before = tp.handle_minutes * staffed(tp.staffed_share)
    if before <= 0:
        return None
    minutes = tp.handle_minutes if outcome.handle_minutes is None else outcome.handle_minutes
    share = staffed(tp.staffed_share if outcome.staffed_share is None else outcome.staffed_share)
    return round(1 - minutes * share / before, SHARE_PLACES)


def due_by(slot: Slot | None, roadmap: Roadmap, date: str) -> float:
    """The part of the plan due by `date`: 0 until the move's wave starts, then a part for
    every month of it gone by, all of it from the month after the wave."""
    if slot is None or slot.start is None or roadmap.settings is None:
        return 1.0
    months = roadmap.settings.wave_months
    gone = month_number(date) - slot.start
    return round(min(max(gone / months, 0.0), 1.0), SHARE_PLACES)


def _status(value: float, low: float, high: float) -> str:
    if value < low:
        return BEHIND
    return AHEAD if value > high else ON_TRACK


def hours_status(share: float | None, planned: Span | None, due: float) -> str | None:
    if share is None or planned is None:
        return None
    low, high = round(planned.low * due, SHARE_PLACES), round(planned.high * due, SHARE_PLACES)
    return _status(share, low, high)


def kpi_progress(tp: Touchpoint, outcome: Outcome) -> float | None:
    if tp.kpi is None or outcome.kpi is None:
        return None
    change = tp.kpi.target - tp.kpi.baseline
    return round((outcome.kpi - tp.kpi.baseline) / change, SHARE_PLACES)


def overall(statuses: Sequence[str | None]) -> str | None:
    """Behind where any measure is, ahead where every one is, else on track."""
    found = [s for s in statuses if s is not None]
    if not found:
        return None
    if BEHIND in found:
        return BEHIND
    return AHEAD if all(s == AHEAD for s in found) else ON_TRACK


def actual_of(move: Move, slot: Slot | None, roadmap: Roadmap) -> Actual | None:
    """The move against its plan, from its latest outcome; None without outcomes."""
    tp = move.result.touchpoint
    outcome = latest(tp.outcomes)
    if outcome is None:
        return None
    due = due_by(slot, roadmap, outcome.date)
    human = move.result.recommendation == KEEP_HUMAN
    share = None if human else measured_share(tp, outcome)
    value = move.value
    hours = None
    if share is not None and value is not None:
        hours = round(value.baseline_hours_per_year.expected * share, PLACES)
    progress = kpi_progress(tp, outcome)
    by_hours = hours_status(share, value.share_of_time if value else None, due)
    by_kpi = (
        None if progress is None else _status(progress, due - KPI_TOLERANCE, due + KPI_TOLERANCE)
    )
    return Actual(
        date=outcome.date,
        outcomes=len(tp.outcomes),
        volume_per_month=outcome.volume,
        share_of_time=share,
        hours_per_year=hours,
        kpi=outcome.kpi,
        kpi_progress=progress,
        due=due,
        hours_status=by_hours,
        kpi_status=by_kpi,
        status=overall([by_hours, by_kpi]),
    )


@dataclass(frozen=True)
class Tracking:
    """Every move's plan against actual, and what the measured ones mean for the whole plan."""

    actuals: Mapping[str, Actual]
    #: The plan's expected hours a year as planned, and with each move measured in full (due
    #: 1) counted at its measured hours instead; None without a sized move in the plan.
    planned_hours: Span | None
    projected_hours: Span | None

    def of(self, move: Move) -> Actual | None:
        return self.actuals.get(move.result.touchpoint.key)

    def count(self, status: str) -> int:
        return sum(1 for a in self.actuals.values() if a.status == status)

    def as_dict(self) -> dict[str, Any] | None:
        if not self.actuals:
            return None
        return {
            "moves_measured": len(self.actuals),
            ON_TRACK: self.count(ON_TRACK),
            BEHIND: self.count(BEHIND),
            AHEAD: self.count(AHEAD),
            "planned_hours_per_year": self.planned_hours.as_dict() if self.planned_hours else None,
            "projected_hours_per_year": self.projected_hours.as_dict()
            if self.projected_hours
            else None,
        }


def track(appraisal: Appraisal, roadmap: Roadmap) -> Tracking:
    actuals: dict[str, Actual] = {}
    for m in appraisal.moves:
        found = actual_of(m, roadmap.slot(m), roadmap)
        if found is not None:
            actuals[m.result.touchpoint.key] = found
    planned = [m for w in roadmap.waves for m in w.moves if m.value is not None]
    if not planned:
        return Tracking(actuals, None, None)
    spans = []
    for m in planned:
        assert m.value is not None
        measured = actuals.get(m.result.touchpoint.key)
        if measured and measured.hours_per_year is not None and measured.due >= 1:
            spans.append(Span.flat(measured.hours_per_year))
        else:
            spans.append(m.value.hours_per_year)
    return Tracking(
        actuals, Span.total(m.value.hours_per_year for m in planned if m.value), Span.total(spans)
    )
