"""Touchpoints from a spreadsheet's CSV export, and a new workshop from them. Pure: text in,
rows and a document out."""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from assess.economics import MAX_MINUTES, MAX_VOLUME, amount
from assess.errors import InputError, Problem
from assess.files import editing
from assess.files.loader import identity
from assess.models import SCORE_MAX, SCORE_MIN, TOUCHPOINT_TEXT_MAX, Questionnaire
from assess.team.casecolumns import CASE_COLUMNS, case_cells
from assess.textsafety import clip, without_controls

TEXT_COLUMNS = tuple(TOUCHPOINT_TEXT_MAX)
#: Facts, not votes: contacts a month, and the minutes a person spends on one.
NUMBER_COLUMNS = ("volume", "handle_minutes")
#: 45000, 45,000, 45.000 or 45 000 (a spreadsheet's thousands separators); 6, 6.5 or 6,5.
_WHOLE = re.compile(r"\d+|\d{1,3}(?:([,. \u00a0])\d{3})(?:\1\d{3})*")
_DECIMAL = re.compile(r"\d+(?:[.,]\d+)?")


DELIMITERS = (",", ";", "\t")


def delimiter_of(text: str) -> str:
    """Comma, semicolon or tab, as spreadsheets write them (Excel in many European locales
    uses ;): whichever the header row has most of outside quotes. Quotes are always "."""
    first = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    outside = re.sub(r'"[^"]*"', "", first)
    counts = {d: outside.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=counts.__getitem__)
    return best if counts[best] else ","


@dataclass
class Imported:
    rows: list[dict[str, Any]]
    #: Things the user should know: control characters removed, and where.
    notes: list[str] = field(default_factory=list)


def _records(text: str, file: str) -> list[list[str]]:
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=delimiter_of(text), quotechar='"', strict=True
    )
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as exc:
        raise InputError(
            [
                Problem(
                    file,
                    f"row {len(records) + 1}: cannot be read as CSV ({exc}); is a quote "
                    "unbalanced? Save the sheet again as CSV UTF-8",
                )
            ]
        ) from None
    return records


