"""The interactive workshop behind `assess run`: walks a room through every touchpoint.
May import every part below the CLI (views, pdf, report, team, files, method, ground).

Every answer is saved to the workshop file the moment it is given, so a closed laptop, a crash
or Ctrl-C loses nothing. Questions go through a :class:`~assess.workshop.prompts.Prompter` and
output through a rich Console, so tests can drive the whole flow with scripted answers. What the
room sees is drawn by :mod:`assess.workshop.screen`, a pure function of the session's state.
"""

from __future__ import annotations

from assess.workshop.menu import run
from assess.workshop.question import BACK, CLEAR, HELP, MORE, NOTHING, SKIP, VOTE
from assess.workshop.state import Back, Reloaded, State


class Session(State):
    """One sitting of a workshop: ``Session(...).run()``, then ``close()``."""

    def run(self) -> None:
        run(self)

    def close(self) -> None:
        self.file.unlock()


__all__ = [
    "BACK",
    "CLEAR",
    "HELP",
    "MORE",
    "NOTHING",
    "SKIP",
    "VOTE",
    "Back",
    "Reloaded",
    "Session",
]
