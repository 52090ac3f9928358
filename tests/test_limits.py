"""Limits that keep every command quick and every listing short (issue 21): text longer than
a field takes is refused with the field and the limit, and `validate` over many files lists at
most 20 lines and ends with the counts. Through the real commands."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from commands import SCORED, Write, clean_exit, run
from scripted import ENTER, Script, output, session

from assess.files.loader import load_workshop
from assess.models import LABEL_MAX, LONG_TEXT_MAX, NAME_MAX

# --- limits on text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("name", NAME_MAX),
        ("id", LABEL_MAX),
        ("stage", LABEL_MAX),
        ("channel", LABEL_MAX),
        ("description", LONG_TEXT_MAX),
        ("notes", LONG_TEXT_MAX),
    ],
)
def test_each_touchpoint_text_field_takes_up_to_its_limit(
    write: Write, field: str, limit: int
) -> None:
    def touchpoint(length: int) -> str:
        extra = "" if field == "name" else f"    {field}: {'x' * length}\n"
        name = "x" * length if field == "name" else "A"
        return f"title: T\ntouchpoints:\n  - name: {name}\n{extra}    scores: {SCORED}\n"

    w = write("w.yaml", touchpoint(limit))
    clean_exit(run("validate", w), 0)
    w.write_text(touchpoint(limit + 1), encoding="utf-8")
    before = w.read_bytes()
    result = run("validate", w)
    clean_exit(result, 1)
    line = 3 if field == "name" else 4
    label = f"{'x' * 59}…" if field == "name" else "A"
    assert (
        f"{w}:{line}: touchpoint \"{label}\", field '{field}': is {limit + 1:,} characters long; "
        f"the limit is {limit:,}"
    ) in result.output
    assert w.read_bytes() == before  # the file is never changed


def test_a_100000_character_name_is_refused_at_once(write: Write, tmp_path: Path) -> None:
    w = write(
        "w.yaml", f"title: T\ntouchpoints:\n  - name: {'x' * 100_000}\n    scores: {SCORED}\n"
    )
    started = time.monotonic()
    result = run("report", w, "-o", tmp_path / "r.pdf")
    elapsed = time.monotonic() - started
    clean_exit(result, 1)
    assert result.output == (
        f"Error: {w}:3: touchpoint \"{'x' * 59}…\", field 'name': is 100,000 characters long; "
        "the limit is 200\n"
    )
    assert elapsed < 10  # it took minutes when the report laid the name out
    assert not (tmp_path / "r.pdf").exists()


def test_a_long_persons_name_in_votes_is_named_clipped(write: Write) -> None:
    w = write("w.yaml", f"title: T\ntouchpoints:\n  - name: A\n    votes: {{{'p' * 300}: {{}}}}\n")
    result = run("validate", w)
    clean_exit(result, 1)
    assert (
        f"{w}:4: touchpoint \"A\", field 'votes.{'p' * 29}…': is 300 characters long; "
        "the limit is 200"
    ) in result.output
    assert "p" * 31 not in result.output


def test_import_refuses_a_cell_over_its_limit_naming_row_and_column(tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    src.write_text(f"name,notes\nA,{'n' * 5001}\n{'B' * 201},x\n", encoding="utf-8")
    out = tmp_path / "w.yaml"
    result = run("import", src, "-o", out)
    clean_exit(result, 1)
    assert result.output == (
        f"Error: 2 problems in {src}:\n"
        f"  {src}: row 2, column 'notes': is 5,001 characters long; the limit is 5,000\n"
        f"  {src}: row 3, column 'name': is 201 characters long; the limit is 200\n"
    )
    assert not out.exists()


SOLO = f"""\
title: Solo journey
touchpoints:
  - name: Where is my order?
    scores: {SCORED}
  - name: Bereavement
