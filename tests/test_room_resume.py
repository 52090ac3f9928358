"""`assess run` with a real team (issue 18), in a real terminal: notes and Ctrl-C, resuming
mid-touchpoint, edits made elsewhere, and the smaller things seen on screen."""

from __future__ import annotations

import re
from pathlib import Path

import pexpect
import pytest
from room import SIZES, open_room, quit_from_the_menu
from teamfile import merged_team
from test_terminal import Room

from assess.files.loader import load_workshop

# --- 5: notes ---------------------------------------------------------------------------------------


def test_a_half_typed_note_survives_ctrl_c_and_esc_leaves_no_note_behind(tmp_path: Path) -> None:
    path = merged_team(tmp_path)
    room = open_room(path)
    try:
        room.wait_for("Touchpoint 1 of 20", "▸ Complexity")
        room.press("\r", "\r", "\r", "\r")
        room.wait_for("Note: why did we score it so?")
        room.press("Everyone compares onl")
        room.wait_for("compares onl")
        room.child.sendcontrol("c")
        room.child.expect_exact("Saved. Resume with: assess run")
        room.child.expect(pexpect.EOF)
        room.child.close()
        assert room.child.exitstatus == 130
    finally:
        room.close()

    room = open_room(path)
    try:
        room.wait_for("Note: why did we score it so?", "compares onl")
        room.press("ine\r")
        room.wait_for("Change an answer?")
        room.press("\r")
        # The walk goes on at once, no menu between touchpoints (issue 25).
        room.wait_for("Touchpoint 2 of 20", "▸ Complexity")
        room.press("\r", "\r", "\r", "\r")
        room.wait_for("Note: why did we score it so?")
        room.press("\x1b")  # no note this time
        quit_from_the_menu(room)
    finally:
        room.close()
    assert load_workshop(path).workshop.touchpoints[0].notes == "Everyone compares online"
    assert not (tmp_path / ".team.yaml.pending").exists()

    room = open_room(path)
    try:  # the next run walks on; the note it left with Esc is not asked again
        shown = room.wait_for("Touchpoint 3 of 20", "▸ Complexity")
        assert "Note:" not in shown
    finally:
        room.close()


# --- 6: resuming mid-touchpoint -------------------------------------------------------------------------


SCORED = """\
title: Scored journey
touchpoints:
  - name: Where is my order?
    scores: {complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}
  - name: Complaint
    scores: {complexity: 4, scale: 2, emotional_stakes: 5, tech_barrier: 5}
"""


