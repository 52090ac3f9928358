"""The plan page (issue 28) and page 2's dated next steps: the roadmap by wave with its months,
each move's owner, KPI and the moves it comes after, why a move waits (capacity, `after`), and
what is decided before the first wave, by whom. Pure: a roadmap in, sentences out, in the
reader's language with months as the workshop's locale writes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assess.economics import Economics
from assess.files.rounded import money_span, number_span
from assess.i18n import N_, _, ngettext
from assess.journeys import Touchpoint, Workshop
from assess.method.actual import Tracking
from assess.method.plan import AFTER, CAPACITY, Roadmap, Slot, Wave
from assess.method.value import Appraisal, Move
from assess.method.words import quoted
from assess.report import actuals
from assess.report.planwords import date_locale, measure, month_name, months_name, number_locale
from assess.report.roadmapstrip import strip

#: Said where a workshop has no plan, as the business case says what numbers would add.
NO_PLAN = N_(
    "A plan would add dates, owners and how you will know each move worked: give the workshop "
    "a plan (start, wave_months, capacity) and each move an owner and a KPI, in the file or in "
    "assess run."
)


def kpi_text(tp: Touchpoint, locale: str) -> str:
    """'Contained share: 0% to 45%'."""
    if tp.kpi is None:
        return ""
    k = tp.kpi
    return _("%(name)s: %(baseline)s to %(target)s") % {
        "name": k.name,
        "baseline": measure(k.baseline, k.unit, locale),
        "target": measure(k.target, k.unit, locale),
    }


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(quoted(n) for n in names)


def waited(slot: Slot) -> str:
    """Why a move is later than its priority's wave, in a few words; empty where it is not."""
    if slot.pushed_from is None:
        return ""
    reasons = {
        CAPACITY: _("the wave was full"),
        AFTER: _("it waits for the moves it comes after"),
    }
    why = "; ".join(reasons[r] for r in slot.because)
    return _("moved from wave %(wave)s: %(why)s") % {"wave": slot.pushed_from, "why": why}


def _names(roadmap: Roadmap, workshop: Workshop, key: str) -> list[str]:
    by_key = {tp.key: tp.name for tp in workshop.touchpoints}
    return [by_key[k] for k in roadmap.after.get(key, ())]


@dataclass(frozen=True)
class PlanRow:
    move: Move
    owner: str
    kpi: str
    after: str
    note: str


@dataclass(frozen=True)
class PlanWave:
    number: int
    dates: str
    total: str
    rows: tuple[PlanRow, ...]


def wave_total(wave: Wave, economics: Economics | None) -> str:
    """'3 moves, 9,000–15,000 hours a year, build €120k–€480k'."""
    loc = number_locale(economics)
    n = len(wave.moves)
    h = wave.hours_per_year
    text = ngettext(
        "%(n)s move, %(hours)s hours a year",
        "%(n)s moves, %(hours)s hours a year",
        n,
    ) % {"n": n, "hours": number_span(h.low, h.high, loc)}
    if economics and wave.build_cost:
        b = wave.build_cost
        text += _(", build %(build)s") % {
            "build": money_span(b.low, b.high, economics.currency, loc)
        }
    return text


def _row(move: Move, roadmap: Roadmap, workshop: Workshop, locale: str) -> PlanRow:
    tp = move.result.touchpoint
    slot = roadmap.slot(move)
    return PlanRow(
        move,
        tp.owner or "",
        kpi_text(tp, locale),
        _quoted(_names(roadmap, workshop, tp.key)),
        waited(slot) if slot else "",
    )


def plan_waves(roadmap: Roadmap, workshop: Workshop, economics: Economics | None) -> list[PlanWave]:
    locale, numbers = date_locale(economics), number_locale(economics)
    found = []
    for w in roadmap.waves:
        dates = months_name(w.start, w.end, locale) if w.start is not None and w.end else ""
        rows = tuple(_row(m, roadmap, workshop, numbers) for m in w.moves)
        found.append(PlanWave(w.number, dates, wave_total(w, economics), rows))
    return found


def decisions(roadmap: Roadmap, why: Mapping[str, str]) -> list[dict[str, Any]]:
    """Each decision before the first wave, with who decides (the move's owner)."""
    return [
        {
            "move": m,
            "owner": m.result.touchpoint.owner or _("no owner named yet"),
            "why": why.get(m.result.touchpoint.key, ""),
        }
        for m in roadmap.decide
    ]


