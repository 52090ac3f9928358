"""Votes from phones, the walk's side (`assess run --phones`).

Each of a touchpoint's questions opens a blind round on every phone. The facilitator's screen
is the question as always, with one more line, kept live: `r) Reveal · 5 of 8 voted (waiting:
Ana, Ben, Cy)`, who has voted and never what. `r` (or Enter) reveals every value with its
voter's name, on this screen and on every phone at once; a split is flagged there and then,
to vote again (a fresh blind round) or settle now. Enter accepts the votes as votes: the
consensus counts, as it does for a team's merged votes, and it is no decision of the room's.
The facilitator can still type the room's answer instead, as without phones.

The votes are written by this side alone, as merged votes are (`votes: {Ana: {complexity: 3}}`),
each accepted round saved at once and undone like any answer. "Don't know" is written as
`null`: no vote, and it takes the place of a vote that person gave there before (a vote of
someone outside the round still counts, and the reveal says so). Who voted from a phone is kept
in the workshop's `phone_voters`, for the report. Optional questions, facts, the settle pass and
a touchpoint's menu stay with the keyboard.
"""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Callable
from functools import partial
from typing import Any

from assess.ballot import Choice, Question, Reveal, VoteRoom
from assess.files import editing
from assess.i18n import _
from assess.method.consensus import Consensus, consensus
from assess.workshop import votes
from assess.workshop.answer import ask_dimension
from assess.workshop.phonescreen import (
    PhoneRound,
    accept_title,
    join_lines,
    join_text,
    joined_title,
    reveal_lines,
    tally_title,
)
from assess.workshop.prompts import Live, Option, laid_out
from assess.workshop.question import HELP, KEPT_LINES, SKIP, draw
from assess.workshop.screen import Where
from assess.workshop.state import Back, Reloaded, State
from assess.workshop.talk import TITLE_MARGIN

REVEAL, JOIN, START = "__reveal__", "__join__", "__start__"
ACCEPT, AGAIN, DECIDE = "__accept__", "__again__", "__decide__"
#: What a select prompt takes besides its question and options: a spare line.
SPARE = 1


def start(s: State) -> None:
    """With `--phones`: start the server once the participants are known, and show how to
    join. Esc or Enter starts the walk."""
    if s.phones is None or s.room is not None or s.loaded is None:
        return
    s.room = s.phones.serve(tuple(s.workshop.participants))
    with contextlib.suppress(Back):
        show_join(s)


def _watch(room: VoteRoom) -> Callable[[Callable[[], None]], Callable[[], None]]:
    """Wake the prompt after each change in the room (from the server's thread)."""

    def watch(wake: Callable[[], None]) -> Callable[[], None]:
        return room.on_change(lambda tally: wake())

    return watch


def _prompt_lines(message: str, instruction: str, width: int, options: int) -> int:
    question, below = laid_out(message, instruction, width)
    return question.count("\n") + below.count("\n") + 1 + options + SPARE


def show_join(s: State) -> None:
    """The join address as text and as a code a phone camera reads off the projector, with who
    has joined so far, live; Enter goes on."""
    room, phones = s.room, s.phones
    assert room is not None and phones is not None
    people = tuple(s.workshop.participants)
    warning = None
    if not people and not phones.open_join:
        warning = _(
            "No participants are listed in %(file)s, so no phone can join. Add them to its "
            "participants, or run again with --open-join."
        ) % {"file": s.path.name}
    message, instruction = _("Everyone in?"), _("(Enter: start)")

    def backdrop() -> None:
        s.console.clear()
        width, header = s.width, s.header()
        said = textwrap.wrap(warning, width) if warning else []
        # The prompt (its question, one option and a spare line), the header and a warning;
        # where the code would not fit with them, the code and the prompt alone.
        height = s.console.height - _prompt_lines(message, instruction, width, 1) - len(said)
        address, code = room.address, phones.code
        lay_out = partial(join_lines, lambda b: code(address, b), address, phones.slide.name, width)
        lines = lay_out(height - (header is not None))
        if lines is None and (lines := lay_out(height + SPARE)) is not None:
            header, said = None, []
        if header is not None:
            s.console.print(header, no_wrap=True, crop=True)
        for words in said:
            s.say(words, "bold red")
        for line in lines or join_text(address, phones.slide.name, width):
            s.console.print(line, no_wrap=True, crop=True)

    live = Live(lambda width: joined_title(room.tally(), people, width), _watch(room))
    title = joined_title(room.tally(), people, s.width - TITLE_MARGIN)
    backdrop()
    s.select(message, [Option(title, START, live=live)], START, instruction, backdrop)


# --- a question's blind round ----------------------------------------------------------------


def question_of(s: State, index: int, k: int) -> Question:
    """Dimension `k` of touchpoint `index`, as the phones show it."""
    d = s.questionnaire.dimensions[k]
    tp = s.workshop.touchpoints[index]
    context = _("Touchpoint %(n)d of %(total)d") % {
        "n": index + 1,
        "total": len(s.workshop.touchpoints),
    }
    choices = tuple(Choice(n, a.label, a.text) for n, a in d.anchors.items())
    return Question(
        tp.name,
        d.id,
        d.label,
        d.question,
        d.help,
        choices,
        f"{context} · {tp.stage}" if tp.stage else context,
    )


