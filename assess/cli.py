"""The command line: parses options, calls the core, prints. Heavy libraries are imported
inside the commands so that `assess --help` starts as fast as click itself."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from assess import __version__

if TYPE_CHECKING:
    from assess.compare import Comparison
    from assess.loader import Loaded
    from assess.scoring import Assessment

F = TypeVar("F", bound=Callable[..., Any])

EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
OUTPUT_FILE = click.Path(dir_okay=False, path_type=Path)


def handle_errors(command: F) -> F:
    """The one error boundary: errors the user can fix become one clear message and exit 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from assess.errors import AssessError, InputError

        try:
            return command(*args, **kwargs)
        except InputError as exc:
            problems = exc.problems
            if len(problems) == 1:
                raise click.ClickException(str(problems[0])) from None
            files = sorted({p.file for p in problems})
            lines = "\n".join(f"  {p}" for p in problems)
            raise click.ClickException(
                f"{len(problems)} problems in {', '.join(files)}:\n{lines}"
            ) from None
        except AssessError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper  # type: ignore[return-value]


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


class _InOrder(click.Group):
    """Lists commands in the order a team meets them, not alphabetically."""

    ORDER = ("demo", "run", "journeys", "score", "report", "validate", "import", "merge", "compare")

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.commands, key=lambda n: self.ORDER.index(n) if n in self.ORDER else 99)


@click.group(
    cls=_InOrder, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, "-V", "--version", prog_name="assess")
def cli() -> None:
    """Decide, touchpoint by touchpoint: automate, assist, or keep it human.

    Start with `assess demo` for an example report, then `assess run journey.yaml`
    to walk a room through your own journey.
    """


def _load(path: Path) -> Loaded:
    from assess.loader import load_workshop

    return load_workshop(path)


def _assess(loaded: Loaded) -> Assessment:
    from assess.scoring import assess

    return assess(loaded.questionnaire, loaded.workshop)


@cli.command(short_help="Print the verdict for every touchpoint.")
@click.argument("workshop", type=EXISTING_FILE)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="table for people, json for programs, csv for spreadsheets.",
)
@handle_errors
def score(workshop: Path, fmt: str) -> None:
    """Score every touchpoint of WORKSHOP and print the verdicts.

    \b
    Example:
      assess score journey.yaml
      assess score journey.yaml --format json > results.json
      assess score journey.yaml --format csv > results.csv
    """
    assessment = _assess(_load(workshop))
    from assess import output

    if fmt == "json":
        click.echo(output.to_json(assessment), nl=False)
    elif fmt == "csv":
        click.echo(output.to_csv(assessment), nl=False)
    else:
        from rich.console import Console

        from assess.terminal import results_table

        console = Console(highlight=False)
        if not assessment.results:
            click.echo(
                f"{workshop} has no touchpoints yet: add them with `assess run {workshop}`, "
                "by hand, or with `assess import`."
            )
            return
        console.print(results_table(assessment))
        console.print(f"Summary: {output.summary_sentence(assessment.summary)}.")


def _write_report(
    assessment: Assessment, out: Path, fmt: str, comparison: Comparison | None = None
) -> None:
    import dataclasses

    from assess.report import Renderer, plan_parts
    from assess.storage import atomic_write

    n = len(assessment.results)
    renderer = Renderer(assessment, comparison=comparison)
    if fmt == "html":
        atomic_write(out, renderer.html())
        _echo_err(f"Wrote {out} (HTML, {n} touchpoint{'s' if n != 1 else ''}).")
        return
    if n > 50:
        _echo_err(f"Rendering {n} touchpoints to PDF...")
    from assess.pdf import render_pdf_parts

    parts = plan_parts(assessment)

    def make_html(index: int, first_page: int) -> str:
        return renderer.html(dataclasses.replace(parts[index], first_page=first_page))

    pdf, pages = render_pdf_parts(make_html, len(parts))
    atomic_write(out, pdf)
    _echo_err(f"Wrote {out} ({pages} pages, {n} touchpoint{'s' if n != 1 else ''}).")


