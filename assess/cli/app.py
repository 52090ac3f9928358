"""The `assess` group, its one error boundary, and what every command shares.

Heavy libraries are imported inside the commands so that `assess --help` starts as fast as
click itself."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from assess import __version__

if TYPE_CHECKING:
    from assess.files.loader import Loaded
    from assess.i18n import Language
    from assess.method.scoring import Assessment


class InputFile(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.3
    """A file the command reads. A missing one is the same short message and exit status 1 in
    every command (`nofile.yaml: no such file`), not click's usage block: it is bad input, not
    a mistake in how the command was typed."""

    name = "file"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        from assess.errors import NotFoundError

        path = Path(value)
        if not (path.exists() or path.is_symlink()):
            raise NotFoundError(f"{value}: no such file")
        try:
            os.stat(path)
        except OSError as exc:  # a symlink loop, or a link to nothing
            from errno import ELOOP

            if exc.errno == ELOOP:
                raise NotFoundError(
                    f"{value}: is a symbolic link loop (too many levels of symbolic links)"
                ) from None
            if not path.exists():
                raise NotFoundError(f"{value}: no such file (a link to nothing)") from None
        return path


EXISTING_FILE = InputFile()
F = TypeVar("F", bound=Callable[..., Any])


class LanguageCode(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.3
    """A language assess writes (en, de, fr; "DE" and "de-CH" read as de). Anything else is
    one clear usage error naming the languages it writes."""

    name = "lang"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from assess.i18n import UnknownLanguage, language_code

        try:
            return language_code(str(value))
        except UnknownLanguage as exc:
            self.fail(str(exc), param, ctx)

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[Any]:
        from click.shell_completion import CompletionItem

        from assess.i18n import LANGUAGES

        return [CompletionItem(code, help=name) for code, name in LANGUAGES.items()]


def lang_option(default: str = "the workshop's `language:`, else en") -> Callable[[F], F]:
    """The --lang option, with what it defaults to in this command."""
    option: Callable[[F], F] = click.option(
        "--lang",
        "lang",
        type=LanguageCode(),
        metavar="en|de|fr",
        help=f"The language to write in. [default: {default}]",
    )
    return option


LANG = lang_option()
OUTPUT_FILE = click.Path(dir_okay=False, path_type=Path)

STOPPED = "Stopped; nothing was written."


def echo_err(message: str) -> None:
    """A message for the person at the terminal; text from files is shown, never obeyed."""
    from assess.textsafety import for_terminal

    click.echo(for_terminal(message), err=True)


def echo(message: str) -> None:
    """A result for standard output; text from files is shown, never obeyed."""
    from assess.textsafety import for_terminal

    click.echo(for_terminal(message))


def _fail(message: str, usage: bool = False) -> NoReturn:
    from assess.textsafety import for_terminal

    text = for_terminal(message)
    raise (click.UsageError(text) if usage else click.ClickException(text))


def report_error(exc: BaseException) -> NoReturn:
    """Turn anything a command raises into one clear message and an exit code: 1 for bad
    input, 2 for a bad command line, 130 for Ctrl-C. Never a traceback."""
    from assess.errors import AssessError, InputError, UsageProblem

    if isinstance(exc, InputError):
        problems = exc.problems
        if len(problems) == 1:
            _fail(str(problems[0]))
        files = sorted({p.file for p in problems})
        lines = "\n".join(f"  {line}" for line in str(exc).splitlines())
        _fail(f"{len(problems)} problems in {', '.join(files)}:\n{lines}")
    if isinstance(exc, UsageProblem):
        _fail(str(exc), usage=True)
    if isinstance(exc, AssessError):
        _fail(str(exc))
    if isinstance(exc, KeyboardInterrupt):
        echo_err(f"\n{STOPPED}")
        sys.exit(130)
    if isinstance(exc, RecursionError):
        _fail("the input is nested too deeply to read")
    if isinstance(exc, MemoryError):
        _fail("the input is too large to process in the memory available")
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        _fail(f"{where}{exc.strerror or type(exc).__name__}")
    raise exc


class AssessGroup(click.Group):
    """Lists commands in the order a team meets them, and is the one error boundary: every
    command, including one added later, runs inside :meth:`invoke`."""

    ORDER = (
        "demo",
        "init",
        "run",
        "handout",
        "journeys",
        "score",
        "report",
        "validate",
        "import",
        "merge",
        "compare",
    )

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.commands, key=lambda n: self.ORDER.index(n) if n in self.ORDER else 99)

    def invoke(self, ctx: click.Context) -> Any:
        from assess.errors import AssessError

        try:
            return super().invoke(ctx)
        except (AssessError, KeyboardInterrupt, RecursionError, MemoryError) as exc:
            report_error(exc)
        except OSError as exc:
            if isinstance(exc, BrokenPipeError):  # `assess score x | head`: not an error
                sys.stderr.close()
                sys.exit(1)
            report_error(exc)


@click.group(
    cls=AssessGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "-V", "--version", prog_name="assess")
def cli() -> None:
    """Decide, touchpoint by touchpoint: automate, assist, or keep it human.

    Start with `assess demo` for an example report, then `assess init journey.yaml` and
    `assess run journey.yaml` to walk a room through your own journey (or `assess handout`
    for a spreadsheet per person).

    \b
    Exit status:
      0    it worked
      1    bad input: the message names the file, line and field
      2    a mistake on the command line
      130  stopped with Ctrl-C (answers already given are kept; no half-written file)
    """


def questionnaire_option(command: Any) -> Any:
    return click.option(
        "--questionnaire",
        "questionnaire",
        type=EXISTING_FILE,
        help="Use this questionnaire file instead of the one the workshop names. A workshop "
        "may only name a questionnaire in its own folder; anything else must be given here.",
    )(command)


def load(path: Path, questionnaire: Path | None = None) -> Loaded:
    from assess.files.loader import load_workshop

    return load_workshop(path, questionnaire)


def in_language(loaded: Loaded, lang: str | None, said: set[str] | None = None) -> Loaded:
    """The workshop as read in its language: `lang` from --lang, else the workshop's
    `language:`, else English. The questionnaire's text comes from its translation and the
    numbers follow the language unless the workshop's economics name a locale. What the
    reader should know (no translation) is said once: not again if already in `said`."""
    from dataclasses import replace

    from assess.files import translation

    language = language_of(lang, loaded)
    questionnaire, notes = translation.in_language(loaded.questionnaire, loaded.source, language)
    for note in notes:
        if said is None or note not in said:
            echo_err(f"Note: {note}.")
        if said is not None:
            said.add(note)
    workshop = translation.localised(loaded.workshop, language)
    return replace(loaded, questionnaire=questionnaire, workshop=workshop)


def language_of(lang: str | None, loaded: Loaded | None = None) -> Language:
    """The language a command writes in: --lang, else the workshop's, else English."""
    from assess.files.catalogs import language

    chosen = lang or (loaded.workshop.language if loaded is not None else None)
    return language(chosen or "en")


