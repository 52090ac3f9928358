"""The walk through one touchpoint: one question per dimension, the verdict, a note, and a
chance to change an answer. Skip never erases: it leaves whatever is on disk. Enter keeps the
current answer (the room's score, else the team's consensus), so nothing the team decided
changes unless someone picks a different value."""

from __future__ import annotations

from typing import Any

from assess import editing
from assess.prompts import Option
from assess.workshop import votes
from assess.workshop.screen import (
    Where,
    all_reasons,
    current_answer,
    describe_answer,
    prompt_height,
    touchpoint_screen,
)
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


def score_touchpoint(s: State, index: int, resume: bool) -> None:
    dims = s.questionnaire.dimensions
    result = s.result(index)
    todo = [
        k
        for k, d in enumerate(dims)
        if not resume or current_answer(d, result) is None  # on resume: only what is open
    ] or list(range(len(dims)))
    pos, help_open = 0, False
    while pos < len(todo):
        k = todo[pos]
        answer = ask_dimension(s, index, k, first=pos == 0, show_help=help_open)
        help_open = answer == HELP
        if answer == HELP:
            continue
        if answer == VOTE:
            votes.take_votes(s, index, k)
            answer = SKIP  # settled (or left open) in the vote; on to the next question
        if answer == BACK:
            pos = max(pos - 1, 0)
        elif answer == CLEAR:
            if s.confirm(f"Clear the answer to {dims[k].label.lower()}? Votes stay.", False):
                s.set_score(index, dims[k].id, None)
            pos += 1
        elif answer == SKIP:
            pos += 1
        else:
            keep_or_set(s, index, k, int(answer))
            pos += 1
    after_answers(s, index)


def keep_or_set(s: State, index: int, k: int, value: int) -> None:
    """Write `value` as the room's score unless it is what already counts."""
    d = s.questionnaire.dimensions[k]
    if value != current_answer(d, s.result(index)):
        s.set_score(index, d.id, value)


def ask_dimension(
    s: State, index: int, k: int, first: bool = False, show_help: bool = False, back: bool = True
) -> Any:
    d = s.questionnaire.dimensions[k]
    result = s.result(index)
    explicit = result.touchpoint.scores.get(d.id) is not None
    options = anchor_options(s, k)
    options += [
        Option("Show help for this question", HELP, key="h"),
        Option("Record each person's vote", VOTE, key="v"),
        Option("Skip for now (keeps any answer)", SKIP, key="s"),
        Option(
            "Clear this answer",
            CLEAR,
            key="c",
            disabled=None if explicit else "no answer of the room's to clear",
        ),
    ]
    if back:
        options.append(
            Option(
                "Back to the previous question",
                BACK,
                key="b",
                disabled="this is the first question" if first else None,
            )
        )
    described = max((o.description or "").count("\n") + 1 for o in options)
    instruction = f"({k + 1} of {len(s.questionnaire.dimensions)}; number, Enter; Esc: menu)"
    height = prompt_height(len(options), described, f"{d.question} {instruction}", s.console.width)
    draw(s, index, Where(index, len(s.workshop.touchpoints), k, show_help), height)
    return s.select(d.question, options, default=current_answer(d, result), instruction=instruction)


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


def after_answers(s: State, index: int) -> None:
    """The verdict, a note, and a chance to change an answer."""
    result = s.result(index)
    if not result.scored:
        s.skipped.add(result.touchpoint.key)
        s.say(result.reasons[0], "yellow")
        return
    ask_note(s, index)
    dims = s.questionnaire.dimensions
    while True:
        result = s.result(index)
        options = [Option("No, keep this verdict", NOTHING, key="n")]
        options += [
            Option(
                f"Change {d.label.lower()} (now {describe_answer(d, result)})", k, key=str(k + 1)
            )
            for k, d in enumerate(dims)
        ]
        if s.questionnaire.inputs:
            answered = len(result.inputs)
            options.append(
                Option(
                    f"Optional questions ({answered} of {len(s.questionnaire.inputs)} answered: "
                    f"{', '.join(i.label.lower() for i in s.questionnaire.inputs)})",
                    OPTIONAL,
                    key="o",
                )
            )
        options.append(Option("Show every reason", MORE, key="m"))
        draw(s, index, prompt_lines=prompt_height(len(options)))
        change = s.select("Change an answer?", options, default=NOTHING)
        if change == NOTHING:
            return
        if change == MORE:
            show_all_reasons(s, index)
            continue
        if change == OPTIONAL:
            ask_inputs(s, index)
            continue
        answer = ask_dimension(s, index, int(change), back=False)
        if answer == VOTE:
            votes.take_votes(s, index, int(change))
            continue
        if answer == CLEAR:
            if s.confirm(f"Clear the answer to {dims[change].label.lower()}? Votes stay.", False):
                s.set_score(index, dims[change].id, None)
            if not s.result(index).scored:
                return
        elif answer not in (HELP, SKIP, BACK):
            keep_or_set(s, index, int(change), int(answer))


def ask_inputs(s: State, index: int) -> None:
    """The optional questions, one by one; Enter leaves each as it is."""
    q = s.questionnaire
    for n, item in enumerate(q.inputs, 1):
        current = s.result(index).touchpoint.inputs.get(item.id)
        options = [
            Option(o.label, o.id, s.wrap(o.text), key=str(k)) for k, o in enumerate(item.options, 1)
        ]
        options.append(Option("Leave as it is" if current else "Leave unanswered", SKIP, key="s"))
        options.append(
            Option(
                "Clear this answer",
                CLEAR,
                key="c",
                disabled=None if current else "not answered",
            )
        )
        draw(s, index, prompt_lines=prompt_height(len(options), 3, item.question, s.console.width))
        answer = s.select(
            item.question,
            options,
            default=current or SKIP,
            instruction=f"(optional {n} of {len(q.inputs)}; Enter keeps; Esc: menu)",
        )
        if answer == SKIP:
            continue
        value = None if answer == CLEAR else str(answer)
        if value != current:
            editing.set_input(s.doc, index, item.id, value, q.input_ids)
            s.save()


def ask_note(s: State, index: int) -> None:
    tp = s.result(index).touchpoint
    s.file.mark_pending(tp.key)
    while True:
        draw(s, index, prompt_lines=3)
        note = s.text(
            "Note: why did we score it so? (Enter keeps it; ? shows every reason)",
            default=tp.notes or "",
        )
        if note.strip() != "?":
            break
        show_all_reasons(s, index)
    if (note or None) != tp.notes:
        s.set_field(index, "notes", note or None)
    s.file.clear_pending()


def show_all_reasons(s: State, index: int) -> None:
    s.console.clear()
    for line in all_reasons(s.result(index), s.console.width):
        s.console.print(line)
    s.text("Press Enter to go back")
