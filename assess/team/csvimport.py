"""Touchpoints from a spreadsheet's rows (a CSV export or a workbook's sheet), and a new
workshop from them. Pure: text in, rows and a document out. Every problem names the row and
the column, and in a workbook the sheet and the cell.

The columns are the table in :mod:`assess.team.columns`; the cells that answer a question are
read by :mod:`assess.team.labels`, so a CSV saved from a filled handout (its cells hold the
drop-downs' labels) reads as the workbook does.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from assess.errors import InputError, Problem
from assess.files import editing
from assess.files.loader import identity
from assess.files.opendocument import column_letter
from assess.models import TOUCHPOINT_TEXT_MAX, Questionnaire
from assess.team import labels
from assess.team.casecolumns import case_cells
from assess.team.columns import (
    FACTS,
    NOTE,
    REF,
    TEXT_COLUMNS,
    WORKSHOP,
    allowed,
    header_key,
    parse_number,
    questions,
)
from assess.team.plancolumns import after_problems, plan_cells
from assess.textsafety import clip, without_controls

__all__ = ["TEXT_COLUMNS", "Imported", "Place", "parse_csv", "parse_number", "parse_rows"]

DELIMITERS = (",", ";", "\t")
#: How to save a CSV that assess reads, in the two programs people use.
SAVE_CSV = "save it again as 'CSV UTF-8' (Excel) or 'Text CSV, UTF-8' (LibreOffice)"


@dataclass(frozen=True)
class Place:
    """Where a cell is, said the way a spreadsheet shows it: a CSV's row and column, or a
    workbook's sheet, row, column and cell."""

    sheet: str | None = None

    def __call__(self, row: int, column: str | None = None, index: int | None = None) -> str:
        where = f"sheet '{clip(self.sheet)}', row {row}" if self.sheet else f"row {row}"
        if column is None:
            return where
        where += f", column '{clip(column, 40)}'"
        if self.sheet and index is not None:
            where += f" (cell {column_letter(index + 1)}{row})"
        return where


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
    #: Each row's number in the sheet, and where each column is (for "cell G4").
    numbers: list[int] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)
    place: Place = field(default_factory=Place)

    def cell(self, index: int, column: str) -> str:
        """Where the cell of a row's column is: "row 4, column 'scale'" or with "(cell G4)"."""
        return self.place(self.numbers[index], column, self.columns.get(column))


def _records(text: str, file: str) -> list[list[str]]:
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=delimiter_of(text), quotechar='"', strict=True
    )
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as exc:
        why = (
            f"a cell holds more than {csv.field_size_limit():,} characters"
            if "larger" in str(exc)
            else 'a quote (") in a cell is not closed, or text follows a closing quote'
        )
        raise InputError(
            [
                Problem(
                    file,
                    f"row {len(records) + 1}: cannot be read: {why}; fix that cell, or {SAVE_CSV}",
                )
            ]
        ) from None
    return records


def csv_records(text: str, file: str) -> list[list[str]]:
    """A CSV's rows as text, read as the import reads them (for a sheet of other columns)."""
    return _records(text.removeprefix("\ufeff"), file)


