"""Spreadsheets out and in: handouts per person, filled workbooks merged (even renamed), .xlsx
import through the CSV rules, results as .xlsx; and a workbook is data, never code."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
import test_fuzz as fuzz
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from assess.cli import cli
from assess.files.loader import bundled_questionnaire, load_workshop
from assess.files.spreadsheet import Book, Column, Sheet, workbook_bytes
from assess.files.workbook import read_book
from assess.team.handout import answer_label

WORKSHOP = """\
title: Claims journey
organisation: Acme Insurance
date: 2026-11-02
participants: [Ana, Ben, Cy]
touchpoints:
  - id: '007'
    name: First notice of loss
    stage: Report
    channel: phone
  - name: =HYPERLINK("http://x")
    stage: Report
  - name: Claim status
    stage: Follow up
    channel: app
"""
DIMS = ["complexity", "scale", "emotional_stakes", "tech_barrier"]


def invoke(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


@pytest.fixture
def workshop(tmp_path: Path) -> Path:
    path = tmp_path / "claims.yaml"
    path.write_text(WORKSHOP, encoding="utf-8")
    return path


def handouts(workshop: Path, *extra: str) -> Path:
    out = workshop.parent / "handouts"
    code, said = invoke("handout", workshop, "--people", "Ana", "Ben", "Cy", "-o", out, *extra)
    assert code == 0, said
    return out


def fill(path: Path, answers: dict[int, list[object]]) -> None:
    """Answer as a person would in Excel: pick from the drop-downs (or type a number), the
    dimensions in the questionnaire's order."""
    book = openpyxl.load_workbook(path)
    ws = book["Touchpoints"]
    at = {c.value: c.column for c in ws[1]}
    for row, values in answers.items():
        for dim, value in zip(DIMS, values, strict=False):
            ws.cell(row=row, column=at[dim]).value = value  # type: ignore[assignment]
    book.save(path)


def test_handout_writes_a_workbook_per_person_with_drop_downs(workshop: Path) -> None:
    out = handouts(workshop)
    assert sorted(p.name for p in out.iterdir()) == ["Ana.xlsx", "Ben.xlsx", "Cy.xlsx"]
    book = openpyxl.load_workbook(out / "Ben.xlsx")
    assert book.sheetnames == ["Touchpoints", "Help", "About", "Lists"]
    assert book["Lists"].sheet_state == "hidden"
    ws = book["Touchpoints"]
    header = [c.value for c in ws[1]]
    asked = [h for d in DIMS for h in (d, f"{d} note")]
    # Every optional question of the questionnaire, in its order (method 1.3 added vulnerability).
    optional = bundled_questionnaire("default").input_ids
    assert "vulnerability" in optional and optional[-1] == "effort"
    assert header == [
        "ref", "id", "name", "stage", "channel", "description", *asked,
        *[h for o in optional for h in (f"{o} (optional)", f"{o} note")],
        "volume (if you know)", "handle_minutes (if you know)", "staffed_share (if you know)",
        "notes", "workshop",
    ]  # fmt: skip
    assert ws.column_dimensions["A"].hidden  # the stable ref, kept out of sight
    assert ws["A2"].value == "007" and ws["A3"].value.startswith("n-")
    assert [ws.cell(row=r, column=3).value for r in (2, 3, 4)] == [
        "First notice of loss",
        '=HYPERLINK("http://x")',
        "Claim status",
    ]
    assert ws["C3"].data_type == "s"  # written as text: opening the handout runs nothing
    assert ws["B2"].value == "007" and ws["B2"].number_format == "@"
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    dropdowns = [
        c.column_letter
        for c in ws[1]
        if c.value.split(" ")[0] in DIMS + optional and "note" not in c.value
    ]
    assert len(dropdowns) == len(DIMS) + len(optional)
    assert set(rules) == {f"{c}2:{c}24" for c in dropdowns}  # 3 touchpoints and 20 spare rows
    lists = book["Lists"]
    first = rules["G2:G24"]
    assert first.type == "list" and first.formula1 == "'Lists'!$A$1:$A$5"
    q = bundled_questionnaire("default")
    for k, dim in enumerate(q.dimensions, 1):
        offered = [lists.cell(row=i, column=k).value for i in range(1, 6)]
        assert offered == [answer_label(i, dim) for i in range(1, 6)]
    assert lists["A1"].value == "1 - Scripted"
    comment = ws["G1"].comment
    assert comment is not None and "How much judgement" in comment.text
    assert "5 " in comment.text
    about = dict(book["About"].iter_rows(values_only=True))
    assert about["person"] == "Ben" and about["workshop"] == "Claims journey"
    help_text = " ".join(str(v) for row in book["Help"].iter_rows(values_only=True) for v in row)
    assert "How much judgement" in help_text and "3 - " in help_text


