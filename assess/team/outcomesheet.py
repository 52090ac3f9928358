"""Outcomes typed on the command line or kept in a spreadsheet (issue 28), checked before any is
written. Pure: text in, an outcome's fields out, each problem naming the option or the row and
column; the checks are the workshop file's own (:mod:`assess.plans`).

A spreadsheet of outcomes has the columns of ``assess outcome``'s options: ``name`` (the
touchpoint, required), ``date`` (``YYYY-MM``, required), ``volume``, ``handle_minutes``,
``staffed_share``, ``kpi`` and ``note``. Numbers are read as a spreadsheet writes them
(``41.000``, ``5,5``, ``25%``); a KPI is a number in the KPI's own unit (``38`` or ``38%``).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from assess.errors import InputError, Problem
from assess.journeys import Workshop
from assess.models import LONG_TEXT_MAX
from assess.plans import MEASURES, Outcome, a_month
from assess.team.casecolumns import parse_share
from assess.team.columns import header_key, parse_number
from assess.team.csvimport import Place
from assess.team.plancolumns import parse_kpi
from assess.textsafety import clip, without_controls

#: The columns of a sheet of outcomes, in the order of `assess outcome`'s options.
COLUMNS = ("name", "date", *MEASURES, "note")
#: Where a problem goes: the column (or option) and what is wrong.
Report = Callable[[str, str], None]


def parse_note(raw: str) -> str:
    text = without_controls(raw)[0].strip()
    if len(text) > LONG_TEXT_MAX:
        raise ValueError(f"is {len(text):,} characters long; the limit is {LONG_TEXT_MAX:,}")
    return text


READERS: dict[str, Callable[[str], Any]] = {
    "date": a_month,
    "volume": lambda raw: parse_number(raw, whole=True),
    "handle_minutes": lambda raw: parse_number(raw, whole=False),
    "staffed_share": parse_share,
    "kpi": parse_kpi,
    "note": parse_note,
}


def outcome_fields(cells: Mapping[str, str | None], problem: Report) -> dict[str, Any] | None:
    """An outcome's fields from text (an option or a cell per field), checked as the workshop
    file checks them; None where a problem was reported."""
    found: dict[str, Any] = {}
    ok = True
    for key, read in READERS.items():
        raw = (cells.get(key) or "").strip()
        if not raw:
            continue
        try:
            found[key] = read(raw)
        except ValueError as exc:
            got = "" if ", got " in str(exc) else f" (got '{clip(raw, 40)}')"
            problem(key, f"{exc}{got}")
            ok = False
    if not ok:
        return None
    if "date" not in found:
        problem("date", "is required: the month measured, YYYY-MM (such as 2027-06)")
        return None
    try:
        Outcome.model_validate(found)
    except ValidationError as exc:
        message = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        problem(", ".join(MEASURES), message)
        return None
    # Written as typed: 38, not 38.0.
    return {k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in found.items()}


def find_touchpoint(workshop: Workshop, name: str) -> int | None:
    """A touchpoint by its name or id, ignoring case and surrounding space (as the loader
    counts them)."""
    wanted = name.strip().casefold()
    for by in ("name", "id"):
        for i, tp in enumerate(workshop.touchpoints):
            value = getattr(tp, by)
            if value is not None and value.strip().casefold() == wanted:
                return i
    return None


def not_found(workshop: Workshop, name: str) -> str:
    names = [tp.name for tp in workshop.touchpoints]
    close = difflib.get_close_matches(name, names, n=1)
    hint = f"did you mean '{clip(close[0], 60)}'?" if close else "check its name in the file"
    return f"'{clip(name, 60)}' is not a touchpoint of this workshop; {hint}"


def already_measured(workshop: Workshop, index: int, month: str) -> bool:
    return any(o.date == month for o in workshop.touchpoints[index].outcomes)


def kpi_missing(workshop: Workshop, index: int, fields: Mapping[str, Any]) -> str | None:
    """A KPI measured for a touchpoint without a `kpi` to measure it against."""
    tp = workshop.touchpoints[index]
    if "kpi" not in fields or tp.kpi is not None:
        return None
    return (
        f"'{clip(tp.name, 60)}' has no kpi to measure against; give it one first "
        "(kpi: {name, unit, baseline, target}, or in assess run)"
    )


@dataclass(frozen=True)
class Row:
    """One outcome of a sheet: the touchpoint it is for, and its fields."""

    touchpoint: int
    fields: dict[str, Any]


def _header(row: Sequence[str], file: str, place: Place) -> list[str]:
    header = [header_key(h) for h in row]
    problems = []
    for i, column in enumerate(header):
        if column and column not in COLUMNS:
            close = difflib.get_close_matches(column, COLUMNS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f" (allowed: {', '.join(COLUMNS)})"
            problems.append(Problem(file, f"{place(1, column, i)}: unknown column{hint}"))
    for needed in ("name", "date"):
        if needed not in header:
            problems.append(Problem(file, f"{place(1)}: the column '{needed}' is required"))
    if problems:
        raise InputError(problems)
    return header


def outcome_rows(
    records: Sequence[Sequence[str]], file: str, workshop: Workshop, place: Place | None = None
) -> list[Row]:
    """Every outcome of a sheet, each checked and matched to a touchpoint of the workshop;
    every problem at once (its row and column), so nothing is written unless all are right."""
    place = place or Place()
    if not records:
        raise InputError([Problem(file, "is empty; expected a header row with name and date")])
    header = _header(records[0], file, place)
    problems: list[Problem] = []
    found: list[Row] = []
    seen: set[tuple[int, str]] = set()
    for number, cells in enumerate(records[1:], 2):
        if not any(c.strip() for c in cells):
            continue
        row = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header) if h}

        def problem(column: str, message: str, number: int = number) -> None:
            at = header.index(column) if column in header else None
            problems.append(Problem(file, f"{place(number, column, at)}: {message}"))

        index = find_touchpoint(workshop, row.get("name", ""))
        if index is None:
            problem("name", not_found(workshop, row.get("name", "")))
        fields = outcome_fields(row, problem)
        if index is None or fields is None:
            continue
        month = fields["date"]
        if missing := kpi_missing(workshop, index, fields):
            problem("kpi", missing)
        elif (index, month) in seen or already_measured(workshop, index, month):
            problem(
                "date",
                f"'{clip(workshop.touchpoints[index].name, 60)}' already has an "
                f"outcome for {month}; keep one outcome a month",
            )
            continue
        seen.add((index, month))
        found.append(Row(index, fields))
    if problems:
        raise InputError(problems)
    return found
