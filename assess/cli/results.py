"""Commands that read workshops and print or write results: score, report, demo, compare."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess.cli.app import (
    EXISTING_FILE,
    LANG,
    OUTPUT_FILE,
    assess_loaded,
    cli,
    echo_err,
    in_language,
    lang_option,
    language_of,
    load,
    output_format,
    plural,
    questionnaire_option,
)
from assess.cli.rendering import press_for
from assess.cli.rendering import write_report as write_report  # the workshop's menu uses it
from assess.errors import UsageProblem
from assess.files.sameness import refuse_inputs

if TYPE_CHECKING:
    from assess.method.scoring import Assessment


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
@LANG
def score(
    workshop: Path,
    fmt: str | None,
    out: Path | None,
    force: bool,
    questionnaire: Path | None,
    lang: str | None,
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
      assess score journey.yaml --lang de
    """
    from assess.i18n import speaking

    refuse_inputs(out, (workshop, questionnaire))
    fmt = output_format(out, fmt, SCORE_FORMATS, "table")
    if out is not None:
        _score_to_file(workshop, out, fmt, force, questionnaire, lang)
        return
    if fmt == "xlsx":
        raise UsageProblem("--format xlsx writes a file: add -o FILE.xlsx")
    loaded = in_language(load(workshop, questionnaire), lang)
    with speaking(language_of(lang, loaded)):
        _print_scores(workshop, assess_loaded(loaded), fmt)


def _print_scores(workshop: Path, assessment: Assessment, fmt: str) -> None:
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
    workshop: Path, out: Path, fmt: str, force: bool, questionnaire: Path | None, lang: str | None
) -> None:
    from assess.files import output
    from assess.files.storage import atomic_write, guard_output, save_workbook
    from assess.i18n import speaking

    if fmt == "table":
        raise UsageProblem(f"-o {out}: a table is for the terminal; write .json, .csv or .xlsx")
    inputs = tuple(p for p in (workshop, questionnaire) if p is not None)
    guard_output(out, inputs, force=force)
    loaded = in_language(load(workshop, questionnaire), lang)
    with speaking(language_of(lang, loaded)):
        assessment = assess_loaded(loaded)
        if fmt == "xlsx":
            save_workbook(out, output.to_workbook(assessment))
        else:
            text = output.to_json(assessment) if fmt == "json" else output.to_csv(assessment)
            atomic_write(out, text)
    n = plural(len(assessment.results), "touchpoint")
    echo_err(f"Wrote {out} ({fmt.upper()}, {n}).")


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
ACCESSIBLE = click.option(
    "--accessible",
    is_flag=True,
    help="Write a tagged PDF (PDF/UA-1) for screen readers: headings, tables, lists, reading "
    "order, language and the charts in words. Rendered in one pass, so slower.",
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
@LANG
@ACCESSIBLE
def report(
    workshop: Path,
    out: Path | None,
    fmt: str | None,
    previous: Path | None,
    questionnaire: Path | None,
    brand_file: Path | None,
    force: bool,
    no_attachments: bool,
    lang: str | None,
    accessible: bool,
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
      assess report journey.yaml --lang de --accessible
    """
    refuse_inputs(out, (workshop, previous, questionnaire, brand_file))
    fmt = output_format(out, fmt, REPORT_FORMATS, "pdf")
    # The workers start before the rest of assess is imported: they load WeasyPrint meanwhile.
    with press_for(fmt, lang, workshop) as press:
        from assess.files.loader import brand_of
        from assess.files.storage import default_report_path, guard_output
        from assess.i18n import speaking

        target = out or default_report_path(workshop, fmt)
        inputs = tuple(p for p in (workshop, previous, questionnaire, brand_file) if p is not None)
        guard_output(target, inputs, kind=fmt, force=force)
        comparison = None
        loaded = in_language(load(workshop, questionnaire), lang)
        brand = brand_of(loaded, brand_file)
        with speaking(language_of(lang, loaded)):
            assessment = assess_loaded(loaded)
            if previous is not None:
                from assess.team.compare import compare

                before = in_language(
                    load(previous, questionnaire), lang or loaded.workshop.language
                )
                comparison = compare(assess_loaded(before), assessment)
            source = None if no_attachments else (workshop.name, workshop.read_bytes())
            write_report(
                assessment,
                target,
                fmt,
                comparison,
                source=source,
                brand=brand,
                press=press,
                accessible=accessible,
            )


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
@lang_option("en")
@ACCESSIBLE
def demo(
    out: Path,
    brand_file: Path | None,
    force: bool,
    no_attachments: bool,
    lang: str | None,
    accessible: bool,
) -> None:
    """Write a report for a built-in example journey, no questions asked.

    The example is an online pharmacy's order journey: 17 touchpoints from product search
    to repeat prescriptions, with every kind of verdict.

    \b
    Example:
      assess demo
      assess demo -o /tmp/example.pdf
      assess demo --brand our-brand.yaml
      assess demo --lang fr --accessible
    """
    fmt = output_format(out, None, REPORT_FORMATS, "pdf")
    with press_for(fmt, lang) as press:
        from assess.files import resources
        from assess.files.brand import read_brand
        from assess.files.loader import load_demo
        from assess.files.storage import guard_output
        from assess.i18n import language_code, speaking

        guard_output(out, (brand_file,) if brand_file else (), kind=fmt, force=force)
        brand = read_brand(brand_file) if brand_file else None
        code = language_code(lang) if lang else None
        example = resources.demo_workshop(code)
        source = None if no_attachments else (example.name, example.read_bytes())
        loaded = in_language(load_demo(code), lang)
        with speaking(language_of(lang, loaded)):
            demo = assess_loaded(loaded)
            write_report(
                demo, out, fmt, source=source, brand=brand, press=press, accessible=accessible
            )


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
    from assess.views.actuals import actual_view
    from assess.views.terminal import comparison_summary, comparison_table, make_console

    console = make_console()
    table = comparison_table(comparison, f"Since {old.name}")
    if table.row_count:
        console.print(table)
    console.print(comparison_summary(comparison), soft_wrap=True)
    actual, said = actual_view(comparison.new)  # plan against actual (issue 28)
    if actual is not None:
        console.print(actual)
        for line in said:
            console.print(line, soft_wrap=True)
