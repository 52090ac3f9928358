"""After a touchpoint's answers: its verdict, the room's note, and the touchpoint's menu (change
an answer, the optional questions, settle its splits, an action, a parked question).

In the walk the menu is shown only when something needs a decision (an open split, a
borderline verdict, an answer the verdict needs); otherwise the walk goes on, and the menu is
one key away: Back at the next touchpoint's first question."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from assess.files.storage import Place
from assess.i18n import _, in_sentence
from assess.journeys import Touchpoint
from assess.method.scoring import Result
from assess.method.words import join_words
from assess.models import LONG_TEXT_MAX, NAME_MAX
from assess.workshop import votes
from assess.workshop.answer import ask_dimension, clear, keep_or_set
from assess.workshop.facts import ask_facts
from assess.workshop.pager import page
from assess.workshop.planstep import PLAN, ask_plan, plan_option
from assess.workshop.prompts import Interrupted, Option
from assess.workshop.question import (
    ACTION,
    BACK,
    CLEAR,
    HELP,
    MORE,
    NOTHING,
    OPTIONAL,
    PARK,
    SETTLE,
    SKIP,
    VOTE,
    ask,
    draw,
)
from assess.workshop.screen import Where, all_reasons, describe_answer
from assess.workshop.state import Back, State

#: The touchpoint menu's choice that asks only what the verdict needs answered.
NEEDED = "__needed__"


def after_answers(s: State, index: int, draft: str | None = None, walking: bool = False) -> None:
    """The verdict, a note (`draft`: as far as it was typed before a Ctrl-C), then the
    touchpoint's menu; in the walk (`walking`) only when something needs a decision. The room
    has now walked the touchpoint's team answers."""
    result = s.result(index)
    if not result.scored:
        s.skipped.add(result.touchpoint.key)
        s.say(result.reasons[0], "yellow")
        return
    s.mark_walked(result)
    ask_note(s, index, draft)
    if walking and not needs_decision(s, s.result(index)):
        s.previous = result.touchpoint.key
        s.notice = _(
            "Saved %(name)s: nothing to decide there. b at the first question goes back to it."
        ) % {"name": repr(result.touchpoint.name)}
        return
    s.previous = None
    touchpoint_menu(s, index)


def needs_decision(s: State, result: Result) -> list[str]:
    """What on this touchpoint the room should decide before it goes on, in words."""
    found = []
    if result.open_splits:
        labels = join_words([in_sentence(c.label) for c in result.open_splits])
        found.append(_("the team is split on %(questions)s (x settles)") % {"questions": labels})
    if result.borderline:
        found.append(_("the verdict is borderline (m shows why)"))
    for item in result.open_questions:
        label = repr(s.questionnaire.optional_input(item).label)
        found.append(_("this verdict needs %(question)s answered (q)") % {"question": label})
    for item in split_answers(result.touchpoint):
        label = repr(s.questionnaire.optional_input(item).label)
        found.append(_("votes split on %(question)s (o answers it)") % {"question": label})
    return found


def _voters(tp: Touchpoint, question: str) -> dict[str, str]:
    """Who voted for each option of an optional question (' · votes Ana, Ben'), so a split
    the merge left open is settled with everyone's answers in sight."""
    by_option: dict[str, list[str]] = {}
    for person, answers in tp.answer_votes.items():
        if question in answers:
            by_option.setdefault(answers[question], []).append(person)
    return {
        option: " · " + _("votes %(people)s") % {"people": ", ".join(people)}
        for option, people in by_option.items()
    }


def split_answers(tp: Touchpoint) -> list[str]:
    """The optional questions whose votes differ and that the room has not answered."""
    given: dict[str, set[str]] = {}
    for answers in tp.answer_votes.values():
        for question, option in answers.items():
            given.setdefault(question, set()).add(option)
    return [q for q, options in given.items() if len(options) > 1 and q not in tp.inputs]


def touchpoint_menu(s: State, index: int) -> None:
    """Change an answer, answer the optional questions, settle a split, add an action or park
    a question, until the room says no."""
    while True:
        result = s.result(index)
        decide = needs_decision(s, result)
        if decide:
            s.notice = _("To decide: %(what)s.") % {"what": "; ".join(decide)}
        options = _change_options(s, result)
        where = Where(index, len(s.workshop.touchpoints), more=_("m shows all"))
        # Enter always goes on: what needs deciding is said above, one key away.
        change = ask(s, index, where, _("Change an answer?"), options, default=NOTHING)
        if change == NOTHING:
            return
        if not _act(s, index, change):
            return


