"""Method 1.1 beside 1.0: files made for 1.0 keep working and compare across versions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from assess.cli import cli
from assess.files.loader import load_workshop, read_questionnaire

DATA = Path(__file__).parent / "data"
SCORES = """\
  - name: Symptom checker
    scores: {complexity: 4, scale: 4, emotional_stakes: 4, tech_barrier: 3}
  - name: Loyalty enquiry
    scores: {complexity: 2, scale: 2, emotional_stakes: 1, tech_barrier: 2}
"""


def test_a_questionnaire_written_for_1_0_still_loads_with_every_dimension_as_need() -> None:
    q = read_questionnaire(DATA / "questionnaire-1.0.yaml")
    assert q.version == "1.0"
    assert [d.role for d in q.dimensions] == ["need"] * 4
    assert q.inputs == []


def test_compare_works_across_questionnaire_versions(tmp_path: Path) -> None:
    shutil.copy(DATA / "questionnaire-1.0.yaml", tmp_path / "q10.yaml")
    old = tmp_path / "2025.yaml"
    old.write_text(f"title: T\nquestionnaire: q10.yaml\ntouchpoints:\n{SCORES}", encoding="utf-8")
    new = tmp_path / "2026.yaml"
    new.write_text(f"title: T\ntouchpoints:\n{SCORES}", encoding="utf-8")
    assert load_workshop(old).questionnaire.version == "1.0"
    result = CliRunner().invoke(cli, ["compare", str(old), str(new), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    moved = {c["name"]: (c["from"], c["to"]) for c in data["moved"]}
    # Same answers, new method: volume no longer lifts the symptom checker's fit, and the
    # loyalty enquiry's low volume now holds automation back on payback grounds.
    assert moved == {
        "Symptom checker": ("assist", "keep-human"),
        "Loyalty enquiry": ("automate", "assist"),
    }
    assert all(c["answers"] == [] for c in data["moved"])  # no answer changed
    result = CliRunner().invoke(
        cli, ["report", str(new), "--compare", str(old), "--format", "html"]
    )
    assert result.exit_code == 0, result.output
    html = new.with_suffix(".html").read_text(encoding="utf-8")
    assert "Since last time" in html and "2 verdicts moved" in html
