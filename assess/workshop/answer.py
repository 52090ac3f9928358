"""One question of the walk, and what the room's answer to it writes: where people voted, a
different value is the room's decision over the votes, and on a split it settles it (the room
may say why). Clearing asks for y and Enter first."""

from __future__ import annotations

from typing import Any

from assess.i18n import _, in_sentence
from assess.workshop import votes
from assess.workshop.phonescreen import PhoneRound
from assess.workshop.prompts import NO_ANSWER, Option
from assess.workshop.question import BACK, CLEAR, HELP, SETTLE, SKIP, VOTE, anchor_options, ask
from assess.workshop.screen import Where, current_answer
from assess.workshop.state import State


def ask_dimension(
    s: State,
    index: int,
    k: int,
    first: bool = False,
    show_help: bool = False,
    back: bool = True,
    phones: PhoneRound | None = None,
) -> Any:
    """Ask dimension `k`; `phones`: what the question adds while the room votes on it from
    phones (:mod:`assess.workshop.phonevote`)."""
    d = s.questionnaire.dimensions[k]
    result = s.result(index)
    team = result.consensus.get(d.id)
    explicit = result.touchpoint.scores.get(d.id) is not None or bool(team and team.room)
    split = team is not None and team.open
    options = anchor_options(s, k) + list(phones.options if phones else ())
    options += [
        Option(_("Show help for this question"), HELP, key="h"),
        # On an open split, settling it is what the room needs; elsewhere, its votes.
        Option(_("Settle this split now (with a reason)"), SETTLE, key="x")
        if split
        else Option(_("Record each person's vote"), VOTE, key="v"),
        Option(_("Skip for now (keeps any answer)"), SKIP, key="s"),
        Option(
            _("Clear this answer"),
            CLEAR,
            key="c",
            disabled=None if explicit else _("no answer of the room's to clear"),
        ),
    ]
    if back:
        options.append(_back_option(s, first))
    if phones:  # the room votes from its phones, not called out one by one
        options = [o for o in options if o.value != VOTE]
    current = current_answer(d, result)
    of = {"n": k + 1, "total": len(s.questionnaire.dimensions)}
    if split:
        instruction = _("(%(n)s of %(total)s; split: x settles it now; Enter: leave it open)") % of
    elif current is not None:
        instruction = _("(%(n)s of %(total)s; number, Enter; u: undo; Esc: menu)") % of
    else:
        instruction = _("(%(n)s of %(total)s; not answered yet: pick a number; Esc: menu)") % of
    return ask(
        s,
        index,
        Where(index, len(s.workshop.touchpoints), k, show_help),
        d.question,
        options,
        default=phones.default if phones else NO_ANSWER if current is None else current,
        instruction=phones.instruction if phones else instruction,
    )


def _back_option(s: State, first: bool) -> Option:
    if first and s.previous is not None and s.index_of(s.previous) is not None:
        name = s.workshop.touchpoints[s.at(s.previous)].name
        said = _("Back to %(name)s: actions, parking lot, changes") % {"name": repr(name)}
        return Option(said, BACK, key="b")
    return Option(
        _("Back to the previous question"),
        BACK,
        key="b",
        disabled=_("this is the first question") if first else None,
    )


def clear(s: State, index: int, k: int) -> None:
    """Clear the room's answer (its decision, where people voted), after a y and Enter."""
    d = s.questionnaire.dimensions[k]
    voted = d.id in s.result(index).consensus
    said = {"question": in_sentence(d.label)}
    if voted:
        question = _("Clear the room's decision on %(question)s? Votes stay. (y, then Enter)")
    else:
        question = _("Clear the answer to %(question)s? Votes stay. (y, then Enter)")
    if s.confirm(question % said, False):
        if voted:
            s.set_settled(index, d.id, None)
        else:
            s.set_score(index, d.id, None)


def keep_or_set(s: State, index: int, k: int, value: int) -> None:
    """Write `value` as the room's answer unless it is what already counts. Over the votes it
    is the room's decision; on a split it settles it, and the room may say why."""
    d = s.questionnaire.dimensions[k]
    result = s.result(index)
    if value == current_answer(d, result):
        return
    team = result.consensus.get(d.id)
    if team is None:
        s.set_score(index, d.id, value)
    elif team.disagreement:
        s.set_settled(index, d.id, value, votes.ask_reason(s, index, k, value))
    else:
        s.set_settled(index, d.id, value)
