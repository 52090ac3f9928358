"""`assess run` with a real team (issue 18), in a real terminal: a pseudo-terminal driven with
pexpect, its output drawn by a terminal emulator (pyte), at 80x24 and 60x20. The team file is
made the way users make one: three people's self-assessments merged with `assess merge`."""

from __future__ import annotations

import contextlib
import re
import time
from pathlib import Path

import pexpect
import pytest
from teamfile import SPLITS, merged_team
from test_terminal import Room

from assess.files.loader import load_workshop
from assess.method.scoring import assess

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((60, 20), id="60x20")]
VERDICT = re.compile(r"^(● Automate|◆ Assist|▲ Keep human) · ")


class Screen(Room):
    """A Room whose wait returns only once the program has drawn the whole screen: the texts
    are shown and nothing more arrives for a moment. It answers the program's questions about
    where the cursor is, as a real terminal does."""

    def __init__(self, path: Path, columns: int = 80, lines: int = 24) -> None:
        super().__init__(path, columns, lines)
        self.screen.write_process_input = self.child.send  # type: ignore[method-assign]

    def wait_for(self, *texts: str, timeout: float = 20) -> str:
        super().wait_for(*texts, timeout=timeout)
        while True:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.3))
            except pexpect.TIMEOUT:
                return super().wait_for(*texts, timeout=timeout)


def open_room(path: Path, size: tuple[int, int] = (80, 24)) -> Screen:
    columns, lines = size
    return Screen(path, columns, lines)


