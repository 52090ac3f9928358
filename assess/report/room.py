"""What the room decided, for the report: the splits it settled and those still open, the
actions it agreed with their owners, the questions it parked and where its time went. Pure:
an assessment in, sentences and rows out.

A settled split is said as settled everywhere a leader reads: the summary, page 2, the lists
and the counts speak of open splits only, and say apart how many the room settled.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from assess.i18n import _, in_sentence, ngettext
from assess.journeys import Action
from assess.method.consensus import Consensus
from assess.method.explain import optional_sentence
from assess.method.scoring import Assessment, Result
from assess.method.words import join_words, nowrap, quoted
from assess.models import Questionnaire

#: How many touchpoints a sentence names before saying "and N more".
NAMED = 3


def _names(results: Sequence[Result]) -> str:
    shown = join_words([quoted(r.touchpoint.name) for r in results[:NAMED]])
    more = len(results) - NAMED
    if more <= 0:
        return shown
    return shown + " " + ngettext("and %(num)s more", "and %(num)s more", more) % {"num": more}


def split_sentences(results: Sequence[Result]) -> list[str]:
    """The executive summary's words on splits: the open ones, then apart those settled."""
    open_ = [r for r in results if r.open_splits]
    settled = [r for r in results if r.settled_splits]
    sentences = []
    if open_:
        sentences.append(
            ngettext(
                "The team disagrees on %(n)d touchpoint: people's answers differ by two "
                "points or more. That difference is worth hearing before acting.",
                "The team disagrees on %(n)d touchpoints: people's answers differ by two "
                "points or more. Those differences are worth hearing before acting.",
                len(open_),
            )
            % {"n": len(open_)}
        )
    if settled:
        count = sum(len(r.settled_splits) for r in settled)
        sentences.append(
            ngettext(
                "The room settled %(n)d split, on %(names)s; its decision counts, and the votes "
                "behind it are on the touchpoint's page.",
                "The room settled %(n)d splits, on %(names)s; its decisions count, and the votes "
                "behind them are on each touchpoint's page.",
                count,
            )
            % {"n": count, "names": _names(settled)}
        )
    return sentences


@dataclass(frozen=True)
class SettledRow:
    result: Result
    split: Consensus


@dataclass(frozen=True)
class ActionRow:
    result: Result
    action: Action


@dataclass(frozen=True)
class ParkedRow:
    result: Result
    text: str


@dataclass(frozen=True)
class TimeUsed:
    """Where the room's time went: minutes per touchpoint, their sum, and the timebox."""

    rows: tuple[tuple[Result, float], ...]
    total: float
    timebox: int | None


def actions(results: Sequence[Result]) -> list[ActionRow]:
    """Every action, those with the nearest due date first, then those without one, each in
    the journey's order."""
    rows = [ActionRow(r, a) for r in results for a in r.touchpoint.actions]
    return sorted(rows, key=lambda row: row.action.due or dt.date.max)


def time_used(assessment: Assessment) -> TimeUsed | None:
    """None when the room kept no time (no timeboxed `assess run`)."""
    rows = tuple(
        (r, r.touchpoint.minutes_used)
        for r in assessment.results
        if r.touchpoint.minutes_used is not None
    )
    if not rows:
        return None
    return TimeUsed(rows, sum(m for _, m in rows), assessment.workshop.timebox)


def minutes(value: float) -> str:
    """'7 min', '1 h 05 min' (half a minute rounds up), kept on one line."""
    whole = math.floor(value + 0.5)
    if whole < 60:
        return nowrap(_("%(minutes)s min") % {"minutes": whole})
    said = {"hours": whole // 60, "minutes": f"{whole % 60:02d}"}
    return nowrap(_("%(hours)s h %(minutes)s min") % said)


def decide_why(result: Result, borderline: str, questionnaire: Questionnaire) -> str:
    """Why a verdict is decided first, in a leader's words (`borderline`: why it is
    borderline, if it is)."""
    parts = [borderline] if borderline else []
    if result.open_splits:
        labels = join_words([in_sentence(c.label) for c in result.open_splits])
        parts.append(_("The team is split on %(questions)s.") % {"questions": labels})
    if result.open_questions:
        labels = join_words(
            [quoted(questionnaire.optional_input(i).label) for i in result.open_questions]
        )
        parts.append(
            _("This verdict needs an answer to %(questions)s, and it is not given yet.")
            % {"questions": labels}
        )
    return " ".join(parts)


def room_context(assessment: Assessment) -> dict[str, object]:
    """The report's context for what the room decided."""
    results = assessment.results
    return {
        "open_splits": sum(len(r.open_splits) for r in results),
        "settled": [SettledRow(r, c) for r in results for c in r.settled_splits],
        "actions": actions(results),
        "parked": [ParkedRow(r, text) for r in results for text in r.touchpoint.parked],
        "time": time_used(assessment),
        "optional_sentence": optional_sentence(assessment.questionnaire),
        "minutes": minutes,
    }