def _header(row: list[str], file: str, place: Place, known: list[str]) -> list[str]:
    header = [header_key(h) for h in row]
    if not any(h in known or difflib.get_close_matches(h, known, n=1) for h in header):
        # No column is one assess reads, or a typo of one: not a spreadsheet of touchpoints at
        # all (a symlink to /etc/passwd?). Say so, and never quote what it holds.
        raise InputError([Problem(file, not_touchpoints(place, known))])
    problems = []
    for i, column in enumerate(header):
        if column and column not in known:
            close = difflib.get_close_matches(column, known, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f" (allowed: {', '.join(known)})"
            problems.append(Problem(file, f"{place(1, column, i)}: unknown column{hint}"))
    for column in dict.fromkeys(h for h in header if h):
        places = [str(i + 1) for i, h in enumerate(header) if h == column]
        if len(places) > 1:
            problems.append(
                Problem(
                    file,
                    f"{place(1)}: column '{column}' appears {len(places)} times "
                    f"(columns {', '.join(places)}); keep one",
                )
            )
    if "name" not in header:
        problems.append(Problem(file, f"{place(1)}: the column 'name' is required"))
    if problems:
        raise InputError(problems)
    return header


def not_touchpoints(place: Place, known: Sequence[str]) -> str:
    shown = [c for c in known if c not in ("name", REF, WORKSHOP) and not c.endswith(NOTE)]
    others = ", ".join(shown)
    first = f"the first row of sheet '{clip(place.sheet)}'" if place.sheet else "its first row"
    return (
        f"does not look like a spreadsheet of touchpoints: {first} names none of the columns; "
        f"it needs a header row with 'name' (and any of {others})"
    )


class _Row:
    """One row's cells by column, and the problems found reading them."""

    def __init__(
        self, cells: dict[str, str], number: int, file: str, place: Place, at: dict[str, int]
    ):
        self.cells, self.number, self.file, self.place, self.at = cells, number, file, place, at
        self.problems: list[Problem] = []

    def problem(self, column: str, message: str) -> None:
        where = self.place(self.number, column, self.at.get(column))
        self.problems.append(Problem(self.file, f"{where}: {message}"))


def _text_cells(row: _Row, cleaned: list[str]) -> dict[str, Any]:
    item: dict[str, Any] = {}
    for column, limit in TOUCHPOINT_TEXT_MAX.items():
        value = _text(row, column, limit, cleaned)
        if value:
            item[column] = value
    return item


def _text(row: _Row, column: str, limit: int, cleaned: list[str]) -> str:
    value, removed = without_controls(row.cells.get(column, ""))
    if removed:
        cleaned.append(row.place(row.number, column, row.at.get(column)))
    value = value.strip()
    if len(value) > limit:
        row.problem(column, f"is {len(value):,} characters long; the limit is {limit:,}")
    return value


def _duplicates(
    row: _Row, item: dict[str, Any], seen: dict[str, dict[str, tuple[int, str]]]
) -> None:
    """An id or name already given on an earlier row (ignoring case and spaces)."""
    for what in ("id", "name"):
        key = identity(item.get(what, ""))
        if not key:
            continue
        if key in seen[what]:
            first, spelled = seen[what][key]
            alike = "" if item[what] == spelled else " (ignoring case and spaces)"
            row.problem(what, f"duplicate of row {first}{alike}")
        else:
            seen[what][key] = (row.number, item[what])


def _answers(row: _Row, q: Questionnaire) -> tuple[dict[str, int], dict[str, str]]:
    """The row's scores (by dimension) and answers to optional questions (by option id)."""
    scores: dict[str, int] = {}
    inputs: dict[str, str] = {}
    for dim in q.dimensions:
        if raw := row.cells.get(dim.id, ""):
            try:
                scores[dim.id] = labels.read_answer(raw, dim)
            except ValueError as exc:
                row.problem(dim.id, str(exc))
    for question in q.inputs:
        if raw := row.cells.get(question.id, ""):
            try:
                inputs[question.id] = labels.read_option(raw, question)
            except ValueError as exc:
                row.problem(question.id, str(exc))
    return scores, inputs


def _facts(row: _Row) -> dict[str, int | float]:
    """Volume, handle time and the other facts, checked as the workshop file checks them."""
    found: dict[str, int | float] = {}
    for column, fact in FACTS.items():
        if raw := row.cells.get(column, ""):
            try:
                found[column] = fact.read(raw)
            except ValueError as exc:
                # The file's own message may already say what it got (a number); text is quoted.
                got = "" if ", got " in str(exc) else f" (got '{clip(labels.shown(raw), 40)}')"
                row.problem(column, f"{exc}{got}")
    return found


def _question_notes(row: _Row, q: Questionnaire, cleaned: list[str]) -> dict[str, str]:
    notes = {}
    for question in questions(q):
        if text := _text(row, question + NOTE, TOUCHPOINT_TEXT_MAX["notes"], cleaned):
            notes[question] = text
    return notes


def _cleaned_note(cleaned: Sequence[str]) -> list[str]:
    if not cleaned:
        return []
    more = f" and {len(cleaned) - 5} more" if len(cleaned) > 5 else ""
    shown = "; ".join(cleaned[:5]) + more
    return [f"control characters (invisible, not text) were removed from {shown}."]


def parse_csv(text: str, file: str, questionnaire: Questionnaire) -> Imported:
    """Touchpoints from a spreadsheet export; every problem names its row and column. Cells
    are text as written (an id 007 stays 007); control characters are removed with a note."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError([Problem(file, "is empty; expected a header row with at least 'name'")])
    return parse_rows(_records(text, file), file, questionnaire)


def parse_rows(
    records: Sequence[Sequence[str]],
    file: str,
    questionnaire: Questionnaire,
    place: Place = Place(),
) -> Imported:
    """Touchpoints from a sheet's rows as text (row 1: the header), by the rules of
    :func:`parse_csv`; a workbook's rows go through here too, so both take the same columns.
    Each row holds the touchpoint's fields, its `scores` and `inputs`, its `question_notes`,
    and the handout's `ref` and `workshop` where given."""
    if not records or not any(cell.strip() for cell in records[0]):
        empty = f"sheet '{clip(place.sheet)}' is empty" if place.sheet else "is empty"
        raise InputError([Problem(file, f"{empty}; expected a header row with at least 'name'")])
    header = _header(list(records[0]), file, place, allowed(questionnaire))
    at = {h: i for i, h in enumerate(header) if h}
    problems: list[Problem] = []
    cleaned: list[str] = []
    imported = Imported([], columns=at, place=place)
    seen: dict[str, dict[str, tuple[int, str]]] = {"id": {}, "name": {}}
    for number, cells in enumerate(records[1:], 2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            problems.append(Problem(file, _beyond(place, number, len(cells), len(header))))
            continue
        row = _Row(
            {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header) if h},
            number,
            file,
            place,
            at,
        )
        imported.rows.append(_item(row, questionnaire, cleaned, seen))
        imported.numbers.append(number)
        problems += row.problems
    after_problems(  # names in `after` are touchpoints of the sheet (issue 28)
        imported.rows,
        lambda i, column, message: problems.append(
            Problem(file, f"{imported.cell(i, column)}: {message}")
        ),
    )
    if problems:
        raise InputError(problems)
    imported.notes = _cleaned_note(cleaned)
    return imported


def _beyond(place: Place, number: int, cells: int, columns: int) -> str:
    if place.sheet:
        return (
            f"{place(number)}: has a value in column {column_letter(cells)} (cell "
            f"{column_letter(cells)}{number}), right of the last column with a header; give "
            "that column a header or clear the cell"
        )
    return (
        f"row {number}: has {cells} cells but the header row names {columns} columns; does a "
        "cell hold a comma or semicolon without quotes around it?"
    )


def _item(
    row: _Row, q: Questionnaire, cleaned: list[str], seen: dict[str, dict[str, tuple[int, str]]]
) -> dict[str, Any]:
    item = _text_cells(row, cleaned)
    if not item.get("name"):
        row.problem("name", "is empty")
    _duplicates(row, item, seen)
    scores, inputs = _answers(row, q)
    item.update(_facts(row))
    item.update(case_cells(row.cells, row.problem))  # the business case's columns
    item.update(plan_cells(row.cells, row.problem))  # the plan's (issue 28)
    if scores:
        item["scores"] = scores
    if inputs:
        item["inputs"] = inputs
    if notes := _question_notes(row, q, cleaned):
        item["question_notes"] = notes
    for column in (REF, WORKSHOP):
        if text := _text(row, column, TOUCHPOINT_TEXT_MAX["name"], cleaned):
            item[column] = text
    return item


def workshop_from_rows(
    title: str, questionnaire: str, rows: Sequence[dict[str, Any]], dimensions: Sequence[str]
) -> CommentedMap:
    """A new workshop of the rows; a note per question joins the touchpoint's notes."""
    doc = editing.new_document(title, questionnaire=questionnaire)
    for row in rows:
        fields = {k: v for k, v in row.items() if k != "scores"}
        fields["notes"] = joined_notes(row.get("notes"), row.get("question_notes", {}))
        index = editing.add_touchpoint(doc, fields)
        for dim, value in row.get("scores", {}).items():
            editing.set_score(doc, index, dim, value, dimensions)
    if not rows:
        doc["touchpoints"] = CommentedSeq()
    return doc


def joined_notes(notes: str | None, question_notes: dict[str, str]) -> str:
    """A touchpoint's note and its notes on questions as one text ("On scale: ...")."""
    lines = [notes] if notes else []
    lines += [f"On {question}: {text}" for question, text in question_notes.items()]
    return "\n".join(lines)