def linger(room: Screen, seconds: float = 1.0) -> str:
    """What the screen shows once the program has had time to react (to check that nothing
    happened)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(pexpect.TIMEOUT):
            room.stream.feed(room.child.read_nonblocking(65536, timeout=0.2))
    return room.text()


def essentials(room: Screen, n: int, total: int, name: str) -> None:
    """Position, name and verdict on screen, and nothing wider than the screen."""
    lines = room.text().splitlines()
    width = room.screen.columns
    assert any(line.startswith(f"── Touchpoint {n} of {total}") for line in lines), room.text()
    assert name in lines, room.text()
    assert any(VERDICT.match(line) for line in lines), room.text()
    assert all(len(line) <= width for line in room.screen.display)
    # Reasons are never announced as "more" when none is shown, and m is offered only where
    # it works.
    assert "m (or ?" not in room.text()
    for k, line in enumerate(lines):
        if "more reason" in line:
            assert lines[k - 1].startswith(("• ", "  ")), room.text()


def quit_from_the_menu(room: Screen) -> None:
    room.wait_for("What next?")
    room.press("0", "\r")
    room.child.expect(pexpect.EOF)
    room.child.close()
    assert room.child.exitstatus == 0


# --- 1 and 4: a merged file opens to a walk; every screen keeps position, name, verdict -------


@pytest.mark.parametrize("size", SIZES)
def test_a_merged_file_opens_to_a_walk_and_enter_through_it_changes_nothing(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    path = merged_team(tmp_path)
    before = path.read_bytes()
    room = open_room(path, size)
    try:
        room.wait_for("Touchpoint 1 of 20", "▸ Complexity", "votes 1 1 1")
        essentials(room, 1, 20, "Compare tariffs online")
        assert "Write the PDF report now?" not in room.text()
        for question in ("▸ Scale", "▸ Emotional stakes", "▸ Technology as barrier"):
            room.press("\r")  # Enter keeps the team's answer
            room.wait_for(question)
            essentials(room, 1, 20, "Compare tariffs online")
            if question == "▸ Scale":
                assert "5 Thousands a day · votes 5 5 -" in room.text()  # Cy left it blank
        room.press("\r")
        room.wait_for("Note: why did we score it so?")
        essentials(room, 1, 20, "Compare tariffs online")
        room.press("\r")
        room.wait_for("Change an answer?", "n) No, keep this verdict")
        essentials(room, 1, 20, "Compare tariffs online")
        room.press("\r")
        shown = room.wait_for("» 1) Continue the walk: 2. Get a quote")
        assert "1 to walk" not in shown and "19 to walk" in shown
        room.press("\r")
        room.wait_for("Touchpoint 2 of 20", "▸ Complexity", "votes 2 4 2")
        essentials(room, 2, 20, "Get a quote by phone")
        room.press("\x1b")
        quit_from_the_menu(room)
    finally:
        room.close()
    assert path.read_bytes() == before  # nothing the team decided was written as the room's

    # What the room walked is remembered: the next run goes on at touchpoint 2.
    room = open_room(path, size)
    try:
        room.wait_for("Touchpoint 2 of 20", "Get a quote by phone", "▸ Complexity")
    finally:
        room.close()
    assert path.read_bytes() == before


@pytest.mark.parametrize("size", SIZES)
def test_long_tables_page_instead_of_scrolling_their_heads_away(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    path = merged_team(tmp_path)
    room = open_room(path, size)
    try:
        room.wait_for("Touchpoint 1 of 20", "▸ Complexity")
        room.press("\x1b")
        room.wait_for("What next?", "8) Show the summary table")
        room.press("8", "\r")
        shown = room.wait_for("Page 1 of 2")
        lines = shown.splitlines()
        assert lines[0] == "Energy customer journey" and "Touchpoint" in lines[2]
        assert "│  1 │ Compare" in shown
        room.press("\r")
        shown = room.wait_for("Page 2 of 2")
        assert shown.splitlines()[0] == "Energy customer journey"
        assert "│ 20 │ Final bill" in shown
        room.press("\r")
        room.wait_for("Summary: 10 automate, 5 assist, 5 keep human.", "What next?")
        # Every reason of one touchpoint: its verdict heads the first page.
        room.press("1", "\r")
        room.wait_for("▸ Complexity")
        room.press("\r", "\r", "\r", "\r")
        room.wait_for("Note: why did we score it so?")
        room.press("\r")
        room.wait_for("Change an answer?", "m) Show every reason")
        room.press("m", "\r")
        shown = room.wait_for("Press Enter to go back")
        assert "CPR" not in shown
        assert VERDICT.match(shown.splitlines()[0]), shown
    finally:
        room.close()


# --- 2: no pre-selected answer --------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_enter_alone_on_an_unanswered_question_records_nothing(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        "title: T\ntouchpoints:\n  - name: Renew a contract\n    stage: Stay\n", encoding="utf-8"
    )
    before = path.read_bytes()
    room = open_room(path, size)
    try:
        shown = room.wait_for("Touchpoint 1 of 1", "▸ Complexity", "Nothing picked yet")
        assert "»" not in shown  # no answer highlighted
        room.press("\r")
        shown = linger(room)
        assert "Nothing picked yet" in shown and "▸ Complexity" in shown
        assert path.read_bytes() == before
        room.press("3")
        room.wait_for("» 3) Some judgement", "Description: 3 Some judgement")
        room.press("\r")
        room.wait_for("▸ Scale", "Nothing picked yet")
    finally:
        room.close()
    assert load_workshop(path).workshop.touchpoints[0].scores == {"complexity": 3}


# --- 3: the settle pass resumes and counts down ------------------------------------------------------


def test_the_settle_pass_resumes_at_the_next_split_and_counts_down(tmp_path: Path) -> None:
    path = merged_team(tmp_path)
    room = open_room(path)
    try:
        room.wait_for("Touchpoint 1 of 20", "▸ Complexity")
        room.press("\x1b")
        room.wait_for(f"2) Settle disagreements ({SPLITS} of {SPLITS} split votes left)")
        room.press("2", "\r")
        room.wait_for(f"Split 1 of {SPLITS}", f"({SPLITS} left;")
        room.press("\r")  # Enter takes the consensus
        room.wait_for(f"Split 2 of {SPLITS}", f"({SPLITS - 1} left;")
        room.press("\r")
        room.wait_for(f"Split 3 of {SPLITS}", f"({SPLITS - 2} left;")
        room.press("\x1b")
        # The cursor waits on the settle pass, never on Quit, and the count went down.
        room.wait_for(f"» 2) Settle disagreements ({SPLITS - 2} of {SPLITS} split votes left)")
        room.press("\r")
        shown = room.wait_for(f"Split 3 of {SPLITS}", f"({SPLITS - 2} left;")
        assert "Split 1 of" not in shown
        room.press("\x1b")
        quit_from_the_menu(room)
    finally:
        room.close()
    loaded = load_workshop(path)
    results = assess(loaded.questionnaire, loaded.workshop).results
    assert results[1].touchpoint.scores == {"complexity": 2}
    assert results[6].touchpoint.scores == {"tech_barrier": 4}
    assert "The team disagreed on complexity (votes from 2 to 4); the room settled it at 2." in (
        results[1].reasons
    )


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
        room.wait_for("Continue the walk: 2.")
        room.press("\r")
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
        room.press("n")
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
        room.press("n")
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
