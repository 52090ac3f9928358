"""Plan against actual in the terminal (issue 28): `assess compare` shows, for each move of the
newer assessment with outcomes, the hours freed against the range planned, the KPI against its
target and whether it is on track, behind or ahead, then what it means for the rest of the
plan. Pure: rich renderables from the report's own words (:mod:`assess.report.actuals`)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from assess.i18n import _
from assess.method.actual import AHEAD, BEHIND, track
from assess.method.plan import schedule
from assess.method.scoring import Assessment
from assess.method.value import appraise
from assess.report import actuals
from assess.report.planwords import date_locale, number_locale
from assess.textsafety import for_terminal

STATUS_STYLES = {BEHIND: "bold red", AHEAD: "bold green"}


def actual_view(assessment: Assessment) -> tuple[Table | None, list[Text]]:
    """The table of moves with outcomes and the sentences under it; (None, []) without any."""
    appraisal = appraise(assessment)
    roadmap = schedule(appraisal, assessment.workshop)
    tracking = track(appraisal, roadmap)
    economics = appraisal.economics
    rows = actuals.rows(
        appraisal, roadmap, tracking, number_locale(economics), date_locale(economics)
    )
    if not rows:
        return None, []
    table = Table(
        title=for_terminal(_("Plan against actual")), title_justify="left", header_style="bold"
    )
    table.add_column(_("Move"), ratio=2, overflow="fold")
    table.add_column(_("Measured"), no_wrap=True)
    table.add_column(_("Hours freed, against the plan"), ratio=3, overflow="fold")
    table.add_column(_("KPI against target"), ratio=2, overflow="fold")
    table.add_column(_("Status"), no_wrap=True)
    for row in rows:
        table.add_row(
            Text(for_terminal(row.move.result.touchpoint.name)),
            Text(for_terminal(row.date)),
            Text(for_terminal(row.hours)),
            Text(for_terminal(row.kpi)),
            Text(for_terminal(row.status_label), style=STATUS_STYLES.get(row.status, "")),
        )
    said = [Text(for_terminal(f"{row.move.result.touchpoint.name}: {row.meaning}")) for row in rows]
    summary = actuals.summary(appraisal, tracking, number_locale(economics))
    return table, [*said, *(Text(for_terminal(s)) for s in summary)]