def test_handout_csv_has_the_same_columns(workshop: Path) -> None:
    out = handouts(workshop, "--format", "csv")
    text = (out / "Ana.csv").read_bytes().decode("utf-8")
    lines = text.split("\r\n")
    book = openpyxl.load_workbook(handouts(workshop) / "Ana.xlsx")
    assert lines[0] == ",".join(str(c.value) for c in book["Touchpoints"][1])
    assert lines[0].endswith(",notes,workshop")
    # After the five answered cells, every other column up to the workshop's title is empty.
    blanks = len(lines[0].split(",")) - 6
    assert (
        lines[1] == "007,007,First notice of loss,Report,phone," + "," * blanks + "Claims journey"
    )
    assert lines[2].split(",")[2].startswith("\"'=HYPERLINK(")  # a formula-like cell shown as text


def test_the_people_default_to_the_participants_and_must_differ(workshop: Path) -> None:
    out = workshop.parent / "h"
    code, said = invoke("handout", workshop, "-o", out)
    assert code == 0, said
    assert said.startswith(f"Wrote 3 handouts in {out} (3 touchpoints each): Ana.xlsx, Ben.xlsx")
    code, said = invoke("handout", workshop, "--people", "Ana", "ana", "-o", workshop.parent / "x")
    assert (code, said.splitlines()[-1]) == (
        2,
        "Error: --people: 'ana' and 'Ana' would share the file ana; give each person a "
        "different name",
    )
    assert not (workshop.parent / "x").exists()


def test_handout_never_replaces_a_file_unless_forced(workshop: Path) -> None:
    out = handouts(workshop)
    (out / "Ben.xlsx").write_bytes(b"Ben's answers")
    before = (out / "Ana.xlsx").read_bytes()
    code, said = invoke("handout", workshop, "--people", "Ana", "Ben", "-o", out)
    assert (code, said) == (
        1,
        f"Error: {out / 'Ana.xlsx'} already exists; choose another -o or add --force\n",
    )
    assert (out / "Ben.xlsx").read_bytes() == b"Ben's answers"
    assert (out / "Ana.xlsx").read_bytes() == before


def test_filled_workbooks_renamed_merge_with_everyones_votes(workshop: Path) -> None:
    out = handouts(workshop)
    scale = bundled_questionnaire("default").dimension("scale")
    fill(out / "Ana.xlsx", {2: ["1 - Scripted", answer_label(5, scale), 1, "1"], 4: [2, 4, 2, 1]})
    fill(out / "Ben.xlsx", {2: [3, 5, 2, 1], 4: [2, 4, 2, 1], 3: [1, 1, 1]})
    # Renamed by e-mail: the workbook still knows whose it is.
    (out / "Ana.xlsx").rename(out / "Re- answers (1).xlsx")
    team = workshop.parent / "team.yaml"
    code, said = invoke(
        "merge", out / "Re- answers (1).xlsx", out / "Ben.xlsx", out / "Cy.xlsx", "-o", team
    )
    assert code == 0, said
    # What is unanswered names the touchpoint, the question and the cell (issue 29, defect 8).
    assert said.splitlines()[:3] == [
        "Note: Ana left 1 touchpoint unanswered: '=HYPERLINK(\"http://x\")' (row 3).",
        "Note: Ben left questions unanswered in 1 touchpoint: '=HYPERLINK(\"http://x\")': "
        "technology as barrier (cell M3).",
        "Note: Cy left 3 touchpoints unanswered: 'First notice of loss' (row 2), "
        "'=HYPERLINK(\"http://x\")' (row 3), 'Claim status' (row 4).",
    ]
    assert said.endswith(f"Wrote {team}: 3 touchpoints with votes from Ana, Ben, Cy.\n")
    merged = load_workshop(team).workshop
    assert merged.participants == ["Ana", "Ben", "Cy"]
    assert (merged.title, merged.organisation, merged.date) == (
        "Claims journey",
        "Acme Insurance",
        "2026-11-02",
    )
    first = merged.touchpoints[0]
    assert first.id == "007"
    assert first.votes == {
        "Ana": {"complexity": 1, "scale": 5, "emotional_stakes": 1, "tech_barrier": 1},
        "Ben": {"complexity": 3, "scale": 5, "emotional_stakes": 2, "tech_barrier": 1},
    }
    assert merged.touchpoints[1].name == '=HYPERLINK("http://x")'


