"""Touchpoints and people's answers from spreadsheets: a CSV export, an .xlsx workbook or a
LibreOffice .ods (a filled handout, or any sheet with the import's columns). All go through the
same row rules, so they take the same columns and labels and give the same messages.

A workbook's touchpoints are on the sheet named Touchpoints, else on the first sheet whose
first row names the column 'name' (a renamed sheet, a Help sheet moved first), else the one
--sheet names; the handout's facts (whose it is, of which workshop) on its About sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedSeq

from assess.errors import InputError, Problem, UsageProblem
from assess.files.loader import Loaded, check_workshop, read_questionnaire, resolve_questionnaire
from assess.files.opendocument import column_letter
from assess.files.reading import read_bytes
from assess.files.workbook import ABOUT_SHEET, BookData, SheetData, kind_of, mismatch, read_book
from assess.models import Questionnaire
from assess.team.columns import WORKSHOP, header_key
from assess.team.csvimport import (
    SAVE_CSV,
    Imported,
    Place,
    parse_csv,
    parse_rows,
    workshop_from_rows,
)
from assess.textsafety import clip

#: Endings read as workbooks; the macro-enabled and binary ones are refused by the reader.
WORKBOOK_ENDINGS = (".xlsx", ".xlsm", ".xltx", ".xltm", ".xlam", ".xlsb", ".xls", ".ods", ".ots")
CSV_ENDINGS = (".csv", ".tsv", ".txt")
#: The sheet people fill in.
TOUCHPOINTS_SHEET = "Touchpoints"


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in WORKBOOK_ENDINGS


def is_sheet(path: Path) -> bool:
    """Whether a file is a spreadsheet (a workbook or a CSV) rather than a workshop."""
    return is_workbook(path) or path.suffix.lower() in CSV_ENDINGS


@dataclass
class Sheet:
    """A spreadsheet's rows as text, and what a handout says about itself."""

    file: str
    records: list[list[str]] | None = None  # None: a CSV, parsed from `text`
    text: str = ""
    about: dict[str, str] = field(default_factory=dict)
    place: Place = field(default_factory=Place)


def read_sheet(path: Path, sheet: str | None = None) -> Sheet:
    if is_workbook(path):
        book = read_book(path)
        chosen = choose_sheet(book, sheet)
        return Sheet(
            str(path), book.rows(chosen), about=_about(book, chosen), place=Place(chosen.title)
        )
    if sheet is not None:
        raise UsageProblem(f"--sheet is for workbooks (.xlsx, .ods); {path} is read as CSV")
    return Sheet(str(path), text=_csv_text(path))


def _csv_text(path: Path) -> str:
    data = read_bytes(path, "CSV file")
    found = kind_of(data)
    if found != "text":
        raise mismatch(str(path), path, found, "csv")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem(str(path), f"is not UTF-8 text; {SAVE_CSV}")]) from None


def _has_name(sheet: SheetData) -> bool:
    return bool(sheet.records) and "name" in [header_key(h) for h in sheet.records[0]]


def choose_sheet(book: BookData, wanted: str | None) -> SheetData:
    """The sheet --sheet names; else Touchpoints, else the first whose first row has 'name'."""
    names = ", ".join(clip(s.title, 40) for s in book.sheets)
    if not book.sheets:
        raise InputError([Problem(book.file, "has no sheets")])
    if wanted is not None:
        found = book.find(wanted)
        if found is None:
            raise InputError(
                [Problem(book.file, f"has no sheet '{clip(wanted)}' (sheets: {names})")]
            )
        return found
    named = book.find(TOUCHPOINTS_SHEET)
    if named is not None and _has_name(named):
        return named
    fitting = [s for s in book.sheets if _has_name(s)]
    fitting.sort(key=lambda s: not s.shown)
    if fitting:
        return fitting[0]
    if named is not None or len(book.sheets) == 1:
        return named or book.sheets[0]  # its rows say what is wrong with it
    raise InputError(
        [
            Problem(
                book.file,
                f"has no sheet of touchpoints: none of its sheets ({names}) has 'name' in its "
                "first row; name the sheet with --sheet, or give its first row the column "
                "headers (name, stage, ...)",
            )
        ]
    )


def _about(book: BookData, chosen: SheetData) -> dict[str, str]:
    """A handout's facts: its About sheet (by name, else by its 'field, value' header)."""
    about = book.find(ABOUT_SHEET)
    if about is None:
        about = next(
            (
                s
                for s in book.sheets
                if s.records and [header_key(c) for c in s.records[0][:2]] == ["field", "value"]
            ),
            None,
        )
    if about is None or about is chosen:
        return {}
    rows = book.rows(about)
    return {r[0].strip().lower(): r[1].strip() for r in rows if len(r) > 1 and r[0]}


