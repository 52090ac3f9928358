"""Plan against actual in words (issue 28): for each move with outcomes, the hours freed as
measured against the range planned, the KPI against its target, on track, behind or ahead, and
what that means for the rest of the plan. Pure; the report's plan page and `assess compare`'s
table both use it, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assess.files.output import VERDICT_LABELS
from assess.files.rounded import number_about, number_span
from assess.i18n import N_, _, ngettext
from assess.method.actual import AHEAD, BEHIND, ON_TRACK, Actual, Tracking
from assess.method.plan import Roadmap
from assess.method.value import Appraisal, Move
from assess.method.words import quoted
from assess.plans import month_number
from assess.report.planwords import measure, month_name, percent, percent_span

#: Each status as a reader sees it (translated where it is shown).
STATUS_LABELS = {ON_TRACK: N_("On track"), BEHIND: N_("Behind"), AHEAD: N_("Ahead")}


@dataclass(frozen=True)
class ActualRow:
    move: Move
    date: str
    hours: str
    kpi: str
    status: str
    status_label: str
    meaning: str


def hours_text(move: Move, actual: Actual, locale: str) -> str:
    """'19,000 hours a year (77% of staff time); planned 16,000–38,000 (30–70%)'."""
    v = move.value
    if actual.share_of_time is None or v is None:
        return ""
    s, h = v.share_of_time, v.hours_per_year
    measured = _("%(share)s of staff time") % {"share": percent(actual.share_of_time, locale)}
    planned = percent_span(s.low, s.high, locale)
    if actual.hours_per_year is None:
        return _("%(measured)s; planned %(planned)s") % {"measured": measured, "planned": planned}
    return _("%(hours)s hours a year (%(measured)s); planned %(range)s (%(planned)s)") % {
        "hours": number_about(actual.hours_per_year, locale),
        "measured": measured,
        "range": number_span(h.low, h.high, locale),
        "planned": planned,
    }


def kpi_line(move: Move, actual: Actual, locale: str) -> str:
    """'38% against a target of 45% (from 0%): 84% of the way'."""
    k = move.result.touchpoint.kpi
    if k is None or actual.kpi is None or actual.kpi_progress is None:
        return ""
    return _("%(kpi)s against a target of %(target)s (from %(baseline)s): %(way)s of the way") % {
        "kpi": measure(actual.kpi, k.unit, locale),
        "target": measure(k.target, k.unit, locale),
        "baseline": measure(k.baseline, k.unit, locale),
        "way": percent(actual.kpi_progress, locale),
    }


def _behind(actual: Actual) -> str:
    """Which measure is behind."""
    hours, kpi = actual.hours_status == BEHIND, actual.kpi_status == BEHIND
    if hours and kpi:
        return _("Behind on the hours it frees and on its KPI")
    return _("Behind on the hours it frees") if hours else _("Behind on its KPI")


def meaning(move: Move, actual: Actual, followers: Sequence[str], locale: str) -> str:
    """What the measure means for the rest of the plan, in a sentence."""
    due = ""
    if actual.due < 1:
        due = _("Measured before its wave ended: %(due)s of the change was due.") % {
            "due": percent(actual.due, locale)
        }
        due += " "
    after = ", ".join(quoted(name) for name in followers)
    if actual.status == BEHIND:
        text = _behind(actual) + _(": find out why before building on it")
        if after:
            text += _("; %(moves)s come after it") % {"moves": after}
        return due + text + "."
    if actual.status == AHEAD:
        text = _("Ahead of plan")
        if after:
            text += _("; %(moves)s, which come after it, could start sooner") % {"moves": after}
        return due + text + "."
    return due + _("As planned.")


def _followers(move: Move, roadmap: Roadmap, names: dict[str, str]) -> list[str]:
    key = move.result.touchpoint.key
    return [names[k] for k, before in roadmap.after.items() if key in before]


def rows(
    appraisal: Appraisal, roadmap: Roadmap, tracking: Tracking, locale: str, dates: str
) -> list[ActualRow]:
    """Each move with outcomes: numbers in `locale`, months in `dates`."""
    names = {m.result.touchpoint.key: m.result.touchpoint.name for m in appraisal.moves}
    found = []
    for m in appraisal.moves:
        a = tracking.of(m)
        if a is None:
            continue
        found.append(
            ActualRow(
                m,
                month_name(month_number(a.date), dates),
                hours_text(m, a, locale),
                kpi_line(m, a, locale),
                a.status or "",
                _(STATUS_LABELS[a.status]) if a.status else _("Not measurable yet"),
                meaning(m, a, _followers(m, roadmap, names), locale),
            )
        )
    return found


def summary(appraisal: Appraisal, tracking: Tracking, locale: str) -> list[str]:
    """How the measured moves stand, and the plan's hours with what was measured in place of
    what was planned."""
    n = len(tracking.actuals)
    if not n:
        return []
    found = [
        ngettext(
            "%(n)s move measured: %(on)s on track, %(behind)s behind, %(ahead)s ahead.",
            "%(n)s moves measured: %(on)s on track, %(behind)s behind, %(ahead)s ahead.",
            n,
        )
        % {
            "n": n,
            "on": tracking.count(ON_TRACK),
            "behind": tracking.count(BEHIND),
            "ahead": tracking.count(AHEAD),
        }
    ]
    planned, projected = tracking.planned_hours, tracking.projected_hours
    if planned and projected and projected != planned:
        found.append(
            _(
                "With the hours measured in place of those planned, the plan frees "
                "%(projected)s hours a year (planned %(planned)s)."
            )
            % {
                "projected": number_span(projected.low, projected.high, locale),
                "planned": number_span(planned.low, planned.high, locale),
            }
        )
    found += same_share(appraisal, tracking, locale)
    return found


def same_share(appraisal: Appraisal, tracking: Tracking, locale: str) -> list[str]:
    """Moves still to come that rest on the planning share a measured move of their verdict
    has already tested."""
    found = []
    for verdict in ("automate", "assist"):
        measured = [
            a.share_of_time
            for m in appraisal.moves
            if m.result.recommendation == verdict
            and (a := tracking.of(m)) is not None
            and a.share_of_time is not None
            and a.due >= 1
        ]
        waiting = [
            m
            for m in appraisal.moves
            if m.result.recommendation == verdict
            and m.wave is not None
            and m.value is not None
            and m.value.share_basis is None
            and tracking.of(m) is None
        ]
        if not measured or not waiting or appraisal.case is None:
            continue
        share = appraisal.case.share(verdict)
        found.append(
            ngettext(
                "%(verdict)s: %(n)s move still to come rests on the planning share "
                "(%(planned)s); measured so far: %(measured)s.",
                "%(verdict)s: %(n)s moves still to come rest on the planning share "
                "(%(planned)s); measured so far: %(measured)s.",
                len(waiting),
            )
            % {
                "n": len(waiting),
                "verdict": _(VERDICT_LABELS[verdict]),
                "planned": percent_span(share.low, share.high, locale),
                "measured": percent_span(min(measured), max(measured), locale),
            }
        )
    return found


def plan_against_actual(
    appraisal: Appraisal, roadmap: Roadmap, tracking: Tracking, locale: str, dates: str
) -> dict[str, Any]:
    return {
        "rows": rows(appraisal, roadmap, tracking, locale, dates),
        "summary": summary(appraisal, tracking, locale),
    }
