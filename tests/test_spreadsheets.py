"""Spreadsheets as people really use them (issue 29): .ods and CSV read like workbooks, a file
whose content is not what its name says, labels as Calc takes them, sheets found by name,
spreadsheet words in every message, optional answers and notes merged with their authors.
LibreOffice itself fills handouts in test_libreoffice.py; these build the files directly."""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.cli import cli
from assess.files.loader import load_workshop

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
LABELS = "'1 - Scripted', '2 - Routine', '3 - Some judgement', '4 - Expert judgement', '5 - Novel'"


def ods(sheets: dict[str, list[list[str | float]]]) -> bytes:
    """A LibreOffice spreadsheet as Calc writes one: text cells as paragraphs, runs of spaces
    as <text:s>, tabs as <text:tab>, numbers as floats."""
    ET.register_namespace("table", TABLE)
    ET.register_namespace("text", TEXT)
    ET.register_namespace("office", OFFICE)
    root = ET.Element(f"{{{OFFICE}}}document-content", {f"{{{OFFICE}}}version": "1.3"})
    body = ET.SubElement(ET.SubElement(root, f"{{{OFFICE}}}body"), f"{{{OFFICE}}}spreadsheet")
    for title, rows in sheets.items():
        table = ET.SubElement(body, f"{{{TABLE}}}table", {f"{{{TABLE}}}name": title})
        for row in rows:
            tr = ET.SubElement(table, f"{{{TABLE}}}table-row")
            for value in row:
                _cell(tr, value)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        package.writestr("content.xml", ET.tostring(root, xml_declaration=True, encoding="UTF-8"))
        package.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
            'manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
    return buffer.getvalue()


def _cell(tr: ET.Element, value: str | float) -> None:
    if isinstance(value, float | int):
        attrs = {f"{{{OFFICE}}}value-type": "float", f"{{{OFFICE}}}value": str(value)}
        ET.SubElement(
            ET.SubElement(tr, f"{{{TABLE}}}table-cell", attrs), f"{{{TEXT}}}p"
        ).text = str(value)
        return
    cell = ET.SubElement(tr, f"{{{TABLE}}}table-cell", {f"{{{OFFICE}}}value-type": "string"})
    for line in value.split("\n"):
        p = ET.SubElement(cell, f"{{{TEXT}}}p")
        last: ET.Element | None = None
        for part in re.split(r"( +|\t)", line):
            if not part:
                continue
            if part == "\t" or part.startswith(" "):
                tag = "tab" if part == "\t" else "s"
                attrs = {} if part == "\t" else {f"{{{TEXT}}}c": str(len(part))}
                last = ET.SubElement(p, f"{{{TEXT}}}{tag}", attrs)
            elif last is None:
                p.text = (p.text or "") + part
            else:
                last.tail = (last.tail or "") + part


def invoke(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


# --- .ods and files that are not what their names say ---------------------------------------


def test_an_ods_is_read_like_a_workbook_by_name_and_header(tmp_path: Path) -> None:
    path = tmp_path / "journey.ods"
    path.write_bytes(
        ods(
            {
                "Help": [["column", "question"]],
                "Mine": [["Name", "Complexity", "Scale"], ["Refund", "3 - SOME  judgement", 4.0]],
            }
        )
    )
    code, said = invoke("import", path, "-o", tmp_path / "j.yaml")
    assert code == 0, said
    tp = load_workshop(tmp_path / "j.yaml").workshop.touchpoints[0]
    assert (tp.name, tp.scores) == ("Refund", {"complexity": 3, "scale": 4})


def test_a_formula_in_an_ods_is_refused_naming_its_cell(tmp_path: Path) -> None:
    data = ods({"Touchpoints": [["name", "scale"], ["Refund", 4.0]]})
    packed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(packed, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "content.xml":
                body = body.replace(
                    b'office:value-type="float"',
                    b'table:formula="of:=2+2" office:value-type="float"',
                )
            dst.writestr(item, body)
    path = tmp_path / "f.ods"
    path.write_bytes(packed.getvalue())
    assert invoke("import", path, "-o", tmp_path / "j.yaml") == (
        1,
        f"Error: {path}: sheet 'Touchpoints', cell B2: is a formula; type the value itself "
        "(assess never runs formulas)\n",
    )


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("Ana.xlsx", "ods", "is a LibreOffice spreadsheet (.ods), but its name ends in .xlsx; "
         "rename it to Ana.ods"),
        ("Ana.ods", "xlsx", "is an Excel workbook (.xlsx), but its name ends in .ods; rename it "
         "to Ana.xlsx"),
        ("Ana.csv", "ods", "is a LibreOffice spreadsheet (.ods), but its name ends in .csv; "
         "rename it to Ana.ods"),
        ("Ana.ods", "text", "is not a LibreOffice spreadsheet (save it again: in LibreOffice, "
         "'ODF Spreadsheet (.ods)')"),
    ],
)  # fmt: skip
def test_a_file_whose_content_is_not_its_name_is_one_line(
    tmp_path: Path, name: str, content: str, said: str
) -> None:
    path = tmp_path / name
    book = openpyxl.Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    data = {"ods": ods({"S": [["name"]]}), "xlsx": buffer.getvalue(), "text": b"name\nA\n"}
    path.write_bytes(data[content])
    for args in (
        ["import", path, "-o", tmp_path / "j.yaml"],
        ["merge", path, path, "-o", tmp_path / "t.yaml"],
    ):
        assert invoke(*args) == (1, f"Error: {path}: {said}\n")


