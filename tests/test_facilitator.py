"""What facilitators asked for (issue 25), driven by scripted answers: the header on every
screen, the timebox (pace, a gentle warning, the time kept per touchpoint), votes named and a
split flagged at once, undo from anywhere in the walk, actions and a parking lot per
touchpoint, a walk with no menu where nothing needs a decision, and the keys that saves."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from scripted import ENTER, ESC, UNDO_KEY, Script, output, session
from teamfile import SPLITS, merged_team

from assess.cli import cli
from assess.errors import OutputError
from assess.files.loader import load_workshop
from assess.files.storage import Place
from assess.journeys import TIMEBOX_MAX, minutes_of
from assess.workshop import BACK, NOTHING, SKIP, Session
from assess.workshop.clock import Clock
from assess.workshop.prompts import ESCAPE
from assess.workshop.question import ACTION, PARK
from assess.workshop.screen import header_text

KEEP = [("how much judgement", ENTER), ("how often", ENTER), ("feel", ENTER), ("stand", ENTER)]
SOLO = """\
title: Solo journey
touchpoints:
  - name: Refund
  - name: Bereavement
"""


class FakeTime:
    """A clock a test moves by hand, in minutes."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self) -> float:
        return self.seconds

    def wait(self, minutes: float) -> None:
        self.seconds += minutes * 60


def timed(path: Path, script: Script, time: FakeTime, timebox: str | None = None) -> Session:
    console = Console(file=io.StringIO(), width=200, height=40, force_terminal=False)
    return Session(
        path,
        script,
        console,
        lambda *a: 3,
        today=dt.date(2026, 12, 1),
        timebox=timebox,
        clock=Clock(time),
    )


def after(time: FakeTime, minutes: float, answer: Any) -> Any:
    """An answer given `minutes` after the question was asked."""

    def give(options: Any) -> Any:
        time.wait(minutes)
        given = answer(options) if callable(answer) else answer
        return ESCAPE if given is ESC else given

    return give


# --- the header ---------------------------------------------------------------------------------


def test_the_header_reads_as_the_issue_writes_it() -> None:
    assert header_text(7, 12, 3, "41 min left") == "7/12 · 3 splits open · 41 min left"
    assert header_text(0, 1, 1) == "0/1 · 1 split open"


def test_every_screen_has_the_header(tmp_path: Path) -> None:
    path = merged_team(tmp_path)
    script = Script([*KEEP, ("note", ENTER), ("change an answer", ENTER), ("how much", ESC)])
    script.answers += [("what next", "summary"), ("enter: next page", ENTER)]
    script.answers += [("enter: go on", ENTER), ("what next", "quit")]
    s = session(path, script)
    # A terminal's console (clearing the screen), without colour codes.
    s.console = Console(
        file=io.StringIO(), width=80, height=24, force_terminal=True, color_system=None
    )
    s.run()
    screens = output(s).split("\x1b[2J\x1b[H")[1:]  # every screen drawn anew
    assert len(screens) >= 8  # four questions, the note, the menu, two pages of the summary
    heads = {screen.splitlines()[0] for screen in screens}
    assert heads == {f"0/20 · {SPLITS} splits open", f"1/20 · {SPLITS} splits open"}, heads
    # The menu, printed below what came before (the summary here), has it above its question.
    after_summary = output(s).split("Summary: 10 automate, 5 assist, 5 keep human.\n")[1]
    assert after_summary.startswith(f"1/20 · {SPLITS} splits open\n")


# --- the timebox --------------------------------------------------------------------------------


def test_the_timebox_paces_the_room_warns_gently_and_keeps_the_time(tmp_path: Path) -> None:
    path = tmp_path / "solo.yaml"
    path.write_text(SOLO, encoding="utf-8")
    time = FakeTime()
    script = Script(
        [
            ("how much judgement", after(time, 2, 2)),
            ("how often", after(time, 3, 4)),
            ("feel", after(time, 20, 2)),  # 25 minutes on Refund: its share was 15
            ("stand", 2),
            ("note", ENTER),
            ("change an answer", NOTHING),
            ("how much judgement", ESC),
            ("what next", "quit"),
        ]
    )
    s = timed(path, script, time, timebox="30m")
    s.run()
    out = output(s)
    assert "0/2 · 0 splits open · 30 min left" in out
    assert "Pace: about 15 min for each of the 2 touchpoints still to do." in out
    assert "Behind time: 25 min on this touchpoint, about 15 planned." in out
    assert "0/2 · 0 splits open · 5 min left · behind pace" in out
    w = load_workshop(path).workshop
    assert w.timebox == 30
    assert "timebox: 30m\n" in path.read_text(encoding="utf-8")  # saved for the next sitting
    assert w.touchpoints[0].minutes_used == 25.0
    assert w.touchpoints[1].minutes_used is None  # Esc at once: not worth keeping

    # The next sitting goes on from the time used; over the timebox it says so.
    time2 = FakeTime()
    script = Script([("how much judgement", after(time2, 10, ESC)), ("what next", "quit")])
    s = timed(path, script, time2)
    s.run()
    assert "1/2 · 0 splits open · 5 min left" in output(s)
    assert load_workshop(path).workshop.touchpoints[1].minutes_used == 10.0
    script = Script([("how much judgement", ESC), ("what next", "quit")])
    s = timed(path, script, FakeTime())
    s.run()
    assert "1/2 · 0 splits open · 5 min over" in output(s)


