"""Generated hostile input for every command (Hypothesis). Whatever the input, a command ends
with exit code 0, 1 or 2, never a traceback; it creates or changes no file but its named
output; and what it writes reads back identical."""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from assess.cli import cli
from assess.errors import Problem
from assess.files.loader import identity, load_workshop
from assess.models import TOUCHPOINT_TEXT_MAX
from assess.textsafety import without_controls
from assess.views.listing import LISTING_MAX, Checked, listing

DIMENSIONS = ("complexity", "scale", "emotional_stakes", "tech_barrier")

#: Strings that have broken parsers, spreadsheets and terminals before.
NASTY = [
    "",
    " ",
    "null",
    "~",
    "true",
    "yes",
    "on",
    "1e3",
    "007",
    "0x1F",
    ".inf",
    ".nan",
    "2026-02-31",
    "<<",
    "- a",
    "a: b",
    "#x",
    "&a",
    "*a",
    "!!int abc",
    "'",
    '"',
    "[/b]",
    "[draft]",
    ":smile:",
    '=HYPERLINK("http://x","y")',
    "+cmd",
    "@SUM(A1)",
    "\x1b[31mred\x1b[0m",
    "\u202eevil",
    "a\r\nb",
    "tab\there",
    "\ufeffbom",
    "東京",
    "👩‍⚕️",
    "x" * 300,
    "lorem " * 900,  # over every text field's limit
]
hostile_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(
        alphabet=st.characters(
            codec="utf-8", exclude_categories=("Cs",), include_characters="\x00\x07\x1b\x85\u2028"
        ),
        max_size=40,
    ),
)
#: Paths a workshop may name that lead nowhere good: out of its folder, or impossible.
PATHS = ["../x.yaml", "/etc/passwd", "a\x00b.yaml", "b.yaml", "x" * 5000]
score = st.one_of(st.integers(1, 5), st.integers(-3, 9), st.none(), hostile_text)


@st.composite
def room_record(draw: st.DrawFn) -> dict[str, Any]:
    """What the room records on a touchpoint (issue 25), hostile: settled splits with their
    reasons, actions, parked questions and the minutes spent."""
    found: dict[str, Any] = {}
    decision = st.one_of(score, st.fixed_dictionaries({"value": score, "reason": hostile_text}))
    if draw(st.booleans()):
        found["settled"] = {d: draw(decision) for d in DIMENSIONS[1:3] if draw(st.booleans())}
    if draw(st.booleans()):
        action = st.fixed_dictionaries(
            {"text": hostile_text, "owner": hostile_text},
            optional={"due": st.one_of(hostile_text, st.dates())},
        )
        found["actions"] = draw(st.lists(action, max_size=2))
    if draw(st.booleans()):
        found["parked"] = draw(st.lists(hostile_text, max_size=2))
    if draw(st.booleans()):
        found["minutes_used"] = draw(st.one_of(st.floats(), hostile_text))
    return found


@st.composite
def workshops(draw: st.DrawFn) -> dict[str, Any]:
    touchpoints = []
    for _ in range(draw(st.integers(0, 5))):
        tp: dict[str, Any] = {"name": draw(hostile_text)}
        for field in ("id", "stage", "channel", "description", "notes"):
            if draw(st.booleans()):
                tp[field] = draw(hostile_text)
        if draw(st.booleans()):
            tp["scores"] = {d: draw(score) for d in DIMENSIONS if draw(st.booleans())}
        if draw(st.booleans()):
            tp["votes"] = {draw(hostile_text): {d: draw(score) for d in DIMENSIONS[:2]}}
        tp.update(draw(room_record()))
        touchpoints.append(tp)
    doc: dict[str, Any] = {"title": draw(hostile_text), "touchpoints": touchpoints}
    optional = {
        "timebox": st.one_of(hostile_text, st.integers(-5, 10**7), st.just("1h30")),
        "phone_voters": st.one_of(hostile_text, st.lists(hostile_text, max_size=3)),
        "date": hostile_text,
        "questionnaire": st.sampled_from([*PATHS, "default", "q"]),
        "brand": st.sampled_from(PATHS),
    }
    for key, values in optional.items():
        if draw(st.booleans()):
            doc[key] = draw(values)
    return doc


