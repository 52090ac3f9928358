"""What came back (issue 28): outcomes measured against the baseline by the rule the README and
the appendix state, worked by hand in the comments; on track, behind or ahead; `assess outcome`
appending one (comments kept) and refusing a name not in the workshop, a month written another
way and a second outcome for a month with nothing written; the same columns from a
spreadsheet; and plan against actual in `assess compare`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from assess.cli import cli
from assess.files.loader import load_workshop

Write = Callable[[str, str], Path]

#: Wave 1 runs February to April 2027; a change is due in full from May.
ORDERS = """\
title: Orders
# The plan the COO signed.
plan: {start: 2027-02, wave_months: 3}
touchpoints:
  - name: Where is my order
    owner: Head of Service
    kpi: {name: Contained share, unit: '%', baseline: 0, target: 45}
    volume: 45000       # contacts a month
    handle_minutes: 6
    inputs: {effort: small, human_fallback: reachable}
    scores: {complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}
  - name: Refund
    kpi: {name: Days to refund, unit: days, baseline: 9, target: 4}
    volume: 4000
    handle_minutes: 10
    staffed_share: 0.5
    inputs: {effort: small, human_fallback: reachable}
    scores: {complexity: 3, scale: 4, emotional_stakes: 2, tech_barrier: 2}
  - name: Complaint
    volume: 1500
    handle_minutes: 15
    scores: {complexity: 4, scale: 3, emotional_stakes: 5, tech_barrier: 4}
