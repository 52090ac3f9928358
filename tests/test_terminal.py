"""`assess run` in a real pseudo-terminal, driven with pexpect, the way a facilitator types."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pexpect
from click.testing import CliRunner

from assess.cli import cli
from assess.loader import load_workshop

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
    child.expect_exact("Resuming workshop")
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
    child.expect_exact("Touchpoint 1 of 2")
    # Straight to the first open question: emotional stakes, with the earlier answers shown.
    child.expect_exact("5 Thousands a day")
    answer(child, "How much does the customer feel", "1")
    answer(child, "stand between", "1")
    child.expect_exact("Automate")
    child.expect_exact("Note: why did we score it so?")
    child.send("Everyone tracks parcels online\r")
    child.expect_exact("Change an answer?")
    child.send("\r")
    child.expect_exact("What next?")
    child.expect_exact("Continue scoring: Complaint")
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
