"""The facilitator's screen in a real terminal (issue 25): `assess run` in a pseudo-terminal,
drawn by a terminal emulator (pyte). A resize during a question redraws it whole at 60x20, 80x24
and 160x45 (using up to 120 columns); Ctrl-L redraws it; confirmations need y then Enter, so a
stray key never removes, clears or renders; high contrast has no colour; Ctrl-C in the settle
pass resumes there; u undoes the last saved answer."""

from __future__ import annotations

import os
from pathlib import Path

import pexpect
import pytest
from room import Screen, essentials, linger, open_room, quit_from_the_menu
from teamfile import SPLITS, merged_team

from assess.files.loader import load_workshop

SIZES = [(60, 20), (80, 24), (160, 45)]
HEADER = f"0/20 · {SPLITS} splits open"


def resize(room: Screen, columns: int, lines: int) -> None:
    """Resize the terminal as a window manager would: the emulator, then the pty (which sends
    the program SIGWINCH). The emulator starts blank, so only a redraw of the whole screen can
    show what the tests look for (a terminal would keep the old lines, cut or doubled)."""
    room.wait_for()  # what was on its way is drawn first
    room.screen.resize(lines=lines, columns=columns)
    room.screen.reset()
    room.child.setwinsize(lines, columns)


def whole(room: Screen, question: str, n: int, name: str) -> list[str]:
    """The header, "Touchpoint n of 20", the name and the question on screen, each whole, and
    no line wider than the screen or than 120 columns."""
    lines = room.text().splitlines()
    assert lines[0].startswith(HEADER), room.text()
    assert any(line.startswith(f"── Touchpoint {n} of 20") for line in lines), room.text()
    assert name in lines, room.text()
    assert any(line.startswith(f"? {question}") for line in lines), room.text()
    assert len([line for line in lines if line.startswith("── Touchpoint")]) == 1  # no double
    assert all(len(line.rstrip()) <= min(room.screen.columns, 120) for line in lines), room.text()
    return lines


