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

from assess.views.terminal import plain
from assess.workshop.pager import page
from assess.workshop.prompts import NO_ANSWER, PICK_FIRST, Option, laid_out
from assess.workshop.screen import ESSENTIAL_LINES, Where, fit, help_lines, touchpoint_screen
from assess.workshop.state import State

HELP, SKIP, BACK, VOTE, CLEAR = "__help__", "__skip__", "__back__", "__vote__", "__clear__"
MORE, OPTIONAL = "__more__", "__optional__"
#: questionary turns a choice whose value is None into its title, so "nothing" needs a sentinel.
NOTHING = "__nothing__"
#: What questionary puts before a choice's description.
DESCRIPTION_MARGIN = 16


def draw(s: State, index: int, where: Where | None = None, prompt_lines: int = 2) -> None:
    """Clear the screen and show the touchpoint, leaving `prompt_lines` for the question."""
    where = where or Where(index, len(s.workshop.touchpoints))
    where = replace(where, people=tuple(s.workshop.participants))
    width, room = s.console.width, s.console.height - prompt_lines
    # A notice takes up to two lines, and only what the essential lines and the open
    # question's answer leave.
    left = room - ESSENTIAL_LINES - (0 if where.current is None else 1)
    notice = textwrap.wrap(s.notice or "", width)[: max(min(left, 2), 0)]
    if len(notice) < len(textwrap.wrap(s.notice or "", width)) and notice:
        notice[-1] = fit(notice[-1] + " …", width)
    height = max(room - len(notice), ESSENTIAL_LINES)
    s.console.clear()
    s.notice = None
    for said in notice:
        s.console.print(plain(said, "cyan"), no_wrap=True, crop=True)
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
    one line, and the highlighted answer's description only as long as the screen allows."""
    width, height = s.console.width, s.console.height
    question, below = laid_out(message, instruction or "(number or arrows, Enter)", width)
    question_lines = question.count("\n") + below.count("\n") + 1
    # Room for the essential lines, the open question's answer line and any help asked for
    # above the prompt.
    helped = help_lines(s.questionnaire, where, width)
    beside = height - ESSENTIAL_LINES - 1 - question_lines - len(options) - 2
    if len(helped) > beside:  # too long to show beside the question: a page of its own
        page(s, helped, last="Press Enter to go back to the question")
        where, helped = replace(where, show_help=False), []
    above = ESSENTIAL_LINES + 1 + len(helped)
    spare = height - above - question_lines - len(options) - 1
    limit = max(spare, 1)
    options = [replace(o, description=_shorten(o.description, width, limit)) for o in options]
    described = max(_lines(o.description, width) for o in options)
    if default == NO_ANSWER:
        described = max(described, min(_lines(PICK_FIRST, width), limit))
    draw(s, index, where, question_lines + len(options) + described + 1)
    return s.select(message, options, default=default, instruction=instruction)


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
    room = max(30, s.console.width - 10)
    options = []
    for score, anchor in d.anchors.items():
        title = fit(f"{anchor.label} · {anchor.text}", room)
        full = s.wrap(f"{score} {anchor.label}: {anchor.text}")
        options.append(Option(title, score, full, key=str(score)))
    return options
