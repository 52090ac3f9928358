"""What each person said about one touchpoint, merged: their votes (scores and answers to
optional questions), the answers everyone agrees on, their notes with their names, and what
they left unanswered. Pure: the copies of a touchpoint in, the merged parts out.

How answers to optional questions merge: each person's answer is their vote, written beside
their scores (`votes: {Ana: {complexity: 3, consequence: harmful}}`). Where everyone who
answered gave the same option, that option is the touchpoint's answer (`inputs`). Where people
gave different options, nothing is picked (not the first file's, not the most human): the
question stays unanswered, the merge says who answered what, and `assess run` shows the split
when the room reaches the optional questions, where the room's choice becomes the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ruamel.yaml.comments import CommentedMap

from assess.errors import InputError, Problem
from assess.journeys import Touchpoint
from assess.models import LONG_TEXT_MAX, Questionnaire
from assess.team.columns import FACTS
from assess.team.sheets import Returned
from assess.textsafety import clip


@dataclass(frozen=True)
class Entry:
    """One person's copy of a touchpoint: who, from which file, and where in it."""

    person: str
    source: Returned
    index: int

    @property
    def tp(self) -> Touchpoint:
        return self.source.loaded.workshop.touchpoints[self.index]


def ballots(entries: Sequence[Entry], q: Questionnaire) -> dict[str, dict[str, int | str]]:
    """Everyone's ballot on one touchpoint: scores and optional answers, in the order of the
    files; one person voting two ways is an error naming both files."""
    cast: dict[str, dict[str, int | str]] = {}
    source: dict[str, str] = {}
    for entry in entries:
        tp = entry.tp
        own: dict[str, dict[str, int | str]] = {
            voter: {d: v for d in q.dimension_ids if (v := ballot.get(d)) is not None}
            for voter, ballot in tp.votes.items()
        }
        for voter, answers in tp.answer_votes.items():
            own.setdefault(voter, {}).update(answers)
        mine = {d: v for d in q.dimension_ids if (v := tp.scores.get(d)) is not None}
        # A touchpoint with votes is a team's: its optional answers are the room's, not a vote.
        answers = {} if tp.votes or tp.answer_votes else tp.inputs
        own[entry.person] = {**own.get(entry.person, {}), **mine, **answers}
        for voter, ballot in own.items():
            if not ballot:
                continue
            if voter in cast and cast[voter] != ballot:
                raise InputError(
                    [
                        Problem(
                            str(entry.source.loaded.path),
                            f"touchpoint '{clip(entries[0].tp.name)}': {voter!r} voted "
                            f"differently here and in {source[voter]}; keep one of the two votes",
                        )
                    ]
                )
            cast[voter] = ballot
            source.setdefault(voter, str(entry.source.loaded.path))
    return cast


def as_votes(cast: dict[str, dict[str, int | str]], q: Questionnaire) -> CommentedMap:
    """The ballots as the file writes them: scores in the questionnaire's order, then answers."""
    votes = CommentedMap()
    order = [*q.dimension_ids, *q.input_ids]
    for voter, ballot in cast.items():
        row = CommentedMap((k, ballot[k]) for k in order if k in ballot)
        row.fa.set_flow_style()
        votes[voter] = row
    return votes


def agreed_inputs(
    cast: dict[str, dict[str, int | str]], q: Questionnaire, name: str
) -> tuple[dict[str, str], list[str]]:
    """The optional answers everyone who answered agrees on, and a line for each split."""
    agreed: dict[str, str] = {}
    report = []
    for question in q.inputs:
        given = {p: str(b[question.id]) for p, b in cast.items() if question.id in b}
        if len(set(given.values())) == 1:
            agreed[question.id] = next(iter(given.values()))
        elif given:
            shown = ", ".join(f"{p}: {question.option(o).label.lower()}" for p, o in given.items())
            report.append(
                f"People answered '{question.label.lower()}' differently for '{clip(name)}' "
                f"({shown}); it is left for the room to settle in `assess run`."
            )
    return agreed, report


