"""Reading spreadsheets (.xlsx and .ods) as data, never as code.

A workbook is a zip of XML files. Before it is opened, the zip's table of contents is
checked: a file over the size limit, a zip that would unpack to more than the limit (a zip
bomb), or a workbook holding macros is refused. XML entities are never expanded (openpyxl
parses with defusedxml; calamine, which reads .ods, does not expand them). A formula is
refused, naming its cell: it is never evaluated, and its cached value is never read, since a
formula's last result is whatever the file says it is. A file whose content is not what its
name says (an .ods named .xlsx) is said in one line, with what to do.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assess.errors import InputError, Problem
from assess.files import opendocument
from assess.files.reading import MAX_FILE_BYTES, read_bytes

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
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
#: What each kind of file is called when a file's content and its name disagree.
KIND_NAMES = {
    "xlsx": "an Excel workbook (.xlsx)",
    "ods": "a LibreOffice spreadsheet (.ods)",
    "xls": "an old binary Excel workbook (.xls)",
    "odf": "an OpenDocument file that is not a spreadsheet",
    "zip": "a zip archive",
}
#: How to save each kind in the two programs people use.
SAVE_AS = {
    "xlsx": "in Excel, 'Excel Workbook (.xlsx)'; in LibreOffice, 'Excel 2007-365 (.xlsx)'",
    "ods": "in LibreOffice, 'ODF Spreadsheet (.ods)'",
    "csv": "in Excel, 'CSV UTF-8'; in LibreOffice, 'Text CSV', character set 'Unicode (UTF-8)'",
}


def kind_of(data: bytes) -> str:
    """What a file holds, from its first bytes and, for a zip, its parts: xlsx, ods, xls,
    odf, zip, or text."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if not data.startswith(b"PK"):
        return "text"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            mimetype = package.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, RuntimeError):
        return "zip"
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsx"
    if mimetype.strip() == ODS_MIMETYPE or mimetype.startswith(ODS_MIMETYPE + b"-template"):
        return "ods"
    return "odf" if mimetype.startswith(b"application/vnd.oasis") else "zip"


def ending_kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".ods", ".ots"):
        return "ods"
    return "xls" if suffix == ".xls" else "xlsx"


def mismatch(file: str, path: Path, found: str, named: str) -> InputError:
    """One line for a file whose content is not what its name says, and what to do."""
    what = KIND_NAMES.get(found, "not a spreadsheet")
    right = {"xlsx": ".xlsx", "ods": ".ods", "xls": ".xls"}.get(found)
    if right is not None and found != "xls":
        todo = f"rename it to {path.stem}{right}"
    else:
        todo = f"open it and save it again ({SAVE_AS[named if named in SAVE_AS else 'xlsx']})"
    return InputError([Problem(file, f"is {what}, but its name ends in {path.suffix}; {todo}")])


@dataclass(frozen=True)
class SheetData:
    """One sheet's rows as text, as a CSV would give them."""

    title: str
    records: list[list[str]]
    #: The cells of the sheet that hold a formula ("G3"): refused when the sheet is used.
    formulas: tuple[str, ...] = ()
    shown: bool = True


@dataclass(frozen=True)
class BookData:
    file: str
    kind: str  # xlsx or ods
    sheets: list[SheetData]

    def find(self, title: str) -> SheetData | None:
        """A sheet by its name, ignoring case and surrounding spaces."""
        key = title.strip().casefold()
        return next((s for s in self.sheets if s.title.strip().casefold() == key), None)

    def rows(self, sheet: SheetData) -> list[list[str]]:
        """A sheet's rows, refusing it if any of its cells holds a formula."""
        opendocument.check_formulas(list(sheet.formulas), self.file, sheet.title)
        return sheet.records