def ask(
    s: State, index: int, k: int, first: bool = False, show_help: bool = False, back: bool = True
) -> Any:
    """Ask dimension `k` while the room votes on it from phones. Returns the answer as
    :func:`~assess.workshop.answer.ask_dimension` does; SKIP once the room's votes are
    recorded (or skipped at the reveal), so the walk goes on."""
    room = s.room
    assert room is not None
    question = question_of(s, index, k)
    if room.tally().question != question:
        room.open(question)  # a question asked again (help, a reload) keeps its round
    try:
        return _ask(s, room, index, k, (first, show_help, back))
    except Reloaded:
        raise  # the same question is asked again, with its round as it was
    except BaseException:
        room.close()  # Esc, an undo, Ctrl-C: the phones wait for the next question
        raise


def _ask(s: State, room: VoteRoom, index: int, k: int, how: tuple[bool, bool, bool]) -> Any:
    first, show_help, back = how
    while True:
        if room.tally().revealed:
            if _revealed(s, room, index, k) == AGAIN:
                room.again()
                continue
            room.close()
            return SKIP
        answer = ask_dimension(s, index, k, first, show_help, back, phones=_round(s, room, k))
        if answer == JOIN:
            show_join(s)
        elif answer == REVEAL:
            room.reveal()
        else:
            if answer != HELP:
                room.close()  # the room's answer typed, skip, back: no votes this time
            return answer


def _round(s: State, room: VoteRoom, k: int) -> PhoneRound:
    people = tuple(s.workshop.participants)
    reveal = Option(
        tally_title(room.tally(), people, s.width - TITLE_MARGIN),
        REVEAL,
        key="r",
        live=Live(lambda width: tally_title(room.tally(), people, width), _watch(room)),
    )
    join = Option(_("Show the join code again, for latecomers"), JOIN, key="j")
    of = _("%(k)d of %(n)d") % {"k": k + 1, "n": len(s.questionnaire.dimensions)}
    instruction = _("(%(of)s; Enter or r: reveal; Esc: menu)")
    return PhoneRound([reveal, join], REVEAL, instruction % {"of": of})


# --- the reveal ------------------------------------------------------------------------------


def _counted(
    s: State, index: int, k: int, outcome: Reveal
) -> tuple[dict[str, int], Consensus | None]:
    """The earlier votes that still count beside the round's (of people outside it), and the
    consensus that accepting the round gives."""
    d = s.questionnaire.dimensions[k]
    earlier = {
        person: value
        for person, ballot in s.result(index).touchpoint.votes.items()
        if person not in outcome.votes and (value := ballot.get(d.id)) is not None
    }
    return earlier, consensus(d, {**earlier, **outcome.votes})


def _revealed(s: State, room: VoteRoom, index: int, k: int) -> str:
    """Every value with its voter's name; the room accepts the votes, votes again, settles
    now or skips. Returns AGAIN for a fresh round, else what was done."""
    outcome = room.reveal()  # the same reveal again, after a reload or a redraw
    d = s.questionnaire.dimensions[k]
    silent = [name for name in room.tally().joined if name not in outcome.votes]
    earlier, found = _counted(s, index, k, outcome)
    given = found is not None and any(v is not None for v in outcome.votes.values())
    nothing = None if given else _("nobody gave a value")
    options = [
        Option(accept_title(found, d), ACCEPT, key="y", disabled=nothing),
        Option(_("Vote again: a fresh blind round"), AGAIN, key="a"),
        Option(
            _("Settle it now: the room decides, and may say why (votes kept)")
            if outcome.split
            else _("Decide another value over the votes (votes kept)"),
            DECIDE,
            key="x",
            disabled=nothing,
        ),
        Option(_("Skip for now: record nothing"), SKIP, key="s"),
    ]
    message = _("%(label)s: the votes are in") % {"label": d.label}
    instruction = _("(Enter: accept; a: vote again; x: settle now; Esc: menu)")
    where = Where(index, len(s.workshop.touchpoints), k, more="")

    def backdrop() -> None:
        width = s.width
        prompt = _prompt_lines(message, instruction, width, len(options))
        room_left = s.console.height - prompt - KEPT_LINES - 1
        lines = reveal_lines(outcome, d, silent, earlier, width, max(room_left, 2))
        draw(s, index, where, prompt + len(lines))
        for line in lines:
            s.console.print(line, no_wrap=True, crop=True)

    backdrop()
    choice = s.select(message, options, ACCEPT if given else AGAIN, instruction, backdrop)
    if choice in (AGAIN, SKIP):
        return str(choice)
    key = s.key_of(index)
    record(s, index, k, outcome)
    if choice == DECIDE:
        votes.settle_one(s, s.at(key), k)
    else:
        s.notice = recorded(s, s.at(key), k)
    return str(choice)


def record(s: State, index: int, k: int, outcome: Reveal) -> None:
    """Write the round's votes (a "don't know" as null), and who voted from a phone."""
    d = s.questionnaire.dimensions[k]
    key = s.key_of(index)
    voters = list(outcome.votes)
    known = s.workshop
    if any(name not in known.phone_voters for name in voters) or any(
        name not in known.participants for name in voters
    ):

        def remember(doc: Any) -> None:
            editing.add_names(doc, "participants", voters)  # --open-join: a name of their own
            editing.add_names(doc, "phone_voters", voters)

        s.change(remember)
    s.record_votes(s.at(key), d.id, dict(outcome.votes))


def recorded(s: State, index: int, k: int) -> str:
    """What the screen says once the round's votes are recorded."""
    d = s.questionnaire.dimensions[k]
    found: Consensus | None = s.result(index).consensus.get(d.id)
    label = d.label.lower()
    if found is None:
        return _("Nobody gave a value on %(label)s.") % {"label": label}
    said = votes.describe(found)
    if found.disagreement:
        text = _(
            "The votes from phones on %(label)s are recorded; the split stays open for the "
            "settle pass."
        )
    else:
        text = _("The votes from phones on %(label)s are recorded.")
    return f"{text % {'label': label}} {said}."
