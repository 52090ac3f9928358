"""Reading spreadsheets (.xlsx) as data, never as code.

A workbook is a zip of XML files. Before openpyxl opens it, the zip's table of contents is
checked: a file over the size limit, a zip that would unpack to more than the limit (a zip
bomb), or a macro-enabled workbook is refused. XML entities are never expanded (openpyxl
parses with defusedxml). A formula is refused, naming its cell: it is never evaluated, and its
cached value is never read, since a formula's last result is whatever the file says it is.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assess.errors import InputError, Problem
from assess.files.reading import MAX_FILE_BYTES, read_bytes
from assess.textsafety import clip

if TYPE_CHECKING:
    from openpyxl import Workbook

#: A workbook may unpack to at most this much: as much as any file assess reads.
MAX_UNPACKED_BYTES = MAX_FILE_BYTES
#: A workbook's parts: sheets, styles, comments... A handout has about 20.
MAX_PARTS = 2000
#: Endings of workbooks that can carry macros, or that are not Office Open XML at all.
MACRO_ENDINGS = (".xlsm", ".xltm", ".xlam", ".xlsb")
#: The sheet a handout keeps its facts on (the person, the workshop), as key and value rows.
ABOUT_SHEET = "About"


@dataclass(frozen=True)
class SheetData:
    """One sheet's rows as text, as a CSV would give them, and the workbook's facts."""

    title: str
    records: list[list[str]]
    about: dict[str, str] = field(default_factory=dict)


def read_workbook(path: Path, sheet: str | None = None) -> SheetData:
    """The rows of `sheet` (default: the first) of an .xlsx file, every cell as text."""
    file = str(path)
    data = read_bytes(path, "workbook")
    _check_package(data, file, path.suffix.lower())
    book = _open(data, file)
    try:
        names = list(book.sheetnames)
        if not names:
            raise InputError([Problem(file, "has no sheets")])
        title = sheet if sheet is not None else names[0]
        if title not in names:
            raise InputError(
                [Problem(file, f"has no sheet '{clip(title)}' (sheets: {', '.join(names)})")]
            )
        records = _records(_rows(book, title), file, title)
        about: dict[str, str] = {}
        if ABOUT_SHEET in names and title != ABOUT_SHEET:
            rows = _records(_rows(book, ABOUT_SHEET), file, ABOUT_SHEET)
            about = {r[0].strip().lower(): r[1].strip() for r in rows if len(r) > 1 and r[0]}
        return SheetData(title, records, about)
    finally:
        book.close()


def _rows(book: Workbook, title: str) -> Iterable[Sequence[Any]]:
    """Every row the sheet holds. A workbook states its own size, and a streaming reader stops
    there: a file whose stated size is too small would lose the rows past it without a word."""
    sheet = book[title]
    reset = getattr(sheet, "reset_dimensions", None)
    if reset is not None:
        reset()
    return sheet.iter_rows()


def _check_package(data: bytes, file: str, suffix: str) -> None:
    if suffix in MACRO_ENDINGS:
        raise InputError(
            [
                Problem(
                    file, "is a macro-enabled or binary workbook; save it as .xlsx (Excel Workbook)"
                )
            ]
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        hint = "an old .xls file? " if suffix == ".xls" else ""
        raise InputError(
            [Problem(file, f"is not an .xlsx workbook ({hint}save it as Excel Workbook, .xlsx)")]
        ) from None
    if len(parts) > MAX_PARTS:
        raise InputError([Problem(file, f"has {len(parts)} parts; a workbook has far fewer")])
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(
            [
                Problem(
                    file,
                    f"would unpack to {unpacked / 2**20:.0f} MB; assess reads workbooks up to "
                    f"{MAX_UNPACKED_BYTES // 2**20} MB unpacked",
                )
            ]
        )
    if any(part.filename.lower().endswith("vbaproject.bin") for part in parts):
        raise InputError(
            [Problem(file, "contains macros; save it as .xlsx (Excel Workbook) without them")]
        )


def _open(data: bytes, file: str) -> Workbook:
    import openpyxl

    try:
        # read_only streams the rows; data_only=False keeps formulas as formulas, so they can
        # be refused rather than their cached results believed.
        return openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False, keep_vba=False
        )
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        reason = type(exc).__name__
        raise InputError(
            [Problem(file, f"cannot be read as an .xlsx workbook ({reason}); save it again")]
        ) from None


def _records(rows: Iterable[Sequence[Any]], file: str, title: str) -> list[list[str]]:
    """Every row as text cells, trailing empty cells dropped; a formula anywhere is refused."""
    records: list[list[str]] = []
    problems: list[Problem] = []
    for row in rows:
        cells = []
        for cell in row:
            if getattr(cell, "data_type", None) == "f":
                problems.append(
                    Problem(
                        file,
                        f"sheet '{clip(title)}', cell {cell.coordinate}: is a formula; type the "
                        "value itself (assess never runs formulas)",
                    )
                )
            cells.append(cell_text(cell.value))
        while cells and not cells[-1]:
            cells.pop()
        records.append(cells)
    if problems:
        raise InputError(problems)
    return records


def cell_text(value: object) -> str:
    """A cell's value as the text a person typed: 3 and 3.0 are "3", a date is 2026-11-30."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)