def test_a_workbook_named_like_a_workshop_is_said_to_be_one(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    path.write_bytes(ods({"S": [["name"]]}))
    code, said = invoke("validate", path)
    assert code == 1 and "is a spreadsheet or another zipped file (an .xlsx or .ods?)" in said
    assert "UTF-8" not in said


def test_no_sheet_of_touchpoints_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "j.ods"
    path.write_bytes(ods({"Notes": [["hello"]], "More": [["world"]]}))
    assert invoke("import", path, "-o", tmp_path / "j.yaml") == (
        1,
        f"Error: {path}: has no sheet of touchpoints: none of its sheets (Notes, More) has "
        "'name' in its first row; name the sheet with --sheet, or give its first row the "
        "column headers (name, stage, ...)\n",
    )


# --- labels and words ------------------------------------------------------------------------


def test_a_csv_saved_from_a_handout_reads_its_labels(tmp_path: Path) -> None:
    """Defect 1: the cells of a handout saved as CSV hold the drop-downs' labels."""
    path = tmp_path / "t.csv"
    path.write_text(
        "name,complexity,scale,consequence (optional),Handle minutes (if you know)\n"
        'Refund,3 -  some JUDGEMENT,5 – Thousands a day,Harmful or irreversible,"6,5"\n',
        encoding="utf-8",
    )
    code, said = invoke("import", path, "-o", tmp_path / "j.yaml")
    assert code == 0, said
    tp = load_workshop(tmp_path / "j.yaml").workshop.touchpoints[0]
    assert tp.scores == {"complexity": 3, "scale": 5}
    assert tp.inputs == {"consequence": "harmful"} and tp.handle_minutes == 6.5


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        ("Sometimes", f"must be one of {LABELS} (or the number 1 to 5), got 'Sometimes'"),
        ("4 - Scripted", "number 4 and label 'Scripted' disagree (4 is 'Expert judgement', "
         "'Scripted' is 1); was the cell dragged down with the fill handle? Choose the answer "
         "again from the list"),
    ],
)  # fmt: skip
def test_label_errors_list_the_labels_or_name_the_conflict(
    tmp_path: Path, cell: str, said: str
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f"name,complexity\nRefund,{cell}\n", encoding="utf-8")
    assert invoke("import", path, "-o", tmp_path / "j.yaml") == (
        1,
        f"Error: {path}: row 2, column 'complexity': {said}\n",
    )


def test_a_stray_cell_speaks_of_cells_not_delimiters(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["name", "scale"])
    ws.append(["Refund", 3, None, "oops"])
    path = tmp_path / "t.xlsx"
    book.save(path)
    assert invoke("import", path, "-o", tmp_path / "j.yaml") == (
        1,
        f"Error: {path}: sheet 'Sheet', row 2: has a value in column D (cell D2), right of the "
        "last column with a header; give that column a header or clear the cell\n",
    )
    csv = tmp_path / "t.csv"
    csv.write_text("name,scale\nRefund,3,,oops\n", encoding="utf-8")
    code, said = invoke("import", csv, "-o", tmp_path / "j.yaml")
    assert code == 1 and "delimiter" not in said and "row 2: has 4 cells" in said