def _format_for(out: Path | None, fmt: str | None) -> str:
    if fmt:
        return fmt
    return "html" if out is not None and out.suffix.lower() in (".html", ".htm") else "pdf"


@cli.command(short_help="Write the leadership report (PDF or HTML).")
@click.argument("workshop", type=EXISTING_FILE)
@click.option(
    "-o",
    "--output",
    "out",
    type=OUTPUT_FILE,
    help="Where to write the report. [default: beside WORKSHOP, same name]",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["pdf", "html"]),
    help="pdf for print, html for one self-contained web page. [default: from -o, else pdf]",
)
@click.option(
    "--compare",
    "previous",
    type=EXISTING_FILE,
    help="An earlier assessment of the same journey: adds a 'since last time' page.",
)
@handle_errors
def report(workshop: Path, out: Path | None, fmt: str | None, previous: Path | None) -> None:
    """Write the leadership report for WORKSHOP as a PDF (or HTML).

    \b
    Example:
      assess report journey.yaml                 # writes journey.pdf beside it
      assess report journey.yaml -o board.pdf
      assess report journey.yaml --format html   # writes journey.html
      assess report journey.yaml --compare journey-last-year.yaml
    """
    fmt = _format_for(out, fmt)
    target = out or workshop.with_suffix(f".{fmt}")
    comparison = None
    assessment = _assess(_load(workshop))
    if previous is not None:
        from assess.compare import compare

        comparison = compare(_assess(_load(previous)), assessment)
    _write_report(assessment, target, fmt, comparison)


@cli.command(short_help="Write a report for a built-in example journey.")
@click.option(
    "-o",
    "--output",
    "out",
    type=OUTPUT_FILE,
    default=Path("assess-demo.pdf"),
    show_default=True,
    help="Where to write the example report (.pdf or .html).",
)
@handle_errors
def demo(out: Path) -> None:
    """Write a report for a built-in example journey, no questions asked.

    The example is an online pharmacy's order journey: 17 touchpoints from product search
    to repeat prescriptions, with every kind of verdict.

    \b
    Example:
      assess demo
      assess demo -o /tmp/example.pdf
    """
    from assess.loader import load_demo

    _write_report(_assess(load_demo()), out, _format_for(out, None))


