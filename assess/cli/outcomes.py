"""Recording what a change achieved (issue 28): `assess outcome`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from assess.cli.app import EXISTING_FILE, cli, echo_err, plural, questionnaire_option

if TYPE_CHECKING:
    from assess.team.outcomesheet import Row


@cli.command(short_help="Record what a change achieved: an outcome for a touchpoint.")
@click.argument("workshop", type=EXISTING_FILE)
@click.argument("touchpoint", required=False)
@click.option("--date", "month", metavar="YYYY-MM", help="The month measured, such as 2027-06.")
@click.option("--volume", metavar="N", help="Contacts a month now, all channels.")
@click.option("--handle-minutes", metavar="N", help="Minutes a person spends on one now.")
@click.option(
    "--staffed-share",
    metavar="SHARE",
    help="The share of contacts a person handles now, 0 to 1 (0.25 or 25%).",
)
@click.option("--kpi", metavar="N", help="The KPI measured, in its own unit (38 or 38%).")
@click.option("--note", help='What happened, in a sentence ("Bot live in April").')
@click.option(
    "--from",
    "sheet",
    type=EXISTING_FILE,
    help="A spreadsheet of outcomes (.csv, .xlsx or .ods) with the columns name, date, volume, "
    "handle_minutes, staffed_share, kpi and note, instead of one outcome on the command line.",
)
@questionnaire_option
def outcome(
    workshop: Path,
    touchpoint: str | None,
    month: str | None,
    volume: str | None,
    handle_minutes: str | None,
    staffed_share: str | None,
    kpi: str | None,
    note: str | None,
    sheet: Path | None,
    questionnaire: Path | None,
) -> None:
    """Record an outcome of TOUCHPOINT in WORKSHOP: what was measured in a month once its
    change was live. It is appended to the touchpoint's `outcomes` in the file (comments and
    layout kept), and the report and `assess compare` show the move's plan against actual.

    The month is written YYYY-MM. At least one measure is needed: --volume, --handle-minutes,
    --staffed-share or --kpi. A name that is not a touchpoint of the workshop, a month written
    another way, or a second outcome for the same month is refused and nothing is written.

    \b
    Example:
      assess outcome claims.yaml "Where is my order" --date 2027-06 --volume 41000 --kpi 38
      assess outcome claims.yaml "Where is my order" --date 2027-09 --handle-minutes 5.5 \\
          --staffed-share 25% --note "Bot live in April"
      assess outcome claims.yaml --from outcomes.xlsx
    """
    from assess.errors import UsageProblem

    typed = {
        "date": month,
        "volume": volume,
        "handle_minutes": handle_minutes,
        "staffed_share": staffed_share,
        "kpi": kpi,
        "note": note,
    }
    if sheet is not None:
        if touchpoint is not None or any(v is not None for v in typed.values()):
            raise UsageProblem(
                "--from reads every outcome from the sheet: give no TOUCHPOINT "
                "and no --date, --volume, ... beside it"
            )
        _record(workshop, questionnaire, lambda loaded: _sheet_rows(sheet, loaded))
        return
    if touchpoint is None:
        raise UsageProblem(
            'name the touchpoint: assess outcome WORKSHOP "Where is my order" '
            "--date 2027-06 --volume 41000 (or --from FILE)"
        )
    fields = _typed(typed)
    _record(workshop, questionnaire, lambda loaded: [_one_row(loaded, touchpoint, fields)])


OPTIONS = {
    "date": "--date",
    "volume": "--volume",
    "handle_minutes": "--handle-minutes",
    "staffed_share": "--staffed-share",
    "kpi": "--kpi",
    "note": "--note",
}


def _typed(typed: dict[str, str | None]) -> dict[str, Any]:
    """The options as an outcome's fields, or a usage error naming the option."""
    from assess.errors import UsageProblem
    from assess.plans import MEASURES
    from assess.team.outcomesheet import outcome_fields

    said: list[str] = []

    def problem(key: str, message: str) -> None:
        names = [OPTIONS[k] for k in key.split(", ") if k in OPTIONS] if key != "date" else []
        option = OPTIONS.get(key) or ", ".join(names) or key
        said.append(f"{option}: {message}")

    if not any(typed.get(k) for k in MEASURES):
        raise UsageProblem(
            "give at least one measure: --volume, --handle-minutes, --staffed-share or --kpi"
        )
    fields = outcome_fields(typed, problem)
    if fields is None:
        raise UsageProblem("; ".join(said))
    return fields


def _one_row(loaded: Any, name: str, fields: dict[str, Any]) -> Row:
    from assess.errors import AssessError, UsageProblem
    from assess.team.outcomesheet import (
        Row,
        already_measured,
        find_touchpoint,
        kpi_missing,
        not_found,
    )

    index = find_touchpoint(loaded.workshop, name)
    if index is None:
        raise UsageProblem(f"TOUCHPOINT: {not_found(loaded.workshop, name)}")
    if missing := kpi_missing(loaded.workshop, index, fields):
        raise AssessError(f"{loaded.path}: --kpi: {missing}")
    if already_measured(loaded.workshop, index, fields["date"]):
        shown = loaded.workshop.touchpoints[index].name
        raise AssessError(
            f'{loaded.path}: touchpoint "{shown}" already has an outcome for '
            f"{fields['date']}; edit that one in the file, or give another month"
        )
    return Row(index, fields)


def _sheet_rows(sheet: Path, loaded: Any) -> list[Row]:
    from assess.team.csvimport import csv_records
    from assess.team.outcomesheet import outcome_rows
    from assess.team.sheets import read_sheet

    found = read_sheet(sheet)
    records = found.records if found.records is not None else csv_records(found.text, found.file)
    return outcome_rows(records, found.file, loaded.workshop, found.place)


def _record(workshop: Path, questionnaire: Path | None, rows_of: Any) -> None:
    """Append the outcomes to the workshop file: locked against an `assess run` on it, read
    and checked whole, changed in memory, checked again and written atomically. Nothing is
    written unless every outcome is right."""
    from assess.files import planedit
    from assess.files.loader import check_workshop
    from assess.files.reading import read_text
    from assess.files.storage import WorkshopFile
    from assess.files.yamlio import load_data, load_round_trip

    file = WorkshopFile(workshop, questionnaire)
    file.lock()
    try:
        text = read_text(workshop)
        load_data(text, str(workshop))  # bounded and valid YAML before ruamel builds it
        doc = load_round_trip(text, str(workshop))
        loaded = check_workshop(doc, str(workshop), workshop.parent, questionnaire)
        file.remember()
        rows = rows_of(loaded)
        for row in rows:
            planedit.add_outcome(doc, row.touchpoint, row.fields)
        file.save(doc)
    finally:
        file.unlock()
    names = {loaded.workshop.touchpoints[r.touchpoint].name for r in rows}
    if len(rows) == 1:
        echo_err(
            f'Recorded the outcome of {rows[0].fields["date"]} for "{names.pop()}" in {workshop}.'
        )
    else:
        echo_err(
            f"Recorded {plural(len(rows), 'outcome')} for {plural(len(names), 'touchpoint')} "
            f"in {workshop}."
        )
