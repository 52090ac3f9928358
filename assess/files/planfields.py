"""The plan and what came back as JSON and CSV (issue 28). Pure: a roadmap and its tracking in,
plain data out. Every key is always there, null (or an empty list) where it does not apply.

Per touchpoint: ``owner``, ``after`` (the names as written), ``kpi`` ({name, unit, baseline,
target}), ``plan_wave`` (the wave in the plan, after capacity and ``after``), ``wave_start`` and
``wave_end`` (``YYYY-MM``, null without a plan's ``start``), ``pushed`` ({from, because}: the
wave its priority gave and why the plan put it later), ``outcomes`` (as recorded) and
``actual`` (see :class:`assess.method.actual.Actual`). The summary's ``plan`` holds the plan's
settings, the decisions due before the first wave and per-wave totals; its ``actual`` how the
measured moves stand.
"""

from __future__ import annotations

from typing import Any

from assess.method.actual import Actual, Tracking, track
from assess.method.plan import Roadmap, Slot, Wave, schedule
from assess.method.scoring import Assessment
from assess.method.span import Span
from assess.method.value import Move, appraise
from assess.plans import month_text


def _span(value: Span | None) -> dict[str, float] | None:
    return None if value is None else value.as_dict()


def plan_fields(move: Move, slot: Slot | None, actual: Actual | None) -> dict[str, Any]:
    """A touchpoint's plan, outcomes and actual, in the JSON's order."""
    tp = move.result.touchpoint
    return {
        "owner": tp.owner,
        "after": list(tp.after),
        "kpi": tp.kpi.model_dump() if tp.kpi else None,
        "plan_wave": slot.wave if slot else None,
        "wave_start": slot.start_text if slot else None,
        "wave_end": slot.end_text if slot else None,
        "pushed": {"from": slot.pushed_from, "because": list(slot.because)}
        if slot and slot.pushed_from is not None
        else None,
        "outcomes": [o.model_dump() for o in tp.outcomes],
        "actual": actual.as_dict() if actual else None,
    }


def _wave(wave: Wave) -> dict[str, Any]:
    return {
        "wave": wave.number,
        "start": None if wave.start is None else month_text(wave.start),
        "end": None if wave.end is None else month_text(wave.end),
        "moves": len(wave.moves),
        "touchpoints": [m.result.touchpoint.name for m in wave.moves],
        "hours_per_year": wave.hours_per_year.as_dict(),
        "fte": wave.fte.as_dict(),
        "cost_per_year": _span(wave.cost_per_year),
        "build_cost": _span(wave.build_cost),
        "net_per_year": _span(wave.net_per_year),
    }


def plan_summary(roadmap: Roadmap) -> dict[str, Any] | None:
    """`summary.plan`: null without the workshop's `plan`."""
    settings = roadmap.settings
    if settings is None:
        return None
    by = roadmap.decide_by
    return {
        "start": settings.start,
        "wave_months": settings.wave_months,
        "capacity": settings.capacity,
        "end": None if roadmap.end is None else month_text(roadmap.end),
        "decide_first": [
            {
                "touchpoint": m.result.touchpoint.name,
                "owner": m.result.touchpoint.owner,
                "by": None if by is None else month_text(by),
            }
            for m in roadmap.decide
        ],
        "waves": [_wave(w) for w in roadmap.waves],
    }


def actual_summary(tracking: Tracking) -> dict[str, Any] | None:
    """`summary.actual`: null where no touchpoint has outcomes."""
    return tracking.as_dict()


def _flat(*keys: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(key, (key,)) for key in keys]


#: A touchpoint's KPI and actual as flat CSV columns: (column, path into the JSON).
Columns = list[tuple[str, tuple[str, ...]]]
KPI_COLUMNS: Columns = [(f"kpi_{key}", (key,)) for key in ("name", "unit", "baseline", "target")]
ACTUAL_COLUMNS: Columns = [
    (f"actual_{key}", (key,))
    for key in ("date", "share_of_time", "hours_per_year", "kpi", "kpi_progress", "due", "status")
]
PUSHED_COLUMNS: Columns = [("pushed_from", ("from",)), ("pushed_because", ("because",))]


def plan_against_actual(assessment: Assessment) -> list[dict[str, Any]]:
    """Every touchpoint with outcomes, its actual beside what was planned: for `assess
    compare`'s JSON (`actual`)."""
    appraisal = appraise(assessment)
    roadmap = schedule(appraisal, assessment.workshop)
    tracking = track(appraisal, roadmap)
    found = []
    for move in appraisal.moves:
        actual = tracking.of(move)
        if actual is None:
            continue
        tp, v = move.result.touchpoint, move.value
        found.append(
            {
                "name": tp.name,
                "recommendation": move.result.recommendation,
                **actual.as_dict(),
                "planned_share_of_time": v.share_of_time.as_dict() if v else None,
                "planned_hours_per_year": v.hours_per_year.as_dict() if v else None,
                "kpi_baseline": tp.kpi.baseline if tp.kpi else None,
                "kpi_target": tp.kpi.target if tp.kpi else None,
            }
        )
    return found