"""


def record(path: Path, *args: str) -> Any:
    return CliRunner().invoke(cli, ["outcome", str(path), *args])


def score(path: Path) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["score", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # warnings about economics go to stderr
    return {t["name"]: t for t in data["touchpoints"]} | {"summary": data["summary"]}


def test_an_outcome_is_measured_against_the_baseline_by_hand(write: Write) -> None:
    path = write("orders.yaml", ORDERS)
    result = record(
        path, "Where is my order", "--date", "2027-06", "--volume", "41.000", "--handle-minutes",
        "5,5", "--staffed-share", "25%", "--kpi", "38", "--note", "Bot live in April",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    tp = score(path)["Where is my order"]
    assert tp["outcomes"] == [
        {
            "date": "2027-06",
            "volume": 41000,
            "handle_minutes": 5.5,
            "staffed_share": 0.25,
            "kpi": 38.0,
            "note": "Bot live in April",
        }
    ]
    actual = tp["actual"]
    # Staff minutes a contact: 6 x 1 before, 5.5 x 0.25 = 1.375 now; share of time taken away
    # 1 - 1.375 / 6 = 0.7708 (0.771). Baseline 45,000 x 12 x 6 / 60 = 54,000 hours a year, so
    # 54,000 x 0.771 = 41,634 hours freed, at the baseline's volume.
    assert actual["share_of_time"] == 0.771
    assert actual["hours_per_year"] == 41634.0
    assert actual["volume_per_month"] == 41000  # the volume measured, reported beside
    # June is after wave 1 (February to April): all of the change is due. The planned share is
    # 30-70%: 77.1% is above it, ahead. The KPI: (38 - 0) / (45 - 0) = 0.844 of the way, more
    # than a tenth short of 1: behind. Behind on one measure is behind.
    assert (actual["due"], actual["hours_status"]) == (1.0, "ahead")
    assert (actual["kpi_progress"], actual["kpi_status"], actual["status"]) == (
        0.844,
        "behind",
        "behind",
    )


def test_part_of_the_change_is_due_month_by_month_over_its_wave(write: Write) -> None:
    path = write("orders.yaml", ORDERS)
    assert (
        record(path, "Where is my order", "--date", "2027-03", "--handle-minutes", "5").exit_code
        == 0
    )
    actual = score(path)["Where is my order"]["actual"]
    # March is one month into a three-month wave: a third is due, so the planned 30-70% is
    # 10-23.3% by then. 1 - 5 / 6 = 0.167: on track.
    assert (actual["due"], actual["share_of_time"], actual["status"]) == (0.333, 0.167, "on-track")
    assert (
        record(path, "Where is my order", "--date", "2027-01", "--handle-minutes", "6").exit_code
        == 0
    )
    # The latest outcome counts (March), not the last typed (January, before the wave).
    assert score(path)["Where is my order"]["actual"]["date"] == "2027-03"


def test_a_kpi_that_should_fall_and_a_staffed_share_before_the_change(write: Write) -> None:
    path = write("orders.yaml", ORDERS)
    assert (
        record(
            path, "refund", "--date", "2027-09", "--kpi", "4.4", "--handle-minutes", "9"
        ).exit_code
        == 0
    )
    tps = score(path)
    actual = tps["Refund"]["actual"]
    # Refund is assist (12% expected) with half its contacts handled by a person: 10 x 0.5 = 5
    # staff minutes before, 9 x 0.5 = 4.5 now (the outcome keeps the staffed share it does not
    # give): 1 - 4.5 / 5 = 0.1. Baseline 4,000 x 12 x 10 / 60 x 0.5 = 4,000 hours; 400 freed.
    assert (actual["share_of_time"], actual["hours_per_year"]) == (0.1, 400.0)
    # Days to refund from 9 toward 4: (4.4 - 9) / (4 - 9) = 0.92, within a tenth of 1.
    assert (actual["kpi_progress"], actual["kpi_status"]) == (0.92, "on-track")
    assert tps["Refund"]["actual"]["hours_status"] == "on-track"  # 5-25% planned
    summary = tps["summary"]["actual"]
    assert (summary["moves_measured"], summary["on-track"], summary["behind"]) == (1, 1, 0)


def test_a_moment_kept_human_is_never_measured_in_hours_saved(write: Write) -> None:
    text = ORDERS.replace(
        "  - name: Complaint\n",
        "  - name: Complaint\n    kpi: {name: Satisfaction, baseline: 3.1, target: 4}\n",
    )
    path = write("orders.yaml", text)
    assert (
        record(
            path, "Complaint", "--date", "2027-06", "--kpi", "4", "--handle-minutes", "12"
        ).exit_code
        == 0
    )
    actual = score(path)["Complaint"]["actual"]
    assert actual["share_of_time"] is None and actual["hours_per_year"] is None
    assert (actual["kpi_progress"], actual["status"]) == (1.0, "on-track")


def test_assess_outcome_keeps_comments_and_writes_one_line(write: Write) -> None:
    path = write("orders.yaml", ORDERS)
    result = record(path, "WHERE IS MY ORDER", "--date", "2027-06", "--kpi", "38")
    assert result.exit_code == 0, result.output
    assert 'Recorded the outcome of 2027-06 for "Where is my order"' in result.output
    text = path.read_text(encoding="utf-8")
    assert "# The plan the COO signed." in text and "volume: 45000       # contacts a month" in text
    assert "    outcomes:\n      - {date: 2027-06, kpi: 38}\n  - name: Refund" in text


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["Where is my ordr", "--date", "2027-06", "--kpi", "38"], 2,
         "Error: TOUCHPOINT: 'Where is my ordr' is not a touchpoint of this workshop; did you mean 'Where is my order'?"),
        (["Where is my order", "--date", "06/2027", "--kpi", "38"], 2,
         "Error: --date: must be a month written YYYY-MM, such as 2027-06, got '06/2027'"),
        (["Where is my order", "--date", "2027-6", "--kpi", "38"], 2, "got '2027-6'"),
        (["Where is my order", "--date", "2027-06-30", "--kpi", "38"], 2, "got '2027-06-30'"),
        (["Where is my order", "--date", "2027-06"], 2,
         "Error: give at least one measure: --volume, --handle-minutes, --staffed-share or --kpi"),
        (["Where is my order", "--date", "2027-06", "--staffed-share", "1.5"], 2,
         "Error: --staffed-share: must be a number from 0 to 1"),
        (["Where is my order", "--volume", "100"], 2, "Error: --date: is required"),
        (["Complaint", "--date", "2027-06", "--kpi", "3"], 1,
         "'Complaint' has no kpi to measure against"),
        (["--date", "2027-06", "--kpi", "3"], 2, "Error: name the touchpoint"),
    ],
)  # fmt: skip
def test_assess_outcome_refuses_and_writes_nothing(
    write: Write, args: list[str], code: int, said: str
) -> None:
    path = write("orders.yaml", ORDERS)
    before = path.read_bytes()
    result = record(path, *args)
    assert result.exit_code == code, result.output
    assert said in result.output
    assert "Traceback" not in result.output
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["orders.yaml"]  # no lock left


def test_a_second_outcome_for_a_month_is_refused(write: Write) -> None:
    path = write("orders.yaml", ORDERS)
    assert record(path, "Refund", "--date", "2027-06", "--kpi", "8").exit_code == 0
    before = path.read_bytes()
    result = record(path, "Refund", "--date", "2027-06", "--kpi", "7")
    assert result.exit_code == 1
    assert 'touchpoint "Refund" already has an outcome for 2027-06' in result.output
    assert path.read_bytes() == before


def test_outcomes_from_a_spreadsheet_all_or_nothing(write: Write, tmp_path: Path) -> None:
    path = write("orders.yaml", ORDERS)
    sheet = tmp_path / "outcomes.xlsx"
    book = Workbook()
    rows = [
        ["Name", "Date", "Volume", "Handle minutes", "Staffed share", "KPI", "Note"],
        ["Where is my order", "2027-06", "41000", "5.5", "25%", "38", "Bot live in April"],
        ["Refund", "2027-09", "", "9", "", "4.4", ""],
    ]
    for row in rows:
        book.active.append(row)
    book.save(sheet)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "name,date,kpi\nWhere is my order,2027-07,40\nRefnd,2027-08,5\nRefund,Aug 2027,5\n",
        encoding="utf-8",
    )
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["outcome", str(path), "--from", str(bad)])
    assert result.exit_code == 1
    assert (
        "row 3, column 'name': 'Refnd' is not a touchpoint of this workshop; did you mean 'Refund'?"
        in result.output
    )
    assert "row 4, column 'date': must be a month written YYYY-MM" in result.output
    assert path.read_bytes() == before  # the good row 2 is not written either
    result = CliRunner().invoke(cli, ["outcome", str(path), "--from", str(sheet)])
    assert result.exit_code == 0, result.output
    assert "Recorded 2 outcomes for 2 touchpoints" in result.output
    w = load_workshop(path).workshop
    assert w.touchpoints[0].outcomes[0].staffed_share == 0.25
    assert w.touchpoints[1].outcomes[0].kpi == 4.4
    result = CliRunner().invoke(cli, ["outcome", str(path), "--from", str(sheet)])
    assert result.exit_code == 1 and "already has an outcome for 2027-06" in result.output


def test_compare_shows_plan_against_actual(write: Write) -> None:
    old = write("before.yaml", ORDERS)
    new = write("after.yaml", ORDERS)
    assert record(new, "Where is my order", "--date", "2027-06", "--handle-minutes", "5.5",
                  "--staffed-share", "0.25", "--kpi", "38").exit_code == 0  # fmt: skip
    result = CliRunner().invoke(cli, ["compare", str(old), str(new), "--format", "json"])
    assert result.exit_code == 0, result.output
    (actual,) = json.loads(result.stdout)["actual"]
    assert (actual["name"], actual["status"], actual["share_of_time"]) == (
        "Where is my order",
        "behind",
        0.771,
    )
    assert actual["planned_share_of_time"] == {"low": 0.3, "expected": 0.5, "high": 0.7}
    assert actual["kpi_target"] == 45
    table = CliRunner().invoke(cli, ["compare", str(old), str(new)])
    assert table.exit_code == 0, table.output
    text = " ".join(table.output.split())
    assert "Plan against actual" in text and "June 2027" in text and "Behind" in text
    assert "Where is my order: Behind on its KPI: find out why before building on it." in text
