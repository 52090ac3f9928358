"""Read and check workshop and questionnaire files.

``read_*`` functions touch the file system and turn OS and YAML errors into
:class:`~assess.errors.InputError`; ``parse_*`` functions take plain data (dicts and
lists, or ruamel's round-trip versions of them, which also know their line numbers)
and return typed models, collecting every problem rather than stopping at the first.
"""

from __future__ import annotations

import difflib
import gc
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from assess.errors import InputError, NotFoundError, Problem, UsageProblem
from assess.files import resources
from assess.files.brand import Brand, brand_path, read_brand
from assess.files.problems import Context, as_mapping, raw_touchpoints, validate
from assess.files.reading import inside, read_text
from assess.files.workbook import not_a_workshop
from assess.files.yamlio import as_written, load_data
from assess.journeys import JourneyTemplate, Touchpoint, Workshop
from assess.method.calibration import check_questionnaire
from assess.method.plan import plan_problems
from assess.method.valuecheck import check_business_case, keep_human_shares
from assess.models import Questionnaire
from assess.textsafety import clip

# --- questionnaires ------------------------------------------------------------------------


def parse_questionnaire(data: Any, file: str) -> Questionnaire:
    expected = "a questionnaire (name, version, dimensions, ...)"
    ctx = Context(file, as_mapping(data, file, expected))
    if "dimensions" not in ctx.data:
        # Name the file, never its content: it may be any file a workshop pointed at.
        raise InputError([Problem(file, f"is not {expected}: it has no 'dimensions'")])
    questionnaire, problems = validate(Questionnaire, ctx.data, ctx, {})
    if questionnaire is None:
        raise InputError(problems)
    for found in (*check_questionnaire(questionnaire), *check_business_case(questionnaire)):
        problems.append(ctx.problem(found.path, found.message, where=found.where))
    if problems:
        raise InputError(problems)
    return questionnaire  # type: ignore[no-any-return]


def read_questionnaire(path: Path) -> Questionnaire:
    return parse_questionnaire(load_data(read_text(path), str(path)), str(path))


@cache
def bundled_questionnaire(name: str) -> Questionnaire:
    """A bundled questionnaire, read once per process (models are frozen)."""
    entry = resources.bundled_questionnaires()[name]
    file = f"<bundled {name}>"
    return parse_questionnaire(load_data(entry.read_text(encoding="utf-8"), file), file)


class UnsafePath(NotFoundError):
    """A questionnaire path in a workshop that leads outside the workshop's folder."""


def questionnaire_path(ref: str, folder: Path) -> Path:
    """Where a workshop's questionnaire file is, refusing any path that leaves the workshop's
    folder: a workshop received from someone else must not make assess read local files."""
    path = Path(ref)
    if path.is_absolute() or ref.startswith("~"):
        raise UnsafePath(
            f"questionnaire '{clip(ref)}' is an absolute path; a workshop may only name a "
            "questionnaire in its own folder (or pass --questionnaire on the command line)"
        )
    found = inside(folder, ref)
    if found is None:
        raise UnsafePath(
            f"questionnaire '{clip(ref)}' leads outside the workshop's folder; a workshop may "
            "only name a questionnaire in its own folder (or pass --questionnaire on the "
            "command line)"
        )
    return found


