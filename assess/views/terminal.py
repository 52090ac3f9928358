"""Everything `assess` shows in a terminal, as rich renderables built by pure functions.

Text from a workshop or questionnaire is data: it goes into :class:`rich.text.Text` (never
parsed as markup), with control characters and bidi overrides escaped, and every console is
made by :func:`make_console` with markup and emoji codes off.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import IO, Any, Protocol

from rich.console import Console
from rich.style import Style
from rich.table import Table
from rich.text import Text

from assess.files import money
from assess.files.output import VERDICT_LABELS, VERDICT_MARKS, summary_sentence
from assess.i18n import _, current, in_sentence, ngettext
from assess.journeys import JourneyTemplate
from assess.method.scoring import Assessment, Result
from assess.method.value import Appraisal, Move, appraise
from assess.method.words import verdict_word
from assess.team.compare import Comparison, describe_answers
from assess.textsafety import for_terminal

VERDICT_STYLES = {
    "automate": "bold blue",
    "assist": "bold yellow",
    "keep-human": "bold magenta",
    "unscored": "dim",
}
#: Narrower than this, tables cannot be read; a terminal that reports less (COLUMNS=0) gets 80.
MIN_WIDTH = 40
#: A room's screen uses the terminal's width up to this many columns: longer lines are hard to
#: read from the back of a room.
MAX_WIDTH = 120
#: Screens for a projector: "high" has no colours and no dim text (a projector washes out
#: light colours); what was coloured is bold. NO_COLOR in the environment picks it.
CONTRASTS = ("normal", "high")


def default_contrast(environ: Mapping[str, str] | None = None) -> str:
    """High contrast when NO_COLOR is set to anything (https://no-color.org), else normal."""
    return "high" if (os.environ if environ is None else environ).get("NO_COLOR") else "normal"


class HighContrastConsole(Console):
    """A console that draws every style without colour and without dimming: bold where there
    was colour, so a washed-out projector still shows what stands out."""

    def get_style(self, name: str | Style, *, default: Style | str | None = None) -> Style:
        style = super().get_style(name, default=default)
        strong = bool(style.bold or style.color or style.bgcolor)
        return Style(
            bold=strong or None,
            reverse=style.reverse,
            underline=style.underline,
            italic=style.italic,
            link=style.link,
        )


def make_console(
    file: IO[str] | None = None,
    width: int | None = None,
    contrast: str = "normal",
    live: bool = False,
) -> Console:
    """A console for `assess`. `live`: its size is the terminal's as it is now, whatever
    COLUMNS and LINES said when the program started, so a resized terminal is drawn anew."""
    kind = HighContrastConsole if contrast == "high" else Console
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    console = kind(
        file=file or sys.stdout,
        markup=False,
        emoji=False,
        highlight=False,
        width=width,
        no_color=contrast == "high" or None,
        _environ=environ if live else None,
    )
    if console.width < MIN_WIDTH:
        console.width = 80
    return console


def plain(text: str | None, style: str = "") -> Text:
    """User or file text, shown literally and safely."""
    return Text(for_terminal(text or ""), style=style)


def verdict_text(recommendation: str) -> Text:
    return Text(
        f"{VERDICT_MARKS[recommendation]} {_(VERDICT_LABELS[recommendation])}",
        style=VERDICT_STYLES[recommendation],
    )


def borderline_text(result: Result) -> str:
    # Compact for an 80-column terminal; the report spells it out.
    return "; ".join(
        _("%(verdict)s if %(question)s %(score)s")
        % {
            "verdict": verdict_word(f.recommendation),
            "question": in_sentence(f.label),
            "score": f.score,
        }
        for f in result.borderline
    )


def disagreement_text(result: Result) -> Text:
    """The open splits, then those the room settled (said as settled, never as open)."""
    text = Text(
        "; ".join(
            _("%(question)s %(low)s–%(high)s")
            % {"question": in_sentence(c.label), "low": c.low, "high": c.high}
            for c in result.open_splits
        )
    )
    text.stylize("yellow")
    settled = "; ".join(
        _("%(question)s %(low)s–%(high)s settled %(value)s")
        % {"question": in_sentence(c.label), "low": c.low, "high": c.high, "value": c.settled}
        for c in result.settled_splits
    )
    if settled:
        text.append(("; " if text else "") + settled)
    return text


def results_table(assessment: Assessment) -> Table:
    table = Table(
        title=for_terminal(assessment.workshop.title),
        title_justify="left",
        expand=False,
        show_lines=False,
        header_style="bold",
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(_("Touchpoint"), ratio=3, overflow="fold")
    table.add_column(_("Stage"), ratio=1, overflow="fold")
    table.add_column(_("Verdict"), no_wrap=True)
    table.add_column(_("Fit"), justify="right", no_wrap=True)
    table.add_column(_("Borderline"), ratio=3, overflow="fold")
    voted = any(r.consensus for r in assessment.results)
    if voted:
        table.add_column(_("Disagrees"), ratio=2, overflow="fold")
    appraisal = appraise(assessment)
    if appraisal.totals is not None:
        table.add_column(_("Worth a year"), ratio=2, overflow="fold")
    for n, (r, move) in enumerate(zip(assessment.results, appraisal.moves, strict=True), 1):
        row: list[str | Text] = [
            str(n),
            plain(r.touchpoint.name),
            plain(r.touchpoint.stage),
            verdict_text(r.recommendation),
            "" if r.fit is None else str(r.fit),
            borderline_text(r),
        ]
        if voted:
            row.append(disagreement_text(r))
        if appraisal.totals is not None:
            row.append(value_cell(move, appraisal))
        table.add_row(*row)
    return table


def value_cell(move: Move, appraisal: Appraisal) -> str:
    """The expected money a year (hours where nothing is priced) and the wave, in the
    workshop's locale."""
    economics = appraisal.economics
    if appraisal.totals is None or not move.result.scored:
        return ""
    if move.priority == "protect":
        return money.priority("protect")
    if move.value is None:
        return _("size this")
    cost = move.value.cost_per_year
    if economics is not None and cost is not None:
        worth = money.money(cost.expected, economics.currency, economics.locale)
    else:
        hours = money.number(move.value.hours_per_year.expected, current().locale)
        worth = _("%(hours)s h") % {"hours": hours}
    # Narrow for an 80-column projector: the priority's name is in the report and the JSON.
    if not move.wave:
        return worth
    said = {"worth": worth, "wave": move.wave}
    if move.decide_first:
        return _("%(worth)s · decide first, wave %(wave)s") % said
    return _("%(worth)s · wave %(wave)s") % said


def splits_sentence(assessment: Assessment) -> str:
    """'2 splits open; the room settled 3.', or "" where nobody's votes split."""
    open_ = sum(len(r.open_splits) for r in assessment.results)
    settled = sum(len(r.settled_splits) for r in assessment.results)
    if not open_ and not settled:
        return ""
    said = {"open": open_, "settled": settled}
    if settled:
        return (
            ngettext(
                "%(open)s split open; the room settled %(settled)s.",
                "%(open)s splits open; the room settled %(settled)s.",
                open_,
            )
            % said
        )
    return ngettext("%(open)s split open.", "%(open)s splits open.", open_) % said


def _worth_clause(appraisal: Appraisal) -> str:
    """' Worth 12.960 € a year (...), 0,4 FTE; 400 contacts a month stay with people.'"""
    totals, economics = appraisal.totals, appraisal.economics
    if not (totals and totals.sized):
        return ""
    loc = economics.locale if economics else current().locale
    fte = money.number(totals.fte.expected, loc, 1)
    if economics and totals.cost_per_year:
        text = _("Worth %(range)s, %(fte)s FTE") % {
            "range": money.money_range(totals.cost_per_year, economics),
            "fte": fte,
        }
    else:
        hours = money.number(totals.hours_per_year.expected, loc)
        text = _("Frees %(hours)s hours a year, %(fte)s FTE (add economics to price them)") % {
            "hours": hours,
            "fte": fte,
        }
    if totals.protected_per_month:
        kept = round(totals.protected_per_month)
        text += ngettext(
            "; %(n)s contact a month stays with people",
            "; %(n)s contacts a month stay with people",
            kept,
        ) % {"n": money.number(totals.protected_per_month, loc)}
    return " " + text + "."


def summary_line(assessment: Assessment) -> Text:
    text = _("Summary: %(verdicts)s.") % {"verdicts": summary_sentence(assessment.summary)}
    if splits := splits_sentence(assessment):
        text += f" {splits}"
    return Text(text + _worth_clause(appraise(assessment)))


def comparison_table(comparison: Comparison, title: str) -> Table:
    table = Table(title=for_terminal(title), title_justify="left", header_style="bold")
    table.add_column(_("Touchpoint"), ratio=2, overflow="fold")
    table.add_column(_("Was"), no_wrap=True)
    table.add_column(_("Now"), no_wrap=True)
    table.add_column(_("Answers that changed"), ratio=3, overflow="fold")
    for c in (*comparison.moved, *comparison.rescored):
        table.add_row(
            plain(c.name),
            verdict_text(c.old.recommendation),
            verdict_text(c.new.recommendation),
            describe_answers(c),
        )
    for r in comparison.added:
        table.add_row(plain(r.touchpoint.name), _("(new)"), verdict_text(r.recommendation), "")
    for r in comparison.removed:
        table.add_row(plain(r.touchpoint.name), verdict_text(r.recommendation), _("(removed)"), "")
    return table


def comparison_summary(comparison: Comparison) -> Text:
    n = len(comparison.moved)
    text = ngettext(
        "%(n)s verdict moved, %(rescored)s re-scored with the same verdict, %(unchanged)s "
        "unchanged, %(added)s added, %(removed)s removed.",
        "%(n)s verdicts moved, %(rescored)s re-scored with the same verdict, %(unchanged)s "
        "unchanged, %(added)s added, %(removed)s removed.",
        n,
    ) % {
        "n": n,
        "rescored": len(comparison.rescored),
        "unchanged": comparison.unchanged,
        "added": len(comparison.added),
        "removed": len(comparison.removed),
    }
    return Text(for_terminal(text + value_moved(comparison)))


def value_moved(comparison: Comparison) -> str:
    """' Value a year: 1.080.000 € → 1.185.600 €; moved: Refund 0 € → 28.800 €.'"""
    total = comparison.total
    if total is None:
        return ""
    economics = comparison.new.workshop.economics or comparison.old.workshop.economics
    locale = economics.locale if economics else "en_GB"

    def worth(amount: float | None) -> str:
        return _("not priced") if amount is None else money.money(amount, total.currency, locale)

    said = {"old": worth(total.old), "new": worth(total.new)}
    if comparison.values:
        said["moved"] = "; ".join(
            f"{v.name} {worth(v.old)} → {worth(v.new)}" for v in comparison.values
        )
        return "\n" + _("Value a year: %(old)s → %(new)s; moved: %(moved)s.") % said
    return "\n" + _("Value a year: %(old)s → %(new)s.") % said


def journeys_table(templates: Mapping[str, JourneyTemplate]) -> Table:
    """The bundled journeys, each with the name `assess init --journey` takes."""
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=True)
    table.add_column(_("Journey (--journey NAME)"), ratio=3)
    table.add_column(_("Touchpoints"), justify="right", no_wrap=True)
    table.add_column(_("Stages"), ratio=2)
    for key, template in templates.items():
        stages = list(dict.fromkeys(t.stage for t in template.touchpoints if t.stage))
        name = plain(template.name)
        name.append(f" ({key})", style="cyan")
        name.append("\n")
        name.append_text(plain(template.description, style="dim"))
        table.add_row(name, str(len(template.touchpoints)), plain(" → ".join(stages) or "-"))
    return table


class StepLike(Protocol):
    """How far a report's rendering is (:class:`assess.pdf.progress.Step`): `done` of `total`
    units of work, `touchpoints` of `of` laid out."""

    @property
    def done(self) -> float: ...

    @property
    def total(self) -> float: ...

    @property
    def touchpoints(self) -> int: ...

    @property
    def of(self) -> int: ...


class ProgressBar:
    """A progress bar for a long report: the bar moves with the work, page by page, and the
    numbers count the touchpoints laid out; then elapsed and time left. Drawn only when its
    console is a terminal; elsewhere it stays silent and the caller prints one last line."""

    def __init__(self, console: Console, label: str = "Rendering") -> None:
        from rich.progress import (
            BarColumn,
            Progress,
            ProgressColumn,
            Task,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        class Counted(ProgressColumn):
            """Touchpoints laid out of all (the bar itself shows the share of the work)."""

            def render(self, task: Task) -> Text:
                done = task.fields.get("touchpoints", int(task.completed))
                of = task.fields.get("of", int(task.total or 0))
                return Text(f"{done}/{of}")

        # The numbers come first: on a narrower terminal the bar, the words, then the times
        # give way.
        width = console.width
        columns: list[Any] = [
            TextColumn(for_terminal(label)),
            BarColumn(bar_width=40 if width >= 100 else 10),
            Counted(),
        ]
        if width >= 100 or width < 80:
            said = _("touchpoints")
            columns.append(TextColumn(f"{said} ·" if width >= 100 else said))
        if width >= 80:
            columns += [TimeElapsedColumn(), TextColumn(_("· left")), TimeRemainingColumn()]
        self.progress = Progress(
            *columns,
            console=console,
            transient=True,
            disable=not console.is_terminal,
        )
        self.task: Any = None

    def update(self, step: StepLike) -> None:
        """Where the rendering stands now: drawn from the first call on."""
        total = max(step.total, 0.01)
        if self.task is None:
            self.progress.start()
            self.task = self.progress.add_task("render", total=total, touchpoints=0, of=step.of)
        self.progress.update(
            self.task,
            completed=step.done,
            total=total,
            touchpoints=step.touchpoints,
            of=step.of,
        )

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()
