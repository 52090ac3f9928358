"""The business case a board signs (issue 27): build and running costs, the net, the payback and
today's baseline, against cases computed by hand in the comments; totals that are the sums of
the touchpoints; the refusal of a share on a moment that stays human; and the CSV's columns."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from assess.cli import cli

Write = Callable[[str, str], Path]

#: Every formula and bound once. 1,500 hours a full-time person, 40 EUR an hour, 1,000 EUR a
#: day to build, running costs 20% of the build a year, the net over 3 years.
CASE = """
title: Orders
economics:
  currency: EUR
  locale: en_GB
  cost_per_hour: 40
  hours_per_fte: 1500
  build_day_rate: 1000
  run_share: 0.2
  horizon_years: 3
touchpoints:
  - name: Where is my order
    volume: 45000
    handle_minutes: 6
    staffed_share: 0.5
    share: {low: 0.2, expected: 0.4, high: 0.6}
    share_basis: "Pilot, March 2027: 40% contained"
    build_cost: 60000
    run_cost_per_year: 12000
    evidence: measured
    # A person one step away answered: an automate verdict needs it (issue 25).
    inputs: {effort: small, human_fallback: reachable}
    scores: {complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}
  - name: Change delivery slot
    volume: 20000
    handle_minutes: 4
    inputs: {human_fallback: reachable}
    scores: {complexity: 2, scale: 4, emotional_stakes: 2, tech_barrier: 2}
  - name: Self-service search
    volume: 40000
    handle_minutes: 3
    staffed_share: 0
    inputs: {effort: small, human_fallback: reachable}
    scores: {complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}
  - name: Medicine advice
    volume: 3000
    handle_minutes: 10
    inputs: {effort: large}
    scores: {complexity: 4, scale: 4, emotional_stakes: 3, tech_barrier: 3}
  - name: Bereavement call
    volume: 300
    handle_minutes: 20
    evidence: measured
    scores: {complexity: 5, scale: 3, emotional_stakes: 5, tech_barrier: 5}
  - name: Billing question
    scores: {complexity: 3, scale: 3, emotional_stakes: 3, tech_barrier: 3}
