"""Team self-assessment: merge individual files into one workshop with everyone's votes.
Pure: loaded workshops in, a document out."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from assess.errors import InputError, Problem
from assess.files import editing, resources
from assess.files.loader import Loaded
from assess.journeys import Touchpoint
from assess.team.compare import TouchpointIndex


def person_of(loaded: Loaded) -> str:
    """A self-assessment's author: its single participant, else the file's name."""
    people = loaded.workshop.participants
    return people[0] if len(people) == 1 else loaded.path.stem


@dataclass
class Merged:
    document: CommentedMap
    people: list[str]
    #: Things the facilitator should know: touchpoints only some people had, metadata that differs.
    report: list[str] = field(default_factory=list)
    #: The questionnaire file the inputs use, when it is not a bundled one.
    questionnaire: Path | None = None


def _rebased_questionnaire(inputs: Sequence[Loaded], out_folder: Path) -> tuple[str, Path | None]:
    """The questionnaire reference for the merged file, rebased from the first input's folder to
    the output's, and the file itself when it is not a bundled one."""
    ref = inputs[0].workshop.questionnaire
    if ref in resources.bundled_questionnaires():
        return ref, None
    source = (inputs[0].path.parent / ref).resolve()
    try:
        return Path(os.path.relpath(source, out_folder.resolve())).as_posix(), source
    except ValueError:  # another drive on Windows
        return str(source), source


def _check_authors(people: Sequence[str], inputs: Sequence[Loaded]) -> None:
    seen: dict[str, Path] = {}
    for person, loaded in zip(people, inputs, strict=True):
        if person in seen:
            raise InputError(
                [
                    Problem(
                        str(loaded.path),
                        f"is also by {person!r}, like {seen[person]}; "
                        "give each file a single, different `participants` entry",
                    )
                ]
            )
        seen[person] = loaded.path


def _metadata_notes(inputs: Sequence[Loaded]) -> list[str]:
    """Where the files disagree on the workshop's metadata: the first file's value is kept."""
    report = []
    first = inputs[0].workshop
    for key in ("title", "organisation", "date", "facilitator", "questionnaire"):
        values = {
            str(getattr(loaded.workshop, key)) for loaded in inputs if getattr(loaded.workshop, key)
        }
        if len(values) > 1:
            kept = getattr(first, key)
            shown = "; ".join(
                f"{loaded.path.name}: {getattr(loaded.workshop, key)}" for loaded in inputs
            )
            report.append(f"The files disagree on {key} ({shown}); kept {kept!r}.")
    return report


Entry = tuple[str, Loaded, Touchpoint]


def _groups(people: Sequence[str], inputs: Sequence[Loaded]) -> list[list[Entry]]:
    """Each touchpoint with every person's copy of it, in order of first appearance. Two
    touchpoints of one file are never one: the loader told them apart (by id where the name
    is the same), so a second 'Refund' with its own id starts its own group."""
    groups: list[list[Entry]] = []
    index = TouchpointIndex()
    for person, loaded in zip(people, inputs, strict=True):
        for tp in loaded.workshop.touchpoints:
            found = index.find(tp)
            if found is None or any(entry[1] is loaded for entry in groups[found]):
                found = len(groups)
                groups.append([])
            index.add(tp, found)
            groups[found].append((person, loaded, tp))
    return groups


def _questionnaire_notes(original: str, ref: str, questionnaire_file: Path | None) -> list[str]:
    if questionnaire_file is None:
        return []
    report = []
    if ref != original:
        report.append(
            f"The questionnaire path {original!r} is written as {ref!r}, relative to "
            "the merged file's folder."
        )
    if ref.startswith(".."):
        report.append(
            f"The questionnaire is outside the merged file's folder: give it to later commands "
            f"with --questionnaire {questionnaire_file}, or copy it beside the merged file."
        )
    return report


