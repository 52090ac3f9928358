"""What every question screen shares: the touchpoint drawn above the prompt, the five anchored
answers, and the values the prompt's extra options return. The walk and the vote both ask
questions, so both take these from here."""

from __future__ import annotations

from assess.workshop.prompts import Option
from assess.workshop.screen import Where, touchpoint_screen
from assess.workshop.state import State

HELP, SKIP, BACK, VOTE, CLEAR = "__help__", "__skip__", "__back__", "__vote__", "__clear__"
MORE, OPTIONAL = "__more__", "__optional__"
#: questionary turns a choice whose value is None into its title, so "nothing" needs a sentinel.
NOTHING = "__nothing__"


def draw(s: State, index: int, where: Where | None = None, prompt_lines: int = 2) -> None:
    """Clear the screen and show the touchpoint, leaving `prompt_lines` for the question."""
    where = where or Where(index, len(s.workshop.touchpoints))
    height = max(s.console.height - prompt_lines - (1 if s.notice else 0), 6)
    s.console.clear()
    if s.notice:
        s.say(s.notice, "cyan")
        s.notice = None
    for line in touchpoint_screen(s.questionnaire, s.result(index), where, s.console.width, height):
        s.console.print(line, no_wrap=True, overflow="ellipsis", crop=True)


def anchor_options(s: State, k: int) -> list[Option]:
    """The five anchored answers. Titles fit the terminal; the full anchor wording shows below
    the list for the highlighted answer."""
    d = s.questionnaire.dimensions[k]
    room = max(30, s.console.width - 10)
    options = []
    for score, anchor in d.anchors.items():
        title = f"{anchor.label} · {anchor.text}"
        if len(title) > room:
            title = title[: room - 1].rstrip() + "…"
        full = s.wrap(f"{score} {anchor.label}: {anchor.text}")
        options.append(Option(title, score, full, key=str(score)))
    return options