"""


def span(low: float, expected: float, high: float) -> dict[str, float]:
    return {"low": low, "expected": expected, "high": high}


def flat(value: float) -> dict[str, float]:
    return span(value, value, value)


def scored(runner: CliRunner, path: Path) -> dict[str, Any]:
    result = runner.invoke(cli, ["score", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.fixture
def data(runner: CliRunner, write: Write) -> dict[str, Any]:
    return scored(runner, write("case.yaml", CASE))


def by_name(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["name"]: t for t in data["touchpoints"]}


def test_given_costs_and_a_pilot_share(data: dict[str, Any]) -> None:
    tp = by_name(data)["Where is my order"]
    assert tp["recommendation"] == "automate"
    # 45,000 a month x 12 x 6 minutes / 60 = 54,000 hours; a person handles half: 27,000.
    # The pilot's share 20/40/60% replaces automate's 30/50/70%.
    assert tp["value"] == {
        "volume_per_month": 45000,
        "handle_minutes": 6,
        "staffed_share": 0.5,
        "evidence": "measured",
        "share_of_time": span(0.2, 0.4, 0.6),
        "share_basis": "Pilot, March 2027: 40% contained",
        "baseline_hours_per_year": flat(27000),
        "hours_per_year": span(5400, 10800, 16200),
        "fte": span(3.6, 7.2, 10.8),  # / 1,500 hours
        "cost_per_year": span(216000, 432000, 648000),  # x 40 EUR
        "currency": "EUR",
        # Given, so the same in all three.
        "build_cost": flat(60000),
        "build_cost_basis": "given",
        "run_cost_per_year": flat(12000),
        "run_cost_basis": "given",
        # 216,000 - 12,000; 432,000 - 12,000; 648,000 - 12,000.
        "net_per_year": span(204000, 420000, 636000),
        # 204,000 x 3 - 60,000; 420,000 x 3 - 60,000; 636,000 x 3 - 60,000.
        "net_over_horizon": span(552000, 1200000, 1848000),
        # 60,000 x 12 / 636,000 (the fastest: highest net); / 420,000; / 204,000.
        "payback_months": span(1.13, 1.71, 3.53),
    }
    assert (tp["priority"], tp["wave"]) == ("quick-win", 1)


def test_build_and_running_cost_estimated_from_effort(data: dict[str, Any]) -> None:
    value = by_name(data)["Change delivery slot"]["value"]
    # Effort unanswered counts as medium: 40/80/160 person-days x 1,000 EUR; running 20%.
    assert value["build_cost"] == span(40000, 80000, 160000)
    assert value["build_cost_basis"] == "estimated"
    assert value["run_cost_per_year"] == span(8000, 16000, 32000)
    assert value["run_cost_basis"] == "estimated"
    # 20,000 x 12 x 4 / 60 = 16,000 hours; automate 30/50/70%: 4,800/8,000/11,200 hours,
    # x 40 = 192,000/320,000/448,000 EUR.
    assert value["cost_per_year"] == span(192000, 320000, 448000)
    assert value["fte"] == span(3.2, 5.33, 7.47)
    # Low: the low saving with the high running cost; high: the reverse.
    assert value["net_per_year"] == span(192000 - 32000, 320000 - 16000, 448000 - 8000)
    # Low: the low net with the high build.
    assert value["net_over_horizon"] == span(
        160000 * 3 - 160000, 304000 * 3 - 80000, 440000 * 3 - 40000
    )
    # 40,000 x 12 / 440,000; 80,000 x 12 / 304,000; 160,000 x 12 / 160,000.
    assert value["payback_months"] == span(1.09, 3.16, 12.0)


def test_pure_self_service_frees_no_staff_time_and_never_pays_back(data: dict[str, Any]) -> None:
    tp = by_name(data)["Self-service search"]
    value = tp["value"]
    assert value["staffed_share"] == 0
    assert value["baseline_hours_per_year"] == flat(0)
    assert value["hours_per_year"] == flat(0)
    assert value["cost_per_year"] == flat(0)
    # Small: 5/15/30 days x 1,000; running 20% of it; the net is only the running cost.
    assert value["build_cost"] == span(5000, 15000, 30000)
    assert value["net_per_year"] == span(-6000, -3000, -1000)
    assert value["net_over_horizon"] == span(-6000 * 3 - 30000, -3000 * 3 - 15000, -1000 * 3 - 5000)
    assert value["payback_months"] == span(None, None, None)  # type: ignore[arg-type]
    # No hours freed: lower value, so never a quick win.
    assert (tp["priority"], tp["wave"]) == ("fill-in", 2)


def test_a_net_that_pays_back_only_in_the_best_case(data: dict[str, Any]) -> None:
    value = by_name(data)["Medicine advice"]["value"]
    # Assist 5/12/25% of 6,000 hours = 300/720/1,500 hours = 12,000/28,800/60,000 EUR;
    # large: 200,000/400,000/800,000 to build, 40,000/80,000/160,000 a year to run.
    assert value["net_per_year"] == span(12000 - 160000, 28800 - 80000, 60000 - 40000)
    # Only the best case nets anything: 200,000 x 12 / 20,000 = 120 months.
    assert value["payback_months"] == span(120.0, None, None)  # type: ignore[arg-type]


def test_keep_human_is_never_savings_and_has_no_cost_side(data: dict[str, Any]) -> None:
    tp = by_name(data)["Bereavement call"]
    assert (tp["recommendation"], tp["priority"], tp["wave"]) == ("keep-human", "protect", None)
    value = tp["value"]
    # 300 x 12 x 20 / 60 = 1,200 hours of staff time today, none of it taken away.
    assert value["baseline_hours_per_year"] == flat(1200)
    assert value["hours_per_year"] == flat(0) and value["cost_per_year"] == flat(0)
    for key in ("build_cost", "run_cost_per_year", "net_per_year", "payback_months"):
        assert value[key] is None


def test_summary_value_adds_the_touchpoints_and_divides_for_the_payback(
    data: dict[str, Any],
) -> None:
    total = data["summary"]["value"]
    values = [t["value"] for t in data["touchpoints"] if t["value"]]
    costed = [v for v in values if v["build_cost"]]
    for key in ("baseline_hours_per_year", "hours_per_year", "fte", "cost_per_year"):
        for end in ("low", "expected", "high"):
            assert total[key][end] == pytest.approx(sum(v[key][end] for v in values), abs=1e-9)
    for key in ("build_cost", "run_cost_per_year", "net_per_year", "net_over_horizon"):
        for end in ("low", "expected", "high"):
            assert total[key][end] == pytest.approx(sum(v[key][end] for v in costed), abs=1e-9)
    # By hand: 27,000 + 16,000 + 0 + 6,000 + 1,200 hours today.
    assert total["baseline_hours_per_year"] == flat(50200)
    assert total["protected_hours_per_year"] == flat(1200)
    assert total["build_cost"] == span(305000, 555000, 1050000)
    assert total["net_per_year"] == span(210000, 669800, 1095000)
    assert total["net_over_horizon"] == span(-420000, 1454400, 2980000)
    # Total build over total net: 305,000 x 12 / 1,095,000; 555,000 x 12 / 669,800;
    # 1,050,000 x 12 / 210,000.
    assert total["payback_months"] == span(3.34, 9.94, 60.0)
    assert (total["horizon_years"], total["touchpoints_costed"], total["touchpoints_sized"]) == (
        3,
        4,
        5,
    )
    # Of 19,520 expected hours freed, 10,800 rest on measured facts and on a pilot's share;
    # 495,000 of the 555,000 expected build is an estimate from effort.
    assert (total["measured_share"], total["pilot_share"]) == (0.55, 0.55)
    assert total["estimated_build_share"] == 0.89
    assert total["currency"] == "EUR" and total["protected_per_month"] == 300


def test_every_range_is_ordered(data: dict[str, Any]) -> None:
    values = [t["value"] for t in data["touchpoints"] if t["value"]]
    for value in [*values, data["summary"]["value"]]:
        for figure in value.values():
            if isinstance(figure, dict):
                known = [figure[e] for e in ("low", "expected", "high") if figure[e] is not None]
                assert known == sorted(known), value


def test_the_csv_has_a_flat_column_for_every_figure(runner: CliRunner, write: Write) -> None:
    result = runner.invoke(cli, ["score", str(write("case.yaml", CASE)), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    first = rows["Where is my order"]
    assert (first["staffed_share"], first["evidence"]) == ("0.5", "measured")
    assert first["share_basis"] == "Pilot, March 2027: 40% contained"
    assert (first["build_cost_low"], first["build_cost_basis"]) == ("60000.0", "given")
    assert (first["net_per_year_high"], first["net_over_horizon_low"]) == ("636000.0", "552000.0")
    assert first["payback_months_expected"] == "1.71"
    assert first["baseline_hours_per_year_expected"] == "27000.0"
    # Null is an empty cell: the payback of a net that is not positive, a keep-human's costs.
    assert rows["Self-service search"]["payback_months_low"] == ""
    assert rows["Bereavement call"]["build_cost_expected"] == ""


def test_without_a_day_rate_only_a_given_build_cost_counts(runner: CliRunner, write: Write) -> None:
    data = scored(runner, write("case.yaml", CASE.replace("  build_day_rate: 1000\n", "")))
    tps = by_name(data)
    assert tps["Where is my order"]["value"]["build_cost"] == flat(60000)
    assert tps["Change delivery slot"]["value"]["build_cost"] is None
    assert tps["Change delivery slot"]["value"]["net_per_year"] is None
    total = data["summary"]["value"]
    assert total["touchpoints_costed"] == 1
    assert total["build_cost"] == flat(60000)
    assert total["payback_months"] == span(1.13, 1.71, 3.53)


def test_the_questionnaires_running_share_stands_in_for_the_workshops(
    runner: CliRunner, write: Write
) -> None:
    data = scored(
        runner, write("case.yaml", CASE.replace("  run_share: 0.2\n", "  run_share: 0.5\n"))
    )
    assert by_name(data)["Change delivery slot"]["value"]["run_cost_per_year"] == span(
        20000, 40000, 80000
    )
    # Without the workshop's own, the default questionnaire's 20% (its build section).
    data = scored(runner, write("case2.yaml", CASE.replace("  run_share: 0.2\n", "")))
    assert by_name(data)["Change delivery slot"]["value"]["run_cost_per_year"] == span(
        8000, 16000, 32000
    )


def test_a_share_on_a_moment_that_stays_human_is_refused_in_one_line(
    runner: CliRunner, write: Write
) -> None:
    text = CASE.replace(
        "    evidence: measured\n    scores: {complexity: 5",
        '    share: {low: 0.1, expected: 0.2, high: 0.3}\n    share_basis: "A wish"\n'
        "    scores: {complexity: 5",
    )
    path = write("case.yaml", text)
    line = (
        path.read_text().splitlines().index("    share: {low: 0.1, expected: 0.2, high: 0.3}") + 1
    )
    for command in (["score", str(path)], ["report", str(path)], ["validate", str(path)]):
        result = runner.invoke(cli, command)
        assert result.exit_code == 1, command
        assert "Traceback" not in result.output
        assert (
            f"{path}:{line}: touchpoint \"Bereavement call\", field 'share': keeping a moment "
            "human saves nothing: remove `share` (the verdict is keep human)"
        ) in result.output
    assert not path.with_suffix(".pdf").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("staffed_share", "1.5", "field 'staffed_share': must be a number from 0 to 1, got 1.5"),
        ("staffed_share", "-0.1", "field 'staffed_share': must be a number from 0 to 1, got -0.1"),
        (
            "build_cost",
            ".nan",
            "field 'build_cost': must be a number from 0 to 10,000,000,000, not infinity or NaN",
        ),
        (
            "run_cost_per_year",
            "-5",
            "field 'run_cost_per_year': must be a number from 0 to 10,000,000,000, got -5",
        ),
        ("evidence", "guessed", "field 'evidence': must be 'measured' or 'estimated'"),
        (
            "share",
            "{low: 0.5, expected: 0.4, high: 0.6}\n    share_basis: x",
            "field 'share': needs low <= expected <= high, got 0.5, 0.4, 0.6",
        ),
        (
            "share",
            "{low: 0.1, expected: 0.4, high: 1.6}\n    share_basis: x",
            "field 'share.high': must be a number from 0 to 1, got 1.6",
        ),
    ],
)
def test_bad_numbers_name_the_file_line_touchpoint_and_field(
    runner: CliRunner, write: Write, field: str, value: str, message: str
) -> None:
    text = CASE.replace(
        "  - name: Change delivery slot\n",
        f"  - name: Change delivery slot\n    {field}: {value}\n",
    )
    path = write("case.yaml", text)
    line = path.read_text().splitlines().index(f"    {field}: {value.splitlines()[0]}") + 1
    result = runner.invoke(cli, ["score", str(path)])
    assert result.exit_code == 1
    assert result.output == f'Error: {path}:{line}: touchpoint "Change delivery slot", {message}\n'


@pytest.mark.parametrize(
    ("economics", "message"),
    [
        (
            "build_day_rate: -1",
            "field 'economics.build_day_rate': must be a number from 0 to 10,000,000, got -1",
        ),
        ("run_share: 6", "field 'economics.run_share': must be a number from 0 to 5, got 6"),
        (
            "horizon_years: 2.5",
            "field 'economics.horizon_years': must be a whole number from 1 to 30",
        ),
        (
            "horizon_years: 0",
            "field 'economics.horizon_years': must be a whole number from 1 to 30, got 0",
        ),
    ],
)
def test_bad_economics_name_the_field(
    runner: CliRunner, write: Write, economics: str, message: str
) -> None:
    key = economics.split(":")[0]
    text = "\n".join(
        line for line in CASE.splitlines() if not line.startswith(f"  {key}:")
    ).replace("  cost_per_hour: 40\n", f"  cost_per_hour: 40\n  {economics}\n")
    path = write("case.yaml", text)
    result = runner.invoke(cli, ["score", str(path)])
    assert result.exit_code == 1
    (line,) = result.output.splitlines()
    assert line.startswith(f"Error: {path}:") and line.endswith(message), line


def test_a_share_needs_its_basis(runner: CliRunner, write: Write) -> None:
    path = write(
        "case.yaml", CASE.replace('    share_basis: "Pilot, March 2027: 40% contained"\n', "")
    )
    result = runner.invoke(cli, ["score", str(path)])
    assert result.exit_code == 1
    assert 'touchpoint "Where is my order": `share` needs `share_basis`' in result.output


def test_the_demos_value_rests_on_staff_time(runner: CliRunner, tmp_path: Path) -> None:
    """Its self-service touchpoints say how many contacts a person handles today, so no hour
    is counted that nobody works (58% of the demo's expected hours came from web, app and
    e-mail touchpoints counted as if a person handled every contact)."""
    from assess.files import resources

    path = tmp_path / "demo.yaml"
    path.write_text(resources.demo_workshop().read_text(encoding="utf-8"), encoding="utf-8")
    raw = {t["name"]: t for t in yaml.safe_load(path.read_text(encoding="utf-8"))["touchpoints"]}
    data = scored(runner, path)
    self_service = [
        t for t in data["touchpoints"] if t["channel"] in ("web", "app", "e-mail") and t["value"]
    ]
    assert len(self_service) == 9
    assert all("staffed_share" in raw[t["name"]] for t in self_service)
    for t in self_service:
        v = t["value"]
        today = v["volume_per_month"] * 12 * v["handle_minutes"] / 60 * v["staffed_share"]
        assert v["baseline_hours_per_year"]["expected"] == pytest.approx(today, abs=0.01)
    freed = sum(t["value"]["hours_per_year"]["expected"] for t in self_service)
    assert freed / data["summary"]["value"]["hours_per_year"]["expected"] < 0.25
