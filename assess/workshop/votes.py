"""Everyone's vote in one line, and settling the room where the votes split.

Votes are kept as they were cast; the room's decision is recorded beside them as the explicit
score, so the report can show both.
"""

from __future__ import annotations

from typing import Any

from assess.files import editing
from assess.method.consensus import Consensus
from assess.models import LONG_TEXT_MAX
from assess.workshop.prompts import Option
from assess.workshop.question import SKIP, anchor_options, ask, draw
from assess.workshop.screen import Where, current_answer, vote_legend
from assess.workshop.state import Back, State

ABSENT = "-"


def parse_votes(raw: str, people: list[str]) -> dict[str, int] | None:
    """'2 - 4' for three people: a whole number from 1 to 5 each, '-' for someone absent.
    None when the line does not give one entry per person."""
    entries = raw.replace(",", " ").split()
    if len(entries) != len(people) or not all(
        e in {"1", "2", "3", "4", "5", ABSENT} for e in entries
    ):
        return None
    cast = {p: int(e) for p, e in zip(people, entries, strict=True) if e != ABSENT}
    return cast or None


def describe(found: Consensus) -> str:
    spread = found.high - found.low
    text = f"Votes: {found.describe_votes()} · spread {spread}"
    if found.disagreement:
        text += " — the team disagrees"
    text += f" · consensus {found.value}"
    if found.rounded:
        text += f" (median {found.median:g}, rounded {found.rounded} to protect the human)"
    return text


def take_votes(s: State, index: int, k: int) -> None:
    """Quick entry of everyone's vote, then the facilitator settles the score, starting from
    the consensus; settling is the room's decision and is recorded (Skip leaves it open)."""
    d = s.questionnaire.dimensions[k]
    people = list(s.workshop.participants)
    if not people:
        names = s.text("Who votes? Names separated by commas:", required=True, limit=LONG_TEXT_MAX)
        people = [n.strip() for n in names.split(",") if n.strip()]
    while True:
        legend = vote_legend(d, s.console.width)
        draw(s, index, Where(index, len(s.workshop.touchpoints), k), prompt_lines=len(legend) + 3)
        for line in legend:
            s.console.print(line)
        example = " ".join(str(n % 5 + 1) for n in range(len(people)))
        raw = s.text(
            f"{d.label}: votes of {', '.join(people)}, in that order "
            f"(e.g. {example}; {ABSENT} for someone absent):",
            required=True,
        )
        cast = parse_votes(raw, people)
        if cast is not None:
            break
        s.say(
            f"Give {len(people)} entries, one per person in that order: a number from 1 to 5, "
            f"or {ABSENT} for someone who is absent.",
            "red",
        )
    key, ids = s.key_of(index), s.questionnaire.dimension_ids

    def record(doc: Any) -> None:
        for person, vote in cast.items():
            editing.set_vote(doc, s.at(key), person, d.id, vote, ids)

    s.change(record)
    _ask_settled(
        s, index, k, f"Settle {d.label.lower()}: what does the room decide?", "Skip for now"
    )


def _ask_settled(
    s: State, index: int, k: int, question: str, skip: str, heading: str = "", left: str = ""
) -> None:
    """Show the votes on one answer and record what the room settles on, starting from the
    consensus; Skip leaves it open."""
    d = s.questionnaire.dimensions[k]
    found = s.result(index).consensus[d.id]
    options = [*anchor_options(s, k), Option(skip, SKIP, key="s")]
    where = Where(index, len(s.workshop.touchpoints), k, more="")
    s.notice = heading + describe(found)
    instruction = f"({left}Enter takes the consensus; Esc: menu)"
    default = current_answer(d, s.result(index))
    answer = ask(s, index, where, question, options, default, instruction)
    if answer != SKIP:
        s.set_score(index, d.id, int(answer))


def split_dimensions(s: State) -> list[tuple[int, int]]:
    """(touchpoint, dimension) pairs where the votes spread by two points or more."""
    ids = s.questionnaire.dimension_ids
    return [
        (i, ids.index(c.dimension))
        for i, r in enumerate(s.assessment().results)
        for c in r.disagreement
    ]


def unsettled(s: State) -> list[tuple[int, int]]:
    """The splits the room has not yet settled (settling records its own answer)."""
    results = s.assessment().results
    ids = s.questionnaire.dimension_ids
    return [(i, k) for i, k in split_dimensions(s) if ids[k] not in results[i].touchpoint.scores]


def settle(s: State) -> None:
    """Visit the split dimensions not yet settled, from where the room last stopped; show who
    voted what; record the room's decision as the explicit score. The votes stay."""
    splits = split_dimensions(s)
    todo = unsettled(s)
    ids = s.questionnaire.dimension_ids
    at = [(s.key_of(i), ids[k]) for i, k in todo]
    if s.settle_from in at:  # where Esc left the last pass
        start = at.index(s.settle_from)
        todo = todo[start:] + todo[:start]
    for index, k in todo:
        left = len(unsettled(s))
        label = s.questionnaire.dimensions[k].label.lower()
        question = f"Settle {label}: what does the room decide?"
        heading = f"Split {splits.index((index, k)) + 1} of {len(splits)} · "
        try:
            _ask_settled(s, index, k, question, "Skip: decide later", heading, f"{left} left; ")
        except Back:
            s.settle_from = (s.key_of(index), ids[k])
            raise
    s.settle_from = None
    left = len(unsettled(s))
    if not splits:
        s.say("No votes are split.")
    elif left:
        s.say(f"{left} split{'s' if left != 1 else ''} left for later.")
    else:
        s.say("Every split is settled.")