@cli.command(short_help="Check workshop and questionnaire files.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@handle_errors
def validate(files: tuple[Path, ...]) -> None:
    """Check workshop and questionnaire files and list every problem.

    Exits 0 when every file is valid, 1 otherwise.

    \b
    Example:
      assess validate journey.yaml
      assess validate questionnaires/*.yaml
    """
    from assess.errors import AssessError, InputError
    from assess.loader import validate_file

    failed = 0
    for path in files:
        try:
            what = validate_file(path)
        except InputError as exc:
            failed += 1
            n = len(exc.problems)
            _echo_err(f"{path}: {n} problem{'s' if n != 1 else ''}")
            for problem in exc.problems:
                _echo_err(f"  {problem}")
        except AssessError as exc:  # these messages already name the file
            failed += 1
            _echo_err(str(exc))
        else:
            click.echo(f"{path}: ok ({what})")
    if failed:
        raise click.ClickException(
            f"{failed} of {len(files)} file{'s' if len(files) != 1 else ''} had problems"
        )


def _refuse_overwrite(out: Path, force: bool, inputs: tuple[Path, ...] = ()) -> None:
    if any(out.resolve() == p.resolve() for p in inputs):
        raise click.UsageError(f"-o {out} is one of the inputs; inputs are never changed")
    if out.exists() and not force:
        raise click.ClickException(f"{out} already exists; choose another -o or add --force")


@cli.command(short_help="Merge self-assessments into a team workshop with votes.")
@click.argument("files", nargs=-1, required=True, type=EXISTING_FILE)
@click.option(
    "-o", "--output", "out", type=OUTPUT_FILE, required=True, help="The team workshop to write."
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@handle_errors
def merge(files: tuple[Path, ...], out: Path, force: bool) -> None:
    """Merge individual self-assessments of one journey into a team workshop with votes.

    Each file's person is its single `participants` entry, else the file's name. Touchpoints
    are matched by id, else by name; each person's scores become their votes, and the team's
    consensus (the median) decides until the room settles a score. The inputs never change.

    \b
    Example:
      assess merge ana.yaml ben.yaml cy.yaml -o team.yaml
      assess score team.yaml
    """
    if len(files) < 2:
        raise click.UsageError("give at least two files to merge")
    _refuse_overwrite(out, force, files)
    from assess.storage import save_workshop
    from assess.teamwork import merge as merge_files

    merged = merge_files([_load(path) for path in files])
    save_workshop(out, merged.document)
    for line in merged.report:
        _echo_err(f"Note: {line}")
    count = len(merged.document["touchpoints"])
    _echo_err(f"Wrote {out}: {count} touchpoints with votes from {', '.join(merged.people)}.")


@cli.command(name="import", short_help="Create a workshop from a CSV of touchpoints.")
@click.argument("csv_file", metavar="FILE.csv", type=EXISTING_FILE)
@click.option(
    "-o", "--output", "out", type=OUTPUT_FILE, required=True, help="The workshop to write."
)
@click.option("--title", help="The workshop's title. [default: from the CSV file's name]")
@click.option(
    "--questionnaire",
    default="default",
    show_default=True,
    help="A bundled questionnaire, or a path relative to OUTPUT.",
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@handle_errors
def import_csv(
    csv_file: Path, out: Path, title: str | None, questionnaire: str, force: bool
) -> None:
    """Create a workshop from a spreadsheet of touchpoints (CSV).

    Columns: name (required), id, stage, channel, description, notes, and the dimension ids
    (complexity, scale, emotional_stakes, tech_barrier); a blank score is not yet scored.
    Comma or semicolon separated, UTF-8 with or without a BOM, as spreadsheets save them.

    \b
    Example:
      assess import touchpoints.csv -o journey.yaml --title "Claims journey"
      assess run journey.yaml
    """
    _refuse_overwrite(out, force, (csv_file,))
    from assess.errors import InputError, Problem
    from assess.loader import resolve_questionnaire
    from assess.storage import save_workshop
    from assess.teamwork import parse_csv, workshop_from_rows

    try:
        text = csv_file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            [Problem(str(csv_file), "is not UTF-8 text; save it as 'CSV UTF-8'")]
        ) from None
    q = resolve_questionnaire(questionnaire, out.parent)
    rows = parse_csv(text, str(csv_file), q)
    name = title or csv_file.stem.replace("_", " ").replace("-", " ").strip().capitalize()
    doc = workshop_from_rows(name, questionnaire, rows, q.dimension_ids)
    save_workshop(out, doc)
    scored = sum(1 for r in rows if len(r.get("scores", {})) == len(q.dimensions))
    _echo_err(f"Wrote {out}: {len(rows)} touchpoints, {scored} fully scored.")


@cli.command(name="compare", short_help="Compare two assessments: what moved, and why.")
@click.argument("old", type=EXISTING_FILE)
@click.argument("new", type=EXISTING_FILE)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@handle_errors
def compare_cmd(old: Path, new: Path, fmt: str) -> None:
    """Show what changed between two assessments of a journey: verdicts that moved and the
    answers that moved them, touchpoints added and removed.

    \b
    Example:
      assess compare journey-2025.yaml journey-2026.yaml
      assess report journey-2026.yaml --compare journey-2025.yaml
    """
    from assess.compare import compare, describe_answers, to_dict

    comparison = compare(_assess(_load(old)), _assess(_load(new)))
    if fmt == "json":
        import json

        click.echo(json.dumps(to_dict(comparison), indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    from assess.terminal import verdict_text

    console = Console(highlight=False)
    table = Table(title=f"Since {old.name}", title_justify="left", header_style="bold")
    table.add_column("Touchpoint", ratio=2, overflow="fold")
    table.add_column("Was", no_wrap=True)
    table.add_column("Now", no_wrap=True)
    table.add_column("Answers that changed", ratio=3, overflow="fold")
    for c in (*comparison.moved, *comparison.rescored):
        table.add_row(
            c.name,
            verdict_text(c.old.recommendation),
            verdict_text(c.new.recommendation),
            describe_answers(c),
        )
    for r in comparison.added:
        table.add_row(r.touchpoint.name, "(new)", verdict_text(r.recommendation), "")
    for r in comparison.removed:
        table.add_row(r.touchpoint.name, verdict_text(r.recommendation), "(removed)", "")
    if table.row_count:
        console.print(table)
    n = len(comparison.moved)
    click.echo(
        f"{n} verdict{'s' if n != 1 else ''} moved, {len(comparison.rescored)} re-scored with the "
        f"same verdict, {comparison.unchanged} unchanged, {len(comparison.added)} added, "
        f"{len(comparison.removed)} removed."
    )


NEEDS_TERMINAL = """assess run asks questions, so it needs an interactive terminal, and this \
is not one (input comes from a pipe, a file or CI). Nothing was written.
Without a terminal:
  - edit the workshop YAML by hand (see README), then check it with: assess validate FILE
  - import touchpoints from a spreadsheet: assess import FILE.csv -o WORKSHOP.yaml
  - print the verdicts: assess score WORKSHOP.yaml
  - write the report:   assess report WORKSHOP.yaml"""


@cli.command(short_help="Walk a room through every touchpoint (interactive).")
@click.argument("workshop", type=OUTPUT_FILE)
@handle_errors
def run(workshop: Path) -> None:
    """Walk a room through every touchpoint of WORKSHOP, saving each answer at once.

    On a new file it asks for the title, participants, questionnaire and a starting journey.
    On an existing one it says how far the workshop got and goes straight to the first
    unanswered question. Ctrl-C stops at any time; nothing answered is lost.

    \b
    Example:
      assess run pharmacy-journey.yaml
    """
    if not sys.stdin.isatty():
        raise click.ClickException(NEEDS_TERMINAL)
    from rich.console import Console

    from assess.prompts import TerminalPrompter
    from assess.session import Session

    existed = workshop.exists()
    session = Session(
        workshop,
        TerminalPrompter(),
        Console(highlight=False),
        lambda assessment, out: _write_report(assessment, out, "pdf"),
    )
    try:
        session.run()
    except (KeyboardInterrupt, EOFError):
        if workshop.exists():
            _echo_err(f"\nSaved. Resume with: assess run {workshop}")
        elif not existed:
            _echo_err("\nStopped before anything was saved.")
        sys.exit(130)


@cli.command(short_help="List the journey templates a workshop can start from.")
@handle_errors
def journeys() -> None:
    """List the bundled journey templates that `assess run` can start from.

    \b
    Example:
      assess journeys
    """
    from rich.console import Console
    from rich.table import Table

    from assess.loader import journey_templates

    table = Table(show_header=True, header_style="bold", expand=True, show_lines=True)
    table.add_column("Journey", ratio=3)
    table.add_column("Touchpoints", justify="right", no_wrap=True)
    table.add_column("Stages", ratio=2)
    for template in journey_templates().values():
        stages = list(dict.fromkeys(t.stage for t in template.touchpoints if t.stage))
        table.add_row(
            f"{template.name}\n[dim]{template.description}[/dim]",
            str(len(template.touchpoints)),
            " → ".join(stages) or "-",
        )
    Console(highlight=False).print(table)


def main() -> None:
    cli(prog_name="assess")


if __name__ == "__main__":
    main()