def test_merge_takes_yaml_and_csv_alongside_workbooks(workshop: Path) -> None:
    out = handouts(workshop)
    fill(out / "Ana.xlsx", {2: [1, 5, 1, 1]})
    dan = workshop.parent / "Dan.csv"
    dan.write_text("id,name,complexity,scale,emotional_stakes,tech_barrier\n007,x,2,5,1,1\n")
    team = workshop.parent / "team.yaml"
    code, said = invoke("merge", out / "Ana.xlsx", dan, "-o", team)
    assert code == 0, said
    votes = load_workshop(team).workshop.touchpoints[0].votes
    assert set(votes) == {"Ana", "Dan"}


def test_a_formula_in_an_answer_cell_is_refused_naming_file_and_cell(
    workshop: Path,
) -> None:
    out = handouts(workshop)
    fill(out / "Ana.xlsx", {3: [1, "=1+1", 1, 1]})
    team = workshop.parent / "team.yaml"
    code, said = invoke("merge", out / "Ana.xlsx", out / "Ben.xlsx", "-o", team)
    assert (code, said) == (
        1,
        f"Error: {out / 'Ana.xlsx'}: sheet 'Touchpoints', cell I3: is a formula; type the "
        "value itself (assess never runs formulas)\n",
    )
    code, said = invoke("import", out / "Ana.xlsx", "-o", workshop.parent / "a.yaml")
    assert code == 1 and "cell I3: is a formula" in said
    assert not team.exists() and not (workshop.parent / "a.yaml").exists()