# --- merging: CSV titles, optional answers, notes, files left empty -------------------------


WORKSHOP = """\
title: Claims journey
participants: [Ana, Ben]
touchpoints:
  - {name: Refund, notes: Watch the fees}
  - {name: Claim status}
"""


def test_csv_handouts_merge_under_the_workshops_title(tmp_path: Path) -> None:
    w = tmp_path / "w.yaml"
    w.write_text(WORKSHOP, encoding="utf-8")
    assert invoke("handout", w, "-o", tmp_path / "h", "--format", "csv")[0] == 0
    for person, answer in (("Ana", "2"), ("Ben", "4")):
        path = tmp_path / "h" / f"{person}.csv"
        lines = path.read_bytes().decode("utf-8").split("\r\n")
        header = lines[0].split(",")
        cells = lines[1].split(",")
        cells[header.index("complexity")] = answer
        lines[1] = ",".join(cells)
        path.write_bytes("\r\n".join(lines).encode("utf-8"))
    code, said = invoke(
        "merge", tmp_path / "h" / "Ben.csv", tmp_path / "h" / "Ana.csv", "-o", tmp_path / "t.yaml"
    )
    assert code == 0, said
    merged = load_workshop(tmp_path / "t.yaml").workshop
    assert merged.title == "Claims journey" and merged.participants == ["Ben", "Ana"]
    refund = merged.touchpoints[0]
    assert refund.votes == {"Ben": {"complexity": 4}, "Ana": {"complexity": 2}}
    assert refund.notes == "Watch the fees"  # the workshop's own note, in every handout
    assert (
        "Note: Ben left questions unanswered in 1 touchpoint: 'Refund': scale (row 2, column "
        "'scale'), emotional stakes (row 2, column 'emotional_stakes') and technology as barrier "
        "(row 2, column 'tech_barrier')." in said
    )


def test_optional_answers_merge_as_votes_and_splits_stay_open(tmp_path: Path) -> None:
    ana, ben, cy = (tmp_path / f"{p}.yaml" for p in ("ana", "ben", "cy"))
    ana.write_text(
        "title: T\nparticipants: [Ana]\ntouchpoints:\n  - {name: A, inputs: {consequence: harmful, "
        "effort: small}, notes: One}\n",
        encoding="utf-8",
    )
    ben.write_text(
        "title: T\nparticipants: [Ben]\ntouchpoints:\n  - {name: A, inputs: {consequence: costly, "
        "effort: small}}\n",
        encoding="utf-8",
    )
    cy.write_text(
        "title: T\nparticipants: [Cy]\ntouchpoints:\n  - {name: A, scores: {complexity: 2}}\n",
        encoding="utf-8",
    )
    code, said = invoke("merge", ana, ben, cy, "-o", tmp_path / "t.yaml")
    assert code == 0, said
    text = (tmp_path / "t.yaml").read_text(encoding="utf-8")
    assert "Ana: {consequence: harmful, effort: small}" in text
    assert "Cy: {complexity: 2}" in text
    tp = load_workshop(tmp_path / "t.yaml").workshop.touchpoints[0]
    assert tp.inputs == {"effort": "small"}  # everyone who answered agrees; the split is open
    assert tp.notes == "Ana: One"
    assert (
        "People answered 'consequence of a wrong answer' differently for 'A' (Ana: harmful" in said
    )
    # A merged file merges again without losing anyone's answers.
    code, said = invoke("merge", tmp_path / "t.yaml", ana, "-o", tmp_path / "u.yaml")
    assert code == 0, said
    again = load_workshop(tmp_path / "u.yaml").workshop.touchpoints[0]
    assert again.answer_votes == tp.answer_votes


def test_votes_on_optional_questions_are_checked_against_the_questionnaire(
    tmp_path: Path,
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        "title: T\ntouchpoints:\n  - name: A\n    votes:\n"
        "      Ana: {complexity: 3, consequence: harmfull}\n      Ben: {scale: '2'}\n",
        encoding="utf-8",
    )
    code, said = invoke("validate", path)
    assert code == 1
    assert (
        f"{path}:5: touchpoint \"A\", field 'votes.Ana.consequence': 'harmfull' is not an option "
        "(options: reversible, costly, harmful)" in said
    )
    assert f"{path}:6: touchpoint \"A\", field 'votes.Ben.scale': must be a whole number" in said


