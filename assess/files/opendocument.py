"""Reading OpenDocument spreadsheets (.ods, LibreOffice's own format) as data, never as code.

The cells are read by python-calamine. A formula is refused, naming its cell, as in an .xlsx
workbook: calamine gives only a formula's saved result, so the sheet's XML is scanned (with
defusedxml, which never expands entities) for cells that hold one.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Iterator
from typing import Any

from defusedxml import ElementTree

from assess.errors import InputError, Problem
from assess.textsafety import clip

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_SHEET, _ROW, _NAME = f"{{{_TABLE}}}table", f"{{{_TABLE}}}table-row", f"{{{_TABLE}}}name"
_CELLS = (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell")
UNREADABLE = "cannot be read as a LibreOffice spreadsheet"
_FORMULA = f"{{{_TABLE}}}formula"
_ROWS_REPEATED = f"{{{_TABLE}}}number-rows-repeated"
_COLUMNS_REPEATED = f"{{{_TABLE}}}number-columns-repeated"


def column_letter(index: int) -> str:
    """A column's letters as a spreadsheet shows them, from 1: A, B, ... Z, AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_sheets(data: bytes, file: str) -> list[tuple[str, bool, list[list[Any]]]]:
    """Every sheet of an .ods file: its name, whether it is shown, and its rows of values from
    cell A1 on."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for meta in book.sheets_metadata:
            rows = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            sheets.append((meta.name, str(meta.visible).endswith("Visible"), rows))
        return sheets
    except (CalamineError, ValueError, OSError) as exc:
        reason = type(exc).__name__
        raise InputError(
            [
                Problem(
                    file, f"cannot be read as a LibreOffice spreadsheet ({reason}); save it again"
                )
            ]
        ) from None


def formula_cells(data: bytes, file: str) -> dict[str, list[str]]:
    """The cells that hold a formula, by sheet name ("G3")."""
    found: dict[str, list[str]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package, package.open("content.xml") as xml:
            for sheet, cell in _formulas(xml):
                found.setdefault(sheet, []).append(cell)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError) as exc:
        reason = type(exc).__name__
        raise InputError(
            [
                Problem(
                    file, f"cannot be read as a LibreOffice spreadsheet ({reason}); save it again"
                )
            ]
        ) from None
    return found


def _formulas(xml: Any) -> Iterator[tuple[str, str]]:
    sheet, row, column = "", 0, 0
    for event, element in ElementTree.iterparse(xml, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == _SHEET:
                sheet, row = element.get(_NAME, ""), 0
            elif tag == _ROW:
                column = 0
            elif tag in _CELLS and element.get(_FORMULA) is not None:
                yield sheet, f"{column_letter(column + 1)}{row + 1}"
            continue
        if tag in _CELLS:
            column += int(element.get(_COLUMNS_REPEATED, "1"))
            element.clear()
        elif tag == _ROW:
            row += int(element.get(_ROWS_REPEATED, "1"))
            element.clear()


def check_formulas(cells: list[str], file: str, title: str) -> None:
    if cells:
        raise InputError(
            [
                Problem(
                    file,
                    f"sheet '{clip(title)}', cell {cell}: is a formula; type the value itself "
                    "(assess never runs formulas)",
                )
                for cell in cells
            ]
        )


def value_text(value: object) -> str:
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
    if isinstance(value, datetime.timedelta):
        return str(value)
    return str(value)
