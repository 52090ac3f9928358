"""Commands for the room: run (the interactive workshop) and journeys."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess.cli.app import (
    LANG,
    OUTPUT_FILE,
    cli,
    echo_err,
    lang_option,
    output_format,
    plural,
    questionnaire_option,
)

if TYPE_CHECKING:
    from assess.files.brand import Brand
    from assess.phones import PhoneServer
    from assess.workshop.phonescreen import Phones

NEEDS_TERMINAL = """assess run asks questions, so it needs an interactive terminal for both \
input and output, and this is not one ({what} a pipe, a file or CI). Nothing was written.
Without a terminal:
  - edit the workshop YAML by hand (see README), then check it with: assess validate FILE
  - import touchpoints from a spreadsheet: assess import FILE.csv -o WORKSHOP.yaml
  - print the verdicts: assess score WORKSHOP.yaml
  - write the report:   assess report WORKSHOP.yaml"""


def _timebox(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A timebox as people write it (90m, 1h30, 2h); a mistake is a command-line mistake."""
    from assess.journeys import minutes_of

    if value is None:
        return None
    try:
        minutes_of(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return value.strip()


@cli.command(short_help="Walk a room through every touchpoint (interactive).")
@click.argument("workshop", type=OUTPUT_FILE)
@click.option(
    "--timebox",
    metavar="DURATION",
    callback=_timebox,
    help="The room's time for the workshop (90m, 1h30, 2h), saved in the file: the header "
    "counts down, the room is paced and the time per touchpoint is kept for the report.",
)
@click.option(
    "--contrast",
    type=click.Choice(["normal", "high"]),
    help="high: no colours and no dim text, for a projector that washes them out. "
    "[default: high when NO_COLOR is set, else normal]",
)
@click.option(
    "--phones",
    is_flag=True,
    help="Everyone votes blind from their own phone, on the room's network: the terminal "
    "shows the join address and its QR code (also written as WORKSHOP-join.png), counts who "
    "has voted, and r reveals every vote at once.",
)
@click.option(
    "--host",
    metavar="ADDRESS",
    help="With --phones: the address the phones reach this computer on. [default: its "
    "address on the room's network]",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    metavar="N",
    help="With --phones: the port to listen on. [default: a free one]",
)
@click.option(
    "--open-join",
    is_flag=True,
    help="With --phones: a phone may join under a name that is not on the participants' list "
    "(it is added to it).",
)
@questionnaire_option
@LANG
def run(
    workshop: Path,
    timebox: str | None,
    contrast: str | None,
    phones: bool,
    host: str | None,
    port: int | None,
    open_join: bool,
    questionnaire: Path | None,
    lang: str | None,
) -> None:
    """Walk a room through every touchpoint of WORKSHOP, saving each answer at once.

    On a new file it asks for the title, participants, questionnaire and a starting journey.
    On an existing one it says how far the workshop got and goes straight to the first
    unanswered question. Ctrl-C stops at any time; nothing answered is lost. One workshop
    file can be open in one `assess run` at a time. Every screen has a header (`7/12 · 3
    splits open · 41 min left`); u or Ctrl-Z undoes the last saved answer; Ctrl-L draws the
    screen again.

    With --phones, everyone votes blind from their own phone on the room's network; the
    votes are revealed together and written in WORKSHOP, and nothing leaves the room.

    \b
    Example:
      assess run pharmacy-journey.yaml
      assess run team.yaml --timebox 90m --contrast high
      assess run schaden.yaml --lang de
      assess run claims.yaml --phones
    """
    if not phones and (host is not None or port is not None or open_join):
        from assess.i18n import _

        given = "--host" if host is not None else "--port" if port is not None else "--open-join"
        said = _("%(option)s goes with --phones (votes from phones)") % {"option": given}
        raise click.UsageError(said)
    if not sys.stdin.isatty():
        raise click.ClickException(NEEDS_TERMINAL.format(what="input comes from"))
    if not sys.stdout.isatty():
        raise click.ClickException(NEEDS_TERMINAL.format(what="output goes to"))
    import os

    from assess.cli.results import write_report
    from assess.files.catalogs import language
    from assess.i18n import speaking
    from assess.views.terminal import default_contrast, make_console
    from assess.workshop import Session
    from assess.workshop.prompts import TerminalPrompter

    contrast = contrast or default_contrast()
    if contrast == "high":  # prompt_toolkit then draws without colour too
        os.environ["PROMPT_TOOLKIT_COLOR_DEPTH"] = "DEPTH_1_BIT"
    servers: list[PhoneServer] = []
    session = Session(
        workshop,
        TerminalPrompter(contrast),
        make_console(contrast=contrast, live=True),
        lambda assessment, out, progress: write_report(
            assessment,
            out,
            "pdf",
            quiet=True,
            source=(workshop.name, workshop.read_bytes()),
            progress=progress,
            brand=_brand(workshop, questionnaire),
        ),
        questionnaire=questionnaire,
        timebox=timebox,
        phones=_phones(workshop, host, port or 0, open_join, servers) if phones else None,
    )
    try:
        with speaking(language(lang or _language_in(workshop) or "en")):
            session.run()
    except (KeyboardInterrupt, EOFError):
        if session.saved_anything:
            echo_err(f"\nSaved. Resume with: assess run {workshop}{' --phones' if phones else ''}")
        else:
            echo_err("\nStopped before anything was saved.")
        sys.exit(130)
    finally:
        for server in servers:  # the phones see the room closed
            server.stop()
        session.close()


def _phones(
    workshop: Path, host: str | None, port: int, open_join: bool, servers: list[PhoneServer]
) -> Phones:
    """The phone server, for the walk to start once the participants are known. The address
    is checked now, so a computer on no network, or a port in use, is said before anything
    is asked."""
    from assess.phones import default_host, join_png_path, qr_text, serve_room
    from assess.phones.address import listen
    from assess.workshop.phonescreen import Phones

    host = host or default_host()
    listen(host, port).close()

    def serve(participants: Sequence[str]) -> PhoneServer:
        server = serve_room(workshop, participants, host, port, open_join=open_join)
        servers.append(server)
        return server

    return Phones(serve, qr_text, join_png_path(workshop), open_join)


def _brand(workshop: Path, questionnaire: Path | None) -> Brand | None:
    """The brand the workshop names, read as `assess report` reads it; a missing or broken one
    says which file, where the workshop names it, and how to go on."""
    from assess.errors import AssessError, OutputError
    from assess.files.loader import brand_of, load_workshop

    try:
        return brand_of(load_workshop(workshop, questionnaire))
    except AssessError as exc:
        raise OutputError(
            f"{exc}\nTo write the report, fix or add the brand file {workshop.name} names, or "
            f"remove its `brand:` line; everything the room answered is saved."
        ) from None


@cli.command(short_help="List the journey templates a workshop can start from.")
def journeys() -> None:
    """List the bundled journey templates that `assess init --journey` and `assess run` can
    start from.

    \b
    Example:
      assess journeys
      assess init claims.yaml --journey banking-insurance
    """
    from assess.files.loader import journey_templates
    from assess.views.terminal import journeys_table, make_console

    make_console().print(journeys_table(journey_templates()))


@cli.command(short_help="Create a workshop file from a journey template, no questions asked.")
@click.argument("workshop", metavar="FILE", type=OUTPUT_FILE)
@click.option(
    "--journey",
    metavar="NAME",
    default="blank",
    show_default=True,
    help="A bundled journey template (see `assess journeys`), or blank for none.",
)
@click.option("--title", help="The workshop's title. [default: from FILE's name]")
@click.option("--organisation", help="Whose journey it is.")
@click.option("--participants", metavar="A,B", help="The people in the room, separated by commas.")
@click.option(
    "--questionnaire",
    metavar="NAME",
    default="default",
    show_default=True,
    help="A bundled questionnaire by name, or a file in FILE's folder (or below it).",
)
@lang_option("en; written as the new workshop's `language:`")
def init(
    workshop: Path,
    journey: str,
    title: str | None,
    organisation: str | None,
    participants: str | None,
    questionnaire: str,
    lang: str | None,
) -> None:
    """Create a valid workshop FILE at once, from a bundled journey template; never replaces a
    file. Then walk a room through it with `assess run`, or hand out a spreadsheet per person
    with `assess handout`.

    \b
    Example:
      assess init claims.yaml --journey banking-insurance --organisation "Acme Insurance"
      assess init team.yaml --journey retail-ecommerce --participants "Ana,Ben,Cy"
      assess init schaden.yaml --journey banking-insurance --lang de
      assess run claims.yaml
    """
    import datetime

    from assess.errors import OutputError
    from assess.files import editing
    from assess.files.loader import journey_template
    from assess.files.storage import save_workshop

    output_format(workshop, None, {".yaml": "yaml", ".yml": "yaml"}, "yaml", flag="")
    template = journey_template(journey, lang)
    if workshop.exists() or workshop.is_symlink():
        raise OutputError(
            f"{workshop} already exists; init never replaces a file: choose another name, or "
            f"go on with `assess run {workshop}`"
        )
    name = title or workshop.stem.replace("_", " ").replace("-", " ").strip().capitalize()
    doc = editing.new_document(
        name or "My journey",
        organisation=organisation or "",
        date=datetime.date.today().isoformat(),
        participants=[p.strip() for p in (participants or "").split(",") if p.strip()],
        questionnaire=questionnaire,
        touchpoints=[t.model_dump(exclude_none=True) for t in template.touchpoints],
        language=lang or "",
    )
    save_workshop(workshop, doc, exclusive=True)
    count = plural(len(template.touchpoints), "touchpoint")
    echo_err(f"Wrote {workshop}: {count} from the journey template {template.name!r}.")
    echo_err(f"Next: assess run {workshop}   (or: assess handout {workshop} --people ... -o DIR)")


def _language_in(path: Path) -> str | None:
    """The language a workshop file names, if it can be read at all (the session itself says
    what is wrong with a file that cannot)."""
    from assess.errors import AssessError
    from assess.files.reading import read_text
    from assess.files.yamlio import load_data
    from assess.i18n import language_code

    try:
        data = load_data(read_text(path), str(path)) if path.is_file() else None
        code = data.get("language") if isinstance(data, Mapping) else None
        return language_code(code) if isinstance(code, str) else None
    except (AssessError, OSError, ValueError):
        return None
