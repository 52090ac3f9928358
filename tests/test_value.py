"""What a verdict is worth: the arithmetic against hand-computed cases, totals that are sums,
waves that never make more value wait, and keep-human protected, never turned into savings."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from assess.cli import cli
from assess.economics import Economics
from assess.files.loader import load_workshop
from assess.files.money import money
from assess.method.scoring import assess
from assess.method.value import Move, appraise, plan
from assess.models import Questionnaire
from assess.report.businesscase import touchpoint_line

Write = Callable[[str, str], Path]

ECONOMICS = "economics: {currency: EUR, locale: de_DE, cost_per_hour: 40}"
PACK = f"""
title: Orders
{ECONOMICS}
touchpoints:
  - name: Where is my order
    volume: 45000
    handle_minutes: 6
    # A person one step away answered: the automate verdict needs it (issue 25).
    inputs: {{human_fallback: reachable, effort: small}}
    scores: {{complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}}
  - name: Change delivery slot
    volume: 20000
    handle_minutes: 4
    scores: {{complexity: 2, scale: 4, emotional_stakes: 2, tech_barrier: 2}}
  - name: Medicine advice
    volume: 3000
    handle_minutes: 10
    inputs: {{effort: large}}
    scores: {{complexity: 4, scale: 4, emotional_stakes: 3, tech_barrier: 3}}
  - name: Diagnosis
    volume: 300
    handle_minutes: 20
    scores: {{complexity: 5, scale: 3, emotional_stakes: 5, tech_barrier: 5}}
  - name: Billing question
    scores: {{complexity: 3, scale: 3, emotional_stakes: 3, tech_barrier: 3}}
  - name: Not scored
    volume: 10
    handle_minutes: 1
