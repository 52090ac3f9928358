"""Everyone's vote in one line, and settling the room where the votes split.

Votes are kept as they were cast. The room's decision over them is recorded beside them
(`settled`, with the reason the room gives), so the report can show both. Accepting the
consensus is not a decision: a split stays open until the room settles it. A split is flagged
the moment it appears, with the choice to settle it now or later in the settle pass.
"""

from __future__ import annotations

from assess.files.storage import Place
from assess.method.consensus import Consensus
from assess.models import LONG_TEXT_MAX
from assess.workshop.prompts import Option
from assess.workshop.question import SKIP, anchor_options, ask, draw
from assess.workshop.screen import Where, current_answer, vote_legend
from assess.workshop.state import Back, State

ABSENT = "-"
NOW, LATER = "__now__", "__later__"


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
    """Quick entry of everyone's vote. New votes reopen the question; the consensus counts
    (that is no decision of the room's). A split is flagged at once: settle it now, or later
    in the settle pass."""
    d = s.questionnaire.dimensions[k]
    people = list(s.workshop.participants)
    if not people:
        names = s.text("Who votes? Names separated by commas:", required=True, limit=LONG_TEXT_MAX)
        people = [n.strip() for n in names.split(",") if n.strip()]
    where = Where(index, len(s.workshop.touchpoints), k)

    def backdrop() -> None:
        legend = vote_legend(d, s.width)
        draw(s, index, where, prompt_lines=len(legend) + 3)
        for line in legend:
            s.console.print(line)

    while True:
        backdrop()
        example = " ".join(str(n % 5 + 1) for n in range(len(people)))
        raw = s.text(
            f"{d.label}: votes of {', '.join(people)}, in that order "
            f"(e.g. {example}; {ABSENT} for someone absent):",
            required=True,
            backdrop=backdrop,
        )
        cast = parse_votes(raw, people)
        if cast is not None:
            break
        s.say(
            f"Give {len(people)} entries, one per person in that order: a number from 1 to 5, "
            f"or {ABSENT} for someone who is absent.",
            "red",
        )
    s.record_votes(index, d.id, cast)
    voted(s, index, k)


def voted(s: State, index: int, k: int) -> None:
    """After votes on question `k` were recorded (typed in the room, or from phones): where
    they agree the consensus counts and the screen says so; a split is flagged at once, in
    context, with the choice to settle it now or later in the settle pass."""
    d = s.questionnaire.dimensions[k]
    found = s.result(index).consensus[d.id]
    if not found.disagreement:
        s.notice = f"Votes recorded on {d.label.lower()}. {describe(found)}."
        return
    s.notice = f"The votes on {d.label.lower()} split. {describe(found)}."
    options = [
        Option("Settle it now (the room decides, and may say why)", NOW, key="x"),
        Option("Later: leave it open for the settle pass", LATER, key="l"),
    ]
    where = Where(index, len(s.workshop.touchpoints), k)
    choice = ask(s, index, where, f"Settle {d.label.lower()} now?", options, default=NOW)
    if choice == NOW:
        settle_one(s, index, k)


def ask_reason(s: State, index: int, k: int, value: int) -> str | None:
    """Why the room settles a split so, if it says (Enter: no reason)."""
    d = s.questionnaire.dimensions[k]
    where = Where(index, len(s.workshop.touchpoints), k, more="")
    draw(s, index, where, 3)
    reason = s.text(
        f"Why does the room settle {d.label.lower()} at {value}? (optional; Enter: no reason)",
        limit=LONG_TEXT_MAX,
        backdrop=lambda: draw(s, index, where, 3),
    )
    return reason or None


def _ask_settled(
    s: State, index: int, k: int, question: str, skip: str, heading: str = "", left: str = ""
) -> bool:
    """Show the votes on one answer and record what the room settles on, starting from the
    consensus, with the room's reason; Skip leaves it open. True when it was settled."""
    d = s.questionnaire.dimensions[k]
    found = s.result(index).consensus[d.id]
    options = [*anchor_options(s, k), Option(skip, SKIP, key="s")]
    where = Where(index, len(s.workshop.touchpoints), k, more="")
    s.notice = heading + describe(found)
    instruction = f"({left}Enter takes the consensus; u: undo; Esc: menu)"
    default = current_answer(d, s.result(index))
    answer = ask(s, index, where, question, options, default, instruction)
    if answer == SKIP:
        return False
    value = int(answer)
    s.set_settled(index, d.id, value, ask_reason(s, index, k, value))
    return True


def settle_one(s: State, index: int, k: int) -> None:
    """Settle one split now, where the room is."""
    label = s.questionnaire.dimensions[k].label.lower()
    _ask_settled(
        s, index, k, f"Settle {label}: what does the room decide?", "Not now: leave it open"
    )


def settle_touchpoint(s: State, index: int) -> None:
    """Settle the open splits of one touchpoint, one by one."""
    ids = s.questionnaire.dimension_ids
    for c in s.result(index).open_splits:
        settle_one(s, index, ids.index(c.dimension))


def split_dimensions(s: State) -> list[tuple[int, int]]:
    """(touchpoint, dimension) pairs where the votes spread by two points or more."""
    ids = s.questionnaire.dimension_ids
    return [
        (i, ids.index(c.dimension))
        for i, r in enumerate(s.assessment().results)
        for c in r.disagreement
    ]


def unsettled(s: State) -> list[tuple[int, int]]:
    """The splits the room has not yet settled."""
    ids = s.questionnaire.dimension_ids
    return [
        (i, ids.index(c.dimension))
        for i, r in enumerate(s.assessment().results)
        for c in r.open_splits
    ]


def settle(s: State) -> None:
    """Visit the split dimensions not yet settled, from where the room last stopped; show who
    voted what; record the room's decision and its reason. The votes stay. Esc or Ctrl-C
    remember the split, so the room comes back to it."""
    splits = split_dimensions(s)
    todo = unsettled(s)
    ids = s.questionnaire.dimension_ids
    at = [(s.key_of(i), ids[k]) for i, k in todo]
    if s.settle_from in at:  # where Esc or Ctrl-C left the last pass
        start = at.index(s.settle_from)
        todo = todo[start:] + todo[:start]
    for index, k in [(s.key_of(i), k) for i, k in todo]:
        _settle_at(s, s.at(index), k, splits)
    s.settle_from = None
    left = len(unsettled(s))
    if not splits:
        s.say("No votes are split.")
    elif left:
        s.say(f"{left} split{'s' if left != 1 else ''} left for later.")
    else:
        s.say("Every split is settled.")


def _settle_at(s: State, index: int, k: int, splits: list[tuple[int, int]]) -> None:
    key, dimension = s.key_of(index), s.questionnaire.dimension_ids[k]
    if not s.result(index).consensus[dimension].open:
        return  # settled meanwhile (in the walk, or by an undo's way back)
    left = len(unsettled(s))
    label = s.questionnaire.dimensions[k].label.lower()
    question = f"Settle {label}: what does the room decide?"
    number = splits.index((index, k)) + 1 if (index, k) in splits else len(splits)
    heading = f"Split {number} of {len(splits)} · "
    try:
        with s.on(index):
            _ask_settled(s, index, k, question, "Skip: decide later", heading, f"{left} left; ")
    except Back:
        s.settle_from = (key, dimension)
        raise
    except KeyboardInterrupt:
        s.file.mark_pending(Place(key, k, settle=True))
        raise
