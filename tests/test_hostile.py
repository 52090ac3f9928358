"""The last hostile and accidental cases (issue 21), each through the real command: a NUL byte in
a path a workshop names, a score of thousands of digits, a file that is not a spreadsheet at
all, standard output on a full disk, a Latin-1 locale, text YAML reads as a line break. Nothing
lost, nothing leaked, no traceback. (Limits on text: test_limits.py.)"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from commands import SCORED, Write, clean_exit, run

from assess.cli import cli
from assess.files.loader import load_workshop

NAME = "Café 東京"


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


@pytest.mark.parametrize("command", ["score", "validate"])
def test_a_path_too_long_for_the_system_is_one_clear_line_quoted_clipped(
    write: Write, command: str
) -> None:
    w = write("w.yaml", f"title: T\nquestionnaire: {'q' * 300}\ntouchpoints: []\n")
    result = run(command, w)
    clean_exit(result, 1)
    assert (
        f"{w}:2: field 'questionnaire': '{'q' * 39}…' cannot be a file name: it is too long"
    ) in result.output
    assert "q" * 41 not in result.output


def test_a_questionnaire_path_over_its_limit_is_said_once(write: Write) -> None:
    w = write("w.yaml", f"title: T\nquestionnaire: {'q' * 5000}\ntouchpoints: []\n")
    result = run("validate", w)
    clean_exit(result, 1)
    assert result.output == (
        f"{w}: 1 problem\n"
        f"  {w}:2: field 'questionnaire': is 5,000 characters long; the limit is 1,000\n"
        "Error: 1 of 1 file had problems\n"
    )


# --- CSV import: a score of 5,000 digits, a file that is not a touchpoint CSV ---------------------


def test_a_score_cell_of_5000_digits_is_refused_not_converted(tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    src.write_text(f"name,complexity\nA,{'1' * 5000}\n", encoding="utf-8")
    out = tmp_path / "w.yaml"
    result = run("import", src, "-o", out)
    clean_exit(result, 1)
    assert result.output == (
        f"Error: {src}: row 2, column 'complexity': must be one of '1 - Scripted', "
        "'2 - Routine', '3 - Some judgement', '4 - Expert judgement', '5 - Novel' (or the "
        f"number 1 to 5), got '{'1' * 39}…'\n"
    )
    assert not out.exists()


def test_a_score_written_with_a_plus_still_imports(tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    src.write_text("name,complexity,scale\nA,+3,05\n", encoding="utf-8")
    result = run("import", src, "-o", tmp_path / "w.yaml")
    clean_exit(result, 1)  # 05 is not how a spreadsheet writes 5
    assert "row 2, column 'scale': must be one of '1 - A handful a month'" in result.output
    assert "(or the number 1 to 5), got '05'" in result.output
    src.write_text("name,complexity\nA,+3\n", encoding="utf-8")
    clean_exit(run("import", src, "-o", tmp_path / "w.yaml"), 0)
    assert load_workshop(tmp_path / "w.yaml").workshop.touchpoints[0].scores == {"complexity": 3}


NOT_A_CSV = (
    "does not look like a spreadsheet of touchpoints: its first row names none of the columns; it needs "
    "a header row with 'name' (and any of id, stage, channel, description, notes, volume, "
    "handle_minutes, staffed_share, share_low, share_expected, share_high, share_basis, "
    "build_cost, run_cost_per_year, evidence, owner, after, kpi_name, kpi_unit, kpi_baseline, "
    "kpi_target, complexity, scale, emotional_stakes, tech_barrier, "
    "consequence, legal_duty, human_fallback, complaint, vulnerability, effort)"
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
    assert "row 1, column 'nmae': unknown column; did you mean 'name'?" in result.output


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
        ["portfolio", "W", "OLD", "--format", "json"],
        ["journeys"],
    ]
    return cases


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", _full_disk_cases(), ids=" ".join)
def test_standard_output_on_a_full_disk_is_one_clear_line(write: Write, args: list[str]) -> None:
    w = write("w.yaml", f"title: T\ntouchpoints:\n  - name: {NAME}\n    scores: {SCORED}\n")
    old = write("old.yaml", f"title: U\ntouchpoints:\n  - name: A\n    scores: {SCORED}\n")
    files = {"W": str(w), "OLD": str(old)}
    with open("/dev/full", "wb") as full:
        done = assess_process(*(files.get(a, a) for a in args), stdout=full)
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
    [
        ["score", "--format", "json"],
        ["score", "--format", "csv"],
        ["compare", "--format", "json"],
        ["portfolio", "--format", "json"],
        ["portfolio", "--format", "csv"],
    ],
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
    w = write("w.yaml", f"title: Tést\ntouchpoints:\n  - name: {NAME}\n    scores: {SCORED}\n")
    old = write("old.yaml", f"title: T\ntouchpoints:\n  - name: Other\n    scores: {SCORED}\n")
    command, *rest = args
    files = [old, w] if command in ("compare", "portfolio") else [w]
    done = assess_process(command, *files, *rest, env=env)
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")  # raises if it is not UTF-8
    assert ("Tést" if command == "portfolio" else NAME) in text
    if command == "compare":
        assert [t["name"] for t in json.loads(text)["added"]] == [NAME]
    elif command == "score" and "json" in args:
        assert json.loads(text)["touchpoints"][0]["name"] == NAME


# --- text YAML reads as a line break ------------------------------------------------------------


def test_merge_keeps_line_separators_in_names_and_voters(write: Write, tmp_path: Path) -> None:
    """NEL and the Unicode line and paragraph separators are written escaped: written raw,
    YAML folds them to a space and the merged file would say something else."""
    names = ["Order\x85status", "Line\u2028separated", "Para\u2029graph"]
    body = "".join(f"  - name: {json.dumps(n)}\n    scores: {SCORED}\n" for n in names)
    ana = write("ana.yaml", f"title: T\ntouchpoints:\n{body}")
    voter = json.dumps("Ana\x85Lee")
    ben = write(
        "ben.yaml",
        f"title: T\ntouchpoints:\n  - name: Other\n    votes: {{{voter}: {{complexity: 2}}}}\n",
    )
    out = tmp_path / "team.yaml"
    clean_exit(run("merge", ana, ben, "-o", out), 0)
    merged = load_workshop(out).workshop.touchpoints
    assert [t.name for t in merged] == [*names, "Other"]
    assert merged[3].votes["Ana\x85Lee"] == {"complexity": 2}


def test_merge_keeps_two_touchpoints_of_one_file_that_share_a_name(
    write: Write, tmp_path: Path
) -> None:
    """Found by the 5,000-example run: the second "Refund", told apart by its id, was folded
    into the first, and its answers were lost."""
    ana = write(
        "ana.yaml",
        f"title: T\ntouchpoints:\n  - name: Refund\n    scores: {SCORED}\n"
        "  - name: Refund\n    id: refund-by-post\n    scores: {complexity: 5}\n",
    )
    ben = write("ben.yaml", f"title: T\ntouchpoints:\n  - name: refund\n    scores: {SCORED}\n")
    out = tmp_path / "team.yaml"
    clean_exit(run("merge", ana, ben, "-o", out), 0)
    merged = load_workshop(out).workshop.touchpoints
    assert [(t.id, t.name) for t in merged] == [(None, "Refund"), ("refund-by-post", "Refund")]
    assert set(merged[0].votes) == {"ana", "ben"}
    assert merged[1].votes == {"ana": {"complexity": 5}}
