"""The dated plan (issue 28): waves as months from the plan's start and wave length (across a
year's end), capacity pushing the least valuable moves on and saying so, `after` chains kept,
a cycle or an unknown name refused naming both touchpoints with file and line, decisions before
the first wave with who decides, and per-wave totals worked out by hand in the comments."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from assess.cli import cli

Write = Callable[[str, str], Path]

#: Four automate moves (scores 1-5-1-1: fit 100, never borderline), each a small change, so
#: each is a quick win for wave 1. The default questionnaire's automate share is 30/50/70%;
#: hours a year = volume x 12 x minutes / 60 x share:
#:   A: 10,000 x 6 -> baseline 12,000; 3,600 / 6,000 / 8,400
#:   B: 10,000 x 4 -> baseline  8,000; 2,400 / 4,000 / 5,600
#:   C:  5,000 x 6 -> baseline  6,000; 1,800 / 3,000 / 4,200
#:   D:  5,000 x 4 -> baseline  4,000; 1,200 / 2,000 / 2,800
FOUR = """
title: Orders
economics: {{currency: EUR, locale: en_GB, cost_per_hour: 40, build_day_rate: 1000}}
plan: {plan}
touchpoints:
  - name: D
    owner: Dana
    volume: 5000
    handle_minutes: 4
    inputs: {{effort: small, human_fallback: reachable}}
    scores: {{complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}}
  - name: A
    owner: Ana
    volume: 10000
    handle_minutes: 6
    inputs: {{effort: small, human_fallback: reachable}}
    scores: {{complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}}
  - name: C
    volume: 5000
    handle_minutes: 6
    inputs: {{effort: small, human_fallback: reachable}}
    scores: {{complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}}
  - name: B
    volume: 10000
    handle_minutes: 4
    inputs: {{effort: small, human_fallback: reachable}}
    scores: {{complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}}