@pytest.mark.parametrize("start", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_resize_during_a_question_redraws_it_whole_at_every_size(
    tmp_path: Path, start: tuple[int, int]
) -> None:
    path = merged_team(tmp_path)
    room = open_room(path, start)
    question = "How much judgement does handling this touchpoint take?"
    try:
        room.wait_for("Touchpoint 1 of 20", "▸ Complexity", "Description:")
        room.press("\r")  # on to scale
        room.wait_for("▸ Scale", "How often")
        for columns, lines in [s for s in SIZES if s != start] + [start]:
            resize(room, columns, lines)
            shown = room.wait_for("▸ Scale", "How often does this touchpoint happen?")
            whole(room, "How often does this touchpoint happen?", 1, "Compare tariffs online")
            assert "Ana 5, Ben 5, Cy -" in shown  # the question's votes, named
            if columns == 160:  # the width is used, up to 120 columns
                assert max(len(x.rstrip()) for x in shown.splitlines()) > 100
        room.press("\x1b")
        quit_from_the_menu(room)
    finally:
        room.close()
    assert question  # the first question was answered with Enter: nothing was written
    assert load_workshop(path).workshop.touchpoints[0].scores == {}


def test_ctrl_l_redraws_the_screen_and_keeps_the_highlighted_answer(tmp_path: Path) -> None:
    path = merged_team(tmp_path)
    room = open_room(path, (80, 24))
    try:
        room.wait_for("▸ Complexity", "Description:")
        room.press("\x1b[B")  # down: the second answer
        room.wait_for("» 2) Routine")
        room.screen.reset()  # whatever the screen showed is gone ...
        room.press("\x0c")  # ... Ctrl-L draws it again
        room.wait_for("» 2) Routine", "Touchpoint 1 of 20")
        whole(room, "How much judgement", 1, "Compare tariffs online")
    finally:
        room.close()


def colours(room: Screen) -> set[str]:
    return {
        char.fg for row in room.screen.buffer.values() for char in row.values() if char.data.strip()
    }


@pytest.mark.parametrize("how", ["--contrast high", "NO_COLOR"])
def test_high_contrast_has_no_colour_at_160x45(tmp_path: Path, how: str) -> None:
    path = merged_team(tmp_path)
    args = ["--contrast", "high"] if how.startswith("--") else []
    env = {"NO_COLOR": "1"} if how == "NO_COLOR" else {}
    room = Screen(path, 160, 45, args=args, env=env)
    try:
        room.wait_for("▸ Complexity", "Description:")
        assert colours(room) == {"default"}, colours(room)
        # What stands out still stands out: the highlighted answer is reversed.
        row = next(
            y for y, line in enumerate(room.screen.display) if line.startswith(" » 1) Scripted")
        )
        assert room.screen.buffer[row][5].reverse
    finally:
        room.close()
    room = Screen(path, 160, 45)  # the normal screen has colours
    try:
        room.wait_for("▸ Complexity", "Description:")
        assert colours(room) != {"default"}
    finally:
        room.close()


def test_a_stray_enter_after_every_confirmation_does_nothing(tmp_path: Path) -> None:
    """y or n then Enter answers; the Enter that used to follow a one-key answer is part of
    it, and an extra Enter or another key at a confirmation never clears, removes or renders."""
    path = tmp_path / "w.yaml"
    scored = "{complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}"
    path.write_text(
        f"title: T\ntouchpoints:\n  - name: A\n    scores: {scored}\n"
        "    inputs: {human_fallback: reachable}\n  - name: B\n    scores: {complexity: 2}\n",
        encoding="utf-8",
    )
    room = open_room(path, (80, 24))
    try:
        room.wait_for("Touchpoint 2 of 2", "▸ Scale")
        room.press("b", "\r")  # back to complexity, which the room answered
        room.wait_for("▸ Complexity", "c) Clear this answer")
        room.press("c", "\r")
        room.wait_for("Clear the answer to complexity?", "(y/N)")
        room.press("x", "\r")  # a stray key, then Enter: no
        room.wait_for("▸ Scale")
        assert load_workshop(path).workshop.touchpoints[1].scores == {"complexity": 2}
        room.press("b", "\r", "c", "\r")
        room.wait_for("Clear the answer to complexity?")
        room.press("y", "\r")  # cleared; on to the next open question ...
        room.wait_for("▸ Scale", "Nothing picked yet")
        room.press("\r")  # ... where a stray Enter records nothing
        shown = linger(room)
        assert "Nothing picked yet" in shown
        assert load_workshop(path).workshop.touchpoints[1].scores == {}
        room.press("\x1b")
        room.wait_for("What next?", "0) Quit")
        room.press("6", "\r")  # remove a touchpoint
        room.wait_for("Remove which touchpoint?")
        room.press("\r")
        room.wait_for("Remove 'A' and its answers?")
        room.press("\r")  # Enter alone: no
        room.wait_for("What next?")
        assert len(load_workshop(path).workshop.touchpoints) == 2
        room.press("6", "\r")
        room.wait_for("Remove which touchpoint?")
        room.press("2", "\r")
        room.wait_for("Remove 'B' and its answers?")
        room.press("y", "\r")
        # Everything left is scored: the report is offered, and Enter alone does not render.
        room.wait_for("Removed 'B'.", "Write the PDF report now?")
        room.press("\r")  # a stray Enter after the confirmation
        shown = room.wait_for("What next?")
        assert "» 8) Show the summary table" in shown  # never the report under a stray Enter
        room.press("\r")
        room.wait_for("Summary: 1 automate")
        linger(room, 0.5)
        assert not path.with_suffix(".pdf").exists()
        room.press("0", "\r")
        room.child.expect(pexpect.EOF)
    finally:
        room.close()
    assert [t.name for t in load_workshop(path).workshop.touchpoints] == ["A"]


def test_ctrl_c_in_the_settle_pass_resumes_at_the_split_it_left(tmp_path: Path) -> None:
    path = merged_team(tmp_path)
    room = open_room(path, (80, 24))
    try:
        room.wait_for("Touchpoint 1 of 20", "▸ Complexity")
        room.press("\x1b")
        room.wait_for("What next?", "2) Settle disagreements")
        room.press("2", "\r")
        room.wait_for(f"Split 1 of {SPLITS}")
        room.press("\r", "\r")  # settled at the consensus, no reason
        room.wait_for(f"Split 2 of {SPLITS}", "Settle technology as barrier")
        room.child.sendcontrol("c")
        room.child.expect_exact("Saved. Resume with: assess run")
        room.child.expect(pexpect.EOF)
    finally:
        room.close()
    room = open_room(path, (80, 24))
    try:
        shown = room.wait_for(f"Split 2 of {SPLITS}", "Settle technology as barrier")
        essentials(room, 7, 20, "Smart meter engineer visit")
        assert shown.splitlines()[0].startswith(f"0/20 · {SPLITS - 1} splits open")
        room.press("4", "\r")
        room.wait_for("Why does the room settle technology as barrier at 4?")
        room.press("The engineer is in the home\r")
        room.wait_for(f"Split 3 of {SPLITS}")
        room.press("\x1b")
        quit_from_the_menu(room)
    finally:
        room.close()
    tp = load_workshop(path).workshop.touchpoints[6]
    assert (tp.settled["tech_barrier"].value, tp.settled["tech_barrier"].reason) == (
        4,
        "The engineer is in the home",
    )


def test_u_undoes_the_last_saved_answer_and_goes_back_to_its_question(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("title: T\ntouchpoints:\n  - name: A\n  - name: B\n", encoding="utf-8")
    room = open_room(path, (80, 24))
    try:
        room.wait_for("Touchpoint 1 of 2", "▸ Complexity", "Nothing picked yet")
        room.press("4", "\r")
        room.wait_for("▸ Scale", "Nothing picked yet")
        room.press("2", "\r")
        room.wait_for("▸ Emotional stakes")
        room.press("u")
        shown = room.wait_for("Undone: the answer to scale on 'A'", "▸ Scale")
        assert "4 Expert judgement" in shown  # the answer before it stays
        assert load_workshop(path).workshop.touchpoints[0].scores == {"complexity": 4}
        room.press("3", "\r")
        room.wait_for("▸ Emotional stakes")
    finally:
        room.close()
    assert load_workshop(path).workshop.touchpoints[0].scores == {"complexity": 4, "scale": 3}


def test_the_cli_names_its_new_options(tmp_path: Path) -> None:
    from test_terminal import ASSESS

    done = pexpect.run(
        f"{ASSESS} run {tmp_path / 'w.yaml'} --timebox 90x",
        env={**os.environ, "TERM": "xterm"},
        encoding="utf-8",
        withexitstatus=True,
    )
    text, status = done
    assert status == 2
    assert "Invalid value for '--timebox': must be a duration such as 90m, 1h30 or 2h" in text
