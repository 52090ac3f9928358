"""The last hostile and accidental cases (issue 21), each through the real command: a NUL byte in
a path a workshop names, a score of thousands of digits, text longer than any field needs, a file
that is not a spreadsheet at all, standard output on a full disk, a Latin-1 locale. Nothing
lost, nothing leaked, no traceback."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from scripted import ENTER, Script, output, session

from assess.cli import cli
from assess.files.loader import load_workshop
from assess.models import LABEL_MAX, LONG_TEXT_MAX, NAME_MAX

Write = Callable[[str, str], Path]
SCORED = "{complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}"
NAME = "Café 東京"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def clean_exit(result: Result, code: int) -> None:
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


def assess_process(
    *args: str | Path, env: dict[str, str] | None = None, stdout: int | object = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    """The real program in its own process, for what only a real stream shows."""
    return subprocess.run(
        [sys.executable, "-m", "assess", *(str(a) for a in args)],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        env=env or os.environ.copy(),
        timeout=120,
        check=False,
    )


# --- a NUL byte in a path that a workshop names --------------------------------------------------


NUL_MESSAGE = "'a\\x00b.yaml' cannot be a file name: it holds a NUL character"


@pytest.mark.parametrize("command", ["score", "validate", "report", "compare"])
def test_a_nul_byte_in_the_questionnaire_path_is_one_clear_line(
    write: Write, tmp_path: Path, command: str
) -> None:
    w = write("w.yaml", 'title: T\nquestionnaire: "a\\0b.yaml"\ntouchpoints: []\n')
    before = sorted(tmp_path.iterdir())
    args = {"compare": [w, w], "report": [w, "--format", "html"]}.get(command, [w])
    result = run(command, *args)
    clean_exit(result, 1)
    assert f"{w}:2: field 'questionnaire': {NUL_MESSAGE}" in result.output
    assert "\x00" not in result.output
    assert sorted(tmp_path.iterdir()) == before  # no report written


@pytest.mark.parametrize("command", ["validate", "report"])
def test_a_nul_byte_in_the_brand_path_is_one_clear_line(
    write: Write, tmp_path: Path, command: str
) -> None:
    w = write("w.yaml", 'title: T\nbrand: "a\\0b.yaml"\ntouchpoints:\n  - name: A\n')
    before = sorted(tmp_path.iterdir())
    result = run(command, w, *(["--format", "html"] if command == "report" else []))
    clean_exit(result, 1)
    assert f"{w}:2: field 'brand': {NUL_MESSAGE}" in result.output
    assert sorted(tmp_path.iterdir()) == before


def test_score_and_compare_do_not_read_the_brand(write: Write) -> None:
    w = write("w.yaml", 'title: T\nbrand: "a\\0b.yaml"\ntouchpoints:\n  - name: A\n')
    clean_exit(run("score", w), 0)
    clean_exit(run("compare", w, w), 0)


def test_a_nul_byte_in_a_brand_files_logo_is_one_clear_line(write: Write) -> None:
    w = write("w.yaml", f"title: T\ntouchpoints:\n  - name: A\n    scores: {SCORED}\n")
    b = write("b.yaml", 'name: Firm\nlogo: "a\\0b.png"\n')
    result = run("report", w, "--brand", b, "--format", "html")
    clean_exit(result, 1)
    assert result.output == "Error: 'a\\x00b.png' cannot be a file name: it holds a NUL character\n"
    assert not w.with_suffix(".html").exists()


# --- CSV import: a score of 5,000 digits, a file that is not a touchpoint CSV ---------------------


def test_a_score_cell_of_5000_digits_is_refused_not_converted(tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    src.write_text(f"name,complexity\nA,{'1' * 5000}\n", encoding="utf-8")
    out = tmp_path / "w.yaml"
    result = run("import", src, "-o", out)
    clean_exit(result, 1)
    assert result.output == (
        f"Error: {src}: row 2, column 'complexity': must be a whole number from 1 to 5, "
        f"got '{'1' * 39}…'\n"
    )
    assert not out.exists()


def test_a_score_written_with_a_plus_still_imports(tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    src.write_text("name,complexity,scale\nA,+3,05\n", encoding="utf-8")
    result = run("import", src, "-o", tmp_path / "w.yaml")
    clean_exit(result, 1)  # 05 is not how a spreadsheet writes 5
    assert "row 2, column 'scale': must be a whole number from 1 to 5, got '05'" in result.output
    src.write_text("name,complexity\nA,+3\n", encoding="utf-8")
    clean_exit(run("import", src, "-o", tmp_path / "w.yaml"), 0)
    assert load_workshop(tmp_path / "w.yaml").workshop.touchpoints[0].scores == {"complexity": 3}


NOT_A_CSV = (
    "does not look like a touchpoint CSV: its first row names none of the columns; it needs "
    "a header row with 'name' (and any of id, stage, channel, description, notes, complexity, "
    "scale, emotional_stakes, tech_barrier)"
)


@pytest.mark.skipif(not Path("/etc/passwd").is_file(), reason="no /etc/passwd on this system")
def test_importing_a_link_to_etc_passwd_says_what_is_needed_and_echoes_nothing(
    tmp_path: Path,
) -> None:
    link = tmp_path / "touchpoints.csv"
    link.symlink_to("/etc/passwd")
    out = tmp_path / "w.yaml"
    result = run("import", link, "-o", out)
    clean_exit(result, 1)
    assert result.output == f"Error: {link}: {NOT_A_CSV}\n"
    first_line = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
    assert first_line.split(":")[0] not in result.output.replace(str(link), "")
    assert not out.exists()


def test_a_header_with_a_typo_still_gets_its_hint(tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    src.write_text("nmae,secret-column\nA,x\n", encoding="utf-8")
    result = run("import", src, "-o", tmp_path / "w.yaml")
    clean_exit(result, 1)
    assert "row 1: unknown column 'nmae'; did you mean 'name'?" in result.output


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
            ("note", ENTER),
            ("change an answer", ENTER),
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


# --- standard output on a full disk ----------------------------------------------------------


def _full_disk_cases() -> list[list[str]]:
    cases = [["--help"], ["--version"]]
    cases += [[name, "--help"] for name in sorted(cli.commands)]
    cases += [
        ["score", "W"],
        ["score", "W", "--format", "json"],
        ["score", "W", "--format", "csv"],
        ["validate", "W"],
        ["compare", "W", "W"],
        ["compare", "W", "W", "--format", "json"],
        ["journeys"],
    ]
    return cases


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", _full_disk_cases(), ids=" ".join)
def test_standard_output_on_a_full_disk_is_one_clear_line(write: Write, args: list[str]) -> None:
    w = write("w.yaml", f"title: T\ntouchpoints:\n  - name: {NAME}\n    scores: {SCORED}\n")
    with open("/dev/full", "wb") as full:
        done = assess_process(*(str(w) if a == "W" else a for a in args), stdout=full)
    assert done.returncode == 1
    assert done.stderr.decode() == "Error: No space left on device\n"


def test_a_closed_pipe_is_not_an_error_message(write: Write) -> None:
    body = "".join(f"  - name: T{i}\n    scores: {SCORED}\n" for i in range(3000))
    w = write("w.yaml", f"title: T\ntouchpoints:\n{body}")
    reader = subprocess.Popen(["head", "-c", "1"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    assert reader.stdin is not None
    done = assess_process("score", w, "--format", "csv", stdout=reader.stdin)
    reader.stdin.close()
    reader.wait()
    assert done.returncode in (0, 1)
    assert done.stderr == b""  # `| head` is not an error: nothing to say


# --- JSON and CSV are UTF-8 whatever the locale ---------------------------------------------------


LATIN1_LOCALE = "en_US.ISO-8859-1"


def _environment(kind: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIO", "LANG"))}
    env["PYTHONUTF8"] = "0"
    if kind == "locale":
        env["LC_ALL"] = LATIN1_LOCALE
    else:  # the same stream encoding, set without the locale
        env["PYTHONIOENCODING"] = "latin-1"
    return env


@pytest.mark.parametrize("kind", ["locale", "PYTHONIOENCODING"])
@pytest.mark.parametrize(
    "args",
    [["score", "--format", "json"], ["score", "--format", "csv"], ["compare", "--format", "json"]],
    ids=" ".join,
)
def test_json_and_csv_are_utf8_under_a_latin1_terminal(
    write: Write, kind: str, args: list[str]
) -> None:
    env = _environment(kind)
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; print(sys.stdout.encoding)"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    if codecs.lookup(probe.stdout.strip()).name != codecs.lookup("latin-1").name:
        pytest.skip(f"the {LATIN1_LOCALE} locale is not generated here (.ci/run generates it)")
    w = write("w.yaml", f"title: T\ntouchpoints:\n  - name: {NAME}\n    scores: {SCORED}\n")
    old = write("old.yaml", f"title: T\ntouchpoints:\n  - name: Other\n    scores: {SCORED}\n")
    command, *rest = args
    files = [old, w] if command == "compare" else [w]
    done = assess_process(command, *files, *rest, env=env)
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")  # raises if it is not UTF-8
    assert NAME in text
    if command == "compare":
        assert [t["name"] for t in json.loads(text)["added"]] == [NAME]
    elif "json" in args:
        assert json.loads(text)["touchpoints"][0]["name"] == NAME


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
