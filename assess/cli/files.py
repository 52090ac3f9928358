"""Commands that check and create workshop files: validate, merge, import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess.cli.app import (
    EXISTING_FILE,
    OUTPUT_FILE,
    cli,
    echo,
    echo_err,
    load,
    output_format,
    plural,
    questionnaire_option,
)

if TYPE_CHECKING:
    from assess.views.listing import Checked


@cli.command(short_help="Check workshop, questionnaire, brand and journey files.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@questionnaire_option
def validate(files: tuple[Path, ...], questionnaire: Path | None) -> None:
    """Check workshop, questionnaire, brand and journey template files and list every problem.

    Exits 0 when every file is valid, 1 otherwise. Each file's kind is told from its keys. For
    a questionnaire it also tries every combination of answers and warns about rules that
    never fire or never change a verdict.

    \b
    Example:
      assess validate journey.yaml
      assess validate questionnaires/*.yaml questionnaires/journeys/*.yaml
    """
    from assess.views.listing import listing

    checked = [_check(path, questionnaire) for path in files]
    for line in listing(checked):
        (echo_err if line.error else echo)(line.text)
    failed = sum(1 for c in checked if not c.ok)
    if failed:
        raise click.ClickException(f"{failed} of {plural(len(files), 'file')} had problems")


def _check(path: Path, questionnaire: Path | None) -> Checked:
    from assess.errors import AssessError, InputError
    from assess.files.validation import validate_file
    from assess.views.listing import Checked

    try:
        found = validate_file(path, questionnaire)
    except InputError as exc:
        return Checked(str(path), problems=tuple(exc.problems))
    except AssessError as exc:  # these messages already name the file
        return Checked(str(path), error=str(exc))
    return Checked(str(path), found.what, found.warnings)


FORCE = click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
#: What a workshop file may be called.
WORKSHOP_FORMATS = {".yaml": "yaml", ".yml": "yaml"}


@cli.command(short_help="Merge self-assessments into a team workshop with votes.")
@click.argument("files", nargs=-1, required=True, type=EXISTING_FILE)
@click.option(
    "-o", "--output", "out", type=OUTPUT_FILE, required=True, help="The team workshop to write."
)
@FORCE
@questionnaire_option
def merge(files: tuple[Path, ...], out: Path, force: bool, questionnaire: Path | None) -> None:
    """Merge individual self-assessments of one journey into a team workshop with votes.

    The files may be workshops (YAML), filled handouts (.xlsx or .ods from Excel or
    LibreOffice, see `assess handout`) or CSV. Each file's person is the one its handout names
    (a renamed workbook still knows), else its single `participants` entry, else the file's
    name; the participants keep the order of the files. Touchpoints are matched by a handout's
    hidden ref, else by id, else by name (ignoring case and surrounding spaces). Each person's
    scores and optional answers become their votes: the team's consensus (the median) decides
    a score until the room settles it; an optional answer everyone gave is the answer, and a
    split is left for the room. The economics, plan, owners, KPIs, business cases, outcomes,
    actions and parked questions are kept: the first file that gives one wins, and the notes
    name the files that disagree. The inputs never change, and an existing OUTPUT is kept
    unless --force.

    \b
    Example:
      assess merge ana.yaml ben.yaml cy.yaml -o team.yaml
      assess merge handouts/* -o team.yaml
      assess score team.yaml
    """
    from assess.errors import UsageProblem
    from assess.files.storage import guard_output, save_workshop
    from assess.team.merge import merge as merge_files
    from assess.team.sheets import is_sheet, load_sheet, returned_workshop

    if len(files) < 2:
        raise UsageProblem("give at least two files to merge")
    output_format(out, None, WORKSHOP_FORMATS, "yaml")
    guard_output(out, files, force=force)
    merged = merge_files(
        [
            load_sheet(p, questionnaire)
            if is_sheet(p)
            else returned_workshop(load(p, questionnaire))
            for p in files
        ],
        out.parent,
    )
    save_workshop(
        out,
        merged.document,
        exclusive=not force,
        questionnaire=questionnaire or merged.questionnaire,
    )
    for line in merged.report:
        echo_err(f"Note: {line}")
    count = len(merged.document["touchpoints"])
    people = ", ".join(merged.people)
    echo_err(f"Wrote {out}: {plural(count, 'touchpoint')} with votes from {people}.")


@cli.command(name="import", short_help="Create a workshop from a spreadsheet (CSV, .xlsx or .ods).")
@click.argument("sheet_file", metavar="FILE.csv|FILE.xlsx|FILE.ods", type=EXISTING_FILE)
@click.option(
    "-o", "--output", "out", type=OUTPUT_FILE, required=True, help="The workshop to write."
)
@click.option(
    "--title", help="The workshop's title. [default: the handout's workshop, else the file's name]"
)
@click.option(
    "--questionnaire",
    metavar="NAME",
    default="default",
    show_default=True,
    help="The questionnaire the workshop names: a bundled one by name, or a file in OUTPUT's "
    "folder (or below it), as a workshop may only name one there.",
)
@click.option(
    "--sheet",
    metavar="NAME",
    help="The workbook's sheet to read. [default: the sheet named Touchpoints, else the first "
    "whose first row has 'name']",
)
@FORCE
def import_sheet(
    sheet_file: Path,
    out: Path,
    title: str | None,
    questionnaire: str,
    sheet: str | None,
    force: bool,
) -> None:
    """Create a workshop from a spreadsheet of touchpoints: a CSV, an Excel workbook or a
    LibreOffice spreadsheet.

    Columns: name (required), id, stage, channel, description, notes, the facts (volume,
    handle_minutes, staffed_share), the dimension ids (complexity, scale, emotional_stakes,
    tech_barrier) and the optional questions' ids (consequence, ...), each with a note
    ("complexity note"); headers match ignoring case, spacing and a remark in brackets. An
    answer is a number or a drop-down's label ("3 - Some judgement"); a blank one is not yet
    answered. CSV: comma, semicolon or tab separated, UTF-8 with or without a BOM, as
    spreadsheets save them. Workbook (.xlsx, .ods): the sheet named Touchpoints, else the
    first whose first row has 'name', or --sheet; a formula is refused, naming its cell, and
    workbooks with macros are refused. Cells are kept as text (an id 007 stays 007); control
    characters are removed with a note.

    \b
    Example:
      assess import touchpoints.csv -o journey.yaml --title "Claims journey"
      assess import touchpoints.ods --sheet Journey -o journey.yaml
      assess run journey.yaml
    """
    from assess.files.loader import resolve_questionnaire
    from assess.files.storage import guard_output, save_workshop
    from assess.team.csvimport import workshop_from_rows
    from assess.team.sheets import made_title, read_sheet, title_of, touchpoints_of

    output_format(out, None, WORKSHOP_FORMATS, "yaml")
    guard_output(out, (sheet_file,), force=force)
    found = read_sheet(sheet_file, sheet)
    q = resolve_questionnaire(questionnaire, out.parent)
    imported = touchpoints_of(found, q)
    name = title or title_of(sheet_file, found, imported) or made_title(sheet_file)
    doc = workshop_from_rows(name, questionnaire, imported.rows, q.dimension_ids)
    save_workshop(out, doc, exclusive=not force)
    for line in imported.notes:
        echo_err(f"Note: {line}")
    scored = sum(1 for r in imported.rows if len(r.get("scores", {})) == len(q.dimensions))
    echo_err(f"Wrote {out}: {plural(len(imported.rows), 'touchpoint')}, {scored} fully scored.")
