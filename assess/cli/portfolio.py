"""The board's view across journeys: `assess portfolio`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess.cli.app import (
    EXISTING_FILE,
    LANG,
    OUTPUT_FILE,
    cli,
    echo_err,
    in_language,
    language_of,
    load,
    plural,
)
from assess.cli.results import ACCESSIBLE, BRAND, FORCE
from assess.cli.shares import SUGGEST_SHARES, guard_shares, write_shares

if TYPE_CHECKING:
    from assess.team.portfolio import Portfolio


@cli.command(short_help="One view across journeys for the board (PDF, JSON or CSV).")
@click.argument("files", nargs=-1, required=True, type=EXISTING_FILE)
@click.option(
    "-o",
    "--output",
    "out",
    type=OUTPUT_FILE,
    help="Where to write it. [default: portfolio.pdf for a PDF; JSON and CSV go to the screen]",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["pdf", "json", "csv"]),
    help="pdf for the board, json for programs, csv for spreadsheets. [default: from -o, else pdf]",
)
@BRAND
@FORCE
@LANG
@ACCESSIBLE
@SUGGEST_SHARES
def portfolio(
    files: tuple[Path, ...],
    out: Path | None,
    fmt: str | None,
    brand_file: Path | None,
    force: bool,
    lang: str | None,
    accessible: bool,
    shares_file: Path | None,
) -> None:
    """One view across a company's journeys: each journey's verdict mix and value, the company's
    totals (the sums of each journey's `assess score` summary), the top moves across all of
    them, every moment that stays human, and what to decide first.

    Money in different currencies is refused (nothing is converted), and so is the same file
    given twice. Journeys may use different questionnaires; the portfolio names them. Nothing
    is written unless every journey reads cleanly. It is written in --lang, else the language
    the journeys share, else English.

    \b
    Example:
      assess portfolio orders.yaml returns.yaml claims.yaml -o board.pdf
      assess portfolio journeys/*.yaml --format json > portfolio.json
      assess portfolio journeys/*.yaml -o board.pdf --suggest-shares shares.yaml
    """
    from assess.files.storage import atomic_write, guard_output
    from assess.team.portfolio import check_distinct

    suffix = out.suffix.lower().lstrip(".") if out else ""
    fmt = fmt or (suffix if suffix in ("json", "csv") else "pdf")
    check_distinct(files)
    target = out or (Path("portfolio.pdf") if fmt == "pdf" else None)
    if target is not None:
        inputs = (*files, brand_file) if brand_file else files
        guard_output(target, inputs, kind="pdf" if fmt == "pdf" else None, force=force)
    if shares_file is not None:  # the suggested shares (issue 28), checked before anything
        guard_shares(shares_file, files, target, force)
    if fmt == "pdf":
        assert target is not None
        _write_pdf(files, target, brand_file, lang, accessible, shares_file)
        return
    board = _build(files, lang)[0]
    text = _text(board, fmt)
    if shares_file is not None:
        write_shares(board, shares_file)
    if target is None:
        click.echo(text.encode("utf-8"), nl=False)  # UTF-8 whatever the locale, as `score`
    else:
        atomic_write(target, text)
        echo_err(f"Wrote {target} ({plural(len(files), 'journey')}).")


def _build(files: tuple[Path, ...], lang: str | None) -> tuple[Portfolio, str]:
    """Every journey read and scored before anything is written; a broken one is named. All
    are read in one language: --lang, else the one every journey names, else English."""
    from assess.team.portfolio import build

    loaded = [load(path) for path in files]
    named = {one.workshop.language for one in loaded}
    code = lang or (named.pop() if len(named) == 1 else None) or "en"
    said: set[str] = set()  # a note on a questionnaire is said once, not once a journey
    board = build([in_language(one, code, said) for one in loaded])
    used = board.questionnaires
    if len(used) > 1:
        shown = "; ".join(
            f"{name} ({', '.join(j.file.name for j in journeys)})"
            for name, journeys in used.items()
        )
        echo_err(f"Note: the journeys use different questionnaires: {shown}.")
    return board, code


def _text(board: Portfolio, fmt: str) -> str:
    import orjson

    from assess.team.portfolio import portfolio_csv, portfolio_dict

    if fmt == "csv":
        return portfolio_csv(board)
    return orjson.dumps(portfolio_dict(board), option=orjson.OPT_INDENT_2).decode() + "\n"


def _write_pdf(
    files: tuple[Path, ...],
    target: Path,
    brand_file: Path | None,
    lang: str | None,
    tagged: bool,
    shares_file: Path | None = None,
) -> None:
    from assess.files.brand import read_brand
    from assess.files.storage import atomic_write
    from assess.i18n import speaking
    from assess.pdf.press import Press
    from assess.pdf.publish import publish_one, whole_portfolio
    from assess.report.portfolio import portfolio_html

    # The worker starts first and loads WeasyPrint while the journeys are read and scored.
    with Press(parallel=1) as press:
        brand = read_brand(brand_file) if brand_file else None
        board, code = _build(files, lang)
        with speaking(language_of(code)):
            html = portfolio_html(board, brand, shares_file=shares_file)
            whole = whole_portfolio(board, brand) if tagged else None
            published = publish_one(press, html, brand.assets() if brand else {}, whole)
    atomic_write(target, published.pdf)
    echo_err(f"Wrote {target} ({published.pages} pages, {plural(len(board.journeys), 'journey')}).")
    if shares_file is not None:
        write_shares(board, shares_file)