@st.composite
def valid_workshops(draw: st.DrawFn) -> dict[str, Any]:
    """Workshops that load, with hostile text in every text field: names made unique by a
    number, scores from 1 to 5, every person's votes too."""
    touchpoints = []
    for i in range(draw(st.integers(1, 5))):
        tp: dict[str, Any] = {"name": f"{draw(hostile_text)[:150]} {i}"}
        for field in ("stage", "channel", "description", "notes"):
            if draw(st.booleans()):
                tp[field] = draw(hostile_text.filter(str.strip))[: TOUCHPOINT_TEXT_MAX[field]]
        tp["scores"] = {d: draw(st.integers(1, 5)) for d in DIMENSIONS if draw(st.booleans())}
        if draw(st.booleans()):
            tp["votes"] = {
                f"{draw(hostile_text)[:150]} {n}": {d: draw(st.integers(1, 5)) for d in DIMENSIONS}
                for n in range(draw(st.integers(1, 3)))
            }
        touchpoints.append(tp)
    doc = {"title": f"{draw(hostile_text)[:150]}.", "touchpoints": touchpoints}
    if draw(st.booleans()):  # kept by `assess run --phones`
        doc["phone_voters"] = [f"{draw(hostile_text)[:150]} {n}" for n in range(3)]
    return doc


def as_yaml(doc: dict[str, Any]) -> str:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


@st.composite
def broken_yaml(draw: st.DrawFn) -> str:
    """Valid YAML with something spliced in: a tag, an alias, garbage, deep nesting."""
    text = as_yaml(draw(workshops()))
    at = draw(st.integers(0, len(text)))
    splice = draw(
        st.one_of(
            hostile_text,
            st.sampled_from(
                [
                    "!!python/object:os.system ",
                    "*nope ",
                    "&a ",
                    "<<: ",
                    "{" * 40,
                    "\t",
                    "%YAML 1.1\n",
                ]
            ),
        )
    )
    return text[:at] + splice + text[at:]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@contextmanager
def folder() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="assess-fuzz-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def snapshot(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in path.iterdir() if p.is_file()}


def invoke(*args: str | Path) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code in (0, 1, 2), (args, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        repr(result.exception),
    )
    assert "Traceback" not in result.output
    return result


def assert_only_output_changed(
    before: dict[str, bytes], after: dict[str, bytes], output: str | None
) -> None:
    changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    assert changed <= ({output} if output else set()), changed


@given(st.one_of(workshops().map(as_yaml), valid_workshops().map(as_yaml), broken_yaml()))
def test_every_reading_command_holds(text: str) -> None:
    with folder() as tmp:
        w = tmp / "w.yaml"
        w.write_text(text, encoding="utf-8")
        before = snapshot(tmp)
        for args in (
            ["validate", w],
            ["score", w],
            ["score", w, "--format", "json"],
            ["score", w, "--format", "csv"],
            ["compare", w, w],
        ):
            result = invoke(*args)
            if args[-1] == "json" and result.exit_code == 0:
                json.loads(result.output)
            if args[-1] == "csv" and result.exit_code == 0:
                for row in csv.reader(io.StringIO(result.output)):
                    text = [c for c in row if not _is_number(c)]  # numbers stay numbers
                    assert not any(c.startswith(("=", "+", "-", "@")) for c in text), row
        assert_only_output_changed(before, snapshot(tmp), None)
        result = invoke("report", w, "--format", "html", "-o", tmp / "r.html")
        assert_only_output_changed(
            before, snapshot(tmp), "r.html" if result.exit_code == 0 else None
        )


