"""What the room sees when it gives a touchpoint's volume and handle time: a real terminal
(pexpect), drawn by a terminal emulator (pyte) at 80x24."""

from __future__ import annotations

from pathlib import Path

from test_terminal import Room

from assess.files.loader import load_workshop

JOURNEY = """\
title: Orders
economics: {currency: EUR, locale: de_DE, cost_per_hour: 40}
touchpoints:
  - name: Where is my order
    stage: Receive
    scores: {complexity: 1, scale: 5, emotional_stakes: 1}
"""


def test_volume_and_handle_time_are_asked_checked_and_saved(tmp_path: Path) -> None:
    path = tmp_path / "orders.yaml"
    path.write_text(JOURNEY, encoding="utf-8")
    room = Room(path)
    try:
        room.wait_for("Would technology in this moment")
        room.press("1", "\r")
        room.wait_for("Note: why did we score it so?")
        room.press("\r")
        room.wait_for("Change an answer?")
        room.press("o", "\r")
        for question in (
            "wrong answer",
            "law or regulator",
            "reach a person",
            "complaint",
            "vulnerable",
        ):
            room.wait_for(question)
            room.press("s", "\r")
        room.wait_for("How big a change")
        room.press("1", "\r")
        room.wait_for("Contacts a month, all channels (optional; Enter keeps, - clears)")
        room.press("lots", "\r")
        # At 80 columns the message wraps before "1,000,000,000".
        shown = room.wait_for("must be a whole number from 1 to")
        assert all(len(line) <= 80 for line in shown.splitlines())
        room.press("45.000", "\r")
        room.wait_for("Minutes a person spends on one today")
        room.press("6", "\r")
        room.wait_for("Change an answer?")
    finally:
        room.close()
    tp = load_workshop(path).workshop.touchpoints[0]
    assert (tp.volume, tp.handle_minutes, tp.inputs) == (45000, 6, {"effort": "small"})
