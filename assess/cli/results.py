"""Commands that read workshops and print or write results: score, report, demo, compare."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess.cli.app import (
    EXISTING_FILE,
    OUTPUT_FILE,
    assess_loaded,
    cli,
    echo_err,
    load,
    output_format,
    plural,
    questionnaire_option,
)
from assess.errors import UsageProblem

if TYPE_CHECKING:
    from assess.files.brand import Brand
    from assess.method.scoring import Assessment
    from assess.pdf.press import Press
    from assess.pdf.publish import Progress
    from assess.team.compare import Comparison


#: What `score` can write to a file, by file name ending.
SCORE_FORMATS = {".json": "json", ".csv": "csv", ".xlsx": "xlsx"}


@cli.command(short_help="Print the verdict for every touchpoint.")
@click.argument("workshop", type=EXISTING_FILE)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "xlsx"]),
    help="table for people, json for programs, csv or xlsx for spreadsheets (xlsx needs -o). "
    "[default: from -o, else table]",
)
@click.option(
    "-o",
    "--output",
    "out",
    type=OUTPUT_FILE,
    help="Write the results to this file (.json, .csv or .xlsx) instead of printing them.",
)
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@questionnaire_option
def score(
    workshop: Path, fmt: str | None, out: Path | None, force: bool, questionnaire: Path | None
) -> None:
    """Score every touchpoint of WORKSHOP and print the verdicts.

    CSV and xlsx have one row per touchpoint, with the JSON's keys as columns in the JSON's
    order (scores spread over one column per dimension). In CSV, a cell that a spreadsheet
    would run as a formula (it starts with = + - @) gets a leading ' so it shows as text; in
    xlsx every text is a text cell, never a formula.

    \b
    Example:
      assess score journey.yaml
      assess score journey.yaml --format json > results.json
      assess score journey.yaml --format csv > results.csv
      assess score journey.yaml -o results.xlsx
    """
    from assess.files.storage import refuse_inputs

    refuse_inputs(out, (workshop, questionnaire))
    fmt = output_format(out, fmt, SCORE_FORMATS, "table")
    if out is not None:
        _score_to_file(workshop, out, fmt, force, questionnaire)
        return
    if fmt == "xlsx":
        raise UsageProblem("--format xlsx writes a file: add -o FILE.xlsx")
    assessment = assess_loaded(load(workshop, questionnaire))
    from assess.files import output
    from assess.method.valuecheck import volume_warnings

    for warning in volume_warnings(assessment.questionnaire, assessment.workshop):
        echo_err(f"{workshop}: warning: {warning}")
    # JSON and CSV are UTF-8 whatever the locale: they go to the byte stream, not through the
    # terminal's encoding (Latin-1 would turn a name into bytes no program can read back).
    if fmt == "json":
        click.echo(output.to_json(assessment).encode("utf-8"), nl=False)
    elif fmt == "csv":
        click.echo(output.to_csv(assessment).encode("utf-8"), nl=False)
    elif not assessment.results:
        echo_err(
            f"{workshop} has no touchpoints yet: add them with `assess run {workshop}`, "
            "by hand, or with `assess import`."
        )
    else:
        from assess.views.terminal import make_console, results_table, summary_line

        console = make_console()
        console.print(results_table(assessment))
        console.print(summary_line(assessment), soft_wrap=True)


def _score_to_file(
    workshop: Path, out: Path, fmt: str, force: bool, questionnaire: Path | None
) -> None:
    from assess.files import output
    from assess.files.storage import atomic_write, guard_output, save_workbook

    if fmt == "table":
        raise UsageProblem(f"-o {out}: a table is for the terminal; write .json, .csv or .xlsx")
    inputs = tuple(p for p in (workshop, questionnaire) if p is not None)
    guard_output(out, inputs, force=force)
    assessment = assess_loaded(load(workshop, questionnaire))
    if fmt == "xlsx":
        save_workbook(out, output.to_workbook(assessment))
    else:
        atomic_write(
            out, output.to_json(assessment) if fmt == "json" else output.to_csv(assessment)
        )
    n = plural(len(assessment.results), "touchpoint")
    echo_err(f"Wrote {out} ({fmt.upper()}, {n}).")


def write_report(
    assessment: Assessment,
    out: Path,
    fmt: str,
    comparison: Comparison | None = None,
    quiet: bool = False,
    source: tuple[str, bytes] | None = None,
    progress: Progress | None = None,
    brand: Brand | None = None,
    press: Press | None = None,
) -> int:
    """Render and write the report; returns its number of pages (0 for HTML). `source` is the
    workshop file as written, attached to the PDF with the results as JSON (None: attach
    nothing). `quiet` leaves the talking to the caller (the workshop session). `press` renders
    the PDF; a caller that makes it before reading the workshop gives the workers a head start."""
    from assess.files.storage import atomic_write

    say = (lambda message: None) if quiet else echo_err
    n = len(assessment.results)
    if fmt == "html":
        from assess.report.html import Renderer

        renderer = Renderer(assessment, comparison=comparison, brand=brand)
        atomic_write(out, renderer.html())
        say(f"Wrote {out} (HTML, {plural(n, 'touchpoint')}).")
        return 0
    from assess.pdf.press import Press
    from assess.pdf.publish import metadata_for, publish_pdf

    with contextlib.ExitStack() as stack:
        # The workers start first and load WeasyPrint while this process builds the report.
        press = press or stack.enter_context(Press())
        from assess.files import output
        from assess.pdf.book import Attachment
        from assess.report import glyphs
        from assess.report.html import Renderer

        attached = source is not None
        renderer = Renderer(assessment, comparison=comparison, attached=attached, brand=brand)
        found = glyphs.missing(assessment, brand.font if brand else None)
        if found is not None:
            echo_err(glyphs.warning(found))
        attachments = []
        if source is not None:
            name, data = source
            stem = Path(name).stem
            attachments = [
                Attachment(
                    name,
                    data,
                    "The workshop file this report was made from",
                    "application/yaml",
                    "Source",
                ),
                Attachment(
                    f"{stem}-results.json",
                    output.to_json(assessment).encode("utf-8"),
                    "The results as JSON (assess score --format json)",
                    "application/json",
                    "Data",
                ),
            ]
        metadata = metadata_for(renderer)
        if progress is None and not quiet:
            from assess.views.terminal import ProgressBar, make_console

            with ProgressBar(make_console(sys.stderr), f"Rendering {out.name}") as bar:
                published = publish_pdf(press, renderer, metadata, attachments, bar)
        else:
            published = publish_pdf(press, renderer, metadata, attachments, progress)
    atomic_write(out, published.pdf)
    say(f"Wrote {out} ({published.pages} pages, {plural(n, 'touchpoint')}).")
    return published.pages


def _press(fmt: str) -> contextlib.AbstractContextManager[Press | None]:
    """For a PDF, the renderer's workers, started before the inputs are read so that they load
    WeasyPrint meanwhile; nothing for HTML."""
    if fmt != "pdf":
        return contextlib.nullcontext()
    from assess.pdf.press import Press

    return Press()


#: The report's formats by file name ending.
REPORT_FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html"}


FORCE = click.option(
    "--force", is_flag=True, help="Replace OUTPUT even if it is not a report of the same kind."
)
BRAND_HELP = (
    "A brand file (YAML: name, logo, accent, footer, font) that puts the consultancy's "
    "name, logo and colour on the report."
)
BRAND = click.option(
    "--brand",
    "brand_file",
    type=EXISTING_FILE,
    help=f"{BRAND_HELP} [default: the workshop's `brand:`, if any]",
)
NO_ATTACHMENTS = click.option(
    "--no-attachments",
    is_flag=True,
    help="Do not attach the workshop file and the results (JSON) to the PDF, e.g. when the "
    "notes must not travel with it.",
)


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
@questionnaire_option
@BRAND
@FORCE
@NO_ATTACHMENTS
def report(
    workshop: Path,
    out: Path | None,
    fmt: str | None,
    previous: Path | None,
    questionnaire: Path | None,
    brand_file: Path | None,
    force: bool,
    no_attachments: bool,
) -> None:
    """Write the leadership report for WORKSHOP as a PDF (or HTML).

    An existing report is replaced; any other file is refused unless you add --force, and the
    inputs are never overwritten. The PDF carries the workshop file and the results (JSON) as
    attachments, so a reader can re-check what they were sent; --no-attachments leaves them out.

    \b
    Example:
      assess report journey.yaml                 # writes journey.pdf beside it
      assess report journey.yaml -o board.pdf
      assess report journey.yaml --format html   # writes journey.html
      assess report journey.yaml --compare journey-last-year.yaml
      assess report journey.yaml --brand our-brand.yaml
    """
    from assess.files.storage import refuse_inputs

    refuse_inputs(out, (workshop, previous, questionnaire, brand_file))
    fmt = output_format(out, fmt, REPORT_FORMATS, "pdf")
    with _press(fmt) as press:
        from assess.files.loader import brand_of
        from assess.files.storage import default_report_path, guard_output

        target = out or default_report_path(workshop, fmt)
        inputs = tuple(p for p in (workshop, previous, questionnaire, brand_file) if p is not None)
        guard_output(target, inputs, kind=fmt, force=force)
        comparison = None
        loaded = load(workshop, questionnaire)
        assessment = assess_loaded(loaded)
        brand = brand_of(loaded, brand_file)
        if previous is not None:
            from assess.team.compare import compare

            comparison = compare(assess_loaded(load(previous, questionnaire)), assessment)
        source = None if no_attachments else (workshop.name, workshop.read_bytes())
        write_report(assessment, target, fmt, comparison, source=source, brand=brand, press=press)


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
@click.option("--brand", "brand_file", type=EXISTING_FILE, help=BRAND_HELP)
@FORCE
@NO_ATTACHMENTS
def demo(out: Path, brand_file: Path | None, force: bool, no_attachments: bool) -> None:
    """Write a report for a built-in example journey, no questions asked.

    The example is an online pharmacy's order journey: 17 touchpoints from product search
    to repeat prescriptions, with every kind of verdict.

    \b
    Example:
      assess demo
      assess demo -o /tmp/example.pdf
      assess demo --brand our-brand.yaml
    """
    fmt = output_format(out, None, REPORT_FORMATS, "pdf")
    with _press(fmt) as press:
        from assess.files import resources
        from assess.files.brand import read_brand
        from assess.files.loader import load_demo
        from assess.files.storage import guard_output

        guard_output(out, (brand_file,) if brand_file else (), kind=fmt, force=force)
        brand = read_brand(brand_file) if brand_file else None
        example = resources.demo_workshop()
        source = None if no_attachments else (example.name, example.read_bytes())
        demo = assess_loaded(load_demo())
        write_report(demo, out, fmt, source=source, brand=brand, press=press)


@cli.command(name="compare", short_help="Compare two assessments: what moved, and why.")
@click.argument("old", type=EXISTING_FILE)
@click.argument("new", type=EXISTING_FILE)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table for people, json for programs.",
)
@questionnaire_option
def compare_cmd(old: Path, new: Path, fmt: str, questionnaire: Path | None) -> None:
    """Show what changed between two assessments of a journey: verdicts that moved and the
    answers that moved them, touchpoints added and removed.

    \b
    Example:
      assess compare journey-2025.yaml journey-2026.yaml
      assess report journey-2026.yaml --compare journey-2025.yaml
    """
    from assess.team.compare import compare, to_dict

    comparison = compare(
        assess_loaded(load(old, questionnaire)), assess_loaded(load(new, questionnaire))
    )
    if fmt == "json":
        import json

        text = json.dumps(to_dict(comparison), indent=2, ensure_ascii=False) + "\n"
        click.echo(text.encode("utf-8"), nl=False)  # UTF-8 whatever the locale, as `score`
        return
    from assess.views.terminal import comparison_summary, comparison_table, make_console

    console = make_console()
    table = comparison_table(comparison, f"Since {old.name}")
    if table.row_count:
        console.print(table)
    console.print(comparison_summary(comparison), soft_wrap=True)