"""


def score(path: Path, fmt: str = "json") -> Any:
    result = CliRunner().invoke(cli, ["score", str(path), "--format", fmt])
    assert result.exit_code == 0, result.output
    return json.loads(result.output) if fmt == "json" else result.output


def by_name(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["name"]: t for t in data["touchpoints"]}


def test_waves_become_months_across_a_year_end_and_capacity_pushes_the_least_valuable(
    write: Write,
) -> None:
    path = write("w.yaml", FOUR.format(plan="{start: 2027-11, wave_months: 3, capacity: 2}"))
    data = score(path)
    tps = by_name(data)
    # Wave 1 runs November, December, January; wave 2 from February 2028 to April.
    for name in ("A", "B"):
        assert (tps[name]["plan_wave"], tps[name]["wave_start"], tps[name]["wave_end"]) == (
            1,
            "2027-11",
            "2028-01",
        )
        assert tps[name]["pushed"] is None
    for name in ("C", "D"):  # the two least valuable wait, and the plan says why
        assert (tps[name]["plan_wave"], tps[name]["wave_start"], tps[name]["wave_end"]) == (
            2,
            "2028-02",
            "2028-04",
        )
        assert tps[name]["pushed"] == {"from": 1, "because": ["capacity"]}
        assert tps[name]["wave"] == 1  # the priority's wave is kept beside the plan's
    plan = data["summary"]["plan"]
    assert (plan["start"], plan["wave_months"], plan["capacity"], plan["end"]) == (
        "2027-11",
        3,
        2,
        "2028-04",
    )
    first, second = plan["waves"]
    assert (first["wave"], first["start"], first["end"], first["moves"]) == (
        1,
        "2027-11",
        "2028-01",
        2,
    )
    assert first["touchpoints"] == ["A", "B"]  # the most valuable first
    assert second["touchpoints"] == ["C", "D"]
    # Wave 1 by hand: hours A + B = 6,000 / 10,000 / 14,000; FTE at 1,600 hours a person
    # 3.75 / 6.25 / 8.75; cost at 40 an hour 240,000 / 400,000 / 560,000. Build: small is
    # 5 / 15 / 30 person-days at 1,000 a day, for each of two moves: 10,000 / 30,000 / 60,000.
    # Running costs 20% of the build a year: 1,000 / 3,000 / 6,000 each. Net a year (the low
    # saving less the high running cost): A 144,000 - 6,000 = 138,000 / 240,000 - 3,000 =
    # 237,000 / 336,000 - 1,000 = 335,000; B 90,000 / 157,000 / 223,000.
    assert first["hours_per_year"] == {"low": 6000, "expected": 10000, "high": 14000}
    assert first["fte"] == {"low": 3.75, "expected": 6.25, "high": 8.75}
    assert first["cost_per_year"] == {"low": 240000, "expected": 400000, "high": 560000}
    assert first["build_cost"] == {"low": 10000, "expected": 30000, "high": 60000}
    assert first["net_per_year"] == {"low": 228000, "expected": 394000, "high": 558000}
    # Wave 2: C + D = 3,000 / 5,000 / 7,000 hours.
    assert second["hours_per_year"] == {"low": 3000, "expected": 5000, "high": 7000}


def test_without_capacity_every_move_keeps_its_priority_s_wave(write: Write) -> None:
    path = write("w.yaml", FOUR.format(plan="{start: 2027-02}"))
    plan = score(path)["summary"]["plan"]
    assert plan["wave_months"] == 3 and plan["capacity"] is None  # the defaults
    assert [(w["wave"], w["start"], w["end"], w["moves"]) for w in plan["waves"]] == [
        (1, "2027-02", "2027-04", 4)
    ]


def test_after_chains_wait_wave_by_wave(write: Write) -> None:
    text = FOUR.format(plan="{start: 2027-02, wave_months: 2}")
    # A after B, B after C: C first, then B, then A, even though A is worth most.
    text = text.replace("  - name: A\n", "  - name: A\n    after: [b]\n")
    text = text.replace("  - name: B\n", "  - name: B\n    after: C\n")
    tps = by_name(score(Path(write("w.yaml", text))))
    assert [(n, tps[n]["plan_wave"], tps[n]["wave_start"], tps[n]["wave_end"]) for n in "CBAD"] == [
        ("C", 1, "2027-02", "2027-03"),
        ("B", 2, "2027-04", "2027-05"),
        ("A", 3, "2027-06", "2027-07"),
        ("D", 1, "2027-02", "2027-03"),
    ]
    assert tps["A"]["pushed"] == {"from": 1, "because": ["after"]}
    assert tps["A"]["after"] == ["b"]  # as written
    assert tps["B"]["after"] == ["C"]


def test_a_cycle_is_one_error_naming_both_touchpoints_file_and_line(write: Write) -> None:
    text = FOUR.format(plan="{start: 2027-02}")
    text = text.replace("  - name: A\n", "  - name: A\n    after: [B]\n")
    text = text.replace("  - name: B\n", "  - name: B\n    after: [A]\n")
    path = write("w.yaml", text)
    result = CliRunner().invoke(cli, ["score", str(path)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output  # one cycle, said once
    line_of_b_after = path.read_text().splitlines().index("    after: [A]") + 1
    assert lines[0].startswith(
        f"Error: {path}:{line_of_b_after}: touchpoint \"B\", field 'after.0':"
    )
    assert "'A' is itself after 'B'" in lines[0] and "a cycle" in lines[0]
    assert "Traceback" not in result.output


def test_an_unknown_name_or_the_touchpoint_itself_is_refused(write: Write) -> None:
    text = FOUR.format(plan="{start: 2027-02}").replace(
        "  - name: A\n", "  - name: A\n    after: [Bb, A]\n"
    )
    path = write("w.yaml", text)
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    line = path.read_text().splitlines().index("    after: [Bb, A]") + 1
    assert (
        f"{path}:{line}: touchpoint \"A\", field 'after.0': 'Bb' is not a touchpoint of this "
        "workshop, so 'A' cannot come after it; did you mean 'B'?" in result.output
    )
    assert f"{path}:{line}: touchpoint \"A\", field 'after.1': 'A' cannot come after itself" in (
        result.output
    )


def test_bad_plan_values_name_the_field(write: Write) -> None:
    for plan, message in (
        (
            "{start: 2027-2}",
            "field 'plan.start': must be a month written YYYY-MM, such as 2027-06, got '2027-2'",
        ),
        ("{start: 2027-02-01}", "got '2027-02-01'"),
        ("{start: 2027-13}", "got '2027-13'"),
        (
            "{start: 2027-02, wave_months: 0}",
            "field 'plan.wave_months': must be a whole number from 1 to 36, got 0",
        ),
        ("{start: 2027-02, capacity: 1.5}", "field 'plan.capacity': must be a whole number from 1"),
        ("{wave_months: 3}", "field 'plan.start': is required"),
    ):
        path = write("w.yaml", FOUR.format(plan=plan))
        result = CliRunner().invoke(cli, ["score", str(path)])
        assert result.exit_code == 1, plan
        assert f"{path}:3: field 'plan." in result.output, (plan, result.output)
        assert message in result.output, (plan, result.output)


def test_decisions_come_before_the_first_wave_with_who_decides(write: Write) -> None:
    text = FOUR.format(plan="{start: 2027-01, capacity: 2}") + (
        "  - name: Returns\n"
        "    owner: Returns manager\n"
        "    volume: 8000\n"
        "    handle_minutes: 7\n"
        "    inputs: {effort: small, human_fallback: reachable}\n"
        "    scores: {complexity: 2, scale: 4, emotional_stakes: 2, tech_barrier: 2}\n"
    )
    data = score(write("w.yaml", text))
    returns = by_name(data)["Returns"]
    assert returns["decide_first"] is True and returns["wave"] == 2  # fit 75: borderline
    # Decided by December 2026, the month before the first wave starts in January 2027.
    assert data["summary"]["plan"]["decide_first"] == [
        {"touchpoint": "Returns", "owner": "Returns manager", "by": "2026-12"}
    ]


def test_a_workshop_without_a_plan_keeps_its_keys_null(small_workshop: Path) -> None:
    data = score(small_workshop)
    assert data["summary"]["plan"] is None and data["summary"]["actual"] is None
    for tp in data["touchpoints"]:
        assert {
            k: tp[k]
            for k in (
                "owner",
                "after",
                "kpi",
                "wave_start",
                "wave_end",
                "pushed",
                "outcomes",
                "actual",
            )
        } == {
            "owner": None,
            "after": [],
            "kpi": None,
            "wave_start": None,
            "wave_end": None,
            "pushed": None,
            "outcomes": [],
            "actual": None,
        }


def test_csv_has_the_plan_as_flat_columns(write: Write) -> None:
    text = FOUR.format(plan="{start: 2027-11, capacity: 2}").replace(
        "  - name: A\n",
        "  - name: A\n    after: [D, C]\n    kpi: {name: Contained share, unit: '%', baseline: 0, target: 45}\n",
    )
    rows = list(csv.DictReader(io.StringIO(score(write("w.yaml", text), "csv"))))
    a = next(r for r in rows if r["name"] == "A")
    assert (a["owner"], a["after"]) == ("Ana", "D; C")
    assert (a["kpi_name"], a["kpi_unit"], a["kpi_baseline"], a["kpi_target"]) == (
        "Contained share",
        "%",
        "0.0",
        "45.0",
    )
    # Wave 1 takes B and C (A waits for D and C; capacity 2), wave 2 takes D, which the full
    # first wave pushed on, and A follows in wave 3, May to July 2028.
    d = next(r for r in rows if r["name"] == "D")
    assert (d["plan_wave"], d["pushed_from"], d["pushed_because"]) == ("2", "1", "capacity")
    assert (a["plan_wave"], a["wave_start"], a["wave_end"]) == ("3", "2028-05", "2028-07")
    assert (a["pushed_from"], a["pushed_because"]) == ("1", "after")
    assert a["outcomes"] == "0" and a["actual_status"] == ""


def test_a_long_chain_is_planned_and_a_cycle_through_it_found_without_recursion() -> None:
    """Five thousand moves each after the one before: no recursion limit, no quadratic time."""
    from assess.errors import InputError
    from assess.files.loader import bundled_questionnaire, parse_workshop
    from assess.method.plan import schedule
    from assess.method.scoring import assess
    from assess.method.value import appraise

    n = 5000
    moves: list[dict[str, Any]] = [
        {
            "name": f"M{i}",
            "volume": 1000,
            "handle_minutes": 5,
            "inputs": {"effort": "small"},
            "scores": {"complexity": 1, "scale": 5, "emotional_stakes": 1, "tech_barrier": 1},
        }
        for i in range(n)
    ]
    for i in range(1, n):
        moves[i]["after"] = [f"M{i - 1}"]
    doc = {"title": "Chain", "plan": {"start": "2027-01", "capacity": 1}, "touchpoints": moves}
    workshop = parse_workshop(doc, "chain.yaml")
    roadmap = schedule(appraise(assess(bundled_questionnaire("default"), workshop)), workshop)
    assert (
        len(roadmap.waves) == n and roadmap.waves[-1].moves[0].result.touchpoint.name == f"M{n - 1}"
    )
    moves[0]["after"] = [f"M{n - 1}"]
    try:
        parse_workshop(doc, "chain.yaml")
    except InputError as exc:
        (problem,) = exc.problems
        assert problem.field == "after.0" and "a cycle" in problem.message
    else:
        raise AssertionError("the cycle was not found")