def test_a_formulas_cached_value_is_never_believed(tmp_path: Path) -> None:
    """A cell whose formula says =5 and whose saved result says 1: refused, not read as 1."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["name", "complexity"])
    ws.append(["Refund", "=5"])
    buffer = io.BytesIO()
    book.save(buffer)
    packed = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(packed, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>5</f><v />", b"<f>5</f><v>1</v>")
                assert b"<v>1</v>" in data
            dst.writestr(item, data)
    path = tmp_path / "cached.xlsx"
    path.write_bytes(packed.getvalue())
    code, said = invoke("import", path, "-o", tmp_path / "c.yaml")
    assert (code, said) == (
        1,
        f"Error: {path}: sheet 'Sheet', cell B2: is a formula; type the value itself (assess "
        "never runs formulas)\n",
    )


def test_import_reads_a_workbook_keeping_text_and_sheets(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Notes"
    ws.append(["nothing to see"])
    journey = book.create_sheet("Journey")
    journey.append(["ID", "Name", "complexity", "scale", "emotional_stakes", "tech_barrier"])
    journey.append(["007", "Refund", 2, 4.0, "1", None, None])
    journey.append([None, None])
    journey.append(["12", "Complaint", 5, 2, 5, 4])
    path = tmp_path / "t.xlsx"
    book.save(path)
    code, said = invoke("import", path, "--sheet", "Journey", "-o", tmp_path / "j.yaml")
    assert code == 0, said
    assert said == f"Wrote {tmp_path / 'j.yaml'}: 2 touchpoints, 1 fully scored.\n"
    w = load_workshop(tmp_path / "j.yaml").workshop
    assert [t.id for t in w.touchpoints] == ["007", "12"]
    assert w.touchpoints[0].scores == {"complexity": 2, "scale": 4, "emotional_stakes": 1}
    assert w.title == "T"
    # Without --sheet, the sheet whose first row has 'name' (issue 29, defect 4) ...
    code, said = invoke("import", path, "-o", tmp_path / "k.yaml")
    assert code == 0, said
    assert [t.id for t in load_workshop(tmp_path / "k.yaml").workshop.touchpoints] == ["007", "12"]
    # ... and a sheet whose first row names no column is not quoted back (issue 21).
    code, said = invoke("import", path, "--sheet", "notes", "-o", tmp_path / "m.yaml")
    assert code == 1
    assert said.startswith(f"Error: {path}: does not look like a spreadsheet of touchpoints:")
    assert "nothing to see" not in said
    code, said = invoke("import", path, "--sheet", "Nope", "-o", tmp_path / "n.yaml")
    assert (code, said) == (1, f"Error: {path}: has no sheet 'Nope' (sheets: Notes, Journey)\n")


def test_workbook_errors_name_row_and_column_like_csv(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["name", "complexity"])
    ws.append(["Refund", 7])
    path = tmp_path / "t.xlsx"
    book.save(path)
    code, said = invoke("import", path, "-o", tmp_path / "j.yaml")
    assert (code, said) == (
        1,
        f"Error: {path}: sheet 'Sheet', row 2, column 'complexity' (cell B2): must be one of "
        "'1 - Scripted', '2 - Routine', '3 - Some judgement', '4 - Expert judgement', "
        "'5 - Novel' (or the number 1 to 5), got '7'\n",
    )


def test_sheet_is_for_workbooks(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("name\nA\n", encoding="utf-8")
    code, said = invoke("import", path, "--sheet", "X", "-o", tmp_path / "j.yaml")
    assert code == 2
    assert said.endswith(f"Error: --sheet is for workbooks (.xlsx, .ods); {path} is read as CSV\n")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("m.xlsm", "macro", "is a macro-enabled or binary workbook; save it as .xlsx"),
        ("m.xlsx", "vba", "contains macros; save it as .xlsx (Excel Workbook) without them"),
        ("m.xlsx", "text", "is not an .xlsx workbook (save it as Excel Workbook, .xlsx)"),
        ("m.xls", "text", "is not an .xlsx workbook (an old .xls file? save it as"),
        ("m.xlsx", "bomb", "would unpack to 65 MB; assess reads workbooks up to 64 MB unpacked"),
        ("m.xlsx", "zip", "cannot be read as an .xlsx workbook"),
    ],
)
def test_a_workbook_that_is_not_plain_data_is_refused(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    path = tmp_path / name
    good = io.BytesIO()
    openpyxl.Workbook().save(good)
    if content == "text":
        path.write_text("name\nA\n", encoding="utf-8")
    elif content in ("macro", "vba", "bomb", "zip"):
        packed = io.BytesIO()
        with (
            zipfile.ZipFile(good) as src,
            zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as dst,
        ):
            if content != "zip":
                for item in src.infolist():
                    dst.writestr(item, src.read(item.filename))
            if content == "vba":
                dst.writestr("xl/vbaProject.bin", b"\0" * 64)
            if content == "bomb":
                dst.writestr("xl/media/zeros.bin", b"\0" * (65 * 2**20))
            if content == "zip":
                dst.writestr("hello.txt", b"not a workbook")
        path.write_bytes(packed.getvalue())
        assert path.stat().st_size < 2**20
    for args in (
        ["import", path, "-o", tmp_path / "j.yaml"],
        ["merge", path, path, "-o", tmp_path / "t.yaml"],
    ):
        code, said = invoke(*args)
        assert code == 1 and said.startswith(f"Error: {path}: {expected}"), said
    assert not (tmp_path / "j.yaml").exists() and not (tmp_path / "t.yaml").exists()


def test_score_writes_xlsx_with_the_csv_columns_and_no_formula(
    workshop: Path, tmp_path: Path
) -> None:
    out = tmp_path / "results.xlsx"
    code, said = invoke("score", workshop, "-o", out)
    assert (code, said) == (0, f"Wrote {out} (XLSX, 3 touchpoints).\n")
    rows = list(openpyxl.load_workbook(out)["Results"].iter_rows(values_only=True))
    header = next(csv.reader(io.StringIO(invoke("score", workshop, "--format", "csv")[1])))
    assert list(rows[0]) == header
    assert rows[2][1] == '=HYPERLINK("http://x")'
    with zipfile.ZipFile(out) as package:
        sheet = package.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b"<f " not in sheet
    data = json.loads(invoke("score", workshop, "--format", "json")[1])
    assert [r[header.index("recommendation")] for r in rows[1:]] == [
        t["recommendation"] for t in data["touchpoints"]
    ]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--format", "xlsx"], "Error: --format xlsx writes a file: add -o FILE.xlsx"),
        (
            ["-o", "{d}/r.xlsx", "--format", "csv"],
            "Error: -o {d}/r.xlsx ends in .xlsx, but --format is csv; make them agree",
        ),
        (
            ["-o", "{d}/r.txt"],
            "Error: -o {d}/r.txt: this command does not write '.txt'; name it .json, .csv or .xlsx",
        ),
    ],
)
def test_score_output_mistakes(
    workshop: Path, tmp_path: Path, args: list[str], expected: str
) -> None:
    code, said = invoke("score", workshop, *[a.format(d=tmp_path) for a in args])
    assert (code, said.splitlines()[-1]) == (2, expected.format(d=tmp_path))
    assert not list(tmp_path.glob("r.*"))


def test_score_to_a_file_keeps_an_existing_one_unless_forced(
    workshop: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r.json"
    out.write_text("mine\n")
    assert invoke("score", workshop, "-o", out)[0] == 1
    assert out.read_text() == "mine\n"
    assert invoke("score", workshop, "-o", out, "--force")[0] == 0
    assert json.loads(out.read_text())["title"] == "Claims journey"


@given(st.lists(st.text(max_size=30), min_size=1, max_size=4))
def test_any_text_written_to_a_workbook_reads_back_as_text(texts: list[str]) -> None:
    """Whatever a workshop holds (= + - @, digits, control characters) comes back as the text
    that was written, never run: control characters, which the format cannot hold, removed,
    and line ends as a spreadsheet keeps them (\n)."""
    book = Book([Sheet("S", [Column("name")], [[t] for t in texts])])
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.xlsx"
        path.write_bytes(workbook_bytes(book))
        records = read_book(path).sheets[0].records
    expected = [
        ILLEGAL_CHARACTERS_RE.sub("", t.replace("\r\n", "\n").replace("\r", "\n")) for t in texts
    ]
    got = [r[0] if r else "" for r in records[1:]]
    assert got + [""] * (len(expected) - len(got)) == expected  # trailing empty rows are none


@given(fuzz.valid_workshops())
def test_a_hostile_workshop_goes_out_and_back_through_handouts(doc: dict[str, object]) -> None:
    """Whatever a workshop holds, handouts, their merge and the results as a workbook end
    cleanly (0, 1 or 2, no traceback), write only their outputs, and hold no formula."""
    with fuzz.folder() as tmp:
        w = tmp / "w.yaml"
        w.write_text(fuzz.as_yaml(doc), encoding="utf-8")
        before = fuzz.snapshot(tmp)
        result = fuzz.invoke("handout", w, "--people", "Ana", "Ben", "-o", tmp / "h")
        assert result.exit_code in (0, 1, 2)
        if result.exit_code != 0:
            assert fuzz.snapshot(tmp) == before
            return
        for path in (tmp / "h").iterdir():
            with zipfile.ZipFile(path) as package:
                assert b"<f>" not in package.read("xl/worksheets/sheet1.xml")
        result = fuzz.invoke(
            "merge", tmp / "h" / "Ana.xlsx", tmp / "h" / "Ben.xlsx", "-o", tmp / "t.yaml"
        )
        assert result.exit_code in (0, 1)
        if result.exit_code == 0:
            names = [tp.name for tp in load_workshop(w).workshop.touchpoints]
            merged = [tp.name for tp in load_workshop(tmp / "t.yaml").workshop.touchpoints]
            assert len(merged) == len(names)
        result = fuzz.invoke("score", w, "-o", tmp / "r.xlsx")
        assert result.exit_code == 0, result.output
        with zipfile.ZipFile(tmp / "r.xlsx") as package:
            assert b"<f>" not in package.read("xl/worksheets/sheet1.xml")
