"""The walk through one touchpoint: one question per dimension, the verdict, a note, and a
chance to change an answer. Skip never erases: it leaves whatever is on disk. Enter keeps the
current answer (the room's score, else the team's consensus), so nothing the team decided
changes unless someone picks a different value."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from assess.economics import Economics
from assess.files import editing
from assess.files.storage import Place
from assess.journeys import Touchpoint
from assess.method.scoring import Result
from assess.models import LONG_TEXT_MAX
from assess.team.casecolumns import parse_money
from assess.team.csvimport import parse_number
from assess.workshop import votes
from assess.workshop.pager import page
from assess.workshop.planstep import PLAN, ask_plan, plan_option
from assess.workshop.prompts import NO_ANSWER, Interrupted, Option
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
    ask,
    draw,
)
from assess.workshop.screen import Where, all_reasons, current_answer, describe_answer
from assess.workshop.state import Back, Reloaded, State


def score_touchpoint(s: State, index: int, resume: bool, start: int | None = None) -> None:
    """Walk one touchpoint's questions. With `resume`, only the open ones (Back still reaches
    the others); otherwise, or when none is open, every one. `start` is the question to begin
    at. Esc or Ctrl-C remember where the room was, so it can go straight back there; an edit
    made outside the session asks the same question again."""
    dims = s.questionnaire.dimensions
    key = s.key_of(index)
    every = not resume or all(current_answer(d, s.result(index)) is not None for d in dims)
    k = start if start is not None else _forward(s, index, -1, every)
    help_open = False
    while k < len(dims):
        try:
            answer = ask_dimension(s, index, k, first=k == 0, show_help=help_open)
            help_open = answer == HELP
            k = _step(s, index, k, answer, every)
        except Reloaded:
            index = s.at(key)  # their version is loaded: the same question again
        except Back:
            s.place = Place(key, k, every=every)
            raise
        except KeyboardInterrupt:
            s.file.mark_pending(Place(key, k, every=every))
            raise
    s.place = None
    after_answers(s, index)


def _forward(s: State, index: int, k: int, every: bool) -> int:
    """The next question after `k`: the next one, or the next open one."""
    if every:
        return k + 1
    dims, result = s.questionnaire.dimensions, s.result(index)
    later = range(k + 1, len(dims))
    return next((j for j in later if current_answer(dims[j], result) is None), len(dims))


def _step(s: State, index: int, k: int, answer: Any, every: bool) -> int:
    """Act on one answer; returns the question to ask next."""
    d = s.questionnaire.dimensions[k]
    if answer == HELP:
        return k
    if answer == BACK:
        return max(k - 1, 0)
    if answer == VOTE:
        votes.take_votes(s, index, k)  # settled (or left open) in the vote; on to the next
    elif answer == CLEAR:
        if s.confirm(f"Clear the answer to {d.label.lower()}? Votes stay.", False):
            s.set_score(index, d.id, None)
    elif answer != SKIP:
        keep_or_set(s, index, k, int(answer))
    return _forward(s, index, k, every)


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
    current = current_answer(d, result)
    of = f"{k + 1} of {len(s.questionnaire.dimensions)}"
    instruction = (
        f"({of}; number, Enter; Esc: menu)"
        if current is not None
        else f"({of}; not answered yet: pick a number; Esc: menu)"
    )
    return ask(
        s,
        index,
        Where(index, len(s.workshop.touchpoints), k, show_help),
        d.question,
        options,
        default=NO_ANSWER if current is None else current,
        instruction=instruction,
    )


def after_answers(s: State, index: int, draft: str | None = None) -> None:
    """The verdict, a note (`draft`: as far as it was typed before a Ctrl-C), and a chance to
    change an answer. The room has now walked the touchpoint's team answers."""
    result = s.result(index)
    if not result.scored:
        s.skipped.add(result.touchpoint.key)
        s.say(result.reasons[0], "yellow")
        return
    s.mark_walked(result)
    ask_note(s, index, draft)
    while True:
        options = _change_options(s, s.result(index))
        where = Where(index, len(s.workshop.touchpoints), more="m shows all")
        change = ask(s, index, where, "Change an answer?", options, default=NOTHING)
        if change == NOTHING:
            return
        if change == MORE:
            show_all_reasons(s, index)
        elif change == OPTIONAL:
            ask_inputs(s, index)
        elif change == PLAN:  # owner, after and KPI (issue 28)
            ask_plan(s, index)
        elif not _change_answer(s, index, int(change)):
            return


def _change_options(s: State, result: Result) -> list[Option]:
    options = [Option("No, keep this verdict", NOTHING, key="n")]
    people = s.workshop.participants
    options += [
        Option(
            f"Change {d.label.lower()} (now {describe_answer(d, result, people)})",
            k,
            key=str(k + 1),
        )
        for k, d in enumerate(s.questionnaire.dimensions)
    ]
    if s.questionnaire.inputs:
        answered = len(result.inputs)
        split = _split_answers(result.touchpoint)
        open_splits = f"; votes split on {', '.join(split)}" if split else ""
        options.append(
            Option(
                f"Optional questions ({answered} of {len(s.questionnaire.inputs)} answered"
                f"{open_splits}: "
                f"{', '.join(i.label.lower() for i in s.questionnaire.inputs)})",
                OPTIONAL,
                key="o",
            )
        )
    options.append(plan_option(result))  # the plan's questions (issue 28)
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