@given(st.one_of(valid_workshops(), workshops()), valid_workshops())
def test_merge_writes_what_reads_back(a: dict[str, Any], b: dict[str, Any]) -> None:
    with folder() as tmp:
        (tmp / "ana.yaml").write_text(as_yaml(a), encoding="utf-8")
        (tmp / "ben.yaml").write_text(as_yaml(b), encoding="utf-8")
        before = snapshot(tmp)
        result = invoke("merge", tmp / "ana.yaml", tmp / "ben.yaml", "-o", tmp / "team.yaml")
        assert_only_output_changed(
            before, snapshot(tmp), "team.yaml" if result.exit_code == 0 else None
        )
        if result.exit_code != 0:
            return
        ana, ben = (load_workshop(tmp / n).workshop for n in ("ana.yaml", "ben.yaml"))
        merged = load_workshop(tmp / "team.yaml").workshop
        assert merged.title == ana.title
        # Every touchpoint of either file is there (none dropped), the first file's in its order
        # and spelling, each with every person's answers as votes.
        keys = {identity(tp.name) for tp in merged.touchpoints}
        assert [tp.name for tp in merged.touchpoints[: len(ana.touchpoints)]] == [
            tp.name for tp in ana.touchpoints
        ]
        assert {identity(tp.name) for tp in ben.touchpoints} <= keys
        for source in (ana, ben):
            person = source.participants[0] if len(source.participants) == 1 else None
            for tp in source.touchpoints:
                # The same touchpoint as merge sees it: identity, which Python's strip gives
                # (it also strips \x1c-\x1f, so "\x1f 0" and " 0" are one touchpoint).
                twin = next(m for m in merged.touchpoints if identity(m.name) == identity(tp.name))
                for voter, ballot in tp.votes.items():
                    assert {d: s for d, s in ballot.items() if s is not None} == twin.votes[voter]
                if person and any(s is not None for s in tp.scores.values()):
                    assert twin.votes[person] == {d: s for d, s in tp.scores.items() if s}


@given(st.lists(st.lists(hostile_text, min_size=3, max_size=3), min_size=1, max_size=6))
def test_import_writes_what_reads_back(rows: list[list[str]]) -> None:
    with folder() as tmp:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["name", "stage", "notes"])
        writer.writerows(rows)
        src = tmp / "t.csv"
        src.write_text(buffer.getvalue(), encoding="utf-8", newline="")
        before = snapshot(tmp)
        result = invoke("import", src, "-o", tmp / "w.yaml")
        assert_only_output_changed(
            before, snapshot(tmp), "w.yaml" if result.exit_code == 0 else None
        )
        if result.exit_code != 0:
            return
        got = [
            (t.name, t.stage, t.notes) for t in load_workshop(tmp / "w.yaml").workshop.touchpoints
        ]

        def cell(text: str) -> str | None:
            return without_controls(text)[0].strip() or None

        wanted = [
            (cell(name), cell(stage), cell(notes))
            for name, stage, notes in rows
            if any(c.strip() for c in (name, stage, notes))
        ]
        assert got == wanted


@given(st.dictionaries(st.sampled_from(["weight", "direction", "label", "min"]), hostile_text))
def test_a_hostile_questionnaire_is_refused_cleanly(changes: dict[str, str]) -> None:
    from assess.files import resources

    text = resources.bundled_questionnaires()["default"].read_text(encoding="utf-8")
    for key, value in changes.items():
        text = text.replace(f"    {key}: ", f"    {key}: {json.dumps(value)} #", 1)
    with folder() as tmp:
        q = tmp / "q.yaml"
        q.write_text(text, encoding="utf-8")
        w = tmp / "w.yaml"
        w.write_text(
            "title: T\nquestionnaire: q.yaml\ntouchpoints:\n  - name: A\n", encoding="utf-8"
        )
        before = snapshot(tmp)
        invoke("validate", q)
        invoke("score", w)
        assert_only_output_changed(before, snapshot(tmp), None)


#: A score cell as spreadsheets and people write it, and as they should not: signs, spaces,
#: decimals, and numbers of thousands of digits (past Python's int-string limit).
score_cell = st.one_of(
    st.sampled_from(["", "1", "5", "+3", "0", "6", "05", "3.0", "1e0", " 2", "-1", "٣"]),
    st.text("0123456789+-", max_size=6000),
)


