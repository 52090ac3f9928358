"""Talking to the room: every question the session asks goes through here, and so do the keys
that work everywhere. Esc steps back to the menu (:class:`Back`); `u` or Ctrl-Z undoes the
last saved answer (:class:`Undid`, which says where that answer was); a resized terminal or
Ctrl-L draws the screen again at its new size and asks the same question again, from what
was highlighted or typed."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from rich.console import Console
from rich.text import Text

from assess.files.storage import Place
from assess.i18n import _
from assess.method.words import number
from assess.models import NAME_MAX
from assess.views.terminal import MAX_WIDTH, plain
from assess.workshop.prompts import ESCAPE, NO_ANSWER, UNDO, Option, Prompter, Redraw
from assess.workshop.screen import fit

#: What questionary puts before a choice's title (" » 1) "), and after a greyed-out one's.
TITLE_MARGIN = 6
#: What questionary puts before a choice's description.
DESCRIPTION_MARGIN = 16
#: Draws what belongs above a prompt, after the screen was cleared for a redraw.
Backdrop = Callable[[], None]


class Back(Exception):
    """The room pressed Esc (or chose Back): return to the menu."""


class Undid(Back):
    """The room undid the last saved answer: `place` is where that answer was given, so the
    room can give it again there (None: nowhere to go back to)."""

    def __init__(self, place: Place | None) -> None:
        super().__init__()
        self.place = place


def fitted(option: Option, width: int) -> Option:
    """An option whose title (and reason for being greyed out) fits one line, and whose
    description is wrapped to the screen."""
    room = width - TITLE_MARGIN
    title = fit(option.title, room)
    disabled = option.disabled
    if disabled:
        disabled = fit(disabled, max(room - len(title) - 3, 1))
    return replace(option, title=title, disabled=disabled)


class Talk:
    """The session's voice: a console to draw on and a prompter to ask with."""

    console: Console
    prompter: Prompter
    #: One line shown at the top of the next touchpoint screen, then dropped.
    notice: str | None

    @property
    def width(self) -> int:
        """The width a screen is laid out to: the terminal's, up to MAX_WIDTH."""
        return min(self.console.width, MAX_WIDTH)

    def header(self) -> Text | None:
        """The line at the top of every screen (the session fills it in)."""
        return None

    def undo_last(self) -> Undid | None:
        """Undo the last saved answer and say where it was given (the session fills it in);
        None, with a notice, when there is nothing to undo."""
        self.notice = _("Nothing to undo yet.")
        return None

    def redraw(self, backdrop: Backdrop | None = None) -> None:
        """Clear the screen and draw it again: the header, then what is above the prompt."""
        self.console.clear()
        if backdrop is not None:
            backdrop()
        elif (line := self.header()) is not None:
            self.console.print(line, no_wrap=True, crop=True)
            if self.notice:
                self.say(self.notice, "cyan")
                self.notice = None

    def _acted(self, answer: Any) -> Any:
        """Esc and undo act here, wherever they were pressed."""
        if answer == ESCAPE:
            raise Back
        if answer == UNDO:
            undone = self.undo_last()
            if undone is None:
                return Redraw()  # nothing was undone: say so on the same question
            raise undone
        return answer

    def ask_select(
        self,
        message: str,
        options: Sequence[Option],
        default: Any = None,
        instruction: str | None = None,
    ) -> Any:
        """Ask once; a Redraw comes back to the caller, which lays the screen out again."""
        width = self.width
        options = [fitted(o, width) for o in options]
        answer = self.prompter.select(message, options, default=default, instruction=instruction)
        return self._acted(answer)

    def select(
        self,
        message: str,
        options: Sequence[Option],
        default: Any = None,
        instruction: str | None = None,
        backdrop: Backdrop | None = None,
    ) -> Any:
        while True:
            answer = self.ask_select(message, options, default, instruction)
            if not isinstance(answer, Redraw):
                return answer
            if answer.value is not None and answer.value != NO_ANSWER:
                default = answer.value
            self.redraw(backdrop)

    def text(
        self,
        message: str,
        default: str = "",
        required: bool = False,
        limit: int = NAME_MAX,
        backdrop: Backdrop | None = None,
    ) -> str:
        """What the room typed, at most `limit` characters (the field's limit in the file): a
        longer answer is asked again, its first `limit` characters offered, so nothing that
        would not load is saved and nothing typed is thrown away unseen."""
        while True:
            answer = self._acted(self.prompter.text(message, default=default, required=required))
            if isinstance(answer, Redraw):
                default = answer.value if isinstance(answer.value, str) else default
                self.redraw(backdrop)
                continue
            if len(answer) <= limit:
                return str(answer)
            self.say(
                _("That is %(n)s characters; at most %(limit)s fit here. Please shorten it.")
                % {"n": number(len(answer)), "limit": number(limit)},
                "red",
            )
            default = answer[:limit]

    def confirm(
        self, message: str, default: bool = False, backdrop: Backdrop | None = None
    ) -> bool:
        """Yes or no, answered with y or n and then Enter; Enter alone gives `default`, which
        is no for anything that removes, clears or renders."""
        while True:
            answer = self.prompter.confirm(message, default=default)
            if not isinstance(answer, Redraw):
                return bool(answer)
            self.redraw(backdrop)

    def say(self, message: str, style: str = "") -> None:
        self.console.print(plain(message, style))

    def wrap(self, text: str) -> str:
        """A choice's description, wrapped to the screen: questionary shows it below the list,
        after "  Description: ", and cuts what does not fit."""
        return textwrap.fill(
            text, width=max(30, self.width - DESCRIPTION_MARGIN), subsequent_indent="  "
        )