def _voters(tp: Touchpoint, question: str) -> dict[str, str]:
    """Who voted for each option of an optional question (' · votes Ana, Ben'), so a split
    the merge left open is settled with everyone's answers in sight."""
    by_option: dict[str, list[str]] = {}
    for person, answers in tp.answer_votes.items():
        if question in answers:
            by_option.setdefault(answers[question], []).append(person)
    return {option: f" · votes {', '.join(people)}" for option, people in by_option.items()}


def _split_answers(tp: Touchpoint) -> list[str]:
    """The optional questions whose votes differ and that the room has not answered."""
    given: dict[str, set[str]] = {}
    for answers in tp.answer_votes.values():
        for question, option in answers.items():
            given.setdefault(question, set()).add(option)
    return [q for q, options in given.items() if len(options) > 1 and q not in tp.inputs]


def ask_inputs(s: State, index: int) -> None:
    """The optional questions, one by one; Enter leaves each as it is."""
    q = s.questionnaire
    for n, item in enumerate(q.inputs, 1):
        tp = s.result(index).touchpoint
        current = tp.inputs.get(item.id)
        voters = _voters(tp, item.id)
        options = [
            Option(o.label + voters.get(o.id, ""), o.id, s.wrap(o.text), key=str(k))
            for k, o in enumerate(item.options, 1)
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
        answer = ask(
            s,
            index,
            Where(index, len(s.workshop.touchpoints), more="m shows all after these questions"),
            item.question,
            options,
            default=current or SKIP,
            instruction=f"(optional {n} of {len(q.inputs)}; Enter keeps; Esc: menu)",
        )
        if answer == SKIP:
            continue
        value = None if answer == CLEAR else str(answer)
        if value != current:
            s.set_input(index, item.id, value)
    ask_facts(s, index)


#: Facts that size the business case, asked after the optional questions.
FACTS = (
    ("volume", "Contacts a month, all channels", True),
    ("handle_minutes", "Minutes a person spends on one today", False),
)


def ask_facts(s: State, index: int) -> None:
    """Volume and handle time: facts, not votes. Enter keeps what is there; '-' clears it."""
    first = s.workshop.economics is None and not any(
        t.volume is not None or t.handle_minutes is not None for t in s.workshop.touchpoints
    )
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
    tp = s.result(index).touchpoint
    if first and (tp.volume is not None or tp.handle_minutes is not None):
        offer_economics(s, index)


def offer_economics(s: State, index: int) -> None:
    """The first facts typed in a workshop without economics: offer to ask for the currency
    and the cost of an hour, so the report prices the hours it frees (without them it gives
    hours and full-time people). Asked once: the next facts find facts already there."""
    if not s.confirm(
        "These facts size the changes in hours. Add a currency and the cost of an hour of a "
        "person's time, to price them too?",
        False,
    ):
        return
    found: dict[str, Any] = {}
    for key, question, default in (
        ("currency", "Currency (an ISO code such as EUR, GBP or USD)", "EUR"),
        ("cost_per_hour", "Cost of an hour of a person's time, fully loaded", ""),
    ):
        prompt = question
        while True:
            draw(s, index, prompt_lines=3)
            raw = s.text(prompt, default=default).strip()
            try:
                value: Any = raw if key == "currency" else parse_money(raw)
                given = {"currency": "EUR", "cost_per_hour": 0, **found, key: value}
                checked = Economics.model_validate(given)
            except ValueError as exc:  # pydantic's ValidationError is one too
                why = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else exc
                prompt = f"{question}: {str(why).removeprefix('Value error, ')}"
                continue
            found[key] = getattr(checked, key)
            break
    s.change(lambda doc: editing.set_economics(doc, found))


def ask_note(s: State, index: int, draft: str | None = None) -> None:
    """Ask for the note. While it is asked, a file beside the workshop says so, with what was
    typed when Ctrl-C stopped the run, so the next run asks it again with that text."""
    tp = s.result(index).touchpoint
    s.file.mark_pending(Place(tp.key, note=draft or ""))
    where = Where(index, len(s.workshop.touchpoints), more="? as the note shows all")
    typed = draft or tp.notes or ""
    try:
        while True:
            draw(s, index, where, 3)
            note = s.text(
                "Note: why did we score it so? (Enter keeps it; ? shows every reason)",
                default=typed,
                limit=LONG_TEXT_MAX,
            )
            if note.strip() != "?":
                break
            show_all_reasons(s, index)
    except Interrupted as stopped:
        s.file.mark_pending(Place(tp.key, note=stopped.typed))
        raise
    except Back:
        s.file.clear_pending()  # Esc: the room chose not to write one
        raise
    if (note or None) != tp.notes:
        s.set_field(index, "notes", note or None)
    s.file.clear_pending()


def show_all_reasons(s: State, index: int) -> None:
    page(s, all_reasons(s.result(index), s.console.width), last="Press Enter to go back")
