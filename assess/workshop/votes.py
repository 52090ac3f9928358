"""Everyone's vote in one line, and settling the room where the votes split.

Votes are kept as they were cast. The room's decision over them is recorded beside them
(`settled`, with the reason the room gives), so the report can show both. Accepting the
consensus is not a decision: a split stays open until the room settles it. A split is flagged
the moment it appears, with the choice to settle it now or later in the settle pass.
"""

from __future__ import annotations

from assess.files.storage import Place
from assess.i18n import _, in_sentence, ngettext
from assess.method.consensus import Consensus
from assess.method.words import number
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
    said = {
        "votes": found.describe_votes(),
        "spread": found.high - found.low,
        "value": found.value,
        "median": number(found.median),
    }
    text = _("Votes: %(votes)s · spread %(spread)s") % said
    if found.disagreement:
        text += " — " + _("the team disagrees")
    text += " · " + _("consensus %(value)s") % said
    if found.rounded == "up":
        text += " " + _("(median %(median)s, rounded up to protect the human)") % said
    elif found.rounded:
        text += " " + _("(median %(median)s, rounded down to protect the human)") % said
    return text


def take_votes(s: State, index: int, k: int) -> None:
    """Quick entry of everyone's vote. New votes reopen the question; the consensus counts
    (that is no decision of the room's). A split is flagged at once: settle it now, or later
    in the settle pass."""
    d = s.questionnaire.dimensions[k]
    people = list(s.workshop.participants)
    if not people:
        names = s.text(
            _("Who votes? Names separated by commas:"), required=True, limit=LONG_TEXT_MAX
        )
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
        said = {
            "question": d.label,
            "people": ", ".join(people),
            "example": example,
            "absent": ABSENT,
            "n": len(people),
        }
        raw = s.text(
            _(
                "%(question)s: votes of %(people)s, in that order (e.g. %(example)s; %(absent)s "
                "for someone absent):"
            )
            % said,
            required=True,
            backdrop=backdrop,
        )
        cast = parse_votes(raw, people)
        if cast is not None:
            break
        s.say(
            ngettext(
                "Give %(n)s entry, one per person in that order: a number from 1 to 5, or "
                "%(absent)s for someone who is absent.",
                "Give %(n)s entries, one per person in that order: a number from 1 to 5, or "
                "%(absent)s for someone who is absent.",
                len(people),
            )
            % said,
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
    said = {"question": in_sentence(d.label), "votes": describe(found)}
    if not found.disagreement:
        s.notice = _("Votes recorded on %(question)s. %(votes)s.") % said
        return
    s.notice = _("The votes on %(question)s split. %(votes)s.") % said
    options = [
        Option(_("Settle it now (the room decides, and may say why)"), NOW, key="x"),
        Option(_("Later: leave it open for the settle pass"), LATER, key="l"),
    ]
    where = Where(index, len(s.workshop.touchpoints), k)
    question = _("Settle %(question)s now?") % said
    choice = ask(s, index, where, question, options, default=NOW)
    if choice == NOW:
        settle_one(s, index, k)


def ask_reason(s: State, index: int, k: int, value: int) -> str | None:
    """Why the room settles a split so, if it says (Enter: no reason)."""
    d = s.questionnaire.dimensions[k]
    where = Where(index, len(s.workshop.touchpoints), k, more="")
    draw(s, index, where, 3)
    reason = s.text(
        _("Why does the room settle %(question)s at %(value)s? (optional; Enter: no reason)")
        % {"question": in_sentence(d.label), "value": value},
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
    instruction = "(" + left + _("Enter takes the consensus; u: undo; Esc: menu)")
    default = current_answer(d, s.result(index))
    answer = ask(s, index, where, question, options, default, instruction)
    if answer == SKIP:
        return False
    value = int(answer)
    s.set_settled(index, d.id, value, ask_reason(s, index, k, value))
    return True


def settle_one(s: State, index: int, k: int) -> None:
    """Settle one split now, where the room is."""
    label = in_sentence(s.questionnaire.dimensions[k].label)
    question = _("Settle %(question)s: what does the room decide?") % {"question": label}
    _ask_settled(s, index, k, question, _("Not now: leave it open"))


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
        s.say(_("No votes are split."))
    elif left:
        s.say(
            ngettext("%(n)s split left for later.", "%(n)s splits left for later.", left)
            % {"n": left}
        )
    else:
        s.say(_("Every split is settled."))


def _settle_at(s: State, index: int, k: int, splits: list[tuple[int, int]]) -> None:
    key, dimension = s.key_of(index), s.questionnaire.dimension_ids[k]
    if not s.result(index).consensus[dimension].open:
        return  # settled meanwhile (in the walk, or by an undo's way back)
    left = len(unsettled(s))
    label = in_sentence(s.questionnaire.dimensions[k].label)
    question = _("Settle %(question)s: what does the room decide?") % {"question": label}
    at = splits.index((index, k)) + 1 if (index, k) in splits else len(splits)
    heading = _("Split %(n)s of %(total)s") % {"n": at, "total": len(splits)} + " · "
    try:
        with s.on(index):
            left_said = _("%(n)s left; ") % {"n": left}
            _ask_settled(s, index, k, question, _("Skip: decide later"), heading, left_said)
    except Back:
        s.settle_from = (key, dimension)
        raise
    except KeyboardInterrupt:
        s.file.mark_pending(Place(key, k, settle=True))
        raise
