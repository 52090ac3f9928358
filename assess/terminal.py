"""Rich renderables for the terminal: the results table and verdict panels."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from assess.output import VERDICT_LABELS, VERDICT_MARKS
from assess.scoring import Assessment, Result

VERDICT_STYLES = {
    "automate": "bold blue",
    "assist": "bold yellow",
    "keep-human": "bold magenta",
    "unscored": "dim",
}


def verdict_text(recommendation: str) -> Text:
    return Text(
        f"{VERDICT_MARKS[recommendation]} {VERDICT_LABELS[recommendation]}",
        style=VERDICT_STYLES[recommendation],
    )


def borderline_text(result: Result) -> str:
    # Compact for an 80-column terminal; the report spells it out.
    return "; ".join(
        f"{f.recommendation} if {f.label.lower()} {f.score}" for f in result.borderline
    )


def disagreement_text(result: Result) -> Text:
    return Text(
        "; ".join(f"{c.label.lower()} {c.low}–{c.high}" for c in result.disagreement),
        style="yellow",
    )


def results_table(assessment: Assessment) -> Table:
    table = Table(
        title=assessment.workshop.title,
        title_justify="left",
        expand=False,
        show_lines=False,
        header_style="bold",
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Touchpoint", ratio=3, overflow="fold")
    table.add_column("Stage", ratio=1, overflow="fold")
    table.add_column("Verdict", no_wrap=True)
    table.add_column("Fit", justify="right", no_wrap=True)
    table.add_column("Borderline", ratio=3, overflow="fold")
    voted = any(r.consensus for r in assessment.results)
    if voted:
        table.add_column("Disagrees", ratio=2, overflow="fold")
    for n, r in enumerate(assessment.results, 1):
        row: list[str | Text] = [
            str(n),
            r.touchpoint.name,
            r.touchpoint.stage or "",
            verdict_text(r.recommendation),
            "" if r.fit is None else str(r.fit),
            borderline_text(r),
        ]
        if voted:
            row.append(disagreement_text(r))
        table.add_row(*row)
    return table
