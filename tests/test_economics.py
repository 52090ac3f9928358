"""The decision pack's inputs: economics, volume, handle time and effort, checked as facts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from assess.cli import cli
from assess.files.loader import load_workshop
from assess.method import measures
from assess.method.scoring import assess
from assess.models import Questionnaire

Write = Callable[[str, str], Path]

ROUTINE = "{complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}"


def workshop(economics: str, touchpoint: str = "") -> str:
    return f"""
title: Orders
{economics}
touchpoints:
  - name: Where is my order
    scores: {ROUTINE}
{touchpoint}
"""


@pytest.mark.parametrize(
    ("economics", "touchpoint", "message"),
    [
        (
            "economics: {currency: EUR, cost_per_hour: -40}",
            "",
            "economics.cost_per_hour': must be a number from 0 to 1,000,000, got -40",
        ),
        (
            "economics: {currency: EUX, cost_per_hour: 40}",
            "",
            "economics.currency': must be an ISO 4217 currency code such as EUR, GBP or USD, "
            "got 'EUX'",
        ),
        (
            "economics: {currency: EUR, locale: xx_QQ, cost_per_hour: 40}",
            "",
            "economics.locale': must be a locale such as en_GB, de_DE or fr_FR, got 'xx_QQ'",
        ),
        (
            "economics: {currency: EUR, cost_per_hour: .nan}",
            "",
            "economics.cost_per_hour': must be a number from 0 to 1,000,000, not infinity or NaN",
        ),
        (
            "economics: {currency: EUR, cost_per_hour: 1e308}",
            "",
            "economics.cost_per_hour': must be a number from 0 to 1,000,000, got a number far "
            "too large",
        ),
        (
            "economics: {currency: EUR, cost_per_hour: 40, hours_per_fte: 0}",
            "",
            "economics.hours_per_fte': must be a number above 0 to 8,784, got 0",
        ),
        (
            "economics: {currency: EUR, cost_per_hour: 40}",
            "  - name: Refund\n    volume: 0\n    handle_minutes: 6",
            "touchpoint \"Refund\", field 'volume': must be a whole number from 1 to "
            "1,000,000,000, got 0",
        ),
        (
            "economics: {currency: EUR, cost_per_hour: 40}",
            "  - name: Refund\n    volume: " + "9" * 400 + "\n    handle_minutes: 6",
            "touchpoint \"Refund\", field 'volume': must be a whole number from 1 to "
            "1,000,000,000, got a number far too large",
        ),
        (
            "economics: {currency: EUR, cost_per_hour: 40}",
            "  - name: Refund\n    volume: 100\n    handle_minutes: 0",
            "touchpoint \"Refund\", field 'handle_minutes': must be a number above 0 to "
            "100,000, got 0",
        ),
        (
            "economics: {currency: EUR, cost_per_hour: 40}",
            "  - name: Refund\n    volume: 12.5\n    handle_minutes: 3",
            "touchpoint \"Refund\", field 'volume': must be a whole number from 1 to 1,000,000,000",
        ),
    ],
)
def test_bad_economics_is_one_clear_line_naming_the_field(
    runner: CliRunner, write: Write, economics: str, touchpoint: str, message: str
) -> None:
    path = write("w.yaml", workshop(economics, touchpoint))
    before = sorted(path.parent.iterdir())
    result = runner.invoke(cli, ["score", str(path), "--format", "json"])
    assert result.exit_code == 1
    (line,) = result.output.splitlines()
    assert line.startswith(f"Error: {path}:")
    assert line.endswith(message), line
    assert "Traceback" not in result.output
    assert sorted(path.parent.iterdir()) == before


def test_locale_and_currency_are_normalised(write: Write) -> None:
    path = write("w.yaml", workshop("economics: {currency: eur, locale: de-DE, cost_per_hour: 40}"))
    economics = load_workshop(path).workshop.economics
    assert economics is not None
    assert (economics.currency, economics.locale, economics.hours_per_fte) == (
        "EUR",
        "de_DE",
        1600,
    )


def test_a_volume_that_contradicts_the_scale_answer_is_a_warning(
    runner: CliRunner, write: Write
) -> None:
    path = write(
        "w.yaml",
        workshop(
            "economics: {currency: EUR, cost_per_hour: 40}",
            f"  - name: Rare\n    volume: 100\n    handle_minutes: 6\n    scores: {ROUTINE}\n"
            f"  - name: Fine\n    volume: 40000\n    handle_minutes: 6\n    scores: {ROUTINE}",
        ),
    )
    warning = (
        f'{path}: warning: touchpoint "Rare": a volume of 100 a month is "weekly" (scale 2), '
        'but the room answered 5 ("thousands a day"); the answer still decides the verdict: '
        "check one or the other\n"
    )
    validated = runner.invoke(cli, ["validate", str(path)])
    assert validated.exit_code == 0
    assert validated.stderr == warning
    scored = runner.invoke(cli, ["score", str(path), "--format", "json"])
    assert scored.exit_code == 0
    assert scored.stderr == warning
    assert '"recommendation": "automate"' in scored.stdout  # the answer still decides


def test_effort_never_changes_a_verdict(questionnaire: Questionnaire) -> None:
    """No rule names effort, and over every combination of answers each effort gives the
    verdict an unanswered effort gives."""
    from assess.method.decision import decide

    assert "effort" in questionnaire.input_ids
    assert all("effort" not in r.when for r in questionnaire.rules)
    for answers in measures.combinations(questionnaire, inputs=False):
        verdict = decide(questionnaire, answers).verdict
        for position in (1, 2, 3):
            assert decide(questionnaire, {**answers, "effort": position}).verdict == verdict
    # Effort is not enumerated by the rule checks, so they still see every combination.
    assert measures.count_combinations(questionnaire) == 360_000
    assert measures.warnings(questionnaire) == []


def test_a_rule_on_effort_is_refused(runner: CliRunner, write: Write, q_data: dict) -> None:  # type: ignore[type-arg]
    import yaml

    q_data["rules"][0]["when"]["effort"] = {"min": "large"}
    path = write("q.yaml", yaml.safe_dump(q_data, sort_keys=False))
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert (
        "business case, field 'business_case.priority.effort_input': 'volume-must-pay-back' uses effort, "
        "which only decides what to do first: effort must never change a verdict"
    ) in result.stderr


def test_a_plan_that_makes_more_value_wait_is_refused(
    runner: CliRunner,
    write: Write,
    q_data: dict,  # type: ignore[type-arg]
) -> None:
    import yaml

    q_data["business_case"]["priority"]["plan"]["high"]["small"] = "not-now"
    path = write("q.yaml", yaml.safe_dump(q_data, sort_keys=False))
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert (
        "field 'business_case.priority.plan.high.small': high value puts a small change in a later wave than "
        "low value does: more value must never wait longer"
    ) in result.stderr


def test_keep_human_share_must_be_zero(runner: CliRunner, write: Write, q_data: dict) -> None:  # type: ignore[type-arg]
    import yaml

    q_data["business_case"]["shares"]["keep-human"]["high"] = 0.1
    path = write("q.yaml", yaml.safe_dump(q_data, sort_keys=False))
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert "keeping a moment human saves no time" in result.stderr


def test_import_reads_volume_and_handle_minutes(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "name;volume;handle_minutes;scale\nOrders;45.000;6,5;5\nRefund;120;3;\n", encoding="utf-8"
    )
    out = tmp_path / "w.yaml"
    result = runner.invoke(cli, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    w = load_workshop(out).workshop
    assert [(t.volume, t.handle_minutes) for t in w.touchpoints] == [(45000, 6.5), (120, 3)]
    assert "volume: 45000\n    handle_minutes: 6.5\n" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("0", "must be a whole number from 1 to 1,000,000,000, got 0"),
        ("lots", "must be a whole number from 1 to 1,000,000,000 (got 'lots')"),
        ("4,50", "must be a whole number from 1 to 1,000,000,000 (got '4,50')"),
    ],
)
def test_import_names_a_bad_volume(
    runner: CliRunner, tmp_path: Path, cell: str, message: str
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f'name,volume\nOrders,"{cell}"\n', encoding="utf-8")
    out = tmp_path / "w.yaml"
    result = runner.invoke(cli, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {path}: row 2, column 'volume': {message}")
    assert not out.exists()


def test_merge_keeps_volume_and_handle_time_as_facts(
    runner: CliRunner, write: Write, tmp_path: Path
) -> None:
    a = write(
        "ana.yaml",
        f"title: J\nparticipants: [Ana]\ntouchpoints:\n  - name: Orders\n    volume: 45000\n"
        f"    handle_minutes: 6\n    scores: {ROUTINE}\n",
    )
    b = write(
        "ben.yaml",
        f"title: J\nparticipants: [Ben]\ntouchpoints:\n  - name: Orders\n    volume: 40000\n"
        f"    scores: {ROUTINE}\n",
    )
    out = tmp_path / "team.yaml"
    result = runner.invoke(cli, ["merge", str(a), str(b), "-o", str(out)])
    assert result.exit_code == 0, result.output
    tp = load_workshop(out).workshop.touchpoints[0]
    assert (tp.volume, tp.handle_minutes) == (45000, 6)
    assert (
        "Note: The files disagree on the volume of 'Orders' (ana.yaml: 45000; ben.yaml: 40000); "
        "kept 45000." in result.stderr
    )
    assert set(assess_votes(out)) == {"Ana", "Ben"}


def assess_votes(path: Path) -> list[str]:
    loaded = load_workshop(path)
    result = assess(loaded.questionnaire, loaded.workshop).results[0]
    return sorted(next(iter(result.consensus.values())).votes)


NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["40", "", "1e308", "-0", "0x10"]),
)


@given(cost=NUMBERS, volume=NUMBERS, minutes=NUMBERS)
def test_any_number_loads_or_is_one_line_naming_its_field(
    tmp_path_factory: pytest.TempPathFactory, cost: object, volume: object, minutes: object
) -> None:
    """Whatever is typed for cost, volume or handle time: it loads, or every problem names the
    field it is in, with no traceback, and a number read back is the one given."""
    import yaml

    from assess.errors import InputError

    folder = tmp_path_factory.mktemp("numbers")
    doc = {
        "title": "T",
        "economics": {"currency": "EUR", "cost_per_hour": cost},
        "touchpoints": [{"name": "A", "volume": volume, "handle_minutes": minutes}],
    }
    path = folder / "w.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    try:
        w = load_workshop(path).workshop
    except InputError as exc:
        for problem in exc.problems:
            assert problem.field in ("economics.cost_per_hour", "volume", "handle_minutes")
            assert "\n" not in str(problem) and len(str(problem)) < 300
        return
    assert w.economics is not None and 0 <= w.economics.cost_per_hour <= 1_000_000
    tp = w.touchpoints[0]
    assert tp.volume is not None and 1 <= tp.volume <= 1_000_000_000
    assert tp.handle_minutes is not None and 0 < tp.handle_minutes <= 100_000
