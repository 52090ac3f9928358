"""The business case's columns read from a CSV and from a workbook (issue 27): staffed_share,
share_low/share_expected/share_high with share_basis, build_cost, run_cost_per_year and
evidence; each problem names its row and column. And property tests (Hypothesis, fixed seed by
the suite's profile) over the new numeric inputs: any valid input gives ranges that stay
ordered, any bad number one clear error naming the file, line, touchpoint and field."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.cli import cli
from assess.files.loader import load_workshop
from assess.team.casecolumns import parse_money, parse_share

HEADER = [
    "name",
    "volume",
    "handle_minutes",
    "staffed_share",
    "share_low",
    "share_expected",
    "share_high",
    "share_basis",
    "build_cost",
    "run_cost_per_year",
    "evidence",
    "complexity",
    "scale",
    "emotional_stakes",
    "tech_barrier",
]
ROWS = [
    [
        "Where is my order",
        "45000",
        "6",
        "0.4",
        "0.3",
        "0.45",
        "0.6",
        "Pilot, March 2027: 45% contained",
        "60000",
        "12000",
        "measured",
        "1",
        "5",
        "1",
        "1",
    ],
    ["Self-service search", "40000", "3", "0", "", "", "", "", "", "", "", "1", "5", "1", "1"],
]


def invoke(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def check_imported(path: Path) -> None:
    w = load_workshop(path).workshop
    first, second = w.touchpoints
    assert first.staffed_share == 0.4
    assert first.share is not None
    assert (first.share.low, first.share.expected, first.share.high) == (0.3, 0.45, 0.6)
    assert first.share_basis == "Pilot, March 2027: 45% contained"
    assert (first.build_cost, first.run_cost_per_year, first.evidence) == (60000, 12000, "measured")
    # A staffed share of 0 is pure self-service, kept, not dropped as "nothing".
    assert second.staffed_share == 0
    assert (second.share, second.build_cost, second.evidence) == (None, None, None)
    text = path.read_text(encoding="utf-8")
    assert "    share: {low: 0.3, expected: 0.45, high: 0.6}\n" in text
    assert "    staffed_share: 0\n" in text


def test_csv_import_reads_every_business_case_column(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "\n".join(";".join(f'"{c}"' if ";" in c else c for c in row) for row in [HEADER, *ROWS]),
        encoding="utf-8",
    )
    code, said = invoke("import", path, "-o", tmp_path / "t.yaml")
    assert code == 0, said
    check_imported(tmp_path / "t.yaml")


def test_workbook_import_reads_every_business_case_column(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(HEADER)
    for row in ROWS:
        # Numbers as a spreadsheet holds them: numeric cells, not text.
        ws.append([float(c) if c.replace(".", "", 1).isdigit() else (c or None) for c in row])
    path = tmp_path / "t.xlsx"
    book.save(path)
    code, said = invoke("import", path, "-o", tmp_path / "t.yaml")
    assert code == 0, said
    check_imported(tmp_path / "t.yaml")


def test_shares_and_money_as_people_write_them(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "name;staffed_share;share_low;share_expected;share_high;share_basis;build_cost;run_cost_per_year\n"
        "A;40%;30%;0,45;60 %;Pilot;60.000;12.500,50\n",
        encoding="utf-8",
    )
    code, said = invoke("import", path, "-o", tmp_path / "t.yaml")
    assert code == 0, said
    tp = load_workshop(tmp_path / "t.yaml").workshop.touchpoints[0]
    assert tp.staffed_share == 0.4 and tp.share is not None
    assert (tp.share.low, tp.share.expected, tp.share.high) == (0.3, 0.45, 0.6)
    assert (tp.build_cost, tp.run_cost_per_year) == (60000, 12500.5)


@pytest.mark.parametrize(
    ("columns", "cells", "message"),
    [
        (
            "staffed_share",
            "1.5",
            "row 2, column 'staffed_share': must be a number from 0 to 1, got 1.5",
        ),
        (
            "staffed_share",
            "lots",
            "row 2, column 'staffed_share': must be a number from 0 to 1 (or a percentage such as 45%) (got 'lots')",
        ),
        (
            "build_cost",
            "-5",
            "row 2, column 'build_cost': must be a number from 0 to 10,000,000,000 (got '-5')",
        ),
        (
            "evidence",
            "guessed",
            "row 2, column 'evidence': must be measured or estimated (got 'guessed')",
        ),
        (
            "share_low;share_expected",
            "0.1;0.2",
            "row 2, column 'share_high': is empty; a share needs share_low, share_expected and share_high",
        ),
        (
            "share_low;share_expected;share_high",
            "0.1;0.2;0.3",
            "row 2, column 'share_basis': is required with a share (say where it comes from, e.g. a pilot)",
        ),
        (
            "share_low;share_expected;share_high;share_basis",
            "0.5;0.2;0.3;Pilot",
            "row 2, column 'share_expected': needs low <= expected <= high, got 0.5, 0.2, 0.3 (share_low, share_expected, share_high)",
        ),
        ("share_basis", "Pilot", "row 2, column 'share_basis': is given without a share"),
    ],
)
def test_bad_cells_name_the_row_and_column(
    tmp_path: Path, columns: str, cells: str, message: str
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f"name;{columns}\nA;{cells}\n", encoding="utf-8")
    code, said = invoke("import", path, "-o", tmp_path / "t.yaml")
    assert (code, said) == (1, f"Error: {path}: {message}\n")
    assert not (tmp_path / "t.yaml").exists()


# --- properties -------------------------------------------------------------------------------

SHARE = st.floats(0, 1, allow_nan=False)
MONEY = st.floats(0, 1e9, allow_nan=False)


def workshop_with(**facts: Any) -> dict[str, Any]:
    economics = facts.pop("economics", {})
    return {
        "title": "Orders",
        "economics": {"currency": "EUR", "cost_per_hour": 40, "build_day_rate": 900, **economics},
        "touchpoints": [
            {
                "name": "Where is my order",
                "volume": 45000,
                "handle_minutes": 6,
                "scores": {"complexity": 1, "scale": 5, "emotional_stakes": 1, "tech_barrier": 1},
                **facts,
            },
            {
                "name": "Medicine advice",
                "volume": 3000,
                "handle_minutes": 10,
                "inputs": {"effort": "large"},
                "scores": {"complexity": 4, "scale": 4, "emotional_stakes": 3, "tech_barrier": 3},
                **{k: v for k, v in facts.items() if k != "share" and k != "share_basis"},
            },
        ],
    }


def score(tmp_path: Path, data: dict[str, Any]) -> tuple[int, str, Path]:
    path = tmp_path / "w.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", str(path), "--format", "json"])
    assert "Traceback" not in result.output
    return result.exit_code, result.output, path


def ordered(figure: dict[str, float | None]) -> bool:
    known = [figure[e] for e in ("low", "expected", "high")]
    # A null payback means "never": it can only stand at the slow end.
    seen_none = False
    for value in known:
        if value is None:
            seen_none = True
        elif seen_none:
            return False
    present = [v for v in known if v is not None]
    return present == sorted(present)


@settings(derandomize=True, max_examples=60, deadline=None)
@given(
    staffed=SHARE,
    share=st.lists(SHARE, min_size=3, max_size=3).map(sorted),
    build=st.one_of(st.none(), MONEY),
    run=st.one_of(st.none(), MONEY),
    run_share=st.one_of(st.none(), st.floats(0, 5, allow_nan=False)),
    horizon=st.integers(1, 30),
)
def test_any_valid_input_keeps_every_range_ordered(
    tmp_path_factory: pytest.TempPathFactory,
    staffed: float,
    share: list[float],
    build: float | None,
    run: float | None,
    run_share: float | None,
    horizon: int,
) -> None:
    facts: dict[str, Any] = {
        "staffed_share": staffed,
        "share": dict(zip(("low", "expected", "high"), share, strict=True)),
        "share_basis": "Pilot",
        "economics": {"horizon_years": horizon}
        | ({"run_share": run_share} if run_share is not None else {}),
    }
    if build is not None:
        facts["build_cost"] = build
    if run is not None:
        facts["run_cost_per_year"] = run
    code, out, _ = score(tmp_path_factory.mktemp("p"), workshop_with(**facts))
    assert code == 0, out
    data = json.loads(out)
    for value in [*(t["value"] for t in data["touchpoints"]), data["summary"]["value"]]:
        for key, figure in value.items():
            if isinstance(figure, dict):
                assert ordered(figure), (key, figure)
                assert all(v is None or math.isfinite(v) for v in figure.values())
    first = data["touchpoints"][0]["value"]
    # The net is the saving less the running cost, worst case with worst case.
    net, saving, running = first["net_per_year"], first["cost_per_year"], first["run_cost_per_year"]
    assert net["low"] == pytest.approx(saving["low"] - running["high"], abs=0.02)
    assert net["high"] == pytest.approx(saving["high"] - running["low"], abs=0.02)


BAD = st.one_of(
    st.floats(-1e12, -1e-6),
    st.sampled_from([math.inf, -math.inf, math.nan, 1e308, "lots", True, [1], {"a": 1}]),
)


@settings(derandomize=True, max_examples=60, deadline=None)
@given(field=st.sampled_from(["staffed_share", "build_cost", "run_cost_per_year"]), bad=BAD)
def test_a_bad_number_is_one_clear_error_naming_file_line_touchpoint_and_field(
    tmp_path_factory: pytest.TempPathFactory, field: str, bad: Any
) -> None:
    data = workshop_with()
    data["touchpoints"][1][field] = bad
    folder = tmp_path_factory.mktemp("bad")
    code, out, path = score(folder, data)
    assert code == 1
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.strip().startswith(f"{field}:"))
    (said,) = out.splitlines()
    assert said.startswith(
        f"Error: {path}:{line}: touchpoint \"Medicine advice\", field '{field}': must be "
    )
    assert len(said) < 200


@settings(derandomize=True, max_examples=60, deadline=None)
@given(share=st.lists(st.floats(-2, 3, allow_nan=False), min_size=3, max_size=3))
def test_a_share_out_of_bounds_or_order_names_the_share(
    tmp_path_factory: pytest.TempPathFactory, share: list[float]
) -> None:
    data = workshop_with(
        share=dict(zip(("low", "expected", "high"), share, strict=True)), share_basis="Pilot"
    )
    code, out, path = score(tmp_path_factory.mktemp("share"), data)
    valid = all(0 <= v <= 1 for v in share) and share == sorted(share)
    if valid:
        assert code == 0, out
        return
    assert code == 1
    # One line per problem, each naming the file, its line, the touchpoint and the share.
    said = [s for s in out.splitlines() if f"{path}:" in s and "problem" not in s]
    assert said
    assert all('touchpoint "Where is my order", field \'share' in s for s in said), said


@settings(derandomize=True, max_examples=100, deadline=None)
@given(value=st.floats(0, 1, allow_nan=False))
def test_a_share_reads_back_as_written_in_any_form(value: float) -> None:
    assert parse_share(repr(value)) == pytest.approx(value)
    assert parse_share(repr(value).replace(".", ",")) == pytest.approx(value)
    assert parse_share(f"{value * 100:.4f}%") == pytest.approx(value, abs=1e-6)


@settings(derandomize=True, max_examples=100, deadline=None)
@given(value=st.integers(0, 10_000_000_000))
def test_money_reads_back_with_any_thousands_separator(value: int) -> None:
    for sep in (",", ".", " "):
        assert parse_money(f"{value:,}".replace(",", sep)) == value
