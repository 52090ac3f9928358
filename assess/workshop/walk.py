"""The walk through one touchpoint: one question per dimension, the verdict, a note, and a
chance to change an answer. Skip never erases: it leaves whatever is on disk. Enter keeps the
current answer (the room's score, else the team's consensus), so nothing the team decided
changes unless someone picks a different value."""

from __future__ import annotations

from typing import Any

from assess.files import editing
from assess.method.scoring import Result
from assess.models import LONG_TEXT_MAX
from assess.team.csvimport import parse_number
from assess.workshop import votes
from assess.workshop.prompts import Option
from assess.workshop.question import (
    BACK,
    CLEAR,
    HELP,
    MORE,
    NOTHING,
    OPTIONAL,
    SKIP,
    VOTE,
    anchor_options,
    draw,
)
from assess.workshop.screen import (
    Where,
    all_reasons,
    current_answer,
    describe_answer,
    prompt_height,
)
from assess.workshop.state import State


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


def after_answers(s: State, index: int) -> None:
    """The verdict, a note, and a chance to change an answer."""
    result = s.result(index)
    if not result.scored:
        s.skipped.add(result.touchpoint.key)
        s.say(result.reasons[0], "yellow")
        return
    ask_note(s, index)
    while True:
        options = _change_options(s, s.result(index))
        draw(s, index, prompt_lines=prompt_height(len(options)))
        change = s.select("Change an answer?", options, default=NOTHING)
        if change == NOTHING:
            return
        if change == MORE:
            show_all_reasons(s, index)
        elif change == OPTIONAL:
            ask_inputs(s, index)
        elif not _change_answer(s, index, int(change)):
            return


def _change_options(s: State, result: Result) -> list[Option]:
    options = [Option("No, keep this verdict", NOTHING, key="n")]
    options += [
        Option(f"Change {d.label.lower()} (now {describe_answer(d, result)})", k, key=str(k + 1))
        for k, d in enumerate(s.questionnaire.dimensions)
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
    return options


def _change_answer(s: State, index: int, k: int) -> bool:
    """Ask dimension `k` again; False when clearing it leaves the touchpoint unscored."""
    d = s.questionnaire.dimensions[k]
    answer = ask_dimension(s, index, k, back=False)
    if answer == VOTE:
        votes.take_votes(s, index, k)
    elif answer == CLEAR:
        if s.confirm(f"Clear the answer to {d.label.lower()}? Votes stay.", False):
            s.set_score(index, d.id, None)
        return s.result(index).scored
    elif answer not in (HELP, SKIP, BACK):
        keep_or_set(s, index, k, int(answer))
    return True


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
    ask_facts(s, index)


#: Facts that size the business case, asked after the optional questions.
FACTS = (
    ("volume", "Contacts a month, all channels", True),
    ("handle_minutes", "Minutes a person spends on one today", False),
)


def ask_facts(s: State, index: int) -> None:
    """Volume and handle time: facts, not votes. Enter keeps what is there; '-' clears it."""
    for key, question, whole in FACTS:
        current = getattr(s.result(index).touchpoint, key)
        shown = "" if current is None else f"{current:g}"
        prompt = f"{question} (optional; Enter keeps, - clears)"
        while True:
            draw(s, index, prompt_lines=3)
            raw = s.text(prompt, default=shown)
            if raw == shown:
                break
            try:
                value = None if raw in ("", "-") else parse_number(raw, whole)
            except ValueError as exc:
                prompt = f"{question}: {exc}"
                continue
            s.set_field(index, key, value)
            break


def ask_note(s: State, index: int) -> None:
    tp = s.result(index).touchpoint
    s.file.mark_pending(tp.key)
    while True:
        draw(s, index, prompt_lines=3)
        note = s.text(
            "Note: why did we score it so? (Enter keeps it; ? shows every reason)",
            default=tp.notes or "",
            limit=LONG_TEXT_MAX,
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