def _header(row: list[str], file: str, allowed: list[str]) -> list[str]:
    header = [h.strip().lower() for h in row]
    if not any(h in allowed or difflib.get_close_matches(h, allowed, n=1) for h in header):
        # No column is one assess reads, or a typo of one: not a spreadsheet of touchpoints at
        # all (a symlink to /etc/passwd?). Say so, and never quote what it holds.
        others = ", ".join(c for c in allowed if c != "name")
        raise InputError(
            [
                Problem(
                    file,
                    "does not look like a spreadsheet of touchpoints: its first row names none "
                    f"of the columns; it needs a header row with 'name' (and any of {others})",
                )
            ]
        )
    problems = []
    for column in header:
        if column and column not in allowed:
            close = difflib.get_close_matches(column, allowed, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f" (allowed: {', '.join(allowed)})"
            problems.append(Problem(file, f"row 1: unknown column '{column[:40]}'{hint}"))
    for column in dict.fromkeys(h for h in header if h):
        places = [str(i + 1) for i, h in enumerate(header) if h == column]
        if len(places) > 1:
            problems.append(
                Problem(
                    file,
                    f"row 1: column '{column}' appears {len(places)} times "
                    f"(columns {', '.join(places)}); keep one",
                )
            )
    if "name" not in header:
        problems.append(Problem(file, "row 1: the column 'name' is required"))
    if problems:
        raise InputError(problems)
    return header


def _score(raw: str) -> int | None:
    """The answer a cell holds ("3", "+3"), or None. The text is checked before it becomes a
    number, so a cell of thousands of digits is refused, not converted (Python refuses to
    convert more than 4,300)."""
    digits = raw.removeprefix("+")
    if digits.isascii() and digits.isdigit() and len(digits) <= len(str(SCORE_MAX)):
        value = int(digits)
        if SCORE_MIN <= value <= SCORE_MAX and str(value) == digits:
            return value
    return None


def _text_cells(
    cells: dict[str, str], number: int, file: str, cleaned: list[str]
) -> tuple[dict[str, Any], list[Problem]]:
    item: dict[str, Any] = {}
    problems = []
    for column, limit in TOUCHPOINT_TEXT_MAX.items():
        value, removed = without_controls(cells.get(column, ""))
        if removed:
            cleaned.append(f"row {number}, column '{column}'")
        value = value.strip()
        if len(value) > limit:
            problems.append(
                Problem(
                    file,
                    f"row {number}, column '{column}': is {len(value):,} characters long; "
                    f"the limit is {limit:,}",
                )
            )
        if value:
            item[column] = value
    return item, problems


def _duplicates(
    item: dict[str, Any], number: int, file: str, seen: dict[str, dict[str, tuple[int, str]]]
) -> list[Problem]:
    """An id or name already given on an earlier row (ignoring case and spaces)."""
    problems = []
    for what in ("id", "name"):
        key = identity(item.get(what, ""))
        if not key:
            continue
        if key in seen[what]:
            first, spelled = seen[what][key]
            alike = "" if item[what] == spelled else " (ignoring case and spaces)"
            problems.append(
                Problem(file, f"row {number}, column '{what}': duplicate of row {first}{alike}")
            )
        else:
            seen[what][key] = (number, item[what])
    return problems


def _scores(
    cells: dict[str, str], number: int, file: str, dimensions: Sequence[str]
) -> tuple[dict[str, int], list[Problem]]:
    scores, problems = {}, []
    for dim in dimensions:
        raw = cells.get(dim, "")
        if not raw:
            continue
        score = _score(raw)
        if score is None:
            problems.append(
                Problem(
                    file,
                    f"row {number}, column '{dim}': must be a whole number "
                    f"from {SCORE_MIN} to {SCORE_MAX}, got '{clip(raw)}'",
                )
            )
        else:
            scores[dim] = score
    return scores, problems


def parse_number(raw: str, whole: bool) -> int | float:
    """A volume (whole) or a handle time as a spreadsheet or a person writes it, within the
    workshop file's bounds; a ValueError says what is allowed."""
    pattern, low, high = (_WHOLE, 1, MAX_VOLUME) if whole else (_DECIMAL, 0, MAX_MINUTES)
    if not raw.isascii() or not pattern.fullmatch(raw) or len(raw) > 20:
        amount(None, low, high, whole, above=not whole)  # raises the file's own message
    digits = re.sub(r"[,. \u00a0]", "", raw) if whole else raw.replace(",", ".")
    found: int | float = amount(
        int(digits) if whole else float(digits), low, high, whole, not whole
    )
    return found


def _numbers(
    cells: dict[str, str], number: int, file: str
) -> tuple[dict[str, int | float], list[Problem]]:
    """Volume and handle time, checked as the workshop file checks them."""
    found: dict[str, int | float] = {}
    problems = []
    for column in NUMBER_COLUMNS:
        raw = cells.get(column, "")
        if not raw:
            continue
        try:
            found[column] = parse_number(raw, whole=column == "volume")
        except ValueError as exc:
            problems.append(
                Problem(file, f"row {number}, column '{column}': {exc} (got '{raw[:40]}')")
            )
    return found, problems


def _cleaned_note(cleaned: Sequence[str]) -> list[str]:
    if not cleaned:
        return []
    more = f" and {len(cleaned) - 5} more" if len(cleaned) > 5 else ""
    shown = ", ".join(cleaned[:5]) + more
    return [f"control characters (invisible, not text) were removed from {shown}."]


def parse_csv(text: str, file: str, questionnaire: Questionnaire) -> Imported:
    """Touchpoints from a spreadsheet export; every problem names its row and column. Cells
    are text as written (an id 007 stays 007); control characters are removed with a note."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError([Problem(file, "is empty; expected a header row with at least 'name'")])
    return parse_rows(_records(text, file), file, questionnaire)


def parse_rows(
    records: Sequence[Sequence[str]], file: str, questionnaire: Questionnaire
) -> Imported:
    """Touchpoints from a sheet's rows as text (row 1: the header), by the rules of
    :func:`parse_csv`; a spreadsheet's rows go through here too, so both take the same columns."""
    if not records or not any(cell.strip() for cell in records[0]):
        raise InputError([Problem(file, "is empty; expected a header row with at least 'name'")])
    header = _header(
        list(records[0]),
        file,
        [*TEXT_COLUMNS, *NUMBER_COLUMNS, *CASE_COLUMNS, *questionnaire.dimension_ids],
    )
    problems: list[Problem] = []
    cleaned: list[str] = []
    touchpoints: list[dict[str, Any]] = []
    seen: dict[str, dict[str, tuple[int, str]]] = {"id": {}, "name": {}}
    for number, row in enumerate(records[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            problems.append(
                Problem(
                    file,
                    f"row {number}: has {len(row)} cells but the header has "
                    f"{len(header)}; is a delimiter inside an unquoted cell?",
                )
            )
            continue
        cells = {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header) if h}
        item, too_long = _text_cells(cells, number, file, cleaned)
        problems += too_long
        if not item.get("name"):
            problems.append(Problem(file, f"row {number}, column 'name': is empty"))
        problems += _duplicates(item, number, file, seen)
        scores, wrong = _scores(cells, number, file, questionnaire.dimension_ids)
        problems += wrong
        numbers, wrong = _numbers(cells, number, file)
        problems += wrong
        item.update(numbers)
        case, wrong = case_cells(cells, number, file)  # the business case's columns (issue 27)
        problems += wrong
        item.update(case)
        if scores:
            item["scores"] = scores
        touchpoints.append(item)
    if problems:
        raise InputError(problems)
    return Imported(touchpoints, _cleaned_note(cleaned))


def workshop_from_rows(
    title: str, questionnaire: str, rows: Sequence[dict[str, Any]], dimensions: Sequence[str]
) -> CommentedMap:
    doc = editing.new_document(title, questionnaire=questionnaire)
    for row in rows:
        index = editing.add_touchpoint(doc, {k: v for k, v in row.items() if k != "scores"})
        for dim, value in row.get("scores", {}).items():
            editing.set_score(doc, index, dim, value, dimensions)
    if not rows:
        doc["touchpoints"] = CommentedSeq()
    return doc