def notes(entries: Sequence[Entry]) -> str | None:
    """Every note with its author, one note or many ("Ana: ..."; "Ana on scale: ..."). A note
    every file that has the touchpoint holds word for word (the workshop's own, handed out to
    all) is kept once, unnamed."""
    general = [(e.person, e.tp.notes) for e in entries if e.tp.notes]
    lines: list[str] = []
    texts = {text for _, text in general}
    if len(general) == len(entries) > 1 and len(texts) == 1:
        lines.append(general[0][1] or "")
    else:
        lines += [f"{person}: {text}" for person, text in general]
    for entry in entries:
        for question, text in _question_notes(entry).items():
            lines.append(f"{entry.person} on {question}: {text}")
    joined = "\n".join(lines)
    if len(joined) > LONG_TEXT_MAX:
        raise InputError(
            [
                Problem(
                    str(entries[0].source.loaded.path),
                    f"touchpoint '{clip(entries[0].tp.name)}': everyone's notes together are "
                    f"{len(joined):,} characters long; a touchpoint's notes take {LONG_TEXT_MAX:,}"
                    ": shorten some before merging",
                )
            ]
        )
    return joined or None


def _question_notes(entry: Entry) -> dict[str, str]:
    found = entry.source.question_notes
    return found[entry.index] if entry.index < len(found) else {}


def facts(entries: Sequence[Entry]) -> tuple[dict[str, int | float | None], list[str]]:
    """The facts (volume, handle time, ...): the first file's that gives one, and a line where
    files differ. Facts are not votes: nothing is averaged."""
    kept: dict[str, int | float | None] = {}
    report = []
    for key in FACTS:
        given = [
            (e.source.loaded.path.name, v) for e in entries if (v := getattr(e.tp, key)) is not None
        ]
        kept[key] = given[0][1] if given else None
        if len({value for _, value in given}) > 1:
            shown = "; ".join(f"{name}: {value:g}" for name, value in given)
            report.append(
                f"The files disagree on the {key.replace('_', ' ')} of "
                f"'{clip(entries[0].tp.name)}' ({shown}); kept {given[0][1]:g}."
            )
    return kept, report


def unanswered(
    groups: Sequence[Sequence[Entry]], q: Questionnaire, people: Sequence[str]
) -> list[str]:
    """Who left what unanswered: whole touchpoints (with their rows), and the questions of
    touchpoints they partly answered (with their cells)."""
    untouched: dict[str, list[str]] = {}
    partly: dict[str, list[str]] = {}
    for entries in groups:
        for entry in entries:
            missing = [d for d in q.dimensions if entry.tp.scores.get(d.id) is None]
            if not missing:
                continue
            name = f"'{clip(entry.tp.name, 60)}'"
            if len(missing) == len(q.dimensions):
                row = entry.source.row(entry.index)
                untouched.setdefault(entry.person, []).append(f"{name} ({row})" if row else name)
                continue
            asked = [f"{d.label.lower()}{_at(entry, d.id)}" for d in missing]
            partly.setdefault(entry.person, []).append(f"{name}: {_and(asked)}")
    report = []
    for person in people:
        if names := untouched.get(person):
            report.append(
                f"{person} left {_count(names, 'touchpoint')} unanswered: {_listed(names, ', ')}."
            )
        if items := partly.get(person):
            report.append(
                f"{person} left questions unanswered in {_count(items, 'touchpoint')}: "
                f"{_listed(items, '; ')}."
            )
    return report


def _at(entry: Entry, question: str) -> str:
    cell = entry.source.cell(entry.index, question)
    return f" ({cell})" if cell else ""


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _count(items: Sequence[str], noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def _listed(items: Sequence[str], joiner: str) -> str:
    more = f"{joiner}and {len(items) - 5} more" if len(items) > 5 else ""
    return joiner.join(items[:5]) + more