def read_book(path: Path) -> BookData:
    """Every sheet of an .xlsx or .ods file, every cell as text."""
    file = str(path)
    data = read_bytes(path, "workbook")
    named = ending_kind(path)
    if path.suffix.lower() in MACRO_ENDINGS:
        raise InputError(
            [
                Problem(
                    file, "is a macro-enabled or binary workbook; save it as .xlsx (Excel Workbook)"
                )
            ]
        )
    found = kind_of(data)
    if found == "zip":
        found = named  # a zip that is no workbook: its reader says it cannot read it
    if found in ("text", "odf") or (found == "xls" and named == "xls"):
        raise InputError([Problem(file, _not_a_workbook(named))])
    if found != named:
        raise mismatch(file, path, found, named)
    _check_package(data, file, found)
    if found == "ods":
        return BookData(file, found, _ods_sheets(data, file))
    return BookData(file, found, _xlsx_sheets(data, file))


def _not_a_workbook(named: str) -> str:
    if named == "ods":
        return f"is not a LibreOffice spreadsheet (save it again: {SAVE_AS['ods']})"
    hint = "an old .xls file? " if named == "xls" else ""
    return f"is not an .xlsx workbook ({hint}save it as Excel Workbook, .xlsx)"


def _ods_sheets(data: bytes, file: str) -> list[SheetData]:
    formulas = opendocument.formula_cells(data, file)
    sheets = []
    for title, shown, rows in opendocument.read_sheets(data, file):
        records = []
        for row in rows:
            cells = [opendocument.value_text(v) for v in row]
            while cells and not cells[-1]:
                cells.pop()
            records.append(cells)
        while records and not records[-1]:
            records.pop()
        sheets.append(SheetData(title, records, tuple(formulas.get(title, ())), shown))
    return sheets


def _xlsx_sheets(data: bytes, file: str) -> list[SheetData]:
    book = _open(data, file)
    try:
        sheets = []
        for title in book.sheetnames:
            records, formulas = _records(_rows(book, title))
            sheets.append(SheetData(title, records, formulas, book[title].sheet_state == "visible"))
        return sheets
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


def _check_package(data: bytes, file: str, kind: str) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = package.infolist()
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
    names = [part.filename.lower() for part in parts]
    if kind == "xlsx" and any(name.endswith("vbaproject.bin") for name in names):
        raise InputError(
            [Problem(file, "contains macros; save it as .xlsx (Excel Workbook) without them")]
        )
    # LibreOffice keeps a document's macros under Basic/ and Scripts/.
    if kind == "ods" and any(
        name.startswith(("basic/", "scripts/")) and not name.endswith("/") for name in names
    ):
        raise InputError(
            [Problem(file, "contains macros; save it as .ods (ODF Spreadsheet) without them")]
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


def _records(rows: Iterable[Sequence[Any]]) -> tuple[list[list[str]], tuple[str, ...]]:
    """Every row as text cells, trailing empty cells dropped, and the cells holding formulas."""
    records: list[list[str]] = []
    formulas: list[str] = []
    for row in rows:
        cells = []
        for cell in row:
            if getattr(cell, "data_type", None) == "f":
                formulas.append(cell.coordinate)
            cells.append(cell_text(cell.value))
        while cells and not cells[-1]:
            cells.pop()
        records.append(cells)
    while records and not records[-1]:
        records.pop()
    return records, tuple(formulas)


cell_text = opendocument.value_text


#: Spreadsheet endings, and the command that turns such a file into a workshop.
SPREADSHEETS = {ending: "import" for ending in (".csv", ".xlsx", ".xlsm", ".xls", ".ods", ".ots")}


def not_a_workshop(path: Path) -> None:
    """A spreadsheet given where a workshop belongs is said plainly, with the way to make one,
    rather than reported as YAML that does not parse: by its name, or by its content when a
    workbook comes with another name (team.yaml that is really an .ods)."""
    what = "a spreadsheet"
    if path.suffix.lower() not in SPREADSHEETS:
        if not path.is_file():
            return  # a pipe is never opened (it could block); reading it says what is wrong
        try:
            with path.open("rb") as file:
                head = file.read(8)
        except OSError:
            return  # reading it says what is wrong
        if not head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
            return
        what = "a spreadsheet or another zipped file (an .xlsx or .ods?) named like a workshop"
    raise InputError(
        [
            Problem(
                str(path),
                f"is {what}, not a workshop; make one from it with "
                f"`assess import {path.name} -o WORKSHOP.yaml` (filled handouts: "
                "`assess merge FILES -o WORKSHOP.yaml`)",
            )
        ]
    )