def test_ctrl_c_during_a_rescore_resumes_there_and_back_works(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(SCORED, encoding="utf-8")
    room = open_room(path)
    try:
        room.wait_for("Write the PDF report now?")
        room.press("n", "\r")  # y or n, then Enter (issue 25)
        room.wait_for("What next?", "3) Re-score a touchpoint")
        room.press("3", "\r")
        room.wait_for("Re-score which touchpoint?", "2. Complaint")
        room.press("2", "\r")
        room.wait_for("Touchpoint 2 of 2", "▸ Complexity")
        room.press("\r")
        room.wait_for("▸ Scale")
        room.child.sendcontrol("c")
        room.child.expect(pexpect.EOF)
        room.child.close()
        assert room.child.exitstatus == 130
    finally:
        room.close()

    room = open_room(path)
    try:
        shown = room.wait_for("Touchpoint 2 of 2", "▸ Scale", "b) Back to the previous question")
        assert "Write the PDF report now?" not in shown
        room.press("b", "\r")
        room.wait_for("▸ Complexity")
        room.press("\x1b")
        room.wait_for("» 1) Continue: Complaint, at complexity")  # not on Quit
        room.press("\r")
        room.wait_for("Touchpoint 2 of 2", "▸ Complexity")
        room.press("\x1b")
        quit_from_the_menu(room)
    finally:
        room.close()
    assert path.read_text(encoding="utf-8") == SCORED


# --- 7: someone edits the file meanwhile ----------------------------------------------------------------


TWO = "title: T\ntouchpoints:\n  - name: Renew a contract\n  - name: Move house\n"


def test_an_outside_edit_asks_the_same_question_and_a_broken_one_keeps_the_answer(
    tmp_path: Path,
) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(TWO, encoding="utf-8")
    room = open_room(path)
    try:
        room.wait_for("Touchpoint 1 of 2", "▸ Complexity")
        path.write_text(TWO.replace("Move house", "Moving home"), encoding="utf-8")
        room.press("3", "\r")
        room.wait_for("was changed outside this session", "▸ Complexity", "Nothing picked yet")
        assert load_workshop(path).workshop.touchpoints[0].scores == {}
        room.press("3", "\r")
        room.wait_for("▸ Scale")
        fixed = path.read_text(encoding="utf-8")
        path.write_text(fixed + "  - name: [unclosed\n", encoding="utf-8")  # broken YAML
        room.press("2", "\r")
        shown = room.wait_for("cannot be read now", "Try again (the file is fixed)")
        assert "w.yaml:7:notvalidYAML" in re.sub(r"\s+", "", shown)  # which file, which line
        path.write_text(fixed, encoding="utf-8")
        room.press("\r")  # try again
        room.wait_for("▸ Emotional stakes")
    finally:
        room.close()
    w = load_workshop(path).workshop
    assert [t.name for t in w.touchpoints] == ["Renew a contract", "Moving home"]
    assert w.touchpoints[0].scores == {"complexity": 3, "scale": 2}  # the answer was kept


# --- 8: smaller things seen on screen --------------------------------------------------------------------


def test_a_new_workshop_lists_its_participants_before_its_touchpoints(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    room = open_room(path)
    try:
        for question, answer in (
            ("Title of the journey", "Claims\r"),
            ("Organisation (optional)", "\r"),
            ("Facilitator (optional)", "\r"),
            ("Participants, separated by commas", "Ana, Ben\r"),
            ("Questionnaire:", "\r"),
            ("Start from which journey?", "\x1b"),
            ("Add a touchpoint of your own?", "\x1b"),
        ):
            room.wait_for(question)
            room.press(answer)
        quit_from_the_menu(room)
    finally:
        room.close()
    text = path.read_text(encoding="utf-8")
    assert text.index("participants:") < text.index("touchpoints:")
    assert load_workshop(path).workshop.participants == ["Ana", "Ben"]


@pytest.mark.parametrize("size", SIZES)
def test_no_stale_notice_after_a_touchpoint_is_added(tmp_path: Path, size: tuple[int, int]) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(SCORED, encoding="utf-8")
    room = open_room(path, size)
    try:
        room.wait_for("Write the PDF report now?")
        room.press("n", "\r")  # y or n, then Enter (issue 25)
        room.wait_for("What next?", "4) Add a touchpoint")
        room.press("4", "\r")
        room.wait_for("Name of the new touchpoint")
        room.press("Renew a contract\r")
        for question in ("Stage (optional)", "Channel (optional", "Description (optional)"):
            room.wait_for(question)
            room.press("\r")
        room.wait_for("Score it now?")
        room.press("\r")
        shown = room.wait_for("Touchpoint 3 of 3", "▸ Complexity")
        assert "Resumed" not in shown
    finally:
        room.close()


@pytest.mark.parametrize("width", [60, 80, 120])
def test_the_progress_bar_shows_its_numbers_whatever_the_width(width: int) -> None:
    import io

    from rich.console import Console

    from assess.views.terminal import ProgressBar

    console = Console(file=io.StringIO(), width=width, force_terminal=True, record=True)
    bar = ProgressBar(console, "Writing team.pdf (Ctrl-C cancels)")
    bar.progress.add_task("render", total=20, completed=7)
    console.print(bar.progress.get_renderable())
    line = console.export_text().rstrip("\n")
    assert len(line) <= width and "…" not in line
    assert line.startswith("Writing team.pdf (Ctrl-C cancels)") and " 7/20" in line


def test_the_report_from_the_menu_shows_its_progress_at_60x20(tmp_path: Path) -> None:
    path = merged_team(tmp_path)
    room = open_room(path, (60, 20))
    try:
        room.wait_for("Touchpoint 1 of 20", "▸ Complexity")
        room.press("\x1b")
        room.wait_for("What next?", "9) Write the PDF report")
        room.press("9", "\r")
        # As it is drawn (it redraws until the end, so no waiting for a quiet screen).
        shown = Room.wait_for(room, "Writing team.pdf", "/20 touchpoints", timeout=60)
        assert all(len(line) <= 60 for line in room.screen.display), shown
        room.wait_for("Wrote", "pages).", timeout=120)
    finally:
        room.close()
    assert (tmp_path / "team.pdf").read_bytes().startswith(b"%PDF-")