@given(st.lists(st.tuples(hostile_text, score_cell), min_size=1, max_size=4))
def test_import_checks_score_cells_as_text(rows: list[tuple[str, str]]) -> None:
    with folder() as tmp:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["name", "complexity"])
        writer.writerows([f"tp {i} {name}"[:150], cell] for i, (name, cell) in enumerate(rows))
        src = tmp / "t.csv"
        src.write_text(buffer.getvalue(), encoding="utf-8", newline="")
        result = invoke("import", src, "-o", tmp / "w.yaml")
        wanted = [
            int(cell.strip()) if cell.strip() else None
            for _, cell in rows
            if cell.strip() in ("", "1", "2", "3", "4", "5", "+1", "+2", "+3", "+4", "+5")
        ]
        if len(wanted) < len(rows):
            assert result.exit_code == 1, result.output
            assert "column 'complexity': must be one of '1 - Scripted'" in result.output
            assert "(or the number 1 to 5)" in result.output
            assert not (tmp / "w.yaml").exists()
            return
        assert result.exit_code == 0, result.output
        got = [
            tp.scores.get("complexity") for tp in load_workshop(tmp / "w.yaml").workshop.touchpoints
        ]
        assert got == wanted


@given(st.lists(st.text("0123456789:/!.x- ", min_size=1, max_size=30), min_size=1, max_size=6))
def test_a_file_that_is_not_a_touchpoint_csv_is_never_echoed(fields: list[str]) -> None:
    """A passwd-like file: whatever its first line, the answer names the columns needed and
    quotes nothing of it."""
    first = "s3cr3t:" + ":".join(fields)
    with folder() as tmp:
        src = tmp / "t.csv"
        src.write_text(f"{first}\nroot:x:0:0\n", encoding="utf-8")
        result = invoke("import", src, "-o", tmp / "w.yaml")
        assert result.exit_code == 1
        assert "does not look like a spreadsheet of touchpoints" in result.output
        assert "s3cr3t" not in result.output and "root:x" not in result.output
        assert not (tmp / "w.yaml").exists()


@st.composite
def checked_files(draw: st.DrawFn) -> list[Checked]:
    files = []
    for i in range(draw(st.integers(0, 80))):
        name = f"f{i}.yaml"
        kind = draw(st.sampled_from(["ok", "problems", "error"]))
        if kind == "ok":
            files.append(Checked(name, "workshop", ("w",) * draw(st.integers(0, 2))))
        elif kind == "problems":
            count = draw(st.integers(1, 30))
            files.append(
                Checked(name, problems=tuple(Problem(name, f"p{j}") for j in range(count)))
            )
        else:
            files.append(Checked(name, error=f"{name}: no such file"))
    return files


@given(checked_files())
def test_the_validate_listing_is_20_lines_and_accounts_for_every_file(
    checked: list[Checked],
) -> None:
    text = [line.text for line in listing(checked)]
    assert len(text) <= LISTING_MAX
    broken = [c for c in checked if not c.ok]
    valid = [c for c in checked if c.ok]
    named = [c for c in broken if any(t.startswith(f"{c.file}:") for t in text)]
    assert named == broken[: len(named)]  # the broken files in order, as many as fit
    rest = broken[len(named) :]
    more = [t for t in text if t.startswith("... and") and "more file" in t]
    if rest:
        problems = sum(len(c.problems) or 1 for c in rest)
        noun = "file" if len(rest) == 1 else "files"
        assert more == [
            f"... and {len(rest)} more {noun} with {problems:,} problem"
            + ("s" if problems != 1 else "")
        ]
    else:
        assert more == []
    listed = [c for c in valid if f"{c.file}: ok (workshop)" in text]
    if listed != valid:
        assert listed == []
        assert any(
            t.startswith(f"{len(valid)} file{'s' if len(valid) != 1 else ''} ok") for t in text
        )
