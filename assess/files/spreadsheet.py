"""Writing spreadsheets (.xlsx) from a plain description of their sheets. Pure: a description
in, the workbook's bytes out; :mod:`assess.files.storage` writes them.

Every text is written as a text cell, never a formula, whatever it starts with (= + - @): a
workbook assess writes runs nothing when it is opened. A yes or no (decide_first) is written as
the number 1 or 0 shown TRUE or FALSE: Excel's own boolean cells are read by LibreOffice as the
formulas =TRUE() and =FALSE(), and a workbook assess writes holds no formula in any program.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

Cell = str | int | float | None
#: How a yes or no is shown: Excel and LibreOffice both read this format as a boolean value.
BOOLEAN_FORMAT = '"TRUE";"TRUE";"FALSE"'


@dataclass(frozen=True)
class Column:
    header: str
    width: int = 14
    #: A note on the header cell (the question and its anchors).
    comment: str | None = None
    #: The answers a drop-down offers on every cell of the column; None: free text.
    choices: tuple[str, ...] | None = None
    #: Format the column as text, so that what is typed stays as typed (an id 007).
    text: bool = True
    #: Hidden from view (a handout's stable touchpoint ref): kept with its row when sorted.
    hidden: bool = False


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Cell]]
    #: Rows to offer drop-downs on, beyond the filled ones (for touchpoints people add).
    spare_rows: int = 0


@dataclass(frozen=True)
class Book:
    sheets: Sequence[Sheet]


LISTS_SHEET = "Lists"


def workbook_bytes(book: Book) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    filled = []
    for sheet in book.sheets:
        ws = workbook.create_sheet(sheet.title)
        _fill(ws, sheet)
        filled.append((ws, sheet))
    if any(c.choices for sheet in book.sheets for c in sheet.columns):
        # The drop-downs' answers live on a hidden sheet: a list typed into the rule itself
        # is limited to 255 characters, too few for five anchors' labels.
        lists = workbook.create_sheet(LISTS_SHEET)
        lists.sheet_state = "hidden"
        used = 0
        for ws, sheet in filled:
            used = _drop_downs(ws, sheet, lists, used)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _set(ws: Worksheet, row: int, column: int, value: Cell) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        # Control characters cannot be stored in a workbook at all (the format forbids them),
        # and XML reads a carriage return as a line feed: say so rather than let it happen.
        lines = value.replace("\r\n", "\n").replace("\r", "\n")
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", lines)
        cell.data_type = "s"  # text, even when it starts with '=': never a formula
    elif isinstance(value, bool):
        cell.value = int(value)
        cell.number_format = BOOLEAN_FORMAT
    else:
        cell.value = value


def _fill(ws: Worksheet, sheet: Sheet) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    for j, column in enumerate(sheet.columns, 1):
        _set(ws, 1, j, column.header)
        header = ws.cell(row=1, column=j)
        header.font = Font(bold=True)
        if column.comment:
            header.comment = Comment(column.comment, "assess", width=420, height=320)
        ws.column_dimensions[get_column_letter(j)].width = column.width
        ws.column_dimensions[get_column_letter(j)].hidden = column.hidden
    for i, row in enumerate(sheet.rows, 2):
        for j, value in enumerate(row, 1):
            _set(ws, i, j, value)
    last = len(sheet.rows) + 1 + sheet.spare_rows
    for j, column in enumerate(sheet.columns, 1):
        for i in range(2, last + 1):
            cell = ws.cell(row=i, column=j)
            if column.text:
                cell.number_format = "@"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"


def _drop_downs(ws: Worksheet, sheet: Sheet, lists: Worksheet, used: int) -> int:
    """Add a drop-down to every column with choices, listing them in the next free column of
    `lists`; returns how many of its columns are now used."""
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    last = len(sheet.rows) + 1 + sheet.spare_rows
    for j, column in enumerate(sheet.columns, 1):
        if not column.choices:
            continue
        used += 1
        k = used
        for i, choice in enumerate(column.choices, 1):
            _set(lists, i, k, choice)
        letter = get_column_letter(k)
        source = f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(column.choices)}"
        rule = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=column.header,
            error="Choose one of the answers in the list (or leave it empty).",
            showInputMessage=True,
            promptTitle=column.header[:32],
            prompt="Choose the answer that fits best; the header's note explains each.",
        )
        ws.add_data_validation(rule)
        col = get_column_letter(j)
        rule.add(f"{col}2:{col}{last}")
    return used
