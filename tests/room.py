"""The room's screen for the terminal tests of issue 18: `assess run` in a pseudo-terminal driven
with pexpect, drawn by a terminal emulator (pyte), at 80x24 and 60x20, and what every question
screen must keep."""

from __future__ import annotations

import contextlib
import re
import time
from pathlib import Path

import pexpect
import pytest
from test_terminal import Room

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((60, 20), id="60x20")]
VERDICT = re.compile(r"^(● Automate|◆ Assist|▲ Keep human) · ")


class Screen(Room):
    """A Room whose wait returns only once the program has drawn the whole screen: the texts
    are shown and nothing more arrives for a moment. It answers the program's questions about
    where the cursor is, as a real terminal does."""

    def __init__(
        self,
        path: Path,
        columns: int = 80,
        lines: int = 24,
        args: list[str] | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        super().__init__(path, columns, lines, args, env)
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