def resolve_questionnaire(ref: str, relative_to: Path) -> Questionnaire:
    """A bundled questionnaire by name, or a file inside the folder of the workshop that names
    it."""
    bundled = resources.bundled_questionnaires()
    if ref in bundled:
        return bundled_questionnaire(ref)
    path = questionnaire_path(ref, relative_to)
    if not path.is_file():
        close = difflib.get_close_matches(ref, list(bundled), n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"bundled: {', '.join(bundled)}"
        raise NotFoundError(
            f"no bundled questionnaire named '{clip(ref)}' and no file {clip(str(path), 80)}; "
            f"{hint}"
        )
    return read_questionnaire(path)


# --- workshops -----------------------------------------------------------------------------


def parse_workshop(data: Any, file: str) -> Workshop:
    """Check a workshop's own structure (not yet its scores against a questionnaire)."""
    ctx = Context(file, as_mapping(data, file, "a workshop (title, touchpoints, ...)"))
    workshop, problems = validate(Workshop, ctx.data, ctx, {"touchpoints": Touchpoint})
    problems += _duplicates(ctx)
    if workshop is not None:  # the plan's names and outcomes, across touchpoints (issue 28)
        problems += [ctx.problem(p.loc, p.message) for p in plan_problems(workshop)]
    if problems:
        raise InputError(problems)
    return workshop  # type: ignore[no-any-return]


def identity(text: object) -> str:
    """What makes two ids or names the same touchpoint, in every command: case and surrounding
    space do not count ("Refund" and " refund" are one touchpoint)."""
    return str(as_written(text)).strip().casefold()


def _duplicates(ctx: Context) -> list[Problem]:
    """Touchpoints are identified by `id`, else by name, and the identity must be unique. Case
    and surrounding space do not count, or merge and compare could not tell them apart."""
    problems = []
    seen: dict[str, tuple[int, str]] = {}
    for i, tp in raw_touchpoints(ctx.data):
        field = "id" if tp.get("id") not in (None, "") else "name"
        value = tp.get(field)
        if not isinstance(value, str | int | float) or not (key := identity(value)):
            continue
        if key in seen:
            first, spelled = seen[key]
            alike = "" if str(as_written(value)) == spelled else " (ignoring case and spaces)"
            hint = "" if field == "id" else "; give one of them a unique `id`"
            problems.append(
                ctx.problem(
                    ("touchpoints", i, field),
                    f"duplicate touchpoint: same {field} as touchpoint #{first + 1}{alike}{hint}",
                )
            )
        else:
            seen[key] = (i, str(as_written(value)))
    return problems


def check_dimensions(data: Any, questionnaire: Questionnaire, file: str) -> list[Problem]:
    """Every score and vote must name a dimension of the questionnaire. Works on the raw
    document, so it reports alongside structural problems rather than after them."""
    ctx = Context(file, data)
    known = questionnaire.dimension_ids

    def unknown(dim: object) -> str:
        close = difflib.get_close_matches(str(dim), known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(known)}"
        return f"unknown dimension '{clip(str(dim))}' in questionnaire {questionnaire.name}; {hint}"

    problems = []
    for i, tp in raw_touchpoints(data):
        for key in ("scores", "settled"):  # answers, and the room's decisions on splits
            answers = tp.get(key)
            for dim in answers if isinstance(answers, Mapping) else ():
                if dim not in known:
                    problems.append(ctx.problem(("touchpoints", i, key, dim), unknown(dim)))
        problems += _check_votes(ctx, questionnaire, i, tp.get("votes"), unknown)
        problems += _check_inputs(ctx, questionnaire, i, tp.get("inputs"))
    return problems


def _check_votes(
    ctx: Context, q: Questionnaire, i: int, votes: Any, unknown: Callable[[object], str]
) -> list[Problem]:
    """A person's votes name dimensions (whole numbers) or optional questions (options)."""
    problems = []
    for person, ballot in votes.items() if isinstance(votes, Mapping) else ():
        for dim, value in ballot.items() if isinstance(ballot, Mapping) else ():
            loc = ("touchpoints", i, "votes", person, dim)
            if dim in q.input_ids:
                problems += _check_inputs(ctx, q, i, {dim: value}, loc)
            elif dim not in q.dimension_ids:
                problems.append(ctx.problem(loc, unknown(dim) + _or_questions(q)))
            elif isinstance(value, str):
                problems.append(ctx.problem(loc, f"must be a whole number, got '{clip(value)}'"))
    return problems


def _or_questions(q: Questionnaire) -> str:
    return f"; or an optional question: {', '.join(q.input_ids)}" if q.input_ids else ""


def _check_inputs(
    ctx: Context, q: Questionnaire, i: int, inputs: Any, at: tuple[Any, ...] | None = None
) -> list[Problem]:
    """Answers to optional questions (in `inputs`, or a person's in `votes`) must name a
    question and one of its options."""
    problems = []
    for key, option in inputs.items() if isinstance(inputs, Mapping) else ():
        loc = at or ("touchpoints", i, "inputs", key)
        if key in q.input_ids and not isinstance(option, str):
            options = ", ".join(q.optional_input(key).option_ids)
            problems.append(ctx.problem(loc, f"must be one of the options ({options})"))
            continue
        if key not in q.input_ids:
            known = ", ".join(q.input_ids) or "none"
            problems.append(
                ctx.problem(loc, f"unknown optional question '{clip(str(key))}' (known: {known})")
            )
        elif isinstance(option, str) and option not in q.optional_input(key).option_ids:
            options = ", ".join(q.optional_input(key).option_ids)
            problems.append(
                ctx.problem(loc, f"'{clip(option)}' is not an option (options: {options})")
            )
    return problems


@dataclass(frozen=True)
class Loaded:
    path: Path
    data: Any  # the round-trip document, for tools that edit and save it
    workshop: Workshop
    questionnaire: Questionnaire
    #: Where the questionnaire came from: a bundled one's name, or its file (its translations
    #: are beside it; see assess.files.translation).
    source: Path | str = "default"


def load_workshop(path: Path, questionnaire: Path | None = None) -> Loaded:
    """Read and check a workshop. `questionnaire`, given on the command line, replaces the
    one the workshop names and may be anywhere: the user chose it."""
    file = str(path)
    not_a_workshop(path)
    with collector_paused():
        data = load_data(read_text(path), file)
        return check_value(check_workshop(data, file, path.parent, questionnaire))


def check_value(loaded: Loaded) -> Loaded:
    """A touchpoint's own `share` on a keep-human verdict is refused; not checked while a room
    edits the file (`assess run`), so a score that turns a moment human never stops it."""
    where = Context(str(loaded.path), loaded.data)
    problems = [
        where.problem(("touchpoints", i, "share"), message)
        for i, message in keep_human_shares(loaded.questionnaire, loaded.workshop)
    ]
    if problems:
        raise InputError(problems)
    return loaded


@contextmanager
def collector_paused() -> Iterator[None]:
    """Building a large workshop makes millions of objects and no reference cycles, so Python's
    cycle collector would only scan them again and again (a third of the time at 100,000
    touchpoints). It is paused while a file is read and checked, then moved out of its way."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()  # what was just built lives as long as the command: stop scanning it
            gc.enable()


def check_workshop(
    data: Any, file: str, folder: Path, questionnaire_file: Path | None = None
) -> Loaded:
    """Parse a workshop document and check it against its questionnaire, reporting every
    problem of both kinds at once, in the order of the file's lines."""
    problems: list[Problem] = []
    workshop: Workshop | None = None
    try:
        workshop = parse_workshop(data, file)
    except InputError as exc:
        problems += exc.problems
    ref = workshop.questionnaire if workshop else _raw_questionnaire(data, problems)
    questionnaire: Questionnaire | None = None
    source: Path | str = "default"
    if questionnaire_file is not None:
        questionnaire = read_questionnaire(questionnaire_file)
        source = questionnaire_file
    elif isinstance(ref, str) and ref.strip():
        try:
            questionnaire = resolve_questionnaire(ref.strip(), folder)
            source = _source(ref.strip(), folder)
        except NotFoundError as exc:
            problems.append(Context(file, data).problem(("questionnaire",), str(exc)))
        except InputError as exc:
            problems += exc.problems
    if questionnaire is not None:
        problems += check_dimensions(data, questionnaire, file)
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.file != file, p.line or 0)))
    assert workshop is not None and questionnaire is not None
    return Loaded(Path(file), data, workshop, questionnaire, source)


