"""A newcomer's first hour: what following the README word for word meets. One short message
and one exit status for a missing file, formats that follow the output's name, problems named
where they are, help that agrees with the README."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import cli
from assess.files import output

Write = Callable[[str, str], Path]
ROOT = Path(__file__).resolve().parent.parent


def invoke(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["report", "{w}", "-o", "{d}/out.docx"],
            "Error: -o {d}/out.docx: this command does not write '.docx'; name it "
            ".pdf, .html or .htm",
        ),
        (
            # --format does not make a .docx of a PDF
            ["report", "{w}", "-o", "{d}/r.docx", "--format", "pdf"],
            "Error: -o {d}/r.docx: this command does not write '.docx'; name it "
            ".pdf, .html or .htm",
        ),
        (
            ["report", "{w}", "-o", "{d}/x.pdf", "--format", "html"],
            "Error: -o {d}/x.pdf ends in .pdf, but --format is html; make them agree",
        ),
        (
            ["demo", "-o", "{d}/demo.docx"],
            "Error: -o {d}/demo.docx: this command does not write '.docx'; name it "
            ".pdf, .html or .htm",
        ),
        (
            ["merge", "{w}", "{w2}", "-o", "{d}/team.csv"],
            "Error: -o {d}/team.csv: this command writes YAML; name it .yaml or .yml",
        ),
        (
            ["import", "{d}/t.csv", "-o", "{d}/journey.csv"],
            "Error: -o {d}/journey.csv: this command writes YAML; name it .yaml or .yml",
        ),
    ],
)
def test_the_output_format_follows_its_name_and_a_contradiction_is_refused(
    write: Write, tmp_path: Path, args: list[str], expected: str
) -> None:
    w = write("w.yaml", "title: T\nparticipants: [Ana]\ntouchpoints:\n  - name: A\n")
    w2 = write("w2.yaml", "title: T\nparticipants: [Ben]\ntouchpoints:\n  - name: A\n")
    write("t.csv", "name\nA\n")
    before = sorted(p.name for p in tmp_path.iterdir())
    filled = [a.format(w=w, w2=w2, d=tmp_path) for a in args]
    code, out = invoke(*filled)
    assert code == 2
    assert out.splitlines()[-1] == expected.format(d=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


def test_a_known_extension_chooses_the_format(small_workshop: Path, tmp_path: Path) -> None:
    code, _ = invoke("report", small_workshop, "-o", tmp_path / "board.HTM")
    assert code == 0
    assert (tmp_path / "board.HTM").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    "args",
    [
        ["score", "{m}"],
        ["report", "{m}"],
        ["report", "{w}", "--compare", "{m}"],
        ["report", "{w}", "--brand", "{m}"],
        ["score", "{w}", "--questionnaire", "{m}"],
        ["merge", "{w}", "{m}", "-o", "{d}/team.yaml"],
        ["import", "{m}", "-o", "{d}/j.yaml"],
        ["compare", "{w}", "{m}"],
        ["demo", "-o", "{d}/demo.pdf", "--brand", "{m}"],
    ],
)
def test_a_missing_input_is_one_line_and_exit_1_in_every_command(
    small_workshop: Path, tmp_path: Path, args: list[str]
) -> None:
    missing = tmp_path / "nofile.yaml"
    filled = [a.format(m=missing, w=small_workshop, d=tmp_path) for a in args]
    code, out = invoke(*filled)
    assert (code, out) == (1, f"Error: {missing}: no such file\n")
    assert not list(tmp_path.glob("*.pdf")) and not (tmp_path / "team.yaml").exists()


def test_a_missing_brand_is_reported_where_the_workshop_names_it(write: Write) -> None:
    w = write("w.yaml", "title: T\nbrand: our-brand.yaml\ntouchpoints:\n  - name: A\n")
    expected = f"{w}:2: field 'brand': no brand file 'our-brand.yaml' in the workshop's folder"
    code, out = invoke("report", w, "--format", "html")
    assert (code, out) == (1, f"Error: {expected}\n")
    code, out = invoke("validate", w)
    assert code == 1 and f"  {expected}\n" in out
    assert not w.with_suffix(".html").exists()


def test_a_mistyped_questionnaire_name_gets_a_suggestion(write: Write, tmp_path: Path) -> None:
    csv_file = write("t.csv", "name\nA\n")
    code, out = invoke("import", csv_file, "-o", tmp_path / "j.yaml", "--questionnaire", "defualt")
    assert code == 1
    assert out.endswith("; did you mean 'default'?\n")
    assert not (tmp_path / "j.yaml").exists()


def test_validate_lists_every_problem_of_a_brand_file(write: Write) -> None:
    b = write("brand.yaml", "accent: red\nlogo: missing.png\nfont: ../outside.ttf\nfooter: ok\n")
    code, out = invoke("validate", b)
    assert code == 1
    assert out == (
        f"{b}: 4 problems\n"
        f"  {b}: field 'name': is required\n"
        f"  {b}:1: field 'accent': 'red' is not a colour like #1b6e5a\n"
        f"  {b}:2: field 'logo': no file 'missing.png' beside the brand file\n"
        f"  {b}:3: field 'font': '../outside.ttf' must be a file in the brand file's folder\n"
        "Error: 1 of 1 file had problems\n"
    )


def test_the_bundled_journey_templates_validate() -> None:
    journeys = sorted((ROOT / "questionnaires" / "journeys").glob("*.yaml"))
    code, out = invoke("validate", *journeys)
    assert code == 0, out
    assert (
        f"{ROOT}/questionnaires/journeys/blank.yaml: ok (journey template Blank: 0 touchpoints)"
        in out
    )
    assert out.count(": ok (journey template ") == len(journeys) >= 6


def test_a_broken_journey_template_lists_its_problems(write: Write) -> None:
    j = write("j.yaml", "name: Mine\ntouchpoints:\n  - {stage: Buy}\n  - name: [x]\n")
    code, out = invoke("validate", j)
    assert code == 1
    assert f"{j}: 3 problems\n" in out  # description, and each touchpoint's name
    assert "field 'description': is required" in out


def test_score_csv_columns_are_the_json_keys_in_order(small_workshop: Path) -> None:
    code, text = invoke("score", small_workshop, "--format", "csv")
    assert code == 0
    header, *rows = list(csv.reader(io.StringIO(text)))
    data = json.loads(invoke("score", small_workshop, "--format", "json")[1])
    first = data["touchpoints"][0]
    dims = list(first["scores"])
    # scores spread over one column per dimension, value over flat columns (issue 17), and the
    # plan's kpi, pushed and actual too (issue 28)
    spread = {"scores": dims, **{k: [c for c, _ in cols] for k, cols in output.SPREAD.items()}}
    expected = [c for k in first for c in spread.get(k, [k])]
    assert header == expected
    assert "rules" in header and header.index("margin") < header.index("basis")
    assert list(output._EMPTY_KEYS) == list(first)
    row = dict(zip(header, rows[1], strict=True))  # Diagnosis: keep human, by rules
    assert row["rules"] == "; ".join(data["touchpoints"][1]["rules"])
    assert row["inputs"] == "" and row["margin"] == str(data["touchpoints"][1]["margin"])


def test_an_empty_workshop_still_has_the_csv_header(write: Write) -> None:
    w = write("w.yaml", "title: Empty\n")
    code, text = invoke("score", w, "--format", "csv")
    assert code == 0
    assert text.splitlines()[0].startswith("id,name,stage,channel,complexity,scale,")


def test_inputs_are_one_readable_cell(write: Write) -> None:
    w = write(
        "w.yaml",
        "title: T\ntouchpoints:\n  - name: A\n    inputs: {consequence: reversible}\n",
    )
    rows = list(csv.DictReader(io.StringIO(invoke("score", w, "--format", "csv")[1])))
    assert rows[0]["inputs"] == "consequence: reversible"


def test_one_touchpoint_is_singular(write: Write, tmp_path: Path) -> None:
    a = write("a.yaml", "title: T\nparticipants: [Ana]\ntouchpoints:\n  - name: A\n")
    b = write("b.yaml", "title: T\nparticipants: [Ben]\ntouchpoints:\n  - name: A\n")
    code, out = invoke("merge", a, b, "-o", tmp_path / "n2.yaml")
    assert code == 0
    assert out.endswith(f"Wrote {tmp_path / 'n2.yaml'}: 1 touchpoint with votes from Ana, Ben.\n")
    c = write("c.csv", "name\nA\n")
    code, out = invoke("import", c, "-o", tmp_path / "c.yaml")
    assert out.endswith(": 1 touchpoint, 0 fully scored.\n")


def test_help_agrees_with_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    top = invoke("--help")[1]
    assert invoke("-h")[1] == top
    for line in ("0    it worked", "1    bad input", "2    a mistake on the command line", "130"):
        assert line in top
    assert "assess -V" in readme and "-h" in readme
    assert invoke("-V")[1] == invoke("--version")[1]
    assert "workshop's" not in invoke("demo", "--help")[1]
    assert "table for people, json for programs." in invoke("compare", "--help")[1]
    assert "--questionnaire NAME" in invoke("import", "--help")[1]
    validate_help = invoke("validate", "--help")[1]
    assert "brand" in validate_help and "journey" in validate_help
    assert "checks workshop, questionnaire, brand and journey template files" in readme


def test_shell_completion_is_documented_and_works() -> None:
    import os
    import subprocess
    import sys

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'eval "$(_ASSESS_COMPLETE=bash_source assess)"' in readme
    env = {**os.environ, "_ASSESS_COMPLETE": "bash_source"}
    done = subprocess.run(
        [sys.executable, "-c", "from assess.cli import main; main()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "_assess_completion" in done.stdout


@pytest.mark.parametrize("ending", [".csv", ".xlsx"])
def test_a_spreadsheet_where_a_workshop_belongs_says_how_to_make_one(
    tmp_path: Path, ending: str
) -> None:
    sheet = tmp_path / f"touchpoints{ending}"
    sheet.write_bytes(b"name,complexity\nA,2\n")
    said = (
        f"{sheet}: is a spreadsheet, not a workshop; make one from it with "
        f"`assess import touchpoints{ending} -o WORKSHOP.yaml` (filled handouts: "
        "`assess merge FILES -o WORKSHOP.yaml`)"
    )
    for command in ("score", "report"):
        assert invoke(command, sheet) == (1, f"Error: {said}\n"), command
    code, output = invoke("validate", sheet)
    assert code == 1 and f"  {said}\n" in output
