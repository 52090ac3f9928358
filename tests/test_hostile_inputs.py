"""The inputs this release adds, held to the same promise as the others: workbooks whose
stated size lies, a million empty rows, dates where numbers belong, and a portfolio of 500
journeys. Each reads what it holds, or is one clear line; nothing is lost without a word."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from assess.cli import cli
from assess.files.loader import load_workshop

LAST_ROW = 1_048_576  # the last row a sheet can have


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def with_last_row(source: Path, target: Path, name: str) -> Path:
    """`source` with one more touchpoint on the sheet's last row, and the sheet's stated size
    left as it was: far smaller than what the sheet holds."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                assert re.search(r'<dimension ref="A1:B2"\s*/>', text)
                row = f'<row r="{LAST_ROW}"><c r="A{LAST_ROW}" t="inlineStr"><is><t>{name}</t></is></c></row>'
                data = text.replace("</sheetData>", row + "</sheetData>").encode()
            new.writestr(item, data)
    return target


def test_a_row_past_the_sheets_stated_size_is_read_after_a_million_empty_rows(
    tmp_path: Path,
) -> None:
    plain = workbook(tmp_path / "plain.xlsx", [["name", "complexity"], ["Where is my order", 2]])
    sheet = with_last_row(plain, tmp_path / "sheet.xlsx", "Last row")
    out = tmp_path / "out.yaml"
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "assess", "import", str(sheet), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    took = time.perf_counter() - start
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    names = [t.name for t in load_workshop(out).workshop.touchpoints]
    assert names == ["Where is my order", "Last row"]
    assert took < 30, f"a million empty rows took {took:.1f} s"


def test_a_date_where_a_score_belongs_is_refused_with_its_row_and_column(tmp_path: Path) -> None:
    sheet = workbook(
        tmp_path / "dates.xlsx",
        [["name", "complexity"], ["Returns", dt.datetime(2026, 1, 3)]],
    )
    result = CliRunner().invoke(cli, ["import", str(sheet), "-o", str(tmp_path / "o.yaml")])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {sheet}: sheet 'Sheet', row 2, column 'complexity' (cell B2): must be one of "
        "'1 - Scripted', '2 - Routine', '3 - Some judgement', '4 - Expert judgement', "
        "'5 - Novel' (or the number 1 to 5), got '2026-01-03'\n"
    )
    assert not (tmp_path / "o.yaml").exists()


def test_a_portfolio_of_500_journeys_totals_them_all(tmp_path: Path) -> None:
    files = []
    for n in range(500):
        path = tmp_path / f"journey-{n:03}.yaml"
        scale = n % 5 + 1
        path.write_text(
            f"title: Journey {n}\ntouchpoints:\n  - name: Order status\n"
            f"    scores: {{complexity: 2, scale: {scale}, emotional_stakes: 2, tech_barrier: 2}}\n",
            encoding="utf-8",
        )
        files.append(str(path))
    start = time.perf_counter()
    result = CliRunner().invoke(cli, ["portfolio", *files, "--format", "json"])
    took = time.perf_counter() - start
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["journeys"]) == 500
    # Scale 1 and 2 hold routine work at assist (payback); 3 to 5 automate it.
    assert (data["summary"]["automate"], data["summary"]["assist"]) == (300, 200)
    assert took < 60, f"500 journeys took {took:.1f} s"