def touchpoints_of(sheet: Sheet, questionnaire: Questionnaire) -> Imported:
    """The touchpoints of a sheet, by the import's rules: an answer may be a number or a
    drop-down's label ("4 - Expert judgement"), in a workbook and in a CSV saved from one."""
    if sheet.records is None:
        return parse_csv(sheet.text, sheet.file, questionnaire)
    return parse_rows(sheet.records, sheet.file, questionnaire, sheet.place)


def title_of(path: Path, sheet: Sheet, imported: Imported | None = None) -> str | None:
    """The workshop's title a handout carries (its About sheet, or a CSV's workshop column)."""
    if sheet.about.get("workshop"):
        return sheet.about["workshop"]
    rows = imported.rows if imported is not None else []
    return next((str(r[WORKSHOP]) for r in rows if r.get(WORKSHOP)), None)


def made_title(path: Path) -> str:
    """A title made from a file's name, when nothing names the workshop."""
    made = path.stem.replace("_", " ").replace("-", " ").strip().capitalize()
    return made or "Imported journey"


@dataclass(frozen=True)
class Returned:
    """One person's answers, from a workshop file or a filled spreadsheet, as merge takes them."""

    loaded: Loaded
    person: str
    #: The workshop title the file carries (a handout's), else None.
    title: str | None = None
    #: Per touchpoint (by position): the handout's stable ref, and notes on questions.
    refs: Sequence[str | None] = ()
    question_notes: Sequence[dict[str, str]] = ()
    #: Where each touchpoint's answer to a question is ("row 4, column 'scale'"); None: YAML.
    imported: Imported | None = None

    def cell(self, index: int, question: str) -> str | None:
        """Where a touchpoint's answer to a question is: "cell G4", or a CSV's row and column."""
        if self.imported is None or index >= len(self.imported.numbers):
            return None
        number, at = self.imported.numbers[index], self.imported.columns.get(question)
        if not self.imported.place.sheet:
            return f"row {number}, column '{question}'"
        return None if at is None else f"cell {column_letter(at + 1)}{number}"

    def row(self, index: int) -> str | None:
        if self.imported is None or index >= len(self.imported.numbers):
            return None
        return f"row {self.imported.numbers[index]}"


def returned_workshop(loaded: Loaded) -> Returned:
    """A workshop file: its author is its single participant, else the file's name."""
    people = loaded.workshop.participants
    person = people[0] if len(people) == 1 else loaded.path.stem
    return Returned(loaded, person, loaded.workshop.title)


def load_sheet(path: Path, questionnaire_file: Path | None = None) -> Returned:
    """One person's answers in a spreadsheet, as `merge` takes them: the person is the one the
    handout names (a renamed file still knows), else the file's name."""
    sheet = read_sheet(path)
    ref = sheet.about.get("questionnaire") or "default"
    q = (
        read_questionnaire(questionnaire_file)
        if questionnaire_file is not None
        else resolve_questionnaire(ref, path.parent)
    )
    imported = touchpoints_of(sheet, q)
    title = title_of(path, sheet, imported)
    rows = [_own(row) for row in imported.rows]
    doc = workshop_from_rows(title or made_title(path), ref, rows, q.dimension_ids)
    person = sheet.about.get("person") or path.stem
    doc.insert(1, "participants", CommentedSeq([person]))
    for key in ("date", "organisation"):
        if sheet.about.get(key):
            doc.insert(1, key, sheet.about[key])
    loaded = _checked(doc, path, questionnaire_file, sheet)
    refs = [row.get("ref") for row in imported.rows]
    notes = [row.get("question_notes", {}) for row in imported.rows]
    return Returned(loaded, person, title, refs, notes, imported)


def _own(row: dict[str, Any]) -> dict[str, Any]:
    """A row's touchpoint fields: the notes on questions stay apart, for merge to name them."""
    return {k: v for k, v in row.items() if k != "question_notes"}


def _checked(doc: Any, path: Path, questionnaire_file: Path | None, sheet: Sheet) -> Loaded:
    """The person's answers as a workshop; what the About sheet says is checked here, said in
    a spreadsheet's words (its rows were checked cell by cell already)."""
    try:
        return check_workshop(doc, str(path), path.parent, questionnaire_file)
    except InputError as exc:
        where = f"sheet '{ABOUT_SHEET}'" if sheet.about else "the file's name"
        first = exc.problems[0].message if exc.problems else ""
        raise InputError(
            [Problem(str(path), f"{where}: says something assess cannot use ({clip(first, 120)})")]
        ) from None
