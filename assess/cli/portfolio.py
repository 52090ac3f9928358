"""The board's view across journeys: `assess portfolio`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
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
from assess.cli.boardoptions import CoverDate, CoverText, LocaleName, old_workshops
from assess.cli.results import ACCESSIBLE, BRAND, FORCE
from assess.cli.shares import SUGGEST_SHARES, guard_shares, write_shares

if TYPE_CHECKING:
    from assess.files.loader import Loaded
    from assess.team.portfolio import Cover, Portfolio
    from assess.team.since import Since


@dataclass(frozen=True)
class Asked:
    """What the command line asks of the portfolio beyond its files."""

    lang: str | None
    locale: str | None
    title: str | None
    organisation: str | None
    date: dt.date | None
    compare: tuple[Path, ...]


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
@click.option(
    "--title",
    type=CoverText(),
    help="The cover's title. [default: Portfolio: N journeys, in the portfolio's language]",
)
@click.option(
    "--organisation",
    type=CoverText(),
    help="Whose journeys they are, on the cover. [default: the organisation every journey names]",
)
@click.option(
    "--date",
    "date",
    type=CoverDate(),
    metavar="YYYY-MM-DD",
    help="The cover's date, e.g. the board meeting's. [default: today]",
)
@click.option(
    "--locale",
    type=LocaleName(),
    metavar="LOCALE",
    help="How numbers and money are written, e.g. de_DE. [default: the first priced journey's, "
    "else the language's]",
)
@click.option(
    "--compare",
    "compare",
    multiple=True,
    type=EXISTING_FILE,
    metavar="OLD",
    help="The last portfolio: the folder of its workshop files, or the files themselves "
    "(repeat the option). Shows what changed in each journey since.",
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
    title: str | None,
    organisation: str | None,
    date: dt.date | None,
    locale: str | None,
    compare: tuple[Path, ...],
    brand_file: Path | None,
    force: bool,
    lang: str | None,
    accessible: bool,
    shares_file: Path | None,
) -> None:
    """One view across a company's journeys for the board: a cover (--title, --organisation,
    --date), each journey's verdict mix and business case priced with its own rates, the
    company's totals (the sums of each journey's `assess score` summary), the waves across the
    company, the top moves, every moment that stays human, and what to decide first.

    Each journey keeps its own cost of an hour and hours of a full-time role, and the page says
    so; numbers are written in one locale (--locale, else the first priced journey's). Money in
    different currencies is refused (nothing is converted), and so is the same file given
    twice. Journeys may use different questionnaires; the portfolio names them. With --compare
    it shows what changed in each journey since the last portfolio (journeys matched by title,
    else by file name; those added and dropped are named). Nothing is written unless every
    journey reads cleanly. It is written in --lang, else the language the journeys share, else
    English.

    \b
    Example:
      assess portfolio orders.yaml returns.yaml claims.yaml -o board.pdf \\
          --title "Customer journeys 2027" --organisation "Acme" --date 2027-03-01
      assess portfolio journeys/*.yaml --compare last-quarter/ -o board.pdf
      assess portfolio journeys/*.yaml --format json > portfolio.json
      assess portfolio journeys/*.yaml -o board.pdf --suggest-shares shares.yaml
    """
    from assess.files.storage import atomic_write, guard_output
    from assess.team.portfolio import check_distinct

    suffix = out.suffix.lower().lstrip(".") if out else ""
    fmt = fmt or (suffix if suffix in ("json", "csv") else "pdf")
    check_distinct(files)
    old, skipped = old_workshops(compare)
    check_distinct(old)
    if skipped:
        echo_err(f"Note: --compare leaves out what is not a workshop: {_names(skipped)}.")
    asked = Asked(lang, locale, title, organisation, date, tuple(old))
    target = out or (Path("portfolio.pdf") if fmt == "pdf" else None)
    if target is not None:
        inputs = (*files, *old, brand_file) if brand_file else (*files, *old)
        guard_output(target, inputs, kind="pdf" if fmt == "pdf" else None, force=force)
    if shares_file is not None:  # the suggested shares (issue 28), checked before anything
        guard_shares(shares_file, files, target, force)
    if fmt == "pdf":
        assert target is not None
        _write_pdf(files, target, brand_file, asked, accessible, shares_file)
        return
    board, _, since = _build(files, asked)
    text = _text(board, since, fmt)
    if shares_file is not None:
        write_shares(board, shares_file)
    if target is None:
        click.echo(text.encode("utf-8"), nl=False)  # UTF-8 whatever the locale, as `score`
    else:
        atomic_write(target, text)
        echo_err(f"Wrote {target} ({plural(len(files), 'journey')}).")


def _names(paths: list[Path]) -> str:
    return ", ".join(p.name for p in paths)


def _read(files: tuple[Path, ...] | list[Path], code: str, said: set[str]) -> list[Loaded]:
    return [in_language(load(path), code, said) for path in files]


def _build(files: tuple[Path, ...], asked: Asked) -> tuple[Portfolio, str, Since | None]:
    """Every journey read and scored before anything is written; a broken one is named. All
    are read in one language: --lang, else the one every journey names, else English. The
    last portfolio's journeys (--compare) are read the same way."""
    from assess.team.portfolio import build
    from assess.team.since import since

    loaded = [load(path) for path in files]
    named = {one.workshop.language for one in loaded}
    code = asked.lang or (named.pop() if len(named) == 1 else None) or "en"
    said: set[str] = set()  # a note on a questionnaire is said once, not once a journey
    board = build(
        [in_language(one, code, said) for one in loaded],
        _cover(asked),
        locale=asked.locale,
        language_locale=language_of(code).locale,
    )
    _note_questionnaires(board)
    _note_titles(board)
    if not asked.compare:
        return board, code, None
    last = build(_read(asked.compare, code, said), _cover(asked), language_locale=board.locale)
    return board, code, since(list(last.journeys), list(board.journeys), board.currency)


def _cover(asked: Asked) -> Cover:
    from assess.team.portfolio import Cover

    return Cover(asked.title, asked.organisation, asked.date or dt.date.today())


def _note_questionnaires(board: Portfolio) -> None:
    used = board.questionnaires
    if len(used) > 1:
        shown = "; ".join(
            f"{name} ({', '.join(j.file.name for j in journeys)})"
            for name, journeys in used.items()
        )
        echo_err(f"Note: the journeys use different questionnaires: {shown}.")


def _note_titles(board: Portfolio) -> None:
    """The board's pages name journeys by title only: say where two share one."""
    from assess.files.loader import identity

    seen: dict[str, list[Path]] = {}
    for j in board.journeys:
        seen.setdefault(identity(j.title), []).append(j.file)
    for paths in seen.values():
        if len(paths) > 1:
            echo_err(
                f"Note: {_names(paths)} have the same title; the board's pages tell them apart "
                "only by their number: give each journey its own title."
            )


def _text(board: Portfolio, since: Since | None, fmt: str) -> str:
    import orjson

    from assess.team.portfolio_files import portfolio_csv, portfolio_dict

    if fmt == "csv":
        return portfolio_csv(board, since)
    data = portfolio_dict(board, since)
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n"


def _write_pdf(
    files: tuple[Path, ...],
    target: Path,
    brand_file: Path | None,
    asked: Asked,
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
    with Press(parallel=1, languages=(asked.lang or "en",), background=True) as press:
        brand = read_brand(brand_file) if brand_file else None
        board, code, since = _build(files, asked)
        with speaking(language_of(code)):
            html = portfolio_html(board, brand, since, shares_file=shares_file)
            whole = whole_portfolio(board, brand) if tagged else None
            published = publish_one(press, html, brand.assets() if brand else {}, whole)
    atomic_write(target, published.pdf)
    pages = plural(published.pages, "page")
    echo_err(f"Wrote {target} ({pages}, {plural(len(board.journeys), 'journey')}).")
    if shares_file is not None:
        write_shares(board, shares_file)