"""


def test_the_session_asks_again_for_a_note_over_the_limit_keeping_what_fits(
    tmp_path: Path,
) -> None:
    path = tmp_path / "solo.yaml"
    path.write_text(SOLO, encoding="utf-8")
    typed = "n" * (LONG_TEXT_MAX + 1000)
    script = Script(
        [
            ("how much judgement", 5),
            ("how often", 1),
            ("feel", 5),
            ("stand", 5),
            ("note", typed),
            ("note", ENTER),  # nothing to decide: no touchpoint menu (issue 25)
            ("write the pdf report now", False),
            ("what next", "quit"),
        ]
    )
    s = session(path, script)
    s.run()
    s.close()
    assert script.defaults[5] == typed[:LONG_TEXT_MAX]  # offered again, cut to what fits
    assert "That is 6,000 characters; at most 5,000 fit here. Please shorten it." in output(s)
    assert load_workshop(path).workshop.touchpoints[1].notes == typed[:LONG_TEXT_MAX]


# --- validate over many files -------------------------------------------------------------------


def test_validate_over_60_files_20_broken_lists_20_lines_and_ends_with_the_counts(
    tmp_path: Path,
) -> None:
    files = []
    for i in range(60):
        path = tmp_path / f"f{i:02}.yaml"
        broken = i % 3 == 2
        scores = "{scale: 9}" if broken else SCORED
        path.write_text(f"title: T\ntouchpoints:\n  - name: A\n    scores: {scores}\n")
        files.append(path)
    result = run("validate", *files)
    clean_exit(result, 1)
    err = result.stderr.splitlines()
    assert result.stdout == "40 files ok\n"
    assert len(err) + len(result.stdout.splitlines()) <= 21  # 20 lines, then the counts
    assert err[-1] == "Error: 20 of 60 files had problems"
    assert err[-2] == "... and 11 more files with 11 problems"
    assert err[:2] == [
        f"{files[2]}: 1 problem",
        f"  {files[2]}:4: touchpoint \"A\", field 'scores.scale': must be a whole number "
        "from 1 to 5, got 9",
    ]
    assert sum(1 for line in err if line.endswith(": 1 problem")) == 9


def test_validate_over_a_few_files_lists_each_as_before(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(f"title: T\ntouchpoints:\n  - name: A\n    scores: {SCORED}\n")
    body = "".join(f"  - name: T{i}\n    scores: {{scale: 9}}\n" for i in range(12))
    bad.write_text(f"title: T\ntouchpoints:\n{body}")
    result = run("validate", good, bad)
    clean_exit(result, 1)
    assert result.stdout == f"{good}: ok (workshop: 1 touchpoint, questionnaire default)\n"
    err = result.stderr.splitlines()
    assert err[0] == f"{bad}: 12 problems"
    assert err[-2:] == ["  ... and 2 more problems", "Error: 1 of 2 files had problems"]
    assert len(err) == 13


def test_a_report_with_every_text_at_its_limit_keeps_every_word_on_its_page(
    write: Write, tmp_path: Path
) -> None:
    """Text at the limits, in words no line can break: the report is written, and no word runs
    off a page (the cover's organisation did)."""
    import pdfplumber

    tp = (
        f"  - name: {'n' * NAME_MAX}\n    stage: {'s' * LABEL_MAX}\n"
        f"    channel: {'c' * LABEL_MAX}\n    description: {'d' * LONG_TEXT_MAX}\n"
        f"    notes: {'o' * LONG_TEXT_MAX}\n    scores: {SCORED}\n"
    )
    w = write(
        "w.yaml",
        f"title: {'t' * NAME_MAX}\norganisation: {'g' * NAME_MAX}\n"
        f"facilitator: {'f' * NAME_MAX}\ntouchpoints:\n{tp}",
    )
    out = tmp_path / "w.pdf"
    clean_exit(run("report", w, "-o", out), 0)
    with pdfplumber.open(out) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for word in page.extract_words():
                assert word["x0"] >= -0.5 and word["x1"] <= page.width + 0.5, (number, word["text"])