def test_a_bad_timebox_is_a_command_line_mistake(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "w.yaml"), "--timebox", "soon"])
    assert result.exit_code == 2
    assert "Invalid value for '--timebox': must be a duration such as 90m, 1h30 or 2h" in (
        result.output
    )
    path = tmp_path / "w.yaml"
    path.write_text("title: T\ntimebox: 0m\ntouchpoints: []\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert "field 'timebox': must be a duration such as 90m, 1h30 or 2h" in result.output


# --- votes named, a split flagged -----------------------------------------------------------------


def test_the_question_names_the_votes_and_flags_an_open_split(tmp_path: Path) -> None:
    path = merged_team(tmp_path)
    script = Script(
        [
            *KEEP,
            ("note", ENTER),
            ("change an answer", ENTER),
            ("how much judgement", ESC),
            ("what next", "quit"),
        ]
    )
    s = session(path, script)
    s.run()
    out = output(s)
    assert "▸ Complexity            2 Routine · Ana 2, Ben 4, Cy 2 · split 2–4" in out
    options = [o.value for o in script.options[-2]]
    assert "__settle__" in options and "__vote__" not in options  # x settles it now


# --- the walk: no menu when nothing needs a decision; b reaches it --------------------------------


def test_the_walk_goes_on_and_back_opens_the_menu_it_skipped(tmp_path: Path) -> None:
    path = tmp_path / "solo.yaml"
    path.write_text(SOLO, encoding="utf-8")
    script = Script(
        [
            ("how much judgement", 4),
            ("how often", 2),
            ("feel", 5),
            ("stand", 5),  # keep human: nothing to decide
            ("note", "A person must handle it"),
            ("how much judgement", BACK),  # Bereavement's first question: back to Refund's menu
            ("change an answer", ACTION),
            ("action: what will be done", "Write the refund script"),
            ("who owns it", "Ana"),
            ("due date", "next week"),  # not a date: asked again
            ("is not a date", "2027-01-31"),
            ("change an answer", PARK),
            ("question to park", "Can refunds above 500 be automated later?"),
            ("change an answer", NOTHING),
            ("how much judgement", ESC),
            ("what next", "quit"),
        ]
    )
    s = session(path, script)
    s.run()
    assert "Saved 'Refund': nothing to decide there." in output(s)
    back = next(o for o in script.options[5] if o.value == BACK)
    assert back.title == "Back to 'Refund': actions, parking lot, changes" and not back.disabled
    tp = load_workshop(path).workshop.touchpoints[0]
    assert [(a.text, a.owner, str(a.due)) for a in tp.actions] == [
        ("Write the refund script", "Ana", "2027-01-31")
    ]
    assert tp.parked == ["Can refunds above 500 be automated later?"]
    data = json.loads(CliRunner().invoke(cli, ["score", str(path), "--format", "json"]).stdout)
    assert data["touchpoints"][0]["actions"] == [
        {"text": "Write the refund script", "owner": "Ana", "due": "2027-01-31"}
    ]
    assert data["touchpoints"][0]["parked"] == ["Can refunds above 500 be automated later?"]


def test_walking_a_merged_file_takes_fewer_keys_than_before(tmp_path: Path) -> None:
    """The measure in benchmarks/bench_keys.py: 0.2.0 took 139 keys for this 20-touchpoint
    team file (6.95 a touchpoint); the menu after a touchpoint is now skipped where nothing
    needs a decision."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from bench_keys import Done, Enter, merged

    path = merged(tmp_path)
    prompter = Enter()
    s = Session(path, prompter, Console(file=io.StringIO(), width=80), lambda *a: 0)
    with pytest.raises(Done):
        s.run()
    s.close()
    assert prompter.keys <= 120  # 117 when measured; 139 before
    assert path.with_name(".team.yaml.walked").exists()


# --- undo -----------------------------------------------------------------------------------------


def test_undo_takes_back_the_last_answers_one_by_one_and_returns_to_their_question(
    tmp_path: Path,
) -> None:
    path = tmp_path / "solo.yaml"
    path.write_text(SOLO, encoding="utf-8")
    script = Script(
        [
            ("how much judgement", UNDO_KEY),  # nothing to undo yet: asked again
            ("how much judgement", 4),
            ("how often", 2),
            ("feel", UNDO_KEY),  # takes back scale ...
            ("how often", UNDO_KEY),  # ... then complexity
            ("how much judgement", 3),
            ("how often", 1),
            ("feel", ESC),
            ("what next", "quit"),
        ]
    )
    s = session(path, script)
    s.run()
    out = output(s)
    assert "Nothing to undo yet" in out
    assert "Undone: the answer to scale on 'Refund'." in out
    assert "Undone: the answer to complexity on 'Refund'." in out
    assert load_workshop(path).workshop.touchpoints[0].scores == {"complexity": 3, "scale": 1}


def test_undo_of_a_settled_split_reopens_it(tmp_path: Path) -> None:
    path = merged_team(tmp_path)
    script = Script(
        [
            ("how much judgement", ESC),
            ("what next", "settle"),
            ("settle complexity", 3),
            ("why does the room settle", "Quotes vary"),
            ("settle technology as barrier", UNDO_KEY),
            ("how much judgement", ESC),  # back at the question whose answer was undone
            ("what next", "quit"),
        ]
    )
    s = session(path, script)
    s.run()
    assert "Undone: the answer to complexity on 'Get a quote by phone'." in output(s)
    tp = load_workshop(path).workshop.touchpoints[1]
    assert tp.settled == {} and tp.scores == {}


# --- Ctrl-C in the settle pass ----------------------------------------------------------------------


def test_ctrl_c_in_the_settle_pass_is_remembered_there(tmp_path: Path) -> None:
    path = merged_team(tmp_path)
    first = Script(
        [
            ("how much judgement", ESC),
            ("what next", "settle"),
            ("settle complexity", SKIP),
            ("settle technology as barrier", KeyboardInterrupt()),
        ]
    )
    s = session(path, first)
    with pytest.raises(KeyboardInterrupt):
        s.run()
    s.close()
    assert s.file.pending() == Place("Smart meter engineer visit", 3, settle=True)
    second = Script(
        [
            ("settle technology as barrier", 4),
            ("why does the room settle", ENTER),
            ("settle emotional stakes", ESC),
            ("what next", "quit"),
        ]
    )
    s = session(path, second)
    s.run()
    assert f"Split 2 of {SPLITS} · Votes: Ana 4, Ben 4, Cy 2" in output(s)
    assert f"Split 1 of {SPLITS}" not in output(s)  # straight back to the split it left
    assert load_workshop(path).workshop.touchpoints[6].settled["tech_barrier"].value == 4


# --- the record's wording in run ----------------------------------------------------------------------


def test_the_first_run_of_a_new_file_starts_it_and_later_runs_resume(tmp_path: Path) -> None:
    path = tmp_path / "solo.yaml"
    path.write_text(SOLO, encoding="utf-8")
    script = Script([("how much judgement", 2), ("how often", ESC), ("what next", "quit")])
    s = session(path, script)
    s.run()
    assert "Starting workshop" in output(s) and "Resuming" not in output(s)
    script = Script([("how often", ESC), ("what next", "quit")])
    s = session(path, script)
    s.run()
    assert "Resuming workshop" in output(s)


def test_a_missing_brand_in_run_names_the_file_and_how_to_go_on(tmp_path: Path) -> None:
    from assess.cli.workshop import _brand

    path = tmp_path / "w.yaml"
    path.write_text("title: T\nbrand: our-brand.yaml\ntouchpoints: []\n", encoding="utf-8")
    with pytest.raises(OutputError) as raised:
        _brand(path, None)
    said = str(raised.value)
    assert (
        f"{path}:2: field 'brand': no brand file 'our-brand.yaml' in the workshop's folder" in said
    )
    assert "fix or add the brand file w.yaml names, or remove its `brand:` line" in said


@given(st.one_of(st.text(max_size=30), st.integers(-10, 10**6), st.sampled_from(["90m", "1h30"])))
def test_any_timebox_is_minutes_in_range_or_one_clear_refusal(value: object) -> None:
    try:
        minutes = minutes_of(value)
    except ValueError as exc:
        assert str(exc).startswith("must be a duration such as 90m, 1h30 or 2h")
        return
    assert 1 <= minutes <= TIMEBOX_MAX
    assert minutes_of(f"{minutes}m") == minutes == minutes_of(str(minutes))
