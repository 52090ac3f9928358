"""Votes and consensus, merge, CSV import and export, and comparing assessments."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from assess.cli import cli
from assess.files.loader import load_workshop
from assess.journeys import Touchpoint
from assess.method.consensus import consensus
from assess.method.scoring import assess_touchpoint
from assess.models import Questionnaire

Write = Callable[[str, str], Path]
ALL_LOW = {"complexity": 1, "scale": 5, "emotional_stakes": 1, "tech_barrier": 1}


# --- median and tie rules ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dim", "votes", "expected", "rounded"),
    [
        ("complexity", [2, 3, 3], 3, None),  # odd count: the middle vote
        ("complexity", [1, 2, 4, 5], 3, None),  # even count, whole median
        ("complexity", [2, 3], 3, "up"),  # 2.5: up, toward a person
        ("emotional_stakes", [1, 2, 4, 5, 1, 2], 2, "up"),  # median 2 ... (1,1,2,2,4,5) -> 2.0
        ("tech_barrier", [3, 4], 4, "up"),
        ("scale", [3, 4], 3, "down"),  # for scale, down is toward a person
        ("scale", [1, 2, 4, 5], 3, None),
    ],
)
def test_median_and_ties_protect_the_human(
    questionnaire: Questionnaire, dim: str, votes: list[int], expected: int, rounded: str | None
) -> None:
    d = questionnaire.dimension(dim)
    found = consensus(d, {f"p{i}": v for i, v in enumerate(votes)}, settled=None)
    assert found is not None
    assert found.value == expected
    if dim == "emotional_stakes":
        rounded = None  # six votes whose two middle ones agree
    assert found.rounded == rounded


def test_consensus_scores_a_touchpoint_and_says_how(questionnaire: Questionnaire) -> None:
    tp = Touchpoint(
        name="t",
        votes={
            "Ana": {"complexity": 1, "scale": 5, "emotional_stakes": 3, "tech_barrier": 1},
            "Ben": {"complexity": 1, "scale": 5, "emotional_stakes": 4, "tech_barrier": 1},
        },
    )
    result = assess_touchpoint(questionnaire, tp)
    assert result.scores["emotional_stakes"] == 4
    assert result.recommendation == "assist"  # stakes 4: never automate
    assert (
        "Emotional stakes 4 is the team's consensus, the median of Ana 3, Ben 4; the median 3.5 "
        "is rounded up, toward keeping a person involved."
    ) in result.reasons
    assert result.disagreement == ()


def test_explicit_scores_win_over_the_consensus(questionnaire: Questionnaire) -> None:
    tp = Touchpoint(
        name="t",
        scores={**ALL_LOW, "emotional_stakes": 2},
        votes={
            "Ana": {"emotional_stakes": 1},
            "Ben": {"emotional_stakes": 5},
            "Cy": {"emotional_stakes": 5},
        },
    )
    result = assess_touchpoint(questionnaire, tp)
    assert result.scores["emotional_stakes"] == 2
    assert result.consensus["emotional_stakes"].value == 5
    assert result.consensus["emotional_stakes"].settled == 2
    # Read as 0.2.0 wrote it: `scores` beside split votes is the room's decision (issue 25).
    assert (
        "The team disagreed on emotional stakes (votes from 1 to 5); the room settled it at 2."
        in result.reasons
    )


def test_disagreement_on_and_off(questionnaire: Questionnaire) -> None:
    agree = Touchpoint(name="a", scores=ALL_LOW, votes={"Ana": {"scale": 4}, "Ben": {"scale": 5}})
    split = Touchpoint(
        name="b",
        scores=ALL_LOW,
        votes={"Ana": {"scale": 2}, "Ben": {"scale": 4}, "Cy": {"scale": 3}},
    )
    assert assess_touchpoint(questionnaire, agree).disagreement == ()
    [flag] = assess_touchpoint(questionnaire, split).disagreement
    assert (flag.dimension, flag.low, flag.high) == ("scale", 2, 4)
    assert dict(flag.votes) == {"Ana": 2, "Ben": 4, "Cy": 3}


# --- merge --------------------------------------------------------------------------------------


@pytest.fixture
def three_people(write: Write) -> list[Path]:
    ana = write(
        "ana.yaml",
        """
        title: Claims journey
        participants: [Ana]
        touchpoints:
          - {name: Report a claim, stage: Claims, scores: {complexity: 2, scale: 4, emotional_stakes: 1, tech_barrier: 2}}
          - {name: Bereavement claim, stage: Claims, scores: {complexity: 4, scale: 2, emotional_stakes: 5, tech_barrier: 5}, notes: Needs a person}
        """,
    )
    ben = write(
        "ben.yaml",
        """
        title: Claims journey
        participants: [Ben]
        touchpoints:
          - {name: Report a claim, scores: {complexity: 2, scale: 4, emotional_stakes: 4, tech_barrier: 2}}
          - {name: Bereavement claim, scores: {complexity: 5, scale: 2, emotional_stakes: 5, tech_barrier: 4}}
        """,
    )
    cy = write(
        "cy.yaml",
        """
        title: Claims journey, Cy's copy
        touchpoints:
          - {name: Report a claim, scores: {complexity: 3, scale: 5, emotional_stakes: 2, tech_barrier: 1}}
          - {name: Claim status, scores: {complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}}
        """,
    )
    return [ana, ben, cy]


def test_merge_of_three_files_with_a_missing_touchpoint(
    runner: CliRunner, three_people: list[Path], tmp_path: Path
) -> None:
    before = [p.read_bytes() for p in three_people]
    out = tmp_path / "team.yaml"
    result = runner.invoke(cli, ["merge", *map(str, three_people), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "Note: The files disagree on title (ana.yaml: Claims journey; ben.yaml: Claims journey; "
        "cy.yaml: Claims journey, Cy's copy); kept 'Claims journey'.",
        "Note: Touchpoint 'Bereavement claim' is only in ana.yaml, ben.yaml (not in cy.yaml); kept.",
        "Note: Touchpoint 'Claim status' is only in cy.yaml (not in ana.yaml, ben.yaml); kept.",
        f"Wrote {out}: 3 touchpoints with votes from Ana, Ben, cy.",
    ]
    assert [p.read_bytes() for p in three_people] == before  # inputs untouched
    w = load_workshop(out).workshop
    assert w.participants == ["Ana", "Ben", "cy"]
    report, bereavement, status = w.touchpoints
    assert report.votes["cy"] == {
        "complexity": 3,
        "scale": 5,
        "emotional_stakes": 2,
        "tech_barrier": 1,
    }
    assert report.scores == {} and report.stage == "Claims"
    # A single note keeps its author too (issue 25, item 5).
    assert set(bereavement.votes) == {"Ana", "Ben"} and bereavement.notes == "Ana: Needs a person"
    assert set(status.votes) == {"cy"}
    data = json.loads(runner.invoke(cli, ["score", str(out), "--format", "json"]).output)
    first = data["touchpoints"][0]
    assert first["scores"]["emotional_stakes"] == 2  # median of 1, 4, 2
    assert first["disagreement"] == [
        {
            "dimension": "emotional_stakes",
            "min": 1,
            "max": 4,
            "votes": {"Ana": 1, "Ben": 4, "cy": 2},
            "settled": None,  # issue 25: the value the room settled at, or null
            "reason": None,
        }
    ]
    assert data["touchpoints"][2]["disagreement"] == []
    table = runner.invoke(cli, ["score", str(out)]).output
    assert "Disagrees" in table and "stakes 1–4" in table


def test_merge_refuses_to_write_over_an_input_or_an_existing_file(
    runner: CliRunner, three_people: list[Path]
) -> None:
    ana, ben, _ = three_people
    result = runner.invoke(cli, ["merge", str(ana), str(ben), "-o", str(ana)])
    assert (
        result.exit_code == 2 and "is one of the inputs; inputs are never changed" in result.output
    )
    existing = ana.parent / "team.yaml"
    existing.write_text("keep me")
    result = runner.invoke(cli, ["merge", str(ana), str(ben), "-o", str(existing)])
    assert result.exit_code == 1
    assert result.output == f"Error: {existing} already exists; choose another -o or add --force\n"
    assert existing.read_text() == "keep me"


def test_merge_refuses_two_files_by_the_same_person(
    runner: CliRunner, write: Write, tmp_path: Path
) -> None:
    a = write("a.yaml", "title: T\nparticipants: [Ana]\n")
    b = write("b.yaml", "title: T\nparticipants: [Ana]\n")
    result = runner.invoke(cli, ["merge", str(a), str(b), "-o", str(tmp_path / "t.yaml")])
    assert result.exit_code == 1
    assert f"{b}: is also by 'Ana', like {a}" in result.output


# --- CSV import and export ------------------------------------------------------------------------


@pytest.mark.parametrize(("delimiter", "bom"), [(",", False), (";", True), (",", True)])
def test_import_both_dialects_with_and_without_bom(
    runner: CliRunner, tmp_path: Path, delimiter: str, bom: bool
) -> None:
    rows = [
        [
            "Name",
            "stage",
            "channel",
            "complexity",
            "scale",
            "emotional_stakes",
            "tech_barrier",
            "notes",
        ],
        ["Report a claim", "Claims", "web", "2", "4", "1", "2", f"Fast{delimiter} simple"],
        ["Claim status", "Claims", "chat", "1", "5", "2", "1", ""],
        ["", "", "", "", "", "", "", ""],
        ["Bereavement claim", "Claims", "phone", "", "", "5", "", "Needs a person"],
    ]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path = tmp_path / "claims_touchpoints.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))
    out = tmp_path / "claims.yaml"
    result = runner.invoke(cli, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {out}: 3 touchpoints, 2 fully scored.\n"
    w = load_workshop(out).workshop
    assert w.title == "Claims touchpoints"
    assert [t.name for t in w.touchpoints] == [
        "Report a claim",
        "Claim status",
        "Bereavement claim",
    ]
    assert w.touchpoints[0].notes == f"Fast{delimiter} simple"
    assert w.touchpoints[0].scores == {
        "complexity": 2,
        "scale": 4,
        "emotional_stakes": 1,
        "tech_barrier": 2,
    }
    assert w.touchpoints[2].scores == {"emotional_stakes": 5}


COMPLEXITY = (
    "'1 - Scripted', '2 - Routine', '3 - Some judgement', '4 - Expert judgement', '5 - Novel'"
)
SCALE = "'1 - A handful a month', '2 - Weekly', '3 - Daily', '4 - Hundreds a day', '5 - Thousands a day'"


def test_import_errors_name_the_row_and_column(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("name;complexity;scale\nA;9;\n;2;\nA;x;3\nB;1;2.0\n", encoding="utf-8")
    out = tmp_path / "t.yaml"
    result = runner.invoke(cli, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: 5 problems in {path}:\n"
        f"  {path}: row 2, column 'complexity': must be one of {COMPLEXITY} (or the number 1 to 5), got '9'\n"
        f"  {path}: row 3, column 'name': is empty\n"
        f"  {path}: row 4, column 'name': duplicate of row 2\n"
        f"  {path}: row 4, column 'complexity': must be one of {COMPLEXITY} (or the number 1 to 5), got 'x'\n"
        f"  {path}: row 5, column 'scale': must be one of {SCALE} (or the number 1 to 5), got '2.0'\n"
    )
    assert not out.exists()


def test_import_unknown_column_and_missing_name(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("title,scael\nA,1\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(path), "-o", str(tmp_path / "t.yaml")])
    assert result.exit_code == 1
    assert "row 1, column 'scael': unknown column; did you mean 'scale'?" in result.output
    assert "row 1: the column 'name' is required" in result.output


def test_import_rejects_text_that_is_not_utf8(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("name\nCaf\u00e9\n".encode("latin-1"))
    result = runner.invoke(cli, ["import", str(path), "-o", str(tmp_path / "t.yaml")])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {path}: is not UTF-8 text; save it again as 'CSV UTF-8' (Excel) or "
        "'Text CSV, UTF-8' (LibreOffice)\n"
    )


def test_csv_export_reads_back_into_import(
    runner: CliRunner, small_workshop: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "results.csv"
    exported.write_text(
        runner.invoke(cli, ["score", str(small_workshop), "--format", "csv"]).output,
        encoding="utf-8",
    )
    rows = list(csv.DictReader(exported.open(encoding="utf-8")))
    assert (
        rows[1]["recommendation"] == "keep-human"
        and rows[1]["notes"] == "Doctor explains the result"
    )
    # A spreadsheet user trims the result columns and imports the touchpoints again.
    keep = [
        "id",
        "name",
        "stage",
        "channel",
        "complexity",
        "scale",
        "emotional_stakes",
        "tech_barrier",
        "notes",
    ]
    trimmed = tmp_path / "trimmed.csv"
    with trimmed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, keep, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path / "again.yaml"
    assert runner.invoke(cli, ["import", str(trimmed), "-o", str(out)]).exit_code == 0
    again = json.loads(runner.invoke(cli, ["score", str(out), "--format", "json"]).output)
    original = json.loads(
        runner.invoke(cli, ["score", str(small_workshop), "--format", "json"]).output
    )
    assert [t["recommendation"] for t in again["touchpoints"]] == [
        t["recommendation"] for t in original["touchpoints"]
    ]


# --- compare ---------------------------------------------------------------------------------------


@pytest.fixture
def two_years(write: Write) -> tuple[Path, Path]:
    old = write(
        "2025.yaml",
        """
        title: Claims 2025
        date: 2025-11-01
        touchpoints:
          - {name: Report a claim, scores: {complexity: 2, scale: 4, emotional_stakes: 1, tech_barrier: 2}}
          - {name: Claim status, scores: {complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}}
          - {name: Fax a form, scores: {complexity: 1, scale: 1, emotional_stakes: 1, tech_barrier: 1}}
        """,
    )
    new = write(
        "2026.yaml",
        """
        title: Claims 2026
        date: 2026-11-01
        touchpoints:
          - {name: Report a claim, scores: {complexity: 2, scale: 4, emotional_stakes: 4, tech_barrier: 2}}
          - {name: Claim status, scores: {complexity: 1, scale: 4, emotional_stakes: 1, tech_barrier: 1}}
          - {name: Video assessment, scores: {complexity: 4, scale: 2, emotional_stakes: 4, tech_barrier: 4}}
        """,
    )
    return old, new


def test_compare_json(runner: CliRunner, two_years: tuple[Path, Path]) -> None:
    old, new = two_years
    result = runner.invoke(cli, ["compare", str(old), str(new), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    [moved] = data["moved"]
    assert (moved["name"], moved["from"], moved["to"]) == ("Report a claim", "automate", "assist")
    assert moved["answers"] == [{"dimension": "emotional_stakes", "from": 1, "to": 4}]
    [rescored] = data["rescored"]
    assert rescored["answers"] == [{"dimension": "scale", "from": 5, "to": 4}]
    assert rescored["from"] == rescored["to"] == "automate"
    assert [a["name"] for a in data["added"]] == ["Video assessment"]
    assert [r["name"] for r in data["removed"]] == ["Fax a form"]
    assert data["unchanged"] == 0


def test_compare_table(runner: CliRunner, two_years: tuple[Path, Path]) -> None:
    old, new = two_years
    result = runner.invoke(cli, ["compare", str(old), str(new)])
    assert result.exit_code == 0
    assert "emotional stakes 1→4" in result.output
    assert "(new)" in result.output and "(removed)" in result.output
    assert (
        "1 verdict moved, 1 re-scored with the same verdict, 0 unchanged, 1 added, 1 removed."
        in result.output
    )


def test_pdf_shows_disagreement_and_changes(
    runner: CliRunner, three_people: list[Path], tmp_path: Path
) -> None:
    team = tmp_path / "team.yaml"
    assert runner.invoke(cli, ["merge", *map(str, three_people), "-o", str(team)]).exit_code == 0
    earlier = three_people[0]
    out = tmp_path / "team.pdf"
    result = runner.invoke(cli, ["report", str(team), "--compare", str(earlier), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "Where the team disagrees" in text
    assert "Emotional stakes: 1 to 4" in text and "Ana 1, Ben 4, cy 2" in text
    assert "The team disagrees. Emotional stakes: votes from 1 to 4" in text
    assert "Since last time" in text
    assert "Claim status (automate)" in text  # added since Ana's own file


def test_a_touchpoint_page_says_a_split_was_settled_rather_than_that_the_team_disagrees(
    write: Write,
) -> None:
    w = write(
        "settled.yaml",
        """\
title: Settled
participants: [Ana, Ben]
touchpoints:
  - name: Refund
    scores: {complexity: 3, scale: 3, emotional_stakes: 2, tech_barrier: 2}
    votes:
      Ana: {complexity: 2, scale: 3, emotional_stakes: 2, tech_barrier: 2}
      Ben: {complexity: 4, scale: 3, emotional_stakes: 2, tech_barrier: 2}
  - name: Billing
    votes:
      Ana: {complexity: 1, scale: 3, emotional_stakes: 2, tech_barrier: 2}
      Ben: {complexity: 4, scale: 3, emotional_stakes: 2, tech_barrier: 2}
""",
    )
    result = CliRunner().invoke(cli, ["report", str(w), "--format", "html"])
    assert result.exit_code == 0, result.output
    html = w.with_suffix(".html").read_text(encoding="utf-8")
    refund, billing = html.split("Refund</h3>")[1].split("Billing</h3>")
    assert "The room settled a split." in refund and "settled at 3" in refund
    assert "The team disagrees." not in refund
    assert "The team disagrees." in billing and "The room settled" not in billing
