"""Every command through click's CliRunner, with exact messages and exit codes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess import __version__
from assess.cli import cli

Write = Callable[[str, str], Path]


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"assess, version {__version__}\n"


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    for name, command in cli.commands.items():
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help and "Example" in command.help, name
        assert "Example:" in result.output, name


def test_score_json_follows_the_contract(runner: CliRunner, small_workshop: Path) -> None:
    result = runner.invoke(cli, ["score", str(small_workshop), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["title"] == "Small journey"
    assert data["questionnaire"] == {"name": "default", "version": "1.3"}
    assert data["summary"] == {
        "automate": 1,
        "assist": 1,
        "keep-human": 1,
        "unscored": 1,
        "value": None,
        "splits": {"open": 0, "settled": 0},  # issue 25: open splits, and those settled
        "plan": None,  # without a plan (issue 28)
        "actual": None,  # without outcomes
    }
    first, second, third, fourth = data["touchpoints"]
    assert {
        "id",
        "name",
        "stage",
        "channel",
        "scores",
        "recommendation",
        "fit",
        "borderline",
        "reasons",
        "margin",
        "stability",
        "basis",
        "inputs",
    } <= set(first)
    assert first["id"] == "where-is-my-order"
    assert first["scores"] == {
        "complexity": 1,
        "scale": 5,
        "emotional_stakes": 1,
        "tech_barrier": 1,
    }
    assert (first["recommendation"], first["fit"], first["channel"]) == ("automate", 100, "chat")
    # fit 100 is 30 above the automate threshold of 70. Every answer is 1 or 5, so each can
    # move one way only: 4 one-point moves, and none changes the verdict.
    assert (first["margin"], first["stability"], first["basis"]) == (30, "4/4", "need")
    assert first["inputs"] == {} and first["borderline"] == []
    assert second["recommendation"] == "keep-human"
    assert third["recommendation"] == "assist" and third["assist_kind"] == "agent-assist"
    assert fourth["recommendation"] == "unscored" and fourth["fit"] is None
    assert (fourth["margin"], fourth["stability"], fourth["basis"]) == (None, None, None)
    assert fourth["scores"]["scale"] is None
    assert all(isinstance(r, str) for t in data["touchpoints"] for r in t["reasons"])


def test_score_table_shows_every_touchpoint_and_the_summary(
    runner: CliRunner, small_workshop: Path
) -> None:
    result = runner.invoke(cli, ["score", str(small_workshop)])
    assert result.exit_code == 0
    for text in (
        "Where is my order?",
        "Diagnosis",
        "● Automate",
        "▲ Keep human",
        "◆ Assist",
        "○ Not yet assessed",
    ):
        assert text in result.output
    assert "Summary: 1 automate, 1 assist, 1 keep human, 1 not yet assessed." in result.output


def test_score_csv_reads_back(runner: CliRunner, small_workshop: Path) -> None:
    result = runner.invoke(cli, ["score", str(small_workshop), "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["name"] for r in rows] == [
        "Where is my order?",
        "Diagnosis",
        "Billing question",
        "Not scored yet",
    ]
    assert (
        rows[0]["complexity"] == "1"
        and rows[0]["recommendation"] == "automate"
        and rows[0]["fit"] == "100"
    )
    assert rows[3]["scale"] == "" and rows[3]["recommendation"] == "unscored"
    assert "Automation fit 50/100" in rows[2]["reasons"]


def test_bad_workshop_exits_1_with_one_clear_message(runner: CliRunner, write: Write) -> None:
    path = write("w.yaml", "title: T\ntouchpoints:\n  - name: Chat\n    scores: {complexity: 6}\n")
    result = runner.invoke(cli, ["score", str(path)])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {path}:4: touchpoint \"Chat\", field 'scores.complexity': must be a whole number from 1 to 5, got 6\n"
    )
    assert "Traceback" not in result.output


def test_several_problems_are_listed_together(runner: CliRunner, write: Write) -> None:
    path = write("w.yaml", "touchpoints:\n  - scores: {complexity: 6}\n")
    result = runner.invoke(cli, ["score", str(path)])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: 3 problems in {path}:\n"
        f"  {path}: field 'title': is required\n"
        f"  {path}:2: touchpoint #1, field 'name': is required\n"
        f"  {path}:2: touchpoint #1, field 'scores.complexity': must be a whole number from 1 to 5, got 6\n"
    )


def test_bad_usage_exits_2(runner: CliRunner, small_workshop: Path) -> None:
    assert runner.invoke(cli, ["score", str(small_workshop), "--format", "xml"]).exit_code == 2
    assert runner.invoke(cli, ["nonsense"]).exit_code == 2


def test_validate_lists_every_problem_in_every_file(
    runner: CliRunner, write: Write, small_workshop: Path
) -> None:
    bad = write(
        "bad.yaml",
        "title: T\ntouchpoints:\n  - name: A\n    scores: {complexity: 0, scael: 2}\n  - name: A\n",
    )
    result = runner.invoke(cli, ["validate", str(small_workshop), str(bad)])
    assert result.exit_code == 1
    assert (
        result.stdout == f"{small_workshop}: ok (workshop: 4 touchpoints, questionnaire default)\n"
    )
    assert result.stderr == (
        f"{bad}: 3 problems\n"
        f"  {bad}:4: touchpoint \"A\", field 'scores.complexity': must be a whole number from 1 to 5, got 0\n"
        f"  {bad}:4: touchpoint \"A\", field 'scores.scael': unknown dimension 'scael' in questionnaire default; did you mean 'scale'?\n"
        f"  {bad}:5: touchpoint \"A\", field 'name': duplicate touchpoint: same name as touchpoint #1; give one of them a unique `id`\n"
        "Error: 1 of 2 files had problems\n"
    )


def test_validate_checks_questionnaires(runner: CliRunner, tmp_path: Path) -> None:
    from assess.files import resources

    good = tmp_path / "q.yaml"
    good.write_text(
        resources.bundled_questionnaires()["default"].read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = runner.invoke(cli, ["validate", str(good)])
    assert result.exit_code == 0
    assert (
        result.output
        == f"{good}: ok (questionnaire default 1.3: 4 dimensions, 6 optional questions, 10 rules)\n"
    )
    broken = tmp_path / "broken.yaml"
    broken.write_text(good.read_text().replace("weight: 3", "weight: -1", 1), encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(broken)])
    assert result.exit_code == 1
    assert "dimension \"complexity\", field 'weight': must be greater than 0" in result.stderr


def test_report_html_is_self_contained(runner: CliRunner, small_workshop: Path) -> None:
    result = runner.invoke(cli, ["report", str(small_workshop), "--format", "html"])
    assert result.exit_code == 0, result.output
    out = small_workshop.with_suffix(".html")
    assert result.stderr == f"Wrote {out} (HTML, 4 touchpoints).\n"
    html = out.read_text(encoding="utf-8")
    assert "<style>" in html and "<link" not in html and "src=" not in html
    assert "Diagnosis" in html and "Small journey" in html


def test_report_format_follows_output_suffix(
    runner: CliRunner, small_workshop: Path, tmp_path: Path
) -> None:
    out = tmp_path / "board.html"
    result = runner.invoke(cli, ["report", str(small_workshop), "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_failed_report_leaves_the_previous_output_untouched(
    runner: CliRunner, write: Write
) -> None:
    good = write("w.yaml", "title: T\ntouchpoints:\n  - name: A\n")
    previous = good.with_suffix(".pdf")
    previous.write_bytes(b"%PDF- the good report from yesterday")
    good.write_text(
        "title: T\ntouchpoints:\n  - name: A\n    scores: {complexity: 9}\n", encoding="utf-8"
    )
    before = good.read_bytes()
    result = runner.invoke(cli, ["report", str(good)])
    assert result.exit_code == 1
    assert previous.read_bytes() == b"%PDF- the good report from yesterday"
    assert good.read_bytes() == before
    assert sorted(p.name for p in good.parent.iterdir()) == ["w.pdf", "w.yaml"]


def test_report_into_missing_folder_is_a_clear_error(
    runner: CliRunner, small_workshop: Path, tmp_path: Path
) -> None:
    out = tmp_path / "nowhere" / "r.html"
    result = runner.invoke(cli, ["report", str(small_workshop), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output == f"Error: {out}: folder {out.parent} does not exist\n"


@pytest.mark.parametrize("suffix", ["pdf", "html"])
def test_demo_writes_a_report(runner: CliRunner, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"demo.{suffix}"
    result = runner.invoke(cli, ["demo", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "17 touchpoints" in result.stderr
    head = out.read_bytes()[:15]
    assert head.startswith(b"%PDF-") if suffix == "pdf" else head.startswith(b"<!DOCTYPE html>")


def test_validate_names_a_missing_file_once(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = runner.invoke(cli, ["validate", str(missing)])
    assert result.exit_code == 1
    assert result.stderr == f"{missing}: no such file\nError: 1 of 1 file had problems\n"


def test_score_on_an_empty_workshop_says_what_to_do(runner: CliRunner, write: Write) -> None:
    path = write("w.yaml", "title: Empty\n")
    result = runner.invoke(cli, ["score", str(path)])
    assert result.exit_code == 0
    assert result.output == (
        f"{path} has no touchpoints yet: add them with `assess run {path}`, "
        "by hand, or with `assess import`.\n"
    )
