"""Hostile and accidental input: one test (or a few) per numbered finding of the safety review.
Nothing lost, nothing leaked, no traceback."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from commands import SCORED, Write, clean_exit, run

from assess.cli import cli
from assess.errors import OutputError
from assess.files import reading
from assess.files.loader import load_workshop
from assess.files.storage import ChangedOnDisk, WorkshopFile, atomic_write


def workshop(write: Write, name: str = "w.yaml", *names: str, extra: str = "") -> Path:
    body = "".join(f"  - name: {json.dumps(n)}\n    scores: {SCORED}\n" for n in names or ["A"])
    return write(name, f"title: T\n{extra}touchpoints:\n{body}")


# --- 1. -o never destroys an input or a file of another kind ----------------------------------


@pytest.mark.parametrize(
    "spell",
    [
        lambda p: p,
        lambda p: p.parent / "." / p.name,
        lambda p: p.parent / "sub" / ".." / p.name,
    ],
)
def test_report_refuses_to_write_over_its_workshop(write: Write, spell: Callable) -> None:
    w = workshop(write)
    (w.parent / "sub").mkdir()
    before = w.read_bytes()
    for fmt in ("pdf", "html"):
        result = run("report", w, "-o", spell(w), "--format", fmt)
        clean_exit(result, 2)
        assert "is one of the inputs; inputs are never changed" in result.output
    assert w.read_bytes() == before


def test_report_refuses_an_output_that_is_a_symlink_to_an_input(write: Write) -> None:
    w = workshop(write)
    link = w.parent / "out.pdf"
    link.symlink_to(w)
    before = w.read_bytes()
    clean_exit(run("report", w, "-o", link), 2)
    assert w.read_bytes() == before


def test_report_refuses_to_write_over_the_compared_file(write: Write) -> None:
    w, old = workshop(write), workshop(write, "old.yaml")
    before = old.read_bytes()
    clean_exit(run("report", w, "--compare", old, "-o", old, "--format", "html"), 2)
    assert old.read_bytes() == before


def test_report_and_demo_keep_a_file_of_another_kind_unless_forced(
    write: Write, tmp_path: Path
) -> None:
    w = workshop(write)
    notes = write("notes.pdf", "my own notes, not a PDF\n")
    result = run("report", w, "-o", notes)
    clean_exit(result, 1)
    assert "notes.pdf already exists and is not a PDF file" in result.output
    assert "--force" in result.output
    assert notes.read_text() == "my own notes, not a PDF\n"
    clean_exit(run("demo", "-o", w), 2)  # a .yaml name is no report's name
    assert w.read_text().startswith("title: T")
    page = write("page.html", "my own page\n")
    clean_exit(run("report", w, "-o", page, "--force"), 0)
    assert page.read_text().startswith("<!DOCTYPE html>")


def test_report_replaces_an_earlier_report_of_the_same_kind(write: Write) -> None:
    w = workshop(write)
    out = w.with_suffix(".html")
    out.write_text("<!DOCTYPE html><p>last week</p>")
    clean_exit(run("report", w, "--format", "html"), 0)
    assert "last week" not in out.read_text()
    pdf = w.with_suffix(".pdf")
    pdf.write_bytes(b"%PDF-1.7\n% last week's report\n")
    clean_exit(run("report", w), 0)
    assert b"last week" not in pdf.read_bytes() and pdf.read_bytes().startswith(b"%PDF-")


def test_a_workshop_named_like_a_report_is_not_overwritten_by_its_default_report(
    write: Write,
) -> None:
    w = workshop(write, "ws.html")
    before = w.read_bytes()
    result = run("report", w, "--format", "html")
    clean_exit(result, 0)
    assert w.read_bytes() == before
    assert (w.parent / "ws-report.html").read_text().startswith("<!DOCTYPE html>")


# --- 2. a workshop cannot make assess read or print local files --------------------------------


SECRET = "root:x:0:0:secret-line-that-must-not-leak"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    path = outside / "passwd"
    path.write_text(SECRET + "\n")
    return path


@pytest.mark.parametrize("command", ["validate", "score"])
def test_absolute_questionnaire_path_is_refused_and_never_echoed(
    tmp_path: Path, secret: Path, command: str
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    w = folder / "w.yaml"
    w.write_text(f"title: T\nquestionnaire: {secret}\ntouchpoints: []\n")
    result = run(command, w)
    clean_exit(result, 1)
    assert "absolute path" in result.output
    assert "secret-line" not in result.output


def test_questionnaire_path_leaving_the_folder_is_refused(tmp_path: Path, secret: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    w = folder / "w.yaml"
    w.write_text("title: T\nquestionnaire: ../outside/passwd\ntouchpoints: []\n")
    result = run("score", w)
    clean_exit(result, 1)
    assert "leads outside the workshop's folder" in result.output
    (folder / "q.yaml").symlink_to(secret)
    w.write_text("title: T\nquestionnaire: q.yaml\ntouchpoints: []\n")
    result = run("validate", w)
    clean_exit(result, 1)
    assert "leads outside the workshop's folder" in result.output
    assert "secret-line" not in result.output


def test_a_file_that_is_not_a_questionnaire_is_named_not_printed(
    write: Write, tmp_path: Path
) -> None:
    write("q.yaml", SECRET + "\n")
    write("q2.yaml", f"password: {SECRET}\n")
    for q in ("q.yaml", "q2.yaml"):
        w = write("w.yaml", f"title: T\nquestionnaire: {q}\ntouchpoints: []\n")
        result = run("score", w)
        clean_exit(result, 1)
        assert q in result.output
        assert "secret-line" not in result.output


def test_a_questionnaire_given_on_the_command_line_may_be_anywhere(
    tmp_path: Path, write: Write
) -> None:
    from assess.files import resources

    elsewhere = tmp_path / "shared"
    elsewhere.mkdir()
    q = elsewhere / "mine.yaml"
    q.write_text(
        resources.bundled_questionnaires()["default"]
        .read_text(encoding="utf-8")
        .replace("name: default", "name: mine"),
        encoding="utf-8",
    )
    w = workshop(write, extra="questionnaire: ../shared/mine.yaml\n")
    clean_exit(run("score", w), 1)
    result = run("score", w, "--format", "json", "--questionnaire", q)
    clean_exit(result, 0)
    assert json.loads(result.output)["questionnaire"]["name"] == "mine"


# --- 3. CSV formula injection ----------------------------------------------------------------


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(write: Write) -> None:
    hostile = ['=HYPERLINK("http://x","click")', "+cmd", "-2+3", "@SUM(A1)"]
    body = "".join(
        f"  - name: {json.dumps(n)}\n    stage: {json.dumps(n)}\n    scores: {SCORED}\n"
        for n in hostile
    )
    w = write("w.yaml", f"title: T\ntouchpoints:\n{body}")
    result = run("score", w, "--format", "csv")
    clean_exit(result, 0)
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["name"] for r in rows] == ["'" + n for n in hostile]
    assert [r["stage"] for r in rows] == ["'" + n for n in hostile]
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert rows[0]["fit"] == "100"  # numbers stay numbers
    assert rows[0]["complexity"] == "1"


def test_for_csv_covers_owasps_list_and_leaves_numbers_alone() -> None:
    from assess.textsafety import for_csv

    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert for_csv(f"{start}x") == f"'{start}x"
    assert for_csv("plain") == "plain"
    assert for_csv(-3) == -3
    assert for_csv(100) == 100


# --- 4. identity is the same everywhere --------------------------------------------------------


def test_names_that_differ_only_in_case_or_spaces_are_duplicates(write: Write) -> None:
    w = workshop(write, "w.yaml", "Refund", " refund ")
    result = run("validate", w)
    clean_exit(result, 1)
    assert "duplicate touchpoint: same name as touchpoint #1 (ignoring case and spaces)" in (
        result.output
    )


def test_merge_and_compare_keep_every_touchpoint(write: Write, tmp_path: Path) -> None:
    ana = workshop(write, "ana.yaml", "Refund", "Delivery")
    ben = workshop(write, "ben.yaml", "REFUND", "Returns")
    out = tmp_path / "team.yaml"
    clean_exit(run("merge", ana, ben, "-o", out), 0)
    names = [tp.name for tp in load_workshop(out).workshop.touchpoints]
    assert names == ["Refund", "Delivery", "Returns"]
    result = run("compare", ana, ben, "--format", "json")
    clean_exit(result, 0)
    data = json.loads(result.output)
    assert [a["name"] for a in data["added"]] == ["Returns"]
    assert [r["name"] for r in data["removed"]] == ["Delivery"]
    assert data["unchanged"] == 1


# --- 5. two writers ---------------------------------------------------------------------------


def test_a_second_session_on_one_file_is_refused(write: Write) -> None:
    w = workshop(write)
    first, second = WorkshopFile(w), WorkshopFile(w)
    first.lock()
    try:
        with pytest.raises(OutputError, match="is open in another assess run"):
            second.lock()
    finally:
        first.unlock()
    second.lock()  # free again once the first is closed
    second.unlock()
    assert not (w.parent / ".w.yaml.lock").exists()


def test_a_change_made_elsewhere_is_never_overwritten(write: Write) -> None:
    from assess.files.yamlio import load_round_trip

    w = workshop(write)
    session = WorkshopFile(w)
    session.remember()
    doc = load_round_trip(w.read_text(), str(w))
    w.write_text(w.read_text().replace("title: T", "title: Edited by hand"))
    doc["title"] = "From the session"
    with pytest.raises(ChangedOnDisk):
        session.save(doc)
    assert "Edited by hand" in w.read_text()


def test_exclusive_write_refuses_a_file_that_appeared_meanwhile(tmp_path: Path) -> None:
    target = tmp_path / "team.yaml"
    atomic_write(target, "first", exclusive=True)
    with pytest.raises(OutputError, match="already exists"):
        atomic_write(target, "second", exclusive=True)
    assert target.read_text() == "first"


# --- 6. user text is never markup --------------------------------------------------------------


def test_names_with_brackets_are_shown_as_written(write: Write) -> None:
    w = workshop(write, "w.yaml", "Order [/b]", "[draft] plan", "Smile :smile:")
    result = CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["score", str(w)])
    clean_exit(result, 0)
    for name in ("Order [/b]", "[draft] plan", "Smile :smile:"):
        assert name in result.output


# --- 7. odd YAML values ------------------------------------------------------------------------


def test_an_impossible_date_is_just_text(write: Write) -> None:
    w = workshop(write, extra="date: 2026-02-31\n")
    clean_exit(run("score", w), 0)
    assert load_workshop(w).workshop.date == "2026-02-31"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: T\ntouchpoints:\n  - name: A\n    scores: {complexity: !!int abc}\n",
            ":4: 'abc' is not a whole number",
        ),
        (
            "title: T\ntouchpoints:\n  - name: A\n    scores: {complexity: 1" + "0" * 5000 + "}\n",
            ":4: '1000000",
        ),
        (
            "title: T\ntouchpoints:\n  - name: A\n    scores: {complexity: 99999999999999999999}\n",
            "must be a whole number from 1 to 5",
        ),
        (
            "title: T\ntouchpoints:\n  - name: A\n    scores: {scale: abc}\n",
            "field 'scores.scale': must be a whole number from 1 to 5, got 'abc'",
        ),
        ("title: " + "[" * 250 + "]" * 250 + "\n", "nested more than"),
        ("title: T\nx: !!python/object/apply:os.system [ls]\n", "is not allowed here"),
        ("title: T\ntouchpoints: !!binary aGVsbG8=\n", "is not allowed here"),
    ],
)
def test_odd_yaml_gives_one_clear_line(write: Write, text: str, expected: str) -> None:
    w = write("w.yaml", text)
    for command in ("validate", "score"):
        result = run(command, w)
        clean_exit(result, 1)
        assert expected in result.output
        assert "Input should be" not in result.output


@pytest.mark.parametrize("weight", ["!!float nan", ".inf", "-.inf", ".nan", "1e400", "abc"])
def test_a_weight_that_is_not_a_finite_number_is_refused(
    tmp_path: Path, weight: str, write: Write
) -> None:
    from assess.files import resources

    text = resources.bundled_questionnaires()["default"].read_text(encoding="utf-8")
    q = write("q.yaml", text.replace("weight: 3", f"weight: {weight}", 1))
    w = workshop(write, extra="questionnaire: q.yaml\n")
    for args in (("validate", q), ("score", w)):
        result = run(*args)
        clean_exit(result, 1)
        assert "field 'weight'" in result.output


def test_a_file_name_too_long_for_the_system_is_a_clear_error(tmp_path: Path) -> None:
    name = tmp_path / ("x" * 300 + ".yaml")
    for args in (("score", name), ("validate", name), ("report", name), ("run", name)):
        result = run(*args)
        assert result.exit_code in (1, 2), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_an_ascii_terminal_gets_escapes_not_a_crash(write: Write) -> None:
    w = workshop(write, "w.yaml", "Café ● 東京")
    done = subprocess.run(
        [sys.executable, "-m", "assess", "score", str(w)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii", "COLUMNS": "120"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "Caf" in done.stdout


# --- 8. CSV from the wild ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("name,stage,name\nA,B,C\n", "column 'name' appears 2 times (columns 1, 3)"),
        ('name,stage\n"A,B\nC,D\n', 'row 2: cannot be read: a quote (") in a cell is not closed'),
    ],
)
def test_broken_csv_is_a_clear_error(tmp_path: Path, content: str, expected: str) -> None:
    src = tmp_path / "t.csv"
    src.write_bytes(content.encode())
    out = tmp_path / "w.yaml"
    result = run("import", src, "-o", out)
    clean_exit(result, 1)
    assert expected in result.output
    assert not out.exists()


def test_csv_with_apostrophes_and_bare_carriage_returns_imports_correctly(tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    src.write_bytes(
        b"id,name,stage,complexity\r007,Customer's order,Buy,2\r008,Don't know,Pay,\r"
        b'009,Say "hi",Pay,\r'
    )
    out = tmp_path / "w.yaml"
    clean_exit(run("import", src, "-o", out), 0)
    tps = load_workshop(out).workshop.touchpoints
    assert [(t.id, t.name, t.stage) for t in tps] == [
        ("007", "Customer's order", "Buy"),
        ("008", "Don't know", "Pay"),
        ("009", 'Say "hi"', "Pay"),
    ]
    assert tps[0].scores == {"complexity": 2}


# --- 9. size ---------------------------------------------------------------------------------


def test_alias_expansion_is_refused(write: Write) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    w = write("w.yaml", "title: T\n" + "\n".join(lines) + "\ntouchpoints: []\n")
    result = run("report", w, "--format", "html")
    clean_exit(result, 1)
    assert "aliases expand" in result.output
    assert not w.with_suffix(".html").exists()


def test_a_file_over_the_size_limit_is_refused(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100)
    w = workshop(write, "w.yaml", *[f"Touchpoint {i}" for i in range(10)])
    result = run("score", w)
    clean_exit(result, 1)
    assert "assess reads files up to" in result.output


# --- 10. terminal escapes, control characters, merge keys -----------------------------------------


def test_escape_sequences_in_names_are_shown_not_obeyed(write: Write) -> None:
    w = workshop(write, "w.yaml", "Red \x1b[31malert\x1b[0m", "Evil \u202eabc")
    result = CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["score", str(w)])
    clean_exit(result, 0)
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "Red \\x1b[31malert" in result.output
    assert "Evil \\u202eabc" in result.output
    bad = write("bad.yaml", 'title: T\ntouchpoints:\n  - name: "x\\e[2J"\n    scores: {scale: 9}\n')
    result = run("score", bad)
    clean_exit(result, 1)
    assert "\x1b" not in result.output


def test_control_characters_in_a_csv_are_removed_with_a_note(tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    src.write_bytes(b"name,notes\nRe\x07fund,a\x1b[2Jb\n")
    out = tmp_path / "w.yaml"
    result = run("import", src, "-o", out)
    clean_exit(result, 0)
    assert "control characters" in result.output and "row 2, column 'name'" in result.output
    tp = load_workshop(out).workshop.touchpoints[0]
    assert (tp.name, tp.notes) == ("Refund", "a[2Jb")


def test_merge_keys_cannot_spread_answers(write: Write) -> None:
    w = write(
        "w.yaml",
        f"""\
        title: T
        touchpoints:
          - &first
            name: A
            scores: {SCORED}
          - <<: *first
            name: B
        """.replace("        ", ""),
    )
    result = run("score", w)
    clean_exit(result, 1)
    assert "merge keys (<<) are not allowed" in result.output


# --- 11. leftovers, rebasing, duplicate rule ids ---------------------------------------------------


def test_a_killed_save_leaves_no_temporary_file_behind_for_long(tmp_path: Path) -> None:
    target = tmp_path / "w.yaml"
    stale = tmp_path / ".w.yaml.999999999.abc.tmp"  # a process id no system has
    stale.write_text("half")
    mine = tmp_path / f".w.yaml.{os.getpid()}.live.tmp"
    mine.write_text("being written by this process")
    atomic_write(target, "title: T\n")
    assert not stale.exists()
    assert mine.exists()


def test_merge_rebases_a_relative_questionnaire_path(tmp_path: Path) -> None:
    from assess.files import resources

    people = tmp_path / "people"
    people.mkdir()
    (people / "q.yaml").write_text(
        resources.bundled_questionnaires()["default"].read_text(encoding="utf-8")
    )
    for person in ("ana", "ben"):
        (people / f"{person}.yaml").write_text(
            f"title: T\nquestionnaire: q.yaml\ntouchpoints:\n  - name: A\n    scores: {SCORED}\n"
        )
    team = tmp_path / "team"
    team.mkdir()
    out = team / "team.yaml"
    result = run("merge", people / "ana.yaml", people / "ben.yaml", "-o", out)
    clean_exit(result, 0)
    assert load_workshop(out, people / "q.yaml").workshop.questionnaire == "../people/q.yaml"
    assert "give it to later commands with --questionnaire" in result.output


def test_duplicate_rule_ids_are_refused(write: Write) -> None:
    from assess.files import resources

    text = resources.bundled_questionnaires()["default"].read_text(encoding="utf-8")
    q = write(
        "q.yaml",
        text.replace("id: no-screen-between-people", "id: high-stakes-keep-a-person-involved"),
    )
    result = run("validate", q)
    clean_exit(result, 1)
    assert "rule \"high-stakes-keep-a-person-involved\", field 'id': duplicate id" in result.output


# --- 12. one error boundary ------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_inside_the_error_boundary(
    name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from assess.errors import InputError, Problem

    command = cli.commands[name]

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    def bad_input(*args: object, **kwargs: object) -> None:
        raise InputError([Problem("f.yaml", "something is wrong", line=3)])

    args = {
        "score": ["x"],
        "report": ["x"],
        "validate": ["x"],
        "merge": ["a", "b", "-o", "c"],
        "import": ["x", "-o", "y"],
        "compare": ["a", "b"],
        "portfolio": ["a", "b"],
        "run": ["x"],
        "init": ["new.yaml"],
        "handout": ["x", "-o", "d"],
        "outcome": ["x"],
    }.get(name, [])
    monkeypatch.chdir(tmp_path)
    for f in ("x", "a", "b"):
        Path(f).write_text("title: T\n")
    monkeypatch.setattr(command, "callback", interrupted)
    result = CliRunner().invoke(cli, [name, *args])
    clean_exit(result, 130)
    assert "Stopped; nothing was written." in result.output
    monkeypatch.setattr(command, "callback", bad_input)
    result = CliRunner().invoke(cli, [name, *args])
    clean_exit(result, 1)
    assert "Error: f.yaml:3: something is wrong" in result.output


# --- 13. the wider sweep -----------------------------------------------------------------------------


def test_a_named_pipe_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "w.yaml"
    os.mkfifo(fifo)
    for args in (["score", str(fifo)], ["import", str(fifo), "-o", str(tmp_path / "o.yaml")]):
        done = subprocess.run(
            [sys.executable, "-m", "assess", *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 1, done.stderr
        assert "is not a regular" in done.stderr


def test_columns_zero_still_prints_the_table(write: Write) -> None:
    w = workshop(write, "w.yaml", "Where is my order")
    result = CliRunner(env={"COLUMNS": "0"}).invoke(cli, ["score", str(w)])
    clean_exit(result, 0)
    assert "Where is my order" in result.output


def test_a_thousand_problems_fit_on_one_screen(write: Write) -> None:
    body = "".join(f"  - name: T{i}\n    scores: {{scale: 9}}\n" for i in range(1000))
    w = write("w.yaml", f"title: T\ntouchpoints:\n{body}")
    for command in ("score", "validate"):
        result = run(command, w)
        clean_exit(result, 1)
        assert "... and 990 more problems" in result.output
        assert len(result.output.splitlines()) <= 15


def test_a_name_is_the_text_the_user_typed(write: Write) -> None:
    w = write(
        "w.yaml",
        f"title: 2024\ntouchpoints:\n  - name: 1e3\n    id: 007\n    scores: {SCORED}\n"
        f"  - name: 0x1F\n    stage: 1_000\n    scores: {SCORED}\n",
    )
    result = run("score", w, "--format", "json")
    clean_exit(result, 0)
    data = json.loads(result.output)
    assert data["title"] == "2024"
    assert [(t["name"], t["id"]) for t in data["touchpoints"]] == [("1e3", "007"), ("0x1F", "0x1f")]
    assert data["touchpoints"][1]["stage"] == "1_000"


def test_a_line_break_inside_a_name_survives_merge(write: Write, tmp_path: Path) -> None:
    names = ["Two\r\nlines", "Tab\there", " Spaced  inside "]
    ana = write(
        "ana.yaml",
        "title: T\ntouchpoints:\n"
        + "".join(f"  - name: {json.dumps(n)}\n    scores: {SCORED}\n" for n in names),
    )
    ben = write("ben.yaml", f"title: T\ntouchpoints:\n  - name: Other\n    scores: {SCORED}\n")
    out = tmp_path / "team.yaml"
    clean_exit(run("merge", ana, ben, "-o", out), 0)
    merged = [t.name for t in load_workshop(out).workshop.touchpoints]
    assert merged == [n.strip() for n in names] + ["Other"]


def test_bad_input_leaves_no_file_behind(write: Write, tmp_path: Path) -> None:
    bad = write("bad.yaml", "title: T\ntouchpoints:\n  - name: A\n    scores: {scale: 9}\n")
    before = sorted(p.name for p in tmp_path.iterdir())
    for args in (
        ("report", bad),
        ("report", bad, "--format", "html"),
        ("merge", bad, bad, "-o", tmp_path / "m.yaml"),
    ):
        assert run(*args).exit_code in (1, 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_merge_takes_a_questionnaire_from_the_command_line(tmp_path: Path) -> None:
    from assess.files import resources

    shared = tmp_path / "shared"
    shared.mkdir()
    q = shared / "q.yaml"
    q.write_text(resources.bundled_questionnaires()["default"].read_text(encoding="utf-8"))
    room = tmp_path / "room"
    room.mkdir()
    for person in ("ana", "ben"):
        (room / f"{person}.yaml").write_text(
            "title: T\nquestionnaire: ../shared/q.yaml\ntouchpoints:\n"
            f"  - name: A\n    scores: {SCORED}\n"
        )
    out = room / "team.yaml"
    clean_exit(run("merge", room / "ana.yaml", room / "ben.yaml", "-o", out), 1)
    assert not out.exists()
    clean_exit(
        run("merge", room / "ana.yaml", room / "ben.yaml", "-o", out, "--questionnaire", q), 0
    )
    assert set(load_workshop(out, q).workshop.touchpoints[0].votes) == {"ana", "ben"}