def _source(ref: str, folder: Path) -> Path | str:
    """Where a questionnaire a workshop names (and found) is: bundled, or its file."""
    return ref if ref in resources.bundled_questionnaires() else questionnaire_path(ref, folder)


def _raw_questionnaire(data: Any, problems: list[Problem]) -> Any:
    """The questionnaire a workshop that did not parse names, to check its scores all the same;
    None when the name itself is one of the problems (said once is enough)."""
    if any(p.field == "questionnaire" for p in problems):
        return None
    return data.get("questionnaire", "default") if isinstance(data, Mapping) else "default"


def brand_of(loaded: Loaded, override: Path | None = None) -> Brand | None:
    """The brand a report uses: the one given on the command line, else the one the workshop
    names. A brand the workshop names that is not there is reported where it is named
    (`workshop.yaml:2: field 'brand'`), like a missing questionnaire."""
    if override is not None:
        return read_brand(override)
    ref = loaded.workshop.brand
    if not ref:
        return None
    where = Context(str(loaded.path), loaded.data)
    try:
        path = brand_path(ref, loaded.path.parent)
    except NotFoundError as exc:
        raise InputError([where.problem(("brand",), str(exc))]) from None
    if not path.is_file():
        raise InputError(
            [where.problem(("brand",), f"no brand file '{clip(ref)}' in the workshop's folder")]
        )
    return read_brand(path)


def load_demo(language: str | None = None) -> Loaded:
    """The example behind `assess demo`, in `language` where it is written in it."""
    entry = resources.demo_workshop(language)
    data = load_data(entry.read_text(encoding="utf-8"), "<bundled demo>")
    return check_value(check_workshop(data, "<bundled demo>", Path(".")))


def looks_like_journey(data: Any) -> bool:
    """A journey template has a name and touchpoints, and no title (a workshop's mark)."""
    return (
        isinstance(data, Mapping) and "title" not in data and {"name", "touchpoints"} <= set(data)
    )


def parse_journey(data: Any, file: str) -> JourneyTemplate:
    """A journey template, checked like a workshop's touchpoints: every problem at once."""
    ctx = Context(file, as_mapping(data, file, "a journey (name, description, touchpoints)"))
    template, problems = validate(JourneyTemplate, ctx.data, ctx, {})
    if template is None or problems:
        raise InputError(problems)
    return template  # type: ignore[no-any-return]


def journey_templates(language: str | None = None) -> dict[str, JourneyTemplate]:
    """The bundled journey templates by id (the file's stem); with `language`, those written
    in it (`retail-ecommerce.de.yaml`), by the id of the template they translate."""
    templates = {}
    for key, entry in resources.journey_templates(language).items():
        file = f"<bundled journey {entry.name}>"
        templates[key] = parse_journey(load_data(entry.read_text(encoding="utf-8"), file), file)
    return templates


def journey_template(name: str, language: str | None = None) -> JourneyTemplate:
    """A bundled journey template by name, in `language` where it is written in it (else the
    English one); a typo gets a suggestion."""
    templates = journey_templates()
    if name in templates:
        return (
            journey_templates(language).get(name, templates[name]) if language else templates[name]
        )
    close = [k for k in templates if k.startswith(name.lower())] if name else []
    close = close or difflib.get_close_matches(name, list(templates), n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"bundled: {', '.join(templates)}"
    raise UsageProblem(f"--journey: no journey template named '{clip(name)}'; {hint}")