def has_plan(workshop: Workshop) -> bool:
    """Whether the workshop says anything a plan page shows."""
    return workshop.plan is not None or any(
        tp.owner or tp.after or tp.kpi or tp.outcomes for tp in workshop.touchpoints
    )


def intro(roadmap: Roadmap, economics: Economics | None) -> str:
    settings = roadmap.settings
    if settings is None or roadmap.end is None:
        return _(
            "The waves are not dated yet: give the workshop a plan with the month the first "
            "wave starts (its start), and a capacity if the team can run only so many changes "
            "at once."
        )
    locale = date_locale(economics)
    text = ngettext(
        "From %(start)s to %(end)s, in waves of %(n)s month.",
        "From %(start)s to %(end)s, in waves of %(n)s months.",
        settings.wave_months,
    ) % {
        "start": month_name(roadmap.waves[0].start or 0, locale),
        "end": month_name(roadmap.end, locale),
        "n": settings.wave_months,
    }
    if settings.capacity:
        text += " " + ngettext(
            "At most %(n)s change runs in a wave; the most valuable go first, and the rest "
            "wait for the next wave.",
            "At most %(n)s changes run in a wave; the most valuable go first, and the rest "
            "wait for the next wave.",
            settings.capacity,
        ) % {"n": settings.capacity}
    return text


def loose_notes(roadmap: Roadmap, workshop: Workshop) -> list[str]:
    """A planned move after a touchpoint that is not in the plan (kept human, not sized or
    not assessed): the order cannot be kept by dates, so it is said."""
    by_key = {tp.key: tp.name for tp in workshop.touchpoints}
    return [
        _(
            "\u201c%(move)s\u201d comes after \u201c%(other)s\u201d, which is not in the plan "
            "(it has no wave): agree between them when it is done."
        )
        % {"move": by_key[move], "other": by_key[other]}
        for move, other in roadmap.loose
    ]


def plan_page(
    appraisal: Appraisal,
    workshop: Workshop,
    roadmap: Roadmap,
    tracking: Tracking,
    why: Mapping[str, str],
) -> dict[str, Any]:
    """Everything the plan page shows; `shown` False: the one line NO_PLAN instead."""
    economics = appraisal.economics
    if not has_plan(workshop):
        return {"shown": False, "no_plan": _(NO_PLAN)}
    locale = date_locale(economics)
    by = roadmap.decide_by
    return {
        "shown": True,
        "intro": intro(roadmap, economics),
        "strip": strip(roadmap, locale, number_locale(economics)),
        "decide_by": month_name(by, locale) if by is not None and roadmap.decide else "",
        "decide": decisions(roadmap, why),
        "waves": plan_waves(roadmap, workshop, economics),
        "notes": loose_notes(roadmap, workshop),
        "actual": actuals.plan_against_actual(
            appraisal, roadmap, tracking, number_locale(economics), locale
        ),
    }


# --- page 2's next steps, dated -------------------------------------------------------------------


def wave_step(wave: Wave, roadmap: Roadmap, economics: Economics | None) -> str:
    """'Wave 2, May – July 2027: start “A” (Head of Service) and “B”.'"""
    names = [
        quoted(m.result.touchpoint.name)
        + (f" ({m.result.touchpoint.owner})" if m.result.touchpoint.owner else "")
        for m in wave.moves
    ]
    moves = ", ".join(names)
    if wave.start is None or wave.end is None:
        return _("Wave %(n)s: start %(moves)s.") % {"n": wave.number, "moves": moves}
    dates = months_name(wave.start, wave.end, date_locale(economics))
    return _("Wave %(n)s, %(dates)s: start %(moves)s.") % {
        "n": wave.number,
        "dates": dates,
        "moves": moves,
    }


def decide_step(roadmap: Roadmap, economics: Economics | None) -> str | None:
    """The decisions due before the first wave, dated; None without a plan's start."""
    by = roadmap.decide_by
    if by is None or not roadmap.decide:
        return None
    n = len(roadmap.decide)
    return ngettext(
        "Decide first, by %(month)s: settle %(n)s borderline or split verdict with the team "
        "before anything is built.",
        "Decide first, by %(month)s: settle %(n)s borderline or split verdicts with the team "
        "before anything is built.",
        n,
    ) % {"month": month_name(by, date_locale(economics)), "n": n}


def reshaped(roadmap: Roadmap) -> bool:
    """Whether the plan changed the priority's waves (dates, capacity or `after`): then page
    2's steps follow the plan's waves."""
    return roadmap.dated or any(s.pushed_from is not None for s in roadmap.slots.values())
