"""What every question screen shares: the touchpoint drawn above the prompt, the five anchored
answers, and the values the prompt's extra options return. The walk and the vote both ask
questions, so both take these from here.

Whatever the terminal's size (down to 60x20), a question screen keeps where the room is, the
touchpoint's name and its verdict: the prompt's texts are shortened first (with "…"), then the
answers and reasons above it, never those three lines."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from assess.i18n import _
from assess.views.terminal import plain
from assess.workshop.pager import page
from assess.workshop.prompts import (
    NO_ANSWER,
    NUMBER_OR_ARROWS,
    PICK_FIRST,
    Option,
    Redraw,
    laid_out,
)
from assess.workshop.screen import ESSENTIAL_LINES, Where, fit, help_lines, touchpoint_screen
from assess.workshop.state import State
from assess.workshop.talk import DESCRIPTION_MARGIN

HELP, SKIP, BACK, VOTE, CLEAR = "__help__", "__skip__", "__back__", "__vote__", "__clear__"
MORE, OPTIONAL, SETTLE = "__more__", "__optional__", "__settle__"
ACTION, PARK = "__action__", "__park__"
#: questionary turns a choice whose value is None into its title, so "nothing" needs a sentinel.
NOTHING = "__nothing__"
#: The lines every question screen keeps: the header, then "Touchpoint N of M", the name and
#: the verdict.
KEPT_LINES = ESSENTIAL_LINES + 1


def draw(s: State, index: int, where: Where | None = None, prompt_lines: int = 2) -> None:
    """Clear the screen and show the header, any notice, then the touchpoint, leaving
    `prompt_lines` for the question."""
    where = where or Where(index, len(s.workshop.touchpoints))
    where = replace(where, people=tuple(s.workshop.participants))
    header = s.header()
    width = s.width
    room = s.console.height - prompt_lines - (0 if header is None else 1)
    if behind := s.behind():
        s.notice = f"{s.notice} {behind}" if s.notice else behind
    # A notice takes up to two lines, and only what the essential lines and the open
    # question's answer leave.
    said = textwrap.wrap(s.notice or "", width)
    left = room - ESSENTIAL_LINES - (0 if where.current is None else 1)
    notice = said[: max(min(left, 2), 0)]
    if len(notice) < len(said) and notice:
        notice[-1] = fit(notice[-1] + " …", width)
    height = max(room - len(notice), ESSENTIAL_LINES)
    s.console.clear()
    s.notice = None
    if header is not None:
        s.console.print(header, no_wrap=True, overflow="ellipsis", crop=True)
    for said_line in notice:
        s.console.print(plain(said_line, "cyan"), no_wrap=True, crop=True)
    for line in touchpoint_screen(s.questionnaire, s.result(index), where, width, height):
        s.console.print(line, no_wrap=True, overflow="ellipsis", crop=True)


def ask(
    s: State,
    index: int,
    where: Where,
    message: str,
    options: Sequence[Option],
    default: Any = None,
    instruction: str | None = None,
) -> Any:
    """Draw the touchpoint, then ask, with the prompt fitted to the terminal: each title on
    one line, and the highlighted answer's description only as long as the screen allows.
    A resized terminal (or Ctrl-L) lays it all out again at the new size."""
    while True:
        width, height = s.width, s.console.height
        question, below = laid_out(message, instruction or _(NUMBER_OR_ARROWS), width)
        question_lines = question.count("\n") + below.count("\n") + 1
        # Room for the kept lines, the open question's answer line and any help asked for
        # above the prompt.
        helped = help_lines(s.questionnaire, where, width)
        beside = height - KEPT_LINES - 1 - question_lines - len(options) - 2
        # Help too long to show beside the question gets a page of its own.
        if helped and len(helped) > beside:
            page(s, helped, last=_("Press Enter to go back to the question"))
            where, helped = replace(where, show_help=False), []
        above = KEPT_LINES + 1 + len(helped)
        spare = height - above - question_lines - len(options) - 1
        limit = max(spare, 1)
        shown = [
            replace(o, description=_shorten(_wrapped(o.description, width), width, limit))
            for o in options
        ]
        described = max(_lines(o.description, width) for o in shown)
        if default == NO_ANSWER:
            described = max(described, min(_lines(_(PICK_FIRST), width), limit))
        draw(s, index, where, question_lines + len(shown) + described + 1)
        answer = s.ask_select(message, shown, default=default, instruction=instruction)
        if not isinstance(answer, Redraw):
            return answer
        if answer.value is not None:
            default = answer.value


def _wrapped(description: str | None, width: int) -> str | None:
    """A description wrapped to the screen as it is now (it may have been resized)."""
    if description is None:
        return None
    return textwrap.fill(
        " ".join(description.split()),
        width=max(30, width - DESCRIPTION_MARGIN),
        subsequent_indent="  ",
    )


def _lines(description: str | None, width: int) -> int:
    """Lines a description takes below the list, after "  Description: "."""
    if not description:
        return 0
    return sum(
        max(1, -(-(len(line) + (DESCRIPTION_MARGIN if n == 0 else 0)) // width))
        for n, line in enumerate(description.splitlines())
    )


def _shorten(description: str | None, width: int, limit: int) -> str | None:
    if description is None or _lines(description, width) <= limit:
        return description
    words = " ".join(description.split())
    wrapped = textwrap.wrap(words, width=max(20, width - DESCRIPTION_MARGIN))
    kept = wrapped[:limit]
    if len(kept) < len(wrapped):
        kept[-1] = fit(kept[-1] + " " + wrapped[len(kept)], len(kept[-1]) + 1)
    return "\n  ".join(kept)


def anchor_options(s: State, k: int) -> list[Option]:
    """The five anchored answers. Titles fit the terminal; the full anchor wording shows below
    the list for the highlighted answer."""
    d = s.questionnaire.dimensions[k]
    return [
        Option(
            f"{anchor.label} · {anchor.text}",
            score,
            f"{score} {anchor.label}: {anchor.text}",
            key=str(score),
        )
        for score, anchor in d.anchors.items()
    ]