def test_a_handout_sent_out_and_never_filled_is_left_out(tmp_path: Path) -> None:
    w = tmp_path / "w.yaml"
    w.write_text(WORKSHOP, encoding="utf-8")
    assert invoke("handout", w, "-o", tmp_path / "h")[0] == 0
    filled = tmp_path / "h" / "Ana filled.csv"
    filled.write_text("name,complexity\nRefund,2\n", encoding="utf-8")
    book = openpyxl.load_workbook(tmp_path / "h" / "Ben.xlsx")
    book["Touchpoints"]["G2"] = "3"
    book.save(tmp_path / "h" / "Ben.xlsx")
    about = openpyxl.load_workbook(tmp_path / "h" / "Ana.xlsx")
    about["About"]["B2"] = "Ana filled"  # so both are by one person
    about.save(tmp_path / "h" / "Ana.xlsx")
    code, said = invoke(
        "merge",
        tmp_path / "h" / "Ana.xlsx",
        filled,
        tmp_path / "h" / "Ben.xlsx",
        "-o",
        tmp_path / "t.yaml",
    )
    assert code == 0, said
    assert (
        "Note: Ana.xlsx and Ana filled.csv are both by 'Ana filled', and Ana.xlsx holds no answer: left it out."
        in said
    )


# --- any text a person can type ----------------------------------------------------------------

TYPED = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
    | st.sampled_from("\n\t  -–+=@\"';,"),
    max_size=40,
)


@settings(derandomize=True, max_examples=60, deadline=None)
@given(name=TYPED, answer=TYPED)
def test_any_text_typed_in_an_ods_round_trips_or_is_refused_by_cell(name: str, answer: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.ods"
        path.write_bytes(ods({"Touchpoints": [["name", "complexity"], [name, answer]]}))
        _round_trip(path, name, answer, "sheet 'Touchpoints', row 2, column '{}' (cell {}2)")


@settings(derandomize=True, max_examples=60, deadline=None)
@given(name=TYPED, answer=TYPED)
def test_any_text_typed_in_a_csv_round_trips_or_is_refused_by_cell(name: str, answer: str) -> None:
    import csv

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        buffer = io.StringIO()
        csv.writer(buffer).writerows([["name", "complexity"], [name, answer]])
        path.write_text(buffer.getvalue(), encoding="utf-8")
        _round_trip(path, name, answer, "row 2, column '{}'")


def _round_trip(path: Path, name: str, answer: str, where: str) -> None:
    out = path.parent / "w.yaml"
    code, said = invoke("import", path, "-o", out)
    if code == 0:
        tps = load_workshop(out).workshop.touchpoints
        kept = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", name.replace("\r", "\n")).strip()
        assert [t.name for t in tps] == ([kept] if kept else [])
        return
    assert code == 1, said
    lines = [line.strip() for line in said.splitlines()]
    # Every problem names its row and column (and the sheet and cell in a workbook).
    if not name.strip() and not answer.strip():
        return  # an empty row: no touchpoint at all
    named = [where.format("name", "A"), where.format("complexity", "B")]
    problems = [line for line in lines if not re.match(r"Error: \d+ problems in ", line)]
    assert problems and all(any(n in line for n in named) for line in problems), said


def test_the_walk_names_the_votes_on_an_optional_question_and_its_split() -> None:
    """What `assess run` shows at the optional questions of a merged file (issue 25, item 6)."""
    from assess.journeys import Touchpoint
    from assess.workshop import after

    tp = Touchpoint.model_validate(
        {
            "name": "A",
            "votes": {
                "Ana": {"complexity": 2, "consequence": "harmful", "effort": "small"},
                "Ben": {"consequence": "costly", "effort": "small"},
                "Cy": {"consequence": "harmful"},
            },
        }
    )
    assert after._voters(tp, "consequence") == {
        "harmful": " · votes Ana, Cy",
        "costly": " · votes Ben",
    }
    assert after.split_answers(tp) == ["consequence"]
    settled = tp.model_copy(update={"inputs": {"consequence": "harmful"}})
    settled._answer_votes = tp.answer_votes
    assert after.split_answers(settled) == []