def assess_loaded(loaded: Loaded) -> Assessment:
    from assess.method.scoring import assess

    return assess(loaded.questionnaire, loaded.workshop)


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def output_format(
    out: Path | None, fmt: str | None, known: dict[str, str], default: str, flag: str = "-o "
) -> str:
    """The format of an output: the one asked for, else the one its extension names. A known
    extension that contradicts --format, or an unknown one with no --format, is refused rather
    than writing a PDF named `.docx`. `flag` is how the message names the output."""
    from assess.errors import UsageProblem

    suffix = out.suffix.lower() if out is not None else ""
    implied = known.get(suffix)
    if fmt and implied and fmt != implied:
        raise UsageProblem(f"{flag}{out} ends in {suffix}, but --format is {fmt}; make them agree")
    if implied:
        return implied
    if suffix and out is not None:
        *first, last = dict.fromkeys(known)
        endings = f"{', '.join(first)} or {last}" if first else last
        if len(set(known.values())) == 1:
            raise UsageProblem(
                f"{flag}{out}: this command writes {default.upper()}; name it {endings}"
            )
        raise UsageProblem(
            f"{flag}{out}: this command does not write '{out.suffix}'; name it {endings}"
        )
    return fmt or default


def _robust_streams() -> None:
    # With PYTHONIOENCODING=ascii (or an old console) a name in another script must not crash
    # the program: characters the terminal cannot show are written as escapes instead.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _output_lost(exc: OSError, code: int | str | None = 0) -> NoReturn:
    """Standard output could not be written (`> /dev/full`): one line on stderr and exit 1,
    unless the command failed and said why already (`code`), or the reader closed the pipe
    (`| head`, not an error). Standard output then points at /dev/null, so the interpreter's
    last flush of what is still buffered neither fails again nor prints "Exception ignored"."""
    from assess.textsafety import for_terminal

    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    if code in (0, None) and not isinstance(exc, BrokenPipeError):
        with contextlib.suppress(OSError, ValueError):
            reason = for_terminal(exc.strerror or type(exc).__name__)
            sys.stderr.write(f"Error: {reason}\n")  # as for a command's own output
            sys.stderr.flush()
        code = 1
    sys.exit(code or 1)


#: Said when a command starts with its standard output closed (`assess --version >&-`).
OUTPUT_CLOSED = (
    "Error: standard output is closed; start assess with its output going to a terminal, a "
    "file or /dev/null (> /dev/null)"
)


def _output_closed() -> bool:
    """Whether the command was started with standard output closed (as a scheduler may):
    Python then has no sys.stdout, and the next file opened could take its place."""
    stream = sys.stdout
    if stream is None:
        return True
    try:
        os.fstat(stream.fileno())
    except (OSError, ValueError):
        return True
    return False


def main() -> None:
    if _output_closed():
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stderr.write(OUTPUT_CLOSED + "\n")
            sys.stderr.flush()
        sys.exit(1)
    _robust_streams()
    try:
        cli(prog_name="assess")
    except OSError as exc:  # --help or --version on a full disk
        _output_lost(exc)
    except SystemExit as done:
        # What is still buffered goes out now, while a failure can still be reported.
        try:
            sys.stdout.flush()
        except OSError as exc:
            _output_lost(exc, done.code)
        raise