def _votes(entries: Sequence[Entry], dims: Sequence[str]) -> CommentedMap:
    """Everyone's ballot on one touchpoint; one person voting two ways is an error."""
    base = entries[0][2]
    votes = CommentedMap()
    source: dict[str, Path] = {}
    for person, loaded, tp in entries:
        for voter, ballot in {**tp.votes, person: tp.scores}.items():
            cast = {d: ballot[d] for d in dims if ballot.get(d) is not None}
            if not cast:
                continue
            if voter in votes and dict(votes[voter]) != cast:
                raise InputError(
                    [
                        Problem(
                            str(loaded.path),
                            f"touchpoint {base.name!r}: {voter!r} voted differently here "
                            f"and in {source[voter]}; keep one of the two votes",
                        )
                    ]
                )
            row = CommentedMap(cast)
            row.fa.set_flow_style()
            votes[voter] = row
            source.setdefault(voter, loaded.path)
    return votes


def _fields(entries: Sequence[Entry]) -> dict[str, Any]:
    """The first copy's fields; notes that differ are kept, each with its author."""
    base = entries[0][2]
    fields = {k: getattr(base, k) for k in ("id", "name", "stage", "channel", "description")}
    for key in ("volume", "handle_minutes"):
        # Facts, not votes: the first file that gives one is kept (_fact_notes says if others
        # differ).
        fields[key] = next((getattr(tp, key) for _, _, tp in entries if getattr(tp, key)), None)
    notes = [(person, tp.notes) for person, _, tp in entries if tp.notes]
    if len({n for _, n in notes}) == 1:
        fields["notes"] = notes[0][1]
    elif notes:
        fields["notes"] = "\n".join(f"{person}: {text}" for person, text in notes)
    return fields


def _unanswered(
    groups: Sequence[Sequence[Entry]], dims: Sequence[str], people: Sequence[str]
) -> list[str]:
    """Who left which of their touchpoints without a full set of answers."""
    left: dict[str, list[str]] = {}
    for entries in groups:
        for person, _, tp in entries:
            if any(tp.scores.get(d) is None for d in dims):
                left.setdefault(person, []).append(repr(tp.name))
    report = []
    for person in (p for p in people if p in left):
        names = left[person]
        more = f" and {len(names) - 5} more" if len(names) > 5 else ""
        count = f"{len(names)} touchpoint{'' if len(names) == 1 else 's'}"
        report.append(f"{person} left {count} unanswered: {', '.join(names[:5])}{more}.")
    return report


def _fact_notes(entries: Sequence[Entry]) -> list[str]:
    """Where people's files give different volumes or handle times for one touchpoint."""
    report = []
    for key in ("volume", "handle_minutes"):
        given = [(loaded.path.name, getattr(tp, key)) for _, loaded, tp in entries]
        given = [(name, value) for name, value in given if value is not None]
        if len({value for _, value in given}) > 1:
            shown = "; ".join(f"{name}: {value:g}" for name, value in given)
            report.append(
                f"The files disagree on the {key.replace('_', ' ')} of {entries[0][2].name!r} "
                f"({shown}); kept {given[0][1]:g}."
            )
    return report


def merge(inputs: Sequence[Loaded], out_folder: Path = Path(".")) -> Merged:
    people = [person_of(loaded) for loaded in inputs]
    _check_authors(people, inputs)
    report = _metadata_notes(inputs)
    first = inputs[0].workshop
    groups = _groups(people, inputs)
    ref, questionnaire_file = _rebased_questionnaire(inputs, out_folder)
    report += _questionnaire_notes(first.questionnaire, ref, questionnaire_file)
    doc = editing.new_document(
        first.title,
        organisation=first.organisation or "",
        date=first.date or "",
        facilitator=first.facilitator or "",
        participants=people,
        questionnaire=ref,
    )
    dims = inputs[0].questionnaire.dimension_ids
    for entries in groups:
        position = editing.add_touchpoint(doc, _fields(entries))
        report += _fact_notes(entries)
        votes = _votes(entries, dims)
        if votes:
            editing.touchpoints(doc)[position]["votes"] = votes
        if len(entries) < len(inputs):
            having = [loaded.path.name for _, loaded, _ in entries]
            missing = [loaded.path.name for loaded in inputs if loaded.path.name not in having]
            report.append(
                f"Touchpoint {entries[0][2].name!r} is only in {', '.join(having)} "
                f"(not in {', '.join(missing)}); kept."
            )
    report += _unanswered(groups, dims, people)
    return Merged(doc, people, report, questionnaire_file)
