"""Commands for teams that work in spreadsheets rather than a terminal: handout."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess.cli.app import EXISTING_FILE, cli, echo_err, load, plural, questionnaire_option

if TYPE_CHECKING:
    from assess.files.loader import Loaded


@cli.command(short_help="Write a spreadsheet per person to fill in with Excel or LibreOffice.")
@click.argument("workshop", type=EXISTING_FILE)
@click.argument("names", nargs=-1, metavar="[--people NAME...]")
@click.option(
    "--people",
    "people_flag",
    is_flag=True,
    help="The people to write a handout for, one name after another (--people Ana Ben Cy). "
    "[default: the workshop's participants]",
)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="The folder to write the handouts in (made if it is not there).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "csv"]),
    default="xlsx",
    show_default=True,
    help="xlsx: a workbook with drop-downs and help; csv: the same columns as plain text.",
)
@click.option("--force", is_flag=True, help="Replace handouts already in the folder.")
@questionnaire_option
def handout(
    workshop: Path,
    names: tuple[str, ...],
    people_flag: bool,
    out: Path,
    fmt: str,
    force: bool,
    questionnaire: Path | None,
) -> None:
    """Write one spreadsheet per person, to score WORKSHOP's touchpoints alone, without a
    terminal: one row per touchpoint with the import's columns, a drop-down of the anchors on
    every answer cell, the optional questions as drop-downs too, a note beside each question,
    the facts (volume, handle time, staffed share) "if you know", and the questions and
    anchors on a Help sheet and in the headers' notes. Each workbook keeps its person's name
    inside, so a file renamed by e-mail still knows whose it is. Collect the filled files,
    as they come back (.xlsx, .ods or CSV), and merge them into one workshop with everyone's
    votes.

    \b
    Example:
      assess handout claims.yaml --people Ana Ben Cy -o handouts/
      assess merge handouts/* -o claims-team.yaml
      assess report claims-team.yaml
    """
    from assess.errors import UsageProblem

    if names and not people_flag:
        raise UsageProblem(f"put the names after --people: --people {' '.join(names)}")
    loaded = load(workshop, questionnaire)
    people = [n.strip() for name in names for n in name.split(",") if n.strip()]
    people = people or list(loaded.workshop.participants)
    if not people:
        raise UsageProblem(
            "give the people to write a handout for: --people Ana Ben Cy (or list them as "
            "the workshop's participants)"
        )
    _write_handouts(loaded, people, out, fmt, force)


def _write_handouts(loaded: Loaded, people: list[str], out: Path, fmt: str, force: bool) -> None:
    from assess.errors import UsageProblem
    from assess.files.storage import atomic_write, guard_output, make_folder, save_workbook
    from assess.team.handout import check_people, file_stem, handout_book, handout_csv

    clashes = check_people(people)
    if clashes:
        raise UsageProblem(f"--people: {clashes[0]}; give each person a different name")
    targets = [out / f"{file_stem(person)}.{fmt}" for person in people]
    for target in targets:  # every file is checked before any is written
        guard_output(target, (loaded.path,), force=force)
    make_folder(out)
    for person, target in zip(people, targets, strict=True):
        if fmt == "csv":
            atomic_write(target, handout_csv(loaded, person), exclusive=not force)
        else:
            save_workbook(target, handout_book(loaded, person, out), exclusive=not force)
    count = plural(len(loaded.workshop.touchpoints), "touchpoint")
    echo_err(
        f"Wrote {plural(len(people), 'handout')} in {out} ({count} each): "
        f"{', '.join(t.name for t in targets)}."
    )
    echo_err(f"When they come back (as .xlsx, .ods or CSV): assess merge {out}/* -o TEAM.yaml")