"""


def score_json(runner: CliRunner, path: Path) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(cli, ["score", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_the_arithmetic_matches_hand_computed_cases(runner: CliRunner, write: Write) -> None:
    data = score_json(runner, write("w.yaml", PACK))
    by_name = {t["name"]: t for t in data["touchpoints"]}
    # 45,000 a month x 12 x 6 minutes / 60 = 54,000 hours a year today; automate takes away
    # 30/50/70%; 1,600 hours a person; 40 EUR an hour.
    assert by_name["Where is my order"]["recommendation"] == "automate"
    # Without a day rate or a build cost of its own nothing is costed: build to payback null.
    assert by_name["Where is my order"]["value"] == {
        "volume_per_month": 45000,
        "handle_minutes": 6,
        "staffed_share": 1,
        "evidence": "estimated",
        "share_of_time": {"low": 0.3, "expected": 0.5, "high": 0.7},
        "share_basis": None,
        "baseline_hours_per_year": {"low": 54000, "expected": 54000, "high": 54000},
        "hours_per_year": {"low": 16200, "expected": 27000, "high": 37800},
        "fte": {"low": 10.12, "expected": 16.88, "high": 23.62},
        "cost_per_year": {"low": 648000, "expected": 1080000, "high": 1512000},
        "currency": "EUR",
        "build_cost": None,
        "build_cost_basis": None,
        "run_cost_per_year": None,
        "run_cost_basis": None,
        "net_per_year": None,
        "net_over_horizon": None,
        "payback_months": None,
    }
    assert by_name["Where is my order"]["priority"] == "quick-win"
    assert by_name["Where is my order"]["wave"] == 1
    # Assist: 3,000 x 12 x 10 / 60 = 6,000 hours; 5/12/25% of it.
    advice = by_name["Medicine advice"]
    assert advice["recommendation"] == "assist"
    assert advice["value"]["hours_per_year"] == {"low": 300, "expected": 720, "high": 1500}
    assert advice["value"]["cost_per_year"] == {"low": 12000, "expected": 28800, "high": 60000}
    assert advice["value"]["fte"] == {"low": 0.19, "expected": 0.45, "high": 0.94}
    # 720 hours is lower value; a large change to it waits.
    assert (advice["priority"], advice["wave"]) == ("not-now", 3)
    # Unanswered effort counts as medium: 20,000 x 12 x 4 / 60 x 0.5 = 8,000 hours, a big bet.
    slot = by_name["Change delivery slot"]
    assert slot["value"]["hours_per_year"]["expected"] == 8000
    assert (slot["priority"], slot["wave"]) == ("big-bet", 2)


def test_keep_human_is_protected_never_turned_into_savings(runner: CliRunner, write: Write) -> None:
    data = score_json(runner, write("w.yaml", PACK))
    diagnosis = next(t for t in data["touchpoints"] if t["name"] == "Diagnosis")
    assert diagnosis["recommendation"] == "keep-human"
    assert diagnosis["priority"] == "protect"
    assert diagnosis["wave"] is None
    assert diagnosis["value"]["cost_per_year"] == {"low": 0, "expected": 0, "high": 0}
    assert data["summary"]["value"]["protected_per_month"] == 300
    loaded = load_workshop(write("w2.yaml", PACK))
    appraisal = appraise(assess(loaded.questionnaire, loaded.workshop))
    # 300 a month x 12 x 20 minutes / 60 = 1,200 hours of staff time today.
    assert touchpoint_line(appraisal.moves[3], appraisal) == (
        "Protect: 300 contacts a month stay with people (1.200 hours a year of staff time today)."
    )


def test_without_numbers_there_is_no_value_and_the_line_says_so(
    runner: CliRunner, write: Write
) -> None:
    data = score_json(runner, write("w.yaml", PACK))
    billing, unscored = data["touchpoints"][4], data["touchpoints"][5]
    assert billing["recommendation"] == "assist"
    assert (billing["value"], billing["priority"], billing["wave"]) == (None, None, None)
    assert unscored["recommendation"] == "unscored"
    assert (unscored["value"], unscored["priority"], unscored["decide_first"]) == (None, None, None)
    loaded = load_workshop(write("w2.yaml", PACK))
    appraisal = appraise(assess(loaded.questionnaire, loaded.workshop))
    assert touchpoint_line(appraisal.moves[4], appraisal) == (
        "Size this: add volume and handle time."
    )


def test_summary_totals_are_the_sums_of_the_touchpoints(runner: CliRunner, write: Write) -> None:
    data = score_json(runner, write("w.yaml", PACK))
    values = [t["value"] for t in data["touchpoints"] if t["value"]]
    total = data["summary"]["value"]
    for key in ("hours_per_year", "fte", "cost_per_year"):
        for end in ("low", "expected", "high"):
            assert total[key][end] == pytest.approx(sum(v[key][end] for v in values), abs=1e-9)
    assert total["currency"] == "EUR"
    assert total["touchpoints_sized"] == 4


def test_facts_without_economics_still_give_hours_and_fte(runner: CliRunner, write: Write) -> None:
    """Issue 25, item 3: facts typed in the room reach the JSON without economics: hours and
    full-time people at 1,600 hours a person, every money figure null."""
    data = score_json(runner, write("w.yaml", PACK.replace(ECONOMICS, "")))
    first = data["touchpoints"][0]["value"]
    assert first["hours_per_year"] == {"low": 16200, "expected": 27000, "high": 37800}
    # 27,000 / 1,600 = 16.875, shown to two places.
    assert first["fte"] == {"low": 10.12, "expected": 16.88, "high": 23.62}
    assert (first["cost_per_year"], first["currency"], first["build_cost"]) == (None, None, None)
    assert first["payback_months"] is None
    assert data["touchpoints"][0]["priority"] == "quick-win"
    total = data["summary"]["value"]
    assert total["cost_per_year"] is None and total["currency"] is None
    assert total["hours_per_year"]["expected"] == 27000 + 8000 + 720
    assert total["touchpoints_sized"] == 4
    keep = [t for t in data["touchpoints"] if t["recommendation"] == "keep-human"]
    assert [t["priority"] for t in keep] == ["protect"]


def test_no_facts_and_no_economics_have_no_value(runner: CliRunner, write: Write) -> None:
    bare = "\n".join(
        line for line in PACK.replace(ECONOMICS, "").splitlines() if "volume" not in line
    )
    data = score_json(runner, write("w.yaml", bare))
    assert data["summary"]["value"] is None
    assert all(t["value"] is None for t in data["touchpoints"])


def test_csv_has_flat_value_columns_with_plain_numbers(runner: CliRunner, write: Write) -> None:
    result = runner.invoke(cli, ["score", str(write("w.yaml", PACK)), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    first = rows[0]
    assert first["cost_per_year_expected"] == "1080000.0"
    assert first["hours_per_year_low"] == "16200.0"
    assert first["fte_high"] == "23.62"
    assert (first["currency"], first["priority"], first["wave"]) == ("EUR", "quick-win", "1")
    assert (rows[4]["cost_per_year_expected"], rows[4]["priority"]) == ("", "")


def test_the_table_writes_money_in_the_workshops_locale(runner: CliRunner, write: Write) -> None:
    result = runner.invoke(
        cli, ["score", str(write("w.yaml", PACK))], env={"COLUMNS": "160"}, terminal_width=160
    )
    assert result.exit_code == 0, result.output
    assert "1.080.000 € · wave 1" in result.stdout
    assert "Worth 1.428.800 € a year (852.000 € to 2.020.000 €), 22,3 FTE; 300 contacts a " in (
        " ".join(result.stdout.split())
    )


def test_money_is_written_as_the_locale_writes_it() -> None:
    assert money(1234567, "EUR", "de_DE") == "1.234.567 €"
    assert money(1234567.4, "GBP", "en_GB") == "£1,234,567"
    assert money(1234567, "EUR", "fr_FR") == "1 234 567 €"


def test_decide_first_is_never_in_wave_one(questionnaire: Questionnaire) -> None:
    rule = questionnaire.business_case.priority  # type: ignore[union-attr]
    assert rule is not None
    assert plan(rule, 100_000, "small", decide_first=False) == ("quick-win", 1)
    assert plan(rule, 100_000, "small", decide_first=True) == ("quick-win", 2)


def test_a_borderline_verdict_is_decided_first(runner: CliRunner, write: Write) -> None:
    borderline = PACK.replace(
        "{complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}",
        "{complexity: 2, scale: 5, emotional_stakes: 2, tech_barrier: 3}",
    )
    first = score_json(runner, write("w.yaml", borderline))["touchpoints"][0]
    assert first["borderline"], first  # fit 69: one below automate
    assert first["decide_first"] is True
    assert first["wave"] == 2


EFFORTS = ("small", "medium", "large")


@given(
    a=st.tuples(st.floats(0, 1e6), st.sampled_from(EFFORTS), st.booleans()),
    b=st.tuples(st.floats(0, 1e6), st.sampled_from(EFFORTS), st.booleans()),
)
def test_more_value_for_no_more_effort_never_lands_in_a_later_wave(
    questionnaire: Questionnaire,
    a: tuple[float, str, bool],
    b: tuple[float, str, bool],
) -> None:
    rule = questionnaire.business_case.priority  # type: ignore[union-attr]
    assert rule is not None
    (more, less) = sorted((a, b), key=lambda m: -m[0])
    if EFFORTS.index(more[1]) <= EFFORTS.index(less[1]) and more[2] == less[2]:
        assert plan(rule, *more)[1] <= plan(rule, *less)[1]
    for hours, effort, decide in (a, b):
        wave = plan(rule, hours, effort, decide)[1]
        assert wave in (1, 2, 3)
        assert not (decide and wave == 1)


def test_value_needs_the_questionnaires_business_case(write: Write, q_data: dict) -> None:  # type: ignore[type-arg]
    import yaml

    del q_data["business_case"]
    write("q.yaml", yaml.safe_dump(q_data, sort_keys=False))
    loaded = load_workshop(
        write("w.yaml", PACK.replace("title: Orders", "title: Orders\nquestionnaire: q.yaml"))
    )
    appraisal = appraise(assess(loaded.questionnaire, loaded.workshop))
    assert appraisal.totals is None
    assert all(isinstance(m, Move) and m.value is None for m in appraisal.moves)
    assert isinstance(loaded.workshop.economics, Economics)
