"""Measured shares across a portfolio (issue 28): six assist moves in three journeys, measured
once their change was due, give the share per verdict against the questionnaire's, and a
suggested `business_case.shares` with its basis (moves, journeys, months) that a questionnaire
would accept, written only where asked and never into a questionnaire."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from pdftext import page_texts
from pypdf import PdfReader

from assess.cli import cli
from assess.economics import Share
from assess.files.sharesfragment import FIRST_LINE

#: Assist moves (3-4-2-2): 5,000 contacts a month at 10 minutes; 1,200 expected hours a year,
#: a fill-in for wave 2 (April to June 2027), so each change is due in full from July.
JOURNEY = """\
title: {title}
economics: {{currency: EUR, cost_per_hour: 40}}
plan: {{start: 2027-01, wave_months: 3}}
touchpoints:
{touchpoints}
"""
MOVE = """\
  - name: {name}
    volume: 5000
    handle_minutes: 10
    inputs: {{effort: small, human_fallback: reachable}}
    scores: {{complexity: 3, scale: 4, emotional_stakes: 2, tech_barrier: 2}}
    outcomes:
      - {{date: {date}, handle_minutes: {minutes}}}
"""
#: Shares measured: 1 - minutes now / 10.
SIX = {
    "Claims": [("Claim status", "2027-07", 9.1), ("Address change", "2027-08", 9.0)],
    "Payments": [("Refund", "2027-09", 8.8), ("Invoice copy", "2027-10", 8.7)],
    "Travel": [("Rebooking", "2027-11", 8.6), ("Seat change", "2027-12", 8.4)],
}


def journeys(tmp_path: Path) -> list[Path]:
    paths = []
    for title, moves in SIX.items():
        tps = "".join(MOVE.format(name=n, date=d, minutes=m) for n, d, m in moves)
        if title == "Travel":  # measured before it was due (May, in its wave): not counted
            tps += MOVE.format(name="Lost luggage", date="2027-05", minutes=5)
        path = tmp_path / f"{title.lower()}.yaml"
        path.write_text(JOURNEY.format(title=title, touchpoints=tps), encoding="utf-8")
        paths.append(path)
    return paths


def test_six_outcomes_give_a_share_per_verdict_and_a_suggested_fragment(tmp_path: Path) -> None:
    files = [str(p) for p in journeys(tmp_path)]
    out, shares = tmp_path / "board.json", tmp_path / "shares.yaml"
    result = CliRunner().invoke(
        cli, ["portfolio", *files, "-o", str(out), "--suggest-shares", str(shares)]
    )
    assert result.exit_code == 0, result.output
    (assist,) = json.loads(out.read_text(encoding="utf-8"))["measured_shares"]
    # Shares 0.09, 0.10, 0.12, 0.13, 0.14, 0.16: the median of six is (0.12 + 0.13) / 2.
    assert assist["verdict"] == "assist"
    assert (assist["moves"], assist["journeys"], assist["first"], assist["last"]) == (
        6,
        3,
        "2027-07",
        "2027-12",
    )
    assert assist["measured"] == {"low": 0.09, "expected": 0.125, "high": 0.16}
    assert assist["assumed"] == {"low": 0.05, "expected": 0.12, "high": 0.25}
    assert "Lost luggage" not in [o["touchpoint"] for o in assist["outcomes"]]
    text = shares.read_text(encoding="utf-8")
    assert text.startswith(FIRST_LINE)
    assert "assess never changes" in text
    fragment: dict[str, Any] = yaml.safe_load(text)
    suggested = fragment["business_case"]["shares"]["assist"]
    Share.model_validate(suggested)  # a questionnaire would take it as it is
    assert (suggested["low"], suggested["expected"], suggested["high"]) == (0.09, 0.125, 0.16)
    assert (
        "Measured in 6 moves across 3 journeys, outcomes from 2027-07 to 2027-12"
        in (suggested["evidence"])
    )
    assert "Brynjolfsson" in suggested["evidence"]  # the planning share it replaces, said
    assert fragment["measured"]["assist"]["moves"] == 6
    assert fragment["questionnaire"] == {"name": "default", "version": "1.3"}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["board.json", "shares.yaml", "claims.yaml", "payments.yaml", "travel.yaml"]
    )


def test_the_board_reads_what_was_measured(tmp_path: Path) -> None:
    files = [str(p) for p in journeys(tmp_path)]
    out = tmp_path / "board.pdf"
    result = CliRunner().invoke(cli, ["portfolio", *files, "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join(page_texts(PdfReader(out)))
    assert "What the outcomes measured" in text
    assert (
        "Assist measured 9–16% across 6 moves in 3 journeys (July 2027 to December 2027, median"
        in text
    )
    assert "the questionnaire assumes 5–25% (12% expected)" in text
    assert "--suggest-shares FILE writes them as a suggested business_case.shares" in text


def test_too_few_moves_are_reported_and_nothing_suggested(tmp_path: Path) -> None:
    paths = journeys(tmp_path)[:1]  # two moves
    shares = tmp_path / "shares.yaml"
    result = CliRunner().invoke(
        cli,
        ["portfolio", str(paths[0]), "--format", "json", "--suggest-shares", str(shares)],
    )
    assert result.exit_code == 0, result.output
    assert "nothing to suggest" in result.stderr and not shares.exists()
    (assist,) = json.loads(result.stdout)["measured_shares"]
    assert (assist["moves"], assist["suggested"]) == (2, False)


def test_an_earlier_suggestion_is_replaced_any_other_file_is_not(tmp_path: Path) -> None:
    files = [str(p) for p in journeys(tmp_path)]
    shares = tmp_path / "shares.yaml"
    args = ["portfolio", *files, "--format", "json", "--suggest-shares", str(shares)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert CliRunner().invoke(cli, args).exit_code == 0  # our own file: replaced
    other = tmp_path / "mine.yaml"
    other.write_text("title: keep me\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["portfolio", *files, "--format", "json", "--suggest-shares", str(other)]
    )
    assert result.exit_code == 1 and "already exists" in result.output
    assert other.read_text(encoding="utf-8") == "title: keep me\n"
    result = CliRunner().invoke(
        cli, ["portfolio", *files, "--format", "json", "--suggest-shares", files[0]]
    )
    assert result.exit_code == 2 and "is one of the inputs" in result.output