def _act(s: State, index: int, change: object) -> bool:
    """Do what the room chose; False when the touchpoint is left unscored."""
    if change == MORE:
        show_all_reasons(s, index)
    elif change == PLAN:
        ask_plan(s, index)
    elif change == OPTIONAL:
        ask_inputs(s, index)
    elif change == NEEDED:
        ask_inputs(s, index, only=s.result(index).open_questions)
    elif change == SETTLE:
        votes.settle_touchpoint(s, index)
    elif change == ACTION:
        add_action(s, index)
    elif change == PARK:
        park(s, index)
    else:
        return _change_answer(s, index, int(str(change)))
    return True


def _change_options(s: State, result: Result) -> list[Option]:
    options = [Option(_("No, keep this verdict and go on"), NOTHING, key="n")]
    people = s.workshop.participants
    options += [
        Option(
            _("Change %(question)s (now %(answer)s)")
            % {"question": in_sentence(d.label), "answer": describe_answer(d, result, people)},
            k,
            key=str(k + 1),
        )
        for k, d in enumerate(s.questionnaire.dimensions)
    ]
    if result.open_splits:
        labels = join_words([in_sentence(c.label) for c in result.open_splits])
        said = _("Settle the split on %(questions)s now") % {"questions": labels}
        options.append(Option(said, SETTLE, key="x"))
    if result.open_questions:
        labels = join_words(
            [repr(s.questionnaire.optional_input(i).label) for i in result.open_questions]
        )
        said = _("Answer what this verdict needs: %(questions)s") % {"questions": labels}
        options.append(Option(said, NEEDED, key="q"))
    if s.questionnaire.inputs:
        options.append(Option(_optional_title(s, result), OPTIONAL, key="o"))
    tp = result.touchpoint
    options += [
        Option(
            _("Add an action: who does what, by when (%(n)s so far)") % {"n": len(tp.actions)},
            ACTION,
            key="a",
        ),
        Option(
            _("Park a question to take offline (%(n)s parked)") % {"n": len(tp.parked)},
            PARK,
            key="p",
        ),
        plan_option(result),  # owner, after and KPI (issue 28)
        Option(_("Show every reason"), MORE, key="m"),
    ]
    return options


def _optional_title(s: State, result: Result) -> str:
    """'Optional questions (2 of 5 answered: consequence, legal duty, ...)'."""
    said = {
        "answered": len(result.inputs),
        "total": len(s.questionnaire.inputs),
        "questions": ", ".join(in_sentence(i.label) for i in s.questionnaire.inputs),
        "split": ", ".join(
            in_sentence(s.questionnaire.optional_input(i).label)
            for i in split_answers(result.touchpoint)
        ),
    }
    if said["split"]:
        return (
            _(
                "Optional questions (%(answered)s of %(total)s answered; votes split on %(split)s: "
                "%(questions)s)"
            )
            % said
        )
    return _("Optional questions (%(answered)s of %(total)s answered: %(questions)s)") % said


def _change_answer(s: State, index: int, k: int) -> bool:
    """Ask dimension `k` again; False when clearing it leaves the touchpoint unscored."""
    answer = ask_dimension(s, index, k, back=False)
    if answer == VOTE:
        votes.take_votes(s, index, k)
    elif answer == SETTLE:
        votes.settle_one(s, index, k)
    elif answer == CLEAR:
        clear(s, index, k)
        return s.result(index).scored
    elif answer not in (HELP, SKIP, BACK):
        keep_or_set(s, index, k, int(answer))
    return True


