"""Touchpoints and people's answers from spreadsheets: a CSV export or an .xlsx workbook (a
filled handout, or any sheet with the import's columns). Both go through the CSV import's row
rules, so they take the same columns and give the same messages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedSeq

from assess.errors import UsageProblem
from assess.files.loader import Loaded, check_workshop, read_questionnaire, resolve_questionnaire
from assess.files.reading import read_text
from assess.files.workbook import read_workbook
from assess.models import Questionnaire
from assess.team.csvimport import Imported, parse_csv, parse_rows, workshop_from_rows
from assess.team.handout import answer_numbers

#: Endings read as workbooks; the macro-enabled and binary ones are refused by the reader.
WORKBOOK_ENDINGS = (".xlsx", ".xlsm", ".xltx", ".xltm", ".xlam", ".xlsb", ".xls")
CSV_ENDINGS = (".csv", ".tsv", ".txt")


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


def read_sheet(path: Path, sheet: str | None = None) -> Sheet:
    if is_workbook(path):
        data = read_workbook(path, sheet)
        return Sheet(str(path), data.records, about=data.about)
    if sheet is not None:
        raise UsageProblem(f"--sheet is for workbooks (.xlsx); {path} is read as CSV")
    return Sheet(str(path), text=read_text(path, "CSV file", "; save it as 'CSV UTF-8'"))


def touchpoints_of(sheet: Sheet, questionnaire: Questionnaire) -> Imported:
    """The touchpoints of a sheet, by the CSV import's rules. In a workbook an answer may be
    a drop-down's label ("4 - Expert judgement"), which stands for its number."""
    if sheet.records is None:
        return parse_csv(sheet.text, sheet.file, questionnaire)
    return parse_rows(_numbers(sheet.records, questionnaire), sheet.file, questionnaire)


def _numbers(records: Sequence[list[str]], questionnaire: Questionnaire) -> list[list[str]]:
    if not records:
        return []
    header = [h.strip().lower() for h in records[0]]
    labels = {
        i: answer_numbers(questionnaire.dimension(h))
        for i, h in enumerate(header)
        if h in questionnaire.dimension_ids
    }
    rows = [list(records[0])]
    for record in records[1:]:
        rows.append([labels.get(i, {}).get(c.strip(), c) for i, c in enumerate(record)])
    return rows


def title_of(path: Path, sheet: Sheet) -> str:
    """A handout's workshop title, else one made from the file's name."""
    made = path.stem.replace("_", " ").replace("-", " ").strip().capitalize()
    return sheet.about.get("workshop") or made or "Imported journey"


def load_sheet(path: Path, questionnaire_file: Path | None = None) -> Loaded:
    """One person's answers in a spreadsheet, as a workshop `merge` can take: the person is the
    one the handout names (a renamed file still knows), else the file's name."""
    sheet = read_sheet(path)
    ref = sheet.about.get("questionnaire") or "default"
    q = (
        read_questionnaire(questionnaire_file)
        if questionnaire_file is not None
        else resolve_questionnaire(ref, path.parent)
    )
    imported = touchpoints_of(sheet, q)
    doc = workshop_from_rows(title_of(path, sheet), ref, imported.rows, q.dimension_ids)
    doc.insert(1, "participants", CommentedSeq([sheet.about.get("person") or path.stem]))
    for key in ("date", "organisation"):
        if sheet.about.get(key):
            doc.insert(1, key, sheet.about[key])
    return check_workshop(doc, str(path), path.parent, questionnaire_file)
