"""`assess run` in a real pseudo-terminal, driven with pexpect, the way a facilitator types."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from pathlib import Path

import pexpect
from click.testing import CliRunner

from assess.cli import cli
from assess.files.loader import load_workshop

ASSESS = shutil.which("assess", path=str(Path(sys.executable).parent)) or "assess"
WORKSHOP = """\
title: Terminal journey
# A comment that must survive
touchpoints:
  - name: Where is my order?
    stage: Receive
  - name: Complaint
    stage: Help
"""


def spawn(path: Path) -> pexpect.spawn:
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    child = pexpect.spawn(
        ASSESS,
        ["run", str(path)],
        cwd=str(path.parent),
        env=env,
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=20,
    )
    return child


def answer(child: pexpect.spawn, question: str, key: str) -> None:
    child.expect_exact(question)
    child.expect_exact("Description:")  # the list is drawn
    child.send(key)
    child.send("\r")


def test_answers_survive_ctrl_c_and_the_run_resumes_where_it_stopped(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(WORKSHOP, encoding="utf-8")

    child = spawn(path)
    child.expect_exact("Starting workshop")  # the first run of a new file (issue 25)
    child.expect_exact("0 of 2 touchpoints scored")
    child.expect_exact("Touchpoint 1 of 2")
    answer(child, "How much judgement", "1")
    answer(child, "How often", "5")
    child.expect_exact("How much does the customer feel")
    child.sendcontrol("c")
    child.expect_exact("Saved. Resume with: assess run")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    tp = load_workshop(path).workshop.touchpoints[0]
    assert tp.scores == {"complexity": 1, "scale": 5}
    assert "# A comment that must survive" in path.read_text(encoding="utf-8")

    child = spawn(path)
    child.expect_exact("Resuming workshop")  # answers were saved: now it resumes
    child.expect_exact("Touchpoint 1 of 2")
    # Straight to the first open question: emotional stakes, with the earlier answers shown.
    child.expect_exact("5 Thousands a day")
    answer(child, "How much does the customer feel", "1")
    answer(child, "stand between", "1")
    child.expect_exact("Automate")
    child.expect_exact("Note: why did we score it so?")
    child.send("Everyone tracks parcels online\r")
    child.expect_exact("Change an answer?")  # an automate verdict needs its fallback answered
    child.send("\r")
    child.expect_exact("Touchpoint 2 of 2")  # the walk goes on, no menu between (issue 25)
    child.expect_exact("How much judgement")
    child.send("\x1b")
    child.expect_exact("What next?")
    child.expect_exact("Continue: Complaint, at complexity")
    child.send("0")  # Quit
    child.send("\r")
    child.expect_exact("Resume any time with: assess run")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    tp = load_workshop(path).workshop.touchpoints[0]
    assert tp.scores == {"complexity": 1, "scale": 5, "emotional_stakes": 1, "tech_barrier": 1}
    assert tp.notes == "Everyone tracks parcels online"


def test_ctrl_c_before_anything_is_saved_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    child = spawn(path)
    child.expect_exact("Title of the journey")
    child.sendcontrol("c")
    child.expect_exact("Stopped before anything was saved.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert not path.exists()


def test_run_without_a_terminal_refuses_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    result = CliRunner().invoke(cli, ["run", str(path)], input="")
    assert result.exit_code == 1
    assert result.output.startswith(
        "Error: assess run asks questions, so it needs an interactive terminal"
    )
    assert "assess score WORKSHOP.yaml" in result.output
    assert not path.exists()


def test_run_on_a_broken_workshop_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        "title: T\ntouchpoints:\n  - name: A\n    scores: {complexity: 8}\n", encoding="utf-8"
    )
    before = path.read_bytes()
    child = spawn(path)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert "must be a whole number from 1 to 5, got 8" in (child.before or "")
    assert "Traceback" not in (child.before or "")
    assert path.read_bytes() == before


# --- what the room sees: a terminal emulator (pyte) reads the screen back at 80x24 ----------


class Room:
    """`assess run` in a pseudo-terminal, its output drawn by a terminal emulator, so tests see
    the 80x24 screen a projector shows, not the raw byte stream."""

    def __init__(
        self,
        path: Path,
        columns: int = 80,
        lines: int = 24,
        args: list[str] | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        import pyte

        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.Stream(self.screen)
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": str(columns),
            "LINES": str(lines),
            **(env or {}),
        }
        self.child = pexpect.spawn(
            ASSESS,
            ["run", str(path), *(args or [])],
            cwd=str(path.parent),
            env=env,
            dimensions=(lines, columns),
            encoding="utf-8",
            timeout=20,
        )

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, *texts: str, timeout: float = 20) -> str:
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(pexpect.TIMEOUT):
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.2))
            shown = self.text()
            if all(t in shown for t in texts):
                return shown
        raise AssertionError(f"not on screen: {texts}\n---\n{self.text()}")

    def press(self, *keys: str) -> None:
        for key in keys:
            self.child.send(key)

    def close(self) -> None:
        self.child.terminate(force=True)


TEAM = """\
title: Room journey
participants: [Ana, Ben, Cy]
touchpoints:
  - name: Breaking the results of a biopsy
    stage: Care
    channel: in person
    votes:
      Ana: {complexity: 5, scale: 1, emotional_stakes: 5}
      Ben: {complexity: 4, scale: 1, emotional_stakes: 5}
      Cy: {complexity: 5, scale: 2, emotional_stakes: 3}
