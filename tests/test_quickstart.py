"""The README's quick start, run as written: init, handout, (people fill in), merge, report.
And the sample spreadsheets in questionnaires/examples/ import as they are."""

from __future__ import annotations

import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from pdftext import page_texts
from pypdf import PdfReader

from assess.cli import cli
from assess.files.loader import bundled_questionnaire, load_workshop
from assess.team.handout import answer_label

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "questionnaires" / "examples"


def quick_start() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.findall(r"```sh\n(.*?)```", section, flags=re.S)[0]
    return [line for line in block.splitlines() if line.strip()]


def fill_in(folder: Path) -> None:
    """What Ana, Ben and Cy do in Excel: pick an answer for every touchpoint."""
    q = bundled_questionnaire("default")
    for k, path in enumerate(sorted(folder.glob("*.xlsx"))):
        book = openpyxl.load_workbook(path)
        ws = book["Touchpoints"]
        at = {c.value: c.column for c in ws[1]}
        for row in range(2, ws.max_row + 1):
            if not ws.cell(row=row, column=at["name"]).value:
                continue
            for j, dim in enumerate(q.dimensions, 6):
                cell = ws.cell(row=row, column=at[dim.id])
                cell.value = answer_label(1 + (row + j + k) % 5, dim)
        book.save(path)


def test_the_quick_start_gives_a_team_report(tmp_path: Path) -> None:
    lines = quick_start()
    assert [line.split()[1] for line in lines if not line.startswith("#")] == [
        "init",
        "handout",
        "merge",
        "report",
    ]
    assess = shutil.which("assess", path=str(Path(sys.executable).parent))
    assert assess is not None
    for line in lines:
        if line.startswith("#"):
            fill_in(tmp_path / "handouts")
            continue
        # The shell's work: split the words and expand the glob, in the workshop's folder.
        words = shlex.split(line.split("  #")[0])
        args = [
            match for w in words[1:] for match in sorted(glob.glob(w, root_dir=tmp_path)) or [w]
        ]
        done = subprocess.run(
            [assess, *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "COLUMNS": "100"},
        )
        assert done.returncode == 0, (line, done.stderr)
    assert sorted(p.name for p in (tmp_path / "handouts").iterdir()) == [
        "Ana.xlsx",
        "Ben.xlsx",
        "Cy.xlsx",
    ]
    team = load_workshop(tmp_path / "claims-team.yaml").workshop
    assert len(team.touchpoints) == 12
    assert all(set(tp.votes) == {"Ana", "Ben", "Cy"} for tp in team.touchpoints)
    reader = PdfReader(tmp_path / "claims-team.pdf")
    pages = page_texts(reader)
    assert "Claims" in pages[0]
    assert any(team.touchpoints[0].name in page for page in pages)


def test_the_sample_csv_and_workbook_import(tmp_path: Path) -> None:
    runner = CliRunner()
    for sample in ("touchpoints.csv", "handout-filled-ana.xlsx"):
        out = tmp_path / f"{sample}.yaml"
        result = runner.invoke(cli, ["import", str(EXAMPLES / sample), "-o", str(out)])
        assert result.exit_code == 0, result.output
        w = load_workshop(out).workshop
        assert w.touchpoints[0].id == "007" and w.touchpoints[0].name == "Report a claim"
    # The filled workbook knows whose it is: merged with the CSV, its votes are Ana's.
    result = runner.invoke(
        cli,
        [
            "merge",
            str(EXAMPLES / "handout-filled-ana.xlsx"),
            str(EXAMPLES / "touchpoints.csv"),
            "-o",
            str(tmp_path / "team.yaml"),
        ],
    )
    assert result.exit_code == 0, result.output
    votes = load_workshop(tmp_path / "team.yaml").workshop.touchpoints[0].votes
    assert set(votes) == {"Ana", "touchpoints"}