def ask_inputs(s: State, index: int, only: Sequence[str] = ()) -> None:
    """The optional questions, one by one (`only`: just these), then the facts; Enter leaves
    each as it is."""
    q = s.questionnaire
    asked = [i for i in q.inputs if not only or i.id in only]
    for n, item in enumerate(asked, 1):
        tp = s.result(index).touchpoint
        current = tp.inputs.get(item.id)
        voters = _voters(tp, item.id)
        options = [
            Option(o.label + voters.get(o.id, ""), o.id, o.text, key=str(k))
            for k, o in enumerate(item.options, 1)
        ]
        leave = _("Leave as it is") if current else _("Leave unanswered")
        options.append(Option(leave, SKIP, key="s"))
        options.append(
            Option(
                _("Clear this answer"),
                CLEAR,
                key="c",
                disabled=None if current else _("not answered"),
            )
        )
        more = _("m shows all after these questions")
        answer = ask(
            s,
            index,
            Where(index, len(s.workshop.touchpoints), more=more),
            item.question,
            options,
            default=current or SKIP,
            instruction=_("(optional %(n)s of %(total)s; Enter keeps; Esc: menu)")
            % {"n": n, "total": len(asked)},
        )
        if answer == SKIP:
            continue
        value = None if answer == CLEAR else str(answer)
        if value != current:
            s.set_input(index, item.id, value)
    if not only:
        ask_facts(s, index)


def ask_note(s: State, index: int, draft: str | None = None) -> None:
    """Ask for the note. While it is asked, a file beside the workshop says so, with what was
    typed when Ctrl-C stopped the run, so the next run asks it again with that text."""
    tp = s.result(index).touchpoint
    s.file.mark_pending(Place(tp.key, note=draft or ""))
    where = Where(index, len(s.workshop.touchpoints), more=_("? as the note shows all"))
    typed = draft or tp.notes or ""
    try:
        while True:
            draw(s, index, where, 3)
            note = s.text(
                _("Note: why did we score it so? (Enter keeps it; ? shows every reason)"),
                default=typed,
                limit=LONG_TEXT_MAX,
                backdrop=lambda: draw(s, index, where, 3),
            )
            if note.strip() != "?":
                break
            show_all_reasons(s, index)
    except Interrupted as stopped:
        s.file.mark_pending(Place(tp.key, note=stopped.typed))
        raise
    except Back:
        s.file.clear_pending()  # Esc (or an undo): the room chose not to write one now
        raise
    if (note or None) != tp.notes:
        s.set_field(index, "notes", note or None)
    s.file.clear_pending()


def add_action(s: State, index: int) -> None:
    """What the room agreed someone will do: the action, its owner and, if given, a date."""
    where = Where(index, len(s.workshop.touchpoints), more="")

    def backdrop() -> None:
        draw(s, index, where, 3)

    backdrop()
    text = s.text(
        _("Action: what will be done? (Esc: back)"),
        required=True,
        limit=LONG_TEXT_MAX,
        backdrop=backdrop,
    )
    people = ", ".join(s.workshop.participants[:4])
    backdrop()
    owner = s.text(
        _("Who owns it? (e.g. %(people)s)") % {"people": people} if people else _("Who owns it?"),
        required=True,
        limit=NAME_MAX,
        backdrop=backdrop,
    )
    question = _("Due date, optional (e.g. 2026-12-31; Enter: none):")
    while True:
        backdrop()
        raw = s.text(question, backdrop=backdrop)
        try:
            due = dt.date.fromisoformat(raw).isoformat() if raw else None
            break
        except ValueError:
            question = _("%(typed)s is not a date; write it 2026-12-31 (Enter: none):") % {
                "typed": repr(raw[:20])
            }
    s.add_action(index, text, owner, due)
    said = {"owner": owner, "due": due}
    s.notice = (
        _("Action saved for %(owner)s, due %(due)s.") if due else _("Action saved for %(owner)s.")
    ) % said


def park(s: State, index: int) -> None:
    """A question the room takes offline, kept on the touchpoint and listed in the report."""
    where = Where(index, len(s.workshop.touchpoints), more="")

    def backdrop() -> None:
        draw(s, index, where, 3)

    backdrop()
    text = s.text(
        _("Question to park and take offline (Esc: back):"),
        required=True,
        limit=LONG_TEXT_MAX,
        backdrop=backdrop,
    )
    s.add_parked(index, text)
    s.notice = _("Parked; the report lists it in its appendix.")


def show_all_reasons(s: State, index: int) -> None:
    page(s, all_reasons(s.result(index), s.width), last=_("Press Enter to go back"))