"""


def test_verdict_and_progress_stay_on_an_80x24_screen_with_votes_and_guardrails(
    tmp_path: Path,
) -> None:
    path = tmp_path / "room.yaml"
    path.write_text(TEAM, encoding="utf-8")
    room = Room(path)
    try:
        room.wait_for("Would technology in this moment", "Description:")
        room.press("5", "\r")
        shown = room.wait_for("Note: why did we score it so?")
        lines = shown.splitlines()
        assert len(room.screen.display) == 24 and all(len(x) <= 80 for x in room.screen.display)
        assert any(line.startswith("── Touchpoint 1 of 1 · Care · in person") for line in lines)
        assert "Breaking the results of a biopsy" in lines
        assert any(
            line.startswith("▲ Keep human · Help behind the person · fit ") for line in lines
        )
        assert "5 Novel · votes 5 4 5" in shown
    finally:
        room.close()
    tp = load_workshop(path).workshop.touchpoints[0]
    assert tp.scores == {"tech_barrier": 5}
    assert len(tp.votes) == 3


def test_number_keys_reach_every_item_of_a_twelve_item_list(tmp_path: Path) -> None:
    scored = "{complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}"
    body = "".join(f"  - name: Step {n}\n    scores: {scored}\n" for n in range(1, 13))
    path = tmp_path / "long.yaml"
    path.write_text(f"title: Long journey\ntouchpoints:\n{body}", encoding="utf-8")
    room = Room(path)
    try:
        room.wait_for("Write the PDF report now?")
        room.press("n", "\r")  # y or n, then Enter (issue 25)
        room.wait_for("What next?", "0) Quit")
        room.press("3", "\r")  # Re-score a touchpoint: a list of 13
        room.wait_for("Re-score which touchpoint?")
        room.press("1", "2")  # two digits: filtered to item 12
        room.wait_for("12. Step 12")
        room.press("\r")
        shown = room.wait_for("Touchpoint 12 of 12", "How much judgement")
        assert "Step 12" in shown
    finally:
        room.close()


def test_run_refuses_when_its_output_is_a_pipe(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    child = pexpect.spawn(
        "bash",
        ["-c", f"{ASSESS} run {path} | cat"],
        env={**os.environ, "TERM": "xterm"},
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=20,
    )
    child.expect_exact("output goes to a pipe")
    child.expect(pexpect.EOF)
    assert not path.exists()


def test_esc_in_a_sub_flow_returns_to_the_menu(tmp_path: Path) -> None:
    scored = "{complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}"
    path = tmp_path / "w.yaml"
    path.write_text(
        f"title: T\ntouchpoints:\n  - name: A\n    scores: {scored}\n", encoding="utf-8"
    )
    before = path.read_bytes()
    room = Room(path)
    try:
        room.wait_for("Write the PDF report now?")
        room.press("n", "\r")  # y or n, then Enter (issue 25)
        room.wait_for("What next?", "0) Quit")
        room.press("4", "\r")  # Add a touchpoint
        room.wait_for("Name of the new touchpoint")
        room.press("\x1b")  # Esc
        room.wait_for("What next?", "0) Quit")
        room.press("0", "\r")
        room.child.expect(pexpect.EOF)
    finally:
        room.close()
    assert path.read_bytes() == before
